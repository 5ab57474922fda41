import type { RawDoc } from '../model/types.js';
/** PDF with a text layer (pdfjs-dist); scanned pages go through OCR. */
export async function parsePdf(_buf: Buffer, _file: string, _opts?: { ocr?: boolean; maxPages?: number }): Promise<RawDoc> {
  throw new Error('PDF input is not supported yet');
}
