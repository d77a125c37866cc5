import type { FigureCell } from '../figures/figure-table';

export type SuppressionMark = FigureCell['suppressed'];

/**
 * The figures of a count table as a grid, with where its totals are. A `null` value is one the
 * table does not publish (already hidden, or not carried by the data): a reader does not know it,
 * so it counts as hidden in a line even though this module did not suppress it.
 */
export interface CountGrid {
  values: readonly (readonly (number | null)[])[];
  /** Marks the grid starts with (a table suppressed before keeps them). */
  marks: readonly (readonly SuppressionMark[])[];
  totalRow: number | null;
  totalColumn: number | null;
}

interface Position {
  row: number;
  column: number;
}

/** A row or column whose cells, less its total, sum to its total: what a reader can subtract along. */
interface Line {
  cells: Position[];
  total: Position;
}

/**
 * The lines a reader can work out a hidden cell from by difference: rows when there is a total
 * column, columns when there is a total row. A line of one cell (a table of only a total column)
 * has nothing to subtract, so it is left out.
 */
function linesOf(grid: CountGrid): Line[] {
  const rows = grid.values.length;
  const columns = rows > 0 ? grid.values[0].length : 0;
  const lines: Line[] = [];
  if (grid.totalColumn !== null && columns > 1) {
    const total = grid.totalColumn;
    for (let row = 0; row < rows; row++) {
      const cells = Array.from({ length: columns }, (_, column) => ({ row, column }));
      lines.push({ cells, total: { row, column: total } });
    }
  }
  if (grid.totalRow !== null && rows > 1) {
    const total = grid.totalRow;
    for (let column = 0; column < columns; column++) {
      const cells = Array.from({ length: rows }, (_, row) => ({ row, column }));
      lines.push({ cells, total: { row: total, column } });
    }
  }
  return lines;
}

function isPrimary(value: number | null, threshold: number): boolean {
  // Zeros are published: "nobody" identifies no one, and hiding zeros would hide structural
  // zeros (a category an area cannot have) that readers rely on.
  return value !== null && value > 0 && value < threshold;
}

/**
 * Marks every count under `threshold` PRIMARY, then hides further cells (SECONDARY) until no row or
 * column that has a total has exactly one hidden cell: with one hidden cell, the total less the
 * published cells gives it away (and a hidden total is the sum of its published cells).
 *
 * The second cell of a line is its smallest non-zero published cell (the first of equals), which
 * loses the least information; the line's own total only when nothing else is left. Hiding a cell
 * can leave the line crossing it with a single hidden cell, so lines are passed over until none
 * changes. This always ends: every pass that changes something hides a cell not hidden before.
 *
 * A line whose other published cells are all zero has no candidate and keeps its single hidden
 * cell: with consistent totals that happens only when the hidden cell was `null` in the input.
 */
export function suppressGrid(grid: CountGrid, threshold: number): SuppressionMark[][] {
  const marks = grid.values.map((values, row) =>
    values.map(
      (value, column) =>
        grid.marks[row][column] ?? (isPrimary(value, threshold) ? 'PRIMARY' : null),
    ),
  );
  const hidden = ({ row, column }: Position): boolean =>
    marks[row][column] !== null || grid.values[row][column] === null;

  const lines = linesOf(grid);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.cells.filter(hidden).length !== 1) continue;
      const next = secondCellOf(line, grid, hidden);
      if (next) {
        marks[next.row][next.column] = 'SECONDARY';
        changed = true;
      }
    }
  }
  return marks;
}

function secondCellOf(
  line: Line,
  grid: CountGrid,
  hidden: (position: Position) => boolean,
): Position | undefined {
  const isTotal = (p: Position): boolean =>
    p.row === line.total.row && p.column === line.total.column;
  const valueOf = (p: Position): number => grid.values[p.row][p.column] ?? 0;
  const candidates = line.cells.filter((p) => !hidden(p) && valueOf(p) > 0);
  const smallest = (cells: Position[]): Position | undefined =>
    cells.reduce<Position | undefined>(
      (best, p) => (best === undefined || valueOf(p) < valueOf(best) ? p : best),
      undefined,
    );
  return smallest(candidates.filter((p) => !isTotal(p))) ?? smallest(candidates.filter(isTotal));
}
