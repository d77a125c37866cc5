import { Kafka, logLevel } from 'kafkajs';
import { brokerRetry, kafkaClientOptionsFromEnv } from '@hub/messaging';
import { MongoClient } from 'mongodb';
import { eventually } from '@hub/testing';
import { historyCount, recordsVersusPublished } from './exactly-once';
import { IntelligenceStream } from './intelligence-stream';
import { startRegistryAtTopicEnd } from './registry-at-topic-end';
import type { RegistryProcess } from './registry-process';

export interface FaultFixture {
  readonly stream: IntelligenceStream;
  /** The first (or only) registry instance. */
  readonly registry: RegistryProcess;
  /** Every registry instance of the consumer group. */
  readonly registries: RegistryProcess[];
  /** The registry's database of this test. */
  readonly database: string;
  /**
   * Waits until the history holds `count` intelligence events of `people` and their registrations,
   * then compares with what was published.
   */
  expectEachEventAppliedOnce(people: string[], count: number): Promise<void>;
}

/**
 * For a fault test: registry processes (one, or `instances` in one group) on a fresh database
 * consuming from the end of the topic, a stream of synthetic events to feed them, and the
 * exactly-once check. Registers its own hooks, which drop the database at the end.
 */
export function useFaultFixture(label: string, instances = 1): FaultFixture {
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(),
    // The stream publishes through a broker restart, as an agency's connector would.
    retry: brokerRetry,
    logLevel: logLevel.NOTHING,
  });
  const stream = new IntelligenceStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  let database = '';
  let registries: RegistryProcess[] = [];

  beforeAll(async () => {
    await Promise.all([stream.open(), mongo.connect()]);
    ({ registries, database } = await startRegistryAtTopicEnd(label, stream, mongo, instances));
  });

  afterAll(async () => {
    await Promise.all(registries.map((registry) => registry.stop()));
    if (database) await mongo.db(database).dropDatabase();
    await Promise.all([stream.close(), mongo.close()]);
  });

  return {
    stream,
    get database(): string {
      return database;
    },
    get registry(): RegistryProcess {
      const [first] = registries;
      if (!first) throw new Error('the registry process has not started');
      return first;
    },
    get registries(): RegistryProcess[] {
      return registries;
    },
    async expectEachEventAppliedOnce(people, count) {
      const db = mongo.db(database);
      try {
        const expected = count + people.length;
        await eventually(
          `all ${count} events and ${people.length} registrations to be in the history`,
          async () => ((await historyCount(db, people)) === expected ? true : undefined),
          // Generous: a killed instance's partitions wait for its session to expire (30 s).
          Math.max(5 * 60_000, expected * 50),
          1_000,
        );
      } catch (error) {
        const applied = await historyCount(db, people);
        const output = registries
          .map((registry, n) => `--- instance ${n + 1}:\n${registry.output.slice(-40).join('')}`)
          .join('\n');
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
