import { randomUUID } from 'node:crypto';
import type { EventMetadata, TransferStepRecorded } from '@hub/contracts';
import { hubOrganisationId } from '@hub/security';

/** The metadata the transfer coordinator publishes a step with (synthetic system, now). */
function transferMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    eventId: randomUUID(),
    occurredAt: new Date(),
    producingAgency: 'HUB',
    producingSystem: 'synthetic-transfer-coordinator',
    producingOrganisation: hubOrganisationId,
    actingUser: null,
    correlationId: randomUUID(),
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
    ...overrides,
  };
}

const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A step of a synthetic transfer as the transfer coordinator publishes it on
 * `transfer.step.recorded.v1` (decoded: publish it with `publishValue`). By default a permanent
 * move from Greater Manchester to Lothian and Borders, just requested (version 1); `overrides`
 * give the step, state and anything else.
 */
export function syntheticTransferStep(
  nominalId: string,
  overrides: Partial<Omit<TransferStepRecorded, 'metadata'>> & {
    metadata?: Partial<EventMetadata>;
  } = {},
): TransferStepRecorded {
  const { metadata, ...fields } = overrides;
  return {
    nominalId,
    transferId: randomUUID(),
    version: 1,
    step: 'REQUESTED',
    state: 'REQUESTED',
    kind: 'PERMANENT',
    reason: 'Moving to live with a relative (synthetic).',
    sendingArea: 'Greater Manchester',
    sendingJurisdiction: 'ENGLAND_AND_WALES',
    receivingArea: 'Lothian and Borders',
    receivingJurisdiction: 'SCOTLAND',
    requestingOrganisation: 'probation-greater-manchester',
    expectedMoveOn: inDays(28),
    expectedReturnOn: null,
    newAddress: null,
    receivingTerms: {
      legislation: 'Management of Offenders etc. (Scotland) Act 2005 s10-11',
      category: null,
      level: null,
      notes: [],
    },
    receivingLeadAgency: null,
    receivingOrganisation: null,
    receivingRecordManager: null,
    dispute: null,
    effectiveOn: null,
    dueStep: 'ACKNOWLEDGEMENT',
    dueAt: new Date(Date.now() + 5 * 86_400_000),
    note: null,
    ...fields,
    metadata: transferMetadata(metadata),
  };
}

/**
 * The transfer's next step after `previous`: the same transfer one version on, a new event
 * (`overrides` say what the step is and what it changed).
 */
export function nextTransferStep(
  previous: TransferStepRecorded,
  overrides: Partial<Omit<TransferStepRecorded, 'metadata' | 'nominalId' | 'transferId'>> & {
    metadata?: Partial<EventMetadata>;
  },
): TransferStepRecorded {
  const { metadata, ...fields } = overrides;
  return {
    ...previous,
    version: previous.version + 1,
    ...fields,
    metadata: transferMetadata({ correlationId: previous.metadata.correlationId, ...metadata }),
  };
}
