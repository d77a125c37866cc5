import type { Collection, Filter } from 'mongodb';
import type { AuditEntry } from '@hub/security';
import { entryOf, type AuditEntryDocument } from '@hub/persistence';

export const defaultAuditPageSize = 100;
export const maxAuditPageSize = 1_000;

/** What an auditor asks the trail; every filter given must hold. */
export interface AuditFilters {
  nominalId?: string;
  /** Only the accesses by break glass (true), for their review, or none of them (false). */
  breakGlass?: boolean;
  username?: string;
  subject?: string;
  organisationId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  until?: Date;
}

export interface AuditPageRequest {
  limit: number;
  /** Entries before this sequence: the `next` of the page before. */
  before?: number;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** The cursor of the next (older) page; null on the last. */
  next: number | null;
}

/**
 * The auditors' questions of the trail: who saw a record, what a user saw, what an organisation
 * did, in a period. Each filter is served by an index of its field (infrastructure/
 * database-indexes.ts); newest first, paged by sequence so that entries appended meanwhile never
 * shift a page.
 */
export class AuditQueries {
  constructor(private readonly entries: Collection<AuditEntryDocument>) {}

  async find(filters: AuditFilters, page: AuditPageRequest): Promise<AuditPage> {
    const query: Filter<AuditEntryDocument> = {};
    if (filters.nominalId !== undefined) query.nominalIds = filters.nominalId;
    if (filters.username !== undefined) query.username = filters.username;
    if (filters.breakGlass !== undefined) query.breakGlass = filters.breakGlass;
    if (filters.subject !== undefined) query.subject = filters.subject;
    if (filters.organisationId !== undefined) query.organisationId = filters.organisationId;
    if (filters.from !== undefined || filters.until !== undefined) {
      query.at = {
        ...(filters.from !== undefined ? { $gte: filters.from } : {}),
        ...(filters.until !== undefined ? { $lt: filters.until } : {}),
      };
    }
    if (page.before !== undefined) query._id = { $lt: page.before };
    // One more than asked for says whether there is a next page.
    const found = await this.entries
      .find(query)
      .sort({ _id: -1 })
      .limit(page.limit + 1)
      .toArray();
    const entries = found.slice(0, page.limit).map(entryOf);
    const last = entries[entries.length - 1];
    return { entries, next: found.length > page.limit && last ? last.sequence : null };
  }
}
