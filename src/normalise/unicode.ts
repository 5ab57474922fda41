/**
 * Unicode clean-up and the folds used for matching.
 *
 * `cleanText` is what the normalised text model holds: NFC, stray control and
 * zero-width characters removed, no-break spaces turned into spaces, the Icelandic
 * `Ð` (U+00D0) that legacy converters emit for `Đ` fixed. Tone placement is kept
 * as printed (for display); `canonTone` gives the one placement used for matching.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 controls except TAB and LF.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** Any character one of cleanText's replacements would change (CR, zero-width, control, odd space, Ð, ð). */
const CLEAN_NEEDED = /[\r\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u00D0\u00F0]/;

export function cleanText(s: string): string {
  // nothing to remove or replace: NFC alone (the second NFC of an NFC string changes nothing)
  if (!CLEAN_NEEDED.test(s)) return s.normalize('NFC');
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROLS, '')
    .replace(SPACES, ' ')
    .replace(/\u00D0/g, 'Đ')
    .replace(/\u00F0/g, 'đ')
    .normalize('NFC'); // again: a control or zero-width character removed can leave a letter next to its mark
}

const SPACES_TO_FOLD = /\t| {2}|(?:^|\n)[^\S\n]|[^\S\n](?:\n|$)/;

/** Fold runs of spaces and tabs to one space and trim each line. */
export function foldSpaces(s: string): string {
  // no tab, no two spaces in a row, no line that starts or ends with a blank: nothing to fold
  if (!SPACES_TO_FOLD.test(s)) return s;
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n');
}

/** A blank other than a lone space between non-blanks: what `s.replace(/\s+/g, ' ')` would change. */
const SPACES_TO_COLLAPSE = /[^\S ]|\s\s/;

/**
 * `s.replace(/\s+/g, ' ')`: every run of white space as one space. The same string comes back
 * without a copy when there is nothing to collapse (most lines: the rules run it on every line).
 */
export function collapseSpaces(s: string): string {
  return SPACES_TO_COLLAPSE.test(s) ? s.replace(/\s+/g, ' ') : s;
}

// Old-style placement puts the mark on the last vowel of an open oa, oe, uy
// ("hoà", "khoẻ", "thuỷ"); the new style puts it on the first ("hòa", "khỏe", "thủy").
// "quý" keeps its mark: its u belongs to qu.
const TONES = '\u0300\u0301\u0303\u0309\u0323';
const OLD_OA = new RegExp(`([oO])([aAeE])([${TONES}])(?![\\p{L}\\p{M}])`, 'gu');
const OLD_UY = new RegExp(`(?<![qQ])([uU])([yY])([${TONES}])(?![\\p{L}\\p{M}])`, 'gu');

/** One tone placement ("hòa", "ủy", "thủy"), NFC. */
export function canonTone(s: string): string {
  return s.normalize('NFD').replace(OLD_OA, '$1$3$2').replace(OLD_UY, '$1$3$2').normalize('NFC');
}

/**
 * Strip every mark and fold đ to d, lower case: the key for diacritic-insensitive
 * matching and for the full-text index ("Sở Nội vụ" -> "so noi vu").
 * Keeps the string's length when the input is NFC Vietnamese (one code point per letter).
 */
export function fold(s: string): string {
  // Every code unit of s looked up in FOLD_UNITS (the fold of that one character); any
  // character outside the table's ranges sends the whole string the slow way, so the result
  // is always exactly foldSlow's. Vietnamese text never leaves the table: 5-10x faster.
  const n = s.length;
  let k = 0;
  for (; k < n; k++) if (s.charCodeAt(k) >= 0x80) break;
  if (k === n) return s.toLowerCase();
  const out = n <= FOLD_BUF.length ? FOLD_BUF : new Uint16Array(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const f = c < 0x80 ? (c >= 65 && c <= 90 ? c + 32 : c) : c < FOLD_UNITS.length ? FOLD_UNITS[c]! : UNHANDLED;
    if (f === UNHANDLED) return foldSlow(s);
    if (f !== DROP) out[o++] = f;
  }
  // a long text is read back in one call (String.fromCharCode in slices of 4,096 took a third of the time)
  if (o > 256) return Buffer.from(out.buffer, out.byteOffset, o * 2).toString('utf16le');
  let r = '';
  for (let i = 0; i < o; i += 4096) r += String.fromCharCode.apply(null, out.subarray(i, Math.min(o, i + 4096)) as unknown as number[]);
  return r;
}

/** fold as defined: NFD, marks removed, đ -> d, lower case. */
export function foldSlow(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const DROP = -1;
const UNHANDLED = -2;
const FOLD_BUF = new Uint16Array(1 << 16);
/**
 * The fold of each character of Latin-1, Latin Extended-A/B, the combining marks, Latin
 * Extended Additional (the precomposed Vietnamese letters) and General Punctuation: one
 * code unit, or DROP for a mark. These characters fold the same alone as in any context
 * (no case rule looks at neighbours, as Greek final sigma does). Others are UNHANDLED.
 */
const FOLD_UNITS: Int32Array = (() => {
  const t = new Int32Array(0x2070).fill(UNHANDLED);
  const ranges: [number, number][] = [[0x80, 0x24f], [0x300, 0x36f], [0x1e00, 0x1eff], [0x2000, 0x206f]];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const f = foldSlow(String.fromCharCode(c));
      t[c] = f.length === 0 ? DROP : f.length === 1 && foldSlow(f) === f ? f.charCodeAt(0) : UNHANDLED;
    }
  }
  return t;
})();

/** Fold, and keep a map from each folded index to the original index. */
export function foldWithMap(s: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(s.length);
  return { folded, map };
}
