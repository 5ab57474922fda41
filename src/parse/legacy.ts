/**
 * Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows): their code tables, and the
 * conversion of text set in a legacy font.
 *
 * convertLegacy turns text that was *already decoded as Windows-1252* (what a PDF
 * reader gives for a TCVN3 `.VnTime` or a `VNI-Times` font) into Unicode; the byte
 * decoders serve decodeText (./decode.ts) for text files. The inverse, for making test
 * fixtures, is test/legacy-encoder.ts.
 *
 * TCVN3 has no code for upper-case letters carrying a tone mark: the `.VnTimeH`
 * font draws the lower-case codes as capitals. `convertLegacy(..., { upper: true })`
 * maps to upper case (for text set in an `…H` font); decodeText restores the
 * capitals of an all-capitals word ("ñY BAN" -> "ỦY BAN") but cannot know that the
 * first letter of "Ủy" was a capital.
 */
import { ACUTE, GRAVE, TILDE, HOOK, DOT, CIRC, BREVE, TONE_MARKS, isVietnameseSyllable, scoreText, markedRatio } from './syllables.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

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

export function cp1252Char(b: number): string {
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
export const TCVN3_ENCODE = new Map<string, number>(TCVN3_PAIRS.map(([b, c]) => [c, b]));
/** Lower-case letters whose capital TCVN3 cannot write (the toned letters). */
const TCVN3_AMBIGUOUS = new Set(TCVN3_PAIRS.map(([, c]) => c).filter((c) => c !== c.toUpperCase() && !TCVN3_ENCODE.has(c.toUpperCase())));

// ---------------------------------------------------------------------------
// VNI-Windows: a base letter followed by a modifier byte; some letters are one byte.


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
export const VNI_MOD_ENCODE = new Map<string, [number, number]>();
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
export const VNI_SINGLE_ENCODE = new Map<string, number>(VNI_SINGLE.map(([b, c]) => [c, b]));

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

export function decodeTcvn3Bytes(bytes: ArrayLike<number>, passthrough?: Map<number, string>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0) s += passthrough?.get(i) ?? '\uFFFD';
    else if (b < 0x80) s += String.fromCharCode(b);
    else s += TCVN3_DECODE.get(b) ?? cp1252Char(b);
  }
  return s.normalize('NFC');
}

export function decodeVniBytes(bytes: ArrayLike<number>, passthrough?: Map<number, string>): string {
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

/**
 * TCVN3 writes ư as 0xAD, which PDF readers give as a hyphen (WinAnsi names 0xAD
 * "hyphen"): "đ-ợc" -> "được", "tr-ờng" -> "trường", where the result is a syllable.
 */
export function repairTcvn3Hyphens(text: string): string {
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
export function restoreTcvn3Capitals(text: string): string {
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
