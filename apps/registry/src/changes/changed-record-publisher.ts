import type { Collection, Db } from 'mongodb';
import type { EventPublisher } from '@hub/messaging';
import { isDuplicateKeyError } from '@hub/persistence';
import type { NominalStore } from '../nominals/nominal-store';
import { nominalChangedOf } from './nominal-changed';

export const changedRecordTopic = 'registry.nominal.changed.v1';

/** The highest record version published on the changed-record topic, per nominal. */
interface PublicationDocument {
  _id: string;
  version: number;
  publishedAt: Date;
}

export interface PublisherLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/**
 * The outbox of the changed-record topic, without transactions. The record's version is written
 * atomically with the change; this ledger says which version was last published. A record whose
 * version is ahead of the ledger has a change still to publish: right after the write, or, if the
 * process died in between, by the sweep at start-up and every interval. Only states read back from
 * the database are published, so no event goes out without its change, and none is missed.
 */
export class ChangedRecordPublisher {
  private readonly publications: Collection<PublicationDocument>;
  /** Per nominal, the publication in progress: a nominal's versions go out in order. */
  private readonly inFlight = new Map<string, Promise<void>>();
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

  /** Publishes the nominal's current record if its version has not been published yet. */
  publish(nominalId: string, headers: Record<string, string> = {}): Promise<void> {
    const previous = this.inFlight.get(nominalId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined) // the earlier caller has its own error
      .then(() => this.publishLatest(nominalId, headers));
    this.inFlight.set(nominalId, next);
    return next.finally(() => {
      if (this.inFlight.get(nominalId) === next) this.inFlight.delete(nominalId);
    });
  }

  private async publishLatest(nominalId: string, headers: Record<string, string>): Promise<void> {
    const record = await this.store.findNominal(nominalId);
    if (!record) return;
    const published = await this.publications.findOne({ _id: nominalId });
    if (published && published.version >= record.version) return;
    await this.publisher.publish(changedRecordTopic, nominalId, nominalChangedOf(record), {
      ...headers,
      'x-event-id': record.lastEventId,
    });
    await this.recordPublished(nominalId, record.version);
  }

  private async recordPublished(nominalId: string, version: number): Promise<void> {
    const update = { $max: { version }, $set: { publishedAt: new Date() } };
    try {
      await this.publications.updateOne({ _id: nominalId }, update, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.publications.updateOne({ _id: nominalId }, update); // both inserted at once
    }
  }

  /** Publishes every record whose latest version is not on the topic yet; returns how many. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    const [records, publications] = await Promise.all([
      this.store.nominals.find({}, { projection: { _id: 1, version: 1 } }).toArray(),
      this.publications.find({}).toArray(),
    ]);
    const publishedVersion = new Map(publications.map((entry) => [entry._id, entry.version]));
    const behind = records.filter(
      (record) => (publishedVersion.get(record._id) ?? 0) < record.version,
    );
    for (const record of behind) await this.publish(record._id);
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
    await Promise.allSettled([this.sweeping, ...this.inFlight.values()]);
  }
}
