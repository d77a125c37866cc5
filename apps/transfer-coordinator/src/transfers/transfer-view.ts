import type { Transfer } from '../workflow/transfer';
import { nextCommands } from '../workflow/transfer-state-machine';
import { consultationsMissing } from '../workflow/transfer-workflow';

/** A transfer as the API shows it: without the store's bookkeeping, with what can happen next. */
export function transferView(transfer: Transfer, now: Date) {
  const {
    _id,
    outbox: _outbox,
    openFor: _openFor,
    sendingAreaKey: _sending,
    receivingAreaKey: _receiving,
    nextEscalationAt: _next,
    ...shown
  } = transfer;
  return {
    transferId: _id,
    ...shown,
    overdue: transfer.nextDueAt !== null && transfer.nextDueAt <= now,
    consultationsMissing: transfer.state === 'CONSULTATION' ? consultationsMissing(transfer) : [],
    nextSteps: nextCommands(transfer.state, transfer.kind),
  };
}

export type TransferView = ReturnType<typeof transferView>;
