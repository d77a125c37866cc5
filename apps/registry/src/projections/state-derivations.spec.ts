import type { EventMetadata } from '@hub/contracts';
import type {
  CustodyEventItem,
  RestrictedPatientEventItem,
  SupervisionEventItem,
} from '../nominals/nominal.documents';
import { custodyOf } from './custody-status';
import { restrictedPatientOf } from './restricted-patient-status';
import { inEffectOn, nextEffectiveDay, sameDayContradiction, stateFact } from './state-facts';
import { supervisionOf } from './supervision-status';

let sequence = 0;
const fact = (effectiveOn: string, system = 'prison-system') => {
  sequence += 1;
  const metadata: EventMetadata = {
    eventId: `evt-${String(sequence).padStart(4, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, sequence)),
    producingAgency: 'PRISON',
    producingSystem: system,
    producingOrganisation: null,
    actingUser: null,
    correlationId: 'corr',
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
  return stateFact(metadata, effectiveOn);
};

const custody = (
  kind: CustodyEventItem['kind'],
  effectiveOn: string,
  extra: Partial<CustodyEventItem> = {},
): CustodyEventItem => ({
  ...fact(effectiveOn),
  kind,
  establishment: 'HMP Exampleton',
  previousEstablishment: null,
  releaseDate: null,
  releaseType: null,
  custodyType: null,
  licenceExpiryOn: null,
  sentenceExpiryOn: null,
  ...extra,
});

const supervision = (
  kind: SupervisionEventItem['kind'],
  effectiveOn: string,
  orderType: string | null = 'Licence',
): SupervisionEventItem => ({
  ...fact(effectiveOn, 'probation-system'),
  kind,
  orderType,
  startsOn: null,
  endsOn: null,
  details: null,
});

const patient = (
  kind: RestrictedPatientEventItem['kind'],
  effectiveOn: string,
  hospital: string | null = 'Exampleshire Secure Hospital',
): RestrictedPatientEventItem => ({
  ...fact(effectiveOn, 'health-system'),
  kind,
  hospital,
  legalBasis: null,
  details: null,
});

describe('custody, decided by the day each fact took effect', () => {
  it('keeps a released person released when an older admission arrives late', () => {
    const released = custody('RELEASED', '2026-03-01', { releaseDate: '2026-03-01' });
    const admitted = custody('ADMITTED', '2025-01-01', { custodyType: 'SENTENCED' });
    expect(custodyOf([released, admitted])).toMatchObject({
      state: 'RELEASED',
      releaseDate: '2026-03-01',
    });
    expect(custodyOf([admitted, released])).toEqual(custodyOf([released, admitted]));
  });

  it('tells remand from sentenced, and keeps licence and sentence expiry dates', () => {
    const facts = [
      custody('ADMITTED', '2025-01-01', { custodyType: 'REMAND' }),
      custody('SENTENCED', '2025-04-01', { custodyType: 'SENTENCED' }),
      custody('RELEASE_DATE_SET', '2025-05-01', {
        releaseDate: '2026-01-01',
        licenceExpiryOn: '2027-01-01',
        sentenceExpiryOn: '2027-06-01',
      }),
    ];
    expect(custodyOf(facts)).toMatchObject({
      state: 'IN_CUSTODY',
      custodyType: 'SENTENCED',
      releaseDate: '2026-01-01',
      licenceExpiryOn: '2027-01-01',
      sentenceExpiryOn: '2027-06-01',
    });
  });

  it('shows a person unlawfully at large until returned, and on temporary release until back', () => {
    const admitted = custody('ADMITTED', '2025-01-01');
    const escaped = custody('UNLAWFULLY_AT_LARGE', '2025-02-01');
    expect(custodyOf([admitted, escaped])).toMatchObject({
      state: 'UNLAWFULLY_AT_LARGE',
      since: new Date('2025-02-01T00:00:00Z'),
    });
    const returned = custody('RETURNED_TO_CUSTODY', '2025-02-03');
    expect(custodyOf([admitted, escaped, returned])?.state).toBe('IN_CUSTODY');
    const rotl = custody('TEMPORARY_RELEASE_STARTED', '2025-03-01');
    expect(custodyOf([admitted, rotl])?.state).toBe('ON_TEMPORARY_RELEASE');
    const back = custody('TEMPORARY_RELEASE_ENDED', '2025-03-02');
    expect(custodyOf([admitted, rotl, back])?.state).toBe('IN_CUSTODY');
  });
});

describe('supervision, with licences and orders as separate tracks', () => {
  it('does not let an order ending end a running licence', () => {
    const facts = [
      supervision('ORDER_STARTED', '2024-01-01', 'Community order'),
      supervision('LICENCE_STARTED', '2025-01-01', 'Licence'),
      supervision('ORDER_ENDED', '2025-06-01', 'Community order'),
    ];
    expect(supervisionOf(facts)).toMatchObject({ state: 'ON_LICENCE', orderType: 'Licence' });
  });

  it('does not let a civil order (SHPO) replace a licence', () => {
    const facts = [
      supervision('LICENCE_STARTED', '2025-01-01', 'Licence'),
      supervision('ORDER_STARTED', '2025-02-01', 'Sexual Harm Prevention Order'),
    ];
    expect(supervisionOf(facts)).toMatchObject({ state: 'ON_LICENCE', orderType: 'Licence' });
    expect(supervisionOf([facts[1]])).toBeNull();
  });

  it('counts breaches under the current order or licence only', () => {
    const facts = [
      supervision('ORDER_STARTED', '2023-01-01', 'Community order'),
      supervision('BREACH', '2023-03-01'),
      supervision('BREACH', '2023-04-01'),
      supervision('ORDER_ENDED', '2023-12-31', 'Community order'),
      supervision('LICENCE_STARTED', '2025-01-01', 'Licence'),
      supervision('BREACH', '2025-02-01'),
    ];
    expect(supervisionOf(facts)).toMatchObject({ state: 'ON_LICENCE', breachCount: 1 });
  });

  it('keeps a newer recall when an older licence start arrives late', () => {
    const recall = supervision('RECALL', '2025-06-01');
    const start = supervision('LICENCE_STARTED', '2025-01-01');
    expect(supervisionOf([recall, start])).toMatchObject({
      state: 'RECALLED',
      since: new Date('2025-06-01T00:00:00Z'),
    });
  });
});

describe('facts dated ahead', () => {
  it('wait for their day, on which the record is derived again', () => {
    const facts = [
      supervision('ORDER_STARTED', '2026-01-01', 'Community order'),
      supervision('ORDER_ENDED', '2026-09-30', 'Community order'),
      supervision('LICENCE_STARTED', '2026-12-07', 'Licence'),
    ];
    const today = '2026-06-01';
    expect(supervisionOf(inEffectOn(facts, today))).toMatchObject({ state: 'ON_ORDER' });
    expect(nextEffectiveDay(facts, today)).toBe('2026-09-30');
    expect(supervisionOf(inEffectOn(facts, '2026-12-07'))).toMatchObject({ state: 'ON_LICENCE' });
    expect(nextEffectiveDay(facts, '2026-12-07')).toBeNull();
  });
});

describe('restricted patients', () => {
  it('shows no hospital once discharged or remitted to prison', () => {
    const detained = patient('DETAINED', '2024-01-01');
    expect(restrictedPatientOf([detained])?.hospital).toBe('Exampleshire Secure Hospital');
    // A producer that repeats the hospital on discharge does not keep the person there.
    const discharged = patient('CONDITIONALLY_DISCHARGED', '2025-01-01');
    expect(restrictedPatientOf([detained, discharged])).toMatchObject({
      state: 'CONDITIONALLY_DISCHARGED',
      hospital: null,
    });
    const remitted = patient('REMITTED_TO_PRISON', '2025-01-01');
    expect(restrictedPatientOf([detained, remitted])?.hospital).toBeNull();
  });

  it('marks absence without leave and leave of absence until they end', () => {
    const detained = patient('DETAINED', '2024-01-01');
    const awol = patient('ABSENT_WITHOUT_LEAVE', '2024-05-01');
    expect(restrictedPatientOf([detained, awol])).toMatchObject({
      state: 'DETAINED',
      absentWithoutLeaveSince: '2024-05-01',
    });
    const back = patient('RETURNED_FROM_ABSENCE', '2024-05-02');
    expect(restrictedPatientOf([detained, awol, back])?.absentWithoutLeaveSince).toBeNull();
    const leave = patient('LEAVE_OF_ABSENCE_STARTED', '2024-06-01');
    expect(restrictedPatientOf([detained, leave])?.onLeaveSince).toBe('2024-06-01');
  });
});

describe('contradictions no date decides', () => {
  const said = (item: CustodyEventItem) => item.kind;

  it('raises one when two systems say different things the same day', () => {
    const prison = custody('RELEASED', '2025-01-01');
    const other = { ...custody('ADMITTED', '2025-01-01'), producingSystem: 'other-prison-system' };
    const conflict = sameDayContradiction('custody', [prison, other], said);
    expect(conflict?.eventIds).toEqual([prison.eventId, other.eventId]);
    expect(conflict?.description).toMatch(/on 2025-01-01 prison-system .* said RELEASED/);
  });

  it('takes one system correcting itself the same day as a correction', () => {
    const first = custody('RELEASED', '2025-01-01');
    const correction = custody('ADMITTED', '2025-01-01');
    expect(sameDayContradiction('custody', [first, correction], said)).toBeNull();
  });
});
