import type { EventMetadata, EventOf } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import { nominalRegistered } from './identity.projections';
import { mappaCategoryAndLevelSet } from './arrangements.projections';
import { withDerivedFacts } from './derived-facts';
import { custodyEventRecorded, supervisionEventRecorded } from './state-events.projections';
import {
  InapplicableEventError,
  NominalMergedError,
  NominalNotRegisteredError,
} from './projection';
import { duplicateCounterpart, duplicateResolved } from './record-lifecycle.projections';

const metadata = (occurredAt = new Date('2025-01-01T00:00:00Z')): EventMetadata => ({
  eventId: `evt-${Math.random()}`,
  occurredAt,
  producingAgency: 'POLICE',
  producingSystem: 'synthetic',
  producingOrganisation: null,
  actingUser: null,
  correlationId: 'corr',
  causationId: null,
  classification: 'OFFICIAL_SENSITIVE',
});

function registered(
  overrides: Partial<EventOf<'mappa.nominal.registered.v1'>> = {},
): NominalContent {
  return nominalRegistered.project(null, {
    metadata: metadata(),
    nominalId: 'NOM-1',
    name: { givenNames: ['Alex'], familyName: 'Testperson' },
    aliases: [],
    dateOfBirth: '1980-02-03',
    aliasDatesOfBirth: [],
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'POLICE',
    managingArea: 'Lothian and Borders',
    jurisdiction: 'SCOTLAND',
    ...overrides,
  });
}

describe('projections of the canonical record', () => {
  it('refuses a second registration of the same nominal', () => {
    expect(() =>
      nominalRegistered.project(registered(), {
        metadata: metadata(),
        nominalId: 'NOM-1',
        name: { givenNames: ['B'], familyName: 'C' },
        aliases: [],
        dateOfBirth: '1980-02-03',
        aliasDatesOfBirth: [],
        gender: 'MALE',
        identifiers: [],
        leadAgency: 'POLICE',
        managingArea: 'x',
        jurisdiction: 'SCOTLAND',
      }),
    ).toThrow(InapplicableEventError);
  });

  it('makes a fact about an unregistered nominal wait for its registration', () => {
    expect(() =>
      custodyEventRecorded.project(null, {
        metadata: metadata(),
        nominalId: 'NOM-2',
        kind: 'ADMITTED',
        establishment: 'HMP Example',
        previousEstablishment: null,
        releaseDate: null,
        releaseType: null,
        prisonNumber: null,
        effectiveOn: null,
        custodyType: null,
        licenceExpiryOn: null,
        sentenceExpiryOn: null,
      }),
    ).toThrow(NominalNotRegisteredError);
  });

  it('names categories as the jurisdiction does and refuses category 4 outside England and Wales', () => {
    const event = {
      metadata: metadata(),
      nominalId: 'NOM-1',
      category: 'CATEGORY_2' as const,
      level: 'LEVEL_1' as const,
      jurisdiction: 'SCOTLAND' as 'SCOTLAND' | 'ENGLAND_AND_WALES',
      reason: null,
      reviewOn: null,
      effectiveOn: null,
      basis: null,
    };
    const set = (e: typeof event) =>
      withDerivedFacts(mappaCategoryAndLevelSet.project(registered(), e), '2025-01-01');
    expect(set(event).mappa?.categoryName).toBe('Violent offenders');
    expect(set({ ...event, jurisdiction: 'ENGLAND_AND_WALES' }).mappa?.categoryName).toBe(
      'Violent and other sexual offenders',
    );
    expect(() =>
      mappaCategoryAndLevelSet.project(registered(), { ...event, category: 'CATEGORY_4' }),
    ).toThrow(/CATEGORY_4 does not exist in SCOTLAND/);
  });

  it('counts breaches without changing the supervision state, and a recall changes it', () => {
    const base = {
      metadata: metadata(),
      nominalId: 'NOM-1',
      orderType: 'Licence',
      startsOn: null,
      endsOn: null,
      details: null,
      supervisingOfficer: null,
      effectiveOn: null,
    };
    let hour = 0;
    const apply = (record: NominalContent, kind: 'LICENCE_STARTED' | 'BREACH' | 'RECALL') =>
      withDerivedFacts(
        supervisionEventRecorded.project(record, {
          ...base,
          metadata: metadata(new Date(Date.UTC(2025, 0, 1, (hour += 1)))),
          kind,
        }),
        '2025-01-01',
      );
    let record = apply(registered(), 'LICENCE_STARTED');
    record = apply(record, 'BREACH');
    expect(record.supervision).toMatchObject({ state: 'ON_LICENCE', breachCount: 1 });
    record = apply(record, 'RECALL');
    expect(record.supervision).toMatchObject({ state: 'RECALLED', breachCount: 1 });
    expect(record.supervisionEvents).toHaveLength(3);
  });

  it('retires a merged record, redirects later facts, and gives the survivor its names and identifiers', () => {
    const decision = {
      metadata: metadata(),
      nominalId: 'NOM-OLD',
      otherNominalId: 'NOM-NEW',
      decision: 'MERGED' as const,
      reason: 'same person',
    };
    const retired = duplicateResolved.project(
      registered({
        name: { givenNames: ['Jon'], familyName: 'Fictional' },
        identifiers: [{ type: 'PNC_ID', value: '01/1Z', issuedBy: 'POLICE' }],
      }),
      decision,
    );
    expect(retired).toMatchObject({ status: 'MERGED', mergedInto: 'NOM-NEW' });
    expect(() =>
      custodyEventRecorded.project(retired, {
        metadata: metadata(),
        nominalId: 'NOM-OLD',
        kind: 'ADMITTED',
        establishment: 'HMP Example',
        previousEstablishment: null,
        releaseDate: null,
        releaseType: null,
        prisonNumber: null,
        effectiveOn: null,
        custodyType: null,
        licenceExpiryOn: null,
        sentenceExpiryOn: null,
      }),
    ).toThrow(NominalMergedError);

    const survivor = duplicateCounterpart(
      registered({ name: { givenNames: ['John'], familyName: 'Fictional' } }),
      retired,
      decision,
    );
    expect(survivor.aliases).toEqual([{ givenNames: ['Jon'], familyName: 'Fictional' }]);
    expect(survivor.identifiers).toEqual([{ type: 'PNC_ID', value: '01/1Z', issuedBy: 'POLICE' }]);
    expect(survivor.mergedFrom).toEqual(['NOM-OLD']);
    expect(survivor.mappa).toBeNull();

    const categorised = mappaCategoryAndLevelSet.project(
      registered({ name: { givenNames: ['Jon'], familyName: 'Fictional' } }),
      {
        metadata: metadata(),
        nominalId: 'NOM-OLD',
        category: 'CATEGORY_1',
        level: 'LEVEL_2',
        jurisdiction: 'SCOTLAND',
        reason: null,
        reviewOn: null,
        effectiveOn: null,
        basis: null,
      },
    );
    const adopted = withDerivedFacts(
      duplicateCounterpart(registered(), categorised, decision),
      '2025-01-01',
    );
    expect(adopted.mappa).toMatchObject({ category: 'CATEGORY_1', level: 'LEVEL_2' });
  });
});
