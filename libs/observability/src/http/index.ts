export * from './exception-filter';
export * from './hub-app';
export * from './hub-http.module';
export * from './management-listener';
export * from './rate-limit';
export * from './request-id';
export * from './request-trace';
export * from './request-validation';
