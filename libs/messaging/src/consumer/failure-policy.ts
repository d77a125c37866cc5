import { PermanentEventError, UndecodableMessageError, UnknownSchemaError } from '../errors';

/** What to do with an event whose handling failed. */
export type FailureAction =
  /** It can never succeed: dead-letter it at once. */
  | 'dead-letter'
  /** A dependency (database, broker) is unreachable: nothing behind it can succeed either, so wait and retry in place. */
  | 'back-off'
  /** It may succeed later: move it to the retry topic so the partition goes on. */
  | 'retry';

const unreachableDependency = new Set([
  'SchemaRegistryUnavailableError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
]);

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** MongoDB codes for "try again in a moment": write conflict, shutting down, interrupted. */
const momentaryMongoCodes = new Set([112, 91, 189, 11600, 11602]);

/**
 * A dependency that cannot serve anyone right now: unreachable, or momentarily busy (a write
 * conflict, a server shutting down or interrupting the operation).
 */
export function isUnreachableDependency(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (unreachableDependency.has(error.name)) return true;
  if (error.name === 'MongoServerError') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && momentaryMongoCodes.has(code)) return true;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unreachableCodes.has(code)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isUnreachableDependency(cause);
}

export function failureActionFor(error: unknown): FailureAction {
  if (
    error instanceof PermanentEventError ||
    error instanceof UndecodableMessageError ||
    error instanceof UnknownSchemaError
  ) {
    return 'dead-letter';
  }
  return isUnreachableDependency(error) ? 'back-off' : 'retry';
}
