import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import { topicCatalogue, type TopicName } from '@hub/contracts';

/** How long a service waits for topics it just created (or another service is creating) to serve. */
const topicsReadyTimeoutMs = 60_000;

function isRetriable(error: unknown): boolean {
  return (
    error instanceof Error &&
    ((error as { retriable?: boolean }).retriable === true ||
      error.name === 'KafkaJSTopicMetadataNotLoaded' ||
      /TOPIC_ALREADY_EXISTS|does not host this topic-partition|leader/i.test(
        `${(error as { type?: string }).type ?? ''} ${error.message}`,
      ))
  );
}

/** Topics a client needs that are missing and that it may not create (no CREATE on the cluster). */
export class TopicsMissingError extends Error {
  constructor(
    readonly topics: readonly string[],
    cause: unknown,
  ) {
    super(
      `topics ${topics.join(', ')} do not exist (or this client may not see them) and this client ` +
        'may not create them: a secured broker gets its topics from provisioning (`npm run ' +
        'stack:up`, or `npm run kafka:acls -- --provision`) as the provisioning principal',
      { cause },
    );
    this.name = 'TopicsMissingError';
  }
}

const isAuthorisationFailure = (error: unknown): boolean =>
  error instanceof Error &&
  /AUTHORIZATION_FAILED|not authorized/i.test(
    `${(error as { type?: string }).type ?? ''} ${error.message} ${JSON.stringify((error as { errors?: unknown }).errors ?? '')}`,
  );

async function createMissing(admin: Admin, topics: readonly TopicName[]): Promise<void> {
  // On a secured broker, listTopics shows only the topics this principal may DESCRIBE; a service's
  // READ or WRITE on its topics implies that, so a service without CREATE sees them all.
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  await createTopics(admin, missing);
}

async function createTopics(admin: Admin, missing: readonly TopicName[]): Promise<void> {
  try {
    await createTopicsOf(admin, missing);
  } catch (error) {
    if (isAuthorisationFailure(error)) throw new TopicsMissingError(missing, error);
    throw error;
  }
}

async function createTopicsOf(admin: Admin, missing: readonly TopicName[]): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => {
      const definition = topicCatalogue[topic];
      return {
        topic,
        numPartitions: definition.partitions,
        configEntries: [
          { name: 'cleanup.policy', value: definition.cleanupPolicy },
          { name: 'retention.ms', value: String(definition.retentionMs) },
        ],
      };
    }),
  });
}

/** True once every partition of every topic has a leader the broker serves it from. */
async function allLed(admin: Admin, topics: readonly TopicName[]): Promise<boolean> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
  return (
    metadata.length === topics.length &&
    metadata.every(
      (topic) =>
        topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
    )
  );
}

/**
 * Creates the catalogue topics that are missing, with the catalogue's partitions and policies, and
 * returns once every partition of them has a leader. Services starting together on a new broker
 * create the same topics at once, and a topic just created is briefly unknown to the broker's
 * metadata: both are waited out rather than failing the start.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicName[]): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + topicsReadyTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await createMissing(admin, topics);
        if (await allLed(admin, topics)) return;
      } catch (error) {
        if (!isRetriable(error) || Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `topics ${topics.join(', ')} have no leader after ${topicsReadyTimeoutMs / 1000} s`,
        );
      }
      await sleep(Math.min(2_000, 100 * attempt));
    }
  } finally {
    await admin.disconnect();
  }
}
