import type { EventMetadata } from '@hub/contracts';
import type { Provenance } from '../nominals/nominal.documents';

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
