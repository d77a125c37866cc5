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

export const hubLogicalTypes = { 'timestamp-millis': TimestampMillisType, uuid: UuidType };
