import type { Jurisdiction, MappaCategory } from '@hub/contracts';

/** What each jurisdiction calls its MAPPA categories (category 4 exists in England and Wales only). */
const categoryNames: Record<Jurisdiction, Partial<Record<MappaCategory, string>>> = {
  ENGLAND_AND_WALES: {
    CATEGORY_1: 'Registered sexual offenders',
    CATEGORY_2: 'Violent and other sexual offenders',
    CATEGORY_3: 'Other dangerous offenders',
    CATEGORY_4: 'Terrorist and terrorism-risk offenders',
  },
  SCOTLAND: {
    CATEGORY_1: 'Registered sex offenders',
    CATEGORY_2: 'Restricted patients',
    CATEGORY_3: 'Other risk of serious harm individuals',
  },
  NORTHERN_IRELAND: {
    CATEGORY_1: 'Relevant sexual offenders',
    CATEGORY_2: 'Relevant violent offenders',
    CATEGORY_3: 'Other risk of serious harm individuals',
  },
};

/** The category's name in the jurisdiction, or undefined where the category does not exist. */
export function categoryName(
  jurisdiction: Jurisdiction,
  category: MappaCategory,
): string | undefined {
  return categoryNames[jurisdiction][category];
}
