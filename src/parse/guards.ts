/**
 * Checks made before a parser touches a file's bytes, so bad input fails fast with a reason
 * in plain words instead of hanging a parser, filling memory or surfacing a library's
 * internal message.
 *
 *   PDF   the %PDF- header and the %%EOF end marker (a cut-off download or copy lacks
 *         it): bytes only. The guard does not open the PDF: a password, damage and the page
 *         limit (--max-pages) are found by the parser as it opens the document, which
 *         would otherwise be read twice.
 *   DOCX  a zip package (an OLE file is a password-protected DOCX or an old .doc); the zip
 *         directory; the size every part expands to, as declared and as really inflated
 *         (a zip bomb lies in its headers), against a limit (default 200 MB).
 *
 * A failed check throws an InputError whose message is the reason (the file is named by
 * whoever reports it).
 */
import zlib from 'node:zlib';
import { readZipDirectory as readZipDir, ZipDamage, ZipTooMany } from './zip.js';
import { InputError, LimitError } from '../model/errors.js';

export { InputError, LimitError } from '../model/errors.js';

export interface GuardOptions {
  /** Most pages a PDF may have; 0 or absent: no limit. */
  maxPages?: number;
  /** Most bytes the parts of a DOCX may expand to, all together (default 200 MB). */
  maxExpandedBytes?: number;
}

export const DEFAULT_MAX_EXPANDED_BYTES = 200 * 1024 * 1024;
/** Parts in one DOCX at most (a real letter has 10 to 30). */
export const MAX_ZIP_ENTRIES = 10_000;

/** "200 MB", "4 KB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 1 : 0)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(n % 1024 ? 1 : 0)} KB`;
  return `${n} bytes`;
}

// ---------------------------------------------------------------- PDF

const PDF_HEAD = Buffer.from('%PDF-', 'latin1');
const PDF_EOF = Buffer.from('%%EOF', 'latin1');

/** A PDF's header ("%PDF-") within its first 1024 bytes, where readers look for it. */
export function isPdf(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 1024).indexOf(PDF_HEAD) >= 0;
}

export async function checkPdf(buf: Buffer, opts: GuardOptions = {}): Promise<void> {
  if (!isPdf(buf)) throw new InputError('input.not-pdf', 'not a PDF: the file does not start with a PDF header');
  // The end marker must be near the end (readers allow some trailing bytes after it).
  if (buf.subarray(Math.max(0, buf.length - 4096)).indexOf(PDF_EOF) < 0) {
    throw new InputError('input.pdf-incomplete', 'the PDF is incomplete: it does not end with the %%EOF marker of a whole PDF file (cut off while downloading or copying?)');
  }
  // Opening the document (encryption, damage, the page limit) is the parser's first step: doing it
  // here too would parse every PDF's structure twice.
  void opts;
}

// ---------------------------------------------------------------- DOCX

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

interface ZipPart {
  name: string;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

/** An OLE compound file (Word 97-2003 .doc, or an encrypted DOCX). */
export function isOle(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(CFB);
}

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** A Word 97-2003 file: an OLE compound file that is not an encrypted DOCX. */
export function isWordOle(buf: Buffer): boolean {
  return isOle(buf) && buf.indexOf(ENCRYPTED_PACKAGE) < 0;
}

export function checkDoc(buf: Buffer): void {
  if (!isOle(buf)) throw new InputError('input.not-doc', 'not a Word 97-2003 (.doc) file: it is not an OLE compound document');
  if (!isWordOle(buf)) throw new InputError('input.encrypted', 'the Word file is password-protected; save it again without a password');
}

export async function checkDocx(buf: Buffer, opts: GuardOptions = {}): Promise<void> {
  if (isOle(buf)) {
    if (!isWordOle(buf)) {
      throw new InputError('input.encrypted', 'the DOCX is password-protected (Word stored it encrypted); save it again without a password');
    }
    throw new InputError('input.not-docx', 'not a DOCX: this is an old Word 97-2003 (.doc) file; save it as .docx');
  }
  if (buf.subarray(0, 2).toString('latin1') !== 'PK') throw new InputError('input.not-docx', 'not a Word document: the file is not a DOCX (zip) package');
  const limit = opts.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES;
  const parts = readZipDirectory(buf);
  if (parts.length > MAX_ZIP_ENTRIES) throw new LimitError('limit.parts', `the DOCX holds ${parts.length} parts, more than ${MAX_ZIP_ENTRIES} (a zip bomb?)`);
  const declared = parts.reduce((n, p) => n + p.size, 0);
  if (declared > limit) throw new LimitError('limit.expanded', `the DOCX expands to more than ${formatBytes(limit)} (a zip bomb?): its parts add up to ${formatBytes(declared)}`);
  // The headers may lie: inflate every part, never past what is left of the limit.
  let total = 0;
  for (const p of parts) {
    const data = partData(buf, p);
    let size: number;
    if (p.method === 0) size = data.length;
    else if (p.method === 8) {
      try {
        size = await inflatedSize(data, limit - total);
      } catch (e) {
        throw new InputError('input.docx-damaged', `the DOCX is damaged: ${p.name} cannot be decompressed (${(e as Error).message})`);
      }
      if (size > limit - total) throw new LimitError('limit.expanded', `the DOCX expands to more than ${formatBytes(limit)} (a zip bomb?): ${p.name} inflates past the limit, its zip header claims ${formatBytes(p.size)}`);
    } else throw new InputError('input.docx-damaged', `the DOCX is damaged or not made by Word: ${p.name} uses zip compression method ${p.method}`);
    total += size;
    if (size !== p.size) {
      throw new InputError('input.docx-damaged', `the DOCX is damaged: ${p.name} expands to ${formatBytes(size)}, not the ${formatBytes(p.size)} its zip header says${size > p.size * 4 ? ' (a zip bomb?)' : ''}`);
    }
  }
}

/** The parts of a DOCX as its zip directory lists them (./zip.ts reads it), or why it cannot be read. */
function readZipDirectory(buf: Buffer): ZipPart[] {
  let dir;
  try {
    dir = readZipDir(buf, MAX_ZIP_ENTRIES);
  } catch (e) {
    if (e instanceof ZipTooMany) throw new LimitError('limit.parts', `the DOCX holds ${e.count} parts, more than ${MAX_ZIP_ENTRIES} (a zip bomb?)`);
    if (e instanceof ZipDamage) throw new InputError('input.docx-damaged', `the DOCX is damaged or incomplete: ${e.message}`);
    throw e;
  }
  return dir.entries.filter((e) => !e.nameUtf8.endsWith('/')).map((e) => ({ name: e.nameUtf8, method: e.method, compressed: e.compressed, size: e.size, local: e.local }));
}

/** Parts up to this size are inflated in one synchronous call; larger ones as a stream. */
const SYNC_INFLATE_MAX = 8 * 1024 * 1024;

/**
 * The inflated size of a part, or more than cap when it inflates past cap. A part of up to
 * 8 MB is inflated in one synchronous call (a stream of chunks cost 1-6 ms a file in events
 * for parts of a few KB); a larger one as a stream that stops past cap, so a zip bomb never
 * holds more than a chunk in memory.
 */
async function inflatedSize(data: Buffer, cap: number): Promise<number> {
  const max = Math.min(cap, SYNC_INFLATE_MAX) + 1;
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: max }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw e;
    if (cap < max) return max;
  }
  return inflatedSizeStreamed(data, cap);
}

function inflatedSizeStreamed(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let n = 0;
    let settled = false;
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap && !settled) {
        settled = true;
        inflate.destroy();
        resolve(n);
      }
    });
    inflate.on('end', () => {
      if (!settled) resolve(n);
      settled = true;
    });
    inflate.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    inflate.end(data);
  });
}

function partData(buf: Buffer, p: ZipPart): Buffer {
  const at = p.local;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) throw new InputError('input.docx-damaged', `the DOCX is damaged or incomplete: ${p.name} is missing from the zip`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + p.compressed > buf.length) throw new InputError('input.docx-damaged', `the DOCX is damaged or incomplete: ${p.name} is cut off (the file was cut off?)`);
  return buf.subarray(start, start + p.compressed);
}

/** "50MB", "500 KB", "1.5G", "2048" (bytes) -> bytes. */
export function parseSize(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(v);
  if (!m) throw new Error(`not a size: "${v}" (examples: 50MB, 500KB, 1GB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.round(Number(m[1]) * mult);
  if (n < 1) throw new Error(`a size must be at least 1 byte: "${v}"`);
  return n;
}
