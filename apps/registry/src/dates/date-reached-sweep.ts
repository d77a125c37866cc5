import { registryEventMetadata } from '../changes/registry-event-metadata';
import type { RecordDateReached } from '@hub/contracts';
import { namedUuid, type EventPublisher } from '@hub/messaging';
import { londonDate } from '../projections/calendar';
import type { DueDates } from './due-dates';

export interface DateReachedLogger {
  info(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

/** Records asked about per sweep; the next sweep takes the rest. */
const recordsPerSweep = 5_000;

/**
 * Keeps date-dependent facts true when no event comes: finds the records whose facts change on a
 * day that has come (an address ending, a notification falling due: `record_due_dates`) and publishes a
 * RecordDateReached event for each, which the registry applies like any fact, deriving the record
 * again, writing a version and publishing it on the changed-record topic. The event id is named by
 * the record and the day, so several instances sweeping publish one fact between them.
 */
export class DateReachedSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  /** The one-off marking of older records at start-up (it logs its own failure). */
  private markingOlder?: Promise<void>;

  constructor(
    private readonly dueDates: DueDates,
    private readonly publisher: EventPublisher,
    private readonly logger: DateReachedLogger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Publishes a RecordDateReached for every record whose day has come; returns how many. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const now = this.clock();
    const today = londonDate(now);
    const due = await this.dueDates.due(today, recordsPerSweep);
    const events = due.map(({ _id, on }) => {
      const eventId = namedUuid(`${_id}#date-reached#${on}`);
      const value: RecordDateReached = {
        metadata: registryEventMetadata({
          eventId,
          occurredAt: now,
          actingUser: null,
          correlationId: eventId,
        }),
        nominalId: _id,
        reachedOn: today,
      };
      return { key: _id, value, headers: { 'x-event-id': eventId } };
    });
    await this.publisher.publishMany('registry.nominal.date-reached.v1', events);
    if (events.length > 0) {
      this.logger.info({ records: events.length, day: today }, 'records derived again: a day came');
    }
    return events.length;
  }

  start(intervalMs: number): void {
    this.markingOlder = this.dueDates
      .markOlderRecordsDue()
      .then((marked) => {
        if (marked > 0)
          this.logger.info({ records: marked }, 'older records will be derived again');
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'marking older records to be derived again failed'),
      );
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'finding records whose day has come failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // Both end before the database connection closes (registry-lifecycle.ts).
    await Promise.all([this.running?.catch(() => undefined), this.markingOlder]);
  }
}
