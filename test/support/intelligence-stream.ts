import type { Kafka } from 'kafkajs';
import { syntheticIntelligence, syntheticRegistration } from '@hub/testing';
import { HubEventStream } from './hub-event-stream';

/**
 * Synthetic police intelligence for load and fault tests, straight to Kafka. Each nominal is
 * registered before its first intelligence (on its own topic, so the registry may see the
 * intelligence first and park it: part of what is tested).
 */
export class IntelligenceStream {
  private readonly events: HubEventStream;
  /** Intelligence event ids published, by nominal, in publishing order. */
  readonly published = new Map<string, string[]>();
  /** Registration event id of each nominal registered. */
  readonly registrations = new Map<string, string>();

  constructor(kafka: Kafka, schemaRegistryUrl: string) {
    this.events = new HubEventStream(kafka, schemaRegistryUrl);
  }

  open(): Promise<void> {
    return this.events.open(['mappa.nominal.registered.v1', 'police.intelligence.shared.v1']);
  }

  close(): Promise<void> {
    return this.events.close();
  }

  async register(nominalId: string): Promise<string> {
    const { eventId } = await this.events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId),
    );
    this.registrations.set(nominalId, eventId);
    return eventId;
  }

  async publish(nominalId: string): Promise<string> {
    if (!this.registrations.has(nominalId)) await this.register(nominalId);
    const { eventId } = await this.events.publish(
      'police.intelligence.shared.v1',
      syntheticIntelligence(nominalId),
    );
    this.published.set(nominalId, [...(this.published.get(nominalId) ?? []), eventId]);
    return eventId;
  }

  /** `count` events spread round-robin over `nominalIds`, `concurrency` in flight at a time. */
  async publishMany(nominalIds: string[], count: number, concurrency = 20): Promise<void> {
    for (const nominalId of nominalIds) {
      if (!this.registrations.has(nominalId)) await this.register(nominalId);
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        await this.publish(nominalIds[index % nominalIds.length]);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  clear(): void {
    this.published.clear();
    this.registrations.clear();
  }
}
