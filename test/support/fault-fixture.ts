import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { eventually } from '@hub/testing';
import { historyCount, recordsVersusPublished } from './exactly-once';
import { IntelligenceStream } from './intelligence-stream';
import { startRegistryAtTopicEnd } from './registry-at-topic-end';
import type { RegistryProcess } from './registry-process';

export interface FaultFixture {
  readonly stream: IntelligenceStream;
  readonly registry: RegistryProcess;
  /** The registry's database of this test. */
  readonly database: string;
  /**
   * Waits until the history holds `count` intelligence events of `people` and their registrations,
   * then compares with what was published.
   */
  expectEachEventAppliedOnce(people: string[], count: number): Promise<void>;
}

/**
 * For a fault test: a registry process on a fresh database consuming from the end of the topic, a
 * stream of synthetic events to feed it, and the exactly-once check. Registers its own hooks.
 */
export function useFaultFixture(label: string): FaultFixture {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const stream = new IntelligenceStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  let database = '';
  let registry: RegistryProcess | undefined;

  beforeAll(async () => {
    await Promise.all([stream.open(), mongo.connect()]);
    ({ registry, database } = await startRegistryAtTopicEnd(label, stream, mongo));
  });

  afterAll(async () => {
    await registry?.stop();
    await Promise.all([stream.close(), mongo.close()]);
  });

  return {
    stream,
    get database(): string {
      return database;
    },
    get registry(): RegistryProcess {
      if (!registry) throw new Error('the registry process has not started');
      return registry;
    },
    async expectEachEventAppliedOnce(people, count) {
      const db = mongo.db(database);
      try {
        const expected = count + people.length;
        await eventually(
          `all ${count} events and ${people.length} registrations to be in the history`,
          async () => ((await historyCount(db, people)) === expected ? true : undefined),
          // FerretDB applies roughly 10 events/s: give large runs the time they need.
          Math.max(8 * 60_000, expected * 200),
          1_000,
        );
      } catch (error) {
        const applied = await historyCount(db, people);
        const output = registry?.output.slice(-40).join('') ?? '';
        throw new Error(
          `${(error as Error).message} (${applied} applied). Registry output:\n${output}`,
        );
      }
      const published = new Map([...stream.published].filter(([id]) => people.includes(id)));
      const { recordCount, actual, expected } = await recordsVersusPublished(
        db,
        published,
        stream.registrations,
      );
      expect(recordCount).toBe(people.length);
      expect(actual).toEqual(expected);
    },
  };
}
