/// <reference types="pdfkit" />

// The package's @types declare the document parameter as PDFKit's constructor rather than a
// document, so this narrower declaration of what the report uses takes their place.
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    /** The viewport's size in PDF points; the SVG's viewBox is scaled into it. */
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** Names the registered PDFKit font to draw a text element in. */
    fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
    warningCallback?: (warning: string) => void;
  }

  function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: SvgToPdfOptions,
  ): void;

  export = SVGtoPDF;
}
