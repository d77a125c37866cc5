import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Observable, ReplaySubject, Subject } from 'rxjs';
import {
  consumerGroupCatalogue,
  liveViewGroupPrefix,
  type TopicName,
  type TransferStepOverdue,
  type TransferStepRecorded,
} from '@hub/contracts';
import { ConsumerRunner, type ConsumerLogger, type HubSchemaRegistry } from '@hub/messaging';

/** A transfer event as the live view hands it on: decoded, with the SSE event name it goes out as. */
export type LiveTransferEvent =
  | { type: 'transfer-step'; event: TransferStepRecorded }
  | { type: 'transfer-overdue'; event: TransferStepOverdue };

const liveTopics = {
  'transfer.step.recorded.v1': 'transfer-step',
  'transfer.step.overdue.v1': 'transfer-overdue',
} as const satisfies Partial<Record<TopicName, LiveTransferEvent['type']>>;

export interface TransferLiveFeedOptions {
  /** The service's consumer group; the feed's own group is named under it (the ACLs grant `<group>.`). */
  consumerGroup: string;
  /**
   * Events kept for clients that reconnect with `Last-Event-ID`: a short disconnection (a proxy
   * restart, a laptop lid) then loses nothing, as long as the client comes back to this instance.
   */
  replayCapacity?: number;
  logger: ConsumerLogger & { fatal(entry: object, message: string): void };
}

/**
 * The transfer events of the whole hub as they happen, for the live view. Every instance reads
 * them all with a throw-away consumer group of its own that starts at the end: each instance must
 * see every event (its subscribers may watch any area), and nothing before its start is wanted.
 * Need-to-know is applied per subscriber by the stream, not here.
 */
export class TransferLiveFeed {
  readonly groupId: string;
  private readonly runner: ConsumerRunner;
  private readonly events = new Subject<LiveTransferEvent>();
  private readonly ended = new ReplaySubject<void>(1);
  private readonly recent: LiveTransferEvent[] = [];
  private readonly replayCapacity: number;

  constructor(
    private readonly kafka: Kafka,
    schemas: HubSchemaRegistry,
    private readonly options: TransferLiveFeedOptions,
  ) {
    this.groupId = `${liveViewGroupPrefix(options.consumerGroup)}${randomUUID()}`;
    this.replayCapacity = options.replayCapacity ?? 1_000;
    this.runner = new ConsumerRunner(kafka, schemas, {
      groupId: this.groupId,
      group: consumerGroupCatalogue['transfer-coordinator'],
      topics: Object.keys(liveTopics) as TopicName[],
      newGroupStartsAt: 'latest',
      logger: options.logger,
      batchHandler: (batch) => {
        for (const consumed of batch) {
          const type = liveTopics[consumed.topic as keyof typeof liveTopics];
          // The retry topic is shared with the service's main group; its events are not ours.
          if (type === undefined) continue;
          this.publish({ type, event: consumed.value } as LiveTransferEvent);
        }
        return Promise.resolve([]);
      },
      // Like the service's main consumer: a supervisor restarts a process whose consumer died,
      // rather than leave coordinators looking at a view that silently stopped.
      onFatal: (error) => {
        options.logger.fatal({ err: error }, 'the live view consumer crashed; exiting');
        process.exit(1);
      },
    });
  }

  get state(): ConsumerRunner['state'] {
    return this.runner.state;
  }

  async start(): Promise<void> {
    await this.runner.start();
    this.options.logger.info({ groupId: this.groupId }, 'the live view of transfers is consuming');
  }

  /** Completes every stream (so that the HTTP server can close), then leaves and deletes the group. */
  async stop(): Promise<void> {
    this.ended.next();
    this.ended.complete();
    this.events.complete();
    await this.runner.stop();
    await this.deleteGroup();
  }

  /** Emits once when the feed stops. */
  get ended$(): Observable<void> {
    return this.ended.asObservable();
  }

  /**
   * What happens from now on, preceded by the events after `lastEventId` if this instance still
   * holds it (otherwise what came in between is lost to the client: it was not here, or too long).
   */
  since(lastEventId: string | undefined): Observable<LiveTransferEvent> {
    return new Observable<LiveTransferEvent>((subscriber) => {
      // Replay and subscription happen in one synchronous step: no event can fall in between.
      const at =
        lastEventId === undefined
          ? -1
          : this.recent.findIndex((entry) => entry.event.metadata.eventId === lastEventId);
      if (at >= 0) for (const entry of this.recent.slice(at + 1)) subscriber.next(entry);
      return this.events.subscribe(subscriber);
    });
  }

  private publish(entry: LiveTransferEvent): void {
    this.recent.push(entry);
    if (this.recent.length > this.replayCapacity) this.recent.shift();
    this.events.next(entry);
  }

  /**
   * The group is useless once this instance is gone; deleting it keeps the broker's list of groups
   * short. Best effort: the service's principal may delete only `transfer-coordinator.live-view.`
   * groups (a test run's own group prefix is not covered), and Kafka expires an empty group's
   * offsets anyway (`offsets.retention.minutes`).
   */
  private async deleteGroup(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.groupId]);
      this.options.logger.info({ groupId: this.groupId }, 'deleted the live view consumer group');
    } catch (error) {
      this.options.logger.warn(
        { err: error, groupId: this.groupId },
        'could not delete the live view consumer group; Kafka expires it once its offsets retention passes',
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
