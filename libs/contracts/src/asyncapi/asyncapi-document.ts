import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Type } from 'avsc';
import { parseSchemaFiles, registrableSchema } from '../avro/schema-files';
import {
  consumerGroupCatalogue,
  topicCatalogue,
  valueSubjectOf,
  type TopicDefinition,
  type TopicName,
} from '../topic-catalogue';

/** A JSON value, as an Avro schema in JSON form is. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The small part of JSON Schema (AsyncAPI's default schema format) the document uses. */
export interface JsonSchema {
  type: 'object' | 'string';
  description?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

export interface AsyncApiReference {
  $ref: string;
}

export interface AsyncApiServer {
  host: string;
  protocol: 'kafka';
  description: string;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType: string;
  headers: JsonSchema;
  payload: {
    schemaFormat: typeof avroSchemaFormat;
    schema: JsonValue;
  };
  bindings: {
    kafka: {
      key: JsonSchema;
      schemaIdLocation?: 'payload';
      schemaIdPayloadEncoding?: string;
      schemaLookupStrategy?: string;
      bindingVersion: typeof kafkaBindingVersion;
    };
  };
}

export interface AsyncApiChannel {
  address: TopicName;
  title: string;
  description: string;
  messages: Record<string, AsyncApiMessage>;
  bindings: {
    kafka: {
      topic: TopicName;
      partitions: number;
      topicConfiguration: {
        'cleanup.policy': TopicDefinition['cleanupPolicy'][];
        'retention.ms': number;
      };
      bindingVersion: typeof kafkaBindingVersion;
    };
  };
  'x-owner': TopicDefinition['owner'];
  'x-publishers': TopicDefinition['publishers'];
  'x-readers': TopicDefinition['readers'];
  'x-classification': TopicDefinition['classification'];
  /** The schema-registry subject of the values; null for the failure topics, whose values are raw bytes. */
  'x-value-subject': string | null;
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  title: string;
  summary: string;
  channel: AsyncApiReference;
  messages: AsyncApiReference[];
  'x-publishers'?: TopicDefinition['publishers'];
  'x-readers'?: TopicDefinition['readers'];
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
}

export const avroSchemaFormat = 'application/vnd.apache.avro+json;version=1.9.0';
const kafkaBindingVersion = '0.5.0';
export const hubKafkaServer = 'hub-kafka';

/** The Kafka headers every event carries (as the agency connector sends them); failure topics keep them. */
export const eventHeaders: Record<string, JsonSchema> = {
  'x-correlation-id': {
    type: 'string',
    description:
      'Shared by every event of one business interaction: the same as `metadata.correlationId`.',
  },
  'x-event-id': {
    type: 'string',
    format: 'uuid',
    description: 'The event id (`metadata.eventId`), the idempotency key.',
  },
  traceparent: {
    type: 'string',
    description:
      'W3C trace context of the hop that published the event, continued by every consumer.',
  },
};

/** The header an event replayed from a dead-letter topic gains (the runner drops it if it fails again). */
export const replayHeaders: Record<string, JsonSchema> = {
  'hub.replayed-from': {
    type: 'string',
    description:
      'Only on an event replayed from a dead-letter topic: the dead letter it came from (`<topic>/<partition>/<offset>`).',
  },
};

/**
 * The headers the consumer runner adds to a retried or dead-lettered message
 * (libs/messaging/src/consumer/failure-headers.ts), all strings.
 */
export const failureHeaders: Record<string, JsonSchema> = {
  'hub.source.topic': {
    type: 'string',
    description: 'The topic the event was first consumed from.',
  },
  'hub.source.partition': { type: 'string', description: 'Its partition there.' },
  'hub.source.offset': { type: 'string', description: 'Its offset there.' },
  'hub.consumer.group': {
    type: 'string',
    description: 'The consumer group that failed to apply it.',
  },
  'hub.error.class': { type: 'string', description: 'The name of the error of the last failure.' },
  'hub.error.message': {
    type: 'string',
    description: 'The message of the error of the last failure (at most 2,000 characters).',
  },
  'hub.attempts': { type: 'string', description: 'How many times the event has failed so far.' },
  'hub.first-failed-at': {
    type: 'string',
    format: 'date-time',
    description: 'When it failed first (ISO-8601).',
  },
  'hub.last-failed-at': {
    type: 'string',
    format: 'date-time',
    description: 'When it failed last (ISO-8601).',
  },
};

/** The header only retried messages carry. */
export const retryHeaders: Record<string, JsonSchema> = {
  'hub.retry.not-before': {
    type: 'string',
    format: 'date-time',
    description: 'When the back-off ends and the event may be attempted again (ISO-8601).',
  },
};

const nominalIdKey: JsonSchema = { type: 'string', description: 'the nominal id' };

const keySchemas: Record<TopicDefinition['key'], JsonSchema> = {
  nominalId: nominalIdKey,
  sequence: { type: 'string', description: 'the sequence of the audit entry, in decimal' },
};

/** The hub's version: that of the repository's package.json, found above wherever this code runs. */
function hubVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const { version } = JSON.parse(readFileSync(candidate, 'utf8')) as { version?: unknown };
      if (typeof version === 'string') return version;
    }
  }
  throw new Error(`cannot find the hub's package.json (with a version) above ${__dirname}`);
}

function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

function sorted<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function headersOf(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  const schema: JsonSchema = { type: 'object', properties: sorted(Object.entries(properties)) };
  return required.length > 0 ? { ...schema, required } : schema;
}

/** Whether `topic` is a consumer group's retry topic (rather than its dead-letter topic). */
function isRetryTopic(topic: TopicName): boolean {
  return Object.values(consumerGroupCatalogue).some((group) => group.retryTopic === topic);
}

/**
 * The schema as registered, with every named type's full name split into `namespace` and `name`:
 * the same schema (same canonical form), in the form AsyncAPI's Avro schema accepts, whose names
 * may not hold dots.
 */
export function asyncApiAvroSchema(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return schema.map(asyncApiAvroSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = key === 'default' ? value : asyncApiAvroSchema(value);
  }
  const { type, name } = schema;
  const named = type === 'record' || type === 'enum' || type === 'fixed' || type === 'error';
  if (named && typeof name === 'string' && name.includes('.')) {
    const rest = { ...copy };
    delete rest.name;
    return {
      name: name.slice(name.lastIndexOf('.') + 1),
      namespace: name.slice(0, name.lastIndexOf('.')),
      ...rest,
    };
  }
  return copy;
}

function eventMessage(topic: TopicName, schemaName: string, type: Type): AsyncApiMessage {
  return {
    name: shortName(schemaName),
    title: schemaName,
    summary: `${type.doc ?? schemaName} Avro in the schema-registry wire format, registered under ${valueSubjectOf(topic)}.`,
    contentType: 'application/vnd.apache.avro',
    headers: headersOf({ ...eventHeaders, ...replayHeaders }, []),
    payload: {
      schemaFormat: avroSchemaFormat,
      schema: asyncApiAvroSchema(JSON.parse(registrableSchema(type)) as JsonValue),
    },
    bindings: {
      kafka: {
        key: keySchemas[topicCatalogue[topic].key],
        schemaIdLocation: 'payload',
        schemaIdPayloadEncoding: 'confluent',
        schemaLookupStrategy: 'TopicNameStrategy',
        bindingVersion: kafkaBindingVersion,
      },
    },
  };
}

function failureMessage(topic: TopicName): AsyncApiMessage {
  const retry = isRetryTopic(topic);
  const headers = { ...eventHeaders, ...failureHeaders, ...(retry ? retryHeaders : {}) };
  const required = [...Object.keys(failureHeaders), ...(retry ? Object.keys(retryHeaders) : [])];
  const description =
    'The value is the original message bytes, exactly as they were on the source topic (with its ' +
    'key and headers); why it failed is in the `hub.*` headers.';
  return {
    name: retry ? 'RetryScheduledEvent' : 'DeadLetteredEvent',
    title: retry ? 'An event waiting for another attempt' : 'A dead-lettered event',
    summary: description,
    contentType: 'application/octet-stream',
    headers: headersOf(headers, required.sort()),
    payload: {
      schemaFormat: avroSchemaFormat,
      schema: { type: 'bytes', doc: description },
    },
    bindings: { kafka: { key: nominalIdKey, bindingVersion: kafkaBindingVersion } },
  };
}

function channelOf(
  topic: TopicName,
  definition: TopicDefinition,
  message: AsyncApiMessage,
): AsyncApiChannel {
  return {
    address: topic,
    title: topic,
    description: definition.description,
    messages: { [message.name]: message },
    bindings: {
      kafka: {
        topic,
        partitions: definition.partitions,
        topicConfiguration: {
          'cleanup.policy': [definition.cleanupPolicy],
          'retention.ms': definition.retentionMs,
        },
        bindingVersion: kafkaBindingVersion,
      },
    },
    'x-owner': definition.owner,
    'x-publishers': definition.publishers,
    'x-readers': definition.readers,
    'x-classification': definition.classification,
    'x-value-subject': definition.valueSchema === null ? null : valueSubjectOf(topic),
  };
}

/** A JSON pointer token: `~` and `/` escaped (topic names hold neither, but a pointer must be right). */
function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The AsyncAPI 3.0 description of every topic of the catalogue: one channel and one message per
 * topic (its Avro schema, self-contained as registered), one `send` operation for its publishers and
 * one `receive` operation for its readers. Deterministic, so that `docs/asyncapi.json` can be checked.
 */
export function asyncApiDocument(
  schemas: Map<string, Type> = parseSchemaFiles(),
): AsyncApiDocument {
  const topics = (Object.keys(topicCatalogue) as TopicName[]).sort();
  const channels: [string, AsyncApiChannel][] = [];
  const operations: [string, AsyncApiOperation][] = [];
  for (const topic of topics) {
    const definition: TopicDefinition = topicCatalogue[topic];
    let message: AsyncApiMessage;
    if (definition.valueSchema === null) {
      message = failureMessage(topic);
    } else {
      const type = schemas.get(definition.valueSchema);
      if (!type) {
        throw new Error(
          `topic ${topic}: its value schema ${definition.valueSchema} is not in schemas/`,
        );
      }
      message = eventMessage(topic, definition.valueSchema, type);
    }
    channels.push([topic, channelOf(topic, definition, message)]);
    const channel = { $ref: `#/channels/${pointerToken(topic)}` };
    const messages = [
      { $ref: `#/channels/${pointerToken(topic)}/messages/${pointerToken(message.name)}` },
    ];
    operations.push([
      `publish-${topic}`,
      {
        action: 'send',
        title: `publish ${topic}`,
        summary: `The systems of ${definition.publishers.join(', ')} publish on ${topic}.`,
        channel,
        messages,
        'x-publishers': definition.publishers,
      },
    ]);
    operations.push([
      `read-${topic}`,
      {
        action: 'receive',
        title: `read ${topic}`,
        summary: `The systems of ${definition.readers.join(', ')} may consume ${topic}.`,
        channel,
        messages,
        'x-readers': definition.readers,
      },
    ]);
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'MAPPA Exchange Hub',
      version: hubVersion(),
      description:
        "The Kafka topics through which police, prison, probation, criminal-justice social work and health systems share the records of people managed under MAPPA, derived from the hub's topic catalogue. Values are Avro in the schema-registry wire format (magic byte 0, 4-byte schema id, Avro body), registered under `<topic>-value` with compatibility BACKWARD_TRANSITIVE; keys are the nominal id as a UTF-8 string (the audit trail's, the entry's sequence).",
    },
    servers: {
      [hubKafkaServer]: {
        host: 'localhost:29092',
        protocol: 'kafka',
        description:
          "The local stack's broker (`npm run hub`; HUB_STACK_KAFKA_PORT moves it); deployments have their own brokers.",
      },
    },
    channels: sorted(channels),
    operations: sorted(operations),
  };
}
