import type {
  ActionItem,
  Address,
  Agency,
  AgencyIdentifier,
  ArrangementsLeftReason,
  Classification,
  ComplianceActionKind,
  CustodyEventKind,
  CustodyStatus,
  CustodyType,
  Jurisdiction,
  MappaCategory,
  MappaCategoryBasis,
  PpaniEligibility,
  PpaniRiskCategory,
  PpaniStatus,
  RecordConflict,
  ReleaseType,
  RestrictedPatientEventKind,
  SupervisionEventKind,
  Gender,
  HandlingCode,
  IntelligenceAssessment,
  Management,
  MappaLevel,
  MappaStatus,
  NominalStatus,
  PersonName,
  Practitioner,
  RestrictedPatientStatus,
  RiskAssessmentTool,
  RiskLevel,
  RiskNeedLevel,
  ReconvictionPrediction,
  SeriousHarmRating,
  DynamicFactorPriorities,
  RsoNotificationKind,
  SourceEvaluation,
  SupervisionStatus,
  TransferKind,
  TransferState,
  TransferStep,
} from '@hub/contracts';

import type {
  CivilOrderItem,
  NotificationRequirementItem,
  NotificationStatus,
  OverdueNotification,
} from './notification-requirement.documents';
import type { EligibilityStatus } from '../projections/mappa-eligibility';

/** Who said a fact, and when: kept with every item of the record that a partner agency supplied. */
export interface Provenance {
  eventId: string;
  recordedBy: Agency;
  occurredAt: Date;
}

/** An intelligence item as the canonical record keeps it. */
export interface IntelligenceItem {
  eventId: string;
  sharedBy: Agency;
  /** The organisation that shared it (directory id); absent or null on items shared before the hub knew organisations. */
  sharedByOrganisation?: string | null;
  producingSystem: string;
  occurredAt: Date;
  text: string;
  sourceEvaluation: SourceEvaluation;
  intelligenceAssessment: IntelligenceAssessment;
  handlingCode: HandlingCode;
  handlingConditions: string | null;
  disseminationLimits: Agency[];
  classification: Classification;
  /*
   * The three below are absent on items recorded before IntelligenceShared carried them (treat
   * absent as null): the originator's own facts about the intelligence, for its review.
   */
  /** The day the originator obtained it. */
  obtainedOn?: string | null;
  /** The originator's reference for it, to quote back. */
  originatorReference?: string | null;
  /** When the originator next reviews it; the hub never derives one. */
  reviewOn?: string | null;
}

export interface RiskAssessmentItem extends Provenance {
  assessmentId: string;
  tool: RiskAssessmentTool;
  toolName: string | null;
  /** The overall level, for a tool that rates risk of serious harm; see risk-assessments.ts. */
  riskOfSeriousHarm: RiskLevel | null;
  assessedOn: string;
  nextReviewOn: string | null;
  summary: string | null;
  /*
   * Each tool in its own terms. Absent on items recorded before RiskAssessmentRecorded carried
   * them (treat absent as empty or null).
   */
  /** OASys: the risk of serious harm per group and setting. */
  seriousHarmByGroup?: SeriousHarmRating[];
  /** RM2000, OGRS3, OVP, OSP: reconviction predictions, never read as risk of serious harm. */
  reconviction?: ReconvictionPrediction[];
  /** LS/CMI: the general risk/need level. */
  riskNeedLevel?: RiskNeedLevel | null;
  /** ARMS: the priorities of work on risk and protective factors. */
  dynamicPriorities?: DynamicFactorPriorities | null;
}

export interface RiskManagementPlanItem extends Provenance {
  planId: string;
  planVersion: number;
  summary: string;
  actions: ActionItem[];
  reviewOn: string | null;
}

export interface MeetingItem extends Provenance {
  meetingId: string;
  level: MappaLevel;
  heldOn: string;
  chair: Practitioner | null;
  attendees: Practitioner[];
  minutes: string;
  actions: ActionItem[];
  nextMeetingOn: string | null;
}

export interface NotificationItem extends Provenance {
  notificationId: string;
  kind: RsoNotificationKind;
  notifiedOn: string;
  /** The day of the change notified, as the producer said (the hub's deadline runs from it). */
  changedOn: string | null;
  /** The last day it was due, as the hub works it out; the producer's, only when the hub cannot. */
  dueBy: string | null;
  /** How `dueBy` was worked out (the rule and its source), so that a reader can check it. */
  dueByRule: string | null;
  /** The last day it was due as the producing system said, kept to show where the two disagree. */
  producerDueBy: string | null;
  /** Notified after the day it was due: a possible breach of the notification requirements. */
  late: boolean;
  details: string | null;
  newAddress: Address | null;
  travel: { destinationCountry: string; departOn: string; returnOn: string | null } | null;
}

/**
 * An action the police recorded about the person's compliance (missing, found, a caution or
 * conviction for a breach). The police identify it: a re-sent action replaces what it said.
 */
export interface ComplianceActionItem extends Provenance {
  actionId: string;
  kind: ComplianceActionKind;
  occurredOn: string;
  /** For an order breach, the police system's id for the order breached. */
  orderId: string | null;
  sentencedToCustody: boolean;
  details: string | null;
}

export interface AddressItem extends Address {
  recordedBy: Agency;
  eventId: string;
}

/**
 * A fact that changes a current state (custody, supervision, MAPPA category...). The state is
 * derived from all of them in the order of the day each took effect, never from the order they
 * arrived in; the producing system tells a correction (same system, same day) from a
 * contradiction (two systems, same day).
 */
export interface StateFact extends Provenance {
  producingSystem: string;
  /** The day the fact took effect (the event's own date, else the day it occurred in the UK). */
  effectiveOn: string;
}

/** An order, licence, breach or recall as recorded by probation or criminal-justice social work. */
export interface SupervisionEventItem extends StateFact {
  kind: SupervisionEventKind;
  orderType: string | null;
  startsOn: string | null;
  endsOn: string | null;
  details: string | null;
}

export interface CustodyEventItem extends StateFact {
  kind: CustodyEventKind;
  establishment: string;
  previousEstablishment: string | null;
  releaseDate: string | null;
  releaseType: ReleaseType | null;
  custodyType: CustodyType | null;
  licenceExpiryOn: string | null;
  sentenceExpiryOn: string | null;
}

export interface RestrictedPatientEventItem extends StateFact {
  kind: RestrictedPatientEventKind;
  hospital: string | null;
  legalBasis: string | null;
  details: string | null;
}

/** One assignment of the person's management (the registration's is the first). */
export interface ManagementItem extends StateFact {
  management: Management;
  /**
   * The management the record was registered (or, for an older record, stored) with: it stands
   * until any assignment, whatever their dates.
   */
  initial?: boolean;
}

/**
 * One transfer of the person's management to another area, at the latest step the registry
 * applied (the transfer coordinator holds the rest of it). Steps of one transfer may arrive out of
 * order across restarts and replays: `version` tells which is the latest.
 */
export interface TransferItem extends Provenance {
  transferId: string;
  /** The transfer's version after the step (steps of one transfer are numbered from 1). */
  version: number;
  step: TransferStep;
  state: TransferState;
  kind: TransferKind;
  sendingArea: string;
  receivingArea: string;
  receivingJurisdiction: Jurisdiction;
}

/** The transfer under way, as the record shows it (`NominalChanged.openTransfer`, and its version). */
export interface OpenTransferItem {
  transferId: string;
  /** The version of the transfer the record holds: an older step does not overwrite it. */
  version: number;
  state: TransferState;
  kind: TransferKind;
  receivingArea: string;
  receivingJurisdiction: Jurisdiction;
}

/** One decision about the arrangements a person is managed under: the category history. */
export type ArrangementsItem = StateFact &
  (
    | {
        kind: 'MAPPA';
        category: MappaCategory;
        level: MappaLevel;
        jurisdiction: Jurisdiction;
        basis: MappaCategoryBasis | null;
        reviewOn: string | null;
        reason: string | null;
      }
    | {
        kind: 'PPANI';
        eligibility: PpaniEligibility;
        riskCategory: PpaniRiskCategory;
        reviewOn: string | null;
        reason: string | null;
      }
    | { kind: 'LEFT'; leftReason: ArrangementsLeftReason; details: string | null }
  );

/**
 * What a merge brought a survivor, so that data governance can undo it: the records it absorbed,
 * what it added to the survivor's identity, and the events it (and later events addressed to an
 * absorbed record) added to the survivor's lists.
 */
export interface MergeLedgerEntry {
  /** The record the merge retired. */
  nominalId: string;
  /** The retired record and the records merged into it before. */
  absorbed: string[];
  eventId: string;
  mergedAt: Date;
  aliasesAdded: PersonName[];
  aliasDatesOfBirthAdded: string[];
  identifiersAdded: AgencyIdentifier[];
  /** Events of the retired record whose items joined the survivor's. */
  itemEventIds: string[];
  /** Events addressed to an absorbed record after the merge, applied to the survivor. */
  redirectedEventIds: string[];
  /** Whether one of them changed the survivor's names, identifiers or management. */
  identityChangedSince: boolean;
  /** The survivor's status before the merge (a merge re-activates an archived survivor). */
  statusBefore: NominalStatus;
  archiveBefore: NominalDocument['archive'];
}

/**
 * What duplicate matching looks a record up by, derived from its identifiers with every change (the
 * search API's keys are in the search read model, `nominal_search`).
 */
export interface RecordMatchKeys {
  /** Every agency identifier's value, normalised (upper case, no spaces). */
  identifierValues: string[];
}

/** The canonical record of one person, in the `nominals` collection. */
export interface NominalDocument {
  _id: string;
  /** Incremented by every applied event; the changed-record topic carries it too. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The event that produced this version. */
  lastEventId: string;
  /**
   * Which write made this version (one id per batch write): how a writer tells its conditional
   * write from another writer's that produced the same version from other events.
   */
  writeId: string;
  status: NominalStatus;
  archive: { reason: string; archivedAt: Date; archivedBy: string | null } | null;
  /** For a record merged into another: the record that holds this person now. */
  mergedInto: string | null;
  /** Records merged into this one; their histories are part of this record's timeline. */
  mergedFrom: string[];
  /** Records a record manager linked to this one (related, kept apart). */
  linkedNominals: string[];
  registeredBy: Agency;
  name: PersonName;
  aliases: PersonName[];
  dateOfBirth: string;
  /**
   * Other dates of birth the person is known by (given to one agency, a former date corrected
   * since): duplicate matching matches on them as on the date of birth.
   */
  aliasDatesOfBirth: string[];
  gender: Gender;
  identifiers: AgencyIdentifier[];
  mappa: MappaStatus | null;
  ppani: PpaniStatus | null;
  /** Every category, level and PPANI decision and every departure from the arrangements. */
  arrangementsHistory: ArrangementsItem[];
  /** Derived: the assignment with the latest effective day. */
  management: Management;
  /** Every assignment of the person's management, the registration's first (and completed transfers). */
  managementHistory: ManagementItem[];
  /** Every transfer of the person's management, each at the latest step applied. */
  transfers: TransferItem[];
  /**
   * Derived (transfer-status.ts): the transfer that has not ended yet, if any. During interim
   * co-management its receiving area co-manages the person.
   */
  openTransfer: OpenTransferItem | null;
  addresses: AddressItem[];
  /**
   * Derived (current-address.ts): where the person lives today, the current main residence; a
   * second home or a temporary stay only when no main residence is current.
   */
  currentAddress: AddressItem | null;
  /** Derived: every other address current today (second homes, temporary stays), latest first. */
  otherCurrentAddresses: AddressItem[];
  custody: CustodyStatus | null;
  custodyEvents: CustodyEventItem[];
  supervision: SupervisionStatus | null;
  supervisionEvents: SupervisionEventItem[];
  restrictedPatient: RestrictedPatientStatus | null;
  restrictedPatientEvents: RestrictedPatientEventItem[];
  riskAssessments: RiskAssessmentItem[];
  riskManagementPlans: RiskManagementPlanItem[];
  notifications: NotificationItem[];
  /** What makes the person subject to the notification requirements (police), with derived periods. */
  notificationRequirements: NotificationRequirementItem[];
  /** Derived: subject to the notification requirements or not, until when; null if none known. */
  notificationStatus: NotificationStatus | null;
  /**
   * Derived (mappa-eligibility.ts): until when the facts recorded keep the person eligible for
   * MAPPA; null when no fact says. An archive review is raised when it ends.
   */
  eligibility: EligibilityStatus | null;
  /** Derived: notifications owed and not made. */
  overdueNotifications: OverdueNotification[];
  /** SHPOs, SROs, notification orders and the NI and Scottish orders, current and past. */
  civilOrders: CivilOrderItem[];
  /** Reports of going missing and being found, cautions and convictions for breaches, by day. */
  complianceActions: ComplianceActionItem[];
  intelligence: IntelligenceItem[];
  meetings: MeetingItem[];
  /** What each merge into this record brought it, for undoing a wrong merge. */
  merges: MergeLedgerEntry[];
  /**
   * Contradictions a merge brought that no rule decides (date of birth, management): kept until a
   * later fact about the field settles them.
   */
  mergeConflicts: RecordConflict[];
  /** Every contradiction the record holds: derived from its facts, and those of merges. */
  conflicts: RecordConflict[];
  /**
   * The next day a derived fact changes with no event (an address ends, a notification falls due):
   * the registry re-derives the record then, so that the changed-record topic does not go stale.
   */
  rederiveOn: string | null;
  search: RecordMatchKeys;
  /**
   * Which events the record already contains, and the version each produced: the guard that makes
   * applying an event idempotent within one single-document write (no transactions on FerretDB).
   */
  appliedEvents: { eventId: string; version: number }[];
}

/** The part of a record a projection decides; the store keeps the bookkeeping fields. */
export type NominalContent = Omit<
  NominalDocument,
  | '_id'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'lastEventId'
  | 'writeId'
  | 'appliedEvents'
  | 'search'
>;

/** One applied event in the append-only `nominal_history` collection. */
export interface HistoryDocument {
  /** The event id; `<eventId>@<nominalId>` for the second record an event changes (merge, link). */
  _id: string;
  eventId: string;
  /** The record the event is about: the one it was addressed to, even if merged into another. */
  nominalId: string;
  /**
   * For an event addressed to a record merged into another, the survivor that took it (and whose
   * version `nominalVersion` is); absent otherwise. An unmerge gives the entry back to its record.
   */
  appliedTo?: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  schemaId: number;
  /** The W3C trace context the event arrived with, linking the entry to the request that caused it. */
  traceparent: string | null;
  occurredAt: Date;
  recordedAt: Date;
  producingAgency: Agency;
  producingSystem: string;
  /** The producing organisation (directory id); absent or null on entries recorded before the hub knew organisations. */
  producingOrganisation?: string | null;
  actingUser: string | null;
  correlationId: string;
  causationId: string | null;
  classification: Classification;
  /** The record version this event produced. */
  nominalVersion: number;
  /** One line a practitioner can read in the timeline. */
  summary: string;
  /** The event's own fields (its metadata is above). */
  details: Record<string, unknown>;
}
