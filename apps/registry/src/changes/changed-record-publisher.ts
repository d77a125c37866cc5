import type { EventPublisher } from '@hub/messaging';
import type { NominalStore } from '../nominals/nominal-store';
import type { NominalDocument } from '../nominals/nominal.documents';
import { nominalChangedOf } from './nominal-changed';

export const changedRecordTopic = 'registry.nominal.changed.v1';

export interface PublisherLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/** How many records a sweep publishes per round trip. */
const sweepPageSize = 500;

/**
 * The outbox of the changed-record topic, without transactions. A change is written with
 * `pendingPublication: true` in the same single-document write; once Kafka has the record, the flag
 * is cleared if the record is still at that version. A record still flagged has a change to publish:
 * right after the write, or, if the process died in between, by the sweep at start-up and every
 * interval. Only states written to the database are published, so no event goes out without its
 * change and none is missed; a consumer keeps the highest `version` per key.
 */
export class ChangedRecordPublisher {
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly store: NominalStore,
    private readonly publisher: EventPublisher,
    private readonly logger: PublisherLogger,
  ) {}

  /**
   * Publishes the records as written, in one request. A record another writer changed meanwhile is
   * read and published again, so that the topic's last word for each key is the latest version.
   */
  async publish(
    records: NominalDocument[],
    headersOf: (record: NominalDocument) => Record<string, string> = () => ({}),
  ): Promise<void> {
    let batch = records;
    while (batch.length > 0) {
      await this.publisher.publishMany(
        changedRecordTopic,
        batch.map((record) => ({
          key: record._id,
          value: nominalChangedOf(record),
          headers: { ...headersOf(record), 'x-event-id': record.lastEventId },
        })),
      );
      const movedOn = await this.store.markPublished(batch);
      batch = [...(await this.store.findMany(movedOn)).values()];
      headersOf = () => ({});
    }
  }

  /**
   * Publishes every record whose change is not on the topic yet, of those written more than
   * `graceMs` ago (younger changes are being published by the ingest that wrote them); returns how
   * many.
   */
  sweep(graceMs = 0): Promise<number> {
    this.sweeping ??= this.sweepOnce(new Date(Date.now() - graceMs)).finally(
      () => (this.sweeping = undefined),
    );
    return this.sweeping;
  }

  private async sweepOnce(writtenBefore: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const pending = await this.store.pendingPublication(writtenBefore, sweepPageSize);
      if (pending.length === 0) break;
      await this.publish(pending);
      total += pending.length;
    }
    if (total > 0) {
      this.logger.info({ published: total }, 'published record changes left unpublished');
    }
    return total;
  }

  /** Sweeps now and then every `intervalMs`; a failed sweep is logged and tried again next time. */
  async start(intervalMs: number): Promise<void> {
    await this.sweep();
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
