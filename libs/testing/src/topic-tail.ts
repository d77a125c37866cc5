import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { EventOf, EventTopicName } from '@hub/contracts';
import type { HubSchemaRegistry } from '@hub/messaging';

/** A topic read from its end by a throw-away group; `close` leaves the group. */
export interface TopicTail {
  close(): Promise<void>;
}

/**
 * Reads `topic` from its end, as of when this resolves (the group has joined), handing each decoded
 * value and the time it arrived to `onEvent`: for tests and benches that watch what a service
 * publishes from now on.
 */
export async function tailTopic<T extends EventTopicName>(
  kafka: Kafka,
  schemas: HubSchemaRegistry,
  topic: T,
  groupPrefix: string,
  onEvent: (value: EventOf<T>, arrivedAt: number) => void,
): Promise<TopicTail> {
  const consumer = kafka.consumer({ groupId: `${groupPrefix}-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  // A group that starts at the end only reads what comes after it has joined.
  const joined = new Promise<void>((done) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      done();
    });
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const arrivedAt = Date.now();
      onEvent((await schemas.decode(message.value)).value as EventOf<T>, arrivedAt);
    },
  });
  await joined;
  return { close: () => consumer.disconnect() };
}
