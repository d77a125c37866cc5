import type { EventMetadata, EventOf } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import {
  arrangementsLeft,
  mappaCategoryAndLevelSet,
  ppaniRiskCategorySet,
} from './arrangements.projections';
import { withDerivedFacts } from './derived-facts';
import { nominalRegistered } from './identity.projections';
import { mappaMeetingHeld } from './mappa.projections';
import { InapplicableEventError } from './projection';

let sequence = 0;
const metadata = (): EventMetadata => {
  sequence += 1;
  return {
    eventId: `evt-${sequence}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, sequence)),
    producingAgency: 'PROBATION',
    producingSystem: 'synthetic',
    producingOrganisation: null,
    actingUser: null,
    correlationId: 'corr',
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
};

const today = '2026-12-01';

function registered(jurisdiction: NominalContent['management']['jurisdiction']): NominalContent {
  return nominalRegistered.project(null, {
    metadata: metadata(),
    nominalId: 'NOM-1',
    name: { givenNames: ['Alex'], familyName: 'Testperson' },
    aliases: [],
    dateOfBirth: '1980-02-03',
    aliasDatesOfBirth: [],
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'PROBATION',
    managingArea: 'Exampleshire',
    jurisdiction,
  });
}

type CategorySet = EventOf<'mappa.category-level.set.v1'>;
const categorySet = (overrides: Partial<CategorySet>): CategorySet => ({
  metadata: metadata(),
  nominalId: 'NOM-1',
  category: 'CATEGORY_2',
  level: 'LEVEL_1',
  jurisdiction: 'ENGLAND_AND_WALES',
  reason: null,
  reviewOn: null,
  effectiveOn: null,
  basis: null,
  ...overrides,
});

const set = (record: NominalContent, overrides: Partial<CategorySet>) =>
  withDerivedFacts(mappaCategoryAndLevelSet.project(record, categorySet(overrides)), today);

describe('the arrangements a person is managed under, in each jurisdiction’s terms', () => {
  it('refuses MAPPA categories and levels for Northern Ireland, which has PPANI', () => {
    expect(() => set(registered('NORTHERN_IRELAND'), { jurisdiction: 'NORTHERN_IRELAND' })).toThrow(
      /PPANI/,
    );
  });

  it('keeps a PPANI risk category with its eligibility, and no level', () => {
    const record = withDerivedFacts(
      ppaniRiskCategorySet.project(registered('NORTHERN_IRELAND'), {
        metadata: metadata(),
        nominalId: 'NOM-1',
        eligibility: 'DOMESTIC_VIOLENCE',
        riskCategory: 'CATEGORY_3',
        effectiveOn: '2026-02-01',
        reviewOn: '2026-08-01',
        reason: null,
      }),
      today,
    );
    expect(record.mappa).toBeNull();
    expect(record.ppani).toMatchObject({
      eligibility: 'DOMESTIC_VIOLENCE',
      riskCategory: 'CATEGORY_3',
      riskCategoryName: 'Serious harm could be caused at any time',
    });
    expect(record.conflicts).toEqual([]);
  });

  it('calls Scotland’s category 2 violent offenders, and restricted patients a group of their own', () => {
    const scotland = registered('SCOTLAND');
    expect(set(scotland, { jurisdiction: 'SCOTLAND' }).mappa?.categoryName).toBe(
      'Violent offenders',
    );
    expect(
      set(scotland, { jurisdiction: 'SCOTLAND', category: 'RESTRICTED_PATIENTS' }).mappa
        ?.categoryName,
    ).toBe('Restricted patients');
    expect(() => set(registered('ENGLAND_AND_WALES'), { category: 'RESTRICTED_PATIENTS' })).toThrow(
      InapplicableEventError,
    );
  });

  it('keeps category 4 for terrorism and terrorism-connected offenders only', () => {
    const record = registered('ENGLAND_AND_WALES');
    expect(
      set(record, { category: 'CATEGORY_4', basis: 'TERRORISM_CONNECTED_OFFENCE' }).mappa
        ?.categoryName,
    ).toBe('Terrorism and terrorism-connected offenders');
    expect(() =>
      set(record, { category: 'CATEGORY_4', basis: 'TERRORIST_RISK_WITHOUT_CONVICTION' }),
    ).toThrow(/category 3/);
  });

  it('keeps the category and level history, and the newest by effective date is current', () => {
    let record = set(registered('ENGLAND_AND_WALES'), {
      level: 'LEVEL_2',
      effectiveOn: '2026-05-01',
    });
    // A retried, older decision arrives after the newer one.
    record = set(record, { level: 'LEVEL_3', effectiveOn: '2025-01-01' });
    expect(record.mappa).toMatchObject({ level: 'LEVEL_2', effectiveOn: '2026-05-01' });
    expect(record.arrangementsHistory).toHaveLength(2);
  });

  it('records leaving MAPPA apart from archiving, until a later category brings them back', () => {
    let record = set(registered('ENGLAND_AND_WALES'), { effectiveOn: '2025-01-01' });
    record = withDerivedFacts(
      arrangementsLeft.project(record, {
        metadata: metadata(),
        nominalId: 'NOM-1',
        leftOn: '2026-01-01',
        reason: 'LICENCE_OR_ORDER_ENDED',
        details: null,
      }),
      today,
    );
    expect(record.status).toBe('ACTIVE');
    expect(record.mappa).toMatchObject({
      leftOn: '2026-01-01',
      leftReason: 'LICENCE_OR_ORDER_ENDED',
    });
    record = set(record, { effectiveOn: '2026-06-01' });
    expect(record.mappa).toMatchObject({ leftOn: null, effectiveOn: '2026-06-01' });
  });

  it('raises a conflict when the category belongs to another jurisdiction than the managing one', () => {
    const record = set(registered('ENGLAND_AND_WALES'), { jurisdiction: 'SCOTLAND' });
    expect(record.conflicts.map((conflict) => conflict.field)).toEqual(['mappa']);
    expect(record.conflicts[0]?.description).toMatch(/SCOTLAND .* managed in ENGLAND_AND_WALES/);
  });

  it('refuses a level 1 MAPPA meeting: meetings are for levels 2 and 3', () => {
    expect(() =>
      mappaMeetingHeld.project(registered('ENGLAND_AND_WALES'), {
        metadata: metadata(),
        nominalId: 'NOM-1',
        meetingId: 'MTG-1',
        level: 'LEVEL_1',
        heldOn: '2026-01-01',
        chair: null,
        attendees: [],
        minutes: 'synthetic',
        actions: [],
        nextMeetingOn: null,
      }),
    ).toThrow(/level 2 and 3/);
  });
});
