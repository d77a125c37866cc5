import type { FigureTable } from '../figures/figure-table';
import { annualReportFixture } from './annual-report.fixture';
import { tableCsv } from './report-csv';

function table(overrides: Partial<FigureTable>): FigureTable {
  const [first] = annualReportFixture().tables;
  if (first === undefined) throw new Error('the fixture has no tables');
  return { ...first, ...overrides };
}

describe('tableCsv', () => {
  it('writes a heading row, then one line per row, with CRLF line ends', () => {
    const csv = tableCsv(table({}));

    expect(csv.split('\r\n')).toEqual([
      'Category,Level 1,Level 2,Level 3,Total',
      'Category 1,5217,187,7,5411',
      'Category 2,1452,143,15,1610',
      'Category 3,9,[c],[c],17',
      'Total,6678,[c],[c],7038',
      '',
    ]);
  });

  it('writes primary and secondary suppressed cells as the mark, never their value', () => {
    const csv = tableCsv(
      table({
        columns: ['A', 'B'],
        rows: [
          {
            label: 'Row',
            cells: [
              { value: 3, suppressed: 'PRIMARY' },
              { value: 12, suppressed: 'SECONDARY' },
            ],
          },
        ],
      }),
    );

    expect(csv).toBe('Category,A,B\r\nRow,[c],[c]\r\n');
  });

  it('writes a missing figure that is not suppressed as [x]', () => {
    const csv = tableCsv(
      table({
        columns: ['A'],
        rows: [{ label: 'Row', cells: [{ value: null, suppressed: null }] }],
      }),
    );

    expect(csv).toBe('Category,A\r\nRow,[x]\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling the quotes', () => {
    const csv = tableCsv(
      table({
        rowHeading: 'Area, or region',
        columns: ['The "rate"', 'Two\nlines'],
        rows: [
          {
            label: 'Plain',
            cells: [
              { value: 1.5, suppressed: null },
              { value: 0, suppressed: null },
            ],
          },
        ],
      }),
    );

    expect(csv).toBe('"Area, or region","The ""rate""","Two\nlines"\r\nPlain,1.5,0\r\n');
  });

  it('keeps a label that looks like a formula from running in a spreadsheet', () => {
    const csv = tableCsv(
      table({
        columns: ['A'],
        rows: [{ label: '=HYPERLINK("x")', cells: [{ value: -2, suppressed: null }] }],
      }),
    );

    expect(csv).toBe('Category,A\r\n"\'=HYPERLINK(""x"")",-2\r\n');
  });

  it('leaves the notes out', () => {
    const csv = tableCsv(table({ notes: ['Counts under 5 are not published.'] }));

    expect(csv).not.toContain('not published');
  });
});
