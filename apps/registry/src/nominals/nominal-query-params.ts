import { z } from 'zod';
import {
  AgencySymbols,
  JurisdictionSymbols,
  MappaCategorySymbols,
  MappaLevelSymbols,
  NominalStatusSymbols,
} from '@hub/contracts';
import { maxNameQueryParts } from '../search/name-keys';
import { normaliseNamePart } from '../search/name-matching';
import { normaliseIdentifier } from '../search/search-keys';
import {
  defaultPageSize,
  maxPageSize,
  type PageRequest,
  type SearchCriteria,
  type TimelineFilters,
} from './nominal-queries';

/** One bad query parameter and what is wrong with it. */
export interface Violation {
  field: string;
  problem: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; violations: Violation[] };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day: the pattern alone lets 2001-02-30 through. */
function isCalendarDate(text: string): boolean {
  const parts = datePattern.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const calendarDate = z
  .string()
  .refine(isCalendarDate, { error: 'must be a real date written YYYY-MM-DD, e.g. 1980-04-23' });

/**
 * A day (YYYY-MM-DD, meaning the whole day) or an instant with its time zone: without one a time
 * would be read in the server's zone, which nobody calling the API knows.
 */
export const dayOrInstant = z
  .string()
  .refine(
    (text) =>
      isCalendarDate(text) ||
      (dateTimePattern.test(text) &&
        isCalendarDate(text.slice(0, 10)) &&
        !Number.isNaN(Date.parse(text))),
    {
      error:
        'must be a date (YYYY-MM-DD) or a date-time with a time zone (e.g. 2024-05-01T09:30:00Z)',
    },
  );

const dayMs = 86_400_000;

/** The exclusive end of a `dayOrInstant`: a day means all of it, an instant is inclusive. */
export function exclusiveEndOf(to: string): Date {
  return new Date(Date.parse(to) + (isCalendarDate(to) ? dayMs : 1));
}

/** Parsing an enum value case-insensitively, as people type "active" as often as "ACTIVE". */
function symbol<const T extends readonly [string, ...string[]]>(
  symbols: T,
  aliases: (text: string) => string = (text) => text,
) {
  return z
    .string()
    .transform((text) => aliases(text.trim().toUpperCase()))
    .pipe(z.enum(symbols, { error: `must be one of ${symbols.join(', ')}` }));
}

/** Comma-separated values, each checked by `item`. */
function list<T>(item: z.ZodType<T, string>) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).min(1, { error: 'must list at least one value' }));
}

export function wholeNumber(min: number, max: number) {
  const range = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { error: range })
    .transform(Number)
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }));
}

const paging = {
  page: wholeNumber(1, 1_000_000).default(1),
  pageSize: wholeNumber(1, maxPageSize).default(defaultPageSize),
};

/** The search criteria the API takes, each optional (at least one is given). */
export const searchCriteriaNames = [
  'name',
  'dateOfBirth',
  'identifier',
  'area',
  'jurisdiction',
  'category',
  'level',
  'status',
] as const;

const searchQuery = z
  .strictObject({
    name: z
      .string()
      .trim()
      .refine((text) => normaliseNamePart(text).length > 0, { error: 'must contain letters' })
      .refine((text) => normaliseNamePart(text).length <= maxNameQueryParts, {
        error: `must have at most ${maxNameQueryParts} parts`,
      })
      .optional(),
    dateOfBirth: calendarDate.optional(),
    identifier: z
      .string()
      .transform(normaliseIdentifier)
      .refine((value) => value.length > 0, { error: 'must not be empty' })
      .optional(),
    area: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
    jurisdiction: symbol(JurisdictionSymbols).optional(),
    // "2" is as clear as CATEGORY_2 to a MAPPA practitioner.
    category: symbol(MappaCategorySymbols, (text) =>
      /^\d$/.test(text) ? `CATEGORY_${text}` : text,
    ).optional(),
    level: symbol(MappaLevelSymbols, (text) =>
      /^\d$/.test(text) ? `LEVEL_${text}` : text,
    ).optional(),
    status: list(symbol(NominalStatusSymbols)).optional(),
    ...paging,
  })
  .refine((query) => searchCriteriaNames.some((name) => query[name] !== undefined), {
    error: `give at least one search criterion: ${searchCriteriaNames.join(', ')}`,
    path: ['criteria'],
  });

const timelineQuery = z
  .strictObject({
    eventType: list(
      z.string().regex(/^[A-Za-z][\w.-]*$/, { error: 'must be event type names' }),
    ).optional(),
    agency: list(symbol(AgencySymbols)).optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    order: symbol(['ASC', 'DESC'] as const).optional(),
    ...paging,
  })
  .transform(periodOf)
  .refine(periodIsOrdered, { error: 'must not be before from', path: ['to'] });

/**
 * A query's `from` and `to` (a day, or a date-time with a zone) as the instants it is bounded by:
 * from inclusive, until exclusive (a day's `to` is all of it).
 */
export function periodOf<T extends { from?: string; to?: string }>({
  from,
  to,
  ...rest
}: T): Omit<T, 'from' | 'to'> & { from?: Date; until?: Date } {
  return {
    ...rest,
    from: from === undefined ? undefined : new Date(from),
    until: to === undefined ? undefined : exclusiveEndOf(to),
  };
}

/** A period's `to` is not before its `from`. */
export function periodIsOrdered(query: { from?: Date; until?: Date }): boolean {
  return !query.from || !query.until || query.from < query.until;
}

/** Query values other than one string: Express makes arrays of repeated parameters (`?a=1&a=2`). */
function repeatedParameters(query: Record<string, unknown>): {
  strings: Record<string, string>;
  violations: Violation[];
} {
  const strings: Record<string, string> = {};
  const violations: Violation[] = [];
  for (const [field, value] of Object.entries(query)) {
    if (typeof value === 'string') strings[field] = value;
    else violations.push({ field, problem: 'must be given once, as a single value' });
  }
  return { strings, violations };
}

function violationsOf(error: z.ZodError, known: readonly string[]): Violation[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((field) => ({
          field,
          problem: `is not a parameter here; the parameters are ${known.join(', ')}`,
        }))
      : [
          {
            field: String(issue.path[0] ?? 'query'),
            // A list item's issue: the parameter is what the caller wrote, not `agency.1`.
            problem: issue.path.length > 1 ? `each value ${issue.message}` : issue.message,
          },
        ],
  );
}

/** Parses a query string's parameters with `schema`, naming every unknown or repeated one. */
export function parseQuery<S extends z.ZodType<unknown, Record<string, string>>, T>(
  schema: S,
  known: readonly string[],
  query: Record<string, unknown>,
  shape: (value: z.output<S>) => T,
): Parsed<T> {
  const { strings, violations } = repeatedParameters(query);
  const result = schema.safeParse(strings);
  if (!result.success) violations.push(...violationsOf(result.error, known));
  if (violations.length > 0 || !result.success) return { ok: false, violations };
  return { ok: true, value: shape(result.data) };
}

const searchParameters = [...searchCriteriaNames, 'page', 'pageSize'] as const;
const timelineParameters = [
  'eventType',
  'agency',
  'from',
  'to',
  'order',
  'page',
  'pageSize',
] as const;

/** The search criteria and page of `GET /v1/nominals`, or what is wrong with the query. */
export function parseSearchQuery(
  query: Record<string, unknown>,
): Parsed<{ criteria: SearchCriteria; page: PageRequest }> {
  return parseQuery(searchQuery, searchParameters, query, ({ page, pageSize, ...criteria }) => ({
    criteria,
    page: { page, pageSize },
  }));
}

/** The filters and page of `GET /v1/nominals/:id/timeline`, or what is wrong with the query. */
export function parseTimelineQuery(
  query: Record<string, unknown>,
): Parsed<{ filters: TimelineFilters; page: PageRequest }> {
  return parseQuery(
    timelineQuery,
    timelineParameters,
    query,
    ({ page, pageSize, eventType, agency, order, from, until }) => ({
      filters: {
        eventTypes: eventType,
        agencies: agency,
        from,
        until,
        order: order === 'ASC' ? 'asc' : 'desc',
      },
      page: { page, pageSize },
    }),
  );
}
