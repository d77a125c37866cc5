import type { PinoLogger } from 'nestjs-pino';
import type { OrganisationDirectory } from '@hub/security';
import type { TransferDeadlines } from '../deadlines/transfer-deadlines';
import type { Clock } from '../infrastructure/tokens';
import type { TransferOutbox } from '../outbox/transfer-outbox';
import { ConcurrentTransferChangeError, type TransferStore } from '../transfers/transfer-store';
import { escalateOverdue } from '../workflow/transfer-workflow';

/** The sweep acts as the service itself. */
const sweepActor = { user: 'transfer-coordinator', organisation: 'hub', agency: 'HUB' } as const;

/**
 * Escalates overdue steps. Durable: what is due is in the database (`nextEscalationAt`), so a
 * restart loses nothing and a step that fell due while the service was down is escalated at its
 * first sweep. With several instances, each escalation is written only over the version read, so
 * exactly one instance's write lands; the other's fails and it moves on.
 */
export class OverdueSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly store: TransferStore,
    private readonly outbox: TransferOutbox,
    private readonly deadlines: TransferDeadlines,
    private readonly directory: OrganisationDirectory,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {}

  /** Escalates everything due now; resolves with the number of transfers escalated. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    let escalated = 0;
    for (;;) {
      const due = await this.store.dueForEscalation(now, 100);
      let progressed = false;
      for (const transfer of due) {
        const next = escalateOverdue(transfer, {
          now,
          actor: sweepActor,
          deadlines: this.deadlines,
          directory: this.directory,
          correlationId: `transfer-escalation-${transfer._id}`,
        });
        if (!next) continue;
        try {
          await this.store.replace(transfer, next);
        } catch (error) {
          if (error instanceof ConcurrentTransferChangeError) continue;
          throw error;
        }
        progressed = true;
        escalated += 1;
        await this.outbox.publish(next);
      }
      if (due.length < 100 || !progressed) return escalated;
    }
  }

  start(intervalMs: number): void {
    const run = (): void => {
      this.running ??= this.runOnce()
        .then((count) => {
          if (count > 0) this.logger.info({ count }, 'escalated overdue transfer steps');
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'the overdue sweep failed; it runs again');
        })
        .finally(() => {
          this.running = undefined;
        });
    };
    run();
    this.timer = setInterval(run, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
