import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  ensureTopics,
  KAFKA,
  SCHEMA_REGISTRY,
  type EventPublisher,
  type HubSchemaRegistry,
} from '@hub/messaging';
import { EventIntakeService } from '../events/event-intake.service';
import { EVENT_PUBLISHER } from './tokens';

/**
 * Before the connector accepts anything: its topics exist, its schemas are registered (a schema
 * that breaks compatibility stops the start-up) and the producer is connected.
 */
@Injectable()
export class PublisherLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SCHEMA_REGISTRY) private readonly schemas: HubSchemaRegistry,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly intake: EventIntakeService,
  ) {}

  async onModuleInit(): Promise<void> {
    const topics = this.intake.publishedTopics();
    await ensureTopics(this.kafka, topics);
    await this.schemas.registerTopicSchemas(topics);
    await this.publisher.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}
