import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { EventPublisher } from '@hub/messaging';
import { isDuplicateKeyError, retryOnceOnDuplicateKey } from '@hub/persistence';
import { accessAuditedOf, auditTopic } from './access-audited';
import { auditEntriesOf, entryOf, storedEntries, type AuditEntryDocument } from '@hub/persistence';

export interface AuditPublisherLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/** The highest sequence known to be on the audit topic (with every one before it). */
interface PublicationCheckpoint {
  _id: string;
  through: number;
}

/** Which instance publishes the trail, until when (unless it renews). */
interface PublicationLease {
  _id: string;
  holder: string;
  until: Date;
}

export const auditPublicationCheckpoint = 'audit-publication';
const auditPublicationLease = 'audit-publication-lease';

/** Entries per produce round (and per read of the trail). */
const publishBatch = 500;

/**
 * Publishes the stored audit entries on `registry.access.audited.v1`, in sequence order, after they
 * are stored and never in the way of a request: the trail tells it of each stored batch and it
 * publishes in the background; a checkpoint in `registry_checkpoints` holds the highest sequence
 * published, and everything after it is published at start-up, after each store and every
 * interval. Kafka being down delays publication and loses nothing: the entries wait in the
 * database.
 *
 * One instance publishes at a time, holding a lease (a conditional upsert in
 * `registry_checkpoints`, renewed at each catch-up), so that the topic carries the chain in its
 * order; the others' entries are published by the holder's next catch-up (at most an interval
 * later), and another instance takes over once a lease is not renewed. An entry may still be
 * published twice (a crash between producing and the checkpoint, a lease taken over while its
 * holder was still producing); it keeps its key (the sequence) and event id.
 */
export class AuditPublisher {
  private readonly entries: Collection<AuditEntryDocument>;
  private readonly checkpoints: Collection<PublicationCheckpoint>;
  private readonly leases: Collection<PublicationLease>;
  private running?: Promise<number>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly instance = randomUUID();
  private leaseMs = 60_000;

  constructor(
    db: Db,
    private readonly publisher: EventPublisher,
    private readonly logger: AuditPublisherLogger,
  ) {
    this.entries = auditEntriesOf(db);
    this.checkpoints = db.collection<PublicationCheckpoint>('registry_checkpoints');
    this.leases = db.collection<PublicationLease>('registry_checkpoints');
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

  /**
   * Takes or renews the lease; false while another instance holds it. The upsert collides on `_id`
   * when the lease exists and is another's: MongoDB and FerretDB alike refuse the second document.
   */
  private async holdLease(): Promise<boolean> {
    const now = new Date();
    try {
      await this.leases.updateOne(
        {
          _id: auditPublicationLease,
          $or: [{ holder: this.instance }, { until: { $lt: now } }],
        },
        { $set: { holder: this.instance, until: new Date(now.getTime() + this.leaseMs) } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Lets another instance take over at once, rather than when the lease runs out. */
  private async releaseLease(): Promise<void> {
    await this.leases.updateOne(
      { _id: auditPublicationLease, holder: this.instance },
      { $set: { until: new Date(0) } },
    );
  }

  private async publishAll(): Promise<number> {
    if (!(await this.holdLease())) return 0;
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
      // Renewed as it goes: a long catch-up keeps the lease it works under.
      if (!(await this.holdLease())) break;
    }
    return published;
  }

  /**
   * Catches up now (without waiting: Kafka may be down) and then every `intervalMs`; a lease not
   * renewed for two intervals passes to another instance.
   */
  start(intervalMs: number): void {
    this.leaseMs = 2 * intervalMs;
    this.notify();
    this.timer = setInterval(() => this.notify(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.again = false;
    await this.running?.catch(() => undefined);
    await this.releaseLease().catch((error: unknown) =>
      this.logger.error({ err: error }, 'releasing the audit publication lease failed'),
    );
  }
}
