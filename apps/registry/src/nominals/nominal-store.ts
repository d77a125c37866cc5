import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection, Db } from 'mongodb';
import type { EventMetadata } from '@hub/contracts';
import { isDuplicateKeyError } from '@hub/persistence';
import { searchKeysOf } from '../search/search-keys';
import type {
  HistoryDocument,
  NominalContent,
  NominalDocument,
  VersionClaimDocument,
} from './nominal.documents';

/** Attempts to write a record that other events keep changing (another registry instance). */
const maxWriteAttempts = 10;

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

export interface AppliedEvent {
  record: NominalDocument;
  /** False when an earlier delivery had already applied the event. */
  newlyApplied: boolean;
}

/** The record without the store's bookkeeping: what projections read and return. */
export function contentOf(record: NominalDocument): NominalContent {
  const copy: Partial<NominalDocument> = { ...record };
  for (const field of [
    '_id',
    'version',
    'createdAt',
    'updatedAt',
    'lastEventId',
    'appliedEvents',
    'search',
  ] as const) {
    delete copy[field];
  }
  return copy as NominalContent;
}

export class NominalStore {
  readonly nominals: Collection<NominalDocument>;
  readonly history: Collection<HistoryDocument>;
  private readonly versionClaims: Collection<VersionClaimDocument>;

  constructor(db: Db) {
    this.nominals = db.collection<NominalDocument>('nominals');
    this.history = db.collection<HistoryDocument>('nominal_history');
    this.versionClaims = db.collection<VersionClaimDocument>('nominal_version_claims');
  }

  async ensureIndexes(): Promise<void> {
    await this.history.createIndex({ nominalId: 1, occurredAt: 1 }, { name: 'timeline' });
  }

  /**
   * Applies one event to a nominal's record and appends it to the history, without transactions:
   * the next record version is claimed for the event by a unique insert, the record changes in one
   * single-document write, and the history entry is an idempotent upsert. A redelivery after a crash
   * between any two steps completes the rest without changing the record twice. `project` computes
   * the new content from the current one (null: no record yet) and may throw to refuse the event.
   * `historyId` names the entry when one event changes two records (a merge).
   */
  async apply(
    event: RecordedEvent,
    project: (current: NominalContent | null) => NominalContent,
    historyId = event.metadata.eventId,
  ): Promise<AppliedEvent> {
    const applied = await this.applyToRecord(event.nominalId, event.metadata.eventId, project);
    await this.appendHistory(event, applied.record, historyId);
    return applied;
  }

  private async appendHistory(
    event: RecordedEvent,
    record: NominalDocument,
    historyId: string,
  ): Promise<void> {
    const { metadata } = event;
    const version = record.appliedEvents.find(
      (entry) => entry.eventId === metadata.eventId,
    )?.version;
    const entry: HistoryDocument = {
      _id: historyId,
      eventId: metadata.eventId,
      nominalId: event.nominalId,
      ...event.origin,
      occurredAt: metadata.occurredAt,
      recordedAt: new Date(),
      producingAgency: metadata.producingAgency,
      producingSystem: metadata.producingSystem,
      actingUser: metadata.actingUser,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      classification: metadata.classification,
      nominalVersion: version ?? record.version,
      summary: event.summary,
      details: event.details,
    };
    try {
      // An insert, not an upsert: FerretDB checks a unique id on insert through its index, while an
      // upsert reads the collection first, and the history is the largest collection.
      await this.history.insertOne(entry);
    } catch (error) {
      // An earlier delivery of the event wrote the entry.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  private async applyToRecord(
    nominalId: string,
    eventId: string,
    project: (current: NominalContent | null) => NominalContent,
  ): Promise<AppliedEvent> {
    for (let attempt = 1; attempt <= maxWriteAttempts; attempt++) {
      const now = new Date();
      const current = await this.nominals.findOne({ _id: nominalId });
      if (current?.appliedEvents.some((entry) => entry.eventId === eventId)) {
        return { record: current, newlyApplied: false };
      }
      const content = project(current ? contentOf(current) : null);
      const version = (current?.version ?? 0) + 1;
      if (!(await this.claimVersion(nominalId, version, eventId))) {
        // Another event holds the next version and is writing it: give it time before re-reading.
        await sleep(attempt * 20 + Math.random() * 20);
        continue;
      }
      const record: NominalDocument = {
        _id: nominalId,
        ...content,
        version,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
        lastEventId: eventId,
        search: searchKeysOf(content),
        appliedEvents: [...(current?.appliedEvents ?? []), { eventId, version }],
      };
      if (!current) {
        try {
          await this.nominals.insertOne(record);
          return { record, newlyApplied: true };
        } catch (error) {
          if (isDuplicateKeyError(error)) continue; // written meanwhile: read it and try again
          throw error;
        }
      }
      const result = await this.nominals.replaceOne(
        { _id: nominalId, version: current.version },
        record,
      );
      if (result.matchedCount === 1) return { record, newlyApplied: true };
    }
    throw new Error(
      `nominal ${nominalId} kept changing under event ${eventId}; gave up after ${maxWriteAttempts} attempts`,
    );
  }

  /**
   * Reserves record version `version` of a nominal for one event, by inserting a document with a
   * unique id: the one write that is atomic on FerretDB too, whose conditional updates check their
   * filter on a read made before the write. True if the version is this event's (also when an
   * earlier delivery of it claimed the version and crashed before writing the record).
   */
  private async claimVersion(
    nominalId: string,
    version: number,
    eventId: string,
  ): Promise<boolean> {
    const _id = `${nominalId}#${version}`;
    try {
      await this.versionClaims.insertOne({ _id, eventId, claimedAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const claim = await this.versionClaims.findOne({ _id });
      return claim?.eventId === eventId;
    }
  }

  findNominal(nominalId: string): Promise<NominalDocument | null> {
    return this.nominals.findOne({ _id: nominalId });
  }

  async exists(nominalId: string): Promise<boolean> {
    return (await this.nominals.countDocuments({ _id: nominalId }, { limit: 1 })) > 0;
  }
}
