import type { PinoLogger } from 'nestjs-pino';
import type { AccessAudit, AccessEvent } from '@hub/security';

/**
 * The connector keeps no database: each call is one structured `access` log line. What it
 * publishes reaches the registry's timeline with the organisation, system and acting user; the
 * hash-chained audit trail is the registry's, where people's records are read.
 */
export class LoggedAccessAudit implements AccessAudit {
  constructor(private readonly logger: PinoLogger) {}

  record(event: AccessEvent): Promise<void> {
    const { caller, ...rest } = event;
    this.logger.info(
      {
        access: {
          ...rest,
          subject: caller?.subject ?? null,
          username: caller?.username ?? null,
          organisation: caller?.organisation.id ?? null,
          roles: caller?.roles ?? [],
          clientId: caller?.clientId ?? null,
        },
      },
      `access ${event.outcome}: ${event.action}`,
    );
    return Promise.resolve();
  }
}
