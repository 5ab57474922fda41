/**
 * Bad input made in code, for the fault tests: every file is generated into a temp folder
 * at test time (nothing binary is kept in the repository).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { CORPUS, STEMS } from '../helpers.js';

export const PDFS = STEMS.map((s) => path.join(CORPUS, 'pdf', `${s}.pdf`));
export const DOCXS = STEMS.map((s) => path.join(CORPUS, 'docx', `${s}.docx`));
export const TXTS = STEMS.map((s) => path.join(CORPUS, `${s}.txt`));

/** Deterministic pseudo-random bytes (a seeded xorshift), so a failure can be reproduced. */
export function randomBytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The first `fraction` of a real PDF: no cross-reference table, no %%EOF. */
export function truncatedPdf(fraction = 0.5, src = PDFS[0]!): Buffer {
  const buf = fs.readFileSync(src);
  return buf.subarray(0, Math.floor(buf.length * fraction));
}

/**
 * A minimal, valid PDF of `pages` pages, each printing one line of text, written by hand
 * (objects, a cross-reference table with exact offsets, trailer).
 */
export function manyPagePdf(pages: number, line = (p: number) => `Trang ${p} of a generated test document with a text layer`): Buffer {
  const objs: string[] = [];
  // 1: catalog, 2: page tree, 3: font, then per page: the page and its content stream
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  const kids: string[] = [];
  for (let p = 0; p < pages; p++) {
    const pageObj = 4 + p * 2;
    const content = `BT /F1 12 Tf 72 720 Td (${line(p + 1).replace(/[()\\]/g, '\\$&')}) Tj ET`;
    objs[pageObj] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObj + 1} 0 R >>`;
    objs[pageObj + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
    kids.push(`${pageObj} 0 R`);
  }
  objs[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objs.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export function hasQpdf(): boolean {
  return spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A copy of a real PDF encrypted with qpdf (AES-256); `user` '' makes one that opens without a password. */
export function encryptedPdf(dir: string, user = 'secret', owner = 'owner', src = PDFS[0]!): Buffer {
  const out = path.join(dir, `.enc-${crypto.randomUUID()}.pdf`);
  const r = spawnSync('qpdf', ['--encrypt', user, owner, '256', '--', src, out], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf failed: ${r.stderr}`);
  const buf = fs.readFileSync(out);
  fs.rmSync(out);
  return buf;
}

// ---------------------------------------------------------------- zip

interface ZipEntry {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  crc: number;
  size: number;
  /** The uncompressed size written in the headers (a lying bomb claims less). */
  declared?: number;
}

/** A zip archive written by hand (deflate entries), so the headers can lie. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const declared = e.declared ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(declared >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(declared >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    central.push(cd, name);
    offset += local.length + name.length + e.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

function entry(name: string, content: Buffer): ZipEntry {
  return { name, data: zlib.deflateRawSync(content), crc: zlib.crc32(content), size: content.length };
}

/** The entries of a real DOCX (read with JSZip, as mammoth does), deflated again. */
async function docxEntries(src: string): Promise<ZipEntry[]> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(src));
  const out: ZipEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    out.push(entry(name, await f.async('nodebuffer')));
  }
  return out;
}

/**
 * A DOCX whose word/document.xml expands to `mb` megabytes of well-formed WordprocessingML
 * (one paragraph repeated), deflated to a few hundred kilobytes. `lie`: the zip headers
 * claim the part is 4 KB, as a hostile bomb would.
 */
export async function zipBombDocx(mb: number, opts: { lie?: boolean; src?: string } = {}): Promise<Buffer> {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const tail = Buffer.from('</w:body></w:document>');
  const para = '<w:p><w:r><w:t>Giao Sở Nội vụ chủ trì thực hiện trước ngày 31/12/2021.</w:t></w:r></w:p>';
  const chunk = Buffer.from(para.repeat(Math.ceil((1 << 20) / Buffer.byteLength(para))));
  const n = Math.ceil((mb * (1 << 20)) / chunk.length);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = zlib.crc32(head);
  deflate.write(head);
  for (let i = 0; i < n; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  crc = zlib.crc32(tail, crc);
  deflate.end(tail);
  await done;
  const size = head.length + n * chunk.length + tail.length;
  const entries = (await docxEntries(opts.src ?? DOCXS[0]!)).filter((e) => e.name !== 'word/document.xml');
  const bomb: ZipEntry = { name: 'word/document.xml', data: Buffer.concat(out), crc, size, ...(opts.lie ? { declared: 4096 } : {}) };
  return writeZip([...entries, bomb]);
}

/** A real DOCX rewritten through writeZip (to check the writer makes DOCX mammoth reads). */
export async function rezippedDocx(src = DOCXS[0]!): Promise<Buffer> {
  return writeZip(await docxEntries(src));
}

/**
 * An OLE compound file as Word writes a password-protected .docx: the 8-byte signature and
 * a directory naming the 'EncryptionInfo' and 'EncryptedPackage' streams (UTF-16LE). Not a
 * complete compound file, but what a reader sees first.
 */
export function encryptedDocx(): Buffer {
  const sig = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const names = Buffer.from('EncryptionInfo\0EncryptedPackage\0', 'utf16le');
  return Buffer.concat([sig, Buffer.alloc(504), names, randomBytes(2048, 7)]);
}

// ---------------------------------------------------------------- text encodings

/** Windows-1258 (Vietnamese) encoder: base letters in one byte, tone marks as combining bytes. */
export function encodeCp1258(text: string): Buffer {
  const rev = new Map<string, number>();
  const dec = new TextDecoder('windows-1258');
  for (let b = 0; b < 256; b++) {
    const c = dec.decode(Uint8Array.of(b));
    if (c !== '\ufffd' && !rev.has(c)) rev.set(c, b);
  }
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (rev.has(ch)) {
      out.push(rev.get(ch)!);
      continue;
    }
    // decompose: base (maybe with a vowel mark cp1258 has precomposed) + tone mark
    const nfd = ch.normalize('NFD');
    let base = nfd[0]!;
    let rest = nfd.slice(1);
    // keep the vowel-shape marks (circumflex, breve, horn) on the base where cp1258 has the
    // letter (NFD puts a dot below before them: 'ậ' = a + U+0323 + U+0302)
    for (const m of [...rest]) {
      const b = (base + m).normalize('NFC');
      if (b.length === 1 && rev.has(b)) {
        base = b;
        rest = rest.replace(m, '');
      }
    }
    if (!rev.has(base)) throw new Error(`cannot encode ${JSON.stringify(ch)} in Windows-1258`);
    out.push(rev.get(base)!);
    for (const m of rest) {
      if (!rev.has(m)) throw new Error(`cannot encode mark U+${m.codePointAt(0)!.toString(16)} in Windows-1258`);
      out.push(rev.get(m)!);
    }
  }
  return Buffer.from(out);
}

/** A corpus letter with its numbers changed (so its bytes and record differ), as UTF-8 text. */
export function variedLetter(i: number, src = TXTS[i % TXTS.length]!): string {
  const text = fs.readFileSync(src, 'utf8');
  let k = 0;
  // change the document number and the day numbers a little; keep the structure
  return text.replace(/\b(\d{2,5})\/(UBND|KH|QĐ|BC|TB)/u, (_m, n, s) => `${Number(n) + i}/${s}`).replace(/ngày (\d{1,2})/gu, (m, d) => (k++ % 3 === 0 ? `ngày ${((Number(d) + i) % 28) + 1}` : m)) + `\n\nBản số ${i}.\n`;
}
