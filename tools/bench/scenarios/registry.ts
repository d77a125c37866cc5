import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection } from 'mongodb';
import { ensureTopics } from '@hub/messaging';
import { syntheticNominalId } from '@hub/testing';
import type { BenchContext } from '../context';
import {
  Latencies,
  log,
  procStatusBytes,
  resultOf,
  RssSampler,
  waitForApplied,
  type ScenarioResult,
} from '../measure';
import { BenchError } from '../options';
import { intelligenceTopic, registrationTopic } from '../publisher';
import { masterKeyFile } from '../../local-stack/master-key-file';
import {
  buildRegistry,
  buildUnencryptedRegistry,
  RegistryChild,
  unencryptedRegistryEntry,
} from './registry-child';

interface HistoryEntry {
  _id: string;
  nominalId: string;
  occurredAt: Date;
  recordedAt: Date;
}

async function until(
  what: string,
  timeoutMs: number,
  registry: RegistryChild,
  probe: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exited = registry.exited();
    if (exited) throw new BenchError(`registry: ${exited.message}`);
    if (await probe()) return;
    await sleep(500);
  }
  throw new BenchError(`registry: timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** recordedAt - occurredAt of every entry but the probe's, read in pages; and the last recordedAt. */
async function historyLatencies(
  history: Collection<HistoryEntry>,
  probes: ReadonlySet<string>,
): Promise<{ latencies: Latencies; lastRecordedAt: number }> {
  const latencies = new Latencies();
  let lastRecordedAt = 0;
  let after: string | undefined;
  for (;;) {
    const page = await history
      .find(after === undefined ? {} : { _id: { $gt: after } }, {
        projection: { _id: 1, nominalId: 1, occurredAt: 1, recordedAt: 1 },
      })
      .sort({ _id: 1 })
      .limit(1000)
      .toArray();
    for (const entry of page) {
      if (probes.has(entry.nominalId)) continue;
      const recordedAt = new Date(entry.recordedAt).getTime();
      latencies.add(recordedAt - new Date(entry.occurredAt).getTime());
      lastRecordedAt = Math.max(lastRecordedAt, recordedAt);
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]?._id;
  }
  return { latencies, lastRecordedAt };
}

/** Deletes the registry's throw-away consumer group; never throws (clean-up). */
async function deleteGroup(ctx: BenchContext, groupId: string): Promise<void> {
  const admin = ctx.kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // Best effort: an empty group expires on its own.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * (iii) The registry's real ingest path: the compiled registry as `instances` child processes in one
 * consumer group on a fresh database, starting at the end of the topics; M registrations then N
 * intelligence events are published to the catalogue topics, and the scenario ends when
 * nominal_history holds all M+N entries. Peak memory is the registry processes' (summed).
 * `unencrypted`: the same registry with its sensitive fields stored in clear, the baseline of what
 * encryption at rest costs.
 */
export async function runRegistry(
  ctx: BenchContext,
  instances: number,
  variant: 'encrypted' | 'unencrypted' = 'encrypted',
): Promise<ScenarioResult> {
  const scenario =
    variant === 'unencrypted'
      ? 'registry-unencrypted'
      : instances === 1
        ? 'registry'
        : `registry-${instances}`;
  log(`${scenario}: building the apps (npm run build)`);
  buildRegistry();
  if (variant === 'unencrypted') buildUnencryptedRegistry();
  await ensureTopics(ctx.kafka, [registrationTopic, intelligenceTopic]);
  const database = `bench_registry_${ctx.runId}`;
  const db = ctx.mongo.db(database);
  const history = db.collection<HistoryEntry>('nominal_history');
  const nominals = db.collection<{ _id: string }>('nominals');
  // Under the registry's own group prefix: the registry runs as its principal.
  const groupId = `registry.bench-${ctx.runId}-${randomUUID()}`;
  const env = {
    ...ctx.kafkaEnv.registry,
    SCHEMA_REGISTRY_URL: ctx.options.schemaRegistryUrl,
    MONGO_URL: ctx.options.mongoUrl,
    MONGO_DATABASE: database,
    HUB_MASTER_KEY_FILE: masterKeyFile(),
    REGISTRY_CONSUMER_GROUP: groupId,
    REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
    LOG_LEVEL: 'warn',
  };
  const registries = await Promise.all(
    Array.from({ length: instances }, () =>
      variant === 'unencrypted'
        ? RegistryChild.start(env, unencryptedRegistryEntry)
        : RegistryChild.start(env),
    ),
  );
  const [registry] = registries as [RegistryChild, ...RegistryChild[]];
  try {
    for (const child of registries) {
      await until('the registry to be healthy', 60_000, child, () => child.healthy());
    }
    // "latest" is resolved at the group's first fetch: once events published now are applied on
    // every partition, every later one will be.
    const probes: string[] = [];
    await until(
      'the registry to consume from the end of the topics',
      60_000,
      registry,
      async () => {
        const round = Array.from({ length: 12 }, () => syntheticNominalId());
        probes.push(...round);
        await ctx.publisher.publish(registrationTopic, registrationTopic, round);
        await sleep(500);
        return (await nominals.countDocuments({ _id: { $in: round } })) === round.length;
      },
    );
    const notProbes = { nominalId: { $nin: probes } };
    const pids = registries.map((child) => child.pid).filter((pid) => pid !== undefined);
    log(`${scenario}: consuming (pid ${pids.join(', ')}); publishing`);

    const summed = (field: 'VmRSS' | 'VmHWM'): number =>
      pids.reduce((sum, pid) => sum + (procStatusBytes(pid, field) ?? 0), 0);
    const rss = new RssSampler(() => summed('VmRSS'), 500);
    const total = ctx.nominalIds.length + ctx.intelligenceTargets.length;
    const startedAt = Date.now();
    let publishError: Error | undefined;
    (async () => {
      await ctx.publisher.publish(registrationTopic, registrationTopic, ctx.nominalIds);
      await ctx.publisher.publish(intelligenceTopic, intelligenceTopic, ctx.intelligenceTargets);
    })().catch((error: unknown) => {
      publishError = error instanceof Error ? error : new Error(String(error));
    });
    try {
      await waitForApplied({
        scenario,
        total,
        stallMs: ctx.options.stallMs,
        pollMs: 1000,
        applied: () => history.countDocuments(notProbes),
        failure: () =>
          publishError
            ? new Error(`publishing failed: ${publishError.message}`)
            : registries.map((child) => child.exited()).find(Boolean),
      });
    } catch (error) {
      const tail = registry.outputTail().trim();
      if (error instanceof BenchError && tail && !registry.exited()) {
        throw new BenchError(`${error.message}\nthe registry's last output:\n${tail}`);
      }
      throw error;
    }
    const peak = rss.stop(summed('VmHWM'));
    const { latencies, lastRecordedAt } = await historyLatencies(history, new Set(probes));
    return resultOf(scenario, total, lastRecordedAt - startedAt, latencies, peak);
  } finally {
    await Promise.all(registries.map((child) => child.stop()));
    await db.dropDatabase().catch(() => undefined);
    await deleteGroup(ctx, groupId);
  }
}
