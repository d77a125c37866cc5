import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { topicCatalogue, type TopicName } from '@hub/contracts';
import type { HubSchemaRegistry } from './schema-registry';

/** Events per produce request of `publishMany`. */
const publishManyChunk = 250;

export interface PublishedEvent {
  topic: TopicName;
  partition: number;
  offset: string;
}

/**
 * Publishes Avro events keyed by nominal id. Idempotent producer with acks from all in-sync
 * replicas: `publish` resolves only once Kafka has the event, so an accepted event is never lost.
 */
export class EventPublisher {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly schemas: HubSchemaRegistry,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async publish(
    topic: TopicName,
    key: string,
    value: unknown,
    headers: IHeaders = {},
  ): Promise<PublishedEvent> {
    const encoded = await this.schemas.encode(topic, value);
    const [record] = await this.producer.send({
      topic,
      acks: -1,
      messages: [{ key, value: encoded, headers }],
    });
    if (!record) throw new Error(`Kafka returned no acknowledgement for ${topic}`);
    return { topic, partition: record.partition, offset: record.baseOffset ?? record.offset ?? '' };
  }

  /**
   * Publishes many events on one topic, a few hundred per request (a request carries one record
   * batch per partition, which must stay under the broker's message size limit); resolves once
   * Kafka has them all, in order per key.
   */
  async publishMany(
    topic: TopicName,
    events: { key: string; value: unknown; headers?: IHeaders }[],
  ): Promise<void> {
    for (let start = 0; start < events.length; start += publishManyChunk) {
      const messages = await Promise.all(
        events.slice(start, start + publishManyChunk).map(async ({ key, value, headers }) => ({
          key,
          value: await this.schemas.encode(topic, value),
          headers: headers ?? {},
        })),
      );
      await this.producer.send({ topic, acks: -1, messages });
    }
  }

  /**
   * Writes a tombstone (a null value) for each key on a compacted topic: compaction then deletes
   * every earlier value of the key, and consumers reading from the start never see them.
   */
  async tombstone(topic: TopicName, keys: readonly string[]): Promise<void> {
    if (topicCatalogue[topic].cleanupPolicy !== 'compact') {
      throw new Error(`${topic} is not compacted: a tombstone would delete nothing`);
    }
    if (keys.length === 0) return;
    await this.producer.send({
      topic,
      acks: -1,
      messages: keys.map((key) => ({ key, value: null })),
    });
  }

  /** Sends already-encoded messages as they are (e.g. a held event to a dead-letter topic). */
  async forward(
    topic: TopicName,
    messages: { key: string | null; value: Buffer; headers: IHeaders }[],
  ): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({ topic, acks: -1, messages });
  }
}
