import type { IntelligenceShared } from '@hub/contracts';
import type { RecordChange } from './nominal-store';

/** What `police.intelligence.shared.v1` adds to the canonical record. */
export function intelligenceSharedChange(event: IntelligenceShared): RecordChange {
  return {
    push: {
      intelligence: {
        eventId: event.metadata.eventId,
        sharedBy: event.metadata.producingAgency,
        producingSystem: event.metadata.producingSystem,
        occurredAt: event.metadata.occurredAt,
        text: event.text,
        sourceEvaluation: event.sourceEvaluation,
        intelligenceAssessment: event.intelligenceAssessment,
        handlingCode: event.handlingCode,
        handlingConditions: event.handlingConditions,
        disseminationLimits: event.disseminationLimits,
        classification: event.metadata.classification,
      },
    },
  };
}
