import type { FigureCell, FigureTable } from './figure-table';

export interface Keyed {
  key: string;
  label: string;
}

export interface CountTableSpec {
  id: string;
  title: string;
  description: string;
  asAt?: string;
  period?: { from: string; to: string };
  rowHeading: string;
  rows: readonly Keyed[];
  columns: readonly Keyed[];
  count: (row: string, column: string) => number;
  /**
   * Totals to add: a total column (sums across) and a total row (sums down) — only where the cells
   * add up, i.e. each person is in one cell. A table of one column has a total row at most.
   */
  totals: { row: boolean; column: boolean };
  query: string;
  notes?: string[];
}

const cell = (value: number): FigureCell => ({ value, suppressed: null });

/** A table of counts, with totals computed from its cells (before any suppression). */
export function countTable(spec: CountTableSpec): FigureTable {
  const body = spec.rows.map((row) => ({
    label: row.label,
    values: spec.columns.map((column) => spec.count(row.key, column.key)),
  }));
  const withRowTotals = body.map((row) => ({
    label: row.label,
    values: spec.totals.column
      ? [...row.values, row.values.reduce((a, b) => a + b, 0)]
      : row.values,
  }));
  const rows = withRowTotals.map((row) => ({ label: row.label, cells: row.values.map(cell) }));
  if (spec.totals.row) {
    const width = spec.columns.length + (spec.totals.column ? 1 : 0);
    const totals = Array.from({ length: width }, (_, index) =>
      withRowTotals.reduce((sum, row) => sum + row.values[index], 0),
    );
    rows.push({ label: 'Total', cells: totals.map(cell) });
  }
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    asAt: spec.asAt ?? null,
    period: spec.period ?? null,
    rowHeading: spec.rowHeading,
    columns: [
      ...spec.columns.map((column) => column.label),
      ...(spec.totals.column ? ['Total'] : []),
    ],
    rows,
    totals: spec.totals,
    unit: 'count',
    query: spec.query,
    notes: spec.notes ?? [],
  };
}
