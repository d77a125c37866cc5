import type { CivilOrderType } from '@hub/contracts';
import type {
  CivilOrderChange,
  CivilOrderItem,
} from '../nominals/notification-requirement.documents';
import { addDays } from './calendar';

/**
 * How probation systems name civil orders in free text, most specific first (an "interim SHPO"
 * before an "SHPO"). A civil order is made on a person, not supervised: a supervision event naming
 * one must not be read as an order or licence starting.
 */
const namings: readonly [RegExp, CivilOrderType][] = [
  [
    /\binterim\s+(sexual\s+harm\s+prevention\s+order|shpo)\b|\bishpo\b/i,
    'INTERIM_SEXUAL_HARM_PREVENTION_ORDER',
  ],
  [/\bsexual\s+harm\s+prevention\s+order\b|\bshpo\b/i, 'SEXUAL_HARM_PREVENTION_ORDER'],
  [/\binterim\s+(sexual\s+risk\s+order|sro)\b|\bisro\b/i, 'INTERIM_SEXUAL_RISK_ORDER'],
  [/\bsexual\s+risk\s+order\b|\bsro\b/i, 'SEXUAL_RISK_ORDER'],
  [/\binterim\s+notification\s+order\b/i, 'INTERIM_NOTIFICATION_ORDER'],
  [/\bnotification\s+order\b/i, 'NOTIFICATION_ORDER'],
  [/\bsexual\s+offences?\s+prevention\s+order\b|\bsopo\b/i, 'SEXUAL_OFFENCES_PREVENTION_ORDER'],
  [/\brisk\s+of\s+sexual\s+harm\s+order\b|\brsho\b/i, 'RISK_OF_SEXUAL_HARM_ORDER'],
  [/\bforeign\s+travel\s+order\b|\bfto\b/i, 'FOREIGN_TRAVEL_ORDER'],
];

/** The civil order a free-text order type names (e.g. "SHPO (10 years)"), or null if none. */
export function civilOrderTypeOf(orderType: string | null): CivilOrderType | null {
  if (orderType === null) return null;
  for (const [naming, type] of namings) if (naming.test(orderType)) return type;
  return null;
}

/**
 * Orders that keep a relevant offender subject to the notification requirements while they have
 * effect, and make a person not otherwise subject to them subject (SOA 2003 s103G for SHPOs and
 * interim SHPOs in England and Wales; s107(3)-(4) for SOPOs, still made in Northern Ireland;
 * Abusive Behaviour and Sexual Harm (Scotland) Act 2016 s18 for Scottish SHPOs). A sexual risk
 * order does not (its own s122F duty to notify name and address is not modelled); a notification
 * order's period comes from the requirement the police record for it.
 */
export function orderBringsNotification(orderType: CivilOrderType): boolean {
  return (
    orderType === 'SEXUAL_HARM_PREVENTION_ORDER' ||
    orderType === 'INTERIM_SEXUAL_HARM_PREVENTION_ORDER' ||
    orderType === 'SEXUAL_OFFENCES_PREVENTION_ORDER'
  );
}

/** The first day an order brings notification: from service when known (s103G(3)), else the day made. */
export function notificationFromOrderStartsOn(
  order: Pick<CivilOrderItem, 'madeOn' | 'servedOn'>,
): string {
  return order.servedOn ?? order.madeOn;
}

/** The last day an order has effect: its expiry or the day before its discharge; null until further order. */
export function orderLastDay(
  order: Pick<CivilOrderItem, 'expiresOn' | 'dischargedOn'>,
): string | null {
  if (order.dischargedOn !== null) {
    const beforeDischarge = addDays(order.dischargedOn, -1);
    return order.expiresOn !== null && order.expiresOn < beforeDischarge
      ? order.expiresOn
      : beforeDischarge;
  }
  return order.expiresOn;
}

/** Whether an order has effect on `day` (from the day it is made). */
export function orderInForceOn(
  order: Pick<CivilOrderItem, 'madeOn' | 'expiresOn' | 'dischargedOn'>,
  day: string,
): boolean {
  const last = orderLastDay(order);
  return order.madeOn <= day && (last === null || day <= last);
}

/**
 * Whether an order restricts foreign travel: as its latest making, variation or renewal (by the day
 * it took effect) said. A discharge says nothing of the terms, so it does not decide; nor does a
 * change recorded before the police said (the order keeps what a later change says, else none).
 */
export function foreignTravelRestrictedBy(changes: readonly CivilOrderChange[]): boolean {
  const terms = changes.filter(
    (change) => change.kind !== 'DISCHARGED' && change.foreignTravelRestricted !== undefined,
  );
  return terms.at(-1)?.foreignTravelRestricted ?? false;
}
