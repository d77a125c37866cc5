import { Type, type Schema } from 'avsc';
import { topicCatalogue, valueSubjectOf, type TopicName } from '../topic-catalogue';
import {
  backwardIncompatibilities,
  readReleasedSchemas,
  releasedSchemasFile,
  releasedType,
} from './compatibility';
import { hubLogicalTypes } from './logical-types';
import { parseSchemaFiles, readSchemaFiles } from './schema-files';

describe('the current schemas', () => {
  const released = readReleasedSchemas();
  const current = parseSchemaFiles();

  it(`are backward compatible with every released version in ${releasedSchemasFile()}`, () => {
    const problems: string[] = [];
    for (const topic of Object.keys(topicCatalogue) as TopicName[]) {
      const { valueSchema } = topicCatalogue[topic];
      if (valueSchema === null) continue;
      const subject = valueSubjectOf(topic);
      const reader = current.get(valueSchema);
      if (!reader) {
        problems.push(`${subject}: ${valueSchema} is not in schemas/`);
        continue;
      }
      (released[subject] ?? []).forEach((schema, index) => {
        for (const problem of backwardIncompatibilities(reader, releasedType(schema))) {
          problems.push(`${subject} (released version ${index + 1}): ${problem}`);
        }
      });
    }
    // Listed in full: each names the subject and the field.
    expect(problems).toEqual([]);
  });

  it('are read from the .avsc files only (the baseline is not a schema)', () => {
    expect(readSchemaFiles().every((file) => file.path.endsWith('.avsc'))).toBe(true);
  });
});

describe('backwardIncompatibilities', () => {
  const metadata: Schema = {
    type: 'record',
    name: 'Metadata',
    namespace: 'test',
    fields: [
      {
        name: 'classification',
        type: { type: 'enum', name: 'Classification', symbols: ['OFFICIAL', 'OFFICIAL_SENSITIVE'] },
      },
      { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ],
  };

  /** An event schema: metadata plus `fields`. */
  function event(fields: unknown[], meta: Schema = metadata): Type {
    return Type.forSchema(
      {
        type: 'record',
        name: 'Event',
        namespace: 'test',
        fields: [{ name: 'metadata', type: meta }, ...fields],
      } as Schema,
      { logicalTypes: hubLogicalTypes },
    );
  }

  const released = event([
    { name: 'nominalId', type: 'string' },
    { name: 'count', type: 'int' },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'person',
      type: {
        type: 'record',
        name: 'Person',
        fields: [{ name: 'dateOfBirth', type: 'string' }],
      },
    },
  ]);

  it('accepts an identical schema', () => {
    expect(backwardIncompatibilities(released, released)).toEqual([]);
  });

  it('accepts a new field with a default, and a removed field', () => {
    const current = event([
      { name: 'nominalId', type: 'string' },
      { name: 'count', type: 'int' },
      {
        name: 'person',
        type: {
          type: 'record',
          name: 'Person',
          fields: [
            { name: 'dateOfBirth', type: 'string' },
            { name: 'aliases', type: { type: 'array', items: 'string' }, default: [] },
          ],
        },
      },
      { name: 'added', type: ['null', 'string'], default: null },
    ]);
    expect(backwardIncompatibilities(current, released)).toEqual([]);
  });

  it('reports a new field without a default, naming it', () => {
    const current = event([
      { name: 'nominalId', type: 'string' },
      { name: 'count', type: 'int' },
      { name: 'note', type: ['null', 'string'], default: null },
      {
        name: 'person',
        type: {
          type: 'record',
          name: 'Person',
          fields: [
            { name: 'dateOfBirth', type: 'string' },
            { name: 'gender', type: 'string' },
          ],
        },
      },
    ]);
    expect(backwardIncompatibilities(current, released)).toEqual([
      'field person.gender: new field has no default',
    ]);
  });

  it('reports a removed enum symbol with its nested path', () => {
    const narrower: Schema = {
      type: 'record',
      name: 'Metadata',
      namespace: 'test',
      fields: [
        {
          name: 'classification',
          type: { type: 'enum', name: 'Classification', symbols: ['OFFICIAL'] },
        },
        { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    };
    const fields = [
      { name: 'nominalId', type: 'string' },
      { name: 'count', type: 'int' },
    ];
    expect(backwardIncompatibilities(event(fields, narrower), event(fields))).toEqual([
      'field metadata.classification: enum symbol OFFICIAL_SENSITIVE was removed',
    ]);
  });

  it('accepts a removed enum symbol when the reader has a default symbol', () => {
    const withDefault: Schema = {
      type: 'record',
      name: 'Metadata',
      namespace: 'test',
      fields: [
        {
          name: 'classification',
          type: {
            type: 'enum',
            name: 'Classification',
            symbols: ['OFFICIAL', 'UNKNOWN'],
            default: 'UNKNOWN',
          },
        },
        { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    };
    expect(backwardIncompatibilities(event([], withDefault), event([]))).toEqual([]);
  });

  it('reports string changed to int with the nested field path', () => {
    const current = event([
      { name: 'nominalId', type: 'string' },
      { name: 'count', type: 'int' },
      {
        name: 'person',
        type: { type: 'record', name: 'Person', fields: [{ name: 'dateOfBirth', type: 'int' }] },
      },
    ]);
    expect(backwardIncompatibilities(current, released)).toEqual([
      'field person.dateOfBirth: type changed from string to int',
    ]);
  });

  it('accepts the promotions int to long, float and double, and string to bytes', () => {
    for (const promoted of ['long', 'float', 'double']) {
      const current = event([
        { name: 'nominalId', type: 'bytes' },
        { name: 'count', type: promoted },
      ]);
      expect(backwardIncompatibilities(current, released)).toEqual([]);
    }
  });

  it('reports a narrowing long to int', () => {
    const wide = event([{ name: 'count', type: 'long' }]);
    const narrow = event([{ name: 'count', type: 'int' }]);
    expect(backwardIncompatibilities(narrow, wide)).toEqual([
      'field count: type changed from long to int',
    ]);
  });

  it('compares logical types by what they are written as', () => {
    const asLong = event([{ name: 'at', type: 'long' }]);
    const asTimestamp = event([
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ]);
    const asDate = event([{ name: 'at', type: { type: 'int', logicalType: 'date' } }]);
    expect(backwardIncompatibilities(asTimestamp, asLong)).toEqual([]);
    expect(backwardIncompatibilities(asDate, asTimestamp)).toEqual([
      'field at: type changed from long (timestamp-millis) to int (date)',
    ]);
  });

  it("has avsc's resolver, with the hub's logical types, as the last word", () => {
    // int to long is a promotion, but the hub's timestamp-millis reads only longs.
    const asInt = event([{ name: 'at', type: 'int' }]);
    const asTimestamp = event([
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ]);
    const problems = backwardIncompatibilities(asTimestamp, asInt);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^avsc cannot read data of the released schema with the current one: /,
    );
  });

  it('accepts a union gaining a branch, and a plain type becoming a union holding it', () => {
    const current = event([
      { name: 'nominalId', type: ['string', 'null'] },
      { name: 'count', type: 'int' },
      { name: 'note', type: ['null', 'string', 'int'], default: null },
    ]);
    expect(backwardIncompatibilities(current, released)).toEqual([]);
  });

  it('reports a removed union branch that old data may hold', () => {
    const current = event([
      { name: 'nominalId', type: 'string' },
      { name: 'count', type: 'int' },
      { name: 'note', type: ['null', 'int'], default: null },
    ]);
    expect(backwardIncompatibilities(current, released)).toEqual([
      'field note: union branch string was removed (now union [null, int])',
    ]);
  });

  it('reports a union narrowed to one of its branches', () => {
    const current = event([{ name: 'note', type: 'string' }]);
    expect(backwardIncompatibilities(current, released)).toEqual([
      'field note: type changed from union [null, string] to string',
    ]);
  });

  it('looks into arrays, maps and records inside unions', () => {
    const item = (fields: unknown[]): Schema =>
      ({ type: 'record', name: 'Item', fields }) as Schema;
    const old = event([
      { name: 'items', type: { type: 'array', items: item([{ name: 'code', type: 'string' }]) } },
      { name: 'tags', type: { type: 'map', values: 'string' } },
      { name: 'maybe', type: ['null', 'test.Item'], default: null },
    ]);
    const current = Type.forSchema({
      type: 'record',
      name: 'Event',
      namespace: 'test',
      fields: [
        { name: 'metadata', type: metadata },
        {
          name: 'items',
          type: {
            type: 'array',
            items: item([
              { name: 'code', type: 'string' },
              { name: 'weight', type: 'int' },
            ]),
          },
        },
        { name: 'tags', type: { type: 'map', values: 'boolean' } },
        { name: 'maybe', type: ['null', 'test.Item'], default: null },
      ],
    });
    expect(backwardIncompatibilities(current, old)).toEqual([
      'field items[].weight: new field has no default',
      'field tags{}: type changed from string to boolean',
      'field maybe.weight: new field has no default',
    ]);
  });

  it('reports a renamed record, unless the old name is an alias', () => {
    const old = Type.forSchema({ type: 'record', name: 'test.Old', fields: [] });
    expect(
      backwardIncompatibilities(
        Type.forSchema({ type: 'record', name: 'test.New', fields: [] }),
        old,
      ),
    ).toEqual([
      'the record: record name changed from test.Old to test.New (add the old name to its aliases if it is the same type)',
    ]);
    const aliased = Type.forSchema({
      type: 'record',
      name: 'test.New',
      aliases: ['test.Old'],
      fields: [],
    });
    expect(backwardIncompatibilities(aliased, old)).toEqual([]);
  });

  it('ends on recursive schemas', () => {
    const tree: Schema = {
      type: 'record',
      name: 'test.Tree',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'children', type: { type: 'array', items: 'test.Tree' } },
      ],
    };
    expect(backwardIncompatibilities(Type.forSchema(tree), Type.forSchema(tree))).toEqual([]);
  });
});
