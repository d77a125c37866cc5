import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { jsonToAvro, parseSchemaFiles, topicCatalogue, type EventTopicName } from '@hub/contracts';
import { loadKafkaConnection } from '@hub/config';
import { createKafka, EventPublisher, HubSchemaRegistry } from '@hub/messaging';
import {
  IdentityTokens,
  syntheticNominalId,
  syntheticRegistration,
  tailTopic,
  type TopicTail,
} from '@hub/testing';
import {
  endpointsOf,
  hubServicePrincipal,
  kafkaEnvFor,
  provisioningPrincipal,
} from '../local-stack/stack';
import { sidesOf, TransferDriver, type TransferView } from '../transfers/transfer-driver';
import { Latencies, log } from './measure';
import { BenchError } from './options';
import { buildRegistry, RegistryChild } from './scenarios/registry-child';

const usage = `usage: npm run bench:transfers -- [options]
Measures how long a completed transfer takes to show on the registry's record: from the request
POST /v1/transfers/{id}/complete to the arrival, on registry.nominal.changed.v1, of the record's
version managed in the receiving area. Baseline, in the same run: from the sending of a plain
mappa.management.assigned.v1 (as the hub's tooling publishes it, without an organisation) to the
same arrival, for as many comparable people.
Starts the compiled registry and transfer coordinator (npm run build) on throw-away databases and
consumer groups, against the local stack (npm run stack:up).
options:
  --transfers <n>       transfers completed, and baseline assignments published (default 1000)
  --concurrency <n>     completions (and baseline publishes) in flight at once (default 10)
  --stall-seconds <n>   give up after this long without a new arrival (default 120)`;

const sendingArea = 'Greater Manchester';
const receivingArea = 'Merseyside';
const sides = sidesOf(sendingArea, 'POLICE', receivingArea)!;

interface Options {
  transfers: number;
  concurrency: number;
  stallMs: number;
}

function parseOptions(argv: string[]): Options | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        transfers: { type: 'string', default: '1000' },
        concurrency: { type: 'string', default: '10' },
        'stall-seconds': { type: 'string', default: '120' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new BenchError(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
  if (values.help) return null;
  const positive = (value: string, name: string): number => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed <= 0) {
      throw new BenchError(`--${name} must be a positive whole number, not ${value}\n${usage}`, 2);
    }
    return parsed;
  };
  return {
    transfers: positive(values.transfers, 'transfers'),
    concurrency: positive(values.concurrency, 'concurrency'),
    stallMs: positive(values['stall-seconds'], 'stall-seconds') * 1000,
  };
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pooled<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * When each person's record first arrived managed in the receiving area, read from the changed
 * record topic by a throw-away group that starts at its end.
 */
class ArrivalWatch {
  readonly arrivedAt = new Map<string, number>();
  private tail?: TopicTail;

  async open(kafka: Kafka, schemas: HubSchemaRegistry): Promise<void> {
    this.tail = await tailTopic(
      kafka,
      schemas,
      'registry.nominal.changed.v1',
      'bench-transfers',
      (record, at) => {
        if (
          record.management.managingArea === receivingArea &&
          !this.arrivedAt.has(record.nominalId)
        ) {
          this.arrivedAt.set(record.nominalId, at);
        }
      },
    );
  }

  close(): Promise<void> {
    return this.tail?.close() ?? Promise.resolve();
  }
}

/** Waits until every one of `started` has arrived, or nothing new arrives for `stallMs`. */
async function latenciesOf(
  what: string,
  started: ReadonlyMap<string, number>,
  watch: ArrivalWatch,
  stallMs: number,
): Promise<{ latencies: Latencies; missing: number }> {
  let seen = -1;
  let progressAt = Date.now();
  for (;;) {
    const arrived = [...started.keys()].filter((id) => watch.arrivedAt.has(id)).length;
    if (arrived !== seen) {
      seen = arrived;
      progressAt = Date.now();
      log(`${what}: ${arrived}/${started.size} on the registry's record`);
    }
    if (arrived === started.size || Date.now() - progressAt > stallMs) break;
    await sleep(500);
  }
  const latencies = new Latencies();
  for (const [id, at] of started) {
    const arrivedAt = watch.arrivedAt.get(id);
    if (arrivedAt !== undefined) latencies.add(arrivedAt - at);
  }
  return { latencies, missing: started.size - latencies.count };
}

function line(name: string, { latencies, missing }: { latencies: Latencies; missing: number }) {
  const [p50, p95, p99, max] = latencies.percentiles(50, 95, 99, 100).map((ms) => ms.toFixed(0));
  const absent = missing > 0 ? `, ${missing} never showed the new area` : '';
  return `${name.padEnd(34)} n=${String(latencies.count).padStart(5)}  p50 ${p50} ms  p95 ${p95} ms  p99 ${p99} ms  max ${max} ms${absent}`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(usage);
    return 0;
  }
  const endpoints = endpointsOf();
  const run = `bench_transfers_${Date.now().toString(36)}`;
  const kafka = createKafka(
    'bench-transfers',
    loadKafkaConnection(kafkaEnvFor(provisioningPrincipal())),
    {
      error: () => undefined,
      warn: () => undefined,
      info: () => undefined,
      debug: () => undefined,
    },
  );
  const schemas = new HubSchemaRegistry(endpoints.SCHEMA_REGISTRY_URL);
  const types = parseSchemaFiles();
  const publisher = new EventPublisher(kafka, schemas);
  const publish = async (topic: EventTopicName, body: Record<string, unknown>): Promise<void> => {
    // What the agency connector adds to a system's metadata before it publishes.
    const metadata = {
      producingAgency: topicCatalogue[topic].publishers[0],
      correlationId: randomUUID(),
      ...(body.metadata as Record<string, unknown>),
    };
    const converted = jsonToAvro<{ nominalId: string }>(
      types.get(topicCatalogue[topic].valueSchema)!,
      { ...body, metadata },
    );
    if (!converted.ok)
      throw new BenchError(`invalid ${topic}: ${JSON.stringify(converted.violations)}`);
    await publisher.publish(topic, converted.value.nominalId, converted.value);
  };
  const shared = {
    SCHEMA_REGISTRY_URL: endpoints.SCHEMA_REGISTRY_URL,
    MONGO_URL: endpoints.MONGO_URL,
    OIDC_ISSUER_URL: endpoints.OIDC_ISSUER_URL,
    HUB_MASTER_KEY_FILE: endpoints.HUB_MASTER_KEY_FILE,
    LOG_LEVEL: 'warn',
  };

  log('building the apps (npm run build)');
  buildRegistry();
  const registry = await RegistryChild.start({
    ...kafkaEnvFor(hubServicePrincipal('registry')),
    ...shared,
    MONGO_DATABASE: run,
    REGISTRY_CONSUMER_GROUP: `registry.${run}`,
    REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
  });
  const coordinator = await RegistryChild.start(
    {
      ...kafkaEnvFor(hubServicePrincipal('transfer-coordinator')),
      ...shared,
      MONGO_DATABASE: `${run}_transfers`,
      AUDIT_MONGO_DATABASE: run,
      TRANSFER_CONSUMER_GROUP: `transfer-coordinator.${run}`,
      TRANSFER_NEW_GROUP_STARTS_AT: 'latest',
    },
    'dist/apps/transfer-coordinator/src/main.js',
  );
  const watch = new ArrivalWatch();
  try {
    for (const child of [registry, coordinator]) {
      const deadline = Date.now() + 60_000;
      while (!(await child.healthy())) {
        const exited = child.exited();
        if (exited) throw new BenchError(exited.message);
        if (Date.now() > deadline)
          throw new BenchError(`not healthy within 60 s:\n${child.outputTail()}`);
        await sleep(500);
      }
    }
    await schemas.registerTopicSchemas([
      'mappa.nominal.registered.v1',
      'mappa.management.assigned.v1',
    ]);
    await publisher.connect();
    await watch.open(kafka, schemas);
    const driver = new TransferDriver(coordinator.url, new IdentityTokens());

    const n = options.transfers;
    const transferred = Array.from({ length: n }, () => syntheticNominalId());
    const assigned = Array.from({ length: n }, () => syntheticNominalId());
    log(`registering ${2 * n} synthetic people in ${sendingArea}`);
    await pooled([...transferred, ...assigned], 50, (id) =>
      publish(
        'mappa.nominal.registered.v1',
        syntheticRegistration(id, { managingArea: sendingArea }),
      ),
    );

    log(`taking ${n} transfers to ${receivingArea} into interim co-management`);
    const inCoManagement: TransferView[] = [];
    await pooled(transferred, options.concurrency, async (nominalId) => {
      const requested = await driver.request(
        sides.sender,
        {
          nominalId,
          kind: 'PERMANENT',
          reason: 'Moving to live with family (synthetic).',
          receivingArea,
          expectedMoveOn: new Date().toISOString().slice(0, 10),
        },
        120_000,
      );
      inCoManagement.push(await driver.toCoManagement(sides, requested));
    });

    log(`completing ${n} transfers, ${options.concurrency} at a time`);
    const completedAt = new Map<string, number>();
    const completingFrom = Date.now();
    await pooled(inCoManagement, options.concurrency, async (transfer) => {
      // From the request, not its answer: the coordinator publishes the completion before it
      // answers, so the answer is already part of the way.
      completedAt.set(transfer.nominalId, Date.now());
      await driver.step(sides.receiver, transfer.transferId, 'complete');
    });
    const completionRate = (n * 1000) / Math.max(1, Date.now() - completingFrom);
    const completion = await latenciesOf('completions', completedAt, watch, options.stallMs);

    // At the completions' own rate: a burst of publishes would measure the registry's queue, not
    // the path of one assignment.
    log(
      `baseline: publishing ${n} management assignments to ${receivingArea} at ${completionRate.toFixed(0)}/s, the completions' rate`,
    );
    const publishedAt = new Map<string, number>();
    const publishingFrom = Date.now();
    let scheduled = 0;
    await pooled(assigned, options.concurrency, async (nominalId) => {
      const startAt = publishingFrom + (scheduled++ * 1000) / completionRate;
      await sleep(Math.max(0, startAt - Date.now()));
      publishedAt.set(nominalId, Date.now());
      await publish('mappa.management.assigned.v1', {
        metadata: {
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          producingAgency: 'POLICE',
          producingSystem: 'synthetic-bench',
          classification: 'OFFICIAL_SENSITIVE',
        },
        nominalId,
        leadAgency: 'POLICE',
        managingArea: receivingArea,
        jurisdiction: 'ENGLAND_AND_WALES',
        recordManager: { name: 'Receiving Record Manager (synthetic)', agency: 'POLICE' },
        coManagers: [],
        effectiveOn: new Date().toISOString().slice(0, 10),
      });
    });
    const baseline = await latenciesOf('baseline', publishedAt, watch, options.stallMs);

    console.log(
      [
        `Transfer completion to the registry's record (${n} transfers, ${options.concurrency} in flight, ${completionRate.toFixed(0)} completions/s):`,
        `  ${line('completion requested → record', completion)}`,
        `  ${line('baseline: assignment sent → record', baseline)}`,
      ].join('\n'),
    );
    return completion.missing > 0 ? 3 : 0;
  } finally {
    await watch.close().catch(() => undefined);
    await publisher.disconnect().catch(() => undefined);
    await Promise.all([registry.stop(), coordinator.stop()]);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(error instanceof BenchError ? error.exitCode : 1);
  },
);
