import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId } from '@hub/testing';
import type { IntelligenceStream } from './intelligence-stream';
import { RegistryProcess } from './registry-process';

/**
 * Starts a registry process on a fresh database and consumer group that begins at the end of the
 * topic, and returns once it demonstrably consumes ("latest" is resolved at the group's first fetch:
 * once an event published now is applied, every later one will be).
 */
export async function startRegistryAtTopicEnd(
  label: string,
  stream: IntelligenceStream,
  mongo: MongoClient,
): Promise<{ registry: RegistryProcess; database: string }> {
  const database = `${label}_${Date.now().toString(36)}`;
  const registry = await RegistryProcess.create({
    MONGO_DATABASE: database,
    REGISTRY_CONSUMER_GROUP: `${label}-${randomUUID()}`,
    REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
  });
  registry.start();
  await eventually(
    'the registry to be healthy',
    async () => ((await registry.healthy()) ? true : undefined),
    60_000,
  );
  await eventually('the registry to consume from the end of the topic', async () => {
    const probe = syntheticNominalId();
    await stream.register(probe);
    await sleep(500);
    return (await mongo
      .db(database)
      .collection('nominals')
      .findOne({ _id: probe as never }))
      ? true
      : undefined;
  });
  stream.clear();
  return { registry, database };
}
