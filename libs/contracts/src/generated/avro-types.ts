// Generated from schemas/ by `npm run codegen`; do not edit. A unit test fails when it is stale.

/** Carried by every event on the hub: who said what, when, and how it may be handled. */
export interface EventMetadata {
  /** Unique per fact; the idempotency key. A re-sent event keeps its id. */
  eventId: string;
  /** When the fact happened in the producing system. */
  occurredAt: Date;
  producingAgency: Agency;
  /** The agency system that published the event. */
  producingSystem: string;
  /** The practitioner who caused the event, as the producing system identifies them. */
  actingUser: null | string;
  /** Shared by every event of one business interaction. */
  correlationId: string;
  /** The event id this event was caused by, if any. */
  causationId: null | string;
  classification: Classification;
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

/** Government Security Classification of the content. */
export type Classification = 'OFFICIAL' | 'OFFICIAL_SENSITIVE';
export const ClassificationSymbols = [
  'OFFICIAL',
  'OFFICIAL_SENSITIVE',
] as const satisfies readonly Classification[];

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

/** Every schema file in `schemas/`, by the full name of its record. */
export interface HubSchemas {
  'org.mappahub.common.EventMetadata': EventMetadata;
  'org.mappahub.police.IntelligenceShared': IntelligenceShared;
}

export type HubSchemaName = keyof HubSchemas;
