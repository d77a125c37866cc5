import type { TopicName } from '@hub/contracts';

/** One event as a handler receives it: decoded, with where it came from. */
export interface ConsumedEvent {
  /** The catalogue topic the event was published on (also for an event coming back from a retry). */
  topic: TopicName;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  schemaId: number;
  value: unknown;
  /** The message value as it arrived (schema id and Avro bytes), for handlers that keep it. */
  bytes: Buffer;
  /** 1 on first delivery; higher when the event comes back from the retry topic. */
  attempt: number;
}

export type EventHandler = (event: ConsumedEvent) => Promise<void>;
