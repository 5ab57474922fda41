/**
 * Words run together: a copy from a web page or a text layer that lost the space between two
 * words ("Bộ Kế hoạch và Đầu tưchủ trì", "tổ chứcthực hiện", "Chínhphủ", "Lê ThịMinh Hương").
 *
 * Every Vietnamese word is one syllable: an onset, an optional o/u glide, a vowel, an optional
 * final, and at most one tone mark; a final c, ch, p or t takes the sắc or nặng tone. A run of
 * letters that is no such syllable, holds a Vietnamese letter, and reads in exactly one way as
 * the fewest syllables is written with a space between them. A syllable that starts with a vowel
 * is split off only at a capital ("vàỦy"), so misread letters ("QUYÉT", "trưòng") and loan words
 * ("Kiốt") stay whole. Abbreviations ("UBND", "ĐHQG"), foreign words ("website") and highland
 * names that do not read as syllables ("Đắk", "Krông") are left as they are.
 */

import { SYLLABLES } from './lexicon.js';

const ONSET = '(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?';
const NUCLEUS = '(?:iê|yê|ia|ya|uô|ua|ươ|ưa|oo|[aeêioôơuưy]|[ăâ](?=[cmnpt]|ng|nh|ch|[uy]))';
const SYLLABLE = new RegExp(`^${ONSET}[ou]?${NUCLEUS}(ng|nh|ch|[cmnptiyou])?$`, 'u');

const ACUTE = 2, DOT = 5;
/** Each precomposed lower-case letter: its base letter (vowel marks kept, tone removed) and its tone (0: none). */
const LETTERS: Map<string, { base: string; tone: number }> = (() => {
  const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
  const m = new Map<string, { base: string; tone: number }>();
  for (const base of 'aăâeêioôơuưy') {
    tones.forEach((t, tone) => m.set((base + t).normalize('NFC'), { base, tone }));
  }
  for (const c of 'bcdđghklmnpqrstvx') m.set(c, { base: c, tone: 0 });
  return m;
})();

/** One syllable: its letters read by the grammar, one tone at most, a stop final only with sắc or nặng. */
function isSyllable(base: string, tones: number[]): boolean {
  const m = SYLLABLE.exec(base);
  if (!m) return false;
  let tone = 0;
  for (const t of tones) {
    if (!t) continue;
    if (tone) return false;
    tone = t;
  }
  const final = m[1] ?? '';
  return !/^(?:c|ch|p|t)$/.test(final) || tone === ACUTE || tone === DOT;
}

/** A word in small letters as its base letters and their tones, or null when a letter is not Vietnamese. */
function lettersOf(word: string): { base: string[]; tone: number[] } | null {
  const base: string[] = [];
  const tone: number[] = [];
  for (const ch of word) {
    const l = LETTERS.get(ch);
    if (!l) return null;
    base.push(l.base);
    tone.push(l.tone);
  }
  return { base, tone };
}

/** Whether a word in small letters is one Vietnamese syllable. */
export function isOneSyllable(word: string): boolean {
  const l = lettersOf(word);
  return !!l && isSyllable(l.base.join(''), l.tone);
}

/** The readings of a word as the fewest syllables kept, at most (enough to tell one reading from several). */
const MAX_WAYS = 8;

/**
 * The word split into syllables, or null when it is one syllable, is not Vietnamese letters, or
 * cannot be split in one way. When the fewest syllables read in more than one way ("thựchiện":
 * "thực hiện" or "thự chiện"; "cụthể": "cụ thể" or "cục hể"), the one reading made only of words the
 * document itself uses (`known`) is taken, else the one made only of syllables real documents use
 * (lexicon.ts).
 */
export function splitGlued(word: string, known?: (w: string) => boolean): string[] | null {
  const n = word.length;
  if (n < 4 || n > 40 || !/[^\x00-\x7f]/.test(word)) return null;
  const lower = word.toLowerCase();
  const letters = lettersOf(lower);
  if (!letters || letters.base.length !== n) return null;
  const { base, tone } = letters;
  const caps = [...word].map((c) => c !== c.toLowerCase());
  // an abbreviation in capitals run into the next word ("BHYTnăm"): its letters are one piece
  let abbr = 0;
  while (abbr < n && caps[abbr]) abbr++;
  if (abbr < 2 || abbr >= n - 1) abbr = 0;
  // a syllable that starts with a vowel follows another only at a capital ("vàỦy"): inside a small-letter
  // word it is a misread letter ("trưòng", "QUYÉT") or a loan word ("Kiốt", "điôxin"), not two words
  const piece = (a: number, b: number) =>
    (a === 0 && b === abbr) ||
    ((a === 0 || !/[aăâeêioôơuưy]/.test(base[a]!) || (caps[a]! && !caps[a - 1]!)) && isSyllable(base.slice(a, b).join(''), tone.slice(a, b)));
  if (piece(0, n) && abbr === 0) return null;
  // every reading with the fewest pieces, up to MAX_WAYS
  const best: number[] = new Array(n + 1).fill(Infinity);
  const reads: number[][][] = Array.from({ length: n + 1 }, () => []);
  best[0] = 0;
  reads[0] = [[]];
  for (let b = 1; b <= n; b++) {
    for (let a = b === abbr ? 0 : Math.max(0, b - 7); a < b; a++) {
      if (best[a] === Infinity || !piece(a, b)) continue;
      const c = best[a]! + 1;
      if (c < best[b]!) {
        best[b] = c;
        reads[b] = [];
      }
      if (c === best[b]) for (const r of reads[a]!) if (reads[b]!.length < MAX_WAYS) reads[b]!.push([...r, b]);
    }
  }
  let ways = reads[n]!;
  if (ways.length > 1) {
    const madeOf = (ok: (w: string) => boolean) => ways.filter((ends) => ends.every((e, i) => ok(lower.slice(i ? ends[i - 1]! : 0, e))));
    // the document's own words first, then the syllables real documents use
    const own = known ? madeOf(known) : [];
    ways = own.length === 1 ? own : madeOf((w) => SYLLABLES.has(w) || (known?.(w) ?? false));
  }
  if (ways.length !== 1 || ways[0]!.length < 2) return null;
  return ways[0]!.map((e, i, ends) => word.slice(i ? ends[i - 1]! : 0, e));
}

/** Each code unit's class for the quick scan: 1 a vowel (any case, any mark), 2 another letter, 0 no letter; SMALL added for a small letter. */
const SMALL = 4;
const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(0x2000);
  for (let c = 0; c < t.length; c++) {
    const ch = String.fromCharCode(c);
    if (!/\p{L}/u.test(ch)) continue;
    const base = ch.normalize('NFD')[0]!.toLowerCase();
    t[c] = ('aeiouy'.includes(base) ? 1 : 2) | (ch !== ch.toUpperCase() ? SMALL : 0);
  }
  return t;
})();

/**
 * The runs of letters that may be words run together, found in one pass: a run with two vowel groups that a consonant parts
 * ("tưchủ", "chứcthực"), or a capital after a small letter ("ThịMinh"); at least one letter outside ASCII.
 */
function* suspects(text: string): Generator<[number, number]> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 0x2000 || !CLASS[c]) {
      i++;
      continue;
    }
    const a = i;
    let groups = 0, inVowel = false, wide = false, capAfterSmall = false, prevSmall = false;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      const k = c < 0x2000 ? CLASS[c]! : 0;
      if (!k) break;
      const vowel = (k & 3) === 1;
      if (vowel && !inVowel) groups++;
      inVowel = vowel;
      if (c >= 0x80) wide = true;
      const small = (k & SMALL) !== 0;
      if (!small && prevSmall) capAfterSmall = true;
      prevSmall = small;
    }
    if (wide && i - a >= 4 && (groups >= 2 || capAfterSmall)) yield [a, i];
  }
}

/**
 * A test of the words a text uses on their own, in small letters, made when first asked (most texts
 * never ask).
 */
export function knownWords(texts: () => Iterable<string>): (w: string) => boolean {
  let words: Set<string> | null = null;
  return (w) => {
    if (!words) {
      words = new Set();
      for (const t of texts()) for (const m of t.toLowerCase().matchAll(/[\p{L}\p{M}]+/gu)) words.add(m[0]);
    }
    return words.has(w);
  };
}

// (a comma only: a semicolon between letters may close an HTML entity a document quotes, "&lt;b&gt;đậm", and the text is kept as written)
const PUNCT_GLUED = /(?<=[\p{L})”])(,)(?=\p{L})/gu;
const HAS_PUNCT_GLUED = new RegExp(PUNCT_GLUED.source, 'u');

/** The text with a space put between the syllables of every word that ran together (`known`: see splitGlued). */
export function unglue(text: string, known?: (w: string) => boolean): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  // (and after a comma between words, "(Chỉ thị số 32-CT/TW),đề nghị các sở ...": not between digits, "1,5")
  if (HAS_PUNCT_GLUED.test(text)) text = text.replace(PUNCT_GLUED, '$1 ');
  let out = '';
  let at = 0;
  for (const [a, b] of suspects(text)) {
    const parts = splitGlued(text.slice(a, b), known);
    if (!parts) continue;
    out += text.slice(at, a) + parts.join(' ');
    at = b;
  }
  return at ? out + text.slice(at) : text;
}
