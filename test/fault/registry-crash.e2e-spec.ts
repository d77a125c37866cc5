import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId } from '@hub/testing';
import { IntelligenceStream } from '../support/intelligence-stream';
import { RegistryProcess } from '../support/registry-process';

const events = Number(process.env.FAULT_TEST_EVENTS ?? 1_000);
const nominals = 100;
const kills = 3;

interface HistoryEntry {
  _id: string;
  nominalId: string;
}

interface RecordEntry {
  _id: string;
  version: number;
  intelligence: { eventId: string }[];
}

describe('fault: the registry is killed with SIGKILL while events stream in', () => {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const stream = new IntelligenceStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const database = `fault_crash_${Date.now().toString(36)}`;
  let registry: RegistryProcess;

  beforeAll(async () => {
    await Promise.all([stream.open(), mongo.connect()]);
    registry = await RegistryProcess.create({
      MONGO_DATABASE: database,
      REGISTRY_CONSUMER_GROUP: `fault-crash-${randomUUID()}`,
      REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
    });
    registry.start();
    await eventually(
      'the registry to be healthy',
      async () => ((await registry.healthy()) ? true : undefined),
      60_000,
    );
    // "latest" is resolved at the group's first fetch: once an event published now is applied, every later one will be.
    await eventually('the registry to consume from the end of the topic', async () => {
      const probe = syntheticNominalId();
      await stream.publish(probe);
      await sleep(500);
      const applied = await mongo
        .db(database)
        .collection('nominals')
        .findOne({ _id: probe as never });
      return applied ? true : undefined;
    });
    stream.published.clear();
  });

  afterAll(async () => {
    await registry?.stop();
    await Promise.all([stream.close(), mongo.close()]);
  });

  it(`applies each of ${events} events exactly once across ${kills} kills`, async () => {
    const people = Array.from({ length: nominals }, () => syntheticNominalId());
    const history = mongo.db(database).collection<HistoryEntry>('nominal_history');
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

    const expected = new Map([...stream.published].filter(([id]) => people.includes(id)));
    await eventually(
      `all ${events} events to be in the history`,
      async () =>
        (await history.countDocuments({ nominalId: { $in: people } })) === events
          ? true
          : undefined,
      8 * 60_000,
      1_000,
    );

    const entries = await history
      .find({ nominalId: { $in: people } }, { projection: { nominalId: 1 } })
      .toArray();
    const records = await mongo
      .db(database)
      .collection<RecordEntry>('nominals')
      .find({ _id: { $in: people } })
      .toArray();
    expect(records).toHaveLength(nominals);
    for (const record of records) {
      const sent = [...(expected.get(record._id) ?? [])].sort();
      const inHistory = entries
        .filter((entry) => entry.nominalId === record._id)
        .map((entry) => entry._id)
        .sort();
      const inRecord = record.intelligence.map((item) => item.eventId).sort();
      expect({
        nominal: record._id,
        history: inHistory,
        record: inRecord,
        version: record.version,
      }).toEqual({
        nominal: record._id,
        history: sent,
        record: sent,
        version: sent.length,
      });
    }
    expect(registry.exitCount).toBe(kills);
  });
});
