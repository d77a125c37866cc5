import type { FigureCell, FigureTable } from '../figures/figure-table';
import { NOT_AVAILABLE_MARK, SUPPRESSED_MARK } from './format';

/**
 * A table as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break). Figures are written plain (no thousands separators) for machines to read; a hidden
 * figure is written as its mark, never as a number. Notes stay with the report, not in the data.
 */
export function tableCsv(table: FigureTable): string {
  const lines = [
    [table.rowHeading, ...table.columns].map(textField),
    ...table.rows.map((row) => [textField(row.label), ...row.cells.map(cellField)]),
  ];
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

function cellField(cell: FigureCell): string {
  if (cell.suppressed !== null) return SUPPRESSED_MARK;
  if (cell.value === null) return NOT_AVAILABLE_MARK;
  return String(cell.value);
}

/**
 * A label or heading. One that starts like a formula is prefixed with an apostrophe, so that a
 * spreadsheet opening the download shows it rather than runs it (OWASP's advice on CSV injection).
 */
function textField(text: string): string {
  return quoted(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

function quoted(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
