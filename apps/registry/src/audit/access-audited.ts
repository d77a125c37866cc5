import type { AccessAudited } from '@hub/contracts';
import { namedUuid } from '@hub/messaging';
import type { AuditEntry } from '@hub/security';

export const auditTopic = 'registry.access.audited.v1';

/**
 * The event of a stored entry: the entry field for field, so that a reader of the topic can hash it
 * again. Its event id derives from the entry's hash, so an entry published twice (a catch-up after
 * a crash, two instances catching up at once) keeps its idempotency key.
 */
export function accessAuditedOf(entry: AuditEntry): AccessAudited {
  return {
    metadata: {
      eventId: namedUuid(`${auditTopic}/${entry.hash}`),
      occurredAt: entry.at,
      producingAgency: 'HUB',
      producingSystem: 'registry',
      actingUser: entry.username,
      correlationId: entry.correlationId ?? entry.hash,
      causationId: null,
      classification: 'OFFICIAL_SENSITIVE',
    },
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
    outcome: entry.outcome,
    refusal: entry.refusal,
    correlationId: entry.correlationId,
    requestId: entry.requestId,
    query: entry.query ? { ...entry.query } : null,
  };
}
