import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId } from '@hub/testing';
import { ferretdb } from '../../tools/local-stack/components/ferretdb';
import { stopServer, waitUntilReady } from '../../tools/local-stack/processes';
import { historyCount, recordsVersusPublished } from '../support/exactly-once';
import { IntelligenceStream } from '../support/intelligence-stream';
import { startRegistryAtTopicEnd } from '../support/registry-at-topic-end';
import type { RegistryProcess } from '../support/registry-process';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000) / 2;
const nominals = 50;
const outageMs = 10_000;

describe('fault: the database stops for 10 s while events stream in', () => {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const stream = new IntelligenceStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  let database: string;
  let registry: RegistryProcess;

  beforeAll(async () => {
    if (process.env.MONGO_URL !== ferretdb.localEndpoint) {
      throw new Error(
        `this test stops the local stack's FerretDB; MONGO_URL points elsewhere (${process.env.MONGO_URL})`,
      );
    }
    await Promise.all([stream.open(), mongo.connect()]);
    ({ registry, database } = await startRegistryAtTopicEnd('fault_db', stream, mongo));
  });

  afterAll(async () => {
    await registry?.stop();
    await Promise.all([stream.close(), mongo.close()]);
  });

  it(`backs off while the database is down and applies each of ${events} events exactly once`, async () => {
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const streaming = stream.publishMany(people, events, 2);

    await sleep(3_000);
    await stopServer(ferretdb.name);
    await eventually('the registry to report the outage', async () =>
      (await registry.healthy()) ? undefined : true,
    );
    await sleep(outageMs);
    await ferretdb.start();
    await waitUntilReady(ferretdb.name, () => ferretdb.isReady(ferretdb.localEndpoint), 60_000);
    await streaming;

    const published = new Map([...stream.published].filter(([id]) => people.includes(id)));
    await eventually(
      `all ${events} events to be in the history`,
      async () => ((await historyCount(mongo.db(database), people)) === events ? true : undefined),
      8 * 60_000,
      1_000,
    );
    const { actual, expected } = await recordsVersusPublished(mongo.db(database), published);
    expect(actual).toEqual(expected);
    expect(registry.exitCount).toBe(0);
    expect(await registry.healthy()).toBe(true);
  });
});
