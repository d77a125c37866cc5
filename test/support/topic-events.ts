import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { EventOf, EventTopicName } from '@hub/contracts';
import { HubSchemaRegistry } from '@hub/messaging';
import { eventually } from '@hub/testing';

/**
 * The decoded events keyed `key` on `topic`, read from the beginning by a throw-away group, once at
 * least `atLeast` of them satisfy `wanted` (waiting for them like `eventually`).
 */
export async function eventsOnTopic<T extends EventTopicName>(
  kafka: Kafka,
  topic: T,
  key: string,
  wanted: (event: EventOf<T>) => boolean = () => true,
  atLeast = 1,
): Promise<EventOf<T>[]> {
  const schemas = new HubSchemaRegistry(process.env.SCHEMA_REGISTRY_URL!);
  const consumer = kafka.consumer({ groupId: `test-topic-reader-${randomUUID()}` });
  const seen: EventOf<T>[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== key) return;
        seen.push((await schemas.decode(message.value)).value as EventOf<T>);
      },
    });
    return await eventually(`${atLeast} matching event(s) of ${key} on ${topic}`, () => {
      const matching = seen.filter(wanted);
      return Promise.resolve(matching.length >= atLeast ? matching : undefined);
    });
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Waits for a tombstone (a null value) keyed `key` on a compacted `topic`, read from the beginning
 * by a throw-away group.
 */
export async function tombstoneOnTopic(
  kafka: Kafka,
  topic: EventTopicName,
  key: string,
): Promise<void> {
  const consumer = kafka.consumer({ groupId: `test-topic-reader-${randomUUID()}` });
  let found = false;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        if (message.key?.toString() === key && message.value === null) found = true;
        return Promise.resolve();
      },
    });
    await eventually(`a tombstone of ${key} on ${topic}`, () =>
      Promise.resolve(found ? true : undefined),
    );
  } finally {
    await consumer.disconnect();
  }
}
