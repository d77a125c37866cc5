import { syntheticNominalId, syntheticRegistration } from '@hub/testing';
import {
  addDays,
  addMonths,
  addYears,
  londonDate,
} from '../apps/registry/src/projections/calendar';
import type { HubEventStream } from './support/hub-event-stream';
import { eventsOnTopic } from './support/topic-events';
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

  it('publishes the periods, recalls and compliance actions in the timeline of the changed record', async () => {
    const today = londonDate(new Date());
    const setOn = addYears(today, -3);
    const raisedOn = addYears(today, -2);
    const recalledOn = addMonths(today, -9);
    const missingOn = addMonths(today, -4);
    const nominalId = syntheticNominalId();
    await events.publish('mappa.nominal.registered.v1', syntheticRegistration(nominalId));
    for (const [level, effectiveOn] of [
      ['LEVEL_1', setOn],
      // A review keeping the level does not start a new period.
      ['LEVEL_1', addMonths(setOn, 6)],
      ['LEVEL_2', raisedOn],
    ] as const) {
      await events.publish('mappa.category-level.set.v1', {
        nominalId,
        category: 'CATEGORY_1',
        level,
        jurisdiction: 'ENGLAND_AND_WALES',
        effectiveOn,
      });
    }
    await events.publish('probation.supervision-event.recorded.v1', {
      nominalId,
      kind: 'RECALL',
      orderType: 'Licence (synthetic)',
      effectiveOn: recalledOn,
    });
    await events.publish('prison.custody-event.recorded.v1', {
      nominalId,
      kind: 'ADMITTED',
      establishment: 'HMP Synthetic',
      custodyType: 'RECALLED',
      effectiveOn: addDays(recalledOn, 1),
    });
    await events.publish('prison.custody-event.recorded.v1', {
      nominalId,
      kind: 'RELEASED',
      establishment: 'HMP Synthetic',
      releaseDate: addMonths(recalledOn, 3),
    });
    await events.publish('police.compliance-action.recorded.v1', {
      nominalId,
      actionId: 'ca-1',
      kind: 'REPORTED_MISSING',
      occurredOn: missingOn,
    });
    await events.publish('police.civil-order.recorded.v1', {
      nominalId,
      orderId: 'shpo-travel',
      kind: 'MADE',
      orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
      jurisdiction: 'ENGLAND_AND_WALES',
      madeOn: setOn,
      effectiveOn: setOn,
      expiresOn: null,
      prohibitions: ['Not to travel outside the UK without police approval (synthetic).'],
      foreignTravelRestricted: true,
    });

    // Facts on different topics are applied in no set order: the version says all nine are in.
    const [changed] = await eventsOnTopic(
      hub.kafka,
      'registry.nominal.changed.v1',
      nominalId,
      (record) => record.version >= 9,
    );
    expect(changed.civilOrders).toEqual([
      expect.objectContaining({ orderId: 'shpo-travel', foreignTravelRestricted: true }),
    ]);
    expect(changed.timeline).toEqual({
      registeredOn: today,
      arrangements: [
        expect.objectContaining({ from: setOn, to: addDays(raisedOn, -1), level: 'LEVEL_1' }),
        expect.objectContaining({ from: raisedOn, to: null, level: 'LEVEL_2' }),
      ],
      management: [expect.objectContaining({ from: null, to: null })],
      custody: [
        {
          from: addDays(recalledOn, 1),
          to: addDays(addMonths(recalledOn, 3), -1),
          custodyType: 'RECALLED',
        },
      ],
      supervisionEvents: [{ kind: 'RECALL', on: recalledOn }],
      complianceActions: [{ kind: 'REPORTED_MISSING', on: missingOn, sentencedToCustody: false }],
      archivedOn: null,
    });
  });
});
