import { setTimeout as sleep } from 'node:timers/promises';
import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { ConsumerGroupDefinition, TopicName } from '@hub/contracts';
import type { HubSchemaRegistry } from '../schema-registry';
import { ensureTopics } from '../topic-provisioning';
import { backoffDelayMs, type BackoffPolicy } from './backoff';
import { chunksOf, forEachConcurrently, groupByKey } from './concurrency';
import { consumerMetrics } from './consumer-metrics';
import {
  failureHeader,
  failureHeaders,
  failureOriginOf,
  headerText,
  type FailureOrigin,
} from './failure-headers';
import { failureActionFor } from './failure-policy';

/** One event as a handler receives it: decoded, with where it came from. */
export interface ConsumedEvent {
  /** The catalogue topic the event was published on (also for an event coming back from a retry). */
  topic: TopicName;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  schemaId: number;
  value: unknown;
  /** The message value as it arrived (schema id and Avro bytes), for handlers that keep it. */
  bytes: Buffer;
  /** 1 on first delivery; higher when the event comes back from the retry topic. */
  attempt: number;
}

export type EventHandler = (event: ConsumedEvent) => Promise<void>;

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
  handler: EventHandler;
  logger: ConsumerLogger;
  /** The consumer crashed for good: the process should exit non-zero so that a supervisor restarts it. */
  onFatal: (error: Error) => void;
  /** Partitions processed at the same time. */
  partitionsConcurrently?: number;
  /** Distinct keys of one batch applied at the same time (each key's events stay in order). */
  keysConcurrently?: number;
  /** Offsets are resolved (and so may be committed) after each chunk of this many messages. */
  chunkSize?: number;
  /** Attempts before an event that keeps failing is dead-lettered. */
  maxAttempts?: number;
  retryBackoff?: BackoffPolicy;
  /** Back-off while a dependency is unreachable (the partition waits: nothing behind could succeed). */
  unreachableBackoff?: BackoffPolicy;
  shutdownTimeoutMs?: number;
  /**
   * Where a group with no committed offsets starts: its whole history (the default: a record is built
   * from every event ever shared), or the end as of its first start, for consumers that only care
   * about what comes next.
   */
  newGroupStartsAt?: 'earliest' | 'latest';
}

function headerMap(message: KafkaMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(message.headers ?? {})) {
    const value = headerText(message.headers, name);
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/**
 * The hub's Kafka consumer. It fetches in batches, applies distinct keys concurrently and each key's
 * events in order, and resolves offsets only after the handler's effect is done (so a crash means
 * redelivery, never loss: handlers are idempotent). Failures never block a partition: undecodable
 * events and permanent errors are dead-lettered at once, other errors go through the retry topic with
 * exponential back-off and are dead-lettered after the last attempt; only an unreachable dependency
 * (database, broker) makes the partition wait, with back-off, since nothing behind could succeed.
 */
export class ConsumerRunner {
  private stopping?: Promise<void>;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly settings: Required<
    Pick<
      ConsumerRunnerOptions,
      | 'partitionsConcurrently'
      | 'keysConcurrently'
      | 'chunkSize'
      | 'maxAttempts'
      | 'retryBackoff'
      | 'unreachableBackoff'
      | 'shutdownTimeoutMs'
    >
  >;
  private currentState: ConsumerState = 'idle';

  constructor(
    private readonly kafka: Kafka,
    private readonly schemas: HubSchemaRegistry,
    private readonly options: ConsumerRunnerOptions,
  ) {
    this.settings = {
      partitionsConcurrently: options.partitionsConcurrently ?? 3,
      keysConcurrently: options.keysConcurrently ?? 4,
      chunkSize: options.chunkSize ?? 200,
      maxAttempts: options.maxAttempts ?? 5,
      retryBackoff: options.retryBackoff ?? { initialDelayMs: 1_000, maxDelayMs: 60_000 },
      unreachableBackoff: options.unreachableBackoff ?? { initialDelayMs: 200, maxDelayMs: 5_000 },
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? 15_000,
    };
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // A paused (retry) partition rejoins only when the fetch in flight returns: keep that short.
      maxWaitTimeInMs: 1_000,
    });
    this.producer = kafka.producer({
      idempotent: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      if (this.currentState === 'starting') this.currentState = 'running';
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
   * Finishes the chunk in flight, commits, leaves the group; gives up waiting after the bound.
   * Repeated calls wait for the same stop.
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    if (this.currentState === 'idle' || this.currentState === 'stopped') return;
    this.currentState = 'stopping';
    const bound = sleep(this.settings.shutdownTimeoutMs, 'timeout' as const);
    const outcome = await Promise.race([
      this.consumer.stop().then(() => 'stopped' as const),
      bound,
    ]);
    if (outcome === 'timeout') {
      this.options.logger.warn(
        { timeoutMs: this.settings.shutdownTimeoutMs },
        'the batch in flight did not finish in time; leaving without committing it (it will be redelivered)',
      );
    }
    await this.consumer.disconnect();
    await this.producer.disconnect();
    this.currentState = 'stopped';
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat } = payload;
    consumerMetrics.lag.set(
      { group: this.options.groupId, topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    if (batch.topic === this.options.group.retryTopic) return this.onRetryBatch(payload);
    // A slow chunk (a slow database) must not cost the group membership: heartbeat while it runs.
    // kafkajs sends one only when the interval is due; a failed one (a rebalance) marks the batch
    // stale, which the loop below sees, and the next awaited heartbeat reports.
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), 3_000);
    try {
      await this.processBatch(payload);
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    for (const chunk of chunksOf(batch.messages, this.settings.chunkSize)) {
      if (!isRunning() || isStale()) return;
      await forEachConcurrently(
        groupByKey(chunk),
        this.settings.keysConcurrently,
        async (messages) => {
          for (const message of messages) {
            const position = {
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
            };
            await this.process(message, failureOriginOf(undefined, position, new Date()), payload);
          }
        },
      );
      const last = chunk.at(-1);
      if (last) resolveOffset(last.offset);
      await heartbeat();
    }
  }

  private async onRetryBatch(payload: EachBatchPayload): Promise<void> {
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
      await this.process(message, failureOriginOf(message.headers, position, new Date()), payload);
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  /** Applies one message; returns once it is applied, retried or dead-lettered. */
  private async process(
    message: KafkaMessage,
    origin: FailureOrigin,
    payload: EachBatchPayload,
  ): Promise<void> {
    const topic = origin.topic as TopicName;
    const labels = { group: this.options.groupId, topic };
    for (let unreachableAttempt = 1; ; unreachableAttempt++) {
      const timer = consumerMetrics.handlerSeconds.startTimer(labels);
      try {
        const decoded = await this.schemas.decode(message.value);
        const bytes = message.value ?? Buffer.alloc(0);
        await this.options.handler({
          topic,
          partition: origin.partition,
          offset: origin.offset,
          key: message.key?.toString() ?? null,
          headers: headerMap(message),
          schemaId: decoded.schemaId,
          value: decoded.value,
          bytes,
          attempt: origin.attempts + 1,
        });
        timer();
        consumerMetrics.consumed.inc(labels);
        if (this.currentState === 'backing-off') {
          this.currentState = 'running';
          this.options.logger.info({ topic }, 'dependency reachable again; consuming resumed');
        }
        return;
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        consumerMetrics.failed.inc({ ...labels, error_class: error.name });
        const action = failureActionFor(error);
        if (action === 'back-off') {
          // Leaving the batch unresolved on shutdown means redelivery, which is safe.
          if (!payload.isRunning() || payload.isStale()) throw error;
          if (this.currentState !== 'backing-off' || unreachableAttempt % 20 === 1) {
            this.options.logger.warn(
              { topic, err: error, attempt: unreachableAttempt },
              'a dependency is unreachable; backing off before retrying in place',
            );
          }
          this.currentState = 'backing-off';
          await sleep(backoffDelayMs(this.settings.unreachableBackoff, unreachableAttempt));
          await payload.heartbeat();
          continue;
        }
        if (action === 'dead-letter' || origin.attempts + 1 >= this.settings.maxAttempts) {
          return this.deadLetter(message, origin, error);
        }
        return this.scheduleRetry(message, origin, error);
      }
    }
  }

  private async scheduleRetry(
    message: KafkaMessage,
    origin: FailureOrigin,
    error: Error,
  ): Promise<void> {
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
    await this.producer.send({
      topic: this.options.group.retryTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: failureHeaders(message.headers, origin, this.options.groupId, error, now, {
            [failureHeader.notBefore]: notBefore.toISOString(),
          }),
        },
      ],
    });
    consumerMetrics.retried.inc({ group: this.options.groupId, topic: origin.topic });
  }

  private async deadLetter(
    message: KafkaMessage,
    origin: FailureOrigin,
    error: Error,
  ): Promise<void> {
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
    await this.producer.send({
      topic: this.options.group.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: failureHeaders(message.headers, origin, this.options.groupId, error, new Date()),
        },
      ],
    });
    consumerMetrics.deadLettered.inc({
      group: this.options.groupId,
      topic: origin.topic,
      error_class: error.name,
    });
  }
}
