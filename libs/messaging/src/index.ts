export * from './errors';
export * from './kafka-client';
export * from './schema-registry';
export * from './topic-provisioning';
export * from './event-publisher';
export * from './event-consumer';
export * from './health-probes';
