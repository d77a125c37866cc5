import type { Collection, Db } from 'mongodb';
import type { EventPublisher } from '@hub/messaging';
import { retryOnceOnDuplicateKey } from '@hub/persistence';
import { accessAuditedOf, auditTopic } from './access-audited';
import { auditEntriesOf, entryOf, storedEntries, type AuditEntryDocument } from './audit-entries';

export interface AuditPublisherLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/** The highest sequence known to be on the audit topic (with every one before it). */
interface PublicationCheckpoint {
  _id: string;
  through: number;
}

export const auditPublicationCheckpoint = 'audit-publication';

/** Entries per produce round (and per read of the trail). */
const publishBatch = 500;

/**
 * Publishes the stored audit entries on `registry.access.audited.v1`, in sequence order, after they
 * are stored and never in the way of a request: the trail tells it of each stored batch and it
 * publishes in the background; a checkpoint in `registry_checkpoints` holds the highest sequence
 * published, and everything after it is published at start-up, after each store and every
 * interval. Kafka being down delays publication and loses nothing: the entries wait in the
 * database. An entry may be published twice (a crash between producing and the checkpoint, or two
 * instances catching up at once); it keeps its key (the sequence) and event id.
 */
export class AuditPublisher {
  private readonly entries: Collection<AuditEntryDocument>;
  private readonly checkpoints: Collection<PublicationCheckpoint>;
  private running?: Promise<number>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    db: Db,
    private readonly publisher: EventPublisher,
    private readonly logger: AuditPublisherLogger,
  ) {
    this.entries = auditEntriesOf(db);
    this.checkpoints = db.collection<PublicationCheckpoint>('registry_checkpoints');
  }

  /** Asks for a catch-up soon; a failure is logged and the next one tries again. */
  notify(): void {
    if (this.stopped) return;
    this.catchUp().catch((error: unknown) =>
      this.logger.error(
        { err: error },
        'publishing audit entries failed; they wait in the database',
      ),
    );
  }

  /**
   * Publishes every stored entry after the checkpoint; resolves with how many. One run at a time:
   * asked again while running, it runs once more after, so that nothing stored meanwhile waits
   * for the interval.
   */
  catchUp(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.publishAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.notify();
      }
    });
    return this.running;
  }

  /** The highest sequence published, with every one before it. */
  async publishedThrough(): Promise<number> {
    const checkpoint = await this.checkpoints.findOne({ _id: auditPublicationCheckpoint });
    return checkpoint?.through ?? 0;
  }

  private async publishAll(): Promise<number> {
    let published = 0;
    for await (const batch of storedEntries(
      this.entries,
      publishBatch,
      await this.publishedThrough(),
    )) {
      await this.publisher.publishMany(
        auditTopic,
        batch.map((document) => ({
          key: String(document._id),
          value: accessAuditedOf(entryOf(document)),
        })),
      );
      const through = batch[batch.length - 1]._id;
      await retryOnceOnDuplicateKey(() =>
        this.checkpoints.updateOne(
          { _id: auditPublicationCheckpoint },
          { $max: { through } },
          { upsert: true },
        ),
      );
      published += batch.length;
    }
    return published;
  }

  /** Catches up now (without waiting: Kafka may be down) and then every `intervalMs`. */
  start(intervalMs: number): void {
    this.notify();
    this.timer = setInterval(() => this.notify(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.again = false;
    await this.running?.catch(() => undefined);
  }
}
