import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka } from 'kafkajs';
import { deadLetterReaderGroupPrefix } from '@hub/contracts';
import type { HubSchemaRegistry } from '../schema-registry';
import {
  deadLetterOf,
  matchesFilter,
  replayHeaders,
  type DeadLetter,
  type DeadLetterFilter,
} from './dead-letter';

/**
 * Reads a dead-letter topic from its start up to its end as it is now, keeping the letters that
 * match. A throw-away consumer group that commits nothing, so reading changes nothing.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  filter: DeadLetterFilter = {},
  limit = 1_000,
): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];

  const found: DeadLetter[] = [];
  const consumer = kafka.consumer({ groupId: `${deadLetterReaderGroupPrefix}${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined) return Promise.resolve();
            const letter = deadLetterOf(topic, partition, message);
            if (found.length < limit && matchesFilter(letter, filter)) found.push(letter);
            if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
            if (ends.size === 0 || found.length >= limit) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** A dead letter with its value decoded through the schema registry where that is possible. */
export async function inspectDeadLetter(schemas: HubSchemaRegistry, letter: DeadLetter) {
  const { value, headers, ...described } = letter;
  const textHeaders = Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [
      name,
      String(Array.isArray(header) ? header[0] : header),
    ]),
  );
  try {
    const decoded = await schemas.decode(value);
    return {
      ...described,
      headers: textHeaders,
      schemaId: decoded.schemaId,
      decoded: decoded.value,
    };
  } catch (error) {
    return {
      ...described,
      headers: textHeaders,
      undecodable: (error as Error).message,
      rawValue: value?.toString('base64') ?? null,
    };
  }
}

export interface ReplayReport {
  dryRun: boolean;
  /** Dead letters sent back (or that would be, on a dry run), by source topic. */
  replayed: Record<string, number>;
  ids: string[];
}

/**
 * Sends each dead letter back to the topic it came from, with its original key, value and headers
 * (marked `hub.replayed-from`). Consumers apply an event id once, so replaying a letter twice does
 * not apply it twice.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  letters: DeadLetter[],
  options: { dryRun: boolean },
): Promise<ReplayReport> {
  const report: ReplayReport = {
    dryRun: options.dryRun,
    replayed: {},
    ids: letters.map((l) => l.id),
  };
  const replayable = letters.filter((letter) => letter.sourceTopic !== '');
  for (const letter of replayable) {
    report.replayed[letter.sourceTopic] = (report.replayed[letter.sourceTopic] ?? 0) + 1;
  }
  if (options.dryRun || replayable.length === 0) return report;
  const producer = kafka.producer({
    idempotent: true,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (const letter of replayable) {
      await producer.send({
        topic: letter.sourceTopic,
        acks: -1,
        messages: [{ key: letter.key, value: letter.value, headers: replayHeaders(letter) }],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return report;
}
