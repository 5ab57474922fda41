/**
 * Text files not in UTF-8: converted when the encoding can be identified (the record is the
 * one the UTF-8 file gives), refused with a clear reason when it cannot.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { processBuffer } from '../../pipelines/document.js';
import { type Outcome } from '../../src/engine/record.js';
import { decodeText, decodeDiagnostics } from '../../src/parse/decode.js';
import { encodeLegacy } from '../legacy-encoder.js';
import { ingest } from '../../pipelines/ingest.js';
import { tmpDir } from '../helpers.js';
import * as F from './fixtures.js';
import { failures } from './helpers.js';

/** 000, 001, 004: letters whose every character Windows-1258 can hold. */
const LETTERS = [F.TXTS[0]!, F.TXTS[1]!, F.TXTS[4]!];
const UNKNOWN = 'not a text file in a known encoding (tried UTF-8, UTF-16, TCVN3, VNI, Windows-1258)';

/** The record without its source block (bytes, hash and encoding differ by design). */
function content(o: Outcome) {
  if (!o.ok) return `failed: ${o.reason}`;
  const { source: _s, ...rest } = o.record;
  return { ...rest, text: o.model.text };
}

/** name, encoder, the record's source.legacyEncoding (set for single-byte legacy encodings only). */
const ENCODINGS: [string, (s: string) => Buffer, string | undefined][] = [
  ['Windows-1258', (s) => F.encodeCp1258(s), 'cp1258'],
  ['UTF-16LE with a byte-order mark', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]), undefined],
  ['UTF-16BE without a byte-order mark', (s) => Buffer.from(s, 'utf16le').swap16(), undefined],
  ['UTF-8 with a byte-order mark', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]), undefined],
];

describe('text in other encodings is converted', () => {
  for (const [name, encode, label] of ENCODINGS) {
    it(`${name}: the same record as from UTF-8`, async () => {
      for (const file of LETTERS) {
        const text = fs.readFileSync(file, 'utf8');
        const utf8 = await processBuffer(file, Buffer.from(text, 'utf8'));
        const other = await processBuffer(file, encode(text));
        expect(other.ok, other.ok ? '' : other.reason).toBe(true);
        if (!other.ok) return;
        expect(other.record.source.legacyEncoding).toBe(label);
        expect(content(other)).toEqual(content(utf8));
      }
    });
  }

  it('a batch keeps the encoding in the stored record', async () => {
    const dir = tmpDir('congvan-faults-enc-');
    fs.writeFileSync(path.join(dir, 'cp1258.txt'), F.encodeCp1258(fs.readFileSync(LETTERS[0]!, 'utf8')));
    fs.writeFileSync(path.join(dir, 'shift-jis.txt'), Buffer.from('93fa967b8cea82cc8365834c8358836782c582b7814282b182ea82cd8365835883678a8582c582b78142', 'hex'));
    const json = path.join(dir, 'json');
    const s = await ingest([dir], { db: path.join(dir, 's.db'), json, jobs: 1 });
    expect(s).toMatchObject({ ingested: 1, failed: 1 });
    const rec = JSON.parse(fs.readFileSync(path.join(json, 'cp1258.json'), 'utf8'));
    expect(rec.source.legacyEncoding).toBe('cp1258');
    expect(rec.document.subject).toMatch(/Chỉ số CCHC/);
    expect(failures(path.join(dir, 's.db'))).toEqual([{ path: path.join(dir, 'shift-jis.txt'), stage: 'parse', reason: UNKNOWN }]);
  });
});

describe('text in an encoding that cannot be identified is refused, clearly', () => {
  const cases: [string, Buffer][] = [
    ['Shift-JIS Japanese', Buffer.from('93fa967b8cea82cc8365834c8358836782c582b7814282b182ea82cd8365835883678a8582c582b78142', 'hex')],
    ['Latin-1 French (no Vietnamese)', Buffer.from('Le café est très bon. Où est la gare? Ça va très bien, merci. Déjà vu à Noël.', 'latin1')],
    ['KOI8-R Russian', Buffer.from('f0d2c9d7c5d4, cbc1cb20c4c5cccca13f20fdd4cf20d4c5d3d42e', 'hex')],
    ['random bytes', F.randomBytes(4096, 21)],
    ['a PNG image named .txt', Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), F.randomBytes(2000, 22)])],
    ['NUL bytes', Buffer.alloc(4096)],
    ['UTF-8 cut in the middle of every letter', Buffer.from(Array.from(Buffer.from('Ủy ban nhân dân tỉnh Tuyên Quang '.repeat(30))).filter((_, i) => i % 3 !== 1))],
  ];
  for (const [name, buf] of cases) {
    it(name, async () => {
      for (const ext of ['txt', 'md']) {
        const r = await processBuffer(`/in/file.${ext}`, buf);
        expect(r.ok ? 'stored' : `${r.stage}: ${r.reason}`).toBe(`parse: ${UNKNOWN}`);
      }
    });
  }
});

describe('UTF-8 with a few invalid bytes is read, the bytes replaced and counted (issue case 15)', () => {
  const letter = fs.readFileSync(LETTERS[0]!, 'utf8');
  /** The letter's UTF-8 bytes with `bad` spliced in after its n-th line. */
  function spoilt(bad: Record<number, number[]>, text = letter): Buffer {
    const lines = text.split('\n');
    const parts: Buffer[] = [];
    lines.forEach((l, i) => {
      parts.push(Buffer.from(l + (i < lines.length - 1 ? '\n' : ''), 'utf8'));
      const b = bad[i];
      if (b) parts.push(Buffer.from(b));
    });
    return Buffer.concat(parts);
  }

  it('decodeText: U+FFFD where the bytes were, the count of bytes replaced, the encoding utf8', () => {
    // a stray 0xFF, a lead byte cut before ASCII, a lone continuation byte, a surrogate (ED A0 80: 3 bytes)
    const buf = spoilt({ 2: [0xff], 5: [0xc3], 9: [0x80], 12: [0xed, 0xa0, 0x80] });
    const d = decodeText(buf);
    expect(d.encoding).toBe('utf8');
    expect(d.replaced).toBe(6);
    expect(d.text.replace(/\uFFFD/g, '')).toBe(letter.normalize('NFC'));
    expect(decodeDiagnostics(d)).toEqual([
      { severity: 'warning', stage: 'parse', ruleId: 'utf8-invalid-bytes', message: '6 bytes that are not valid UTF-8 were replaced with U+FFFD (\uFFFD)' },
    ]);
    expect(decodeDiagnostics(decodeText(Buffer.from(letter, 'utf8')))).toEqual([]);
  });

  it('one bad byte in a short letter, with or without a byte-order mark', () => {
    const short = 'ỦY BAN NHÂN DÂN TỈNH\nSở Nội vụ chủ trì, báo cáo trước ngày 15/12/2021.\n';
    const one = Buffer.concat([Buffer.from(short.slice(0, 20), 'utf8'), Buffer.from([0xfe]), Buffer.from(short.slice(20), 'utf8')]);
    expect(decodeText(one)).toEqual({ text: short.slice(0, 20) + '\uFFFD' + short.slice(20), encoding: 'utf8', replaced: 1 });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), one]))).toEqual({ text: short.slice(0, 20) + '\uFFFD' + short.slice(20), encoding: 'utf8', replaced: 1 });
    // unaccented text: no multi-byte letter to vouch for UTF-8, still a few bad bytes only
    const plain = 'UY BAN NHAN DAN TINH TUYEN QUANG\nSo Noi vu chu tri thuc hien ke hoach nay.\n'.repeat(4);
    expect(decodeText(Buffer.concat([Buffer.from(plain), Buffer.from([0x99])]))).toMatchObject({ encoding: 'utf8', replaced: 1 });
  });

  it('the file is stored, not refused: the same fields as the clean file', async () => {
    const buf = spoilt({ 20: [0xff, 0xfe], 30: [0xc0] });
    const r = await processBuffer('/in/hỏng.txt', buf);
    expect(r.ok ? 'stored' : `${r.stage}: ${r.reason}`).toBe('stored');
    const clean = await processBuffer('/in/hỏng.txt', Buffer.from(letter, 'utf8'));
    if (!r.ok || !clean.ok) throw new Error('not stored');
    const head = (d: typeof r.record.document) => ({ type: d.type, number: d.number, symbol: d.symbol, date: d.date, issuer: d.issuer, subject: d.subject, place: d.place, signer: d.signer });
    expect(head(r.record.document)).toEqual(head(clean.record.document));
    expect(r.record.tasks.length).toBe(clean.record.tasks.length);
    expect(r.record.source.legacyEncoding).toBeUndefined();
    expect(r.model.text).toContain('\uFFFD');
  });

  // needs src/parse/text.ts to pass the decoder's diagnostics on:
  //   doc.diagnostics.push(...decodeDiagnostics(decoded));   (after `if (!doc) return null;`)
  it('the record carries the warning naming how many bytes were replaced', async () => {
    const r = await processBuffer('/in/hỏng.txt', spoilt({ 20: [0xff, 0xfe], 30: [0xc0] }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.record.diagnostics).toContainEqual({ severity: 'warning', stage: 'parse', ruleId: 'utf8-invalid-bytes', message: '3 bytes that are not valid UTF-8 were replaced with U+FFFD (\uFFFD)' });
  });

  it('files that are not UTF-8 at all still take the legacy path, not the replacement one', () => {
    for (const f of LETTERS) {
      const text = fs.readFileSync(f, 'utf8');
      for (const enc of ['tcvn3', 'vni', 'cp1258'] as const) {
        const d = decodeText(encodeLegacy(text, enc));
        expect(d.encoding, `${path.basename(f)} ${enc}`).toBe(enc);
        expect(d.replaced).toBeUndefined();
        expect(d.text).not.toContain('\uFFFD');
      }
    }
  });
});
