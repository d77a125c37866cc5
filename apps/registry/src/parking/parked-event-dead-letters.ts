import { consumerGroupCatalogue } from '@hub/contracts';
import { failureHeaders, type EventPublisher } from '@hub/messaging';
import type { ParkedEventDocument } from './parked-events';

/**
 * Sends a parked event to the registry's dead-letter topic with the reason it could not be applied,
 * keeping its original bytes, key and headers like every other dead letter.
 */
export async function deadLetterParkedEvent(
  publisher: EventPublisher,
  groupId: string,
  parked: ParkedEventDocument,
  error: Error,
): Promise<void> {
  const origin = {
    topic: parked.topic,
    partition: parked.partition,
    offset: parked.offset,
    attempts: 0,
    firstFailedAt: parked.parkedAt.toISOString(),
  };
  await publisher.forward(consumerGroupCatalogue.registry.deadLetterTopic, [
    {
      key: parked.key,
      value: Buffer.from(parked.bytes.buffer),
      headers: failureHeaders(parked.headers, origin, groupId, error, new Date()),
    },
  ]);
}

/** A parked event whose nominal was not registered within the waiting limit. */
export class ParkingLimitExceededError extends Error {
  override name = 'ParkingLimitExceededError';

  constructor(parked: ParkedEventDocument, limitMs: number) {
    super(
      `nominal ${parked.nominalId} was not registered within ${Math.round(limitMs / 60_000)} minutes ` +
        `of this event arriving (parked at ${parked.parkedAt.toISOString()})`,
    );
  }
}
