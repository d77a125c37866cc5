import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { EventMetadata } from '@hub/contracts';
import { isDuplicateKeyError } from '@hub/persistence';
import type { HistoryDocument, NominalContent, NominalDocument } from './nominal.documents';

/** Where an event came from, recorded with it in the history. */
export type EventOrigin = Pick<
  HistoryDocument,
  'eventType' | 'topic' | 'partition' | 'offset' | 'schemaId' | 'traceparent'
>;

/** One event as the store records it: what it says, where it came from, and how it reads. */
export interface RecordedEvent {
  nominalId: string;
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

const bookkeepingFields = [
  '_id',
  'version',
  'createdAt',
  'updatedAt',
  'lastEventId',
  'appliedEvents',
  'search',
  'pendingPublication',
] as const;

/** The record without the store's bookkeeping: what projections read and return. */
export function contentOf(record: NominalDocument): NominalContent {
  const copy: Partial<NominalDocument> = { ...record };
  for (const field of bookkeepingFields) delete copy[field];
  return copy as NominalContent;
}

/** The history entry of an event applied to a record as version `nominalVersion`. */
export function historyEntryOf(
  event: RecordedEvent,
  entry: { _id: string; nominalId: string; nominalVersion: number; recordedAt: Date },
): HistoryDocument {
  const { metadata } = event;
  return {
    _id: entry._id,
    eventId: metadata.eventId,
    nominalId: entry.nominalId,
    ...event.origin,
    occurredAt: metadata.occurredAt,
    recordedAt: entry.recordedAt,
    producingAgency: metadata.producingAgency,
    producingSystem: metadata.producingSystem,
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
 * history is append-only and keyed by event id, so writing it again is harmless.
 */
export class NominalStore {
  readonly nominals: Collection<NominalDocument>;
  readonly history: Collection<HistoryDocument>;

  constructor(db: Db) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.history = db.collection<HistoryDocument>('nominal_history');
  }

  /** The records with these ids that exist, by id (one round trip). */
  async findMany(ids: Iterable<string>): Promise<Map<string, NominalDocument>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const found = await this.nominals.find({ _id: { $in: unique } }).toArray();
    return new Map(found.map((record) => [record._id, record]));
  }

  /**
   * Writes records in one bulk, each only if it still has the version it was read at (or does not
   * exist yet, for a new one). Returns the ids of the records another writer changed first: none of
   * their writes happened, and they must be read and decided again.
   */
  async writeMany(writes: RecordWrite[]): Promise<string[]> {
    if (writes.length === 0) return [];
    const operations: AnyBulkWriteOperation<NominalDocument>[] = writes.map(
      ({ record, expectedVersion }) =>
        expectedVersion === null
          ? { insertOne: { document: record } }
          : {
              replaceOne: {
                filter: { _id: record._id, version: expectedVersion },
                replacement: record,
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
        { projection: { _id: 1, version: 1, lastEventId: 1 } },
      )
      .toArray();
    const current = new Map(now.map((entry) => [entry._id, entry]));
    return writes
      .filter(({ record }) => {
        const found = current.get(record._id);
        return found?.version !== record.version || found.lastEventId !== record.lastEventId;
      })
      .map(({ record }) => record._id);
  }

  /** Appends history entries; entries an earlier delivery wrote are left as they are. */
  async appendHistory(entries: HistoryDocument[]): Promise<void> {
    if (entries.length === 0) return;
    // Recorded when the record write is done, not when the batch was read.
    const recordedAt = new Date();
    for (const entry of entries) entry.recordedAt = recordedAt;
    try {
      await this.history.insertMany(entries, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /**
   * Marks records' changes as published, each only if the record is still at the version that went
   * out. Returns the ids whose record moved on meanwhile (a later change to publish).
   */
  async markPublished(records: Pick<NominalDocument, '_id' | 'version'>[]): Promise<string[]> {
    if (records.length === 0) return [];
    const result = await this.nominals.bulkWrite(
      records.map(({ _id, version }) => ({
        updateOne: {
          filter: { _id, version },
          update: { $set: { pendingPublication: false } },
        },
      })),
      { ordered: false },
    );
    if (result.matchedCount === records.length) return [];
    const still = await this.nominals
      .find(
        { _id: { $in: records.map((record) => record._id) } },
        { projection: { _id: 1, version: 1 } },
      )
      .toArray();
    const versions = new Map(still.map((entry) => [entry._id, entry.version]));
    return records
      .filter((record) => (versions.get(record._id) ?? record.version) !== record.version)
      .map((record) => record._id);
  }

  /**
   * Records whose latest change, written before `writtenBefore`, has not been published (a crash
   * between write and publish).
   */
  pendingPublication(writtenBefore: Date, limit: number): Promise<NominalDocument[]> {
    return this.nominals
      .find({ pendingPublication: true, updatedAt: { $lt: writtenBefore } })
      .limit(limit)
      .toArray();
  }

  findNominal(nominalId: string): Promise<NominalDocument | null> {
    return this.nominals.findOne({ _id: nominalId });
  }
}
