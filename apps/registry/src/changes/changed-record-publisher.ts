import type { Collection, Db } from 'mongodb';
import type { EventPublisher } from '@hub/messaging';
import { isDuplicateKeyError } from '@hub/persistence';
import type { NominalStore } from '../nominals/nominal-store';
import type { NominalDocument } from '../nominals/nominal.documents';
import { KeyedQueue } from '../infrastructure/keyed-queue';
import { nominalChangedOf } from './nominal-changed';

export const changedRecordTopic = 'registry.nominal.changed.v1';

/** One record version published on the changed-record topic; `_id` is `<nominalId>#<version>`. */
interface PublicationDocument {
  _id: string;
  nominalId: string;
  version: number;
  publishedAt: Date;
}

export interface PublisherLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/**
 * The outbox of the changed-record topic, without transactions. The record's version is written
 * atomically with the change; this ledger says which versions were published. A record whose version
 * is ahead of the ledger has a change still to publish: right after the write, or, if the process
 * died in between, by the sweep at start-up and every interval. Only states that were written to the
 * database are published, so no event goes out without its change, and none is missed. The ledger is
 * insert-only because FerretDB inserts cheaply and updates by reading the collection.
 */
export class ChangedRecordPublisher {
  private readonly publications: Collection<PublicationDocument>;
  /** A nominal's versions go out one at a time, in order. */
  private readonly queue = new KeyedQueue();
  /** The highest version known to be on the topic, per nominal (filled by publishing and sweeps). */
  private readonly published = new Map<string, number>();
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    db: Db,
    private readonly store: NominalStore,
    private readonly publisher: EventPublisher,
    private readonly logger: PublisherLogger,
  ) {
    this.publications = db.collection<PublicationDocument>('nominal_change_publications');
  }

  /** Publishes `record` (as just written) unless this or a later version has gone out already. */
  publish(record: NominalDocument, headers: Record<string, string> = {}): Promise<void> {
    return this.queue.run(record._id, async () => {
      await this.publishVersion(record, headers);
      // Another writer (another registry instance) may have written and published a later version
      // meanwhile: the topic's last word for the key must be the latest version.
      let published = record;
      for (;;) {
        const latest = await this.store.findNominal(record._id);
        if (!latest || latest.version <= published.version) return;
        await this.publishVersion(latest, {}, true);
        published = latest;
      }
    });
  }

  /** Publishes the nominal's record as the database holds it now, if not published yet. */
  private publishCurrent(nominalId: string): Promise<void> {
    return this.queue.run(nominalId, async () => {
      const record = await this.store.findNominal(nominalId);
      if (record) await this.publishVersion(record, {});
    });
  }

  private async publishVersion(
    record: NominalDocument,
    headers: Record<string, string>,
    evenIfPublished = false,
  ): Promise<void> {
    if (!evenIfPublished && (this.published.get(record._id) ?? 0) >= record.version) return;
    await this.publisher.publish(changedRecordTopic, record._id, nominalChangedOf(record), {
      ...headers,
      'x-event-id': record.lastEventId,
    });
    try {
      await this.publications.insertOne({
        _id: `${record._id}#${record.version}`,
        nominalId: record._id,
        version: record.version,
        publishedAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // published before a crash, and again now
    }
    this.published.set(record._id, record.version);
  }

  /** Publishes every record whose latest version is not on the topic yet; returns how many. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    const [records, publications] = await Promise.all([
      this.store.nominals.find({}, { projection: { _id: 1, version: 1 } }).toArray(),
      this.publications.find({}, { projection: { nominalId: 1, version: 1 } }).toArray(),
    ]);
    for (const entry of publications) {
      if ((this.published.get(entry.nominalId) ?? 0) < entry.version) {
        this.published.set(entry.nominalId, entry.version);
      }
    }
    const behind = records.filter(
      (record) => (this.published.get(record._id) ?? 0) < record.version,
    );
    for (const record of behind) await this.publishCurrent(record._id);
    if (behind.length > 0) {
      this.logger.info({ published: behind.length }, 'published record changes left unpublished');
    }
    return behind.length;
  }

  /** Sweeps now and then every `intervalMs`; a failed sweep is logged and tried again next time. */
  async start(intervalMs: number): Promise<void> {
    await this.sweep();
    this.sweeper = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'sweeping unpublished record changes failed'),
      );
    }, intervalMs);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([this.sweeping, this.queue.idle()]);
  }
}
