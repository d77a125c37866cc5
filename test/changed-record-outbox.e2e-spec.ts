import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaClientOptionsFromEnv } from '@hub/messaging';
import { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId, syntheticRegistration } from '@hub/testing';
import { changedRecordAt } from './support/changed-records';
import { HubEventStream } from './support/hub-event-stream';
import { RegistryProcess } from './support/registry-process';

/**
 * The registry dies (SIGKILL) after writing a change and before publishing it: once restarted, the
 * changed-record topic must carry exactly what the database holds.
 */
describe('the changed-record outbox across a crash between write and publish', () => {
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(),
    logLevel: logLevel.NOTHING,
  });
  const events = new HubEventStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const database = `outbox_${Date.now().toString(36)}`;
  const victim = syntheticNominalId();
  let registry: RegistryProcess;

  beforeAll(async () => {
    await Promise.all([events.open(['mappa.nominal.registered.v1']), mongo.connect()]);
    registry = await RegistryProcess.create({
      MONGO_DATABASE: database,
      REGISTRY_CONSUMER_GROUP: `registry.outbox-${randomUUID()}`,
      REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
      REGISTRY_CRASH_BEFORE_PUBLISHING: victim,
    });
    registry.start();
  });

  afterAll(async () => {
    await registry?.stop();
    await events.close();
    await mongo.db(database).dropDatabase();
    await mongo.close();
  });

  const recordOf = (id: string) =>
    mongo
      .db(database)
      .collection<{ _id: string; version: number; name: unknown }>('nominals')
      .findOne({ _id: id });

  it('publishes the written change after the restart, matching the database', async () => {
    await eventually(
      'the registry to be healthy',
      async () => ((await registry.healthy()) ? true : undefined),
      60_000,
    );
    await eventually('the registry to consume from the end of the topics', async () => {
      const probe = syntheticNominalId();
      await events.publish('mappa.nominal.registered.v1', syntheticRegistration(probe));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return (await recordOf(probe)) ? true : undefined;
    });

    const exitsBefore = registry.exitCount;
    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(victim));
    await eventually('the registry to die after writing the record', () =>
      Promise.resolve(registry.exitCount > exitsBefore ? true : undefined),
    );
    const written = await recordOf(victim);
    expect(written).toMatchObject({ _id: victim, version: 1 });
    const publications = mongo
      .db(database)
      .collection<{ _id: string; version: number }>('nominal_change_publications');
    expect(await publications.findOne({ _id: victim })).toBeNull();

    registry.start();
    const changed = await changedRecordAt(
      kafka,
      process.env.SCHEMA_REGISTRY_URL!,
      victim,
      1,
      60_000,
    );
    expect(changed).toMatchObject({
      nominalId: victim,
      version: 1,
      name: written!.name,
      status: 'ACTIVE',
    });
    await eventually('the ledger to record the published version', async () =>
      (await publications.findOne({ _id: victim }))?.version === 1 ? true : undefined,
    );
  });
});
