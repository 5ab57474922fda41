/**
 * Paragraphs from lines: where a line ends its paragraph (the first word of the next would
 * have fitted, a list marker after a finished sentence, a gap, an indent, a change of style),
 * centred and right-aligned lines.
 */
import { LIST_MARKER } from './markers.js';
import { type Frame, type Line, type PBlock, isSpace, lineStyle, lineText } from './pdf-model.js';

export function firstWordWidth(l: Line): number {
  const it = l.items.find((i) => !i.dropped && !isSpace(i.s));
  if (!it) return 0;
  const s = it.s.trimStart();
  const word = s.split(/\s/)[0] ?? s;
  return (it.w * word.length) / Math.max(1, it.s.length);
}

/** Lines centred in the frame, or sharing a centre axis with a nearby line of another width. */
export function centeredLines(lines: Line[], f: Frame): Set<Line> {
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
 * Layout settings of the document being read: OCR'd pages (sizes are estimates) and the size
 * most of such a page's text has, the usual distance between the baselines of a paragraph's
 * lines, in ems.
 */
export const LAYOUT = { ocr: false, pitch: 1.3, usual: 0 };
/** How far (a share of it) an OCR'd line's size may be from the page's usual size and be that size. */
const OCR_SIZE_NOISE = 0.3;
export function isCentered(l: Line, _f: Frame): boolean {
  return CENTERED.has(l);
}

export function isRightAligned(l: Line, f: Frame): boolean {
  return Math.abs(l.x1 - f.right) <= 0.6 * l.size && l.x0 > f.left + (f.right - f.left) * 0.35;
}

/** Would the first word of `next` have fitted at the end of `l`? Then `l` ended on purpose. */
export function endedEarly(l: Line, next: Line | null, f: Frame): boolean {
  const space = 0.25 * l.size;
  const word = next ? firstWordWidth(next) : 3 * l.size;
  if (isCentered(l, f) && (!next || isCentered(next, f))) return l.x1 - l.x0 + space + word < f.right - f.left - 1;
  return l.x1 + space + word < f.right - 1;
}

export const TERMINAL = /(?:[.;:!?…]|\.\/\.|["”)])$/u;
export const UPPER_WORDS = (s: string) => s === s.toUpperCase() && /\p{Lu}/u.test(s);

export function joinLines(a: string, b: string, hard: boolean): string {
  if (!a) return b;
  if (!b) return a;
  if (hard) return a + '\n' + b;
  // Reference numbers broken after their hyphen: "2480/UBND-" + "THCBKS"; "2021-" + "2030".
  if (/[\p{Lu}\d]-$/u.test(a) && /^[\p{Lu}\d]/u.test(b)) return a + b;
  return a + ' ' + b;
}

export function buildBlocks(lines: Line[], frame: Frame, page: number, column?: 'left' | 'right'): PBlock[] {
  const saved = CENTERED;
  CENTERED = centeredLines(lines, frame);
  try {
    return buildBlocksInner(lines, frame, page, column);
  } finally {
    CENTERED = saved;
  }
}

/** In the right part of the frame (a right column without a left one, a signature alone). */
export function inRightHalf(l: Line, f: Frame): boolean {
  const w = f.right - f.left;
  return l.x0 >= f.left + 0.3 * w && (l.x0 + l.x1) / 2 >= (f.left + f.right) / 2 + 0.1 * w;
}

export function buildBlocksInner(lines: Line[], frame: Frame, page: number, column?: 'left' | 'right'): PBlock[] {
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
      // Tesseract sizes a line by the letters it holds (tall marks, capitals): 11-16 pt for one
      // body font. On an OCR'd page only a line away from the page's usual size changes it.
      const odd = (x: Line) => Math.abs(x.size - LAYOUT.usual) > OCR_SIZE_NOISE * LAYOUT.usual;
      const sizeChange = LAYOUT.ocr ? Math.abs(l.size - prev.size) > 0.16 * size && (!LAYOUT.usual || odd(l) || odd(prev)) : Math.abs(l.size - prev.size) > 0.75;
      const normalPitch = pitch || LAYOUT.pitch * size;
      // (on an OCR'd page, a line less than half a line below the last is no wrapped line of
      // it: a signature's scribble read as text over the signer's name)
      const bigGap = dy > normalPitch * (LAYOUT.ocr ? 1.16 : 1.12) + 0.5 || dy > 1.9 * size || dy < (LAYOUT.ocr ? 0.5 : -0.2) * size;
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

