import { types, type Schema } from 'avsc';

/**
 * The logical types of the hub's schemas. avsc leaves logical types to the application; every
 * reader and writer must use these so that values round-trip identically.
 *
 * `timestamp-millis` as a JavaScript Date.
 */
export class TimestampMillisType extends types.LogicalType {
  protected override _fromValue(value: number): Date {
    return new Date(value);
  }

  protected override _toValue(value: unknown): number | undefined {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
    return undefined;
  }

  protected override _resolve(
    type: types.LogicalType | Schema,
  ): ((value: number) => number) | undefined {
    const typeName = (type as { typeName?: string }).typeName;
    if (typeName === 'long' || typeName === 'logical:timestamp-millis') return (value) => value;
    return undefined;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `uuid` as a string that must look like one: event ids are idempotency keys, not free text. */
export class UuidType extends types.LogicalType {
  protected override _fromValue(value: string): string {
    return value;
  }

  protected override _toValue(value: unknown): string | undefined {
    return typeof value === 'string' && uuidPattern.test(value) ? value : undefined;
  }

  protected override _resolve(
    type: types.LogicalType | Schema,
  ): ((value: string) => string) | undefined {
    const typeName = (type as { typeName?: string }).typeName;
    if (typeName === 'string' || typeName === 'logical:uuid') return (value) => value;
    return undefined;
  }
}

const millisPerDay = 24 * 60 * 60 * 1000;
const calendarDatePattern = /^\d{4}-\d{2}-\d{2}$/;
/** Days since 1970-01-01 of 0000-01-01 and 9999-12-31, the years that 'YYYY-MM-DD' can hold. */
const firstDay = -719_528;
const lastDay = 2_932_896;

/** Days since 1970-01-01 of an ISO calendar date 'YYYY-MM-DD', or undefined if it is no real date. */
function daysOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !calendarDatePattern.test(value)) return undefined;
  const millis = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(millis)) return undefined;
  // Date.parse rolls impossible days over (2020-02-30 becomes 2020-03-01): the date must survive.
  if (new Date(millis).toISOString().slice(0, 10) !== value) return undefined;
  return millis / millisPerDay;
}

/**
 * `date` (an int of days since 1970-01-01) as an ISO calendar date string 'YYYY-MM-DD', with no
 * time or time zone: a date of birth or a release date is the same day wherever it is read.
 * Only real dates are accepted ('2020-02-30' is not); decoding a day outside years 0000-9999,
 * which the string cannot hold, fails rather than produce a value that could not be written back.
 */
export class DateType extends types.LogicalType {
  protected override _fromValue(value: number): string {
    if (!Number.isInteger(value) || value < firstDay || value > lastDay) {
      throw new RangeError(`date ${value} (days since 1970-01-01) is outside years 0000-9999`);
    }
    return new Date(value * millisPerDay).toISOString().slice(0, 10);
  }

  protected override _toValue(value: unknown): number | undefined {
    return daysOf(value);
  }

  protected override _resolve(
    type: types.LogicalType | Schema,
  ): ((value: number | string) => string) | undefined {
    const typeName = (type as { typeName?: string }).typeName;
    // A plain int writer hands over days; a date writer has already turned them into a string.
    if (typeName === 'int') return (value) => this._fromValue(value as number);
    if (typeName === 'logical:date') return (value) => value as string;
    return undefined;
  }
}

export const hubLogicalTypes = {
  'timestamp-millis': TimestampMillisType,
  uuid: UuidType,
  date: DateType,
};
