import type { Collection, Db } from 'mongodb';
import type { EventPublisher } from '@hub/messaging';
import { retryOnceOnDuplicateKey } from '@hub/persistence';
import type { NominalStore } from '../nominals/nominal-store';
import type { NominalDocument } from '../nominals/nominal.documents';
import { nominalChangedOf } from './nominal-changed';

export const changedRecordTopic = 'registry.nominal.changed.v1';

export interface PublisherLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/** The highest version of a nominal's record known to be on the changed-record topic. */
interface PublicationDocument {
  _id: string;
  version: number;
  publishedAt: Date;
}

/** Where the last sweep got to: every change written before `through` has been checked. */
interface SweepCheckpoint {
  _id: string;
  through: Date;
}

const checkpointId = 'changed-record-sweep';

/** How many records a sweep compares with the ledger per round trip. */
const sweepPageSize = 1_000;

/**
 * The outbox of the changed-record topic, without transactions. The record's version and
 * `updatedAt` are written atomically with the change; the ledger (`nominal_change_publications`,
 * one small document per nominal) holds the highest version published. A change is published right
 * after its write. If the process died in between, the change is found by comparing the records
 * written since the last sweep's checkpoint with the ledger — at start-up, every interval, and when
 * a redelivered event finds its change already written. Only states written to the database are
 * published, so no event goes out without its change and none is missed; a consumer keeps the
 * highest `version` per key. The ledger is separate because a flag on the record would rewrite the
 * record, and every index entry of it, a second time.
 */
export class ChangedRecordPublisher {
  private readonly publications: Collection<PublicationDocument>;
  private readonly checkpoints: Collection<SweepCheckpoint>;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    db: Db,
    private readonly store: NominalStore,
    private readonly publisher: EventPublisher,
    private readonly logger: PublisherLogger,
  ) {
    this.publications = db.collection<PublicationDocument>('nominal_change_publications');
    this.checkpoints = db.collection<SweepCheckpoint>('registry_checkpoints');
  }

  /**
   * Publishes the records as written, in one request, and records them in the ledger. A record
   * another writer changed meanwhile is read and published again, so that the topic's last word for
   * each key is the latest version.
   */
  async publish(
    records: NominalDocument[],
    headersOf: (record: NominalDocument) => Record<string, string> = () => ({}),
  ): Promise<void> {
    let batch = records;
    let headers = headersOf;
    while (batch.length > 0) {
      await this.publisher.publishMany(
        changedRecordTopic,
        batch.map((record) => ({
          key: record._id,
          value: nominalChangedOf(record),
          headers: { ...headers(record), 'x-event-id': record.lastEventId },
        })),
      );
      await this.record(batch);
      const versions = await this.store.versionsOf(batch.map((record) => record._id));
      const movedOn = batch.filter((r) => (versions.get(r._id) ?? r.version) > r.version);
      batch = [...(await this.store.findMany(movedOn.map((record) => record._id))).values()];
      headers = () => ({});
    }
  }

  /** Publishes those of the records whose current version is not on the topic yet. */
  async publishIfBehind(nominalIds: Iterable<string>): Promise<number> {
    const ids = [...new Set(nominalIds)];
    if (ids.length === 0) return 0;
    const [versions, published] = await Promise.all([
      this.store.versionsOf(ids),
      this.publishedVersions(ids),
    ]);
    const behind = ids.filter((id) => (versions.get(id) ?? 0) > (published.get(id) ?? 0));
    if (behind.length > 0) await this.publish([...(await this.store.findMany(behind)).values()]);
    return behind.length;
  }

  private async record(records: NominalDocument[]): Promise<void> {
    await retryOnceOnDuplicateKey(() => this.recordOnce(records));
  }

  private async recordOnce(records: NominalDocument[]): Promise<void> {
    const publishedAt = new Date();
    await this.publications.bulkWrite(
      records.map((record) => ({
        updateOne: {
          filter: { _id: record._id },
          update: { $max: { version: record.version }, $set: { publishedAt } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  private async publishedVersions(ids: string[]): Promise<Map<string, number>> {
    const found = await this.publications
      .find({ _id: { $in: ids } }, { projection: { version: 1 } })
      .toArray();
    return new Map(found.map((entry) => [entry._id, entry.version]));
  }

  /**
   * Publishes every change written since the last checkpoint that is not on the topic yet; returns
   * how many. The checkpoint then moves to `graceMs` before this sweep began: changes younger than
   * that may still be being published by the ingest that wrote them, and are checked again next time.
   */
  sweep(graceMs = 0): Promise<number> {
    this.sweeping ??= this.sweepOnce(graceMs).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(graceMs: number): Promise<number> {
    const began = Date.now();
    const checkpoint = await this.checkpoints.findOne({ _id: checkpointId });
    const since = checkpoint?.through ?? new Date(0);
    let total = 0;
    for await (const page of this.store.changedSince(since, sweepPageSize)) {
      total += await this.publishIfBehind(page);
    }
    await retryOnceOnDuplicateKey(() =>
      this.checkpoints.updateOne(
        { _id: checkpointId },
        { $max: { through: new Date(began - graceMs) } },
        { upsert: true },
      ),
    );
    if (total > 0) {
      this.logger.info({ published: total }, 'published record changes left unpublished');
    }
    return total;
  }

  /** Sweeps now and then every `intervalMs`; a failed sweep is logged and tried again next time. */
  async start(intervalMs: number): Promise<void> {
    await this.sweep(intervalMs);
    this.sweeper = setInterval(() => {
      this.sweep(intervalMs).catch((error: unknown) =>
        this.logger.error({ err: error }, 'sweeping unpublished record changes failed'),
      );
    }, intervalMs);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping?.catch(() => undefined);
  }
}
