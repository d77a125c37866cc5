import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { NominalChanged } from '@hub/contracts';
import { HubSchemaRegistry } from '@hub/messaging';

/**
 * Reads `registry.nominal.changed.v1` from the beginning (a throw-away group) until it holds the
 * nominal's record at `version`, and returns that value decoded.
 */
export async function changedRecordAt(
  kafka: Kafka,
  schemaRegistryUrl: string,
  nominalId: string,
  version: number,
  timeoutMs = 30_000,
): Promise<NominalChanged> {
  const schemas = new HubSchemaRegistry(schemaRegistryUrl);
  const consumer = kafka.consumer({ groupId: `test-changed-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: 'registry.nominal.changed.v1', fromBeginning: true });
    return await new Promise<NominalChanged>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no changed record of ${nominalId} at version ${version} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            if (message.key?.toString() !== nominalId) return;
            const changed = (await schemas.decode(message.value)).value as NominalChanged;
            if (changed.version !== version) return;
            clearTimeout(timer);
            resolve(changed);
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
