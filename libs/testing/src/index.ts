export * from './eventually';
export * from './kafka-probes';
export * from './synthetic-people';
export * from './synthetic-transfers';
export * from './synthetic';
export * from './local-network';
export * from './identity-tokens';
export * from './topic-tail';
