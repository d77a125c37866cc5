import { Type } from 'avsc';
import { hubLogicalTypes } from './logical-types';

const dateSchema = { type: 'int', logicalType: 'date' } as const;
const dateType = Type.forSchema(dateSchema, { logicalTypes: hubLogicalTypes });
const plainInt = Type.forSchema('int');

const release = Type.forSchema(
  {
    type: 'record',
    name: 'Release',
    fields: [
      { name: 'releasedOn', type: dateSchema },
      { name: 'reviewOn', type: ['null', dateSchema], default: null },
    ],
  },
  { logicalTypes: hubLogicalTypes },
);

describe('date logical type', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2026-11-27', 20_784],
    ['0000-01-01', -719_528],
    ['9999-12-31', 2_932_896],
  ])('writes %s as %i days since the epoch and reads it back', (date, days) => {
    const buffer = dateType.toBuffer(date);
    expect(plainInt.fromBuffer(buffer)).toBe(days);
    expect(dateType.fromBuffer(buffer)).toBe(date);
  });

  it('round-trips dates inside a record, null included', () => {
    const value = { releasedOn: '2031-03-04', reviewOn: '2031-09-04' };
    expect(release.fromBuffer(release.toBuffer(value))).toEqual(value);
    const withoutReview = { releasedOn: '2031-03-04', reviewOn: null };
    expect(release.fromBuffer(release.toBuffer(withoutReview))).toEqual(withoutReview);
  });

  it.each([
    ['an impossible day', '2020-02-30'],
    ['29 February outside a leap year', '2019-02-29'],
    ['a thirteenth month', '2020-13-01'],
    ['day zero', '2020-01-00'],
    ['a date-time', '2020-01-01T00:00:00Z'],
    ['a date without leading zeros', '2020-1-1'],
    ['a day-first date', '01/02/2020'],
    ['an empty string', ''],
    ['a number of days', 18_000],
    ['a Date', new Date('2020-01-01T00:00:00Z')],
    ['null', null],
  ])('rejects %s', (_, value) => {
    expect(dateType.isValid(value)).toBe(false);
    expect(() => dateType.toBuffer(value)).toThrow();
  });

  it('reports an invalid date by its field path', () => {
    const paths: string[] = [];
    const valid = release.isValid(
      { releasedOn: '2031-02-31', reviewOn: null },
      { errorHook: (path: string[]) => paths.push(path.join('.')) },
    );
    expect(valid).toBe(false);
    expect(paths).toEqual(['releasedOn']);
  });

  it('refuses to decode a day that a YYYY-MM-DD string cannot hold', () => {
    expect(() => {
      dateType.fromBuffer(plainInt.toBuffer(2_932_897));
    }).toThrow(RangeError);
    expect(() => {
      dateType.fromBuffer(plainInt.toBuffer(-719_529));
    }).toThrow(RangeError);
  });

  it('reads data written as a plain int or as a date', () => {
    const fromInt = dateType.createResolver(plainInt);
    expect(dateType.fromBuffer(plainInt.toBuffer(20_784), fromInt)).toBe('2026-11-27');
    const fromDate = dateType.createResolver(
      Type.forSchema(dateSchema, { logicalTypes: hubLogicalTypes }),
    );
    expect(dateType.fromBuffer(dateType.toBuffer('2026-11-27'), fromDate)).toBe('2026-11-27');
  });

  it('does not read data written as a string or a long', () => {
    expect(() => dateType.createResolver(Type.forSchema('string'))).toThrow();
    expect(() => dateType.createResolver(Type.forSchema('long'))).toThrow();
  });

  it('keeps its logical type in the schema registered with the registry', () => {
    expect(dateType.schema({ exportAttrs: true })).toEqual(dateSchema);
  });
});
