import type { EventOf } from '@hub/contracts';
import type { NominalContent } from '../nominals/nominal.documents';
import {
  civilOrderRecorded,
  notificationItemOf,
  notificationRequirementRecorded,
} from './notification-requirements.projections';

const metadata = (eventId: string, occurredAt: string) => ({
  eventId,
  occurredAt: new Date(occurredAt),
  producingAgency: 'POLICE' as const,
  producingSystem: 'synthetic',
  producingOrganisation: null,
  actingUser: null,
  correlationId: eventId,
  causationId: null,
  classification: 'OFFICIAL_SENSITIVE' as const,
});
const record = {
  status: 'ACTIVE',
  notificationRequirements: [],
  civilOrders: [],
} as unknown as NominalContent;

const order = (
  eventId: string,
  kind: EventOf<'police.civil-order.recorded.v1'>['kind'],
  effectiveOn: string,
  prohibitions: string[],
  foreignTravelRestricted = false,
): EventOf<'police.civil-order.recorded.v1'> => ({
  metadata: metadata(eventId, `${effectiveOn}T10:00:00Z`),
  nominalId: 'NOM-1',
  orderId: 'shpo-1',
  kind,
  orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
  jurisdiction: 'ENGLAND_AND_WALES',
  madeOn: '2023-05-01',
  servedOn: null,
  effectiveOn,
  expiresOn: '2033-04-30',
  prohibitions,
  foreignTravelRestricted,
  court: null,
  details: null,
});

describe('civil orders on the record', () => {
  it('keeps the terms of the latest change whatever order the events arrive in', () => {
    const made = order('e-1', 'MADE', '2023-05-01', ['No contact with children under 16']);
    const varied = order('e-2', 'VARIED', '2024-02-01', [
      'No unsupervised contact with children under 16',
    ]);
    const inOrder = civilOrderRecorded.project(civilOrderRecorded.project(record, made), varied);
    const reversed = civilOrderRecorded.project(civilOrderRecorded.project(record, varied), made);
    for (const result of [inOrder, reversed]) {
      expect(result.civilOrders).toHaveLength(1);
      expect(result.civilOrders[0]).toMatchObject({
        prohibitions: ['No unsupervised contact with children under 16'],
        changes: [
          { kind: 'MADE', effectiveOn: '2023-05-01' },
          { kind: 'VARIED', effectiveOn: '2024-02-01' },
        ],
      });
    }
  });

  it('records a discharge', () => {
    const discharged = civilOrderRecorded.project(
      civilOrderRecorded.project(record, order('e-1', 'MADE', '2023-05-01', [])),
      order('e-3', 'DISCHARGED', '2025-01-10', []),
    );
    expect(discharged.civilOrders[0]?.dischargedOn).toBe('2025-01-10');
  });

  it('restricts foreign travel as the latest making, variation or renewal says, in any order', () => {
    const made = order('e-1', 'MADE', '2023-05-01', [], true);
    const varied = order('e-2', 'VARIED', '2024-02-01', [], false);
    const renewed = order('e-3', 'RENEWED', '2025-02-01', [], true);
    const events = [made, varied, renewed];
    const project = (sequence: typeof events) =>
      sequence.reduce((content, event) => civilOrderRecorded.project(content, event), record);
    expect(project(events.slice(0, 2)).civilOrders[0]?.foreignTravelRestricted).toBe(false);
    expect(project([varied, made]).civilOrders[0]?.foreignTravelRestricted).toBe(false);
    expect(project([renewed, made, varied]).civilOrders[0]?.foreignTravelRestricted).toBe(true);
  });

  it('keeps the restriction of the terms when the order is discharged', () => {
    const discharged = [
      order('e-1', 'MADE', '2023-05-01', [], true),
      order('e-2', 'DISCHARGED', '2024-05-01', [], false),
    ].reduce((content, event) => civilOrderRecorded.project(content, event), record);
    expect(discharged.civilOrders[0]).toMatchObject({
      foreignTravelRestricted: true,
      dischargedOn: '2024-05-01',
    });
  });
});

describe('notification requirements on the record', () => {
  const recorded = (
    eventId: string,
    occurredAt: string,
    facts: Partial<EventOf<'police.notification-requirement.recorded.v1'>>,
  ): EventOf<'police.notification-requirement.recorded.v1'> => ({
    metadata: metadata(eventId, occurredAt),
    nominalId: 'NOM-1',
    requirementId: 'req-1',
    basis: 'CONVICTION',
    relevantDate: '2022-01-10',
    disposal: 'IMPRISONMENT',
    termMonths: 12,
    underEighteenOnRelevantDate: false,
    jurisdiction: 'ENGLAND_AND_WALES',
    releasedOn: null,
    review: null,
    details: null,
    ...facts,
  });

  it('lets a late older event add its review but not bring back older facts', () => {
    const corrected = recorded('e-2', '2022-02-01T00:00:00Z', { termMonths: 36 });
    const review = recorded('e-1', '2022-01-15T00:00:00Z', {
      review: { determinedOn: '2022-01-14', outcome: 'RETAINED' },
    });
    const result = notificationRequirementRecorded.project(
      notificationRequirementRecorded.project(record, corrected),
      review,
    );
    expect(result.notificationRequirements[0]).toMatchObject({
      termMonths: 36,
      reviews: [{ determinedOn: '2022-01-14', outcome: 'RETAINED' }],
    });
  });
});

describe('a notification received', () => {
  it('is due 3 days from the change, not when the producer said, which is kept beside it', () => {
    const item = notificationItemOf({
      metadata: metadata('e-9', '2024-03-06T09:00:00Z'),
      nominalId: 'NOM-1',
      notificationId: 'n-1',
      kind: 'ADDRESS_CHANGE',
      notifiedOn: '2024-03-06',
      dueBy: '2024-03-10',
      changedOn: '2024-03-01',
      details: null,
      newAddress: null,
      travel: null,
    });
    expect(item).toMatchObject({ dueBy: '2024-03-03', producerDueBy: '2024-03-10', late: true });
  });
});
