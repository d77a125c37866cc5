import { Type } from 'avsc';
import { jsonToAvro } from './json-to-avro';
import { hubLogicalTypes } from './logical-types';

const sighting = Type.forSchema(
  {
    type: 'record',
    name: 'Sighting',
    fields: [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'seenAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'place', type: 'string' },
      { name: 'confidence', type: { type: 'enum', name: 'Confidence', symbols: ['LOW', 'HIGH'] } },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
      { name: 'count', type: 'int', default: 1 },
      { name: 'reviewOn', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
    ],
  },
  { logicalTypes: hubLogicalTypes },
);

const valid = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  seenAt: '2026-11-27T09:30:00Z',
  place: 'Synthetic Street',
  confidence: 'HIGH',
};

describe('jsonToAvro', () => {
  it('turns date-times into Dates and fills absent fields with their defaults', () => {
    const result = jsonToAvro<Record<string, unknown>>(sighting, valid);
    expect(result).toEqual({
      ok: true,
      value: {
        ...valid,
        seenAt: new Date('2026-11-27T09:30:00Z'),
        note: null,
        tags: [],
        count: 1,
        reviewOn: null,
      },
    });
    if (result.ok) expect(sighting.isValid(result.value)).toBe(true);
  });

  it('accepts the bare value of a nullable union', () => {
    const result = jsonToAvro<{ note: string | null }>(sighting, { ...valid, note: 'seen twice' });
    expect(result.ok && result.value.note).toBe('seen twice');
  });

  it('reports every problem with the path of its field', () => {
    const result = jsonToAvro(sighting, {
      id: 'not-a-uuid',
      seenAt: 'last Tuesday',
      confidence: 'MEDIUM',
      tags: ['ok', 7],
      count: 1.5,
      colour: 'red',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toEqual(
      expect.arrayContaining([
        { field: 'colour', problem: 'is not a field of the schema' },
        { field: 'id', problem: 'must be a UUID, got string "not-a-uuid"' },
        expect.objectContaining({ field: 'seenAt' }),
        { field: 'place', problem: 'is required' },
        { field: 'confidence', problem: 'must be one of LOW, HIGH, got string "MEDIUM"' },
        expect.objectContaining({ field: 'tags[1]' }),
        expect.objectContaining({ field: 'count' }),
      ]),
    );
    expect(result.violations).toHaveLength(7);
  });

  it('refuses a date-time without a time zone, whose instant would depend on the server', () => {
    const result = jsonToAvro(sighting, { ...valid, seenAt: '2026-11-27T09:30:00' });
    expect(result.ok).toBe(false);
  });

  it('keeps a calendar date as its YYYY-MM-DD string, which encodes as a date', () => {
    const result = jsonToAvro<{ reviewOn: string | null }>(sighting, {
      ...valid,
      reviewOn: '2027-02-28',
    });
    expect(result.ok && result.value.reviewOn).toBe('2027-02-28');
    if (result.ok) {
      expect(sighting.fromBuffer(sighting.toBuffer(result.value))).toEqual(result.value);
    }
  });

  it.each([
    ['an impossible day', '2027-02-29', 'is not a real date: 2027-02-29'],
    [
      'a date-time',
      '2027-02-28T00:00:00Z',
      'must be an ISO-8601 calendar date YYYY-MM-DD, got string "2027-02-28T00:00:00Z"',
    ],
    [
      'a day-first date',
      '28/02/2027',
      'must be an ISO-8601 calendar date YYYY-MM-DD, got string "28/02/2027"',
    ],
    ['a number of days', 20_877, 'must be an ISO-8601 calendar date YYYY-MM-DD, got number 20877'],
  ])('refuses %s as a calendar date', (_, reviewOn, problem) => {
    expect(jsonToAvro(sighting, { ...valid, reviewOn })).toEqual({
      ok: false,
      violations: [{ field: 'reviewOn', problem }],
    });
  });

  it('refuses a document that is not an object', () => {
    expect(jsonToAvro(sighting, [valid])).toEqual({
      ok: false,
      violations: [{ field: '(document)', problem: 'must be an object, got an array' }],
    });
  });
});
