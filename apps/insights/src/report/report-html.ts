import type { AnnualReport } from './annual-report';
import { chartImages, type ChartImages } from './charts';
import { escapeHtml as e } from './html-escape';
import {
  reportContent,
  type ChartText,
  type DisclosureContent,
  type ReportContent,
  type TableContent,
} from './report-content';

/** The annual report as one self-contained, printable HTML document. */
export async function renderReportHtml(report: AnnualReport): Promise<string> {
  return reportHtml(reportContent(report), await chartImages(report));
}

/**
 * Lays the content out as HTML. Every piece of text goes through `e`; only the chart SVG goes in
 * as it is, because Vega escapes the labels it writes into it.
 */
export function reportHtml(content: ReportContent, charts: ChartImages): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(content.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${e(content.title)}</h1>
<p class="meta">${e(content.periodLine)}<br>${e(content.generatedLine)}</p>
</header>
<nav aria-label="Contents">
<h2>Contents</h2>
<ol>
<li><a href="#introduction">Introduction</a></li>
${content.tables.map((table) => `<li><a href="#${e(anchor(table.id))}">${e(table.title)}</a></li>`).join('\n')}
<li><a href="#charts">Charts</a></li>
<li><a href="#disclosure">Statistical disclosure control</a></li>
<li><a href="#appendix">How each figure was produced</a></li>
</ol>
</nav>
<main>
<section id="introduction">
<h2>Introduction</h2>
${content.introduction.map(paragraph).join('\n')}
</section>
${content.tables.map(tableSection).join('\n')}
<section id="charts">
<h2>Charts</h2>
${figure('trend-chart', charts.trend, content.charts.trend)}
${figure('rates-chart', charts.rates, content.charts.rates)}
</section>
${disclosureSection(content.disclosure)}
<section id="appendix" class="appendix">
<h2>How each figure was produced</h2>
<p>Each table's figures come from one query of the hub's read model (a MongoDB aggregation, shown as JSON).</p>
${content.appendix
  .map(
    (entry) => `<h3 id="${e(anchor(entry.id))}-query">${e(entry.title)}</h3>
<pre><code>${e(entry.query)}</code></pre>`,
  )
  .join('\n')}
</section>
</main>
</body>
</html>
`;
}

function tableSection(table: TableContent): string {
  const [rowHeading, ...columns] = table.headings;
  const body = table.rows
    .map((row, i) => {
      const total = table.totalRow && i === table.rows.length - 1 ? ' class="total"' : '';
      const cells = row.cells
        .map((cell) =>
          cell.mark === null ? `<td>${e(cell.text)}</td>` : `<td class="mark">${e(cell.text)}</td>`,
        )
        .join('');
      return `<tr${total}><th scope="row">${e(row.label)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<section id="${e(anchor(table.id))}" class="figure-table">
<h2>${e(table.title)}</h2>
<p>${e(table.description)}</p>
${table.coverage === null ? '' : `<p class="meta">${e(table.coverage)}</p>`}
<table>
<thead><tr><th scope="col">${e(rowHeading ?? '')}</th>${columns.map((heading) => `<th scope="col">${e(heading)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${list('legend', table.legend)}
${list('notes', table.notes)}
<p class="query-link"><a href="#${e(anchor(table.id))}-query">How these figures were produced</a></p>
</section>`;
}

function figure(id: string, svg: string, text: ChartText): string {
  return `<figure id="${id}">
${svg}
<figcaption>${e(text.caption)}${text.notes.map((note) => `<br><span class="note">${e(note)}</span>`).join('')}</figcaption>
</figure>`;
}

function disclosureSection(disclosure: DisclosureContent): string {
  return `<section id="disclosure">
<h2>Statistical disclosure control</h2>
${disclosure.paragraphs.map(paragraph).join('\n')}
${
  disclosure.tablesWithSuppression.length === 0
    ? ''
    : `<ul>
${disclosure.tablesWithSuppression
  .map(
    (table) =>
      `<li><a href="#${e(anchor(table.id))}">${e(table.title)}</a>: ${table.hidden} ${table.hidden === 1 ? 'figure' : 'figures'} hidden</li>`,
  )
  .join('\n')}
</ul>`
}
</section>`;
}

function paragraph(text: string): string {
  return `<p>${e(text)}</p>`;
}

function list(className: string, items: string[]): string {
  if (items.length === 0) return '';
  return `<ul class="${className}">${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`;
}

/** Table ids are slugs already; this keeps an odd one a valid fragment all the same. */
function anchor(id: string): string {
  return `table-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Helvetica, Arial, sans-serif; color: #0b0c0c; line-height: 1.45; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #b1b4b6; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; }
.meta { color: #505a5f; }
a { color: #1d70b8; }
table { border-collapse: collapse; margin: 0.8rem 0; font-variant-numeric: tabular-nums; }
caption { text-align: left; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.35rem 0.7rem; }
thead th { border-bottom: 2px solid #0b0c0c; text-align: right; vertical-align: bottom; }
thead th:first-child, tbody th { text-align: left; font-weight: normal; }
td { text-align: right; }
td.mark { color: #505a5f; }
tr.total th, tr.total td { font-weight: bold; }
ul.legend, ul.notes { font-size: 0.9rem; color: #505a5f; padding-left: 1.2rem; }
.query-link { font-size: 0.9rem; }
figure { margin: 1.5rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.95rem; }
figcaption .note { color: #505a5f; font-size: 0.9rem; }
pre { background: #f3f2f1; padding: 0.8rem; overflow-x: auto; font-size: 0.8rem; white-space: pre-wrap; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  .query-link { display: none; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section.figure-table h2 { break-before: auto; }
  .appendix { break-before: page; }
}
`;
