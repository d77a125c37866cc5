import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Db, MongoClient } from 'mongodb';
import { connectReachableMongo, freePort } from '@hub/testing';
import { databaseIndexes } from '../../apps/registry/src/infrastructure/database-indexes';
import { runOpenLoop, type EndpointResult } from './query/open-loop';
import { parseOptions, QueryBenchError, usage, type QueryBenchOptions } from './query/options';
import { buildWorkload, type Workload } from './query/workload';

const repoRoot = resolve(__dirname, '..', '..');

const log = (line: string): void => void process.stderr.write(`bench:query: ${line}\n`);
const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The declared indexes the database lacks: the figures then say what the queries cost without. */
async function missingIndexes(db: Db): Promise<string[]> {
  const missing: string[] = [];
  for (const collection of new Set(databaseIndexes.map((index) => index.collection))) {
    const names = new Set(
      (
        await db
          .collection(collection)
          .listIndexes()
          .toArray()
          .catch(() => [])
      ).map((index) => (index as { name: string }).name),
    );
    for (const index of databaseIndexes) {
      if (index.collection === collection && !names.has(index.name)) {
        missing.push(`${collection}.${index.name}`);
      }
    }
  }
  return missing;
}

/** The query API alone (tools/bench/query/api-server.ts) on the database, until `stop`. */
async function startApi(options: QueryBenchOptions): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(__dirname, 'query', 'api-server.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        MONGO_URL: options.mongoUrl,
        MONGO_DATABASE: options.database,
        ...(options.masterKeyFile && { HUB_MASTER_KEY_FILE: options.masterKeyFile }),
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = (): void => void child.kill('SIGTERM');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      // Any answer (404 included) means it listens.
      await fetch(`${url}/v1/nominals/bench-probe`, { signal: AbortSignal.timeout(1_000) });
      return { url, stop };
    } catch {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  stop();
  throw new QueryBenchError(`the query API did not start:\n${output.join('').slice(-3000)}`);
}

const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));

function reportLines(
  options: QueryBenchOptions,
  workload: Workload,
  missing: string[],
  results: EndpointResult[],
): string[] {
  const header = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'ok', 'non-2xx', 'errors'];
  const rows = results.map((r) => [
    r.endpoint,
    r.achievedRate.toFixed(1),
    ms(r.p50Ms),
    ms(r.p99Ms),
    ms(r.maxMs),
    String(r.ok),
    String(r.non2xx),
    String(r.errors),
  ]);
  return [
    `population: ${workload.population.nominals} nominals, ` +
      `~${workload.population.historyEntries} history entries (database ${options.database})`,
    `load: ${options.rate} requests/s per endpoint for ${options.durationMs / 1000} s each, open loop`,
    `indexes: ${missing.length === 0 ? 'all declared present' : `MISSING ${missing.join(', ')}`}`,
    ...[header, ...rows].map((cells) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(10))).join(''),
    ),
  ];
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env, repoRoot);
  if (!options) {
    console.log(usage);
    return 0;
  }
  let mongo: MongoClient;
  try {
    mongo = await connectReachableMongo(options.mongoUrl);
  } catch (error) {
    throw new QueryBenchError(reason(error));
  }
  let api: { url: string; stop: () => void } | undefined;
  try {
    const db = mongo.db(options.database);
    log(`sampling query values from ${options.database}`);
    const [workload, missing] = await Promise.all([buildWorkload(db), missingIndexes(db)]);
    if (workload.population.nominals === 0 || workload.search.length === 0) {
      throw new QueryBenchError(
        `database ${options.database} has no nominals: seed it first (npm run seed -- --nominals 100000)`,
      );
    }
    log(`population: ${workload.population.nominals} nominals`);
    if (missing.length > 0) log(`declared indexes missing: ${missing.join(', ')}`);
    if (options.url === undefined) {
      log('starting the query API');
      api = await startApi(options);
    }
    const baseUrl = options.url ?? api!.url;
    const results: EndpointResult[] = [];
    for (const endpoint of ['search', 'record', 'timeline'] as const) {
      const paths = workload[endpoint];
      log(`${endpoint}: ${options.rate} requests/s for ${options.durationMs / 1000} s`);
      results.push(
        await runOpenLoop({
          endpoint,
          baseUrl,
          rate: options.rate,
          durationMs: options.durationMs,
          path: (i) => paths[i % paths.length],
          progress: log,
        }),
      );
    }
    for (const line of reportLines(options, workload, missing, results)) console.log(line);
    return 0;
  } finally {
    api?.stop();
    await mongo.close().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof QueryBenchError) {
      process.stderr.write(`bench:query: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `bench:query: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
