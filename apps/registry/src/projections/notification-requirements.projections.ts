import type { EventOf } from '@hub/contracts';
import type { NotificationItem } from '../nominals/nominal.documents';
import type {
  CivilOrderChange,
  CivilOrderItem,
  NotificationRequirementItem,
} from '../nominals/notification-requirement.documents';
import { foreignTravelRestrictedBy } from './civil-orders';
import { ownDeadline } from './notification-deadlines';
import { existing, type ProjectionOf } from './projection';
import { provenance, upsert } from './record-items';

const lower = (symbol: string): string => symbol.replaceAll('_', ' ').toLowerCase();

type RsoNotificationReceived = EventOf<'police.rso-notification.received.v1'>;

/**
 * A notification as the record keeps it. Its deadline is the hub's, from the day of the change;
 * the derivation settles the deadlines that depend on other items (initial, annual, weekly).
 */
export function notificationItemOf(event: RsoNotificationReceived): NotificationItem {
  const own = ownDeadline(event);
  const dueBy = own?.dueBy ?? event.dueBy;
  return {
    ...provenance(event.metadata),
    notificationId: event.notificationId,
    kind: event.kind,
    notifiedOn: event.notifiedOn,
    changedOn: event.changedOn,
    dueBy,
    dueByRule: own?.rule ?? null,
    producerDueBy: event.dueBy,
    late: dueBy !== null && event.notifiedOn > dueBy,
    details: event.details,
    newAddress: event.newAddress,
    travel: event.travel,
  };
}

/** The timeline line: late by the hub's deadline where the event alone decides it. */
export function notificationSummary(event: RsoNotificationReceived): string {
  const dueBy = ownDeadline(event)?.dueBy ?? event.dueBy;
  const disagrees =
    event.dueBy !== null && dueBy !== event.dueBy ? ` (the producer said ${event.dueBy})` : '';
  return (
    `Notification (${lower(event.kind)}) received on ${event.notifiedOn}` +
    (dueBy !== null && event.notifiedOn > dueBy ? `, LATE (due by ${dueBy}${disagrees})` : '') +
    (event.travel
      ? `: travel to ${event.travel.destinationCountry} from ${event.travel.departOn}`
      : '')
  );
}

export const notificationRequirementRecorded: ProjectionOf<'police.notification-requirement.recorded.v1'> =
  {
    eventType: 'NotificationRequirementRecorded',
    project(current, event) {
      const record = existing(current, event.nominalId);
      const kept = record.notificationRequirements.find(
        (item) => item.requirementId === event.requirementId,
      );
      // A late or retried event still adds its review, but does not bring back older facts.
      const newer = !kept || event.metadata.occurredAt >= kept.factsAsOf;
      const facts = {
        ...provenance(event.metadata),
        requirementId: event.requirementId,
        basis: event.basis,
        relevantDate: event.relevantDate,
        disposal: event.disposal,
        termMonths: event.termMonths,
        underEighteenOnRelevantDate: event.underEighteenOnRelevantDate,
        jurisdiction: event.jurisdiction,
        releasedOn: event.releasedOn,
        details: event.details,
        factsAsOf: event.metadata.occurredAt,
      };
      const reviews = [...(kept?.reviews ?? [])];
      const review = event.review;
      if (review && !reviews.some((r) => r.determinedOn === review.determinedOn)) {
        reviews.push({ ...review, eventId: event.metadata.eventId });
        reviews.sort((a, b) => a.determinedOn.localeCompare(b.determinedOn));
      }
      const item: NotificationRequirementItem = {
        ...(newer || !kept ? facts : kept),
        reviews,
        period: kept?.period ?? null,
      };
      return {
        ...record,
        notificationRequirements: upsert(
          record.notificationRequirements,
          item,
          (other) => other.requirementId === event.requirementId,
          (other) => other.relevantDate,
        ),
      };
    },
    summary: (event) =>
      `Notification requirement ${event.requirementId}: ${lower(event.basis)} on ${event.relevantDate}, ${lower(event.disposal)}` +
      (event.termMonths !== null ? ` (${event.termMonths} months)` : '') +
      (event.review ? `; review ${event.review.determinedOn}: ${lower(event.review.outcome)}` : ''),
  };

export const civilOrderRecorded: ProjectionOf<'police.civil-order.recorded.v1'> = {
  eventType: 'CivilOrderRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const kept = record.civilOrders.find((order) => order.orderId === event.orderId);
    const change: CivilOrderChange = {
      kind: event.kind,
      effectiveOn: event.effectiveOn,
      eventId: event.metadata.eventId,
      foreignTravelRestricted: event.foreignTravelRestricted,
    };
    const changes = [
      ...(kept?.changes ?? []).filter((c) => c.eventId !== change.eventId),
      change,
    ].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
    // The terms come from the latest change by the day it took effect, whatever order events came in.
    const newer = !kept || event.effectiveOn >= kept.termsAsOf;
    const terms = {
      ...provenance(event.metadata),
      orderId: event.orderId,
      orderType: event.orderType,
      jurisdiction: event.jurisdiction,
      madeOn: event.madeOn,
      servedOn: event.servedOn,
      expiresOn: event.expiresOn,
      prohibitions: event.prohibitions,
      court: event.court,
      details: event.details,
      termsAsOf: event.effectiveOn,
    };
    const discharge = changes.find((c) => c.kind === 'DISCHARGED');
    const item: CivilOrderItem = {
      ...(newer || !kept ? terms : kept),
      foreignTravelRestricted: foreignTravelRestrictedBy(changes),
      dischargedOn: discharge?.effectiveOn ?? null,
      changes,
      inForce: kept?.inForce ?? false,
    };
    return {
      ...record,
      civilOrders: upsert(
        record.civilOrders,
        item,
        (other) => other.orderId === event.orderId,
        (other) => other.madeOn,
      ),
    };
  },
  summary: (event) =>
    `${lower(event.orderType)} ${event.orderId} ${lower(event.kind)} on ${event.effectiveOn}` +
    (event.kind === 'DISCHARGED'
      ? ''
      : event.expiresOn
        ? `, until ${event.expiresOn}`
        : ', until further order') +
    (event.prohibitions.length > 0 ? `; ${event.prohibitions.length} prohibition(s)` : ''),
};
