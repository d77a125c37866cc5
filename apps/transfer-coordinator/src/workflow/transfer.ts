import type {
  Address,
  Agency,
  Jurisdiction,
  Practitioner,
  TopicName,
  TransferKind,
  TransferState,
  TransferStep,
  TransferTerms,
  VictimContactScheme,
  VictimLiaisonOccasion,
} from '@hub/contracts';
import type { SendingStanding } from '../cross-border/receiving-terms';
import type { DueStep } from '../deadlines/transfer-deadlines';

/** Who took a step: the authenticated user and their organisation. */
export interface Actor {
  user: string;
  organisation: string;
  agency: Agency;
}

/** None, the MAPPA co-ordinators of both areas, then the strategic management boards. */
export type EscalationReached = 0 | 1 | 2;

/** The step a transfer waits for, and when it is (or was) due. */
export interface AwaitedStep {
  step: DueStep;
  since: Date;
  dueAt: Date;
  strategicAt: Date;
  escalation: EscalationReached;
}

/** Who the receiving area consulted before deciding, and what they said. */
export type ConsultationWith = 'RECEIVING_POLICE' | 'RECEIVING_LEAD_AGENCY' | 'MAPPA_MEETING';

export interface Consultation {
  with: ConsultationWith;
  outcome: string;
  /** For a MAPPA meeting: the day it was held. */
  heldOn: string | null;
  by: Actor;
  at: Date;
}

/** A victim liaison unit told of the transfer, and whether it acknowledged. */
export interface VictimLiaisonNotice {
  notificationId: string;
  occasion: VictimLiaisonOccasion;
  area: string;
  organisations: string[];
  sentAt: Date;
  dueAt: Date;
  strategicAt: Date;
  escalation: EscalationReached;
  acknowledgedAt: Date | null;
  acknowledgedBy: Actor | null;
}

export interface TransferHistoryEntry {
  version: number;
  step: TransferStep | 'ESCALATED';
  state: TransferState;
  at: Date;
  by: Actor | null;
  note: string | null;
}

/** An event to publish with the change that caused it (a transactional outbox in the document). */
export interface OutboxEntry {
  eventId: string;
  topic: TopicName;
  value: Record<string, unknown>;
}

/** The person, as the record stood when the transfer was requested. */
export interface SubjectAtRequest extends SendingStanding {
  leadAgency: Agency;
  recordManager: Practitioner | null;
  latestRiskAssessmentId: string | null;
}

/** A transfer as the coordinator keeps it (collection `transfers`). */
export interface Transfer {
  _id: string;
  nominalId: string;
  version: number;
  state: TransferState;
  kind: TransferKind;
  reason: string;
  sendingArea: string;
  sendingJurisdiction: Jurisdiction;
  receivingArea: string;
  receivingJurisdiction: Jurisdiction;
  requestingOrganisation: string;
  requestedBy: Actor;
  requestedAt: Date;
  expectedMoveOn: string;
  expectedReturnOn: string | null;
  newAddress: Address | null;
  licenceExclusionZones: string;
  subject: SubjectAtRequest;
  /** Level 2 and 3 (and PPANI categories 2 and 3) need a MAPPA meeting in the receiving area. */
  meetingRequired: boolean;
  receivingTerms: TransferTerms;
  consultations: Consultation[];
  receivingLeadAgency: Agency | null;
  receivingOrganisation: string | null;
  receivingRecordManager: Practitioner | null;
  dispute: { reason: string; riskAssessmentId: string | null; raisedByOrganisation: string } | null;
  effectiveOn: string | null;
  awaiting: AwaitedStep | null;
  victimContact: VictimContactScheme | null;
  victimLiaison: VictimLiaisonNotice[];
  /** The highest escalation any step reached (for "escalated" queries). */
  escalation: EscalationReached;
  /** The earliest time a step not yet escalated to its next level gets there; null if none will. */
  nextEscalationAt: Date | null;
  /** The earliest due time of a step still awaited; null if none. */
  nextDueAt: Date | null;
  /** The person's id while the transfer is open (one open transfer per person), `closed:<id>` after. */
  openFor: string;
  sendingAreaKey: string;
  receivingAreaKey: string;
  history: TransferHistoryEntry[];
  outbox: OutboxEntry[];
  updatedAt: Date;
}
