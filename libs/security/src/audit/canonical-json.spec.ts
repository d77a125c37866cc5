import { canonicalJson, NotCanonicalError } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth by code unit and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, B: 2 })).toBe(
      '{"B":2,"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever order the properties were set in', () => {
    const one = { action: 'record.read', sequence: 7, roles: ['auditor'] };
    const other = { roles: ['auditor'], sequence: 7, action: 'record.read' };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('writes dates as ISO-8601 UTC strings with milliseconds', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 11, 1, 15, 4, 5, 6)) })).toBe(
      '{"at":"2026-12-01T15:04:05.006Z"}',
    );
  });

  it('leaves out undefined properties but keeps nulls', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('escapes strings as JSON does, keeping non-ASCII characters as they are', () => {
    expect(canonicalJson({ name: 'Zoë "Q"\n\u0001' })).toBe('{"name":"Zoë \\"Q\\"\\n\\u0001"}');
  });

  it('keeps arrays in their order', () => {
    expect(canonicalJson(['NOM-2', 'NOM-1'])).toBe('["NOM-2","NOM-1"]');
  });

  it.each([
    ['NaN', { n: Number.NaN }, '$.n'],
    ['an infinity', { n: Number.POSITIVE_INFINITY }, '$.n'],
    ['an invalid date', { at: new Date('not a date') }, '$.at'],
    ['an undefined array item', { ids: [undefined] }, '$.ids[0]'],
    ['a class instance', { map: new Map() }, '$.map'],
  ])('refuses %s, naming where it is', (_, value, path) => {
    const write = () => canonicalJson(value as never);
    expect(write).toThrow(NotCanonicalError);
    expect(write).toThrow(path);
  });
});
