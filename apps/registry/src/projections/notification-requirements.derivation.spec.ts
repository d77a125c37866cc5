import type { NominalContent, NotificationItem } from '../nominals/nominal.documents';
import type {
  CivilOrderItem,
  NotificationRequirementItem,
} from '../nominals/notification-requirement.documents';
import { notificationRequirementsDerivation as derivation } from './notification-requirements.derivation';

const provenance = {
  eventId: 'e',
  recordedBy: 'POLICE' as const,
  occurredAt: new Date('2020-01-01'),
};

const requirement = (
  facts: Partial<NotificationRequirementItem> = {},
): NotificationRequirementItem => ({
  ...provenance,
  requirementId: 'req-1',
  basis: 'CONVICTION',
  relevantDate: '2022-01-10',
  disposal: 'IMPRISONMENT',
  termMonths: 12,
  underEighteenOnRelevantDate: null,
  jurisdiction: 'ENGLAND_AND_WALES',
  releasedOn: null,
  details: null,
  factsAsOf: new Date('2022-01-10'),
  reviews: [],
  period: null,
  ...facts,
});

const notified = (facts: Partial<NotificationItem>): NotificationItem => ({
  ...provenance,
  notificationId: 'n-1',
  kind: 'INITIAL',
  notifiedOn: '2022-01-11',
  changedOn: null,
  dueBy: null,
  dueByRule: null,
  producerDueBy: null,
  late: false,
  details: null,
  newAddress: null,
  travel: null,
  ...facts,
});

const shpo = (facts: Partial<CivilOrderItem> = {}): CivilOrderItem => ({
  ...provenance,
  orderId: 'shpo-1',
  orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
  jurisdiction: 'ENGLAND_AND_WALES',
  madeOn: '2023-05-01',
  servedOn: null,
  expiresOn: '2033-04-30',
  prohibitions: [
    'Not to use any device capable of accessing the internet unless it keeps its history',
  ],
  court: null,
  details: null,
  termsAsOf: '2023-05-01',
  dischargedOn: null,
  changes: [],
  inForce: false,
  ...facts,
});

const record = (parts: Partial<NominalContent>): NominalContent =>
  ({
    dateOfBirth: '1980-01-01',
    custody: null,
    custodyEvents: [],
    restrictedPatient: null,
    notifications: [],
    notificationRequirements: [],
    notificationStatus: null,
    overdueNotifications: [],
    civilOrders: [],
    ...parts,
  }) as NominalContent;

const address = (type: 'HOME' | 'NO_FIXED_ABODE') => ({
  addressId: 'a-1',
  type,
  lines: [],
  town: 'Exampletown',
  postcode: null,
  area: 'Greater Manchester',
  jurisdiction: 'ENGLAND_AND_WALES' as const,
  from: '2022-03-01',
  to: null,
});

describe('the notification requirement, derived', () => {
  it('works out the period and its end from the facts recorded', () => {
    const derived = derivation.derive(
      record({ notificationRequirements: [requirement()] }),
      '2022-01-10',
    );
    expect(derived.notificationRequirements[0]?.period).toMatchObject({
      indefinite: false,
      months: 120,
      startsOn: '2022-01-10',
      endsOn: '2032-01-09',
    });
    expect(derived.notificationStatus).toMatchObject({ subject: true, endsOn: '2032-01-09' });
  });

  it('makes an indefinite requirement reviewable 15 years after the first notification after release', () => {
    const derived = derivation.derive(
      record({
        notificationRequirements: [requirement({ termMonths: 48, releasedOn: '2024-03-01' })],
        notifications: [notified({ notifiedOn: '2024-03-02' })],
      }),
      '2024-04-01',
    );
    expect(derived.notificationStatus).toMatchObject({
      subject: true,
      indefinite: true,
      endsOn: null,
      reviewableFrom: '2039-03-02',
    });
  });

  it('ends an indefinite requirement discharged on review', () => {
    const derived = derivation.derive(
      record({
        notificationRequirements: [
          requirement({
            termMonths: 48,
            reviews: [{ determinedOn: '2040-01-15', outcome: 'DISCHARGED', eventId: 'r' }],
          }),
        ],
        notifications: [notified({ notifiedOn: '2039-06-01', kind: 'ANNUAL' })],
      }),
      '2040-02-01',
    );
    expect(derived.notificationStatus).toMatchObject({ subject: false, endsOn: '2040-01-14' });
    expect(derived.overdueNotifications).toEqual([]);
  });

  it("puts the hub's deadline in place of a wrong one from the producer, and keeps the producer's", () => {
    const derived = derivation.derive(
      record({
        notificationRequirements: [requirement()],
        notifications: [
          notified({}),
          notified({
            notificationId: 'n-2',
            kind: 'ADDRESS_CHANGE',
            changedOn: '2022-03-01',
            notifiedOn: '2022-03-06',
            producerDueBy: '2022-03-10',
          }),
        ],
      }),
      '2022-04-01',
    );
    expect(derived.notifications[1]).toMatchObject({
      dueBy: '2022-03-03',
      producerDueBy: '2022-03-10',
      late: true,
    });
  });

  it('raises the annual notification never made, and re-derives the day after it falls due', () => {
    const content = record({
      notificationRequirements: [requirement()],
      notifications: [notified({})],
    });
    expect(derivation.derive(content, '2022-06-01').overdueNotifications).toEqual([]);
    expect(derivation.changesOn?.(content, '2022-06-01')).toBe('2023-01-12');
    expect(derivation.derive(content, '2023-01-12').overdueNotifications).toEqual([
      { kind: 'ANNUAL', dueBy: '2023-01-11', rule: expect.stringMatching(/s85/) as string },
    ]);
  });

  it('runs an annual notification that fell due in custody on to 3 days from release (s85(3)-(4))', () => {
    const held = (kind: 'ADMITTED' | 'RELEASED', effectiveOn: string) => ({
      eventId: `custody-${kind}`,
      recordedBy: 'PRISON' as const,
      occurredAt: new Date(`${effectiveOn}T09:00:00Z`),
      producingSystem: 'prison-system',
      effectiveOn,
      kind,
      establishment: 'HMP Exampleton',
      previousEstablishment: null,
      releaseDate: kind === 'RELEASED' ? effectiveOn : null,
      releaseType: null,
      custodyType: null,
      licenceExpiryOn: null,
      sentenceExpiryOn: null,
    });
    const content = record({
      notificationRequirements: [requirement()],
      notifications: [notified({})],
      custody: { state: 'RELEASED' } as NominalContent['custody'],
      custodyEvents: [held('ADMITTED', '2022-06-01'), held('RELEASED', '2024-03-01')],
    });
    // Due 2023-01-11, while held: not overdue until the third day from release has passed.
    expect(derivation.derive(content, '2024-03-03').overdueNotifications).toEqual([]);
    expect(derivation.derive(content, '2024-03-04').overdueNotifications).toMatchObject([
      { kind: 'ANNUAL', dueBy: '2024-03-03' },
    ]);
  });

  it('raises an initial notification never made, unless the person is detained', () => {
    const content = record({ notificationRequirements: [requirement()] });
    expect(derivation.derive(content, '2022-01-20').overdueNotifications).toMatchObject([
      { kind: 'INITIAL', dueBy: '2022-01-12' },
    ]);
    const inCustody = {
      ...content,
      custody: { state: 'IN_CUSTODY' },
    } as NominalContent;
    expect(derivation.derive(inCustody, '2022-01-20').overdueNotifications).toEqual([]);
  });

  it('runs the initial notification from release', () => {
    const content = record({
      notificationRequirements: [requirement({ releasedOn: '2022-07-01' })],
    });
    expect(derivation.changesOn?.(content, '2022-06-01')).toBe('2022-07-04');
    expect(derivation.derive(content, '2022-07-04').overdueNotifications).toMatchObject([
      { kind: 'INITIAL', dueBy: '2022-07-03' },
    ]);
  });

  it('wants weekly notifications when the last home notified was no fixed abode', () => {
    const content = record({
      notificationRequirements: [requirement()],
      notifications: [
        notified({}),
        notified({
          notificationId: 'n-2',
          kind: 'ADDRESS_CHANGE',
          changedOn: '2022-03-01',
          notifiedOn: '2022-03-01',
          newAddress: address('NO_FIXED_ABODE'),
        }),
      ],
    });
    expect(derivation.derive(content, '2022-03-20').overdueNotifications).toMatchObject([
      { kind: 'WEEKLY', dueBy: '2022-03-08' },
    ]);
  });

  it('raises a return from travel not notified', () => {
    const content = record({
      notificationRequirements: [requirement()],
      notifications: [
        notified({}),
        notified({
          notificationId: 'n-2',
          kind: 'FOREIGN_TRAVEL',
          notifiedOn: '2022-05-01',
          travel: {
            destinationCountry: 'Exampleland',
            departOn: '2022-05-10',
            returnOn: '2022-05-20',
          },
        }),
      ],
    });
    expect(derivation.derive(content, '2022-06-01').overdueNotifications).toMatchObject([
      { kind: 'RETURN_FROM_TRAVEL', dueBy: '2022-05-22' },
    ]);
  });

  it('answers only the last trip with a return notification, not every earlier one', () => {
    const trip = (notificationId: string, departOn: string, returnOn: string) =>
      notified({
        notificationId,
        kind: 'FOREIGN_TRAVEL',
        notifiedOn: departOn,
        travel: { destinationCountry: 'Exampleland', departOn, returnOn },
      });
    const content = record({
      notificationRequirements: [requirement()],
      notifications: [
        notified({}),
        trip('n-2', '2022-05-10', '2022-05-20'),
        trip('n-3', '2022-07-10', '2022-07-20'),
        notified({ notificationId: 'n-4', kind: 'RETURN_FROM_TRAVEL', notifiedOn: '2022-07-21' }),
      ],
    });
    expect(derivation.derive(content, '2022-08-01').overdueNotifications).toMatchObject([
      { kind: 'RETURN_FROM_TRAVEL', dueBy: '2022-05-22' },
    ]);
  });

  it('makes a person not otherwise subject subject for the duration of an SHPO (s103G(2))', () => {
    const derived = derivation.derive(
      record({ civilOrders: [shpo({ servedOn: '2023-05-03' })] }),
      '2024-01-01',
    );
    expect(derived.notificationStatus).toMatchObject({
      subject: true,
      startsOn: '2023-05-03',
      endsOn: '2033-04-30',
      civilOrderIds: ['shpo-1'],
    });
    expect(derived.civilOrders[0]?.inForce).toBe(true);
  });

  it('keeps a person subject while an SHPO has effect after their period ends (s103G(1))', () => {
    const derived = derivation.derive(
      record({
        notificationRequirements: [requirement({ basis: 'CAUTION', disposal: 'CAUTION' })],
        notifications: [
          notified({}),
          notified({ notificationId: 'n-2', kind: 'ANNUAL', notifiedOn: '2023-12-01' }),
        ],
        civilOrders: [shpo()],
      }),
      '2024-03-01',
    );
    expect(derived.notificationStatus).toMatchObject({ subject: true, endsOn: '2033-04-30' });
  });

  it('is not subject once the period has ended, and owes nothing', () => {
    const derived = derivation.derive(
      record({
        notificationRequirements: [requirement({ basis: 'CAUTION', disposal: 'CAUTION' })],
        notifications: [notified({})],
      }),
      '2025-01-01',
    );
    expect(derived.notificationStatus).toMatchObject({ subject: false, endsOn: '2024-01-09' });
    expect(derived.overdueNotifications).toEqual([]);
  });
});
