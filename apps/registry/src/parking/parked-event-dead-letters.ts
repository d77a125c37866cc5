import { consumerGroupCatalogue } from '@hub/contracts';
import { failureHeaders, type EventPublisher } from '@hub/messaging';
import { headersOf, type ParkedEventDocument } from './parked-events';

/**
 * Sends parked events to the registry's dead-letter topic with the reason each could not be applied,
 * keeping their original bytes, key and headers like every other dead letter.
 */
export async function deadLetterParkedEvents(
  publisher: EventPublisher,
  groupId: string,
  failed: { parked: ParkedEventDocument; error: Error }[],
): Promise<void> {
  const now = new Date();
  await publisher.forward(
    consumerGroupCatalogue.registry.deadLetterTopic,
    failed.map(({ parked, error }) => {
      const origin = {
        topic: parked.topic,
        partition: parked.partition,
        offset: parked.offset,
        attempts: 0,
        firstFailedAt: parked.parkedAt.toISOString(),
      };
      return {
        key: parked.key,
        value: Buffer.from(parked.bytes.buffer),
        headers: failureHeaders(headersOf(parked.headers), origin, groupId, error, now),
      };
    }),
  );
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
