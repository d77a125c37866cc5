import { ApiProperty } from '@nestjs/swagger';
import { auditActions, auditOutcomes, type AuditAction, type AuditOutcome } from '@hub/security';

/*
 * The shapes the audit API answers with, for the OpenAPI document only: the handler returns the
 * entries as stored (audit-queries.ts), and these classes describe them.
 */

const nullableText = (description: string, example?: string) =>
  ApiProperty({ type: String, nullable: true, description, example });

export class AuditEntryDto {
  @ApiProperty({ type: Number, example: 1042, description: 'Place in the chain, from 1' })
  sequence!: number;
  @ApiProperty({
    type: String,
    description: 'SHA-256 (hex) of the entry before; 64 zeros for the first',
  })
  previousHash!: string;
  @ApiProperty({
    type: String,
    description:
      'SHA-256 (hex) of the canonical JSON of every other field (sorted keys, no whitespace, times as ISO-8601)',
  })
  hash!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
  @nullableText('The access token subject; null when the request carried no valid token')
  subject!: string | null;
  @nullableText('Who, as people read it', 'j.bloggs')
  username!: string | null;
  @nullableText('The caller organisation (organisation directory id)', 'gmp')
  organisationId!: string | null;
  @ApiProperty({ type: [String], example: ['practitioner'] })
  roles!: string[];
  @nullableText('The OAuth client of the token')
  clientId!: string | null;
  @ApiProperty({ enum: [...auditActions] })
  action!: AuditAction;
  @ApiProperty({ type: [String], example: ['NOM-7F3A2C91'], description: 'The records concerned' })
  nominalIds!: string[];
  @nullableText('Break-glass justification or command reason')
  reason!: string | null;
  @ApiProperty({ type: Boolean, description: 'Opened by break glass: flagged for review' })
  breakGlass!: boolean;
  @ApiProperty({ enum: [...auditOutcomes] })
  outcome!: AuditOutcome;
  @nullableText('Why the request was refused or failed; null when allowed')
  refusal!: string | null;
  @nullableText('The correlation id of the request')
  correlationId!: string | null;
  @nullableText('The id of the HTTP request')
  requestId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    example: { name: 'SMITH John' },
    description: 'Search terms or other request parameters, as given',
  })
  query!: Record<string, string> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' })
  entries!: AuditEntryDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1001,
    description: 'Pass as `cursor` for the next (older) page; null on the last page',
  })
  next!: number | null;
}
