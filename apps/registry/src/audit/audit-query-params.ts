import { z } from 'zod';
import {
  dayOrInstant,
  periodIsOrdered,
  parseQuery,
  periodOf,
  wholeNumber,
  type Parsed,
} from '../nominals/nominal-query-params';
import {
  defaultAuditPageSize,
  maxAuditPageSize,
  type AuditFilters,
  type AuditPageRequest,
} from './audit-queries';

const text = z.string().trim().min(1, { error: 'must not be empty' }).max(200);

const auditQuery = z
  .strictObject({
    nominalId: text.optional(),
    username: text.optional(),
    subject: text.optional(),
    organisation: text.optional(),
    breakGlass: z.enum(['true', 'false']).optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    limit: wholeNumber(1, maxAuditPageSize).default(defaultAuditPageSize),
    cursor: wholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
  })
  .transform(periodOf)
  .refine(periodIsOrdered, { error: 'must not be before from', path: ['to'] });

export const auditQueryParameters = [
  'nominalId',
  'username',
  'subject',
  'organisation',
  'breakGlass',
  'from',
  'to',
  'limit',
  'cursor',
] as const;

/** The filters and page of `GET /v1/audit/entries`, or what is wrong with the query. */
export function parseAuditQuery(
  query: Record<string, unknown>,
): Parsed<{ filters: AuditFilters; page: AuditPageRequest }> {
  return parseQuery(
    auditQuery,
    auditQueryParameters,
    query,
    ({ nominalId, username, subject, organisation, breakGlass, from, until, limit, cursor }) => ({
      filters: {
        nominalId,
        username,
        subject,
        organisationId: organisation,
        breakGlass: breakGlass === undefined ? undefined : breakGlass === 'true',
        from,
        until,
      },
      page: { limit, before: cursor },
    }),
  );
}
