import { DiagnosticSeverity, Parser, type Diagnostic } from '@asyncapi/parser';
import { Type, type Schema } from 'avsc';
// The runner owns the failure headers; the document must list the same ones.
import { failureHeader } from '../../../messaging/src/consumer/failure-headers';
import { hubLogicalTypes } from '../avro/logical-types';
import { parseSchemaFiles } from '../avro/schema-files';
import { consumerGroupCatalogue, topicCatalogue, type TopicName } from '../topic-catalogue';
import {
  asyncApiDocument,
  avroSchemaFormat,
  eventHeaders,
  failureHeaders,
  replayHeaders,
  retryHeaders,
  type AsyncApiDocument,
  type AsyncApiMessage,
} from './asyncapi-document';

const topics = Object.keys(topicCatalogue) as TopicName[];

function onlyMessageOf(document: AsyncApiDocument, topic: TopicName): AsyncApiMessage {
  const channel = document.channels[topic];
  expect(channel).toBeDefined();
  const messages = Object.values(channel.messages);
  expect(messages).toHaveLength(1);
  return messages[0];
}

/** Errors and warnings fail the test; information (such as "3.1.0 exists") does not. */
const blocking = new Set<number>([DiagnosticSeverity.Error, DiagnosticSeverity.Warning]);

function describeDiagnostic(diagnostic: Diagnostic): string {
  const severity = DiagnosticSeverity[diagnostic.severity];
  return `${severity} at ${diagnostic.path.join('.') || '(root)'}: ${diagnostic.message} [${String(diagnostic.code)}]`;
}

describe('asyncApiDocument', () => {
  const schemas = parseSchemaFiles();
  const document = asyncApiDocument(schemas);

  it('has a channel for every catalogue topic, addressed by the topic, with its settings', () => {
    expect(Object.keys(document.channels).sort()).toEqual([...topics].sort());
    for (const topic of topics) {
      const definition = topicCatalogue[topic];
      const channel = document.channels[topic];
      expect(channel.address).toBe(topic);
      expect(channel['x-owner']).toBe(definition.owner);
      expect(channel['x-publishers']).toEqual(definition.publishers);
      expect(channel['x-readers']).toEqual(definition.readers);
      expect(channel['x-classification']).toBe(definition.classification);
      expect(channel.bindings.kafka).toMatchObject({
        partitions: definition.partitions,
        topicConfiguration: {
          'cleanup.policy': [definition.cleanupPolicy],
          'retention.ms': definition.retentionMs,
        },
      });
    }
  });

  it("gives every event topic's message its self-contained Avro schema", () => {
    for (const topic of topics) {
      const { valueSchema } = topicCatalogue[topic];
      if (valueSchema === null) continue;
      const message = onlyMessageOf(document, topic);
      expect(message.name).toBe(valueSchema.slice(valueSchema.lastIndexOf('.') + 1));
      expect(message.payload.schemaFormat).toBe(avroSchemaFormat);
      // AsyncAPI's Avro names hold no dots: the full name is split into namespace and name.
      const { namespace, name } = message.payload.schema as { namespace: string; name: string };
      expect(message.payload.schema).toMatchObject({ type: 'record' });
      expect(`${namespace}.${name}`).toBe(valueSchema);
      // Self-contained, and the very schema that is registered.
      const type = Type.forSchema(message.payload.schema as Schema, {
        logicalTypes: hubLogicalTypes,
      });
      expect(type.name).toBe(valueSchema);
      expect(type.fingerprint().toString('hex')).toBe(
        schemas.get(valueSchema)!.fingerprint().toString('hex'),
      );
      expect(message.bindings.kafka.key).toEqual({
        type: 'string',
        description:
          topicCatalogue[topic].key === 'sequence'
            ? 'the sequence of the audit entry, in decimal'
            : 'the nominal id',
      });
      expect(Object.keys(message.headers.properties ?? {}).sort()).toEqual(
        [...Object.keys(eventHeaders), ...Object.keys(replayHeaders)].sort(),
      );
    }
  });

  it("gives the failure topics' messages raw bytes, with the failure headers", () => {
    const failureTopics = topics.filter((topic) => topicCatalogue[topic].valueSchema === null);
    expect(failureTopics.length).toBeGreaterThan(0);
    const retryTopics = new Set<string>(
      Object.values(consumerGroupCatalogue).map((group) => group.retryTopic),
    );
    for (const topic of failureTopics) {
      const message = onlyMessageOf(document, topic);
      expect(message.payload.schema).toMatchObject({ type: 'bytes' });
      expect(message.summary).toContain('original message bytes');
      const expected = [
        ...Object.keys(failureHeaders),
        ...(retryTopics.has(topic) ? Object.keys(retryHeaders) : []),
      ].sort();
      expect(message.headers.required).toEqual(expected);
      expect(Object.keys(message.headers.properties ?? {}).sort()).toEqual(
        [...expected, ...Object.keys(eventHeaders)].sort(),
      );
    }
  });

  it('lists exactly the headers the consumer runner writes', () => {
    const documented = [
      ...Object.keys(failureHeaders),
      ...Object.keys(retryHeaders),
      ...Object.keys(replayHeaders),
    ].sort();
    expect(documented).toEqual(Object.values(failureHeader).sort());
  });

  it('has one send and one receive operation per topic, with its publishers and readers', () => {
    const operations = Object.values(document.operations);
    for (const topic of topics) {
      const definition = topicCatalogue[topic];
      const ofTopic = operations.filter(
        (operation) => operation.channel.$ref === `#/channels/${topic}`,
      );
      expect(ofTopic.map((operation) => operation.action).sort()).toEqual(['receive', 'send']);
      expect(ofTopic.find((operation) => operation.action === 'send')).toMatchObject({
        title: `publish ${topic}`,
        'x-publishers': definition.publishers,
      });
      expect(ofTopic.find((operation) => operation.action === 'receive')).toMatchObject({
        'x-readers': definition.readers,
      });
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(asyncApiDocument())).toBe(JSON.stringify(document));
  });

  async function problemsOf(candidate: unknown) {
    const result = await new Parser().parse(JSON.stringify(candidate));
    const problems = result.diagnostics
      .filter((diagnostic) => blocking.has(diagnostic.severity))
      .map(describeDiagnostic);
    return { parsed: result.document, problems };
  }

  it('is a valid AsyncAPI 3.0.0 document', async () => {
    const { parsed, problems } = await problemsOf(document);
    expect(problems).toEqual([]);
    expect(parsed).toBeDefined();
    expect(
      parsed!
        .channels()
        .all()
        .map((channel) => channel.address())
        .sort(),
    ).toEqual([...topics].sort());
  });

  it('would be reported invalid with an Avro name AsyncAPI refuses (the validation is live)', async () => {
    const broken = JSON.parse(JSON.stringify(document)) as AsyncApiDocument;
    const topic = topics.find((name) => topicCatalogue[name].valueSchema !== null)!;
    const message = onlyMessageOf(broken, topic);
    message.payload.schema = { ...(message.payload.schema as object), name: 'not.a.short.name' };
    const { problems } = await problemsOf(broken);
    expect(problems.join('\n')).toContain(`channels.${topic}.messages.${message.name}.payload`);
  });
});
