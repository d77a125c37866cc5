import { ApiProperty } from '@nestjs/swagger';
import { removalSteps, type RemovalStep } from './record-removals';

/* The shapes the removals API answers with, for the OpenAPI document only. */

export class RemovalDeciderDto {
  @ApiProperty()
  subject!: string;
  @ApiProperty()
  username!: string;
  @ApiProperty()
  organisationId!: string;
  @ApiProperty({ type: [String] })
  roles!: string[];
  @ApiProperty()
  clientId!: string;
}

export class RemovalCertificateDto {
  @ApiProperty()
  nominalId!: string;
  @ApiProperty({ type: [String], description: 'Records merged into it, removed with it' })
  alsoRemoved!: string[];
  @ApiProperty({ description: 'The retention review whose decision ordered it' })
  decisionId!: string;
  @ApiProperty({ type: RemovalDeciderDto })
  decidedBy!: RemovalDeciderDto;
  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty({ enum: ['IN_PROGRESS', 'COMPLETED'] })
  status!: 'IN_PROGRESS' | 'COMPLETED';
  @ApiProperty({ enum: removalSteps, isArray: true })
  stepsDone!: RemovalStep[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
}

export class RemovalPageDto {
  @ApiProperty({ type: [RemovalCertificateDto] })
  items!: RemovalCertificateDto[];
  @ApiProperty()
  page!: number;
  @ApiProperty()
  pageSize!: number;
  @ApiProperty()
  total!: number;
}
