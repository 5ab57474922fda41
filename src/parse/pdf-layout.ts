/**
 * A page model into blocks (zones, tables, paragraphs), and the pages joined: a paragraph
 * cut by a page break joined again, a table going on over pages made one.
 */
import type { Diagnostic } from '../model/types.js';
import { fold } from '../normalise/unicode.js';
import { LIST_MARKER } from './markers.js';
import { type Frame, type Item, type Line, type PBlock, type PTable, type PageModel, makeLine, quantile } from './pdf-model.js';
import { type Zone, findZones } from './pdf-zones.js';
import { TERMINAL, buildBlocks, endedEarly, joinLines } from './pdf-blocks.js';
import { buildTable, edgesFromGutters, findGrids, tableFromGrid } from './pdf-tables.js';

export interface PageBlocks {
  page: number;
  blocks: PBlock[];
}

export function pageFrame(lines: Line[], body: number, width: number): Frame {
  const bodyLines = lines.filter((l) => Math.abs(l.size - body) <= 1);
  const use = bodyLines.length >= 3 ? bodyLines : lines;
  if (!use.length) return { left: 0, right: width };
  return { left: quantile(use.map((l) => l.x0), 0.1), right: quantile(use.map((l) => l.x1), 0.9) };
}

/** The usual baseline distance of consecutive lines of one size, in ems (line spacing). */
export function typicalPitch(pages: PageModel[]): number {
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

/** A table as a block of the page. */
function tableBlock(table: PTable, page: number, lines: Line[], size: number, frame: Frame): PBlock {
  return { kind: 'table', text: '', page, lines, size, bold: false, italic: false, frame, endedEarly: true, table, zone: true };
}

export function layoutPage(pm: PageModel, body: number, frame: Frame): PageBlocks {
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
      tableAt.set(anchor, tableBlock(table, pm.page, [], body, frame));
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
      out.push(tableBlock(table, pm.page, z.lines, Math.max(...z.lines.map((x) => x.size)), frame));
    }
  }
  flushFlow();
  return { page: pm.page, blocks: out };
}

export function twoColumnBlocks(z: Zone, page: number, pageFrame: Frame): PBlock[] {
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

export const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** A cell's words without tones, for comparing two readings of one header (OCR reads each page's copy a little differently). */
const headerWords = (s: string) => fold(s).split(/[^a-z0-9]+/).filter((w) => w.length >= 2);

/**
 * Whether a row repeats a table's header: the same cells, or, as OCR reads two copies of one
 * header, cells that share most of their words (two thirds of the shorter cell's), a cell of a
 * few letters ("TT") missed on one copy, and at least three words in common.
 */
export function sameHeader(a: string[] | undefined, b: string[]): boolean {
  if (!a || a.length !== b.length) return false;
  if (a.every((x, i) => norm(x) === norm(b[i]!))) return true;
  let common = 0;
  for (let i = 0; i < a.length; i++) {
    const wa = headerWords(a[i]!), wb = headerWords(b[i]!);
    const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
    if (!short.length) {
      if (norm(a[i]!).length + norm(b[i]!).length > 4) return false;
      continue;
    }
    const n = short.filter((w) => long.includes(w)).length;
    if (n < (2 / 3) * short.length || long.length > 2 * short.length + 2) return false;
    common += n;
  }
  return common >= 3;
}

export function joinPages(pages: PageBlocks[], diags: Diagnostic[]): PBlock[] {
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
