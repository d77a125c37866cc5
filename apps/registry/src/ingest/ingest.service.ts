import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Kafka } from 'kafkajs';
import type { IntelligenceShared, TopicName } from '@hub/contracts';
import {
  EventConsumer,
  ensureTopics,
  PermanentEventError,
  type ConsumedEvent,
  type HubSchemaRegistry,
} from '@hub/messaging';
import { KAFKA, SCHEMA_REGISTRY } from '../infrastructure/tokens';
import { intelligenceSharedChange } from '../nominals/intelligence-projection';
import { NominalStore } from '../nominals/nominal-store';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry.config';

const consumedTopics = ['police.intelligence.shared.v1'] as const satisfies readonly TopicName[];
const deadLetterTopic: TopicName = 'registry.event.dead-lettered.v1';

/** Folds the agencies' events into the canonical record, from the moment the app has booted. */
@Injectable()
export class IngestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SCHEMA_REGISTRY) private readonly schemas: HubSchemaRegistry,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly store: NominalStore,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(IngestService.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, [...consumedTopics, deadLetterTopic]);
    this.consumer = new EventConsumer(this.kafka, this.schemas, {
      groupId: this.config.REGISTRY_CONSUMER_GROUP,
      topics: consumedTopics,
      deadLetterTopic,
      logger: this.logger,
      onFatal: (error) => {
        this.logger.fatal(
          { err: error },
          'the registry consumer crashed and will not recover; exiting',
        );
        process.exit(70);
      },
    });
    await this.consumer.start((event) => this.apply(event));
  }

  /** Before the database closes: finish the in-flight event, commit, leave the group. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async apply(event: ConsumedEvent): Promise<void> {
    switch (event.topic) {
      case 'police.intelligence.shared.v1': {
        const value = event.value as IntelligenceShared;
        if (event.key !== value.nominalId) {
          throw new PermanentEventError(
            `the message key ${event.key ?? '(none)'} is not the event's nominal id ${value.nominalId}`,
          );
        }
        await this.store.apply(
          value.nominalId,
          value.metadata,
          {
            eventType: 'IntelligenceShared',
            topic: event.topic,
            partition: event.partition,
            offset: event.offset,
            schemaId: event.schemaId,
          },
          intelligenceSharedChange(value),
        );
        return;
      }
      default:
        throw new PermanentEventError(`the registry has no projection for ${event.topic}`);
    }
  }
}
