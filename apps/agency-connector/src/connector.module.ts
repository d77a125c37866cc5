import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PinoLogger } from 'nestjs-pino';
import { ACCESS_AUDIT, securityProviders } from '@hub/security';
import type { Kafka } from 'kafkajs';
import {
  EventPublisher,
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
import { CONNECTOR_CONFIG, type ConnectorConfig } from './connector.config';
import { EventIntakeService } from './events/event-intake.service';
import { EventsController } from './events/events.controller';
import { PublisherLifecycle } from './infrastructure/publisher-lifecycle';
import { LoggedAccessAudit } from './infrastructure/logged-access-audit';
import { EVENT_PUBLISHER } from './infrastructure/tokens';

@Module({})
export class ConnectorModule {
  static forRoot(config: ConnectorConfig): DynamicModule {
    const service = `agency-connector-${config.AGENCY.toLowerCase()}`;
    return {
      module: ConnectorModule,
      imports: [
        hubLoggerModule(service, config.LOG_LEVEL),
        TerminusModule,
        HubHttpModule.forRoot(httpSettingsOf(config)),
      ],
      controllers: [HealthController, MetricsController, EventsController],
      providers: [
        { provide: CONNECTOR_CONFIG, useValue: config },
        ...securityProviders({
          issuer: config.OIDC_ISSUER_URL,
          clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_S,
        }),
        {
          provide: ACCESS_AUDIT,
          inject: [PinoLogger],
          useFactory: (logger: PinoLogger) => new LoggedAccessAudit(logger),
        },
        ...messagingProviders({
          clientId: service,
          kafka: config,
          schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
        }),
        {
          provide: EVENT_PUBLISHER,
          inject: [KAFKA, SCHEMA_REGISTRY],
          useFactory: (kafka: Kafka, schemas: HubSchemaRegistry) =>
            new EventPublisher(kafka, schemas),
        },
        healthProbesProvider({
          inject: [KAFKA],
          useFactory: (kafka: Kafka) => [
            kafkaHealthProbe(kafka),
            schemaRegistryHealthProbe(config.SCHEMA_REGISTRY_URL),
          ],
        }),
        EventIntakeService,
        PublisherLifecycle,
      ],
    };
  }
}
