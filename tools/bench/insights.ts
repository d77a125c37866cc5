import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, IdentityTokens } from '@hub/testing';
import { areasOf } from '../../apps/insights/src/figures/jurisdiction-terms';
import { endpointsOf, hubServicePrincipal, kafkaEnvFor } from '../local-stack/stack';
import { percentile, runOpenLoop, type EndpointResult } from './query/open-loop';

const usage = `usage: npm run bench:insights [-- options]
Measures the insights API as users call it (token, need-to-know, audit included): a mix of
management-information requests (people managed on a random day in a random area, the last year
month by month, transfers, recording standards, overdue reviews, a whole annual report), first one
at a time (the baseline), then at a fixed rate (open loop). Prints p50 and p99 of each.
options:
  --database <db>   the read model (default: MONGO_DATABASE or mappa_insights); seed and rebuild first
  --rate <n>        requests per second under load (default 100)
  --seconds <n>     how long the load lasts (default 30)
Uses the local stack (or KAFKA_BROKERS, SCHEMA_REGISTRY_URL, MONGO_URL, OIDC_ISSUER_URL).`;

const repoRoot = resolve(__dirname, '..', '..');
const log = (line: string): void => void process.stderr.write(`bench:insights: ${line}\n`);

class InsightsBenchError extends Error {}

/** The requests of the mix, the i-th chosen by i: the same mix in every run. */
function requestMix(): ((i: number) => string)[] {
  const areas = areasOf('ENGLAND_AND_WALES');
  const day = (i: number): string => {
    const date = new Date(Date.UTC(2022, 0, 1) + ((i * 37) % 1460) * 86_400_000);
    return date.toISOString().slice(0, 10);
  };
  return [
    (i) =>
      `/v1/insights/people-managed?area=${encodeURIComponent(areas[i % areas.length])}&asAt=${day(i)}`,
    (i) => `/v1/insights/people-managed?jurisdiction=ENGLAND_AND_WALES&asAt=${day(i)}`,
    () => '/v1/insights/people-managed/over-time?jurisdiction=SCOTLAND&interval=month',
    () => '/v1/insights/transfers?jurisdiction=ENGLAND_AND_WALES',
    () => '/v1/insights/recording-standards?jurisdiction=ENGLAND_AND_WALES',
    () => '/v1/insights/overdue-reviews?jurisdiction=SCOTLAND',
    (i) =>
      `/v1/insights/annual-reports/${['ENGLAND_AND_WALES', 'SCOTLAND', 'NORTHERN_IRELAND'][i % 3]}/2026`,
  ];
}

/**
 * The whole insights service, built and run as `npm run hub` runs it (Nest's dependency injection
 * needs the decorator metadata tsc emits), on the database given; until `stop`.
 */
async function startService(database: string): Promise<{ url: string; stop: () => void }> {
  log('building the apps');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new InsightsBenchError('npm run build failed');
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(repoRoot, 'dist/apps/insights/src/main.js')],
    {
      cwd: repoRoot,
      env: {
        ...endpointsOf(),
        ...process.env,
        ...kafkaEnvFor(hubServicePrincipal('insights')),
        MONGO_DATABASE: database,
        // A group of its own from the end of the topics: the bench measures reading, not consuming.
        INSIGHTS_CONSUMER_GROUP: `insights.bench-${process.pid}`,
        INSIGHTS_NEW_GROUP_STARTS_AT: 'latest',
        PORT: String(port),
        MANAGEMENT_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        HTTP_RATE_LIMIT: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = (): void => void child.kill('SIGTERM');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      // Any answer (401 included) means it listens.
      await fetch(`${url}/v1/insights/people-managed`, { signal: AbortSignal.timeout(1_000) });
      return { url, stop };
    } catch {
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  stop();
  throw new InsightsBenchError(
    `the insights service did not start:\n${output.join('').slice(-3000)}`,
  );
}

/** One request after another: what each costs with nothing else running. */
async function baseline(
  url: string,
  headers: Record<string, string>,
  mix: ((i: number) => string)[],
  rounds: number,
): Promise<{
  p50: number;
  p99: number;
  failures: number;
  byKind: { request: string; p50: number }[];
}> {
  const latencies: number[] = [];
  const kindLatencies: number[][] = mix.map(() => []);
  let failures = 0;
  for (let i = 0; i < rounds * mix.length; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${mix[i % mix.length](i)}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) failures++;
    latencies.push(performance.now() - started);
    kindLatencies[i % mix.length].push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
    byKind: mix.map((path, kind) => {
      const own = kindLatencies[kind].sort((a, b) => a - b);
      return { request: path(kind).split('?')[0], p50: percentile(own, 50) };
    }),
  };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      rate: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '30' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  if (!(rate > 0) || !(seconds > 0))
    throw new InsightsBenchError(`bad --rate or --seconds\n${usage}`);
  const database = values.database ?? process.env.MONGO_DATABASE ?? 'mappa_insights';
  const { OIDC_ISSUER_URL } = { ...endpointsOf(), ...process.env };
  const tokens = new IdentityTokens({ issuer: OIDC_ISSUER_URL });
  const headers = { authorization: `Bearer ${await tokens.tokenFor({ user: 'hub.mi-analyst' })}` };
  log(`starting the insights service on ${database}`);
  const service = await startService(database);
  try {
    const mix = requestMix();
    // The first round computes every figure (nothing cached yet) and warms the connections.
    const cold = await baseline(service.url, headers, mix, 1);
    const unloaded = await baseline(service.url, headers, mix, 5);
    log(`baseline (one at a time): p50 ${ms(unloaded.p50)}, p99 ${ms(unloaded.p99)}`);
    const loaded: EndpointResult = await runOpenLoop({
      endpoint: 'MI mix',
      baseUrl: service.url,
      rate,
      durationMs: seconds * 1000,
      path: (i) => mix[i % mix.length](i),
      headers,
      progress: log,
    });
    console.log(
      [
        `insights API on ${database}, ${mix.length} kinds of request in turn (token, need-to-know and audit included)`,
        `  baseline, one request at a time: p50 ${ms(unloaded.p50)}, p99 ${ms(unloaded.p99)} (${unloaded.failures} failed)`,
        ...unloaded.byKind.map(
          (kind, index) =>
            `    ${kind.request}: p50 ${ms(kind.p50)} (computed the first time: ${ms(cold.byKind[index].p50)})`,
        ),
        `  at ${rate} requests/s for ${seconds} s: p50 ${ms(loaded.p50Ms)}, p99 ${ms(loaded.p99Ms)}, max ${ms(loaded.maxMs)}; ` +
          `${loaded.ok} ok, ${loaded.non2xx} non-2xx, ${loaded.errors} errors; achieved ${loaded.achievedRate.toFixed(1)} requests/s`,
      ].join('\n'),
    );
    return loaded.non2xx + loaded.errors + unloaded.failures === 0 ? 0 : 1;
  } finally {
    service.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof InsightsBenchError
        ? error.message
        : `bench:insights failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
