/**
 * Words run together: a copy from a web page or a text layer that lost the space between two
 * words ("Bộ Kế hoạch và Đầu tưchủ trì", "tổ chứcthực hiện", "Chínhphủ", "Lê ThịMinh Hương").
 *
 * Every Vietnamese word is one syllable (isSyllable: an initial and a rhyme, at most one tone mark;
 * a rhyme closed by c, ch, p or t takes the sắc or nặng tone). A run of
 * letters that is no such syllable, holds a Vietnamese letter, and reads in exactly one way as
 * the fewest syllables is written with a space between them. A syllable that starts with a vowel
 * is split off only at a capital ("vàỦy"), so misread letters ("QUYÉT", "trưòng") and loan words
 * ("Kiốt") stay whole. Abbreviations ("UBND", "ĐHQG"), foreign words ("website") and highland
 * names that do not read as syllables ("Đắk", "Krông") are left as they are.
 */

import { SYLLABLES } from './lexicon.js';

/** Tone marks (grave, acute, tilde, hook, dot below), decomposed: one per syllable at most. */
export const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const INITIAL = '(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?';
const RHYME = [
  'a', 'ai', 'ao', 'au', 'ay', 'ac', 'ach', 'am', 'an', 'ang', 'anh', 'ap', 'at',
  'ăc', 'ăm', 'ăn', 'ăng', 'ăp', 'ăt', 'âc', 'âm', 'ân', 'âng', 'âp', 'ât', 'âu', 'ây',
  'e', 'eo', 'ec', 'em', 'en', 'eng', 'ep', 'et', 'ê', 'êu', 'êch', 'êm', 'ên', 'ênh', 'êp', 'êt',
  'i', 'ia', 'iu', 'ich', 'im', 'in', 'inh', 'ip', 'it', 'iêc', 'iêm', 'iên', 'iêng', 'iêp', 'iêt', 'iêu',
  'o', 'oa', 'oai', 'oao', 'oay', 'oac', 'oach', 'oam', 'oan', 'oang', 'oanh', 'oap', 'oat',
  'oăc', 'oăm', 'oăn', 'oăng', 'oăt', 'oe', 'oeo', 'oen', 'oet', 'oi', 'oc', 'om', 'on', 'ong', 'op', 'ot', 'ooc', 'oong',
  'ô', 'ôi', 'ôc', 'ôm', 'ôn', 'ông', 'ôp', 'ôt', 'ơ', 'ơi', 'ơm', 'ơn', 'ơp', 'ơt',
  'u', 'ua', 'uân', 'uâng', 'uât', 'uây', 'ui', 'uc', 'um', 'un', 'ung', 'up', 'ut', 'uê', 'uênh', 'uêch',
  'uy', 'uya', 'uych', 'uyên', 'uyêt', 'uyn', 'uynh', 'uyp', 'uyt', 'uyu', 'uôc', 'uôi', 'uôm', 'uôn', 'uông', 'uôt', 'uơ',
  'ư', 'ưa', 'ưi', 'ưu', 'ưc', 'ưng', 'ưt', 'ưm', 'ưn', 'ươc', 'ươi', 'ươm', 'ươn', 'ương', 'ươp', 'ươt', 'ươu',
  'y', 'yêm', 'yên', 'yêng', 'yêt', 'yêu',
].sort((a, b) => b.length - a.length).join('|');
const SYLLABLE = new RegExp(`^${INITIAL}(?:${RHYME})$`, 'u');

/**
 * Whether a word is one Vietnamese syllable: an initial and a rhyme, one tone mark at most, and a rhyme closed by p, t, c or ch
 * only with the sắc or nặng tone ("chủt" is none: "chủ|trì"). The one syllable test of the project (extract/glue.ts reads it too).
 */
export function isSyllable(s: string): boolean {
  const d = s.toLocaleLowerCase('vi').normalize('NFD');
  const tones = d.match(TONES);
  if ((tones?.length ?? 0) > 1) return false;
  const bare = d.replace(TONES, '').normalize('NFC');
  if (tones && /(?:[ptc]|ch)$/u.test(bare) && !/[\u0301\u0323]/u.test(tones[0]!)) return false;
  return SYLLABLE.test(bare);
}

/** Each small letter without its tone (vowel marks kept), for telling a vowel from a consonant. */
const BASE: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const base of 'aăâeêioôơuưy') for (const t of ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323']) m.set((base + t).normalize('NFC'), base);
  for (const c of 'bcdđghklmnpqrstvx') m.set(c, c);
  return m;
})();

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
  const base = [...lower].map((c) => BASE.get(c));
  if (base.length !== n || base.some((b) => b === undefined)) return null;
  const caps = [...word].map((c) => c !== c.toLowerCase());
  // an abbreviation in capitals run into the next word ("BHYTnăm"): its letters are one piece
  let abbr = 0;
  while (abbr < n && caps[abbr]) abbr++;
  if (abbr < 2 || abbr >= n - 1) abbr = 0;
  // a syllable that starts with a vowel follows another only at a capital ("vàỦy"): inside a small-letter
  // word it is a misread letter ("trưòng", "QUYÉT") or a loan word ("Kiốt", "điôxin"), not two words
  const piece = (a: number, b: number) =>
    (a === 0 && b === abbr) ||
    ((a === 0 || !/[aăâeêioôơuưy]/.test(base[a]!) || (caps[a]! && !caps[a - 1]!)) && isSyllable(lower.slice(a, b)));
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

// (a word run into the abbreviation after it, "GiaoUBND các xã": the abbreviations of bodies letters use)
const ABBR_GLUED = /(?<![\p{L}])(\p{L}\p{Ll}+)(UBND|HĐND|UBMTTQ|MTTQ|BHXH|KBNN|NHNN|BCĐ|BQL)(?![\p{L}])/gu;
const HAS_ABBR_GLUED = new RegExp(ABBR_GLUED.source, 'u');

/** The text with a space put between the syllables of every word that ran together (`known`: see splitGlued). */
export function unglue(text: string, known?: (w: string) => boolean): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  // (and after a comma between words, "(Chỉ thị số 32-CT/TW),đề nghị các sở ...": not between digits, "1,5")
  if (HAS_PUNCT_GLUED.test(text)) text = text.replace(PUNCT_GLUED, '$1 ');
  if (HAS_ABBR_GLUED.test(text)) text = text.replace(ABBR_GLUED, (m, word: string, abbr: string) => (isSyllable(word.toLowerCase()) ? `${word} ${abbr}` : m));
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
