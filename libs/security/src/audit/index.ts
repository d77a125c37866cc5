export * from './audit-entry';
export * from './audit-chain';
export * from './canonical-json';
