import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import {
  consumerGroupCatalogue,
  jsonToAvro,
  parseSchemaFiles,
  type IntelligenceShared,
} from '@hub/contracts';
import {
  ConsumerRunner,
  EventPublisher,
  HubSchemaRegistry,
  PermanentEventError,
  readDeadLetters,
  replayDeadLetters,
  type ConsumedEvent,
  type ConsumerRunnerOptions,
  kafkaClientOptionsFromEnv,
} from '@hub/messaging';
import { eventually, findMessage, syntheticIntelligence, syntheticNominalId } from '@hub/testing';
import { register, type Gauge } from 'prom-client';

const topic = 'police.intelligence.shared.v1';
const sentinelPrefix = 'SENTINEL-';
const group = consumerGroupCatalogue.registry;
const silent = process.env.RUNNER_TEST_LOGS
  ? console
  : { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the consumer runner, against the real broker', () => {
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(),
    logLevel: logLevel.NOTHING,
  });
  const schemas = new HubSchemaRegistry(process.env.SCHEMA_REGISTRY_URL!);
  const publisher = new EventPublisher(kafka, schemas);
  const eventType = parseSchemaFiles().get('org.mappahub.police.IntelligenceShared')!;
  const runners: ConsumerRunner[] = [];

  beforeAll(async () => {
    await schemas.registerTopicSchemas([topic]);
    await publisher.connect();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  afterAll(() => publisher.disconnect());

  const publish = async (nominalId: string, text = 'synthetic'): Promise<string> => {
    const body = syntheticIntelligence(nominalId, { text });
    const event = {
      ...body,
      metadata: { ...body.metadata, producingAgency: 'POLICE', correlationId: randomUUID() },
    };
    const converted = jsonToAvro<IntelligenceShared>(eventType, event);
    if (!converted.ok) throw new Error(JSON.stringify(converted.violations));
    const { eventId } = converted.value.metadata;
    await publisher.publish(topic, nominalId, converted.value, { 'x-event-id': eventId });
    return eventId;
  };

  /** A runner of a new group of its own that sees the events published from now on. */
  const startRunner = async (
    handler: (event: ConsumedEvent, value: IntelligenceShared) => Promise<void>,
    overrides: Partial<ConsumerRunnerOptions> = {},
  ): Promise<ConsumerRunner> => {
    const sentinels = new Set<string>();
    const runner = new ConsumerRunner(kafka, schemas, {
      groupId: `runner-test-${randomUUID()}`,
      group,
      topics: [topic],
      newGroupStartsAt: 'latest',
      logger: silent,
      onFatal: (error) => {
        throw error;
      },
      retryBackoff: { initialDelayMs: 200, maxDelayMs: 1_000 },
      unreachableBackoff: { initialDelayMs: 100, maxDelayMs: 500 },
      handler: (event) => {
        const value = event.value as IntelligenceShared;
        if (value.nominalId.startsWith(sentinelPrefix)) {
          sentinels.add(value.nominalId);
          return Promise.resolve();
        }
        return handler(event, value);
      },
      ...overrides,
    });
    runners.push(runner);
    await runner.start();
    // "latest" is resolved at the group's first fetch: once a sentinel published after the start
    // comes through, every later event will too.
    await eventually('the runner to consume from the end of the topic', async () => {
      const sentinel = `${sentinelPrefix}${randomUUID()}`;
      await publish(sentinel);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return sentinels.has(sentinel) ? true : undefined;
    });
    return runner;
  };

  it('keeps each key’s events in publishing order while applying keys concurrently', async () => {
    const keys = Array.from({ length: 8 }, () => syntheticNominalId());
    const seen = new Map<string, string[]>();
    await startRunner(async (_, value) => {
      seen.set(value.nominalId, [...(seen.get(value.nominalId) ?? []), value.text]);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    });
    for (let round = 0; round < 25; round++) {
      await Promise.all(keys.map((key) => publish(key, `event ${round}`)));
    }
    const expected = Array.from({ length: 25 }, (_, round) => `event ${round}`);
    await eventually('every event to be applied', () =>
      Promise.resolve(keys.every((key) => seen.get(key)?.length === 25) ? true : undefined),
    );
    for (const key of keys) expect(seen.get(key)).toEqual(expected);
  });

  it('retries a failing event through the retry topic without holding up the events behind it', async () => {
    const flaky = syntheticNominalId();
    const steady = syntheticNominalId();
    const applied: { nominalId: string; attempt: number }[] = [];
    let flakyFailures = 0;
    await startRunner(async (event, value) => {
      if (value.nominalId === flaky && flakyFailures < 2) {
        flakyFailures++;
        throw new Error('the projection is briefly inconsistent');
      }
      if (value.nominalId === flaky || value.nominalId === steady) {
        applied.push({ nominalId: value.nominalId, attempt: event.attempt });
      }
      return Promise.resolve();
    });

    await publish(flaky);
    await publish(steady);
    await eventually('the flaky event to be applied', () =>
      Promise.resolve(applied.some((entry) => entry.nominalId === flaky) ? true : undefined),
    );
    expect(applied).toEqual([
      { nominalId: steady, attempt: 1 },
      { nominalId: flaky, attempt: 3 },
    ]);
  });

  it('dead-letters at once on a permanent error, and after the last attempt otherwise', async () => {
    const impossible = syntheticNominalId();
    const hopeless = syntheticNominalId();
    await startRunner(
      (_, value) => {
        if (value.nominalId === impossible) throw new PermanentEventError('contradicts the record');
        if (value.nominalId === hopeless) throw new Error('always fails');
        return Promise.resolve();
      },
      { maxAttempts: 3 },
    );
    const impossibleId = await publish(impossible);
    const hopelessId = await publish(hopeless);

    const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
    const deadOf = (eventId: string) =>
      findMessage(
        kafka,
        group.deadLetterTopic,
        (message) => header(message, 'x-event-id') === eventId,
      );
    const [first, second] = await Promise.all([deadOf(impossibleId), deadOf(hopelessId)]);

    expect(header(first, 'hub.error.class')).toBe('PermanentEventError');
    expect(header(first, 'hub.attempts')).toBe('1');
    expect(header(second, 'hub.error.class')).toBe('Error');
    expect(header(second, 'hub.error.message')).toBe('always fails');
    expect(header(second, 'hub.attempts')).toBe('3');
    expect(header(second, 'hub.source.topic')).toBe(topic);
    expect(Date.parse(header(second, 'hub.last-failed-at')!)).toBeGreaterThan(
      Date.parse(header(second, 'hub.first-failed-at')!),
    );
    expect(second.key?.toString()).toBe(hopeless);
  });

  it('waits in place while a dependency is unreachable, then goes on in order', async () => {
    const nominalId = syntheticNominalId();
    let unreachableUntil = Number.POSITIVE_INFINITY;
    const applied: string[] = [];
    const runner = await startRunner((_, value) => {
      if (value.nominalId !== nominalId) return Promise.resolve();
      if (Date.now() < unreachableUntil) {
        const error = new Error('connect ECONNREFUSED 127.0.0.1:27027');
        error.name = 'MongoServerSelectionError';
        return Promise.reject(error);
      }
      applied.push(value.text);
      return Promise.resolve();
    });
    unreachableUntil = Date.now() + 1_500;
    await publish(nominalId, 'first');
    await publish(nominalId, 'second');
    await eventually('the runner to back off', () =>
      Promise.resolve(runner.state === 'backing-off' ? true : undefined),
    );
    await eventually('both events to be applied', () =>
      Promise.resolve(applied.length === 2 ? true : undefined),
    );
    expect(applied).toEqual(['first', 'second']);
    expect(runner.state).toBe('running');
  });

  it('reports as lag what is published and not yet committed: it rises, then falls to zero', async () => {
    const nominalId = syntheticNominalId();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runner = await startRunner(
      async (_, value) => {
        if (value.nominalId === nominalId) await gate;
      },
      { lagIntervalMs: 200 },
    );
    /** What `GET /metrics` shows as `hub_consumer_lag` for this group and topic, summed. */
    const lagShown = async (): Promise<number> => {
      const gauge = register.getSingleMetric('hub_consumer_lag') as Gauge;
      const { values } = await gauge.get();
      return values
        .filter((entry) => entry.labels.group === runner.groupId && entry.labels.topic === topic)
        .reduce((sum, entry) => sum + entry.value, 0);
    };

    for (let n = 0; n < 20; n++) await publish(nominalId, `event ${n}`);
    await eventually('the lag to show the 20 waiting events', async () =>
      (await lagShown()) >= 20 ? true : undefined,
    );
    release();
    await eventually('the lag to fall to zero once they are applied and committed', async () =>
      (await lagShown()) === 0 ? true : undefined,
    );
  });

  it('replays fixed dead letters: a dry run sends nothing, each comes back once per replay, applied once', async () => {
    const nominalId = syntheticNominalId();
    let broken = true;
    const deliveries = new Map<string, number>();
    const replayedFrom = new Set<string>();
    const applied = new Set<string>();
    const runner = await startRunner((event, value) => {
      if (value.nominalId !== nominalId) return Promise.resolve();
      if (broken) throw new PermanentEventError('the projection rejects it (a bug, fixed later)');
      const eventId = value.metadata.eventId;
      deliveries.set(eventId, (deliveries.get(eventId) ?? 0) + 1);
      if (event.headers['hub.replayed-from']) replayedFrom.add(event.headers['hub.replayed-from']);
      applied.add(eventId); // an idempotent effect: a set keyed by event id
      return Promise.resolve();
    });
    const { groupId } = runner;
    const eventIds = [await publish(nominalId), await publish(nominalId), await publish(nominalId)];

    const letters = await eventually('the three dead letters', async () => {
      const found = await readDeadLetters(kafka, group.deadLetterTopic, { consumerGroup: groupId });
      return found.length === 3 ? found : undefined;
    });
    expect(letters.map((letter) => letter.errorClass)).toEqual(
      Array(3).fill('PermanentEventError'),
    );

    const dryRun = await replayDeadLetters(kafka, letters, { dryRun: true });
    expect(dryRun.replayed).toEqual({ [topic]: 3 });
    broken = false;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(deliveries.size).toBe(0);

    await replayDeadLetters(kafka, letters, { dryRun: false });
    await eventually('the replayed events to be applied', () =>
      Promise.resolve(applied.size === 3 ? true : undefined),
    );
    await replayDeadLetters(kafka, letters, { dryRun: false });
    await eventually('the second replay to arrive', () =>
      Promise.resolve([...deliveries.values()].every((count) => count === 2) ? true : undefined),
    );
    expect([...applied].sort()).toEqual([...eventIds].sort());
    expect([...replayedFrom].sort()).toEqual(letters.map((letter) => letter.id).sort());
  });
});
