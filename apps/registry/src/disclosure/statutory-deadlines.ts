import { addMonths } from '../projections/calendar';
import { WorkingDays } from './working-days';

/** The kinds of disclosure request the hub answers. */
export const disclosureKinds = ['SAR', 'FOI', 'COURT', 'POLICE_DISCLOSURE'] as const;
export type DisclosureKind = (typeof disclosureKinds)[number];

/** What a rule needs to work out a deadline. */
export interface DeadlineFacts {
  /** The day the request was received (for a SAR, with what was needed to verify identity). */
  receivedOn: string;
  /** The date the requester gave (court orders, police requests); unused by statutory rules. */
  requesterDueOn?: string;
}

/** One row of the deadline table: how a kind of request's deadline is set, and where it says so. */
export interface DeadlineRule {
  /** The rule in a sentence, shown on every case so that a handler can check the date. */
  rule: string;
  /** The law and guidance the rule comes from. */
  source: string;
  /** The deadline; null when the rule needs a date the requester did not give. */
  dueOn(facts: DeadlineFacts, days: WorkingDays): string | null;
  /** The latest an extension may move the deadline to (null: any later date agreed). */
  latestExtendedDueOn(facts: DeadlineFacts, days: WorkingDays): string | null;
  /** What an extension rests on, shown when one is refused. */
  extension: string;
}

/**
 * The statutory and given deadlines of disclosure requests, in one table. A reviewer checks each
 * row against its source; the unit tests pin the month-end and bank-holiday cases.
 */
export const deadlineRules: Readonly<Record<DisclosureKind, DeadlineRule>> = {
  SAR: {
    rule:
      'One month from receipt: the corresponding calendar date in the next month, or its last day ' +
      'when it has none; a date that is not a working day moves to the next working day',
    source:
      'UK GDPR Art 12(3); ICO guidance "Right of access: time limits for responding" (calculating the ' +
      'month; next working day)',
    dueOn: ({ receivedOn }, days) => days.onOrAfter(addMonths(receivedOn, 1)),
    latestExtendedDueOn: ({ receivedOn }, days) => days.onOrAfter(addMonths(receivedOn, 3)),
    extension:
      'UK GDPR Art 12(3): by two further months where necessary, given the complexity and number of the requests',
  },
  FOI: {
    rule: 'The twentieth working day after receipt (weekends and bank holidays in any part of the UK excluded)',
    source: 'FOIA 2000 s10(1), working day as defined by s10(6)',
    dueOn: ({ receivedOn }, days) => days.add(receivedOn, 20),
    latestExtendedDueOn: ({ receivedOn }, days) => days.add(receivedOn, 40),
    extension:
      'FOIA 2000 s10(3): such time as is reasonable to consider the public interest; the s45 Code of ' +
      'Practice (2018) limits it to a further 20 working days',
  },
  COURT: {
    rule: 'The date the court gave',
    source: "The court's order or direction",
    dueOn: ({ requesterDueOn }) => requesterDueOn ?? null,
    latestExtendedDueOn: () => null,
    extension: 'A later date the court allowed',
  },
  POLICE_DISCLOSURE: {
    rule: 'The date the requesting force gave',
    source: "The force's disclosure request (DPA 2018 Sch 2 para 2 or Part 3)",
    dueOn: ({ requesterDueOn }) => requesterDueOn ?? null,
    latestExtendedDueOn: () => null,
    extension: 'A later date agreed with the requesting force',
  },
};

/** Whether the requester's date decides the deadline (no statutory period). */
export function takesRequesterDate(kind: DisclosureKind): boolean {
  return kind === 'COURT' || kind === 'POLICE_DISCLOSURE';
}

/** Why an extension cannot be recorded; the message is for the handler. */
export class ExtensionRefusedError extends Error {
  override name = 'ExtensionRefusedError';
}

/**
 * Checks an extension to `newDueOn` of a case now due on `currentDueOn`: later than the current
 * deadline and within what the kind's law allows.
 */
export function checkExtension(
  kind: DisclosureKind,
  facts: DeadlineFacts,
  currentDueOn: string,
  newDueOn: string,
  days: WorkingDays,
): void {
  if (newDueOn <= currentDueOn) {
    throw new ExtensionRefusedError(
      `an extension must move the deadline later than ${currentDueOn}; ${newDueOn} is not`,
    );
  }
  const rule = deadlineRules[kind];
  const latest = rule.latestExtendedDueOn(facts, days);
  if (latest !== null && newDueOn > latest) {
    throw new ExtensionRefusedError(
      `a ${kind} received on ${facts.receivedOn} may be extended to ${latest} at the latest (${rule.extension})`,
    );
  }
}
