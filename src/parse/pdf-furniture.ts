/**
 * Page furniture and footnotes: page numbers, running headers and footers repeated over
 * pages, and the footnote area at the foot of a page with the reference marks in the text.
 */
import type { RawBlock } from '../model/types.js';
import { type Frame, type Line, type PageModel, lineText } from './pdf-model.js';
import { buildBlocks } from './pdf-blocks.js';

export const PAGE_NUMBER = /^(?:trang\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?$|^(?:trang\s*)?\d{1,4}\s*(?:\/|trên|of)\s*\d{1,4}$/i;
export const FOOTNOTE_MARK = /^(?:\(?\d{1,3}\)?|\*{1,3}|[¹²³⁴-⁹⁰]+)$/;

export interface Footnote {
  number: string;
  text: string;
  page: number;
}

export function takeFurniture(pm: PageModel, furniture: RawBlock[]): void {
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
export const OCR_NOTE_START = /^([\d'’‘`¹²³*]{1,2})\s?(?=\p{Lu})/u;

/**
 * Running headers and footers: a line in the top or bottom band of the page that comes
 * back, at the same height, on at least half of the pages (digits may change).
 */
export function takeRunningLines(pages: PageModel[], furniture: RawBlock[]): void {
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

export function takeFootnotes(pm: PageModel, body: number, frameRight: number, numberBase = 0): Footnote[] {
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
export function dropFootnoteRefs(lines: Line[], numbers: Set<string>): number {
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

