import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annualReportFixture } from './annual-report.fixture';
import {
  ratesChartSpec,
  ratesChartSvg,
  trendChartSpec,
  trendChartSvg,
  writeTrendChartSvg,
} from './charts';

const OKABE_ITO = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'];

describe('trend chart', () => {
  const report = annualReportFixture();

  it('is an SVG with its title, axis titles and one named series per category', async () => {
    const svg = await trendChartSvg(report);

    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('People managed under MAPPA on 31 March, by category');
    expect(svg).toContain('Year ending 31 March');
    expect(svg).toContain('People managed');
    for (const category of new Set(report.trend.map((point) => point.category))) {
      expect(svg).toContain(category);
    }
    expect(svg).toContain('2025/26');
  });

  it('leaves out the points whose count is not published', () => {
    const spec = JSON.stringify(trendChartSpec(report));

    expect(spec.match(/"count":\d+/g)).toHaveLength(report.trend.length - 1);
    expect(spec).not.toContain('"count":null');
  });

  it('draws its series in the colour-blind-safe palette only', async () => {
    const svg = (await trendChartSvg(report)).toLowerCase();

    const seriesColours = new Set(
      [...svg.matchAll(/(?:stroke|fill)="(#[0-9a-f]{6})"/g)]
        .map((match) => match[1])
        // The text's ink; the grey rules are written in three digits and so not matched.
        .filter((colour) => colour !== '#0b0c0c'),
    );
    expect([...seriesColours].every((colour) => OKABE_ITO.includes(colour ?? ''))).toBe(true);
    expect(seriesColours.size).toBeGreaterThanOrEqual(3);
  });

  it('renders the same SVG every time', async () => {
    expect(await trendChartSvg(report)).toBe(await trendChartSvg(report));
  });

  it('can be written to a file for the README', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trend-chart-'));
    try {
      const path = join(dir, 'annual-report-trend.svg');
      await writeTrendChartSvg(report, path);

      expect(await readFile(path, 'utf8')).toBe(await trendChartSvg(report));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('calls the arrangements PPANI in Northern Ireland', async () => {
    const svg = await trendChartSvg(annualReportFixture({ jurisdiction: 'NORTHERN_IRELAND' }));

    expect(svg).toContain('People managed under PPANI');
  });
});

describe('rates chart', () => {
  const report = annualReportFixture();

  it('is an SVG with its title, axis titles and every area', async () => {
    const svg = await ratesChartSvg(report);

    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Registered sex offenders per 100,000 population, 31 March 2026');
    expect(svg).toContain('Area');
    for (const { area } of report.ratesByArea) expect(svg).toContain(area);
  });

  it('sorts the areas highest first, with the unpublished ones at the foot marked [c]', async () => {
    const spec = JSON.stringify(ratesChartSpec(report));
    const svg = await ratesChartSvg(report);

    expect(spec).toContain(
      JSON.stringify([
        'North Strathclyde',
        'Lothian and Borders',
        'Highland and Islands',
        'Orkney',
      ]),
    );
    expect(svg).toContain('[c]');
    expect(svg).toContain('104.9');
  });
});
