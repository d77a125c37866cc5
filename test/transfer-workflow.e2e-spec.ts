import {
  syntheticNominalId,
  syntheticRegistration,
  eventually,
  type Principal,
} from '@hub/testing';
import { OverdueSweep } from '../apps/transfer-coordinator/src/escalation/overdue-sweep';
import { startTransferCoordinator, type RunningApp } from './support/hub-apps';
import { headersOf } from './support/hub-callers';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';
import { eventsOnTopic } from './support/topic-events';

/**
 * The transfer workflow end to end: the registry and the transfer coordinator in-process on the
 * real Kafka, schema registry, database and identity provider, each on a database of its own.
 */

const sendingRecordManager: Principal = { user: 'probation-greater-manchester.record-manager' };
const sendingCoordinator: Principal = { user: 'probation-greater-manchester.transfer-coordinator' };
const receivingCoordinator: Principal = { user: 'police-scotland.transfer-coordinator' };
const receivingPractitioner: Principal = { user: 'social-work-city-of-edinburgh.practitioner' };
const otherAreaCoordinator: Principal = { user: 'police-kent.transfer-coordinator' };
const sendingPractitioner: Principal = { user: 'probation-greater-manchester.practitioner' };

const receivingRecordManager = {
  name: 'Morgan Example',
  agency: 'SOCIAL_WORK',
  role: 'Justice social worker',
  contact: null,
};
const acceptance = {
  leadAgency: 'SOCIAL_WORK',
  organisation: 'social-work-city-of-edinburgh',
  recordManager: receivingRecordManager,
};

interface TransferBody {
  transferId: string;
  state: string;
  version: number;
  nextSteps: string[];
  escalation: number;
  overdue: boolean;
  history: { step: string }[];
  victimLiaison: { notificationId: string; area: string; acknowledgedAt: string | null }[];
  receivingTerms: { legislation: string; category: string | null; level: string | null };
}

/** A clock the test moves on: overdue steps without waiting days. */
let clockOffsetMs = 0;
const testClock = (): Date => new Date(Date.now() + clockOffsetMs);
const workingDaysMs = (days: number): number => days * 24 * 60 * 60 * 1000;

describe('transfers between areas and across UK borders', () => {
  let fixture: RegistryFixture;
  let coordinator: RunningApp;

  const call = async (
    principal: Principal | null,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: TransferBody & Record<string, unknown> }> => {
    const response = await fetch(`${coordinator.url}${path}`, {
      method,
      headers: {
        ...(principal ? await headersOf(principal) : {}),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as TransferBody & Record<string, unknown>,
    };
  };

  const step = async (
    principal: Principal,
    transferId: string,
    command: string,
    body: unknown = {},
  ) => {
    const result = await call(principal, 'POST', `/v1/transfers/${transferId}/${command}`, body);
    if (result.status !== 200)
      throw new Error(`${command}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };

  /** A person managed by probation in Greater Manchester, at `level`, with victims in the scheme if asked. */
  async function managedPerson(
    options: { level?: string; victims?: boolean } = {},
  ): Promise<string> {
    const nominalId = syntheticNominalId();
    await fixture.events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, {
        leadAgency: 'PROBATION',
        managingArea: 'Greater Manchester',
      }),
    );
    await fixture.events.publish('mappa.category-level.set.v1', {
      nominalId,
      category: 'CATEGORY_1',
      level: options.level ?? 'LEVEL_1',
      jurisdiction: 'ENGLAND_AND_WALES',
      basis: 'NOTIFICATION_REQUIREMENTS',
      effectiveOn: '2026-01-05',
    });
    await fixture.events.publish('mappa.management.assigned.v1', {
      nominalId,
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: { name: 'Alex Example', agency: 'PROBATION' },
      effectiveOn: '2026-01-05',
      ...(options.victims && {
        victimContact: {
          scheme: 'VICTIM_CONTACT_SCHEME',
          contactUnit: 'Greater Manchester Victim Liaison Unit',
        },
      }),
    });
    await fixture.client.recordWhen(
      nominalId,
      (record) => JSON.stringify(record).includes('Alex Example'),
      'has its management',
    );
    return nominalId;
  }

  /** Requests a transfer once the coordinator has heard of the person from the registry. */
  async function request(
    nominalId: string,
    overrides: Record<string, unknown> = {},
  ): Promise<TransferBody> {
    return eventually(`the coordinator to accept a transfer of ${nominalId}`, async () => {
      const result = await call(sendingRecordManager, 'POST', '/v1/transfers', {
        nominalId,
        kind: 'PERMANENT',
        reason: 'Moving to live with a family member',
        receivingArea: 'Lothian and Borders',
        expectedMoveOn: '2027-01-11',
        ...overrides,
      });
      if (result.status === 404) return undefined;
      if (result.status !== 201)
        throw new Error(`request: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body;
    });
  }

  async function accepted(
    nominalId: string,
    overrides: Record<string, unknown> = {},
  ): Promise<TransferBody> {
    const { transferId } = await request(nominalId, overrides);
    await step(receivingCoordinator, transferId, 'acknowledge');
    await step(receivingCoordinator, transferId, 'start-consultation');
    await step(receivingCoordinator, transferId, 'record-consultation', {
      with: 'RECEIVING_POLICE',
      outcome: 'No objection; local officer assigned',
    });
    await step(receivingCoordinator, transferId, 'record-consultation', {
      with: 'RECEIVING_LEAD_AGENCY',
      outcome: 'Justice social work will supervise',
    });
    return step(receivingCoordinator, transferId, 'accept', acceptance);
  }

  beforeAll(async () => {
    fixture = await openRegistryFixture('transfers');
    coordinator = await startTransferCoordinator(
      {
        MONGO_DATABASE: `${fixture.run}_transfers`,
        AUDIT_MONGO_DATABASE: fixture.run,
        TRANSFER_CONSUMER_GROUP: `transfer-coordinator.${fixture.run}`,
        TRANSFER_NEW_GROUP_STARTS_AT: 'latest',
        // The test runs the sweep itself, at the times it sets.
        TRANSFER_OVERDUE_SWEEP_MS: '3600000',
      },
      { clock: testClock },
    );
  }, 180_000);

  afterAll(async () => {
    await coordinator?.close();
    await fixture?.mongo.db(`${fixture.run}_transfers`).dropDatabase();
    await fixture?.close();
  });

  afterEach(() => {
    clockOffsetMs = 0;
  });

  it('moves a person from England and Wales to Scotland: request to completion, the record and access follow', async () => {
    const nominalId = await managedPerson();
    const requested = await request(nominalId);
    expect(requested).toMatchObject({
      state: 'REQUESTED',
      nextSteps: ['acknowledge', 'cancel', 'withdraw'],
      receivingTerms: {
        legislation: expect.stringMatching(
          /Management of Offenders etc\. \(Scotland\) Act 2005/,
        ) as unknown,
        category: 'MAPPA category 1 (registered sex offenders)',
        level: 'MAPPA level 1',
      },
    });
    const { transferId } = requested;

    // Illegal step: 409 naming the state and what may come next.
    const early = await call(
      receivingCoordinator,
      'POST',
      `/v1/transfers/${transferId}/accept`,
      acceptance,
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      state: 'REQUESTED',
      allowedNextSteps: ['acknowledge', 'cancel', 'withdraw'],
    });
    // An area that is neither side may not act, nor read.
    expect(
      (await call(otherAreaCoordinator, 'POST', `/v1/transfers/${transferId}/acknowledge`, {}))
        .status,
    ).toBe(403);
    expect((await call(otherAreaCoordinator, 'GET', `/v1/transfers/${transferId}`)).status).toBe(
      403,
    );
    // The sending area cannot acknowledge its own request.
    expect(
      (await call(sendingCoordinator, 'POST', `/v1/transfers/${transferId}/acknowledge`, {}))
        .status,
    ).toBe(403);

    await step(receivingCoordinator, transferId, 'acknowledge');
    await step(receivingCoordinator, transferId, 'start-consultation');
    await step(receivingCoordinator, transferId, 'record-consultation', {
      with: 'RECEIVING_POLICE',
      outcome: 'No objection',
    });
    await step(receivingCoordinator, transferId, 'record-consultation', {
      with: 'RECEIVING_LEAD_AGENCY',
      outcome: 'Will supervise',
    });
    await step(receivingCoordinator, transferId, 'accept', acceptance);

    // Before interim co-management the receiving area's staff cannot open the record.
    expect(
      await fixture.client.as(receivingPractitioner, undefined).record(nominalId),
    ).toMatchObject({ view: 'national-search' });
    await step(sendingCoordinator, transferId, 'begin-co-management');
    // During it both areas see the full record.
    await fixture.client
      .as(receivingPractitioner, undefined)
      .recordWhen(
        nominalId,
        (record) => record.view !== 'national-search',
        'is open to the receiving area',
      );

    // Effective today (the default): a completion dated later takes effect on its day.
    const completed = await step(receivingCoordinator, transferId, 'complete');
    expect(completed).toMatchObject({ state: 'COMPLETED', nextSteps: [] });
    const record = await fixture.client.recordWhen(
      nominalId,
      (found) =>
        (found.management as { managingArea?: string }).managingArea === 'Lothian and Borders',
      'is managed in Lothian and Borders',
    );
    expect(record).toMatchObject({
      management: {
        leadAgency: 'SOCIAL_WORK',
        managingArea: 'Lothian and Borders',
        jurisdiction: 'SCOTLAND',
        recordManager: { name: 'Morgan Example' },
      },
    });
    // Access follows: the new area manages, the old one sees the national search view.
    expect(
      await fixture.client.as(receivingPractitioner, undefined).record(nominalId),
    ).not.toMatchObject({ view: 'national-search' });
    expect(await fixture.client.as(sendingPractitioner, undefined).record(nominalId)).toMatchObject(
      { view: 'national-search' },
    );
    // Every step is on the transfer topic, in order.
    const steps = await eventsOnTopic(
      fixture.kafka,
      'transfer.step.recorded.v1',
      nominalId,
      (event) => event.transferId === transferId,
      8,
    );
    expect(steps.map((event) => event.step)).toEqual([
      'REQUESTED',
      'ACKNOWLEDGED',
      'CONSULTATION_STARTED',
      'CONSULTATION_RECORDED',
      'CONSULTATION_RECORDED',
      'ACCEPTED',
      'CO_MANAGEMENT_BEGUN',
      'COMPLETED',
    ]);
  });

  it('lets exactly one of two coordinators acting at once win; the other gets a 409', async () => {
    const { transferId } = await request(await managedPerson());
    const [first, second] = await Promise.all([
      call(receivingCoordinator, 'POST', `/v1/transfers/${transferId}/acknowledge`, {
        note: 'first',
      }),
      call(
        { user: 'social-work-city-of-edinburgh.record-manager' },
        'POST',
        `/v1/transfers/${transferId}/acknowledge`,
        { note: 'second' },
      ),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const current = await call(receivingCoordinator, 'GET', `/v1/transfers/${transferId}`);
    expect(current.body.history.filter((entry) => entry.step === 'ACKNOWLEDGED')).toHaveLength(1);
    expect(current.body.version).toBe(2);
  });

  it('refuses an unknown receiving area with a 400 and a second open transfer with a 409', async () => {
    const nominalId = await managedPerson();
    await request(nominalId);
    const unknown = await call(sendingRecordManager, 'POST', '/v1/transfers', {
      nominalId,
      kind: 'PERMANENT',
      reason: 'Moving away',
      receivingArea: 'Atlantis',
      expectedMoveOn: '2027-01-11',
    });
    expect(unknown.status).toBe(400);
    const second = await call(sendingRecordManager, 'POST', '/v1/transfers', {
      nominalId,
      kind: 'PERMANENT',
      reason: 'Moving away',
      receivingArea: 'Belfast',
      expectedMoveOn: '2027-01-11',
    });
    expect(second.status).toBe(409);
  });

  it("escalates a dispute to both areas' co-ordinators without blocking the move", async () => {
    const nominalId = await managedPerson();
    const { transferId } = await request(nominalId);
    await step(receivingCoordinator, transferId, 'acknowledge');
    const disputed = await step(receivingCoordinator, transferId, 'dispute', {
      reason: 'The proposed address is close to a former victim',
    });
    expect(disputed).toMatchObject({
      state: 'DISPUTED',
      escalation: 1,
      nextSteps: ['accept', 'begin-co-management', 'cancel', 'withdraw'],
    });
    const [escalation] = await eventsOnTopic(fixture.kafka, 'transfer.step.overdue.v1', nominalId);
    expect(escalation).toMatchObject({
      transferId,
      step: 'DISPUTE',
      escalation: 'MAPPA_COORDINATORS',
    });
    expect(escalation.notifiedOrganisations).toEqual(
      expect.arrayContaining(['police-scotland', 'probation-greater-manchester']),
    );
    const listed = await call(
      receivingCoordinator,
      'GET',
      `/v1/transfers?escalated=true&nominalId=${nominalId}`,
    );
    expect((listed.body.transfers as TransferBody[]).map((t) => t.transferId)).toEqual([
      transferId,
    ]);
    expect((await step(sendingCoordinator, transferId, 'begin-co-management')).state).toBe(
      'INTERIM_CO_MANAGEMENT',
    );
  });

  it('escalates an overdue step at the first threshold, then to the strategic level', async () => {
    const nominalId = await managedPerson();
    const { transferId } = await request(nominalId);
    const sweep = coordinator.app.get(OverdueSweep);
    // E&W → Scotland acknowledgement: due in 3 working days, strategic after 7 (at most 11 days).
    clockOffsetMs = workingDaysMs(6);
    await sweep.runOnce();
    const overdue = await call(
      receivingCoordinator,
      'GET',
      `/v1/transfers?overdue=true&nominalId=${nominalId}`,
    );
    expect((overdue.body.transfers as TransferBody[])[0]).toMatchObject({
      transferId,
      escalation: 1,
      overdue: true,
    });
    clockOffsetMs = workingDaysMs(12);
    await sweep.runOnce();
    await sweep.runOnce();
    const events = await eventsOnTopic(
      fixture.kafka,
      'transfer.step.overdue.v1',
      nominalId,
      (event) => event.transferId === transferId,
      2,
    );
    expect(events.map((event) => [event.step, event.escalation])).toEqual([
      ['ACKNOWLEDGEMENT', 'MAPPA_COORDINATORS'],
      ['ACKNOWLEDGEMENT', 'STRATEGIC_MANAGEMENT_BOARD'],
    ]);
  });

  it("ends a temporary transfer with the person's return, the managing area unchanged", async () => {
    const nominalId = await managedPerson();
    const { transferId } = await accepted(nominalId, {
      kind: 'TEMPORARY',
      reason: 'Hospital leave',
      expectedReturnOn: '2027-02-01',
    });
    await step(sendingCoordinator, transferId, 'begin-co-management');
    expect(
      (await call(receivingCoordinator, 'POST', `/v1/transfers/${transferId}/complete`, {})).status,
    ).toBe(409);
    const returned = await step(sendingCoordinator, transferId, 'return', {
      effectiveOn: '2027-02-01',
    });
    expect(returned.state).toBe('RETURNED');
    const record = await fixture.client.recordWhen(
      nominalId,
      (found) => JSON.stringify(found).includes('"openTransfer":null'),
      'has no open transfer',
    );
    expect(record).toMatchObject({
      management: { managingArea: 'Greater Manchester', leadAgency: 'PROBATION' },
    });
  });

  it("tells both areas' victim liaison units and tracks their acknowledgements", async () => {
    const nominalId = await managedPerson({ victims: true });
    const requested = await request(nominalId, {
      licenceExclusionZones:
        'The exclusion zone around Salford no longer applies; a new one is proposed',
    });
    expect(requested.victimLiaison.map((notice) => notice.area)).toEqual([
      'Greater Manchester',
      'Lothian and Borders',
    ]);
    const notifications = await eventsOnTopic(
      fixture.kafka,
      'transfer.victim-liaison.notified.v1',
      nominalId,
      () => true,
      2,
    );
    expect(
      notifications.map((event) => [event.area, event.occasion, event.victimContact.contactUnit]),
    ).toEqual([
      ['Greater Manchester', 'TRANSFER_REQUESTED', 'Greater Manchester Victim Liaison Unit'],
      ['Lothian and Borders', 'TRANSFER_REQUESTED', 'Greater Manchester Victim Liaison Unit'],
    ]);
    expect(notifications[1].licenceExclusionZones).toMatch(/Salford/);
    const scottish = requested.victimLiaison[1].notificationId;
    const path = `/v1/transfers/${requested.transferId}/victim-liaison/${scottish}/acknowledge`;
    expect(
      (await call({ user: 'probation-kent-surrey-and-sussex.practitioner' }, 'POST', path)).status,
    ).toBe(403);
    const acknowledged = await call(receivingPractitioner, 'POST', path);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.victimLiaison[1].acknowledgedAt).not.toBeNull();
    expect((await call(receivingPractitioner, 'POST', path)).status).toBe(409);
  });
});
