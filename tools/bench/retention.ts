import { parseArgs } from 'node:util';
import { loadKafkaConnection } from '@hub/config';
import { createKafka, EventPublisher, HubSchemaRegistry } from '@hub/messaging';
import { connectReachableMongo } from '@hub/testing';
import { RecordReviews } from '../../apps/registry/src/reviews/record-reviews';
import { ReviewSweep } from '../../apps/registry/src/reviews/review-sweep';
import { endpointsOf, kafkaEnvFor, hubServicePrincipal } from '../local-stack/stack';

const usage = `usage: npm run bench:retention [-- --mongo-database <db>]
Times the registry's daily retention pass (a retention review for every record whose subject is 100
or older) over the records in the registry's database, e.g. after \`npm run seed -- --nominals 10000\`,
and, as the baseline in the same run, one read of every record's dates of birth. Runs the pass twice:
the first raises what is due (and publishes it on registry.nominal.review-raised.v1, as the registry
would), the second finds everything raised already. Uses MONGO_URL, KAFKA_BROKERS and
SCHEMA_REGISTRY_URL, else the local stack's.`;

const quiet = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'mongo-database': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const database = values['mongo-database'] ?? process.env.MONGO_DATABASE ?? 'mappa_registry';
  const endpoints = endpointsOf();
  const mongo = await connectReachableMongo(endpoints.MONGO_URL);
  // The registry's own principal: the pass publishes what the registry publishes.
  const kafka = createKafka(
    'bench-retention',
    loadKafkaConnection(kafkaEnvFor(hubServicePrincipal('registry'))),
    quiet,
  );
  const schemas = new HubSchemaRegistry(endpoints.SCHEMA_REGISTRY_URL);
  await schemas.registerTopicSchemas(['registry.nominal.review-raised.v1']);
  const publisher = new EventPublisher(kafka, schemas);
  await publisher.connect();
  try {
    const db = mongo.db(database);
    const records = await db.collection('nominals').countDocuments({});
    if (records === 0)
      throw new Error(`no records in ${database}: seed first (npm run seed -- --nominals 10000)`);
    const baseline = await timed(async () => {
      let read = 0;
      const all = db
        .collection('nominals')
        .find({}, { projection: { dateOfBirth: 1, aliasDatesOfBirth: 1 } });
      for await (const record of all) if (record) read += 1;
      return read;
    });
    const reviews = new RecordReviews(db, publisher);
    const sweep = new ReviewSweep(db, reviews, quiet);
    const before = await reviews.collection.countDocuments({ kind: 'RETENTION' });
    // The pass runs once a day: forget today's, so that it runs now.
    const checkpoints = db.collection<{ _id: string }>('registry_checkpoints');
    await checkpoints.deleteOne({ _id: 'retention-reviews' });
    const first = await timed(() => sweep.sweep());
    await checkpoints.deleteOne({ _id: 'retention-reviews' });
    const second = await timed(() => sweep.sweep());
    const held = await reviews.collection.countDocuments({ kind: 'RETENTION' });
    const lines = [
      `records in ${database}: ${records}`,
      `baseline: read every record's dates of birth: ${baseline.ms.toFixed(0)} ms (${baseline.value} records)`,
      `retention pass, first run:  ${first.ms.toFixed(0)} ms, ${first.value.retention} reviews raised (${before} held before)`,
      `retention pass, second run: ${second.ms.toFixed(0)} ms, ${second.value.retention} raised (idempotent)`,
      `retention reviews held now: ${held}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await publisher.disconnect();
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:retention: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
