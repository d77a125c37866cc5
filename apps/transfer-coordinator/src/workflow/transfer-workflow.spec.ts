import { organisationDirectory } from '@hub/security';
import { defaultDeadlinesFile, TransferDeadlines } from '../deadlines/transfer-deadlines';
import type { Transfer } from './transfer';
import {
  acknowledgeVictimLiaison,
  applyCommand,
  escalateOverdue,
  requestTransfer,
  TransferInputError,
  TransferPreconditionError,
  type SubjectFacts,
  type WorkflowContext,
} from './transfer-workflow';

const deadlines = TransferDeadlines.load(defaultDeadlinesFile());
const directory = organisationDirectory();
const monday = new Date('2026-12-07T09:00:00Z');

const sender = {
  user: 'probation-north-west.record-manager',
  organisation: 'probation-greater-manchester',
  agency: 'PROBATION',
} as const;
const receiver = {
  user: 'police-scotland.transfer-coordinator',
  organisation: 'police-scotland',
  agency: 'POLICE',
} as const;

function context(actor: WorkflowContext['actor'], now = monday): WorkflowContext {
  return { now, actor, deadlines, directory, correlationId: 'test' };
}

const subject: SubjectFacts = {
  nominalId: 'N-1',
  managingArea: 'Greater Manchester',
  jurisdiction: 'ENGLAND_AND_WALES',
  leadAgency: 'PROBATION',
  recordManager: { name: 'Pat Example', agency: 'PROBATION', role: null, contact: null },
  latestRiskAssessmentId: 'RA-9',
  mappa: { category: 'CATEGORY_1', level: 'LEVEL_2' },
  ppani: null,
  victimContact: {
    scheme: 'VICTIM_CONTACT_SCHEME',
    contactUnit: 'Greater Manchester Victim Liaison Unit',
  },
};

function requested(overrides: Partial<SubjectFacts> = {}): Transfer {
  return requestTransfer(
    {
      transferId: '0190a1b2-0000-7000-8000-000000000001',
      nominalId: 'N-1',
      kind: 'PERMANENT',
      reason: 'Moving to live with family',
      receivingArea: 'lothian and borders',
      expectedMoveOn: '2026-12-21',
      expectedReturnOn: null,
      newAddress: null,
      licenceExclusionZones: null,
    },
    { ...subject, ...overrides },
    context(sender),
  );
}

const topics = (transfer: Transfer): string[] => transfer.outbox.map((entry) => entry.topic);

describe('the transfer workflow', () => {
  it("requests a cross-border transfer in the receiving terms, due by the pair's deadline, telling both victim liaison units", () => {
    const transfer = requested();
    expect(transfer).toMatchObject({
      state: 'REQUESTED',
      version: 1,
      receivingArea: 'Lothian and Borders',
      receivingJurisdiction: 'SCOTLAND',
      meetingRequired: true,
      receivingTerms: {
        category: 'MAPPA category 1 (registered sex offenders)',
        level: 'MAPPA level 2',
      },
      // E&W → Scotland: 3 working days from Monday 09:00.
      awaiting: { step: 'ACKNOWLEDGEMENT', dueAt: new Date('2026-12-10T09:00:00Z') },
    });
    expect(topics(transfer)).toEqual([
      'transfer.step.recorded.v1',
      'transfer.victim-liaison.notified.v1',
      'transfer.victim-liaison.notified.v1',
    ]);
    expect(transfer.victimLiaison.map((n) => n.area)).toEqual([
      'Greater Manchester',
      'Lothian and Borders',
    ]);
    expect(transfer.victimLiaison[1].organisations).toContain('social-work-city-of-edinburgh');
    // No victim's details travel: the events carry the scheme and the unit only.
    expect(JSON.stringify(transfer.outbox)).not.toMatch(/victimName|victimAddress/);
  });

  it('refuses an unknown area, a move to the managing area, and a temporary move without a return day', () => {
    expect(() =>
      requestTransfer(
        {
          ...requested(),
          transferId: 'x',
          nominalId: 'N-1',
          receivingArea: 'Atlantis',
          reason: 'r',
          expectedMoveOn: '2026-12-21',
          expectedReturnOn: null,
          newAddress: null,
          licenceExclusionZones: null,
          kind: 'PERMANENT',
        },
        subject,
        context(sender),
      ),
    ).toThrow(TransferInputError);
    expect(() => requested({ managingArea: 'Lothian and Borders' })).toThrow(
      /already managed in Lothian and Borders/,
    );
  });

  it('accepts only once the police, the lead agency and (level 2 and 3) a MAPPA meeting were consulted', () => {
    let transfer = applyCommand(requested(), 'acknowledge', {}, context(receiver));
    transfer = applyCommand(transfer, 'start-consultation', {}, context(receiver));
    const acceptance = {
      leadAgency: 'SOCIAL_WORK' as const,
      organisation: 'social-work-city-of-edinburgh',
      recordManager: {
        name: 'Sam Example',
        agency: 'SOCIAL_WORK' as const,
        role: null,
        contact: null,
      },
    };
    expect(() => applyCommand(transfer, 'accept', { acceptance }, context(receiver))).toThrow(
      new TransferPreconditionError(
        'the receiving area cannot accept before it has consulted: still to record RECEIVING_POLICE, RECEIVING_LEAD_AGENCY, MAPPA_MEETING (a level 2 or 3 person needs a MAPPA meeting in the receiving area)',
      ),
    );
    for (const consulted of [
      'RECEIVING_POLICE',
      'RECEIVING_LEAD_AGENCY',
      'MAPPA_MEETING',
    ] as const) {
      transfer = applyCommand(
        transfer,
        'record-consultation',
        { consultation: { with: consulted, outcome: 'supports', heldOn: '2026-12-10' } },
        context(receiver),
      );
    }
    // The consultation keeps its clock while it goes on.
    expect(transfer.awaiting?.step).toBe('CONSULTATION');
    transfer = applyCommand(transfer, 'accept', { acceptance }, context(receiver));
    expect(transfer).toMatchObject({
      state: 'ACCEPTED',
      receivingOrganisation: 'social-work-city-of-edinburgh',
      awaiting: { step: 'MOVE' },
    });
    expect(() =>
      applyCommand(
        transfer,
        'accept',
        { acceptance: { ...acceptance, organisation: 'police-kent' } },
        context(receiver),
      ),
    ).toThrow();
  });

  it('refuses an organisation that does not serve the receiving area as the receiving lead', () => {
    let transfer = applyCommand(requested(), 'acknowledge', {}, context(receiver));
    transfer = applyCommand(
      transfer,
      'dispute',
      { dispute: { reason: 'Victim lives two streets away', riskAssessmentId: null } },
      context(receiver),
    );
    expect(() =>
      applyCommand(
        transfer,
        'accept',
        {
          acceptance: {
            leadAgency: 'PROBATION',
            organisation: 'probation-greater-manchester',
            recordManager: { name: 'A', agency: 'PROBATION', role: null, contact: null },
          },
        },
        context(receiver),
      ),
    ).toThrow(/not a PROBATION organisation serving Lothian and Borders/);
  });

  it("escalates a dispute at once to both areas' co-ordinators, with the current risk assessment", () => {
    let transfer = applyCommand(requested(), 'acknowledge', {}, context(receiver));
    transfer = applyCommand(
      transfer,
      'dispute',
      { dispute: { reason: 'Victim lives two streets away', riskAssessmentId: null } },
      context(receiver),
    );
    expect(transfer.dispute).toEqual({
      reason: 'Victim lives two streets away',
      riskAssessmentId: 'RA-9',
      raisedByOrganisation: 'police-scotland',
    });
    const escalation = transfer.outbox.find((entry) => entry.topic === 'transfer.step.overdue.v1');
    expect(escalation?.value).toMatchObject({ step: 'DISPUTE', escalation: 'MAPPA_COORDINATORS' });
    expect(escalation?.value.notifiedOrganisations).toEqual(
      expect.arrayContaining(['police-scotland', 'probation-greater-manchester']),
    );
    expect(transfer.escalation).toBe(1);
    // The move goes ahead regardless.
    transfer = applyCommand(transfer, 'begin-co-management', {}, context(receiver));
    expect(transfer.state).toBe('INTERIM_CO_MANAGEMENT');
  });

  it('escalates an overdue step to the co-ordinators, then to the strategic level, once each', () => {
    const transfer = requested({ victimContact: null });
    expect(escalateOverdue(transfer, context(sender, new Date('2026-12-10T08:59:59Z')))).toBeNull();
    const first = escalateOverdue(transfer, context(sender, new Date('2026-12-10T09:00:00Z')))!;
    expect(
      first.outbox
        .filter((e) => e.topic === 'transfer.step.overdue.v1')
        .map((e) => e.value.escalation),
    ).toEqual(['MAPPA_COORDINATORS']);
    expect(first.awaiting?.escalation).toBe(1);
    expect(escalateOverdue(first, context(sender, new Date('2026-12-11T09:00:00Z')))).toBeNull();
    // E&W → Scotland acknowledgement: strategic after 7 working days (Wednesday 16 December).
    const second = escalateOverdue(first, context(sender, new Date('2026-12-16T09:00:00Z')))!;
    expect(
      second.outbox
        .filter((e) => e.topic === 'transfer.step.overdue.v1')
        .map((e) => e.value.escalation),
    ).toEqual(['MAPPA_COORDINATORS', 'STRATEGIC_MANAGEMENT_BOARD']);
    expect(second.nextEscalationAt).toBeNull();
    expect(escalateOverdue(second, context(sender, new Date('2027-01-30T09:00:00Z')))).toBeNull();
  });

  it('tracks a victim liaison acknowledgement like a step, once', () => {
    const transfer = requested();
    const notice = transfer.victimLiaison[1];
    const editor = {
      user: 'social-work-city-of-edinburgh.practitioner',
      organisation: 'social-work-city-of-edinburgh',
      agency: 'SOCIAL_WORK',
    } as const;
    const acknowledged = acknowledgeVictimLiaison(transfer, notice.notificationId, context(editor));
    expect(acknowledged.victimLiaison[1]).toMatchObject({ acknowledgedBy: editor });
    expect(acknowledged.history.at(-1)?.step).toBe('VICTIM_LIAISON_ACKNOWLEDGED');
    expect(() =>
      acknowledgeVictimLiaison(acknowledged, notice.notificationId, context(editor)),
    ).toThrow(TransferPreconditionError);
  });

  it("completes with the named record manager from the day given, telling the victim liaison units again, and closes the person's open transfer", () => {
    let transfer = applyCommand(requested(), 'acknowledge', {}, context(receiver));
    transfer = applyCommand(
      transfer,
      'dispute',
      { dispute: { reason: 'Victim lives two streets away', riskAssessmentId: null } },
      context(receiver),
    );
    transfer = applyCommand(transfer, 'begin-co-management', {}, context(receiver));
    expect(() => applyCommand(transfer, 'complete', {}, context(receiver))).toThrow(
      /never accepted/,
    );
    const completed = applyCommand(
      transfer,
      'complete',
      {
        effectiveOn: '2027-01-04',
        acceptance: {
          leadAgency: 'SOCIAL_WORK',
          organisation: 'social-work-city-of-edinburgh',
          recordManager: { name: 'Sam Example', agency: 'SOCIAL_WORK', role: null, contact: null },
        },
      },
      context(receiver),
    );
    expect(completed).toMatchObject({
      state: 'COMPLETED',
      effectiveOn: '2027-01-04',
      awaiting: null,
      openFor: `closed:${completed._id}`,
    });
    const step = completed.outbox.filter((e) => e.topic === 'transfer.step.recorded.v1').at(-1)!;
    expect(step.value).toMatchObject({
      step: 'COMPLETED',
      state: 'COMPLETED',
      receivingLeadAgency: 'SOCIAL_WORK',
      effectiveOn: '2027-01-04',
    });
    expect(completed.victimLiaison.filter((n) => n.occasion === 'TRANSFER_COMPLETED')).toHaveLength(
      2,
    );
  });
});
