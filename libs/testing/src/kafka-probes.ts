import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

/** The sum of a topic's end offsets: how many messages it has ever received. */
export async function messageCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic from the beginning with a throw-away consumer group until a message satisfies
 * `wanted`, and returns it.
 */
export async function findMessage(
  kafka: Kafka,
  topic: string,
  wanted: (message: KafkaMessage) => boolean,
  timeoutMs = 30_000,
): Promise<KafkaMessage> {
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<KafkaMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message on ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: ({ message }) => {
            if (wanted(message)) {
              clearTimeout(timer);
              resolve(message);
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
