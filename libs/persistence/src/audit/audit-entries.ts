import type { Collection, Db } from 'mongodb';
import { emptyChainHead, type AuditEntry, type ChainHead } from '@hub/security';

/** The collection of the audit trail: entries are inserted, never updated or deleted by code. */
export const auditEntriesCollection = 'audit_entries';

/** A request parameter as stored: names such as `$where` or `a.b` are values, not field paths. */
export interface StoredQueryParameter {
  name: string;
  value: string;
}

/**
 * An entry as stored: keyed by its sequence, so that the unique `_id` index is what makes two
 * writers (two requests, two registry instances) unable to take the same place in the chain. The
 * sequence is kept in the entry as well, since it is hashed: an entry moved to another `_id` is seen.
 * The request's parameters are stored as name-value pairs, since the caller chooses their names.
 */
export interface AuditEntryDocument extends Omit<AuditEntry, 'query'> {
  _id: number;
  query: StoredQueryParameter[] | null;
}

export function auditEntriesOf(db: Db): Collection<AuditEntryDocument> {
  return db.collection<AuditEntryDocument>(auditEntriesCollection);
}

export function documentOf(entry: AuditEntry): AuditEntryDocument {
  const query = entry.query
    ? Object.entries(entry.query).map(([name, value]) => ({ name, value }))
    : null;
  return { _id: entry.sequence, ...entry, query };
}

/** The entry as it was hashed: the stored document without its key and driver additions. */
export function entryOf(document: AuditEntryDocument): AuditEntry {
  return {
    sequence: document.sequence,
    previousHash: document.previousHash,
    hash: document.hash,
    at: document.at,
    subject: document.subject,
    username: document.username,
    organisationId: document.organisationId,
    roles: document.roles,
    clientId: document.clientId,
    action: document.action,
    nominalIds: document.nominalIds,
    reason: document.reason,
    breakGlass: document.breakGlass,
    outcome: document.outcome,
    refusal: document.refusal,
    correlationId: document.correlationId,
    requestId: document.requestId,
    query: document.query
      ? Object.fromEntries(document.query.map(({ name, value }) => [name, value]))
      : null,
  };
}

/** The last entry of the chain, or the empty chain's head. */
export async function readChainHead(entries: Collection<AuditEntryDocument>): Promise<ChainHead> {
  const [last] = await entries
    .find({}, { projection: { _id: 1, hash: 1 } })
    .sort({ _id: -1 })
    .limit(1)
    .toArray();
  return last ? { sequence: last._id, hash: last.hash } : emptyChainHead;
}

/** Every stored entry in `_id` order, `batchSize` per round trip, from after `after`. */
export async function* storedEntries(
  entries: Collection<AuditEntryDocument>,
  batchSize: number,
  after = 0,
): AsyncGenerator<AuditEntryDocument[]> {
  let from = after;
  for (;;) {
    const batch = await entries
      .find({ _id: { $gt: from } })
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    if (batch.length === 0) return;
    yield batch;
    from = batch[batch.length - 1]._id;
  }
}
