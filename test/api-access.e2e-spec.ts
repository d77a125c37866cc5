import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import {
  eventually,
  syntheticNominalId,
  syntheticRegistration,
  type Principal,
} from '@hub/testing';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';
import { verifyChain } from '@hub/security';
import { entryOf, type AuditEntryDocument } from '@hub/persistence';
import { headersOf } from './support/hub-callers';

/**
 * The REST denial matrix: for every role × relation of the caller's organisation to the person
 * (managing, co-managing, other area, other jurisdiction) × endpoint, what the registry answers.
 * The person is managed by probation in Greater Manchester, co-managed by the police there.
 */
const callers = {
  'managing practitioner': { user: 'probation-greater-manchester.practitioner' },
  'managing record manager': { user: 'probation-greater-manchester.record-manager' },
  'co-managing practitioner': { user: 'police-greater-manchester.practitioner' },
  'co-managing record manager': { user: 'police-greater-manchester.record-manager' },
  'other-area practitioner': { user: 'police-west-yorkshire.practitioner' },
  'other-area record manager': { user: 'probation-london.record-manager' },
  'other-jurisdiction practitioner': { user: 'police-scotland.practitioner' },
  'data governance': { user: 'hub.data-governance' },
  auditor: { user: 'hub.auditor' },
  'MI analyst': { user: 'hub.mi-analyst' },
  'agency system': { client: 'police-greater-manchester.records-management-system' },
} satisfies Record<string, Principal>;

type Who = keyof typeof callers;

/** 'full' and 'national-search' are 200s with that view; numbers are statuses. */
type Expected = 'full' | 'national-search' | number;

const managing: Who[] = [
  'managing practitioner',
  'managing record manager',
  'co-managing practitioner',
  'co-managing record manager',
];
const others: Who[] = [
  'other-area practitioner',
  'other-area record manager',
  'other-jurisdiction practitioner',
  'data governance',
];
const noRecordRole: Who[] = ['auditor', 'MI analyst', 'agency system'];

function table(rows: [Who[], Expected][]): Map<Who, Expected> {
  const result = new Map<Who, Expected>();
  for (const [who, expected] of rows) for (const name of who) result.set(name, expected);
  expect(result.size).toBe(Object.keys(callers).length);
  return result;
}

describe('who may do what through the registry API', () => {
  let fixture: RegistryFixture;
  let nominalId: string;
  const url = () => fixture.registry.url;

  /** Every call of this file carries one correlation id and is counted, to match the audit trail. */
  const correlationId = `api-access-${randomUUID()}`;
  let calls = 0;
  const counted = (path: string, init: RequestInit = {}) => {
    calls += 1;
    return fetch(`${url()}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-correlation-id': correlationId },
    });
  };

  const call = async (who: Who, path: string, init: RequestInit & { reason?: string } = {}) => {
    const { reason, ...rest } = init;
    return counted(path, {
      ...rest,
      headers: {
        'content-type': 'application/json',
        ...(await headersOf(callers[who], reason)),
      },
    });
  };

  const outcomeOf = async (response: Response): Promise<Expected> => {
    if (response.status !== 200) return response.status;
    const body = (await response.json()) as { view?: string; items?: { view?: string }[] };
    const view = body.view ?? body.items?.[0]?.view;
    return view === 'full' || view === 'national-search' ? view : 200;
  };

  beforeAll(async () => {
    fixture = await openRegistryFixture('api-access');
    nominalId = syntheticNominalId();
    const police = { name: 'DS Example Officer', agency: 'POLICE', role: 'Detective Sergeant' };
    const probation = {
      name: 'Example Offender Manager',
      agency: 'PROBATION',
      role: 'Offender Manager',
    };
    await fixture.events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, {
        leadAgency: 'PROBATION',
        managingArea: 'Greater Manchester',
        dateOfBirth: '1971-03-09',
      }),
    );
    const metadata = (producingOrganisation: string, producingSystem: string) => ({
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      producingSystem,
      producingOrganisation,
      classification: 'OFFICIAL_SENSITIVE',
    });
    await fixture.events.publish('mappa.management.assigned.v1', {
      metadata: metadata('probation-greater-manchester', 'case-system'),
      nominalId,
      leadAgency: 'PROBATION',
      managingArea: 'Greater Manchester',
      jurisdiction: 'ENGLAND_AND_WALES',
      recordManager: probation,
      coManagers: [police],
    });
    for (const [handlingCode, text] of [
      ['C', 'Covert source reports the subject visits a school gate (synthetic).'],
      ['P', 'Subject seen near a leisure centre (synthetic).'],
    ]) {
      await fixture.events.publish('police.intelligence.shared.v1', {
        metadata: metadata('police-greater-manchester', 'rms'),
        nominalId,
        text,
        sourceEvaluation: 'RELIABLE',
        intelligenceAssessment: 'KNOWN_DIRECTLY',
        handlingCode,
      });
    }
    await fixture.events.publish('mappa.meeting.held.v1', {
      metadata: metadata('probation-greater-manchester', 'case-system'),
      nominalId,
      meetingId: `MTG-${randomUUID().slice(0, 8)}`,
      level: 'LEVEL_2',
      heldOn: '2026-11-20',
      chair: probation,
      attendees: [probation, police],
      minutes: 'Agreed exclusion zone around the school (synthetic minutes).',
    });
    await eventually('the test person to be recorded whole', async () => {
      const response = await call('managing practitioner', `/v1/nominals/${nominalId}`);
      const record =
        response.status === 200
          ? ((await response.json()) as Record<string, unknown[]>)
          : undefined;
      return record && record.intelligence?.length === 2 && record.meetings?.length === 1
        ? true
        : undefined;
    });
  });

  afterAll(() => fixture?.close());

  const expectMatrix = async (
    expected: Map<Who, Expected>,
    request: (who: Who) => Promise<Response>,
  ) => {
    const actual = new Map<Who, Expected>();
    for (const who of expected.keys()) actual.set(who, await outcomeOf(await request(who)));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  };

  it('searching: full results for the organisations managing, the national search view for others', () =>
    expectMatrix(
      table([
        [managing, 'full'],
        [others, 'national-search'],
        [noRecordRole, 403],
      ]),
      (who) => call(who, '/v1/nominals?area=Greater%20Manchester'),
    ));

  it('reading the record: full for managing and co-managing, the search view for others, none for other roles', () =>
    expectMatrix(
      table([
        [managing, 'full'],
        [others, 'national-search'],
        [noRecordRole, 403],
      ]),
      (who) => call(who, `/v1/nominals/${nominalId}`),
    ));

  it('breaking the glass: a reason opens the full record to any search role, never to the others', () =>
    expectMatrix(
      table([
        [[...managing, ...others], 'full'],
        [noRecordRole, 403],
      ]),
      (who) =>
        call(who, `/v1/nominals/${nominalId}`, {
          reason: 'Arrested last night; risk check before interview',
        }),
    ));

  it('reading the timeline: managing and co-managing only, unless a reason is given', async () => {
    await expectMatrix(
      table([
        [managing, 200],
        [others, 403],
        [noRecordRole, 403],
      ]),
      (who) => call(who, `/v1/nominals/${nominalId}/timeline`),
    );
    const refused = await call('other-area practitioner', `/v1/nominals/${nominalId}/timeline`);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /x-access-reason header/,
    );
  });

  it("commands: the managing organisation's record manager and data governance only", () =>
    // The record is not archived: an allowed caller gets 409, which shows it got past the policy.
    expectMatrix(
      table([
        [['managing record manager', 'data governance'], 409],
        [
          [
            'managing practitioner',
            'co-managing practitioner',
            'co-managing record manager',
            'other-area practitioner',
            'other-area record manager',
            'other-jurisdiction practitioner',
            ...noRecordRole,
          ],
          403,
        ],
      ]),
      (who) =>
        call(who, `/v1/nominals/${nominalId}/reactivate`, {
          method: 'POST',
          body: JSON.stringify({ reason: 'denial matrix: reactivation of a live record' }),
        }),
    ));

  it('national queues and the directory: duplicates and dead letters for data governance, audit for auditors', async () => {
    const everyoneBut = (allowed: Who, status: Expected): [Who[], Expected][] => [
      [[allowed], 200],
      [(Object.keys(callers) as Who[]).filter((who) => who !== allowed), status],
    ];
    await expectMatrix(table(everyoneBut('data governance', 403)), (who) =>
      call(who, '/v1/duplicates'),
    );
    await expectMatrix(table(everyoneBut('data governance', 403)), (who) =>
      call(who, '/v1/dead-letters?limit=1'),
    );
    await expectMatrix(table(everyoneBut('auditor', 403)), (who) =>
      call(who, `/v1/audit/entries?nominalId=${nominalId}`),
    );
    await expectMatrix(table([[Object.keys(callers) as Who[], 200]]), (who) =>
      call(who, '/v1/organisations?area=Greater%20Manchester'),
    );
  });

  it('intelligence by handling code and minutes by attendance, in the record and the timeline', async () => {
    type Item = { text?: string; withheld?: boolean; handlingCode: string };
    const intelligence = async (who: Who, reason?: string) => {
      const record = (await (await call(who, `/v1/nominals/${nominalId}`, { reason })).json()) as {
        intelligence: Item[];
        meetings: { minutes: string }[];
      };
      return {
        C: record.intelligence.find((item) => item.handlingCode === 'C'),
        P: record.intelligence.find((item) => item.handlingCode === 'P'),
        minutes: record.meetings[0]?.minutes,
      };
    };
    const police = await intelligence('co-managing practitioner');
    expect(police.C?.text).toMatch(/school gate/);
    expect(police.minutes).toMatch(/exclusion zone/);
    const probation = await intelligence('managing practitioner');
    expect(probation.C).toMatchObject({
      withheld: true,
      ask: [expect.objectContaining({ organisation: 'police-greater-manchester' })],
    });
    expect(probation.C?.text).toBeUndefined();
    expect(probation.P?.text).toMatch(/leisure centre/);
    expect(probation.minutes).toMatch(/exclusion zone/);
    const elsewhere = await intelligence(
      'other-area practitioner',
      'Arrested last night; risk check before interview',
    );
    expect(elsewhere.minutes).toMatch(/^withheld/);

    const timeline = (await (
      await call(
        'managing practitioner',
        `/v1/nominals/${nominalId}/timeline?eventType=IntelligenceShared`,
      )
    ).json()) as {
      items: { details: { text?: string; withheld?: boolean; handlingCode: string } }[];
    };
    expect(timeline.items.map((entry) => entry.details.withheld ?? false).sort()).toEqual([
      false,
      true,
    ]);
    expect(JSON.stringify(timeline.items)).not.toMatch(/school gate/);
  });

  describe('without a valid token: 401, naming the problem', () => {
    const path = () => `/v1/nominals/${nominalId}`;

    it.each([
      ['no token', undefined, /an access token is required/],
      ['a malformed token', 'Bearer abc.def', /not valid/],
      ['another scheme', 'Basic aGVsbG86d29ybGQ=', /must be "Bearer/],
    ])('%s', async (_, authorization, reason) => {
      const response = await counted(path(), {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="mappa-hub"/);
      expect(((await response.json()) as { message: string }).message).toMatch(reason);
    });

    it('a token signed by someone else, with every claim right', async () => {
      const real = await headersOf(callers['managing practitioner']);
      const claims = JSON.parse(
        Buffer.from(real.authorization.split('.')[1], 'base64url').toString(),
      ) as Record<string, unknown>;
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
        .sign(privateKey);
      const response = await counted(path(), {
        headers: { authorization: `Bearer ${forged}` },
      });
      expect(response.status).toBe(401);
    });

    it('an expired token and one for another audience', async () => {
      const real = await headersOf(callers['managing practitioner']);
      const [header, payload, signature] = real.authorization.slice('Bearer '.length).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      // Changing a signed claim breaks the signature: the hub must refuse whichever check fails first.
      for (const changed of [{ exp: 1 }, { aud: 'account' }]) {
        const tampered = Buffer.from(JSON.stringify({ ...claims, ...changed })).toString(
          'base64url',
        );
        const response = await counted(path(), {
          headers: { authorization: `Bearer ${header}.${tampered}.${signature}` },
        });
        expect(response.status).toBe(401);
      }
    });
  });

  describe('the audit trail', () => {
    it('left exactly one audit entry per call above, in an unbroken chain, with refusals and break glass flagged', async () => {
      const entries = fixture.mongo.db(fixture.run).collection<AuditEntryDocument>('audit_entries');
      const ours = await entries.find({ correlationId }).toArray();
      expect(ours).toHaveLength(calls);
      expect(ours.filter((entry) => entry.breakGlass).length).toBeGreaterThan(0);
      expect(
        ours.filter((entry) => entry.outcome === 'refused' && entry.subject === null).length,
      ).toBe(6);
      const everything = await entries.find().sort({ _id: 1 }).toArray();
      expect(verifyChain(everything.map(entryOf))).toMatchObject({ intact: true });
    });
  });
});
