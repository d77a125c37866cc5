import { isOpenTransferState } from '@hub/contracts';
import type { NominalContent, OpenTransferItem, TransferItem } from '../nominals/nominal.documents';
import type { Derivation } from './derived-facts';

/**
 * The transfer under way: of the transfers not ended, the one whose latest step was taken last
 * (the coordinator allows one at a time, but a step of an ended transfer may arrive after the
 * next one started, and must not hide it).
 */
export function openTransferOf(transfers: readonly TransferItem[]): OpenTransferItem | null {
  let open: TransferItem | null = null;
  for (const transfer of transfers) {
    if (!isOpenTransferState(transfer.state)) continue;
    if (
      open === null ||
      transfer.occurredAt.getTime() > open.occurredAt.getTime() ||
      (transfer.occurredAt.getTime() === open.occurredAt.getTime() &&
        transfer.transferId > open.transferId)
    ) {
      open = transfer;
    }
  }
  if (open === null) return null;
  return {
    transferId: open.transferId,
    version: open.version,
    state: open.state,
    kind: open.kind,
    receivingArea: open.receivingArea,
    receivingJurisdiction: open.receivingJurisdiction,
  };
}

const sameOpenTransfer = (a: OpenTransferItem | null, b: OpenTransferItem | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The open transfer, from the latest step of every transfer of the person. */
export const transferDerivation: Derivation = {
  derive(content: NominalContent) {
    const open = openTransferOf(content.transfers);
    return sameOpenTransfer(open, content.openTransfer)
      ? content
      : { ...content, openTransfer: open };
  },
};
