/**
 * Dates of birth as duplicate matching compares them. Two agencies' records of one person often
 * disagree on the date of birth: one wrote the day and month the other way round (03-04 for
 * 04-03, the US order or a slip), or the person gave another date that one agency keeps as an
 * alias date of birth (as the PNC does). Calendar dates are ISO strings, `YYYY-MM-DD`.
 */

/** The date with its day and month swapped, if that is another valid date; null otherwise. */
export function dayMonthSwapped(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, year, month, day] = match;
  if (day === month || Number(day) > 12) return null;
  const swapped = `${year}-${day}-${month}`;
  // Not 30 or 31 in a month without them: 1990-02-30 is no date.
  const parsed = new Date(`${swapped}T00:00:00Z`);
  return parsed.toISOString().slice(0, 10) === swapped ? swapped : null;
}

export type DateOfBirthMatch = 'EXACT' | 'ALIAS_DATE_OF_BIRTH' | 'DAY_MONTH_SWAPPED' | 'DIFFERENT';

/** What matching reads of a record's dates of birth. */
export interface BirthDates {
  dateOfBirth: string;
  /** Absent on records written before alias dates of birth existed. */
  aliasDatesOfBirth?: string[];
}

export interface MatchedBirthDates {
  match: DateOfBirthMatch;
  /** The dates that matched (the dates of birth if none did), of the first and the second record. */
  first: { date: string; alias: boolean };
  second: { date: string; alias: boolean };
}

/**
 * How two records' dates of birth agree, the best way they do: the same date of birth; a date of
 * birth one holds as an alias date of birth of the other (or both as aliases); or the dates of
 * birth with day and month swapped. A swap is only looked for between the dates of birth
 * themselves: an alias date is already a variant, and a variant of a variant says little.
 */
export function matchBirthDates(first: BirthDates, second: BirthDates): MatchedBirthDates {
  const dates = (record: BirthDates) => [
    { date: record.dateOfBirth, alias: false },
    ...(record.aliasDatesOfBirth ?? []).map((date) => ({ date, alias: true })),
  ];
  const primary = { first: dates(first)[0], second: dates(second)[0] };
  if (first.dateOfBirth === second.dateOfBirth) return { match: 'EXACT', ...primary };
  for (const left of dates(first)) {
    const right = dates(second).find((date) => date.date === left.date);
    if (right) return { match: 'ALIAS_DATE_OF_BIRTH', first: left, second: right };
  }
  if (dayMonthSwapped(first.dateOfBirth) === second.dateOfBirth) {
    return { match: 'DAY_MONTH_SWAPPED', ...primary };
  }
  return { match: 'DIFFERENT', ...primary };
}

/**
 * The dates of birth of other records that may match `record`'s: its date of birth, that date
 * with day and month swapped, and its alias dates of birth. Looked up on the others' dates of
 * birth; the others' alias dates of birth are looked up by `record`'s date of birth (and aliases).
 */
export function birthDatesToFind(record: BirthDates): string[] {
  const swapped = dayMonthSwapped(record.dateOfBirth);
  return [
    ...new Set([
      record.dateOfBirth,
      ...(swapped ? [swapped] : []),
      ...(record.aliasDatesOfBirth ?? []),
    ]),
  ];
}
