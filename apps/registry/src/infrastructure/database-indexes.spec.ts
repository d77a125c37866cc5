import type { Db, Document } from 'mongodb';
import type { NominalStatus } from '@hub/contracts';
import type { EventPublisher } from '@hub/messaging';
import { DateReachedSweep } from '../dates/date-reached-sweep';
import { DueDates } from '../dates/due-dates';
import { DuplicateCandidates } from '../duplicates/duplicate-candidates';
import type { NominalDocument } from '../nominals/nominal.documents';
import { NominalQueries, type SearchCriteria } from '../nominals/nominal-queries';
import { searchCriteriaNames } from '../nominals/nominal-query-params';
import type { AuditEntryDocument, PersonFieldCipher } from '@hub/persistence';
import { AuditQueries } from '../audit/audit-queries';
import { databaseIndexes, type DeclaredIndex } from './database-indexes';

/** The query shapes are this test's subject, not encryption: values pass through as they are. */
const clearCipher: PersonFieldCipher = {
  sealerFor: () => Promise.resolve({ seal: (_nominalId, _field, value) => value }),
  openerFor: () => Promise.resolve({ open: (_nominalId, _field, stored) => stored }),
};

/** One query a component sent: what an index must serve. */
interface IssuedQuery {
  collection: string;
  filter: Document;
  sort?: Document;
}

/**
 * A database that records every query and answers with one record (found, not merged), so that the
 * real query code runs its whole path: the shapes checked are the ones the API issues.
 */
function recordingDb(issued: IssuedQuery[]): Db {
  const record = {
    _id: 'NOM-1',
    status: 'ACTIVE',
    mergedInto: null,
    mergedFrom: ['NOM-2'],
    name: { givenNames: ['Alex'], familyName: 'Testperson' },
    aliases: [],
    management: { managingArea: 'Cumbria', jurisdiction: 'ENGLAND_AND_WALES' },
    mappa: null,
    identifiers: [],
    addresses: [],
    riskAssessments: [],
    riskManagementPlans: [],
    arrangementsHistory: [],
    dateOfBirth: '1980-03-04',
    aliasDatesOfBirth: [],
    search: { identifierValues: [] },
  };
  const collection = (name: string) => ({
    collectionName: name,
    find(filter: Document) {
      const query: IssuedQuery = { collection: name, filter };
      issued.push(query);
      const cursor = {
        sort(sort: Document) {
          query.sort = sort;
          return cursor;
        },
        skip: () => cursor,
        limit: () => cursor,
        project: () => cursor,
        toArray: () => Promise.resolve(name === 'nominals' ? [{ ...record, mergedFrom: [] }] : []),
      };
      return cursor;
    },
    findOne(filter: Document) {
      issued.push({ collection: name, filter });
      return Promise.resolve(name === 'nominals' ? record : null);
    },
    countDocuments(filter: Document) {
      issued.push({ collection: name, filter });
      // Many: a search then pages by family-name initial, whose queries are checked too.
      return Promise.resolve(5_000);
    },
  });
  return { collection } as unknown as Db;
}

const equalities = new Set(['$eq', '$in', '$all']);
const ranges = new Set(['$gt', '$gte', '$lt', '$lte']);

/**
 * The fields a filter bounds, each branch of an $or on its own: `field` for an equality or $in,
 * `field~` for a range (after which an index gives no order of the fields that follow).
 */
function boundedFieldSets(filter: Document): string[][] {
  const fields: string[] = [];
  let branches: string[][] = [[]];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and') {
      const clauses = (condition as Document[]).map(boundedFieldSets);
      // Each clause must hold, so the fields of any clause bound the query.
      branches = branches.flatMap((branch) =>
        clauses.reduce(
          (sets, clause) => sets.flatMap((set) => clause.map((other) => [...set, ...other])),
          [branch],
        ),
      );
    } else if (field === '$or') {
      const alternatives = (condition as Document[]).flatMap(boundedFieldSets);
      branches = branches.flatMap((branch) => alternatives.map((set) => [...branch, ...set]));
    } else if (field.startsWith('$')) {
      throw new Error(`the check does not know ${field}: teach it before using it`);
    } else if (
      condition === null ||
      typeof condition !== 'object' ||
      condition instanceof Date ||
      Object.keys(condition as Document).some((op) => equalities.has(op))
    ) {
      fields.push(field);
    } else if (Object.keys(condition as Document).some((op) => ranges.has(op))) {
      fields.push(`${field}~`);
    }
  }
  return branches.map((branch) => [...fields, ...branch]);
}

/** Fields whose values are few records each: the rest of a query may be done on what they find. */
const narrowing = new Set([
  '_id',
  'dateOfBirth',
  'search.identifierValues',
  'search.nameKeys',
  'nominalId',
]);

/**
 * Why no declared index serves the query, or null if one does: every branch must be bounded by the
 * first field of an index; and a query bounded by no narrowing field (a search by area, a review
 * queue) may match a large share of the collection, so its index must also give its order, the
 * sort fields following the fields it bounds.
 */
function unserved(query: IssuedQuery, indexes: readonly DeclaredIndex[]): string | null {
  const declared = [
    { collection: query.collection, key: { _id: 1 }, name: '_id_' },
    ...indexes.filter((index) => index.collection === query.collection),
  ];
  const sortFields = Object.keys(query.sort ?? {});
  for (const bounds of boundedFieldSets(query.filter)) {
    const equal = bounds.filter((field) => !field.endsWith('~'));
    const bounded = bounds.map((field) => field.replace(/~$/, ''));
    const serving = declared.filter((index) => {
      const keys = Object.keys(index.key);
      const [first] = keys;
      if (first === undefined) return false;
      if (bounded.length === 0) {
        return sortFields.length > 0 && sortFields.every((field, i) => keys[i] === field);
      }
      if (!bounded.includes(first)) return false;
      if (bounded.some((field) => narrowing.has(field)) || sortFields.length === 0) return true;
      let prefix = 0;
      while (prefix < keys.length && equal.includes(keys[prefix])) prefix++;
      return sortFields.every((field, i) => keys[prefix + i] === field);
    });
    if (serving.length === 0) {
      return `${query.collection} bounded by [${bounded.join(', ')}] sorted by [${sortFields.join(', ')}]`;
    }
  }
  return null;
}

const statuses: NominalStatus[][] = [['ARCHIVED'], ['ACTIVE', 'MERGED']];
const optionalCriteria: readonly (keyof SearchCriteria)[] = searchCriteriaNames;
const values: Required<SearchCriteria> = {
  name: 'Jon Smyth',
  dateOfBirth: '1980-04-23',
  identifier: 'QQ123456C',
  area: 'greater manchester',
  jurisdiction: 'SCOTLAND',
  category: 'CATEGORY_2',
  level: 'LEVEL_3',
  status: ['ACTIVE'],
};

/** Every combination of search criteria (the API takes any non-empty one). */
function everySearch(): SearchCriteria[] {
  const searches: SearchCriteria[] = [];
  for (let mask = 1; mask < 1 << optionalCriteria.length; mask++) {
    const criteria: SearchCriteria = {};
    optionalCriteria.forEach((name, i) => {
      if (mask & (1 << i)) Object.assign(criteria, { [name]: values[name] });
    });
    searches.push(criteria);
  }
  for (const status of statuses) searches.push({ status }, { area: 'cumbria', status });
  // Names of one to the most parts, which make $or alternatives from three parts on.
  for (const name of ['Smith', 'J Smith', 'John Robert Smith', 'a b c d e f']) {
    searches.push({ name }, { name, area: 'cumbria' });
  }
  return searches;
}

async function issuedByTheApi(): Promise<IssuedQuery[]> {
  const issued: IssuedQuery[] = [];
  const db = recordingDb(issued);
  const queries = new NominalQueries(db, clearCipher);
  const page = { page: 2, pageSize: 20 };
  for (const criteria of everySearch()) await queries.search(criteria, page);
  await queries.record('NOM-1');
  for (const filters of [
    { order: 'desc' as const },
    {
      order: 'asc' as const,
      eventTypes: ['AddressRecorded'],
      agencies: ['POLICE' as const],
      from: new Date('2020-01-01'),
      until: new Date('2021-01-01'),
    },
  ]) {
    await queries.timeline('NOM-1', filters, page);
  }
  const duplicates = new DuplicateCandidates(db, db.collection<NominalDocument>('nominals'));
  for (const status of [undefined, 'OPEN', 'MERGED'] as const) await duplicates.list(status, 2, 20);
  // Duplicate matching after a batch, and the evidence the review queue shows.
  const registered = {
    _id: 'NOM-3',
    name: { givenNames: ['Sam'], familyName: 'Otherperson' },
    aliases: [],
    dateOfBirth: '1980-04-03',
    aliasDatesOfBirth: ['1981-01-01'],
    identifiers: [{ type: 'PNC_ID', value: '12/345678U', issuedBy: 'POLICE' }],
    status: 'ACTIVE',
    search: { identifierValues: ['12/0345678U'] },
  } as unknown as NominalDocument;
  await duplicates.flagFor([registered]);
  const [candidate] = await duplicates.withEvidence([]);
  expect(candidate).toBeUndefined();
  await duplicates.withEvidence([
    {
      _id: 'NOM-1|NOM-3',
      nominalIds: ['NOM-1', 'NOM-3'],
      flaggedBy: 'NOM-3',
      reasons: [],
      nameSimilarity: 0,
      status: 'OPEN',
      flaggedAt: new Date(),
      decision: null,
    },
  ]);
  // Records whose date-dependent facts change on a day that has come.
  const publisher = { publishMany: () => Promise.resolve() } as unknown as EventPublisher;
  const quiet = { info: () => undefined, error: () => undefined };
  const dueDates = new DueDates(db, db.collection<NominalDocument>('nominals'));
  await new DateReachedSweep(dueDates, publisher, quiet).sweep();
  // The auditors' questions: each filter alone and with a period and a cursor. A period alone is
  // left out: it is walked newest first by sequence (`_id`), filtered by time.
  const audit = new AuditQueries(db.collection<AuditEntryDocument>('audit_entries'));
  const period = { from: new Date('2026-01-01'), until: new Date('2026-02-01') };
  for (const filter of [
    { nominalId: 'NOM-1' },
    { username: 'a.user' },
    { subject: 'sub' },
    { organisationId: 'org' },
  ]) {
    await audit.find(filter, { limit: 100 });
    await audit.find({ ...filter, ...period }, { limit: 100, before: 500 });
  }
  await audit.find(period, { limit: 100, before: 500 });
  return issued;
}

describe('databaseIndexes', () => {
  it('serves every query the search, record, timeline and duplicates APIs issue', async () => {
    const issued = await issuedByTheApi();
    expect(issued.length).toBeGreaterThan(250);
    const problems = issued
      .map((query) => unserved(query, databaseIndexes))
      .filter((problem): problem is string => problem !== null);
    expect([...new Set(problems)]).toEqual([]);
  });

  it('would notice a query no index serves', async () => {
    const issued = await issuedByTheApi();
    const withoutFacets = databaseIndexes.filter((index) => index.name !== 'facets');
    const problems = issued.map((query) => unserved(query, withoutFacets)).filter(Boolean);
    expect(problems).toContainEqual(expect.stringContaining('search.facets'));
    // A broad query whose index does not give its order is not served either.
    const unordered = databaseIndexes.map((index) =>
      index.name === 'reviewQueue' ? { ...index, key: { status: 1 as const } } : index,
    );
    expect(issued.map((query) => unserved(query, unordered)).filter(Boolean)).toContainEqual(
      expect.stringContaining('duplicate_candidates bounded by [status]'),
    );
  });

  it('declares each index once, by a unique name per collection', () => {
    const names = databaseIndexes.map((index) => `${index.collection}.${index.name}`);
    expect(new Set(names).size).toBe(names.length);
    const keys = databaseIndexes.map((index) => `${index.collection}:${JSON.stringify(index.key)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
