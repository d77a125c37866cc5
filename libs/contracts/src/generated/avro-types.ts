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
  /** The member organisation (its id in the hub's organisation directory) whose system published the event, as the hub authenticated it; "hub" for the hub's own; null for events published before the hub knew organisations. */
  producingOrganisation: null | string;
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

/** The MAPPA category of a person, by number (England & Wales and Scotland; Northern Ireland's PPANI has risk categories of its own). The jurisdiction-specific names are derived by the registry. CATEGORY_4 (terrorism and terrorism-connected offenders) exists in England & Wales only; RESTRICTED_PATIENTS is Scotland's group of restricted patients, who are subject to MAPPA outside the three numbered categories there. */
export type MappaCategory =
  'CATEGORY_1' | 'CATEGORY_2' | 'CATEGORY_3' | 'CATEGORY_4' | 'RESTRICTED_PATIENTS';
export const MappaCategorySymbols = [
  'CATEGORY_1',
  'CATEGORY_2',
  'CATEGORY_3',
  'CATEGORY_4',
  'RESTRICTED_PATIENTS',
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

/** A person has victims in a statutory victim contact scheme: which scheme, and the unit that keeps contact with the victims. The victims' own details never travel on the hub. */
export interface VictimContactScheme {
  /** The scheme the victims are in. */
  scheme: VictimScheme;
  /** The victim liaison unit that keeps contact with the victims, e.g. "Greater Manchester Victim Liaison Unit". */
  contactUnit: string;
}

/** The statutory schemes: England and Wales' Victim Contact Scheme (Domestic Violence, Crime and Victims Act 2004 s35-45), Scotland's Victim Notification Scheme (Criminal Justice (Scotland) Act 2003 s16-17), Northern Ireland's Probation Board Victim Information Scheme. */
export type VictimScheme =
  'VICTIM_CONTACT_SCHEME' | 'VICTIM_NOTIFICATION_SCHEME' | 'VICTIM_INFORMATION_SCHEME';
export const VictimSchemeSymbols = [
  'VICTIM_CONTACT_SCHEME',
  'VICTIM_NOTIFICATION_SCHEME',
  'VICTIM_INFORMATION_SCHEME',
] as const satisfies readonly VictimScheme[];

/** A restricted patient is detained in hospital, moved, discharged or recalled, goes absent without leave or returns, starts or ends a leave of absence, or is remitted to prison. */
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
  | 'DETAINED'
  | 'TRANSFERRED'
  | 'CONDITIONALLY_DISCHARGED'
  | 'RECALLED'
  | 'ABSOLUTELY_DISCHARGED'
  | 'ABSENT_WITHOUT_LEAVE'
  | 'RETURNED_FROM_ABSENCE'
  | 'LEAVE_OF_ABSENCE_STARTED'
  | 'LEAVE_OF_ABSENCE_ENDED'
  | 'REMITTED_TO_PRISON';
export const RestrictedPatientEventKindSymbols = [
  'DETAINED',
  'TRANSFERRED',
  'CONDITIONALLY_DISCHARGED',
  'RECALLED',
  'ABSOLUTELY_DISCHARGED',
  'ABSENT_WITHOUT_LEAVE',
  'RETURNED_FROM_ABSENCE',
  'LEAVE_OF_ABSENCE_STARTED',
  'LEAVE_OF_ABSENCE_ENDED',
  'REMITTED_TO_PRISON',
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
  /** The day the category and level took effect; the record's current category and level is the one with the latest such day, whatever order the events arrive in. Null means the day the event occurred. */
  effectiveOn: null | string;
  /** Why the person qualifies for the category, if the producer records it. */
  basis: null | MappaCategoryBasis;
}

/** Why a person qualifies for the category: the notification requirements (category 1); a sentence or hospital order for a violent or sexual offence (category 2); a restriction order (Scotland's restricted patients); another offence showing a risk of serious harm (category 3); a conviction for a terrorism offence or an offence with a terrorist connection (category 4, England & Wales). TERRORIST_RISK_WITHOUT_CONVICTION is a person of terrorist concern without such a conviction, who cannot be category 4. */
export type MappaCategoryBasis =
  | 'NOTIFICATION_REQUIREMENTS'
  | 'VIOLENT_OR_SEXUAL_OFFENCE_SENTENCE'
  | 'RESTRICTION_ORDER'
  | 'OTHER_SERIOUS_HARM_OFFENCE'
  | 'TERRORISM_OFFENCE'
  | 'TERRORISM_CONNECTED_OFFENCE'
  | 'TERRORIST_RISK_WITHOUT_CONVICTION';
export const MappaCategoryBasisSymbols = [
  'NOTIFICATION_REQUIREMENTS',
  'VIOLENT_OR_SEXUAL_OFFENCE_SENTENCE',
  'RESTRICTION_ORDER',
  'OTHER_SERIOUS_HARM_OFFENCE',
  'TERRORISM_OFFENCE',
  'TERRORISM_CONNECTED_OFFENCE',
  'TERRORIST_RISK_WITHOUT_CONVICTION',
] as const satisfies readonly MappaCategoryBasis[];

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
  /** Other dates of birth the person is known by (given to an agency, recorded elsewhere): matched for possible duplicates like the date of birth. */
  aliasDatesOfBirth: string[];
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
  /** The corrected date of birth; null if unchanged. The former date of birth becomes an alias date of birth unless removed in aliasDatesOfBirthRemoved. */
  dateOfBirth: null | string;
  /** Dates of birth the person is now also known by. */
  aliasDatesOfBirthAdded: string[];
  /** Alias dates of birth that were recorded in error or no longer apply. */
  aliasDatesOfBirthRemoved: string[];
  /** The new gender; null if unchanged. */
  gender: null | Gender;
  /** Why the details changed, e.g. "deed poll", "data error". */
  reason: null | string;
}

/** Northern Ireland: a Local Area Public Protection Panel sets or reviews a person's risk category under the Public Protection Arrangements Northern Ireland (PPANI, Criminal Justice (Northern Ireland) Order 2008 arts. 49-50). PPANI has no MAPPA categories or levels: the category is a category of risk, and why the person is eligible for the arrangements is a fact of its own. */
export interface PpaniRiskCategorySet {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** Why the person is eligible for the arrangements. */
  eligibility: PpaniEligibility;
  /** The risk category assigned. */
  riskCategory: PpaniRiskCategory;
  /** The day the category took effect; null means the day the event occurred. */
  effectiveOn: null | string;
  /** When the category is next to be reviewed. */
  reviewOn: null | string;
  /** Why the category was set or changed. */
  reason: null | string;
}

/** Why a person is eligible for PPANI: subject to the sex offender notification requirements; convicted of a sexual or sexually motivated offence, not subject to notification, with current significant concerns; convicted of a violent offence against a child or vulnerable adult; convicted of a violent offence in domestic or family circumstances; subject to a Risk of Sexual Harm Order. */
export type PpaniEligibility =
  | 'NOTIFICATION_REQUIREMENTS'
  | 'SEXUAL_OFFENCE_WITH_CONCERNS'
  | 'VIOLENCE_AGAINST_CHILD_OR_VULNERABLE_ADULT'
  | 'DOMESTIC_VIOLENCE'
  | 'RISK_OF_SEXUAL_HARM_ORDER';
export const PpaniEligibilitySymbols = [
  'NOTIFICATION_REQUIREMENTS',
  'SEXUAL_OFFENCE_WITH_CONCERNS',
  'VIOLENCE_AGAINST_CHILD_OR_VULNERABLE_ADULT',
  'DOMESTIC_VIOLENCE',
  'RISK_OF_SEXUAL_HARM_ORDER',
] as const satisfies readonly PpaniEligibility[];

/** The category of risk a LAPPP assigns: 1 a risk of serious harm that is not likely to be caused; 2 a clear and identifiable risk of serious harm that could be caused if circumstances changed; 3 the most serious, serious harm could be caused at any time. */
export type PpaniRiskCategory = 'CATEGORY_1' | 'CATEGORY_2' | 'CATEGORY_3';
export const PpaniRiskCategorySymbols = [
  'CATEGORY_1',
  'CATEGORY_2',
  'CATEGORY_3',
] as const satisfies readonly PpaniRiskCategory[];

/** A person stops being managed under MAPPA (or PPANI in Northern Ireland): the qualifying period or order ended, they died, left the UK, or no longer meet the criteria. Unlike archiving, which is about the record, this is a fact about the person's management, kept in their category history; a later category set brings them back. */
export interface PublicProtectionArrangementsLeft {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The day management under the arrangements ended. */
  leftOn: string;
  /** Why. */
  reason: ArrangementsLeftReason;
  /** Details, as free text. */
  details: null | string;
}

/** Why a person left the arrangements. */
export type ArrangementsLeftReason =
  | 'NOTIFICATION_PERIOD_ENDED'
  | 'LICENCE_OR_ORDER_ENDED'
  | 'HOSPITAL_ORDER_ENDED'
  | 'CRITERIA_NO_LONGER_MET'
  | 'DIED'
  | 'LEFT_THE_UK'
  | 'OTHER';
export const ArrangementsLeftReasonSymbols = [
  'NOTIFICATION_PERIOD_ENDED',
  'LICENCE_OR_ORDER_ENDED',
  'HOSPITAL_ORDER_ENDED',
  'CRITERIA_NO_LONGER_MET',
  'DIED',
  'LEFT_THE_UK',
  'OTHER',
] as const satisfies readonly ArrangementsLeftReason[];

/** Management of a person is assigned or transferred; the assignment replaces the previous one whole from the day it takes effect. */
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
  /** Whether the person has victims in a victim contact scheme, and the unit keeping contact with them; null if none. */
  victimContact: null | VictimContactScheme;
  /** The day the assignment took effect; the record's management is the assignment with the latest such day, whatever order the events arrive in. Null means the day the event occurred. */
  effectiveOn: null | string;
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
  /** The overall risk of serious harm, for an assessment that rates it (OASys, the LS/CMI risk of serious harm section in Scotland, HCR-20, or a ROSH judgement recorded with ARMS); null for a tool that predicts reconviction only (RM2000, OGRS) or assesses treatment need (SARN, Stable and Acute 2007). Required before seriousHarmByGroup existed: RM2000 assessments recorded then carry their category here, and the hub never reads it as risk of serious harm. */
  riskOfSeriousHarm: null | RiskLevel;
  /** OASys-style risk of serious harm per group and setting; empty when the tool does not rate groups. The hub headlines the highest level in the setting the person is in. */
  seriousHarmByGroup: SeriousHarmRating[];
  /** Reconviction predictions (RM2000 scales, OGRS3, OVP, OSP), kept apart from risk of serious harm; empty for a tool that makes none. */
  reconviction: ReconvictionPrediction[];
  /** For LS/CMI: the general risk/need level (likelihood of further offending and need for intervention), not risk of serious harm. */
  riskNeedLevel: null | RiskNeedLevel;
  /** For ARMS (Active Risk Management System): the priorities it sets; null for other tools. */
  dynamicPriorities: null | DynamicFactorPriorities;
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

/** A level of risk of serious harm (the OASys definitions: low, medium, high, very high). */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';
export const RiskLevelSymbols = [
  'LOW',
  'MEDIUM',
  'HIGH',
  'VERY_HIGH',
] as const satisfies readonly RiskLevel[];

/** The risk of serious harm to one group of people in one setting, as OASys rates it. */
export interface SeriousHarmRating {
  /** The group at risk. */
  group: HarmGroup;
  /** The setting the rating is for. */
  setting: AssessmentSetting;
  /** The risk of serious harm to the group. */
  level: RiskLevel;
}

/** Who would be harmed: children, the public, a known adult, staff, or (in custody) other prisoners. */
export type HarmGroup = 'CHILDREN' | 'PUBLIC' | 'KNOWN_ADULT' | 'STAFF' | 'PRISONERS';
export const HarmGroupSymbols = [
  'CHILDREN',
  'PUBLIC',
  'KNOWN_ADULT',
  'STAFF',
  'PRISONERS',
] as const satisfies readonly HarmGroup[];

/** Where the person is when the risk applies: in the community or in custody. */
export type AssessmentSetting = 'COMMUNITY' | 'CUSTODY';
export const AssessmentSettingSymbols = [
  'COMMUNITY',
  'CUSTODY',
] as const satisfies readonly AssessmentSetting[];

/** One actuarial prediction of reconviction: how likely, not how harmful. */
export interface ReconvictionPrediction {
  /** The predictor used. */
  scale: ReconvictionScale;
  /** The category the score falls in. */
  band: ReconvictionBand;
  /** The raw score, when the predictor has one (RM2000 points). */
  score: null | number;
  /** The predicted probability of reconviction, 0 to 1, for a predictor that gives one (OGRS3 and OVP: within two years). */
  probability: null | number;
}

/** The predictor: Risk Matrix 2000 sexual (RM2000/S), violent (RM2000/V) or combined (RM2000/C) scale; OGRS3 (Offender Group Reconviction Scale, any proven reoffending); OVP (OASys Violence Predictor); OSP/C and OSP/I (OASys Sexual reoffending Predictor, contact and indecent-image offending); or another named in the assessment's toolName. */
export type ReconvictionScale =
  | 'RM2000_SEXUAL'
  | 'RM2000_VIOLENT'
  | 'RM2000_COMBINED'
  | 'OGRS3'
  | 'OVP'
  | 'OSP_CONTACT'
  | 'OSP_INDECENT_IMAGES'
  | 'OTHER';
export const ReconvictionScaleSymbols = [
  'RM2000_SEXUAL',
  'RM2000_VIOLENT',
  'RM2000_COMBINED',
  'OGRS3',
  'OVP',
  'OSP_CONTACT',
  'OSP_INDECENT_IMAGES',
  'OTHER',
] as const satisfies readonly ReconvictionScale[];

/** The predictor's risk category (Risk Matrix 2000: low, medium, high, very high). */
export type ReconvictionBand = 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';
export const ReconvictionBandSymbols = [
  'LOW',
  'MEDIUM',
  'HIGH',
  'VERY_HIGH',
] as const satisfies readonly ReconvictionBand[];

/** LS/CMI's general risk/need level, from its score: very low to very high. */
export type RiskNeedLevel = 'VERY_LOW' | 'LOW' | 'MEDIUM' | 'HIGH' | 'VERY_HIGH';
export const RiskNeedLevelSymbols = [
  'VERY_LOW',
  'LOW',
  'MEDIUM',
  'HIGH',
  'VERY_HIGH',
] as const satisfies readonly RiskNeedLevel[];

/** ARMS's outcome: rather than a risk level, the priority of work on the person's dynamic risk factors and on their protective factors. */
export interface DynamicFactorPriorities {
  /** The priority of work to reduce the risk factors. */
  riskFactors: WorkPriority;
  /** The priority of work to strengthen the protective factors. */
  protectiveFactors: WorkPriority;
}

/** How much priority work on a set of factors needs. */
export type WorkPriority = 'LOW' | 'MEDIUM' | 'HIGH';
export const WorkPrioritySymbols = [
  'LOW',
  'MEDIUM',
  'HIGH',
] as const satisfies readonly WorkPriority[];

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

/** A civil preventive order about sexual harm (SHPO, SRO, notification order, and the Northern Ireland and Scottish orders) was made, varied, renewed or discharged. Carries the order's terms as they stand after the change. */
export interface CivilOrderRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The police system's id for the order. */
  orderId: string;
  /** What happened to the order. */
  kind: CivilOrderEventKind;
  /** SHPO and SRO (England and Wales: SOA 2003 Part 2 as amended by the Anti-social Behaviour, Crime and Policing Act 2014, and the Sentencing Act 2020; Scotland: Abusive Behaviour and Sexual Harm (Scotland) Act 2016); notification order (s97); the older SOPO, RSHO and foreign travel order (still made in Northern Ireland). */
  orderType: CivilOrderType;
  /** The jurisdiction of the court that made the order. */
  jurisdiction: Jurisdiction;
  /** The day the order was first made. */
  madeOn: string;
  /** The day the order was served, if known: an SHPO on a person not otherwise subject makes them subject to notification from then (s103G(3)). */
  servedOn: null | string;
  /** The day this change took effect (for MADE, the day the order was made). */
  effectiveOn: string;
  /** The last day the order has effect, after this change; null for an order made until further order. */
  expiresOn: null | string;
  /** The prohibitions (and requirements) of the order, after this change, as the order words them. */
  prohibitions: string[];
  /** The order (after this change) prohibits or restricts travel outside the UK; the annual report counts SHPOs with foreign travel restrictions. */
  foreignTravelRestricted: boolean;
  /** The court that made or changed the order. */
  court: null | string;
  /** Free text. */
  details: null | string;
}

/** What happened to a civil order. */
export type CivilOrderEventKind = 'MADE' | 'VARIED' | 'RENEWED' | 'DISCHARGED';
export const CivilOrderEventKindSymbols = [
  'MADE',
  'VARIED',
  'RENEWED',
  'DISCHARGED',
] as const satisfies readonly CivilOrderEventKind[];

/** The civil orders that protect the public from sexual harm. */
export type CivilOrderType =
  | 'SEXUAL_HARM_PREVENTION_ORDER'
  | 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER'
  | 'SEXUAL_RISK_ORDER'
  | 'INTERIM_SEXUAL_RISK_ORDER'
  | 'NOTIFICATION_ORDER'
  | 'INTERIM_NOTIFICATION_ORDER'
  | 'SEXUAL_OFFENCES_PREVENTION_ORDER'
  | 'RISK_OF_SEXUAL_HARM_ORDER'
  | 'FOREIGN_TRAVEL_ORDER';
export const CivilOrderTypeSymbols = [
  'SEXUAL_HARM_PREVENTION_ORDER',
  'INTERIM_SEXUAL_HARM_PREVENTION_ORDER',
  'SEXUAL_RISK_ORDER',
  'INTERIM_SEXUAL_RISK_ORDER',
  'NOTIFICATION_ORDER',
  'INTERIM_NOTIFICATION_ORDER',
  'SEXUAL_OFFENCES_PREVENTION_ORDER',
  'RISK_OF_SEXUAL_HARM_ORDER',
  'FOREIGN_TRAVEL_ORDER',
] as const satisfies readonly CivilOrderType[];

/** The police recorded an action about a person's compliance: reported missing (whereabouts unknown) or found, or cautioned or convicted for breaching the notification requirements or a civil order. The annual report counts them. */
export interface ComplianceActionRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The police system's id for the action; a re-sent action keeps it. */
  actionId: string;
  /** What happened. */
  kind: ComplianceActionKind;
  /** The day it happened. */
  occurredOn: string;
  /** For an order breach, the police system's id for the order breached. */
  orderId: null | string;
  /** For a conviction, whether the person was returned to custody for it. */
  sentencedToCustody: boolean;
  /** Free text for the record. */
  details: null | string;
}

/** REPORTED_MISSING: the person's whereabouts are not known; FOUND: known again; NOTIFICATION_BREACH_CAUTIONED / NOTIFICATION_BREACH_CONVICTED: cautioned or convicted for failing to comply with the notification requirements (Sexual Offences Act 2003 s91); ORDER_BREACH_CONVICTED: convicted for breaching a civil order (SHPO, SRO, notification order or their predecessors). */
export type ComplianceActionKind =
  | 'REPORTED_MISSING'
  | 'FOUND'
  | 'NOTIFICATION_BREACH_CAUTIONED'
  | 'NOTIFICATION_BREACH_CONVICTED'
  | 'ORDER_BREACH_CONVICTED';
export const ComplianceActionKindSymbols = [
  'REPORTED_MISSING',
  'FOUND',
  'NOTIFICATION_BREACH_CAUTIONED',
  'NOTIFICATION_BREACH_CONVICTED',
  'ORDER_BREACH_CONVICTED',
] as const satisfies readonly ComplianceActionKind[];

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
  /** The day the originator obtained the intelligence, which may be long before it is shared; null if not given. */
  obtainedOn: null | string;
  /** The originating force's own reference for the intelligence report (its intelligence system's number), for partners to quote back to it; null if not given. */
  originatorReference: null | string;
  /** When the originator next reviews whether the intelligence is still necessary, adequate and up to date (APP Information management: review, retention and disposal); null if the originator gave none. The hub does not work one out. */
  reviewOn: null | string;
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

/** The police record the facts that make a person subject to the sex offender notification requirements (Sexual Offences Act 2003 Part 2), or a review's outcome. The facts only: the hub works out the notification period (s82), its end and when an indefinite requirement becomes reviewable (s91A-F). Re-sent whole, with the same requirementId, when a fact is corrected or a review decided. */
export interface NotificationRequirementRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The police system's id for the requirement (one per conviction, finding, caution or notification order). */
  requirementId: string;
  /** CONVICTION; FINDING of not guilty by reason of insanity, or of disability and having done the act; CAUTION (England, Wales and Northern Ireland); NOTIFICATION_ORDER. */
  basis: NotificationRequirementBasis;
  /** The relevant date (s82(6)): the date of the conviction, finding or caution (for a notification order, of the conviction abroad, s98). The notification period begins with it. */
  relevantDate: string;
  /** IMPRISONMENT_FOR_LIFE (or detention for life / during His Majesty's pleasure); INDETERMINATE_SENTENCE (imprisonment for public protection, NI indeterminate custodial sentence, Scottish order for lifelong restriction); IMPRISONMENT (or detention, for termMonths); a HOSPITAL_ORDER with or without a restriction order; CAUTION; CONDITIONAL_DISCHARGE (for termMonths); OFFENDER_SUPERVISION_REQUIREMENT of a Scottish community payback order (for termMonths); OTHER (a community order, a fine). */
  disposal: NotificationDisposal;
  /** For IMPRISONMENT the term in months (consecutive terms added up, s82(3)); for CONDITIONAL_DISCHARGE and OFFENDER_SUPERVISION_REQUIREMENT their length in months; null otherwise. */
  termMonths: null | number;
  /** Whether the person was under 18 on the relevant date (fixed periods are halved, s82(2)); null to work it out from the record's date of birth. */
  underEighteenOnRelevantDate: null | boolean;
  /** The jurisdiction whose courts or police dealt with the offence. */
  jurisdiction: Jurisdiction;
  /** The day of release from custody or hospital detention for the offence, if the person was detained on the relevant date: the initial notification is due 3 days from it (s83(6)). */
  releasedOn: null | string;
  /** The latest review determination, if there has been one. */
  review: null | NotificationReviewDetermination;
  /** Free text, e.g. the offence or the court. */
  details: null | string;
}

/** What made the person subject to the notification requirements: s80(1)(a)-(d), or a notification order (s97) for a conviction abroad. */
export type NotificationRequirementBasis =
  'CONVICTION' | 'FINDING' | 'CAUTION' | 'NOTIFICATION_ORDER';
export const NotificationRequirementBasisSymbols = [
  'CONVICTION',
  'FINDING',
  'CAUTION',
  'NOTIFICATION_ORDER',
] as const satisfies readonly NotificationRequirementBasis[];

/** How the person was dealt with for the offence, as far as the notification period (s82 table) depends on it. */
export type NotificationDisposal =
  | 'IMPRISONMENT_FOR_LIFE'
  | 'INDETERMINATE_SENTENCE'
  | 'IMPRISONMENT'
  | 'HOSPITAL_ORDER_WITH_RESTRICTION'
  | 'HOSPITAL_ORDER'
  | 'CAUTION'
  | 'CONDITIONAL_DISCHARGE'
  | 'OFFENDER_SUPERVISION_REQUIREMENT'
  | 'OTHER';
export const NotificationDisposalSymbols = [
  'IMPRISONMENT_FOR_LIFE',
  'INDETERMINATE_SENTENCE',
  'IMPRISONMENT',
  'HOSPITAL_ORDER_WITH_RESTRICTION',
  'HOSPITAL_ORDER',
  'CAUTION',
  'CONDITIONAL_DISCHARGE',
  'OFFENDER_SUPERVISION_REQUIREMENT',
  'OTHER',
] as const satisfies readonly NotificationDisposal[];

/** A chief officer's determination on an application to review an indefinite notification requirement (s91C; Scotland s88C). */
export interface NotificationReviewDetermination {
  /** The day the determination was made (notified to the offender). */
  determinedOn: string;
  /** DISCHARGED: no longer subject from the determination; RETAINED: subject, reviewable again later (s91B(3)). */
  outcome: NotificationReviewOutcome;
}

/** Whether the person stays subject to the indefinite requirement. */
export type NotificationReviewOutcome = 'DISCHARGED' | 'RETAINED';
export const NotificationReviewOutcomeSymbols = [
  'DISCHARGED',
  'RETAINED',
] as const satisfies readonly NotificationReviewOutcome[];

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
  /** The last day the notification was due as the producing system worked it out; null if not recorded. The hub works the deadline out itself from changedOn (or the travel dates, or the notifications before) and keeps this one beside it. */
  dueBy: null | string;
  /** The day of the change notified (a move, the start of a stay, the return from travel, the release): the hub's deadline runs from it. Null for INITIAL, ANNUAL and WEEKLY (their deadlines run from the requirement and the notifications before) or if not recorded. */
  changedOn: null | string;
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
  | 'OTHER'
  | 'WEEKLY'
  | 'RETURN_FROM_TRAVEL'
  | 'RELEASE';
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
  'WEEKLY',
  'RETURN_FROM_TRAVEL',
  'RELEASE',
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

/** A person is admitted to, moved between or released from custody, sentenced while on remand, given release, licence-expiry or sentence-expiry dates, temporarily released, or is unlawfully at large (escaped, absconded or failed to return) and returned. */
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
  /** The day the event took effect (admission, transfer, release, escape...); the record's custody is decided by the latest such day, whatever order events arrive in. Null means the day of releaseDate for RELEASED, otherwise the day the event occurred. */
  effectiveOn: null | string;
  /** For ADMITTED and SENTENCED, why the person is held. */
  custodyType: null | CustodyType;
  /** The licence expiry date (LED) calculated for the sentence, if known. */
  licenceExpiryOn: null | string;
  /** The sentence expiry date (SED), if known. */
  sentenceExpiryOn: null | string;
}

/** What happened in custody. */
export type CustodyEventKind =
  | 'ADMITTED'
  | 'RELEASE_DATE_SET'
  | 'RELEASED'
  | 'ESTABLISHMENT_TRANSFERRED'
  | 'SENTENCED'
  | 'TEMPORARY_RELEASE_STARTED'
  | 'TEMPORARY_RELEASE_ENDED'
  | 'UNLAWFULLY_AT_LARGE'
  | 'RETURNED_TO_CUSTODY';
export const CustodyEventKindSymbols = [
  'ADMITTED',
  'RELEASE_DATE_SET',
  'RELEASED',
  'ESTABLISHMENT_TRANSFERRED',
  'SENTENCED',
  'TEMPORARY_RELEASE_STARTED',
  'TEMPORARY_RELEASE_ENDED',
  'UNLAWFULLY_AT_LARGE',
  'RETURNED_TO_CUSTODY',
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

/** Why a person is held: on remand awaiting trial or sentence, serving a sentence, or recalled to custody on licence. */
export type CustodyType = 'REMAND' | 'SENTENCED' | 'RECALLED';
export const CustodyTypeSymbols = [
  'REMAND',
  'SENTENCED',
  'RECALLED',
] as const satisfies readonly CustodyType[];

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
  /** The day a breach or recall happened; for starts and ends, startsOn and endsOn say it. Null means the day the event occurred. */
  effectiveOn: null | string;
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

/** One entry of the registry's audit trail, as stored: who read, searched, exported or changed which records (or was refused), when and why. Entries form a hash chain: `hash` is the SHA-256 of the entry's canonical JSON (every field here but `metadata` and `hash`, keys sorted, no whitespace, `at` as an ISO-8601 UTC string with milliseconds) and `previousHash` is the hash of the entry before it, so that a reader can verify the chain from the topic alone. */
export interface AccessAudited {
  metadata: EventMetadata;
  /** The entry's place in the trail: 1 for the first, then one more for each entry; also the Kafka key. An entry published twice keeps its sequence (and event id). */
  sequence: number;
  /** SHA-256 (lower-case hex) of the entry before it; 64 zeros for the first. */
  previousHash: string;
  /** SHA-256 (lower-case hex) of this entry's canonical JSON. */
  hash: string;
  /** When the registry recorded the access. */
  at: Date;
  /** The access token's subject; null when the request carried no valid token. */
  subject: null | string;
  /** Who, as people read it (the token's preferred_username, else its subject). */
  username: null | string;
  /** The caller's organisation, an id of the hub's organisation directory. */
  organisationId: null | string;
  /** The hub roles the caller held. */
  roles: string[];
  /** The OAuth client the token was issued to. */
  clientId: null | string;
  /** What was done: an action of the hub's need-to-know rules (libs/security/src/access/need-to-know.ts), e.g. record.read, nominals.search, timeline.read, command.archive, duplicates.decide, dead-letters.replay, audit.read; a string so that new kinds of access need no new schema. */
  action: string;
  /** The hub ids of the records concerned. */
  nominalIds: string[];
  /** The reason given: a break-glass justification or a command's reason. */
  reason: null | string;
  /** True when a record was opened by break glass (no relation to the person, a reason given): flagged for review. */
  breakGlass: boolean;
  outcome: AccessOutcome;
  /** Why the access was refused or failed, as the caller was told; null when it was allowed. */
  refusal: null | string;
  /** The correlation id of the request. */
  correlationId: null | string;
  /** The id of the HTTP request. */
  requestId: null | string;
  /** The search terms or other request parameters, as given. */
  query: null | Record<string, string>;
}

/** Whether the access was allowed, refused by the rules, or failed (an invalid request, a record not found, an error). */
export type AccessOutcome = 'allowed' | 'refused' | 'failed';
export const AccessOutcomeSymbols = [
  'allowed',
  'refused',
  'failed',
] as const satisfies readonly AccessOutcome[];

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

/** Data governance undoes a wrong merge: the retired record (nominalId) is restored with what it held and what was said about it since, and the survivor (otherNominalId) gives back what the merge brought it. */
export interface MergeUndone {
  metadata: EventMetadata;
  /** The hub id of the record the merge retired, restored by this event. */
  nominalId: string;
  /** The hub id of the record it was merged into. */
  otherNominalId: string;
  /** Why the merge was wrong. */
  reason: string;
}

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
  /** Other dates of birth the person is known by, including a corrected one and those of records merged into this one. */
  aliasDatesOfBirth: string[];
  /** The person's gender. */
  gender: Gender;
  /** The agencies' identifiers for the person. */
  identifiers: AgencyIdentifier[];
  /** The current MAPPA category and level (England & Wales, Scotland); null until set. */
  mappa: null | MappaStatus;
  /** The current PPANI risk category (Northern Ireland); null until set. */
  ppani: null | PpaniStatus;
  /** Who manages the person. */
  management: Management;
  /** The transfer under way, if any. */
  openTransfer: null | OpenTransfer;
  /** The main residence today: of the current home, approved-premises, custody, hospital and no-fixed-abode addresses, the one begun last; if there is none, the current second home, temporary or other address begun last; null if no address is current. */
  currentAddress: null | Address;
  /** Every other address current today (second homes, temporary stays), latest begun first. */
  otherCurrentAddresses: Address[];
  /** Custody; null if the person has never been in custody as far as the hub knows. */
  custody: null | CustodyStatus;
  /** Supervision; null if the person has never been supervised as far as the hub knows. */
  supervision: null | SupervisionStatus;
  /** Restricted-patient status; null if the person has never been a restricted patient. */
  restrictedPatient: null | RestrictedPatientStatus;
  /** The most recent assessment that rates risk of serious harm, with the level the hub headlines from it (see riskOfSeriousHarm); null if none. Reconviction predictors (RM2000) are in reconvictionRisk. */
  latestRiskAssessment: null | RiskAssessmentSummary;
  /** The headline risk of serious harm; null if no assessment rates it. */
  riskOfSeriousHarm: null | RiskOfSeriousHarmHeadline;
  /** The headline reconviction risk, kept apart from risk of serious harm; null if no assessment predicts reconviction. */
  reconvictionRisk: null | ReconvictionRiskSummary;
  /** The latest assessment of each tool, latest first. */
  latestRiskAssessments: ToolAssessmentSummary[];
  /** The current risk management plan; null if none. */
  riskManagementPlan: null | PlanSummary;
  /** Hub ids of records linked to this one as the same person (LINKED duplicates). */
  linkedNominals: string[];
  /** Counts of what the registry holds, for what the record leaves out. */
  counts: RecordCounts;
  /** Contradictions the record holds, e.g. after a merge; empty when none. */
  conflicts: RecordConflict[];
  /** The notification requirement; null if the hub knows of none. */
  notificationRequirement: null | NotificationRequirementSummary;
  /** Notifications due and not made: a possible breach for the police to check (s91). */
  overdueNotifications: OverdueNotification[];
  /** Civil orders (SHPO, SRO, notification orders, NI and Scottish orders), current and past. */
  civilOrders: CivilOrderSummary[];
  /** The record's history for management information: periods of arrangements, management and custody, and dated breaches, recalls and compliance actions. */
  timeline: RecordTimeline;
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
  /** The day the category and level took effect. */
  effectiveOn: null | string;
  /** Why the person qualifies for the category, if recorded. */
  basis: null | MappaCategoryBasis;
  /** The day the person left MAPPA, if they have left it since the category was set; the category and level are then the last they had. */
  leftOn: null | string;
  /** Why the person left MAPPA. */
  leftReason: null | ArrangementsLeftReason;
}

/** A person's management under the Public Protection Arrangements Northern Ireland. */
export interface PpaniStatus {
  /** Why the person is eligible for the arrangements. */
  eligibility: PpaniEligibility;
  /** The risk category a LAPPP assigned. */
  riskCategory: PpaniRiskCategory;
  /** What the risk category means. */
  riskCategoryName: string;
  /** The day the category took effect. */
  effectiveOn: string;
  /** When it is next to be reviewed. */
  reviewOn: null | string;
  /** The day the person left PPANI, if they have. */
  leftOn: null | string;
  /** Why the person left PPANI. */
  leftReason: null | ArrangementsLeftReason;
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
  /** Whether the person has victims in a victim contact scheme, and the unit keeping contact with them; null if none. */
  victimContact: null | VictimContactScheme;
}

/** A transfer of the person's management to another area that has not ended yet. */
export interface OpenTransfer {
  /** The transfer (its details are the transfer coordinator's). */
  transferId: string;
  /** Where it stands. */
  state: TransferState;
  /** Permanent or temporary. */
  kind: TransferKind;
  /** The area the person moves to; during interim co-management it co-manages the person. */
  receivingArea: string;
  /** The receiving area's jurisdiction. */
  receivingJurisdiction: Jurisdiction;
}

/** Where a transfer stands. */
export type TransferState =
  | 'REQUESTED'
  | 'ACKNOWLEDGED'
  | 'CONSULTATION'
  | 'ACCEPTED'
  | 'DISPUTED'
  | 'INTERIM_CO_MANAGEMENT'
  | 'COMPLETED'
  | 'RETURNED'
  | 'CANCELLED'
  | 'WITHDRAWN';
export const TransferStateSymbols = [
  'REQUESTED',
  'ACKNOWLEDGED',
  'CONSULTATION',
  'ACCEPTED',
  'DISPUTED',
  'INTERIM_CO_MANAGEMENT',
  'COMPLETED',
  'RETURNED',
  'CANCELLED',
  'WITHDRAWN',
] as const satisfies readonly TransferState[];

/** A permanent move hands the person's management to the receiving area; a temporary one (hospital leave, a stay away from home) ends with a return. */
export type TransferKind = 'PERMANENT' | 'TEMPORARY';
export const TransferKindSymbols = [
  'PERMANENT',
  'TEMPORARY',
] as const satisfies readonly TransferKind[];

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
  /** Why the person is held (remand, sentenced, recalled), while in custody. */
  custodyType: null | CustodyType;
  /** The licence expiry date, if known. */
  licenceExpiryOn: null | string;
  /** The sentence expiry date, if known. */
  sentenceExpiryOn: null | string;
}

/** Whether a person is in custody. */
export type CustodyState =
  'IN_CUSTODY' | 'RELEASED' | 'ON_TEMPORARY_RELEASE' | 'UNLAWFULLY_AT_LARGE';
export const CustodyStateSymbols = [
  'IN_CUSTODY',
  'RELEASED',
  'ON_TEMPORARY_RELEASE',
  'UNLAWFULLY_AT_LARGE',
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
  /** Set while the patient is absent without leave: the day they went absent. */
  absentWithoutLeaveSince: null | string;
  /** Set while the patient is on a leave of absence: the day it started. */
  onLeaveSince: null | string;
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

/** The risk of serious harm the record headlines: from the latest assessment that rates it, the highest level in the setting the person is in. */
export interface RiskOfSeriousHarmHeadline {
  /** The headline level. */
  level: RiskLevel;
  /** The setting the level is for (custody while the person is in custody, else the community); null when the assessment gave one overall level. */
  setting: null | AssessmentSetting;
  /** The groups rated at the headline level; empty when the assessment gave one overall level. */
  groups: HarmGroup[];
  /** The assessment it comes from. */
  assessmentId: string;
  /** The tool of that assessment. */
  tool: RiskAssessmentTool;
  /** The day that assessment was completed. */
  assessedOn: string;
}

/** The reconviction predictions of the latest assessment that makes any. */
export interface ReconvictionRiskSummary {
  /** The assessment they come from. */
  assessmentId: string;
  /** The tool of that assessment. */
  tool: RiskAssessmentTool;
  /** The day that assessment was completed. */
  assessedOn: string;
  /** Each scale's band (RM2000/S, /V, /C; OGRS3; OVP; OSP). */
  predictions: ReconvictionPrediction[];
}

/** The latest assessment made with one tool. */
export interface ToolAssessmentSummary {
  /** The assessing agency's id. */
  assessmentId: string;
  /** The tool. */
  tool: RiskAssessmentTool;
  /** The tool's name when it is OTHER. */
  toolName: null | string;
  /** The day it was completed. */
  assessedOn: string;
  /** When it is next to be reviewed. */
  nextReviewOn: null | string;
  /** Its risk of serious harm (the highest group level in the setting that applies, else its overall level); null for a tool that does not rate it. */
  riskOfSeriousHarm: null | RiskLevel;
  /** Its LS/CMI risk/need level; null for other tools. */
  riskNeedLevel: null | RiskNeedLevel;
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

/** Facts of a record that contradict each other and that no rule can decide between: a person must resolve them, by recording the right fact. */
export interface RecordConflict {
  /** What the facts are about, e.g. "mappa", "custody", "dateOfBirth". */
  field: string;
  /** The contradiction, as a record manager reads it. */
  description: string;
  /** The events whose facts contradict each other. */
  eventIds: string[];
}

/** Whether a person is subject to the sex offender notification requirements, as the hub works it out (Sexual Offences Act 2003 s82, s91A-F, s103G). */
export interface NotificationRequirementSummary {
  /** Subject to the notification requirements on the day the record was last derived. */
  subject: boolean;
  /** The first day of the earliest notification period still running (or of the last one, once none is). */
  startsOn: null | string;
  /** Subject for an indefinite period (or under a civil order made until further order). */
  indefinite: boolean;
  /** The last day subject; null when indefinite or not decided by the facts recorded. */
  endsOn: null | string;
  /** For an indefinite requirement, the first day the person may apply for it to be reviewed (s91B); null if not known yet. */
  reviewableFrom: null | string;
  /** Civil orders in force that keep or make the person subject while they have effect (s103G). */
  civilOrderIds: string[];
}

/** A notification the person owed and has not made, as far as the hub knows. */
export interface OverdueNotification {
  /** What should have been notified. */
  kind: RsoNotificationKind;
  /** The last day it was due. */
  dueBy: string;
  /** The rule it was due under, and from what. */
  rule: string;
}

/** A civil order about sexual harm, without its prohibitions (they stay behind the query API). */
export interface CivilOrderSummary {
  /** The police system's id for the order. */
  orderId: string;
  /** The order. */
  orderType: CivilOrderType;
  /** The day it was made. */
  madeOn: string;
  /** The last day it has effect; null until further order. */
  expiresOn: null | string;
  /** The day it was discharged, if it was. */
  dischargedOn: null | string;
  /** In force on the day the record was last derived. */
  inForce: boolean;
  /** The order prohibits or restricts travel outside the UK (the police said so when recording it). */
  foreignTravelRestricted: boolean;
}

/** The record's history as periods and dated facts, derived from every fact the registry holds in the order the facts took effect: what management information needs to count the person as at any day. A late or corrected fact rewrites the periods it touches. */
export interface RecordTimeline {
  /** The day the record was registered (in the UK); null for a record older than the field. */
  registeredOn: null | string;
  /** The periods under the arrangements, earliest first; a gap is a time outside them. */
  arrangements: ArrangementsPeriod[];
  /** Which area managed the person when, earliest first (completed transfers included). */
  management: ManagementPeriod[];
  /** Stays in custody, earliest first. */
  custody: CustodyPeriod[];
  /** Breaches and recalls, earliest first. */
  supervisionEvents: DatedSupervisionEvent[];
  /** Reports of going missing and being found, and cautions and convictions for breaching notification requirements or an order, earliest first. */
  complianceActions: DatedComplianceAction[];
  /** The day the record was archived, while it is; null otherwise. */
  archivedOn: null | string;
}

/** A period under one MAPPA category and level (or one PPANI risk category), from the day it took effect to the day before the next decision or the day the person left the arrangements. */
export interface ArrangementsPeriod {
  /** The first day of the period. */
  from: string;
  /** The last day of the period; null while it lasts. */
  to: null | string;
  /** The jurisdiction whose arrangements the person was managed under. */
  jurisdiction: Jurisdiction;
  /** The MAPPA category; null under PPANI. */
  category: null | MappaCategory;
  /** The MAPPA management level; null under PPANI. */
  level: null | MappaLevel;
  /** The PPANI risk category; null under MAPPA. */
  ppaniRiskCategory: null | PpaniRiskCategory;
}

/** A period in which one area managed the person. */
export interface ManagementPeriod {
  /** The first day; null for the management the record was registered with, which stands from the record's beginning. */
  from: null | string;
  /** The last day; null while it lasts. */
  to: null | string;
  /** The MAPPA area managing the person. */
  managingArea: string;
  /** The jurisdiction of the area. */
  jurisdiction: Jurisdiction;
  /** The agency leading the person's management. */
  leadAgency: Agency;
}

/** A stay in custody, from admission (or recall) to release. */
export interface CustodyPeriod {
  /** The day the person was admitted, recalled or returned. */
  from: string;
  /** The day before release; null while in custody. */
  to: null | string;
  /** Why the person was held when the stay began (remand, sentenced, recalled), if known. */
  custodyType: null | CustodyType;
}

/** A breach or recall probation or criminal-justice social work recorded. */
export interface DatedSupervisionEvent {
  /** BREACH or RECALL. */
  kind: SupervisionEventKind;
  /** The day it took effect. */
  on: string;
}

/** An action the police recorded about the person's compliance (see police.compliance-action.recorded.v1). */
export interface DatedComplianceAction {
  /** What happened. */
  kind: ComplianceActionKind;
  /** The day it happened. */
  on: string;
  /** For a conviction: the person was returned to custody for it. */
  sentencedToCustody: boolean;
}

/** A person's record was removed from the hub after a recorded retention decision: the record, its history, search keys, duplicate candidates, parked events and reviews are deleted, its data key destroyed (every encrypted copy anywhere is unreadable), and a tombstone written for its key on the changed-record topic. Every agency's consumer deletes its copy of the person on this event. Carries no personal data. */
export interface NominalRemoved {
  metadata: EventMetadata;
  /** The hub id of the person removed. */
  nominalId: string;
  /** The ids of records merged into this one, removed with it: consumers delete those too. */
  alsoRemoved: string[];
  /** The retention review whose decision ordered the removal. */
  decisionId: string;
  /** The data-governance user who decided. */
  decidedBy: string;
  /** When the removal was decided. */
  decidedAt: Date;
  /** Why, as data governance recorded it (no personal data). */
  reason: string;
}

/** The registry reached a day on which facts of a record change with no other event (an address's end, a notification falling due): the record is derived again as of that day, so that its published state does not go stale. */
export interface RecordDateReached {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The day reached. */
  reachedOn: string;
}

/** A review of a record is due, for a person to decide: an archive review when the facts recorded no longer keep the person eligible for MAPPA (for the record manager), or a retention review when the person reaches 100 (for data governance). The review is a work item of the registry's API; this event tells the managing organisation's systems. No personal details travel. */
export interface RecordReviewRaised {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The review's id in the registry's API (`GET /v1/reviews/{reviewId}`). */
  reviewId: string;
  /** What is to be decided. */
  kind: RecordReviewKind;
  /** The day the review fell due. */
  dueOn: string;
  /** What raised it, e.g. "eligibility ended on 2027-03-31: licence expires on 2027-03-31". */
  why: string;
  /** The MAPPA area managing the person when the review was raised. */
  managingArea: string;
  /** The agency leading the person's management when the review was raised. */
  leadAgency: Agency;
}

/** ARCHIVE: should the record be archived (eligibility ended); RETENTION: should the record be kept or removed (the person reached 100, or a retention decision's next review came). */
export type RecordReviewKind = 'ARCHIVE' | 'RETENTION';
export const RecordReviewKindSymbols = [
  'ARCHIVE',
  'RETENTION',
] as const satisfies readonly RecordReviewKind[];

/** A step of a transfer passed its due time (or a dispute was raised): the transfer is escalated to the MAPPA co-ordinators of both areas, and at the second threshold to the strategic level. */
export interface TransferStepOverdue {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The transfer. */
  transferId: string;
  /** The step that is overdue, e.g. ACKNOWLEDGEMENT, CONSULTATION, VICTIM_LIAISON_ACKNOWLEDGEMENT. */
  step: string;
  /** The transfer's state. */
  state: TransferState;
  /** When the step was due. */
  dueAt: Date;
  /** The level it is escalated to. */
  escalation: EscalationLevel;
  /** The sending area. */
  sendingArea: string;
  /** The receiving area. */
  receivingArea: string;
  /** The directory ids of the organisations told: the case-managing organisations of both areas. */
  notifiedOrganisations: string[];
}

/** Who a transfer is escalated to: the MAPPA co-ordinators of both areas, then the strategic management boards. */
export type EscalationLevel = 'MAPPA_COORDINATORS' | 'STRATEGIC_MANAGEMENT_BOARD';
export const EscalationLevelSymbols = [
  'MAPPA_COORDINATORS',
  'STRATEGIC_MANAGEMENT_BOARD',
] as const satisfies readonly EscalationLevel[];

/** A step of a transfer of a person's management between MAPPA (or PPANI) areas was taken: the transfer as it stands after it. The registry applies a completed transfer to the record (managing area, lead agency, record manager) and lets the receiving area co-manage during interim co-management. */
export interface TransferStepRecorded {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The transfer. */
  transferId: string;
  /** The transfer's version after this step; steps of one transfer are numbered from 1. */
  version: number;
  /** The step taken. */
  step: TransferStep;
  /** The transfer's state after the step. */
  state: TransferState;
  /** Permanent or temporary. */
  kind: TransferKind;
  /** Why the person moves, as the requesting organisation gave it. */
  reason: string;
  /** The area managing the person when the transfer was requested. */
  sendingArea: string;
  /** The sending area's jurisdiction. */
  sendingJurisdiction: Jurisdiction;
  /** The area the person moves to. */
  receivingArea: string;
  /** The receiving area's jurisdiction. */
  receivingJurisdiction: Jurisdiction;
  /** The directory id of the managing organisation that requested the transfer. */
  requestingOrganisation: string;
  /** The day the person is expected to move. */
  expectedMoveOn: string;
  /** For a temporary move: the day the person is expected back. */
  expectedReturnOn: null | string;
  /** The person's address in the receiving area, if known. */
  newAddress: null | Address;
  /** The person's category and level in the receiving jurisdiction's terms, and its legislation. */
  receivingTerms: TransferTerms;
  /** The agency that will lead the person's management in the receiving area, once accepted. */
  receivingLeadAgency: null | Agency;
  /** The directory id of the receiving organisation that accepted the transfer. */
  receivingOrganisation: null | string;
  /** The named record manager in the receiving area, once accepted. */
  receivingRecordManager: null | Practitioner;
  /** The dispute, while one is open or was raised. */
  dispute: null | TransferDispute;
  /** For a completion: the day the receiving area's management takes effect. */
  effectiveOn: null | string;
  /** The step now awaited (e.g. ACKNOWLEDGEMENT, CONSULTATION), null once the transfer has ended. */
  dueStep: null | string;
  /** When the awaited step is due, by the deadlines configured for this pair of jurisdictions. */
  dueAt: null | Date;
  /** What the person who took the step said. */
  note: null | string;
}

/** What was done. */
export type TransferStep =
  | 'REQUESTED'
  | 'ACKNOWLEDGED'
  | 'CONSULTATION_STARTED'
  | 'CONSULTATION_RECORDED'
  | 'ACCEPTED'
  | 'DISPUTED'
  | 'CO_MANAGEMENT_BEGUN'
  | 'COMPLETED'
  | 'RETURNED'
  | 'CANCELLED'
  | 'WITHDRAWN'
  | 'VICTIM_LIAISON_ACKNOWLEDGED';
export const TransferStepSymbols = [
  'REQUESTED',
  'ACKNOWLEDGED',
  'CONSULTATION_STARTED',
  'CONSULTATION_RECORDED',
  'ACCEPTED',
  'DISPUTED',
  'CO_MANAGEMENT_BEGUN',
  'COMPLETED',
  'RETURNED',
  'CANCELLED',
  'WITHDRAWN',
  'VICTIM_LIAISON_ACKNOWLEDGED',
] as const satisfies readonly TransferStep[];

/** What a transfer means in the receiving jurisdiction's own terms: its legislation, and the person's category and level mapped to its categories (the receiving area confirms them at its own review). */
export interface TransferTerms {
  /** The legislation under which the receiving jurisdiction manages the person, e.g. "Management of Offenders etc. (Scotland) Act 2005 s10-11". */
  legislation: string;
  /** The person's category in the receiving jurisdiction's terms (a MAPPA category, or PPANI eligibility), null if the record has none. */
  category: null | string;
  /** The person's management level (or PPANI risk category) in the receiving jurisdiction's terms, null if the record has none. */
  level: null | string;
  /** What the mapping assumed and the receiving area must confirm. */
  notes: string[];
}

/** The receiving area disputes the transfer on public-protection grounds: escalated to both areas' MAPPA co-ordinators; it does not stop the person moving. */
export interface TransferDispute {
  /** The public-protection reason. */
  reason: string;
  /** The current risk assessment the dispute rests on. */
  riskAssessmentId: null | string;
  /** The directory id of the organisation that disputes. */
  raisedByOrganisation: string;
}

/** The victim liaison unit of an area is told of a transfer of a person who has victims in a victim contact scheme, and what changes for licence exclusion zones. No victim's details travel: the unit holds them. */
export interface VictimLiaisonNotified {
  metadata: EventMetadata;
  /** The hub id of the person. */
  nominalId: string;
  /** The transfer. */
  transferId: string;
  /** This notification, acknowledged by it. */
  notificationId: string;
  /** On request, on completion, or when a temporary move ends with the person's return. */
  occasion: VictimLiaisonOccasion;
  /** The area whose unit is told. */
  area: string;
  /** The scheme and the unit keeping contact with the victims, as the record holds them. */
  victimContact: VictimContactScheme;
  /** The directory ids of the organisations whose victim liaison units serve the area (probation in England and Wales and Northern Ireland, justice social work in Scotland); any of them acknowledges. */
  organisations: string[];
  /** The sending area. */
  sendingArea: string;
  /** The receiving area. */
  receivingArea: string;
  /** Permanent or temporary. */
  kind: TransferKind;
  /** The day the person is expected to move. */
  expectedMoveOn: string;
  /** What the move changes for the licence's exclusion zones, for the unit to tell the victims. */
  licenceExclusionZones: string;
  /** When the unit's acknowledgement is due. */
  acknowledgementDueAt: Date;
}

/** Why the unit is told. */
export type VictimLiaisonOccasion =
  'TRANSFER_REQUESTED' | 'TRANSFER_COMPLETED' | 'TEMPORARY_MOVE_ENDED';
export const VictimLiaisonOccasionSymbols = [
  'TRANSFER_REQUESTED',
  'TRANSFER_COMPLETED',
  'TEMPORARY_MOVE_ENDED',
] as const satisfies readonly VictimLiaisonOccasion[];

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
  'org.mappahub.common.VictimContactScheme': VictimContactScheme;
  'org.mappahub.health.RestrictedPatientEventRecorded': RestrictedPatientEventRecorded;
  'org.mappahub.mappa.AddressRecorded': AddressRecorded;
  'org.mappahub.mappa.AgencyIdentifierLinked': AgencyIdentifierLinked;
  'org.mappahub.mappa.MappaCategoryAndLevelSet': MappaCategoryAndLevelSet;
  'org.mappahub.mappa.MappaMeetingHeld': MappaMeetingHeld;
  'org.mappahub.mappa.NominalRegistered': NominalRegistered;
  'org.mappahub.mappa.PersonalDetailsChanged': PersonalDetailsChanged;
  'org.mappahub.mappa.PpaniRiskCategorySet': PpaniRiskCategorySet;
  'org.mappahub.mappa.PublicProtectionArrangementsLeft': PublicProtectionArrangementsLeft;
  'org.mappahub.mappa.RecordManagementAssigned': RecordManagementAssigned;
  'org.mappahub.mappa.RiskAssessmentRecorded': RiskAssessmentRecorded;
  'org.mappahub.mappa.RiskManagementPlanPublished': RiskManagementPlanPublished;
  'org.mappahub.police.CivilOrderRecorded': CivilOrderRecorded;
  'org.mappahub.police.ComplianceActionRecorded': ComplianceActionRecorded;
  'org.mappahub.police.IntelligenceShared': IntelligenceShared;
  'org.mappahub.police.NotificationRequirementRecorded': NotificationRequirementRecorded;
  'org.mappahub.police.RsoNotificationReceived': RsoNotificationReceived;
  'org.mappahub.prison.CustodyEventRecorded': CustodyEventRecorded;
  'org.mappahub.probation.SupervisionEventRecorded': SupervisionEventRecorded;
  'org.mappahub.registry.AccessAudited': AccessAudited;
  'org.mappahub.registry.DuplicateResolved': DuplicateResolved;
  'org.mappahub.registry.MergeUndone': MergeUndone;
  'org.mappahub.registry.NominalArchiveStatusChanged': NominalArchiveStatusChanged;
  'org.mappahub.registry.NominalChanged': NominalChanged;
  'org.mappahub.registry.NominalRemoved': NominalRemoved;
  'org.mappahub.registry.RecordDateReached': RecordDateReached;
  'org.mappahub.registry.RecordReviewRaised': RecordReviewRaised;
  'org.mappahub.transfer.TransferStepOverdue': TransferStepOverdue;
  'org.mappahub.transfer.TransferStepRecorded': TransferStepRecorded;
  'org.mappahub.transfer.TransferTerms': TransferTerms;
  'org.mappahub.transfer.VictimLiaisonNotified': VictimLiaisonNotified;
}

export type HubSchemaName = keyof HubSchemas;
