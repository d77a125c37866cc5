import type { IHeaders } from 'kafkajs';

/** Header names the runner adds to retried and dead-lettered messages (all strings). */
export const failureHeader = {
  sourceTopic: 'hub.source.topic',
  sourcePartition: 'hub.source.partition',
  sourceOffset: 'hub.source.offset',
  consumerGroup: 'hub.consumer.group',
  errorClass: 'hub.error.class',
  errorMessage: 'hub.error.message',
  attempts: 'hub.attempts',
  firstFailedAt: 'hub.first-failed-at',
  lastFailedAt: 'hub.last-failed-at',
  notBefore: 'hub.retry.not-before',
  replayedFrom: 'hub.replayed-from',
} as const;

/** Where a message first came from, and how often it has failed so far. */
export interface FailureOrigin {
  topic: string;
  partition: number;
  offset: string;
  attempts: number;
  firstFailedAt: string;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

function attemptsOf(value: string | undefined): number {
  const attempts = Number(value ?? 0);
  return Number.isSafeInteger(attempts) && attempts >= 0 ? attempts : Number.MAX_SAFE_INTEGER - 1;
}

/** The origin recorded on a retried message, or the message's own position if it is fresh. */
export function failureOriginOf(
  headers: IHeaders | undefined,
  position: { topic: string; partition: number; offset: string },
  now: Date,
): FailureOrigin {
  const topic = headerText(headers, failureHeader.sourceTopic);
  if (topic === undefined) {
    return { ...position, attempts: 0, firstFailedAt: now.toISOString() };
  }
  return {
    topic,
    partition: Number(headerText(headers, failureHeader.sourcePartition)),
    offset: headerText(headers, failureHeader.sourceOffset) ?? '',
    // A garbled count must not keep an event retrying for ever: treat it as exhausted.
    attempts: attemptsOf(headerText(headers, failureHeader.attempts)),
    firstFailedAt: headerText(headers, failureHeader.firstFailedAt) ?? now.toISOString(),
  };
}

/**
 * Headers for a message that failed once more: the original headers (less our own bookkeeping),
 * plus its origin, the consumer group, the error and the attempt count.
 */
export function failureHeaders(
  original: IHeaders | undefined,
  origin: FailureOrigin,
  groupId: string,
  error: Error,
  now: Date,
  extra: Record<string, string> = {},
): IHeaders {
  const kept: IHeaders = {};
  const ours = new Set<string>(Object.values(failureHeader));
  for (const [name, value] of Object.entries(original ?? {})) {
    if (!ours.has(name) && value !== undefined) kept[name] = value;
  }
  return {
    ...kept,
    [failureHeader.sourceTopic]: origin.topic,
    [failureHeader.sourcePartition]: String(origin.partition),
    [failureHeader.sourceOffset]: origin.offset,
    [failureHeader.consumerGroup]: groupId,
    [failureHeader.errorClass]: error.name,
    [failureHeader.errorMessage]: error.message.slice(0, 2_000),
    [failureHeader.attempts]: String(origin.attempts + 1),
    [failureHeader.firstFailedAt]: origin.firstFailedAt,
    [failureHeader.lastFailedAt]: now.toISOString(),
    ...extra,
  };
}
