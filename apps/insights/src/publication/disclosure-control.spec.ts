import { mulberry32 } from '@hub/testing';
import type { FigureCell, FigureTable } from '../figures/figure-table';
import {
  hasSuppression,
  suppressionCounts,
  suppressRatesOfSmallCounts,
  suppressSmallCells,
} from './disclosure-control';

type Mark = FigureCell['suppressed'];

/** A count table from its figures; with totals, the last row and column are passed in as figures too. */
function countTable(
  figures: number[][],
  totals: { row: boolean; column: boolean },
  unit: FigureTable['unit'] = 'count',
): FigureTable {
  return {
    id: 'test-table',
    title: 'Test',
    description: 'People',
    asAt: '2026-03-31',
    period: null,
    rowHeading: 'Row',
    columns: figures[0]?.map((_, c) => `C${c}`) ?? [],
    rows: figures.map((values, r) => ({
      label: `R${r}`,
      cells: values.map((value) => ({ value, suppressed: null })),
    })),
    totals,
    unit,
    query: '[]',
    notes: ['Source: test.'],
  };
}

/** Interior figures with a total column and a total row added by summing. */
function withTotals(interior: number[][]): number[][] {
  const rows = interior.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totalRow = rows[0].map((_, c) => rows.reduce((sum, row) => sum + row[c], 0));
  return [...rows, totalRow];
}

const marksOf = (table: FigureTable): Mark[][] =>
  table.rows.map((row) => row.cells.map((cell) => cell.suppressed));
const valuesOf = (table: FigureTable): (number | null)[][] =>
  table.rows.map((row) => row.cells.map((cell) => cell.value));

const both = { row: true, column: true };
const P = 'PRIMARY';
const S = 'SECONDARY';

describe('suppressSmallCells', () => {
  it('follows one small cell through its row and column until no line gives a cell away', () => {
    const table = countTable(
      withTotals([
        [2, 10, 20],
        [8, 12, 30],
        [15, 9, 40],
      ]),
      both,
    );

    const result = suppressSmallCells(table, 5);

    // 2 is primary; 10 (smallest in its row) and 8 (in its column) protect it, and 9 and 12 then
    // protect those in the lines they leave with a single hidden cell, and 15 the last one.
    expect(marksOf(result)).toEqual([
      [P, S, null, null],
      [S, S, null, null],
      [S, S, null, null],
      [null, null, null, null],
    ]);
    expect(valuesOf(result)).toEqual([
      [null, null, 20, 32],
      [null, null, 30, 50],
      [null, null, 40, 64],
      [25, 31, 90, 146],
    ]);
    expect(result.notes).toEqual([
      'Source: test.',
      '1 cell under 5 is suppressed ([c]) and 5 more ([c2]) so that totals do not reveal them.',
    ]);
    expect(suppressionCounts(result)).toEqual({ primary: 1, secondary: 5 });
    expect(hasSuppression(result)).toBe(true);
  });

  it('does not change the table it is given', () => {
    const table = countTable(withTotals([[2, 10]]), both);
    const copy = structuredClone(table);

    suppressSmallCells(table, 5);

    expect(table).toEqual(copy);
  });

  it('needs no secondary cell when each line already hides two small cells', () => {
    const table = countTable(
      withTotals([
        [3, 4, 20],
        [2, 4, 30],
      ]),
      both,
    );

    const result = suppressSmallCells(table, 5);

    expect(marksOf(result)).toEqual([
      [P, P, null, null],
      [P, P, null, null],
      [null, null, null, null],
    ]);
    expect(result.notes.at(-1)).toBe('4 cells under 5 are suppressed ([c]).');
  });

  it('publishes zeros, and never hides one to protect another cell', () => {
    const table = countTable(
      withTotals([
        [0, 3, 0, 11],
        [0, 7, 0, 6],
      ]),
      both,
    );

    const result = suppressSmallCells(table, 5);

    expect(marksOf(result)).toEqual([
      [null, P, null, S, null],
      [null, S, null, S, null],
      [null, null, null, null, null],
    ]);
    expect(valuesOf(result).map((row) => [row[0], row[2]])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('hides the total itself when every other published cell of the line is zero', () => {
    const table = countTable(
      [
        [2, 10, 12],
        [7, 0, 7],
        [9, 10, 19],
      ],
      both,
    );

    const result = suppressSmallCells(table, 5);

    // Column 1 has only zeros left beside its total (10), so the total row's 10 goes; row 1 then has
    // only its zero beside its total (7), so that total goes too.
    expect(marksOf(result)).toEqual([
      [P, S, S],
      [S, null, S],
      [S, S, null],
    ]);
  });

  it('hides nothing with a threshold of 1 or less', () => {
    const table = countTable(withTotals([[1, 0, 1]]), both);

    for (const threshold of [1, 0, -5]) {
      const result = suppressSmallCells(table, threshold);
      expect(result).toEqual(table);
      expect(result).not.toBe(table);
      expect(hasSuppression(result)).toBe(false);
    }
  });

  it('applies only primary suppression to a table without totals', () => {
    const table = countTable(
      [
        [2, 10, 20],
        [8, 12, 30],
      ],
      { row: false, column: false },
    );

    const result = suppressSmallCells(table, 5);

    expect(marksOf(result)).toEqual([
      [P, null, null],
      [null, null, null],
    ]);
  });

  it('protects along rows only when there is a total column but no total row', () => {
    const table = countTable(
      [
        [2, 10, 12],
        [8, 20, 28],
      ],
      { row: false, column: true },
    );

    expect(marksOf(suppressSmallCells(table, 5))).toEqual([
      [P, S, null],
      [null, null, null],
    ]);
  });

  it('adds nothing when a suppressed table is suppressed again', () => {
    const once = suppressSmallCells(
      countTable(
        withTotals([
          [2, 10],
          [8, 12],
        ]),
        both,
      ),
      5,
    );

    expect(suppressSmallCells(once, 5)).toEqual(once);
  });

  it('adds no note when nothing is under the threshold', () => {
    const result = suppressSmallCells(countTable(withTotals([[6, 10]]), both), 5);

    expect(result.notes).toEqual(['Source: test.']);
    expect(hasSuppression(result)).toBe(false);
  });

  it('refuses a rate table and a row with the wrong number of cells', () => {
    expect(() =>
      suppressSmallCells(countTable([[1]], { row: false, column: false }, 'rate-per-100k'), 5),
    ).toThrow(/only count tables/);
    const ragged = countTable([[1, 2]], { row: false, column: false });
    ragged.rows[0].cells.pop();
    expect(() => suppressSmallCells(ragged, 5)).toThrow(/has 1 cells for 2 columns/);
  });

  describe('on random tables', () => {
    /** A table of 1 to 5 rows and columns, with or without each total, and its threshold. */
    function randomCase(seed: number): {
      figures: number[][];
      totals: { row: boolean; column: boolean };
      threshold: number;
    } {
      // Seeded, so that a failure can be run again.
      const next = mulberry32(seed);
      const int = (below: number): number => Math.floor(next() * below);
      const rows = 1 + int(5);
      const columns = 1 + int(5);
      // Many small counts and zeros, so that chains of secondary cells are common.
      const figure = (): number => (next() < 0.5 ? int(6) : int(60));
      const interior = Array.from({ length: rows }, () => Array.from({ length: columns }, figure));
      const totals = { row: next() < 0.7, column: next() < 0.7 };
      const full = withTotals(interior);
      const figures = full
        .slice(0, totals.row ? full.length : rows)
        .map((row) => row.slice(0, totals.column ? row.length : columns));
      return { figures, totals, threshold: 2 + int(9) };
    }

    const seeds = Array.from({ length: 200 }, (_, index) => index + 1);

    it('exercise secondary suppression, not only primary', () => {
      const withSecondary = seeds.filter((seed) => {
        const { figures, totals, threshold } = randomCase(seed);
        return suppressionCounts(suppressSmallCells(countTable(figures, totals), threshold))
          .secondary;
      });
      expect(withSecondary.length).toBeGreaterThan(50);
    });

    it.each(seeds)('leaves no line giving a hidden cell away (seed %i)', (seed) => {
      const { figures, totals, threshold } = randomCase(seed);
      const result = suppressSmallCells(countTable(figures, totals), threshold);
      const marks = marksOf(result);

      figures.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value > 0 && value < threshold) expect(marks[r][c]).toBe(P);
          if (value === 0) expect(marks[r][c]).toBeNull();
          if (marks[r][c] === null) expect(result.rows[r].cells[c].value).toBe(value);
          else expect(result.rows[r].cells[c].value).toBeNull();
        }),
      );
      const height = figures.length;
      const width = figures[0].length;
      const lines: Mark[][] = [
        ...(totals.column && width > 1 ? marks : []),
        ...(totals.row && height > 1
          ? Array.from({ length: width }, (_, c) => marks.map((row) => row[c]))
          : []),
      ];
      for (const line of lines) {
        expect(line.filter((mark) => mark !== null)).not.toHaveLength(1);
      }
    });
  });
});

describe('suppressRatesOfSmallCounts', () => {
  it('hides a rate wherever the count behind it is hidden, small or protecting another', () => {
    const counts = countTable(
      withTotals([
        [2, 10],
        [8, 12],
      ]),
      both,
    );
    const rates = countTable(
      [
        [1.2, 5.9, 7.1],
        [4.7, 7.1, 11.8],
        [5.9, 13, 18.9],
      ],
      both,
      'rate-per-100k',
    );

    const result = suppressRatesOfSmallCounts(rates, counts, 5);

    expect(marksOf(result)).toEqual([
      [P, P, null],
      [P, P, null],
      [null, null, null],
    ]);
    expect(valuesOf(result)[0]).toEqual([null, null, 7.1]);
    expect(result.notes.at(-1)).toBe(
      '4 rates are suppressed ([c]) because the counts behind them are under 5 or would reveal one that is.',
    );
  });

  it('accepts counts already suppressed, and refuses counts of another shape', () => {
    const counts = suppressSmallCells(countTable([[2, 10]], { row: false, column: false }), 5);
    const rates = countTable([[1.2, 5.9]], { row: false, column: false }, 'rate-per-100k');

    expect(marksOf(suppressRatesOfSmallCounts(rates, counts, 5))).toEqual([[P, null]]);
    expect(() =>
      suppressRatesOfSmallCounts(
        countTable([[1.2]], { row: false, column: false }, 'rate-per-100k'),
        counts,
        5,
      ),
    ).toThrow(/do not have the rates' rows and columns/);
  });
});
