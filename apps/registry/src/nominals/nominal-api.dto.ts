import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IntelligenceItemDto,
  ReconvictionRiskDto,
  RiskAssessmentDto,
  RiskOfSeriousHarmDto,
} from './risk-api.dto';
import {
  CivilOrderDto,
  ComplianceActionDto,
  NotificationRequirementDto,
  NotificationStatusDto,
  OverdueNotificationDto,
} from './notification-requirement-api.dto';
import {
  AddressTypeSymbols,
  AgencyIdentifierTypeSymbols,
  AssessmentSettingSymbols,
  ClassificationSymbols,
  GenderSymbols,
  JurisdictionSymbols,
  MappaCategorySymbols,
  MappaLevelSymbols,
  NominalStatusSymbols,
  TransferKindSymbols,
  TransferStateSymbols,
  TransferStepSymbols,
  VictimSchemeSymbols,
} from '@hub/contracts';
import type {
  Agency,
  AgencyIdentifierType,
  AddressType,
  AssessmentSetting,
  Classification,
  Gender,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  NominalStatus,
  TransferKind,
  TransferState,
  TransferStep,
  VictimScheme,
} from '@hub/contracts';
import { agencies, ProvenanceDto } from './provenance.dto';
import type { EligibilityGroundKind } from '../projections/mappa-eligibility';

/*
 * The shapes the registry API answers with, for the OpenAPI document only: the handlers return the
 * query results typed by nominal-queries.ts, and these classes describe them to API consumers.
 */

const jurisdictions = [...JurisdictionSymbols];
/** Items whose full shape is in the event schemas (schemas/): documented as open objects. */
const openObject = { type: 'object', additionalProperties: true } as const;

export class PersonNameDto {
  @ApiProperty({ type: [String], example: ['John', 'Paul'], description: 'Given names in order' })
  givenNames!: string[];
  @ApiProperty({ type: String, example: 'Smith' })
  familyName!: string;
}

export class AgencyIdentifierDto {
  @ApiProperty({ enum: [...AgencyIdentifierTypeSymbols] })
  type!: AgencyIdentifierType;
  @ApiProperty({
    type: String,
    example: '2001/0123456A',
    description: 'As the issuing system writes it',
  })
  value!: string;
  @ApiProperty({ enum: agencies })
  issuedBy!: Agency;
}

export class MappaSummaryDto {
  @ApiProperty({ enum: [...MappaCategorySymbols] })
  category!: MappaCategory;
  @ApiProperty({ type: String, example: 'Violent and other sexual offenders' })
  categoryName!: string;
  @ApiProperty({ enum: [...MappaLevelSymbols] })
  level!: MappaLevel;
}

export class NominalSummaryDto {
  @ApiProperty({ type: String, example: 'NOM-7F3A2C91' })
  id!: string;
  @ApiProperty({ type: PersonNameDto })
  name!: PersonNameDto;
  @ApiProperty({ type: [PersonNameDto] })
  aliases!: PersonNameDto[];
  @ApiProperty({ type: String, format: 'date', example: '1980-04-23' })
  dateOfBirth!: string;
  @ApiProperty({ enum: [...NominalStatusSymbols] })
  status!: NominalStatus;
  @ApiProperty({ type: MappaSummaryDto, nullable: true })
  mappa!: MappaSummaryDto | null;
  @ApiProperty({ type: String, example: 'Greater Manchester' })
  managingArea!: string;
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: [AgencyIdentifierDto] })
  identifiers!: AgencyIdentifierDto[];
  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 1,
    description:
      'Name searches only: how well the name or an alias matched (results score 0.8 or more)',
  })
  score?: number;
  @ApiPropertyOptional({
    type: PersonNameDto,
    description: 'Name searches only: the name or alias that matched best',
  })
  matchedName?: PersonNameDto;
}

export class NominalSearchPageDto {
  @ApiProperty({
    type: [NominalSummaryDto],
    description: 'Best name match first, else by family name',
  })
  items!: NominalSummaryDto[];
  @ApiProperty({ type: Number, example: 1 })
  page!: number;
  @ApiProperty({ type: Number, example: 20 })
  pageSize!: number;
  @ApiProperty({ type: Number, description: 'Matching records over all pages', example: 42 })
  total!: number;
}

export class PractitionerDto {
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ enum: agencies })
  agency!: Agency;
  @ApiProperty({ type: String, nullable: true })
  role!: string | null;
  @ApiProperty({ type: String, nullable: true })
  contact!: string | null;
}

export class VictimContactDto {
  @ApiProperty({
    enum: [...VictimSchemeSymbols],
    description:
      "The statutory scheme the victims are in: England and Wales' Victim Contact Scheme, Scotland's Victim Notification Scheme, Northern Ireland's Victim Information Scheme",
  })
  scheme!: VictimScheme;
  @ApiProperty({
    type: String,
    example: 'Greater Manchester Victim Liaison Unit',
    description: 'The victim liaison unit that keeps contact with the victims',
  })
  contactUnit!: string;
}

export class ManagementDto {
  @ApiProperty({ enum: agencies })
  leadAgency!: Agency;
  @ApiProperty({ type: String, example: 'Greater Manchester' })
  managingArea!: string;
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: PractitionerDto, nullable: true })
  recordManager!: PractitionerDto | null;
  @ApiProperty({ type: [PractitionerDto] })
  coManagers!: PractitionerDto[];
  @ApiProperty({
    type: VictimContactDto,
    nullable: true,
    description:
      'Whether the person has victims in a victim contact scheme, and the unit keeping contact with them (no victim details); null if none recorded. A completed transfer keeps it',
  })
  victimContact!: VictimContactDto | null;
}

export class OpenTransferDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    description: "The transfer (its details are the transfer coordinator's)",
  })
  transferId!: string;
  @ApiProperty({
    type: Number,
    example: 4,
    description:
      'The version of the transfer the record holds: a step of a lower version arriving later does not change it',
  })
  version!: number;
  @ApiProperty({ enum: [...TransferStateSymbols] })
  state!: TransferState;
  @ApiProperty({ enum: [...TransferKindSymbols] })
  kind!: TransferKind;
  @ApiProperty({
    type: String,
    example: 'Lothian and Borders',
    description:
      'The area the person moves to; during interim co-management it co-manages the person',
  })
  receivingArea!: string;
  @ApiProperty({ enum: jurisdictions })
  receivingJurisdiction!: Jurisdiction;
}

export class TransferItemDto extends ProvenanceDto {
  @ApiProperty({ type: String, format: 'uuid' })
  transferId!: string;
  @ApiProperty({
    type: Number,
    description: "The transfer's version after its latest step applied",
  })
  version!: number;
  @ApiProperty({ enum: [...TransferStepSymbols], description: 'The latest step applied' })
  step!: TransferStep;
  @ApiProperty({ enum: [...TransferStateSymbols] })
  state!: TransferState;
  @ApiProperty({ enum: [...TransferKindSymbols] })
  kind!: TransferKind;
  @ApiProperty({ type: String })
  sendingArea!: string;
  @ApiProperty({ type: String })
  receivingArea!: string;
  @ApiProperty({ enum: jurisdictions })
  receivingJurisdiction!: Jurisdiction;
}

export class MappaStatusDto extends MappaSummaryDto {
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: String, format: 'date-time' })
  setOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The day the category and level took effect: the latest decides',
  })
  effectiveOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the person qualifies' })
  basis!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Set when the person has left MAPPA since: the category is the last they had',
  })
  leftOn!: string | null;
  @ApiProperty({ type: String, nullable: true })
  leftReason!: string | null;
}

export class PpaniStatusDto {
  @ApiProperty({ type: String, description: 'Why the person is eligible for PPANI' })
  eligibility!: string;
  @ApiProperty({ type: String, enum: ['CATEGORY_1', 'CATEGORY_2', 'CATEGORY_3'] })
  riskCategory!: string;
  @ApiProperty({ type: String, example: 'Serious harm could be caused at any time' })
  riskCategoryName!: string;
  @ApiProperty({ type: String, format: 'date' })
  effectiveOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  leftOn!: string | null;
  @ApiProperty({ type: String, nullable: true })
  leftReason!: string | null;
}

export class RecordConflictDto {
  @ApiProperty({ type: String, example: 'custody' })
  field!: string;
  @ApiProperty({ type: String })
  description!: string;
  @ApiProperty({ type: [String], description: 'The events whose facts contradict each other' })
  eventIds!: string[];
}

export class AddressDto {
  @ApiProperty({ type: String })
  addressId!: string;
  @ApiProperty({ enum: [...AddressTypeSymbols] })
  type!: AddressType;
  @ApiProperty({ type: [String] })
  lines!: string[];
  @ApiProperty({ type: String })
  town!: string;
  @ApiProperty({ type: String, nullable: true })
  postcode!: string | null;
  @ApiProperty({ type: String, description: 'The MAPPA area the address is in' })
  area!: string;
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: String, format: 'date', description: 'First day at the address' })
  from!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day at the address; null while current',
  })
  to!: string | null;
  @ApiProperty({ enum: agencies })
  recordedBy!: Agency;
  @ApiProperty({ type: String, description: 'The event that recorded the address' })
  eventId!: string;
}

export class RiskManagementPlanDto extends ProvenanceDto {
  @ApiProperty({ type: String })
  planId!: string;
  @ApiProperty({ type: Number, example: 3 })
  planVersion!: number;
  @ApiProperty({ type: String })
  summary!: string;
  @ApiProperty({ type: 'array', items: openObject })
  actions!: object[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewOn!: string | null;
}

const eligibilityGroundKinds = [
  'NOTIFICATION_REQUIREMENTS',
  'SENTENCE_OR_LICENCE',
  'SUPERVISION',
  'RESTRICTION_ORDER',
  'CIVIL_ORDER',
  'LEVEL_REVIEW',
  'LEFT_ARRANGEMENTS',
] as const satisfies readonly EligibilityGroundKind[];

export class EligibilityGroundDto {
  @ApiProperty({ enum: eligibilityGroundKinds })
  ground!: EligibilityGroundKind;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day the ground holds; null when it holds without end',
  })
  endsOn!: string | null;
  @ApiProperty({ example: 'licence expires on 2027-03-31' })
  basis!: string;
  @ApiProperty({ description: 'The statute or guidance the rule comes from' })
  source!: string;
}

export class EligibilityStatusDto {
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day the facts recorded keep the person eligible; null when indefinite',
  })
  endsOn!: string | null;
  @ApiProperty()
  indefinite!: boolean;
  @ApiProperty({ description: 'The last day has passed: an archive review is raised' })
  ended!: boolean;
  @ApiProperty({ type: [EligibilityGroundDto] })
  grounds!: EligibilityGroundDto[];
}

export class NominalRecordDto {
  @ApiProperty({ type: String, example: 'NOM-7F3A2C91' })
  id!: string;
  @ApiProperty({ type: Number, description: 'Incremented by every applied event', example: 7 })
  version!: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
  @ApiProperty({ type: String, description: 'The event that produced this version' })
  lastEventId!: string;
  @ApiProperty({ enum: [...NominalStatusSymbols] })
  status!: NominalStatus;
  @ApiProperty({ ...openObject, nullable: true, description: 'Reason, when and by whom' })
  archive!: object | null;
  @ApiProperty({ type: String, nullable: true })
  mergedInto!: string | null;
  @ApiProperty({
    type: [String],
    description: 'Records merged into this one; their history is in the timeline',
  })
  mergedFrom!: string[];
  @ApiProperty({ type: [String] })
  linkedNominals!: string[];
  @ApiProperty({ enum: agencies })
  registeredBy!: Agency;
  @ApiProperty({ type: PersonNameDto })
  name!: PersonNameDto;
  @ApiProperty({ type: [PersonNameDto] })
  aliases!: PersonNameDto[];
  @ApiProperty({ type: String, format: 'date' })
  dateOfBirth!: string;
  @ApiProperty({
    type: [String],
    format: 'date',
    description:
      'Other dates of birth the person is known by (a corrected one, those of merged records): matched for possible duplicates',
  })
  aliasDatesOfBirth!: string[];
  @ApiProperty({ enum: [...GenderSymbols] })
  gender!: Gender;
  @ApiProperty({ type: [AgencyIdentifierDto] })
  identifiers!: AgencyIdentifierDto[];
  @ApiProperty({
    type: MappaStatusDto,
    nullable: true,
    description: 'Derived: the category and level with the latest effective date (E&W, Scotland)',
  })
  mappa!: MappaStatusDto | null;
  @ApiProperty({
    type: PpaniStatusDto,
    nullable: true,
    description: 'Derived: the PPANI risk category in force (Northern Ireland)',
  })
  ppani!: PpaniStatusDto | null;
  @ApiProperty({
    type: 'array',
    items: openObject,
    description: 'Every MAPPA category and level and PPANI decision, and every departure from them',
  })
  arrangementsHistory!: object[];
  @ApiProperty({
    type: [RecordConflictDto],
    description:
      'Facts that contradict each other and that no effective date decides (after a merge, or two systems the same day): for a person to resolve by recording the right fact',
  })
  conflicts!: RecordConflictDto[];
  @ApiProperty({
    type: 'array',
    items: openObject,
    description:
      'What each merge into this record brought it (names, identifiers, items): how an unmerge takes it back',
  })
  merges!: object[];
  @ApiProperty({
    type: [RecordConflictDto],
    description:
      'The conflicts merges raised (part of `conflicts`), kept until a later fact settles them',
  })
  mergeConflicts!: RecordConflictDto[];
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The next day a derived fact changes with no event; the registry derives the record again then',
  })
  rederiveOn!: string | null;
  @ApiProperty({
    type: 'array',
    items: openObject,
    description:
      'Every assignment of the management (the registration first), with the day it took effect: `management` is the latest',
  })
  managementHistory!: object[];
  @ApiProperty({ type: ManagementDto })
  management!: ManagementDto;
  @ApiProperty({
    type: [TransferItemDto],
    description:
      "Every transfer of the person's management to another area, at its latest step (the transfer coordinator holds the rest)",
  })
  transfers!: TransferItemDto[];
  @ApiProperty({
    type: OpenTransferDto,
    nullable: true,
    description:
      'Derived: the transfer not ended yet (requested, acknowledged, in consultation, accepted, disputed or in interim co-management); null once completed, returned, cancelled or withdrawn',
  })
  openTransfer!: OpenTransferDto | null;
  @ApiProperty({ type: [AddressDto], description: 'Current and past addresses' })
  addresses!: AddressDto[];
  @ApiProperty({
    type: AddressDto,
    nullable: true,
    description:
      'Derived: the main residence today (home, approved premises, custody, hospital or no fixed abode) begun last; a second home or temporary stay only when no main residence is current',
  })
  currentAddress!: AddressDto | null;
  @ApiProperty({
    type: [AddressDto],
    description: 'Derived: every other address current today (second homes, temporary stays)',
  })
  otherCurrentAddresses!: AddressDto[];
  @ApiProperty({
    ...openObject,
    nullable: true,
    description:
      'Derived from custodyEvents by effective date: state (IN_CUSTODY, RELEASED, ON_TEMPORARY_RELEASE, UNLAWFULLY_AT_LARGE), establishment, remand or sentenced, release, licence-expiry and sentence-expiry dates',
  })
  custody!: object | null;
  @ApiProperty({ type: 'array', items: openObject })
  custodyEvents!: object[];
  @ApiProperty({ ...openObject, nullable: true })
  supervision!: object | null;
  @ApiProperty({ type: 'array', items: openObject })
  supervisionEvents!: object[];
  @ApiProperty({
    ...openObject,
    nullable: true,
    description:
      'Derived from restrictedPatientEvents by effective date: legal state, hospital (none once discharged), absence without leave, leave of absence',
  })
  restrictedPatient!: object | null;
  @ApiProperty({ type: 'array', items: openObject })
  restrictedPatientEvents!: object[];
  @ApiProperty({
    type: [RiskAssessmentDto],
    description: 'Every assessment, each tool in its own terms',
  })
  riskAssessments!: RiskAssessmentDto[];
  @ApiProperty({ type: [RiskAssessmentDto], description: 'Derived: the latest of each tool' })
  latestRiskAssessments!: RiskAssessmentDto[];
  @ApiProperty({
    enum: [...AssessmentSettingSymbols],
    description: 'Derived: the setting risk of serious harm is read for (custody while in prison)',
  })
  riskSetting!: AssessmentSetting;
  @ApiProperty({
    type: RiskOfSeriousHarmDto,
    nullable: true,
    description:
      'Derived: from the latest assessment rating risk of serious harm, the highest group level in the setting that applies',
  })
  riskOfSeriousHarm!: RiskOfSeriousHarmDto | null;
  @ApiProperty({
    type: ReconvictionRiskDto,
    nullable: true,
    description: 'Derived: the predictions of the latest assessment predicting reconviction',
  })
  reconvictionRisk!: ReconvictionRiskDto | null;
  @ApiProperty({ type: [RiskManagementPlanDto], description: 'Every version of every plan' })
  riskManagementPlans!: RiskManagementPlanDto[];
  @ApiProperty({
    type: RiskManagementPlanDto,
    nullable: true,
    description: 'Derived: the latest version of the most recently published plan',
  })
  riskManagementPlan!: RiskManagementPlanDto | null;
  @ApiProperty({
    type: 'array',
    items: openObject,
    description:
      "RSO notifications; `dueBy` is the hub's deadline (`dueByRule` says how), `producerDueBy` what the producer said",
  })
  notifications!: object[];
  @ApiProperty({
    type: [NotificationRequirementDto],
    description: 'Sex offender notification requirements',
  })
  notificationRequirements!: NotificationRequirementDto[];
  @ApiProperty({ type: NotificationStatusDto, nullable: true, description: 'Derived' })
  notificationStatus!: NotificationStatusDto | null;
  @ApiProperty({
    type: EligibilityStatusDto,
    nullable: true,
    description:
      'Derived: until when the facts recorded keep the person eligible for MAPPA (each ground with its source); null when no fact says',
  })
  eligibility!: EligibilityStatusDto | null;
  @ApiProperty({
    type: [OverdueNotificationDto],
    description: 'Derived: notifications owed and not made',
  })
  overdueNotifications!: OverdueNotificationDto[];
  @ApiProperty({
    type: [CivilOrderDto],
    description: 'SHPOs, SROs, notification orders and others',
  })
  civilOrders!: CivilOrderDto[];
  @ApiProperty({
    type: [ComplianceActionDto],
    description:
      'Reports of going missing and being found, and cautions and convictions for breaching the notification requirements or an order, by the day they happened',
  })
  complianceActions!: ComplianceActionDto[];
  @ApiProperty({ type: [IntelligenceItemDto] })
  intelligence!: IntelligenceItemDto[];
  @ApiProperty({ type: 'array', items: openObject })
  meetings!: object[];
}

export class TimelineEntryDto {
  @ApiProperty({ type: String })
  eventId!: string;
  @ApiProperty({
    type: String,
    description: 'The record the event was recorded on: this one or one merged into it',
  })
  nominalId!: string;
  @ApiProperty({ type: String, example: 'IntelligenceShared' })
  eventType!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ enum: agencies })
  producingAgency!: Agency;
  @ApiProperty({ type: String })
  producingSystem!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The producing organisation (GET /v1/organisations/{id}); null before the hub knew organisations',
  })
  producingOrganisation!: string | null;
  @ApiProperty({ type: String, nullable: true })
  actingUser!: string | null;
  @ApiProperty({ type: String })
  correlationId!: string;
  @ApiProperty({ type: String, nullable: true })
  causationId!: string | null;
  @ApiProperty({ enum: [...ClassificationSymbols] })
  classification!: Classification;
  @ApiProperty({ type: Number, description: 'The record version the event produced' })
  nominalVersion!: number;
  @ApiProperty({ type: String, description: 'One line a practitioner can read' })
  summary!: string;
  @ApiProperty({ ...openObject, description: "The event's own fields" })
  details!: object;
  @ApiProperty({ type: String })
  topic!: string;
  @ApiProperty({ type: Number })
  partition!: number;
  @ApiProperty({ type: String })
  offset!: string;
  @ApiProperty({ type: Number })
  schemaId!: number;
  @ApiProperty({ type: String, nullable: true, description: 'W3C trace context of the event' })
  traceparent!: string | null;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineEntryDto] })
  items!: TimelineEntryDto[];
  @ApiProperty({ type: Number, example: 1 })
  page!: number;
  @ApiProperty({ type: Number, example: 20 })
  pageSize!: number;
  @ApiProperty({ type: Number, example: 57 })
  total!: number;
}

export class ViolationDto {
  @ApiProperty({ type: String, example: 'pageSize' })
  field!: string;
  @ApiProperty({ type: String, example: 'must be a whole number from 1 to 100' })
  problem!: string;
}

export class BadRequestDto {
  @ApiProperty({ type: Number, example: 400 })
  statusCode!: number;
  @ApiProperty({ type: String, example: 'Bad Request' })
  error!: string;
  @ApiProperty({
    type: String,
    example: 'invalid query parameters: pageSize must be a whole number from 1 to 100',
  })
  message!: string;
  @ApiProperty({ type: [ViolationDto] })
  violations!: ViolationDto[];
}

export class NotFoundDto {
  @ApiProperty({ type: Number, example: 404 })
  statusCode!: number;
  @ApiProperty({ type: String, example: 'Not Found' })
  error!: string;
  @ApiProperty({ type: String, example: 'no nominal with id NOM-7F3A2C91' })
  message!: string;
}

export class MergedRecordDto {
  @ApiProperty({ type: Number, example: 308 })
  statusCode!: number;
  @ApiProperty({
    type: String,
    example:
      'nominal NOM-7F3A2C91 was merged into NOM-0B12D3E4; its record is at /v1/nominals/NOM-0B12D3E4',
  })
  message!: string;
  @ApiProperty({ type: String, example: 'NOM-0B12D3E4' })
  mergedInto!: string;
  @ApiProperty({
    type: String,
    example: '/v1/nominals/NOM-0B12D3E4',
    description: 'Also in the Location header',
  })
  location!: string;
}
