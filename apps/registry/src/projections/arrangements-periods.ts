import type { ArrangementsPeriod } from '@hub/contracts';
import type { ArrangementsItem } from '../nominals/nominal.documents';
import { PeriodBuilder } from './periods';
import { inEffectOrder } from './state-facts';

type Arrangements = Omit<ArrangementsPeriod, 'from' | 'to'>;

const decisionOf = (item: Exclude<ArrangementsItem, { kind: 'LEFT' }>): Arrangements =>
  item.kind === 'MAPPA'
    ? {
        jurisdiction: item.jurisdiction,
        category: item.category,
        level: item.level,
        ppaniRiskCategory: null,
      }
    : {
        jurisdiction: 'NORTHERN_IRELAND',
        category: null,
        level: null,
        ppaniRiskCategory: item.riskCategory,
      };

const sameArrangements = (a: Arrangements, b: Arrangements): boolean =>
  a.jurisdiction === b.jurisdiction &&
  a.category === b.category &&
  a.level === b.level &&
  a.ppaniRiskCategory === b.ppaniRiskCategory;

/**
 * The periods under the arrangements, by the same rules as the category and level in force
 * (arrangements-status.ts): each decision holds from the day it takes effect to the day before the
 * next different one; a review keeping the category and level continues its period; a departure
 * ends the period in force on the day it gives (the last day of management under the
 * arrangements), and a later decision starts a new one.
 */
export function arrangementsPeriodsOf(history: readonly ArrangementsItem[]): ArrangementsPeriod[] {
  const periods = new PeriodBuilder(sameArrangements);
  for (const item of inEffectOrder(history)) {
    if (item.kind === 'LEFT') periods.end(item.effectiveOn);
    else periods.change(item.effectiveOn, decisionOf(item));
  }
  return periods.build().map(({ from, to, value }) => ({ from, to, ...value }));
}
