import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertLegacy, guessLegacyText, legacyFontEncoding } from '../../src/parse/legacy.js';
import { decodeText } from '../../src/parse/decode.js';
import { isLikelyVietnamese, isVietnameseSyllable } from '../../src/parse/syllables.js';
import { encodeLegacy } from '../legacy-encoder.js';

const CORPUS = path.resolve(__dirname, '../../corpus');
const letter = fs.readFileSync(path.join(CORPUS, '001_e411c490e37ebf07.txt'), 'utf8').normalize('NFC');
const plan = fs.readFileSync(path.join(CORPUS, '004_bd6a7462ceae1b0f.txt'), 'utf8');

/**
 * TCVN3 has no codes for capitals with a tone mark (the .VnTimeH font draws the
 * small-letter codes as capitals): the capital of "Ủy" cannot survive. Lower-case
 * those letters in words that are not all capitals.
 */
function tcvn3Representable(s: string): string {
  return s.replace(/\p{L}+/gu, (w) => {
    if (w === w.toUpperCase() && w.length > 1) return w;
    return [...w].map((c) => (/[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]/u.test(c) ? c.toLowerCase() : c)).join('');
  });
}

describe('decodeText', () => {
  it('round-trips a letter through VNI-Windows exactly', () => {
    const bytes = encodeLegacy(letter, 'vni');
    expect(bytes.includes(Buffer.from('Töï do', 'latin1'))).toBe(true); // "Tự do" as VNI writes it
    expect(encodeLegacy('Việt Nam', 'vni').toString('latin1')).toBe('Vieät Nam');
    const d = decodeText(bytes);
    expect(d.encoding).toBe('vni');
    expect(d.text).toBe(letter);
  });

  it('round-trips a letter through Windows-1258 exactly', () => {
    const d = decodeText(encodeLegacy(letter, 'cp1258'));
    expect(d.encoding).toBe('cp1258');
    expect(d.text).toBe(letter);
  });

  it('round-trips a letter through TCVN3, capitals of all-capital words restored', () => {
    const bytes = encodeLegacy(letter, 'tcvn3');
    expect(bytes.includes(Buffer.from('Tù do', 'latin1'))).toBe(true); // "Tự do" in TCVN3
    expect(encodeLegacy('Việt Nam', 'tcvn3').toString('latin1')).toBe('ViÖt Nam');
    const d = decodeText(bytes);
    expect(d.encoding).toBe('tcvn3');
    expect(d.text).toContain('ỦY BAN NHÂN DÂN');
    expect(d.text).toContain('TỈNH TUYỀN QUANG');
    expect(d.text).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(d.text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(d.text).toBe(tcvn3Representable(letter));
  });

  it('reads decomposed (NFD) UTF-8 and returns NFC', () => {
    const nfd = letter.normalize('NFD');
    expect(nfd).not.toBe(letter);
    const d = decodeText(Buffer.from(nfd, 'utf8'));
    expect(d.encoding).toBe('utf8');
    expect(d.text).toBe(letter);
    // 004 holds "lý" as y + U+0301 in its source
    expect(plan.includes('y\u0301')).toBe(true);
    expect(decodeText(Buffer.from(plan, 'utf8')).text).toBe(plan.normalize('NFC'));
  });

  it('reads UTF-8 with a BOM and UTF-16 with and without a BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(letter)]))).toEqual({ text: letter, encoding: 'utf8' });
    const le = Buffer.from(letter, 'utf16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text: letter, encoding: 'utf16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: letter, encoding: 'utf16be' });
    expect(decodeText(le).encoding).toBe('utf16le');
  });

  it('refuses random bytes and binary files', () => {
    let seed = 42;
    const rnd = Buffer.alloc(4000);
    for (let i = 0; i < rnd.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      rnd[i] = seed >> 16 & 0xff;
    }
    expect(() => decodeText(rnd)).toThrow('not a text file in a known encoding (tried UTF-8, UTF-16, TCVN3, VNI, Windows-1258)');
    const png = fs.readFileSync(path.join(CORPUS, 'scan/003_1d9eea9674fe7869.pdf')).subarray(2000, 6000);
    expect(() => decodeText(png)).toThrow(/not a text file/);
  });
});

describe('convertLegacy', () => {
  it('converts text a PDF reader decoded from a TCVN3 font', () => {
    const asRead = encodeLegacy('Cộng hoà xã hội chủ nghĩa Việt Nam', 'tcvn3').toString('latin1');
    expect(asRead).toBe('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
    expect(convertLegacy(asRead, 'tcvn3')).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
    // .VnTimeH draws the same codes as capitals
    expect(convertLegacy(asRead, 'tcvn3', { upper: true })).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('repairs what PDF readers do to TCVN3 bytes (µ folded to Greek mu, 0xAD read as a hyphen)', () => {
    expect(convertLegacy('ngμy', 'tcvn3')).toBe('ngày');
    expect(convertLegacy('nhËn ®-îc', 'tcvn3')).toBe('nhận được');
    expect(convertLegacy('UBND-THCBKS', 'tcvn3')).toBe('UBND-THCBKS');
  });

  it('converts VNI text, upper and lower case', () => {
    const s = 'ỦY BAN NHÂN DÂN TỈNH; Ủy ban; trường, người, Đà Nẵng, Quốc hội';
    const asRead = encodeLegacy(s, 'vni').toString('latin1');
    expect(asRead).toContain('UÛY BAN');
    expect(convertLegacy(asRead, 'vni')).toBe(s);
  });

  it('maps every Vietnamese letter both ways', () => {
    const lower = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    const upper = lower.toUpperCase();
    for (const enc of ['vni', 'tcvn3'] as const) {
      expect(convertLegacy(encodeLegacy(lower, enc).toString('latin1'), enc)).toBe(lower);
    }
    expect(convertLegacy(encodeLegacy(upper, 'vni').toString('latin1'), 'vni')).toBe(upper);
    expect(convertLegacy(encodeLegacy(upper, 'tcvn3').toString('latin1'), 'tcvn3', { upper: true })).toBe(upper);
    const spaced = [...`${lower}${upper}`].join(' ');
    expect(decodeText(encodeLegacy(spaced, 'cp1258'))).toEqual({ text: spaced, encoding: 'cp1258' });
  });

  it('guesses a legacy encoding from the text when the font name does not tell', () => {
    const tcvn = encodeLegacy(letter.slice(0, 1500), 'tcvn3').toString('latin1');
    expect(guessLegacyText(tcvn)).toBe('tcvn3');
    expect(guessLegacyText(encodeLegacy(letter.slice(0, 1500), 'vni').toString('latin1'))).toBe('vni');
    expect(guessLegacyText(letter.slice(0, 1500))).toBeNull();
  });
});

describe('font names and scores', () => {
  it('knows TCVN3 and VNI font names', () => {
    expect(legacyFontEncoding('.VnTime')).toEqual({ encoding: 'tcvn3', upper: false });
    expect(legacyFontEncoding('ABCDEF+.VnTimeH')).toEqual({ encoding: 'tcvn3', upper: true });
    expect(legacyFontEncoding('.VnArialH,Bold')).toEqual({ encoding: 'tcvn3', upper: true });
    expect(legacyFontEncoding('VNI-Times')).toEqual({ encoding: 'vni', upper: false });
    expect(legacyFontEncoding('BAAAAA+LiberationSerif-Bold')).toBeNull();
    expect(legacyFontEncoding('TimesNewRomanPSMT')).toBeNull();
  });

  it('scores Vietnamese text high and other text low', () => {
    expect(isLikelyVietnamese(letter)).toBeGreaterThan(0.85);
    expect(isLikelyVietnamese('The quick brown fox jumps over the lazy dog, again and again.')).toBeLessThan(0.4);
    expect(isLikelyVietnamese(encodeLegacy(letter, 'tcvn3').toString('latin1'))).toBeLessThan(0.5);
    for (const w of ['nghiêng', 'quốc', 'giữa', 'trường', 'khuya', 'Đồng', 'oanh']) expect(isVietnameseSyllable(w)).toBe(true);
    for (const w of ['viêt́', 'hoμ', 'tiếpp', 'brown', 'cáṕ']) expect(isVietnameseSyllable(w)).toBe(false);
  });
});
