import type {
  Agency,
  Classification,
  HandlingCode,
  IntelligenceAssessment,
  SourceEvaluation,
} from '@hub/contracts';

/** An intelligence item as the canonical record keeps it. */
export interface IntelligenceItem {
  eventId: string;
  sharedBy: Agency;
  producingSystem: string;
  occurredAt: Date;
  text: string;
  sourceEvaluation: SourceEvaluation;
  intelligenceAssessment: IntelligenceAssessment;
  handlingCode: HandlingCode;
  handlingConditions: string | null;
  disseminationLimits: Agency[];
  classification: Classification;
}

/** The canonical record of one person, in the `nominals` collection. */
export interface NominalDocument {
  _id: string;
  /** Incremented by every applied event. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  intelligence: IntelligenceItem[];
  /**
   * Which events the record already contains, and the version each produced: the guard that makes
   * applying an event idempotent within one single-document update (no transactions on FerretDB).
   */
  appliedEvents: { eventId: string; version: number }[];
}

/** One applied event in the append-only `nominal_history` collection; `_id` is the event id. */
export interface HistoryDocument {
  _id: string;
  nominalId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  schemaId: number;
  /** The W3C trace context the event arrived with, linking the entry to the request that caused it. */
  traceparent: string | null;
  occurredAt: Date;
  recordedAt: Date;
  producingAgency: Agency;
  producingSystem: string;
  actingUser: string | null;
  correlationId: string;
  causationId: string | null;
  classification: Classification;
  /** The record version this event produced. */
  nominalVersion: number;
}

/** Which event holds record version N of a nominal; `_id` is `<nominalId>#<version>`. */
export interface VersionClaimDocument {
  _id: string;
  eventId: string;
  claimedAt: Date;
}
