import type { AnnualReport } from './annual-report';
import { annualReportFixture } from './annual-report.fixture';
import { renderReportHtml } from './report-html';

describe('renderReportHtml', () => {
  let html: string;

  beforeAll(async () => {
    html = await renderReportHtml(annualReportFixture());
  });

  it('is a complete HTML document titled after the jurisdiction and year', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>MAPPA annual report 2025/26 — Scotland</title>');
    expect(html).toContain('1 April 2025 to 31 March 2026');
    expect(html).toContain('Figures produced on 14 April 2026 at 09:30 UTC');
    expect(html).toContain('</html>');
  });

  it('names the report after PPANI in Northern Ireland', async () => {
    const ni = await renderReportHtml(annualReportFixture({ jurisdiction: 'NORTHERN_IRELAND' }));

    expect(ni).toContain(
      '<h1>Public Protection Arrangements Northern Ireland (PPANI) annual report 2025/26</h1>',
    );
  });

  it('explains how the figures are produced', () => {
    expect(html).toContain('exchange hub&#39;s event history');
    expect(html).toContain('as at 31 March 2026');
  });

  it('shows each table with its title, headings, figures and notes', () => {
    expect(html).toContain('<h2>People managed on 31 March 2026, by category and level</h2>');
    expect(html).toContain(
      '<th scope="col">Category</th><th scope="col">Level 1</th><th scope="col">Level 2</th>',
    );
    expect(html).toContain(
      '<tr><th scope="row">Category 1</th><td>5,217</td><td>187</td><td>7</td><td>5,411</td></tr>',
    );
    expect(html).toContain('<td>104.9</td>');
    expect(html).toContain('<li>Counts under 5 are not published.</li>');
  });

  it('shows hidden figures as [c], explains the mark and lists the tables that use it', () => {
    expect(html).toContain('<td class="mark">[c]</td>');
    expect(html).toContain('[c] not published, to protect confidentiality');
    expect(html).toContain('<h2>Statistical disclosure control</h2>');
    expect(html).toContain('a count smaller than 5 is not published');
    expect(html).toMatch(/by category and level<\/a>: 4 figures hidden/);
    expect(html).toMatch(/by area<\/a>: 1 figure hidden/);
  });

  it('never writes a hidden cell’s value', async () => {
    const report = annualReportFixture();
    const [table] = report.tables;
    if (table === undefined) throw new Error('the fixture has no tables');
    const leaky: AnnualReport = {
      ...report,
      tables: [
        { ...table, rows: [{ label: 'Row', cells: [{ value: 4321, suppressed: 'PRIMARY' }] }] },
      ],
    };

    expect(await renderReportHtml(leaky)).not.toContain('4,321');
  });

  it('holds both charts as inline SVG', () => {
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('People managed under MAPPA on 31 March, by category');
    expect(html).toContain('Not plotted, because not published ([c])');
    expect(html).toContain('No bar, because not published ([c]): Orkney.');
  });

  it('lists each table’s query in the appendix', () => {
    expect(html).toContain('<h2>How each figure was produced</h2>');
    expect(html).toContain('<pre><code>{\n  &quot;aggregate&quot;: &quot;people&quot;');
    expect(html).toContain('&quot;$match&quot;');
  });

  it('escapes every label, so that none can inject markup', async () => {
    const evil = '<script>alert("x")</script>';
    const report = annualReportFixture();
    const [table] = report.tables;
    if (table === undefined) throw new Error('the fixture has no tables');
    const hostile: AnnualReport = {
      ...report,
      tables: [
        {
          ...table,
          title: evil,
          columns: [evil],
          rows: [{ label: evil, cells: [{ value: 1, suppressed: null }] }],
          notes: [evil],
          query: evil,
        },
      ],
      trend: [{ year: 2026, category: evil, count: 12 }],
      ratesByArea: [{ area: evil, rate: 3.5 }],
      populationSource: evil,
    };

    const out = await renderReportHtml(hostile);

    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
