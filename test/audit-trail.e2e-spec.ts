import { headersOf } from './support/hub-callers';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { AccessAudited } from '@hub/contracts';
import {
  ensureTopics,
  EventPublisher,
  HubSchemaRegistry,
  kafkaClientOptionsFromEnv,
} from '@hub/messaging';
import {
  organisationDirectory,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
  type Caller,
  type HubRole,
} from '@hub/security';
import { eventually, syntheticNominalId } from '@hub/testing';
import { auditEntriesOf, entryOf, type AuditEntryDocument } from '@hub/persistence';
import { auditTopic, entryOfAccessAudited } from '../apps/registry/src/audit/access-audited';
import {
  AuditPublisher,
  auditPublicationCheckpoint,
} from '../apps/registry/src/audit/audit-publisher';
import type { AuditPage } from '../apps/registry/src/audit/audit-queries';
import { AuditEntryTooLargeError, AuditTrail, maxAuditEntryBytes } from '@hub/persistence';
import { isolatedRunName, startRegistry, type RunningApp } from './support/hub-apps';

const run = promisify(execFile);
const [orgA, orgB] = organisationDirectory().organisations;

function caller(
  username: string,
  organisation = orgA,
  roles: HubRole[] = ['practitioner'],
): Caller {
  return { subject: `sub-${username}`, username, organisation, roles, clientId: 'hub-console' };
}

function read(who: Caller, nominalId: string, correlationId: string): AuditRecord {
  return {
    caller: who,
    action: 'record.read',
    nominalIds: [nominalId],
    outcome: 'allowed',
    request: { correlationId, requestId: randomUUID() },
  };
}

async function storedChain(mongo: MongoClient, database: string): Promise<AuditEntryDocument[]> {
  return auditEntriesOf(mongo.db(database)).find().sort({ _id: 1 }).toArray();
}

/** `npm run audit:verify` against `database`: its exit code and what it printed. */
async function auditVerify(
  database: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'audit:verify'], {
      env: { ...process.env, MONGO_URL: process.env.MONGO_URL, MONGO_DATABASE: database },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the audit trail', () => {
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const databases: string[] = [];
  const clients: MongoClient[] = [];

  /** A database of the test's own, dropped after it. */
  function database(label: string): string {
    const name = isolatedRunName(label);
    databases.push(name);
    return name;
  }

  async function trailOn(name: string): Promise<AuditTrail> {
    const client = new MongoClient(process.env.MONGO_URL!);
    clients.push(client);
    await client.connect();
    return new AuditTrail(auditEntriesOf(client.db(name)));
  }

  beforeAll(() => mongo.connect());

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(databases.map((name) => mongo.db(name).dropDatabase()));
    await mongo.close();
  });

  describe('appended from two instances on one database', () => {
    const db = database('audit_chain');
    let one: AuditTrail;
    let other: AuditTrail;
    const resolved: AuditEntry[] = [];

    beforeAll(async () => {
      [one, other] = await Promise.all([trailOn(db), trailOn(db)]);
      // Each instance now holds a head; `one`'s is stale, so its next write collides for sure.
      resolved.push(await one.record(read(caller('first'), 'NOM-1', 'c')));
      resolved.push(await other.record(read(caller('second'), 'NOM-2', 'c')));
      // Waves of concurrent requests on both instances: each wave races for the same places.
      for (let wave = 0; wave < 10; wave += 1) {
        const requests = Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? one : other).record(
            read(caller(`user-${i % 7}`), `NOM-${wave}-${i}`, `wave-${wave}`),
          ),
        );
        resolved.push(...(await Promise.all(requests)));
      }
    });

    it('makes one unbroken chain with no gap, each request told its own entry', async () => {
      const stored = await storedChain(mongo, db);
      expect(stored).toHaveLength(402);
      expect(stored.map((document) => document._id)).toEqual(
        Array.from({ length: 402 }, (_, i) => i + 1),
      );
      const verdict = verifyChain(stored.map(entryOf));
      expect(verdict).toMatchObject({ intact: true, entries: 402 });
      const bySequence = new Map(stored.map((document) => [document._id, document.hash]));
      expect(new Set(resolved.map((entry) => entry.sequence)).size).toBe(402);
      for (const entry of resolved) expect(bySequence.get(entry.sequence)).toBe(entry.hash);
      const stats = [one.stats, other.stats];
      // The path where another instance took the place was taken, and group commit happened.
      expect(stats[0].collisions + stats[1].collisions).toBeGreaterThan(0);
      expect(stats[0].inserts + stats[1].inserts).toBeLessThan(402);
      console.log(
        `audit trail, 2 instances x 10 waves of 20 concurrent requests each: ` +
          `${stats.map((s) => `${s.entries} entries in ${s.inserts} inserts (${s.collisions} collisions)`).join('; ')}`,
      );
    });

    it('passes `npm run audit:verify`, which names the sequence of an entry altered in the database', async () => {
      const intact = await auditVerify(db);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('intact: 402 entries, head sequence 402');
      expect(intact.stdout).toContain(resolved.find((e) => e.sequence === 402)!.hash);

      const original = await auditEntriesOf(mongo.db(db)).findOne({ _id: 137 });
      await auditEntriesOf(mongo.db(db)).updateOne(
        { _id: 137 },
        { $set: { username: 'someone.else' } },
      );
      const altered = await auditVerify(db);
      expect(altered.code).toBe(1);
      expect(altered.stderr).toContain('BROKEN at sequence 137 (altered-content)');

      await auditEntriesOf(mongo.db(db)).replaceOne({ _id: 137 }, original!);
      expect((await auditVerify(db)).code).toBe(0);

      await auditEntriesOf(mongo.db(db)).deleteOne({ _id: 300 });
      const gap = await auditVerify(db);
      expect(gap.code).toBe(1);
      expect(gap.stderr).toContain('BROKEN at sequence 300 (missing-sequence)');
    });
  });

  it('stores any parameter name, and fails only the request whose entry is too large', async () => {
    const db = database('audit_refused');
    const trail = await trailOn(db);
    const search = (query: Record<string, string>): AuditRecord => ({
      ...read(caller('searcher'), 'NOM-1', 'refused'),
      action: 'nominals.search',
      request: { query },
    });
    const oversized = 'x'.repeat(maxAuditEntryBytes);
    const outcomes = await Promise.allSettled([
      trail.record(search({ $where: 'sleep(1)', 'a.b': '1' })),
      trail.record(search({ name: oversized })),
      trail.record(search({ name: 'SMITH' })),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(AuditEntryTooLargeError);
    const stored = await storedChain(mongo, db);
    expect(verifyChain(stored.map(entryOf))).toMatchObject({ intact: true, entries: 2 });
    expect(stored.map((document) => entryOf(document).query)).toEqual([
      { $where: 'sleep(1)', 'a.b': '1' },
      { name: 'SMITH' },
    ]);
  });

  it('is published by one instance at a time, another taking over when it stops', async () => {
    const db = database('audit_lease');
    const trail = await trailOn(db);
    const kafka = new Kafka({ ...kafkaClientOptionsFromEnv(), logLevel: logLevel.NOTHING });
    const schemas = new HubSchemaRegistry(process.env.SCHEMA_REGISTRY_URL!);
    await ensureTopics(kafka, [auditTopic]);
    await schemas.registerTopicSchemas([auditTopic]);
    const producer = new EventPublisher(kafka, schemas);
    await producer.connect();
    const published: string[][] = [[], []];
    const quiet = { info: () => undefined, error: () => undefined };
    const publishers = [0, 1].map((i) => {
      const counting = Object.create(producer) as EventPublisher;
      counting.publishMany = (topic, events) => {
        published[i].push(...events.map((event) => event.key));
        return producer.publishMany(topic, events);
      };
      return new AuditPublisher(mongo.db(db), counting, quiet);
    });
    try {
      for (let i = 0; i < 20; i += 1) await trail.record(read(caller('leased'), 'NOM-1', 'lease'));
      const [first, second] = await Promise.all(publishers.map((p) => p.catchUp()));
      // Exactly one of them published, each entry once.
      expect([first, second].sort()).toEqual([0, 20]);
      const holder = first === 20 ? 0 : 1;
      for (let i = 0; i < 5; i += 1) await trail.record(read(caller('leased'), 'NOM-2', 'lease'));
      expect(await publishers[1 - holder].catchUp()).toBe(0);
      await publishers[holder].stop();
      expect(await publishers[1 - holder].catchUp()).toBe(5);
      expect([...published[0], ...published[1]].sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 25 }, (_, i) => String(i + 1)),
      );
    } finally {
      await Promise.all(publishers.map((p) => p.stop()));
      await producer.disconnect();
    }
  });

  it('measures appends per second with group commit', async () => {
    const trail = await trailOn(database('audit_bench'));
    await trail.record(read(caller('warm-up'), 'NOM-0', 'bench'));
    const measure = async (clients: number, perClient: number) => {
      const before = trail.stats;
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let i = 0; i < perClient; i += 1) {
            await trail.record(read(caller(`client-${c}`), `NOM-${c}-${i}`, 'bench'));
          }
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const after = trail.stats;
      const entries = after.entries - before.entries;
      const inserts = after.inserts - before.inserts;
      return {
        perSecond: entries / seconds,
        perInsert: entries / inserts,
        ms: (seconds * 1000) / perClient,
      };
    };
    const serial = await measure(1, 200);
    const concurrent = await measure(50, 40);
    console.log(
      `audit appends: 1 client ${serial.perSecond.toFixed(0)}/s (${serial.ms.toFixed(1)} ms each); ` +
        `50 concurrent clients ${concurrent.perSecond.toFixed(0)}/s, ` +
        `${concurrent.perInsert.toFixed(1)} entries per insertMany (ratio ${(concurrent.perSecond / serial.perSecond).toFixed(1)}x)`,
    );
    expect(concurrent.perInsert).toBeGreaterThan(1);
  });

  describe('in the registry', () => {
    const db = database('audit_api');
    const marker = randomUUID();
    const nominal = syntheticNominalId();
    const other = syntheticNominalId();
    const alice = caller('alice', orgA);
    /** The auditors' API is for auditors: its reads go into the same trail. */
    const auditor = { user: 'hub.auditor' };
    const bob = caller('bob', orgB);
    let registry: RunningApp;

    async function get(query: string): Promise<{ status: number; body: AuditPage }> {
      const response = await fetch(`${registry.url}/v1/audit/entries?${query}`, {
        headers: await headersOf(auditor),
      });
      return { status: response.status, body: (await response.json()) as AuditPage };
    }

    beforeAll(async () => {
      // Stored before the registry starts (as if Kafka had been down): its catch-up publishes them.
      const earlier = await trailOn(db);
      for (const who of [alice, bob]) await earlier.record(read(who, other, marker));
      registry = await startRegistry({
        MONGO_DATABASE: db,
        REGISTRY_CONSUMER_GROUP: `registry.${db}`,
        REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
      });
      const trail = registry.app.get(AuditTrail);
      const at = (day: string) => new Date(`2026-01-${day}T10:00:00.000Z`);
      await trail.record({ ...read(alice, nominal, marker), at: at('05') });
      await trail.record({ ...read(bob, nominal, marker), at: at('06') });
      await trail.record({
        caller: alice,
        action: 'nominals.search',
        nominalIds: [other, nominal],
        outcome: 'allowed',
        request: { correlationId: marker, query: { name: 'SMITH John' } },
        at: at('07'),
      });
      await trail.record({
        caller: bob,
        action: 'record.read',
        nominalIds: [other],
        outcome: 'refused',
        refusal: 'not a record your organisation manages',
        request: { correlationId: marker },
        at: at('08'),
      });
    });

    afterAll(() => registry?.close());

    it('answers who saw a record, newest first', async () => {
      const { status, body } = await get(`nominalId=${nominal}`);
      expect(status).toBe(200);
      expect(body.entries.map((e) => [e.sequence, e.username, e.action])).toEqual([
        [5, 'alice', 'nominals.search'],
        [4, 'bob', 'record.read'],
        [3, 'alice', 'record.read'],
      ]);
      expect(body.next).toBeNull();
      expect(body.entries[0]).toMatchObject({
        query: { name: 'SMITH John' },
        organisationId: orgA.id,
        at: '2026-01-07T10:00:00.000Z',
      });
    });

    it('answers what a user, a subject or an organisation did', async () => {
      const sequences = (page: AuditPage) => page.entries.map((e) => e.sequence);
      expect(sequences((await get('username=bob')).body)).toEqual([6, 4, 2]);
      expect(sequences((await get('subject=sub-alice')).body)).toEqual([5, 3, 1]);
      expect(sequences((await get(`organisation=${orgB.id}`)).body)).toEqual([6, 4, 2]);
      const refused = (await get(`username=bob&nominalId=${other}`)).body.entries;
      expect(refused.map((e) => [e.sequence, e.outcome, e.refusal])).toEqual([
        [6, 'refused', 'not a record your organisation manages'],
        [2, 'allowed', null],
      ]);
    });

    it('filters by time, a day meaning all of it', async () => {
      const { body } = await get('from=2026-01-06&to=2026-01-07');
      expect(body.entries.map((e) => e.sequence)).toEqual([5, 4]);
      const instant = await get('from=2026-01-07T10:00:00Z&to=2026-01-08T09:59:59Z');
      expect(instant.body.entries.map((e) => e.sequence)).toEqual([5]);
    });

    it('pages by sequence', async () => {
      const first = await get(`nominalId=${nominal}&limit=2`);
      expect(first.body.entries.map((e) => e.sequence)).toEqual([5, 4]);
      expect(first.body.next).toBe(4);
      const second = await get(`nominalId=${nominal}&limit=2&cursor=${first.body.next}`);
      expect(second.body.entries.map((e) => e.sequence)).toEqual([3]);
      expect(second.body.next).toBeNull();
    });

    it('refuses an unknown or bad parameter, naming it', async () => {
      const response = await fetch(
        `${registry.url}/v1/audit/entries?who=bob&limit=0&from=yesterday`,
        { headers: await headersOf(auditor) },
      );
      expect(response.status).toBe(400);
      const body = (await response.json()) as { violations: { field: string }[] };
      expect(body.violations.map((v) => v.field).sort()).toEqual(['from', 'limit', 'who']);
    });

    it('publishes every stored entry on the audit topic, keyed by sequence, verifiable from the topic alone', async () => {
      const kafka = new Kafka({ ...kafkaClientOptionsFromEnv(), logLevel: logLevel.NOTHING });
      const schemas = new HubSchemaRegistry(process.env.SCHEMA_REGISTRY_URL!);
      const consumer = kafka.consumer({ groupId: `test-audit-${randomUUID()}` });
      const seen = new Map<number, { key: string; value: AccessAudited }>();
      await consumer.connect();
      try {
        await consumer.subscribe({ topic: 'registry.access.audited.v1', fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const value = (await schemas.decode(message.value)).value as AccessAudited;
            if (value.correlationId !== marker) return;
            seen.set(value.sequence, { key: message.key?.toString() ?? '', value });
          },
        });
        await eventually('the six entries on the audit topic', () =>
          Promise.resolve(seen.size === 6 ? true : undefined),
        );
      } finally {
        await consumer.disconnect();
      }
      const published = [...seen.values()].sort((a, b) => a.value.sequence - b.value.sequence);
      expect(published.map(({ key }) => key)).toEqual(['1', '2', '3', '4', '5', '6']);
      const fromTopic = published.map(({ value }) => entryOfAccessAudited(value));
      expect(verifyChain(fromTopic)).toMatchObject({ intact: true, entries: 6 });
      const stored = await storedChain(mongo, db);
      // The auditor's reads of the trail above were audited too: entries 7 on, not this test's.
      expect(fromTopic.map((entry) => entry.hash)).toEqual(stored.slice(0, 6).map((d) => d.hash));
      await eventually('the publication checkpoint past 6', async () => {
        const checkpoint = await mongo
          .db(db)
          .collection<{ _id: string; through: number }>('registry_checkpoints')
          .findOne({ _id: auditPublicationCheckpoint });
        return (checkpoint?.through ?? 0) >= 6 ? true : undefined;
      });
      // An entry deleted: the chain before it is intact, but the next no longer follows it.
      await auditEntriesOf(mongo.db(db)).deleteOne({ _id: 6 });
      const truncated = await auditVerify(db);
      expect(truncated.code).toBe(1);
      expect(truncated.stderr).toContain('BROKEN at sequence 6 (missing-sequence)');
    });
  });
});
