import { eventually, syntheticNominalId, syntheticRegistration } from '@hub/testing';
import type { HubEventStream } from './support/hub-event-stream';
import type { RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

/** A possible duplicate as GET /v1/duplicates lists it. */
interface Candidate {
  id: string;
  nominalIds: [string, string];
  flaggedBy: string;
  reasons: string[];
  evidence: {
    grounds: string[];
    name: {
      similarity: number;
      first: { name: { givenNames: string[]; familyName: string }; kind: string };
      second: { name: { givenNames: string[]; familyName: string }; kind: string };
    };
    dateOfBirth: { match: string; first: { date: string }; second: { date: string } };
    identifiers: {
      type: string;
      agreement: string;
      evidence: string;
      firstValues: string[];
      secondValues: string[];
    }[];
  } | null;
}

// Synthetic people only ("John Smith" / "John Paul Smith" is the issue's own example).
describe('possible duplicates, matched whichever record came first', () => {
  let hub: RegistryFixture;
  let client: RegistryClient;
  let events: HubEventStream;

  beforeAll(async () => {
    hub = await openRegistryFixture('duplicates');
    ({ client, events } = hub);
  });

  afterAll(() => hub?.close());

  const register = async (overrides: Record<string, unknown>) => {
    const nominalId = syntheticNominalId();
    await events.publish('mappa.nominal.registered.v1', {
      ...syntheticRegistration(nominalId, { identifiers: [], ...overrides }),
    });
    await client.recordWhen(nominalId, (record) => record.version >= 1, 'to be registered');
    return nominalId;
  };

  const flagged = (a: string, b: string): Promise<Candidate> =>
    eventually(`${a} and ${b} to be flagged`, async () => {
      const response = await client.get('/v1/duplicates?status=OPEN&pageSize=100');
      const { items } = (await response.json()) as { items: Candidate[] };
      return items.find((item) => item.nominalIds.includes(a) && item.nominalIds.includes(b));
    });

  /** The evidence oriented as (a, b), whichever order the candidate lists them in. */
  const sideOf = (candidate: Candidate, id: string) =>
    candidate.nominalIds[0] === id ? 'first' : 'second';

  it('flags "John Paul Smith" registered after "John Smith" of the same date of birth', async () => {
    const dateOfBirth = '1977-05-21';
    const john = await register({
      name: { givenNames: ['John'], familyName: 'Smith' },
      dateOfBirth,
    });
    const johnPaul = await register({
      name: { givenNames: ['John', 'Paul'], familyName: 'Smith' },
      dateOfBirth,
    });
    const candidate = await flagged(john, johnPaul);
    expect(candidate.flaggedBy).toBe(johnPaul);
    expect(candidate.evidence?.grounds).toEqual(['NAME_AND_DATE_OF_BIRTH']);
    expect(candidate.evidence?.name.similarity).toBeGreaterThanOrEqual(0.85);
    expect(candidate.evidence?.name[sideOf(candidate, johnPaul)]).toEqual({
      name: { givenNames: ['John', 'Paul'], familyName: 'Smith' },
      kind: 'NAME',
    });
    expect(candidate.evidence?.dateOfBirth.match).toBe('EXACT');
    expect(candidate.reasons.join(' ')).toMatch(/same date of birth and a similar name/);
  });

  it('flags a similar name whose date of birth has day and month swapped', async () => {
    const first = await register({
      name: { givenNames: ['Robin'], familyName: 'Exampleton' },
      dateOfBirth: '1983-03-04',
    });
    const second = await register({
      name: { givenNames: ['Robyn'], familyName: 'Exampleton' },
      dateOfBirth: '1983-04-03',
    });
    const candidate = await flagged(first, second);
    expect(candidate.evidence?.dateOfBirth).toMatchObject({ match: 'DAY_MONTH_SWAPPED' });
    expect(candidate.evidence?.dateOfBirth[sideOf(candidate, second)].date).toBe('1983-04-03');
    expect(candidate.reasons.join(' ')).toMatch(/day and month swapped/);
  });

  it('flags a PNC id held in its short and its long form, and shows both', async () => {
    const first = await register({
      name: { givenNames: ['Alex'], familyName: 'Sampleford' },
      dateOfBirth: '1969-11-30',
      identifiers: [{ type: 'PNC_ID', value: '12/345678U', issuedBy: 'POLICE' }],
    });
    const second = await register({
      name: { givenNames: ['Sam'], familyName: 'Otherford' },
      dateOfBirth: '1991-01-15',
      identifiers: [{ type: 'PNC_ID', value: '2012/0345678U', issuedBy: 'PRISON' }],
    });
    const candidate = await flagged(first, second);
    expect(candidate.evidence?.grounds).toEqual(['SHARED_NATIONAL_IDENTIFIER']);
    expect(candidate.evidence?.identifiers).toEqual([
      expect.objectContaining({ type: 'PNC_ID', agreement: 'SAME', evidence: 'STRONG' }),
    ]);
    const values = candidate.evidence?.identifiers[0];
    expect([...(values?.firstValues ?? []), ...(values?.secondValues ?? [])].sort()).toEqual([
      '12/345678U',
      '2012/0345678U',
    ]);
    // The search API finds the record by either form too.
    const search = await client.get('/v1/nominals?identifier=2012%2F0345678U');
    const { items } = (await search.json()) as { items: { id: string }[] };
    expect(items.map((item) => item.id).sort()).toEqual([first, second].sort());
  });

  it('does not flag a shared PNC id with a wrong check character on its own', async () => {
    const pnc = { type: 'PNC_ID', value: '12/345679A', issuedBy: 'POLICE' };
    const first = await register({
      name: { givenNames: ['Charlie'], familyName: 'Testwell' },
      dateOfBirth: '1960-06-01',
      identifiers: [pnc],
    });
    const second = await register({
      name: { givenNames: ['Morgan'], familyName: 'Faketon' },
      dateOfBirth: '1988-08-08',
      identifiers: [pnc],
    });
    // A pair that is flagged, registered after, shows the registry has matched both.
    const third = await register({
      name: { givenNames: ['Morgan'], familyName: 'Faketon' },
      dateOfBirth: '1988-08-08',
    });
    await flagged(second, third);
    const response = await client.get('/v1/duplicates?status=OPEN&pageSize=100');
    const { items } = (await response.json()) as { items: Candidate[] };
    expect(
      items.find((item) => item.nominalIds.includes(first) && item.nominalIds.includes(second)),
    ).toBeUndefined();
    const record = await client.record(first);
    expect(record?.identifiers).toEqual([expect.objectContaining({ value: '12/345679A' })]);
  });

  it('matches a record again under its corrected date of birth', async () => {
    const first = await register({
      name: { givenNames: ['Jamie'], familyName: 'Placeholder' },
      dateOfBirth: '1972-09-19',
    });
    const second = await register({
      name: { givenNames: ['Jamie'], familyName: 'Placeholder' },
      dateOfBirth: '1973-01-01',
    });
    await events.publish('mappa.personal-details.changed.v1', {
      nominalId: second,
      dateOfBirth: '1972-09-19',
      reason: 'data error (synthetic)',
    });
    const candidate = await flagged(first, second);
    expect(candidate.evidence?.dateOfBirth.match).toBe('EXACT');
    const corrected = await client.recordWhen(
      second,
      (view) => view.dateOfBirth === '1972-09-19',
      'to have its date of birth corrected',
    );
    expect(corrected.aliasDatesOfBirth).toEqual(['1973-01-01']);
  });
});
