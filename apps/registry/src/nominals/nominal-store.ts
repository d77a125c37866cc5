import type { Collection, Db } from 'mongodb';
import type { EventMetadata } from '@hub/contracts';
import { isDuplicateKeyError } from '@hub/persistence';
import type {
  HistoryDocument,
  IntelligenceItem,
  NominalDocument,
  VersionClaimDocument,
} from './nominal.documents';

const maxWriteAttempts = 5;

/** Where an event came from, recorded with it in the history. */
export type EventOrigin = Pick<
  HistoryDocument,
  'eventType' | 'topic' | 'partition' | 'offset' | 'schemaId' | 'traceparent'
>;

/** What an applied event changes on the canonical record. */
export interface RecordChange {
  push: { intelligence: IntelligenceItem };
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
   * Applies one event to a nominal's record (creating the record if needed) and appends it to the
   * history, without transactions: the next record version is claimed for the event by a unique
   * insert, the record changes in one single-document write, and the history entry is an idempotent
   * upsert. A redelivery after a crash between any two steps completes the rest without changing the
   * record twice.
   */
  async apply(
    nominalId: string,
    metadata: EventMetadata,
    origin: EventOrigin,
    change: RecordChange,
  ): Promise<void> {
    const version = await this.applyToRecord(nominalId, metadata.eventId, change);
    try {
      await this.history.updateOne(
        { _id: metadata.eventId },
        {
          $setOnInsert: {
            nominalId,
            ...origin,
            occurredAt: metadata.occurredAt,
            recordedAt: new Date(),
            producingAgency: metadata.producingAgency,
            producingSystem: metadata.producingSystem,
            actingUser: metadata.actingUser,
            correlationId: metadata.correlationId,
            causationId: metadata.causationId,
            classification: metadata.classification,
            nominalVersion: version,
          },
        },
        { upsert: true },
      );
    } catch (error) {
      // Two deliveries of the same event upserting at once: the other one wrote the entry.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Returns the record version the event produced, applying it unless the record already has it. */
  private async applyToRecord(
    nominalId: string,
    eventId: string,
    change: RecordChange,
  ): Promise<number> {
    for (let attempt = 1; attempt <= maxWriteAttempts; attempt++) {
      const now = new Date();
      const current = await this.nominals.findOne({ _id: nominalId });
      const already = current?.appliedEvents.find((entry) => entry.eventId === eventId);
      if (already) return already.version;

      const version = (current?.version ?? 0) + 1;
      if (!(await this.claimVersion(nominalId, version, eventId))) continue;
      const applied = { eventId, version };
      if (!current) {
        try {
          await this.nominals.insertOne({
            _id: nominalId,
            version,
            createdAt: now,
            updatedAt: now,
            intelligence: [change.push.intelligence],
            appliedEvents: [applied],
          });
          return version;
        } catch (error) {
          if (isDuplicateKeyError(error)) continue; // written meanwhile: read it and try again
          throw error;
        }
      }
      const result = await this.nominals.updateOne(
        { _id: nominalId, version: current.version },
        { $set: { version, updatedAt: now }, $push: { ...change.push, appliedEvents: applied } },
      );
      if (result.matchedCount === 1) return version;
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

  historyOf(nominalId: string): Promise<HistoryDocument[]> {
    return this.history.find({ nominalId }).sort({ occurredAt: 1, nominalVersion: 1 }).toArray();
  }
}
