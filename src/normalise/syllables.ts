/**
 * Words run together: a copy from a web page or a text layer that lost the space between two
 * words ("Bộ Kế hoạch và Đầu tưchủ trì", "tổ chứcthực hiện", "Chínhphủ", "Lê ThịMinh Hương").
 *
 * Every Vietnamese word is one syllable: an onset, an optional o/u glide, a vowel, an optional
 * final, and at most one tone mark; a final c, ch, p or t takes the sắc or nặng tone. A run of
 * letters that is no such syllable, holds a Vietnamese letter, and reads in exactly one way as
 * the fewest syllables is written with a space between them. A syllable that starts with a vowel is split off
 * only at a capital ("vàỦy"), so misread letters ("QUYÉT", "trưòng") and loan words ("Kiốt") stay whole. Abbreviations ("UBND", "ĐHQG"),
 * foreign words ("website") and highland names that do not read as syllables ("Đắk", "Krông")
 * are left as they are.
 */

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

/**
 * The word split into syllables, or null when it is one syllable, is not Vietnamese letters, or
 * splits in more than one way.
 */
export function splitGlued(word: string): string[] | null {
  const n = word.length;
  if (n < 4 || n > 40 || !/[^\x00-\x7f]/.test(word)) return null;
  const lower = word.toLowerCase();
  const base: string[] = [];
  const tone: number[] = [];
  for (const ch of lower) {
    const l = LETTERS.get(ch);
    if (!l) return null;
    base.push(l.base);
    tone.push(l.tone);
  }
  if (base.length !== n) return null;
  const caps = [...word].map((c) => c !== c.toLowerCase());
  // a syllable that starts with a vowel follows another only at a capital ("vàỦy"): inside a small-letter
  // word it is a misread letter ("trưòng", "QUYÉT") or a loan word ("Kiốt", "điôxin"), not two words
  const piece = (a: number, b: number) =>
    (a === 0 || !/[aăâeêioôơuưy]/.test(base[a]!) || (caps[a]! && !caps[a - 1]!)) && isSyllable(base.slice(a, b).join(''), tone.slice(a, b));
  if (piece(0, n)) return null;
  // fewest pieces, and how many ways reach them
  const best: number[] = new Array(n + 1).fill(Infinity);
  const ways: number[] = new Array(n + 1).fill(0);
  const from: number[] = new Array(n + 1).fill(-1);
  best[0] = 0;
  ways[0] = 1;
  for (let b = 1; b <= n; b++) {
    for (let a = Math.max(0, b - 7); a < b; a++) {
      if (best[a] === Infinity || !piece(a, b)) continue;
      const c = best[a]! + 1;
      if (c < best[b]!) {
        best[b] = c;
        ways[b] = ways[a]!;
        from[b] = a;
      } else if (c === best[b]) ways[b] = ways[b]! + ways[a]!;
    }
  }
  if (best[n] === Infinity || ways[n] !== 1) return null;
  const out: string[] = [];
  for (let b = n; b > 0; b = from[b]!) out.unshift(word.slice(from[b]!, b));
  return out;
}

const WORD = /[\p{L}\p{M}]{4,}/gu;
/** A quick test before the word-by-word look: two vowels with a consonant between, or a capital after a small letter. */
const MAYBE_GLUED = /[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ][^\s\p{P}\d]*?[bcdđghklmnpqrstvx][^\s\p{P}\d]*?[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]|\p{Ll}\p{Lu}/iu;

/** The text with a space put between the syllables of every word that ran together. */
export function unglue(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return text.replace(WORD, (w) => {
    if (!MAYBE_GLUED.test(w)) return w;
    const parts = splitGlued(w);
    return parts ? parts.join(' ') : w;
  });
}
