import { ApiProperty } from '@nestjs/swagger';
import { caseOutcomes, itemDecisions, type CaseOutcome } from './disclosure-cases';
import { exemptionCodes } from './disclosure-exemptions';
import { disclosureKinds, type DisclosureKind } from './statutory-deadlines';

/*
 * The shapes the disclosure API answers with, for the OpenAPI document only (the handlers return
 * disclosure-view.ts's views).
 */

export class LoggedDecisionDto {
  @ApiProperty({ example: 'intelligence:5b0c…' })
  itemId!: string;
  @ApiProperty({ description: 'A title made of facts, never content' })
  title!: string;
  @ApiProperty({ enum: itemDecisions })
  decision!: string;
  @ApiProperty({ enum: exemptionCodes, nullable: true })
  exemption!: string | null;
  @ApiProperty({ description: 'How many strings were redacted (never the strings)' })
  redactionCount!: number;
  @ApiProperty({ description: 'Printed in the pack: written for the requester' })
  reason!: string;
  @ApiProperty()
  decidedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt!: string;
}

export class DeadlineDto {
  @ApiProperty({ nullable: true, description: 'Calendar days to the deadline; null once closed' })
  daysLeft!: number | null;
  @ApiProperty({
    nullable: true,
    description: 'Working days to the deadline (FOIA s10(6)); null once closed',
  })
  workingDaysLeft!: number | null;
  @ApiProperty({ description: 'Not closed, and the deadline has passed' })
  overdue!: boolean;
  @ApiProperty({ description: 'Not closed, and due within 5 working days' })
  near!: boolean;
  @ApiProperty({ nullable: true, description: 'For a closed case: closed after its deadline' })
  closedLate!: boolean | null;
}

export class ExtensionDto {
  @ApiProperty({ format: 'date' })
  previousDueOn!: string;
  @ApiProperty({ format: 'date' })
  newDueOn!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty()
  by!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
}

export class DisclosureCaseDto {
  @ApiProperty()
  id!: string;
  @ApiProperty({ enum: disclosureKinds })
  kind!: DisclosureKind;
  @ApiProperty({ description: "The subject's hub id" })
  nominalId!: string;
  @ApiProperty()
  requester!: string;
  @ApiProperty({ nullable: true, description: 'SAR only' })
  identityVerified!: boolean | null;
  @ApiProperty({ format: 'date' })
  receivedOn!: string;
  @ApiProperty({ format: 'date', nullable: true })
  requesterDueOn!: string | null;
  @ApiProperty({ format: 'date' })
  originalDueOn!: string;
  @ApiProperty({ format: 'date', description: 'The deadline in force' })
  dueOn!: string;
  @ApiProperty()
  deadlineRule!: string;
  @ApiProperty()
  deadlineSource!: string;
  @ApiProperty({ type: DeadlineDto })
  deadline!: DeadlineDto;
  @ApiProperty({ type: [ExtensionDto] })
  extensions!: ExtensionDto[];
  @ApiProperty({ enum: ['OPEN', 'DECIDED', 'CLOSED'] })
  status!: string;
  @ApiProperty({ enum: caseOutcomes, nullable: true })
  outcome!: CaseOutcome | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  closure!: object | null;
  @ApiProperty()
  handler!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: string;
  @ApiProperty()
  revision!: number;
  @ApiProperty({ type: [LoggedDecisionDto], description: 'The decision standing on each item' })
  decisions!: LoggedDecisionDto[];
  @ApiProperty({ type: [LoggedDecisionDto], description: 'Every decision, oldest first' })
  decisionLog!: LoggedDecisionDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Packs produced: when, by whom, from which revision, their SHA-256',
  })
  packs!: object[];
}

export class DisclosureCasePageDto {
  @ApiProperty({ type: [DisclosureCaseDto] })
  items!: DisclosureCaseDto[];
  @ApiProperty()
  page!: number;
  @ApiProperty()
  pageSize!: number;
  @ApiProperty()
  total!: number;
}

export class CaseItemDto {
  @ApiProperty({ example: 'risk-assessment:oasys-2026-01' })
  itemId!: string;
  @ApiProperty()
  category!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ nullable: true, description: 'The text that would be disclosed' })
  text!: string | null;
  @ApiProperty({
    nullable: true,
    description: 'Why you may not see the item (handling code, minutes): it can only be withheld',
  })
  restricted!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  decision!: object | null;
  @ApiProperty({ description: 'The text changed since it was decided: decide it again' })
  changedSinceDecided!: boolean;
}
