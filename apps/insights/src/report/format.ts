import type { Jurisdiction } from '@hub/contracts';
import type { FigureCell, FigureTable } from '../figures/figure-table';

/**
 * The mark a hidden figure is published as. Primary and secondary suppression share one mark, as
 * the GSS guidance on symbols in tables advises: telling them apart would show the reader which
 * cell is the small one, which is the very thing the secondary cells are hidden to protect.
 */
export const SUPPRESSED_MARK = '[c]';

/** The mark of a figure the data does not carry (no value, yet not hidden). */
export const NOT_AVAILABLE_MARK = '[x]';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** How a cell reads in the document: grouped thousands, rates to one decimal place. */
export function cellText(cell: FigureCell, unit: FigureTable['unit']): string {
  if (cell.suppressed !== null) return SUPPRESSED_MARK;
  if (cell.value === null) return NOT_AVAILABLE_MARK;
  return unit === 'rate-per-100k' ? RATE.format(cell.value) : COUNT.format(cell.value);
}

/**
 * "2026-03-31" → "31 March 2026". Read from the string's parts, not through `Date`, so that the
 * machine's time zone cannot move a day.
 */
export function longDate(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (match === null) return isoDay;
  const [, year, month, day] = match;
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** An ISO timestamp in words, in UTC so that the same report always reads the same. */
export function longTimestamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
  const time = `${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}`;
  return `${day} at ${time} UTC`;
}

/** The year ending 31 March `year` as the reports print it: 2026 → "2025/26". */
export function reportingYearLabel(year: number): string {
  return `${year - 1}/${pad2(year % 100)}`;
}

/** The arrangements' name: PPANI in Northern Ireland, MAPPA elsewhere. */
export function arrangementsName(jurisdiction: Jurisdiction): string {
  return jurisdiction === 'NORTHERN_IRELAND' ? 'PPANI' : 'MAPPA';
}

export function reportTitle(jurisdiction: Jurisdiction, yearLabel: string): string {
  switch (jurisdiction) {
    case 'NORTHERN_IRELAND':
      return `Public Protection Arrangements Northern Ireland (PPANI) annual report ${yearLabel}`;
    case 'SCOTLAND':
      return `MAPPA annual report ${yearLabel} — Scotland`;
    case 'ENGLAND_AND_WALES':
      return `MAPPA annual report ${yearLabel} — England and Wales`;
  }
}

/**
 * The stored query is compact JSON; indented, it can be read and copied from the appendix. A query
 * that is not JSON is shown as stored.
 */
export function readableQuery(query: string): string {
  try {
    return JSON.stringify(JSON.parse(query), null, 2);
  } catch {
    return query;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
