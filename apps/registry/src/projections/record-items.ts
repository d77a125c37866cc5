import type { EventMetadata } from '@hub/contracts';
import type { NominalContent, Provenance } from '../nominals/nominal.documents';

/** Who recorded an item of the record, and when. */
export function provenance(metadata: EventMetadata): Provenance {
  return {
    eventId: metadata.eventId,
    recordedBy: metadata.producingAgency,
    occurredAt: metadata.occurredAt,
  };
}

/** `items` with `item` in place of the one with the same id, in the order of `orderBy`. */
export function upsert<T>(
  items: T[],
  item: T,
  sameId: (a: T) => boolean,
  orderBy: (a: T) => string,
): T[] {
  return [...items.filter((kept) => !sameId(kept)), item].sort((a, b) =>
    orderBy(a).localeCompare(orderBy(b)),
  );
}

/**
 * The record's lists of items that events added, each item carrying its event's id: what a merge
 * brings the survivor and an unmerge takes back. A new list of event items belongs here.
 */
export const eventItemLists = [
  'addresses',
  'riskAssessments',
  'riskManagementPlans',
  'notifications',
  'intelligence',
  'meetings',
  'supervisionEvents',
  'custodyEvents',
  'restrictedPatientEvents',
  'arrangementsHistory',
  'managementHistory',
  'notificationRequirements',
  'civilOrders',
  'transfers',
  'complianceActions',
] as const satisfies readonly (keyof NominalContent)[];

export type EventItemList = (typeof eventItemLists)[number];

type EventItem = { eventId: string };

/** The producer's own id of an item in `list`, for the lists whose items producers identify. */
export function producerIdOf(list: EventItemList): ((item: EventItem) => string) | undefined {
  const fields: Partial<Record<EventItemList, string>> = {
    addresses: 'addressId',
    riskAssessments: 'assessmentId',
    notifications: 'notificationId',
    meetings: 'meetingId',
    notificationRequirements: 'requirementId',
    civilOrders: 'orderId',
    transfers: 'transferId',
    complianceActions: 'actionId',
  };
  const field = fields[list];
  return field === undefined
    ? undefined
    : (item) => String((item as unknown as Record<string, unknown>)[field]);
}

/**
 * `content` with each event-item list replaced by what `change` makes of it. The lists hold items
 * of different types; `change` only filters, adds items of the same list, or keeps them.
 */
export function withEventItems(
  content: NominalContent,
  change: (list: EventItemList, items: readonly EventItem[]) => EventItem[],
): NominalContent {
  const changed: Partial<Record<EventItemList, EventItem[]>> = {};
  for (const list of eventItemLists) changed[list] = change(list, content[list]);
  return { ...content, ...(changed as Partial<NominalContent>) };
}

/** The ids of the events whose items the record holds. */
export function eventIdsOfItems(content: NominalContent): string[] {
  return eventItemLists.flatMap((list) =>
    (content[list] as readonly EventItem[]).map((item) => item.eventId),
  );
}
