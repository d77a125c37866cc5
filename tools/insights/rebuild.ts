import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Admin, Kafka } from 'kafkajs';
import { rebuildGroupPrefix } from '@hub/contracts';
import { createKafka, HubSchemaRegistry } from '@hub/messaging';
import { connectMongo } from '@hub/persistence';
import { loadInsightsConfig } from '../../apps/insights/src/insights.config';
import { InsightsStore } from '../../apps/insights/src/read-model/insights-store';
import {
  applyTopicEvents,
  isReadModelTopic,
  readModelTopics,
} from '../../apps/insights/src/read-model/topic-events';
import { endpointsOf, hubServicePrincipal, kafkaEnvFor } from '../local-stack/stack';
import { formatCount, formatDuration, ProgressBar } from '../seed/progress-bar';

const usage = `usage: npm run insights:rebuild [-- --database <db>]
Rebuilds the insights read model from the topics it is kept from (the changed-record, removal and
transfer topics), from their beginning to their end when the rebuild starts, through the same code
as the running service. The database's read model is emptied first.
options:
  --database <db>   the database to rebuild (default: MONGO_DATABASE or mappa_insights). Stop the
                    insights service first if it is the one it runs on, or rebuild into another
                    database and point the service at it (MONGO_DATABASE).
Uses KAFKA_BROKERS (as the insights principal), SCHEMA_REGISTRY_URL and MONGO_URL, else the local
stack's.`;

/** Where each partition ends when the rebuild starts: the rebuild reads up to there. */
interface PartitionEnd {
  topic: string;
  partition: number;
  start: number;
  end: number;
}

async function partitionEnds(admin: Admin): Promise<PartitionEnd[]> {
  const ends: PartitionEnd[] = [];
  for (const topic of readModelTopics) {
    for (const offsets of await admin.fetchTopicOffsets(topic)) {
      ends.push({
        topic,
        partition: offsets.partition,
        start: Number(offsets.low),
        end: Number(offsets.high),
      });
    }
  }
  return ends;
}

export interface RebuildResult {
  events: number;
  durationMs: number;
}

/**
 * Empties `store` and applies every event of the read model's topics to it, reporting progress to
 * `progress` (events read, events in all). Resolves once every partition is read to where it ended
 * when the rebuild started.
 */
export async function rebuildReadModel(
  kafka: Kafka,
  schemas: HubSchemaRegistry,
  store: InsightsStore,
  groupName: string,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<RebuildResult> {
  const startedAt = Date.now();
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${rebuildGroupPrefix(groupName)}${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
  try {
    const ends = await partitionEnds(admin);
    const total = ends.reduce((sum, end) => sum + (end.end - end.start), 0);
    const read = new Map(ends.map((end) => [`${end.topic}:${end.partition}`, end.start]));
    const remaining = new Set(
      ends.filter((end) => end.end > end.start).map((end) => `${end.topic}:${end.partition}`),
    );
    await store.clear();
    await store.ensureIndexes();
    let done = 0;
    progress(0, total);
    if (remaining.size === 0) return { events: 0, durationMs: Date.now() - startedAt };
    await consumer.connect();
    await consumer.subscribe({ topics: [...readModelTopics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          partitionsConsumedConcurrently: 3,
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}:${batch.partition}`;
            const end = ends.find(
              (e) => e.topic === batch.topic && e.partition === batch.partition,
            );
            if (!end || !remaining.has(key) || !isReadModelTopic(batch.topic)) return;
            const inRange = batch.messages.filter((message) => Number(message.offset) < end.end);
            const values: unknown[] = [];
            for (const message of inRange) {
              // A tombstone on the compacted changed-record topic: the removal event says it all.
              if (message.value === null) continue;
              values.push((await schemas.decode(message.value, batch.topic)).value);
            }
            await applyTopicEvents(store, batch.topic, values, new Date());
            const last = inRange.at(-1);
            if (last) {
              const before = read.get(key) ?? end.start;
              read.set(key, Number(last.offset) + 1);
              done += Number(last.offset) + 1 - before;
              progress(done, total);
            }
            if ((read.get(key) ?? 0) >= end.end) {
              remaining.delete(key);
              if (remaining.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
    return { events: done, durationMs: Date.now() - startedAt };
  } finally {
    await consumer.disconnect();
    // The throw-away group is gone with the rebuild; a failure to delete it leaves it to expire.
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { database: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const env = {
    ...endpointsOf(),
    ...process.env,
    ...kafkaEnvFor(hubServicePrincipal('insights')),
  };
  const config = loadInsightsConfig({
    ...env,
    ...(values.database && { MONGO_DATABASE: values.database }),
  });
  // Kafka's own errors and warnings reach the operator; its chatter does not.
  const sink = {
    error: (_entry: object, message: string) => console.error(`kafka: ${message}`),
    warn: (_entry: object, message: string) => console.error(`kafka: ${message}`),
    info: () => undefined,
    debug: () => undefined,
  };
  const kafka = createKafka('insights-rebuild', config, sink);
  const schemas = new HubSchemaRegistry(config.SCHEMA_REGISTRY_URL);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DATABASE);
  const bar = new ProgressBar('rebuilding the insights read model', 0, { unit: 'events' });
  try {
    const result = await rebuildReadModel(
      kafka,
      schemas,
      new InsightsStore(mongo.db),
      config.INSIGHTS_CONSUMER_GROUP,
      (done, total) => bar.update(done, total),
    );
    bar.finish();
    const people = await mongo.db
      .collection('insight_people')
      .countDocuments({ removedAt: { $exists: false } });
    console.log(
      `rebuilt ${config.MONGO_DATABASE} from ${formatCount(result.events)} events in ${formatDuration(result.durationMs)}: ${formatCount(people)} people (${formatCount((result.events / Math.max(1, result.durationMs)) * 1000)} events/s)`,
    );
    return 0;
  } finally {
    await mongo.client.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `insights:rebuild failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
}
