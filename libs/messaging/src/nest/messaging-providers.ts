import type { Provider } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { KafkaConnectionConfig } from '@hub/config';
import { createKafka } from '../kafka-client';
import { HubSchemaRegistry } from '../schema-registry';

/** Injection tokens of the Kafka client and the schema registry a service shares among its parts. */
export const KAFKA = Symbol('KAFKA');
export const SCHEMA_REGISTRY = Symbol('SCHEMA_REGISTRY');

export interface MessagingSettings {
  /** The Kafka client id: the service's name. */
  clientId: string;
  /** Where Kafka is and the service's own principal there. */
  kafka: KafkaConnectionConfig;
  schemaRegistryUrl: string;
}

/** The providers of KAFKA (logging into the service's structured log) and SCHEMA_REGISTRY. */
export function messagingProviders(settings: MessagingSettings): Provider[] {
  return [
    {
      provide: KAFKA,
      inject: [PinoLogger],
      useFactory: (logger: PinoLogger) => createKafka(settings.clientId, settings.kafka, logger),
    },
    {
      provide: SCHEMA_REGISTRY,
      useFactory: () => new HubSchemaRegistry(settings.schemaRegistryUrl),
    },
  ];
}
