import type { IHeaders, KafkaMessage } from 'kafkajs';
import { failureHeader, headerText } from '../consumer/failure-headers';

/** One dead-lettered message, with why and where from. */
export interface DeadLetter {
  /** Where it sits in the dead-letter topic: `<topic>/<partition>/<offset>`. */
  id: string;
  key: string | null;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  consumerGroup: string;
  errorClass: string;
  errorMessage: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** Set when this dead letter was itself a replay that failed again. */
  replayedFrom: string | null;
  value: Buffer | null;
  headers: IHeaders;
}

export interface DeadLetterFilter {
  sourceTopic?: string;
  consumerGroup?: string;
  errorClass?: string;
  /** Last failure at or after this time. */
  since?: Date;
  /** Last failure before this time. */
  until?: Date;
}

export function deadLetterOf(topic: string, partition: number, message: KafkaMessage): DeadLetter {
  const text = (name: string): string => headerText(message.headers, name) ?? '';
  return {
    id: `${topic}/${partition}/${message.offset}`,
    key: message.key?.toString() ?? null,
    sourceTopic: text(failureHeader.sourceTopic),
    sourcePartition: Number(text(failureHeader.sourcePartition)),
    sourceOffset: text(failureHeader.sourceOffset),
    consumerGroup: text(failureHeader.consumerGroup),
    errorClass: text(failureHeader.errorClass),
    errorMessage: text(failureHeader.errorMessage),
    attempts: Number(text(failureHeader.attempts) || 0),
    firstFailedAt: text(failureHeader.firstFailedAt),
    lastFailedAt: text(failureHeader.lastFailedAt),
    replayedFrom: headerText(message.headers, failureHeader.replayedFrom) ?? null,
    value: message.value,
    headers: message.headers ?? {},
  };
}

export function matchesFilter(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  const failedAt = Date.parse(letter.lastFailedAt);
  return (
    (filter.sourceTopic === undefined || letter.sourceTopic === filter.sourceTopic) &&
    (filter.consumerGroup === undefined || letter.consumerGroup === filter.consumerGroup) &&
    (filter.errorClass === undefined || letter.errorClass === filter.errorClass) &&
    (filter.since === undefined || failedAt >= filter.since.getTime()) &&
    (filter.until === undefined || failedAt < filter.until.getTime())
  );
}

/**
 * The headers a replayed message carries: the original ones, without the failure bookkeeping (a fresh
 * start: attempts count from 1 again), plus where it was replayed from.
 */
export function replayHeaders(letter: DeadLetter): IHeaders {
  const bookkeeping = new Set<string>(Object.values(failureHeader));
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(letter.headers)) {
    if (!bookkeeping.has(name) && value !== undefined) kept[name] = value;
  }
  return { ...kept, [failureHeader.replayedFrom]: letter.id };
}
