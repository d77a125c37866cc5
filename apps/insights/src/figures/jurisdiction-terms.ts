import {
  categoryName,
  MappaCategorySymbols,
  ppaniCategoryName,
  PpaniRiskCategorySymbols,
  type Jurisdiction,
} from '@hub/contracts';
import { organisationDirectory } from '@hub/security';
import type { Keyed } from './table-builder';

/** How each jurisdiction's report names itself and its arrangements. */
export const jurisdictionNames: Record<Jurisdiction, string> = {
  ENGLAND_AND_WALES: 'England and Wales',
  SCOTLAND: 'Scotland',
  NORTHERN_IRELAND: 'Northern Ireland',
};

/**
 * The categories a jurisdiction reports people by, in its own terms: MAPPA categories in England
 * and Wales and in Scotland, PPANI's categories of risk in Northern Ireland.
 */
export function categoriesOf(jurisdiction: Jurisdiction): Keyed[] {
  if (jurisdiction === 'NORTHERN_IRELAND') {
    return PpaniRiskCategorySymbols.map((category) => ({
      key: category,
      label: `${category.replace('CATEGORY_', 'Category ')}: ${ppaniCategoryName(category)}`,
    }));
  }
  return MappaCategorySymbols.flatMap((category) => {
    const name = categoryName(jurisdiction, category);
    if (!name) return [];
    const number = category.startsWith('CATEGORY_')
      ? category.replace('CATEGORY_', 'Category ')
      : null;
    return [{ key: category, label: number ? `${number}: ${name}` : name }];
  });
}

/** The field of a period row that holds the category a jurisdiction reports by. */
export function categoryFieldOf(jurisdiction: Jurisdiction): 'category' | 'ppaniRiskCategory' {
  return jurisdiction === 'NORTHERN_IRELAND' ? 'ppaniRiskCategory' : 'category';
}

/** The MAPPA (or PPANI) areas of a jurisdiction, from the directory, in its order. */
export function areasOf(jurisdiction: Jurisdiction): string[] {
  return organisationDirectory()
    .data.mappaAreas.filter((area) => area.jurisdiction === jurisdiction)
    .map((area) => area.name);
}

export function isJurisdiction(value: string): value is Jurisdiction {
  return Object.prototype.hasOwnProperty.call(jurisdictionNames, value);
}
