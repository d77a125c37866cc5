import fc from 'fast-check';
import { MongoClient } from 'mongodb';
import type { Principal } from '@hub/testing';
import { managementPaths } from '@hub/observability';
import { headersOf, testReason } from '../../test/support/hub-callers';
import {
  isolatedRunName,
  startConnector,
  startInsights,
  startRegistry,
  startTransferCoordinator,
  type RunningApp,
} from '../../test/support/hub-apps';
import { routeName, routesOf, type FuzzRoute } from './api-routes';
import { problemWith, send } from './answer-check';
import { requestArbitrary, type FuzzCaller, type FuzzRequest } from './request-arbitraries';

/**
 * `npm run fuzz:api`: property-based fuzzing of every route of the registry, the transfer
 * coordinator, the insights service and a police connector, in-process against the test stack. A Jest project (not a tsx script) because Nest's
 * dependency injection needs the decorator metadata that ts-jest emits and tsx (esbuild) does not.
 *
 * FUZZ_CASES_PER_ROUTE (default 600), FUZZ_CONCURRENCY (routes fuzzed at once, default 4) and
 * FUZZ_SEED (to replay a run) tune it.
 */
const casesPerRoute = Number(process.env.FUZZ_CASES_PER_ROUTE ?? 600);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() : Number(process.env.FUZZ_SEED);

jest.setTimeout(20 * 60_000);

/** Callers with valid tokens of several roles, none, and tokens that are not tokens. */
const principals: Record<string, Principal> = {
  'data governance': { user: 'hub.data-governance' },
  auditor: { user: 'hub.auditor' },
  'MI analyst': { user: 'hub.mi-analyst' },
  'police practitioner': { user: 'police-greater-manchester.practitioner' },
  'police system': { client: 'police-greater-manchester.records-management-system' },
  'transfer co-ordinator': { user: 'police-scotland.transfer-coordinator' },
};

async function callers(): Promise<FuzzCaller[]> {
  const valid = await Promise.all(
    Object.entries(principals).map(async ([name, principal]) => ({
      name,
      headers: await headersOf(principal),
    })),
  );
  const governance = valid[0];
  return [
    ...valid,
    {
      name: 'data governance by break glass',
      headers: { ...governance.headers, 'x-access-reason': testReason },
    },
    { name: 'no token', headers: {} },
    { name: 'garbage bearer', headers: { authorization: 'Bearer not.a.token' } },
    {
      name: 'forged token (the signature of another)',
      headers: { authorization: `${governance.headers.authorization.slice(0, -8)}AAAAAAAA` },
    },
    { name: 'basic credentials', headers: { authorization: 'Basic dXNlcjpwYXNz' } },
  ];
}

interface RouteResult {
  route: string;
  cases: number;
  /** How many answers of each status: how deep the cases went (401 only would be shallow). */
  statuses: Map<number, number>;
  ms: number;
  failure?: string;
}

/** Whether the app still answers on both listeners (any answer: it has not crashed or hung). */
async function answers(app: RunningApp): Promise<boolean> {
  try {
    const [api, management] = await Promise.all([
      fetch(`${app.url}/`, { signal: AbortSignal.timeout(10_000) }),
      fetch(`${app.managementUrl}/metrics`, { signal: AbortSignal.timeout(10_000) }),
    ]);
    return api.status === 404 && management.status === 200;
  } catch {
    return false;
  }
}

/**
 * Requests changed before they are sent, where a case could do lasting harm to the test stack: a
 * real replay sends every matching dead letter again (and the fuzzed registry dead-letters them
 * anew), so each run would grow the topic. Replays are dry runs unless `dryRun` is invalid.
 */
function harmless(route: FuzzRoute, request: FuzzRequest): FuzzRequest {
  if (route.path !== '/v1/dead-letters/replay' || request.body === undefined) return request;
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return request;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return request;
  const { dryRun } = parsed as { dryRun?: unknown };
  if (dryRun !== undefined && typeof dryRun !== 'boolean') return request;
  return { ...request, body: JSON.stringify({ ...parsed, dryRun: true }) };
}

async function fuzzRoute(
  route: FuzzRoute,
  app: RunningApp,
  who: FuzzCaller[],
  baseUrl: string,
): Promise<RouteResult> {
  const started = Date.now();
  let cases = 0;
  const statuses = new Map<number, number>();
  const details = await fc.check(
    fc.asyncProperty(requestArbitrary(route, who), async (request) => {
      cases++;
      const answer = await send(baseUrl, harmless(route, request));
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const problem = problemWith(answer);
      if (problem) throw new Error(problem);
    }),
    { numRuns: casesPerRoute, seed, endOnFailure: false },
  );
  const failure = details.failed
    ? (fc.defaultReportMessage(details) ?? 'failed')
    : (await answers(app))
      ? undefined
      : 'the service stopped answering';
  return {
    route: routeName(route),
    cases,
    statuses,
    ms: Date.now() - started,
    ...(failure && { failure }),
  };
}

/**
 * The live view never ends by design: a case that opens it would hold its connection until the
 * fuzz run's timeout. Its refusals (401, 403, 400) are tested in test/transfer-live-view.e2e-spec.ts.
 */
const endlessPaths = ['/v1/transfers/stream'];

describe('fuzz: every route of the registry, the transfer coordinator, insights and a police connector', () => {
  let registry: RunningApp;
  let transfers: RunningApp;
  let insights: RunningApp;
  let connector: RunningApp;
  let run: string;
  // Every case must reach the routes: the test apps' rate limit is out of reach (see testDefaults).
  const unlimited = { LOG_LEVEL: 'error' };

  beforeAll(async () => {
    run = isolatedRunName('fuzz');
    registry = await startRegistry({
      ...unlimited,
      MONGO_DATABASE: run,
      // The registry's Kafka principal may use groups under `registry.` only.
      REGISTRY_CONSUMER_GROUP: `registry.${run}`,
      REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
    });
    transfers = await startTransferCoordinator({
      ...unlimited,
      MONGO_DATABASE: `${run}_transfers`,
      // A chain of its own here: under the fuzz's continuous load on the registry, a second writer
      // of the registry's chain loses its place too often (see the README's audit trail).
      AUDIT_MONGO_DATABASE: `${run}_transfers`,
      TRANSFER_CONSUMER_GROUP: `transfer-coordinator.${run}`,
      TRANSFER_NEW_GROUP_STARTS_AT: 'latest',
    });
    insights = await startInsights({
      ...unlimited,
      MONGO_DATABASE: `${run}_insights`,
      AUDIT_MONGO_DATABASE: `${run}_insights`,
      INSIGHTS_CONSUMER_GROUP: `insights.${run}`,
      INSIGHTS_NEW_GROUP_STARTS_AT: 'latest',
    });
    connector = await startConnector('POLICE', unlimited);
  });

  afterAll(async () => {
    await connector?.close();
    await insights?.close();
    await transfers?.close();
    await registry?.close();
    // The services' throw-away databases go with them.
    const mongo = new MongoClient(process.env.MONGO_URL!);
    try {
      await mongo.db(run).dropDatabase();
      await mongo.db(`${run}_transfers`).dropDatabase();
      await mongo.db(`${run}_insights`).dropDatabase();
    } finally {
      await mongo.close();
    }
  });

  it('never answers 5xx, always names a 4xx problem, and stays up', async () => {
    const who = await callers();
    // Every route on the API port (/health and /metrics must be 404 there), and the management
    // listener's own routes on it.
    const work = [
      ...routesOf('registry', registry.app).map((route) => ({
        route,
        app: registry,
        base: registry.url,
      })),
      ...routesOf('transfer-coordinator', transfers.app)
        .filter((route) => !endlessPaths.includes(route.path))
        .map((route) => ({ route, app: transfers, base: transfers.url })),
      ...routesOf('insights', insights.app).map((route) => ({
        route,
        app: insights,
        base: insights.url,
      })),
      ...routesOf('connector', connector.app).map((route) => ({
        route,
        app: connector,
        base: connector.url,
      })),
      ...[
        { name: 'registry management', app: registry },
        { name: 'transfer-coordinator management', app: transfers },
        { name: 'insights management', app: insights },
        { name: 'connector management', app: connector },
      ].flatMap(({ name, app }) =>
        routesOf(name, app.app)
          .filter((route) => managementPaths.includes(route.path))
          .map((route) => ({ route, app, base: app.managementUrl })),
      ),
    ];
    const started = Date.now();
    const results: RouteResult[] = [];
    for (let at = 0; at < work.length; at += concurrency) {
      const batch = work.slice(at, at + concurrency);
      results.push(
        ...(await Promise.all(
          batch.map(({ route, app, base }) => fuzzRoute(route, app, who, base)),
        )),
      );
    }
    const total = results.reduce((sum, result) => sum + result.cases, 0);
    const width = Math.max(...results.map((result) => result.route.length));
    process.stdout.write(
      [
        `\nfuzz:api seed ${seed}, ${casesPerRoute} cases per route, ${who.length} callers`,
        ...results.map(
          (result) =>
            `${result.route.padEnd(width)} ${String(result.cases).padStart(6)} cases ${String(result.ms).padStart(7)} ms ${result.failure ? 'FAILED' : 'ok    '} ${[
              ...result.statuses,
            ]
              .sort(([a], [b]) => a - b)
              .map(([status, count]) => `${status}×${count}`)
              .join(' ')}`,
        ),
        `${'total'.padEnd(width)} ${String(total).padStart(6)} cases ${String(Date.now() - started).padStart(7)} ms, ${results.length} routes\n`,
      ].join('\n') + '\n',
    );
    const failures = results.filter((result) => result.failure);
    for (const failure of failures) {
      process.stdout.write(`\n${failure.route}:\n${failure.failure}\n`);
    }
    expect(failures.map((failure) => failure.route)).toEqual([]);
  });
});
