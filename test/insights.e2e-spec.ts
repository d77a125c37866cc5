import { Kafka, logLevel } from 'kafkajs';
import type { Db } from 'mongodb';
import type { Jurisdiction, NominalChanged } from '@hub/contracts';
import { HubSchemaRegistry, kafkaClientOptionsFromEnv } from '@hub/messaging';
import {
  eventually,
  syntheticNominalId,
  syntheticPopulationMember,
  syntheticRegistration,
  type SyntheticNominal,
} from '@hub/testing';
import {
  readModelCollections,
  InsightsStore,
} from '../apps/insights/src/read-model/insights-store';
import type { FigureTable } from '../apps/insights/src/figures/figure-table';
import { AnnualReportFigures } from '../apps/insights/src/figures/annual-report-figures';
import type { AnnualReport } from '../apps/insights/src/report/annual-report';
import { hubServicePrincipal, kafkaEnvFor } from '../tools/local-stack/stack';
import { rebuildReadModel } from '../tools/insights/rebuild';
import { extractPdfText } from './support/pdf-text';
import { startInsights, type RunningApp } from './support/hub-apps';
import { headersOf } from './support/hub-callers';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

/**
 * The insights service end to end: a synthetic population goes through the registry, the service
 * keeps its read model from the changed-record topic, and its figures agree with the registry's
 * records; a rebuild from the topics gives the same rows; the document carries the figures.
 */

const population = 90;
const analyst = { user: 'hub.mi-analyst' };
const governance = { user: 'hub.data-governance' };
const recordManager = { user: 'probation-greater-manchester.record-manager' };

describe('insights', () => {
  let fixture: RegistryFixture;
  let insights: RunningApp;
  let insightsDb: Db;
  const seed = (Date.now() % 1_000_000_000) + 1;
  const people: SyntheticNominal[] = [];
  let ids: string[] = [];

  async function get(path: string, principal = analyst): Promise<Response> {
    return fetch(`${insights.url}${path}`, { headers: await headersOf(principal) });
  }

  async function json<T>(path: string, principal = analyst): Promise<T> {
    const response = await get(path, principal);
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    fixture = await openRegistryFixture('insights');
    insights = await startInsights({
      MONGO_DATABASE: `${fixture.run}_insights`,
      AUDIT_MONGO_DATABASE: fixture.run,
      INSIGHTS_CONSUMER_GROUP: `insights.${fixture.run}`,
      INSIGHTS_NEW_GROUP_STARTS_AT: 'latest',
      // Exact figures for the comparisons; suppression has a test of its own below.
      INSIGHTS_SUPPRESSION_THRESHOLD: '1',
    });
    insightsDb = fixture.mongo.db(`${fixture.run}_insights`);
    // "latest" is resolved at the group's first fetch: once a record published now is kept, every
    // later one will be.
    await eventually('the insights service to consume from the end of the topics', async () => {
      const probe = syntheticNominalId();
      await fixture.events.publish(
        'mappa.nominal.registered.v1',
        syntheticRegistration(probe, { dateOfBirth: '1900-01-01' }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      return (await insightsDb.collection('insight_people').findOne({ _id: probe as never }))
        ? true
        : undefined;
    });

    for (let index = 0; index < population; index++) {
      people.push(syntheticPopulationMember({ seed }, index));
    }
    ids = people.map((person) => person.person.nominalId);
    let published = 0;
    for (const { events } of people) {
      const [registration, ...rest] = events;
      await fixture.events.publishValue(registration.topic, registration.value);
      for (const event of rest) await fixture.events.publishValue(event.topic, event.value);
      published += events.length;
    }
    const registryDb = fixture.mongo.db(fixture.run);
    await eventually(
      'the registry to apply the population and the insights service to keep it',
      async () => {
        const history = await registryDb
          .collection('nominal_history')
          .countDocuments({ nominalId: { $in: ids } });
        if (history < published) return undefined;
        const versions = await registryDb
          .collection<{ _id: string; version: number }>('nominals')
          .find({ _id: { $in: ids } }, { projection: { version: 1 } })
          .toArray();
        const kept = await insightsDb
          .collection<{ _id: string; version: number }>('insight_people')
          .find({ _id: { $in: ids } }, { projection: { version: 1 } })
          .toArray();
        const keptVersion = new Map(kept.map((person) => [person._id, person.version]));
        return versions.length === population &&
          versions.every((record) => keptVersion.get(record._id) === record.version)
          ? true
          : undefined;
      },
      240_000,
      1_000,
    );
  }, 420_000);

  afterAll(async () => {
    await insights?.close();
    await fixture?.mongo.db(`${fixture.run}_insights`).dropDatabase();
    await fixture?.mongo.db(`${fixture.run}_rebuild`).dropDatabase();
    await fixture?.close();
  });

  it("counts the people managed today as the registry's records say", async () => {
    // Independently: each record as the registry's API gives it, counted by its current state.
    const expected = new Map<string, number>();
    for (const id of ids) {
      // The operator opens each record with a reason (data governance reads by break glass).
      const response = await fixture.client.get(`/v1/nominals/${id}`);
      expect(response.status).toBe(200);
      const record = (await response.json()) as NominalChanged;
      if (record.status !== 'ACTIVE') continue;
      const jurisdiction = record.management.jurisdiction;
      const mappa = record.mappa && record.mappa.leftOn === null ? record.mappa : null;
      const ppani = record.ppani && record.ppani.leftOn === null ? record.ppani : null;
      const category = mappa?.category ?? ppani?.riskCategory;
      if (!category) continue;
      const key = `${jurisdiction}|${category}|${mappa?.level ?? 'null'}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(0);

    const today = new Date().toISOString().slice(0, 10);
    const counted = new Map<string, number>();
    for (const jurisdiction of [
      'ENGLAND_AND_WALES',
      'SCOTLAND',
      'NORTHERN_IRELAND',
    ] as Jurisdiction[]) {
      const store = new InsightsStore(insightsDb);
      const { counts } = await new AnnualReportFigures(store, 1, () => new Date()).managedOn(
        jurisdiction,
        today,
      );
      for (const [key, count] of counts) counted.set(`${jurisdiction}|${key}`, count);
      // The API's table is the same figures, with its totals.
      const table = await json<FigureTable>(
        `/v1/insights/people-managed?jurisdiction=${jurisdiction}&asAt=${today}`,
      );
      const total = table.rows.at(-1)!.cells.at(-1)!.value;
      const expectedTotal = [...expected.entries()]
        .filter(([key]) => key.startsWith(`${jurisdiction}|`))
        .reduce((sum, [, count]) => sum + count, 0);
      expect({ jurisdiction, total }).toEqual({ jurisdiction, total: expectedTotal });
    }
    expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(expected));
  });

  it('rebuilds from the topics the same rows as it kept incrementally', async () => {
    const kafka = new Kafka({
      ...kafkaClientOptionsFromEnv({
        ...process.env,
        ...kafkaEnvFor(hubServicePrincipal('insights')),
      }),
      logLevel: logLevel.NOTHING,
    });
    const rebuilt = new InsightsStore(fixture.mongo.db(`${fixture.run}_rebuild`));
    let lastProgress = 0;
    const result = await rebuildReadModel(
      kafka,
      new HubSchemaRegistry(process.env.SCHEMA_REGISTRY_URL!),
      rebuilt,
      'insights',
      (done) => (lastProgress = done),
    );
    expect(result.events).toBeGreaterThanOrEqual(population);
    expect(lastProgress).toBe(result.events);
    for (const name of Object.values(readModelCollections)) {
      const rowsIn = (db: Db) =>
        db
          .collection(name)
          .find(
            name === 'insight_people'
              ? { _id: { $in: ids as never[] } }
              : { nominalId: { $in: ids } },
          )
          .sort({ _id: 1 })
          .toArray();
      const incremental = await rowsIn(insightsDb);
      expect({ name, rows: await rowsIn(rebuilt.db) }).toEqual({ name, rows: incremental });
    }
    expect(await rebuilt.periods.countDocuments({ nominalId: { $in: ids } })).toBeGreaterThan(0);
  }, 300_000);

  it('publishes the annual report with small counts suppressed, and says where', async () => {
    const figures = new AnnualReportFigures(new InsightsStore(insightsDb), 5, () => new Date());
    const report = await figures.report('ENGLAND_AND_WALES', 2026);
    let suppressedCells = 0;
    for (const table of report.tables.filter((t) => t.unit === 'count')) {
      const lines = [
        ...table.rows.map((row) => row.cells),
        ...table.columns.map((_, column) => table.rows.map((row) => row.cells[column])),
      ];
      for (const row of table.rows) {
        for (const cell of row.cells) {
          // Nothing under the threshold is published.
          if (cell.value !== null) expect(cell.value === 0 || cell.value >= 5).toBe(true);
          if (cell.suppressed) suppressedCells += 1;
        }
      }
      if (table.totals.row && table.totals.column) {
        // A line holding one hidden cell and its published total would give the cell away.
        for (const line of lines) {
          const total = line.at(-1)!;
          if (total.suppressed === null) {
            expect(line.filter((cell) => cell.suppressed !== null)).not.toHaveLength(1);
          }
        }
      }
      if (table.rows.some((row) => row.cells.some((cell) => cell.suppressed))) {
        expect(table.notes.join(' ')).toMatch(/suppressed/);
      }
    }
    expect(suppressedCells).toBeGreaterThan(0);
  });

  it('writes the annual report document: the PDF holds the tables and figures', async () => {
    const report = await json<AnnualReport>('/v1/insights/annual-reports/ENGLAND_AND_WALES/2026');
    const response = await get('/v1/insights/annual-reports/ENGLAND_AND_WALES/2026/document.pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await extractPdfText(Buffer.from(await response.arrayBuffer()));
    const managed = report.tables.find((table) => table.id === 'people-managed-by-category')!;
    expect(text).toContain(managed.title);
    for (const heading of managed.columns) expect(text).toContain(heading);
    const total = managed.rows.at(-1)!.cells[0].value!;
    expect(text).toContain(total.toLocaleString('en-GB'));
    const html = await get('/v1/insights/annual-reports/ENGLAND_AND_WALES/2026/document.html');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toContain('<svg');
    const csv = await get(
      '/v1/insights/annual-reports/ENGLAND_AND_WALES/2026/tables/people-managed-by-category?format=csv',
    );
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\n')[0]).toContain('Category');
  });

  it('shows MI analysts aggregates only; the records behind a figure follow need-to-know, audited', async () => {
    const standards = await json<FigureTable>(
      '/v1/insights/recording-standards?jurisdiction=ENGLAND_AND_WALES',
    );
    expect(standards.columns).toContain('No record manager');

    const refused = await get('/v1/insights/checks/no-current-address/records', analyst);
    expect(refused.status).toBe(403);

    const all = await json<{
      records: { nominalId: string; managingArea: string }[];
      total: number;
    }>('/v1/insights/checks/no-current-address/records?pageSize=200', governance);
    const mine = await json<{
      records: { nominalId: string; managingArea: string }[];
      total: number;
    }>('/v1/insights/checks/no-current-address/records?pageSize=200', recordManager);
    expect(mine.records.every((record) => record.managingArea === 'Greater Manchester')).toBe(true);
    expect(mine.total).toBeLessThanOrEqual(all.total);

    const audited = await fixture.mongo
      .db(fixture.run)
      .collection<{ outcome: string; username: string | null; nominalIds: string[] }>(
        'audit_entries',
      )
      .find({ action: 'insights.records' })
      .toArray();
    expect(audited.map((entry) => entry.outcome).sort()).toEqual(['allowed', 'allowed', 'refused']);
    const listed = audited.find((entry) => entry.username === 'hub.data-governance');
    expect(listed?.nominalIds).toEqual(all.records.map((record) => record.nominalId));
  });
});
