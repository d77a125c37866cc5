/**
 * Calendar dates as the record keeps them (ISO `YYYY-MM-DD`, the Avro `date` logical type). Deadlines
 * and "current" facts are decided on the UK calendar, so "today" is the date in Europe/London.
 */
const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in the UK at `at`. */
export function londonDate(at: Date): string {
  return londonDay.format(at);
}

function utcDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const at = utcDay(date);
  at.setUTCDate(at.getUTCDate() + days);
  return isoDay(at);
}

/** `date` plus whole months; a day the month lacks (31 April) becomes its last day. */
export function addMonths(date: string, months: number): string {
  const at = utcDay(date);
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, lastDay));
  return isoDay(at);
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The later of two dates, either of which may be missing. */
export function laterDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** The earlier of two dates, either of which may be missing. */
export function earlierDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** The number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / 86_400_000);
}
