import { ApiProperty } from '@nestjs/swagger';
import {
  AssessmentSettingSymbols,
  ClassificationSymbols,
  HandlingCodeSymbols,
  HarmGroupSymbols,
  IntelligenceAssessmentSymbols,
  ReconvictionBandSymbols,
  ReconvictionScaleSymbols,
  RiskAssessmentToolSymbols,
  RiskLevelSymbols,
  RiskNeedLevelSymbols,
  SourceEvaluationSymbols,
  WorkPrioritySymbols,
} from '@hub/contracts';
import type {
  Agency,
  AssessmentSetting,
  Classification,
  HandlingCode,
  HarmGroup,
  IntelligenceAssessment,
  ReconvictionBand,
  ReconvictionScale,
  RiskAssessmentTool,
  RiskLevel,
  RiskNeedLevel,
  SourceEvaluation,
  WorkPriority,
} from '@hub/contracts';
import { agencies, ProvenanceDto } from './provenance.dto';

/*
 * The risk assessments and intelligence items of the record, for the OpenAPI document only (the
 * handlers return nominal-queries.ts types). Each tool's findings are in its own terms: see the
 * README, "Risk assessments".
 */

/** The assessment a headline comes from. */
class AssessmentReferenceDto {
  @ApiProperty({ type: String })
  assessmentId!: string;
  @ApiProperty({ enum: [...RiskAssessmentToolSymbols] })
  tool!: RiskAssessmentTool;
  @ApiProperty({ type: String, format: 'date' })
  assessedOn!: string;
}

export class SeriousHarmRatingDto {
  @ApiProperty({ enum: [...HarmGroupSymbols] })
  group!: HarmGroup;
  @ApiProperty({ enum: [...AssessmentSettingSymbols] })
  setting!: AssessmentSetting;
  @ApiProperty({ enum: [...RiskLevelSymbols] })
  level!: RiskLevel;
}

export class ReconvictionPredictionDto {
  @ApiProperty({ enum: [...ReconvictionScaleSymbols] })
  scale!: ReconvictionScale;
  @ApiProperty({ enum: [...ReconvictionBandSymbols] })
  band!: ReconvictionBand;
  @ApiProperty({ type: Number, nullable: true, description: 'Raw score (RM2000 points)' })
  score!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'Predicted probability of reconviction (OGRS3, OVP: within two years)',
  })
  probability!: number | null;
}

export class DynamicPrioritiesDto {
  @ApiProperty({ enum: [...WorkPrioritySymbols] })
  riskFactors!: WorkPriority;
  @ApiProperty({ enum: [...WorkPrioritySymbols] })
  protectiveFactors!: WorkPriority;
}

export class RiskAssessmentDto extends ProvenanceDto {
  @ApiProperty({ type: String })
  assessmentId!: string;
  @ApiProperty({ enum: [...RiskAssessmentToolSymbols] })
  tool!: RiskAssessmentTool;
  @ApiProperty({ type: String, nullable: true, description: 'The tool when it is OTHER' })
  toolName!: string | null;
  @ApiProperty({
    enum: [...RiskLevelSymbols],
    nullable: true,
    description: 'Overall risk of serious harm, for a tool that rates it',
  })
  riskOfSeriousHarm!: RiskLevel | null;
  @ApiProperty({
    type: [SeriousHarmRatingDto],
    description: 'OASys: per group and setting (absent on assessments recorded before)',
  })
  seriousHarmByGroup!: SeriousHarmRatingDto[];
  @ApiProperty({
    type: [ReconvictionPredictionDto],
    description: 'RM2000, OGRS3, OVP, OSP: reconviction, not harm',
  })
  reconviction!: ReconvictionPredictionDto[];
  @ApiProperty({ enum: [...RiskNeedLevelSymbols], nullable: true, description: 'LS/CMI' })
  riskNeedLevel!: RiskNeedLevel | null;
  @ApiProperty({ type: DynamicPrioritiesDto, nullable: true, description: 'ARMS' })
  dynamicPriorities!: DynamicPrioritiesDto | null;
  @ApiProperty({ type: String, format: 'date' })
  assessedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  nextReviewOn!: string | null;
  @ApiProperty({ type: String, nullable: true })
  summary!: string | null;
}

export class RiskOfSeriousHarmDto extends AssessmentReferenceDto {
  @ApiProperty({ enum: [...RiskLevelSymbols] })
  level!: RiskLevel;
  @ApiProperty({
    enum: [...AssessmentSettingSymbols],
    nullable: true,
    description: 'The setting the level is for; null when the assessment gave one overall level',
  })
  setting!: AssessmentSetting | null;
  @ApiProperty({ enum: [...HarmGroupSymbols], isArray: true, description: 'Groups at the level' })
  groups!: HarmGroup[];
}

export class ReconvictionRiskDto extends AssessmentReferenceDto {
  @ApiProperty({ type: [ReconvictionPredictionDto] })
  predictions!: ReconvictionPredictionDto[];
}

export class IntelligenceItemDto {
  @ApiProperty({ type: String })
  eventId!: string;
  @ApiProperty({ enum: agencies })
  sharedBy!: Agency;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The organisation that shared it (GET /v1/organisations/{id}); null before the hub knew organisations',
  })
  sharedByOrganisation!: string | null;
  @ApiProperty({ type: String })
  producingSystem!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was shared' })
  occurredAt!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ enum: [...SourceEvaluationSymbols] })
  sourceEvaluation!: SourceEvaluation;
  @ApiProperty({ enum: [...IntelligenceAssessmentSymbols] })
  intelligenceAssessment!: IntelligenceAssessment;
  @ApiProperty({ enum: [...HandlingCodeSymbols] })
  handlingCode!: HandlingCode;
  @ApiProperty({ type: String, nullable: true })
  handlingConditions!: string | null;
  @ApiProperty({ enum: agencies, isArray: true })
  disseminationLimits!: Agency[];
  @ApiProperty({ enum: [...ClassificationSymbols] })
  classification!: Classification;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The day the originator obtained it (absent on items shared before)',
  })
  obtainedOn!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The originator's own reference, to quote back",
  })
  originatorReference!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "The originator's next review; the hub never derives one",
  })
  reviewOn!: string | null;
}
