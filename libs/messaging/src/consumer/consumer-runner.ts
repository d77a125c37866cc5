import { setTimeout as sleep } from 'node:timers/promises';
import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Message,
  type PartitionAssigner,
  type Producer,
} from 'kafkajs';
import {
  isTopicName,
  topicCatalogue,
  type ConsumerGroupDefinition,
  type TopicName,
} from '@hub/contracts';
import type { HubSchemaRegistry } from '../schema-registry';
import { ensureTopics } from '../topic-provisioning';
import { backoffDelayMs, type BackoffPolicy } from './backoff';
import { oneEventAtATime, type BatchEventHandler, type EventFailure } from './batch-handler';
import { chunksOf } from './concurrency';
import type { ConsumedEvent, EventHandler } from './consumed-event';
import { consumerMetrics } from './consumer-metrics';
import {
  failureHeader,
  failureHeaders,
  failureOriginOf,
  headerText,
  type FailureOrigin,
} from './failure-headers';
import { failureActionFor } from './failure-policy';
import { GroupCommit } from './group-commit';
import { LagMonitor } from './lag-monitor';

export type { ConsumedEvent, EventHandler } from './consumed-event';

export type ConsumerState =
  'idle' | 'starting' | 'running' | 'backing-off' | 'stopping' | 'stopped' | 'crashed';

export interface ConsumerLogger {
  info(entry: object, message: string): void;
  warn(entry: object, message: string): void;
  error(entry: object, message: string): void;
}

export interface ConsumerRunnerOptions {
  groupId: string;
  group: ConsumerGroupDefinition;
  topics: readonly TopicName[];
  /** Applies one event at a time (distinct keys concurrently). Give this or `batchHandler`. */
  handler?: EventHandler;
  /** Applies many events at once, from several partitions (group commit). */
  batchHandler?: BatchEventHandler;
  logger: ConsumerLogger;
  /** The consumer crashed for good: the process should exit non-zero so that a supervisor restarts it. */
  onFatal: (error: Error) => void;
  /** Partitions fetched and submitted at the same time; their events are applied together. */
  partitionsConcurrently?: number;
  /** With `handler`: distinct keys of one batch applied at the same time (each key's events in order). */
  keysConcurrently?: number;
  /** Messages of one partition submitted at once; its offsets may be committed after each chunk. */
  chunkSize?: number;
  /** The most events applied together (a batch takes whole chunks until it holds this many). */
  maxBatchEvents?: number;
  /** Attempts before an event that keeps failing is dead-lettered. */
  maxAttempts?: number;
  retryBackoff?: BackoffPolicy;
  /** Back-off while a dependency is unreachable (the batch waits: nothing behind could succeed). */
  unreachableBackoff?: BackoffPolicy;
  /** The longest `stop()` takes, whatever is unreachable. */
  shutdownTimeoutMs?: number;
  /** How often the group's lag (`hub_consumer_lag`) is measured. */
  lagIntervalMs?: number;
  /**
   * How partitions are shared among the group's members (kafkajs' round robin by default); every
   * member of a group must use the same.
   */
  partitionAssigners?: PartitionAssigner[];
  /**
   * Where a group with no committed offsets starts: its whole history (the default: a record is built
   * from every event ever shared), or the end as of its first start, for consumers that only care
   * about what comes next.
   */
  newGroupStartsAt?: 'earliest' | 'latest';
}

/** A decoded event with the message it came in and where it failed before, if it did. */
interface PendingEvent {
  event: ConsumedEvent;
  message: KafkaMessage;
  origin: FailureOrigin;
}

function headerMap(message: KafkaMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(message.headers ?? {})) {
    const value = headerText(message.headers, name);
    if (value !== undefined) result[name] = value;
  }
  return result;
}

function asError(caught: unknown): Error {
  return caught instanceof Error ? caught : new Error(String(caught));
}

/**
 * The hub's Kafka consumer. It fetches several partitions at once and applies their events together
 * (group commit: one round of writes for many events), each key's events in order, and commits a
 * partition's offsets only after the handler's effect is done (so a crash means redelivery, never
 * loss: handlers are idempotent). Failures never block a partition: undecodable events and permanent
 * errors are dead-lettered at once, other errors go through the retry topic with exponential
 * back-off and are dead-lettered after the last attempt; only an unreachable dependency (database,
 * broker) makes the batch wait, with back-off, since nothing behind could succeed.
 */
export class ConsumerRunner {
  private stopping?: Promise<void>;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly handle: BatchEventHandler;
  private readonly commit: GroupCommit<PendingEvent>;
  private readonly lag: LagMonitor;
  private readonly settings: Required<
    Pick<
      ConsumerRunnerOptions,
      | 'partitionsConcurrently'
      | 'chunkSize'
      | 'maxBatchEvents'
      | 'maxAttempts'
      | 'retryBackoff'
      | 'unreachableBackoff'
      | 'shutdownTimeoutMs'
      | 'lagIntervalMs'
    >
  >;
  private currentState: ConsumerState = 'idle';

  constructor(
    private readonly kafka: Kafka,
    private readonly schemas: HubSchemaRegistry,
    private readonly options: ConsumerRunnerOptions,
  ) {
    if (!options.handler === !options.batchHandler) {
      throw new Error('a consumer runner takes exactly one of `handler` and `batchHandler`');
    }
    this.settings = {
      partitionsConcurrently: options.partitionsConcurrently ?? 8,
      chunkSize: options.chunkSize ?? 1_000,
      maxBatchEvents: options.maxBatchEvents ?? 4_000,
      maxAttempts: options.maxAttempts ?? 5,
      retryBackoff: options.retryBackoff ?? { initialDelayMs: 1_000, maxDelayMs: 60_000 },
      unreachableBackoff: options.unreachableBackoff ?? { initialDelayMs: 200, maxDelayMs: 5_000 },
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? 15_000,
      lagIntervalMs: options.lagIntervalMs ?? 5_000,
    };
    this.handle =
      options.batchHandler ?? oneEventAtATime(options.handler!, options.keysConcurrently ?? 4);
    this.commit = new GroupCommit(
      (events) => this.applyTogether(events),
      this.settings.maxBatchEvents,
    );
    this.lag = new LagMonitor(kafka, options.groupId, (error) =>
      options.logger.warn({ err: error }, 'could not measure the consumer lag'),
    );
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // A paused (retry) partition rejoins only when the fetch in flight returns: keep that short.
      maxWaitTimeInMs: 1_000,
      ...(options.partitionAssigners ? { partitionAssigners: options.partitionAssigners } : {}),
    });
    this.producer = kafka.producer({
      idempotent: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      if (this.currentState === 'starting') this.currentState = 'running';
      this.lag.assigned(payload.memberAssignment);
      options.logger.info(
        { groupId: options.groupId, assignment: payload.memberAssignment },
        'joined the consumer group',
      );
      if (options.newGroupStartsAt !== 'latest') return;
      this.pinUnstartedPartitions(payload.memberAssignment).catch((error: unknown) =>
        options.logger.warn(
          { err: error },
          'could not commit the starting offsets of a new group; a restart before its first commit may skip events',
        ),
      );
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.currentState = 'crashed';
      options.onFatal(payload.error);
    });
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get state(): ConsumerState {
    return this.currentState;
  }

  /** Measures the lag of every assigned partition now (it is also measured periodically). */
  measureLag(): ReturnType<LagMonitor['measure']> {
    return this.lag.measure();
  }

  /** Creates the missing topics it reads and writes, joins the group and starts consuming. */
  async start(): Promise<void> {
    this.currentState = 'starting';
    const { topics, group } = this.options;
    await ensureTopics(this.kafka, [...topics, group.retryTopic, group.deadLetterTopic]);
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics, this.options.group.retryTopic],
      fromBeginning: (this.options.newGroupStartsAt ?? 'earliest') === 'earliest',
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.settings.partitionsConcurrently,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.lag.start(this.settings.lagIntervalMs);
  }

  /**
   * Commits the current end of every assigned partition the group has no offset for. Kafka resolves
   * "latest" each time a consumer starts without a committed offset, so a group that starts at the
   * end and restarts before it committed on some partition would skip what arrived in between.
   */
  private async pinUnstartedPartitions(assignment: Record<string, number[]>): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const [topic, partitions] of Object.entries(assignment)) {
        const [committed] = await admin.fetchOffsets({
          groupId: this.options.groupId,
          topics: [topic],
        });
        const unstarted = new Set(
          (committed?.partitions ?? [])
            .filter((entry) => partitions.includes(entry.partition) && Number(entry.offset) < 0)
            .map((entry) => entry.partition),
        );
        if (unstarted.size === 0) continue;
        const ends = await admin.fetchTopicOffsets(topic);
        await this.consumer.commitOffsets(
          ends
            .filter((end) => unstarted.has(end.partition))
            .map((end) => ({ topic, partition: end.partition, offset: end.high })),
        );
      }
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Finishes the batch in flight, commits, leaves the group. Each step is bounded, so that the
   * whole stop takes at most about `shutdownTimeoutMs` even when the broker is gone (what was not
   * committed is redelivered). Repeated calls wait for the same stop.
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    if (this.currentState === 'idle' || this.currentState === 'stopped') return;
    this.currentState = 'stopping';
    const deadline = Date.now() + this.settings.shutdownTimeoutMs;
    const bounded = async (step: string, work: () => Promise<void>): Promise<void> => {
      const left = Math.max(1_000, deadline - Date.now());
      const outcome = await Promise.race([
        work().then(
          () => 'done' as const,
          (error: unknown) => {
            this.options.logger.warn({ err: error, step }, 'a shutdown step failed');
            return 'done' as const;
          },
        ),
        sleep(left, 'timeout' as const, { ref: false }),
      ]);
      if (outcome === 'timeout') {
        this.options.logger.warn(
          { step, timeoutMs: this.settings.shutdownTimeoutMs },
          'a shutdown step did not finish in time; going on without it (uncommitted events are redelivered)',
        );
      }
    };
    await bounded('finishing the batch in flight', () => this.consumer.stop());
    await bounded('leaving the consumer group', () => this.consumer.disconnect());
    await bounded('closing the producer', () => this.producer.disconnect());
    await bounded('closing the lag monitor', () => this.lag.stop());
    this.currentState = 'stopped';
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { heartbeat } = payload;
    // A slow batch (a slow database) must not cost the group membership: heartbeat while it runs.
    // kafkajs sends one only when the interval is due; a failed one (a rebalance) marks the batch
    // stale, which the loops below see, and the next awaited heartbeat reports.
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), 3_000);
    try {
      if (payload.batch.topic === this.options.group.retryTopic) {
        await this.processRetryBatch(payload);
      } else {
        await this.processBatch(payload);
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    for (const chunk of chunksOf(batch.messages, this.settings.chunkSize)) {
      if (!isRunning() || isStale()) return;
      const pending: PendingEvent[] = [];
      for (const message of chunk) {
        // A tombstone on a compacted topic (a removed person's key): nothing to apply. Services
        // learn of a removal from registry.nominal.removed.v1, which says what to delete.
        if (message.value === null && isCompacted(batch.topic)) continue;
        const position = { topic: batch.topic, partition: batch.partition, offset: message.offset };
        const decoded = await this.decode(
          message,
          failureOriginOf(undefined, position, new Date()),
        );
        if (decoded) pending.push(decoded);
      }
      await this.commit.submit(pending);
      const last = chunk.at(-1);
      if (last) resolveOffset(last.offset);
      await heartbeat();
    }
  }

  private async processRetryBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, pause } = payload;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      if (headerText(message.headers, failureHeader.consumerGroup) !== this.options.groupId) {
        resolveOffset(message.offset); // another group's retry (the retry topic may be shared)
        continue;
      }
      const wait =
        Date.parse(headerText(message.headers, failureHeader.notBefore) ?? '') - Date.now();
      if (wait > 0) {
        // Not due yet: stop here; the partition is fetched again from this message once resumed.
        const resume = pause();
        setTimeout(resume, wait).unref();
        return;
      }
      const position = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      const decoded = await this.decode(
        message,
        failureOriginOf(message.headers, position, new Date()),
      );
      if (decoded) await this.commit.submit([decoded]);
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  /** The event in a message; undefined when it cannot be decoded (it is dead-lettered then). */
  private async decode(
    message: KafkaMessage,
    origin: FailureOrigin,
  ): Promise<PendingEvent | undefined> {
    const topic = origin.topic as TopicName;
    const decoded = await this.withBackoff(topic, async () => {
      try {
        return await this.schemas.decode(message.value, topic);
      } catch (caught) {
        const error = asError(caught);
        if (failureActionFor(error) === 'back-off') throw error;
        consumerMetrics.failed.inc({
          group: this.options.groupId,
          topic,
          error_class: error.name,
        });
        await this.send(this.options.group.deadLetterTopic, [
          this.deadLetter(message, origin, error),
        ]);
        this.countDeadLettered(topic, error);
        return undefined;
      }
    });
    if (!decoded) return undefined;
    const event: ConsumedEvent = {
      topic,
      partition: origin.partition,
      offset: origin.offset,
      key: message.key?.toString() ?? null,
      headers: headerMap(message),
      schemaId: decoded.schemaId,
      value: decoded.value,
      bytes: message.value ?? Buffer.alloc(0),
      attempt: origin.attempts + 1,
    };
    return { event, message, origin };
  }

  /** Applies events together, then retries or dead-letters those that failed. */
  private async applyTogether(pending: PendingEvent[]): Promise<void> {
    const events = pending.map((entry) => entry.event);
    const started = process.hrtime.bigint();
    await this.withBackoff(events[0]?.topic, async () => {
      const failures = await this.applyAttributing(events);
      const unreachable = failures.find((f) => failureActionFor(f.error) === 'back-off');
      if (unreachable) throw unreachable.error;
      await this.routeFailures(pending, failures);
      const failed = new Set(failures.map((failure) => failure.event));
      for (const event of events) {
        if (!failed.has(event)) {
          consumerMetrics.consumed.inc({ group: this.options.groupId, topic: event.topic });
        }
      }
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    consumerMetrics.handlerSeconds.observe(
      { group: this.options.groupId },
      events.length > 1 ? seconds / events.length : seconds,
    );
    consumerMetrics.batchSize.observe({ group: this.options.groupId }, events.length);
  }

  /**
   * The handler's failures. A batch that fails as a whole for another reason than an unreachable
   * dependency is applied again one event at a time, so that the one event at fault is found and
   * the others go on.
   */
  private async applyAttributing(events: readonly ConsumedEvent[]): Promise<EventFailure[]> {
    try {
      return await this.handle(events);
    } catch (caught) {
      const error = asError(caught);
      if (failureActionFor(error) === 'back-off') throw error;
      const [only] = events;
      if (events.length === 1 && only) return [{ event: only, error }];
      const failures: EventFailure[] = [];
      for (const event of events) failures.push(...(await this.applyAttributing([event])));
      return failures;
    }
  }

  /** Runs `work` until it succeeds, waiting with back-off while a dependency is unreachable. */
  private async withBackoff<T>(topic: string | undefined, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await work();
        if (this.currentState === 'backing-off') {
          this.currentState = 'running';
          this.options.logger.info({ topic }, 'dependency reachable again; consuming resumed');
        }
        return result;
      } catch (caught) {
        const error = asError(caught);
        if (failureActionFor(error) !== 'back-off') throw error;
        consumerMetrics.failed.inc({
          group: this.options.groupId,
          topic: topic ?? '',
          error_class: error.name,
        });
        // Leaving the batch uncommitted on shutdown means redelivery, which is safe.
        if (this.currentState === 'stopping' || this.currentState === 'stopped') throw error;
        if (this.currentState !== 'backing-off' || attempt % 20 === 1) {
          this.options.logger.warn(
            { topic, err: error, attempt },
            'a dependency is unreachable; backing off before retrying in place',
          );
        }
        this.currentState = 'backing-off';
        await sleep(backoffDelayMs(this.settings.unreachableBackoff, attempt));
      }
    }
  }

  private async routeFailures(pending: PendingEvent[], failures: EventFailure[]): Promise<void> {
    if (failures.length === 0) return;
    const byEvent = new Map(pending.map((entry) => [entry.event, entry]));
    const retries: Message[] = [];
    const deadLetters: Message[] = [];
    const counts: (() => void)[] = [];
    for (const { event, error } of failures) {
      const entry = byEvent.get(event);
      if (!entry) throw new Error(`the handler reported a failure of an event it was not given`);
      consumerMetrics.failed.inc({
        group: this.options.groupId,
        topic: event.topic,
        error_class: error.name,
      });
      const exhausted = entry.origin.attempts + 1 >= this.settings.maxAttempts;
      if (failureActionFor(error) === 'dead-letter' || exhausted) {
        deadLetters.push(this.deadLetter(entry.message, entry.origin, error));
        counts.push(() => this.countDeadLettered(event.topic, error));
      } else {
        retries.push(this.retry(entry.message, entry.origin, error));
        counts.push(() =>
          consumerMetrics.retried.inc({ group: this.options.groupId, topic: event.topic }),
        );
      }
    }
    await this.send(this.options.group.retryTopic, retries);
    await this.send(this.options.group.deadLetterTopic, deadLetters);
    for (const count of counts) count();
  }

  private async send(topic: TopicName, messages: Message[]): Promise<void> {
    if (messages.length > 0) await this.producer.send({ topic, acks: -1, messages });
  }

  private countDeadLettered(topic: string, error: Error): void {
    consumerMetrics.deadLettered.inc({
      group: this.options.groupId,
      topic,
      error_class: error.name,
    });
  }

  private retry(message: KafkaMessage, origin: FailureOrigin, error: Error): Message {
    const now = new Date();
    const notBefore = new Date(
      now.getTime() + backoffDelayMs(this.settings.retryBackoff, origin.attempts + 1),
    );
    this.options.logger.warn(
      {
        topic: origin.topic,
        partition: origin.partition,
        offset: origin.offset,
        err: error,
        notBefore,
      },
      'event failed; scheduled for another attempt',
    );
    return {
      key: message.key,
      value: message.value,
      headers: failureHeaders(message.headers, origin, this.options.groupId, error, now, {
        [failureHeader.notBefore]: notBefore.toISOString(),
      }),
    };
  }

  private deadLetter(message: KafkaMessage, origin: FailureOrigin, error: Error): Message {
    this.options.logger.error(
      {
        topic: origin.topic,
        partition: origin.partition,
        offset: origin.offset,
        errorClass: error.name,
        reason: error.message,
        attempts: origin.attempts + 1,
        traceparent: headerText(message.headers, 'traceparent'),
      },
      'event dead-lettered',
    );
    return {
      key: message.key,
      value: message.value,
      headers: failureHeaders(message.headers, origin, this.options.groupId, error, new Date()),
    };
  }
}

function isCompacted(topic: string): boolean {
  return isTopicName(topic) && topicCatalogue[topic].cleanupPolicy === 'compact';
}
