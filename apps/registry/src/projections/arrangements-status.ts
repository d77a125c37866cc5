import {
  categoryName,
  ppaniCategoryName,
  type MappaStatus,
  type PpaniStatus,
  type RecordConflict,
} from '@hub/contracts';
import type { ArrangementsItem, NominalContent } from '../nominals/nominal.documents';
import { storedBeforeFactHistories } from '../nominals/record-upgrade';
import type { Derivation } from './derived-facts';
import {
  inEffectOn,
  inEffectOrder,
  nextEffectiveDay,
  sameDayContradiction,
  startOfDay,
} from './state-facts';

type Mappa = Extract<ArrangementsItem, { kind: 'MAPPA' }>;
type Ppani = Extract<ArrangementsItem, { kind: 'PPANI' }>;
type Left = Extract<ArrangementsItem, { kind: 'LEFT' }>;

/**
 * For each scheme, the departure that ended it since it was last set, if any: a departure ends the
 * scheme set most recently before it (a person moving from Northern Ireland to England leaves
 * PPANI, not the MAPPA set for them since).
 */
function departures(ordered: readonly ArrangementsItem[]): Record<'MAPPA' | 'PPANI', Left | null> {
  const left: Record<'MAPPA' | 'PPANI', Left | null> = { MAPPA: null, PPANI: null };
  let lastSet: 'MAPPA' | 'PPANI' | null = null;
  for (const item of ordered) {
    if (item.kind === 'LEFT') {
      if (lastSet) left[lastSet] = item;
    } else {
      lastSet = item.kind;
      left[item.kind] = null;
    }
  }
  return left;
}

/** The MAPPA category and level in force: the last decided, by the day it took effect. */
export function mappaOf(history: readonly ArrangementsItem[]): MappaStatus | null {
  const ordered = inEffectOrder(history);
  const current = ordered.filter((item): item is Mappa => item.kind === 'MAPPA').at(-1);
  if (!current) return null;
  const left = departures(ordered).MAPPA;
  return {
    category: current.category,
    categoryName: categoryName(current.jurisdiction, current.category) ?? current.category,
    level: current.level,
    jurisdiction: current.jurisdiction,
    setOn: startOfDay(current.effectiveOn),
    reviewOn: left ? null : current.reviewOn,
    effectiveOn: current.effectiveOn,
    basis: current.basis,
    leftOn: left?.effectiveOn ?? null,
    leftReason: left?.leftReason ?? null,
  };
}

/** The PPANI risk category in force (Northern Ireland). */
export function ppaniOf(history: readonly ArrangementsItem[]): PpaniStatus | null {
  const ordered = inEffectOrder(history);
  const current = ordered.filter((item): item is Ppani => item.kind === 'PPANI').at(-1);
  if (!current) return null;
  const left = departures(ordered).PPANI;
  return {
    eligibility: current.eligibility,
    riskCategory: current.riskCategory,
    riskCategoryName: ppaniCategoryName(current.riskCategory),
    effectiveOn: current.effectiveOn,
    reviewOn: left ? null : current.reviewOn,
    leftOn: left?.effectiveOn ?? null,
    leftReason: left?.leftReason ?? null,
  };
}

const said = (item: ArrangementsItem): string => {
  switch (item.kind) {
    case 'MAPPA':
      return `${item.category.replace('_', ' ').toLowerCase()} level ${item.level.replace('LEVEL_', '')}`;
    case 'PPANI':
      return `PPANI risk ${item.riskCategory.replace('_', ' ').toLowerCase()}`;
    case 'LEFT':
      return `left the arrangements (${item.leftReason.replaceAll('_', ' ').toLowerCase()})`;
  }
};

/**
 * Contradictions in the arrangements: two systems deciding differently on the same day, and a
 * person managed in one jurisdiction under another's arrangements (a category set in Scotland for
 * a record managed in England, say), which a cross-border transfer not yet recorded would explain.
 */
function arrangementsConflicts(content: NominalContent, today: string): RecordConflict[] {
  const conflicts: RecordConflict[] = [];
  const inEffect = inEffectOn(content.arrangementsHistory, today);
  const sameDay = sameDayContradiction('mappa', inEffect, said);
  if (sameDay) conflicts.push(sameDay);
  const mappaItem = inEffect.filter((item): item is Mappa => item.kind === 'MAPPA').at(-1);
  if (mappaItem?.producingSystem === storedBeforeFactHistories) {
    conflicts.push(...termsOfAnEarlierVersion(mappaItem));
  }
  const managedIn = content.management.jurisdiction;
  const { mappa, ppani } = content;
  const inForce = (leftOn: string | null) => leftOn === null;
  if (mappa && inForce(mappa.leftOn) && mappa.jurisdiction !== managedIn) {
    conflicts.push({
      field: 'mappa',
      description: `the MAPPA category was set under ${mappa.jurisdiction} arrangements, but the record is managed in ${managedIn}`,
      eventIds: [],
    });
  }
  if (ppani && inForce(ppani.leftOn) && managedIn !== 'NORTHERN_IRELAND') {
    conflicts.push({
      field: 'ppani',
      description: `a PPANI risk category is in force, but the record is managed in ${managedIn}`,
      eventIds: [],
    });
  }
  if (mappa && ppani && inForce(mappa.leftOn) && inForce(ppani.leftOn)) {
    conflicts.push({
      field: 'mappa',
      description: `the person is recorded under both MAPPA (${mappa.jurisdiction}, from ${mappa.effectiveOn}) and PPANI (from ${ppani.effectiveOn}); the arrangements they left should be recorded as left`,
      eventIds: [],
    });
  }
  return conflicts;
}

/**
 * A category recorded before the hub kept category histories, in the terms it used then: Northern
 * Ireland's as MAPPA (PPANI has its own risk categories), Scotland's category 2 as restricted
 * patients (it is violent offenders). A person must confirm it in today's terms.
 */
function termsOfAnEarlierVersion(item: Mappa): RecordConflict[] {
  if (item.jurisdiction === 'NORTHERN_IRELAND') {
    return [
      {
        field: 'ppani',
        description:
          'a MAPPA category and level were recorded for Northern Ireland before the hub kept PPANI risk categories: set the PPANI risk category and eligibility',
        eventIds: [],
      },
    ];
  }
  if (item.jurisdiction === 'SCOTLAND' && item.category === 'CATEGORY_2') {
    return [
      {
        field: 'mappa',
        description:
          'Scottish category 2 was recorded when the hub called it "restricted patients"; it means violent offenders: confirm the category (RESTRICTED_PATIENTS for a restricted patient)',
        eventIds: [],
      },
    ];
  }
  return [];
}

export const arrangementsDerivation: Derivation = {
  derive: (content: NominalContent, today) => {
    const inEffect = inEffectOn(content.arrangementsHistory, today);
    return { ...content, mappa: mappaOf(inEffect), ppani: ppaniOf(inEffect) };
  },
  changesOn: (content, today) => nextEffectiveDay(content.arrangementsHistory, today),
  conflicts: arrangementsConflicts,
};
