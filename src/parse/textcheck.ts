/**
 * Is a page's text layer worth reading? Scanners and e-office systems put text over page
 * images that is not the page's content: a junk OCR layer ("UBND rNs lAu DoNG", "NffiNnAN"),
 * or only the signing stamp ("Ký bởi: ... Thời gian ký: ...", "SAO Y; CÔNG AN TỈNH ...;
 * 19/03/2026; 08:40:00") over a scanned letter. Such a page is read by OCR instead.
 *
 * Vietnamese is written in syllables of a closed shape (onset, vowel nucleus, final), so the
 * share of words that are well-formed syllables tells real text from junk.
 */
import { STAMP_LINE } from './markers.js';


const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

/**
 * Share of well-formed words: a Vietnamese syllable, in lower case, Capitalised or in CAPITALS.
 * A word with a digit between its letters ("th6ng", "S0") or in mixed case ("HQi", "lAu") is
 * an OCR layer's junk; codes ("C04", "PA05") and short capitals (UBND, CCHC) say nothing.
 */
export function syllableShare(text: string): number {
  let words = 0;
  let good = 0;
  for (const raw of text.split(/[\s,.;:()"“”'‘’!?/\\[\]{}<>|=+*&%$#@~^_–—-]+/u)) {
    if (!/\p{L}/u.test(raw)) continue;
    if (/^\p{L}{1,8}\d+$/u.test(raw) || /^\d+\p{L}?$/u.test(raw)) continue; // a code or a numbered point
    words++;
    if (/\p{L}\d+\p{L}|^\d+\p{L}{2,}/u.test(raw)) continue; // digits inside a word
    if (!/^\p{Lu}?\p{Ll}*$/u.test(raw) && !/^\p{Lu}+$/u.test(raw)) continue; // mixed case
    const w = fold(raw);
    if (!/[aeiouy]/.test(w) || (raw.length <= 5 && raw === raw.toUpperCase() && !SYLLABLE.test(w))) {
      words--; // an abbreviation
      continue;
    }
    if (SYLLABLE.test(w)) good++;
  }
  return words ? good / words : 1;
}

/** The letters of a page's text once stamp lines are set aside. */
export function contentLetters(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (!STAMP_LINE.test(l)) n += l.replace(/[^\p{L}]/gu, '').length;
  return n;
}
