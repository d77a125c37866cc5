import {
  lastDayOf,
  notificationPeriodOf,
  reviewableFrom,
  underEighteenOn,
} from './notification-period';
import type { PeriodFacts } from './notification-period';

const on = '2020-03-15';
const period = (facts: Partial<PeriodFacts>) =>
  notificationPeriodOf({
    basis: 'CONVICTION',
    relevantDate: on,
    disposal: 'OTHER',
    termMonths: null,
    underEighteen: false,
    ...facts,
  });

describe('the notification period (Sexual Offences Act 2003 s82)', () => {
  it.each([
    ['imprisonment for life', { disposal: 'IMPRISONMENT_FOR_LIFE' as const }],
    ['imprisonment for public protection', { disposal: 'INDETERMINATE_SENTENCE' as const }],
    ['30 months imprisonment', { disposal: 'IMPRISONMENT' as const, termMonths: 30 }],
    ['a restricted hospital order', { disposal: 'HOSPITAL_ORDER_WITH_RESTRICTION' as const }],
  ])('is indefinite for %s, beginning with the relevant date', (_, facts) => {
    expect(period(facts)).toMatchObject({
      indefinite: true,
      months: null,
      startsOn: on,
      endsOn: null,
    });
  });

  it.each([
    [
      '29 months imprisonment',
      { disposal: 'IMPRISONMENT' as const, termMonths: 29 },
      120,
      '2030-03-14',
    ],
    [
      '7 months imprisonment',
      { disposal: 'IMPRISONMENT' as const, termMonths: 7 },
      120,
      '2030-03-14',
    ],
    [
      '6 months imprisonment',
      { disposal: 'IMPRISONMENT' as const, termMonths: 6 },
      84,
      '2027-03-14',
    ],
    [
      'a hospital order without restriction',
      { disposal: 'HOSPITAL_ORDER' as const },
      84,
      '2027-03-14',
    ],
    ['a community order or fine', { disposal: 'OTHER' as const }, 60, '2025-03-14'],
    ['a caution', { basis: 'CAUTION' as const, disposal: 'CAUTION' as const }, 24, '2022-03-14'],
    [
      'a 12-month conditional discharge',
      { disposal: 'CONDITIONAL_DISCHARGE' as const, termMonths: 12 },
      12,
      '2021-03-14',
    ],
    [
      'a Scottish offender supervision requirement of 18 months',
      { disposal: 'OFFENDER_SUPERVISION_REQUIREMENT' as const, termMonths: 18 },
      18,
      '2021-09-14',
    ],
  ])('is fixed for %s, ending the day before the anniversary', (_, facts, months, endsOn) => {
    expect(period(facts)).toMatchObject({ indefinite: false, months, startsOn: on, endsOn });
  });

  it('is undecided for imprisonment recorded without its term', () => {
    expect(period({ disposal: 'IMPRISONMENT', termMonths: null })).toBeNull();
  });

  it('halves a fixed period for a person under 18 on the relevant date (s82(2))', () => {
    expect(period({ disposal: 'IMPRISONMENT', termMonths: 12, underEighteen: true })).toMatchObject(
      {
        months: 60,
        endsOn: '2025-03-14',
      },
    );
    expect(period({ disposal: 'IMPRISONMENT', termMonths: 3, underEighteen: true })).toMatchObject({
      months: 42,
      endsOn: '2023-09-14',
    });
    expect(period({ basis: 'CAUTION', disposal: 'CAUTION', underEighteen: true })).toMatchObject({
      months: 12,
      endsOn: '2021-03-14',
    });
    // An odd number of months halves by days: 9 months from 15 March is 275 days; half is 137.
    expect(lastDayOf(on, 9, true)).toBe('2020-07-29');
  });

  it('does not halve a period the order sets itself (a conditional discharge): s82(2) halves fixed periods only', () => {
    expect(
      period({ disposal: 'CONDITIONAL_DISCHARGE', termMonths: 24, underEighteen: true }),
    ).toMatchObject({ months: 24, endsOn: '2022-03-14' });
  });

  it('does not halve an indefinite period', () => {
    expect(period({ disposal: 'IMPRISONMENT_FOR_LIFE', underEighteen: true })).toMatchObject({
      indefinite: true,
      endsOn: null,
    });
  });

  it('works out whether the person was under 18 from the date of birth', () => {
    expect(underEighteenOn('2002-03-16', on)).toBe(true);
    expect(underEighteenOn('2002-03-15', on)).toBe(false);
  });
});

describe('when an indefinite requirement becomes reviewable (s91B)', () => {
  it('is 15 years from the first notification after release for an adult', () => {
    expect(reviewableFrom(false, '2021-06-01', null)).toBe('2036-06-01');
  });

  it('is 8 years from it for a person under 18 on the relevant date', () => {
    expect(reviewableFrom(true, '2021-06-01', null)).toBe('2029-06-01');
  });

  it('is 8 years from a determination to keep the requirement (s91B(3))', () => {
    expect(reviewableFrom(false, '2021-06-01', '2037-01-10')).toBe('2045-01-10');
  });

  it('is not known before the first notification after release', () => {
    expect(reviewableFrom(false, null, null)).toBeNull();
  });
});
