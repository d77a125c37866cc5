import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { consumerGroupCatalogue } from '@hub/contracts';
import { httpSettingsOf } from '@hub/config';
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
import {
  HealthController,
  healthProbesProvider,
  hubLoggerModule,
  HubHttpModule,
  MetricsController,
} from '@hub/observability';
import {
  AuditedAccess,
  auditEntriesOf,
  AuditTrail,
  connectMongo,
  mongoHealthProbe,
  type MongoConnection,
} from '@hub/persistence';
import { ACCESS_AUDIT, securityProviders } from '@hub/security';
import { AnnualReportController } from './api/annual-report.controller';
import { FiguresController } from './api/figures.controller';
import { RecordsBehindController } from './api/records-behind.controller';
import { AnnualReportFigures } from './figures/annual-report-figures';
import { FigureCache } from './figures/figure-cache';
import { ManagementInformation } from './figures/management-information';
import { RecordsBehindFigures } from './figures/records-behind';
import { InsightsLifecycle } from './infrastructure/insights-lifecycle';
import { AUDIT_MONGO, CLOCK, INSIGHTS_CONFIG, MONGO, type Clock } from './infrastructure/tokens';
import type { InsightsConfig } from './insights.config';
import { InsightsStore } from './read-model/insights-store';
import { ReadModelController } from './read-model/read-model.controller';

export interface InsightsOptions {
  /** What time it is; the system clock unless a test moves time on. */
  clock?: Clock;
}

@Module({})
export class InsightsModule {
  static forRoot(config: InsightsConfig, options: InsightsOptions = {}): DynamicModule {
    const clock: Clock = options.clock ?? (() => new Date());
    const threshold = config.INSIGHTS_SUPPRESSION_THRESHOLD;
    return {
      module: InsightsModule,
      imports: [
        hubLoggerModule('insights', config.LOG_LEVEL),
        TerminusModule,
        HubHttpModule.forRoot(httpSettingsOf(config)),
      ],
      controllers: [
        ReadModelController,
        FiguresController,
        AnnualReportController,
        RecordsBehindController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: INSIGHTS_CONFIG, useValue: config },
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
          clientId: 'insights',
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
          // Every query the figures run is served by an index, made here before any runs.
          provide: InsightsStore,
          inject: [MONGO],
          useFactory: async (mongo: MongoConnection) => {
            const store = new InsightsStore(mongo.db);
            await store.ensureIndexes();
            return store;
          },
        },
        {
          provide: AnnualReportFigures,
          inject: [InsightsStore, FigureCache],
          useFactory: (store: InsightsStore, cache: FigureCache) =>
            new AnnualReportFigures(store, threshold, clock, cache),
        },
        {
          provide: ManagementInformation,
          inject: [InsightsStore, AnnualReportFigures],
          useFactory: (store: InsightsStore, report: AnnualReportFigures) =>
            new ManagementInformation(store, report, threshold),
        },
        { provide: FigureCache, useValue: new FigureCache(config.INSIGHTS_CACHE_SECONDS * 1000) },
        {
          provide: RecordsBehindFigures,
          inject: [InsightsStore],
          useFactory: (store: InsightsStore) => new RecordsBehindFigures(store),
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
        InsightsLifecycle,
        {
          provide: HubKafkaTransport,
          inject: [KAFKA, SCHEMA_REGISTRY, PinoLogger],
          useFactory: (kafka: Kafka, schemas: HubSchemaRegistry, logger: PinoLogger) =>
            new HubKafkaTransport({
              kafka,
              schemas,
              groupId: config.INSIGHTS_CONSUMER_GROUP,
              newGroupStartsAt: config.INSIGHTS_NEW_GROUP_STARTS_AT,
              group: consumerGroupCatalogue.insights,
              logger,
              onFatal: (error: Error) => {
                logger.fatal({ err: error }, 'the insights consumer crashed; exiting');
                process.exit(1);
              },
            }),
        },
      ],
    };
  }
}
