import type { TableContent } from './report-content';

/** How a figure table is drawn: 9-point type, figures right-aligned, label column as needed. */
const FONT_SIZE = 9;
const PAD_X = 5;
const PAD_Y = 3.5;
const MIN_LABEL_WIDTH = 110;
const MAX_FIGURE_WIDTH = 90;
const RULE = '#b1b4b6';
const INK = '#0b0c0c';

/**
 * Draws a table from the document's current position, starting a new page whenever the next row
 * would cross the bottom margin and repeating the heading row there, as a printed table does.
 */
export function drawTable(doc: PDFKit.PDFDocument, table: TableContent): void {
  const left = doc.page.margins.left;
  const widths = columnWidths(doc, table);
  const headingRow = {
    texts: table.headings,
    bold: true,
    // The heading row sits on a heavier rule, like the HTML's.
    rule: { color: INK, width: 1 },
  };

  const drawHeading = (): void => drawRow(doc, left, widths, headingRow);

  drawHeading();
  table.rows.forEach((row, i) => {
    const bold = table.totalRow && i === table.rows.length - 1;
    const texts = rowTexts(row);
    if (doc.y + measureRow(doc, widths, texts, bold) > bottom(doc)) {
      doc.addPage();
      doc
        .font('Helvetica-Oblique')
        .fontSize(FONT_SIZE)
        .fillColor(INK)
        .text(`${table.title} (continued)`, left, doc.page.margins.top);
      doc.moveDown(0.3);
      drawHeading();
    }
    drawRow(doc, left, widths, { texts, bold, rule: { color: RULE, width: 0.5 } });
  });
  doc.x = left;
}

/** The height a table's title block and first rows need, to keep them on one page. */
export function tableStartHeight(doc: PDFKit.PDFDocument, table: TableContent): number {
  const widths = columnWidths(doc, table);
  const firstRows = table.rows
    .slice(0, 2)
    .map((row) => measureRow(doc, widths, rowTexts(row), false));
  return measureRow(doc, widths, table.headings, true) + firstRows.reduce((a, b) => a + b, 0);
}

interface Row {
  texts: string[];
  bold: boolean;
  rule: { color: string; width: number };
}

function rowTexts(row: TableContent['rows'][number]): string[] {
  return [row.label, ...row.cells.map((cell) => cell.text)];
}

function drawRow(doc: PDFKit.PDFDocument, left: number, widths: number[], row: Row): void {
  const top = doc.y;
  const height = measureRow(doc, widths, row.texts, row.bold);
  doc
    .font(row.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(FONT_SIZE)
    .fillColor(INK);
  let x = left;
  row.texts.forEach((text, i) => {
    const width = widths[i] ?? 0;
    doc.text(text, x + PAD_X, top + PAD_Y, {
      width: width - 2 * PAD_X,
      align: i === 0 ? 'left' : 'right',
    });
    x += width;
  });
  const right = left + widths.reduce((a, b) => a + b, 0);
  doc
    .moveTo(left, top + height)
    .lineTo(right, top + height)
    .lineWidth(row.rule.width)
    .strokeColor(row.rule.color)
    .stroke();
  doc.x = left;
  doc.y = top + height;
}

function measureRow(
  doc: PDFKit.PDFDocument,
  widths: number[],
  texts: string[],
  bold: boolean,
): number {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
  const heights = texts.map((text, i) =>
    doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * PAD_X }),
  );
  return Math.max(...heights) + 2 * PAD_Y;
}

/**
 * The label column is as wide as its longest label (within limits); the figure columns share the
 * rest equally, but no wider than a figure needs, so that a narrow table stays compact.
 */
function columnWidths(doc: PDFKit.PDFDocument, table: TableContent): number[] {
  const available = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const figureColumns = table.headings.length - 1;
  doc.font('Helvetica-Bold').fontSize(FONT_SIZE);
  const labels = [table.headings[0] ?? '', ...table.rows.map((row) => row.label)];
  const widest = Math.max(...labels.map((label) => doc.widthOfString(label))) + 2 * PAD_X;
  const labelWidth = Math.min(Math.max(widest, MIN_LABEL_WIDTH), available * 0.45);
  const figureWidth =
    figureColumns === 0 ? 0 : Math.min(MAX_FIGURE_WIDTH, (available - labelWidth) / figureColumns);
  return [labelWidth, ...Array.from({ length: figureColumns }, () => figureWidth)];
}

function bottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}
