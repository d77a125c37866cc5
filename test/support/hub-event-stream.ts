import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  jsonToAvro,
  parseSchemaFiles,
  topicCatalogue,
  type EventTopicName,
  type EventOf,
} from '@hub/contracts';
import { EventPublisher, HubSchemaRegistry, type PublishedEvent } from '@hub/messaging';

/** A JSON body as an agency system would post it, metadata optional (filled with sensible values). */
export type FactBody = Record<string, unknown> & { metadata?: Record<string, unknown> };

/**
 * Publishes events straight to Kafka, as the agency connector does (JSON checked and converted
 * against the topic's schema, keyed by nominal id, with the connector's headers), without HTTP.
 */
export class HubEventStream {
  private readonly schemas: HubSchemaRegistry;
  private readonly publisher: EventPublisher;
  private readonly types = parseSchemaFiles();

  constructor(kafka: Kafka, schemaRegistryUrl: string) {
    this.schemas = new HubSchemaRegistry(schemaRegistryUrl);
    this.publisher = new EventPublisher(kafka, this.schemas);
  }

  async open(topics: readonly EventTopicName[]): Promise<void> {
    await this.schemas.registerTopicSchemas(topics);
    await this.publisher.connect();
  }

  close(): Promise<void> {
    return this.publisher.disconnect();
  }

  /** The Avro value of `body` for `topic`, with metadata defaults; throws naming bad fields. */
  valueOf<T extends EventTopicName>(topic: T, body: FactBody): EventOf<T> {
    const schema = topicCatalogue[topic].valueSchema;
    const publisher = topicCatalogue[topic].publishers[0];
    const converted = jsonToAvro<EventOf<T>>(this.types.get(schema)!, {
      ...body,
      metadata: {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        producingAgency: publisher,
        producingSystem: `synthetic-${publisher.toLowerCase()}-system`,
        correlationId: randomUUID(),
        classification: 'OFFICIAL_SENSITIVE',
        ...body.metadata,
      },
    });
    if (!converted.ok) {
      throw new Error(`invalid ${topic} test event: ${JSON.stringify(converted.violations)}`);
    }
    return converted.value;
  }

  /** The bytes Kafka would carry for `value` on `topic` (schema id and Avro). */
  encode(topic: EventTopicName, value: unknown): Promise<Buffer> {
    return this.schemas.encode(topic, value);
  }

  /** Publishes `body` on `topic`; returns the event id and where Kafka put it. */
  async publish<T extends EventTopicName>(
    topic: T,
    body: FactBody,
    headers: Record<string, string> = {},
  ): Promise<PublishedEvent & { eventId: string }> {
    const value = this.valueOf(topic, body) as {
      metadata: { eventId: string; correlationId: string };
      nominalId: string;
    };
    return this.publishValue(topic, value, headers);
  }

  /** Publishes an already converted value (e.g. the same event again, to test redelivery). */
  async publishValue(
    topic: EventTopicName,
    value: { metadata: { eventId: string; correlationId: string }; nominalId: string },
    headers: Record<string, string> = {},
  ): Promise<PublishedEvent & { eventId: string }> {
    const published = await this.publisher.publish(topic, value.nominalId, value, {
      ...headers,
      'x-event-id': value.metadata.eventId,
      'x-correlation-id': value.metadata.correlationId,
    });
    return { ...published, eventId: value.metadata.eventId };
  }
}
