import type { Caller } from '../access/caller';
import { accessActions, type Action } from '../access/need-to-know';

/**
 * What an audited request did: the actions of the need-to-know rules, one per API route, so that an
 * auditor can ask for every export, every command or every read of the trail itself.
 */
export const auditActions = accessActions;

export type AuditAction = Action;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (auditActions as readonly string[]).includes(value);
}

/** `failed`: not a refusal by the rules, but no access either (an invalid request, a record not found). */
export const auditOutcomes = ['allowed', 'refused', 'failed'] as const;
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
  /** A record opened by break glass (no relation to the person, a reason given): for review. */
  breakGlass: boolean;
  outcome: AuditOutcome;
  /** Why the request was refused or failed; null when it was allowed. */
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
  breakGlass?: boolean;
  request?: AuditRequest;
  /** Defaults to now. */
  at?: Date;
} & ({ outcome: 'allowed' } | { outcome: 'refused' | 'failed'; refusal: string });

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
    breakGlass: record.breakGlass ?? false,
    outcome: record.outcome,
    refusal: record.outcome === 'allowed' ? null : record.refusal,
    correlationId: request?.correlationId ?? null,
    requestId: request?.requestId ?? null,
    query: request?.query ? { ...request.query } : null,
  };
}
