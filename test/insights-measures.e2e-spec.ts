import { MongoClient } from 'mongodb';
import type { NominalChanged } from '@hub/contracts';
import { changedRecord, managementPeriod as managed, mappaPeriod as level } from '@hub/testing';
import { AnnualReportFigures } from '../apps/insights/src/figures/annual-report-figures';
import type { FigureTable } from '../apps/insights/src/figures/figure-table';
import { InsightsStore } from '../apps/insights/src/read-model/insights-store';
import type { AnnualReport } from '../apps/insights/src/report/annual-report';
import { isolatedRunName } from './support/hub-apps';

/**
 * Each measure of the annual report on small hand-built histories, against the real database:
 * the aggregations run in FerretDB as they do in the service.
 */

const rso = (startsOn: string): NominalChanged['notificationRequirement'] => ({
  subject: true,
  startsOn,
  indefinite: true,
  endsOn: null,
  reviewableFrom: null,
  civilOrderIds: [],
});

/** Moves from Greater Manchester to Merseyside in December 2025, level 1 to 2 in October. */
const mover = changedRecord({
  nominalId: 'N-MI-MOVER',
  notificationRequirement: rso('2024-06-01'),
  timeline: {
    arrangements: [
      level('2024-06-01', '2025-09-30', 'LEVEL_1'),
      level('2025-10-01', null, 'LEVEL_2'),
    ],
    management: [
      managed(null, '2025-12-14', 'Greater Manchester'),
      managed('2025-12-15', null, 'Merseyside'),
    ],
  },
});

/** Merged into the survivor: counted once, as the survivor. */
const merged = changedRecord({
  nominalId: 'N-MI-MERGED',
  status: 'MERGED',
  mergedInto: 'N-MI-SURVIVOR',
  timeline: { arrangements: [level('2023-01-01', null, 'LEVEL_3', 'CATEGORY_2')] },
});
const survivor = changedRecord({
  nominalId: 'N-MI-SURVIVOR',
  timeline: {
    arrangements: [level('2023-01-01', null, 'LEVEL_3', 'CATEGORY_2')],
    management: [managed(null, null, 'Merseyside')],
  },
});

/** Archived in January 2026: counted on 31 March 2025, not on 31 March 2026. */
const archived = changedRecord({
  nominalId: 'N-MI-ARCHIVED',
  status: 'ARCHIVED',
  timeline: {
    arrangements: [level('2022-05-01', null, 'LEVEL_1', 'CATEGORY_3')],
    management: [managed(null, null, 'Merseyside')],
    archivedOn: '2026-01-10',
  },
});

/** Recalled at level 2, convicted of a notification breach, missing on 31 March, an SHPO with travel restrictions. */
const recalled = changedRecord({
  nominalId: 'N-MI-RECALLED',
  notificationRequirement: rso('2021-02-01'),
  civilOrders: [
    {
      orderId: 'SHPO-MI-1',
      orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
      madeOn: '2025-09-01',
      expiresOn: '2030-08-31',
      dischargedOn: null,
      inForce: true,
      foreignTravelRestricted: true,
    },
  ],
  timeline: {
    arrangements: [level('2021-02-01', null, 'LEVEL_2')],
    management: [managed(null, null, 'Merseyside')],
    custody: [{ from: '2025-07-01', to: '2025-10-31', custodyType: 'RECALLED' }],
    supervisionEvents: [{ kind: 'RECALL', on: '2025-07-01' }],
    complianceActions: [
      { kind: 'NOTIFICATION_BREACH_CONVICTED', on: '2025-05-05', sentencedToCustody: false },
      { kind: 'REPORTED_MISSING', on: '2026-03-01', sentencedToCustody: false },
    ],
  },
});

function table(report: AnnualReport, id: string): FigureTable {
  const found = report.tables.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no table ${id} in ${report.tables.map((t) => t.id).join(', ')}`);
  return found;
}

function cell(figures: FigureTable, row: string, column: string): number | null {
  const found = figures.rows.find((candidate) => candidate.label.startsWith(row));
  if (!found) throw new Error(`no row ${row} in ${figures.id}`);
  return found.cells[figures.columns.indexOf(column)].value;
}

describe('the annual report measures, on hand-built histories', () => {
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const database = isolatedRunName('insights_measures');
  let store: InsightsStore;
  const now = () => new Date('2026-06-01T00:00:00Z');

  beforeAll(async () => {
    await mongo.connect();
    store = new InsightsStore(mongo.db(database));
    await store.ensureIndexes();
    await store.apply([mover, merged, survivor, archived, recalled]);
  });

  afterAll(async () => {
    await mongo.db(database).dropDatabase();
    await mongo.close();
  });

  it('counts the people managed on 31 March in the category and area of that day, once each', async () => {
    const report = await new AnnualReportFigures(store, 1, now).report('ENGLAND_AND_WALES', 2026);
    const byCategory = table(report, 'people-managed-by-category');
    expect(cell(byCategory, 'Category 1', 'People')).toBe(2); // the mover and the recalled
    expect(cell(byCategory, 'Category 2', 'People')).toBe(1); // the survivor, not the merged record
    expect(cell(byCategory, 'Category 3', 'People')).toBe(0); // archived in January
    expect(cell(byCategory, 'Total', 'People')).toBe(3);

    const active = table(report, 'level-2-and-3-by-category');
    expect(cell(active, 'Category 1', 'Level 2')).toBe(2);
    expect(cell(active, 'Category 2', 'Level 3')).toBe(1);
    expect(cell(active, 'Total', 'Total')).toBe(3);

    const rsos = table(report, 'rsos-by-area');
    expect(cell(rsos, 'Merseyside', 'Registered sex offenders')).toBe(2);
    expect(cell(rsos, 'Greater Manchester', 'Registered sex offenders')).toBe(0);
    const rates = table(report, 'rso-rate-by-area');
    expect(cell(rates, 'Merseyside', 'Per 100,000 population')).toBeGreaterThan(0);
  });

  it('counts the archived record before its archive, in its own year', async () => {
    const report = await new AnnualReportFigures(store, 1, now).report('ENGLAND_AND_WALES', 2025);
    expect(cell(table(report, 'people-managed-by-category'), 'Category 3', 'People')).toBe(1);
    // The mover was at level 1 in Greater Manchester then.
    expect(
      cell(table(report, 'rsos-by-area'), 'Greater Manchester', 'Registered sex offenders'),
    ).toBe(1);
    const category3 = report.trend.find(
      (point) => point.year === 2025 && point.category.startsWith('Category 3'),
    );
    expect(category3?.count).toBe(1);
  });

  it('counts the year’s breaches, orders, returns to custody and missing people', async () => {
    const report = await new AnnualReportFigures(store, 1, now).report('ENGLAND_AND_WALES', 2026);
    expect(cell(table(report, 'notification-breaches'), 'Convicted', 'People')).toBe(1);
    expect(cell(table(report, 'notification-breaches'), 'Cautioned', 'People')).toBe(0);
    const orders = table(report, 'restrictive-orders');
    expect(cell(orders, 'Sexual harm prevention orders', 'Orders made')).toBe(1);
    expect(cell(orders, 'SHPOs with foreign travel', 'Orders made')).toBe(1);
    expect(cell(orders, 'Notification orders', 'Orders made')).toBe(0);
    const custody = table(report, 'returned-to-custody');
    expect(cell(custody, 'Breach of licence', 'Level 2')).toBe(1); // the recall and its admission: once
    expect(cell(custody, 'Breach of licence', 'Level 3')).toBe(0);
    const missing = table(report, 'rsos-missing');
    expect(cell(missing, 'Reported missing', 'People')).toBe(1);
    expect(cell(missing, 'Missing on', 'People')).toBe(1);
  });

  it('suppresses counts under the threshold and the cells that would reveal them', async () => {
    const report = await new AnnualReportFigures(store, 3, now).report('ENGLAND_AND_WALES', 2026);
    const active = table(report, 'level-2-and-3-by-category');
    // Category 2 at level 3 is 1: hidden, and so is enough of its row and column to hide it.
    const category2 = active.rows.find((row) => row.label.startsWith('Category 2'))!;
    expect(category2.cells[1]).toEqual({ value: null, suppressed: 'PRIMARY' });
    for (const line of [...active.rows.map((row) => row.cells)]) {
      expect(line.filter((c) => c.suppressed !== null)).not.toHaveLength(1);
    }
    expect(active.notes.join(' ')).toMatch(/suppressed/);
    // A rate is hidden wherever its count is.
    const rsos = table(report, 'rsos-by-area');
    const rates = table(report, 'rso-rate-by-area');
    rates.rows.forEach((row, index) => {
      if (rsos.rows[index].cells[0].suppressed) expect(row.cells[0].value).toBeNull();
    });
  });

  it('forgets a removed person, and a later version of their record does not bring them back', async () => {
    await store.forget(['N-MI-RECALLED'], new Date());
    await store.apply([{ ...recalled, version: 2 }]);
    const report = await new AnnualReportFigures(store, 1, now).report('ENGLAND_AND_WALES', 2026);
    expect(cell(table(report, 'people-managed-by-category'), 'Category 1', 'People')).toBe(1);
    expect(cell(table(report, 'rsos-missing'), 'Reported missing', 'People')).toBe(0);
    expect(await store.events.countDocuments({ nominalId: 'N-MI-RECALLED' })).toBe(0);
  });
});
