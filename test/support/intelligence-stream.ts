import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { jsonToAvro, parseSchemaFiles, type IntelligenceShared } from '@hub/contracts';
import { EventPublisher, HubSchemaRegistry } from '@hub/messaging';
import { syntheticIntelligence } from '@hub/testing';

const topic = 'police.intelligence.shared.v1';

/** Publishes synthetic police intelligence straight to Kafka (the connector's path without HTTP). */
export class IntelligenceStream {
  private readonly schemas: HubSchemaRegistry;
  private readonly publisher: EventPublisher;
  private readonly type = parseSchemaFiles().get('org.mappahub.police.IntelligenceShared')!;
  /** Event ids published, by nominal, in publishing order. */
  readonly published = new Map<string, string[]>();

  constructor(kafka: Kafka, schemaRegistryUrl: string) {
    this.schemas = new HubSchemaRegistry(schemaRegistryUrl);
    this.publisher = new EventPublisher(kafka, this.schemas);
  }

  async open(): Promise<void> {
    await this.schemas.registerTopicSchemas([topic]);
    await this.publisher.connect();
  }

  close(): Promise<void> {
    return this.publisher.disconnect();
  }

  async publish(nominalId: string): Promise<string> {
    const body = syntheticIntelligence(nominalId);
    const converted = jsonToAvro<IntelligenceShared>(this.type, {
      ...body,
      metadata: { ...body.metadata, producingAgency: 'POLICE', correlationId: randomUUID() },
    });
    if (!converted.ok)
      throw new Error(`synthetic event is invalid: ${JSON.stringify(converted.violations)}`);
    const { eventId } = converted.value.metadata;
    await this.publisher.publish(topic, nominalId, converted.value, { 'x-event-id': eventId });
    this.published.set(nominalId, [...(this.published.get(nominalId) ?? []), eventId]);
    return eventId;
  }

  /** `count` events spread round-robin over `nominalIds`, `concurrency` in flight at a time. */
  async publishMany(nominalIds: string[], count: number, concurrency = 20): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        await this.publish(nominalIds[index % nominalIds.length]);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
}
