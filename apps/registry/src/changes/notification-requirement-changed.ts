import type { NominalChanged } from '@hub/contracts';
import type { NominalDocument } from '../nominals/nominal.documents';

/**
 * The notification requirement, overdue notifications and civil orders as the changed-record topic
 * carries them: compact, and without the orders' prohibitions (they stay behind the query API).
 */
export function notificationFactsOf(
  record: NominalDocument,
): Pick<NominalChanged, 'notificationRequirement' | 'overdueNotifications' | 'civilOrders'> {
  const status = record.notificationStatus;
  return {
    notificationRequirement: status && {
      subject: status.subject,
      startsOn: status.startsOn,
      indefinite: status.indefinite,
      endsOn: status.endsOn,
      reviewableFrom: status.reviewableFrom,
      civilOrderIds: status.civilOrderIds,
    },
    overdueNotifications: record.overdueNotifications.map(({ kind, dueBy, rule }) => ({
      kind,
      dueBy,
      rule,
    })),
    civilOrders: record.civilOrders.map((order) => ({
      orderId: order.orderId,
      orderType: order.orderType,
      madeOn: order.madeOn,
      expiresOn: order.expiresOn,
      dischargedOn: order.dischargedOn,
      inForce: order.inForce,
      // Orders recorded before the police said whether they restrict travel: none was recorded.
      foreignTravelRestricted: order.foreignTravelRestricted ?? false,
    })),
  };
}
