/**
 * A published table of figures: what the API returns as JSON, the CSV download and the annual
 * report document render. Every figure says how it was produced (`query`), so that a reviewer can
 * run it again against the read model.
 */
export interface FigureTable {
  /** Stable id, used in URLs and file names, e.g. "people-managed-by-category". */
  id: string;
  title: string;
  /** What the measure counts, in words a reader of the report understands. */
  description: string;
  /** The day the figures are as at (a count on one day), if they are. */
  asAt: string | null;
  /** The period the figures count events in (first and last day), if they do. */
  period: { from: string; to: string } | null;
  /** The heading of the column of row labels, e.g. "Category". */
  rowHeading: string;
  /** The column headings after the row labels, e.g. ["Level 1", "Level 2", "Level 3", "Total"]. */
  columns: string[];
  rows: FigureRow[];
  /** Whether the last column and the last row are totals (then they take part in suppression). */
  totals: { row: boolean; column: boolean };
  /** The unit of the cells: people counted, or a rate per 100,000 population. */
  unit: 'count' | 'rate-per-100k';
  /** The read-model query that produced the figures (MongoDB aggregation, as JSON). */
  query: string;
  /** What a reader must know: suppression applied, figures not yet carried by the data, sources. */
  notes: string[];
}

export interface FigureRow {
  label: string;
  cells: FigureCell[];
}

/**
 * One figure. A suppressed cell has no value in what is published: `PRIMARY` for a count under the
 * threshold, `SECONDARY` for a cell hidden so that a total cannot reveal a primary one.
 */
export interface FigureCell {
  value: number | null;
  suppressed: 'PRIMARY' | 'SECONDARY' | null;
}
