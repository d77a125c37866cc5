import type { ComplianceActionKind } from '@hub/contracts';
import type { ComplianceActionItem } from '../nominals/nominal.documents';
import { existing, type ProjectionOf } from './projection';
import { provenance, upsert } from './record-items';

/** The timeline's words for each action; a missing person is what a reader must not miss. */
const headlines: Readonly<Record<ComplianceActionKind, string>> = {
  REPORTED_MISSING: 'REPORTED MISSING: whereabouts not known',
  FOUND: 'Found: whereabouts known again',
  NOTIFICATION_BREACH_CAUTIONED:
    'Cautioned for failing to comply with the notification requirements',
  NOTIFICATION_BREACH_CONVICTED:
    'Convicted of failing to comply with the notification requirements',
  ORDER_BREACH_CONVICTED: 'Convicted of breaching a civil order',
};

export const complianceActionRecorded: ProjectionOf<'police.compliance-action.recorded.v1'> = {
  eventType: 'ComplianceActionRecorded',
  project(current, event) {
    const record = existing(current, event.nominalId);
    const kept = record.complianceActions.find((item) => item.actionId === event.actionId);
    // A re-sent action corrects the one the police sent before; an older copy arriving late
    // (a replay, a retry) does not undo the correction.
    if (
      kept &&
      kept.eventId !== event.metadata.eventId &&
      kept.occurredAt > event.metadata.occurredAt
    ) {
      return record;
    }
    const item: ComplianceActionItem = {
      ...provenance(event.metadata),
      actionId: event.actionId,
      kind: event.kind,
      occurredOn: event.occurredOn,
      orderId: event.orderId,
      sentencedToCustody: event.sentencedToCustody,
      details: event.details,
    };
    return {
      ...record,
      complianceActions: upsert(
        record.complianceActions,
        item,
        (other) => other.actionId === event.actionId,
        (other) => other.occurredOn,
      ),
    };
  },
  summary: (event) =>
    `${headlines[event.kind]} on ${event.occurredOn}` +
    (event.orderId ? ` (order ${event.orderId})` : '') +
    (event.sentencedToCustody ? '; sentenced to custody' : ''),
};
