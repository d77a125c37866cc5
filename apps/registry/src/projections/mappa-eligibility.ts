import type { NominalContent } from '../nominals/nominal.documents';
import { addDays, laterDate } from './calendar';
import { orderLastDay } from './civil-orders';
import type { Derivation } from './derived-facts';
import { inEffectOrder } from './state-facts';

/** What keeps a person eligible for MAPPA (in Northern Ireland, PPANI), by kind. */
export type EligibilityGroundKind =
  | 'NOTIFICATION_REQUIREMENTS'
  | 'SENTENCE_OR_LICENCE'
  | 'SUPERVISION'
  | 'RESTRICTION_ORDER'
  | 'CIVIL_ORDER'
  | 'LEVEL_REVIEW'
  | 'LEFT_ARRANGEMENTS';

/** One fact of the record that keeps the person eligible, and until when. */
export interface EligibilityGround {
  ground: EligibilityGroundKind;
  /** The last day the ground holds; null when it holds without end (until a review or a court ends it). */
  endsOn: string | null;
  /** What the record shows, in words. */
  basis: string;
  /** Where the rule comes from. */
  source: string;
}

/** Derived: until when the facts recorded keep the person eligible. */
export interface EligibilityStatus {
  /** The last day of eligibility on the facts recorded; null when a ground holds without end. */
  endsOn: string | null;
  indefinite: boolean;
  /** The last day has passed (or the person left the arrangements): an archive review is due. */
  ended: boolean;
  grounds: EligibilityGround[];
}

interface EligibilityRule {
  ground: EligibilityGroundKind;
  source: string;
  /** How long the ground holds on the record's facts; null when the record does not show it. */
  holds(record: NominalContent): { endsOn: string | null; basis: string } | null;
}

const supervisionStarts = new Set(['ORDER_STARTED', 'LICENCE_STARTED']);
const supervisionEnds = new Set(['ORDER_ENDED', 'LICENCE_ENDED']);
/** Categories whose eligibility no sentence or order bounds: it lasts while level reviews find it needed. */
const reviewedCategories = new Set(['CATEGORY_3', 'CATEGORY_4']);
/** PPANI eligibilities that rest on notification or an order, which their own rules bound. */
const boundedPpaniEligibilities = new Set([
  'NOTIFICATION_REQUIREMENTS',
  'RISK_OF_SEXUAL_HARM_ORDER',
]);

/**
 * When MAPPA management should end, one row per ground, each with its source. A person is eligible
 * while any ground holds; eligibility ends on the last day of the last of them.
 */
export const eligibilityRules: readonly EligibilityRule[] = [
  {
    ground: 'NOTIFICATION_REQUIREMENTS',
    source:
      'Sexual Offences Act 2003 s80–s82 (the notification period; half for under-18s); category 1 while subject: Criminal Justice Act 2003 s327(2), Management of Offenders etc. (Scotland) Act 2005 s10(1)(a), PPANI eligibility by notification',
    holds(record) {
      const status = record.notificationStatus;
      if (status === null) return null;
      if (status.indefinite) {
        return { endsOn: null, basis: 'subject to the notification requirements indefinitely' };
      }
      if (status.endsOn === null) return null;
      return {
        endsOn: status.endsOn,
        basis: `subject to the notification requirements until ${status.endsOn}`,
      };
    },
  },
  {
    ground: 'SENTENCE_OR_LICENCE',
    source:
      'Criminal Justice Act 2003 s327(3)–(4): category 2 while serving the sentence, in custody or on licence; Management of Offenders etc. (Scotland) Act 2005 s10(1)(b)',
    holds(record) {
      const withExpiry = inEffectOrder(record.custodyEvents).filter(
        (event) => (event.licenceExpiryOn ?? event.sentenceExpiryOn) !== null,
      );
      const latest = withExpiry.at(-1);
      if (!latest) return null;
      const endsOn = (latest.licenceExpiryOn ?? latest.sentenceExpiryOn)!;
      const what = latest.licenceExpiryOn !== null ? 'licence' : 'sentence';
      return { endsOn, basis: `${what} expires on ${endsOn}` };
    },
  },
  {
    ground: 'SUPERVISION',
    source:
      'Criminal Justice Act 2003 s327(3)–(4): category 2 while subject to supervision for the offence (community order, licence)',
    holds(record) {
      const events = inEffectOrder(record.supervisionEvents).filter(
        (event) => supervisionStarts.has(event.kind) || supervisionEnds.has(event.kind),
      );
      const latest = events.at(-1);
      if (!latest) return null;
      if (supervisionEnds.has(latest.kind)) {
        const endsOn = addDays(latest.effectiveOn, -1);
        return { endsOn, basis: `supervision ended on ${latest.effectiveOn}` };
      }
      if (latest.endsOn === null) return null;
      return {
        endsOn: latest.endsOn,
        basis: `${latest.orderType ?? 'supervision'} ends on ${latest.endsOn}`,
      };
    },
  },
  {
    ground: 'RESTRICTION_ORDER',
    source:
      'Mental Health Act 1983 s41 (a restriction order, without limit of time unless the court set one): Criminal Justice Act 2003 s327(4)(b); restricted patients in Scotland, Mental Health (Care and Treatment) (Scotland) Act 2003',
    holds(record) {
      const latest = inEffectOrder(record.restrictedPatientEvents).at(-1);
      if (!latest) return null;
      if (latest.kind === 'ABSOLUTELY_DISCHARGED' || latest.kind === 'REMITTED_TO_PRISON') {
        const how =
          latest.kind === 'ABSOLUTELY_DISCHARGED' ? 'absolutely discharged' : 'remitted to prison';
        return {
          endsOn: addDays(latest.effectiveOn, -1),
          basis: `${how} on ${latest.effectiveOn}`,
        };
      }
      return { endsOn: null, basis: 'a restricted patient (restriction order in force)' };
    },
  },
  {
    ground: 'CIVIL_ORDER',
    source:
      'Sexual Offences Act 2003 Part 2 (SHPO, SRO, notification order), Sexual Offences (Scotland) Act 2009 and the Northern Ireland orders: managed while an order has effect',
    holds(record) {
      if (record.civilOrders.length === 0) return null;
      const lastDays = record.civilOrders.map(orderLastDay);
      if (lastDays.includes(null)) {
        return { endsOn: null, basis: 'a civil order has effect until further order' };
      }
      const endsOn = lastDays.reduce<string | null>(laterDate, null)!;
      return { endsOn, basis: `civil orders have effect until ${endsOn}` };
    },
  },
  {
    ground: 'LEVEL_REVIEW',
    source:
      'MAPPA Guidance (categories 3 and 4: management continues while the level review finds the risk calls for it); PPANI Manual of Practice (the risk category is reviewed)',
    holds(record) {
      const reviewOn =
        record.mappa && reviewedCategories.has(record.mappa.category)
          ? record.mappa.reviewOn
          : record.ppani && !boundedPpaniEligibilities.has(record.ppani.eligibility)
            ? record.ppani.reviewOn
            : null;
      if (reviewOn === null) return null;
      return {
        endsOn: addDays(reviewOn, -1),
        basis: `eligibility to be confirmed at the level review due on ${reviewOn}`,
      };
    },
  },
];

const leftSource =
  'MAPPA Guidance: a person who no longer meets the criteria leaves MAPPA, and their record is archived';

function leftArrangements(record: NominalContent): EligibilityGround | null {
  const left = record.mappa?.leftOn ?? record.ppani?.leftOn ?? null;
  if (left === null) return null;
  const reason = record.mappa?.leftReason ?? record.ppani?.leftReason ?? 'OTHER';
  return {
    ground: 'LEFT_ARRANGEMENTS',
    endsOn: addDays(left, -1),
    basis: `left the arrangements on ${left} (${reason})`,
    source: leftSource,
  };
}

/** Until when the facts recorded keep the person eligible; null when no fact says. */
export function eligibilityOf(record: NominalContent, today: string): EligibilityStatus | null {
  const left = leftArrangements(record);
  const grounds = left
    ? [left]
    : eligibilityRules.flatMap((rule) => {
        const held = rule.holds(record);
        return held ? [{ ground: rule.ground, source: rule.source, ...held }] : [];
      });
  if (grounds.length === 0) return null;
  const indefinite = grounds.some((ground) => ground.endsOn === null);
  const endsOn = indefinite
    ? null
    : grounds.map((ground) => ground.endsOn).reduce<string | null>(laterDate, null);
  return { endsOn, indefinite, ended: endsOn !== null && endsOn < today, grounds };
}

/** The person's eligibility, derived again each day it may end (the day after its last day). */
export const eligibilityDerivation: Derivation = {
  derive: (content, today) =>
    content.status === 'MERGED'
      ? content
      : { ...content, eligibility: eligibilityOf(content, today) },
  changesOn(content, today) {
    const endsOn = content.eligibility?.endsOn ?? null;
    return endsOn !== null && endsOn >= today ? addDays(endsOn, 1) : null;
  },
};
