import type { Kafka } from 'kafkajs';
import { syntheticNominalId, syntheticRegistration } from '@hub/testing';
import { addDays, londonDate } from '../apps/registry/src/projections/calendar';
import { changedRecordAt } from './support/changed-records';
import type { HubEventStream } from './support/hub-event-stream';
import type { RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

const today = londonDate(new Date());
const address = (addressId: string, type: string, from: string, to: string | null) => ({
  addressId,
  type,
  lines: [`${addressId} Synthetic Street`],
  town: 'Exampletown',
  postcode: 'ZZ1 1ZZ',
  area: 'Greater Manchester',
  jurisdiction: 'ENGLAND_AND_WALES',
  from,
  to,
});
const plan = (planVersion: number, occurredAt: string) => ({
  metadata: { occurredAt },
  planId: 'rmp-e2e',
  planVersion,
  summary: `Version ${planVersion} (synthetic).`,
  actions: [],
});

describe('risk tools, current addresses and risk management plan versions on the real stack', () => {
  let hub: RegistryFixture;
  let client: RegistryClient;
  let events: HubEventStream;
  let kafka: Kafka;

  beforeAll(async () => {
    hub = await openRegistryFixture('risk-address');
    ({ client, events, kafka } = hub);
  });

  afterAll(() => hub?.close());

  it('headlines OASys harm and RM2000 reconviction apart, keeps the home during a stay, and every plan version', async () => {
    const nominalId = syntheticNominalId();
    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    await client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');

    const stayEnds = addDays(today, 5);
    const facts: [Parameters<HubEventStream['publish']>[0], Record<string, unknown>][] = [
      ['mappa.address.recorded.v1', { address: address('home', 'HOME', '2024-01-01', null) }],
      [
        'mappa.address.recorded.v1',
        { address: address('stay', 'TEMPORARY', addDays(today, -2), stayEnds) },
      ],
      [
        'mappa.risk-assessment.recorded.v1',
        {
          assessmentId: 'oasys-e2e',
          tool: 'OASYS',
          riskOfSeriousHarm: 'HIGH',
          seriousHarmByGroup: [
            { group: 'CHILDREN', setting: 'COMMUNITY', level: 'HIGH' },
            { group: 'PUBLIC', setting: 'COMMUNITY', level: 'MEDIUM' },
          ],
          reconviction: [{ scale: 'OGRS3', band: 'LOW', probability: 0.3 }],
          assessedOn: '2025-03-01',
        },
      ],
      [
        'mappa.risk-assessment.recorded.v1',
        {
          assessmentId: 'rm2000-e2e',
          tool: 'RM2000',
          reconviction: [
            { scale: 'RM2000_SEXUAL', band: 'VERY_HIGH', score: 6 },
            { scale: 'RM2000_VIOLENT', band: 'MEDIUM', score: 2 },
          ],
          assessedOn: '2025-04-01',
        },
      ],
      ['mappa.risk-management-plan.published.v1', plan(2, '2025-02-01T10:00:00Z')],
      // The earlier version, delivered late: kept as history, not dead-lettered.
      ['mappa.risk-management-plan.published.v1', plan(1, '2025-01-01T10:00:00Z')],
    ];
    for (const [topic, body] of facts) await events.publish(topic, { nominalId, ...body });

    // Every fact applied, the late plan version too: a dead-lettered one would not count.
    const version = 1 + facts.length;
    const record = await client.recordWhen(
      nominalId,
      (view) => view.version === version,
      `to apply all ${facts.length} facts`,
    );
    expect(record).toMatchObject({
      currentAddress: { addressId: 'home', type: 'HOME' },
      otherCurrentAddresses: [expect.objectContaining({ addressId: 'stay' })],
      // The registry re-derives the record the day after the stay ends.
      rederiveOn: expect.any(String) as unknown,
      riskOfSeriousHarm: {
        level: 'HIGH',
        setting: 'COMMUNITY',
        groups: ['CHILDREN'],
        assessmentId: 'oasys-e2e',
      },
      reconvictionRisk: {
        assessmentId: 'rm2000-e2e',
        tool: 'RM2000',
        predictions: [
          expect.objectContaining({ scale: 'RM2000_SEXUAL', band: 'VERY_HIGH', score: 6 }),
          expect.objectContaining({ scale: 'RM2000_VIOLENT', band: 'MEDIUM' }),
        ],
      },
      riskManagementPlan: { planId: 'rmp-e2e', planVersion: 2 },
    });
    expect((record.rederiveOn as string) <= addDays(stayEnds, 1)).toBe(true);
    expect(
      (record.latestRiskAssessments as { assessmentId: string }[]).map((item) => item.assessmentId),
    ).toEqual(['rm2000-e2e', 'oasys-e2e']);
    expect(
      (record.riskManagementPlans as { planVersion: number }[])
        .map((kept) => kept.planVersion)
        .sort(),
    ).toEqual([1, 2]);

    const changed = await changedRecordAt(
      kafka,
      process.env.SCHEMA_REGISTRY_URL!,
      nominalId,
      version,
    );
    expect(changed).toMatchObject({
      currentAddress: { addressId: 'home' },
      otherCurrentAddresses: [expect.objectContaining({ addressId: 'stay' })],
      latestRiskAssessment: { assessmentId: 'oasys-e2e', riskOfSeriousHarm: 'HIGH' },
      riskOfSeriousHarm: { level: 'HIGH', setting: 'COMMUNITY', groups: ['CHILDREN'] },
      reconvictionRisk: { assessmentId: 'rm2000-e2e', tool: 'RM2000' },
      riskManagementPlan: { planId: 'rmp-e2e', planVersion: 2 },
    });
    expect(changed.latestRiskAssessments.map((item) => item.tool)).toEqual(['RM2000', 'OASYS']);
  });
});
