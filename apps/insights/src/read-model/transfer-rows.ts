import type {
  Jurisdiction,
  TransferKind,
  TransferState,
  TransferStep,
  TransferStepOverdue,
  TransferStepRecorded,
} from '@hub/contracts';

/** One step of a transfer, as management information counts it: no person's details. */
export interface TransferStepRow {
  /** `<transferId>:<version>`: a redelivered step replaces itself. */
  _id: string;
  nominalId: string;
  transferId: string;
  version: number;
  step: TransferStep;
  state: TransferState;
  kind: TransferKind;
  sendingArea: string;
  sendingJurisdiction: Jurisdiction;
  receivingArea: string;
  receivingJurisdiction: Jurisdiction;
  /** When the step was taken. */
  at: Date;
  /** The step awaited after this one, and when it is due (null once the transfer has ended). */
  dueStep: string | null;
  dueAt: Date | null;
}

/** A step that passed its due time, escalated. */
export interface EscalationRow {
  /** `<transferId>:<step>:<escalation>`: each escalation is counted once. */
  _id: string;
  nominalId: string;
  transferId: string;
  step: string;
  escalation: TransferStepOverdue['escalation'];
  dueAt: Date;
  sendingArea: string;
  receivingArea: string;
  at: Date;
}

export function transferStepRowOf(event: TransferStepRecorded): TransferStepRow {
  return {
    _id: `${event.transferId}:${event.version}`,
    nominalId: event.nominalId,
    transferId: event.transferId,
    version: event.version,
    step: event.step,
    state: event.state,
    kind: event.kind,
    sendingArea: event.sendingArea,
    sendingJurisdiction: event.sendingJurisdiction,
    receivingArea: event.receivingArea,
    receivingJurisdiction: event.receivingJurisdiction,
    at: event.metadata.occurredAt,
    dueStep: event.dueStep,
    dueAt: event.dueAt,
  };
}

export function escalationRowOf(event: TransferStepOverdue): EscalationRow {
  return {
    _id: `${event.transferId}:${event.step}:${event.escalation}`,
    nominalId: event.nominalId,
    transferId: event.transferId,
    step: event.step,
    escalation: event.escalation,
    dueAt: event.dueAt,
    sendingArea: event.sendingArea,
    receivingArea: event.receivingArea,
    at: event.metadata.occurredAt,
  };
}
