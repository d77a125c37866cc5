import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka } from 'kafkajs';
import type { Db, MongoClient } from 'mongodb';
import {
  topicCatalogue,
  type Jurisdiction,
  type MappaCategory,
  type PpaniRiskCategory,
  type MappaLevel,
  type TopicName,
} from '@hub/contracts';
import { loadKafkaConnection, type KafkaConnectionConfig } from '@hub/config';
import {
  createKafka,
  ensureTopics,
  EventPublisher,
  HubSchemaRegistry,
  kafkaClientOptions,
} from '@hub/messaging';
import {
  assertKafkaReachable,
  connectReachableMongo,
  defaultAsOf,
  isoDay,
  seededNominalId,
  IdentityTokens,
  syntheticPopulationMember,
  type SyntheticEvent,
  type SyntheticNominal,
  type SyntheticTopic,
} from '@hub/testing';
import { endpointsOf, kafkaEnvFor, provisioningPrincipal } from '../local-stack/stack';
import { TransferDriver } from '../transfers/transfer-driver';
import { formatCount, ProgressBar } from './progress-bar';
import { seedTransfers, transferSummary } from './transfers';

const usage = `usage: npm run seed -- --nominals <n> [options]
Publishes the histories of <n> synthetic people (invented names and identifiers) to Kafka, each
registration first and the rest once it is acknowledged, then waits until the registry has applied
them and prints figures.
options:
  --nominals <n>          how many people (required)
  --seed <n>              the random seed; the same seed gives the same people and events
                          (default: a random one, printed)
  --concurrency <n>       people published at once (default 50)
  --as-of <YYYY-MM-DD>    the day the histories end by (default ${isoDay(defaultAsOf)}, fixed so
                          that a seed gives the same data whenever it runs)
  --no-wait               publish only; do not wait for the registry
  --mongo-database <db>   the registry's database (default: MONGO_DATABASE or mappa_registry)
  --stall-seconds <n>     give up waiting after this long without progress (default 120)
  --transfers <n>         then move up to <n> of these people between areas through the transfer
                          coordinator's API, in every state of the workflow (default 36; 0: none;
                          needs the registry, so not with --no-wait)
Uses KAFKA_BROKERS, SCHEMA_REGISTRY_URL and MONGO_URL, else the local stack's, and
TRANSFER_COORDINATOR_URL (default http://127.0.0.1:3002) with the local stack's identity provider.`;

/** A failure the user can act on: printed without a stack trace. */
class SeedError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A command line that cannot be used: exit code 2, with the usage. */
const usageError = (message: string): SeedError => new SeedError(`${message}\n${usage}`, 2);

const agencyTopics = (Object.keys(topicCatalogue) as TopicName[]).filter(
  (topic): topic is SyntheticTopic =>
    topicCatalogue[topic].valueSchema !== null && !topic.startsWith('registry.'),
);

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0 || (name !== 'seed' && parsed === 0)) {
    throw usageError(
      `--${name} must be a ${name === 'seed' ? 'non-negative' : 'positive'} whole number, not ${value}`,
    );
  }
  return parsed;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const elapsedSince = (start: number): number => Date.now() - start;

const perSecond = (count: number, ms: number): string =>
  `${formatCount((count * 1000) / Math.max(1, ms))} events/s`;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Fails fast when no broker answers. */
async function checkKafka(connection: KafkaConnectionConfig): Promise<void> {
  try {
    await assertKafkaReachable(kafkaClientOptions(connection), 'seed-probe');
  } catch (error) {
    throw new SeedError(reason(error));
  }
}

/**
 * How many registry consumers are in the group; looks a few times over some seconds, as a group
 * being rebalanced (a registry restarting) can show none for a moment.
 */
async function registryConsumers(kafka: Kafka, groupId: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let look = 1; ; look += 1) {
      const { groups } = await admin.describeGroups([groupId]);
      const members = groups[0]?.members.length ?? 0;
      if (members > 0 || look === 4) return members;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  } finally {
    await admin.disconnect();
  }
}

async function connectMongo(url: string): Promise<MongoClient> {
  try {
    return await connectReachableMongo(url);
  } catch (error) {
    throw new SeedError(`the registry's ${reason(error)}`);
  }
}

async function chunked<T>(
  items: T[],
  size: number,
  each: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await each(items.slice(i, i + size));
}

/** Of `ids`, those that have a `nominal_history` entry (entries are keyed by event id). */
async function inHistory(db: Db, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const history = db.collection<{ _id: string }>('nominal_history');
  await chunked(ids, 1000, async (chunk) => {
    for await (const { _id } of history.find({ _id: { $in: chunk } }, { projection: { _id: 1 } })) {
      found.add(_id);
    }
  });
  return found;
}

/** Of the nominal ids, those the registry already has (a seed run before). */
async function existingNominals(db: Db, nominalIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const nominals = db.collection<{ _id: string }>('nominals');
  await chunked(nominalIds, 1000, async (chunk) => {
    for await (const { _id } of nominals.find(
      { _id: { $in: chunk } },
      { projection: { _id: 1 } },
    )) {
      found.add(_id);
    }
  });
  return found;
}

/** People per jurisdiction, by the MAPPA category and level (or PPANI risk category) published. */
interface Tally {
  total: number;
  categories: Record<MappaCategory, number>;
  levels: Record<MappaLevel, number>;
  ppani: Record<PpaniRiskCategory, number>;
}

const emptyTally = (): Tally => ({
  total: 0,
  categories: {
    CATEGORY_1: 0,
    CATEGORY_2: 0,
    CATEGORY_3: 0,
    CATEGORY_4: 0,
    RESTRICTED_PATIENTS: 0,
  },
  levels: { LEVEL_1: 0, LEVEL_2: 0, LEVEL_3: 0 },
  ppani: { CATEGORY_1: 0, CATEGORY_2: 0, CATEGORY_3: 0 },
});

const jurisdictionNames: Record<Jurisdiction, string> = {
  ENGLAND_AND_WALES: 'England and Wales',
  SCOTLAND: 'Scotland',
  NORTHERN_IRELAND: 'Northern Ireland',
};

function tallyTable(tallies: Map<Jurisdiction, Tally>): string[] {
  const all = emptyTally();
  const rows: [string, Tally][] = [];
  for (const jurisdiction of Object.keys(jurisdictionNames) as Jurisdiction[]) {
    const tally = tallies.get(jurisdiction) ?? emptyTally();
    rows.push([jurisdictionNames[jurisdiction], tally]);
    all.total += tally.total;
    for (const key of Object.keys(tally.categories) as MappaCategory[])
      all.categories[key] += tally.categories[key];
    for (const key of Object.keys(tally.levels) as MappaLevel[])
      all.levels[key] += tally.levels[key];
    for (const key of Object.keys(tally.ppani) as PpaniRiskCategory[])
      all.ppani[key] += tally.ppani[key];
  }
  rows.push(['all', all]);
  const header = [
    '',
    'people',
    'cat 1',
    'cat 2',
    'cat 3',
    'cat 4',
    'RP',
    'level 1',
    'level 2',
    'level 3',
  ];
  const lines = [
    header,
    ...rows.map(([name, t]) =>
      [
        name,
        t.total,
        t.categories.CATEGORY_1,
        t.categories.CATEGORY_2,
        t.categories.CATEGORY_3,
        t.categories.CATEGORY_4,
        t.categories.RESTRICTED_PATIENTS,
        t.levels.LEVEL_1,
        t.levels.LEVEL_2,
        t.levels.LEVEL_3,
      ].map((cell) => (typeof cell === 'number' ? formatCount(cell) : cell)),
    ),
  ];
  // Northern Ireland has PPANI, whose risk categories are not MAPPA categories or levels.
  const ppaniLine = `PPANI risk categories 1 / 2 / 3: ${[all.ppani.CATEGORY_1, all.ppani.CATEGORY_2, all.ppani.CATEGORY_3].map(formatCount).join(' / ')}`;
  return [
    ...lines.map((cells) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(18) : cell.padStart(8))).join(''),
    ),
    "(RP: Scotland's restricted patients, a group of their own there.)",
    ppaniLine,
  ];
}

const transferCoordinatorUrl = (): string =>
  process.env.TRANSFER_COORDINATOR_URL?.trim() || 'http://127.0.0.1:3002';

/** Fails before anything is published when the transfers cannot be made. */
async function checkTransferCoordinator(): Promise<void> {
  const url = transferCoordinatorUrl();
  try {
    await fetch(`${url}/v1/transfers/deadlines`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new SeedError(
      `no transfer coordinator answers at ${url} (TRANSFER_COORDINATOR_URL): start the hub, or pass --transfers 0: ${reason(error)}`,
    );
  }
}

/**
 * The transfers part of the seed, through the running transfer coordinator (it learns the people
 * from the registry's changed-record topic, so they are asked for until it knows them).
 */
async function createTransfers(
  db: Db,
  nominalIds: string[],
  count: number,
  log: (message: string) => void,
): Promise<string[]> {
  const url = transferCoordinatorUrl();
  log(`creating up to ${formatCount(count)} transfers through the transfer coordinator at ${url}`);
  const result = await seedTransfers({
    db,
    driver: new TransferDriver(url, new IdentityTokens()),
    nominalIds,
    count,
    concurrency: 8,
    knownWithinMs: 60_000,
  });
  if (result.failures.length > 0) {
    throw new SeedError(transferSummary(result).join('\n'), 4);
  }
  return transferSummary(result);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        nominals: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string', default: '50' },
        'no-wait': { type: 'boolean', default: false },
        'mongo-database': { type: 'string' },
        'stall-seconds': { type: 'string', default: '120' },
        transfers: { type: 'string', default: '36' },
        'as-of': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageError(reason(error));
  }
}

async function main(): Promise<number> {
  const { values } = parseCommandLine();
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const nominals = positiveInt(values.nominals, 'nominals');
  if (nominals === undefined) throw usageError('--nominals is required');
  const seed = positiveInt(values.seed, 'seed') ?? randomInt(0, 2 ** 31);
  const concurrency = positiveInt(values.concurrency, 'concurrency') ?? 50;
  const stallMs = (positiveInt(values['stall-seconds'], 'stall-seconds') ?? 120) * 1000;
  const transfers =
    values.transfers === '0' ? 0 : (positiveInt(values.transfers, 'transfers') ?? 0);
  const wait = !values['no-wait'];
  const asOf =
    values['as-of'] === undefined ? defaultAsOf : new Date(`${values['as-of']}T12:00:00Z`);
  if (
    Number.isNaN(asOf.getTime()) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'] ?? '2000-01-01')
  ) {
    throw usageError(`--as-of must be a day, YYYY-MM-DD, not ${values['as-of']}`);
  }
  const databaseName = values['mongo-database'] ?? process.env.MONGO_DATABASE ?? 'mappa_registry';
  const registryGroup = process.env.REGISTRY_CONSUMER_GROUP ?? 'registry';
  const endpoints = endpointsOf();
  // An operator tool publishing for every agency: the provisioning principal (a Kafka super user).
  const connection = loadKafkaConnection(kafkaEnvFor(provisioningPrincipal()));
  const log = (message: string): void => void process.stderr.write(`seed: ${message}\n`);

  await checkKafka(connection);
  // kafkajs logs the errors it retries; those it gives up on reach the publish calls.
  const kafka = createKafka('seed', connection, {
    error: () => undefined,
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  });
  let mongo: MongoClient | undefined;
  try {
    let db: Db | undefined;
    let historyBefore = 0;
    let preExisting = new Set<string>();
    if (wait) {
      const consumers = await registryConsumers(kafka, registryGroup);
      if (consumers === 0) {
        throw new SeedError(
          `no registry is consuming (Kafka consumer group "${registryGroup}" has no members): ` +
            'start it (npm run hub, or node dist/apps/registry/src/main.js), or pass --no-wait',
        );
      }
      if (transfers > 0) await checkTransferCoordinator();
      mongo = await connectMongo(endpoints.MONGO_URL);
      db = mongo.db(databaseName);
      historyBefore = await db.collection('nominal_history').countDocuments({});
      const ids = Array.from({ length: nominals }, (_, index) => seededNominalId(seed, index));
      preExisting = await existingNominals(db, ids);
      if (preExisting.size > 0) {
        log(
          `${formatCount(preExisting.size)} of these nominals are in the registry already (seed ${seed} ran before): ` +
            'their events are the same and were applied then, so they are not waited for',
        );
      }
    }

    const schemas = new HubSchemaRegistry(endpoints.SCHEMA_REGISTRY_URL);
    try {
      await schemas.registerTopicSchemas(agencyTopics);
    } catch (error) {
      throw new SeedError(
        `the schema registry at ${endpoints.SCHEMA_REGISTRY_URL} is unreachable or refused the schemas: ${reason(error)}`,
      );
    }
    await ensureTopics(kafka, agencyTopics);
    const publisher = new EventPublisher(kafka, schemas);
    await publisher.connect();

    log(
      `seed ${seed}, histories to ${isoDay(asOf)}: publishing ${formatCount(nominals)} synthetic nominals, ${concurrency} at a time`,
    );
    const tallies = new Map<Jurisdiction, Tally>();
    let duplicates = 0;
    let published = 0;
    let peopleDone = 0;
    /** Event ids by topic, to name what the registry has not applied, if it comes to that. */
    const publishedIds = new Map<SyntheticTopic, string[]>();
    const idsOfPreExisting: string[] = [];
    const publishBar = new ProgressBar('publish', nominals, {
      unit: 'nominals',
      extra: () => ({ count: published, unit: 'events' }),
    });

    const send = async (event: SyntheticEvent): Promise<void> => {
      const { eventId } = event.value.metadata;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await publisher.publish(event.topic, event.value.nominalId, event.value, {
            'x-event-id': eventId,
          });
          break;
        } catch (error) {
          if (attempt === 3)
            throw new SeedError(`cannot publish ${event.topic} ${eventId}: ${reason(error)}`);
        }
      }
      published += 1;
      if (wait) {
        const ids = publishedIds.get(event.topic) ?? [];
        ids.push(eventId);
        publishedIds.set(event.topic, ids);
        if (preExisting.has(event.value.nominalId)) idsOfPreExisting.push(eventId);
      }
    };

    const publishNominal = async ({ person, events }: SyntheticNominal): Promise<void> => {
      const [registration, ...rest] = events;
      if (!registration) return;
      // The registration first: every other event refers to the record it creates.
      await send(registration);
      // Then each topic's events in order (Kafka keeps per-key order within a topic only).
      const byTopic = new Map<SyntheticTopic, SyntheticEvent[]>();
      for (const event of rest)
        byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);
      await Promise.all(
        [...byTopic.values()].map(async (chain) => {
          for (const event of chain) await send(event);
        }),
      );
      const tally = tallies.get(person.jurisdiction) ?? emptyTally();
      tally.total += 1;
      for (const event of rest) {
        if (event.topic === 'mappa.category-level.set.v1') {
          const { category, level } = event.value;
          tally.categories[category] += 1;
          tally.levels[level] += 1;
        } else if (event.topic === 'mappa.ppani-risk-category.set.v1') {
          const { riskCategory } = event.value;
          tally.ppani[riskCategory] += 1;
        }
      }
      tallies.set(person.jurisdiction, tally);
      if (person.duplicateOf) duplicates += 1;
      peopleDone += 1;
      publishBar.update(peopleDone);
    };

    const publishStart = Date.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < nominals) {
        const index = next++;
        await publishNominal(syntheticPopulationMember({ seed, asOf }, index));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, nominals) }, worker));
    } finally {
      publishBar.finish();
      await publisher.disconnect();
    }
    const publishMs = elapsedSince(publishStart);

    const summary = [
      `Seeded ${formatCount(nominals)} synthetic nominals (seed ${seed}): ${formatCount(published)} events ` +
        `(${(published / nominals).toFixed(1)} per person), ${formatCount(duplicates)} near-duplicates`,
      `  published in ${seconds(publishMs)}: ${perSecond(published, publishMs)}`,
    ];

    let exitCode = 0;
    if (wait && db) {
      const history = db.collection('nominal_history');
      const alreadyApplied = (await inHistory(db, idsOfPreExisting)).size;
      const expected = published - alreadyApplied;
      const appliedAtPublishEnd = (await history.countDocuments({})) - historyBefore;
      const applyBar = new ProgressBar('apply  ', expected, { unit: 'events' });
      let applied = appliedAtPublishEnd;
      let lastProgressAt = Date.now();
      let doneAt = publishStart + publishMs;
      applyBar.update(Math.min(applied, expected));
      while (applied < expected) {
        if (Date.now() - lastProgressAt > stallMs) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = (await history.countDocuments({})) - historyBefore;
        if (now > applied) lastProgressAt = Date.now();
        applied = now;
        doneAt = Date.now();
        applyBar.update(Math.min(applied, expected));
      }
      applyBar.finish(applied >= expected ? '' : `no progress for ${seconds(stallMs)}`);
      const untilAppliedMs = doneAt - publishStart;
      const drainMs = doneAt - (publishStart + publishMs);
      summary.push(
        `  applied by the registry ${seconds(untilAppliedMs)} after the first publish: ` +
          `${perSecond(applied, untilAppliedMs)} overall` +
          (drainMs > 0
            ? `, ${perSecond(applied - appliedAtPublishEnd, drainMs)} after publishing ended`
            : '') +
          ` (${formatCount(appliedAtPublishEnd)} applied while publishing)`,
      );
      if (alreadyApplied > 0) {
        summary.push(
          `  ${formatCount(alreadyApplied)} events were applied by an earlier run of this seed`,
        );
      }
      if (applied < expected) {
        exitCode = 3;
        const missing: string[] = [];
        for (const [topic, ids] of publishedIds) {
          const found = await inHistory(db, ids);
          const absent = ids.filter((id) => !found.has(id));
          if (absent.length > 0) {
            missing.push(
              `    ${topic}: ${formatCount(absent.length)} of ${formatCount(ids.length)} (e.g. ${absent.slice(0, 3).join(', ')})`,
            );
          }
        }
        const parked = await db.collection('parked_events').countDocuments({
          nominalId: { $regex: `^${seededNominalId(seed, 0).replace(/\d+$/, '')}` },
        });
        summary.push(
          `  NOT APPLIED: ${formatCount(expected - applied)} of ${formatCount(expected)} events after ` +
            `${seconds(stallMs)} without progress; missing from nominal_history by topic:`,
          ...missing,
          `    ${formatCount(parked)} of this seed's events are parked waiting for their registration; ` +
            'see the rest with `npm run dead-letters -- list`',
        );
      }
      if (transfers > 0 && exitCode === 0) {
        const ids = Array.from({ length: nominals }, (_, index) => seededNominalId(seed, index));
        summary.push('', ...(await createTransfers(db, ids, transfers, log)));
      }
    } else {
      summary.push('  not waiting for the registry (--no-wait): no transfers either');
    }
    summary.push(
      '',
      'People by jurisdiction, MAPPA category and level:',
      ...tallyTable(tallies).map((l) => `  ${l}`),
    );
    console.log(summary.join('\n'));
    return exitCode;
  } finally {
    await mongo?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof SeedError ? `seed: ${error.message}` : error);
    process.exit(error instanceof SeedError ? error.exitCode : 1);
  },
);
