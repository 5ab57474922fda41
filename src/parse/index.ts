/**
 * parse: bytes -> RawDoc, by file kind. The kind comes from the extension and is
 * checked against the bytes before a parser runs (src/parse/guards.ts: a PDF starts with
 * "%PDF" and ends with "%%EOF"; a DOCX is a zip that does not expand past its limit). A
 * PDF's password and page limit are found by the PDF parser as it opens the document.
 *
 * Each parser is imported on first use: a process that reads only text never loads pdfjs,
 * mammoth or jszip, and the batch's main thread (which reads files but does not parse them)
 * loads none, not even unified/remark.
 */
import path from 'node:path';
import type { Format, RawDoc } from '../model/types.js';
import { checkDoc, checkDocx, checkPdf, isWordOle } from './guards.js';
import { InputError } from '../model/errors.js';

export const SUPPORTED = ['.txt', '.md', '.markdown', '.docx', '.doc', '.pdf'];

// each parser's module, imported once (the promise is kept: no module lookup per document)
let textModule: Promise<typeof import('./text.js')> | undefined;
let docxModule: Promise<typeof import('./docx.js')> | undefined;
let pdfModule: Promise<typeof import('./pdf.js')> | undefined;
let docModule: Promise<typeof import('./doc.js')> | undefined;

export function formatOf(file: string): Format | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.txt') return 'txt';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.docx') return 'docx';
  if (ext === '.doc') return 'doc';
  if (ext === '.pdf') return 'pdf';
  return null;
}

export async function parseFile(buf: Buffer, file: string, opts: { maxPages?: number; maxExpandedBytes?: number } = {}): Promise<RawDoc> {
  try {
    return await parseChecked(buf, file, opts);
  } catch (e) {
    // the reason alone: whoever reports the failure names the file
    const msg = String((e as Error)?.message ?? e);
    if (e instanceof Error && msg.startsWith(`${file}: `)) e.message = msg.slice(file.length + 2);
    throw e;
  }
}

async function parseChecked(buf: Buffer, file: string, opts: { maxPages?: number; maxExpandedBytes?: number }): Promise<RawDoc> {
  const format = formatOf(file);
  switch (format) {
    case 'txt':
    case 'md':
      return (await (textModule ??= import('./text.js'))).parseText(buf, file);
    case 'docx':
      // an old Word file renamed .docx is read as what it is
      if (isWordOle(buf)) return (await (docModule ??= import('./doc.js'))).parseDoc(buf, file);
      await checkDocx(buf, opts);
      return (await (docxModule ??= import('./docx.js'))).parseDocx(buf, file);
    case 'doc':
      // a DOCX saved under a .doc name is read as a DOCX
      if (buf.subarray(0, 2).toString('latin1') === 'PK') {
        await checkDocx(buf, opts);
        return (await (docxModule ??= import('./docx.js'))).parseDocx(buf, file);
      }
      checkDoc(buf);
      return (await (docModule ??= import('./doc.js'))).parseDoc(buf, file);
    case 'pdf':
      await checkPdf(buf, opts);
      return (await (pdfModule ??= import('./pdf.js'))).parsePdf(buf, file, opts);
    default:
      throw new InputError('input.unsupported-type', `unsupported file type "${path.extname(file) || '(none)'}" (supported: ${SUPPORTED.join(', ')})`);
  }
}
