import {
  checkExtension,
  deadlineRules,
  disclosureKinds,
  ExtensionRefusedError,
} from './statutory-deadlines';
import { bankHolidayCalendars, CalendarNotCoveredError, WorkingDays } from './working-days';

const days = new WorkingDays();
const due = (kind: keyof typeof deadlineRules, receivedOn: string, requesterDueOn?: string) =>
  deadlineRules[kind].dueOn({ receivedOn, requesterDueOn }, days);

describe('the bank-holiday data files', () => {
  it.each(Object.values(bankHolidayCalendars))(
    '$jurisdiction covers 2025–2028 with a source and a version',
    (calendar) => {
      expect(calendar.coversYears).toEqual([2025, 2028]);
      expect(calendar.source).toMatch(/gov\.uk\/bank-holidays/);
      expect(calendar.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
      for (const year of [2025, 2026, 2027, 2028]) {
        const ofYear = calendar.holidays.filter((h) => h.date.startsWith(`${year}`));
        // Christmas Day (or its substitute) and Good Friday are bank holidays everywhere.
        expect(ofYear.some((h) => h.title.startsWith('Christmas Day'))).toBe(true);
        expect(ofYear.some((h) => h.title === 'Good Friday')).toBe(true);
      }
    },
  );

  it('lists each jurisdiction its own days: 2 January in Scotland, St Patrick in Northern Ireland', () => {
    const has = (jurisdiction: keyof typeof bankHolidayCalendars, date: string) =>
      bankHolidayCalendars[jurisdiction].holidays.some((h) => h.date === date);
    expect(has('SCOTLAND', '2026-01-02')).toBe(true);
    expect(has('ENGLAND_AND_WALES', '2026-01-02')).toBe(false);
    expect(has('NORTHERN_IRELAND', '2026-03-17')).toBe(true);
    expect(has('ENGLAND_AND_WALES', '2026-04-06')).toBe(true);
    expect(has('SCOTLAND', '2026-04-06')).toBe(false);
  });
});

describe('SAR: one calendar month (UK GDPR Art 12(3), ICO guidance)', () => {
  it('is due on the corresponding date of the next month', () => {
    expect(due('SAR', '2026-09-03')).toBe('2026-10-05'); // 3 Oct 2026 is a Saturday
    expect(due('SAR', '2026-09-08')).toBe('2026-10-08');
  });

  it('falls on the last day of a shorter month when it has no corresponding date', () => {
    expect(due('SAR', '2027-01-31')).toBe('2027-03-01'); // 28 Feb 2027 is a Sunday
    expect(due('SAR', '2028-01-31')).toBe('2028-02-29'); // leap year, a Tuesday
    expect(due('SAR', '2026-03-31')).toBe('2026-04-30');
  });

  it('moves a deadline on a weekend or bank holiday to the next working day', () => {
    // 25 Dec 2026 Friday, 28 Dec substitute Boxing Day: the 29th.
    expect(due('SAR', '2026-11-25')).toBe('2026-12-29');
    // 2 Jan 2026 is a bank holiday in Scotland only; FOIA s10(6) counts any part of the UK.
    expect(due('SAR', '2025-12-02')).toBe('2026-01-05');
  });

  it('may be extended by two further months, and no further', () => {
    const facts = { receivedOn: '2026-03-10' };
    expect(() => checkExtension('SAR', facts, '2026-04-10', '2026-06-10', days)).not.toThrow();
    expect(() => checkExtension('SAR', facts, '2026-04-10', '2026-06-11', days)).toThrow(
      /2026-06-10 at the latest \(UK GDPR Art 12\(3\)/,
    );
    expect(() => checkExtension('SAR', facts, '2026-04-10', '2026-04-09', days)).toThrow(
      ExtensionRefusedError,
    );
  });
});

describe('FOI: the twentieth working day (FOIA s10(1), s10(6))', () => {
  it('counts working days after receipt, skipping weekends', () => {
    // Received Monday 2 February 2026; no bank holiday anywhere in the UK until 17 March.
    expect(due('FOI', '2026-02-02')).toBe('2026-03-02');
  });

  it('skips Good Friday and Easter Monday', () => {
    // 20 working days from Monday 23 March 2026 cross 3 and 6 April.
    expect(due('FOI', '2026-03-23')).toBe('2026-04-22');
  });

  it('skips Christmas, the substitute Boxing Day and New Year, and Scotland\u2019s 2 January', () => {
    // Received Tuesday 15 December 2026: 25, 28 Dec, 1 Jan 2027 and 4 Jan 2027 (2 January's
    // substitute in Scotland) are not working days.
    expect(due('FOI', '2026-12-15')).toBe('2027-01-18');
  });

  it('skips a Northern Irish bank holiday too (s10(6): any part of the UK)', () => {
    // St Patrick's Day, Tuesday 17 March 2026: a Monday 2 March request is due on the 31st.
    expect(due('FOI', '2026-03-02')).toBe('2026-03-31');
    // 13 July 2026 is the Battle of the Boyne's substitute day in Northern Ireland only.
    expect(days.isWorkingDay('2026-07-13')).toBe(false);
    expect(due('FOI', '2026-07-01')).toBe('2026-07-30');
  });

  it('may be extended for the public interest test by up to 20 further working days', () => {
    const facts = { receivedOn: '2026-02-02' };
    // The 40th working day: 20 after 2 March, across St Patrick's Day.
    expect(() => checkExtension('FOI', facts, '2026-03-02', '2026-03-31', days)).not.toThrow();
    expect(() => checkExtension('FOI', facts, '2026-03-02', '2026-04-01', days)).toThrow(
      /FOIA 2000 s10\(3\)/,
    );
  });
});

describe('court and police requests: the date the requester gave', () => {
  it('takes the given date, and any later date agreed as an extension', () => {
    expect(due('COURT', '2026-03-02', '2026-03-06')).toBe('2026-03-06');
    expect(due('POLICE_DISCLOSURE', '2026-03-02')).toBeNull();
    expect(() =>
      checkExtension('COURT', { receivedOn: '2026-03-02' }, '2026-03-06', '2027-03-06', days),
    ).not.toThrow();
  });
});

describe('the table', () => {
  it.each(disclosureKinds)('%s says its rule and cites its source', (kind) => {
    expect(deadlineRules[kind].rule.length).toBeGreaterThan(10);
    expect(deadlineRules[kind].source.length).toBeGreaterThan(10);
    expect(deadlineRules[kind].extension.length).toBeGreaterThan(10);
  });

  it('refuses to count across years the calendars do not cover', () => {
    expect(() => due('FOI', '2028-12-20')).toThrow(CalendarNotCoveredError);
    expect(() => due('FOI', '2028-12-20')).toThrow(/2025–2028/);
  });
});
