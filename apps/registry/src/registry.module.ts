import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { consumerGroupCatalogue } from '@hub/contracts';
import {
  consumerHealthProbe,
  HubKafkaTransport,
  kafkaHealthProbe,
  KAFKA,
  messagingProviders,
  SCHEMA_REGISTRY,
  schemaRegistryHealthProbe,
  type HubSchemaRegistry,
} from '@hub/messaging';
import { TerminusModule } from '@nestjs/terminus';
import {
  HealthController,
  healthProbesProvider,
  hubLoggerModule,
  MetricsController,
} from '@hub/observability';
import { connectMongo, mongoHealthProbe, type MongoConnection } from '@hub/persistence';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { IntelligenceIngestController } from './ingest/intelligence-ingest.controller';
import { MONGO } from './infrastructure/tokens';
import { NominalStore } from './nominals/nominal-store';
import { NominalsController } from './nominals/nominals.controller';
import type { RegistryConfig } from './registry.config';

/** Closes the database connection once everything that uses it has stopped. */
class MongoShutdown implements OnApplicationShutdown {
  constructor(@Inject(MONGO) private readonly mongo: MongoConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.client.close();
  }
}

@Module({})
export class RegistryModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: RegistryModule,
      imports: [hubLoggerModule('registry', config.LOG_LEVEL), TerminusModule],
      controllers: [
        DeadLettersController,
        HealthController,
        MetricsController,
        NominalsController,
        IntelligenceIngestController,
      ],
      providers: [
        healthProbesProvider({
          inject: [KAFKA, MONGO, HubKafkaTransport],
          useFactory: (kafka: Kafka, mongo: MongoConnection, transport: HubKafkaTransport) => [
            kafkaHealthProbe(kafka),
            schemaRegistryHealthProbe(config.SCHEMA_REGISTRY_URL),
            mongoHealthProbe(mongo.db),
            consumerHealthProbe(() => transport.state),
          ],
        }),
        ...messagingProviders({
          clientId: 'registry',
          brokers: config.KAFKA_BROKERS,
          schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
        }),
        { provide: MONGO, useFactory: () => connectMongo(config.MONGO_URL, config.MONGO_DATABASE) },
        {
          provide: NominalStore,
          inject: [MONGO],
          useFactory: async (mongo: MongoConnection) => {
            const store = new NominalStore(mongo.db);
            await store.ensureIndexes();
            return store;
          },
        },
        MongoShutdown,
        {
          provide: HubKafkaTransport,
          inject: [KAFKA, SCHEMA_REGISTRY, PinoLogger],
          useFactory: (kafka: Kafka, schemas: HubSchemaRegistry, logger: PinoLogger) =>
            new HubKafkaTransport({
              kafka,
              schemas,
              groupId: config.REGISTRY_CONSUMER_GROUP,
              newGroupStartsAt: config.REGISTRY_NEW_GROUP_STARTS_AT,
              group: consumerGroupCatalogue.registry,
              logger,
              onFatal: (error: Error) => {
                logger.fatal(
                  { err: error },
                  'the registry consumer crashed and will not recover; exiting',
                );
                process.exit(1);
              },
            }),
        },
      ],
    };
  }
}
