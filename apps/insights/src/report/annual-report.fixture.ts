import type { FigureCell, FigureTable } from '../figures/figure-table';
import type { AnnualReport } from './annual-report';

/** A hand-made report with synthetic figures, for the renderers' tests. */
export function annualReportFixture(overrides: Partial<AnnualReport> = {}): AnnualReport {
  return {
    jurisdiction: 'SCOTLAND',
    year: 2026,
    yearLabel: '2025/26',
    period: { from: '2025-04-01', to: '2026-03-31' },
    generatedAt: '2026-04-14T09:30:00.000Z',
    suppressionThreshold: 5,
    tables: [peopleManaged(), ratesByArea()],
    trend: [
      ...series('Category 1: registered sex offenders', [5120, 5302, 5411]),
      ...series('Category 2: violent offenders', [1487, 1523, 1610]),
      ...series('Category 3: other dangerous offenders', [21, null, 17]),
    ],
    ratesByArea: [
      { area: 'Lothian and Borders', rate: 98.4 },
      { area: 'Highland and Islands', rate: 71.2 },
      { area: 'North Strathclyde', rate: 104.9 },
      { area: 'Orkney', rate: null },
    ],
    populationSource: 'NRS mid-2024 population estimates (synthetic)',
    ...overrides,
  };
}

function peopleManaged(): FigureTable {
  return {
    id: 'people-managed-by-category-and-level',
    title: 'People managed on 31 March 2026, by category and level',
    description: 'People subject to the arrangements on 31 March 2026, by category and level.',
    asAt: '2026-03-31',
    period: null,
    rowHeading: 'Category',
    columns: ['Level 1', 'Level 2', 'Level 3', 'Total'],
    rows: [
      { label: 'Category 1', cells: counts(5217, 187, 7, 5411) },
      { label: 'Category 2', cells: counts(1452, 143, 15, 1610) },
      {
        label: 'Category 3',
        cells: [cell(9), secondary(), primary(), cell(17)],
      },
      {
        label: 'Total',
        cells: [cell(6678), secondary(), primary(), cell(7038)],
      },
    ],
    totals: { row: true, column: true },
    unit: 'count',
    query: '{"aggregate":"people","pipeline":[{"$match":{"asAt":"2026-03-31"}}]}',
    notes: ['Counts under 5 are not published.'],
  };
}

function ratesByArea(): FigureTable {
  return {
    id: 'rso-rate-by-area',
    title: 'Registered sex offenders per 100,000 population, by area',
    description: 'Registered sex offenders on 31 March 2026 per 100,000 of the area population.',
    asAt: '2026-03-31',
    period: null,
    rowHeading: 'Area',
    columns: ['Per 100,000 population'],
    rows: [
      { label: 'Lothian and Borders', cells: [cell(98.4)] },
      { label: 'Highland and Islands', cells: [cell(71.2)] },
      { label: 'North Strathclyde', cells: [cell(104.9)] },
      { label: 'Orkney', cells: [primary()] },
    ],
    totals: { row: false, column: false },
    unit: 'rate-per-100k',
    query: '{"aggregate":"people","pipeline":[{"$group":{"_id":"$area","n":{"$sum":1}}}]}',
    notes: ['Population: NRS mid-2024 population estimates (synthetic).'],
  };
}

function series(category: string, counts: (number | null)[]): AnnualReport['trend'] {
  return counts.map((count, i) => ({ year: 2024 + i, category, count }));
}

function counts(...values: number[]): FigureCell[] {
  return values.map(cell);
}

function cell(value: number): FigureCell {
  return { value, suppressed: null };
}

function primary(): FigureCell {
  return { value: null, suppressed: 'PRIMARY' };
}

function secondary(): FigureCell {
  return { value: null, suppressed: 'SECONDARY' };
}
