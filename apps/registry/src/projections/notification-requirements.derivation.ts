import type { NominalContent, NotificationItem } from '../nominals/nominal.documents';
import type {
  CivilOrderItem,
  NotificationRequirementItem,
  NotificationStatus,
  OverdueNotification,
} from '../nominals/notification-requirement.documents';
import { addDays, earlierDate } from './calendar';
import {
  notificationFromOrderStartsOn,
  orderBringsNotification,
  orderInForceOn,
  orderLastDay,
} from './civil-orders';
import type { Derivation } from './derived-facts';
import { inEffectOrder } from './state-facts';
import {
  deadlineInContext,
  initialDueBy,
  noFixedAbodeAt,
  periodicDueBy,
  restartsPeriodicClock,
  type Deadline,
  type DeadlineContext,
} from './notification-deadlines';
import { notificationPeriodOf, reviewableFrom, underEighteenOn } from './notification-period';

/**
 * The sex offender notification requirements as the hub works them out from the facts the police
 * record (Sexual Offences Act 2003 Part 2): each requirement's period, each notification's real
 * deadline, the notifications owed and not made, and which civil orders are in force. Derived
 * rather than projected because each depends on several items (and on the day), whatever order
 * their events arrived in.
 */

/** Detained in custody or hospital: deadlines do not run (s83(6), s85(3)-(4)). */
function detained(content: NominalContent): boolean {
  const patient = content.restrictedPatient?.state;
  return (
    content.custody?.state === 'IN_CUSTODY' ||
    patient === 'DETAINED' ||
    patient === 'TRANSFERRED' ||
    patient === 'RECALLED'
  );
}

/**
 * The day of release after the relevant date: as the police recorded it, else the prison's release
 * of the person if it came after (the initial notification is due from it, s83(6)).
 */
/**
 * A periodic deadline that fell while the person was held in custody runs on until 3 days
 * beginning with the release (SOA 2003 s85(3)-(4)): the day of that release plus 2, or the
 * deadline as it was if they were not held then.
 */
function extendedForDetention(content: NominalContent, deadline: Deadline): Deadline {
  const { dueBy } = deadline;
  if (dueBy === null) return deadline;
  let heldSince: string | null = null;
  for (const fact of inEffectOrder(content.custodyEvents)) {
    if (fact.kind === 'ADMITTED') heldSince ??= fact.effectiveOn;
    if (fact.kind !== 'RELEASED' || heldSince === null) continue;
    const releasedOn = fact.releaseDate ?? fact.effectiveOn;
    if (heldSince <= dueBy && dueBy < releasedOn) {
      return {
        dueBy: addDays(releasedOn, 2),
        rule: `${deadline.rule}; fell while held in custody, so 3 days beginning with the release on ${releasedOn} (s85(3)-(4))`,
      };
    }
    heldSince = null;
  }
  return deadline;
}

function releaseAfter(
  content: NominalContent,
  requirement: NotificationRequirementItem,
): string | null {
  if (requirement.releasedOn !== null) return requirement.releasedOn;
  const custody = content.custody;
  if (custody?.state === 'RELEASED' && custody.releaseDate !== null) {
    return custody.releaseDate > requirement.relevantDate ? custody.releaseDate : null;
  }
  return null;
}

/** The day a requirement's initial notification is due from: the relevant date, or a later release. */
function arisesOn(content: NominalContent, requirement: NotificationRequirementItem): string {
  const released = releaseAfter(content, requirement);
  return released !== null && released > requirement.relevantDate
    ? released
    : requirement.relevantDate;
}

function withPeriod(
  content: NominalContent,
  requirement: NotificationRequirementItem,
): NotificationRequirementItem {
  const underEighteen =
    requirement.underEighteenOnRelevantDate ??
    underEighteenOn(content.dateOfBirth, requirement.relevantDate);
  const base = notificationPeriodOf({ ...requirement, underEighteen });
  if (base === null) return { ...requirement, period: null };
  const discharged = [...requirement.reviews].reverse().find((r) => r.outcome === 'DISCHARGED');
  if (discharged) {
    return {
      ...requirement,
      period: {
        ...base,
        endsOn: addDays(discharged.determinedOn, -1),
        reviewableFrom: null,
        rule: `${base.rule}; discharged on review (s91C) on ${discharged.determinedOn}`,
      },
    };
  }
  if (!base.indefinite) return { ...requirement, period: { ...base, reviewableFrom: null } };
  const from = arisesOn(content, requirement);
  const afterRelease = content.notifications
    .filter((n) => n.notifiedOn >= from && restartsPeriodicClock(n.kind))
    .sort((a, b) => a.notifiedOn.localeCompare(b.notifiedOn));
  const first = afterRelease.find((n) => n.kind === 'INITIAL') ?? afterRelease[0] ?? null;
  const retained = [...requirement.reviews].reverse().find((r) => r.outcome === 'RETAINED');
  return {
    ...requirement,
    period: {
      ...base,
      reviewableFrom: reviewableFrom(
        base.underEighteen,
        first?.notifiedOn ?? null,
        retained?.determinedOn ?? null,
      ),
    },
  };
}

function contextOf(
  content: NominalContent,
  requirements: NotificationRequirementItem[],
): DeadlineContext {
  return {
    initialDeadlines: requirements.map((requirement) => ({
      arisesOn: arisesOn(content, requirement),
      deadline: initialDueBy(requirement.relevantDate, releaseAfter(content, requirement)),
    })),
    notifications: content.notifications.map((n) => ({
      ...n,
      noFixedAbode: n.newAddress === null ? null : n.newAddress.type === 'NO_FIXED_ABODE',
    })),
  };
}

function withDeadline(notification: NotificationItem, context: DeadlineContext): NotificationItem {
  const deadline = deadlineInContext(notification, notification.producerDueBy, context);
  return {
    ...notification,
    dueBy: deadline.dueBy,
    dueByRule: deadline.rule,
    late: deadline.dueBy !== null && notification.notifiedOn > deadline.dueBy,
  };
}

/** One stretch of being subject: a requirement's period, or a notifying civil order's effect. */
interface Subjection {
  startsOn: string;
  /** Last day; null when indefinite or undecided. */
  endsOn: string | null;
  indefinite: boolean;
  requirement: NotificationRequirementItem | null;
  order: CivilOrderItem | null;
}

function subjections(
  requirements: NotificationRequirementItem[],
  orders: CivilOrderItem[],
): Subjection[] {
  const fromRequirements = requirements.map((requirement) => ({
    startsOn: requirement.period?.startsOn ?? requirement.relevantDate,
    endsOn: requirement.period?.endsOn ?? null,
    indefinite: (requirement.period?.indefinite ?? false) && requirement.period?.endsOn === null,
    requirement,
    order: null,
  }));
  const fromOrders = orders
    .filter((order) => orderBringsNotification(order.orderType))
    .map((order) => ({
      startsOn: notificationFromOrderStartsOn(order),
      endsOn: orderLastDay(order),
      indefinite: orderLastDay(order) === null,
      requirement: null,
      order,
    }));
  return [...fromRequirements, ...fromOrders];
}

const covers = (s: Subjection, day: string): boolean =>
  s.startsOn <= day && (s.endsOn === null || day <= s.endsOn);

function statusOf(all: Subjection[], today: string): NotificationStatus | null {
  if (all.length === 0) return null;
  const current = all.filter((s) => covers(s, today));
  const reported =
    current.length > 0
      ? current
      : [...all].sort((a, b) => (a.endsOn ?? '9999').localeCompare(b.endsOn ?? '9999')).slice(-1);
  const indefinite = reported.some((s) => s.indefinite);
  const undecided = reported.some((s) => s.endsOn === null && !s.indefinite);
  const ends = reported.map((s) => s.endsOn ?? '');
  const indefiniteRequirements = reported.filter((s) => s.requirement?.period?.indefinite);
  const reviewDates = indefiniteRequirements.map(
    (s) => s.requirement?.period?.reviewableFrom ?? null,
  );
  return {
    subject: current.length > 0,
    startsOn: reported.map((s) => s.startsOn).sort()[0] ?? null,
    indefinite,
    endsOn: indefinite || undecided ? null : (ends.sort().at(-1) ?? null),
    // Off the register only when every indefinite requirement is: the latest review date counts.
    reviewableFrom:
      reviewDates.length === 0 || reviewDates.includes(null)
        ? null
        : ([...(reviewDates as string[])].sort().at(-1) ?? null),
    civilOrderIds: current.flatMap((s) => (s.order ? [s.order.orderId] : [])),
  };
}

/** Outstanding notifications, and the days (after today) on which the result next changes. */
function overdueOf(
  content: NominalContent,
  all: Subjection[],
  context: DeadlineContext,
  today: string,
): { overdue: OverdueNotification[]; upcoming: string[] } {
  const overdue: OverdueNotification[] = [];
  const upcoming: string[] = [];
  const owe = (kind: OverdueNotification['kind'], deadline: Deadline): void => {
    if (deadline.dueBy === null) return;
    if (deadline.dueBy < today) overdue.push({ kind, dueBy: deadline.dueBy, rule: deadline.rule });
    else upcoming.push(addDays(deadline.dueBy, 1));
  };
  if (!all.some((s) => covers(s, today)) || detained(content)) return { overdue, upcoming };

  for (const s of all) {
    const requirement = s.requirement;
    if (requirement === null || !covers(s, today)) continue;
    // Already subject (and so already notified) under an earlier requirement or order (s83(2)).
    const alreadySubject = all.some(
      (other) =>
        other !== s &&
        other.startsOn < requirement.relevantDate &&
        covers(other, requirement.relevantDate),
    );
    const made = content.notifications.some(
      (n) => n.kind === 'INITIAL' && n.notifiedOn >= requirement.relevantDate,
    );
    if (!alreadySubject && !made) {
      owe('INITIAL', initialDueBy(requirement.relevantDate, releaseAfter(content, requirement)));
    }
  }

  const restarts = context.notifications
    .filter((n) => restartsPeriodicClock(n.kind))
    .map((n) => n.notifiedOn)
    .sort();
  const last = restarts.at(-1);
  if (last !== undefined) {
    const noFixedAbode = noFixedAbodeAt(context, last);
    const deadline = extendedForDetention(content, periodicDueBy(last, noFixedAbode));
    const status = statusOf(all, today);
    const endsFirst =
      status?.endsOn != null && deadline.dueBy !== null && status.endsOn < deadline.dueBy;
    if (!endsFirst) owe(noFixedAbode ? 'WEEKLY' : 'ANNUAL', deadline);
  }

  // Each return notification answers the last trip that departed on or before it: one notified
  // return does not answer every earlier trip.
  const departures = content.notifications
    .flatMap((n) => (n.kind === 'FOREIGN_TRAVEL' && n.travel ? [n.travel.departOn] : []))
    .sort();
  const answered = new Set(
    content.notifications
      .filter((n) => n.kind === 'RETURN_FROM_TRAVEL')
      .map((n) => departures.filter((day) => day <= n.notifiedOn).at(-1))
      .filter((day): day is string => day !== undefined),
  );
  for (const trip of content.notifications) {
    if (trip.kind !== 'FOREIGN_TRAVEL' || trip.travel?.returnOn == null) continue;
    const { returnOn } = trip.travel;
    if (!answered.has(trip.travel.departOn)) {
      owe('RETURN_FROM_TRAVEL', {
        dueBy: addDays(returnOn, 2),
        rule: `return from travel: 3 days beginning with the return on ${returnOn} notified in ${trip.notificationId}`,
      });
    }
  }
  return { overdue: overdue.sort((a, b) => a.dueBy.localeCompare(b.dueBy)), upcoming };
}

function assess(
  content: NominalContent,
  today: string,
): { content: NominalContent; next: string | null } {
  const requirements = content.notificationRequirements.map((r) => withPeriod(content, r));
  const context = contextOf(content, requirements);
  const notifications = content.notifications.map((n) => withDeadline(n, context));
  const civilOrders = content.civilOrders.map((order) => ({
    ...order,
    inForce: orderInForceOn(order, today),
  }));
  const withNotifications = { ...content, notifications };
  const all = subjections(requirements, civilOrders);
  const { overdue, upcoming } = overdueOf(withNotifications, all, context, today);
  const boundaries = [
    ...upcoming,
    ...all.flatMap((s) => [s.startsOn, ...(s.endsOn ? [addDays(s.endsOn, 1)] : [])]),
    ...civilOrders.flatMap((o) => {
      const last = orderLastDay(o);
      return [o.madeOn, ...(last ? [addDays(last, 1)] : [])];
    }),
  ];
  let next: string | null = null;
  for (const day of boundaries) if (day > today) next = earlierDate(next, day);
  return {
    content: {
      ...withNotifications,
      notificationRequirements: requirements,
      civilOrders,
      notificationStatus: statusOf(all, today),
      overdueNotifications: overdue,
    },
    next,
  };
}

export const notificationRequirementsDerivation: Derivation = {
  derive: (content, today) => assess(content, today).content,
  changesOn: (content, today) => assess(content, today).next,
};
