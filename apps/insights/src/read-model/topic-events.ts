import {
  consumerGroupCatalogue,
  type NominalChanged,
  type NominalRemoved,
  type TransferStepOverdue,
  type TransferStepRecorded,
} from '@hub/contracts';
import type { InsightsStore } from './insights-store';

/** The topics the read model is kept from (and rebuilt from), as the catalogue says. */
export const readModelTopics = consumerGroupCatalogue.insights.consumes;
export type ReadModelTopic = (typeof readModelTopics)[number];

export function isReadModelTopic(topic: string): topic is ReadModelTopic {
  return (readModelTopics as readonly string[]).includes(topic);
}

/**
 * Applies one topic's decoded events to the read model, in a few round trips: the one path of the
 * consumer and of a rebuild, so that both give the same rows.
 */
export async function applyTopicEvents(
  store: InsightsStore,
  topic: ReadModelTopic,
  values: readonly unknown[],
  now: Date,
): Promise<void> {
  switch (topic) {
    case 'registry.nominal.changed.v1':
      await store.apply(values as NominalChanged[]);
      return;
    case 'registry.nominal.removed.v1':
      // A removed person is forgotten: every figure computed after leaves them out.
      await store.forget(
        (values as NominalRemoved[]).flatMap((removal) => [
          removal.nominalId,
          ...removal.alsoRemoved,
        ]),
        now,
      );
      return;
    case 'transfer.step.recorded.v1':
      await store.keepTransferSteps(values as TransferStepRecorded[]);
      return;
    case 'transfer.step.overdue.v1':
      await store.keepEscalations(values as TransferStepOverdue[]);
      return;
  }
}
