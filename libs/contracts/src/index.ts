export * from './generated/avro-types';
export * from './topic-catalogue';
export * from './avro/json-to-avro';
export { hubLogicalTypes } from './avro/logical-types';
export {
  parseSchemaFiles,
  readSchemaFiles,
  registrableSchema,
  schemasDir,
} from './avro/schema-files';
export * from './asyncapi/asyncapi-document';
export * from './transfer-states';
export * from './mappa-categories';
