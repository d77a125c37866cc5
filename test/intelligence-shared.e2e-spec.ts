import { randomUUID } from 'node:crypto';
import { headersOf, testReason } from './support/hub-callers';
import { RegistryClient } from './support/registry-client';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { kafkaClientOptionsFromEnv } from '@hub/messaging';
import {
  eventually,
  findMessage,
  messageCount,
  syntheticIntelligence,
  syntheticNominalId,
  syntheticRegistration,
} from '@hub/testing';
import {
  isolatedRunName,
  startConnector,
  startRegistry,
  type RunningApp,
} from './support/hub-apps';

const topic = 'police.intelligence.shared.v1';

interface NominalView {
  id: string;
  version: number;
  intelligence: { eventId: string; text: string; sharedBy: string; occurredAt: string }[];
}

interface TimelineEntry {
  eventId: string;
  topic: string;
  producingAgency: string;
  correlationId: string;
  nominalVersion: number;
}

describe('police intelligence, from the agency connector to the canonical record', () => {
  let registry: RunningApp;
  let connector: RunningApp;
  let kafka: Kafka;

  beforeAll(async () => {
    // A fresh database and group per run, starting at the end of the topics: replaying the topic's
    // whole history (which grows with every local run) is not what these tests are about.
    const run = isolatedRunName('e2e');
    registry = await startRegistry({
      MONGO_DATABASE: run,
      REGISTRY_CONSUMER_GROUP: `registry.${run}`,
      REGISTRY_NEW_GROUP_STARTS_AT: 'latest',
    });
    connector = await startConnector('POLICE');
    await registryConsumesFromNow();
    kafka = new Kafka({
      ...kafkaClientOptionsFromEnv(),
      logLevel: logLevel.NOTHING,
    });
  });

  /**
   * The police force's system publishes through the connector, and its practitioners read what it
   * shared (C items included: the originator sees its own); the hub's data governance reads the
   * dead letters.
   */
  const policeSystem = { client: 'police-greater-manchester.records-management-system' };
  const police = () =>
    new RegistryClient(
      registry.url,
      { user: 'police-greater-manchester.practitioner' },
      testReason,
    );
  const operator = () => new RegistryClient(registry.url);

  afterAll(async () => {
    await connector?.close();
    await registry?.close();
  });

  const post = async (
    body: unknown,
    headers: Record<string, string> = {},
    eventType = 'intelligence-shared',
  ) =>
    fetch(`${connector.url}/v1/events/${eventType}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await headersOf(policeSystem)),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const recordOf = async (nominalId: string): Promise<NominalView | undefined> => {
    const response = await police().get(`/v1/nominals/${nominalId}`);
    if (response.status === 404) return undefined;
    expect(response.status).toBe(200);
    return (await response.json()) as NominalView;
  };

  /** The record's events, oldest first. */
  const historyOf = async (nominalId: string): Promise<TimelineEntry[]> => {
    const response = await police().get(
      `/v1/nominals/${nominalId}/timeline?order=asc&pageSize=100`,
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: TimelineEntry[] }).items;
  };

  const recordWith = (nominalId: string, eventId: string) =>
    eventually(`nominal ${nominalId} to contain event ${eventId}`, async () => {
      // History first: an entry is written after its record change, so the record read next has it.
      if (!(await recordOf(nominalId))) return undefined;
      const history = await historyOf(nominalId);
      if (!history.some((entry) => entry.eventId === eventId)) return undefined;
      return { record: (await recordOf(nominalId))!, history };
    });

  /** The intelligence entries of a history (the registration is the record's first entry). */
  const intelligenceOf = (history: TimelineEntry[]) =>
    history.filter((entry) => entry.topic === topic);

  /** Registers a synthetic nominal through the police connector and waits for its record. */
  const registered = async (): Promise<string> => {
    const nominalId = syntheticNominalId();
    expect((await post(syntheticRegistration(nominalId), {}, 'nominal-registered')).status).toBe(
      202,
    );
    await eventually(`nominal ${nominalId} to be registered`, () => recordOf(nominalId));
    return nominalId;
  };

  /** "latest" is resolved at the group's first fetch: once one event posted now shows, all later ones will. */
  const registryConsumesFromNow = () =>
    eventually('the registry to consume from the end of the topics', async () => {
      const nominalId = syntheticNominalId();
      expect((await post(syntheticRegistration(nominalId), {}, 'nominal-registered')).status).toBe(
        202,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      return (await recordOf(nominalId)) ? true : undefined;
    });

  it('publishes a valid event and the registry adds it to the record and its history', async () => {
    const nominalId = await registered();
    const body = syntheticIntelligence(nominalId);
    const correlationId = randomUUID();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

    const response = await post(body, {
      'x-correlation-id': correlationId,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { eventId: string; topic: string; offset: string };
    expect(accepted).toMatchObject({ eventId: body.metadata.eventId, topic, nominalId });

    const { record, history } = await recordWith(nominalId, body.metadata.eventId);
    expect(record).toMatchObject({ id: nominalId, version: 2 });
    expect(record.intelligence).toEqual([
      expect.objectContaining({
        eventId: body.metadata.eventId,
        text: body.text,
        sharedBy: 'POLICE',
        occurredAt: body.metadata.occurredAt,
      }),
    ]);
    expect(intelligenceOf(history)).toEqual([
      expect.objectContaining({
        eventId: body.metadata.eventId,
        topic,
        producingAgency: 'POLICE',
        correlationId,
        nominalVersion: 2,
        traceparent: expect.stringMatching(
          new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
        ) as unknown,
      }),
    ]);
  });

  it('answers 400 naming each bad field and publishes nothing', async () => {
    const before = await messageCount(kafka, topic);
    const body = syntheticIntelligence(syntheticNominalId(), { sourceEvaluation: 'VERY_RELIABLE' });
    delete (body as Partial<typeof body>).text;

    const response = await post(body);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { message: string; violations: { field: string }[] };
    expect(problem.message).toContain(topic);
    expect(problem.violations.map((violation) => violation.field).sort()).toEqual([
      'sourceEvaluation',
      'text',
    ]);
    expect(await messageCount(kafka, topic)).toBe(before);
  });

  it('answers 400 for malformed JSON, 401 without a token, 403 for another agency or organisation posing as the producer', async () => {
    const before = await messageCount(kafka, topic);
    expect((await post('{"metadata": ')).status).toBe(400);
    const impostor = syntheticIntelligence(syntheticNominalId());
    const asHealth = await post({
      ...impostor,
      metadata: { ...impostor.metadata, producingAgency: 'HEALTH' },
    });
    expect(asHealth.status).toBe(403);
    expect(await asHealth.text()).toContain('metadata.producingAgency');
    const asAnotherForce = await post({
      ...impostor,
      metadata: { ...impostor.metadata, producingOrganisation: 'police-west-yorkshire' },
    });
    expect(asAnotherForce.status).toBe(403);
    expect(await asAnotherForce.text()).toMatch(/you publish as police-greater-manchester/);
    const anonymous = await fetch(`${connector.url}/v1/events/intelligence-shared`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(impostor),
    });
    expect(anonymous.status).toBe(401);
    expect(await messageCount(kafka, topic)).toBe(before);
  });

  it("refuses a police system's token at the prison connector: it cannot publish prison facts", async () => {
    const prisonConnector = await startConnector('PRISON');
    try {
      const response = await fetch(`${prisonConnector.url}/v1/events/custody-event-recorded`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headersOf(policeSystem)) },
        body: JSON.stringify({ nominalId: syntheticNominalId() }),
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(
        /is a POLICE organisation; this connector publishes for PRISON only/,
      );
    } finally {
      await prisonConnector.close();
    }
  });

  it('answers 404 for an event type the police connector does not publish', async () => {
    const response = await post(
      syntheticIntelligence(syntheticNominalId()),
      {},
      'custody-released',
    );
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('intelligence-shared');
  });

  it('applies an event sent twice only once', async () => {
    const nominalId = await registered();
    const duplicate = syntheticIntelligence(nominalId);
    expect((await post(duplicate)).status).toBe(202);
    expect((await post(duplicate)).status).toBe(202);
    // Events of one nominal are applied in order: once this one is in, both copies were consumed.
    const later = syntheticIntelligence(nominalId);
    expect((await post(later)).status).toBe(202);

    const { record, history } = await recordWith(nominalId, later.metadata.eventId);
    expect(history.map((entry) => entry.eventId)).toEqual(
      expect.arrayContaining([duplicate.metadata.eventId, later.metadata.eventId]),
    );
    expect(intelligenceOf(history)).toHaveLength(2);
    expect(record.intelligence).toHaveLength(2);
    expect(record.version).toBe(3);
  });

  it('dead-letters an undecodable message with its reason and goes on with the next one', async () => {
    const nominalId = await registered();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic,
      messages: [{ key: nominalId, value: Buffer.from('{"not":"avro"}') }],
    });
    await producer.disconnect();
    const good = syntheticIntelligence(nominalId);
    expect((await post(good)).status).toBe(202);

    const { history } = await recordWith(nominalId, good.metadata.eventId);
    expect(intelligenceOf(history)).toHaveLength(1);
    const deadLetter = await findMessage(
      kafka,
      'registry.event.dead-lettered.v1',
      (m) => m.key?.toString() === nominalId,
    );
    expect(deadLetter.value?.toString()).toBe('{"not":"avro"}');
    expect(deadLetter.headers?.['hub.error.class']?.toString()).toBe('UndecodableMessageError');
    expect(deadLetter.headers?.['hub.source.topic']?.toString()).toBe(topic);

    // Operators see it through the registry's API, can inspect it, and can rehearse a replay.
    const listed = (await (
      await operator().get('/v1/dead-letters?errorClass=UndecodableMessageError&limit=10000')
    ).json()) as { id: string; key: string; sourceTopic: string }[];
    const letter = listed.find((entry) => entry.key === nominalId);
    expect(letter).toMatchObject({ sourceTopic: topic });
    const [, partition, offset] = letter!.id.split('/');
    const inspected = (await (
      await operator().get(`/v1/dead-letters/${partition}/${offset}`)
    ).json()) as { undecodable?: string };
    expect(inspected.undecodable).toContain('wire format');
    const rehearsal = await operator().post('/v1/dead-letters/replay', {
      errorClass: 'UndecodableMessageError',
      dryRun: true,
      limit: 10000,
    });
    expect(rehearsal.status).toBe(201);
    expect(((await rehearsal.json()) as { dryRun: boolean }).dryRun).toBe(true);
    const badFilter = await operator().get('/v1/dead-letters?since=yesterday');
    expect(badFilter.status).toBe(400);
    expect(await badFilter.text()).toContain('since');
  });
});
