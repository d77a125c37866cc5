import type { NominalContent } from '../nominals/nominal.documents';
import { categoryName, ppaniCategoryName } from '@hub/contracts';
import { existing, InapplicableEventError, type ProjectionOf } from './projection';
import { stateFact, withFact } from './state-facts';

const lower = (symbol: string): string => symbol.replaceAll('_', ' ').toLowerCase();
const levelNumber = (level: string): string => level.replace('LEVEL_', '');

export const mappaCategoryAndLevelSet: ProjectionOf<'mappa.category-level.set.v1'> = {
  eventType: 'MappaCategoryAndLevelSet',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    if (event.jurisdiction === 'NORTHERN_IRELAND') {
      throw new InapplicableEventError(
        'Northern Ireland has no MAPPA categories or levels: PPANI risk categories are published on mappa.ppani-risk-category.set.v1',
      );
    }
    if (categoryName(event.jurisdiction, event.category) === undefined) {
      throw new InapplicableEventError(
        `${event.category} does not exist in ${event.jurisdiction}; category 4 is England and Wales only, restricted patients are a group of their own in Scotland only`,
      );
    }
    if (event.category === 'CATEGORY_4' && event.basis === 'TERRORIST_RISK_WITHOUT_CONVICTION') {
      throw new InapplicableEventError(
        'category 4 is for terrorism and terrorism-connected offenders; a person of terrorist concern without such a conviction is managed in category 3 if they meet its criteria',
      );
    }
    const item = {
      ...stateFact(event.metadata, event.effectiveOn),
      kind: 'MAPPA' as const,
      category: event.category,
      level: event.level,
      jurisdiction: event.jurisdiction,
      basis: event.basis,
      reviewOn: event.reviewOn,
      reason: event.reason,
    };
    return { ...record, arrangementsHistory: withFact(record.arrangementsHistory, item) };
  },
  summary: (event) =>
    `MAPPA ${lower(event.category)}, level ${levelNumber(event.level)} (${event.jurisdiction})` +
    (event.effectiveOn ? ` from ${event.effectiveOn}` : '') +
    (event.reason ? `: ${event.reason}` : ''),
};

export const ppaniRiskCategorySet: ProjectionOf<'mappa.ppani-risk-category.set.v1'> = {
  eventType: 'PpaniRiskCategorySet',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    const item = {
      ...stateFact(event.metadata, event.effectiveOn),
      kind: 'PPANI' as const,
      eligibility: event.eligibility,
      riskCategory: event.riskCategory,
      reviewOn: event.reviewOn,
      reason: event.reason,
    };
    return { ...record, arrangementsHistory: withFact(record.arrangementsHistory, item) };
  },
  summary: (event) =>
    `PPANI risk ${lower(event.riskCategory)} (${ppaniCategoryName(event.riskCategory).toLowerCase()}), eligible as ${lower(event.eligibility)}` +
    (event.effectiveOn ? ` from ${event.effectiveOn}` : '') +
    (event.reason ? `: ${event.reason}` : ''),
};

export const arrangementsLeft: ProjectionOf<'mappa.arrangements.left.v1'> = {
  eventType: 'PublicProtectionArrangementsLeft',
  project(current, event): NominalContent {
    const record = existing(current, event.nominalId);
    const item = {
      ...stateFact(event.metadata, event.leftOn),
      kind: 'LEFT' as const,
      leftReason: event.reason,
      details: event.details,
    };
    return { ...record, arrangementsHistory: withFact(record.arrangementsHistory, item) };
  },
  summary: (event) =>
    `Left the public protection arrangements on ${event.leftOn}: ${lower(event.reason)}` +
    (event.details ? ` (${event.details})` : ''),
};
