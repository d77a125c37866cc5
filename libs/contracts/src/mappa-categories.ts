import type { Jurisdiction, MappaCategory, PpaniRiskCategory } from './generated/avro-types';

/**
 * What each jurisdiction calls its MAPPA categories; a category a jurisdiction lacks is absent.
 * - England & Wales: Criminal Justice Act 2003 s325-327 and the MAPPA Guidance. Category 4
 *   (terrorism and terrorism-connected offenders) exists there only; a person of terrorist concern
 *   without such a conviction is managed in category 3 if at all.
 * - Scotland: Management of Offenders etc. (Scotland) Act 2005 s10 and the MAPPA National
 *   Guidance: category 1 registered sex offenders, category 2 violent offenders, category 3 other
 *   risk of serious harm; restricted patients are a group of their own, not category 2.
 * - Northern Ireland has no MAPPA: PPANI's categories are categories of risk (below).
 */
const categoryNames: Record<Jurisdiction, Partial<Record<MappaCategory, string>>> = {
  ENGLAND_AND_WALES: {
    CATEGORY_1: 'Registered sexual offenders',
    CATEGORY_2: 'Violent and other sexual offenders',
    CATEGORY_3: 'Other dangerous offenders',
    CATEGORY_4: 'Terrorism and terrorism-connected offenders',
  },
  SCOTLAND: {
    CATEGORY_1: 'Registered sex offenders',
    CATEGORY_2: 'Violent offenders',
    CATEGORY_3: 'Other risk of serious harm offenders',
    RESTRICTED_PATIENTS: 'Restricted patients',
  },
  NORTHERN_IRELAND: {},
};

/** The category's name in the jurisdiction, or undefined where the category does not exist. */
export function categoryName(
  jurisdiction: Jurisdiction,
  category: MappaCategory,
): string | undefined {
  return categoryNames[jurisdiction][category];
}

/**
 * PPANI's categories of risk, set by a Local Area Public Protection Panel (Criminal Justice (NI)
 * Order 2008 art. 50 and the PPANI Manual of Practice; category 3 is the most serious).
 */
const ppaniCategoryNames: Record<PpaniRiskCategory, string> = {
  CATEGORY_1: 'Risk of serious harm, not likely to be caused',
  CATEGORY_2: 'Clear and identifiable risk of serious harm',
  CATEGORY_3: 'Serious harm could be caused at any time',
};

export function ppaniCategoryName(category: PpaniRiskCategory): string {
  return ppaniCategoryNames[category];
}
