import type { EventPublisher } from '@hub/messaging';
import type { PinoLogger } from 'nestjs-pino';
import type { Transfer } from '../workflow/transfer';
import type { TransferStore } from '../transfers/transfer-store';

/**
 * Publishes the events each transfer change wrote into its document, then removes them. A step is
 * stored with its events in one write, so a crash after it loses nothing: the sweep publishes what
 * is left. A crash between publishing and removing publishes an event again with the same event id,
 * which consumers apply once (the registry keeps the ids it applied).
 */
export class TransferOutbox {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly store: TransferStore,
    private readonly publisher: EventPublisher,
    private readonly logger: PinoLogger,
  ) {}

  /** Publishes `transfer`'s events, in order; resolves once Kafka has them all. */
  async publish(transfer: Pick<Transfer, '_id' | 'nominalId' | 'outbox'>): Promise<void> {
    const done: string[] = [];
    try {
      for (const entry of transfer.outbox) {
        await this.publisher.publish(entry.topic, transfer.nominalId, entry.value, {
          'x-event-id': entry.eventId,
        });
        done.push(entry.eventId);
      }
    } finally {
      if (done.length > 0) await this.store.published(transfer._id, done);
    }
  }

  /**
   * Publishes a change's events now; when Kafka does not take them, says so and leaves them for the
   * sweep: the change is stored with its events, so the caller's answer does not depend on Kafka.
   */
  async publishOrLeave(transfer: Pick<Transfer, '_id' | 'nominalId' | 'outbox'>): Promise<void> {
    try {
      await this.publish(transfer);
    } catch (error) {
      this.logger.warn(
        { err: error, transferId: transfer._id },
        'transfer events wait in the outbox (Kafka did not take them); the sweep publishes them',
      );
    }
  }

  /** Publishes what earlier changes left (Kafka was down, the process died). */
  async sweep(): Promise<number> {
    let count = 0;
    for (;;) {
      const pending = await this.store.withUnpublishedEvents(100);
      if (pending.length === 0) return count;
      for (const transfer of pending) {
        await this.publish(transfer);
        count += transfer.outbox.length;
      }
    }
  }

  start(intervalMs: number): void {
    const run = (): void => {
      this.sweeping ??= this.sweep()
        .then((count) => {
          if (count > 0) this.logger.info({ count }, 'published transfer events left unpublished');
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'transfer events could not be published yet; retrying');
        })
        .finally(() => {
          this.sweeping = undefined;
        });
    };
    run();
    this.timer = setInterval(run, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
