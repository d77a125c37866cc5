import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { kafkaClientOptionsFromEnv } from '@hub/messaging';
import { eventually, syntheticNominalId } from '@hub/testing';
import { openEventStream, type StreamItem } from '../tools/watch/event-stream';
import { isolatedRunName, startTransferCoordinator, type RunningApp } from './support/hub-apps';
import { headersOf } from './support/hub-callers';
import { HubEventStream } from './support/hub-event-stream';

const sendingArea = 'Greater Manchester';
const receivingArea = 'Lothian and Borders';

/** A stream opened in the background, collecting what it sends until closed. */
interface Watch {
  items: StreamItem[];
  /** Why the stream ended or could not open, once it did. */
  failure?: unknown;
  close(): void;
}

/**
 * The live view, in-process against the real stack: transfer events published on Kafka reach the
 * coordinators of the areas concerned, decoded, and nobody else.
 */
describe('the live view of transfers', () => {
  const run = isolatedRunName('live_view');
  const database = `transfers_${run}`;
  const auditDatabase = `audit_${run}`;
  const kafka = new Kafka({ ...kafkaClientOptionsFromEnv(), logLevel: logLevel.NOTHING });
  const events = new HubEventStream(kafka, process.env.SCHEMA_REGISTRY_URL!);
  const mongo = new MongoClient(process.env.MONGO_URL!);
  const watches: Watch[] = [];
  let coordinator: RunningApp;

  beforeAll(async () => {
    await Promise.all([
      events.open(['transfer.step.recorded.v1', 'transfer.step.overdue.v1']),
      mongo.connect(),
    ]);
    coordinator = await startTransferCoordinator({
      MONGO_DATABASE: database,
      AUDIT_MONGO_DATABASE: auditDatabase,
      TRANSFER_CONSUMER_GROUP: `transfer-coordinator.${run}`,
      TRANSFER_NEW_GROUP_STARTS_AT: 'latest',
    });
  });

  afterAll(async () => {
    for (const watch of watches) watch.close();
    await coordinator?.close();
    await events.close();
    await mongo.db(database).dropDatabase();
    await mongo.db(auditDatabase).dropDatabase();
    await mongo.close();
  });

  const streamUrl = (areas: string[]) =>
    `${coordinator.url}/v1/transfers/stream?${areas.map((area) => `area=${encodeURIComponent(area)}`).join('&')}`;

  async function watch(user: string, areas: string[]): Promise<Watch> {
    const abort = new AbortController();
    const opened: Watch = { items: [], close: () => abort.abort() };
    watches.push(opened);
    void (async () => {
      try {
        for await (const item of openEventStream(streamUrl(areas), {
          headers: await headersOf({ user }),
          signal: abort.signal,
        })) {
          opened.items.push(item);
        }
      } catch (error) {
        opened.failure = error;
      }
    })();
    // The stream's first comment says it is open (and audited).
    await eventually(`${user}'s stream to open`, () => {
      if (opened.failure)
        throw opened.failure instanceof Error
          ? opened.failure
          : new Error('the stream did not open');
      return Promise.resolve(opened.items.length > 0 ? true : undefined);
    });
    return opened;
  }

  const messagesOf = (watch: Watch) =>
    watch.items.flatMap((item) => ('message' in item ? [item.message] : []));

  function stepRecorded(transferId: string) {
    return {
      nominalId: syntheticNominalId(),
      transferId,
      version: 1,
      step: 'REQUESTED',
      state: 'REQUESTED',
      kind: 'PERMANENT',
      reason: 'synthetic: moving to live with family',
      sendingArea,
      sendingJurisdiction: 'ENGLAND_AND_WALES',
      receivingArea,
      receivingJurisdiction: 'SCOTLAND',
      requestingOrganisation: 'police-greater-manchester',
      expectedMoveOn: '2027-03-01',
      receivingTerms: {
        legislation: 'Management of Offenders etc. (Scotland) Act 2005 s10-11',
        category: 'CATEGORY_1',
        level: 'LEVEL_1',
        notes: [],
      },
      dueStep: 'ACKNOWLEDGEMENT',
      dueAt: '2027-02-10T17:00:00.000Z',
      metadata: { producingAgency: 'HUB', producingOrganisation: 'hub' },
    };
  }

  it('streams the transfer events of the watched areas, decoded, and nothing to other areas', async () => {
    const receiving = await watch('police-scotland.transfer-coordinator', [receivingArea]);
    const unrelated = await watch('police-kent.transfer-coordinator', ['Kent']);
    expect(receiving.items[0]).toEqual({ comment: `watching transfers of ${receivingArea}` });

    // The feed's group starts at the end once it has joined: probe until an event gets through.
    await eventually(
      'the live view to consume from the end of the transfer topics',
      async () => {
        const probe = await events.publish('transfer.step.recorded.v1', stepRecorded(randomUUID()));
        await new Promise((resolve) => setTimeout(resolve, 500));
        return messagesOf(receiving).some((message) => message.lastEventId === probe.eventId)
          ? true
          : undefined;
      },
      60_000,
      0,
    );

    const transferId = randomUUID();
    const step = await events.publish('transfer.step.recorded.v1', stepRecorded(transferId));
    const overdue = await events.publish('transfer.step.overdue.v1', {
      nominalId: syntheticNominalId(),
      transferId,
      step: 'ACKNOWLEDGEMENT',
      state: 'REQUESTED',
      dueAt: '2027-02-10T17:00:00.000Z',
      escalation: 'MAPPA_COORDINATORS',
      sendingArea,
      receivingArea,
      notifiedOrganisations: ['police-greater-manchester', 'police-scotland'],
      metadata: { producingAgency: 'HUB', producingOrganisation: 'hub' },
    });

    const [stepMessage, overdueMessage] = await eventually(
      'both events on the receiving area coordinator stream',
      () => {
        const seen = messagesOf(receiving);
        const found = [step.eventId, overdue.eventId].map((id) =>
          seen.find((message) => message.lastEventId === id),
        );
        const [first, second] = found;
        return Promise.resolve(first && second ? ([first, second] as const) : undefined);
      },
    );
    expect(stepMessage.event).toBe('transfer-step');
    expect(JSON.parse(stepMessage.data)).toMatchObject({
      transferId,
      step: 'REQUESTED',
      state: 'REQUESTED',
      sendingArea,
      receivingArea,
      dueStep: 'ACKNOWLEDGEMENT',
      dueAt: '2027-02-10T17:00:00.000Z',
      expectedMoveOn: '2027-03-01',
      metadata: { eventId: step.eventId, producingOrganisation: 'hub' },
    });
    expect(overdueMessage.event).toBe('transfer-overdue');
    expect(JSON.parse(overdueMessage.data)).toMatchObject({
      transferId,
      step: 'ACKNOWLEDGEMENT',
      escalation: 'MAPPA_COORDINATORS',
      dueAt: '2027-02-10T17:00:00.000Z',
      metadata: { eventId: overdue.eventId },
    });

    // Kent's coordinator was watching all along; give its stream time to show anything it would.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    receiving.close();
    unrelated.close();
    expect(unrelated.failure).toBeUndefined();
    expect(unrelated.items).toEqual([{ comment: 'watching transfers of Kent' }]);

    // Each stream is one call in the audit trail, written when it opened.
    const audited = await mongo
      .db(auditDatabase)
      .collection('audit_entries')
      .find({ action: 'transfers.watch' })
      .toArray();
    const summaries = audited
      .map((entry) => ({
        username: entry.username as string,
        outcome: entry.outcome as string,
        query: Object.fromEntries(
          (entry.query as { name: string; value: string }[]).map(({ name, value }) => [
            name,
            value,
          ]),
        ),
      }))
      .sort((a, b) => a.username.localeCompare(b.username));
    expect(summaries).toEqual([
      {
        username: 'police-kent.transfer-coordinator',
        outcome: 'allowed',
        query: { areas: 'Kent', request: 'GET /v1/transfers/stream → 200' },
      },
      {
        username: 'police-scotland.transfer-coordinator',
        outcome: 'allowed',
        query: { areas: receivingArea, request: 'GET /v1/transfers/stream → 200' },
      },
    ]);
  });

  async function refusal(headers: Record<string, string>, areas: string[]) {
    const response = await fetch(streamUrl(areas), { headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      authenticate: response.headers.get('www-authenticate'),
      body: (await response.json()) as { message: string },
    };
  }

  it('refuses an area the caller does not serve with 403 before any stream opens', async () => {
    const answer = await refusal(await headersOf({ user: 'police-kent.transfer-coordinator' }), [
      receivingArea,
    ]);
    expect(answer.status).toBe(403);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.body.message).toContain(`does not serve ${receivingArea}`);
  });

  it('refuses a role without the live view (403), an unknown area (400) and no token (401)', async () => {
    const practitioner = await refusal(await headersOf({ user: 'police-scotland.practitioner' }), [
      receivingArea,
    ]);
    expect(practitioner.status).toBe(403);
    const unknown = await refusal(
      await headersOf({ user: 'police-scotland.transfer-coordinator' }),
      ['Atlantis'],
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('unknown area "Atlantis"');
    const anonymous = await refusal({}, [receivingArea]);
    expect(anonymous.status).toBe(401);
    expect(anonymous.authenticate).toMatch(/^Bearer /);
  });
});
