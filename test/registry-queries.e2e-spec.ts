import { ACCESS_AUDIT, securityProviders } from '@hub/security';
import { RecordAccessFacts } from '../apps/registry/src/access/record-access-facts';
import { RegistryClient } from './support/registry-client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { PersonName } from '@hub/contracts';
import {
  connectMongo,
  EnvelopeFieldCipher,
  PersonKeys,
  readLocalMasterKey,
  type MongoConnection,
} from '@hub/persistence';
import { setUpRegistryApiDocs } from '../apps/registry/src/api-docs';
import { fieldsAddedSinceFirstRelease } from '../apps/registry/src/nominals/record-upgrade';
import type {
  AddressItem,
  HistoryDocument,
  NominalDocument,
  RiskManagementPlanItem,
} from '../apps/registry/src/nominals/nominal.documents';
import {
  databaseIndexes,
  ensureDatabaseIndexes,
} from '../apps/registry/src/infrastructure/database-indexes';
import { NominalQueries } from '../apps/registry/src/nominals/nominal-queries';
import { NominalsController } from '../apps/registry/src/nominals/nominals.controller';
import { searchDocumentOf } from '../apps/registry/src/search/search-document';
import { SearchDocuments } from '../apps/registry/src/search/search-documents';
import { identifierValuesOf } from '../apps/registry/src/search/search-keys';

/*
 * The registry's read API against the real FerretDB, with records written straight into an isolated
 * database: this tests the queries, not the ingest that normally writes the records. Synthetic
 * people only.
 */

interface Problem {
  message: string;
  violations?: { field: string; problem: string }[];
}
interface SummaryItem {
  id: string;
  name: PersonName;
  score?: number;
  matchedName?: PersonName;
}
interface SearchPage {
  items: SummaryItem[];
  page: number;
  pageSize: number;
  total: number;
}
interface TimelinePage {
  items: (Omit<HistoryDocument, '_id' | 'occurredAt'> & { occurredAt: string })[];
  page: number;
  pageSize: number;
  total: number;
}

const day = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const name = (givenNames: string[], familyName: string): PersonName => ({ givenNames, familyName });

function address(addressId: string, from: string, to: string | null): AddressItem {
  return {
    addressId,
    type: 'HOME',
    lines: [`${addressId} Synthetic Street`],
    town: 'Exampletown',
    postcode: 'ZZ1 1ZZ',
    area: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
    from,
    to,
    recordedBy: 'PROBATION',
    eventId: `evt-${addressId}`,
  };
}

function plan(planId: string, planVersion: number, occurredAt: string): RiskManagementPlanItem {
  return {
    planId,
    planVersion,
    summary: `${planId} version ${planVersion}`,
    actions: [],
    reviewOn: null,
    eventId: `evt-${planId}-${planVersion}`,
    recordedBy: 'PROBATION',
    occurredAt: new Date(occurredAt),
  };
}

type NominalInput = Partial<Omit<NominalDocument, 'search'>> &
  Pick<NominalDocument, '_id' | 'name' | 'dateOfBirth'>;

/** A whole record as the store writes it, match keys included; the input sets what a test needs. */
function nominal(input: NominalInput): NominalDocument {
  const at = new Date('2024-01-01T00:00:00Z');
  const content: Omit<NominalDocument, 'search'> = {
    ...fieldsAddedSinceFirstRelease(),
    version: 1,
    createdAt: at,
    updatedAt: at,
    lastEventId: `evt-${input._id}-registered`,
    writeId: 'synthetic-write',
    status: 'ACTIVE',
    archive: null,
    mergedInto: null,
    mergedFrom: [],
    linkedNominals: [],
    registeredBy: 'POLICE',
    aliases: [],
    gender: 'NOT_KNOWN',
    identifiers: [],
    mappa: null,
    managementHistory: [],
    management: {
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: null,
      coManagers: [],
      victimContact: null,
    },
    addresses: [],
    custody: null,
    supervision: null,
    supervisionEvents: [],
    restrictedPatient: null,
    riskAssessments: [],
    riskManagementPlans: [],
    notifications: [],
    intelligence: [],
    meetings: [],
    appliedEvents: [{ eventId: `evt-${input._id}-registered`, version: 1 }],
    ...input,
  };
  return { ...content, search: { identifierValues: identifierValuesOf(content.identifiers) } };
}

const mappa = (
  category: 1 | 2 | 3 | 4,
  level: 1 | 2 | 3,
  jurisdiction: NominalDocument['management']['jurisdiction'] = 'ENGLAND_AND_WALES',
): NominalDocument['mappa'] => ({
  category: `CATEGORY_${category}`,
  categoryName: `Category ${category}`,
  level: `LEVEL_${level}`,
  jurisdiction,
  setOn: new Date('2023-01-01T00:00:00Z'),
  reviewOn: null,
  effectiveOn: '2023-01-01',
  basis: null,
  leftOn: null,
  leftReason: null,
});

const management = (
  managingArea: string,
  jurisdiction: NominalDocument['management']['jurisdiction'] = 'ENGLAND_AND_WALES',
): NominalDocument['management'] => ({
  leadAgency: 'PROBATION',
  managingArea,
  jurisdiction,
  recordManager: null,
  coManagers: [],
  victimContact: null,
});

function historyEntry(
  nominalId: string,
  eventId: string,
  eventType: string,
  occurredAt: string,
  nominalVersion: number,
  producingAgency: HistoryDocument['producingAgency'],
  entryId = eventId,
): HistoryDocument {
  return {
    _id: entryId,
    eventId,
    nominalId,
    eventType,
    topic: 'synthetic.topic.v1',
    partition: 0,
    offset: String(nominalVersion),
    schemaId: 1,
    traceparent: null,
    occurredAt: new Date(occurredAt),
    recordedAt: new Date(occurredAt),
    producingAgency,
    producingSystem: 'synthetic-system',
    actingUser: null,
    correlationId: `corr-${eventId}`,
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
    nominalVersion,
    summary: `${eventType} (synthetic)`,
    // Shareable intelligence (handling code P): a C item would be withheld from the test operator.
    details:
      eventType === 'IntelligenceShared' ? { handlingCode: 'P', disseminationLimits: [] } : {},
  };
}

const smith = nominal({
  _id: 'NOM-Q-SMITH',
  name: name(['John', 'Robert'], 'Smith'),
  aliases: [name(['Jack'], 'Fenwick')],
  dateOfBirth: '1980-04-23',
  identifiers: [
    { type: 'PNC_ID', value: '2001/0123456A', issuedBy: 'POLICE' },
    { type: 'NATIONAL_INSURANCE_NUMBER', value: 'QQ 12 34 56 C', issuedBy: 'PROBATION' },
  ],
  mappa: mappa(1, 2),
  mergedFrom: ['NOM-Q-SMYTH'],
  version: 4,
  addresses: [
    address('past', '2019-01-01', '2020-12-31'),
    address('home', '2021-01-01', null),
    address('hostel', '2020-06-01', day(30)),
    address('next', day(10), null),
  ],
  // Stored as the registry derives them when it writes the record (current-address.ts).
  currentAddress: address('home', '2021-01-01', null),
  otherCurrentAddresses: [address('hostel', '2020-06-01', day(30))],
  riskManagementPlans: [
    plan('plan-a', 1, '2022-01-01T00:00:00Z'),
    plan('plan-a', 2, '2022-06-01T00:00:00Z'),
    plan('plan-b', 1, '2023-01-01T00:00:00Z'),
    plan('plan-b', 2, '2023-03-01T00:00:00Z'),
  ],
});
const smyth = nominal({
  _id: 'NOM-Q-SMYTH',
  name: name(['Jon'], 'Smyth'),
  dateOfBirth: '1980-04-23',
  status: 'MERGED',
  mergedInto: smith._id,
  mappa: mappa(1, 2),
});
const jones = nominal({
  _id: 'NOM-Q-JONES',
  name: name(['Catherine'], 'Jones'),
  aliases: [name(['Kate'], 'Morgan')],
  dateOfBirth: '1975-11-02',
  status: 'ARCHIVED',
  mappa: mappa(2, 1, 'SCOTLAND'),
  management: management('Lothian and Borders', 'SCOTLAND'),
  identifiers: [{ type: 'SOCIAL_WORK_CASE_REFERENCE', value: 'SW-88 21', issuedBy: 'SOCIAL_WORK' }],
});
const khan = nominal({
  _id: 'NOM-Q-KHAN',
  name: name(['Mohammed'], 'Khan'),
  dateOfBirth: '1990-01-15',
  mappa: mappa(2, 1),
});
const smart = nominal({
  _id: 'NOM-Q-SMART',
  name: name(['John'], 'Smart'),
  dateOfBirth: '1981-02-03',
});
const janeSmith = nominal({
  _id: 'NOM-Q-JANE',
  name: name(['Jane'], 'Smith'),
  dateOfBirth: '1982-03-04',
  management: management('Cumbria'),
});
const cumbrians = ['Ashworth', 'Birtwistle', 'Crossley', 'Dobson'].map((familyName, index) =>
  nominal({
    _id: `NOM-Q-CUMBRIA-${index}`,
    name: name(['Alex'], familyName),
    dateOfBirth: '1970-01-01',
    management: management('Cumbria'),
    mappa: mappa(3, 1),
  }),
);

const history: HistoryDocument[] = [
  historyEntry(smyth._id, 'evt-smyth-1', 'NominalRegistered', '2020-01-10T09:00:00Z', 1, 'PRISON'),
  historyEntry(
    smyth._id,
    'evt-smyth-2',
    'CustodyEventRecorded',
    '2021-06-15T12:00:00Z',
    2,
    'PRISON',
  ),
  historyEntry(smith._id, 'evt-smith-1', 'NominalRegistered', '2021-02-01T09:00:00Z', 1, 'POLICE'),
  historyEntry(smith._id, 'evt-smith-2', 'AddressRecorded', '2022-03-01T23:30:00Z', 2, 'PROBATION'),
  historyEntry(smith._id, 'evt-smith-3', 'IntelligenceShared', '2023-05-05T10:00:00Z', 3, 'POLICE'),
  historyEntry(smith._id, 'evt-merge', 'DuplicateResolved', '2024-01-20T10:00:00Z', 4, 'HUB'),
  historyEntry(
    smyth._id,
    'evt-merge',
    'DuplicateResolved',
    '2024-01-20T10:00:00Z',
    3,
    'HUB',
    `evt-merge@${smyth._id}`,
  ),
  historyEntry(khan._id, 'evt-khan-1', 'NominalRegistered', '2022-02-02T09:00:00Z', 1, 'POLICE'),
];

describe('registry queries: search, record and timeline over HTTP', () => {
  // Same naming as isolatedRunName in support/hub-apps.ts, which is not imported: it loads the whole
  // registry module, and this test must not depend on the ingest side.
  const database = `queries_${Date.now().toString(36)}_${process.pid}`;
  let mongo: MongoConnection;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    mongo = await connectMongo(process.env.MONGO_URL!, database);
    // As the registry does at start-up, before anything is written.
    await ensureDatabaseIndexes(mongo.db);
    const records = [smith, smyth, jones, khan, smart, janeSmith, ...cumbrians];
    await mongo.db.collection<NominalDocument>('nominals').insertMany(records);
    // The search read model, as the ingest writes it beside each record.
    const searchDocuments = new SearchDocuments(mongo.db, mongo.db.collection('nominals'));
    await searchDocuments.write(records.map(searchDocumentOf));
    await mongo.db.collection<HistoryDocument>('nominal_history').insertMany(history);

    const moduleRef = await Test.createTestingModule({
      controllers: [NominalsController],
      providers: [
        {
          // The records above were written as before encryption (plaintext): read as they are.
          provide: NominalQueries,
          useFactory: () =>
            new NominalQueries(
              mongo.db,
              new EnvelopeFieldCipher(
                new PersonKeys(mongo.db, readLocalMasterKey(process.env.HUB_MASTER_KEY_FILE!)),
              ),
            ),
        },
        { provide: RecordAccessFacts, useFactory: () => new RecordAccessFacts(mongo.db) },
        // Authenticated as the registry is; the calls' audit is the audit trail's tests' subject.
        ...securityProviders({ issuer: process.env.OIDC_ISSUER_URL!, clockToleranceSeconds: 30 }),
        { provide: ACCESS_AUDIT, useValue: { record: () => Promise.resolve() } },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    setUpRegistryApiDocs(app);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  const get = (path: string) => new RegistryClient(url).get(path, { redirect: 'manual' });

  async function json<T>(path: string, status = 200): Promise<T> {
    const response = await get(path);
    const body = await response.text();
    expect({ path, status: response.status, body }).toMatchObject({ status });
    return JSON.parse(body) as T;
  }

  const search = (query: string) => json<SearchPage>(`/v1/nominals?${query}`);
  const ids = (page: SearchPage) => page.items.map((item) => item.id);

  describe('GET /v1/nominals', () => {
    it('finds a person by a misspelt, reordered name, best match first, with its score', async () => {
      const page = await search(`name=${encodeURIComponent('SMYTHE, Jon')}`);
      expect(ids(page)[0]).toBe(smith._id);
      expect(page.items[0]).toMatchObject({
        name: smith.name,
        matchedName: smith.name,
        dateOfBirth: '1980-04-23',
        status: 'ACTIVE',
        mappa: { category: 'CATEGORY_1', level: 'LEVEL_2' },
        managingArea: 'Greater Manchester',
        identifiers: smith.identifiers,
      });
      expect(page.items[0].score).toBeGreaterThanOrEqual(0.8);
      // The merged record is left out by default; a different name is left out altogether.
      expect(ids(page)).not.toContain(smyth._id);
      expect(ids(page)).not.toContain(smart._id);
      expect(ids(page)).not.toContain(janeSmith._id);
    });

    it('matches phonetic variants and aliases', async () => {
      expect(ids(await search('name=Muhammad%20KHAN'))).toEqual([khan._id]);
      expect(ids(await search('name=Kathryn%20Jones'))).toEqual([jones._id]);
      const alias = await search('name=Morgan%20Kate');
      expect(ids(alias)).toEqual([jones._id]);
      expect(alias.items[0].matchedName).toEqual(name(['Kate'], 'Morgan'));
    });

    it('finds by any identifier whatever its spacing and case', async () => {
      expect(ids(await search('identifier=qq123456c'))).toEqual([smith._id]);
      expect(ids(await search(`identifier=${encodeURIComponent(' 2001/0123456a ')}`))).toEqual([
        smith._id,
      ]);
      expect(ids(await search('identifier=sw-88%2021'))).toEqual([jones._id]);
      expect((await search('identifier=NOPE123')).total).toBe(0);
    });

    it('finds by date of birth, area, jurisdiction, category, level and status', async () => {
      expect(ids(await search('dateOfBirth=1990-01-15'))).toEqual([khan._id]);
      expect(ids(await search('area=greater%20MANCHESTER&category=2'))).toEqual([khan._id]);
      expect(ids(await search('area=Greater%20Manchester&level=LEVEL_2'))).toEqual([smith._id]);
      expect(ids(await search('jurisdiction=SCOTLAND'))).toEqual([jones._id]);
      expect(ids(await search('status=ARCHIVED'))).toEqual([jones._id]);
      expect(ids(await search('status=MERGED'))).toEqual([smyth._id]);
      expect(ids(await search('name=Jon%20Smyth&status=MERGED,ACTIVE'))).toEqual([
        smyth._id,
        smith._id,
      ]);
      // "Greater" alone is not the area: the match is exact, only the case is ignored.
      expect((await search('area=Greater')).total).toBe(0);
    });

    it('pages, with the total over all pages', async () => {
      const first = await search('area=Cumbria&category=3&pageSize=3');
      expect(first).toMatchObject({ page: 1, pageSize: 3, total: 4 });
      expect(first.items.map((item) => item.name.familyName)).toEqual([
        'Ashworth',
        'Birtwistle',
        'Crossley',
      ]);
      const last = await search('area=Cumbria&category=3&pageSize=3&page=2');
      expect(last).toMatchObject({ page: 2, pageSize: 3, total: 4 });
      expect(last.items.map((item) => item.name.familyName)).toEqual(['Dobson']);
      expect((await search('name=Smith&pageSize=1&page=9')).items).toEqual([]);
    });

    it.each([
      ['nmae=Smith&area=Cumbria', 'nmae'],
      ['name=Smith&pageSize=101', 'pageSize'],
      ['dateOfBirth=1980-02-30', 'dateOfBirth'],
      ['category=CATEGORY_9', 'category'],
      ['page=2', 'criteria'],
      ['name=a%20b%20c%20d%20e%20f%20g', 'name'],
    ])('answers 400 for ?%s naming %s', async (query, field) => {
      const problem = await json<Problem>(`/v1/nominals?${query}`, 400);
      expect(problem.message).toContain(field);
      expect(problem.violations?.map((violation) => violation.field)).toEqual([field]);
    });
  });

  describe('GET /v1/nominals/:id', () => {
    it('shows the whole record with its current address and plan, without bookkeeping', async () => {
      const record = await json<Record<string, unknown>>(`/v1/nominals/${smith._id}`);
      expect(record).toMatchObject({
        id: smith._id,
        version: 4,
        createdAt: '2024-01-01T00:00:00.000Z',
        status: 'ACTIVE',
        name: smith.name,
        aliases: smith.aliases,
        identifiers: smith.identifiers,
        mergedFrom: [smyth._id],
        management: smith.management,
        currentAddress: { addressId: 'home' },
        riskManagementPlan: { planId: 'plan-b', planVersion: 2 },
      });
      expect(record.addresses).toHaveLength(4);
      expect(record.riskManagementPlans).toHaveLength(4);
      for (const hidden of ['_id', 'appliedEvents', 'search', 'history']) {
        expect(record).not.toHaveProperty(hidden);
      }
    });

    it('redirects with 308 from a merged record to the one it was merged into', async () => {
      const response = await get(`/v1/nominals/${smyth._id}`);
      expect(response.status).toBe(308);
      expect(response.headers.get('location')).toBe(`/v1/nominals/${smith._id}`);
      expect(await response.json()).toMatchObject({
        mergedInto: smith._id,
        message: expect.stringContaining(`merged into ${smith._id}`) as unknown,
      });
    });

    it('answers 404 for an unknown id', async () => {
      const problem = await json<Problem>('/v1/nominals/NOM-Q-NOBODY', 404);
      expect(problem.message).toBe('no nominal with id NOM-Q-NOBODY');
    });
  });

  describe('GET /v1/nominals/:id/timeline', () => {
    const timeline = (id: string, query = '') =>
      json<TimelinePage>(`/v1/nominals/${id}/timeline${query}`);
    const eventIds = (page: TimelinePage) => page.items.map((entry) => entry.eventId);

    it('includes the history of merged-in records, newest first', async () => {
      const page = await timeline(smith._id);
      expect(page).toMatchObject({ page: 1, pageSize: 20, total: 7 });
      expect(page.items.map((entry) => [entry.nominalId, entry.eventId])).toEqual([
        [smith._id, 'evt-merge'],
        [smyth._id, 'evt-merge'],
        [smith._id, 'evt-smith-3'],
        [smith._id, 'evt-smith-2'],
        [smyth._id, 'evt-smyth-2'],
        [smith._id, 'evt-smith-1'],
        [smyth._id, 'evt-smyth-1'],
      ]);
      expect(page.items[2]).toMatchObject({
        eventType: 'IntelligenceShared',
        occurredAt: '2023-05-05T10:00:00.000Z',
        producingAgency: 'POLICE',
        nominalVersion: 3,
        summary: 'IntelligenceShared (synthetic)',
        correlationId: 'corr-evt-smith-3',
      });
      expect(page.items[0]).not.toHaveProperty('_id');
    });

    it('filters by event type, agency and time, oldest first on request, paged', async () => {
      expect(
        eventIds(
          await timeline(smith._id, '?eventType=NominalRegistered,CustodyEventRecorded&order=asc'),
        ),
      ).toEqual(['evt-smyth-1', 'evt-smith-1', 'evt-smyth-2']);
      expect(eventIds(await timeline(smith._id, '?agency=prison'))).toEqual([
        'evt-smyth-2',
        'evt-smyth-1',
      ]);
      // A day given as `to` includes all of it (the address was recorded at 23:30).
      expect(eventIds(await timeline(smith._id, '?from=2021-06-15&to=2022-03-01'))).toEqual([
        'evt-smith-2',
        'evt-smyth-2',
      ]);
      expect(
        eventIds(await timeline(smith._id, '?from=2023-05-05T10:00:00Z&to=2024-01-20T09:59:59Z')),
      ).toEqual(['evt-smith-3']);
      const lastPage = await timeline(smith._id, '?pageSize=3&page=3');
      expect(lastPage).toMatchObject({ page: 3, pageSize: 3, total: 7 });
      expect(eventIds(lastPage)).toEqual(['evt-smyth-1']);
    });

    it('does not mix in other people', async () => {
      expect(eventIds(await timeline(khan._id))).toEqual(['evt-khan-1']);
    });

    it('redirects with 308 from a merged record, keeping the query', async () => {
      const response = await get(`/v1/nominals/${smyth._id}/timeline?order=asc&pageSize=5`);
      expect(response.status).toBe(308);
      expect(response.headers.get('location')).toBe(
        `/v1/nominals/${smith._id}/timeline?order=asc&pageSize=5`,
      );
    });

    it('answers 404 for an unknown id and 400 naming a bad parameter', async () => {
      expect((await json<Problem>('/v1/nominals/NOM-Q-NOBODY/timeline', 404)).message).toContain(
        'NOM-Q-NOBODY',
      );
      const problem = await json<Problem>(
        `/v1/nominals/${smith._id}/timeline?from=yesterday&agnecy=POLICE`,
        400,
      );
      expect(problem.violations?.map((violation) => violation.field).sort()).toEqual([
        'agnecy',
        'from',
      ]);
      expect(problem.message).toContain('from');
    });
  });

  describe('indexes', () => {
    it('has every declared index, and making them again changes nothing', async () => {
      const names = async () =>
        Object.fromEntries(
          await Promise.all(
            [...new Set(databaseIndexes.map((index) => index.collection))].map(
              async (collection) => [
                collection,
                (await mongo.db.collection(collection).listIndexes().toArray())
                  .map((index) => (index as { name: string }).name)
                  .sort(),
              ],
            ),
          ),
        ) as Record<string, string[]>;
      const before = await names();
      for (const index of databaseIndexes) {
        expect(before[index.collection]).toContain(index.name);
      }
      await ensureDatabaseIndexes(mongo.db);
      expect(await names()).toEqual(before);
    });

    it('replaces an index made under another name or with other keys', async () => {
      const history = mongo.db.collection('nominal_history');
      await history.dropIndex('timeline');
      await history.createIndex({ nominalId: 1 }, { name: 'nominalId_1' });
      const candidates = mongo.db.collection('duplicate_candidates');
      await candidates.dropIndex('reviewQueue');
      await candidates.createIndex({ status: 1, flaggedAt: 1 }, { name: 'reviewQueue' });
      await ensureDatabaseIndexes(mongo.db);
      const keysOf = async (collection: string) =>
        (await mongo.db.collection(collection).listIndexes().toArray()).map((index) => {
          const { name, key } = index as { name: string; key: Record<string, number> };
          return [name, Object.keys(key)];
        });
      expect(await keysOf('nominal_history')).toEqual(
        expect.arrayContaining([['timeline', ['nominalId']]]),
      );
      expect((await keysOf('nominal_history')).map(([name]) => name)).not.toContain('nominalId_1');
      expect(await keysOf('duplicate_candidates')).toEqual(
        expect.arrayContaining([['reviewQueue', ['status', 'flaggedAt', '_id']]]),
      );
    });
  });

  describe('API documentation', () => {
    it('lists the three endpoints at /docs-json and serves Swagger UI at /docs', async () => {
      const document = await json<{ info: { title: string }; paths: Record<string, unknown> }>(
        '/docs-json',
      );
      expect(document.info.title).toBe('MAPPA Exchange Hub — registry API');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/nominals', '/v1/nominals/{id}', '/v1/nominals/{id}/timeline']),
      );
      const ui = await get('/docs');
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
    });
  });
});
