import { upgradedContent } from './record-upgrade';
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { EventMetadata } from '@hub/contracts';
import { isDuplicateKeyError, type PersonFieldCipher } from '@hub/persistence';
import { openRecord, sealHistoryEntry, sealRecord } from '../encryption/record-sealing';
import type { HistoryDocument, NominalContent, NominalDocument } from './nominal.documents';

/** Where an event came from, recorded with it in the history. */
export type EventOrigin = Pick<
  HistoryDocument,
  'eventType' | 'topic' | 'partition' | 'offset' | 'schemaId' | 'traceparent'
>;

/** One event as the store records it: what it says, where it came from, and how it reads. */
export interface RecordedEvent {
  nominalId: string;
  /** The record the event named, when that record was merged into `nominalId`. */
  addressedTo?: string;
  metadata: EventMetadata;
  origin: EventOrigin;
  summary: string;
  details: Record<string, unknown>;
}

/** A record to write, and the version it must still have in the database (null: a new record). */
export interface RecordWrite {
  record: NominalDocument;
  expectedVersion: number | null;
}

/**
 * The record without the store's bookkeeping: what projections read and return. (Destructured
 * rather than copied and deleted from: deleting keys makes every later copy of the object slow.)
 */
export function contentOf(record: NominalDocument): NominalContent {
  /* eslint-disable @typescript-eslint/no-unused-vars -- the bookkeeping left out */
  const {
    _id,
    version,
    createdAt,
    updatedAt,
    lastEventId,
    writeId,
    appliedEvents,
    search,
    ...content
  } = record;
  /* eslint-enable @typescript-eslint/no-unused-vars */
  return upgradedContent(content, _id);
}

/** The history entry of an event applied to a record as version `nominalVersion`. */
export function historyEntryOf(
  event: RecordedEvent,
  entry: { _id: string; nominalId: string; nominalVersion: number; recordedAt: Date },
): HistoryDocument {
  const { metadata } = event;
  const addressedTo = event.addressedTo ?? entry.nominalId;
  return {
    _id: entry._id,
    eventId: metadata.eventId,
    nominalId: addressedTo,
    ...(addressedTo !== entry.nominalId && { appliedTo: entry.nominalId }),
    ...event.origin,
    occurredAt: metadata.occurredAt,
    recordedAt: entry.recordedAt,
    producingAgency: metadata.producingAgency,
    producingSystem: metadata.producingSystem,
    producingOrganisation: metadata.producingOrganisation,
    actingUser: metadata.actingUser,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    classification: metadata.classification,
    nominalVersion: entry.nominalVersion,
    summary: event.summary,
    details: event.details,
  };
}

/**
 * The canonical records and their history. Records change by whole-record writes conditional on the
 * version read (the fence between writers: another instance, or a zombie after a rebalance); the
 * history is append-only and keyed by event id, so writing it again is harmless. Sensitive fields
 * are sealed on the way in and opened on the way out (encryption/sensitive-fields.ts): callers
 * only ever see plaintext.
 */
export class NominalStore {
  readonly nominals: Collection<NominalDocument>;
  readonly history: Collection<HistoryDocument>;

  constructor(
    db: Db,
    private readonly cipher: PersonFieldCipher,
  ) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.history = db.collection<HistoryDocument>('nominal_history');
  }

  /** The records with these ids that exist, by id (one round trip). */
  async findMany(ids: Iterable<string>): Promise<Map<string, NominalDocument>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const found = await this.nominals.find({ _id: { $in: unique } }).toArray();
    const opener = await this.cipher.openerFor(found.map((record) => record._id));
    return new Map(found.map((record) => [record._id, openRecord(record, opener)]));
  }

  /**
   * Writes records in one bulk, each only if it still has the version it was read at (or does not
   * exist yet, for a new one). Returns the ids of the records another writer changed first: none of
   * their writes happened, and they must be read and decided again.
   */
  async writeMany(writes: RecordWrite[]): Promise<string[]> {
    if (writes.length === 0) return [];
    const sealer = await this.cipher.sealerFor(writes.map(({ record }) => record._id));
    const operations: AnyBulkWriteOperation<NominalDocument>[] = writes.map(
      ({ record, expectedVersion }) =>
        expectedVersion === null
          ? { insertOne: { document: sealRecord(record, sealer) } }
          : {
              replaceOne: {
                filter: { _id: record._id, version: expectedVersion },
                replacement: sealRecord(record, sealer),
              },
            },
    );
    let applied: number;
    try {
      const result = await this.nominals.bulkWrite(operations, { ordered: false });
      applied = result.insertedCount + result.matchedCount;
    } catch (error) {
      // A record created meanwhile by another writer: its insert collides on the id.
      if (!isDuplicateKeyError(error)) throw error;
      applied = -1;
    }
    if (applied === writes.length) return [];
    // The bulk's counts do not say which writes matched: read back whose version is now ours.
    const now = await this.nominals
      .find(
        { _id: { $in: writes.map((write) => write.record._id) } },
        { projection: { _id: 1, writeId: 1 } },
      )
      .toArray();
    const current = new Map(now.map((entry) => [entry._id, entry]));
    return writes
      .filter(({ record }) => {
        const found = current.get(record._id);
        return found?.writeId !== record.writeId;
      })
      .map(({ record }) => record._id);
  }

  /** Appends history entries; entries an earlier delivery wrote are left as they are. */
  async appendHistory(entries: HistoryDocument[]): Promise<void> {
    if (entries.length === 0) return;
    // Recorded when the record write is done, not when the batch was read.
    const recordedAt = new Date();
    for (const entry of entries) entry.recordedAt = recordedAt;
    const sealer = await this.cipher.sealerFor(entries.map((entry) => entry.nominalId));
    const sealed = entries.map((entry) => sealHistoryEntry(entry, sealer));
    try {
      await this.history.insertMany(sealed, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The current version of each of these records that exists. */
  async versionsOf(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const found = await this.nominals
      .find({ _id: { $in: ids } }, { projection: { _id: 1, version: 1 } })
      .toArray();
    return new Map(found.map((entry) => [entry._id, entry.version]));
  }

  /** The ids of the records changed since `since`, a page at a time. */
  async *changedSince(since: Date, pageSize: number): AsyncGenerator<string[]> {
    const cursor = this.nominals.find(
      { updatedAt: { $gte: since } },
      { projection: { _id: 1 }, batchSize: pageSize },
    );
    let page: string[] = [];
    for await (const { _id } of cursor) {
      page.push(_id);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async findNominal(nominalId: string): Promise<NominalDocument | null> {
    const record = await this.nominals.findOne({ _id: nominalId });
    if (!record) return null;
    return openRecord(record, await this.cipher.openerFor([record._id]));
  }
}
