import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId } from '@hub/testing';
import type { IntelligenceStream } from './intelligence-stream';
import { RegistryProcess } from './registry-process';

/**
 * Starts registry processes (one instance, or several in one consumer group) on a fresh database and
 * consumer group that begins at the end of the topic, and returns once they demonstrably consume
 * ("latest" is resolved at the group's first fetch: once events published now are applied on every
 * partition, every later one will be).
 */
export async function startRegistryAtTopicEnd(
  label: string,
  stream: IntelligenceStream,
  mongo: MongoClient,
  instances = 1,
): Promise<{ registries: RegistryProcess[]; database: string }> {
  const database = `${label}_${Date.now().toString(36)}`;
  const env = {
    MONGO_DATABASE: database,
    REGISTRY_CONSUMER_GROUP: `registry.${label}-${randomUUID()}`,
    REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
  } as const;
  const registries = await Promise.all(
    Array.from({ length: instances }, () => RegistryProcess.create(env)),
  );
  for (const registry of registries) registry.start();
  await eventually(
    `${instances === 1 ? 'the registry' : `all ${instances} registry instances`} to be healthy`,
    async () =>
      (await Promise.all(registries.map((r) => r.healthy()))).every(Boolean) ? true : undefined,
    60_000,
  );
  await eventually('the registry to consume from the end of the topic', async () => {
    // Enough probes that, keyed at random, they land on every partition.
    const probes = Array.from({ length: 12 }, () => syntheticNominalId());
    for (const probe of probes) await stream.register(probe);
    await sleep(500);
    const found = await mongo
      .db(database)
      .collection('nominals')
      .countDocuments({ _id: { $in: probes as never[] } });
    return found === probes.length ? true : undefined;
  });
  stream.clear();
  return { registries, database };
}
