import { parseSchemaFiles } from './avro/schema-files';
import { topicCatalogue, type TopicDefinition } from './topic-catalogue';

const entries = Object.entries(topicCatalogue) as [string, TopicDefinition][];

describe('topic catalogue', () => {
  const schemas = parseSchemaFiles();

  it.each(entries)('%s is named <owner>.<entity>.<event>.v<major>', (topic, definition) => {
    expect(topic).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v\d+$/);
    // Agencies' topics start with the agency; the hub's own start with the owning service.
    if (definition.owner !== 'HUB') {
      expect(topic.split('.')[0]).toBe(definition.owner.toLowerCase().replace('_', '-'));
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
      expect(fields).toEqual(expect.arrayContaining(['metadata', definition.key]));
    },
  );
});
