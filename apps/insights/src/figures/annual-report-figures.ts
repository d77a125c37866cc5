import type { Document } from 'mongodb';
import type { CivilOrderType, Jurisdiction } from '@hub/contracts';
import type { InsightsStore } from '../read-model/insights-store';
import type { AnnualReport } from '../report/annual-report';
import { suppressRatesOfSmallCounts, suppressSmallCells } from '../publication/disclosure-control';
import { countedBy, coveringDay, keyOf, within } from './counted-query';
import { DailyCounts } from './daily-counts';
import { FigureCache } from './figure-cache';
import type { FigureTable } from './figure-table';
import { areasOf, categoriesOf, categoryFieldOf, jurisdictionNames } from './jurisdiction-terms';
import { populationEstimates } from './population';
import { ratePer100k } from './rates';
import { countTable, type Keyed } from './table-builder';

/** The reporting year ending on 31 March of `year`, as the published reports count it. */
export function reportingYear(year: number): { from: string; to: string; label: string } {
  return {
    from: `${year - 1}-04-01`,
    to: `${year}-03-31`,
    label: `${year - 1}/${String(year % 100).padStart(2, '0')}`,
  };
}

const levels: Keyed[] = [
  { key: 'LEVEL_1', label: 'Level 1' },
  { key: 'LEVEL_2', label: 'Level 2' },
  { key: 'LEVEL_3', label: 'Level 3' },
];
const activeLevels = levels.slice(1);

/** The restrictive orders each jurisdiction's report counts, in its terms (interim orders with their kind). */
const ordersReported: Record<
  Jurisdiction,
  { label: string; types: CivilOrderType[]; foreignTravelOnly?: boolean }[]
> = {
  ENGLAND_AND_WALES: [
    {
      label: 'Sexual harm prevention orders (SHPOs)',
      types: ['SEXUAL_HARM_PREVENTION_ORDER', 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER'],
    },
    {
      label: 'SHPOs with foreign travel restrictions',
      types: ['SEXUAL_HARM_PREVENTION_ORDER', 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER'],
      foreignTravelOnly: true,
    },
    {
      label: 'Notification orders',
      types: ['NOTIFICATION_ORDER', 'INTERIM_NOTIFICATION_ORDER'],
    },
    {
      label: 'Sexual risk orders (SROs)',
      types: ['SEXUAL_RISK_ORDER', 'INTERIM_SEXUAL_RISK_ORDER'],
    },
  ],
  SCOTLAND: [
    {
      label: 'Sexual harm prevention orders (SHPOs)',
      types: ['SEXUAL_HARM_PREVENTION_ORDER', 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER'],
    },
    {
      label: 'SHPOs with foreign travel restrictions',
      types: ['SEXUAL_HARM_PREVENTION_ORDER', 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER'],
      foreignTravelOnly: true,
    },
    {
      label: 'Sexual risk orders (SROs)',
      types: ['SEXUAL_RISK_ORDER', 'INTERIM_SEXUAL_RISK_ORDER'],
    },
    {
      label: 'Notification orders',
      types: ['NOTIFICATION_ORDER', 'INTERIM_NOTIFICATION_ORDER'],
    },
  ],
  NORTHERN_IRELAND: [
    {
      label: 'Sexual offences prevention orders (SOPOs)',
      types: ['SEXUAL_OFFENCES_PREVENTION_ORDER'],
    },
    { label: 'Risk of sexual harm orders (RoSHOs)', types: ['RISK_OF_SEXUAL_HARM_ORDER'] },
    { label: 'Foreign travel orders', types: ['FOREIGN_TRAVEL_ORDER'] },
    {
      label: 'Notification orders',
      types: ['NOTIFICATION_ORDER', 'INTERIM_NOTIFICATION_ORDER'],
    },
  ],
};

/** How many years the trend of people managed goes back, the reporting year included. */
const trendYears = 5;

/**
 * The figures of a jurisdiction's annual report, computed from the read model: counts on 31 March
 * from the periods covering that day, counts over the year from the dated events and orders.
 */
export class AnnualReportFigures {
  constructor(
    private readonly store: InsightsStore,
    private readonly suppressionThreshold: number,
    private readonly clock: () => Date,
    /** Where the daily counts are kept between figures; by default each report reads anew. */
    private readonly cache: FigureCache = new FigureCache(0),
  ) {}

  async report(jurisdiction: Jurisdiction, year: number): Promise<AnnualReport> {
    const period = reportingYear(year);
    const counts = [
      await this.managedByCategory(jurisdiction, period.to),
      ...(jurisdiction === 'NORTHERN_IRELAND'
        ? []
        : [await this.activeLevelsByCategory(jurisdiction, period.to)]),
      await this.rsosByArea(jurisdiction, period.to),
      await this.notificationBreaches(jurisdiction, period),
      await this.restrictiveOrders(jurisdiction, period),
      await this.returnedToCustody(jurisdiction, period),
      await this.rsosMissing(jurisdiction, period),
    ];
    const published = counts.map((table) => suppressSmallCells(table, this.suppressionThreshold));
    const rsos = published.find((table) => table.id === 'rsos-by-area')!;
    const rates = this.ratesOf(
      rsos,
      counts.find((table) => table.id === 'rsos-by-area')!,
    );
    const rsosAt = published.indexOf(rsos);
    const tables = [...published.slice(0, rsosAt + 1), rates, ...published.slice(rsosAt + 1)];
    return {
      jurisdiction,
      year,
      yearLabel: period.label,
      period: { from: period.from, to: period.to },
      generatedAt: this.clock().toISOString(),
      suppressionThreshold: this.suppressionThreshold,
      tables,
      trend: await this.trend(jurisdiction, year),
      ratesByArea: rates.rows.map((row) => ({ area: row.label, rate: row.cells[0].value })),
      populationSource: populationEstimates().sourceLine,
    };
  }

  /** People managed on `day` by category and level: the heart of MI and of the report. */
  async managedOn(
    jurisdiction: Jurisdiction,
    day: string,
    area?: string,
  ): Promise<{ counts: Map<string, number>; query: string }> {
    const { daily, query } = await this.dailyManaged(jurisdiction, area);
    return { counts: daily.on(day), query };
  }

  /**
   * The people under the arrangements in a jurisdiction (or one area) on every day at once, by
   * category and level: one read of its periods, kept by the cache for as long as any figure, so
   * that a count on any day, a series over time and the trend cost one binary search per group.
   */
  private dailyManaged(
    jurisdiction: Jurisdiction,
    area?: string,
  ): Promise<{ daily: DailyCounts; query: string }> {
    return this.cache.get(`daily-managed:${jurisdiction}:${area ?? ''}`, async () => {
      const field = categoryFieldOf(jurisdiction);
      // An area implies its jurisdiction; matching on the area alone lets the area's index serve it.
      const match: Document = {
        ...(area ? { area } : { jurisdiction }),
        arrangements: { $ne: null },
      };
      const projection = { _id: 0, from: 1, to: 1, [field]: 1, level: 1 };
      const periods = await this.store.periods.find(match, { projection }).toArray();
      const daily = new DailyCounts(
        periods.map((period) => ({
          key: keyOf([period[field], period.level]),
          from: period.from,
          to: period.to,
        })),
      );
      const query =
        `db.insight_periods.find(${JSON.stringify(match)}, ${JSON.stringify(projection)})\n` +
        `// each period counts one person, by ${field} and level, on every day from \`from\` to \`to\`: ` +
        'the count on a day is the number of periods covering it';
      return { daily, query };
    });
  }

  private async managedByCategory(jurisdiction: Jurisdiction, day: string): Promise<FigureTable> {
    const { counts, query } = await this.managedOn(jurisdiction, day);
    const arrangements = jurisdiction === 'NORTHERN_IRELAND' ? 'PPANI' : 'MAPPA';
    return countTable({
      id: 'people-managed-by-category',
      title: `${arrangements}-eligible people managed on ${day}, by category`,
      description: `People managed under ${arrangements} in ${jurisdictionNames[jurisdiction]} on the last day of the reporting year, by the category they were managed in that day. A person is counted once, in the area and category of that day; archived and merged records are not counted after they were archived or merged.`,
      asAt: day,
      rowHeading: 'Category',
      rows: categoriesOf(jurisdiction),
      columns: [{ key: 'people', label: 'People' }],
      count: (category) =>
        [...counts.entries()]
          .filter(([key]) => key.split('|')[0] === category)
          .reduce((sum, [, count]) => sum + count, 0),
      totals: { row: true, column: false },
      query,
    });
  }

  private async activeLevelsByCategory(
    jurisdiction: Jurisdiction,
    day: string,
  ): Promise<FigureTable> {
    const { counts, query } = await this.managedOn(jurisdiction, day);
    return countTable({
      id: 'level-2-and-3-by-category',
      title: `People managed at level 2 or 3 on ${day}, by category`,
      description:
        'People managed through multi-agency MAPPA meetings (level 2) or with senior representation (level 3) on the last day of the reporting year.',
      asAt: day,
      rowHeading: 'Category',
      rows: categoriesOf(jurisdiction),
      columns: activeLevels,
      count: (category, level) => counts.get(keyOf([category, level])) ?? 0,
      totals: { row: true, column: true },
      query,
    });
  }

  private async rsosByArea(jurisdiction: Jurisdiction, day: string): Promise<FigureTable> {
    const { counts, query } = await countedBy(
      this.store.periods,
      { jurisdiction, rso: true, ...coveringDay(day) },
      ['area'],
    );
    return countTable({
      id: 'rsos-by-area',
      title: `Registered sex offenders on ${day}, by area`,
      description:
        'People subject to the sex offender notification requirements on the last day of the reporting year, by the area managing them that day.',
      asAt: day,
      rowHeading: 'Area',
      rows: areasOf(jurisdiction).map((area) => ({ key: area, label: area })),
      columns: [{ key: 'rsos', label: 'Registered sex offenders' }],
      count: (area) => counts.get(keyOf([area])) ?? 0,
      totals: { row: true, column: false },
      query,
    });
  }

  /**
   * Rates per 100,000 population from the counts of each area, hidden wherever the published count
   * is hidden (for either reason): a rate and the population would give the count away.
   */
  private ratesOf(published: FigureTable, raw: FigureTable): FigureTable {
    const areasOnly = (table: FigureTable): FigureTable => ({
      ...table,
      rows: table.rows.filter((row) => row.label !== 'Total'),
      totals: { row: false, column: false },
    });
    const population = populationEstimates();
    const counts = areasOnly(raw);
    const rates: FigureTable = {
      ...counts,
      id: 'rso-rate-by-area',
      title: `Registered sex offenders per 100,000 population on ${raw.asAt}, by area`,
      description:
        "The count of registered sex offenders in each area on the last day of the year, per 100,000 of the area's population estimate.",
      columns: ['Per 100,000 population'],
      rows: counts.rows.map((row) => ({
        label: row.label,
        cells: [
          {
            value: ratePer100k(row.cells[0].value ?? 0, population.populationOf(row.label)),
            suppressed: null,
          },
        ],
      })),
      unit: 'rate-per-100k',
      query: `${raw.query}\n// each count divided by the area's population (${population.sourceLine}), times 100,000`,
      notes: [`Population: ${population.sourceLine}.`],
    };
    return suppressRatesOfSmallCounts(rates, areasOnly(published), this.suppressionThreshold);
  }

  private async notificationBreaches(
    jurisdiction: Jurisdiction,
    period: { from: string; to: string },
  ): Promise<FigureTable> {
    const { counts, query } = await countedBy(
      this.store.events,
      {
        jurisdiction,
        kind: { $in: ['NOTIFICATION_BREACH_CAUTIONED', 'NOTIFICATION_BREACH_CONVICTED'] },
        ...within('on', period),
      },
      ['kind'],
      'nominalId',
    );
    return countTable({
      id: 'notification-breaches',
      title:
        'Registered sex offenders cautioned or convicted for breach of notification requirements',
      description:
        'People cautioned, or convicted, during the reporting year for failing to comply with the notification requirements (Sexual Offences Act 2003 s91), as the police recorded it; a person cautioned and later convicted is in both rows.',
      period,
      rowHeading: 'Outcome',
      rows: [
        { key: 'NOTIFICATION_BREACH_CAUTIONED', label: 'Cautioned' },
        { key: 'NOTIFICATION_BREACH_CONVICTED', label: 'Convicted' },
      ],
      columns: [{ key: 'people', label: 'People' }],
      count: (kind) => counts.get(keyOf([kind])) ?? 0,
      totals: { row: false, column: false },
      query,
    });
  }

  private async restrictiveOrders(
    jurisdiction: Jurisdiction,
    period: { from: string; to: string },
  ): Promise<FigureTable> {
    const { counts, query } = await countedBy(
      this.store.orders,
      { jurisdiction, ...within('madeOn', period) },
      ['orderType', 'foreignTravelRestricted'],
    );
    const reported = ordersReported[jurisdiction];
    return countTable({
      id: 'restrictive-orders',
      title: 'Restrictive orders made',
      description:
        'Civil orders made by the courts during the reporting year for people managed in the jurisdiction, by kind (interim orders counted with their kind).',
      period,
      rowHeading: 'Order',
      rows: reported.map((row, index) => ({ key: String(index), label: row.label })),
      columns: [{ key: 'orders', label: 'Orders made' }],
      count: (index) => {
        const row = reported[Number(index)];
        return row.types.reduce(
          (sum, type) =>
            sum +
            (counts.get(keyOf([type, true])) ?? 0) +
            (row.foreignTravelOnly ? 0 : (counts.get(keyOf([type, false])) ?? 0)),
          0,
        );
      },
      totals: { row: false, column: false },
      query,
    });
  }

  private async returnedToCustody(
    jurisdiction: Jurisdiction,
    period: { from: string; to: string },
  ): Promise<FigureTable> {
    const field = categoryFieldOf(jurisdiction);
    const ni = jurisdiction === 'NORTHERN_IRELAND';
    const columns = ni ? categoriesOf(jurisdiction) : activeLevels;
    const groupField = ni ? field : 'level';
    const licence = await countedBy(
      this.store.events,
      {
        jurisdiction,
        $or: [{ kind: 'RECALL' }, { kind: 'CUSTODY_ADMISSION', custodyType: 'RECALLED' }],
        ...(ni ? { arrangements: 'PPANI' } : { level: { $in: ['LEVEL_2', 'LEVEL_3'] } }),
        ...within('on', period),
      },
      [groupField],
      'nominalId',
    );
    const order = await countedBy(
      this.store.events,
      {
        jurisdiction,
        kind: 'ORDER_BREACH_CONVICTED',
        sentencedToCustody: true,
        ...(ni ? { arrangements: 'PPANI' } : { level: { $in: ['LEVEL_2', 'LEVEL_3'] } }),
        ...within('on', period),
      },
      [groupField],
      'nominalId',
    );
    return countTable({
      id: 'returned-to-custody',
      title: ni
        ? 'People managed under PPANI returned to custody'
        : 'Level 2 and 3 people returned to custody',
      description:
        'People returned to custody during the reporting year for breach of their licence (recalled) or on conviction for breaching a civil order, by their level (or PPANI category) on that day. A person returned twice is counted once per row.',
      period,
      rowHeading: 'Returned to custody for',
      rows: [
        { key: 'licence', label: 'Breach of licence' },
        { key: 'order', label: 'Breach of a civil order' },
      ],
      columns,
      count: (row, column) =>
        (row === 'licence' ? licence : order).counts.get(keyOf([column])) ?? 0,
      totals: { row: false, column: false },
      query: `${licence.query}\n${order.query}`,
      notes: [
        'Charges for a serious further offence are not yet carried by the hub’s contracts and are not counted.',
      ],
    });
  }

  private async rsosMissing(
    jurisdiction: Jurisdiction,
    period: { from: string; to: string },
  ): Promise<FigureTable> {
    const during = await countedBy(
      this.store.events,
      { jurisdiction, kind: 'REPORTED_MISSING', rso: true, ...within('on', period) },
      ['kind'],
      'nominalId',
    );
    const onLastDay = await countedBy(
      this.store.periods,
      { jurisdiction, rso: true, missing: true, ...coveringDay(period.to) },
      ['missing'],
    );
    return countTable({
      id: 'rsos-missing',
      title: 'Registered sex offenders reported missing',
      description:
        'Registered sex offenders the police reported missing (whereabouts unknown) during the reporting year, and those still missing on its last day.',
      period,
      rowHeading: 'Missing',
      rows: [
        { key: 'during', label: 'Reported missing during the year' },
        { key: 'end', label: `Missing on ${period.to}` },
      ],
      columns: [{ key: 'people', label: 'People' }],
      count: (row) =>
        row === 'during'
          ? (during.counts.get(keyOf(['REPORTED_MISSING'])) ?? 0)
          : (onLastDay.counts.get(keyOf([true])) ?? 0),
      totals: { row: false, column: false },
      query: `${during.query}\n${onLastDay.query}`,
    });
  }

  /** People managed on 31 March of each of the last years, per category, small counts hidden. */
  private async trend(jurisdiction: Jurisdiction, year: number): Promise<AnnualReport['trend']> {
    const categories = categoriesOf(jurisdiction);
    const points: AnnualReport['trend'] = [];
    for (let past = year - trendYears + 1; past <= year; past++) {
      const { counts } = await this.managedOn(jurisdiction, `${past}-03-31`);
      for (const category of categories) {
        const count = [...counts.entries()]
          .filter(([key]) => key.split('|')[0] === category.key)
          .reduce((sum, [, value]) => sum + value, 0);
        points.push({
          year: past,
          category: category.label,
          count: count > 0 && count < this.suppressionThreshold ? null : count,
        });
      }
    }
    return points;
  }
}
