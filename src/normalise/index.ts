/**
 * normalise: RawDoc -> TextModel.
 *
 * Cleans every block's text (NFC, control and zero-width characters, spaces, words run together),
 * moves page furniture aside (page numbers, running headers, signature stamps,
 * bookmarks), and lays the blocks out in one string with offsets: blocks are
 * separated by a blank line, table rows by '\n' and cells by '\t'.
 */
import type { Block, Cell, Furniture, RawBlock, RawDoc, TextModel } from '../model/types.js';
import { cleanText, foldSpaces } from './unicode.js';
import { finishesDate, isUpperCaseLine, lineFurniture } from './furniture.js';
import { knownWords, unglue } from './syllables.js';

const BOOKMARK = /\[bookmark:[^\]]*\]/g;
/**
 * The default name of a Word drawing shape that a conversion to text or HTML left in the text, often glued to the
 * line it sat on ("straight connector 2Số: 1551 /UBND-VX", "Text Box 3QUYẾT ĐỊNH"): English words no Vietnamese
 * document prints, with the shape's number.
 */
const SHAPE_NAME = /(?<![\p{L}])(?:(?:straight|elbow|curved)(?: arrow)? connector|text box|rounded rectangle|rectangle|auto ?shape)\s?\d{1,3}(?!\d)/giu;
/** Markdown's strong emphasis left in a plain-text copy ("**Điều 1. **Áp dụng ...", a portal page converted to markdown); not a footnote's "(**)". */
const STRONG = /(?<!\()\*\*(?!\))/g;
/** A paragraph wrapped whole in markdown's emphasis, "*Căn cứ Luật ...; *" (no bullet: a bullet's "*" is followed by a space). */
const EMPHASIS = /^\*(?=[^\s*])([\s\S]*?[^\s*])\s*\*$/u;
/** Inside such a paragraph, one run of emphasis closed and the next opened: "*Hà Nội, ngày 02 tháng* *5 năm 2024*". */
const EMPHASIS_JOIN = /(?<=[^\s*])\*(\s+)\*(?=[^\s*])/gu;
const unemphasised = (s: string) => s.replace(EMPHASIS, (_, inner: string) => inner.replace(EMPHASIS_JOIN, '$1'));
// (raw HTML a markdown file holds is kept as it was written)
const unshaped = (s: string) => (/<\/?[a-z][^>]*>/iu.test(s) ? s.replace(BOOKMARK, '') : unemphasised(s.replace(BOOKMARK, '').replace(SHAPE_NAME, '').replace(STRONG, '').trim()));

function cleanBlockText(s: string, known?: (w: string) => boolean): string {
  return foldSpaces(unglue(cleanText(unshaped(s)), known))
    .split('\n')
    .filter((l) => l)
    .join('\n');
}

function cleanCell(s: string, known?: (w: string) => boolean): string {
  return foldSpaces(unglue(cleanText(unshaped(s)), known).replace(/\s*\n\s*/g, ' ')).trim();
}

export function normalise(raw: RawDoc, file: string): TextModel {
  const furniture: Furniture[] = [];
  const kept: RawBlock[] = [];
  // the words the document writes on their own tell how to split a word run together that reads two ways
  const known = knownWords(function* () {
    for (const b of raw.blocks) {
      if (b.kind !== 'table') yield cleanText(b.text);
      else for (const r of b.rows ?? []) for (const c of r) yield cleanText(c);
    }
  });
  const blocks = raw.blocks.map((b) => (b.kind === 'table' ? b : { ...b, text: cleanBlockText(b.text, known) }));

  // Content-based furniture, and upper-case lines sandwiched between stamp lines.
  const kinds = blocks.map((b) => b.furniture ?? (b.kind === 'table' ? null : lineFurnitureOfBlock(b.text)));
  for (let i = 0; i < blocks.length; i++) {
    if (kinds[i] || blocks[i]!.kind === 'table') continue;
    const prev = kinds[i - 1], next = kinds[i + 1];
    if (prev === 'signatureStamp' && next === 'signatureStamp' && isUpperCaseLine(blocks[i]!.text)) kinds[i] = 'signatureStamp';
  }
  // a number alone on its line that finishes the date the line before left open is text (furniture.ts)
  for (let i = 1; i < blocks.length; i++) {
    if (kinds[i] === 'pageNumber' && !blocks[i]!.furniture && blocks[i - 1]!.kind !== 'table' && blocks[i - 1]!.page === blocks[i]!.page && finishesDate(blocks[i - 1]!.text, blocks[i]!.text)) kinds[i] = null;
  }
  markRunningHeaders(blocks, kinds);

  blocks.forEach((b, i) => {
    const kind = kinds[i];
    if (kind) {
      const f: Furniture = { kind, text: b.text };
      if (b.page) f.page = b.page;
      furniture.push(f);
    } else if (b.kind === 'table' ? (b.rows ?? []).length > 0 : b.text.length > 0) kept.push(b);
  });

  // The text is built from parts and joined once: slicing a string that grows by appending
  // flattens it every time (time and memory grew with blocks x length on long plans).
  const parts: string[] = [];
  let len = 0;
  const put = (s: string) => {
    parts.push(s);
    len += s.length;
  };
  const out: Block[] = [];
  for (const b of kept) {
    if (len) put('\n\n');
    const start = len;
    const block: Block = { id: out.length, kind: b.kind, text: '', start, end: start };
    if (b.kind === 'table') {
      const rows: Cell[][] = [];
      const own: string[] = [];
      (b.rows ?? []).forEach((r, ri) => {
        if (ri > 0) {
          put('\n');
          own.push('\n');
        }
        const cells: Cell[] = [];
        r.forEach((c, ci) => {
          if (ci > 0) {
            put('\t');
            own.push('\t');
          }
          const t = cleanCell(c, known);
          const cell: Cell = { text: t, start: len, end: len + t.length };
          if (b.page) cell.page = b.page;
          put(t);
          own.push(t);
          cells.push(cell);
        });
        rows.push(cells);
      });
      block.rows = rows;
      block.headerRows = b.headerRows ?? 0;
      block.text = own.join('');
    } else {
      put(b.text);
      block.text = b.text;
    }
    block.end = len;
    for (const k of ['page', 'bold', 'italic', 'align', 'column', 'level'] as const) {
      if (b[k] !== undefined) (block as unknown as Record<string, unknown>)[k] = b[k];
    }
    out.push(block);
  }
  const text = parts.join('');
  const model: TextModel = { file, format: raw.format, text, blocks: out, furniture, diagnostics: [...raw.diagnostics] };
  if (raw.pages) model.pages = raw.pages;
  if (raw.legacyEncoding) model.legacyEncoding = raw.legacyEncoding;
  return model;
}

function lineFurnitureOfBlock(text: string) {
  if (text.includes('\n')) return null;
  return lineFurniture(text);
}

/** A short line repeated at the top or foot of most pages is a running header or footer. */
function markRunningHeaders(blocks: RawBlock[], kinds: (string | null | undefined)[]) {
  const pages = new Set(blocks.map((b) => b.page).filter(Boolean));
  if (pages.size < 3) return;
  const key = (t: string) => t.replace(/\d+/g, '#').toLowerCase();
  const edges = new Map<string, Set<number>>();
  const byPage = new Map<number, number[]>();
  blocks.forEach((b, i) => {
    if (!b.page || b.kind === 'table' || kinds[i]) return;
    (byPage.get(b.page) ?? byPage.set(b.page, []).get(b.page)!).push(i);
  });
  for (const [page, idx] of byPage) {
    for (const i of [idx[0], idx[idx.length - 1]]) {
      if (i === undefined || blocks[i]!.text.length > 120) continue;
      const k = key(blocks[i]!.text);
      (edges.get(k) ?? edges.set(k, new Set()).get(k)!).add(page);
    }
  }
  for (const [page, idx] of byPage) {
    void page;
    for (const i of [idx[0], idx[idx.length - 1]]) {
      if (i === undefined) continue;
      const seen = edges.get(key(blocks[i]!.text));
      if (seen && seen.size >= Math.max(3, pages.size * 0.5)) kinds[i] = 'runningHeader';
    }
  }
}
