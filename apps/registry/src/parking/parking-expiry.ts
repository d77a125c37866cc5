import type { EventPublisher } from '@hub/messaging';
import { deadLetterParkedEvents, ParkingLimitExceededError } from './parked-event-dead-letters';
import type { ParkedEvents } from './parked-events';

export interface ParkingExpiryLogger {
  warn(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/**
 * Dead-letters, with their reason, the events whose nominal was not registered within the limit:
 * never dropped, and visible to the dead-letter tools for replay once the registration is sorted.
 */
export class ParkingExpiry {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly parked: ParkedEvents,
    private readonly publisher: EventPublisher,
    private readonly groupId: string,
    private readonly limitMs: number,
    private readonly logger: ParkingExpiryLogger,
  ) {}

  /** Dead-letters every expired parked event; returns how many. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.parked.expired();
      await deadLetterParkedEvents(
        this.publisher,
        this.groupId,
        expired.map((parked) => ({
          parked,
          error: new ParkingLimitExceededError(parked, this.limitMs),
        })),
      );
      await this.parked.release(expired.map((event) => event._id));
      for (const event of expired) {
        this.logger.warn(
          { eventId: event._id, nominalId: event.nominalId, topic: event.topic },
          'parked event dead-lettered: its nominal was never registered',
        );
      }
      total += expired.length;
      if (expired.length === 0) return total;
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'dead-lettering expired parked events failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
