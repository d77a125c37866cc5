import {
  isOpenTransferState,
  type Address,
  type Agency,
  type EscalationLevel,
  type EventMetadata,
  type Jurisdiction,
  type Practitioner,
  type TransferKind,
  type TransferStep,
  type TransferStepOverdue,
  type TransferStepRecorded,
  type VictimLiaisonNotified,
  type VictimLiaisonOccasion,
} from '@hub/contracts';
import { namedUuid } from '@hub/messaging';
import { areaKey, hubOrganisationId, type OrganisationDirectory } from '@hub/security';
import { receivingTermsOf } from '../cross-border/receiving-terms';
import type { DueStep, TransferDeadlines } from '../deadlines/transfer-deadlines';
import { startOfDay } from '../deadlines/working-days';
import { awaitedStep, transitionOf, type TransferCommand } from './transfer-state-machine';
import type {
  Actor,
  AwaitedStep,
  ConsultationWith,
  EscalationReached,
  OutboxEntry,
  SubjectAtRequest,
  Transfer,
  VictimLiaisonNotice,
} from './transfer';

/**
 * The transfer workflow as pure functions: each takes a transfer and what was asked, and returns
 * the transfer after it, with the events to publish in its outbox. The store writes the result
 * only if nobody changed the transfer meanwhile (its version), so one of two concurrent steps wins.
 */

export interface WorkflowContext {
  now: Date;
  actor: Actor;
  deadlines: TransferDeadlines;
  directory: OrganisationDirectory;
  correlationId: string;
}

/** A request that the workflow refuses for what it says (a 400), not for the state it finds. */
export class TransferInputError extends Error {
  override name = 'TransferInputError';
}

/** A step the transfer's facts do not allow yet (a 409): what is missing is said. */
export class TransferPreconditionError extends Error {
  override name = 'TransferPreconditionError';
}

/** What the managing organisation asks for. */
export interface TransferRequest {
  transferId: string;
  nominalId: string;
  kind: TransferKind;
  reason: string;
  receivingArea: string;
  expectedMoveOn: string;
  expectedReturnOn: string | null;
  newAddress: Address | null;
  licenceExclusionZones: string | null;
}

/** What the record says of the person when the transfer is requested. */
export interface SubjectFacts extends SubjectAtRequest {
  nominalId: string;
  managingArea: string;
  victimContact: Transfer['victimContact'];
}

/** What each command may carry; the store's API parses it per command. */
export interface CommandInput {
  note?: string | null;
  consultation?: { with: ConsultationWith; outcome: string; heldOn: string | null };
  acceptance?: { leadAgency: Agency; organisation: string; recordManager: Practitioner };
  dispute?: { reason: string; riskAssessmentId: string | null };
  effectiveOn?: string;
  licenceExclusionZones?: string | null;
}

const noExclusionZoneChange =
  'The sending area has stated no change to licence exclusion zones; the receiving area reviews them at its first licence review.';

function metadata(context: WorkflowContext, eventId: string): EventMetadata {
  return {
    eventId,
    occurredAt: context.now,
    producingAgency: 'HUB',
    producingSystem: 'transfer-coordinator',
    producingOrganisation: hubOrganisationId,
    actingUser: context.actor.user,
    correlationId: context.correlationId,
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
}

function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

function meetingRequiredFor(subject: SubjectAtRequest): boolean {
  if (subject.mappa) return subject.mappa.level !== 'LEVEL_1';
  if (subject.ppani) return subject.ppani.riskCategory !== 'CATEGORY_1';
  return false;
}

/** When the awaited step's clock starts: a move from the day expected, a return from its day. */
function clockStart(transfer: Transfer, step: DueStep, now: Date): Date {
  if (step === 'MOVE') return startOfDay(transfer.expectedMoveOn);
  if (step === 'RETURN' && transfer.expectedReturnOn) return startOfDay(transfer.expectedReturnOn);
  return now;
}

function awaiting(transfer: Transfer, now: Date, deadlines: TransferDeadlines): AwaitedStep | null {
  const step = awaitedStep(transfer.state, transfer.kind);
  if (step === null) return null;
  // A step that goes on (consultation begun, consultations recorded) keeps its clock.
  if (transfer.awaiting?.step === step) return transfer.awaiting;
  const since = clockStart(transfer, step, now);
  const { dueAt, strategicAt } = deadlines.dueTimes(
    transfer.sendingJurisdiction,
    transfer.receivingJurisdiction,
    step,
    since,
  );
  return { step, since, dueAt, strategicAt, escalation: 0 };
}

/** The next time a pending item reaches its next escalation, for the sweep's index. */
function nextEscalationOf(
  items: readonly { dueAt: Date; strategicAt: Date; escalation: EscalationReached }[],
): Date | null {
  const times = items.flatMap((item) =>
    item.escalation === 0 ? [item.dueAt] : item.escalation === 1 ? [item.strategicAt] : [],
  );
  return times.length > 0 ? new Date(Math.min(...times.map((time) => time.getTime()))) : null;
}

function pendingItems(
  transfer: Transfer,
): { dueAt: Date; strategicAt: Date; escalation: EscalationReached }[] {
  return [
    ...(transfer.awaiting ? [transfer.awaiting] : []),
    ...transfer.victimLiaison.filter((notice) => notice.acknowledgedAt === null),
  ];
}

/** Recomputes what the indexes query: the next escalation, the next due time, the highest level. */
function withSchedule(transfer: Transfer): Transfer {
  const pending = pendingItems(transfer);
  const dues = pending.map((item) => item.dueAt.getTime());
  const reached = [
    transfer.awaiting?.escalation ?? 0,
    ...transfer.victimLiaison.map((n) => n.escalation),
  ];
  return {
    ...transfer,
    nextEscalationAt: nextEscalationOf(pending),
    nextDueAt: dues.length > 0 ? new Date(Math.min(...dues)) : null,
    escalation: Math.max(transfer.escalation, ...reached) as EscalationReached,
  };
}

/** The transfer as TransferStepRecorded says it after `step`. */
function stepEvent(
  transfer: Transfer,
  step: TransferStep,
  context: WorkflowContext,
  note: string | null,
): OutboxEntry {
  const eventId = namedUuid(`transfer:${transfer._id}:${transfer.version}:${step}`);
  const value: TransferStepRecorded = {
    metadata: metadata(context, eventId),
    nominalId: transfer.nominalId,
    transferId: transfer._id,
    version: transfer.version,
    step,
    state: transfer.state,
    kind: transfer.kind,
    reason: transfer.reason,
    sendingArea: transfer.sendingArea,
    sendingJurisdiction: transfer.sendingJurisdiction,
    receivingArea: transfer.receivingArea,
    receivingJurisdiction: transfer.receivingJurisdiction,
    requestingOrganisation: transfer.requestingOrganisation,
    expectedMoveOn: transfer.expectedMoveOn,
    expectedReturnOn: transfer.expectedReturnOn,
    newAddress: transfer.newAddress,
    receivingTerms: transfer.receivingTerms,
    receivingLeadAgency: transfer.receivingLeadAgency,
    receivingOrganisation: transfer.receivingOrganisation,
    receivingRecordManager: transfer.receivingRecordManager,
    dispute: transfer.dispute,
    effectiveOn: transfer.effectiveOn,
    dueStep: transfer.awaiting?.step ?? null,
    dueAt: transfer.awaiting?.dueAt ?? null,
    note,
  };
  return { eventId, topic: 'transfer.step.recorded.v1', value: { ...value } };
}

/** The organisations of the two areas told of an escalation: those that manage cases there. */
function caseManagingOrganisations(transfer: Transfer, directory: OrganisationDirectory): string[] {
  const managing: readonly Agency[] = ['POLICE', 'PROBATION', 'SOCIAL_WORK'];
  const ids = [transfer.sendingArea, transfer.receivingArea].flatMap((area) =>
    directory
      .servingArea(area)
      .filter((organisation) => managing.includes(organisation.agencyType))
      .map((organisation) => organisation.id),
  );
  return [...new Set(ids)].sort();
}

function escalationEvent(
  transfer: Transfer,
  step: string,
  dueAt: Date,
  level: 1 | 2,
  context: WorkflowContext,
  key: string,
): OutboxEntry {
  const escalation: EscalationLevel =
    level === 1 ? 'MAPPA_COORDINATORS' : 'STRATEGIC_MANAGEMENT_BOARD';
  const eventId = namedUuid(`transfer:${transfer._id}:escalation:${key}:${level}`);
  const value: TransferStepOverdue = {
    metadata: metadata(context, eventId),
    nominalId: transfer.nominalId,
    transferId: transfer._id,
    step,
    state: transfer.state,
    dueAt,
    escalation,
    sendingArea: transfer.sendingArea,
    receivingArea: transfer.receivingArea,
    notifiedOrganisations: caseManagingOrganisations(transfer, context.directory),
  };
  return { eventId, topic: 'transfer.step.overdue.v1', value: { ...value } };
}

/**
 * The organisations whose victim liaison units serve `area`: probation in England and Wales and
 * Northern Ireland, justice social work in Scotland.
 */
export function victimLiaisonOrganisations(
  directory: OrganisationDirectory,
  area: string,
  jurisdiction: Jurisdiction,
): string[] {
  const agency: Agency = jurisdiction === 'SCOTLAND' ? 'SOCIAL_WORK' : 'PROBATION';
  return directory
    .servingArea(area, agency)
    .map((organisation) => organisation.id)
    .sort();
}

/** Tells both areas' victim liaison units, when the person has victims in a scheme. */
function notifyVictimLiaison(
  transfer: Transfer,
  occasion: VictimLiaisonOccasion,
  context: WorkflowContext,
): { notices: VictimLiaisonNotice[]; events: OutboxEntry[] } {
  const contact = transfer.victimContact;
  if (!contact) return { notices: [], events: [] };
  const areas: [string, Jurisdiction][] = [
    [transfer.sendingArea, transfer.sendingJurisdiction],
    [transfer.receivingArea, transfer.receivingJurisdiction],
  ];
  const notices: VictimLiaisonNotice[] = [];
  const events: OutboxEntry[] = [];
  for (const [area, jurisdiction] of areas) {
    const notificationId = namedUuid(`victim-liaison:${transfer._id}:${occasion}:${areaKey(area)}`);
    const { dueAt, strategicAt } = context.deadlines.dueTimes(
      transfer.sendingJurisdiction,
      transfer.receivingJurisdiction,
      'VICTIM_LIAISON_ACKNOWLEDGEMENT',
      context.now,
    );
    const organisations = victimLiaisonOrganisations(context.directory, area, jurisdiction);
    notices.push({
      notificationId,
      occasion,
      area,
      organisations,
      sentAt: context.now,
      dueAt,
      strategicAt,
      escalation: 0,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    const value: VictimLiaisonNotified = {
      metadata: metadata(context, namedUuid(`victim-liaison-event:${notificationId}`)),
      nominalId: transfer.nominalId,
      transferId: transfer._id,
      notificationId,
      occasion,
      area,
      victimContact: contact,
      organisations,
      sendingArea: transfer.sendingArea,
      receivingArea: transfer.receivingArea,
      kind: transfer.kind,
      expectedMoveOn: transfer.expectedMoveOn,
      licenceExclusionZones: transfer.licenceExclusionZones,
      acknowledgementDueAt: dueAt,
    };
    events.push({
      eventId: value.metadata.eventId,
      topic: 'transfer.victim-liaison.notified.v1',
      value: { ...value },
    });
  }
  return { notices, events };
}

/** A new transfer, requested by the managing organisation (the caller has been authorised). */
export function requestTransfer(
  request: TransferRequest,
  subject: SubjectFacts,
  context: WorkflowContext,
): Transfer {
  const receivingJurisdiction = context.directory.jurisdictionOfArea(request.receivingArea);
  if (!receivingJurisdiction) {
    throw new TransferInputError(
      `"${request.receivingArea}" is not a MAPPA or PPANI area of the directory (GET /v1/organisations lists them)`,
    );
  }
  const receivingArea = context.directory.data.mappaAreas.find(
    (area) => areaKey(area.name) === areaKey(request.receivingArea),
  )!.name;
  if (areaKey(receivingArea) === areaKey(subject.managingArea)) {
    throw new TransferInputError(`the person is already managed in ${receivingArea}`);
  }
  if (request.kind === 'TEMPORARY' && !request.expectedReturnOn) {
    throw new TransferInputError(
      'a temporary transfer needs expectedReturnOn, the day the person is expected back',
    );
  }
  if (request.expectedReturnOn && request.expectedReturnOn < request.expectedMoveOn) {
    throw new TransferInputError('expectedReturnOn is before expectedMoveOn');
  }
  const draft: Transfer = {
    _id: request.transferId,
    nominalId: subject.nominalId,
    version: 1,
    state: 'REQUESTED',
    kind: request.kind,
    reason: request.reason,
    sendingArea: subject.managingArea,
    sendingJurisdiction: subject.jurisdiction,
    receivingArea,
    receivingJurisdiction,
    requestingOrganisation: context.actor.organisation,
    requestedBy: context.actor,
    requestedAt: context.now,
    expectedMoveOn: request.expectedMoveOn,
    expectedReturnOn: request.kind === 'TEMPORARY' ? request.expectedReturnOn : null,
    newAddress: request.newAddress,
    licenceExclusionZones: request.licenceExclusionZones ?? noExclusionZoneChange,
    subject: {
      jurisdiction: subject.jurisdiction,
      mappa: subject.mappa,
      ppani: subject.ppani,
      leadAgency: subject.leadAgency,
      recordManager: subject.recordManager,
      latestRiskAssessmentId: subject.latestRiskAssessmentId,
    },
    meetingRequired: meetingRequiredFor(subject),
    receivingTerms: receivingTermsOf(subject, receivingJurisdiction),
    consultations: [],
    receivingLeadAgency: null,
    receivingOrganisation: null,
    receivingRecordManager: null,
    dispute: null,
    effectiveOn: null,
    awaiting: null,
    victimContact: subject.victimContact,
    victimLiaison: [],
    escalation: 0,
    nextEscalationAt: null,
    nextDueAt: null,
    openFor: subject.nominalId,
    sendingAreaKey: areaKey(subject.managingArea),
    receivingAreaKey: areaKey(receivingArea),
    history: [],
    outbox: [],
    updatedAt: context.now,
  };
  const withDue: Transfer = { ...draft, awaiting: awaiting(draft, context.now, context.deadlines) };
  const liaison = notifyVictimLiaison(withDue, 'TRANSFER_REQUESTED', context);
  const requested: Transfer = {
    ...withDue,
    victimLiaison: liaison.notices,
    history: [
      {
        version: 1,
        step: 'REQUESTED',
        state: 'REQUESTED',
        at: context.now,
        by: context.actor,
        note: null,
      },
    ],
  };
  return withSchedule({
    ...requested,
    outbox: [stepEvent(requested, 'REQUESTED', context, null), ...liaison.events],
  });
}

const consultationsNeeded = (transfer: Transfer): ConsultationWith[] => [
  'RECEIVING_POLICE',
  'RECEIVING_LEAD_AGENCY',
  ...(transfer.meetingRequired ? (['MAPPA_MEETING'] as const) : []),
];

/** Who the receiving area has still to consult before it can accept. */
export function consultationsMissing(transfer: Transfer): ConsultationWith[] {
  const done = new Set(transfer.consultations.map((consultation) => consultation.with));
  return consultationsNeeded(transfer).filter((needed) => !done.has(needed));
}

/** What a command changes besides the state, checked against the transfer's facts. */
function commandChanges(
  transfer: Transfer,
  command: TransferCommand,
  input: CommandInput,
  context: WorkflowContext,
): Partial<Transfer> {
  switch (command) {
    case 'record-consultation': {
      if (!input.consultation)
        throw new TransferInputError('a consultation needs `with` and `outcome`');
      const { consultation } = input;
      if (consultation.with === 'MAPPA_MEETING' && !consultation.heldOn) {
        throw new TransferInputError(
          'a MAPPA meeting consultation needs heldOn, the day it was held',
        );
      }
      return {
        consultations: [
          ...transfer.consultations,
          { ...consultation, by: context.actor, at: context.now },
        ],
      };
    }
    case 'accept': {
      if (transfer.state === 'CONSULTATION') {
        const missing = consultationsMissing(transfer);
        if (missing.length > 0) {
          throw new TransferPreconditionError(
            `the receiving area cannot accept before it has consulted: still to record ${missing.join(', ')}` +
              (transfer.meetingRequired
                ? ' (a level 2 or 3 person needs a MAPPA meeting in the receiving area)'
                : ''),
          );
        }
      }
      return { ...acceptanceOf(transfer, input, context), dispute: transfer.dispute };
    }
    case 'dispute': {
      if (!input.dispute)
        throw new TransferInputError('a dispute needs a public-protection reason');
      return {
        dispute: {
          reason: input.dispute.reason,
          riskAssessmentId:
            input.dispute.riskAssessmentId ?? transfer.subject.latestRiskAssessmentId,
          raisedByOrganisation: context.actor.organisation,
        },
      };
    }
    case 'complete': {
      const acceptance = input.acceptance
        ? acceptanceOf(transfer, input, context)
        : {
            receivingLeadAgency: transfer.receivingLeadAgency,
            receivingOrganisation: transfer.receivingOrganisation,
            receivingRecordManager: transfer.receivingRecordManager,
          };
      if (!acceptance.receivingRecordManager || !acceptance.receivingLeadAgency) {
        throw new TransferPreconditionError(
          'the transfer was never accepted: completing it needs the receiving lead agency, organisation and a named record manager',
        );
      }
      return {
        ...acceptance,
        effectiveOn: input.effectiveOn ?? dayOf(context.now),
        ...(input.licenceExclusionZones && { licenceExclusionZones: input.licenceExclusionZones }),
      };
    }
    case 'return':
      return { effectiveOn: input.effectiveOn ?? dayOf(context.now) };
    default:
      return {};
  }
}

function acceptanceOf(
  transfer: Transfer,
  input: CommandInput,
  context: WorkflowContext,
): Pick<Transfer, 'receivingLeadAgency' | 'receivingOrganisation' | 'receivingRecordManager'> {
  if (!input.acceptance) {
    throw new TransferInputError(
      'accepting needs the receiving lead agency, organisation and a named record manager',
    );
  }
  const { leadAgency, organisation, recordManager } = input.acceptance;
  const receiving = context.directory.organisation(organisation);
  if (
    !receiving ||
    receiving.agencyType !== leadAgency ||
    !context.directory.servingArea(transfer.receivingArea, leadAgency).includes(receiving)
  ) {
    throw new TransferInputError(
      `${organisation} is not a ${leadAgency} organisation serving ${transfer.receivingArea}`,
    );
  }
  if (recordManager.agency !== leadAgency) {
    throw new TransferInputError(
      `the record manager must work for the lead agency (${leadAgency})`,
    );
  }
  return {
    receivingLeadAgency: leadAgency,
    receivingOrganisation: organisation,
    receivingRecordManager: recordManager,
  };
}

/** The transfer after `command`, version + 1, with its events in the outbox. */
export function applyCommand(
  transfer: Transfer,
  command: TransferCommand,
  input: CommandInput,
  context: WorkflowContext,
): Transfer {
  const transition = transitionOf(transfer.state, transfer.kind, command);
  const note = input.note ?? null;
  const changed: Transfer = {
    ...transfer,
    ...commandChanges(transfer, command, input, context),
    state: transition.to,
    version: transfer.version + 1,
    updatedAt: context.now,
  };
  const ended = !isOpenTransferState(changed.state);
  const next: Transfer = {
    ...changed,
    awaiting: awaiting(changed, context.now, context.deadlines),
    openFor: ended ? `closed:${transfer._id}` : transfer.openFor,
    history: [
      ...transfer.history,
      {
        version: changed.version,
        step: transition.step,
        state: changed.state,
        at: context.now,
        by: context.actor,
        note,
      },
    ],
  };
  const events = [stepEvent(next, transition.step, context, note)];
  let victimLiaison = next.victimLiaison;
  if (command === 'complete' || command === 'return') {
    const liaison = notifyVictimLiaison(
      next,
      command === 'complete' ? 'TRANSFER_COMPLETED' : 'TEMPORARY_MOVE_ENDED',
      context,
    );
    victimLiaison = [...victimLiaison, ...liaison.notices];
    events.push(...liaison.events);
  }
  if (command === 'dispute') {
    // A dispute does not wait for a deadline: both areas' co-ordinators hear of it at once.
    events.push(
      escalationEvent(next, 'DISPUTE', context.now, 1, context, `dispute:${next.version}`),
    );
  }
  return withSchedule({
    ...next,
    victimLiaison,
    escalation:
      command === 'dispute' ? (Math.max(next.escalation, 1) as EscalationReached) : next.escalation,
    outbox: [...transfer.outbox, ...events],
  });
}

/** A victim liaison unit's acknowledgement: one of its organisations, once. */
export function acknowledgeVictimLiaison(
  transfer: Transfer,
  notificationId: string,
  context: WorkflowContext,
): Transfer {
  const notice = transfer.victimLiaison.find((n) => n.notificationId === notificationId);
  if (!notice)
    throw new TransferInputError(
      `transfer ${transfer._id} has no victim liaison notification ${notificationId}`,
    );
  if (notice.acknowledgedAt) {
    throw new TransferPreconditionError(
      `notification ${notificationId} was acknowledged by ${notice.acknowledgedBy?.user} at ${notice.acknowledgedAt.toISOString()}`,
    );
  }
  const version = transfer.version + 1;
  const next: Transfer = {
    ...transfer,
    version,
    updatedAt: context.now,
    victimLiaison: transfer.victimLiaison.map((n) =>
      n.notificationId === notificationId
        ? { ...n, acknowledgedAt: context.now, acknowledgedBy: context.actor }
        : n,
    ),
    history: [
      ...transfer.history,
      {
        version,
        step: 'VICTIM_LIAISON_ACKNOWLEDGED',
        state: transfer.state,
        at: context.now,
        by: context.actor,
        note: `${notice.area} victim liaison unit (${notice.occasion.replaceAll('_', ' ').toLowerCase()})`,
      },
    ],
  };
  return withSchedule({
    ...next,
    outbox: [
      ...transfer.outbox,
      stepEvent(next, 'VICTIM_LIAISON_ACKNOWLEDGED', context, notificationId),
    ],
  });
}

/**
 * The transfer after escalating every item whose next threshold `now` has passed (the awaited
 * step, unacknowledged victim liaison notifications), or null if none has. An item passing both
 * thresholds at once goes straight to the strategic level, with both events.
 */
export function escalateOverdue(transfer: Transfer, context: WorkflowContext): Transfer | null {
  const events: OutboxEntry[] = [];
  const raise = <T extends { dueAt: Date; strategicAt: Date; escalation: EscalationReached }>(
    item: T,
    step: string,
    key: string,
  ): T => {
    let escalation = item.escalation;
    if (escalation < 1 && item.dueAt <= context.now) {
      escalation = 1;
      events.push(escalationEvent(transfer, step, item.dueAt, 1, context, key));
    }
    if (escalation < 2 && item.strategicAt <= context.now) {
      escalation = 2;
      events.push(escalationEvent(transfer, step, item.dueAt, 2, context, key));
    }
    return escalation === item.escalation ? item : { ...item, escalation };
  };
  const awaited = transfer.awaiting
    ? raise(
        transfer.awaiting,
        transfer.awaiting.step,
        `${transfer.awaiting.step}:${transfer.awaiting.since.toISOString()}`,
      )
    : null;
  const victimLiaison = transfer.victimLiaison.map((notice) =>
    notice.acknowledgedAt
      ? notice
      : raise(notice, 'VICTIM_LIAISON_ACKNOWLEDGEMENT', notice.notificationId),
  );
  if (events.length === 0) return null;
  const version = transfer.version + 1;
  return withSchedule({
    ...transfer,
    version,
    awaiting: awaited,
    victimLiaison,
    updatedAt: context.now,
    history: [
      ...transfer.history,
      {
        version,
        step: 'ESCALATED',
        state: transfer.state,
        at: context.now,
        by: null,
        note: events
          .map((event) => `${String(event.value.step)} overdue: ${String(event.value.escalation)}`)
          .join('; '),
      },
    ],
    outbox: [...transfer.outbox, ...events],
  });
}
