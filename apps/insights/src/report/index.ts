/**
 * The annual report's renderings: the document (HTML, PDF), its charts (SVG) and each table's CSV
 * download. Charts come from Vega, whose rendering is asynchronous; so is everything holding one.
 */
export type { AnnualReport } from './annual-report';
export { ratesChartSvg, trendChartSvg, writeTrendChartSvg } from './charts';
export { tableCsv } from './report-csv';
export { renderReportHtml } from './report-html';
export { renderReportPdf } from './report-pdf';
