import { changedRecord, managementPeriod as managed, mappaPeriod as level } from '@hub/testing';
import { factRowsOf, ongoing } from './fact-rows';

describe('the fact rows of a record', () => {
  it('splits a year in which the person moves area and changes level into periods of one state each', () => {
    const record = changedRecord({
      timeline: {
        arrangements: [
          level('2024-06-01', '2025-09-30', 'LEVEL_1'),
          level('2025-10-01', null, 'LEVEL_2'),
        ],
        management: [
          managed(null, '2025-12-14', 'Greater Manchester'),
          managed('2025-12-15', null, 'Merseyside'),
        ],
      },
    });
    const { periods } = factRowsOf(record);
    expect(periods.map(({ from, to, area, level: l }) => [from, to, area, l])).toEqual([
      ['2024-06-01', '2025-09-30', 'Greater Manchester', 'LEVEL_1'],
      ['2025-10-01', '2025-12-14', 'Greater Manchester', 'LEVEL_2'],
      ['2025-12-15', ongoing, 'Merseyside', 'LEVEL_2'],
    ]);
  });

  it('counts a person on 31 March where they were that day, once', () => {
    const record = changedRecord({
      timeline: {
        arrangements: [
          level('2024-06-01', '2025-09-30', 'LEVEL_1'),
          level('2025-10-01', null, 'LEVEL_2'),
        ],
        management: [
          managed(null, '2025-12-14', 'Greater Manchester'),
          managed('2025-12-15', null, 'Merseyside'),
        ],
      },
    });
    const covering = factRowsOf(record).periods.filter(
      (period) => period.from <= '2026-03-31' && '2026-03-31' <= period.to,
    );
    expect(covering).toHaveLength(1);
    expect(covering[0]).toMatchObject({ area: 'Merseyside', level: 'LEVEL_2' });
  });

  it('leaves a gap while the person is outside the arrangements and not an RSO', () => {
    const { periods } = factRowsOf(
      changedRecord({
        timeline: {
          arrangements: [
            level('2020-01-01', '2021-12-31', 'LEVEL_1'),
            level('2023-01-01', null, 'LEVEL_3'),
          ],
        },
      }),
    );
    expect(periods.map((period) => [period.from, period.to])).toEqual([
      ['2020-01-01', '2021-12-31'],
      ['2023-01-01', ongoing],
    ]);
  });

  it('keeps an RSO counted while subject to notification, outside the arrangements too', () => {
    const { periods } = factRowsOf(
      changedRecord({
        notificationRequirement: {
          subject: true,
          startsOn: '2019-03-01',
          indefinite: false,
          endsOn: '2029-02-28',
          reviewableFrom: null,
          civilOrderIds: [],
        },
        timeline: { arrangements: [level('2019-03-01', '2020-03-31', 'LEVEL_1')] },
      }),
    );
    expect(periods.map((p) => [p.from, p.to, p.arrangements, p.rso])).toEqual([
      ['2019-03-01', '2020-03-31', 'MAPPA', true],
      ['2020-04-01', '2029-02-28', null, true],
    ]);
  });

  it('gives a merged record no rows: the survivor carries its history', () => {
    const rows = factRowsOf(
      changedRecord({
        status: 'MERGED',
        mergedInto: 'N-FIXTURE-0002',
        timeline: { arrangements: [level('2024-01-01', null, 'LEVEL_2')] },
      }),
    );
    expect(rows).toEqual({ periods: [], events: [], orders: [] });
  });

  it('stops counting an archived record the day it was archived', () => {
    const { periods, events } = factRowsOf(
      changedRecord({
        status: 'ARCHIVED',
        timeline: {
          arrangements: [level('2022-01-01', null, 'LEVEL_1')],
          supervisionEvents: [
            { kind: 'BREACH', on: '2024-05-01' },
            { kind: 'RECALL', on: '2025-08-01' },
          ],
          archivedOn: '2025-07-01',
        },
      }),
    );
    expect(periods.map((p) => [p.from, p.to])).toEqual([['2022-01-01', '2025-06-30']]);
    expect(events.map((event) => event.kind)).toEqual(['SUPERVISION_BREACH']);
  });

  it('marks custody and missing spells, and dates events with the state of their day', () => {
    const { periods, events } = factRowsOf(
      changedRecord({
        timeline: {
          arrangements: [
            level('2024-01-01', '2024-12-31', 'LEVEL_2'),
            level('2025-01-01', null, 'LEVEL_3'),
          ],
          custody: [{ from: '2025-02-10', to: '2025-06-30', custodyType: 'RECALLED' }],
          complianceActions: [
            { kind: 'REPORTED_MISSING', on: '2024-03-01', sentencedToCustody: false },
            { kind: 'FOUND', on: '2024-03-20', sentencedToCustody: false },
          ],
        },
      }),
    );
    expect(periods.map((p) => [p.from, p.to, p.level, p.inCustody, p.missing])).toEqual([
      ['2024-01-01', '2024-02-29', 'LEVEL_2', false, false],
      ['2024-03-01', '2024-03-19', 'LEVEL_2', false, true],
      ['2024-03-20', '2024-12-31', 'LEVEL_2', false, false],
      ['2025-01-01', '2025-02-09', 'LEVEL_3', false, false],
      ['2025-02-10', '2025-06-30', 'LEVEL_3', true, false],
      ['2025-07-01', ongoing, 'LEVEL_3', false, false],
    ]);
    expect(events.map((e) => [e.kind, e.on, e.level, e.custodyType])).toEqual([
      ['CUSTODY_ADMISSION', '2025-02-10', 'LEVEL_3', 'RECALLED'],
      ['REPORTED_MISSING', '2024-03-01', 'LEVEL_2', null],
      ['FOUND', '2024-03-20', 'LEVEL_2', null],
    ]);
  });

  it('places each civil order in the area that managed the person the day it was made', () => {
    const { orders } = factRowsOf(
      changedRecord({
        civilOrders: [
          {
            orderId: 'SHPO-1',
            orderType: 'SEXUAL_HARM_PREVENTION_ORDER',
            madeOn: '2025-11-03',
            expiresOn: '2030-11-02',
            dischargedOn: null,
            inForce: true,
            foreignTravelRestricted: true,
          },
        ],
        timeline: {
          management: [
            managed(null, '2025-06-30', 'Cumbria'),
            managed('2025-07-01', null, 'Lancashire'),
          ],
        },
      }),
    );
    expect(orders).toEqual([
      expect.objectContaining({
        orderId: 'SHPO-1',
        area: 'Lancashire',
        to: '2030-11-02',
        foreignTravelRestricted: true,
      }),
    ]);
  });

  it('takes the current category and level of a record published before the timeline, from the day they took effect', () => {
    const { periods } = factRowsOf(
      changedRecord({
        mappa: {
          category: 'CATEGORY_2',
          categoryName: 'Violent and other sexual offenders',
          level: 'LEVEL_2',
          jurisdiction: 'ENGLAND_AND_WALES',
          setOn: new Date('2023-04-02T10:00:00Z'),
          reviewOn: null,
          effectiveOn: '2023-04-01',
          basis: null,
          leftOn: null,
          leftReason: null,
        },
        timeline: { registeredOn: null },
      }),
    );
    expect(periods.map((p) => [p.from, p.to, p.category, p.level])).toEqual([
      ['2023-04-01', ongoing, 'CATEGORY_2', 'LEVEL_2'],
    ]);
  });
});
