/** A message whose bytes are not a schema-registry-framed Avro value (wrong magic byte, truncated…). */
export class UndecodableMessageError extends Error {
  override name = 'UndecodableMessageError';
}

/** A message that names a schema id the registry does not know. */
export class UnknownSchemaError extends Error {
  override name = 'UnknownSchemaError';
  constructor(readonly schemaId: number) {
    super(`schema id ${schemaId} is not in the schema registry`);
  }
}

/** A value that cannot be encoded with its topic's schema. */
export class SchemaValidationError extends Error {
  override name = 'SchemaValidationError';
  constructor(
    readonly topic: string,
    readonly paths: string[],
  ) {
    super(`value does not match the schema of ${topic} at ${paths.join(', ') || '(root)'}`);
  }
}

/**
 * Thrown by a handler for an event that is well-formed but can never be applied (it contradicts
 * the record, say). It is dead-lettered at once rather than retried.
 */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

/** The schema registry refused a schema, e.g. because it breaks compatibility with earlier versions. */
export class SchemaRegistrationError extends Error {
  override name = 'SchemaRegistrationError';
}

/** The schema registry did not answer (or answered 5xx): nothing can be decoded until it is back. */
export class SchemaRegistryUnavailableError extends Error {
  override name = 'SchemaRegistryUnavailableError';
}
