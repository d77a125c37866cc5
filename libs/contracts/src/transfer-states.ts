import type { TransferState } from './generated/avro-types';

/**
 * The states of a transfer that has not ended, in the workflow's order: the transfer coordinator's
 * state machine and the registry's open transfer on the record agree on them here.
 */
export const openTransferStates = [
  'REQUESTED',
  'ACKNOWLEDGED',
  'CONSULTATION',
  'ACCEPTED',
  'DISPUTED',
  'INTERIM_CO_MANAGEMENT',
] as const satisfies readonly TransferState[];

export function isOpenTransferState(state: TransferState): boolean {
  return (openTransferStates as readonly TransferState[]).includes(state);
}
