import type { Document } from 'mongodb';
import type { Jurisdiction } from '@hub/contracts';
import type { InsightsStore } from '../read-model/insights-store';
import { dayBefore, dayAfter } from '../read-model/fact-rows';
import type { TransferStepRow } from '../read-model/transfer-rows';
import { suppressSmallCells } from '../publication/disclosure-control';
import type { AnnualReportFigures } from './annual-report-figures';
import { countedBy, keyOf } from './counted-query';
import type { FigureTable } from './figure-table';
import { areasOf, categoriesOf, jurisdictionNames } from './jurisdiction-terms';
import { recordChecks, type CheckSettings, type RecordCheck } from './record-checks';
import { countTable, type Keyed } from './table-builder';

export type Interval = 'month' | 'quarter' | 'year';

/** Where a figure is for: a jurisdiction, or one area of it. */
export interface Scope {
  jurisdiction: Jurisdiction;
  area?: string;
}

/** The last day of each interval from `from` to `to` (the last point is `to` itself). */
export function pointsBetween(from: string, to: string, interval: Interval): string[] {
  const months = { month: 1, quarter: 3, year: 12 }[interval];
  const points: string[] = [];
  const [year, month] = from.split('-').map(Number);
  // The first interval ends at the end of the month (quarter, year) `from` falls in.
  let cursor = new Date(Date.UTC(year, month - 1 + months, 1));
  for (;;) {
    const end = dayBefore(cursor.toISOString().slice(0, 10));
    if (end >= to) break;
    points.push(end);
    cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + months, 1));
  }
  points.push(to);
  return points;
}

const scopeName = (scope: Scope): string => scope.area ?? jurisdictionNames[scope.jurisdiction];

const dayMs = 24 * 60 * 60 * 1000;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Management information: the report's measures over time per area, transfers and how long their
 * steps took, overdue reviews and records failing the recording standards.
 */
export class ManagementInformation {
  constructor(
    private readonly store: InsightsStore,
    private readonly report: AnnualReportFigures,
    private readonly suppressionThreshold: number,
  ) {}

  private published(table: FigureTable): FigureTable {
    return suppressSmallCells(table, this.suppressionThreshold);
  }

  /** People managed on one day, by category and level. */
  async managedOn(scope: Scope, day: string): Promise<FigureTable> {
    const { counts, query } = await this.report.managedOn(scope.jurisdiction, day, scope.area);
    const ni = scope.jurisdiction === 'NORTHERN_IRELAND';
    return this.published(
      countTable({
        id: 'managed-on-day',
        title: `People managed on ${day} — ${scopeName(scope)}`,
        description:
          'People under the arrangements on the day, by category and level (PPANI: by category of risk), in the area managing them that day.',
        asAt: day,
        rowHeading: 'Category',
        rows: categoriesOf(scope.jurisdiction),
        columns: ni
          ? [{ key: 'null', label: 'People' }]
          : [
              { key: 'LEVEL_1', label: 'Level 1' },
              { key: 'LEVEL_2', label: 'Level 2' },
              { key: 'LEVEL_3', label: 'Level 3' },
            ],
        count: (category, level) => counts.get(keyOf([category, level])) ?? 0,
        totals: { row: true, column: !ni },
        query,
      }),
    );
  }

  /** People managed at the end of each month (quarter, year), per category. */
  async managedOverTime(
    scope: Scope,
    period: { from: string; to: string },
    interval: Interval,
  ): Promise<FigureTable> {
    const points = pointsBetween(period.from, period.to, interval);
    const categories = categoriesOf(scope.jurisdiction);
    const byPoint = new Map<string, Map<string, number>>();
    let query = '';
    for (const day of points) {
      const counted = await this.report.managedOn(scope.jurisdiction, day, scope.area);
      const perCategory = new Map<string, number>();
      for (const [key, count] of counted.counts) {
        const category = key.split('|')[0];
        perCategory.set(category, (perCategory.get(category) ?? 0) + count);
      }
      byPoint.set(day, perCategory);
      query = counted.query;
    }
    return this.published(
      countTable({
        id: 'managed-over-time',
        title: `People managed at the end of each ${interval} — ${scopeName(scope)}`,
        description:
          'People under the arrangements on the last day of each interval, by category; the query is run once per day shown (the day below is the last one).',
        period,
        rowHeading: 'Day',
        rows: points.map((day) => ({ key: day, label: day })),
        columns: categories,
        count: (day, category) => byPoint.get(day)?.get(category) ?? 0,
        totals: { row: false, column: true },
        query,
      }),
    );
  }

  /** Transfers requested and completed in the period, into and out of each area. */
  async transfers(scope: Scope, period: { from: string; to: string }): Promise<FigureTable> {
    const range: Document = {
      at: {
        $gte: new Date(`${period.from}T00:00:00Z`),
        $lt: new Date(`${dayAfter(period.to)}T00:00:00Z`),
      },
      step: { $in: ['REQUESTED', 'COMPLETED'] },
    };
    const out = await countedBy(this.store.transferSteps, range, ['sendingArea', 'step']);
    const into = await countedBy(this.store.transferSteps, range, ['receivingArea', 'step']);
    const areas = scope.area ? [scope.area] : areasOf(scope.jurisdiction);
    const columns: Keyed[] = [
      { key: 'out:REQUESTED', label: 'Requested out' },
      { key: 'out:COMPLETED', label: 'Completed out' },
      { key: 'in:REQUESTED', label: 'Requested in' },
      { key: 'in:COMPLETED', label: 'Completed in' },
    ];
    return this.published(
      countTable({
        id: 'transfers-by-area',
        title: `Transfers between areas — ${scopeName(scope)}`,
        description:
          "Transfers of people's management requested and completed during the period, out of and into each area (moves across UK borders included).",
        period,
        rowHeading: 'Area',
        rows: areas.map((area) => ({ key: area, label: area })),
        columns,
        count: (area, column) => {
          const [direction, step] = column.split(':');
          return (direction === 'out' ? out : into).counts.get(keyOf([area, step])) ?? 0;
        },
        totals: { row: !scope.area, column: false },
        query: `${out.query}\n${into.query}`,
      }),
    );
  }

  /**
   * How long each awaited step of a transfer took, against its deadline: a step is answered by the
   * next step of the same transfer; it is late when answered after it was due.
   */
  async transferStepTimes(
    scope: Scope,
    period: { from: string; to: string },
  ): Promise<FigureTable> {
    const areas = new Set(scope.area ? [scope.area] : areasOf(scope.jurisdiction));
    const match: Document = {
      $or: [{ sendingArea: { $in: [...areas] } }, { receivingArea: { $in: [...areas] } }],
    };
    const steps = await this.store.transferSteps
      .find(match)
      .sort({ transferId: 1, version: 1 })
      .toArray();
    const stats = new Map<string, { days: number[]; late: number; overdueNow: number }>();
    const entry = (step: string) => {
      let found = stats.get(step);
      if (!found) stats.set(step, (found = { days: [], late: 0, overdueNow: 0 }));
      return found;
    };
    const end = new Date(`${dayAfter(period.to)}T00:00:00Z`);
    const start = new Date(`${period.from}T00:00:00Z`);
    steps.forEach((step, index) => {
      const previous: TransferStepRow | undefined = steps[index - 1];
      const awaited = previous?.transferId === step.transferId ? previous : undefined;
      if (awaited?.dueStep && step.at >= start && step.at < end) {
        const stat = entry(awaited.dueStep);
        stat.days.push((step.at.getTime() - awaited.at.getTime()) / dayMs);
        if (awaited.dueAt && step.at > awaited.dueAt) stat.late += 1;
      }
      const next = steps[index + 1];
      if (
        step.dueStep &&
        step.dueAt &&
        step.dueAt < end &&
        (next === undefined || next.transferId !== step.transferId)
      ) {
        entry(step.dueStep).overdueNow += 1;
      }
    });
    const rows = [...stats.keys()].sort();
    const table: FigureTable = {
      id: 'transfer-step-times',
      title: `How long transfer steps took — ${scopeName(scope)}`,
      description:
        'For each step a transfer waits for (acknowledgement, consultation, decision...): how many were taken during the period, the median days they took, how many were taken after their deadline, and how many are still awaited past it at the end of the period.',
      asAt: null,
      period,
      rowHeading: 'Awaited step',
      columns: ['Taken', 'Median days', 'Taken late', 'Overdue, not taken'],
      rows: rows.map((step) => {
        const stat = stats.get(step)!;
        const days = median(stat.days);
        return {
          label: step,
          cells: [
            { value: stat.days.length, suppressed: null },
            { value: days === null ? null : Math.round(days * 10) / 10, suppressed: null },
            { value: stat.late, suppressed: null },
            { value: stat.overdueNow, suppressed: null },
          ],
        };
      }),
      totals: { row: false, column: false },
      unit: 'count',
      query: `db.insight_transfer_steps.find(${JSON.stringify(match)}).sort({ transferId: 1, version: 1 })\n// each step answers the previous step's dueStep; late when taken after its dueAt`,
      notes: [
        'Durations are counted in calendar days between the steps; deadlines are those the transfer coordinator set (working days).',
        'Not subject to small-cell suppression: the figures are about areas’ handling of transfers, not about people.',
      ],
    };
    return table;
  }

  /** The checks of one kind, counted per area of the scope. */
  async checksByArea(
    scope: Scope,
    kind: RecordCheck['kind'],
    settings: CheckSettings,
  ): Promise<FigureTable> {
    const checks = recordChecks.filter((check) => check.kind === kind);
    const areas = scope.area ? [scope.area] : areasOf(scope.jurisdiction);
    const counted = await Promise.all(
      checks.map((check) =>
        countedBy(this.store.people, { ...check.filter(settings), managingArea: { $in: areas } }, [
          'managingArea',
        ]),
      ),
    );
    return this.published(
      countTable({
        id: kind === 'overdue-review' ? 'overdue-reviews' : 'recording-standards',
        title: `${kind === 'overdue-review' ? 'Overdue reviews' : 'Records failing the recording standards'} on ${settings.today} — ${scopeName(scope)}`,
        description: checks.map((check) => `${check.title}: ${check.description}`).join(' '),
        asAt: settings.today,
        rowHeading: 'Area',
        rows: areas.map((area) => ({ key: area, label: area })),
        columns: checks.map((check) => ({ key: check.id, label: check.title })),
        count: (area, checkId) =>
          counted[checks.findIndex((check) => check.id === checkId)].counts.get(keyOf([area])) ?? 0,
        totals: { row: !scope.area, column: false },
        query: counted.map((count) => count.query).join('\n'),
        notes: [
          'Judged on the latest version of each record (as at today), not on its history. A record may fail several checks.',
        ],
      }),
    );
  }
}
