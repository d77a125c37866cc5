import type { AccessAudit, AccessEvent, AuditQuery } from '@hub/security';
import type { AuditTrail } from './audit-trail';

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(text).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A call's parameters as the trail keeps them: text, given ones only, the call's path with them. */
function queryOf(event: AccessEvent): AuditQuery {
  const given = Object.entries(event.query ?? {}).filter(([, value]) => value !== undefined);
  return {
    ...Object.fromEntries(given.map(([name, value]) => [name, text(value)])),
    ...(event.note && { given: event.note }),
    request: `${event.method} ${event.path} → ${event.httpStatus}`,
  };
}

/** Every API call of a hub service, into the hub's hash-chained audit trail. */
export class AuditedAccess implements AccessAudit {
  constructor(private readonly trail: AuditTrail) {}

  async record(event: AccessEvent): Promise<void> {
    const commandReason = event.query?.reason;
    await this.trail.record({
      caller: event.caller,
      action: event.action,
      nominalIds: event.nominalIds,
      reason:
        event.breakGlassReason ?? (typeof commandReason === 'string' ? commandReason : undefined),
      breakGlass: event.breakGlassReason !== undefined,
      request: {
        correlationId: event.correlationId,
        requestId: event.requestId,
        query: queryOf(event),
      },
      at: event.at,
      ...(event.outcome === 'allowed'
        ? { outcome: 'allowed' as const }
        : { outcome: event.outcome, refusal: event.reason ?? `answered ${event.httpStatus}` }),
    });
  }
}
