import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Type } from 'avsc';
import {
  hubLogicalTypes,
  parseSchemaFiles,
  registrableSchema,
  topicCatalogue,
  valueSubjectOf,
  type TopicName,
} from '@hub/contracts';
import {
  SchemaRegistrationError,
  SchemaRegistryUnavailableError,
  SchemaValidationError,
  UndecodableMessageError,
  UnknownSchemaError,
} from './errors';

/** Confluent wire format: magic byte 0, then the 4-byte schema id, then the Avro body. */
const wireHeaderLength = 5;

export interface DecodedValue {
  schemaId: number;
  value: unknown;
}

/**
 * The hub's view of the schema registry: schemas come from `schemas/` through the topic catalogue,
 * are registered under `<topic>-value` with BACKWARD_TRANSITIVE compatibility, and their ids are
 * resolved once at start-up (the client does not cache `getLatestSchemaId`).
 */
export class HubSchemaRegistry {
  private readonly client: SchemaRegistry;
  private readonly schemaIds = new Map<TopicName, number>();
  /** The schemas of `schemas/`, parsed when first needed. */
  private localTypes?: Map<string, Type>;
  /** Per topic and writer schema id: how to read that writer's values as the current schema. */
  private readonly readers = new Map<string, (body: Buffer) => unknown>();

  constructor(url: string) {
    this.client = new SchemaRegistry(
      { host: url, retry: { retries: 3 } },
      { [SchemaType.AVRO]: { logicalTypes: hubLogicalTypes } },
    );
  }

  /** Registers (idempotently) the value schema of each topic and remembers its id. */
  async registerTopicSchemas(topics: readonly TopicName[]): Promise<void> {
    const types = parseSchemaFiles();
    for (const topic of topics) {
      const schemaName = topicCatalogue[topic].valueSchema;
      if (schemaName === null)
        throw new SchemaRegistrationError(`${topic} carries raw bytes, no schema`);
      const type = types.get(schemaName);
      if (!type)
        throw new SchemaRegistrationError(`${topic}: no schema named ${schemaName} in schemas/`);
      try {
        const { id } = await this.client.register(
          { type: SchemaType.AVRO, schema: registrableSchema(type) },
          { subject: valueSubjectOf(topic), compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE },
        );
        this.schemaIds.set(topic, id);
      } catch (error) {
        throw new SchemaRegistrationError(
          `cannot register the schema of ${topic} (${schemaName}): ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
  }

  schemaIdOf(topic: TopicName): number {
    const id = this.schemaIds.get(topic);
    if (id === undefined) throw new Error(`the schema of ${topic} was not registered at start-up`);
    return id;
  }

  async encode(topic: TopicName, value: unknown): Promise<Buffer> {
    // Outside the try: a schema never registered is the caller's mistake, not a bad value.
    const schemaId = this.schemaIdOf(topic);
    try {
      return await this.client.encode(schemaId, value);
    } catch (error) {
      const paths = (error as { paths?: string[][] }).paths ?? [];
      throw new SchemaValidationError(
        topic,
        paths.map((path) => path.join('.')),
      );
    }
  }

  /**
   * Decodes a value. Given its `topic`, the value is read as the topic's schema in `schemas/` is
   * now (Avro schema resolution): an event written under an older version comes with the fields
   * added since, at their defaults, so that consumers see one shape whatever the producer's version.
   */
  async decode(buffer: Buffer | null, topic?: TopicName): Promise<DecodedValue> {
    if (!buffer || buffer.length < wireHeaderLength || buffer.readUInt8(0) !== 0) {
      throw new UndecodableMessageError('the value is not in the schema registry wire format');
    }
    const schemaId = buffer.readInt32BE(1);
    let schema: Awaited<ReturnType<SchemaRegistry['getSchema']>>;
    try {
      schema = await this.client.getSchema(schemaId);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404) throw new UnknownSchemaError(schemaId);
      // mappersmith reports a refused connection as status 400 with no registry error code.
      throw new SchemaRegistryUnavailableError(
        `cannot fetch schema ${schemaId} from the schema registry (status ${status ?? 'none'}): ${(error as Error).message}`,
      );
    }
    const body = buffer.subarray(wireHeaderLength);
    try {
      const read = topic ? this.readerOf(topic, schemaId, schema as Type) : undefined;
      return { schemaId, value: read ? read(body) : schema.fromBuffer(body) };
    } catch (error) {
      throw new UndecodableMessageError(
        `the Avro body does not decode with schema ${schemaId}${topic ? ` as ${topic}'s current schema` : ''}: ${(error as Error).message}`,
      );
    }
  }

  /** How to read `writer`'s values as `topic`'s current schema; undefined for a raw-bytes topic. */
  private readerOf(
    topic: TopicName,
    schemaId: number,
    writer: Type,
  ): ((body: Buffer) => unknown) | undefined {
    const key = `${topic}:${schemaId}`;
    const known = this.readers.get(key);
    if (known) return known;
    const schemaName = topicCatalogue[topic]?.valueSchema;
    if (!schemaName) return undefined;
    this.localTypes ??= parseSchemaFiles();
    const reader = this.localTypes.get(schemaName);
    if (!reader) return undefined;
    const resolver = reader.createResolver(writer);
    const read = (body: Buffer): unknown => reader.fromBuffer(body, resolver);
    this.readers.set(key, read);
    return read;
  }
}
