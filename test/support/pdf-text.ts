import pdfParse from 'pdf-parse';

/** The text of a PDF, as a reader copying it out would get it. */
export async function extractPdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(pdf)).text;
}
