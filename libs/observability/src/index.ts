export * from './health';
export * from './logging';
export * from './service-bootstrap';
export * from './metrics';
export * from './trace-context';
export * from './http';
