import type { RsoNotificationKind } from '@hub/contracts';
import { addDays, addYears } from './calendar';

/** The facts of a notification its deadline is worked out from. */
export interface NotificationFacts {
  notificationId: string;
  kind: RsoNotificationKind;
  notifiedOn: string;
  changedOn: string | null;
  travel: { departOn: string; returnOn: string | null } | null;
}

/** The last day a notification was due, and the rule that says so; dueBy null when undecided. */
export interface Deadline {
  dueBy: string | null;
  rule: string;
}

/**
 * "Within the period of 3 days beginning with" a day (s83(1), s84(1)): that day counts as the
 * first, so the last day is two days after it.
 */
export const withinThreeDaysOf = (day: string): string => addDays(day, 2);

/** Notifications of a change under s84(1) (including the changes the 2012 regulations prescribe). */
const changeKinds: ReadonlySet<RsoNotificationKind> = new Set([
  'ADDRESS_CHANGE',
  'STAY_AWAY_FROM_HOME',
  'HOUSEHOLD_WITH_CHILD',
  'IDENTITY_DOCUMENT',
  'FINANCIAL_DETAILS',
  'RELEASE',
]);

/**
 * Notifications after which the next periodic one is due (s85(2)): initial (s83), changes (s84)
 * and periodic ones (s85). Travel notifications are made under s86 and do not restart the year;
 * OTHER is not known to be one of them, so it does not either (an overdue annual is then raised
 * for the police to check, rather than missed).
 */
export function restartsPeriodicClock(kind: RsoNotificationKind): boolean {
  return kind === 'INITIAL' || kind === 'ANNUAL' || kind === 'WEEKLY' || changeKinds.has(kind);
}

/** How long after the last notification the next periodic one is due (s85(1), (5)). */
export function periodicDueBy(lastNotifiedOn: string, noFixedAbode: boolean): Deadline {
  return noFixedAbode
    ? {
        dueBy: addDays(lastNotifiedOn, 7),
        rule: `weekly, no sole or main residence (s85(5)-(6), 2012 Regulations): 7 days after the notification of ${lastNotifiedOn}`,
      }
    : {
        dueBy: addYears(lastNotifiedOn, 1),
        rule: `annual (s85(1)): a year after the notification of ${lastNotifiedOn}`,
      };
}

/** The initial notification's deadline (s83(1), (6)): 3 days from the relevant date, or release. */
export function initialDueBy(relevantDate: string, releasedOn: string | null): Deadline {
  return releasedOn !== null && releasedOn > relevantDate
    ? {
        dueBy: withinThreeDaysOf(releasedOn),
        rule: `initial (s83(1), (6)): 3 days beginning with the release on ${releasedOn}`,
      }
    : {
        dueBy: withinThreeDaysOf(relevantDate),
        rule: `initial (s83(1)): 3 days beginning with the relevant date ${relevantDate}`,
      };
}

/**
 * The deadline of one notification, as far as its own facts decide it: changes and returns run
 * from the day of the change, foreign travel from the departure. Initial and periodic ones depend
 * on the requirement and the notifications before; {@link deadlineInContext} decides those.
 */
export function ownDeadline(notification: NotificationFacts): Deadline | null {
  const { kind, changedOn, travel } = notification;
  if (kind === 'FOREIGN_TRAVEL') {
    if (travel === null) return null;
    return {
      dueBy: addDays(travel.departOn, -7),
      rule: `foreign travel (s86, 2004 Travel Regulations as amended 2012): 7 days before departure on ${travel.departOn}; later only if the details were not known then, and at least 12 hours before`,
    };
  }
  if (kind === 'RETURN_FROM_TRAVEL') {
    const returned = changedOn ?? travel?.returnOn ?? null;
    if (returned === null) return null;
    return {
      dueBy: withinThreeDaysOf(returned),
      rule: `return from travel: 3 days beginning with the return on ${returned}`,
    };
  }
  if ((changeKinds.has(kind) || kind === 'OTHER') && changedOn !== null) {
    return {
      dueBy: withinThreeDaysOf(changedOn),
      rule: `change (s84(1)): 3 days beginning with the change on ${changedOn}`,
    };
  }
  return null;
}

/** What the deadlines of initial and periodic notifications depend on, besides the notification. */
export interface DeadlineContext {
  /** Initial deadlines of the requirements, by the day they arose (relevant date or release). */
  initialDeadlines: { arisesOn: string; deadline: Deadline }[];
  /** Every notification of the person, with whether the home address it notified was no fixed abode. */
  notifications: (NotificationFacts & { noFixedAbode: boolean | null })[];
}

const undecided = (producerDueBy: string | null): Deadline => ({
  dueBy: producerDueBy,
  rule:
    producerDueBy === null
      ? 'not decided: the facts it runs from are not recorded'
      : 'as the producer said: the facts it runs from are not recorded',
});

/** The last home address notified before (or with) `upTo`: whether it was no fixed abode (s85(6)). */
export function noFixedAbodeAt(
  context: DeadlineContext,
  upTo: string,
  excludeId?: string,
): boolean {
  const notified = context.notifications
    .filter(
      (n) => n.noFixedAbode !== null && n.notifiedOn <= upTo && n.notificationId !== excludeId,
    )
    .sort((a, b) => a.notifiedOn.localeCompare(b.notifiedOn));
  return notified[notified.length - 1]?.noFixedAbode ?? false;
}

/** The latest notification before `notification` that restarts the periodic clock. */
export function lastPeriodicRestart(
  context: DeadlineContext,
  before: { notificationId: string; notifiedOn: string },
): string | null {
  let last: string | null = null;
  for (const n of context.notifications) {
    if (n.notificationId === before.notificationId || !restartsPeriodicClock(n.kind)) continue;
    if (n.notifiedOn > before.notifiedOn) continue;
    if (n.notifiedOn === before.notifiedOn && n.notificationId > before.notificationId) continue;
    if (last === null || n.notifiedOn > last) last = n.notifiedOn;
  }
  return last;
}

/** The hub's deadline for a notification; the producer's only when the hub's facts do not decide it. */
export function deadlineInContext(
  notification: NotificationFacts,
  producerDueBy: string | null,
  context: DeadlineContext,
): Deadline {
  const own = ownDeadline(notification);
  if (own !== null) return own;
  switch (notification.kind) {
    case 'INITIAL': {
      const arisen = context.initialDeadlines
        .filter((initial) => initial.arisesOn <= notification.notifiedOn)
        .sort((a, b) => a.arisesOn.localeCompare(b.arisesOn));
      return arisen[arisen.length - 1]?.deadline ?? undecided(producerDueBy);
    }
    case 'ANNUAL':
    case 'WEEKLY': {
      const last = lastPeriodicRestart(context, notification);
      if (last === null) return undecided(producerDueBy);
      return periodicDueBy(last, noFixedAbodeAt(context, last, notification.notificationId));
    }
    default:
      return undecided(producerDueBy);
  }
}
