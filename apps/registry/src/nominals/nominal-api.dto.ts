import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AddressTypeSymbols,
  AgencyIdentifierTypeSymbols,
  AgencySymbols,
  ClassificationSymbols,
  GenderSymbols,
  JurisdictionSymbols,
  MappaCategorySymbols,
  MappaLevelSymbols,
  NominalStatusSymbols,
} from '@hub/contracts';
import type {
  Agency,
  AgencyIdentifierType,
  AddressType,
  Classification,
  Gender,
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  NominalStatus,
} from '@hub/contracts';

/*
 * The shapes the registry API answers with, for the OpenAPI document only: the handlers return the
 * query results typed by nominal-queries.ts, and these classes describe them to API consumers.
 */

const agencies = [...AgencySymbols];
const jurisdictions = [...JurisdictionSymbols];
/** Items whose full shape is in the event schemas (schemas/): documented as open objects. */
const openObject = { type: 'object', additionalProperties: true } as const;

export class PersonNameDto {
  @ApiProperty({ type: [String], example: ['John', 'Paul'], description: 'Given names in order' })
  givenNames!: string[];
  @ApiProperty({ example: 'Smith' })
  familyName!: string;
}

export class AgencyIdentifierDto {
  @ApiProperty({ enum: [...AgencyIdentifierTypeSymbols] })
  type!: AgencyIdentifierType;
  @ApiProperty({ example: '2001/0123456A', description: 'As the issuing system writes it' })
  value!: string;
  @ApiProperty({ enum: agencies })
  issuedBy!: Agency;
}

export class MappaSummaryDto {
  @ApiProperty({ enum: [...MappaCategorySymbols] })
  category!: MappaCategory;
  @ApiProperty({ example: 'Violent and other sexual offenders' })
  categoryName!: string;
  @ApiProperty({ enum: [...MappaLevelSymbols] })
  level!: MappaLevel;
}

export class NominalSummaryDto {
  @ApiProperty({ example: 'NOM-7F3A2C91' })
  id!: string;
  @ApiProperty({ type: PersonNameDto })
  name!: PersonNameDto;
  @ApiProperty({ type: [PersonNameDto] })
  aliases!: PersonNameDto[];
  @ApiProperty({ format: 'date', example: '1980-04-23' })
  dateOfBirth!: string;
  @ApiProperty({ enum: [...NominalStatusSymbols] })
  status!: NominalStatus;
  @ApiProperty({ type: MappaSummaryDto, nullable: true })
  mappa!: MappaSummaryDto | null;
  @ApiProperty({ example: 'Greater Manchester' })
  managingArea!: string;
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: [AgencyIdentifierDto] })
  identifiers!: AgencyIdentifierDto[];
  @ApiPropertyOptional({
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
  @ApiProperty({ example: 1 })
  page!: number;
  @ApiProperty({ example: 20 })
  pageSize!: number;
  @ApiProperty({ description: 'Matching records over all pages', example: 42 })
  total!: number;
}

export class PractitionerDto {
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: agencies })
  agency!: Agency;
  @ApiProperty({ type: String, nullable: true })
  role!: string | null;
  @ApiProperty({ type: String, nullable: true })
  contact!: string | null;
}

export class ManagementDto {
  @ApiProperty({ enum: agencies })
  leadAgency!: Agency;
  @ApiProperty({ example: 'Greater Manchester' })
  managingArea!: string;
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: PractitionerDto, nullable: true })
  recordManager!: PractitionerDto | null;
  @ApiProperty({ type: [PractitionerDto] })
  coManagers!: PractitionerDto[];
}

export class MappaStatusDto extends MappaSummaryDto {
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ format: 'date-time' })
  setOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewOn!: string | null;
}

export class AddressDto {
  @ApiProperty()
  addressId!: string;
  @ApiProperty({ enum: [...AddressTypeSymbols] })
  type!: AddressType;
  @ApiProperty({ type: [String] })
  lines!: string[];
  @ApiProperty()
  town!: string;
  @ApiProperty({ type: String, nullable: true })
  postcode!: string | null;
  @ApiProperty({ description: 'The MAPPA area the address is in' })
  area!: string;
  @ApiProperty({ enum: jurisdictions })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ format: 'date', description: 'First day at the address' })
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
  @ApiProperty({ description: 'The event that recorded the address' })
  eventId!: string;
}

export class RiskManagementPlanDto {
  @ApiProperty()
  planId!: string;
  @ApiProperty({ example: 3 })
  planVersion!: number;
  @ApiProperty()
  summary!: string;
  @ApiProperty({ type: 'array', items: openObject })
  actions!: object[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewOn!: string | null;
  @ApiProperty()
  eventId!: string;
  @ApiProperty({ enum: agencies })
  recordedBy!: Agency;
  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;
}

export class NominalRecordDto {
  @ApiProperty({ example: 'NOM-7F3A2C91' })
  id!: string;
  @ApiProperty({ description: 'Incremented by every applied event', example: 7 })
  version!: number;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
  @ApiProperty({ description: 'The event that produced this version' })
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
  @ApiProperty({ format: 'date' })
  dateOfBirth!: string;
  @ApiProperty({ enum: [...GenderSymbols] })
  gender!: Gender;
  @ApiProperty({ type: [AgencyIdentifierDto] })
  identifiers!: AgencyIdentifierDto[];
  @ApiProperty({ type: MappaStatusDto, nullable: true })
  mappa!: MappaStatusDto | null;
  @ApiProperty({ type: ManagementDto })
  management!: ManagementDto;
  @ApiProperty({ type: [AddressDto], description: 'Current and past addresses' })
  addresses!: AddressDto[];
  @ApiProperty({
    type: AddressDto,
    nullable: true,
    description:
      'Derived: of the addresses begun and not ended (no `to`, or `to` today or later), the latest `from`',
  })
  currentAddress!: AddressDto | null;
  @ApiProperty({ ...openObject, nullable: true })
  custody!: object | null;
  @ApiProperty({ ...openObject, nullable: true })
  supervision!: object | null;
  @ApiProperty({ type: 'array', items: openObject })
  supervisionEvents!: object[];
  @ApiProperty({ ...openObject, nullable: true })
  restrictedPatient!: object | null;
  @ApiProperty({ type: 'array', items: openObject })
  riskAssessments!: object[];
  @ApiProperty({ type: [RiskManagementPlanDto], description: 'Every version of every plan' })
  riskManagementPlans!: RiskManagementPlanDto[];
  @ApiProperty({
    type: RiskManagementPlanDto,
    nullable: true,
    description: 'Derived: the latest version of the most recently published plan',
  })
  riskManagementPlan!: RiskManagementPlanDto | null;
  @ApiProperty({ type: 'array', items: openObject })
  notifications!: object[];
  @ApiProperty({ type: 'array', items: openObject })
  intelligence!: object[];
  @ApiProperty({ type: 'array', items: openObject })
  meetings!: object[];
}

export class TimelineEntryDto {
  @ApiProperty()
  eventId!: string;
  @ApiProperty({
    description: 'The record the event was recorded on: this one or one merged into it',
  })
  nominalId!: string;
  @ApiProperty({ example: 'IntelligenceShared' })
  eventType!: string;
  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;
  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ enum: agencies })
  producingAgency!: Agency;
  @ApiProperty()
  producingSystem!: string;
  @ApiProperty({ type: String, nullable: true })
  actingUser!: string | null;
  @ApiProperty()
  correlationId!: string;
  @ApiProperty({ type: String, nullable: true })
  causationId!: string | null;
  @ApiProperty({ enum: [...ClassificationSymbols] })
  classification!: Classification;
  @ApiProperty({ description: 'The record version the event produced' })
  nominalVersion!: number;
  @ApiProperty({ description: 'One line a practitioner can read' })
  summary!: string;
  @ApiProperty({ ...openObject, description: "The event's own fields" })
  details!: object;
  @ApiProperty()
  topic!: string;
  @ApiProperty()
  partition!: number;
  @ApiProperty()
  offset!: string;
  @ApiProperty()
  schemaId!: number;
  @ApiProperty({ type: String, nullable: true, description: 'W3C trace context of the event' })
  traceparent!: string | null;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineEntryDto] })
  items!: TimelineEntryDto[];
  @ApiProperty({ example: 1 })
  page!: number;
  @ApiProperty({ example: 20 })
  pageSize!: number;
  @ApiProperty({ example: 57 })
  total!: number;
}

export class ViolationDto {
  @ApiProperty({ example: 'pageSize' })
  field!: string;
  @ApiProperty({ example: 'must be a whole number from 1 to 100' })
  problem!: string;
}

export class BadRequestDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;
  @ApiProperty({ example: 'Bad Request' })
  error!: string;
  @ApiProperty({
    example: 'invalid query parameters: pageSize must be a whole number from 1 to 100',
  })
  message!: string;
  @ApiProperty({ type: [ViolationDto] })
  violations!: ViolationDto[];
}

export class NotFoundDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;
  @ApiProperty({ example: 'Not Found' })
  error!: string;
  @ApiProperty({ example: 'no nominal with id NOM-7F3A2C91' })
  message!: string;
}

export class MergedRecordDto {
  @ApiProperty({ example: 308 })
  statusCode!: number;
  @ApiProperty({
    example:
      'nominal NOM-7F3A2C91 was merged into NOM-0B12D3E4; its record is at /v1/nominals/NOM-0B12D3E4',
  })
  message!: string;
  @ApiProperty({ example: 'NOM-0B12D3E4' })
  mergedInto!: string;
  @ApiProperty({ example: '/v1/nominals/NOM-0B12D3E4', description: 'Also in the Location header' })
  location!: string;
}
