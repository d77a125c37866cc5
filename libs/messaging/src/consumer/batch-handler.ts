import { forEachConcurrently, groupByKey } from './concurrency';
import { failureActionFor } from './failure-policy';
import type { ConsumedEvent, EventHandler } from './consumed-event';

/** An event a batch handler could not apply, and why: the runner retries or dead-letters it. */
export interface EventFailure {
  event: ConsumedEvent;
  error: Error;
}

/**
 * Applies many events at once (one round of database writes for all of them, say). Each key's
 * events come in the order they were published. It resolves with the events it could not apply;
 * the others count as applied. It throws only when none could be (a dependency is unreachable):
 * then the runner retries the whole batch, so its effects must be idempotent.
 */
export type BatchEventHandler = (events: readonly ConsumedEvent[]) => Promise<EventFailure[]>;

function asError(caught: unknown): Error {
  return caught instanceof Error ? caught : new Error(String(caught));
}

/**
 * A batch handler over a handler of one event at a time: distinct keys concurrently, each key's
 * events in order. A failed event does not stop its key's later events (they would wait for a
 * retry that may never succeed); an unreachable dependency fails the whole batch.
 */
export function oneEventAtATime(
  handler: EventHandler,
  keysConcurrently: number,
): BatchEventHandler {
  return async (events) => {
    const failures: EventFailure[] = [];
    const byKey = groupByKey(events, (event) => event.key);
    await forEachConcurrently(byKey, keysConcurrently, async (keyEvents) => {
      for (const event of keyEvents) {
        try {
          await handler(event);
        } catch (caught) {
          const error = asError(caught);
          if (failureActionFor(error) === 'back-off') throw error;
          failures.push({ event, error });
        }
      }
    });
    return failures;
  };
}
