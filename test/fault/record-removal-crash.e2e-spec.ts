import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import { brokerRetry, kafkaClientOptionsFromEnv } from '@hub/messaging';
import {
  eventually,
  syntheticIntelligence,
  syntheticNominalId,
  syntheticRegistration,
} from '@hub/testing';
import { removalSteps, type RemovalStep } from '../../apps/registry/src/removal/record-removals';
import { headersOf } from '../support/hub-callers';
import { HubEventStream } from '../support/hub-event-stream';
import { RegistryProcess } from '../support/registry-process';
import { eventsOnTopic } from '../support/topic-events';

/** Where a removal is killed: right after each of these steps ran, before it was recorded as done. */
const killPoints: RemovalStep[] = ['data-key', 'record', 'history', 'tombstone', 'announcement'];

/** Every collection that holds something of a person, and how it names them. */
const personalCollections = [
  ['nominals', '_id'],
  ['nominal_search', '_id'],
  ['record_due_dates', '_id'],
  ['nominal_history', 'nominalId'],
  ['parked_events', 'nominalId'],
  ['duplicate_candidates', 'nominalIds'],
  ['record_reviews', 'nominalId'],
  ['person_keys', '_id'],
] as const;

async function rawCopiesOf(db: Db, nominalId: string): Promise<string> {
  const copies = await Promise.all(
    personalCollections.map(([collection, field]) =>
      db
        .collection(collection)
        .find({ [field]: nominalId })
        .toArray(),
    ),
  );
  return JSON.stringify(copies.flat());
}

describe('fault: the registry is killed in the middle of a removal', () => {
  const database = `fault_removal_${Date.now().toString(36)}`;
  const group = `registry.fault_removal-${randomUUID()}`;
  const env = {
    MONGO_DATABASE: database,
    REGISTRY_CONSUMER_GROUP: group,
    REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
    REGISTRY_REVIEW_SWEEP_MS: '500',
  };
  const kafka = new Kafka({
    ...kafkaClientOptionsFromEnv(),
    retry: brokerRetry,
    logLevel: logLevel.NOTHING,
  });
  const events = new HubEventStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  let db: Db;
  let registry: RegistryProcess;

  const healthy = (process: RegistryProcess) =>
    eventually(
      'the registry to be healthy',
      async () => ((await process.healthy()) ? true : undefined),
      60_000,
    );

  beforeAll(async () => {
    await Promise.all([
      events.open(['mappa.nominal.registered.v1', 'police.intelligence.shared.v1']),
      mongo.connect(),
    ]);
    db = mongo.db(database);
    registry = await RegistryProcess.create(env);
    registry.start();
    await healthy(registry);
    // "latest" is resolved at the group's first fetch: probe until a registration is applied.
    await eventually('the registry to consume from the end of the topics', async () => {
      const probes = Array.from({ length: 12 }, () => syntheticNominalId());
      for (const probe of probes) {
        await events.publish('mappa.nominal.registered.v1', syntheticRegistration(probe));
      }
      await sleep(500);
      const found = await db
        .collection('nominals')
        .countDocuments({ _id: { $in: probes as never[] } });
      return found === probes.length ? true : undefined;
    });
  });

  afterAll(async () => {
    await registry?.stop();
    await db?.dropDatabase();
    await Promise.all([events.close(), mongo.close()]);
  });

  it.each(killPoints)(
    'killed right after the %s step: nothing readable is left, and the removal completes on restart',
    async (killedAfter) => {
      const [year, month, day] = new Date().toISOString().slice(0, 10).split('-').map(Number);
      const born = new Date(Date.UTC(year - 100, month - 1, day)).toISOString().slice(0, 10);
      const nominalId = syntheticNominalId();
      const secret = `Synthetic intelligence for the removal crash test ${randomUUID()}`;
      await events.publish(
        'mappa.nominal.registered.v1',
        syntheticRegistration(nominalId, { dateOfBirth: born }),
      );
      await events.publish(
        'police.intelligence.shared.v1',
        syntheticIntelligence(nominalId, { text: secret }),
      );
      await eventually('the person to be recorded with the intelligence', async () =>
        (await db
          .collection('nominals')
          .countDocuments({ _id: nominalId as never, version: { $gte: 2 } })) === 1
          ? true
          : undefined,
      );
      // The day's retention sweep ran before the person was registered: run it again.
      await db.collection('registry_checkpoints').deleteOne({ _id: 'retention-reviews' as never });
      const review = await eventually('the retention review to be raised', async () => {
        const raised = await db
          .collection<{ _id: string }>('record_reviews')
          .findOne({ nominalId, kind: 'RETENTION' });
        return raised ?? undefined;
      });

      // An instance that dies right after the step, while it removes the person.
      await registry.stop();
      const crashing = await RegistryProcess.create({
        ...env,
        REGISTRY_CRASH_AFTER_REMOVAL_STEP: killedAfter,
      });
      crashing.start();
      await healthy(crashing);
      const decision = fetch(
        `${crashing.url}/v1/reviews/${encodeURIComponent(review._id)}/decision`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(await headersOf({ user: 'hub.data-governance' })),
          },
          body: JSON.stringify({ outcome: 'REMOVE', reason: 'Reached 100 (synthetic crash test)' }),
        },
      );
      await expect(decision).rejects.toThrow();
      await eventually('the crashing instance to be dead', () =>
        Promise.resolve(crashing.exitCount === 1 ? true : undefined),
      );

      // Half done: the decision and the steps before this one are recorded, the data key is gone,
      // and the sensitive text is nowhere readable in the database.
      const halfway = await db.collection('record_removals').findOne({ _id: nominalId as never });
      const done = removalSteps.slice(0, removalSteps.indexOf(killedAfter));
      expect(halfway).toMatchObject({ status: 'IN_PROGRESS', stepsDone: done });
      expect(await db.collection('person_keys').countDocuments({ _id: nominalId as never })).toBe(
        0,
      );
      expect(await rawCopiesOf(db, nominalId)).not.toContain(secret);

      // Restarted: the removal completes before the instance answers.
      registry = await RegistryProcess.create(env);
      registry.start();
      await healthy(registry);
      const completed = await db.collection('record_removals').findOne({ _id: nominalId as never });
      expect(completed).toMatchObject({ status: 'COMPLETED', stepsDone: [...removalSteps] });
      expect(await rawCopiesOf(db, nominalId)).toBe('[]');
      const announced = await eventsOnTopic(kafka, 'registry.nominal.removed.v1', nominalId);
      // Announced at least once; a repeat after a kill carries the same event id (consumers dedupe).
      expect(new Set(announced.map((event) => event.metadata.eventId)).size).toBe(1);
      const certificates = await db
        .collection('audit_entries')
        .countDocuments({ nominalIds: nominalId, requestId: `removal-certificate:${nominalId}` });
      expect(certificates).toBe(1);
    },
  );
});
