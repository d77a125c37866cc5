import type { FigureTable } from '../figures/figure-table';
import type { AnnualReport } from './annual-report';
import {
  arrangementsName,
  cellText,
  longDate,
  longTimestamp,
  NOT_AVAILABLE_MARK,
  readableQuery,
  reportingYearLabel,
  reportTitle,
  SUPPRESSED_MARK,
} from './format';

/**
 * The words and figures of the annual report, worked out once so that the HTML and the PDF say the
 * same thing and differ only in layout.
 */
export interface ReportContent {
  title: string;
  periodLine: string;
  generatedLine: string;
  introduction: string[];
  tables: TableContent[];
  disclosure: DisclosureContent;
  charts: { trend: ChartText; rates: ChartText };
  appendix: { id: string; title: string; query: string }[];
}

export interface TableContent {
  id: string;
  title: string;
  description: string;
  /** "As at 31 March 2026" or "1 April 2025 to 31 March 2026". */
  coverage: string | null;
  headings: string[];
  rows: { label: string; cells: CellContent[] }[];
  /** The last row is a total, printed in bold. */
  totalRow: boolean;
  /** Explains the marks this table uses, if it uses any. */
  legend: string[];
  notes: string[];
}

export interface CellContent {
  text: string;
  mark: 'suppressed' | 'not-available' | null;
}

export interface DisclosureContent {
  paragraphs: string[];
  /** One line per table with hidden cells; empty when nothing was hidden. */
  tablesWithSuppression: { id: string; title: string; hidden: number }[];
}

export interface ChartText {
  caption: string;
  notes: string[];
}

export const SUPPRESSED_LEGEND = `${SUPPRESSED_MARK} not published, to protect confidentiality (see "Statistical disclosure control")`;
export const NOT_AVAILABLE_LEGEND = `${NOT_AVAILABLE_MARK} not available: the data does not yet carry this figure`;

export function reportContent(report: AnnualReport): ReportContent {
  const name = arrangementsName(report.jurisdiction);
  const asAt = longDate(report.period.to);
  return {
    title: reportTitle(report.jurisdiction, report.yearLabel),
    periodLine: `Reporting year ${report.yearLabel}: ${longDate(report.period.from)} to ${asAt}`,
    generatedLine: `Figures produced on ${longTimestamp(report.generatedAt)}`,
    introduction: [
      `This report gives the figures of the ${name} arrangements for the year from ${longDate(report.period.from)} to ${asAt}. Counts of people managed are as at ${asAt}; counts of events are of events in the year.`,
      `Every figure is computed from the exchange hub's event history: the record of each person that the responsible authorities share through the hub, as it stood at the end of the year. No figure is typed in by hand.`,
      `Each table lists, in the appendix "How each figure was produced", the query that produced it, so that a reviewer can run it again and get the same figures.`,
      `Rates per 100,000 population use ${report.populationSource}.`,
    ],
    tables: report.tables.map(tableContent),
    disclosure: disclosureContent(report),
    charts: {
      trend: trendText(report, name),
      rates: ratesText(report, asAt),
    },
    appendix: report.tables.map((table) => ({
      id: table.id,
      title: table.title,
      query: readableQuery(table.query),
    })),
  };
}

function tableContent(table: FigureTable): TableContent {
  const rows = table.rows.map((row) => ({
    label: row.label,
    cells: row.cells.map((cell): CellContent => ({
      text: cellText(cell, table.unit),
      mark: cell.suppressed !== null ? 'suppressed' : cell.value === null ? 'not-available' : null,
    })),
  }));
  const marks = new Set(rows.flatMap((row) => row.cells.map((cell) => cell.mark)));
  return {
    id: table.id,
    title: table.title,
    description: table.description,
    coverage: coverage(table),
    headings: [table.rowHeading, ...table.columns],
    rows,
    totalRow: table.totals.row,
    legend: [
      ...(marks.has('suppressed') ? [SUPPRESSED_LEGEND] : []),
      ...(marks.has('not-available') ? [NOT_AVAILABLE_LEGEND] : []),
    ],
    notes: table.notes,
  };
}

function coverage(table: FigureTable): string | null {
  if (table.asAt !== null) return `As at ${longDate(table.asAt)}`;
  if (table.period !== null)
    return `${longDate(table.period.from)} to ${longDate(table.period.to)}`;
  return null;
}

function disclosureContent(report: AnnualReport): DisclosureContent {
  const threshold = report.suppressionThreshold;
  const tablesWithSuppression = report.tables
    .map((table) => ({
      id: table.id,
      title: table.title,
      hidden: table.rows.flatMap((row) => row.cells).filter((cell) => cell.suppressed !== null)
        .length,
    }))
    .filter((table) => table.hidden > 0);
  return {
    paragraphs: [
      `So that no one can be identified from the figures, a count smaller than ${threshold} is not published (primary suppression). Where a row or column total would let a reader work out a hidden count, further cells are hidden too (secondary suppression).`,
      `Both kinds of hidden figure are shown as ${SUPPRESSED_MARK}, so that the mark does not tell which of them is the small one. A hidden figure is not zero. ${NOT_AVAILABLE_MARK} marks a figure the data does not yet carry.`,
      tablesWithSuppression.length === 0
        ? 'No figure in this report had to be hidden.'
        : 'The tables with hidden figures:',
    ],
    tablesWithSuppression,
  };
}

function trendText(report: AnnualReport, name: string): ChartText {
  const hidden = report.trend
    .filter((point) => point.count === null)
    .map((point) => `${point.category} in ${reportingYearLabel(point.year)}`);
  return {
    caption: `People managed under ${name} on 31 March of each year, by category.`,
    notes:
      hidden.length === 0
        ? []
        : [`Not plotted, because not published (${SUPPRESSED_MARK}): ${hidden.join('; ')}.`],
  };
}

function ratesText(report: AnnualReport, asAt: string): ChartText {
  const hidden = report.ratesByArea.filter((row) => row.rate === null).map((row) => row.area);
  return {
    caption: `Registered sex offenders per 100,000 population on ${asAt}, by area.`,
    notes: [
      ...(hidden.length === 0
        ? []
        : [`No bar, because not published (${SUPPRESSED_MARK}): ${hidden.join('; ')}.`]),
      `Population: ${report.populationSource}.`,
    ],
  };
}
