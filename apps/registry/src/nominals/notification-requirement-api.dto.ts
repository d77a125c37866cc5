import { ApiProperty } from '@nestjs/swagger';
import {
  CivilOrderTypeSymbols,
  ComplianceActionKindSymbols,
  JurisdictionSymbols,
  NotificationDisposalSymbols,
  NotificationRequirementBasisSymbols,
  RsoNotificationKindSymbols,
} from '@hub/contracts';
import type {
  CivilOrderType,
  ComplianceActionKind,
  Jurisdiction,
  NotificationDisposal,
  NotificationRequirementBasis,
  RsoNotificationKind,
} from '@hub/contracts';

import { ProvenanceDto } from './provenance.dto';

/*
 * The notification requirement and civil orders as the registry API shows them, for the OpenAPI
 * document (Sexual Offences Act 2003 Part 2; the rules are in the README's domain section).
 */

export class NotificationPeriodDto {
  @ApiProperty({ type: Boolean })
  indefinite!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 120,
    description:
      'A fixed period in months, halved for an under-18 (may be a half); null when indefinite',
  })
  months!: number | null;
  @ApiProperty({ type: Boolean, description: 'Under 18 on the relevant date (s82(2))' })
  underEighteen!: boolean;
  @ApiProperty({ type: String, format: 'date' })
  startsOn!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day subject; null when indefinite',
  })
  endsOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'Indefinite only: first day an application for review may be made (s91B); null until the first notification after release',
  })
  reviewableFrom!: string | null;
  @ApiProperty({ type: String, example: 's82(1): imprisonment of 6 months or less, 7 years' })
  rule!: string;
}

export class NotificationRequirementDto {
  @ApiProperty({ type: String })
  requirementId!: string;
  @ApiProperty({ enum: [...NotificationRequirementBasisSymbols] })
  basis!: NotificationRequirementBasis;
  @ApiProperty({ type: String, format: 'date', description: 'The relevant date (s82(6))' })
  relevantDate!: string;
  @ApiProperty({ enum: [...NotificationDisposalSymbols] })
  disposal!: NotificationDisposal;
  @ApiProperty({ type: Number, nullable: true })
  termMonths!: number | null;
  @ApiProperty({ type: Boolean, nullable: true })
  underEighteenOnRelevantDate!: boolean | null;
  @ApiProperty({ enum: [...JurisdictionSymbols] })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  releasedOn!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  reviews!: object[];
  @ApiProperty({
    type: NotificationPeriodDto,
    nullable: true,
    description: 'Derived (s82); null when the facts do not decide it',
  })
  period!: NotificationPeriodDto | null;
}

export class NotificationStatusDto {
  @ApiProperty({ type: Boolean, description: 'Subject to the notification requirements today' })
  subject!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  startsOn!: string | null;
  @ApiProperty({ type: Boolean })
  indefinite!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  endsOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reviewableFrom!: string | null;
  @ApiProperty({
    type: [String],
    description: 'Civil orders in force that keep or make the person subject (s103G)',
  })
  civilOrderIds!: string[];
}

export class OverdueNotificationDto {
  @ApiProperty({ enum: [...RsoNotificationKindSymbols] })
  kind!: RsoNotificationKind;
  @ApiProperty({ type: String, format: 'date' })
  dueBy!: string;
  @ApiProperty({
    type: String,
    example: 'annual (s85(1)): a year after the notification of 2024-01-10',
  })
  rule!: string;
}

export class CivilOrderDto {
  @ApiProperty({ type: String })
  orderId!: string;
  @ApiProperty({ enum: [...CivilOrderTypeSymbols] })
  orderType!: CivilOrderType;
  @ApiProperty({ enum: [...JurisdictionSymbols] })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: String, format: 'date' })
  madeOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  servedOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Null: until further order',
  })
  expiresOn!: string | null;
  @ApiProperty({ type: [String] })
  prohibitions!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  dischargedOn!: string | null;
  @ApiProperty({ type: Boolean, description: 'Derived: in force today' })
  inForce!: boolean;
  @ApiProperty({
    type: Boolean,
    required: false,
    description:
      'The order prohibits or restricts travel outside the UK, as its latest making, variation or renewal said; absent on orders recorded before the police said (read as false)',
  })
  foreignTravelRestricted?: boolean;
}

export class ComplianceActionDto extends ProvenanceDto {
  @ApiProperty({ type: String, description: "The police system's id for the action" })
  actionId!: string;
  @ApiProperty({ enum: [...ComplianceActionKindSymbols] })
  kind!: ComplianceActionKind;
  @ApiProperty({ type: String, format: 'date' })
  occurredOn!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "For an order breach, the police system's id for the order breached",
  })
  orderId!: string | null;
  @ApiProperty({ type: Boolean, description: 'For a conviction: returned to custody for it' })
  sentencedToCustody!: boolean;
  @ApiProperty({ type: String, nullable: true })
  details!: string | null;
}
