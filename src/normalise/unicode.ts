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

export function cleanText(s: string): string {
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

/** Fold runs of spaces and tabs to one space and trim each line. */
export function foldSpaces(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n');
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
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

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
