import { writeFile } from 'node:fs/promises';
import { parse, View } from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import type { AnnualReport } from './annual-report';
import { arrangementsName, longDate, reportingYearLabel, SUPPRESSED_MARK } from './format';

/**
 * Okabe and Ito's palette, which readers with any common colour-vision deficiency can tell apart;
 * its yellow is left out, too pale against white paper. The series also differ by dash and point
 * shape, so a greyscale print keeps them apart.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
/** The first series is solid: an empty dash array (a zero gap is refused by PDFKit). */
const DASHES: number[][] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4]];
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'stroke'];

const TEXT = '#0b0c0c';

/**
 * One named font family everywhere: text is measured by estimate (no canvas in Node), so the same
 * family in every renderer keeps the SVG identical from run to run, and the PDF maps it to its
 * built-in Helvetica.
 */
export const CHART_FONT = 'Helvetica, Arial, sans-serif';

const CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: null },
  title: { anchor: 'start', color: TEXT, fontSize: 15, subtitleColor: TEXT, subtitleFontSize: 11 },
  axis: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 11, titleFontSize: 12 },
  legend: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 11, titleFontSize: 12 },
};

/** The report's charts as SVG documents. */
export interface ChartImages {
  trend: string;
  rates: string;
}

/** People managed on 31 March of each year, one line per category. */
export function trendChartSpec(report: AnnualReport): TopLevelSpec {
  const name = arrangementsName(report.jurisdiction);
  const categories = unique(report.trend.map((point) => point.category));
  const years = unique([...report.trend.map((point) => point.year)].sort((a, b) => a - b));
  // A suppressed count has no place on a line: leaving it out is honest, plotting zero is not.
  const values = report.trend
    .filter((point) => point.count !== null)
    .map((point) => ({
      year: reportingYearLabel(point.year),
      category: point.category,
      count: point.count,
    }));
  const series = {
    field: 'category',
    type: 'nominal',
    title: 'Category',
    sort: categories,
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: `Line chart of the people managed under ${name} on 31 March of each year, one line per category.`,
    title: {
      text: `People managed under ${name} on 31 March, by category`,
      subtitle: `${report.yearLabel} and earlier years. Counts that are not published are not plotted.`,
    },
    width: 520,
    height: 260,
    data: { values },
    encoding: {
      x: {
        field: 'year',
        type: 'ordinal',
        title: 'Year ending 31 March',
        sort: years.map(reportingYearLabel),
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'count',
        type: 'quantitative',
        title: 'People managed',
        axis: { format: ',d', tickMinStep: 1 },
      },
      color: { ...series, scale: { domain: categories, range: cycle(PALETTE, categories.length) } },
    },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          strokeDash: {
            ...series,
            scale: { domain: categories, range: cycle(DASHES, categories.length) },
          },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60, opacity: 1 },
        encoding: {
          shape: {
            ...series,
            scale: { domain: categories, range: cycle(SHAPES, categories.length) },
          },
        },
      },
    ],
    config: {
      ...CONFIG,
      legend: { ...CONFIG.legend, orient: 'bottom', direction: 'vertical', labelLimit: 0 },
    },
  };
}

/**
 * Registered sex offenders per 100,000 population by area, highest first. An area whose rate is
 * not published keeps its row, at the foot, with the suppression mark where the bar would be, so
 * that the reader sees it was left out on purpose.
 */
export function ratesChartSpec(report: AnnualReport): TopLevelSpec {
  const order = [...report.ratesByArea]
    .sort(
      (a, b) =>
        (b.rate ?? Number.NEGATIVE_INFINITY) - (a.rate ?? Number.NEGATIVE_INFINITY) ||
        a.area.localeCompare(b.area, 'en-GB'),
    )
    .map((row) => row.area);
  const values = report.ratesByArea.map((row) => ({
    area: row.area,
    rate: row.rate,
    labelAt: row.rate ?? 0,
    label: row.rate === null ? SUPPRESSED_MARK : row.rate.toFixed(1),
  }));
  const asAt = longDate(report.period.to);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: `Bar chart of registered sex offenders per 100,000 population on ${asAt}, one bar per area, highest first.`,
    title: {
      text: `Registered sex offenders per 100,000 population, ${asAt}`,
      subtitle: `By area, highest first. ${SUPPRESSED_MARK}: not published.`,
    },
    width: 480,
    height: { step: 20 },
    data: { values },
    encoding: {
      y: { field: 'area', type: 'nominal', title: 'Area', sort: order },
    },
    layer: [
      {
        mark: { type: 'bar', color: PALETTE[0] },
        encoding: {
          x: {
            field: 'rate',
            type: 'quantitative',
            title: 'Registered sex offenders per 100,000 population',
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: TEXT, fontSize: 11 },
        encoding: { x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
    config: CONFIG,
  };
}

/**
 * Renders a Vega-Lite chart to an SVG document in Node. Vega's headless rendering is
 * asynchronous, even with the data inline, hence the promise.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function trendChartSvg(report: AnnualReport): Promise<string> {
  return renderChartSvg(trendChartSpec(report));
}

export function ratesChartSvg(report: AnnualReport): Promise<string> {
  return renderChartSvg(ratesChartSpec(report));
}

/** Both charts, rendered side by side. */
export async function chartImages(report: AnnualReport): Promise<ChartImages> {
  const [trend, rates] = await Promise.all([trendChartSvg(report), ratesChartSvg(report)]);
  return { trend, rates };
}

/** Writes the trend chart as an SVG file, e.g. for the README's picture of the report. */
export async function writeTrendChartSvg(report: AnnualReport, path: string): Promise<void> {
  await writeFile(path, await trendChartSvg(report), 'utf8');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** As many entries of `range` as there are series, starting again when they run out. */
function cycle<T>(range: T[], length: number): T[] {
  return Array.from({ length }, (_, i) => range[i % range.length]);
}
