import type { MappaStatus, PpaniStatus, RecordConflict } from '@hub/contracts';
import type { ArrangementsItem, NominalContent } from '../nominals/nominal.documents';
import type { Derivation } from './derived-facts';
import { categoryName, ppaniCategoryName } from './mappa-category';
import { inEffectOrder, sameDayContradiction, startOfDay } from './state-facts';

type Mappa = Extract<ArrangementsItem, { kind: 'MAPPA' }>;
type Ppani = Extract<ArrangementsItem, { kind: 'PPANI' }>;
type Left = Extract<ArrangementsItem, { kind: 'LEFT' }>;

/** The last departure from the arrangements after `since`, if the person has left since then. */
function leftAfter(ordered: readonly ArrangementsItem[], since: string): Left | null {
  const last = ordered.filter((item): item is Left => item.kind === 'LEFT').at(-1);
  return last && last.effectiveOn >= since ? last : null;
}

/** The MAPPA category and level in force: the last decided, by the day it took effect. */
export function mappaOf(history: readonly ArrangementsItem[]): MappaStatus | null {
  const ordered = inEffectOrder(history);
  const current = ordered.filter((item): item is Mappa => item.kind === 'MAPPA').at(-1);
  if (!current) return null;
  const left = leftAfter(ordered, current.effectiveOn);
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
  const left = leftAfter(ordered, current.effectiveOn);
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
function arrangementsConflicts(content: NominalContent): RecordConflict[] {
  const conflicts: RecordConflict[] = [];
  const sameDay = sameDayContradiction('mappa', inEffectOrder(content.arrangementsHistory), said);
  if (sameDay) conflicts.push(sameDay);
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

export const arrangementsDerivation: Derivation = {
  derive: (content: NominalContent) => ({
    ...content,
    mappa: mappaOf(content.arrangementsHistory),
    ppani: ppaniOf(content.arrangementsHistory),
  }),
  conflicts: arrangementsConflicts,
};
