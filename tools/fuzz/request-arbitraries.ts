import fc from 'fast-check';
import type { FuzzRoute, HttpMethod } from './api-routes';

/** Whom a fuzzed request comes from: its authorization and related headers. */
export interface FuzzCaller {
  name: string;
  headers: Record<string, string>;
}

/** One generated request, printable as a counterexample. */
export interface FuzzRequest {
  caller: string;
  method: HttpMethod;
  /** Path and query, encoded as sent. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** Raw path and query pieces that parsers trip over; sent as they are, not encoded. */
const nastyRaw = [
  '%',
  '%FF',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  'null',
  'undefined',
  '-1',
  '1e309',
  ' ',
];

const nastyQuery = [
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'a[b][c][d][e][f][g][h]=1',
  'limit=1&limit=2',
  'x[]=1&x[]=2',
  '%=1',
  '=',
  '&&',
];

const nastyStrings = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  'true',
  'null',
  '[]',
  '{}',
  '2024-02-30',
  '1900-01-01',
  '9999-12-31T23:59:59Z',
];

/** Short strings of any Unicode, numbers and the values validators forget. */
const anyText = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer().map(String),
  fc.uuid(),
  fc.constantFrom(...nastyStrings),
);

/** A path segment: encoded text, or one of the raw pieces. */
const pathSegment = fc.oneof(
  { weight: 4, arbitrary: anyText.map((text) => encodeURIComponent(text) || '%20') },
  { weight: 1, arbitrary: fc.constantFrom(...nastyRaw) },
);

function queryOf(route: FuzzRoute): fc.Arbitrary<string> {
  const known = route.queryParameters;
  const key = fc.oneof(
    ...(known.length > 0
      ? [
          { weight: 3, arbitrary: fc.constantFrom(...known) },
          { weight: 1, arbitrary: fc.constantFrom(...known).map((name) => `${name}[]`) },
          { weight: 1, arbitrary: fc.constantFrom(...known).map((name) => `${name}[x]`) },
        ]
      : []),
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const pair = fc
    .tuple(key, anyText)
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value)}`,
    );
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join('&')) },
    { weight: 1, arbitrary: fc.constantFrom(...nastyQuery) },
  );
}

/** JSON values, small: objects with the declared (or guessed) property names are likelier. */
function jsonBodyOf(route: FuzzRoute): fc.Arbitrary<unknown> {
  const names = [...route.bodyProperties, 'dryRun', 'reason', 'limit', 'decision', 'nominalId'];
  const value = fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 4 }) },
  );
}

/** A body as sent: JSON, text that is not JSON, another content type, or none at all. */
interface Payload {
  contentType?: string;
  body?: string;
}

function bodyOf(route: FuzzRoute): fc.Arbitrary<Payload> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: jsonBodyOf(route).map((value) => ({
        contentType: 'application/json',
        body: JSON.stringify(value),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 40 }).map((text) => ({
        contentType: 'application/json',
        body: text,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin-9',
            'multipart/form-data',
          ),
          fc.string({ maxLength: 40 }),
        )
        .map(([contentType, body]) => ({ contentType, body })),
    },
    { weight: 1, arbitrary: fc.constant<Payload>({}) },
  );
}

/** Header values fetch can send: printable ASCII. */
const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });

/** Every request `route` might be sent: any caller, path parameters, query, body and headers. */
export function requestArbitrary(
  route: FuzzRoute,
  callers: FuzzCaller[],
): fc.Arbitrary<FuzzRequest> {
  const segments = fc.tuple(...route.pathParameters.map(() => pathSegment));
  return fc
    .record({
      caller: fc.constantFrom(...callers),
      segments: route.pathParameters.length > 0 ? segments : fc.constant([] as string[]),
      query: fc.option(queryOf(route), { nil: undefined }),
      payload: route.acceptsBody ? bodyOf(route) : fc.constant<Payload>({}),
      reason: fc.option(headerText, { nil: undefined }),
      correlationId: fc.option(headerText, { nil: undefined }),
    })
    .map(({ caller, segments: values, query, payload, reason, correlationId }) => {
      let index = 0;
      const path = route.path.replace(/\{[^}]+\}/g, () => values[index++] ?? '');
      const headers: Record<string, string> = {
        ...caller.headers,
        ...(reason !== undefined && { 'x-access-reason': reason }),
        ...(correlationId !== undefined && { 'x-correlation-id': correlationId }),
        ...(payload.contentType !== undefined && { 'content-type': payload.contentType }),
      };
      return {
        caller: caller.name,
        method: route.method,
        target: query === undefined ? path : `${path}?${query}`,
        headers,
        ...(payload.body !== undefined && { body: payload.body }),
      };
    });
}
