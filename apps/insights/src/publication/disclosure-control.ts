import type { FigureCell, FigureTable } from '../figures/figure-table';
import { suppressGrid, type SuppressionMark } from './cell-suppression';

/** How the published table, the CSV and the report show a suppressed cell, and what the notes cite. */
export const primaryMarker = '[c]';
export const secondaryMarker = '[c2]';

export interface SuppressionCounts {
  primary: number;
  secondary: number;
}

function assertRectangular(table: FigureTable): void {
  for (const row of table.rows) {
    if (row.cells.length !== table.columns.length) {
      throw new Error(
        `table ${table.id}: row "${row.label}" has ${row.cells.length} cells for ${table.columns.length} columns`,
      );
    }
  }
}

function countMarks(marks: readonly (readonly SuppressionMark[])[]): SuppressionCounts {
  const all = marks.flat();
  return {
    primary: all.filter((mark) => mark === 'PRIMARY').length,
    secondary: all.filter((mark) => mark === 'SECONDARY').length,
  };
}

/** How many cells of `table` are suppressed, of each kind. */
export function suppressionCounts(table: FigureTable): SuppressionCounts {
  return countMarks(table.rows.map((row) => row.cells.map((cell) => cell.suppressed)));
}

/** Whether any cell of `table` is suppressed (the report then explains the markers). */
export function hasSuppression(table: FigureTable): boolean {
  const { primary, secondary } = suppressionCounts(table);
  return primary + secondary > 0;
}

const cells = (count: number): string => (count === 1 ? '1 cell' : `${count} cells`);
const isOrAre = (count: number): string => (count === 1 ? 'is' : 'are');

function suppressionNote(added: SuppressionCounts, threshold: number): string {
  const secondary = `${added.secondary} more (${secondaryMarker}) so that totals do not reveal them`;
  if (added.primary === 0) {
    return `${cells(added.secondary)} ${isOrAre(added.secondary)} suppressed (${secondaryMarker}) so that totals do not reveal cells not published.`;
  }
  const primary = `${cells(added.primary)} under ${threshold} ${isOrAre(added.primary)} suppressed (${primaryMarker})`;
  return added.secondary === 0 ? `${primary}.` : `${primary} and ${secondary}.`;
}

function rateNote(added: number, threshold: number): string {
  const which = added === 1 ? '1 rate is suppressed' : `${added} rates are suppressed`;
  const why = added === 1 ? 'the count behind it is' : 'the counts behind them are';
  return `${which} (${primaryMarker}) because ${why} under ${threshold} or would reveal one that is.`;
}

function withMarks(
  table: FigureTable,
  marks: readonly (readonly SuppressionMark[])[],
  note: string | null,
): FigureTable {
  return {
    ...table,
    columns: [...table.columns],
    totals: { ...table.totals },
    period: table.period && { ...table.period },
    rows: table.rows.map((row, r) => ({
      ...row,
      cells: row.cells.map((cell, c): FigureCell =>
        marks[r][c] === null ? { ...cell } : { value: null, suppressed: marks[r][c] },
      ),
    })),
    notes: note === null ? [...table.notes] : [...table.notes, note],
  };
}

/**
 * Statistical disclosure control of a count table: counts above zero and under `threshold` are
 * hidden (PRIMARY), and so are further cells (SECONDARY) wherever a row or column total would
 * otherwise give a hidden count away by difference. The totals are the last column and row, as
 * `table.totals` says; without totals there is nothing to subtract from and only primary
 * suppression applies. Zeros are always published. A threshold of 1 or less hides nothing.
 *
 * Returns a new table (the input is not changed) with a note on what was hidden. Cells the input
 * already hides keep their marks and are not counted in the note again, so suppressing twice adds
 * nothing.
 */
export function suppressSmallCells(table: FigureTable, threshold: number): FigureTable {
  if (table.unit !== 'count') {
    throw new Error(
      `table ${table.id}: only count tables are suppressed by size; use suppressRatesOfSmallCounts`,
    );
  }
  if (Number.isNaN(threshold)) throw new Error(`table ${table.id}: threshold is not a number`);
  assertRectangular(table);
  const before = table.rows.map((row) => row.cells.map((cell) => cell.suppressed));
  if (threshold <= 1) return withMarks(table, before, null);

  const rows = table.rows.length;
  const columns = table.columns.length;
  const marks = suppressGrid(
    {
      values: table.rows.map((row) => row.cells.map((cell) => cell.value)),
      marks: before,
      totalRow: table.totals.row && rows > 0 ? rows - 1 : null,
      totalColumn: table.totals.column && columns > 0 ? columns - 1 : null,
    },
    threshold,
  );
  const had = countMarks(before);
  const now = countMarks(marks);
  const added = { primary: now.primary - had.primary, secondary: now.secondary - had.secondary };
  const note = added.primary + added.secondary > 0 ? suppressionNote(added, threshold) : null;
  return withMarks(table, marks, note);
}

/**
 * Suppression of a rate table: a rate and the population behind it give the count away, so a rate
 * is hidden wherever its count is, whether the count is small or hidden to protect another one.
 * `counts` are the counts the rates were computed from, cell for cell (suppressed here with
 * `threshold`, so either raw or already suppressed counts will do). Hidden rates are PRIMARY: each
 * hides a count on its own account, not to protect another rate.
 */
export function suppressRatesOfSmallCounts(
  rates: FigureTable,
  counts: FigureTable,
  threshold: number,
): FigureTable {
  if (rates.unit !== 'rate-per-100k') {
    throw new Error(`table ${rates.id}: not a rate table`);
  }
  assertRectangular(rates);
  const suppressedCounts = suppressSmallCells(counts, threshold);
  if (
    suppressedCounts.rows.length !== rates.rows.length ||
    suppressedCounts.columns.length !== rates.columns.length
  ) {
    throw new Error(
      `table ${rates.id}: the counts (${counts.id}) do not have the rates' rows and columns`,
    );
  }
  const marks = rates.rows.map((row, r) =>
    row.cells.map((cell, c): SuppressionMark => {
      if (cell.suppressed !== null) return cell.suppressed;
      return suppressedCounts.rows[r].cells[c].suppressed === null ? null : 'PRIMARY';
    }),
  );
  const added = countMarks(marks).primary - suppressionCounts(rates).primary;
  const note = added > 0 ? rateNote(added, threshold) : null;
  return withMarks(rates, marks, note);
}
