/**
 * Ranking: a BM25-like score (BM25's term saturation and length, without its IDF) over folded
 * text, computed here for the candidate rows a store gives (the same for SQLite and
 * PostgreSQL), and the order of rows by deadline.
 */
import { fold } from '../normalise/unicode.js';
import type { ParsedQuery } from './fts.js';

// --- words: matching and ranking in JavaScript over folded text --------------------------------

/** Does the token list hold this phrase (consecutive tokens)? How often? */
export function countPhrase(toks: string[], ph: string[]): number {
  let n = 0;
  outer: for (let i = 0; i + ph.length <= toks.length; i++) {
    for (let k = 0; k < ph.length; k++) if (toks[i + k] !== ph[k]) continue outer;
    n++;
  }
  return n;
}

export interface Scored {
  id: number;
  due: string | null;
  score: number;
}

/**
 * BM25-like score over the folded text and agency names: each required phrase (k1 = 1.2,
 * b = 0.75, length against the candidates' mean), plus the exact sequence of the loose words
 * counted as one more phrase of double weight. Rows that do not hold every phrase get null.
 *
 * Tokens are what TOKEN matches, read in place: a row's length is its number of tokens
 * (countTokens) and a phrase's frequency is found from where its first word stands
 * (countPhraseIn), so no string is made for each of a text's words.
 */
export function scoreRows(rows: { id: number; due: string | null; text: string; agencies: string }[], p: ParsedQuery): Scored[] {
  const required = [...p.quoted, ...p.loose.map((t) => [t])];
  const exact = p.loose.length >= 2 ? p.loose : null;
  const phrases = exact ? [...required, exact] : required;
  const np = phrases.length;
  // per row: its length in tokens, and how often each phrase stands in the text or the agencies
  const lens = new Array<number>(rows.length);
  const tfs = new Int32Array(rows.length * np);
  rows.forEach((r, i) => {
    lens[i] = countTokens(r.text) + countTokens(r.agencies);
    for (let k = 0; k < np; k++) tfs[i * np + k] = countPhraseIn(r.text, phrases[k]!) + countPhraseIn(r.agencies, phrases[k]!);
  });
  const avg = lens.reduce((s, n) => s + n, 0) / Math.max(1, rows.length) || 1;
  const k1 = 1.2;
  const b = 0.75;
  const out: Scored[] = [];
  rows.forEach((r, i) => {
    const norm = k1 * (1 - b + (b * lens[i]!) / avg);
    let score = 0;
    for (let k = 0; k < required.length; k++) {
      const tf = tfs[i * np + k]!;
      if (!tf) return;
      score += (tf * (k1 + 1)) / (tf + norm);
    }
    if (exact) {
      const tf = tfs[i * np + required.length]!;
      if (tf) score += (2 * (tf * (k1 + 1))) / (tf + norm);
    }
    out.push({ id: r.id, due: r.due, score });
  });
  return out;
}

/** Letters and digits below U+0080 (what [\p{L}\p{N}] matches there). */
const ASCII_WORD = new Uint8Array(128).map((_, c) => ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0));
/** Other UTF-16 code units (code points below U+10000): 0 not known yet, 1 letter or digit, 2 neither. */
const WORD_UNIT = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** Units taken by the letter or digit at s[i] (1, or 2 for a surrogate pair), 0 when it is neither (or i is the end). */
function wordWidth(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c]!;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  let k = WORD_UNIT[c]!;
  if (!k) WORD_UNIT[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/** Is the character just before s[p] a letter or digit? (s[p] is never the second half of a pair here.) */
function wordBefore(s: string, p: number): boolean {
  if (p === 0) return false;
  const c = s.charCodeAt(p - 1);
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = s.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return wordWidth(s, p - 2) === 2;
  }
  return wordWidth(s, p - 1) === 1;
}

/** How many tokens s holds (s.match(TOKEN).length). */
function countTokens(s: string): number {
  const end = s.length;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < end; ) {
    const c = s.charCodeAt(i);
    const w = c < 128 ? ASCII_WORD[c]! : wordWidth(s, i);
    if (w) {
      if (!inWord) n++;
      inWord = true;
      i += w;
    } else {
      inWord = false;
      i++;
    }
  }
  return n;
}

/**
 * How often the phrase (tokens) stands in s: at each place its first token is a whole token
 * of s, the next tokens of s are the phrase's next ones (countPhrase over s's tokens).
 */
export function countPhraseIn(s: string, ph: string[]): number {
  const first = ph[0]!;
  let n = 0;
  for (let p = s.indexOf(first); p !== -1; p = s.indexOf(first, p + 1)) {
    if (wordBefore(s, p)) continue;
    let e = p + first.length;
    if (wordWidth(s, e)) continue;
    let k = 1;
    for (; k < ph.length; k++) {
      while (e < s.length && !wordWidth(s, e)) e++;
      const t = ph[k]!;
      if (!s.startsWith(t, e)) break;
      e += t.length;
      if (wordWidth(s, e)) break;
    }
    if (k === ph.length) n++;
  }
  return n;
}

export const TOKEN = /[\p{L}\p{N}]+/gu;


export const byDue = (a: [number, string | null], b: [number, string | null]) =>
  a[1] === b[1] ? a[0] - b[0] : a[1] === null ? 1 : b[1] === null ? -1 : a[1] < b[1] ? -1 : 1;

/**
 * A document's score for the words: the exact sequence or every word in the subject first,
 * then in the issuer, then in the text only.
 */
export function documentScore(subject: string | null, issuer: string | null, parsed: ParsedQuery): number {
  const required = [...parsed.quoted, ...parsed.loose.map((t) => [t])];
  const exact = parsed.loose.length >= 2 ? parsed.loose : null;
  const fieldScore = (v: string | null, w: number) => {
    const toks = fold(v ?? '').match(TOKEN) ?? [];
    const hits = required.filter((ph) => countPhrase(toks, ph) > 0).length;
    return w * (hits / Math.max(1, required.length) + (exact && countPhrase(toks, exact) ? 1 : 0));
  };
  return Math.round((1 + fieldScore(subject, 3) + fieldScore(issuer, 1)) * 1000) / 1000;
}

/** A page of scored rows, by rank (score, then newest) or by deadline; their scores rounded for display. */
export function rankPage(rows: Scored[], sort: 'rank' | 'due' | null | undefined, offset: number, limit: number): { ids: number[]; scores: Map<number, number> } {
  const scores = new Map(rows.map((r) => [r.id, Math.round(r.score * 1000) / 1000]));
  const sorted = sort === 'due'
    ? rows.map((r) => [r.id, r.due] as [number, string | null]).sort(byDue).map((r) => r[0])
    : [...rows].sort((a, b) => b.score - a.score || b.id - a.id).map((r) => r.id);
  return { ids: sorted.slice(offset, offset + limit), scores };
}
