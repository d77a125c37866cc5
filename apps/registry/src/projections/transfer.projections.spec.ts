import type { EventMetadata, TransferStepRecorded } from '@hub/contracts';
import { organisationDirectory, relationOf } from '@hub/security';
import { nextTransferStep, syntheticTransferStep } from '@hub/testing';
import { recordFactsOf } from '../access/record-access-facts';
import type { NominalContent } from '../nominals/nominal.documents';
import { withDerivedFacts } from './derived-facts';
import { nominalRegistered } from './identity.projections';
import { recordManagementAssigned } from './mappa.projections';
import { InapplicableEventError, NominalNotRegisteredError } from './projection';
import { transferStepRecorded } from './transfer.projections';

const today = '2026-06-15';
let sequence = 0;

function metadata(occurredAt: Date): EventMetadata {
  sequence += 1;
  return {
    eventId: `evt-${String(sequence).padStart(4, '0')}`,
    occurredAt,
    producingAgency: 'PROBATION',
    producingSystem: 'synthetic-case-system',
    producingOrganisation: null,
    actingUser: null,
    correlationId: 'corr',
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
}

const recordManager = (name: string, agency: 'PROBATION' | 'SOCIAL_WORK') => ({
  name,
  agency,
  role: null,
  contact: null,
});

/**
 * A person managed by probation in Greater Manchester since 2025, whose victims are in the Victim
 * Contact Scheme, as the fold leaves the record (derived as of `today`).
 */
function managedInGreaterManchester(): NominalContent {
  const registered = nominalRegistered.project(null, {
    metadata: metadata(new Date('2025-01-06T10:00:00Z')),
    nominalId: 'NOM-T1',
    name: { givenNames: ['Alex'], familyName: 'Testperson' },
    aliases: [],
    dateOfBirth: '1980-02-03',
    aliasDatesOfBirth: [],
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'PROBATION',
    managingArea: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
  });
  const assigned = recordManagementAssigned.project(registered, {
    metadata: metadata(new Date('2025-01-07T10:00:00Z')),
    nominalId: 'NOM-T1',
    leadAgency: 'PROBATION',
    managingArea: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
    recordManager: recordManager('Officer Synthetic', 'PROBATION'),
    coManagers: [recordManager('DC Example', 'PROBATION')],
    victimContact: {
      scheme: 'VICTIM_CONTACT_SCHEME',
      contactUnit: 'Greater Manchester Victim Liaison Unit',
    },
    effectiveOn: '2025-01-07',
  });
  return withDerivedFacts(assigned, today);
}

/** The record after `steps`, applied in the order given and derived as the fold does. */
function after(record: NominalContent, ...steps: TransferStepRecorded[]): NominalContent {
  let content = record;
  for (const step of steps) content = transferStepRecorded.project(content, step);
  return withDerivedFacts(content, today);
}

const requested = (): TransferStepRecorded =>
  syntheticTransferStep('NOM-T1', {
    metadata: { occurredAt: new Date('2026-06-01T09:00:00Z') },
  });

/** A transfer taken through to interim co-management, one step at a time. */
function toCoManagement(): TransferStepRecorded[] {
  const steps = [requested()];
  const next = (step: TransferStepRecorded['step'], state: TransferStepRecorded['state']) =>
    steps.push(nextTransferStep(steps.at(-1)!, { step, state }));
  next('ACKNOWLEDGED', 'ACKNOWLEDGED');
  next('CONSULTATION_STARTED', 'CONSULTATION');
  next('CONSULTATION_RECORDED', 'CONSULTATION');
  next('ACCEPTED', 'ACCEPTED');
  steps[steps.length - 1] = {
    ...steps.at(-1)!,
    receivingLeadAgency: 'SOCIAL_WORK',
    receivingOrganisation: 'social-work-city-of-edinburgh',
    receivingRecordManager: recordManager('Jamie Example', 'SOCIAL_WORK'),
  };
  next('CO_MANAGEMENT_BEGUN', 'INTERIM_CO_MANAGEMENT');
  return steps;
}

function completion(
  previous: TransferStepRecorded,
  overrides: Partial<Parameters<typeof nextTransferStep>[1]> = {},
): TransferStepRecorded {
  return nextTransferStep(previous, {
    step: 'COMPLETED',
    state: 'COMPLETED',
    effectiveOn: '2026-06-10',
    dueStep: null,
    dueAt: null,
    ...overrides,
  });
}

describe('transfer steps on the canonical record', () => {
  it('shows the transfer as open through every step before it ends, at its latest version', () => {
    let record = managedInGreaterManchester();
    const seen: [string, number][] = [];
    for (const step of toCoManagement()) {
      record = after(record, step);
      expect(record.openTransfer).toEqual({
        transferId: step.transferId,
        version: step.version,
        state: step.state,
        kind: 'PERMANENT',
        receivingArea: 'Lothian and Borders',
        receivingJurisdiction: 'SCOTLAND',
      });
      seen.push([record.openTransfer!.state, record.openTransfer!.version]);
    }
    expect(seen).toEqual([
      ['REQUESTED', 1],
      ['ACKNOWLEDGED', 2],
      ['CONSULTATION', 3],
      ['CONSULTATION', 4],
      ['ACCEPTED', 5],
      ['INTERIM_CO_MANAGEMENT', 6],
    ]);
    // An open transfer leaves the management as it is.
    expect(record.management.managingArea).toBe('Greater Manchester');
    expect(record.managementHistory).toHaveLength(2);
  });

  it('keeps a disputed transfer open: a dispute does not stop the person moving', () => {
    const first = requested();
    const disputed = nextTransferStep(first, {
      step: 'DISPUTED',
      state: 'DISPUTED',
      dispute: {
        reason: 'The proposed address is near a primary school (synthetic).',
        riskAssessmentId: null,
        raisedByOrganisation: 'social-work-city-of-edinburgh',
      },
    });
    const record = after(managedInGreaterManchester(), first, disputed);
    expect(record.openTransfer?.state).toBe('DISPUTED');
    expect(transferStepRecorded.summary(disputed)).toBe(
      'Transfer to Lothian and Borders disputed on public-protection grounds by social-work-city-of-edinburgh: The proposed address is near a primary school (synthetic).',
    );
  });

  it('ignores a step older than the one it holds of the same transfer', () => {
    const steps = toCoManagement();
    const coManaged = after(managedInGreaterManchester(), ...steps);
    // A replay delivers the acceptance and the request again, after co-management began.
    const replayed = after(coManaged, steps[4], steps[0]);
    expect(replayed.openTransfer).toMatchObject({ state: 'INTERIM_CO_MANAGEMENT', version: 6 });
    expect(replayed.transfers).toHaveLength(1);
    expect(replayed.transfers[0]).toMatchObject({ version: 6, step: 'CO_MANAGEMENT_BEGUN' });
  });

  it('does not reopen an ended transfer when an earlier step of it arrives late', () => {
    const first = requested();
    const cancelled = nextTransferStep(first, { step: 'CANCELLED', state: 'CANCELLED' });
    const record = after(managedInGreaterManchester(), cancelled, first);
    expect(record.openTransfer).toBeNull();
  });

  it('does not let a late step of an ended transfer hide the transfer under way', () => {
    const earlier = requested();
    const withdrawn = nextTransferStep(earlier, {
      step: 'WITHDRAWN',
      state: 'WITHDRAWN',
      metadata: { occurredAt: new Date('2026-06-02T09:00:00Z') },
    });
    const current = syntheticTransferStep('NOM-T1', {
      receivingArea: 'Cumbria',
      receivingJurisdiction: 'ENGLAND_AND_WALES',
      metadata: { occurredAt: new Date('2026-06-03T09:00:00Z') },
    });
    const record = after(managedInGreaterManchester(), earlier, current, withdrawn);
    expect(record.openTransfer).toMatchObject({
      transferId: current.transferId,
      receivingArea: 'Cumbria',
    });
  });

  it.each(['RETURNED', 'CANCELLED', 'WITHDRAWN'] as const)(
    'clears the open transfer when it is %s, leaving the management as it was',
    (state) => {
      const steps = toCoManagement();
      const ended = nextTransferStep(steps.at(-1)!, { step: state, state });
      const record = after(managedInGreaterManchester(), ...steps, ended);
      expect(record.openTransfer).toBeNull();
      expect(record.transfers[0]).toMatchObject({ state, version: 7 });
      expect(record.management).toMatchObject({
        leadAgency: 'PROBATION',
        managingArea: 'Greater Manchester',
      });
      expect(record.managementHistory).toHaveLength(2);
    },
  );

  it('hands the management to the receiving area on completion, keeping the victim contact', () => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!, {
      receivingRecordManager: recordManager('Robin Synthetic', 'SOCIAL_WORK'),
    });
    const record = after(managedInGreaterManchester(), ...steps, completed);

    expect(record.openTransfer).toBeNull();
    expect(record.management).toEqual({
      leadAgency: 'SOCIAL_WORK',
      managingArea: 'Lothian and Borders',
      jurisdiction: 'SCOTLAND',
      recordManager: recordManager('Robin Synthetic', 'SOCIAL_WORK'),
      coManagers: [],
      // The victims stay in contact with the unit that had them.
      victimContact: {
        scheme: 'VICTIM_CONTACT_SCHEME',
        contactUnit: 'Greater Manchester Victim Liaison Unit',
      },
    });
    expect(record.managementHistory.at(-1)).toMatchObject({
      eventId: completed.metadata.eventId,
      effectiveOn: '2026-06-10',
      recordedBy: 'HUB',
    });
    expect(transferStepRecorded.summary(completed)).toBe(
      'Transfer completed: managed by SOCIAL_WORK in Lothian and Borders (from Greater Manchester) from 2026-06-10; record manager Robin Synthetic (SOCIAL_WORK)',
    );
  });

  it('takes effect on the day of the completion event when it names none', () => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!, {
      effectiveOn: null,
      metadata: { occurredAt: new Date('2026-06-12T23:30:00Z') },
    });
    const record = after(managedInGreaterManchester(), ...steps, completed);
    // 23:30 UTC in June is the next day in the UK.
    expect(record.managementHistory.at(-1)?.effectiveOn).toBe('2026-06-13');
    expect(record.management.managingArea).toBe('Lothian and Borders');
  });

  it('keeps the sending area managing until a completion dated ahead takes effect', () => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!, { effectiveOn: '2026-07-01' });
    const content = transferStepRecorded.project(
      steps.reduce(
        (record, step) => transferStepRecorded.project(record, step),
        managedInGreaterManchester(),
      ),
      completed,
    );
    const now = withDerivedFacts(content, today);
    expect(now.management.managingArea).toBe('Greater Manchester');
    expect(now.openTransfer).toBeNull();
    expect(now.rederiveOn).toBe('2026-07-01');
    expect(withDerivedFacts(content, '2026-07-01').management.managingArea).toBe(
      'Lothian and Borders',
    );
  });

  it('applies a completion that arrives after a later step of its transfer', () => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!);
    const acknowledged = nextTransferStep(completed, {
      step: 'VICTIM_LIAISON_ACKNOWLEDGED',
      state: 'COMPLETED',
    });
    const record = after(managedInGreaterManchester(), ...steps, acknowledged, completed);
    expect(record.management.managingArea).toBe('Lothian and Borders');
    expect(record.transfers[0]).toMatchObject({ version: 8, step: 'VICTIM_LIAISON_ACKNOWLEDGED' });
    expect(record.openTransfer).toBeNull();
  });

  it('adds one assignment however often the same completion is applied', () => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!);
    const record = after(managedInGreaterManchester(), ...steps, completed, completed);
    expect(
      record.managementHistory.filter((item) => item.eventId === completed.metadata.eventId),
    ).toHaveLength(1);
  });

  it.each([
    ['receivingLeadAgency', 'receiving lead agency'],
    ['receivingRecordManager', 'receiving record manager'],
  ] as const)('refuses a completion without the %s', (field, named) => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!, { [field]: null });
    const record = after(managedInGreaterManchester(), ...steps);
    expect(() => transferStepRecorded.project(record, completed)).toThrow(InapplicableEventError);
    expect(() => transferStepRecorded.project(record, completed)).toThrow(
      `transfer ${completed.transferId} was completed without the ${named}: the receiving area's management cannot be recorded`,
    );
  });

  it('refuses a completion the transfer does not stand at', () => {
    const steps = toCoManagement();
    const completed = completion(steps.at(-1)!, { state: 'INTERIM_CO_MANAGEMENT' });
    expect(() =>
      transferStepRecorded.project(after(managedInGreaterManchester(), ...steps), completed),
    ).toThrow(InapplicableEventError);
  });

  it('makes a step for a person not registered yet wait for the registration', () => {
    expect(() => transferStepRecorded.project(null, requested())).toThrow(
      NominalNotRegisteredError,
    );
  });

  it('gives every step a line for the timeline', () => {
    const summaries = toCoManagement().map((step) => transferStepRecorded.summary(step));
    expect(summaries).toEqual([
      expect.stringMatching(
        /^Transfer to Lothian and Borders requested by probation-greater-manchester, expected move on \d{4}-\d{2}-\d{2}$/,
      ),
      'Transfer to Lothian and Borders acknowledged by the receiving area',
      'Consultation on the transfer to Lothian and Borders started',
      'Consultation on the transfer to Lothian and Borders recorded',
      'Transfer to Lothian and Borders accepted: to be managed by SOCIAL_WORK, record manager Jamie Example (SOCIAL_WORK)',
      'Interim co-management began: Lothian and Borders co-manages with Greater Manchester until the transfer is completed',
    ]);
  });
});

describe('access during a transfer', () => {
  const edinburgh = organisationDirectory().organisation('social-work-city-of-edinburgh')!;
  const manchesterProbation = organisationDirectory().organisation('probation-greater-manchester')!;

  it('lets the receiving area co-manage only during interim co-management', () => {
    const steps = toCoManagement();
    const accepted = after(managedInGreaterManchester(), ...steps.slice(0, 5));
    const coManaged = after(accepted, steps[5]);
    expect(recordFactsOf(accepted).coManagingArea).toBeNull();
    expect(relationOf(edinburgh, recordFactsOf(accepted))).toBe('other-jurisdiction');
    expect(recordFactsOf(coManaged).coManagingArea).toBe('Lothian and Borders');
    expect(relationOf(edinburgh, recordFactsOf(coManaged))).toBe('co-managing');
    expect(relationOf(manchesterProbation, recordFactsOf(coManaged))).toBe('managing');
  });

  it('makes the receiving area the managing one once completed, and the sending area another', () => {
    const steps = toCoManagement();
    const completed = after(managedInGreaterManchester(), ...steps, completion(steps.at(-1)!));
    expect(recordFactsOf(completed).coManagingArea).toBeNull();
    expect(relationOf(edinburgh, recordFactsOf(completed))).toBe('managing');
    expect(relationOf(manchesterProbation, recordFactsOf(completed))).toBe('other-jurisdiction');
  });
});

describe('who may assign a person’s management', () => {
  const assignment = (
    producingOrganisation: string | null,
    managingArea = 'Greater Manchester',
  ) => ({
    metadata: { ...metadata(new Date('2026-06-02T10:00:00Z')), producingOrganisation },
    nominalId: 'NOM-T1',
    leadAgency: 'PROBATION' as const,
    managingArea,
    jurisdiction: 'ENGLAND_AND_WALES' as const,
    recordManager: recordManager('Officer Next', 'PROBATION'),
    coManagers: [],
    victimContact: null,
    effectiveOn: '2026-06-02',
  });

  it('lets the managing organisation reassign within its area', () => {
    const record = recordManagementAssigned.project(
      managedInGreaterManchester(),
      assignment('probation-greater-manchester'),
    );
    expect(withDerivedFacts(record, today).management.recordManager?.name).toBe('Officer Next');
  });

  it('refuses an organisation that does not manage the person, saying who does', () => {
    expect(() =>
      recordManagementAssigned.project(
        managedInGreaterManchester(),
        assignment('probation-north-west'),
      ),
    ).toThrow(/does not manage the person \(PROBATION in Greater Manchester does\)/);
    expect(() =>
      recordManagementAssigned.project(
        managedInGreaterManchester(),
        assignment('police-greater-manchester'),
      ),
    ).toThrow(InapplicableEventError);
  });

  it('refuses a move to another area by assignment: a person moves through a transfer', () => {
    expect(() =>
      recordManagementAssigned.project(
        managedInGreaterManchester(),
        assignment('probation-greater-manchester', 'Merseyside'),
      ),
    ).toThrow(/move to Merseyside through a transfer/);
  });

  it("applies the hub's own and historical assignments (no organisation) as they are", () => {
    for (const producer of ['hub', null]) {
      const record = recordManagementAssigned.project(
        managedInGreaterManchester(),
        assignment(producer, 'Merseyside'),
      );
      expect(withDerivedFacts(record, today).management.managingArea).toBe('Merseyside');
    }
  });
});
