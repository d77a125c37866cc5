// Generated from schemas/ by `npm run codegen`; do not edit. A unit test fails when it is stale.

/** An action agreed for managing a person's risk, and who owns it. */
export interface ActionItem {
  /** What is to be done. */
  description: string;
  /** The agency responsible for the action. */
  ownerAgency: Agency;
  /** The practitioner responsible, if one is named. */
  ownerName: null | string;
  /** The day the action is due by, if it has one. */
  dueOn: null | string;
}

/** The MAPPA responsible and duty-to-co-operate agencies that exchange records through the hub. */
export type Agency = 'POLICE' | 'PRISON' | 'PROBATION' | 'SOCIAL_WORK' | 'HEALTH' | 'HUB';
export const AgencySymbols = [
  'POLICE',
  'PRISON',
  'PROBATION',
  'SOCIAL_WORK',
  'HEALTH',
  'HUB',
] as const satisfies readonly Agency[];

/** An address a person lives or stays at, for a period. */
export interface Address {
  /** The producing system's id for the address, so that a later event can correct or end it (by recording the same addressId again, with `to` set). */
  addressId: string;
  /** What kind of address it is. */
  type: AddressType;
  /** The address lines before the town, in order; empty for NO_FIXED_ABODE. */
  lines: string[];
  /** The town or city; for NO_FIXED_ABODE, where the person is known to stay. */
  town: string;
  /** The postcode, if the address has one. */
  postcode: null | string;
  /** The MAPPA area the address is in, e.g. "Greater Manchester", "Lothian and Borders". */
  area: string;
  /** The jurisdiction the address is in. */
  jurisdiction: Jurisdiction;
  /** The first day the person lives or stays at the address. */
  from: string;
  /** The last day at the address; null while it is current. */
  to: null | string;
}

/** What kind of address it is. */
export type AddressType =
  | 'HOME'
  | 'SECOND_HOME'
  | 'TEMPORARY'
  | 'APPROVED_PREMISES'
  | 'CUSTODY'
  | 'HOSPITAL'
  | 'NO_FIXED_ABODE'
  | 'OTHER';
export const AddressTypeSymbols = [
  'HOME',
  'SECOND_HOME',
  'TEMPORARY',
  'APPROVED_PREMISES',
  'CUSTODY',
  'HOSPITAL',
  'NO_FIXED_ABODE',
  'OTHER',
] as const satisfies readonly AddressType[];

/** The UK legal jurisdictions, each with its own MAPPA legislation and guidance. */
export type Jurisdiction = 'ENGLAND_AND_WALES' | 'SCOTLAND' | 'NORTHERN_IRELAND';
export const JurisdictionSymbols = [
  'ENGLAND_AND_WALES',
  'SCOTLAND',
  'NORTHERN_IRELAND',
] as const satisfies readonly Jurisdiction[];

/** An identifier that an agency's system holds the person under. */
export interface AgencyIdentifier {
  /** What kind of identifier the value is. */
  type: AgencyIdentifierType;
  /** The identifier, as the issuing system writes it. */
  value: string;
  /** The agency whose system issued the identifier. */
  issuedBy: Agency;
}

/** The kinds of identifier the hub links to a nominal. */
export type AgencyIdentifierType =
  | 'PNC_ID'
  | 'CRO_NUMBER'
  | 'PRISON_NUMBER'
  | 'NHS_NUMBER'
  | 'HEALTH_CASE_REFERENCE'
  | 'SOCIAL_WORK_CASE_REFERENCE'
  | 'PROBATION_CASE_REFERENCE'
  | 'NATIONAL_INSURANCE_NUMBER';
export const AgencyIdentifierTypeSymbols = [
  'PNC_ID',
  'CRO_NUMBER',
  'PRISON_NUMBER',
  'NHS_NUMBER',
  'HEALTH_CASE_REFERENCE',
  'SOCIAL_WORK_CASE_REFERENCE',
  'PROBATION_CASE_REFERENCE',
  'NATIONAL_INSURANCE_NUMBER',
] as const satisfies readonly AgencyIdentifierType[];

/** Carried by every event on the hub: who said what, when, and how it may be handled. */
export interface EventMetadata {
  /** Unique per fact; the idempotency key. A re-sent event keeps its id. */
  eventId: string;
  /** When the fact happened in the producing system. */
  occurredAt: Date;
  producingAgency: Agency;
  /** The agency system that published the event. */
  producingSystem: string;
  /** The practitioner who caused the event, as the producing system identifies them. */
  actingUser: null | string;
  /** Shared by every event of one business interaction. */
  correlationId: string;
  /** The event id this event was caused by, if any. */
  causationId: null | string;
  classification: Classification;
}

/** Government Security Classification of the content. */
export type Classification = 'OFFICIAL' | 'OFFICIAL_SENSITIVE';
export const ClassificationSymbols = [
  'OFFICIAL',
  'OFFICIAL_SENSITIVE',
] as const satisfies readonly Classification[];

/** The MAPPA category of a person, by number. The jurisdiction-specific names are derived by the registry; category 4 (terrorist and terrorism-risk offenders) exists in England & Wales only. */
export type MappaCategory = 'CATEGORY_1' | 'CATEGORY_2' | 'CATEGORY_3' | 'CATEGORY_4';
export const MappaCategorySymbols = [
  'CATEGORY_1',
  'CATEGORY_2',
  'CATEGORY_3',
  'CATEGORY_4',
] as const satisfies readonly MappaCategory[];

/** The MAPPA management level: 1 ordinary agency management by the lead agency, 2 and 3 active multi-agency management through MAPPA meetings, 3 needing senior representation. */
export type MappaLevel = 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3';
export const MappaLevelSymbols = [
  'LEVEL_1',
  'LEVEL_2',
  'LEVEL_3',
] as const satisfies readonly MappaLevel[];

/** A name a person is or has been known by. */
export interface PersonName {
  /** Given names in order; empty if none are known. */
  givenNames: string[];
  /** The family name (surname). */
  familyName: string;
}

/** A practitioner of a MAPPA agency: a record manager, supervising officer or meeting attendee. */
export interface Practitioner {
  /** The practitioner's name. */
  name: string;
  /** The agency the practitioner works for. */
  agency: Agency;
  /** Their role, e.g. "Offender Manager", "Detective Sergeant". */
  role: null | string;
  /** How to contact them (a work telephone number or secure email). */
  contact: null | string;
}

/** A restricted patient is detained in hospital, moved, discharged or recalled. */
export interface RestrictedPatientEventRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** What happened. */
  kind: RestrictedPatientEventKind;
  /** The hospital the patient is in after the event; null once discharged. */
  hospital: null | string;
  /** The legal basis of the detention, e.g. "Mental Health Act 1983 s37/41". */
  legalBasis: null | string;
  /** The day the event took effect. */
  effectiveOn: string;
  /** Details, as free text. */
  details: null | string;
}

/** What happened to a restricted patient. */
export type RestrictedPatientEventKind =
  'DETAINED' | 'TRANSFERRED' | 'CONDITIONALLY_DISCHARGED' | 'RECALLED' | 'ABSOLUTELY_DISCHARGED';
export const RestrictedPatientEventKindSymbols = [
  'DETAINED',
  'TRANSFERRED',
  'CONDITIONALLY_DISCHARGED',
  'RECALLED',
  'ABSOLUTELY_DISCHARGED',
] as const satisfies readonly RestrictedPatientEventKind[];

/** An address of a person is recorded, corrected or ended (an address id recorded before replaces that address). */
export interface AddressRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The address as it now stands. */
  address: Address;
}

/** An agency links an identifier its system holds the person under to the nominal. */
export interface AgencyIdentifierLinked {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The identifier linked. */
  identifier: AgencyIdentifier;
}

/** A person's MAPPA category and management level are set or changed. */
export interface MappaCategoryAndLevelSet {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The MAPPA category. */
  category: MappaCategory;
  /** The management level. */
  level: MappaLevel;
  /** The jurisdiction whose arrangements the category and level belong to. */
  jurisdiction: Jurisdiction;
  /** Why the category or level was set or changed. */
  reason: null | string;
  /** When the category and level are next to be reviewed. */
  reviewOn: null | string;
}

/** A MAPPA meeting about a person (at level 2 or 3) is held. */
export interface MappaMeetingHeld {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The id of the meeting in the system that minuted it. */
  meetingId: string;
  /** The level the meeting was held at. */
  level: MappaLevel;
  /** The day the meeting was held. */
  heldOn: string;
  /** Who chaired the meeting. */
  chair: null | Practitioner;
  /** Who attended the meeting. */
  attendees: Practitioner[];
  /** The minutes of the meeting. Their dissemination is limited: the registry serves them only through its query API. */
  minutes: string;
  /** The actions the meeting agreed. */
  actions: ActionItem[];
  /** When the next meeting is to be held. */
  nextMeetingOn: null | string;
}

/** A person comes under MAPPA and is registered with the hub: the first event of every nominal. */
export interface NominalRegistered {
  metadata: EventMetadata;
  /** The hub id given to the person. */
  nominalId: string;
  /** The name the person is managed under. */
  name: PersonName;
  /** Other names the person is known by. */
  aliases: PersonName[];
  /** The person's date of birth. */
  dateOfBirth: string;
  /** The person's gender. */
  gender: Gender;
  /** The identifiers the agencies already hold the person under. */
  identifiers: AgencyIdentifier[];
  /** The agency leading the person's management. */
  leadAgency: Agency;
  /** The MAPPA area managing the person, e.g. "Greater Manchester", "Lothian and Borders". */
  managingArea: string;
  /** The jurisdiction whose MAPPA manage the person. */
  jurisdiction: Jurisdiction;
}

/** A person's gender as the agencies record it. */
export type Gender = 'MALE' | 'FEMALE' | 'OTHER' | 'NOT_KNOWN';
export const GenderSymbols = [
  'MALE',
  'FEMALE',
  'OTHER',
  'NOT_KNOWN',
] as const satisfies readonly Gender[];

/** A person's personal details change or are corrected. A null field is unchanged, an empty list adds or removes nothing. */
export interface PersonalDetailsChanged {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The new name the person is managed under; null if unchanged. */
  name: null | PersonName;
  /** Names the person is now also known by. */
  aliasesAdded: PersonName[];
  /** Aliases that were recorded in error or no longer apply. */
  aliasesRemoved: PersonName[];
  /** The corrected date of birth; null if unchanged. */
  dateOfBirth: null | string;
  /** The new gender; null if unchanged. */
  gender: null | Gender;
  /** Why the details changed, e.g. "deed poll", "data error". */
  reason: null | string;
}

/** Management of a person is assigned or transferred; the assignment replaces the previous one whole. */
export interface RecordManagementAssigned {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The agency leading the person's management. */
  leadAgency: Agency;
  /** The MAPPA area managing the person, e.g. "Greater Manchester", "Lothian and Borders". */
  managingArea: string;
  /** The jurisdiction of the managing area. */
  jurisdiction: Jurisdiction;
  /** The practitioner of the lead agency who manages the record. */
  recordManager: Practitioner;
  /** Practitioners of other agencies who manage the person with the record manager. */
  coManagers: Practitioner[];
}

/** A structured risk assessment of a person is completed. */
export interface RiskAssessmentRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The assessing agency's id for the assessment. */
  assessmentId: string;
  /** The tool the assessment was made with. */
  tool: RiskAssessmentTool;
  /** The name of the tool when it is OTHER. */
  toolName: null | string;
  /** The overall risk of serious harm the assessment found. */
  riskOfSeriousHarm: RiskLevel;
  /** The day the assessment was completed. */
  assessedOn: string;
  /** When the assessment is next to be reviewed. */
  nextReviewOn: null | string;
  /** A short summary of the assessment's findings. */
  summary: null | string;
}

/** The assessment tool: OASys (Offender Assessment System), Risk Matrix 2000, ARMS (Active Risk Management System), SARN (Structured Assessment of Risk and Need), LS/CMI (Level of Service/Case Management Inventory), Stable and Acute 2007, HCR-20, or another named in toolName. */
export type RiskAssessmentTool =
  'OASYS' | 'RM2000' | 'ARMS' | 'SARN' | 'LSCMI' | 'SA07' | 'HCR20' | 'OTHER';
export const RiskAssessmentToolSymbols = [
  'OASYS',
  'RM2000',
  'ARMS',
  'SARN',
  'LSCMI',
  'SA07',
  'HCR20',
  'OTHER',
] as const satisfies readonly RiskAssessmentTool[];

/** A level of risk of serious harm. */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';
export const RiskLevelSymbols = [
  'LOW',
  'MEDIUM',
  'HIGH',
  'VERY_HIGH',
] as const satisfies readonly RiskLevel[];

/** A version of a person's risk management plan is published; it replaces the earlier versions of the same plan. */
export interface RiskManagementPlanPublished {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The lead agency's id for the plan, the same for all its versions. */
  planId: string;
  /** The plan's own version, from 1, increasing with every version published. */
  planVersion: number;
  /** The plan, summarised. */
  summary: string;
  /** The actions the plan sets. */
  actions: ActionItem[];
  /** When the plan is next to be reviewed. */
  reviewOn: null | string;
}

/** The police share a piece of intelligence about a nominal with MAPPA partner agencies. */
export interface IntelligenceShared {
  metadata: EventMetadata;
  /** The hub id of the person the intelligence is about. */
  nominalId: string;
  /** The intelligence itself, as free text. */
  text: string;
  sourceEvaluation: SourceEvaluation;
  intelligenceAssessment: IntelligenceAssessment;
  handlingCode: HandlingCode;
  /** The conditions of handling code C. */
  handlingConditions: null | string;
  /** The agencies the intelligence may be passed to; empty means every agency entitled to the topic. */
  disseminationLimits: Agency[];
}

/** 3x5x2 grading, source evaluation: 1 reliable, 2 untested, 3 not reliable. */
export type SourceEvaluation = 'RELIABLE' | 'UNTESTED' | 'NOT_RELIABLE';
export const SourceEvaluationSymbols = [
  'RELIABLE',
  'UNTESTED',
  'NOT_RELIABLE',
] as const satisfies readonly SourceEvaluation[];

/** 3x5x2 grading, intelligence assessment A to E. */
export type IntelligenceAssessment =
  | 'KNOWN_DIRECTLY'
  | 'KNOWN_INDIRECTLY_CORROBORATED'
  | 'KNOWN_INDIRECTLY'
  | 'NOT_KNOWN'
  | 'SUSPECTED_FALSE';
export const IntelligenceAssessmentSymbols = [
  'KNOWN_DIRECTLY',
  'KNOWN_INDIRECTLY_CORROBORATED',
  'KNOWN_INDIRECTLY',
  'NOT_KNOWN',
  'SUSPECTED_FALSE',
] as const satisfies readonly IntelligenceAssessment[];

/** 3x5x2 grading, handling code: P lawful sharing permitted, C lawful sharing permitted with conditions. */
export type HandlingCode = 'P' | 'C';
export const HandlingCodeSymbols = ['P', 'C'] as const satisfies readonly HandlingCode[];

/** The police receive a notification from a registered sex offender under the notification requirements. */
export interface RsoNotificationReceived {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The police system's id for the notification. */
  notificationId: string;
  /** What was notified. */
  kind: RsoNotificationKind;
  /** The day the notification was made. */
  notifiedOn: string;
  /** The last day the notification was due (for a change, 3 days after it), so that a late notification shows; null if not recorded. */
  dueBy: null | string;
  /** What the notification said, as free text. */
  details: null | string;
  /** The address notified, for an address notification. */
  newAddress: null | Address;
  /** The travel notified, for FOREIGN_TRAVEL. */
  travel: null | ForeignTravel;
}

/** What a registered sex offender notifies. */
export type RsoNotificationKind =
  | 'INITIAL'
  | 'ANNUAL'
  | 'ADDRESS_CHANGE'
  | 'FOREIGN_TRAVEL'
  | 'STAY_AWAY_FROM_HOME'
  | 'HOUSEHOLD_WITH_CHILD'
  | 'IDENTITY_DOCUMENT'
  | 'FINANCIAL_DETAILS'
  | 'OTHER';
export const RsoNotificationKindSymbols = [
  'INITIAL',
  'ANNUAL',
  'ADDRESS_CHANGE',
  'FOREIGN_TRAVEL',
  'STAY_AWAY_FROM_HOME',
  'HOUSEHOLD_WITH_CHILD',
  'IDENTITY_DOCUMENT',
  'FINANCIAL_DETAILS',
  'OTHER',
] as const satisfies readonly RsoNotificationKind[];

/** Travel abroad that a registered sex offender notifies. */
export interface ForeignTravel {
  /** The country travelled to. */
  destinationCountry: string;
  /** The day of departure from the UK. */
  departOn: string;
  /** The day of return to the UK, if known. */
  returnOn: null | string;
}

/** A person is admitted to, moved between or released from custody, or their release date is set. */
export interface CustodyEventRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** What happened. */
  kind: CustodyEventKind;
  /** The establishment the person is in after the event; for RELEASED, the one released from. */
  establishment: string;
  /** For ESTABLISHMENT_TRANSFERRED, the establishment transferred from. */
  previousEstablishment: null | string;
  /** For RELEASE_DATE_SET the date set; for RELEASED the day of release. */
  releaseDate: null | string;
  /** For RELEASE_DATE_SET and RELEASED, how the person is released. */
  releaseType: null | ReleaseType;
  /** The person's prison number, if they have one. */
  prisonNumber: null | string;
}

/** What happened in custody. */
export type CustodyEventKind =
  'ADMITTED' | 'RELEASE_DATE_SET' | 'RELEASED' | 'ESTABLISHMENT_TRANSFERRED';
export const CustodyEventKindSymbols = [
  'ADMITTED',
  'RELEASE_DATE_SET',
  'RELEASED',
  'ESTABLISHMENT_TRANSFERRED',
] as const satisfies readonly CustodyEventKind[];

/** How a person leaves custody. */
export type ReleaseType = 'LICENCE' | 'SENTENCE_EXPIRY' | 'BAIL' | 'REMAND_ENDED' | 'OTHER';
export const ReleaseTypeSymbols = [
  'LICENCE',
  'SENTENCE_EXPIRY',
  'BAIL',
  'REMAND_ENDED',
  'OTHER',
] as const satisfies readonly ReleaseType[];

/** A court order or licence under which a person is supervised in the community starts, ends, is breached or leads to recall. */
export interface SupervisionEventRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** What happened. */
  kind: SupervisionEventKind;
  /** The order or licence, e.g. "Community Payback Order", "Sexual Harm Prevention Order", "Life licence". */
  orderType: null | string;
  /** The day the order or licence starts. */
  startsOn: null | string;
  /** The day the order or licence ends or ended. */
  endsOn: null | string;
  /** Details, e.g. of a breach, as free text. */
  details: null | string;
  /** The officer supervising the person. */
  supervisingOfficer: null | Practitioner;
}

/** What happened in supervision. */
export type SupervisionEventKind =
  'ORDER_STARTED' | 'ORDER_ENDED' | 'LICENCE_STARTED' | 'LICENCE_ENDED' | 'BREACH' | 'RECALL';
export const SupervisionEventKindSymbols = [
  'ORDER_STARTED',
  'ORDER_ENDED',
  'LICENCE_STARTED',
  'LICENCE_ENDED',
  'BREACH',
  'RECALL',
] as const satisfies readonly SupervisionEventKind[];

/** A suspected duplicate pair of nominals is resolved. For MERGED, the event's nominalId is the record that is retired and redirected to otherNominalId, the survivor; for LINKED both records stay and reference each other; NOT_DUPLICATE changes neither. */
export interface DuplicateResolved {
  metadata: EventMetadata;
  /** The hub id of one record of the pair; for MERGED, the one retired. */
  nominalId: string;
  /** The hub id of the other record; for MERGED, the survivor. */
  otherNominalId: string;
  /** The decision. */
  decision: DuplicateDecision;
  /** Why. */
  reason: string;
}

/** How a suspected duplicate is resolved. */
export type DuplicateDecision = 'LINKED' | 'MERGED' | 'NOT_DUPLICATE';
export const DuplicateDecisionSymbols = [
  'LINKED',
  'MERGED',
  'NOT_DUPLICATE',
] as const satisfies readonly DuplicateDecision[];

/** A nominal's record is archived (no longer actively managed under MAPPA) or reactivated. */
export interface NominalArchiveStatusChanged {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** What was done to the record. */
  action: ArchiveAction;
  /** Why. */
  reason: string;
}

/** Whether a record is archived or reactivated. */
export type ArchiveAction = 'ARCHIVED' | 'REACTIVATED';
export const ArchiveActionSymbols = [
  'ARCHIVED',
  'REACTIVATED',
] as const satisfies readonly ArchiveAction[];

/** The full current record of a nominal, published after every change on a compacted topic keyed by nominal id. Intelligence text and meeting minutes are deliberately left out: they carry dissemination limits and stay behind the registry's query API. */
export interface NominalChanged {
  /** The hub id of the person. */
  nominalId: string;
  /** The record's version, increasing by one with every change. */
  version: number;
  /** When the registry applied the change. */
  changedAt: Date;
  /** The id of the event that produced this version. */
  causedByEventId: string;
  /** The state of the record. */
  status: NominalStatus;
  /** For MERGED, the hub id of the surviving record. */
  mergedInto: null | string;
  /** The name the person is managed under. */
  name: PersonName;
  /** Other names the person is known by. */
  aliases: PersonName[];
  /** The person's date of birth. */
  dateOfBirth: string;
  /** The person's gender. */
  gender: Gender;
  /** The agencies' identifiers for the person. */
  identifiers: AgencyIdentifier[];
  /** The current MAPPA category and level; null until set. */
  mappa: null | MappaStatus;
  /** Who manages the person. */
  management: Management;
  /** The current address; null if none is known. */
  currentAddress: null | Address;
  /** Custody; null if the person has never been in custody as far as the hub knows. */
  custody: null | CustodyStatus;
  /** Supervision; null if the person has never been supervised as far as the hub knows. */
  supervision: null | SupervisionStatus;
  /** Restricted-patient status; null if the person has never been a restricted patient. */
  restrictedPatient: null | RestrictedPatientStatus;
  /** The most recent risk assessment; null if none. */
  latestRiskAssessment: null | RiskAssessmentSummary;
  /** The current risk management plan; null if none. */
  riskManagementPlan: null | PlanSummary;
  /** Hub ids of records linked to this one as the same person (LINKED duplicates). */
  linkedNominals: string[];
  /** Counts of what the registry holds, for what the record leaves out. */
  counts: RecordCounts;
}

/** The state of a nominal's record. */
export type NominalStatus = 'ACTIVE' | 'ARCHIVED' | 'MERGED';
export const NominalStatusSymbols = [
  'ACTIVE',
  'ARCHIVED',
  'MERGED',
] as const satisfies readonly NominalStatus[];

/** A person's current MAPPA category and level. */
export interface MappaStatus {
  /** The MAPPA category. */
  category: MappaCategory;
  /** The category's name in the jurisdiction. */
  categoryName: string;
  /** The management level. */
  level: MappaLevel;
  /** The jurisdiction of the category and level. */
  jurisdiction: Jurisdiction;
  /** When the category and level were set. */
  setOn: Date;
  /** When they are next to be reviewed. */
  reviewOn: null | string;
}

/** Who manages a person. */
export interface Management {
  /** The agency leading the person's management. */
  leadAgency: Agency;
  /** The MAPPA area managing the person. */
  managingArea: string;
  /** The jurisdiction of the managing area. */
  jurisdiction: Jurisdiction;
  /** The record manager; null until assigned. */
  recordManager: null | Practitioner;
  /** Practitioners of other agencies co-managing. */
  coManagers: Practitioner[];
}

/** A person's custody, as the prison last reported it. */
export interface CustodyStatus {
  /** In custody or released. */
  state: CustodyState;
  /** The establishment the person is in or was released from. */
  establishment: null | string;
  /** The release date set, or the day of release. */
  releaseDate: null | string;
  /** When the state began. */
  since: Date;
}

/** Whether a person is in custody. */
export type CustodyState = 'IN_CUSTODY' | 'RELEASED';
export const CustodyStateSymbols = [
  'IN_CUSTODY',
  'RELEASED',
] as const satisfies readonly CustodyState[];

/** A person's supervision in the community. */
export interface SupervisionStatus {
  /** The state. */
  state: SupervisionState;
  /** The order or licence supervised under. */
  orderType: null | string;
  /** When the state began. */
  since: Date;
  /** The breaches recorded under the current order or licence. */
  breachCount: number;
}

/** The state of a person's supervision. */
export type SupervisionState = 'ON_ORDER' | 'ON_LICENCE' | 'RECALLED' | 'ENDED';
export const SupervisionStateSymbols = [
  'ON_ORDER',
  'ON_LICENCE',
  'RECALLED',
  'ENDED',
] as const satisfies readonly SupervisionState[];

/** A person's status as a restricted patient. */
export interface RestrictedPatientStatus {
  /** The last restricted-patient event. */
  state: RestrictedPatientEventKind;
  /** The hospital the patient is in. */
  hospital: null | string;
  /** The day the state took effect. */
  since: string;
}

/** The outcome of a risk assessment. */
export interface RiskAssessmentSummary {
  /** The assessing agency's id for the assessment. */
  assessmentId: string;
  /** The tool used. */
  tool: RiskAssessmentTool;
  /** The risk of serious harm found. */
  riskOfSeriousHarm: RiskLevel;
  /** The day the assessment was completed. */
  assessedOn: string;
  /** When it is next to be reviewed. */
  nextReviewOn: null | string;
}

/** Which version of a risk management plan is current. */
export interface PlanSummary {
  /** The plan's id. */
  planId: string;
  /** The current version. */
  planVersion: number;
  /** When the plan is next to be reviewed. */
  reviewOn: null | string;
}

/** How many items of each kind the registry holds for a person. */
export interface RecordCounts {
  /** Pieces of intelligence shared. */
  intelligence: number;
  /** MAPPA meetings held. */
  meetings: number;
  /** Registered sex offender notifications received. */
  notifications: number;
  /** Addresses recorded, current and past. */
  addresses: number;
}

/** Every schema file in `schemas/`, by the full name of its record. */
export interface HubSchemas {
  'org.mappahub.common.ActionItem': ActionItem;
  'org.mappahub.common.Address': Address;
  'org.mappahub.common.AgencyIdentifier': AgencyIdentifier;
  'org.mappahub.common.EventMetadata': EventMetadata;
  'org.mappahub.common.Jurisdiction': Jurisdiction;
  'org.mappahub.common.MappaCategory': MappaCategory;
  'org.mappahub.common.MappaLevel': MappaLevel;
  'org.mappahub.common.PersonName': PersonName;
  'org.mappahub.common.Practitioner': Practitioner;
  'org.mappahub.health.RestrictedPatientEventRecorded': RestrictedPatientEventRecorded;
  'org.mappahub.mappa.AddressRecorded': AddressRecorded;
  'org.mappahub.mappa.AgencyIdentifierLinked': AgencyIdentifierLinked;
  'org.mappahub.mappa.MappaCategoryAndLevelSet': MappaCategoryAndLevelSet;
  'org.mappahub.mappa.MappaMeetingHeld': MappaMeetingHeld;
  'org.mappahub.mappa.NominalRegistered': NominalRegistered;
  'org.mappahub.mappa.PersonalDetailsChanged': PersonalDetailsChanged;
  'org.mappahub.mappa.RecordManagementAssigned': RecordManagementAssigned;
  'org.mappahub.mappa.RiskAssessmentRecorded': RiskAssessmentRecorded;
  'org.mappahub.mappa.RiskManagementPlanPublished': RiskManagementPlanPublished;
  'org.mappahub.police.IntelligenceShared': IntelligenceShared;
  'org.mappahub.police.RsoNotificationReceived': RsoNotificationReceived;
  'org.mappahub.prison.CustodyEventRecorded': CustodyEventRecorded;
  'org.mappahub.probation.SupervisionEventRecorded': SupervisionEventRecorded;
  'org.mappahub.registry.DuplicateResolved': DuplicateResolved;
  'org.mappahub.registry.NominalArchiveStatusChanged': NominalArchiveStatusChanged;
  'org.mappahub.registry.NominalChanged': NominalChanged;
}

export type HubSchemaName = keyof HubSchemas;
