import { registryEventMetadata } from '../changes/registry-event-metadata';
import type { AccessAudited } from '@hub/contracts';
import { namedUuid } from '@hub/messaging';
import { isAuditAction, type AuditEntry } from '@hub/security';

export const auditTopic = 'registry.access.audited.v1';

/**
 * The event of a stored entry: the entry field for field, so that a reader of the topic can hash it
 * again. Its event id derives from the entry's hash, so an entry published twice (a catch-up after
 * a crash, two instances catching up at once) keeps its idempotency key.
 */
export function accessAuditedOf(entry: AuditEntry): AccessAudited {
  return {
    metadata: registryEventMetadata({
      eventId: namedUuid(`${auditTopic}/${entry.hash}`),
      occurredAt: entry.at,
      actingUser: entry.username,
      correlationId: entry.correlationId ?? entry.hash,
    }),
    sequence: entry.sequence,
    previousHash: entry.previousHash,
    hash: entry.hash,
    at: entry.at,
    subject: entry.subject,
    username: entry.username,
    organisationId: entry.organisationId,
    roles: [...entry.roles],
    clientId: entry.clientId,
    action: entry.action,
    nominalIds: [...entry.nominalIds],
    reason: entry.reason,
    breakGlass: entry.breakGlass,
    outcome: entry.outcome,
    refusal: entry.refusal,
    correlationId: entry.correlationId,
    requestId: entry.requestId,
    query: entry.query ? { ...entry.query } : null,
  };
}

/** The entry an event carries, as hashed: what a reader of the topic verifies the chain with. */
export function entryOfAccessAudited(event: AccessAudited): AuditEntry {
  if (!isAuditAction(event.action)) {
    throw new UnknownAuditActionError(event.sequence, event.action);
  }
  return {
    sequence: event.sequence,
    previousHash: event.previousHash,
    hash: event.hash,
    at: event.at,
    subject: event.subject,
    username: event.username,
    organisationId: event.organisationId,
    roles: event.roles,
    clientId: event.clientId,
    action: event.action,
    nominalIds: event.nominalIds,
    reason: event.reason,
    breakGlass: event.breakGlass,
    outcome: event.outcome,
    refusal: event.refusal,
    correlationId: event.correlationId,
    requestId: event.requestId,
    query: event.query,
  };
}

export class UnknownAuditActionError extends Error {
  constructor(sequence: number, action: string) {
    super(`audit entry ${sequence} has the action "${action}", which this version does not know`);
    this.name = 'UnknownAuditActionError';
  }
}
