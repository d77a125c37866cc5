import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId } from '@hub/testing';
import { historyCount, recordsVersusPublished } from '../support/exactly-once';
import { IntelligenceStream } from '../support/intelligence-stream';
import { startRegistryAtTopicEnd } from '../support/registry-at-topic-end';
import type { RegistryProcess } from '../support/registry-process';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000);
const nominals = 100;
const kills = 3;

describe('fault: the registry is killed with SIGKILL while events stream in', () => {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const stream = new IntelligenceStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  let database: string;
  let registry: RegistryProcess;

  beforeAll(async () => {
    await Promise.all([stream.open(), mongo.connect()]);
    ({ registry, database } = await startRegistryAtTopicEnd('fault_crash', stream, mongo));
  });

  afterAll(async () => {
    await registry?.stop();
    await Promise.all([stream.close(), mongo.close()]);
  });

  it(`applies each of ${events} events exactly once across ${kills} kills`, async () => {
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const streaming = stream.publishMany(people, events);

    for (let kill = 0; kill < kills; kill++) {
      await sleep(2_000 + Math.random() * 3_000);
      await registry.kill();
      await sleep(500);
      registry.start();
      await eventually(
        `the registry to be healthy after kill ${kill + 1}`,
        async () => ((await registry.healthy()) ? true : undefined),
        60_000,
      );
    }
    await streaming;

    const published = new Map([...stream.published].filter(([id]) => people.includes(id)));
    await eventually(
      `all ${events} events to be in the history`,
      async () => ((await historyCount(mongo.db(database), people)) === events ? true : undefined),
      8 * 60_000,
      1_000,
    );
    const { recordCount, actual, expected } = await recordsVersusPublished(
      mongo.db(database),
      published,
    );
    expect(recordCount).toBe(nominals);
    expect(actual).toEqual(expected);
    expect(registry.exitCount).toBe(kills);
  });
});
