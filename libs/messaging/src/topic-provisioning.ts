import type { Kafka } from 'kafkajs';
import { topicCatalogue, type TopicName } from '@hub/contracts';

/** Creates the catalogue topics that are missing, with the catalogue's partitions and policies. */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicName[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
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
  } finally {
    await admin.disconnect();
  }
}
