import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import { jsonToAvro, parseSchemaFiles, topicCatalogue } from '@hub/contracts';
import { HubSchemaRegistry } from '@hub/messaging';
import { syntheticIntelligence, syntheticRegistration } from '@hub/testing';

export const registrationTopic = 'mappa.nominal.registered.v1';
export const intelligenceTopic = 'police.intelligence.shared.v1';
export type BenchEventTopic = typeof registrationTopic | typeof intelligenceTopic;

/** Header carrying the publish time (ms since the epoch), for the pipe and naive scenarios. */
export const publishedAtHeader = 'x-bench-published-at';

/** Messages per sendBatch: each batch is encoded just before it is sent. */
const batchSize = 500;

/** The publish time stamped on a message, NaN if absent. */
export function publishedAtOf(headers: IHeaders | undefined): number {
  const raw = headers?.[publishedAtHeader];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? Number.NaN : Number(first.toString());
}

/**
 * Publishes Avro events as the agency connector does (JSON converted against the topic's schema,
 * encoded through the hub's schema registry, keyed by nominal id, with the connector's headers), but
 * in batches through one idempotent producer (acks from all in-sync replicas), the same way for
 * every scenario. Each event's metadata.occurredAt and publish-time header is the time its batch
 * was built, so publish-to-applied latency can be measured at the far end.
 */
export class BenchPublisher {
  readonly schemas: HubSchemaRegistry;
  private readonly types = parseSchemaFiles();
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    schemaRegistryUrl: string,
    /** Events per second; undefined: as fast as the broker takes them. */
    private readonly rate?: number,
  ) {
    this.schemas = new HubSchemaRegistry(schemaRegistryUrl);
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async open(): Promise<void> {
    await this.schemas.registerTopicSchemas([registrationTopic, intelligenceTopic]);
    await this.producer.connect();
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }

  /**
   * Publishes one `kind` event about each of `nominalIds` (in order) to `destination` (the kind's
   * own topic, or a bench topic carrying the same bytes), at the steady rate if one is set.
   */
  async publish(
    kind: BenchEventTopic,
    destination: string,
    nominalIds: readonly string[],
  ): Promise<void> {
    // At a steady rate, small batches 50 ms apart; otherwise large ones, back to back.
    const size = this.rate ? Math.max(1, Math.round(this.rate / 20)) : batchSize;
    const began = Date.now();
    for (let start = 0; start < nominalIds.length; start += size) {
      if (this.rate) await sleep(began + (start * 1000) / this.rate - Date.now());
      const publishedAt = new Date();
      const messages = await Promise.all(
        nominalIds
          .slice(start, start + size)
          .map((nominalId) => this.message(kind, nominalId, publishedAt)),
      );
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [{ topic: destination, messages }],
      });
    }
  }

  private async message(
    kind: BenchEventTopic,
    nominalId: string,
    publishedAt: Date,
  ): Promise<Message> {
    const definition = topicCatalogue[kind];
    const type = this.types.get(definition.valueSchema);
    if (!type) throw new Error(`no schema named ${definition.valueSchema} in schemas/`);
    const body =
      kind === intelligenceTopic
        ? syntheticIntelligence(nominalId)
        : syntheticRegistration(nominalId);
    const eventId = randomUUID();
    const correlationId = randomUUID();
    const converted = jsonToAvro<unknown>(type, {
      ...body,
      metadata: {
        ...body.metadata,
        eventId,
        correlationId,
        occurredAt: publishedAt.toISOString(),
        producingAgency: definition.publishers[0],
      },
    });
    if (!converted.ok) {
      throw new Error(`invalid ${kind} bench event: ${JSON.stringify(converted.violations)}`);
    }
    return {
      key: nominalId,
      value: await this.schemas.encode(kind, converted.value),
      headers: {
        'x-event-id': eventId,
        'x-correlation-id': correlationId,
        [publishedAtHeader]: String(publishedAt.getTime()),
      },
    };
  }
}
