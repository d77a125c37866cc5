import { types, type Type } from 'avsc';

/** One reason a JSON document does not fit a schema, with the dotted path of the offending field. */
export interface SchemaViolation {
  field: string;
  problem: string;
}

export type JsonToAvroResult<T> =
  { ok: true; value: T } | { ok: false; violations: SchemaViolation[] };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Converts a plain JSON document (as an agency system sends it) into the value avsc encodes for
 * `type`: date-times become Dates, calendar dates stay 'YYYY-MM-DD' strings, absent fields take
 * their schema default, nullable unions accept the bare value. Every problem is reported, each with
 * its field path; unknown fields are refused so that a misspelt optional field is not silently
 * dropped.
 */
export function jsonToAvro<T>(type: Type, json: unknown): JsonToAvroResult<T> {
  const violations: SchemaViolation[] = [];

  const convert = (type: Type, value: unknown, path: string): unknown => {
    const fail = (problem: string): undefined => {
      violations.push({ field: path || '(document)', problem });
      return undefined;
    };

    if (type instanceof types.RecordType) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return fail(`must be an object, got ${describe(value)}`);
      }
      const input = value as Record<string, unknown>;
      const known = new Set(type.fields.map((field) => field.name));
      for (const key of Object.keys(input)) {
        if (!known.has(key))
          violations.push({ field: join(path, key), problem: 'is not a field of the schema' });
      }
      const output: Record<string, unknown> = {};
      for (const field of type.fields) {
        const fieldPath = join(path, field.name);
        if (input[field.name] === undefined) {
          const fallback: unknown = field.defaultValue();
          if (fallback === undefined) {
            violations.push({ field: fieldPath, problem: 'is required' });
          } else {
            output[field.name] = fallback;
          }
          continue;
        }
        output[field.name] = convert(field.type, input[field.name], fieldPath);
      }
      return output;
    }

    if (type instanceof types.UnwrappedUnionType) {
      const nullable = type.types.some((branch) => branch.typeName === 'null');
      if (value === null) return nullable ? null : fail('must not be null');
      const others = type.types.filter((branch) => branch.typeName !== 'null');
      if (others.length === 1 && others[0]) return convert(others[0], value, path);
      // A union of several non-null branches: the first branch the value fits.
      for (const branch of others) {
        const attempt = jsonToAvro(branch, value);
        if (attempt.ok) return attempt.value;
      }
      return fail(
        `fits none of ${others.map((branch) => branch.name ?? branch.typeName).join(', ')}`,
      );
    }

    if (type instanceof types.EnumType) {
      if (typeof value === 'string' && type.symbols.includes(value)) return value;
      return fail(`must be one of ${type.symbols.join(', ')}, got ${describe(value)}`);
    }

    if (type instanceof types.ArrayType) {
      if (!Array.isArray(value)) return fail(`must be an array, got ${describe(value)}`);
      return value.map((item, index) => convert(type.itemsType, item, join(path, index)));
    }

    if (type instanceof types.MapType) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return fail(`must be an object, got ${describe(value)}`);
      }
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          convert(type.valuesType as Type, item, join(path, key)),
        ]),
      );
    }

    switch (type.typeName) {
      case 'logical:timestamp-millis': {
        if (typeof value !== 'string' || !isoDateTime.test(value)) {
          return fail(`must be an ISO-8601 date-time with a time zone, got ${describe(value)}`);
        }
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? fail(`is not a real date-time: ${value}`) : date;
      }
      case 'logical:date':
        if (typeof value !== 'string' || !isoDate.test(value)) {
          return fail(`must be an ISO-8601 calendar date YYYY-MM-DD, got ${describe(value)}`);
        }
        return type.isValid(value) ? value : fail(`is not a real date: ${value}`);
      case 'logical:uuid':
        return typeof value === 'string' && type.isValid(value)
          ? value
          : fail(`must be a UUID, got ${describe(value)}`);
      case 'string':
        return typeof value === 'string' ? value : fail(`must be a string, got ${describe(value)}`);
      case 'boolean':
        return typeof value === 'boolean'
          ? value
          : fail(`must be true or false, got ${describe(value)}`);
      case 'int':
      case 'long':
        return Number.isSafeInteger(value) && type.isValid(value)
          ? value
          : fail(`must be an integer in range, got ${describe(value)}`);
      case 'float':
      case 'double':
        return typeof value === 'number' && Number.isFinite(value)
          ? value
          : fail(`must be a number, got ${describe(value)}`);
      case 'null':
        return value === null ? null : fail(`must be null, got ${describe(value)}`);
      default:
        return fail(`has Avro type ${type.typeName}, which JSON input does not support`);
    }
  };

  const value = convert(type, json, '');
  if (violations.length > 0) return { ok: false, violations };
  // The conversion mirrors the schema; a final check catches what it does not model (e.g. fixed sizes).
  const invalidPaths: string[] = [];
  type.isValid(value, { errorHook: (path: string[]) => invalidPaths.push(path.join('.')) });
  if (invalidPaths.length > 0) {
    return {
      ok: false,
      violations: invalidPaths.map((field) => ({ field, problem: 'does not match the schema' })),
    };
  }
  return { ok: true, value: value as T };
}
