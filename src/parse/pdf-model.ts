/**
 * The layout model both PDF text engines fill in (pdf-poppler.ts, pdf-pdfjs.ts) and OCR
 * feeds: positioned text items (a run of text or a word, baseline y from the top of the
 * page) grouped into lines, with the page's rules when a table needs them.
 */
import type { Diagnostic } from '../model/types.js';
import type { LegacyEncoding } from './legacy.js';
import type { RawBlock } from '../model/types.js';
import { contentLetters, syllableShare } from './textcheck.js';
import { LimitError } from '../model/errors.js';

// ---------------------------------------------------------------------------
// Geometry model.

export interface FontInfo {
  name: string;
  bold: boolean;
  italic: boolean;
  legacy: { encoding: LegacyEncoding; upper: boolean } | null;
}

export interface Item {
  s: string;
  x: number;
  /** Baseline, from the top of the page (y grows downwards). */
  y: number;
  w: number;
  size: number;
  bold: boolean;
  italic: boolean;
  /** pdfjs font id. */
  font?: string;
  /** Position in the page's drawing order. */
  idx: number;
  /** A small raised item (footnote reference, exponent). */
  sup?: boolean;
  /** Set when the item is a footnote reference taken out of the text. */
  dropped?: boolean;
  /** A whole word (poppler): a space separates it from the next word however close. */
  word?: boolean;
}

export interface Piece {
  items: Item[];
  x0: number;
  x1: number;
}

export interface Line {
  items: Item[];
  y: number;
  size: number;
  x0: number;
  x1: number;
  page: number;
  minIdx: number;
  maxIdx: number;
  pieces: Piece[];
}

export interface PageModel {
  page: number;
  width: number;
  height: number;
  lines: Line[];
  ocr: boolean;
  /** Rules drawn on the page (when the operator list was read). */
  segments?: Segment[];
}

export interface Segment {
  /** Horizontal: y, from x0 to x1. Vertical: x, from y0 to y1 (page coordinates, y down). */
  dir: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

/** A column of text the paragraph builder works in. */
export interface Frame {
  left: number;
  right: number;
}

export interface PBlock {
  kind: RawBlock['kind'];
  text: string;
  page: number;
  lines: Line[];
  size: number;
  bold: boolean;
  italic: boolean;
  align?: 'left' | 'center' | 'right';
  column?: 'left' | 'right';
  frame: Frame;
  /** The last line ended before the frame's edge (the paragraph is finished). */
  endedEarly: boolean;
  table?: PTable;
  furniture?: RawBlock['furniture'];
  /** Whether the block came from a two-column zone or a table (never joined over a page break). */
  zone?: boolean;
}

export interface PTable {
  rows: string[][];
  headerRows: number;
  /** Column left edges (for continuing the table on the next page). */
  edges: number[];
  header?: string[];
  pageWidth: number;
}

// ---------------------------------------------------------------------------
// Small helpers.

export const isSpace = (s: string) => /^\s*$/.test(s);
export const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const a = xs.slice().sort((p, q) => p - q);
  return a[Math.floor(a.length / 2)]!;
};
export const quantile = (xs: number[], q: number) => {
  if (!xs.length) return 0;
  const a = xs.slice().sort((p, q2) => p - q2);
  return a[Math.min(a.length - 1, Math.max(0, Math.floor(q * (a.length - 1))))]!;
};

export function fontStyle(name: string): { bold: boolean; italic: boolean } {
  const n = name.replace(/^[A-Z]{6}\+/, '');
  return {
    bold: /bold|black|heavy|semibold|demibold|extrabold|,B\b|-B\b|\bBd\b/i.test(n),
    italic: /italic|oblique|,I\b|-It\b|\bIt\b|,BI\b/i.test(n),
  };
}

/** Join the items of one line (sorted by x) into text, spaces where the gaps are. */
export function itemsText(items: Item[]): string {
  let out = '';
  let prevEnd = -Infinity;
  let prevSize = 0;
  let prevWord = false;
  for (const it of items) {
    if (it.dropped) {
      prevEnd = Math.max(prevEnd, it.x + it.w);
      continue;
    }
    if (out) {
      const gap = it.x - prevEnd;
      const size = Math.max(prevSize, it.size);
      if ((gap > 0.12 * size || (prevWord && it.word && gap > 0.02 * size)) && !/\s$/.test(out) && !/^\s/.test(it.s)) out += ' ';
    }
    out += it.s;
    prevWord = !!it.word;
    prevEnd = Math.max(prevEnd, it.x + it.w);
    prevSize = it.size;
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function lineText(l: Line): string {
  return itemsText(l.items);
}

export function makeLine(items: Item[], page: number): Line {
  const sorted = items.slice().sort((a, b) => a.x - b.x);
  const main = sorted.filter((i) => !i.sup);
  const sizes = (main.length ? main : sorted).map((i) => i.size);
  const ys = (main.length ? main : sorted).map((i) => i.y);
  const line: Line = {
    items: sorted,
    y: median(ys),
    size: Math.max(...sizes),
    x0: Math.min(...sorted.map((i) => i.x)),
    x1: Math.max(...sorted.map((i) => i.x + i.w)),
    page,
    minIdx: Math.min(...sorted.map((i) => i.idx)),
    maxIdx: Math.max(...sorted.map((i) => i.idx)),
    pieces: [],
  };
  line.pieces = splitPieces(sorted);
  return line;
}

/** Split a line's items where the horizontal gap is wider than about one em. */
export function splitPieces(items: Item[]): Piece[] {
  const pieces: Piece[] = [];
  let cur: Piece | null = null;
  for (const it of items) {
    if (cur) {
      const gap = it.x - cur.x1;
      const size = Math.max(it.size, cur.items[cur.items.length - 1]!.size);
      if (gap <= 1.0 * size || it.sup) {
        cur.items.push(it);
        cur.x1 = Math.max(cur.x1, it.x + it.w);
        continue;
      }
    }
    cur = { items: [it], x0: it.x, x1: it.x + it.w };
    pieces.push(cur);
  }
  return pieces;
}

export function lineStyle(l: Line): { bold: boolean; italic: boolean } {
  const real = l.items.filter((i) => !i.dropped && !isSpace(i.s));
  return { bold: real.length > 0 && real.every((i) => i.bold), italic: real.length > 0 && real.every((i) => i.italic) };
}

// ---------------------------------------------------------------------------
// Lines from items.

export function groupLines(items: Item[], page: number): Line[] {
  const sorted = items.slice().sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Item[][] = [];
  const refs: Array<{ y: number; size: number }> = [];
  for (const it of sorted) {
    let placed = false;
    for (let k = groups.length - 1; k >= 0 && k >= groups.length - 3; k--) {
      const r = refs[k]!;
      if (Math.abs(it.y - r.y) <= 0.3 * Math.min(r.size, it.size)) {
        groups[k]!.push(it);
        placed = true;
        break;
      }
    }
    if (!placed) {
      groups.push([it]);
      refs.push({ y: it.y, size: it.size });
    }
  }
  // Mark small raised items inside a line.
  for (const g of groups) {
    const sizes = g.map((i) => i.size);
    const big = Math.max(...sizes);
    const bigY = median(g.filter((i) => i.size >= 0.9 * big).map((i) => i.y));
    for (const it of g) if (it.size <= 0.8 * big && it.y < bigY - 0.12 * big) it.sup = true;
  }
  // Attach lines made only of small items to the line whose text they are raised above.
  const lines: Item[][] = [];
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k]!;
    const maxSize = Math.max(...g.map((i) => i.size));
    let attached = false;
    // the candidate host: the next group (lower on the page) whose baseline is a little below.
    for (const h of [k + 1, k + 2]) {
      const host = groups[h];
      if (!host) continue;
      const hostSize = Math.max(...host.map((i) => i.size));
      const hostY = median(host.filter((i) => i.size >= 0.9 * hostSize).map((i) => i.y));
      const dy = hostY - median(g.map((i) => i.y));
      const hx0 = Math.min(...host.map((i) => i.x));
      const hx1 = Math.max(...host.map((i) => i.x + i.w));
      const gx0 = Math.min(...g.map((i) => i.x));
      const gx1 = Math.max(...g.map((i) => i.x + i.w));
      const shortText = g.map((i) => i.s.trim()).join('').length <= 4;
      const touches = g.every((it) =>
        host.some((h) => Math.abs(it.x - (h.x + h.w)) <= 0.5 * hostSize || Math.abs(h.x - (it.x + it.w)) <= 0.5 * hostSize),
      );
      if (maxSize <= 0.72 * hostSize && dy > 0 && dy <= 0.75 * hostSize && shortText && touches && gx0 >= hx0 - 1.5 * hostSize && gx1 <= hx1 + 2.5 * hostSize) {
        for (const it of g) it.sup = true;
        host.push(...g);
        attached = true;
        break;
      }
    }
    if (!attached) lines.push(g);
  }
  return lines.map((g) => makeLine(g, page)).sort((a, b) => a.y - b.y || a.x0 - b.x0);
}

// ---------------------------------------------------------------------------
// Furniture and footnotes.

// ---------------------------------------------------------------------------
// What an engine hands the layout: the pages' lines, and the pages left to OCR.

export interface EngineResult {
  numPages: number;
  pages: PageModel[];
  /** Pages to read by OCR (no text layer, or one that is not the page's content). */
  needOcr: number[];
  /** The legacy (pre-Unicode) encoding of fonts whose names said so, converted already. */
  legacy?: LegacyEncoding;
  /** Engine-specific notes (what was not read). */
  diagnostics: Diagnostic[];
}

export interface ParsePdfOptions {
  /** OCR pages without a text layer (default true). */
  ocr?: boolean;
  /** Read at most this many pages. */
  maxPages?: number;
}

/** The page limit (--max-pages), checked by each engine on the document it opens anyway. */
export function checkPageLimit(numPages: number, opts: ParsePdfOptions): void {
  if (opts.maxPages && opts.maxPages > 0 && numPages > opts.maxPages) throw new LimitError('limit.pages', `the PDF has ${numPages} pages, over the limit of ${opts.maxPages} (--max-pages)`);
}

/** Characters of text a page needs to count as having a text layer. */
const MIN_TEXT_CHARS = 20;
/** Letters beyond stamp lines a page over an image needs for its text layer to be read. */
const MIN_CONTENT_LETTERS = 120;
/** Share of well-formed syllables below which a text layer over an image is junk. */
const MIN_SYLLABLE_SHARE = 0.75;

/**
 * A page's text layer judged from its lines: `unreadable` (glyph codes without a Unicode
 * mapping), `suspect` (only a stamp, or a junk OCR layer: read by OCR if the page shows an
 * image), `little` (too little text to count as a text layer).
 */
export function judgeTextLayer(lineTexts: string[]): { chars: number; unreadable: boolean; suspect: boolean; little: boolean } {
  let chars = 0;
  let junk = 0;
  for (const t of lineTexts) {
    chars += t.replace(/\s/g, '').length;
    // Glyphs without a Unicode mapping come out as private-use or control characters.
    junk += t.match(/[\uE000-\uF8FF\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  }
  const unreadable = chars >= MIN_TEXT_CHARS && junk > 0.3 * chars;
  const suspect = !unreadable && chars >= MIN_TEXT_CHARS && (contentLetters(lineTexts) < MIN_CONTENT_LETTERS || syllableShare(lineTexts.join(' ')) < MIN_SYLLABLE_SHARE);
  return { chars, unreadable, suspect, little: chars < MIN_TEXT_CHARS };
}

/** The notes both engines give about pages read by OCR instead and text left out. */
export function layerNotes(junkLayerPages: number[], unreadablePages: number[], rotatedDropped: number): Diagnostic[] {
  const d: Diagnostic[] = [];
  if (junkLayerPages.length) d.push({ severity: 'warning', stage: 'parse', message: `page(s) ${junkLayerPages.join(', ')}: the text over the page image is not its content (a stamp only, or a junk OCR layer): read by OCR instead` });
  if (unreadablePages.length) d.push({ severity: 'warning', stage: 'parse', message: `the text layer of page(s) ${unreadablePages.join(', ')} has no Unicode mapping (glyph codes only): read by OCR instead` });
  if (rotatedDropped) d.push({ severity: 'info', stage: 'parse', message: `${rotatedDropped} rotated text item(s) left out` });
  return d;
}
