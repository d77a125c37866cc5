import { syntheticNominalId, syntheticRegistration } from '@hub/testing';
import {
  addDays,
  addMonths,
  addYears,
  londonDate,
} from '../apps/registry/src/projections/calendar';
import type { HubEventStream } from './support/hub-event-stream';
import type { RegistryClient } from './support/registry-client';
import { openRegistryFixture, type RegistryFixture } from './support/registry-fixture';

describe('sex offender notification requirements and civil orders, on the real stack', () => {
  let hub: RegistryFixture;
  let client: RegistryClient;
  let events: HubEventStream;

  beforeAll(async () => {
    hub = await openRegistryFixture('notify');
    ({ client, events } = hub);
  });

  afterAll(() => hub?.close());

  it('works out the period, checks deadlines itself and raises the annual notification never made', async () => {
    const today = londonDate(new Date());
    const convicted = addYears(today, -2);
    const moved = addMonths(today, -18);
    const nominalId = syntheticNominalId();
    await events.publish(
      'mappa.nominal.registered.v1',
      syntheticRegistration(nominalId, { dateOfBirth: '1980-06-15' }),
    );
    await events.publish('police.notification-requirement.recorded.v1', {
      nominalId,
      requirementId: 'nr-1',
      basis: 'CONVICTION',
      relevantDate: convicted,
      disposal: 'IMPRISONMENT',
      termMonths: 12,
      jurisdiction: 'ENGLAND_AND_WALES',
    });
    await events.publish('police.rso-notification.received.v1', {
      nominalId,
      notificationId: 'n-initial',
      kind: 'INITIAL',
      notifiedOn: addDays(convicted, 1),
    });
    // The producer says the move was due a week after it; the law says 3 days (s84(1)).
    await events.publish('police.rso-notification.received.v1', {
      nominalId,
      notificationId: 'n-move',
      kind: 'ADDRESS_CHANGE',
      changedOn: moved,
      notifiedOn: addDays(moved, 5),
      dueBy: addDays(moved, 7),
    });
    await events.publish('police.civil-order.recorded.v1', {
      nominalId,
      orderId: 'shpo-1',
      kind: 'MADE',
      orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
      jurisdiction: 'ENGLAND_AND_WALES',
      madeOn: convicted,
      effectiveOn: convicted,
      expiresOn: addDays(addYears(convicted, 15), -1),
      prohibitions: ['Not to have unsupervised contact with any child under 16 (synthetic).'],
    });

    const record = await client.recordWhen(
      nominalId,
      (view) => (view.civilOrders as unknown[] | undefined)?.length === 1 && view.version >= 5,
      'to hold the requirement, both notifications and the order',
    );
    expect(record.notificationRequirements).toEqual([
      expect.objectContaining({
        requirementId: 'nr-1',
        period: expect.objectContaining({
          indefinite: false,
          months: 120,
          startsOn: convicted,
          endsOn: addDays(addYears(convicted, 10), -1),
        }) as unknown,
      }),
    ]);
    expect(record.notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          notificationId: 'n-move',
          dueBy: addDays(moved, 2),
          producerDueBy: addDays(moved, 7),
          late: true,
        }),
      ]),
    );
    expect(record.overdueNotifications).toEqual([
      expect.objectContaining({ kind: 'ANNUAL', dueBy: addYears(addDays(moved, 5), 1) }),
    ]);
    // The SHPO outlasts the 10-year period, so the person stays subject until it ends (s103G(1)).
    expect(record.notificationStatus).toMatchObject({
      subject: true,
      endsOn: addDays(addYears(convicted, 15), -1),
      civilOrderIds: ['shpo-1'],
    });
    expect(record.civilOrders).toEqual([
      expect.objectContaining({
        orderId: 'shpo-1',
        inForce: true,
        prohibitions: [expect.any(String)],
      }),
    ]);

    const timeline = await client.timeline(nominalId, '&order=asc');
    expect(timeline.map((entry) => entry.eventType)).toEqual(
      expect.arrayContaining(['NotificationRequirementRecorded', 'CivilOrderRecorded']),
    );
    expect(
      timeline.find(
        (entry) => entry.eventType === 'RsoNotificationReceived' && /LATE/.test(entry.summary),
      )?.summary,
    ).toMatch(/the producer said/);
  });
});
