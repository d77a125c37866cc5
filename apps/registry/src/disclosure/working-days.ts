import type { Jurisdiction } from '@hub/contracts';
import { addDays } from '../projections/calendar';
import englandAndWales from './bank-holidays/england-and-wales.json';
import northernIreland from './bank-holidays/northern-ireland.json';
import scotland from './bank-holidays/scotland.json';

/** One jurisdiction's bank holidays, as the data files under `bank-holidays/` hold them. */
export interface BankHolidayCalendar {
  version: string;
  jurisdiction: Jurisdiction;
  source: string;
  /** The first and last year the file lists every bank holiday of. */
  coversYears: [number, number];
  holidays: { date: string; title: string }[];
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a data file when loaded: a malformed date would silently shift every deadline. */
export function validCalendar(file: unknown, jurisdiction: Jurisdiction): BankHolidayCalendar {
  const calendar = file as BankHolidayCalendar;
  const [first, last] = calendar.coversYears;
  const problems = calendar.holidays
    .filter(({ date }) => {
      const year = Number(date.slice(0, 4));
      return !isoDate.test(date) || addDays(date, 0) !== date || year < first || year > last;
    })
    .map(({ date }) => date);
  if (calendar.jurisdiction !== jurisdiction || problems.length > 0) {
    throw new Error(
      `bank holidays of ${jurisdiction}: ${problems.length > 0 ? `bad dates ${problems.join(', ')}` : `the file is ${calendar.jurisdiction}'s`}`,
    );
  }
  return calendar;
}

export const bankHolidayCalendars: Readonly<Record<Jurisdiction, BankHolidayCalendar>> = {
  ENGLAND_AND_WALES: validCalendar(englandAndWales, 'ENGLAND_AND_WALES'),
  SCOTLAND: validCalendar(scotland, 'SCOTLAND'),
  NORTHERN_IRELAND: validCalendar(northernIreland, 'NORTHERN_IRELAND'),
};

/** A day outside the years every calendar covers: no deadline is guessed across it. */
export class CalendarNotCoveredError extends Error {
  override name = 'CalendarNotCoveredError';

  constructor(
    date: string,
    readonly covered: [number, number],
  ) {
    super(
      `${date} is outside the bank-holiday calendars (${covered[0]}–${covered[1]}); ` +
        'add the year to apps/registry/src/disclosure/bank-holidays/ before counting working days across it',
    );
  }
}

/**
 * Working days as FOIA s10(6) defines them: any day but a Saturday, a Sunday, Christmas Day,
 * Good Friday or a bank holiday "in any part of the United Kingdom" — so a Scottish or Northern
 * Irish bank holiday stops the clock for every public authority. Christmas Day and Good Friday
 * are in every jurisdiction's file.
 */
export class WorkingDays {
  private readonly nonWorking: Set<string>;
  private readonly covered: [number, number];

  constructor(calendars: readonly BankHolidayCalendar[] = Object.values(bankHolidayCalendars)) {
    this.nonWorking = new Set(calendars.flatMap((c) => c.holidays.map((h) => h.date)));
    this.covered = [
      Math.max(...calendars.map((c) => c.coversYears[0])),
      Math.min(...calendars.map((c) => c.coversYears[1])),
    ];
  }

  isWorkingDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (year < this.covered[0] || year > this.covered[1]) {
      throw new CalendarNotCoveredError(date, this.covered);
    }
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.nonWorking.has(date);
  }

  /** The `count`th working day after `date` (`date` itself not counted). */
  add(date: string, count: number): string {
    let day = date;
    for (let counted = 0; counted < count;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /** `date` if it is a working day, else the first working day after it. */
  onOrAfter(date: string): string {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  between(from: string, to: string): number {
    if (to < from) return -this.between(to, from);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }
}
