/**
 * Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows, Windows-1258).
 *
 * decodeText picks the decoding of a text file's bytes under which the text reads
 * as the most valid Vietnamese syllables, and returns NFC Unicode.
 *
 * convertLegacy turns text that was *already decoded as Windows-1252* (what a PDF
 * reader gives for a TCVN3 `.VnTime` or a `VNI-Times` font) into Unicode.
 * encodeLegacy is the inverse (tests use it to make fixtures).
 *
 * TCVN3 has no code for upper-case letters carrying a tone mark: the `.VnTimeH`
 * font draws the lower-case codes as capitals. `convertLegacy(..., { upper: true })`
 * maps to upper case (for text set in an `…H` font); decodeText restores the
 * capitals of an all-capitals word ("ñY BAN" -> "ỦY BAN") but cannot know that the
 * first letter of "Ủy" was a capital.
 */

import type { Diagnostic } from '../model/types.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface Decoded {
  text: string;
  /** 'utf8', 'utf16le', 'utf16be', or the legacy encoding that was converted ('tcvn3', 'vni', 'cp1258'). */
  encoding: string;
  /** UTF-8 read with a few invalid bytes: how many bytes were replaced with U+FFFD (absent when none). */
  replaced?: number;
}

// ---------------------------------------------------------------------------
// Windows-1252 bytes 0x80..0x9F (the rest of 0x00..0xFF is Latin-1 = code point).

const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const CP1252_REVERSE = new Map<string, number>();
for (let i = 0; i < 32; i++) CP1252_REVERSE.set(CP1252_HIGH[i]!, 0x80 + i);

/** The Windows-1252 byte a character came from, or -1. */
function cp1252Byte(ch: string): number {
  const cp = ch.codePointAt(0)!;
  // PDF readers fold the micro sign (0xB5) to Greek mu, and name 0xAD "hyphen".
  if (cp === 0x03bc) return 0xb5;
  if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return CP1252_REVERSE.get(ch) ?? (cp >= 0x80 && cp <= 0x9f ? cp : -1);
}

function cp1252Char(b: number): string {
  return b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
}

// ---------------------------------------------------------------------------
// TCVN3 (ABC, TCVN 5712:1993 VN3): one byte per letter, lower case toned letters only.

const TCVN3_PAIRS: Array<[number, string]> = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
  [0xb5, 'à'], [0xb6, 'ả'], [0xb7, 'ã'], [0xb8, 'á'], [0xb9, 'ạ'],
  [0xbb, 'ằ'], [0xbc, 'ẳ'], [0xbd, 'ẵ'], [0xbe, 'ắ'], [0xc6, 'ặ'],
  [0xc7, 'ầ'], [0xc8, 'ẩ'], [0xc9, 'ẫ'], [0xca, 'ấ'], [0xcb, 'ậ'],
  [0xcc, 'è'], [0xce, 'ẻ'], [0xcf, 'ẽ'], [0xd0, 'é'], [0xd1, 'ẹ'],
  [0xd2, 'ề'], [0xd3, 'ể'], [0xd4, 'ễ'], [0xd5, 'ế'], [0xd6, 'ệ'],
  [0xd7, 'ì'], [0xd8, 'ỉ'], [0xdc, 'ĩ'], [0xdd, 'í'], [0xde, 'ị'],
  [0xdf, 'ò'], [0xe1, 'ỏ'], [0xe2, 'õ'], [0xe3, 'ó'], [0xe4, 'ọ'],
  [0xe5, 'ồ'], [0xe6, 'ổ'], [0xe7, 'ỗ'], [0xe8, 'ố'], [0xe9, 'ộ'],
  [0xea, 'ờ'], [0xeb, 'ở'], [0xec, 'ỡ'], [0xed, 'ớ'], [0xee, 'ợ'],
  [0xef, 'ù'], [0xf1, 'ủ'], [0xf2, 'ũ'], [0xf3, 'ú'], [0xf4, 'ụ'],
  [0xf5, 'ừ'], [0xf6, 'ử'], [0xf7, 'ữ'], [0xf8, 'ứ'], [0xf9, 'ự'],
  [0xfa, 'ỳ'], [0xfb, 'ỷ'], [0xfc, 'ỹ'], [0xfd, 'ý'], [0xfe, 'ỵ'],
];
const TCVN3_DECODE = new Map<number, string>(TCVN3_PAIRS);
const TCVN3_ENCODE = new Map<string, number>(TCVN3_PAIRS.map(([b, c]) => [c, b]));
/** Lower-case letters whose capital TCVN3 cannot write (the toned letters). */
const TCVN3_AMBIGUOUS = new Set(TCVN3_PAIRS.map(([, c]) => c).filter((c) => c !== c.toUpperCase() && !TCVN3_ENCODE.has(c.toUpperCase())));

// ---------------------------------------------------------------------------
// VNI-Windows: a base letter followed by a modifier byte; some letters are one byte.

const GRAVE = '\u0300', ACUTE = '\u0301', TILDE = '\u0303', HOOK = '\u0309', DOT = '\u0323';
const CIRC = '\u0302', BREVE = '\u0306', HORN = '\u031B';
const TONE_MARKS = GRAVE + ACUTE + TILDE + HOOK + DOT;

/** VNI modifier byte -> [vowel mark (circumflex/breve) or '', tone mark or '']. Lower and upper case forms. */
const VNI_MODIFIERS: Array<[number, number, string, string]> = [
  // lower, upper, shape, tone
  [0xf9, 0xd9, '', ACUTE],
  [0xf8, 0xd8, '', GRAVE],
  [0xfb, 0xdb, '', HOOK],
  [0xf5, 0xd5, '', TILDE],
  [0xef, 0xcf, '', DOT],
  [0xe2, 0xc2, CIRC, ''],
  [0xe1, 0xc1, CIRC, ACUTE],
  [0xe0, 0xc0, CIRC, GRAVE],
  [0xe5, 0xc5, CIRC, HOOK],
  [0xe3, 0xc3, CIRC, TILDE],
  [0xe4, 0xc4, CIRC, DOT],
  [0xea, 0xca, BREVE, ''],
  [0xe9, 0xc9, BREVE, ACUTE],
  [0xe8, 0xc8, BREVE, GRAVE],
  [0xfa, 0xda, BREVE, HOOK],
  [0xfc, 0xdc, BREVE, TILDE],
  [0xeb, 0xcb, BREVE, DOT],
];
const VNI_MOD_DECODE = new Map<number, { shape: string; tone: string; upper: boolean }>();
const VNI_MOD_ENCODE = new Map<string, [number, number]>();
for (const [lo, up, shape, tone] of VNI_MODIFIERS) {
  VNI_MOD_DECODE.set(lo, { shape, tone, upper: false });
  VNI_MOD_DECODE.set(up, { shape, tone, upper: true });
  VNI_MOD_ENCODE.set(shape + tone, [lo, up]);
}
/** VNI single-byte letters. */
const VNI_SINGLE: Array<[number, string]> = [
  [0xf4, 'ơ'], [0xd4, 'Ơ'], [0xf6, 'ư'], [0xd6, 'Ư'], [0xf1, 'đ'], [0xd1, 'Đ'],
  [0xed, 'í'], [0xcd, 'Í'], [0xec, 'ì'], [0xcc, 'Ì'], [0xe6, 'ỉ'], [0xc6, 'Ỉ'],
  [0xf3, 'ĩ'], [0xd3, 'Ĩ'], [0xf2, 'ị'], [0xd2, 'Ị'], [0xee, 'ỵ'], [0xce, 'Ỵ'],
];
const VNI_SINGLE_DECODE = new Map<number, string>(VNI_SINGLE);
const VNI_SINGLE_ENCODE = new Map<string, number>(VNI_SINGLE.map(([b, c]) => [c, b]));

const VOWEL_BASES = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';

function applyVniModifier(prev: string, mod: { shape: string; tone: string }): string | null {
  const d = prev.normalize('NFD');
  const base = d[0]!;
  if (!'aeiouyAEIOUY'.includes(base)) return null;
  const marks = [...d.slice(1)];
  let tones = marks.filter((m) => TONE_MARKS.includes(m));
  let shapes = marks.filter((m) => !TONE_MARKS.includes(m));
  if (mod.shape) {
    if (shapes.length) return null;
    if (mod.shape === CIRC && !'aeoAEO'.includes(base)) return null;
    if (mod.shape === BREVE && !'aA'.includes(base)) return null;
    shapes = [mod.shape];
  }
  if (mod.tone) {
    if (tones.length) return null;
    tones = [mod.tone];
  }
  return (base + shapes.join('') + tones.join('')).normalize('NFC');
}

// ---------------------------------------------------------------------------
// Conversion of text decoded as Windows-1252.

export interface ConvertOptions {
  /** The text was set in an upper-case legacy font (TCVN3 `.VnTimeH`): draw everything as capitals. */
  upper?: boolean;
}

/** Convert text that a reader decoded as Windows-1252 from a TCVN3 or VNI font into Unicode (NFC). */
export function convertLegacy(text: string, enc: LegacyEncoding, opts: ConvertOptions = {}): string {
  const bytes: number[] = [];
  const passthrough = new Map<number, string>();
  for (const ch of text) {
    const b = cp1252Byte(ch);
    if (b < 0) {
      // Not a Windows-1252 character: keep it as it is.
      passthrough.set(bytes.length, ch);
      bytes.push(-1);
    } else bytes.push(b);
  }
  const out = enc === 'tcvn3' ? decodeTcvn3Bytes(bytes, passthrough) : decodeVniBytes(bytes, passthrough);
  if (opts.upper) return repairTcvn3Hyphens(out).toUpperCase();
  return enc === 'tcvn3' ? restoreTcvn3Capitals(repairTcvn3Hyphens(out)) : out;
}

function decodeTcvn3Bytes(bytes: ArrayLike<number>, passthrough?: Map<number, string>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0) s += passthrough?.get(i) ?? '\uFFFD';
    else if (b < 0x80) s += String.fromCharCode(b);
    else s += TCVN3_DECODE.get(b) ?? cp1252Char(b);
  }
  return s.normalize('NFC');
}

function decodeVniBytes(bytes: ArrayLike<number>, passthrough?: Map<number, string>): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0) {
      out.push(passthrough?.get(i) ?? '\uFFFD');
      continue;
    }
    if (b < 0x80) {
      out.push(String.fromCharCode(b));
      continue;
    }
    const mod = VNI_MOD_DECODE.get(b);
    if (mod && out.length) {
      const prev = out[out.length - 1]!;
      const combined = applyVniModifier(prev, mod);
      if (combined) {
        out[out.length - 1] = combined;
        continue;
      }
    }
    const single = VNI_SINGLE_DECODE.get(b);
    out.push(single ?? cp1252Char(b));
  }
  return out.join('').normalize('NFC');
}

// ---------------------------------------------------------------------------
// Encoding (the inverse; for fixtures).

let CP1258_TABLE: string[] | null = null;
function cp1258Table(): string[] {
  if (!CP1258_TABLE) {
    const dec = new TextDecoder('windows-1258');
    CP1258_TABLE = [];
    for (let b = 0; b < 256; b++) CP1258_TABLE.push(dec.decode(new Uint8Array([b])));
  }
  return CP1258_TABLE;
}

/**
 * Encode Unicode text in a legacy encoding. TCVN3 has no upper-case toned letters:
 * they are written with the lower-case code, as a `.VnTimeH` document would be.
 * Characters the encoding cannot hold become '?'.
 */
export function encodeLegacy(text: string, enc: LegacyEncoding | 'cp1258'): Buffer {
  const out: number[] = [];
  const nfc = text.normalize('NFC');
  if (enc === 'cp1258') {
    const table = cp1258Table();
    const rev = new Map<string, number>();
    table.forEach((c, b) => {
      if (!rev.has(c)) rev.set(c, b);
    });
    for (const ch of nfc) {
      const direct = rev.get(ch);
      if (direct !== undefined) {
        out.push(direct);
        continue;
      }
      const d = ch.normalize('NFD');
      const tone = [...d].find((m) => TONE_MARKS.includes(m));
      const rest = [...d].filter((m) => !TONE_MARKS.includes(m)).join('').normalize('NFC');
      const bb = rev.get(rest);
      const tb = tone ? rev.get(tone) : undefined;
      if (bb !== undefined && (tone === undefined || tb !== undefined)) {
        out.push(bb);
        if (tb !== undefined) out.push(tb);
      } else out.push(0x3f);
    }
    return Buffer.from(out);
  }
  for (const ch of nfc) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (enc === 'tcvn3') {
      const b = TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase());
      out.push(b ?? 0x3f);
      continue;
    }
    // VNI
    const single = VNI_SINGLE_ENCODE.get(ch);
    if (single !== undefined) {
      out.push(single);
      continue;
    }
    const d = ch.normalize('NFD');
    const base = d[0]!;
    const marks = [...d.slice(1)];
    const upper = base !== base.toLowerCase();
    const tone = marks.find((m) => TONE_MARKS.includes(m)) ?? '';
    const shapes = marks.filter((m) => !TONE_MARKS.includes(m));
    if (shapes.includes(HORN)) {
      // ơ / ư with a tone: the single-byte letter then the tone modifier.
      const letter = (base + HORN).normalize('NFC');
      const lb = VNI_SINGLE_ENCODE.get(letter);
      const mod = VNI_MOD_ENCODE.get(tone);
      if (lb === undefined || (tone && !mod)) {
        out.push(0x3f);
        continue;
      }
      out.push(lb);
      if (mod) out.push(upper ? mod[1] : mod[0]);
      continue;
    }
    if (base.codePointAt(0)! >= 0x80 || shapes.length > 1) {
      out.push(0x3f);
      continue;
    }
    const key = (shapes[0] ?? '') + tone;
    const mod = VNI_MOD_ENCODE.get(key);
    if (!mod) {
      out.push(0x3f);
      continue;
    }
    out.push(base.charCodeAt(0), upper ? mod[1] : mod[0]);
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------
// Scoring: how much of a text reads as Vietnamese syllables.

const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

const RHYMES = new Set(
  (
    'a ai ao au ay am an ang anh ac ach ap at ' +
    'ăm ăn ăng ăc ăp ăt ' +
    'âu ây âm ân âng âc âp ât ' +
    'e eo em en eng ec ep et ' +
    'ê êu êm ên ênh êch êp êt ' +
    'i ia iu im in inh ich ip it iêu iêm iên iêng iêc iêp iêt ' +
    'o oi om on ong oc op ot oong ooc ' +
    'oa oai oao oay oam oan oang oanh oac oach oap oat oăm oăn oăng oăc oăt ' +
    'oe oeo oen oet oem ' +
    'ô ôi ôm ôn ông ôc ôp ôt ' +
    'ơ ơi ơm ơn ơp ơt ' +
    'u ua ui um un ung uc up ut uân uâng uât uây uê uênh uêch uơ ' +
    'uôi uôm uôn uông uôc uôt ' +
    'uy uya uyu uych uynh uyên uyêt uyn uyt ' +
    'ư ưa ưi ưu ưm ưn ưng ưc ưt ươi ươu ươm ươn ương ươc ươp ươt ' +
    'y yêu yêm yên yêt'
  ).split(/\s+/),
);

const STOP_FINAL = /(c|ch|p|t)$/;

function stripTone(w: string): { bare: string; tones: string; misplaced: boolean } {
  const d = w.normalize('NFD');
  let bare = '';
  let tones = '';
  let base = '';
  let misplaced = false;
  for (const ch of d) {
    if (TONE_MARKS.includes(ch)) {
      tones += ch;
      // a tone mark sits on a vowel
      if (!'aeiouyAEIOUY'.includes(base)) misplaced = true;
    } else {
      bare += ch;
      if (!/\p{M}/u.test(ch)) base = ch;
    }
  }
  return { bare: bare.normalize('NFC'), tones, misplaced };
}

/** Is `word` (one token of letters) a valid Vietnamese syllable? Case-insensitive. */
export function isVietnameseSyllable(word: string): boolean {
  const w = word.toLowerCase();
  const { bare, tones, misplaced } = stripTone(w);
  if (tones.length > 1 || misplaced) return false;
  if (!/^[a-zđăâêôơư]+$/.test(bare)) return false;
  for (const ini of INITIALS) {
    if (!bare.startsWith(ini)) continue;
    let rhyme = bare.slice(ini.length);
    if (ini === 'gi' && rhyme === '') rhyme = 'i';
    if (!RHYMES.has(rhyme)) continue;
    if (ini === 'qu' && rhyme.startsWith('u')) continue;
    if (STOP_FINAL.test(rhyme) && tones && tones !== ACUTE && tones !== DOT) continue;
    if ((ini === 'k' || ini === 'gh' || ini === 'ngh') && !/^[eêiy]/.test(rhyme)) continue;
    return true;
  }
  return false;
}

const VI_LETTERS = /^[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]$/;
// Punctuation and symbols that real Vietnamese text uses.
const OK_SYMBOLS = new Set([...'“”‘’–—…•·°№«»€§©®±×÷²³¹½¼¾']);

interface Score {
  /** Words holding at least one non-ASCII letter. */
  marked: number;
  /** Of those, valid syllables. */
  markedValid: number;
  /** All-ASCII words, and of those, valid (toneless) syllables. */
  ascii: number;
  asciiValid: number;
  /** Non-ASCII characters that no Vietnamese text would hold here. */
  junk: number;
  /** C0 control characters other than TAB, LF, CR, FF. */
  controls: number;
  chars: number;
}

function scoreText(text: string): Score {
  const s: Score = { marked: 0, markedValid: 0, ascii: 0, asciiValid: 0, junk: 0, controls: 0, chars: text.length };
  const nfc = text.normalize('NFC');
  for (const m of nfc.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0];
    if (/^[A-Za-z]+$/.test(w)) {
      s.ascii++;
      if (w.length <= 7 && isVietnameseSyllable(w)) s.asciiValid++;
      continue;
    }
    s.marked++;
    if (isVietnameseSyllable(w)) s.markedValid++;
  }
  for (const ch of nfc) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13 && cp !== 12) s.controls++;
    else if (cp >= 0x7f && cp < 0xa0) s.controls++;
    else if (cp === 0xfffd) s.junk += 2;
    else if (cp > 0x7f && !VI_LETTERS.test(ch) && !OK_SYMBOLS.has(ch) && !/[\s\u00A0]/.test(ch)) s.junk++;
  }
  return s;
}

/** Share of the marked (non-ASCII) words that are valid syllables, with junk characters counted against. */
function markedRatio(s: Score): number {
  const denom = s.marked + s.junk;
  return denom === 0 ? 0 : s.markedValid / denom;
}

/**
 * How Vietnamese a text looks, 0..1: the share of its words that are valid
 * Vietnamese syllables, words with diacritics counting fully and plain ASCII words
 * (which any language could have) counting half, less junk characters.
 */
export function isLikelyVietnamese(text: string): number {
  const s = scoreText(text);
  const denom = s.marked + 0.5 * s.ascii + s.junk + s.controls;
  if (denom === 0) return 0;
  const v = (s.markedValid + 0.5 * s.asciiValid) / denom;
  return Math.max(0, Math.min(1, v));
}

// ---------------------------------------------------------------------------
// Decoding bytes of a text file.

const UNKNOWN = 'not a text file in a known encoding (tried UTF-8, UTF-16, TCVN3, VNI, Windows-1258)';

function tryUtf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/**
 * How far bytes are from UTF-8: the bytes outside any well-formed sequence (each would be
 * replaced with U+FFFD, the WHATWG decoder's way: a cut sequence is one replacement, but its
 * bytes all count) and the well-formed multi-byte sequences (the letters that vouch for UTF-8).
 */
export function scanUtf8(b: Uint8Array): { bad: number; multi: number } {
  let bad = 0;
  let multi = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else {
      bad++;
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 1; k < len; k++, j++) {
      const d = b[j];
      if (d === undefined || d < lo || d > hi) {
        ok = false;
        break;
      }
      lo = 0x80;
      hi = 0xbf;
    }
    if (ok) multi++;
    else bad += j - i; // the byte that broke the sequence starts the next one
    i = j;
  }
  return { bad, multi };
}

/**
 * Bytes that are UTF-8 but for a few invalid bytes (a stray byte, a cut letter, a pasted
 * fragment in another encoding), read with U+FFFD for those bytes; null when they are not.
 * `vouched`: the well-formed letters must outnumber the bad bytes 3 to 1 (bytes in a legacy
 * encoding form almost no valid sequence); otherwise, after the legacy encodings failed too,
 * at most 1 byte in 200 may be bad.
 */
function lenientUtf8(b: Uint8Array, vouched: boolean): { text: string; replaced: number } | null {
  const { bad, multi } = scanUtf8(b);
  if (bad === 0) return null;
  if (vouched ? multi < 3 * bad : bad * 200 > b.length) return null;
  const text = new TextDecoder('utf-8').decode(b);
  if (countControls(text) > Math.max(8, text.length * 0.02)) return null;
  return { text, replaced: bad };
}

/** The diagnostics a decoding leaves for the record: a warning when bytes were replaced. */
export function decodeDiagnostics(d: Decoded): Diagnostic[] {
  if (!d.replaced) return [];
  const n = d.replaced;
  return [
    {
      severity: 'warning',
      stage: 'parse',
      ruleId: 'utf8-invalid-bytes',
      message: `${n} ${n === 1 ? 'byte that is' : 'bytes that are'} not valid UTF-8 ${n === 1 ? 'was' : 'were'} replaced with U+FFFD (\uFFFD)`,
    },
  ];
}

function utf16(buf: Uint8Array, le: boolean): string {
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf);
}

function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0)) n++;
  }
  return n;
}

function isTexty(s: Score): boolean {
  return s.controls <= Math.max(0, s.chars * 0.002) + 0;
}

/**
 * TCVN3 writes ư as 0xAD, which PDF readers give as a hyphen (WinAnsi names 0xAD
 * "hyphen"): "đ-ợc" -> "được", "tr-ờng" -> "trường", where the result is a syllable.
 */
function repairTcvn3Hyphens(text: string): string {
  return text.replace(/(^|[^\p{L}])(\p{L}*-\p{L}*)(?=$|[^\p{L}-])/gu, (m, pre: string, word: string) => {
    if (!/\p{L}/u.test(word.replace('-', ''))) return m;
    const fixed = word.replace(/-/g, 'ư');
    return isVietnameseSyllable(fixed) ? pre + fixed : m;
  });
}

/**
 * Restore the capitals TCVN3 cannot write: a lower-case toned letter inside a word
 * whose other letters are all capitals is a capital ("ñY" -> "ỦY", "TØNH" -> "TỈNH").
 */
function restoreTcvn3Capitals(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const parts = line.split(/(\p{L}+)/u);
      // parts: odd indexes are words.
      const info = parts.map((p, i) => {
        if (i % 2 === 0) return null;
        const letters = [...p];
        const ambiguous = letters.some((c) => TCVN3_AMBIGUOUS.has(c));
        const others = letters.filter((c) => !TCVN3_AMBIGUOUS.has(c));
        const upper = others.filter((c) => c !== c.toLowerCase()).length;
        const lower = others.filter((c) => c !== c.toUpperCase()).length;
        return { ambiguous, upper, lower, caps: lower === 0 && upper >= 2 };
      });
      const words = info.map((x, i) => (x ? i : -1)).filter((i) => i >= 0);
      for (let k = 0; k < words.length; k++) {
        const i = words[k]!;
        const w = info[i]!;
        if (!w.ambiguous || w.lower > 0 || w.upper === 0) continue;
        if (w.upper >= 2) {
          parts[i] = parts[i]!.toUpperCase();
          continue;
        }
        // Neighbours count only when nothing but spaces stands between.
        const prev = k > 0 && /^[ \t]+$/.test(parts[i - 1]!) ? info[words[k - 1]!]! : null;
        const next = k + 1 < words.length && /^[ \t]+$/.test(parts[i + 1]!) ? info[words[k + 1]!]! : null;
        const capsNeighbour = (n: typeof prev) => n !== null && n.lower === 0 && (n.caps || (n.ambiguous && n.upper >= 1));
        if ((prev || next) && (!prev || capsNeighbour(prev)) && (!next || capsNeighbour(next))) parts[i] = parts[i]!.toUpperCase();
      }
      return parts.join('');
    })
    .join('\n');
}

/**
 * Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 (BOM, or ASCII-heavy
 * without BOM), else the legacy decoding (TCVN3, VNI, Windows-1258) whose text holds
 * the most valid Vietnamese syllables. UTF-8 with a few invalid bytes is read with U+FFFD
 * for them (`replaced` counts the bytes; decodeDiagnostics turns it into a warning): when
 * its well-formed letters outnumber the bad bytes 3 to 1, or when no legacy decoding reads
 * and at most 1 byte in 200 is bad. Throws when nothing reads as text.
 */
export function decodeText(buf: Buffer | Uint8Array): Decoded {
  const b = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const t = tryUtf8(b.subarray(3));
    if (t !== null) return { text: t.normalize('NFC'), encoding: 'utf8' };
    // the byte-order mark says UTF-8: a few bad bytes are replaced
    const l = lenientUtf8(b.subarray(3), false) ?? lenientUtf8(b.subarray(3), true);
    if (l) return { text: l.text.normalize('NFC'), encoding: 'utf8', replaced: l.replaced };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: utf16(b.subarray(2), true).normalize('NFC'), encoding: 'utf16le' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: utf16(b.subarray(2), false).normalize('NFC'), encoding: 'utf16be' };
  if (b.length === 0) return { text: '', encoding: 'utf8' };

  // UTF-16 without BOM: many zero bytes in one of the two lanes.
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 0) (i % 2 ? zeroOdd++ : zeroEven++);
  const half = b.length / 2;
  if (zeroOdd > half * 0.3 || zeroEven > half * 0.3) {
    const le = zeroOdd > zeroEven;
    const t = utf16(b.length % 2 ? b.subarray(0, b.length - 1) : b, le);
    const s = scoreText(t);
    if (isTexty(s) && s.junk <= t.length * 0.01) return { text: t.normalize('NFC'), encoding: le ? 'utf16le' : 'utf16be' };
    throw new Error(UNKNOWN);
  }

  const u = tryUtf8(b);
  if (u !== null) {
    // Valid UTF-8 is text unless it is mostly control characters (a binary file that happens to decode);
    // a few stray controls (BEL, ESC pasted from a terminal) are cleaned later. Only the control
    // characters are counted here: scoring syllables is for bytes that are not UTF-8, and it was
    // the largest cost of reading a text file.
    if (countControls(u) <= Math.max(8, u.length * 0.02)) return { text: u.normalize('NFC'), encoding: 'utf8' };
    throw new Error(UNKNOWN);
  }

  // UTF-8 but for a few bad bytes: its letters vouch for it, before any legacy encoding is tried
  const mostly = lenientUtf8(b, true);
  if (mostly) return { text: mostly.text.normalize('NFC'), encoding: 'utf8', replaced: mostly.replaced };

  // Legacy single-byte encodings: score each decoding.
  const candidates: Array<{ encoding: string; text: string }> = [
    { encoding: 'tcvn3', text: restoreTcvn3Capitals(decodeTcvn3Bytes(b)) },
    { encoding: 'vni', text: decodeVniBytes(b) },
    { encoding: 'cp1258', text: new TextDecoder('windows-1258').decode(b).normalize('NFC') },
  ];
  let best: { encoding: string; text: string; ratio: number; s: Score } | null = null;
  for (const c of candidates) {
    const s = scoreText(c.text);
    const ratio = markedRatio(s);
    if (!best || ratio > best.ratio) best = { ...c, ratio, s };
  }
  if (!best || !isTexty(best.s) || best.s.markedValid < 3 || best.ratio < 0.6) {
    // no legacy encoding reads: text with hardly any bad byte (unaccented text, a stray byte) is UTF-8
    const few = lenientUtf8(b, false);
    if (few) return { text: few.text.normalize('NFC'), encoding: 'utf8', replaced: few.replaced };
    throw new Error(UNKNOWN);
  }
  return { text: best.text, encoding: best.encoding };
}

// ---------------------------------------------------------------------------
// Legacy fonts in PDFs.

/**
 * The legacy encoding a PDF font name implies: TCVN3 fonts are named `.VnTime`,
 * `.VnArialH`, … (H: the capitals font), VNI fonts `VNI-Times`, `VNI-Helve`, …
 */
export function legacyFontEncoding(fontName: string | undefined | null): { encoding: LegacyEncoding; upper: boolean } | null {
  if (!fontName) return null;
  const name = fontName.replace(/^[A-Z]{6}\+/, '').replace(/#2[Ee]/g, '.');
  if (/^\.Vn/i.test(name) || /^Vn(Time|Arial|Helvetica|Courier|Century|Avant|Souvenir|Bodoni|Book|Clarendon|Commercial|Cooper|Univers|Lucida|Black|Gothic)/i.test(name)) {
    const family = name.replace(/[,-](Bold|Italic|BoldItalic|Oblique|Regular)$/i, '').replace(/(Bold|Italic)+$/i, '');
    return { encoding: 'tcvn3', upper: /H$/.test(family) };
  }
  if (/^VNI[-_ ]/i.test(name)) return { encoding: 'vni', upper: false };
  return null;
}

/** Latin-1 letters that Vietnamese text uses. */
const VI_LATIN1 = new Set([...'àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ\u00a0«»°·§©'].map((c) => c.charCodeAt(0)));

/**
 * Score a piece of PDF text as it is and as TCVN3 / VNI converted: returns the
 * encoding whose conversion reads clearly better, or null. For fonts whose name
 * does not tell.
 */
export function guessLegacyText(text: string): LegacyEncoding | null {
  // Cheap test first: TCVN3 and VNI text read as Windows-1252 is full of characters
  // Vietnamese never uses (µ ¸ ¹ § Ë Ö ä ë ï ø ...).
  let foreign = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0xff && !VI_LATIN1.has(c)) foreign++;
    else if (c === 0x3bc) foreign++;
  }
  if (foreign < 5 || foreign < text.length * 0.002) return null;
  const raw = scoreText(text);
  if (raw.marked + raw.junk < 5) return null;
  const rawRatio = markedRatio(raw);
  let best: LegacyEncoding | null = null;
  let bestRatio = rawRatio + 0.3;
  for (const enc of ['tcvn3', 'vni'] as const) {
    const r = markedRatio(scoreText(convertLegacy(text, enc)));
    if (r > bestRatio) {
      best = enc;
      bestRatio = r;
    }
  }
  return best;
}
