/** A value canonical JSON can write: JSON's values and dates; `undefined` properties are left out. */
export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | Date
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

export class NotCanonicalError extends Error {
  constructor(path: string, problem: string) {
    super(`cannot write ${path} as canonical JSON: ${problem}`);
    this.name = 'NotCanonicalError';
  }
}

/** Code-unit order, as JavaScript compares strings: the same on every platform and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one way an audit entry is written before it is hashed, so that any reader of the same
 * entry (the verifier, an auditor's tool reading the topic) gets the same bytes:
 * - objects: keys sorted by UTF-16 code units, properties whose value is `undefined` left out;
 * - no whitespace anywhere;
 * - strings, finite numbers, booleans and null as `JSON.stringify` writes them;
 * - dates as ISO-8601 strings in UTC with milliseconds (`Date.prototype.toISOString`);
 * - arrays in their order (an `undefined` item is an error, not a silent null).
 * NaN, infinities, invalid dates and any other type (bigint, function, symbol, class instance
 * other than Date) are refused, since JSON would write them lossily or not at all.
 */
export function canonicalJson(value: CanonicalValue, path = '$'): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new NotCanonicalError(path, 'an invalid date');
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalError(path, `the number ${value}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new NotCanonicalError(path, `a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    const items = (value as readonly (CanonicalValue | undefined)[]).map((item, index) => {
      if (item === undefined) throw new NotCanonicalError(`${path}[${index}]`, 'undefined');
      return canonicalJson(item, `${path}[${index}]`);
    });
    return `[${items.join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new NotCanonicalError(path, 'an object that is not a plain object');
  }
  const record = value as { readonly [key: string]: CanonicalValue | undefined };
  const members = Object.keys(record)
    .sort(byCodeUnits)
    .flatMap((key) => {
      const member = record[key];
      return member === undefined
        ? []
        : [`${JSON.stringify(key)}:${canonicalJson(member, `${path}.${key}`)}`];
    });
  return `{${members.join(',')}}`;
}
