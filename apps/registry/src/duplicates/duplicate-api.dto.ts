import { ApiProperty } from '@nestjs/swagger';
import { AgencyIdentifierTypeSymbols } from '@hub/contracts';
import type { AgencyIdentifierType } from '@hub/contracts';
import { PersonNameDto } from '../nominals/nominal-api.dto';

/*
 * The shapes the possible-duplicates API answers with, for the OpenAPI document only (the handlers
 * return duplicate-candidates.ts's documents): what a record manager sees to decide.
 */

const statuses = ['OPEN', 'LINKED', 'MERGED', 'NOT_DUPLICATE'];

export class MatchedNameDto {
  @ApiProperty({ type: PersonNameDto })
  name!: PersonNameDto;
  @ApiProperty({
    enum: ['NAME', 'ALIAS'],
    description: 'The name the record is managed under, or one of its aliases',
  })
  kind!: 'NAME' | 'ALIAS';
}

export class NameEvidenceDto {
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    example: 0.98,
    description:
      'Symmetric similarity of the closest pair of names (flagged from 0.85 with a matching date of birth)',
  })
  similarity!: number;
  @ApiProperty({ type: MatchedNameDto, description: 'Of the first record in `nominalIds`' })
  first!: MatchedNameDto;
  @ApiProperty({ type: MatchedNameDto, description: 'Of the second record in `nominalIds`' })
  second!: MatchedNameDto;
}

export class MatchedBirthDateDto {
  @ApiProperty({ type: String, format: 'date', example: '1980-04-03' })
  date!: string;
  @ApiProperty({ type: Boolean, description: 'An alias date of birth of the record' })
  alias!: boolean;
}

export class DateOfBirthEvidenceDto {
  @ApiProperty({ enum: ['EXACT', 'ALIAS_DATE_OF_BIRTH', 'DAY_MONTH_SWAPPED', 'DIFFERENT'] })
  match!: string;
  @ApiProperty({
    type: MatchedBirthDateDto,
    description: 'The date that matched (else the date of birth) of the first record',
  })
  first!: MatchedBirthDateDto;
  @ApiProperty({ type: MatchedBirthDateDto })
  second!: MatchedBirthDateDto;
}

export class IdentifierComparisonDto {
  @ApiProperty({ enum: [...AgencyIdentifierTypeSymbols] })
  type!: AgencyIdentifierType;
  @ApiProperty({
    enum: ['SAME', 'DIFFERENT'],
    description: 'SAME when a value is held by both, in any of its forms (PNC short or long)',
  })
  agreement!: 'SAME' | 'DIFFERENT';
  @ApiProperty({
    enum: ['STRONG', 'WEAK', 'INVALID_CHECK_CHARACTER', 'UNRECOGNISED_FORMAT'],
    description:
      'STRONG: national with a right check character; WEAK: a local case reference (supporting only); otherwise why a national one is not strong evidence',
  })
  evidence!: string;
  @ApiProperty({ type: [String], description: 'As the agencies wrote them' })
  firstValues!: string[];
  @ApiProperty({ type: [String] })
  secondValues!: string[];
}

export class DuplicateEvidenceDto {
  @ApiProperty({
    enum: ['SHARED_NATIONAL_IDENTIFIER', 'NAME_AND_DATE_OF_BIRTH', 'NAME_AND_LOCAL_IDENTIFIER'],
    isArray: true,
    description: 'What flags the pair as the records stand now; empty if nothing would any more',
  })
  grounds!: string[];
  @ApiProperty({ type: NameEvidenceDto })
  name!: NameEvidenceDto;
  @ApiProperty({ type: DateOfBirthEvidenceDto })
  dateOfBirth!: DateOfBirthEvidenceDto;
  @ApiProperty({
    type: [IdentifierComparisonDto],
    description: 'Each kind of identifier both records hold',
  })
  identifiers!: IdentifierComparisonDto[];
}

export class DuplicateCandidateDto {
  @ApiProperty({ type: String, example: 'NOM-1A2B|NOM-3C4D' })
  id!: string;
  @ApiProperty({ type: [String], description: 'The two records, in id order: first, second' })
  nominalIds!: string[];
  @ApiProperty({ type: String, description: 'The record whose registration or change raised it' })
  flaggedBy!: string;
  @ApiProperty({ type: [String], description: 'Why it was flagged, as read when flagged' })
  reasons!: string[];
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 })
  nameSimilarity!: number;
  @ApiProperty({ enum: statuses })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  flaggedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The decision: event id, reason, who and when',
  })
  decision!: object | null;
  @ApiProperty({
    type: DuplicateEvidenceDto,
    nullable: true,
    description: 'Field by field, from the records as they stand now; null if one is gone',
  })
  evidence!: DuplicateEvidenceDto | null;
}

export class DuplicateCandidatePageDto {
  @ApiProperty({ type: [DuplicateCandidateDto], description: 'Oldest flag first' })
  items!: DuplicateCandidateDto[];
  @ApiProperty({ type: Number, example: 1 })
  page!: number;
  @ApiProperty({ type: Number, example: 20 })
  pageSize!: number;
  @ApiProperty({ type: Number, example: 42 })
  total!: number;
}
