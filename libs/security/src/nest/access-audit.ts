import type { Caller } from '../access/caller';
import type { Action } from '../access/need-to-know';

/** One API call as it ends, for the audit trail. */
export interface AccessEvent {
  /** Null when the call carried no valid token. */
  caller: Caller | null;
  action: Action;
  outcome: 'allowed' | 'refused' | 'failed';
  /** Why it was refused or failed, as the caller was told. */
  reason?: string;
  httpStatus: number;
  nominalIds: string[];
  query?: Record<string, unknown>;
  breakGlassReason?: string;
  note?: string;
  method: string;
  path: string;
  correlationId: string;
  requestId: string;
  at: Date;
}

/** Where a service's access events go; the call is answered only once `record` has resolved. */
export interface AccessAudit {
  record(event: AccessEvent): Promise<void>;
}

export const ACCESS_AUDIT = Symbol('ACCESS_AUDIT');
export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');
