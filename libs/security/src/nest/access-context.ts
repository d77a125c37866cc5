import type { IncomingMessage } from 'node:http';
import type { Caller } from '../access/caller';
import type { Action } from '../access/need-to-know';

/**
 * What one API call did, as the audit trail records it. The access interceptor opens it; handlers
 * add the people concerned, the search terms and the break-glass reason they acted on.
 */
export interface AccessContext {
  caller: Caller;
  action: Action;
  /** The people the call concerned: the record read, every search result, the command's target. */
  nominalIds: string[];
  /** A search's criteria, a command's parameters: what the caller asked. */
  query?: Record<string, unknown>;
  /** Set when a record was opened by break glass: the reason the caller gave. */
  breakGlassReason?: string;
  /** What a caller was given when it was less than asked for (e.g. the national search view). */
  note?: string;
}

const key = Symbol.for('mappa-hub.access-context');

type WithAccess = IncomingMessage & { [key]?: AccessContext };

export function attachAccess(request: IncomingMessage, context: AccessContext): void {
  (request as WithAccess)[key] = context;
}

export function accessOf(request: IncomingMessage): AccessContext | undefined {
  return (request as WithAccess)[key];
}
