import pdfParse from 'pdf-parse';
import type { FigureTable } from '../figures/figure-table';
import { annualReportFixture } from './annual-report.fixture';
import { renderReportPdf } from './report-pdf';

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const parsed = await pdfParse(pdf);
  return { text: parsed.text, pages: parsed.numpages };
}

describe('renderReportPdf', () => {
  const report = annualReportFixture();
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = await renderReportPdf(report);
    ({ text } = await pdfText(pdf));
  });

  it('is a PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('holds the title, the period and the introduction as text', () => {
    expect(text).toContain('MAPPA annual report 2025/26 — Scotland');
    expect(text).toContain('1 April 2025 to 31 March 2026');
    expect(text).toContain("exchange hub's event history");
  });

  it('holds each table’s title, column headings and figures as text', () => {
    for (const table of report.tables) expect(text).toContain(table.title);
    for (const heading of ['Category', 'Level 1', 'Level 2', 'Level 3', 'Total']) {
      expect(text).toContain(heading);
    }
    for (const figure of ['5,217', '5,411', '1,610', '7,038', '104.9', '71.2']) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('Counts under 5 are not published.');
  });

  it('marks hidden figures as [c] and explains them', () => {
    expect(text).toContain('[c]');
    expect(text).toContain('Statistical disclosure control');
    expect(text).toContain('a count smaller than 5 is not published');
    expect(text).toContain(
      'People managed on 31 March 2026, by category and level: 4 figures hidden',
    );
  });

  it('draws both charts with their text selectable', () => {
    expect(text).toContain('People managed under MAPPA on 31 March, by category');
    expect(text).toContain('Year ending 31 March');
    expect(text).toContain('Category 2: violent offenders');
    expect(text).toContain('Registered sex offenders per 100,000 population, 31 March 2026');
    expect(text).toContain('North Strathclyde');
  });

  it('lists each table’s query in the appendix', () => {
    expect(text).toContain('How each figure was produced');
    expect(text).toContain('"$match": {');
  });

  it('gives the same bytes for the same report', async () => {
    expect((await renderReportPdf(report)).equals(pdf)).toBe(true);
  });

  it('continues a long table on the next page under its heading row again', async () => {
    const long: FigureTable = {
      ...tableOf(report.tables),
      title: 'A long table',
      rowHeading: 'Local area',
      columns: ['People'],
      rows: Array.from({ length: 90 }, (_, i) => ({
        label: `Local area ${i + 1}`,
        cells: [{ value: 1000 + i, suppressed: null }],
      })),
      totals: { row: false, column: false },
    };

    const { text: longText, pages } = await pdfText(
      await renderReportPdf({ ...report, tables: [long] }),
    );

    expect(pages).toBeGreaterThanOrEqual(4);
    expect(longText).toContain('A long table (continued)');
    expect(longText.match(/Local areaPeople/g)?.length).toBeGreaterThanOrEqual(2);
    expect(longText).toContain('Local area 90');
    expect(longText).toContain('1,089');
  });
});

function tableOf(tables: FigureTable[]): FigureTable {
  const [first] = tables;
  if (first === undefined) throw new Error('the fixture has no tables');
  return first;
}
