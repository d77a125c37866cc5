import { parseSchemaFiles } from './avro/schema-files';
import { publishingServiceOf, topicCatalogue, type TopicDefinition } from './topic-catalogue';

const entries = Object.entries(topicCatalogue) as [string, TopicDefinition][];

describe('topic catalogue', () => {
  const schemas = parseSchemaFiles();

  it.each(entries)('%s is named <owner>.<entity>.<event>.v<major>', (topic, definition) => {
    expect(topic).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v\d+$/);
    // Agencies' topics start with the agency; facts every authority publishes with `mappa`; the
    // hub services' own topics with the owning service.
    const prefix = topic.split('.')[0];
    if (definition.owner !== 'HUB') {
      expect(prefix).toBe(definition.owner.toLowerCase().replace('_', '-'));
    } else if (definition.publishers.some((agency) => agency !== 'HUB')) {
      expect(prefix).toBe('mappa');
    } else {
      // The transfer coordinator's topics start with `transfer`, the registry's with `registry`.
      const service = publishingServiceOf(definition);
      expect(prefix).toBe(service === 'transfer-coordinator' ? 'transfer' : service);
    }
  });

  it.each(entries)(
    '%s names a schema that exists in schemas/ and carries the nominal id',
    (_, definition) => {
      if (definition.valueSchema === null) return;
      const type = schemas.get(definition.valueSchema);
      expect(type).toBeDefined();
      const fields = (type as unknown as { fields: { name: string }[] }).fields.map(
        (field) => field.name,
      );
      // A compacted topic carries the latest state per key, not an event with its metadata.
      const required =
        definition.cleanupPolicy === 'compact' ? [definition.key] : ['metadata', definition.key];
      expect(fields).toEqual(expect.arrayContaining(required));
    },
  );
});
