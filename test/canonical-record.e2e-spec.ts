import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import { parseSchemaFiles } from '@hub/contracts';
import { eventually, syntheticNominalId, syntheticRegistration } from '@hub/testing';
import { changedRecordAt } from './support/changed-records';
import type { HubEventStream } from './support/hub-event-stream';
import type { RecordView, RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

const practitioner = (name: string, agency: string) => ({
  name,
  agency,
  role: null,
  contact: null,
});
const address = (addressId: string, from: string, to: string | null = null) => ({
  addressId,
  type: 'HOME',
  lines: ['1 Synthetic Street'],
  town: 'Exampletown',
  postcode: 'ZZ1 1ZZ',
  area: 'Greater Manchester',
  jurisdiction: 'ENGLAND_AND_WALES',
  from,
  to,
});

describe('the canonical record, built from every event type', () => {
  let hub: RegistryFixture;
  let client: RegistryClient;
  let events: HubEventStream;
  let kafka: Kafka;
  let mongo: MongoClient;
  let run: string;

  beforeAll(async () => {
    hub = await openRegistryFixture('record');
    ({ client, events, kafka, mongo, run } = hub);
  });

  afterAll(() => hub?.close());

  const register = async (overrides: Record<string, unknown> = {}) => {
    const nominalId = syntheticNominalId();
    const registered = await events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, overrides),
    );
    await client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');
    return { nominalId, registrationId: registered.eventId };
  };

  it('applies each event type to the record and lists it in the timeline', async () => {
    const { nominalId } = await register({
      name: { givenNames: ['Robin'], familyName: 'Examplesson' },
      identifiers: [{ type: 'PNC_ID', value: '99/123456Z', issuedBy: 'POLICE' }],
    });
    const facts: [Parameters<HubEventStream['publish']>[0], Record<string, unknown>][] = [
      [
        'mappa.personal-details.changed.v1',
        {
          name: { givenNames: ['Robin', 'Lee'], familyName: 'Examplesson' },
          aliasesAdded: [{ givenNames: ['Bob'], familyName: 'Sampleton' }],
        },
      ],
      [
        'mappa.agency-identifier.linked.v1',
        { identifier: { type: 'CRO_NUMBER', value: '000001/99X', issuedBy: 'POLICE' } },
      ],
      [
        'mappa.category-level.set.v1',
        { category: 'CATEGORY_1', level: 'LEVEL_2', jurisdiction: 'ENGLAND_AND_WALES' },
      ],
      [
        'mappa.management.assigned.v1',
        {
          leadAgency: 'PROBATION',
          managingArea: 'Greater Manchester',
          jurisdiction: 'ENGLAND_AND_WALES',
          recordManager: practitioner('Officer Synthetic', 'PROBATION'),
          coManagers: [practitioner('DC Example', 'POLICE')],
        },
      ],
      ['mappa.address.recorded.v1', { address: address('addr-1', '2024-01-01') }],
      [
        'mappa.risk-assessment.recorded.v1',
        {
          assessmentId: 'ra-1',
          tool: 'OASYS',
          riskOfSeriousHarm: 'HIGH',
          assessedOn: '2025-03-01',
          nextReviewOn: '2025-09-01',
        },
      ],
      [
        'mappa.risk-management-plan.published.v1',
        {
          planId: 'rmp-1',
          planVersion: 1,
          summary: 'Exclusion zone and curfew (synthetic).',
          actions: [{ description: 'Home visit', ownerAgency: 'POLICE', dueOn: '2025-04-01' }],
        },
      ],
      [
        'mappa.meeting.held.v1',
        {
          meetingId: 'mtg-1',
          level: 'LEVEL_2',
          heldOn: '2025-03-10',
          attendees: [
            practitioner('Chair Example', 'PROBATION'),
            practitioner('DS Test', 'POLICE'),
          ],
          minutes: 'Synthetic minutes.',
        },
      ],
      [
        'police.intelligence.shared.v1',
        {
          text: 'Seen near a school gate (synthetic).',
          sourceEvaluation: 'RELIABLE',
          intelligenceAssessment: 'KNOWN_DIRECTLY',
          handlingCode: 'P',
        },
      ],
      [
        'police.rso-notification.received.v1',
        {
          notificationId: 'n-1',
          kind: 'FOREIGN_TRAVEL',
          notifiedOn: '2025-05-05',
          dueBy: '2025-05-03',
          // Notified 3 days before departure: late by the hub's 7-day rule, whatever the producer said.
          travel: { destinationCountry: 'Exampleland', departOn: '2025-05-08', returnOn: null },
        },
      ],
      [
        'prison.custody-event.recorded.v1',
        { kind: 'ADMITTED', establishment: 'HMP Example', prisonNumber: 'A0000ZZ' },
      ],
      [
        'probation.supervision-event.recorded.v1',
        { kind: 'LICENCE_STARTED', orderType: 'Licence (synthetic)' },
      ],
      [
        'health.restricted-patient-event.recorded.v1',
        { kind: 'DETAINED', hospital: 'Example Secure Unit', effectiveOn: '2025-01-02' },
      ],
    ];
    for (const [topic, body] of facts) await events.publish(topic, { nominalId, ...body });

    const record = await client.recordWhen(
      nominalId,
      (view) => view.version === 1 + facts.length,
      `to apply all ${facts.length} facts`,
    );
    expect(record).toMatchObject({
      status: 'ACTIVE',
      name: { givenNames: ['Robin', 'Lee'], familyName: 'Examplesson' },
      aliases: expect.arrayContaining([
        { givenNames: ['Robin'], familyName: 'Examplesson' },
        { givenNames: ['Bob'], familyName: 'Sampleton' },
      ]) as unknown,
      identifiers: expect.arrayContaining([
        expect.objectContaining({ type: 'PNC_ID', value: '99/123456Z' }),
        expect.objectContaining({ type: 'CRO_NUMBER', value: '000001/99X' }),
        expect.objectContaining({ type: 'PRISON_NUMBER', value: 'A0000ZZ' }),
      ]) as unknown,
      mappa: {
        category: 'CATEGORY_1',
        categoryName: 'Registered sexual offenders',
        level: 'LEVEL_2',
        jurisdiction: 'ENGLAND_AND_WALES',
      },
      management: { leadAgency: 'PROBATION', recordManager: { name: 'Officer Synthetic' } },
      custody: { state: 'IN_CUSTODY', establishment: 'HMP Example' },
      supervision: { state: 'ON_LICENCE', breachCount: 0 },
      restrictedPatient: { state: 'DETAINED', hospital: 'Example Secure Unit' },
      riskAssessments: [
        expect.objectContaining({ assessmentId: 'ra-1', riskOfSeriousHarm: 'HIGH' }),
      ],
      riskManagementPlans: [expect.objectContaining({ planId: 'rmp-1', planVersion: 1 })],
      // Data governance reads by break glass: minutes are for the managing organisation and those
      // who attended (test/api-access.e2e-spec.ts shows who sees them).
      meetings: [
        expect.objectContaining({
          meetingId: 'mtg-1',
          minutes: expect.stringMatching(/^withheld/) as unknown,
        }),
      ],
      intelligence: [expect.objectContaining({ text: 'Seen near a school gate (synthetic).' })],
      notifications: [expect.objectContaining({ notificationId: 'n-1', late: true })],
      addresses: [expect.objectContaining({ addressId: 'addr-1', town: 'Exampletown' })],
    });

    const timeline = await client.timeline(nominalId, '&order=asc');
    expect(timeline.map((entry) => entry.eventType).sort()).toEqual(
      [
        'NominalRegistered',
        'PersonalDetailsChanged',
        'AgencyIdentifierLinked',
        'MappaCategoryAndLevelSet',
        'RecordManagementAssigned',
        'AddressRecorded',
        'RiskAssessmentRecorded',
        'RiskManagementPlanPublished',
        'MappaMeetingHeld',
        'IntelligenceShared',
        'RsoNotificationReceived',
        'CustodyEventRecorded',
        'SupervisionEventRecorded',
        'RestrictedPatientEventRecorded',
      ].sort(),
    );
    expect(
      timeline.find((entry) => entry.eventType === 'RsoNotificationReceived')?.summary,
    ).toMatch(/LATE/);
    const custodyOnly = await client.timeline(nominalId, '&eventType=CustodyEventRecorded');
    expect(custodyOnly.map((entry) => entry.summary)).toEqual(['Admitted to HMP Example']);
  });

  it('applies a redelivered event once', async () => {
    const { nominalId } = await register();
    const value = events.valueOf('mappa.address.recorded.v1', {
      nominalId,
      address: address('addr-r', '2023-05-01'),
    });
    await events.publishValue('mappa.address.recorded.v1', value);
    await events.publishValue('mappa.address.recorded.v1', value);
    const marker = await events.publish('mappa.agency-identifier.linked.v1', {
      nominalId,
      identifier: { type: 'NHS_NUMBER', value: '999 000 0001', issuedBy: 'HEALTH' },
    });
    // The identifier came after both copies on their own topics; once the record has it and the
    // address, the duplicate had every chance to be applied.
    const record = await client.recordWhen(
      nominalId,
      (view) =>
        (view.identifiers as { type: string }[]).some((id) => id.type === 'NHS_NUMBER') &&
        (view.addresses as unknown[]).length > 0,
      'to have the address and the identifier',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const settled = (await client.record(nominalId))!;
    expect(settled.version).toBe(3);
    expect(record.addresses).toHaveLength(1);
    const timeline = await client.timeline(nominalId);
    expect(timeline.filter((entry) => entry.eventId === value.metadata.eventId)).toHaveLength(1);
    expect(timeline.map((entry) => entry.eventId)).toContain(marker.eventId);
  });

  it('parks an event for a nominal not registered yet, and applies it once the nominal is', async () => {
    const nominalId = syntheticNominalId();
    const early = await events.publish('mappa.risk-assessment.recorded.v1', {
      nominalId,
      assessmentId: 'ra-early',
      tool: 'RM2000',
      riskOfSeriousHarm: 'MEDIUM',
      assessedOn: '2025-02-02',
    });
    const parked = mongo.db(run).collection('parked_events');
    await eventually('the early event to be parked', async () =>
      (await parked.findOne({ _id: early.eventId as never })) ? true : undefined,
    );
    expect(await client.record(nominalId)).toBeUndefined();

    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    const record = await client.recordWhen(
      nominalId,
      (view) => view.version === 2,
      'to apply the parked event',
    );
    expect(record.riskAssessments).toEqual([expect.objectContaining({ assessmentId: 'ra-early' })]);
    // Released once the batch's writes are done: just after the record shows it.
    await eventually('the parked event to be released', async () =>
      (await parked.countDocuments({ nominalId })) === 0 ? true : undefined,
    );
  });

  it('parks a replayed dead letter, whose header names are not field names, and applies it later', async () => {
    const nominalId = syntheticNominalId();
    const replayed = await events.publish(
      'police.intelligence.shared.v1',
      {
        nominalId,
        text: 'Replayed after a fix (synthetic).',
        sourceEvaluation: 'RELIABLE',
        intelligenceAssessment: 'KNOWN_INDIRECTLY_CORROBORATED',
        handlingCode: 'P',
      },
      { 'hub.replayed-from': 'registry.event.dead-lettered.v1/0/42', 'hub.attempts': '5' },
    );
    const parked = mongo.db(run).collection('parked_events');
    const stored = await eventually(
      'the replayed event to be parked',
      async () => (await parked.findOne({ _id: replayed.eventId as never })) ?? undefined,
    );
    expect(stored.headers).toEqual(
      expect.arrayContaining([
        { name: 'hub.replayed-from', value: 'registry.event.dead-lettered.v1/0/42' },
      ]),
    );

    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    const record = await client.recordWhen(
      nominalId,
      (view) => view.version === 2,
      'to apply the replayed event',
    );
    expect(record.intelligence).toEqual([
      expect.objectContaining({ text: 'Replayed after a fix (synthetic).' }),
    ]);
  });

  it('publishes the full current record on the changed-record topic after every change', async () => {
    const { nominalId } = await register();
    await events.publish('mappa.category-level.set.v1', {
      nominalId,
      category: 'RESTRICTED_PATIENTS',
      level: 'LEVEL_1',
      jurisdiction: 'SCOTLAND',
    });
    const record = await client.recordWhen(
      nominalId,
      (view) => view.version === 2,
      'to be categorised',
    );
    const changed = await changedRecordAt(kafka, process.env.SCHEMA_REGISTRY_URL!, nominalId, 2);
    expect(changed).toMatchObject({
      nominalId,
      version: 2,
      status: 'ACTIVE',
      mappa: {
        category: 'RESTRICTED_PATIENTS',
        categoryName: 'Restricted patients',
        jurisdiction: 'SCOTLAND',
      },
      name: record.name,
      dateOfBirth: record.dateOfBirth,
    });
    expect(parseSchemaFiles().get('org.mappahub.registry.NominalChanged')!.isValid(changed)).toBe(
      true,
    );
  });

  it('archives and re-activates a record through commands, with reasons', async () => {
    const { nominalId } = await register();
    const bad = await client.post(`/v1/nominals/${nominalId}/archive`, {});
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/reason/);

    const archive = await client.post(`/v1/nominals/${nominalId}/archive`, {
      reason: 'No longer meets the MAPPA criteria (synthetic)',
    });
    expect(archive.status).toBe(202);
    const archived = await client.recordWhen(
      nominalId,
      (view) => view.status === 'ARCHIVED',
      'to be archived',
    );
    expect(archived.archive).toMatchObject({
      reason: 'No longer meets the MAPPA criteria (synthetic)',
      archivedBy: 'hub.data-governance',
    });
    expect(
      (
        await client.post(`/v1/nominals/${nominalId}/archive`, {
          reason: 'again',
        })
      ).status,
    ).toBe(409);

    const reactivate = await client.post(`/v1/nominals/${nominalId}/reactivate`, {
      reason: 'Convicted of a new offence (synthetic)',
    });
    expect(reactivate.status).toBe(202);
    await client.recordWhen(
      nominalId,
      (view) => view.status === 'ACTIVE' && view.version === 3,
      'to be active again',
    );
    const summaries = (await client.timeline(nominalId)).map((entry) => entry.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Record archived by hub.data-governance: No longer meets the MAPPA criteria (synthetic)',
        'Record re-activated by hub.data-governance: Convicted of a new offence (synthetic)',
      ]),
    );
    expect((await client.post('/v1/nominals/NOM-NOT-THERE/archive', { reason: 'x' })).status).toBe(
      404,
    );
  });

  it('flags a likely duplicate at registration and merges it, keeping both histories', async () => {
    const shared = { dateOfBirth: '1971-07-17', identifiers: [] };
    const { nominalId: survivor } = await register({
      ...shared,
      name: { givenNames: ['Jonathan'], familyName: 'Fictional' },
    });
    const { nominalId: retired } = await register({
      ...shared,
      name: { givenNames: ['Jonathon'], familyName: 'Fictionall' },
    });
    await events.publish('mappa.address.recorded.v1', {
      nominalId: retired,
      address: address('addr-m', '2022-02-02'),
    });
    await client.recordWhen(retired, (view) => view.version === 2, 'to have its address');

    const candidate = await eventually('the pair to be flagged', async () => {
      const response = await client.get('/v1/duplicates?status=OPEN&pageSize=100');
      const { items } = (await response.json()) as {
        items: { id: string; nominalIds: string[]; reasons: string[] }[];
      };
      return items.find(
        (item) => item.nominalIds.includes(survivor) && item.nominalIds.includes(retired),
      );
    });
    expect(candidate.reasons.join(' ')).toMatch(/same date of birth and a similar name/);

    const noSurvivor = await client.post(`/v1/duplicates/${candidate.id}/decision`, {
      decision: 'MERGED',
      reason: 'Same person',
    });
    expect(noSurvivor.status).toBe(400);
    const decided = await client.post(`/v1/duplicates/${candidate.id}/decision`, {
      decision: 'MERGED',
      survivorId: survivor,
      reason: 'Same person: custody photographs match (synthetic)',
    });
    expect(decided.status).toBe(202);

    const merged = await client.recordWhen(
      survivor,
      (view) => (view.mergedFrom as string[]).includes(retired),
      'to have the retired record merged in',
    );
    expect(merged.aliases).toEqual(
      expect.arrayContaining([{ givenNames: ['Jonathon'], familyName: 'Fictionall' }]),
    );
    const redirect = await client.get(`/v1/nominals/${retired}`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe(`/v1/nominals/${survivor}`);

    const timeline = await client.timeline(survivor);
    expect(timeline.map((entry) => entry.eventType)).toEqual(
      expect.arrayContaining(['NominalRegistered', 'AddressRecorded', 'DuplicateResolved']),
    );
    expect(new Set(timeline.map((entry) => entry.nominalId))).toEqual(new Set([survivor, retired]));

    // Later facts about the retired id land on the survivor.
    await events.publish('mappa.agency-identifier.linked.v1', {
      nominalId: retired,
      identifier: { type: 'PNC_ID', value: '98/000777Q', issuedBy: 'POLICE' },
    });
    await client.recordWhen(
      survivor,
      (view) => (view.identifiers as { value: string }[]).some((id) => id.value === '98/000777Q'),
      'to receive a fact sent to the retired id',
    );
    const status = await eventually('the candidate to be decided', async () => {
      const response = await client.get(`/v1/duplicates/${encodeURIComponent(candidate.id)}`);
      const body = (await response.json()) as { status: string };
      return body.status === 'OPEN' ? undefined : body.status;
    });
    expect(status).toBe('MERGED');
  });

  it('flags records sharing an agency identifier, and links them on request', async () => {
    // A valid check letter: a shared PNC id with a wrong one is not evidence enough on its own.
    const pnc = { type: 'PNC_ID', value: '97/424242H', issuedBy: 'POLICE' };
    const { nominalId: first } = await register({ identifiers: [pnc] });
    const { nominalId: second } = await register({
      identifiers: [{ ...pnc, value: '1997/0424242h' }],
    });
    const candidate = await eventually('the pair to be flagged', async () => {
      const response = await client.get('/v1/duplicates?status=OPEN&pageSize=100');
      const { items } = (await response.json()) as {
        items: { id: string; nominalIds: string[]; reasons: string[] }[];
      };
      return items.find(
        (item) => item.nominalIds.includes(first) && item.nominalIds.includes(second),
      );
    });
    expect(candidate.reasons).toEqual([expect.stringMatching(/shares PNC_ID/)]);
    const decided = await client.post(`/v1/duplicates/${candidate.id}/decision`, {
      decision: 'LINKED',
      reason: 'Twins sharing a PNC record by mistake (synthetic)',
    });
    expect(decided.status).toBe(202);
    const linked = (view: RecordView, other: string) =>
      (view.linkedNominals as string[]).includes(other);
    await client.recordWhen(first, (view) => linked(view, second), 'to be linked');
    await client.recordWhen(second, (view) => linked(view, first), 'to be linked');
  });
});
