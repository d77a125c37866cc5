import type { MongoClient } from 'mongodb';
import { loadKafkaConnection, type KafkaConnectionConfig } from '@hub/config';
import { createKafka, kafkaClientOptions } from '@hub/messaging';
import { assertKafkaReachable, connectReachableMongo, syntheticNominalId } from '@hub/testing';
import type { BenchContext } from './context';
import { log, type ScenarioResult } from './measure';
import { BenchError, parseOptions, usage, type BenchOptions, type ScenarioName } from './options';
import { BenchPublisher } from './publisher';
import { reportLines } from './report';
import { deleteBenchTopic } from './scenarios/bench-topic';
import { runNaive } from './scenarios/naive';
import { runPipe } from './scenarios/pipe';
import { runRegistry } from './scenarios/registry';
import { hubServicePrincipal, kafkaEnvFor, provisioningPrincipal } from '../local-stack/stack';

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const scenarios: Record<ScenarioName, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  pipe: runPipe,
  naive: runNaive,
  registry: (ctx) => runRegistry(ctx, 1),
  'registry-2': (ctx) => runRegistry(ctx, 2),
};

/** Fails fast when no broker answers. */
async function checkKafka(connection: KafkaConnectionConfig): Promise<void> {
  try {
    await assertKafkaReachable(kafkaClientOptions(connection), 'bench-probe');
  } catch (error) {
    throw new BenchError(reason(error));
  }
}

async function connectMongo(url: string): Promise<MongoClient> {
  try {
    return await connectReachableMongo(url);
  } catch (error) {
    throw new BenchError(`${reason(error)}`);
  }
}

function workload(options: BenchOptions): { nominalIds: string[]; intelligenceTargets: string[] } {
  const ids = new Set<string>();
  while (ids.size < options.nominals) ids.add(syntheticNominalId());
  const nominalIds = [...ids];
  const intelligenceTargets = Array.from(
    { length: options.events },
    (_, index) => nominalIds[index % nominalIds.length] ?? '',
  );
  return { nominalIds, intelligenceTargets };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (!options) {
    console.log(usage);
    return 0;
  }
  // The bench publishes for every agency: the provisioning principal; the registry runs as its own.
  const kafkaEnv = {
    bench: kafkaEnvFor(provisioningPrincipal()),
    registry: kafkaEnvFor(hubServicePrincipal('registry')),
  };
  const connection = loadKafkaConnection(kafkaEnv.bench);
  await checkKafka(connection);
  const mongo = await connectMongo(options.mongoUrl);
  // kafkajs logs what it retries; what it gives up on reaches the bench as an error.
  const kafka = createKafka('bench', connection, {
    error: (entry, message) =>
      void process.stderr.write(`bench: kafkajs: ${message} ${JSON.stringify(entry)}\n`),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  });
  const publisher = new BenchPublisher(kafka, options.schemaRegistryUrl, options.rate);
  const benchTopics: BenchContext['benchTopics'] = [];
  try {
    try {
      await publisher.open();
    } catch (error) {
      throw new BenchError(
        `the schema registry at ${options.schemaRegistryUrl} is unreachable or refused the schemas: ${reason(error)}`,
      );
    }
    const ctx: BenchContext = {
      options,
      kafkaEnv,
      kafka,
      mongo,
      publisher,
      runId: Date.now().toString(36),
      benchTopics,
      ...workload(options),
    };
    const results: ScenarioResult[] = [];
    try {
      for (const name of options.scenarios) {
        const pace = options.rate ? `, published at ${options.rate} events/s` : '';
        log(`${name}: starting (${options.events} events, ${options.nominals} nominals${pace})`);
        const result = await scenarios[name](ctx);
        log(`${name}: done, ${result.eventsPerSecond.toFixed(1)} events/s`);
        results.push(result);
      }
    } catch (error) {
      // What was measured before a scenario failed is still worth printing.
      if (results.length > 0) for (const line of reportLines(results, options)) console.log(line);
      throw error;
    }
    for (const line of reportLines(results, options)) console.log(line);
    return 0;
  } finally {
    await publisher.close().catch(() => undefined);
    for (const { topic, groupId } of benchTopics) await deleteBenchTopic(kafka, topic, groupId);
    await mongo.close().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BenchError) {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
