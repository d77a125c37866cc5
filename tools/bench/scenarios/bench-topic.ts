import type { Consumer, Kafka } from 'kafkajs';
import { BenchError } from '../options';

/** Partitions of the bench topics (not in the catalogue: created and deleted by the bench). */
const partitions = 3;

/** Creates a fresh bench topic; the caller deletes it with `deleteBenchTopic`. */
export async function createBenchTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Deletes a bench topic and its consumer group; never throws (clean-up). */
export async function deleteBenchTopic(
  kafka: Kafka,
  topic: string,
  groupId: string,
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] });
  } catch {
    // Best effort: a left-over bench topic harms nothing.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Resolves once the consumer has joined its group (so that latency excludes the join). */
export function joined(consumer: Consumer, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      remove();
      reject(
        new BenchError(`the bench consumer did not join its group within ${timeoutMs / 1000} s`),
      );
    }, timeoutMs);
    const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      remove();
      resolve();
    });
  });
}
