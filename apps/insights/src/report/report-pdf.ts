import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { AnnualReport } from './annual-report';
import { chartImages, type ChartImages } from './charts';
import { drawTable, tableStartHeight } from './pdf-table';
import { reportContent, type ChartText, type ReportContent } from './report-content';

const INK = '#0b0c0c';
const MUTED = '#505a5f';
const MARGIN = 50;

/** The annual report as an A4 PDF, with the same content as the HTML document. */
export async function renderReportPdf(report: AnnualReport): Promise<Buffer> {
  const charts = await chartImages(report);
  return reportPdf(reportContent(report), charts, new Date(report.generatedAt));
}

/**
 * Lays the content out with PDFKit's built-in Helvetica, so that the text (figures included) can
 * be selected, searched and read aloud. The creation date is the figures' date, not the clock's:
 * PDFKit derives the file id from it, so the same report gives the same bytes.
 */
export function reportPdf(
  content: ReportContent,
  charts: ChartImages,
  producedAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: content.title,
      Subject: content.periodLine,
      Author: 'MAPPA Exchange Hub',
      CreationDate: producedAt,
      ModDate: producedAt,
    },
  });
  const done = collect(doc);

  heading(doc, content.title, 20);
  muted(doc, `${content.periodLine}\n${content.generatedLine}`);

  section(doc, 'Introduction');
  content.introduction.forEach((text) => paragraph(doc, text));

  for (const table of content.tables) {
    keepTogether(doc, 60 + tableStartHeight(doc, table));
    section(doc, table.title);
    paragraph(doc, table.description);
    if (table.coverage !== null) muted(doc, table.coverage);
    doc.moveDown(0.3);
    drawTable(doc, table);
    doc.moveDown(0.5);
    [...table.legend, ...table.notes].forEach((line) => muted(doc, line, 8.5));
  }

  doc.addPage();
  section(doc, 'Charts');
  chart(doc, charts.trend, content.charts.trend);
  chart(doc, charts.rates, content.charts.rates);

  keepTogether(doc, 160);
  section(doc, 'Statistical disclosure control');
  content.disclosure.paragraphs.forEach((text) => paragraph(doc, text));
  for (const table of content.disclosure.tablesWithSuppression) {
    const hidden = `${table.hidden} ${table.hidden === 1 ? 'figure' : 'figures'} hidden`;
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(`•  ${table.title}: ${hidden}`, {
      indent: 10,
    });
  }

  doc.addPage();
  section(doc, 'How each figure was produced');
  paragraph(
    doc,
    "Each table's figures come from one query of the hub's read model (a MongoDB aggregation, shown as JSON).",
  );
  for (const entry of content.appendix) {
    keepTogether(doc, 80);
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).fillColor(INK).text(entry.title);
    doc.moveDown(0.2).font('Courier').fontSize(7.5).fillColor(INK).text(entry.query);
  }

  pageNumbers(doc, content.title);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function heading(doc: PDFKit.PDFDocument, text: string, size: number): void {
  doc.font('Helvetica-Bold').fontSize(size).fillColor(INK).text(text);
  doc.moveDown(0.3);
}

/** A level-two heading, also a bookmark in the PDF reader's outline. */
function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(1);
  doc.outline.addItem(title);
  heading(doc, title, 14);
}

function paragraph(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica').fontSize(10).fillColor(INK).text(text, { lineGap: 1.5 });
  doc.moveDown(0.5);
}

function muted(doc: PDFKit.PDFDocument, text: string, size = 10): void {
  doc.font('Helvetica').fontSize(size).fillColor(MUTED).text(text);
  doc.fillColor(INK);
}

/** Starts a new page unless `height` points still fit on this one. */
function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * Draws a chart's SVG as vector graphics (svg-to-pdfkit), scaled to the text width, with its text
 * in Helvetica so that it can be selected like the rest.
 */
function chart(doc: PDFKit.PDFDocument, svg: string, text: ChartText): void {
  const size = svgSize(svg);
  const width = Math.min(doc.page.width - 2 * MARGIN, size.width * 0.75);
  const height = (size.height / size.width) * width;
  keepTogether(doc, height + 50);
  const top = doc.y;
  SVGtoPDF(doc, svg, MARGIN, top, {
    width,
    height,
    preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (_family, bold) => (bold ? 'Helvetica-Bold' : 'Helvetica'),
  });
  doc.x = MARGIN;
  doc.y = top + height + 6;
  paragraph(doc, text.caption);
  text.notes.forEach((note) => muted(doc, note, 8.5));
  doc.moveDown(1);
}

/** Vega writes the pixel size on the root element; it is all the scaling needs. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('The chart SVG has no width and height.');
  return { width, height };
}

/** "Page n of m" and the title at the foot of every page, once the page count is known. */
function pageNumbers(doc: PDFKit.PDFDocument, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    // Writing inside the margin would otherwise make PDFKit start yet another page.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${title} — page ${i + 1} of ${count}`, MARGIN, doc.page.height - 32, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}
