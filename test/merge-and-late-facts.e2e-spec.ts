import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import { syntheticNominalId, syntheticRegistration } from '@hub/testing';
import { changedRecordAt } from './support/changed-records';
import type { HubEventStream } from './support/hub-event-stream';
import type { RecordView, RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

/**
 * Facts that arrive late or out of order, and records merged wrongly: what a record manager sees
 * after each, on the real Kafka, schema registry and database.
 */
describe('the record decided by effective dates, merged by the newest facts, unmerged on request', () => {
  let hub: RegistryFixture;
  let client: RegistryClient;
  let events: HubEventStream;
  let kafka: Kafka;
  let mongo: MongoClient;
  let run: string;

  beforeAll(async () => {
    hub = await openRegistryFixture('merge', { REGISTRY_DATE_SWEEP_MS: '500' });
    ({ client, events, kafka, mongo, run } = hub);
  });

  afterAll(() => hub?.close());

  const register = async (familyName: string) => {
    const nominalId = syntheticNominalId();
    await events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, {
        name: { givenNames: ['Sam'], familyName },
        leadAgency: 'PROBATION',
        managingArea: 'Exampleshire',
        jurisdiction: 'ENGLAND_AND_WALES',
      }),
    );
    await client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');
    return nominalId;
  };
  const custody = (nominalId: string, kind: string, effectiveOn: string) =>
    events.publish('prison.custody-event.recorded.v1', {
      nominalId,
      kind,
      establishment: 'HMP Exampleton',
      effectiveOn,
    });
  const level = (nominalId: string, mappaLevel: string, effectiveOn: string) =>
    events.publish('mappa.category-level.set.v1', {
      nominalId,
      category: 'CATEGORY_2',
      level: mappaLevel,
      jurisdiction: 'ENGLAND_AND_WALES',
      effectiveOn,
    });
  const assign = (nominalId: string, managingArea: string, effectiveOn: string) =>
    events.publish('mappa.management.assigned.v1', {
      nominalId,
      leadAgency: 'PROBATION',
      managingArea,
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: { name: 'Officer Synthetic', agency: 'PROBATION' },
      effectiveOn,
    });
  const versionAtLeast = (id: string, version: number, what: string) =>
    client.recordWhen(id, (record) => record.version >= version, what);
  const custodyOf = (record: RecordView) => record.custody as { state: string } | null;
  const mappaOf = (record: RecordView) => record.mappa as { level: string } | null;

  it('keeps the newer state when an older fact arrives late, and still shows the older in the timeline', async () => {
    const nominalId = await register('Latearrival');
    await custody(nominalId, 'RELEASED', '2026-03-01');
    await level(nominalId, 'LEVEL_2', '2026-04-01');
    await versionAtLeast(nominalId, 3, 'to take the release and level');
    await assign(nominalId, 'Exampleshire North', '2026-04-15');
    // A retry brings back facts that took effect earlier.
    await custody(nominalId, 'ADMITTED', '2025-01-01');
    await level(nominalId, 'LEVEL_3', '2025-02-01');
    await assign(nominalId, 'Exampleshire South', '2025-03-01');
    const record = await versionAtLeast(nominalId, 7, 'to take the late facts');

    expect(custodyOf(record)?.state).toBe('RELEASED');
    expect(mappaOf(record)?.level).toBe('LEVEL_2');
    expect((record.management as { managingArea: string }).managingArea).toBe('Exampleshire North');
    expect(record.arrangementsHistory).toHaveLength(2);
    const timeline = await client.timeline(nominalId);
    expect(timeline.map((entry) => entry.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Admitted to HMP Exampleton on 2025-01-01/),
        expect.stringMatching(/level 3 .* from 2025-02-01/),
      ]),
    );
    const published = await changedRecordAt(
      kafka,
      process.env.SCHEMA_REGISTRY_URL!,
      nominalId,
      record.version,
    );
    expect(published).toMatchObject({
      custody: { state: 'RELEASED' },
      mappa: { level: 'LEVEL_2', effectiveOn: '2026-04-01' },
    });
  });

  it('derives the record again when a day comes that changes it, with no event from an agency', async () => {
    const nominalId = await register('Dayscome');
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const ended = {
      addressId: 'addr-ended',
      type: 'HOME',
      lines: ['3 Synthetic Lane'],
      town: 'Exampletown',
      area: 'Exampleshire',
      jurisdiction: 'ENGLAND_AND_WALES',
      from: day(-400),
      to: day(-10),
    };
    await events.publish('mappa.address.recorded.v1', { nominalId, address: ended });
    const before = await versionAtLeast(nominalId, 2, 'to take the address');
    expect(before.currentAddress).toBeNull();

    // As the record stood the day before the address ended: nothing has changed it since.
    const db = mongo.db(run);
    const nominals = db.collection<{ _id: string; addresses: unknown[] }>('nominals');
    const stored = await nominals.findOne({ _id: nominalId });
    await nominals.updateOne(
      { _id: nominalId },
      { $set: { currentAddress: stored?.addresses[0], rederiveOn: day(-9) } },
    );
    await db
      .collection<{ _id: string; on: string }>('record_due_dates')
      .updateOne({ _id: nominalId }, { $set: { on: day(-9) } }, { upsert: true });

    const after = await versionAtLeast(nominalId, 3, 'to be derived again by the sweep');
    expect(after.currentAddress).toBeNull();
    expect(after.rederiveOn).toBeNull();
    expect(await db.collection('record_due_dates').findOne({ _id: nominalId as never })).toBeNull();
    const timeline = await client.timeline(nominalId);
    expect(timeline[0]).toMatchObject({
      eventType: 'RecordDateReached',
      producingAgency: 'HUB',
    });
    const published = await changedRecordAt(
      kafka,
      process.env.SCHEMA_REGISTRY_URL!,
      nominalId,
      after.version,
    );
    expect(published).toMatchObject({ version: after.version, currentAddress: null });
  });

  it('merges by the newest facts of either record, and undoes the merge on request', async () => {
    const retired = await register('Mergedaway');
    const survivor = await register('Mergekeeper');
    await level(retired, 'LEVEL_3', '2026-06-01');
    await custody(retired, 'ADMITTED', '2026-05-01');
    await level(survivor, 'LEVEL_1', '2024-01-01');
    await custody(survivor, 'RELEASED', '2024-03-01');
    await versionAtLeast(retired, 3, 'to take its facts');
    await versionAtLeast(survivor, 3, 'to take its facts');

    await events.publish('registry.nominal.duplicate-resolved.v1', {
      nominalId: retired,
      otherNominalId: survivor,
      decision: 'MERGED',
      reason: 'Same person, registered twice (synthetic)',
      metadata: { actingUser: 'record.manager@example.invalid' },
    });
    const merged = await client.recordWhen(
      survivor,
      (record) => (record.mergedFrom as string[]).includes(retired),
      'to have the retired record merged in',
    );
    // The survivor's older level 1 and release no longer hide the newer facts.
    expect(mappaOf(merged)?.level).toBe('LEVEL_3');
    expect(custodyOf(merged)?.state).toBe('IN_CUSTODY');

    // A fact for the retired record after the merge lands on the survivor...
    await events.publish('mappa.address.recorded.v1', {
      nominalId: retired,
      address: {
        addressId: 'addr-after-merge',
        type: 'HOME',
        lines: ['2 Synthetic Row'],
        town: 'Exampletown',
        area: 'Exampleshire',
        jurisdiction: 'ENGLAND_AND_WALES',
        from: '2026-07-01',
      },
    });
    await client.recordWhen(
      survivor,
      (record) => (record.addresses as unknown[]).length === 1,
      'to take the address addressed to the retired record',
    );

    // ...and goes back with it when data governance undoes the merge.
    const refused = await client.post(`/v1/nominals/${survivor}/unmerge`, {
      reason: 'not merged',
    });
    expect(refused.status).toBe(409);
    const accepted = await client.post(`/v1/nominals/${retired}/unmerge`, {
      reason: 'Two different people: dates of birth checked against the PNC (synthetic)',
    });
    expect(accepted.status).toBe(202);

    const restored = await client.recordWhen(
      retired,
      (record) => record.status === 'ACTIVE',
      'to be restored',
    );
    expect(restored.mergedInto).toBeNull();
    expect((restored.addresses as { addressId: string }[]).map((a) => a.addressId)).toEqual([
      'addr-after-merge',
    ]);
    expect(mappaOf(restored)?.level).toBe('LEVEL_3');
    const kept = await client.recordWhen(
      survivor,
      (record) => (record.mergedFrom as string[]).length === 0,
      'to give back what the merge brought',
    );
    expect(mappaOf(kept)?.level).toBe('LEVEL_1');
    expect(custodyOf(kept)?.state).toBe('RELEASED');
    expect(kept.aliases).toEqual([]);
    expect(kept.addresses).toEqual([]);

    // Both timelines show the unmerge, by whom and why; each keeps its own facts.
    const [retiredTimeline, survivorTimeline] = await Promise.all([
      client.timeline(retired),
      client.timeline(survivor),
    ]);
    const undone = retiredTimeline.find((entry) => entry.eventType === 'MergeUndone');
    expect(undone?.actingUser).toBe('hub.data-governance');
    expect(undone?.summary).toMatch(/undone by hub\.data-governance: Two different people/);
    expect(retiredTimeline.some((entry) => entry.eventType === 'AddressRecorded')).toBe(true);
    expect(survivorTimeline.some((entry) => entry.eventType === 'AddressRecorded')).toBe(false);
    expect(survivorTimeline.some((entry) => /Merge of record .* undone/.test(entry.summary))).toBe(
      true,
    );
  });
});
