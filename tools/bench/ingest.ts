import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MongoClient } from 'mongodb';
import { loadKafkaConnection, type KafkaConnectionConfig } from '@hub/config';
import { createKafka, kafkaClientOptions } from '@hub/messaging';
import {
  assertKafkaReachable,
  connectReachableMongo,
  freePort,
  syntheticNominalId,
} from '@hub/testing';
import type { BenchContext } from './context';
import { log, type ScenarioResult } from './measure';
import { BenchError, parseOptions, usage, type BenchOptions, type ScenarioName } from './options';
import { BenchPublisher } from './publisher';
import { overheadLines, reportLines, type OverheadRound } from './report';
import { deleteBenchTopic } from './scenarios/bench-topic';
import { runNaive } from './scenarios/naive';
import { runPipe } from './scenarios/pipe';
import { runRegistry } from './scenarios/registry';
import { startScratchPlaintextBroker } from '../local-stack/components/kafka';
import { ensureLocalMasterKeyFile } from '../local-stack/master-key-file';
import { hubServicePrincipal, kafkaEnvFor, provisioningPrincipal } from '../local-stack/stack';

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const scenarios: Record<ScenarioName, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  pipe: runPipe,
  naive: runNaive,
  'registry-unencrypted': (ctx) => runRegistry(ctx, 1, 'unencrypted'),
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

/** Runs the chosen scenarios against one broker and returns what they measured. */
async function runScenarios(
  options: BenchOptions,
  kafkaEnv: BenchContext['kafkaEnv'],
  mongo: MongoClient,
  label: string,
): Promise<ScenarioResult[]> {
  const connection = loadKafkaConnection(kafkaEnv.bench);
  await checkKafka(connection);
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
  const results: ScenarioResult[] = [];
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
    try {
      for (const name of options.scenarios) {
        const pace = options.rate ? `, published at ${options.rate} events/s` : '';
        log(
          `${label}${name}: starting (${options.events} events, ${options.nominals} nominals${pace})`,
        );
        const result = await scenarios[name](ctx);
        log(`${label}${name}: done, ${result.eventsPerSecond.toFixed(1)} events/s`);
        results.push(result);
      }
    } catch (error) {
      // What was measured before a scenario failed is still worth printing.
      if (results.length > 0) for (const line of reportLines(results, options)) console.log(line);
      throw error;
    }
    return results;
  } finally {
    await publisher.close().catch(() => undefined);
    for (const { topic, groupId } of benchTopics) await deleteBenchTopic(kafka, topic, groupId);
  }
}

/**
 * The scenarios against the stack's (secured) broker and a throw-away plaintext broker of the same
 * build, in rounds that alternate which goes first, so that warm-up and drift favour neither.
 */
async function compareWithPlaintext(
  options: BenchOptions,
  kafkaEnv: BenchContext['kafkaEnv'],
  mongo: MongoClient,
): Promise<OverheadRound[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-plaintext-'));
  log(`plaintext: starting a throw-away broker without TLS or SASL in ${dir}`);
  const broker = await startScratchPlaintextBroker(dir, await freePort(), await freePort());
  try {
    const plain = { KAFKA_BROKERS: broker.endpoint };
    const rounds: OverheadRound[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const secured = (): Promise<ScenarioResult[]> =>
        runScenarios(options, kafkaEnv, mongo, `round ${round}, secured: `);
      const plaintext = (): Promise<ScenarioResult[]> =>
        runScenarios(
          options,
          { bench: plain, registry: plain },
          mongo,
          `round ${round}, plaintext: `,
        );
      if (round % 2 === 1) {
        const first = await secured();
        rounds.push({ secured: first, plaintext: await plaintext() });
      } else {
        const first = await plaintext();
        rounds.push({ secured: await secured(), plaintext: first });
      }
    }
    return rounds;
  } finally {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (!options) {
    console.log(usage);
    return 0;
  }
  // The registry encrypts with the stack's master key (or HUB_MASTER_KEY_FILE's).
  ensureLocalMasterKeyFile();
  // The bench publishes for every agency: the provisioning principal; the registry runs as its own.
  const kafkaEnv = {
    bench: kafkaEnvFor(provisioningPrincipal()),
    registry: kafkaEnvFor(hubServicePrincipal('registry')),
  };
  const mongo = await connectMongo(options.mongoUrl);
  try {
    if (!options.comparePlaintext) {
      const results = await runScenarios(options, kafkaEnv, mongo, '');
      for (const line of reportLines(results, options)) console.log(line);
      return 0;
    }
    if (kafkaEnv.bench.KAFKA_SASL_USERNAME === undefined) {
      throw new BenchError('--compare-plaintext needs a secured broker to compare with');
    }
    const rounds = await compareWithPlaintext(options, kafkaEnv, mongo);
    rounds.forEach((round, index) => {
      console.log(`\nround ${index + 1}, with TLS + SCRAM-SHA-512 (the stack's broker):`);
      for (const line of reportLines(round.secured, options)) console.log(line);
      console.log(`round ${index + 1}, without security (a throw-away PLAINTEXT broker):`);
      for (const line of reportLines(round.plaintext, options)) console.log(line);
    });
    console.log('');
    for (const line of overheadLines(rounds)) console.log(line);
    return 0;
  } finally {
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
