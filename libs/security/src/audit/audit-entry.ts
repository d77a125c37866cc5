import type { Caller } from '../access/caller';

/**
 * What an audited request did. A closed set, so that an auditor can ask for every export or every
 * break-glass read; a new kind of access adds a value here (and to nothing else: the store, the
 * topic and the API take any of these).
 */
export const auditActions = [
  /** One person's canonical record read. */
  'record.read',
  /** A search across records, with its terms. */
  'record.search',
  /** A record's timeline (how it came to be) read. */
  'timeline.read',
  /** A record exported (e.g. for a data-protection request). */
  'record.export',
  /** Commands on a record, with their reason. */
  'command.archive',
  'command.reactivate',
  'command.unmerge',
  /** A decision on two records flagged as possible duplicates. */
  'duplicate.decision',
  /** The duplicate review queue read. */
  'duplicate.read',
  /** The dead letters read, or sent back to their topics. */
  'dead-letter.read',
  'dead-letter.replay',
  /** The audit trail itself read. */
  'audit.read',
  /** A read beyond need-to-know, allowed for a stated emergency reason. */
  'break-glass',
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (auditActions as readonly string[]).includes(value);
}

export const auditOutcomes = ['allowed', 'refused'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Search terms and similar request parameters, as given (a list comma-separated). */
export type AuditQuery = Readonly<Record<string, string>>;

/** What one entry says happened, before it takes its place in the chain. */
export interface AuditFacts {
  at: Date;
  /** The token's subject; null when the request carried no valid token. */
  subject: string | null;
  username: string | null;
  organisationId: string | null;
  roles: readonly string[];
  clientId: string | null;
  action: AuditAction;
  /** The records concerned, in the order the request named or returned them. */
  nominalIds: readonly string[];
  /** Why: a break-glass justification or a command's reason. */
  reason: string | null;
  outcome: AuditOutcome;
  /** Why the request was refused; null when it was allowed. */
  refusal: string | null;
  correlationId: string | null;
  requestId: string | null;
  query: AuditQuery | null;
}

/** An entry in its place: `hash` is the SHA-256 of the canonical form of everything else. */
export interface AuditEntry extends AuditFacts {
  /** 1 for the first entry, then each entry the one before it plus one. */
  sequence: number;
  /** The hash of the entry before it; 64 zeros for the first. */
  previousHash: string;
  hash: string;
}

/** The request data the caller of `record` passes through, whichever are known. */
export interface AuditRequest {
  correlationId?: string;
  requestId?: string;
  query?: AuditQuery;
}

/**
 * One call per audited request: who (null when unauthenticated), what, on which records, and
 * whether it was allowed (a refusal says why).
 */
export type AuditRecord = {
  caller: Caller | null;
  action: AuditAction;
  nominalIds?: readonly string[];
  reason?: string;
  request?: AuditRequest;
  /** Defaults to now. */
  at?: Date;
} & ({ outcome: 'allowed' } | { outcome: 'refused'; refusal: string });

/** The facts of an entry from what the caller of `record` passes. */
export function auditFactsOf(record: AuditRecord): AuditFacts {
  const { caller, request } = record;
  return {
    at: record.at ?? new Date(),
    subject: caller?.subject ?? null,
    username: caller?.username ?? null,
    organisationId: caller?.organisation.id ?? null,
    roles: caller ? [...caller.roles] : [],
    clientId: caller?.clientId ?? null,
    action: record.action,
    nominalIds: [...(record.nominalIds ?? [])],
    reason: record.reason ?? null,
    outcome: record.outcome,
    refusal: record.outcome === 'refused' ? record.refusal : null,
    correlationId: request?.correlationId ?? null,
    requestId: request?.requestId ?? null,
    query: request?.query ? { ...request.query } : null,
  };
}
