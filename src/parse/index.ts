/**
 * parse: bytes -> RawDoc, by file kind. The kind comes from the extension and is
 * checked against the bytes (a PDF starts with "%PDF", a DOCX is a zip).
 */
import path from 'node:path';
import type { Format, RawDoc } from '../model/types.js';
import { parseText } from './text.js';
import { parsePdf } from './pdf.js';
import { parseDocx } from './docx.js';

export const SUPPORTED = ['.txt', '.md', '.markdown', '.docx', '.pdf'];

export function formatOf(file: string): Format | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.txt') return 'txt';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  return null;
}

export async function parseFile(buf: Buffer, file: string, opts: { maxPages?: number } = {}): Promise<RawDoc> {
  const format = formatOf(file);
  switch (format) {
    case 'txt':
    case 'md':
      return parseText(buf, file);
    case 'docx':
      if (buf.subarray(0, 2).toString('latin1') !== 'PK') throw new Error('not a Word document: the file is not a DOCX (zip) package');
      return parseDocx(buf, file);
    case 'pdf':
      if (!buf.subarray(0, 1024).toString('latin1').includes('%PDF')) throw new Error('not a PDF: the file does not start with a PDF header');
      return parsePdf(buf, file, opts);
    default:
      throw new Error(`unsupported file type "${path.extname(file) || '(none)'}" (supported: ${SUPPORTED.join(', ')})`);
  }
}
