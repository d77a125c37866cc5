export * from './health';
export * from './logging';
