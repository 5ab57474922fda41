/**
 * Building FTS5 MATCH expressions from what a user typed. The user's text never reaches
 * MATCH as written: it is folded like the index (no marks, đ -> d, lower case), cut into the
 * tokens unicode61 would make, and every token is written as a quoted phrase. Quotes, `*`,
 * `-`, parentheses and the like are just separators, and the operator words OR, AND, NOT,
 * NEAR typed in capitals are dropped, so no input can raise an FTS5 syntax error. All words
 * must be there (AND). Text the user put between double quotes stays one phrase.
 */
import { fold } from '../normalise/unicode.js';

export interface ParsedQuery {
  /** Every token, folded, once each (for snippets and highlighting). */
  tokens: string[];
  /** Groups the user put between double quotes. */
  quoted: string[][];
  /** The other words, in order. */
  loose: string[];
}

const TOKEN = /[\p{L}\p{N}]+/gu;

export function tokenize(s: string): string[] {
  return fold((s ?? '').normalize('NFC')).match(TOKEN) ?? [];
}

/** Split user text into quoted groups and loose words. An unbalanced quote runs to the end. */
export function parseQuery(input: string | null | undefined): ParsedQuery {
  const quoted: string[][] = [];
  const loose: string[] = [];
  // straight and typographic double quotes
  (input ?? '').replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"').split('"').forEach((part, i) => {
    // FTS operators typed in capitals are not words to look for (Vietnamese has none of them)
    const toks = tokenize(i % 2 === 1 ? part : part.replace(/\b(?:OR|AND|NOT|NEAR)\b/g, ' '));
    if (!toks.length) return;
    if (i % 2 === 1) quoted.push(toks);
    else loose.push(...toks);
  });
  return { tokens: [...new Set([...quoted.flat(), ...loose])], quoted, loose };
}

const phrase = (toks: string[]) => `"${toks.join(' ')}"`;

/**
 * The MATCH expression: every quoted group and every loose word must be there (AND).
 * When two or more loose words were typed, their exact sequence is OR-ed in as an extra
 * phrase, so the ranking (scoreRows in ./rank.ts) puts rows holding "so noi vu" as written
 * above rows that merely hold the three words somewhere. Null when nothing searchable was typed.
 */
export function matchExpression(p: ParsedQuery): string | null {
  const all = [...p.quoted.map(phrase), ...p.loose.map((t) => phrase([t]))];
  if (!all.length) return null;
  const and = all.join(' AND ');
  if (p.loose.length < 2) return and;
  const exact = [...p.quoted.map(phrase), phrase(p.loose)].join(' AND ');
  return `(${exact}) OR (${and})`;
}

/** The exact-sequence-only expression (rows where the loose words stand together), or null. */
export function exactExpression(p: ParsedQuery): string | null {
  if (p.loose.length < 2) return null;
  return [...p.quoted.map(phrase), phrase(p.loose)].join(' AND ');
}

/** Every quoted group and every word (AND), without the exact-sequence alternative. */
export function allWordsExpression(p: ParsedQuery): string | null {
  const all = [...p.quoted.map(phrase), ...p.loose.map((t) => phrase([t]))];
  return all.length ? all.join(' AND ') : null;
}
