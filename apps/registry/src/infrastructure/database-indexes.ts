import { MongoServerError, type Db, type Document, type IndexDescription } from 'mongodb';

/**
 * Every index the registry's collections have, in one place: what the ingest and the query API
 * look documents up by. Each must serve on FerretDB 2 (PostgreSQL with DocumentDB, checked with
 * `explain` on 2.7) and on MongoDB 7 alike, so only plain ascending keys are used: no collation, text
 * or partial indexes, whose support and planning differ between the two.
 */
export interface DeclaredIndex {
  collection: string;
  /** Field paths in order; all ascending (either direction serves a sort on a single field). */
  key: Record<string, 1 | -1>;
  /** Unique within its collection: what `ensureDatabaseIndexes` matches existing indexes by. */
  name: string;
  unique?: boolean;
}

export const databaseIndexes: readonly DeclaredIndex[] = [
  // nominals: duplicate matching (after each batch) and the changed-record outbox's sweep.
  { collection: 'nominals', key: { dateOfBirth: 1 }, name: 'dateOfBirth' },
  // A record's date of birth found as another's alias date of birth (a multikey index).
  { collection: 'nominals', key: { aliasDatesOfBirth: 1 }, name: 'aliasDatesOfBirth' },
  { collection: 'nominals', key: { 'search.identifierValues': 1 }, name: 'identifierValues' },
  { collection: 'nominals', key: { updatedAt: 1 }, name: 'updatedAt' },

  // nominal_search: the search API, on the read model (search/search-document.ts) so that these
  // entries are rewritten only when names, identifiers or management change, not with every fact.
  { collection: 'nominal_search', key: { dateOfBirth: 1 }, name: 'dateOfBirth' },
  { collection: 'nominal_search', key: { 'search.identifierValues': 1 }, name: 'identifierValues' },
  // Name searches: an intersection of a few keys per query part (search/name-keys.ts).
  { collection: 'nominal_search', key: { 'search.nameKeys': 1 }, name: 'nameKeys' },
  // Searches by area, jurisdiction, category, level and status: one key per combination
  // (search-keys.ts `facetKeysOf`), then family-name order for paging.
  {
    collection: 'nominal_search',
    key: { 'search.facets': 1, 'name.familyName': 1, _id: 1 },
    name: 'facets',
  },

  // nominal_history: a record's timeline (its own entries and merged records'). Not with
  // occurredAt after it: DocumentDB resolves each field of a compound index separately, so a time
  // range would scan that range for every record (0.8 s at a million entries, against 4 ms when
  // the few entries of the record are filtered by time once found).
  { collection: 'nominal_history', key: { nominalId: 1 }, name: 'timeline' },

  // parked_events: what waits for a nominal, oldest first, and what waited too long.
  { collection: 'parked_events', key: { nominalId: 1, parkedAt: 1 }, name: 'waiting' },
  { collection: 'parked_events', key: { expiresAt: 1 }, name: 'expiry' },

  // record_due_dates: the records whose day has come (dates/date-reached-sweep.ts).
  { collection: 'record_due_dates', key: { on: 1 }, name: 'due' },
  // The review work queue, soonest first; a record's reviews; decisions whose next review came;
  // reviews not yet published.
  { collection: 'record_reviews', key: { dueOn: 1, _id: 1 }, name: 'queue' },
  { collection: 'record_reviews', key: { nominalId: 1 }, name: 'byNominal' },
  { collection: 'record_reviews', key: { 'decision.nextReviewOn': 1 }, name: 'followUps' },
  { collection: 'record_reviews', key: { publishedAt: 1 }, name: 'unpublished' },
  // Removals in progress (resumed at start); the removal that made a merged record's id gone.
  { collection: 'record_removals', key: { status: 1, decidedAt: -1, _id: 1 }, name: 'byStatus' },
  { collection: 'record_removals', key: { decidedAt: -1, _id: 1 }, name: 'newestFirst' },
  { collection: 'record_removals', key: { alsoRemoved: 1 }, name: 'alsoRemoved' },

  // disclosure_cases: the register, soonest deadline first (and the near and missed deadlines,
  // a range of it); a subject's cases.
  { collection: 'disclosure_cases', key: { dueOn: 1, _id: 1 }, name: 'deadlines' },
  { collection: 'disclosure_cases', key: { nominalId: 1 }, name: 'bySubject' },

  // duplicate_candidates: the review queue, by status (one, or all), oldest flag first.
  {
    collection: 'duplicate_candidates',
    key: { status: 1, flaggedAt: 1, _id: 1 },
    name: 'reviewQueue',
  },
  // A removal deletes the candidates that name the person.
  { collection: 'duplicate_candidates', key: { nominalIds: 1 }, name: 'byNominal' },

  // audit_entries: the auditors' questions (audit/audit-queries.ts), newest first by sequence
  // (`_id`): who saw a record, what a user (by name or token subject) or an organisation did. A
  // period alone is looked up by time.
  { collection: 'audit_entries', key: { nominalIds: 1, _id: 1 }, name: 'byNominal' },
  { collection: 'audit_entries', key: { username: 1, _id: 1 }, name: 'byUsername' },
  { collection: 'audit_entries', key: { breakGlass: 1, _id: 1 }, name: 'byBreakGlass' },
  { collection: 'audit_entries', key: { subject: 1, _id: 1 }, name: 'bySubject' },
  { collection: 'audit_entries', key: { organisationId: 1, _id: 1 }, name: 'byOrganisation' },
  { collection: 'audit_entries', key: { at: 1 }, name: 'byTime' },
];

/**
 * Indexes earlier versions made that nothing uses any more: each costs every write. Dropped by
 * `ensureDatabaseIndexes` where found.
 */
export const retiredIndexes: readonly { collection: string; name: string }[] = [
  // Name search used one phonetic code of any part: thousands of candidates at 100,000 records.
  { collection: 'nominals', name: 'namePhonetics' },
  // The search API's keys moved to `nominal_search`: on the records they cost every write.
  { collection: 'nominals', name: 'nameKeys' },
  { collection: 'nominals', name: 'facets' },
  // The outbox is a ledger now (changes/changed-record-publisher.ts), not a flag on the record.
  { collection: 'nominals', name: 'pendingPublication' },
  // Area search used a case-insensitive regular expression, which no index serves.
  { collection: 'nominals', name: 'managingArea' },
  // Due days moved to `record_due_dates`: on the records the index cost every write.
  { collection: 'nominals', name: 'rederiveOn' },
  // Superseded by `reviewQueue`, which pages in a stable order.
  { collection: 'duplicate_candidates', name: 'review_queue' },
];

/** The collection does not exist (yet): it has no indexes to list or drop. */
const namespaceNotFound = 26;
/** The index is gone: dropped meanwhile by another instance starting up. */
const indexNotFound = 27;

interface ExistingIndex {
  name: string;
  key: Document;
  unique?: boolean;
}

function sameDefinition(existing: ExistingIndex, declared: DeclaredIndex): boolean {
  const existingKey = Object.entries(existing.key).map(([field, order]) => [field, Number(order)]);
  const declaredKey = Object.entries(declared.key);
  return (
    JSON.stringify(existingKey) === JSON.stringify(declaredKey) &&
    Boolean(existing.unique) === Boolean(declared.unique)
  );
}

async function existingIndexes(db: Db, collection: string): Promise<ExistingIndex[]> {
  try {
    return (await db.collection(collection).listIndexes().toArray()) as ExistingIndex[];
  } catch (error) {
    if (error instanceof MongoServerError && error.code === namespaceNotFound) return [];
    throw error;
  }
}

async function dropIndex(db: Db, collection: string, name: string): Promise<void> {
  try {
    await db.collection(collection).dropIndex(name);
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === indexNotFound)) throw error;
  }
}

/**
 * Makes the database's indexes those declared: creates the missing ones (one createIndexes per
 * collection), replaces one whose name is declared with other keys or options or whose keys are
 * declared under another name, and drops retired ones. Indexes it knows nothing of are left alone. Idempotent, and safe while other instances start too (creating an existing index is a
 * no-op; dropping a dropped one is tolerated).
 */
export async function ensureDatabaseIndexes(
  db: Db,
  declared: readonly DeclaredIndex[] = databaseIndexes,
  retired: readonly { collection: string; name: string }[] = retiredIndexes,
): Promise<void> {
  const collections = [
    ...new Set([...declared.map((index) => index.collection), ...retired.map((r) => r.collection)]),
  ];
  for (const collection of collections) {
    const existing = await existingIndexes(db, collection);
    const wanted = declared.filter((index) => index.collection === collection);
    for (const index of existing) {
      const declaration = wanted.find((candidate) => candidate.name === index.name);
      const stale =
        retired.some((r) => r.collection === collection && r.name === index.name) ||
        (declaration !== undefined && !sameDefinition(index, declaration)) ||
        // Same keys under another name (made before this list, named by default): creating the
        // declared one would fail with IndexOptionsConflict.
        (declaration === undefined && wanted.some((candidate) => sameDefinition(index, candidate)));
      if (stale) await dropIndex(db, collection, index.name);
    }
    if (wanted.length === 0) continue;
    await db.collection(collection).createIndexes(
      wanted.map(({ key, name, unique }): IndexDescription => ({
        key,
        name,
        ...(unique && { unique }),
      })),
    );
  }
}
