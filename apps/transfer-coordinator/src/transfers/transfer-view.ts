import type { Transfer } from '../workflow/transfer';
import { nextCommands } from '../workflow/transfer-state-machine';
import { consultationsMissing } from '../workflow/transfer-workflow';

/** What the store keeps for its own queries and the outbox, not for people. */
const hidden = [
  '_id',
  'outbox',
  'openFor',
  'sendingAreaKey',
  'receivingAreaKey',
  'nextEscalationAt',
] as const satisfies readonly (keyof Transfer)[];

/** A transfer as the API shows it: without the store's bookkeeping, with what can happen next. */
export function transferView(transfer: Transfer, now: Date) {
  const shown: Partial<Transfer> = { ...transfer };
  for (const bookkeeping of hidden) delete shown[bookkeeping];
  return {
    transferId: transfer._id,
    ...(shown as Omit<Transfer, (typeof hidden)[number]>),
    overdue: transfer.nextDueAt !== null && transfer.nextDueAt <= now,
    consultationsMissing: transfer.state === 'CONSULTATION' ? consultationsMissing(transfer) : [],
    nextSteps: nextCommands(transfer.state, transfer.kind),
  };
}

export type TransferView = ReturnType<typeof transferView>;
