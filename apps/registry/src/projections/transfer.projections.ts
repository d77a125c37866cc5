import type { EventOf, TransferStep } from '@hub/contracts';
import type { ManagementItem, NominalContent, TransferItem } from '../nominals/nominal.documents';
import { managementOn } from './management-status';
import { existing, InapplicableEventError, type ProjectionOf } from './projection';
import { provenance, upsert } from './record-items';
import { stateFact, withFact } from './state-facts';

type TransferStepRecorded = EventOf<'transfer.step.recorded.v1'>;

/**
 * The receiving area's management from the day a completed transfer takes effect. The victims'
 * contact stays with the unit that had it: the victim liaison unit keeps in touch with the
 * victims wherever the person moves (the coordinator tells both units).
 */
function completionAssignment(record: NominalContent, event: TransferStepRecorded): ManagementItem {
  const missing = [
    event.receivingLeadAgency === null && 'receiving lead agency',
    event.receivingRecordManager === null && 'receiving record manager',
  ].filter((field): field is string => field !== false);
  if (event.receivingLeadAgency === null || event.receivingRecordManager === null) {
    throw new InapplicableEventError(
      `transfer ${event.transferId} was completed without the ${missing.join(' and ')}: the receiving area's management cannot be recorded`,
    );
  }
  const fact = stateFact(event.metadata, event.effectiveOn);
  return {
    ...fact,
    management: {
      leadAgency: event.receivingLeadAgency,
      managingArea: event.receivingArea,
      jurisdiction: event.receivingJurisdiction,
      recordManager: event.receivingRecordManager,
      // Co-managers are the sending area's agencies: the receiving area assigns its own.
      coManagers: [],
      victimContact: managementOn(record, fact.effectiveOn).victimContact ?? null,
    },
  };
}

/**
 * `transfers` with the transfer at `event`'s step, unless the record holds a later (or the same)
 * version of it: steps of one transfer may arrive out of order across restarts and replays.
 */
function withStep(transfers: TransferItem[], event: TransferStepRecorded): TransferItem[] {
  const held = transfers.find((transfer) => transfer.transferId === event.transferId);
  if (held && held.version >= event.version) return transfers;
  const step: TransferItem = {
    ...provenance(event.metadata),
    transferId: event.transferId,
    version: event.version,
    step: event.step,
    state: event.state,
    kind: event.kind,
    sendingArea: event.sendingArea,
    receivingArea: event.receivingArea,
    receivingJurisdiction: event.receivingJurisdiction,
  };
  return upsert(
    transfers,
    step,
    (kept) => kept.transferId === event.transferId,
    (item) => item.occurredAt.toISOString(),
  );
}

export const transferStepRecorded: ProjectionOf<'transfer.step.recorded.v1'> = {
  eventType: 'TransferStepRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    // A completion the transfer does not stand at would change the management of a transfer the
    // record shows as still open (or ended otherwise).
    if (event.step === 'COMPLETED' && event.state !== 'COMPLETED') {
      throw new InapplicableEventError(
        `transfer ${event.transferId} version ${event.version}: step ${event.step} cannot leave the transfer ${event.state}`,
      );
    }
    const transfers = withStep(record.transfers, event);
    // The completion is a management fact like any assignment, applied whatever the transfer's
    // later steps: the management in force is derived by effective day (management-status.ts).
    const managementHistory =
      event.step === 'COMPLETED'
        ? withFact(record.managementHistory, completionAssignment(record, event))
        : record.managementHistory;
    return { ...record, transfers, managementHistory };
  },
  summary: (event) => stepSummaries[event.step](event),
};

const transferTo = (event: TransferStepRecorded): string =>
  `${event.kind === 'TEMPORARY' ? 'Temporary transfer' : 'Transfer'} to ${event.receivingArea}`;

const stepSummaries: Record<TransferStep, (event: TransferStepRecorded) => string> = {
  REQUESTED: (event) =>
    `${transferTo(event)} requested by ${event.requestingOrganisation}, expected move on ${event.expectedMoveOn}`,
  ACKNOWLEDGED: (event) => `${transferTo(event)} acknowledged by the receiving area`,
  CONSULTATION_STARTED: (event) => `Consultation on the ${lower(transferTo(event))} started`,
  CONSULTATION_RECORDED: (event) =>
    `Consultation on the ${lower(transferTo(event))} recorded` +
    (event.note ? `: ${event.note}` : ''),
  ACCEPTED: (event) =>
    `${transferTo(event)} accepted` +
    (event.receivingLeadAgency ? `: to be managed by ${event.receivingLeadAgency}` : '') +
    (event.receivingRecordManager
      ? `, record manager ${event.receivingRecordManager.name} (${event.receivingRecordManager.agency})`
      : ''),
  DISPUTED: (event) =>
    `${transferTo(event)} disputed on public-protection grounds` +
    (event.dispute ? ` by ${event.dispute.raisedByOrganisation}: ${event.dispute.reason}` : ''),
  CO_MANAGEMENT_BEGUN: (event) =>
    `Interim co-management began: ${event.receivingArea} co-manages with ${event.sendingArea} until the transfer is completed`,
  COMPLETED: (event) =>
    `Transfer completed: managed by ${event.receivingLeadAgency ?? 'an agency not named'} in ${event.receivingArea} (from ${event.sendingArea})` +
    (event.effectiveOn ? ` from ${event.effectiveOn}` : '') +
    (event.receivingRecordManager
      ? `; record manager ${event.receivingRecordManager.name} (${event.receivingRecordManager.agency})`
      : ''),
  RETURNED: (event) => `${transferTo(event)} ended: the person returned to ${event.sendingArea}`,
  CANCELLED: (event) => `${transferTo(event)} cancelled`,
  WITHDRAWN: (event) => `${transferTo(event)} withdrawn by ${event.sendingArea}`,
  VICTIM_LIAISON_ACKNOWLEDGED: (event) =>
    `Victim liaison acknowledged the notification of the ${lower(transferTo(event))}`,
};

function lower(phrase: string): string {
  return phrase.charAt(0).toLowerCase() + phrase.slice(1);
}
