/**
 * PDF with a text layer (pdfjs-dist, legacy build); pages without one go through OCR.
 *
 * pdfjs gives positioned text items in drawing order. We rebuild the page:
 *   items -> lines (same baseline; small raised items become superscripts)
 *   -> page furniture (page numbers) and the footnote area (small text at the foot
 *      that starts with a raised number) set aside
 *   -> zones: runs of lines that share a vertical gutter. One gutter is a two-column
 *      layout (letter header, signature block): each column becomes its own blocks,
 *      left column first. Two or more gutters is a table: columns from the gutters,
 *      rows from vertical bands no cell crosses.
 *   -> blocks: lines joined into paragraphs. A line ends its paragraph when the first
 *      word of the next line would have fitted on it, at a list marker after a
 *      finished sentence, a larger vertical gap, a first-line indent or a change of
 *      style. Centred lines that end early stay in one block with '\n'.
 *   -> across pages: a paragraph cut by the page break is joined again; a table that
 *      goes on over pages becomes one table, its repeated header row kept once.
 */
import type { Diagnostic, RawBlock, RawDoc } from '../model/types.js';
import { convertLegacy, guessLegacyText } from './legacy.js';
import { ocrPdfPages, type OcrPage } from './ocr.js';
import { reportProgress } from '../model/progress.js';

// ---------------------------------------------------------------------------
// Shared text rules (also used by the DOCX parser).

export { LIST_MARKER, SIGNATURE_STAMP } from './markers.js';
import { LIST_MARKER, SIGNATURE_STAMP } from './markers.js';
import { groupLines, isSpace, makeLine, lineStyle, lineText, median, quantile, splitPieces, type EngineResult, type Frame, type Item, type Line, type PageModel, type ParsePdfOptions, type PBlock, type PTable, type Segment } from './pdf-model.js';
import { loadPdfjs, readPdfjs } from './pdf-pdfjs.js';
import { readPoppler } from './pdf-poppler.js';
export { loadPdfjs };
export type { ParsePdfOptions };


const PAGE_NUMBER = /^(?:trang\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?$|^(?:trang\s*)?\d{1,4}\s*(?:\/|trên|of)\s*\d{1,4}$/i;
const FOOTNOTE_MARK = /^(?:\(?\d{1,3}\)?|\*{1,3}|[¹²³⁴-⁹⁰]+)$/;

interface Footnote {
  number: string;
  text: string;
  page: number;
}

function takeFurniture(pm: PageModel, furniture: RawBlock[]): void {
  const lines = pm.lines;
  const isAlone = (l: Line) => l.pieces.length === 1;
  // bottom
  for (let k = lines.length - 1; k >= 0 && k >= lines.length - 2; k--) {
    const l = lines[k]!;
    if (l.y > pm.height * 0.86 && isAlone(l) && PAGE_NUMBER.test(lineText(l))) {
      furniture.push({ kind: 'paragraph', text: lineText(l), page: pm.page, furniture: 'pageNumber' });
      lines.splice(k, 1);
      break;
    }
  }
  // top (Vietnamese official documents number pages at the top, from page 2)
  for (let k = 0; k < Math.min(2, lines.length); k++) {
    const l = lines[k]!;
    if (l.y < pm.height * 0.12 && isAlone(l) && PAGE_NUMBER.test(lineText(l))) {
      furniture.push({ kind: 'paragraph', text: lineText(l), page: pm.page, furniture: 'pageNumber' });
      lines.splice(k, 1);
      break;
    }
  }
}

/** An OCR'd footnote line: a number (or the quote OCR reads a raised 1 as) then the text. */
const OCR_NOTE_START = /^([\d'’‘`¹²³*]{1,2})\s?(?=\p{Lu})/u;

/**
 * Running headers and footers: a line in the top or bottom band of the page that comes
 * back, at the same height, on at least half of the pages (digits may change).
 */
function takeRunningLines(pages: PageModel[], furniture: RawBlock[]): void {
  if (pages.length < 2) return;
  const key = (pm: PageModel, l: Line) => `${Math.round(l.y / 3)}|${lineText(l).replace(/\d+/g, '#').toLowerCase()}`;
  const band = (pm: PageModel, l: Line) => l.pieces.length === 1 && (l.y < pm.height * 0.09 || l.y > pm.height * 0.91);
  const seen = new Map<string, Set<number>>();
  for (const pm of pages) {
    for (const l of pm.lines) {
      if (!band(pm, l)) continue;
      const k = key(pm, l);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(pm.page);
    }
  }
  const textPages = pages.filter((pm) => pm.lines.length > 0).length;
  for (const pm of pages) {
    pm.lines = pm.lines.filter((l) => {
      if (!band(pm, l)) return true;
      const n = seen.get(key(pm, l))?.size ?? 0;
      const t = lineText(l);
      if (n >= 2 && n >= textPages / 2 && !PAGE_NUMBER.test(t)) {
        furniture.push({ kind: 'paragraph', text: t, page: pm.page, furniture: 'runningHeader' });
        return false;
      }
      return true;
    });
  }
}

function takeFootnotes(pm: PageModel, body: number, frameRight: number, numberBase = 0): Footnote[] {
  const lines = pm.lines;
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.size > 0.88 * body) break;
    const first = l.items[0]!;
    const firstText = first.s.trim();
    const startsWithMark =
      (first.sup || first.size <= 0.8 * l.size) && FOOTNOTE_MARK.test(firstText) ? true : pm.ocr && OCR_NOTE_START.test(lineText(l));
    if (startsWithMark) start = i;
  }
  if (start < 0) return [];
  // The footnote area: from that line to the foot of the page (nothing of body size below it).
  const area = lines.splice(start);
  const notes: Array<{ number: string; lines: Line[] }> = [];
  let cur: { number: string; lines: Line[] } | null = null;
  for (const l of area) {
    const first = l.items[0]!;
    const ft = first.s.trim();
    let number: string | null = null;
    if ((first.sup || first.size <= 0.8 * l.size) && FOOTNOTE_MARK.test(ft)) {
      number = ft.replace(/[()]/g, '');
      first.dropped = true;
    } else if (pm.ocr && OCR_NOTE_START.test(lineText(l)) && (!cur || l.x0 <= cur.lines[0]!.x0 + 2)) {
      const mark = OCR_NOTE_START.exec(lineText(l))![1]!;
      number = /^\d+$/.test(mark) ? mark : String(notes.length + 1 + numberBase);
      // the mark is glued to the first word: take it off
      const at = first.s.indexOf(mark);
      first.s = first.s.slice(at + mark.length).trimStart();
      if (!first.s) first.dropped = true;
    }
    if (number !== null) {
      cur = { number, lines: [l] };
      notes.push(cur);
    } else if (cur) cur.lines.push(l);
  }
  return notes.map((n) => {
    const frame: Frame = { left: Math.min(...n.lines.map((l) => l.x0)), right: frameRight };
    const text = buildBlocks(n.lines, frame, pm.page)
      .map((p) => p.text)
      .join('\n');
    return { number: n.number, text: `${n.number} ${text}`.trim(), page: pm.page };
  });
}

/** Take footnote reference markers (small raised numbers) out of the body text. */
function dropFootnoteRefs(lines: Line[], numbers: Set<string>): number {
  let n = 0;
  for (const l of lines) {
    for (const it of l.items) {
      if (!it.sup || it.dropped) continue;
      const t = it.s.trim().replace(/[()]/g, '');
      if (FOOTNOTE_MARK.test(it.s.trim()) && (numbers.has(t) || /^\*+$/.test(t))) {
        it.dropped = true;
        n++;
      }
    }
  }
  return n;
}

// ---------------------------------------------------------------------------
// Zones: two-column layouts and tables.

type Interval = [number, number];

interface Zone {
  lines: Line[];
  gutters: Interval[];
  spanning: Set<Line>;
}

const MIN_GUTTER = 2.5;

/** Subtract a line's pieces from the gutters. Returns null when a piece covers a gutter whole. */
function cutGutters(gutters: Interval[], line: Line): { left: Interval[]; crossed: number } {
  let crossed = 0;
  let cur = gutters.slice();
  for (const p of line.pieces) {
    const next: Interval[] = [];
    for (const g of cur) {
      if (p.x1 <= g[0] || p.x0 >= g[1]) {
        next.push(g);
        continue;
      }
      if (p.x0 <= g[0] + 0.5 && p.x1 >= g[1] - 0.5) {
        crossed++;
        continue;
      }
      if (p.x0 > g[0]) next.push([g[0], p.x0]);
      if (p.x1 < g[1]) next.push([p.x1, g[1]]);
    }
    cur = next.filter((g) => g[1] - g[0] >= MIN_GUTTER);
  }
  // A gutter narrowed below the minimum counts as crossed.
  return { left: cur, crossed };
}

function gapsOf(line: Line): Interval[] {
  const out: Interval[] = [];
  for (let i = 1; i < line.pieces.length; i++) out.push([line.pieces[i - 1]!.x1, line.pieces[i]!.x0]);
  return out;
}

function overlaps(a: Interval, b: Interval): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

function findZones(lines: Line[], frame: Frame): Zone[] {
  const zones: Zone[] = [];
  const used = new Set<Line>();
  for (let i = 0; i < lines.length; i++) {
    const seed = lines[i]!;
    if (used.has(seed) || seed.pieces.length < 2) continue;
    let gutters = gapsOf(seed).filter((g) => g[1] - g[0] >= MIN_GUTTER);
    if (!gutters.length) continue;
    const members: Line[] = [seed];
    const spanning = new Set<Line>();
    const accept = (l: Line, neighbour: Line): boolean => {
      if (used.has(l)) return false;
      const dy = Math.abs(l.y - neighbour.y);
      const size = Math.max(l.size, neighbour.size);
      const { left, crossed } = cutGutters(gutters, l);
      const ownGaps = gapsOf(l);
      if (dy > 1.5 * size && !(l.pieces.length >= 2 && crossed === 0 && dy <= 3.5 * size)) return false;
      if (crossed === 0 && left.length) {
        gutters = left;
        return true;
      }
      // A spanning row: crosses some gutters but its own gaps line up with another.
      if (l.pieces.length >= 2 && left.length && ownGaps.some((g) => gutters.some((z) => overlaps(g, z)))) {
        spanning.add(l);
        return true;
      }
      return false;
    };
    // Grow downwards.
    for (let j = i + 1; j < lines.length; j++) {
      if (!accept(lines[j]!, members[members.length - 1]!)) break;
      members.push(lines[j]!);
    }
    // Grow upwards.
    for (let j = i - 1; j >= 0; j--) {
      const l = lines[j]!;
      // The last line of a paragraph that runs across the gutter above it belongs to that paragraph.
      const above = lines[j - 1];
      if (
        above &&
        l.pieces.length === 1 &&
        Math.abs(l.y - above.y) <= 1.5 * Math.max(l.size, above.size) &&
        Math.abs(l.size - above.size) < 0.5 &&
        cutGutters(gutters, above).crossed > 0
      )
        break;
      if (!accept(l, members[0]!)) break;
      members.unshift(l);
    }
    if (members.length < 2) continue;
    const z: Zone = { lines: members, gutters: finalGutters(members, spanning), spanning };
    if (!z.gutters.length) continue;
    if (z.gutters.length === 1) {
      // Two columns drawn one after the other: a line drawn after the second column is not in the first.
      const interleaved = trimTwoColumn(z);
      if (z.lines.length < 2) continue;
      // A justified line with a wide gap, then the short last line of its paragraph, is not
      // two columns: with no drawing order to tell, ask for a second line holding both sides.
      const g = z.gutters[0]!;
      const twoSided = z.lines.filter((l) => l.pieces.some((p) => p.x1 <= g[0] + 0.5) && l.pieces.some((p) => p.x0 >= g[1] - 0.5));
      const fullWidth = (l: Line) => l.x0 <= frame.left + 3 * l.size && l.x1 >= frame.right - l.size;
      if (interleaved && twoSided.length < 2 && twoSided.every(fullWidth)) continue;
    }
    for (const l of z.lines) used.add(l);
    zones.push(z);
  }
  return zones;
}

/** Gutters over the whole zone: x-ranges no (non-spanning) line covers, with text on both sides. */
function finalGutters(lines: Line[], spanning: Set<Line>): Interval[] {
  const solid = lines.filter((l) => !spanning.has(l));
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  let free: Interval[] = [[x0, x1]];
  for (const l of solid) {
    for (const p of l.pieces) {
      const next: Interval[] = [];
      for (const g of free) {
        if (p.x1 <= g[0] || p.x0 >= g[1]) next.push(g);
        else {
          if (p.x0 > g[0]) next.push([g[0], p.x0]);
          if (p.x1 < g[1]) next.push([p.x1, g[1]]);
        }
      }
      free = next;
    }
  }
  return free.filter((g) => g[1] - g[0] >= MIN_GUTTER && g[0] > x0 + 0.5 && g[1] < x1 - 0.5);
}

/** Trims a two-column zone by drawing order; returns whether the columns were drawn interleaved. */
function trimTwoColumn(z: Zone): boolean {
  const g = z.gutters[0]!;
  const mid = (g[0] + g[1]) / 2;
  const side = (l: Line): 'left' | 'right' | 'both' => {
    const hasL = l.pieces.some((p) => p.x1 <= mid);
    const hasR = l.pieces.some((p) => p.x0 >= mid);
    return hasL && hasR ? 'both' : hasL ? 'left' : 'right';
  };
  const idxRange = (which: 'left' | 'right') => {
    const idx = z.lines.flatMap((l) => l.items.filter((it) => (which === 'left' ? it.x + it.w <= mid : it.x >= mid)).map((it) => it.idx));
    return idx.length ? [Math.min(...idx), Math.max(...idx)] : null;
  };
  const lr = idxRange('left');
  const rr = idxRange('right');
  if (!lr || !rr) return false;
  // Only when each column was drawn as one run (word processors draw a table cell by cell).
  const leftFirst = lr[1]! < rr[0]!;
  const rightFirst = rr[1]! < lr[0]!;
  // Interleaved: lines drawn across both columns; the drawing order tells nothing.
  if (!leftFirst && !rightFirst) return true;
  // Lines at the bottom of the zone drawn after the other column ended belong to the flow below.
  while (z.lines.length > 2) {
    const l = z.lines[z.lines.length - 1]!;
    const s = side(l);
    if (s === 'both') break;
    const firstCol = leftFirst ? 'left' : 'right';
    const otherRange = firstCol === 'left' ? rr : lr;
    if (s === firstCol && l.minIdx > otherRange[1]!) z.lines.pop();
    else break;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Paragraphs from lines.

function firstWordWidth(l: Line): number {
  const it = l.items.find((i) => !i.dropped && !isSpace(i.s));
  if (!it) return 0;
  const s = it.s.trimStart();
  const word = s.split(/\s/)[0] ?? s;
  return (it.w * word.length) / Math.max(1, it.s.length);
}

/** Lines centred in the frame, or sharing a centre axis with a nearby line of another width. */
function centeredLines(lines: Line[], f: Frame): Set<Line> {
  const set = new Set<Line>();
  const fc = (f.left + f.right) / 2;
  // Left edges shared by several lines (margins, paragraph indents): not centred text.
  const starts = new Map<number, number>();
  for (const l of lines) starts.set(Math.round(l.x0), (starts.get(Math.round(l.x0)) ?? 0) + 1);
  const common = (l: Line) => [-1, 0, 1].reduce((n, d) => n + (starts.get(Math.round(l.x0) + d) ?? 0), 0) >= 3;
  for (const a of lines) {
    const ca = (a.x0 + a.x1) / 2;
    let axis = false;
    let sharedStart = false;
    for (const b of lines) {
      if (b === a || Math.abs(b.y - a.y) > 6 * Math.max(a.size, b.size)) continue;
      const cb = (b.x0 + b.x1) / 2;
      if (Math.abs(ca - cb) <= 2.5 && Math.abs(a.x0 - b.x0) >= 0.8 * a.size && Math.abs(a.x1 - b.x1) >= 0.8 * a.size && !common(a) && !common(b)) axis = true;
      if (Math.abs(a.x0 - b.x0) <= 1 && Math.abs(ca - cb) > 2.5) sharedStart = true;
    }
    const geometric = Math.abs(ca - fc) <= 1.2 * a.size && a.x0 > f.left + 1.5 * a.size && a.x1 < f.right - 1.0 * a.size && !sharedStart;
    if (axis || geometric) set.add(a);
  }
  return set;
}

let CENTERED: Set<Line> = new Set();
/**
 * Layout settings of the document being read: OCR'd pages (sizes are estimates) and
 * the usual distance between the baselines of a paragraph's lines, in ems.
 */
const LAYOUT = { ocr: false, pitch: 1.3 };
function isCentered(l: Line, _f: Frame): boolean {
  return CENTERED.has(l);
}

function isRightAligned(l: Line, f: Frame): boolean {
  return Math.abs(l.x1 - f.right) <= 0.6 * l.size && l.x0 > f.left + (f.right - f.left) * 0.35;
}

/** Would the first word of `next` have fitted at the end of `l`? Then `l` ended on purpose. */
function endedEarly(l: Line, next: Line | null, f: Frame): boolean {
  const space = 0.25 * l.size;
  const word = next ? firstWordWidth(next) : 3 * l.size;
  if (isCentered(l, f) && (!next || isCentered(next, f))) return l.x1 - l.x0 + space + word < f.right - f.left - 1;
  return l.x1 + space + word < f.right - 1;
}

const TERMINAL = /(?:[.;:!?…]|\.\/\.|["”)])$/u;
const UPPER_WORDS = (s: string) => s === s.toUpperCase() && /\p{Lu}/u.test(s);

function joinLines(a: string, b: string, hard: boolean): string {
  if (!a) return b;
  if (!b) return a;
  if (hard) return a + '\n' + b;
  // Reference numbers broken after their hyphen: "2480/UBND-" + "THCBKS"; "2021-" + "2030".
  if (/[\p{Lu}\d]-$/u.test(a) && /^[\p{Lu}\d]/u.test(b)) return a + b;
  return a + ' ' + b;
}

function buildBlocks(lines: Line[], frame: Frame, page: number, column?: 'left' | 'right'): PBlock[] {
  const saved = CENTERED;
  CENTERED = centeredLines(lines, frame);
  try {
    return buildBlocksInner(lines, frame, page, column);
  } finally {
    CENTERED = saved;
  }
}

/** In the right part of the frame (a right column without a left one, a signature alone). */
function inRightHalf(l: Line, f: Frame): boolean {
  const w = f.right - f.left;
  return l.x0 >= f.left + 0.3 * w && (l.x0 + l.x1) / 2 >= (f.left + f.right) / 2 + 0.1 * w;
}

function buildBlocksInner(lines: Line[], frame: Frame, page: number, column?: 'left' | 'right'): PBlock[] {
  const blocks: PBlock[] = [];
  let cur: PBlock | null = null;
  let prev: Line | null = null;
  /** Baseline distance between the lines of the current block (0: not known yet). */
  let pitch = 0;
  const finish = () => {
    if (cur) {
      cur.endedEarly = endedEarly(cur.lines[cur.lines.length - 1]!, null, frame);
      blocks.push(cur);
    }
  };
  for (const l of lines) {
    const text = lineText(l);
    if (!text) continue;
    const st = lineStyle(l);
    let start = !cur || !prev;
    let hard = false;
    if (cur && prev) {
      const dy = l.y - prev.y;
      const size = Math.max(l.size, prev.size);
      const prevText = lineText(prev);
      const marker = LIST_MARKER.test(text);
      const ended = endedEarly(prev, l, frame);
      const terminal = TERMINAL.test(prevText);
      const pst = lineStyle(prev);
      const styleChange = (pst.bold !== st.bold || pst.italic !== st.italic) && (ended || terminal || marker);
      const sizeChange = LAYOUT.ocr ? Math.abs(l.size - prev.size) > 0.16 * size : Math.abs(l.size - prev.size) > 0.75;
      const normalPitch = pitch || LAYOUT.pitch * size;
      const bigGap = dy > normalPitch * (LAYOUT.ocr ? 1.16 : 1.12) + 0.5 || dy > 1.9 * size || dy < -0.2 * size;
      // A first-line indent after a line at the margin.
      const indent = l.x0 > prev.x0 + 0.9 * l.size && prev.x0 <= frame.left + 0.6 * l.size && !isCentered(l, frame);
      const bothCentered = isCentered(prev, frame) && isCentered(l, frame);
      // Where the block's wrapped lines start.
      const margin = cur.lines[cur.lines.length > 1 ? 1 : 0]!.x0;
      if (bigGap || sizeChange || styleChange) start = true;
      else if (marker && (ended || terminal || l.x0 > margin + 0.5 * size)) start = true;
      else if (ended) {
        // Centred lines that end early (a title over two lines): one block, a line break.
        if (bothCentered && !marker) hard = true;
        else start = true;
      } else if (indent) start = true;
      // Capitals then lower case (or back) in centred or column text: a line break, not a wrap.
      if (!start && (bothCentered || column || (inRightHalf(prev, frame) && inRightHalf(l, frame))) && UPPER_WORDS(prevText) !== UPPER_WORDS(text)) hard = true;
      // Lines of capitals in a header column (parent body over issuer): a line each.
      if (!start && column && UPPER_WORDS(prevText) && UPPER_WORDS(text)) hard = true;
      if (!start && !pitch) pitch = dy;
    }
    if (start) {
      finish();
      cur = { kind: 'paragraph', text, page, lines: [l], size: l.size, bold: st.bold, italic: st.italic, frame, endedEarly: false, ...(column ? { column } : {}) };
      pitch = 0;
    } else if (cur) {
      cur.text = joinLines(cur.text, text, hard);
      cur.lines.push(l);
      cur.bold &&= st.bold;
      cur.italic &&= st.italic;
      cur.size = Math.max(cur.size, l.size);
    }
    prev = l;
  }
  finish();
  for (const b of blocks) {
    b.kind = LIST_MARKER.test(b.text) ? 'listItem' : 'paragraph';
    if (!column && b.lines.every((l) => inRightHalf(l, frame))) b.column = 'right';
    if (b.lines.every((l) => isCentered(l, frame))) b.align = 'center';
    else if (b.lines.every((l) => isRightAligned(l, frame))) b.align = 'right';
    else b.align = 'left';
  }
  return blocks;
}

// ---------------------------------------------------------------------------
// Tables.

interface Cell {
  col: number;
  lines: Line[];
  top: number;
  bottom: number;
}

/** Column left edges from the gutters: column k spans [edges[k], edges[k+1]). */
function edgesFromGutters(gutters: Interval[], x0: number): number[] {
  return [x0, ...gutters.map((g) => (g[0] + g[1]) / 2)];
}

function columnOf(x: number, edges: number[]): number {
  let c = 0;
  for (let k = 1; k < edges.length; k++) if (x >= edges[k]! - 0.5) c = k;
  return c;
}

function buildTable(lines: Line[], edges: number[], pageWidth: number, page: number): PTable {
  const ncol = edges.length;
  // Per column, the pieces of each line.
  const perCol: Array<Array<{ line: Line; items: Item[] }>> = Array.from({ length: ncol }, () => []);
  for (const l of lines) {
    const byCol = new Map<number, Item[]>();
    for (const p of l.pieces) {
      const c = columnOf(p.x0, edges);
      if (!byCol.has(c)) byCol.set(c, []);
      byCol.get(c)!.push(...p.items);
    }
    for (const [c, items] of byCol) perCol[c]!.push({ line: l, items });
  }
  // Cells: within a column, lines closer than a normal line pitch are one cell.
  const cells: Cell[] = [];
  for (let c = 0; c < ncol; c++) {
    let cur: Cell | null = null;
    let prevY = 0;
    for (const { items } of perCol[c]!) {
      const sub = makeLine(items, page);
      const gap = sub.y - prevY;
      if (cur && gap <= 1.38 * sub.size) {
        cur.lines.push(sub);
        cur.bottom = sub.y + 0.25 * sub.size;
      } else {
        cur = { col: c, lines: [sub], top: sub.y - 0.85 * sub.size, bottom: sub.y + 0.25 * sub.size };
        cells.push(cur);
      }
      prevY = sub.y;
    }
  }
  // Rows: vertical bands that no cell crosses.
  const sorted = cells.slice().sort((a, b) => a.top - b.top);
  const bands: Array<{ top: number; bottom: number; cells: Cell[] }> = [];
  for (const cell of sorted) {
    const b = bands[bands.length - 1];
    if (b && cell.top < b.bottom - 0.5) {
      b.cells.push(cell);
      b.bottom = Math.max(b.bottom, cell.bottom);
    } else bands.push({ top: cell.top, bottom: cell.bottom, cells: [cell] });
  }
  const rows: string[][] = bands.map((band) => {
    const row = Array.from({ length: ncol }, () => '');
    for (let c = 0; c < ncol; c++) {
      const cs = band.cells.filter((x) => x.col === c).sort((a, b) => a.top - b.top);
      if (!cs.length) continue;
      const frame: Frame = { left: edges[c]!, right: c + 1 < ncol ? edges[c + 1]! : Math.max(...cs.flatMap((x) => x.lines.map((l) => l.x1))) };
      const right = Math.max(...cs.flatMap((x) => x.lines.map((l) => l.x1)));
      frame.right = Math.max(right, Math.min(frame.right, right + 4));
      row[c] = cs.map((x) => buildBlocks(x.lines, frame, page).map((b) => b.text).join('\n')).join('\n');
    }
    return row;
  });
  const firstBold = bands[0]?.cells.every((c) => c.lines.every((l) => lineStyle(l).bold)) ?? false;
  return { rows, headerRows: firstBold && rows.length > 1 ? 1 : 0, edges, pageWidth, ...(firstBold ? { header: rows[0] } : {}) };
}


// ---------------------------------------------------------------------------
// Ruled tables: the grid of lines a word processor draws around table cells.


interface Grid {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xs: number[];
  ys: number[];
  h: Segment[];
  v: Segment[];
}

/** Clusters values closer than `tol`. */
function cluster(values: number[], tol: number): number[] {
  const v = values.slice().sort((a, b) => a - b);
  const out: number[][] = [];
  for (const x of v) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1]! <= tol) last.push(x);
    else out.push([x]);
  }
  return out.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

/** Grids: connected sets of horizontal and vertical rules with at least 2 of each. */
function findGrids(segs: Segment[]): Grid[] {
  const n = segs.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const tol = 2.5;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = segs[i]!;
      const b = segs[j]!;
      let touch = false;
      if (a.dir !== b.dir) {
        const h = a.dir === 'h' ? a : b;
        const v = a.dir === 'h' ? b : a;
        touch = v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol;
      } else touch = Math.abs(a.at - b.at) <= 1 && a.from <= b.to + tol && b.from <= a.to + tol;
      if (touch) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Segment[]>();
  segs.forEach((s, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(s);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    const h = g.filter((s) => s.dir === 'h');
    const v = g.filter((s) => s.dir === 'v');
    const xs = cluster(v.map((s) => s.at), 1.5);
    const ys = cluster(h.map((s) => s.at), 1.5);
    if (xs.length < 2 || ys.length < 2) continue;
    const grid: Grid = { x0: Math.min(...h.map((s) => s.from), ...xs), x1: Math.max(...h.map((s) => s.to), ...xs), y0: ys[0]!, y1: ys[ys.length - 1]!, xs, ys, h, v };
    if (grid.x1 - grid.x0 < 20 || grid.y1 - grid.y0 < 8) continue;
    grids.push(grid);
  }
  return grids.sort((a, b) => a.y0 - b.y0);
}

/** Is the rule at x (vertical) drawn over most of the band y0..y1? */
function vCovers(g: Grid, x: number, y0: number, y1: number): boolean {
  let covered = 0;
  for (const s of g.v) if (Math.abs(s.at - x) <= 1.5) covered += Math.max(0, Math.min(s.to, y1) - Math.max(s.from, y0));
  return covered >= 0.5 * (y1 - y0);
}

function hCovers(g: Grid, y: number, x0: number, x1: number): boolean {
  let covered = 0;
  for (const s of g.h) if (Math.abs(s.at - y) <= 1.5) covered += Math.max(0, Math.min(s.to, x1) - Math.max(s.from, x0));
  return covered >= 0.5 * (x1 - x0);
}

/** Rough advance widths (em) for splitting a text item at a position. */
function charWidth(ch: string): number {
  const base = ch.normalize('NFD')[0] ?? ch;
  if (base === ' ') return 0.25;
  if (/[ilj.,;:'!|]/.test(base)) return 0.28;
  if (/[ftr()[\]\-/]/.test(base)) return 0.33;
  if (/[mwMW]/.test(base)) return 0.78;
  if (/[A-ZĐ]/.test(base)) return 0.67;
  if (/[0-9]/.test(base)) return 0.5;
  return 0.47;
}

/**
 * pdfjs joins text drawn on one baseline into one item, even across table cells. Split an
 * item at the vertical rules it crosses, at the space nearest the rule.
 */
function splitAtRules(it: Item, rules: number[]): Item[] {
  const inside = rules.filter((x) => x > it.x + 2 && x < it.x + it.w - 2);
  if (!inside.length || it.s.length < 2) return [it];
  const chars = [...it.s];
  const widths = chars.map(charWidth);
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  const scale = it.w / total;
  const pos: number[] = [];
  let acc = it.x;
  for (const w of widths) {
    pos.push(acc);
    acc += w * scale;
  }
  const cuts: number[] = [];
  const ruleOf = new Map<number, number>();
  for (const x of inside) {
    // the space nearest the rule
    let best = -1;
    let bestD = Infinity;
    chars.forEach((ch, k) => {
      if (ch !== ' ') return;
      const d = Math.abs(pos[k]! + (widths[k]! * scale) / 2 - x);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    });
    if (bestD > 8 * scale * 0.5 + 12) best = -1;
    if (best > 0 && !cuts.includes(best)) {
      cuts.push(best);
      ruleOf.set(best, x);
    }
  }
  if (!cuts.length) return [it];
  cuts.sort((a, b) => a - b);
  const out: Item[] = [];
  let start = 0;
  let rule = -Infinity;
  for (const c of [...cuts, chars.length]) {
    const s = chars.slice(start, c).join('').trim();
    const ruleAfter = ruleOf.get(c) ?? Infinity;
    if (s) {
      // The estimate of where the text breaks is rough: keep each part inside its cell.
      const x = Math.max(pos[start]!, rule + 1);
      const end = Math.max(x + 1, Math.min(c < chars.length ? pos[c]! : it.x + it.w, ruleAfter - 1));
      out.push({ ...it, s, x, w: end - x });
    }
    rule = ruleAfter;
    start = c + 1;
  }
  return out;
}

/** Fill a grid with the page's items: one table (rows of cell texts); merged cells give their text once. */
function tableFromGrid(g: Grid, itemsIn: Item[], page: number, pageWidth: number): PTable | null {
  const nr = g.ys.length - 1;
  const nc = g.xs.length - 1;
  if (nr < 1 || nc < 1) return null;
  const items = itemsIn.flatMap((it) => {
    const yMid = it.y - 0.3 * it.size;
    const rules = g.xs.filter((x) => g.v.some((s) => Math.abs(s.at - x) <= 1.5 && s.from <= yMid + 1 && s.to >= yMid - 1));
    return splitAtRules(it, rules);
  });
  const cellItems: Item[][][] = Array.from({ length: nr }, () => Array.from({ length: nc }, () => []));
  for (const it of items) {
    const yMid = it.y - 0.3 * it.size;
    let r = -1;
    for (let k = 0; k < nr; k++) if (yMid >= g.ys[k]! - 0.5 && yMid < g.ys[k + 1]! + 0.5) r = k;
    let c = -1;
    const xProbe = it.x + Math.min(2, it.w / 2);
    for (let k = 0; k < nc; k++) if (xProbe >= g.xs[k]! - 0.5 && xProbe < g.xs[k + 1]! + 0.5) c = k;
    if (r < 0 || c < 0) continue;
    // Merged across columns: move to the first column of the merged cell.
    const y0 = g.ys[r]!;
    const y1 = g.ys[r + 1]!;
    while (c > 0 && !vCovers(g, g.xs[c]!, y0, y1)) c--;
    // Merged across rows: move to the first row of the merged cell.
    const x0 = g.xs[c]!;
    const x1 = g.xs[c + 1]!;
    while (r > 0 && !hCovers(g, g.ys[r]!, x0, x1)) r--;
    cellItems[r]![c]!.push(it);
  }
  const rows: string[][] = [];
  const bold: boolean[] = [];
  for (let r = 0; r < nr; r++) {
    const row: string[] = [];
    let allBold = true;
    let any = false;
    for (let c = 0; c < nc; c++) {
      const its = cellItems[r]![c]!;
      if (!its.length) {
        row.push('');
        continue;
      }
      any = true;
      const lines = groupLines(its, page);
      if (!lines.every((l) => lineStyle(l).bold)) allBold = false;
      // the cell's text frame: up to the next rule that is drawn in this row
      let c1 = c + 1;
      while (c1 < nc && !vCovers(g, g.xs[c1]!, g.ys[r]!, g.ys[r + 1]!)) c1++;
      const frame: Frame = { left: g.xs[c]! + 1, right: g.xs[c1]! - 1 };
      row.push(buildBlocks(lines, frame, page).map((b) => b.text).join('\n'));
    }
    if (!any) continue;
    rows.push(row);
    bold.push(allBold);
  }
  if (!rows.length) return null;
  const headerRows = bold[0] && rows.length > 1 && !bold.every((b) => b) ? 1 : 0;
  return { rows, headerRows, edges: g.xs.slice(0, -1), pageWidth, ...(headerRows ? { header: rows[0] } : {}) };
}

// ---------------------------------------------------------------------------
// Page model -> blocks.

interface PageBlocks {
  page: number;
  blocks: PBlock[];
}

function pageFrame(lines: Line[], body: number, width: number): Frame {
  const bodyLines = lines.filter((l) => Math.abs(l.size - body) <= 1);
  const use = bodyLines.length >= 3 ? bodyLines : lines;
  if (!use.length) return { left: 0, right: width };
  return { left: quantile(use.map((l) => l.x0), 0.1), right: quantile(use.map((l) => l.x1), 0.9) };
}

/** The usual baseline distance of consecutive lines of one size, in ems (line spacing). */
function typicalPitch(pages: PageModel[]): number {
  const ratios: number[] = [];
  for (const pm of pages) {
    for (let i = 1; i < pm.lines.length; i++) {
      const a = pm.lines[i - 1]!;
      const b = pm.lines[i]!;
      if (Math.abs(a.size - b.size) > 0.5 || a.pieces.length > 1 || b.pieces.length > 1) continue;
      const r = (b.y - a.y) / a.size;
      if (r >= 1.0 && r <= 1.8 && Math.max(a.x0, b.x0) < Math.min(a.x1, b.x1)) ratios.push(r);
    }
  }
  return ratios.length >= 5 ? Math.min(1.6, Math.max(1.05, quantile(ratios, 0.4))) : 1.3;
}

function layoutPage(pm: PageModel, body: number, frame: Frame): PageBlocks {
  // Ruled tables take their items out of the page's lines.
  const tableAt = new Map<Line, PBlock>();
  if (pm.segments?.length) {
    for (const g of findGrids(pm.segments)) {
      // A framed two-column block of one or two rows (a letter header or signature in a
      // bordered table) reads as a two-column layout, as in the DOCX parser.
      if (g.xs.length - 1 <= 2 && g.ys.length - 1 <= 2) continue;
      const inside = (it: Item) => {
        const yMid = it.y - 0.3 * it.size;
        return it.x + it.w / 2 >= g.x0 - 1 && it.x + it.w / 2 <= g.x1 + 1 && yMid >= g.y0 - 1 && yMid <= g.y1 + 1;
      };
      const items: Item[] = [];
      const kept: Line[] = [];
      for (const l of pm.lines) {
        const ins = l.items.filter(inside);
        if (!ins.length) {
          kept.push(l);
          continue;
        }
        items.push(...ins.filter((i) => !i.dropped));
        const rest = l.items.filter((i) => !inside(i));
        if (rest.length) kept.push(makeLine(rest, pm.page));
      }
      const table = items.length ? tableFromGrid(g, items, pm.page, pm.width) : null;
      if (!table || (table.rows.length < 2 && table.rows[0]!.length < 2)) continue;
      // An empty anchor line holds the table's place in the reading order.
      const anchor: Line = { items: [], y: g.y0, size: body, x0: g.x0, x1: g.x1, page: pm.page, minIdx: 0, maxIdx: 0, pieces: [] };
      kept.push(anchor);
      kept.sort((p, q) => p.y - q.y || p.x0 - q.x0);
      pm.lines = kept;
      tableAt.set(anchor, {
        kind: 'table',
        text: '',
        page: pm.page,
        lines: [],
        size: body,
        bold: false,
        italic: false,
        frame,
        endedEarly: true,
        table,
        zone: true,
      });
    }
  }
  const zones = findZones(pm.lines.filter((l) => !tableAt.has(l)), frame);
  const zoneOf = new Map<Line, Zone>();
  for (const z of zones) for (const l of z.lines) zoneOf.set(l, z);
  const out: PBlock[] = [];
  let flow: Line[] = [];
  const flushFlow = () => {
    if (flow.length) out.push(...buildBlocks(flow, frame, pm.page));
    flow = [];
  };
  const done = new Set<Zone>();
  for (const l of pm.lines) {
    const t = tableAt.get(l);
    if (t) {
      flushFlow();
      out.push(t);
      continue;
    }
    const z = zoneOf.get(l);
    if (!z) {
      flow.push(l);
      continue;
    }
    if (done.has(z)) continue;
    done.add(z);
    flushFlow();
    if (z.gutters.length === 1) out.push(...twoColumnBlocks(z, pm.page, frame));
    else {
      const x0 = Math.min(...z.lines.map((x) => x.x0));
      const table = buildTable(z.lines, edgesFromGutters(z.gutters, x0), pm.width, pm.page);
      if (table.rows.length < 2) {
        out.push(...buildBlocks(z.lines, frame, pm.page));
        continue;
      }
      out.push({
        kind: 'table',
        text: '',
        page: pm.page,
        lines: z.lines,
        size: Math.max(...z.lines.map((x) => x.size)),
        bold: false,
        italic: false,
        frame,
        endedEarly: true,
        table,
        zone: true,
      });
    }
  }
  flushFlow();
  return { page: pm.page, blocks: out };
}

function twoColumnBlocks(z: Zone, page: number, pageFrame: Frame): PBlock[] {
  const g = z.gutters[0]!;
  const mid = (g[0] + g[1]) / 2;
  const left: Line[] = [];
  const right: Line[] = [];
  for (const l of z.lines) {
    const li = l.items.filter((it) => it.x + it.w / 2 < mid);
    const ri = l.items.filter((it) => it.x + it.w / 2 >= mid);
    if (li.length) left.push(makeLine(li, page));
    if (ri.length) right.push(makeLine(ri, page));
  }
  // Each column runs from the page margin (or the zone's edge) to the middle of the gutter.
  const zx0 = Math.min(pageFrame.left, ...z.lines.map((l) => l.x0));
  const zx1 = Math.max(pageFrame.right, ...z.lines.map((l) => l.x1));
  const out: PBlock[] = [];
  if (left.length) out.push(...buildBlocks(left, { left: zx0, right: mid }, page, 'left'));
  if (right.length) out.push(...buildBlocks(right, { left: mid, right: zx1 }, page, 'right'));
  for (const b of out) b.zone = true;
  return out;
}

// ---------------------------------------------------------------------------
// Across pages.

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

function sameHeader(a: string[] | undefined, b: string[]): boolean {
  if (!a || a.length !== b.length) return false;
  return a.every((x, i) => norm(x) === norm(b[i]!));
}

function joinPages(pages: PageBlocks[], diags: Diagnostic[]): PBlock[] {
  const out: PBlock[] = [];
  let droppedHeaders = 0;
  for (const pb of pages) {
    let first = true;
    for (const b of pb.blocks) {
      const prev = out[out.length - 1];
      if (first && prev && !b.furniture) {
        first = false;
        // A table going on from the previous page.
        if (b.table && prev.table && prev.page < b.page) {
          const t = b.table;
          let rows = t.rows;
          if (rows.length && (sameHeader(prev.table.header ?? prev.table.rows[0], rows[0]!) || (t.header && prev.table.headerRows && sameHeader(prev.table.rows[0], t.header)))) {
            rows = rows.slice(1);
            droppedHeaders++;
            if (!prev.table.headerRows) prev.table.headerRows = 1;
          }
          if (rows.length && rows[0]!.length === prev.table.rows[0]!.length) {
            // A row cut by the page break: no number in the first cell and a cell that goes on mid-sentence.
            const r0 = rows[0]!;
            const last = prev.table.rows[prev.table.rows.length - 1]!;
            const cont = !r0[0]!.trim() && r0.some((c, i) => i > 0 && /^\p{Ll}/u.test(c.trim()));
            if (cont && prev.table.rows.length > prev.table.headerRows) {
              for (let k = 0; k < r0.length; k++) if (r0[k]!.trim()) last[k] = joinLines(last[k]!.trim(), r0[k]!.trim(), false);
              rows = rows.slice(1);
            }
            prev.table.rows.push(...rows);
            continue;
          }
        }
        // A paragraph cut by the page break.
        if (!b.table && !prev.table && !b.zone && !prev.zone && prev.kind !== 'footnote' && !prev.endedEarly && !prev.furniture) {
          const text = b.text;
          const marker = LIST_MARKER.test(text);
          const terminal = TERMINAL.test(prev.text);
          const firstLine = b.lines[0]!;
          const atMargin = firstLine.x0 <= b.frame.left + 0.6 * firstLine.size;
          if (!terminal ? !marker || atMargin : atMargin && !marker && /^\p{Ll}/u.test(text)) {
            if (prev.bold === b.bold && Math.abs(prev.size - b.size) <= 0.75) {
              prev.text = joinLines(prev.text, text, false);
              prev.lines.push(...b.lines);
              prev.endedEarly = b.endedEarly;
              prev.italic &&= b.italic;
              continue;
            }
          }
        }
      }
      first = false;
      out.push(b);
    }
  }
  if (droppedHeaders) diags.push({ severity: 'info', stage: 'parse', message: `table header row repeated on ${droppedHeaders} later page(s): kept once` });
  return out;
}
// ---------------------------------------------------------------------------
// The parser.

/**
 * The text engine: poppler (pdftotext and pdftohtml) where it is installed, pdfjs otherwise
 * or when CONGVAN_PDF_ENGINE=pdfjs (CONGVAN_PDF_ENGINE=poppler: poppler or nothing).
 */
async function readText(buf: Buffer, opts: ParsePdfOptions): Promise<EngineResult> {
  const want = process.env.CONGVAN_PDF_ENGINE;
  if (want !== 'pdfjs') {
    const r = await readPoppler(buf, opts);
    if (r) return r;
    if (want === 'poppler') throw new Error('CONGVAN_PDF_ENGINE=poppler, but poppler (pdftotext, pdftohtml) cannot read this PDF or is not installed (Debian package poppler-utils)');
  }
  return readPdfjs(buf, opts);
}

export async function parsePdf(buf: Buffer, file: string, opts: ParsePdfOptions = {}): Promise<RawDoc> {
  void file;
  if (buf.length < 8 || buf.subarray(0, 1024).indexOf('%PDF-') < 0) throw new Error('not a PDF file (no %PDF- header)');
  const read = await readText(buf, opts);
  const { numPages, pages, needOcr } = read;
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  let legacy: string | undefined = read.legacy;
  {
    // Text drawn in a legacy font whose name does not say so.
    if (!legacy) {
      const sample = pages.flatMap((pm) => pm.lines.map(lineText)).join('\n').slice(0, 20000);
      const guess = guessLegacyText(sample);
      if (guess) {
        legacy = guess;
        for (const pm of pages) for (const l of pm.lines) for (const it of l.items) it.s = convertLegacy(it.s, guess);
      }
    }
    if (legacy) diagnostics.push({ severity: 'info', stage: 'parse', message: `text in ${legacy.toUpperCase()} fonts converted to Unicode` });

    // OCR the pages that have no text layer.
    let ocrPages = 0;
    if (needOcr.length) {
      if (opts.ocr === false) {
        diagnostics.push({ severity: 'warning', stage: 'parse', message: `${needOcr.length} page(s) without a text layer were not read (OCR off): ${needOcr.join(', ')}` });
      } else {
        let results: OcrPage[] = [];
        try {
          results = await ocrPdfPages(buf, needOcr);
        } catch (e: any) {
          // Nothing else to read: the file fails, with the reason (e.g. which package to install).
          if (!pages.some((pm) => pm.lines.length > 0)) throw e instanceof Error ? e : new Error(String(e));
          diagnostics.push({ severity: 'warning', stage: 'parse', message: `pages ${needOcr.join(', ')} have no text layer and OCR failed: ${e?.message ?? e}` });
        }
        for (const r of results) {
          const pm = pages.find((x) => x.page === r.page);
          if (!pm) continue;
          const items: Item[] = r.words.map((w, idx) => ({ s: w.text.normalize('NFC'), x: w.x, y: w.baseline, w: w.w, size: w.size, bold: false, italic: false, idx }));
          pm.width = r.width;
          pm.height = r.height;
          pm.lines = groupLines(items, r.page);
          pm.ocr = true;
          ocrPages++;
          if (r.meanConfidence < 70) diagnostics.push({ severity: 'warning', stage: 'parse', message: `page ${r.page}: OCR confidence is low (${r.meanConfidence.toFixed(0)}%)` });
        }
        if (ocrPages) diagnostics.push({ severity: 'info', stage: 'parse', message: `OCR (tesseract, vie) read ${ocrPages} page(s) without a text layer: ${needOcr.join(', ')}` });
      }
    }

    // Body font size over the whole document.
    const sizeWeight = new Map<number, number>();
    for (const pm of pages) for (const l of pm.lines) for (const it of l.items) {
      const k = Math.round(it.size * 2) / 2;
      sizeWeight.set(k, (sizeWeight.get(k) ?? 0) + it.s.length);
    }
    const body = [...sizeWeight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;

    // Furniture and footnotes, page by page.
    const furniture: RawBlock[] = [];
    const footnotes: Footnote[] = [];
    const frames = new Map<number, Frame>();
    takeRunningLines(pages, furniture);
    for (const pm of pages) {
      takeFurniture(pm, furniture);
      const frame = pageFrame(pm.lines, body, pm.width);
      frames.set(pm.page, frame);
      footnotes.push(...takeFootnotes(pm, body, frame.right, footnotes.length));
    }
    const numbers = new Set(footnotes.map((f) => f.number));
    let refs = 0;
    for (const pm of pages) refs += dropFootnoteRefs(pm.lines, numbers);
    // OCR reads a raised footnote number glued to its word, often as a quote: "xã'." -> "xã."
    for (const pm of pages) {
      if (!pm.ocr || !footnotes.some((f) => f.page === pm.page)) continue;
      for (const l of pm.lines) for (const it of l.items) {
        const t = it.s.replace(/(\p{Ll})['’‘`¹²³]+(?=[.,;:]?$)/u, '$1');
        if (t !== it.s) {
          it.s = t;
          refs++;
        }
      }
    }
    // Rebuild lines whose items changed (dropped references).
    for (const pm of pages) pm.lines = pm.lines.map((l) => (l.items.some((i) => i.dropped) ? { ...l, pieces: splitPieces(l.items.filter((i) => !i.dropped)) } : l));

    // Frames from all pages of the same width (a short last page has few lines).
    const byWidth = new Map<number, Line[]>();
    for (const pm of pages) {
      const k = Math.round(pm.width);
      byWidth.set(k, [...(byWidth.get(k) ?? []), ...pm.lines]);
    }
    const docFrames = new Map<number, Frame>();
    for (const [k, ls] of byWidth) docFrames.set(k, pageFrame(ls, body, k));

    const pitch = typicalPitch(pages);
    const pageBlocks: PageBlocks[] = pages.map((pm) => {
      reportProgress();
      LAYOUT.ocr = pm.ocr;
      LAYOUT.pitch = pitch;
      const frame = docFrames.get(Math.round(pm.width)) ?? frames.get(pm.page)!;
      try {
        return layoutPage(pm, body, frame);
      } catch (e: any) {
        // Odd content must not lose the page: one block per line, and say so.
        diagnostics.push({ severity: 'warning', stage: 'parse', message: `page ${pm.page}: layout failed (${e?.message ?? e}); lines kept one per block` });
        const blocks: PBlock[] = pm.lines
          .filter((l) => l.items.length)
          .map((l) => ({ kind: 'paragraph', text: lineText(l), page: pm.page, lines: [l], size: l.size, bold: false, italic: false, frame, endedEarly: true, zone: true }));
        return { page: pm.page, blocks };
      } finally {
        LAYOUT.ocr = false;
        LAYOUT.pitch = 1.3;
      }
    });
    const blocks = joinPages(pageBlocks, diagnostics);

    // Signature stamps: runs of small print holding an e-signature line.
    markStamps(blocks, body);

    const out: RawBlock[] = [];
    for (const b of blocks) out.push(toRaw(b));
    // Page numbers go after the last block that starts on their page.
    for (const f of furniture) {
      let at = out.length;
      for (let k = 0; k < out.length; k++) if ((out[k]!.page ?? 0) > (f.page ?? 0) && !out[k]!.furniture) {
        at = k;
        break;
      }
      out.splice(at, 0, f);
    }
    const nPage = furniture.filter((f) => f.furniture === 'pageNumber').length;
    const nRun = furniture.length - nPage;
    if (nPage) diagnostics.push({ severity: 'info', stage: 'parse', message: `${nPage} page number(s) set aside as page furniture` });
    if (nRun) diagnostics.push({ severity: 'info', stage: 'parse', message: `${nRun} running header/footer line(s) set aside as page furniture` });
    for (const f of footnotes) out.push({ kind: 'footnote', text: f.text, page: f.page });
    if (footnotes.length) diagnostics.push({ severity: 'info', stage: 'parse', message: `${footnotes.length} footnote(s) found, ${refs} reference mark(s) taken out of the text` });
    const tables = out.filter((b) => b.kind === 'table');
    for (const t of tables) diagnostics.push({ severity: 'info', stage: 'parse', message: `table on page ${t.page}: ${t.rows!.length} rows of ${t.rows![0]?.length ?? 0} cells (${t.headerRows ?? 0} header row)` });
    const textPages = pages.filter((pm) => pm.lines.length > 0).length;
    if (!out.some((b) => !b.furniture && (b.text || b.rows?.length))) {
      diagnostics.push({ severity: 'warning', stage: 'parse', message: 'no text found in the PDF' });
    }
    const result: RawDoc = {
      format: ocrPages > 0 && ocrPages >= textPages - ocrPages ? 'scan' : 'pdf',
      blocks: out,
      pages: numPages,
      diagnostics,
    };
    if (legacy) result.legacyEncoding = legacy;
    return result;
  }
}

function markStamps(blocks: PBlock[], body: number): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.table || b.size > 0.7 * body || !SIGNATURE_STAMP.test(b.text)) continue;
    // the run of small blocks around it
    let s = i;
    while (s > 0 && !blocks[s - 1]!.table && blocks[s - 1]!.size <= 0.7 * body && blocks[s - 1]!.kind !== 'footnote') s--;
    let e = i;
    while (e + 1 < blocks.length && !blocks[e + 1]!.table && blocks[e + 1]!.size <= 0.7 * body) e++;
    for (let k = s; k <= e; k++) blocks[k]!.furniture = 'signatureStamp';
    i = e;
  }
}

function toRaw(b: PBlock): RawBlock {
  if (b.table) {
    return { kind: 'table', text: '', page: b.page, rows: b.table.rows, headerRows: b.table.headerRows };
  }
  const r: RawBlock = { kind: b.kind, text: b.text, page: b.page };
  if (b.bold) r.bold = true;
  if (b.italic) r.italic = true;
  if (b.align) r.align = b.align;
  if (b.column) r.column = b.column;
  if (b.furniture) r.furniture = b.furniture;
  return r;
}
