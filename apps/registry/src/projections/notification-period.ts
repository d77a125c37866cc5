import type { NotificationDisposal, NotificationRequirementBasis } from '@hub/contracts';
import type { NotificationPeriod } from '../nominals/notification-requirement.documents';
import { addDays, addMonths, addYears, daysBetween } from './calendar';

/** The facts of one requirement that the notification period depends on. */
export interface PeriodFacts {
  basis: NotificationRequirementBasis;
  relevantDate: string;
  disposal: NotificationDisposal;
  termMonths: number | null;
  underEighteen: boolean;
}

/**
 * `halvable` is false for the periods the table takes from the order itself (a conditional
 * discharge, a Scottish offender supervision requirement): s82(2) halves only the fixed periods.
 */
type TableRow =
  { indefinite: true; rule: string } | { months: number; rule: string; halvable: boolean } | null;

/**
 * The row of the Sexual Offences Act 2003 s82(1) table that applies, before the halving for
 * under-18s; null when the facts do not decide it (an imprisonment recorded without its term).
 */
export function s82Row(facts: Omit<PeriodFacts, 'underEighteen' | 'relevantDate'>): TableRow {
  // A caution is its own row (s80(1)(d)), whatever disposal was recorded beside it.
  if (facts.basis === 'CAUTION' || facts.disposal === 'CAUTION') {
    return { months: 24, rule: 's82(1): cautioned, 2 years', halvable: true };
  }
  const term = facts.termMonths;
  switch (facts.disposal) {
    case 'IMPRISONMENT_FOR_LIFE':
      return { indefinite: true, rule: 's82(1): imprisonment for life, indefinite' };
    case 'INDETERMINATE_SENTENCE':
      return {
        indefinite: true,
        rule: 's82(1): IPP / NI indeterminate custodial sentence / order for lifelong restriction, indefinite',
      };
    case 'HOSPITAL_ORDER_WITH_RESTRICTION':
      return {
        indefinite: true,
        rule: 's82(1): hospital order with a restriction order, indefinite',
      };
    case 'HOSPITAL_ORDER':
      return {
        months: 84,
        rule: 's82(1): hospital order without a restriction order, 7 years',
        halvable: true,
      };
    case 'IMPRISONMENT':
      if (term === null) return null;
      if (term >= 30)
        return { indefinite: true, rule: 's82(1): imprisonment of 30 months or more, indefinite' };
      if (term > 6)
        return {
          months: 120,
          rule: 's82(1): imprisonment of more than 6 and less than 30 months, 10 years',
          halvable: true,
        };
      return {
        months: 84,
        rule: 's82(1): imprisonment of 6 months or less, 7 years',
        halvable: true,
      };
    case 'CONDITIONAL_DISCHARGE':
      return term === null
        ? null
        : { months: term, rule: 's82(1): conditional discharge, its period', halvable: false };
    case 'OFFENDER_SUPERVISION_REQUIREMENT':
      return term === null
        ? null
        : {
            months: term,
            rule: 's82(1): community payback order with offender supervision (Scotland), its period',
            halvable: false,
          };
    case 'OTHER':
      return { months: 60, rule: 's82(1): any other description, 5 years', halvable: true };
  }
}

/**
 * The last day of a period of `months` beginning with `startsOn` ("10 years beginning with that
 * date" ends the day before the tenth anniversary), halved for an under-18 (s82(2)): by months when
 * they halve evenly, else by days, since the Act halves the period itself.
 */
export function lastDayOf(startsOn: string, months: number, halved: boolean): string {
  if (!halved) return addDays(addMonths(startsOn, months), -1);
  if (months % 2 === 0) return addDays(addMonths(startsOn, months / 2), -1);
  const days = daysBetween(startsOn, addMonths(startsOn, months));
  return addDays(startsOn, Math.floor(days / 2) - 1);
}

/**
 * The first day an indefinite requirement may be reviewed (s91B(2)): the day after the end of 15
 * years (8 for an under-18 on the relevant date) beginning with the day of the first notification
 * made after release; after a determination to keep it, 8 years beginning with the determination
 * (s91B(3)).
 */
export function reviewableFrom(
  underEighteen: boolean,
  firstNotificationAfterRelease: string | null,
  lastRetainedOn: string | null,
): string | null {
  if (lastRetainedOn !== null) return addYears(lastRetainedOn, 8);
  if (firstNotificationAfterRelease === null) return null;
  return addYears(firstNotificationAfterRelease, underEighteen ? 8 : 15);
}

/** The notification period of a requirement; null when the facts do not decide it. */
export function notificationPeriodOf(
  facts: PeriodFacts,
): Omit<NotificationPeriod, 'reviewableFrom'> | null {
  const row = s82Row(facts);
  if (row === null) return null;
  if ('indefinite' in row) {
    return {
      indefinite: true,
      months: null,
      underEighteen: facts.underEighteen,
      startsOn: facts.relevantDate,
      endsOn: null,
      rule: row.rule,
    };
  }
  const halved = facts.underEighteen && row.halvable;
  return {
    indefinite: false,
    months: halved ? row.months / 2 : row.months,
    underEighteen: facts.underEighteen,
    startsOn: facts.relevantDate,
    endsOn: lastDayOf(facts.relevantDate, row.months, halved),
    rule: halved ? `${row.rule}, halved: under 18 (s82(2))` : row.rule,
  };
}

/** Under 18 on `date`, for a person born on `dateOfBirth`. */
export function underEighteenOn(dateOfBirth: string, date: string): boolean {
  return date < addYears(dateOfBirth, 18);
}
