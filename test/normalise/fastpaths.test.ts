/**
 * The text pipeline's fast paths (issue 14, the samples' mix): each gives exactly what the
 * plain expression it stands for gives, on any input, so the records stay byte-identical.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, collapseSpaces, fold, foldSlow, foldSpaces } from '../../src/normalise/unicode.js';
import { taskKey } from '../../src/store/rows.js';
import { decodeText } from '../../src/parse/decode.js';

// white space of every kind JavaScript knows, the characters cleanText removes or replaces, and letters
const units = fc.constantFrom(
  ...'ab Ệệđ.,-/0'.split(''),
  ' ', ' ', '  ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u00a0', '\u0085', '\u1680', '\u2000', '\u2001', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
  '\u200b', '\u00ad', '\u0007', '\u009f', '\u00d0', '\u00f0', '\u0301', '\u0323',
);
const text = fc.oneof(fc.array(units, { maxLength: 60 }).map((a) => a.join('')), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** The definitions the fast paths replace. */
const ref = {
  collapse: (s: string) => s.replace(/\s+/g, ' '),
  foldSpaces: (s: string) => s.split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim()).join('\n'),
  cleanText: (s: string) =>
    s
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
      .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
      .replace(/\u00D0/g, 'Đ')
      .replace(/\u00F0/g, 'đ')
      .normalize('NFC'),
  taskKey: (path: string[], t: string) => `${path.join('/')}|${foldSlow(t).replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean).slice(0, 12).join(' ')}`,
};

describe('fast paths of the text pipeline', () => {
  it('collapseSpaces is s.replace(/\\s+/g, " "), and returns the same string when nothing changes', () => {
    expect(collapseSpaces('Sở  Nội\tvụ\n')).toBe('Sở Nội vụ ');
    const s = 'Sở Nội vụ chủ trì';
    expect(collapseSpaces(s)).toBe(s);
    fc.assert(fc.property(text, (s) => {
      expect(collapseSpaces(s)).toBe(ref.collapse(s));
    }), { numRuns: 5000 });
  });
  it('foldSpaces and cleanText give what their full sequence of replacements gives', () => {
    expect(foldSpaces(' a  b\t\nc ')).toBe('a b\nc');
    expect(cleanText('ly\u0301\r\n\u00a0Ð')).toBe('lý\n Đ');
    fc.assert(
      fc.property(text, (s) => {
        expect(foldSpaces(s)).toBe(ref.foldSpaces(s));
        expect(cleanText(s)).toBe(ref.cleanText(s));
      }),
      { numRuns: 5000 },
    );
  });
  it('fold reads long texts back in one piece, as foldSlow', () => {
    const long = fc.array(fc.constantFrom(...'aăđĐêệỆ ,.\n1'.split('')), { minLength: 200, maxLength: 9000 }).map((a) => a.join(''));
    fc.assert(fc.property(long, (s) => {
      expect(fold(s)).toBe(foldSlow(s));
    }), { numRuns: 200 });
  });
  it("a task's key holds its first 12 words, read only that far", () => {
    expect(taskKey({ path: ['1', 'a'], text: 'Sở Nội vụ: chủ trì, phối hợp (2025) với 3 đơn vị; a b c d e f g h' })).toBe('1/a|so noi vu chu tri phoi hop 2025 voi 3 don vi');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('1', 'a', 'II'), { maxLength: 3 }), text, (path, t) => {
        expect(taskKey({ path, text: t })).toBe(ref.taskKey(path, t));
      }),
      { numRuns: 3000 },
    );
  });
  it('decodes UTF-8 as the fatal TextDecoder does, a leading BOM (one or two) included', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const viet = [...Buffer.from('Sở Nội vụ\n')];
    expect(decodeText(new Uint8Array([...bom, ...bom, ...viet])).text).toBe('Sở Nội vụ\n');
    expect(decodeText(new Uint8Array([...viet, ...bom])).text).toBe('Sở Nội vụ\n\ufeff');
    const bytes = fc.array(fc.constantFrom(bom, [0xc3, 0xa1], [0xe1, 0xbb, 0x87], [0x41], [0x20], [0x0a], [0x07], [0xc2, 0x85], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80]), { maxLength: 40 });
    fc.assert(
      fc.property(bytes, (parts) => {
        const b = new Uint8Array(parts.flat());
        let want: string | null;
        try {
          const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
          want = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(start)).normalize('NFC');
        } catch {
          want = null;
        }
        // valid UTF-8 with few controls is read as such; anything else goes the legacy ways (not compared here)
        if (want === null) return;
        let got: string | null;
        try {
          got = decodeText(b).text;
        } catch {
          got = null;
        }
        if (got !== null) expect(got).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });
});
