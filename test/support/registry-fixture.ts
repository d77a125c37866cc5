import { Kafka, logLevel } from 'kafkajs';
import { kafkaClientOptionsFromEnv } from '@hub/messaging';
import { MongoClient } from 'mongodb';
import { eventually, syntheticNominalId, syntheticRegistration } from '@hub/testing';
import type { RecordEventTopic } from '../../apps/registry/src/projections/projection';
import { projections } from '../../apps/registry/src/projections/projections';
import type { RegistryOverrides } from '../../apps/registry/src/registry.module';
import { isolatedRunName, startRegistry, type RunningApp } from './hub-apps';
import { HubEventStream } from './hub-event-stream';
import { RegistryClient } from './registry-client';

/** An in-process registry of its own, and what a test talks to it with. */
export interface RegistryFixture {
  registry: RunningApp;
  client: RegistryClient;
  /** Publishes on every topic the registry consumes. */
  events: HubEventStream;
  kafka: Kafka;
  mongo: MongoClient;
  /** The registry's own database and consumer group. */
  run: string;
  /** Stops the registry and the stream, and drops the database. */
  close(): Promise<void>;
}

/**
 * Starts a registry on a fresh database and consumer group that begins at the end of the topics,
 * and returns once it demonstrably consumes: "latest" is resolved at the group's first fetch, so
 * once a registration published now is applied, every later event on every topic will be. The
 * probes are born in 1900, so that no test's people are flagged as their duplicates.
 */
export async function openRegistryFixture(
  label: string,
  env: Record<string, string> = {},
  options: RegistryOverrides = {},
): Promise<RegistryFixture> {
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(),
    logLevel: logLevel.NOTHING,
  });
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const run = isolatedRunName(label);
  const events = new HubEventStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  await Promise.all([events.open(Object.keys(projections) as RecordEventTopic[]), mongo.connect()]);
  const registry = await startRegistry(
    {
      MONGO_DATABASE: run,
      REGISTRY_CONSUMER_GROUP: `registry.${run}`,
      REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
      ...env,
    },
    options,
  );
  const client = new RegistryClient(registry.url);
  await eventually('the registry to consume from the end of the topics', async () => {
    const probe = syntheticNominalId();
    await events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(probe, { dateOfBirth: '1900-01-01' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (await client.record(probe)) ? true : undefined;
  });
  return {
    registry,
    client,
    events,
    kafka,
    mongo,
    run,
    async close() {
      await registry.close();
      await events.close();
      await mongo.db(run).dropDatabase();
      await mongo.close();
    },
  };
}
