import type {
  ActionItem,
  Address,
  Agency,
  AgencyIdentifier,
  Classification,
  CustodyStatus,
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
  RsoNotificationKind,
  SourceEvaluation,
  SupervisionStatus,
} from '@hub/contracts';

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
  producingSystem: string;
  occurredAt: Date;
  text: string;
  sourceEvaluation: SourceEvaluation;
  intelligenceAssessment: IntelligenceAssessment;
  handlingCode: HandlingCode;
  handlingConditions: string | null;
  disseminationLimits: Agency[];
  classification: Classification;
}

export interface RiskAssessmentItem extends Provenance {
  assessmentId: string;
  tool: RiskAssessmentTool;
  toolName: string | null;
  riskOfSeriousHarm: RiskLevel;
  assessedOn: string;
  nextReviewOn: string | null;
  summary: string | null;
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
  dueBy: string | null;
  /** Notified after the day it was due: a possible breach of the notification requirements. */
  late: boolean;
  details: string | null;
  newAddress: Address | null;
  travel: { destinationCountry: string; departOn: string; returnOn: string | null } | null;
}

export interface AddressItem extends Address {
  recordedBy: Agency;
  eventId: string;
}

/** An order, licence, breach or recall as recorded by probation or criminal-justice social work. */
export interface SupervisionEventItem extends Provenance {
  kind: string;
  orderType: string | null;
  startsOn: string | null;
  endsOn: string | null;
  details: string | null;
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
  gender: Gender;
  identifiers: AgencyIdentifier[];
  mappa: MappaStatus | null;
  management: Management;
  addresses: AddressItem[];
  custody: CustodyStatus | null;
  supervision: SupervisionStatus | null;
  supervisionEvents: SupervisionEventItem[];
  restrictedPatient: RestrictedPatientStatus | null;
  riskAssessments: RiskAssessmentItem[];
  riskManagementPlans: RiskManagementPlanItem[];
  notifications: NotificationItem[];
  intelligence: IntelligenceItem[];
  meetings: MeetingItem[];
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
  nominalId: string;
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
