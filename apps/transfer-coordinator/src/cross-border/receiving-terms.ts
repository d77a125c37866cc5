import type {
  Jurisdiction,
  MappaCategory,
  MappaLevel,
  PpaniEligibility,
  PpaniRiskCategory,
  TransferTerms,
} from '@hub/contracts';

/**
 * What a person's management means in the receiving jurisdiction. The three UK jurisdictions manage
 * the same people under different statutes and words; a transfer states the receiving terms so that
 * the receiving area starts from them, and the notes say what it must confirm itself.
 */

/** The statutes each jurisdiction manages people under (notification is UK-wide: SOA 2003 Part 2). */
export const legislationOf: Record<Jurisdiction, string> = {
  ENGLAND_AND_WALES:
    'Criminal Justice Act 2003 ss325-327B (MAPPA); Sexual Offences Act 2003 Part 2 (notification)',
  SCOTLAND:
    'Management of Offenders etc. (Scotland) Act 2005 ss10-11 (MAPPA); Sexual Offences Act 2003 Part 2 (notification)',
  NORTHERN_IRELAND:
    'Criminal Justice (Northern Ireland) Order 2008 arts 49-50 (PPANI); Sexual Offences Act 2003 Part 2 (notification)',
};

/** The person's standing in the sending jurisdiction, as the record holds it. */
export interface SendingStanding {
  jurisdiction: Jurisdiction;
  mappa: { category: MappaCategory; level: MappaLevel } | null;
  ppani: { eligibility: PpaniEligibility; riskCategory: PpaniRiskCategory } | null;
}

const mappaCategoryNames: Record<
  'ENGLAND_AND_WALES' | 'SCOTLAND',
  Partial<Record<MappaCategory, string>>
> = {
  ENGLAND_AND_WALES: {
    CATEGORY_1: 'MAPPA category 1 (registered sexual offenders)',
    CATEGORY_2: 'MAPPA category 2 (violent and other sexual offenders)',
    CATEGORY_3: 'MAPPA category 3 (other dangerous offenders)',
    CATEGORY_4: 'MAPPA category 4 (terrorism and terrorism-connected offenders)',
  },
  SCOTLAND: {
    CATEGORY_1: 'MAPPA category 1 (registered sex offenders)',
    CATEGORY_2: 'MAPPA category 2 (violent offenders)',
    CATEGORY_3: 'MAPPA category 3 (other risk of serious harm offenders)',
    RESTRICTED_PATIENTS: 'MAPPA restricted patients',
  },
};

const levelName = (level: MappaLevel): string => `MAPPA level ${level.replace('LEVEL_', '')}`;

/** A MAPPA category in the other MAPPA jurisdiction, with what the mapping assumed. */
function mappaCategoryIn(
  to: 'ENGLAND_AND_WALES' | 'SCOTLAND',
  category: MappaCategory,
): { category: MappaCategory; note?: string } {
  if (to === 'SCOTLAND' && category === 'CATEGORY_4') {
    return {
      category: 'CATEGORY_3',
      note: 'Scotland has no category 4: a terrorism or terrorism-connected offender is managed in category 3 if they meet its criteria; the receiving area decides',
    };
  }
  if (to === 'ENGLAND_AND_WALES' && category === 'RESTRICTED_PATIENTS') {
    return {
      category: 'CATEGORY_2',
      note: "England and Wales manage restricted patients in category 2 (hospital or guardianship orders): confirm the order's equivalent",
    };
  }
  if (to === 'SCOTLAND' && category === 'CATEGORY_2') {
    return {
      category: 'CATEGORY_2',
      note: "England and Wales' category 2 includes restricted patients and sexual offenders not registered: in Scotland a restricted patient is a group of its own, and other sexual offenders may be category 3",
    };
  }
  return { category };
}

/** PPANI eligibility for a MAPPA category (the Order's art. 49 groups, as the PPANI Manual names them). */
function ppaniEligibilityFor(category: MappaCategory): {
  eligibility: PpaniEligibility;
  note?: string;
} {
  switch (category) {
    case 'CATEGORY_1':
      return { eligibility: 'NOTIFICATION_REQUIREMENTS' };
    case 'CATEGORY_2':
    case 'RESTRICTED_PATIENTS':
      return {
        eligibility: 'VIOLENCE_AGAINST_CHILD_OR_VULNERABLE_ADULT',
        note: 'PPANI takes violent offenders only when the victim was a child or vulnerable adult, or in domestic or family circumstances: the receiving LAPPP confirms eligibility',
      };
    case 'CATEGORY_3':
    case 'CATEGORY_4':
      return {
        eligibility: 'SEXUAL_OFFENCE_WITH_CONCERNS',
        note: 'PPANI has no equivalent of MAPPA category 3 or 4: the receiving LAPPP decides whether the person is eligible at all',
      };
  }
}

/** MAPPA category for a PPANI eligibility. */
function mappaCategoryForPpani(eligibility: PpaniEligibility): MappaCategory {
  switch (eligibility) {
    case 'NOTIFICATION_REQUIREMENTS':
      return 'CATEGORY_1';
    case 'VIOLENCE_AGAINST_CHILD_OR_VULNERABLE_ADULT':
    case 'DOMESTIC_VIOLENCE':
      return 'CATEGORY_2';
    case 'SEXUAL_OFFENCE_WITH_CONCERNS':
    case 'RISK_OF_SEXUAL_HARM_ORDER':
      return 'CATEGORY_3';
  }
}

/**
 * The person's terms in `receiving`. Within a jurisdiction they are unchanged; across borders the
 * category maps by the statutory groups, while a level (or PPANI risk category) is never mapped
 * mechanically: MAPPA levels say how a person is managed, PPANI categories how dangerous they are,
 * and each area sets its own at its first review. The notes say so.
 */
export function receivingTermsOf(
  standing: SendingStanding,
  receiving: Jurisdiction,
): TransferTerms {
  const legislation = legislationOf[receiving];
  const notes: string[] = [];
  if (standing.jurisdiction === receiving) {
    if (standing.mappa && receiving !== 'NORTHERN_IRELAND') {
      return {
        legislation,
        category: mappaCategoryNames[receiving][standing.mappa.category] ?? standing.mappa.category,
        level: levelName(standing.mappa.level),
        notes,
      };
    }
    if (standing.ppani) {
      return {
        legislation,
        category: `PPANI eligibility: ${standing.ppani.eligibility.replaceAll('_', ' ').toLowerCase()}`,
        level: `PPANI risk category ${standing.ppani.riskCategory.replace('CATEGORY_', '')}`,
        notes,
      };
    }
    return {
      legislation,
      category: null,
      level: null,
      notes: ['the record has no category or level yet'],
    };
  }
  if (receiving === 'NORTHERN_IRELAND') {
    if (!standing.mappa) {
      return {
        legislation,
        category: null,
        level: null,
        notes: ['the record has no MAPPA category or level'],
      };
    }
    const { eligibility, note } = ppaniEligibilityFor(standing.mappa.category);
    if (note) notes.push(note);
    notes.push(
      `PPANI risk categories measure risk, not management: the LAPPP sets one at its first meeting (the person was at ${levelName(standing.mappa.level)})`,
    );
    return {
      legislation,
      category: `PPANI eligibility: ${eligibility.replaceAll('_', ' ').toLowerCase()}`,
      level: null,
      notes,
    };
  }
  if (standing.jurisdiction === 'NORTHERN_IRELAND' || !standing.mappa) {
    if (!standing.ppani) {
      return {
        legislation,
        category: null,
        level: null,
        notes: ['the record has no category or level'],
      };
    }
    const category = mappaCategoryForPpani(standing.ppani.eligibility);
    notes.push(
      `MAPPA levels say how a person is managed: the receiving area sets the level at its first level-setting (the person was at PPANI risk category ${standing.ppani.riskCategory.replace('CATEGORY_', '')})`,
    );
    return {
      legislation,
      category: mappaCategoryNames[receiving][category] ?? category,
      level: null,
      notes,
    };
  }
  const mapped = mappaCategoryIn(receiving, standing.mappa.category);
  if (mapped.note) notes.push(mapped.note);
  notes.push('the level carries over until the receiving area reviews it');
  return {
    legislation,
    category: mappaCategoryNames[receiving][mapped.category] ?? mapped.category,
    level: levelName(standing.mappa.level),
    notes,
  };
}
