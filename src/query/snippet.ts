/**
 * Snippets in the original text (marks kept) with the matched words located by folding:
 * the same fold as the index, so "dau tu" marks "đầu tư" and "uy ban" marks "Uỷ ban".
 * Computed in JavaScript for the rows of one page only, never by FTS5 over a result set.
 */
import { fold, foldWithMap } from '../normalise/unicode.js';

export interface Snippet {
  /** The excerpt, as in the stored text (with "…" where it was cut). */
  text: string;
  /** [start, end) offsets of matched words inside `text`. */
  marks: [number, number][];
}

const charFold = new Map<string, string>();

/** foldWithMap, with each character's fold remembered (the alphabet is small). */
function foldMapped(s: string): { folded: string; map: number[] } {
  const parts: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = s.slice(i, i + len);
    let f = charFold.get(ch);
    if (f === undefined) {
      f = fold(ch);
      if (charFold.size < 5000) charFold.set(ch, f);
    }
    for (let k = 0; k < f.length; k++) map.push(i);
    parts.push(f);
    i += len;
  }
  map.push(s.length);
  return { folded: parts.join(''), map };
}

function folded(text: string): { f: string; map: number[] | null } {
  const f = fold(text);
  // fold keeps the length of NFC Vietnamese: then offsets are the same in both
  if (f.length === text.length) return { f, map: null };
  const m = text.length > 200 ? foldMapped(text) : foldWithMap(text);
  return { f: m.folded, map: m.map };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined) => {
  if (!c) return false;
  const n = c.charCodeAt(0);
  if (n < 128) return (n >= 97 && n <= 122) || (n >= 48 && n <= 57) || (n >= 65 && n <= 90);
  return WORD_CHAR.test(c);
};

/** Every whole-word occurrence of the tokens in `text`, as [start, end) in `text`. */
export function findMatches(text: string, tokens: string[]): [number, number][] {
  if (!tokens.length || !text) return [];
  const { f, map } = folded(text);
  const out: [number, number][] = [];
  for (const tok of tokens) {
    if (!tok) continue;
    let i = f.indexOf(tok);
    while (i >= 0) {
      const j = i + tok.length;
      if (!isWord(f[i - 1]) && !isWord(f[j])) out.push(map ? [map[i]!, map[j]!] : [i, j]);
      i = f.indexOf(tok, i + 1);
    }
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // merge overlapping or adjacent-by-space ranges ("so noi vu" becomes one mark)
  const merged: [number, number][] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1 && /^\s?$/.test(text.slice(last[1], r[0]))) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** An excerpt of about `width` characters around the densest group of matches. */
export function makeSnippet(text: string, tokens: string[], width = 180): Snippet {
  let src = text ?? '';
  // a long text (a whole document): look at the first stretch holding a match only
  const STRETCH = 3000;
  if (src.length > STRETCH * 2) {
    let from = 0;
    if (tokens.length) {
      for (let at = 0; at < src.length; at += STRETCH) {
        if (findMatches(src.slice(at, at + STRETCH + 50), tokens).length) {
          from = at;
          break;
        }
      }
    }
    src = src.slice(from, from + STRETCH);
    if (from > 0) src = '\u2026' + src.slice(src.indexOf(' ') + 1);
  }
  const clean = src.replace(/\s+/g, ' ');
  const matches = findMatches(clean, tokens);
  if (clean.length <= width) return { text: clean, marks: matches };
  let start = 0;
  if (matches.length) {
    // the window (starting a little before a match) holding the most distinct tokens, then matches
    let best = -1;
    const ff = fold(clean);
    // the first few hundred matches are enough to find a good window in a long text
    const some = matches.slice(0, 300);
    for (let i = 0; i < some.length; i++) {
      const s = Math.max(0, some[i]![0] - Math.floor(width / 4));
      const inWin: [number, number][] = [];
      for (let j = i; j < some.length && some[j]![0] < s + width; j++) if (some[j]![1] <= s + width) inWin.push(some[j]!);
      const distinct = new Set(inWin.map((x) => ff.slice(x[0], x[1]))).size;
      const score = distinct * 1000 + inWin.length;
      if (score > best) {
        best = score;
        start = s;
      }
    }
  }
  // cut at word boundaries
  if (start > 0) {
    const sp = clean.indexOf(' ', start);
    if (sp >= 0 && sp - start < 20) start = sp + 1;
  }
  let end = Math.min(clean.length, start + width);
  if (end < clean.length) {
    const sp = clean.lastIndexOf(' ', end);
    if (sp > start + width / 2) end = sp;
  }
  const pre = start > 0 ? '…' : '';
  const post = end < clean.length ? '…' : '';
  const marks = matches
    .filter((m) => m[0] >= start && m[1] <= end)
    .map((m) => [m[0] - start + pre.length, m[1] - start + pre.length] as [number, number]);
  return { text: pre + clean.slice(start, end) + post, marks };
}

/** A snippet written for a terminal: matches between [ ] or in bold. */
export function renderSnippet(s: Snippet, style: 'brackets' | 'ansi' = 'brackets'): string {
  const [open, close] = style === 'ansi' ? ['\x1b[1;33m', '\x1b[0m'] : ['[', ']'];
  let out = '';
  let at = 0;
  for (const [a, b] of s.marks) {
    out += s.text.slice(at, a) + open + s.text.slice(a, b) + close;
    at = b;
  }
  return out + s.text.slice(at);
}
