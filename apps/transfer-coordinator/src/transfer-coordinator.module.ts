import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import {
  consumerGroupCatalogue,
  publishingServiceOf,
  topicCatalogue,
  type TopicName,
} from '@hub/contracts';
import {
  consumerHealthProbe,
  ensureTopics,
  EventPublisher,
  HubKafkaTransport,
  kafkaHealthProbe,
  KAFKA,
  messagingProviders,
  SCHEMA_REGISTRY,
  schemaRegistryHealthProbe,
  type HubSchemaRegistry,
} from '@hub/messaging';
import {
  HealthController,
  healthProbesProvider,
  hubLoggerModule,
  HubHttpModule,
  MetricsController,
} from '@hub/observability';
import { httpSettingsOf } from '@hub/config';
import {
  AuditedAccess,
  auditEntriesOf,
  AuditTrail,
  connectMongo,
  mongoHealthProbe,
  type MongoConnection,
} from '@hub/persistence';
import { ACCESS_AUDIT, organisationDirectory, securityProviders } from '@hub/security';
import { defaultDeadlinesFile, TransferDeadlines } from './deadlines/transfer-deadlines';
import { OverdueSweep } from './escalation/overdue-sweep';
import { TransferLifecycle } from './infrastructure/transfer-lifecycle';
import { TransferLiveFeed } from './live-view/transfer-live-feed';
import { TransferStreamController } from './live-view/transfer-stream.controller';
import {
  AUDIT_MONGO,
  CLOCK,
  EVENT_PUBLISHER,
  MONGO,
  TRANSFER_CONFIG,
  TRANSFER_DEADLINES,
  type Clock,
} from './infrastructure/tokens';
import { TransferOutbox } from './outbox/transfer-outbox';
import { ChangedRecordsController } from './subjects/changed-records.controller';
import { SubjectRecords } from './subjects/subject-records';
import { TransferService } from './transfers/transfer-service';
import { TransferStore } from './transfers/transfer-store';
import { TransfersController } from './transfers/transfers.controller';
import type { TransferCoordinatorConfig } from './transfer-coordinator.config';

/** The topics the coordinator publishes on, from the catalogue. */
const publishedTopics = (Object.keys(topicCatalogue) as TopicName[]).filter((topic) => {
  const definition = topicCatalogue[topic];
  return (
    definition.publishers.includes('HUB') &&
    definition.valueSchema !== null &&
    publishingServiceOf(definition) === 'transfer-coordinator'
  );
});

export interface TransferCoordinatorOptions {
  /** What time it is; the system clock unless a test moves time on. */
  clock?: Clock;
}

@Module({})
export class TransferCoordinatorModule {
  static forRoot(
    config: TransferCoordinatorConfig,
    options: TransferCoordinatorOptions = {},
  ): DynamicModule {
    // Validated before anything starts: a bad deadlines file stops the service with its problems.
    const deadlines = TransferDeadlines.load(
      config.TRANSFER_DEADLINES_FILE ?? defaultDeadlinesFile(),
    );
    const clock: Clock = options.clock ?? (() => new Date());
    return {
      module: TransferCoordinatorModule,
      imports: [
        hubLoggerModule('transfer-coordinator', config.LOG_LEVEL),
        TerminusModule,
        HubHttpModule.forRoot(httpSettingsOf(config)),
      ],
      controllers: [
        // Before TransfersController: its `GET :id` would otherwise take `GET stream`.
        TransferStreamController,
        TransfersController,
        ChangedRecordsController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: TRANSFER_CONFIG, useValue: config },
        { provide: TRANSFER_DEADLINES, useValue: deadlines },
        { provide: CLOCK, useValue: clock },
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
          clientId: 'transfer-coordinator',
          kafka: config,
          schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
        }),
        {
          provide: MONGO,
          useFactory: () => connectMongo(config.MONGO_URL, config.MONGO_DATABASE),
        },
        {
          provide: AUDIT_MONGO,
          useFactory: () => connectMongo(config.MONGO_URL, config.AUDIT_MONGO_DATABASE),
        },
        {
          // Every query the coordinator runs is served by an index, made here before any runs.
          provide: TransferStore,
          inject: [MONGO],
          useFactory: async (mongo: MongoConnection) => {
            const store = new TransferStore(mongo.db);
            await store.ensureIndexes();
            return store;
          },
        },
        {
          provide: SubjectRecords,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new SubjectRecords(mongo.db),
        },
        {
          // Ready to publish before the first request: topics, schemas, connection.
          provide: EVENT_PUBLISHER,
          inject: [KAFKA, SCHEMA_REGISTRY],
          useFactory: async (kafka: Kafka, schemas: HubSchemaRegistry) => {
            await ensureTopics(kafka, publishedTopics);
            await schemas.registerTopicSchemas(publishedTopics);
            const publisher = new EventPublisher(kafka, schemas);
            await publisher.connect();
            return publisher;
          },
        },
        {
          provide: TransferOutbox,
          inject: [TransferStore, EVENT_PUBLISHER, PinoLogger],
          useFactory: (store: TransferStore, publisher: EventPublisher, logger: PinoLogger) =>
            new TransferOutbox(store, publisher, logger),
        },
        {
          provide: TransferService,
          inject: [TransferStore, SubjectRecords, TransferOutbox],
          useFactory: (store: TransferStore, subjects: SubjectRecords, outbox: TransferOutbox) =>
            new TransferService(
              store,
              subjects,
              outbox,
              deadlines,
              organisationDirectory(),
              clock,
              config.TRANSFER_CRASH_AFTER_COMPLETING,
            ),
        },
        {
          provide: OverdueSweep,
          inject: [TransferStore, TransferOutbox, PinoLogger],
          useFactory: (store: TransferStore, outbox: TransferOutbox, logger: PinoLogger) =>
            new OverdueSweep(store, outbox, deadlines, organisationDirectory(), clock, logger),
        },
        ...securityProviders({
          issuer: config.OIDC_ISSUER_URL,
          clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_S,
        }),
        {
          // The hub's one audit chain, in the registry's database; the registry publishes it.
          provide: AuditTrail,
          inject: [AUDIT_MONGO],
          useFactory: (mongo: MongoConnection) => new AuditTrail(auditEntriesOf(mongo.db)),
        },
        {
          provide: ACCESS_AUDIT,
          inject: [AuditTrail],
          useFactory: (trail: AuditTrail) => new AuditedAccess(trail),
        },
        {
          provide: TransferLiveFeed,
          inject: [KAFKA, SCHEMA_REGISTRY, PinoLogger],
          useFactory: (kafka: Kafka, schemas: HubSchemaRegistry, logger: PinoLogger) =>
            new TransferLiveFeed(kafka, schemas, {
              consumerGroup: config.TRANSFER_CONSUMER_GROUP,
              logger,
            }),
        },
        TransferLifecycle,
        {
          provide: HubKafkaTransport,
          inject: [KAFKA, SCHEMA_REGISTRY, PinoLogger],
          useFactory: (kafka: Kafka, schemas: HubSchemaRegistry, logger: PinoLogger) =>
            new HubKafkaTransport({
              kafka,
              schemas,
              groupId: config.TRANSFER_CONSUMER_GROUP,
              newGroupStartsAt: config.TRANSFER_NEW_GROUP_STARTS_AT,
              group: consumerGroupCatalogue['transfer-coordinator'],
              logger,
              onFatal: (error: Error) => {
                logger.fatal({ err: error }, 'the transfer coordinator consumer crashed; exiting');
                process.exit(1);
              },
            }),
        },
      ],
    };
  }
}
