import type { EventMetadata, MappaStatus } from '@hub/contracts';
import type {
  CustodyEventItem,
  NominalContent,
  RestrictedPatientEventItem,
  SupervisionEventItem,
} from '../nominals/nominal.documents';
import type {
  CivilOrderItem,
  NotificationStatus,
} from '../nominals/notification-requirement.documents';
import { withDerivedFacts } from './derived-facts';
import { nominalRegistered } from './identity.projections';
import { eligibilityOf, eligibilityRules } from './mappa-eligibility';
import { stateFact } from './state-facts';

let sequence = 0;
const metadata = (): EventMetadata => {
  sequence += 1;
  return {
    eventId: `evt-${String(sequence).padStart(4, '0')}`,
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

const person = (): NominalContent =>
  nominalRegistered.project(null, {
    metadata: metadata(),
    nominalId: 'NOM-1',
    name: { givenNames: ['Alex'], familyName: 'Testperson' },
    aliases: [],
    dateOfBirth: '1980-02-03',
    aliasDatesOfBirth: [],
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'PROBATION',
    managingArea: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
  });

const licence = (licenceExpiryOn: string | null, sentenceExpiryOn: string | null = null) =>
  ({
    ...stateFact(metadata(), '2024-05-01'),
    kind: 'RELEASED',
    establishment: 'HMP Exampleton',
    previousEstablishment: null,
    releaseDate: '2024-05-01',
    releaseType: null,
    custodyType: null,
    licenceExpiryOn,
    sentenceExpiryOn,
  }) satisfies CustodyEventItem;

const supervision = (
  kind: SupervisionEventItem['kind'],
  effectiveOn: string,
  endsOn: string | null = null,
): SupervisionEventItem => ({
  ...stateFact(metadata(), effectiveOn),
  kind,
  orderType: 'Community order',
  startsOn: effectiveOn,
  endsOn,
  details: null,
});

const patient = (
  kind: RestrictedPatientEventItem['kind'],
  effectiveOn: string,
): RestrictedPatientEventItem => ({
  ...stateFact(metadata(), effectiveOn),
  kind,
  hospital: 'Exampleton Secure Unit',
  legalBasis: null,
  details: null,
});

const notified = (status: Partial<NotificationStatus>): NotificationStatus => ({
  subject: true,
  startsOn: '2020-01-01',
  indefinite: false,
  endsOn: null,
  reviewableFrom: null,
  civilOrderIds: [],
  ...status,
});

const order = (expiresOn: string | null, dischargedOn: string | null = null): CivilOrderItem => ({
  eventId: `order-${sequence++}`,
  recordedBy: 'POLICE',
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  orderId: `SHPO-${sequence}`,
  orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
  jurisdiction: 'ENGLAND_AND_WALES',
  madeOn: '2022-06-01',
  servedOn: null,
  expiresOn,
  prohibitions: [],
  court: null,
  details: null,
  termsAsOf: '2022-06-01',
  dischargedOn,
  changes: [],
  inForce: true,
});

const mappa = (status: Partial<MappaStatus>): MappaStatus => ({
  category: 'CATEGORY_2',
  categoryName: 'Violent and other sexual offenders',
  level: 'LEVEL_1',
  jurisdiction: 'ENGLAND_AND_WALES',
  setOn: new Date('2024-05-01T00:00:00Z'),
  reviewOn: null,
  effectiveOn: '2024-05-01',
  basis: null,
  leftOn: null,
  leftReason: null,
  ...status,
});

describe('when MAPPA eligibility ends', () => {
  it('every rule names its source', () => {
    for (const rule of eligibilityRules) expect(rule.source.length).toBeGreaterThan(20);
  });

  it('is not decided when no fact bounds or keeps it', () => {
    expect(eligibilityOf(person(), '2026-12-01')).toBeNull();
  });

  it('ends with the licence: the day after its expiry it has ended, and the record is derived again then', () => {
    const record = { ...person(), custodyEvents: [licence('2027-03-31', '2027-09-30')] };
    expect(eligibilityOf(record, '2027-03-31')).toMatchObject({
      endsOn: '2027-03-31',
      indefinite: false,
      ended: false,
      grounds: [{ ground: 'SENTENCE_OR_LICENCE', basis: 'licence expires on 2027-03-31' }],
    });
    expect(eligibilityOf(record, '2027-04-01')?.ended).toBe(true);
    expect(withDerivedFacts(record, '2026-12-01').rederiveOn).toBe('2027-04-01');
  });

  it('lasts until the last of its grounds ends', () => {
    const record = {
      ...person(),
      custodyEvents: [licence(null, '2027-09-30')],
      notificationStatus: notified({ endsOn: '2031-04-30' }),
      supervisionEvents: [supervision('ORDER_STARTED', '2025-01-01', '2028-01-01')],
    };
    const eligibility = eligibilityOf(record, '2026-12-01');
    expect(eligibility?.endsOn).toBe('2031-04-30');
    expect(eligibility?.grounds.map((ground) => ground.ground)).toEqual([
      'NOTIFICATION_REQUIREMENTS',
      'SENTENCE_OR_LICENCE',
      'SUPERVISION',
    ]);
  });

  it('never ends on its own while a ground holds without end (indefinite notification)', () => {
    const record = {
      ...person(),
      custodyEvents: [licence('2027-03-31')],
      notificationStatus: notified({ indefinite: true }),
    };
    const eligibility = eligibilityOf(record, '2090-01-01');
    expect(eligibility).toMatchObject({ endsOn: null, indefinite: true, ended: false });
    // The record is not derived again for the licence's end: a ground that holds without end remains.
    const patientOnLicence = {
      ...person(),
      custodyEvents: [licence('2027-03-31')],
      restrictedPatientEvents: [patient('CONDITIONALLY_DISCHARGED', '2024-05-01')],
    };
    expect(withDerivedFacts(patientOnLicence, '2026-12-01').rederiveOn).toBeNull();
  });

  it('ends the day before a supervision order ended early', () => {
    const record = {
      ...person(),
      supervisionEvents: [
        supervision('ORDER_STARTED', '2025-01-01', '2028-01-01'),
        supervision('ORDER_ENDED', '2026-06-15'),
      ],
    };
    expect(eligibilityOf(record, '2026-12-01')).toMatchObject({
      endsOn: '2026-06-14',
      ended: true,
    });
  });

  it('holds for a restricted patient until absolute discharge', () => {
    const detained = { ...person(), restrictedPatientEvents: [patient('DETAINED', '2020-02-01')] };
    expect(eligibilityOf(detained, '2026-12-01')?.indefinite).toBe(true);
    const discharged = {
      ...detained,
      restrictedPatientEvents: [
        ...detained.restrictedPatientEvents,
        patient('ABSOLUTELY_DISCHARGED', '2026-10-01'),
      ],
    };
    expect(eligibilityOf(discharged, '2026-12-01')).toMatchObject({
      endsOn: '2026-09-30',
      ended: true,
    });
  });

  it('holds while a civil order has effect: until further order, or to its last day', () => {
    expect(
      eligibilityOf({ ...person(), civilOrders: [order(null)] }, '2026-12-01')?.indefinite,
    ).toBe(true);
    const bounded = {
      ...person(),
      civilOrders: [order('2029-05-31'), order('2030-05-31', '2027-01-10')],
    };
    expect(eligibilityOf(bounded, '2026-12-01')?.endsOn).toBe('2029-05-31');
  });

  it('comes to review at the level review for category 3, and not for category 2', () => {
    const category3 = {
      ...person(),
      mappa: mappa({ category: 'CATEGORY_3', reviewOn: '2027-02-01' }),
    };
    expect(eligibilityOf(category3, '2026-12-01')).toMatchObject({
      endsOn: '2027-01-31',
      grounds: [{ ground: 'LEVEL_REVIEW' }],
    });
    const category2 = { ...person(), mappa: mappa({ reviewOn: '2027-02-01' }) };
    expect(eligibilityOf(category2, '2026-12-01')).toBeNull();
  });

  it('has ended when the person left the arrangements, whatever else holds', () => {
    const record = {
      ...person(),
      notificationStatus: notified({ indefinite: true }),
      mappa: mappa({ leftOn: '2026-11-01', leftReason: 'LEFT_THE_UK' }),
    };
    expect(eligibilityOf(record, '2026-12-01')).toMatchObject({
      endsOn: '2026-10-31',
      indefinite: false,
      ended: true,
      grounds: [{ ground: 'LEFT_ARRANGEMENTS' }],
    });
  });
});
