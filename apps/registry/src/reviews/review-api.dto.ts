import { ApiProperty } from '@nestjs/swagger';
import {
  AgencySymbols,
  JurisdictionSymbols,
  RecordReviewKindSymbols,
  type Agency,
  type Jurisdiction,
  type RecordReviewKind,
} from '@hub/contracts';
import { reviewStatuses, type ReviewOutcome, type ReviewStatus } from './record-reviews';

/*
 * The shapes the review API answers with, for the OpenAPI document only (the handlers return
 * record-reviews.ts's documents, `_id` as `id`).
 */

export const reviewOutcomes = [
  'ARCHIVE',
  'KEEP_ACTIVE',
  'RETAIN',
  'REMOVE',
] as const satisfies readonly ReviewOutcome[];

export class ReviewDecisionDto {
  @ApiProperty({
    enum: reviewOutcomes,
    description:
      'ARCHIVE or KEEP_ACTIVE for an archive review; RETAIN or REMOVE for a retention review',
  })
  outcome!: ReviewOutcome;
  @ApiProperty()
  reason!: string;
  @ApiProperty({ description: 'The user who decided' })
  decidedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'For KEEP_ACTIVE and RETAIN: the day a review is raised again',
  })
  nextReviewOn!: string | null;
}

export class RecordReviewDto {
  @ApiProperty({ example: 'archive:NOM-1:2027-04-01' })
  id!: string;
  @ApiProperty({ enum: [...RecordReviewKindSymbols] })
  kind!: RecordReviewKind;
  @ApiProperty()
  nominalId!: string;
  @ApiProperty({ type: String, format: 'date', description: 'The day the review fell due' })
  dueOn!: string;
  @ApiProperty({
    example: 'MAPPA eligibility ended on 2027-03-31: licence expires on 2027-03-31',
  })
  why!: string;
  @ApiProperty({ description: 'The managing area when the review was raised' })
  managingArea!: string;
  @ApiProperty({ description: 'As the directory keys areas' })
  managingAreaKey!: string;
  @ApiProperty({ enum: [...AgencySymbols] })
  leadAgency!: Agency;
  @ApiProperty({ enum: [...JurisdictionSymbols] })
  jurisdiction!: Jurisdiction;
  @ApiProperty({ type: String, format: 'date-time' })
  raisedAt!: string;
  @ApiProperty({
    enum: reviewStatuses,
    description:
      'WITHDRAWN: the facts that raised it changed before anyone decided (a later fact keeps the person eligible)',
  })
  status!: ReviewStatus;
  @ApiProperty({ type: ReviewDecisionDto, nullable: true })
  decision!: ReviewDecisionDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When registry.nominal.review-raised.v1 carried it',
  })
  publishedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The review raised on the next review day, once raised (or why none was)',
  })
  followedBy!: string | null;
}

export class RecordReviewPageDto {
  @ApiProperty({ type: [RecordReviewDto] })
  items!: RecordReviewDto[];
  @ApiProperty()
  page!: number;
  @ApiProperty()
  pageSize!: number;
  @ApiProperty()
  total!: number;
}

export class DecidedReviewDto {
  @ApiProperty({ type: RecordReviewDto })
  review!: RecordReviewDto;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'For ARCHIVE: the NominalArchiveStatusChanged event published (event id, topic, partition, offset); null when the record was archived already',
  })
  archived!: object | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'For REMOVE: the removal certificate (ids, decision, who, when, why, the steps done; no personal data); status COMPLETED, or IN_PROGRESS when a step could not run yet (the registry completes it)',
  })
  removal!: object | null;
}
