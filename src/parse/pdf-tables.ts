/**
 * Tables: from the gutters of a zone, or from the grid of rules a word processor draws
 * around the cells (ruled tables).
 */
import { type Frame, type Item, type Line, type PTable, type Segment, groupLines, lineStyle, makeLine } from './pdf-model.js';
import { type Interval } from './pdf-zones.js';
import { buildBlocks } from './pdf-blocks.js';

export interface Cell {
  col: number;
  lines: Line[];
  top: number;
  bottom: number;
}

/** Column left edges from the gutters: column k spans [edges[k], edges[k+1]). */
export function edgesFromGutters(gutters: Interval[], x0: number): number[] {
  return [x0, ...gutters.map((g) => (g[0] + g[1]) / 2)];
}

export function columnOf(x: number, edges: number[]): number {
  let c = 0;
  for (let k = 1; k < edges.length; k++) if (x >= edges[k]! - 0.5) c = k;
  return c;
}

export function buildTable(lines: Line[], edges: number[], pageWidth: number, page: number): PTable {
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


export interface Grid {
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
export function cluster(values: number[], tol: number): number[] {
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
export function findGrids(segs: Segment[]): Grid[] {
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
export function vCovers(g: Grid, x: number, y0: number, y1: number): boolean {
  let covered = 0;
  for (const s of g.v) if (Math.abs(s.at - x) <= 1.5) covered += Math.max(0, Math.min(s.to, y1) - Math.max(s.from, y0));
  return covered >= 0.5 * (y1 - y0);
}

export function hCovers(g: Grid, y: number, x0: number, x1: number): boolean {
  let covered = 0;
  for (const s of g.h) if (Math.abs(s.at - y) <= 1.5) covered += Math.max(0, Math.min(s.to, x1) - Math.max(s.from, x0));
  return covered >= 0.5 * (x1 - x0);
}

/** Rough advance widths (em) for splitting a text item at a position. */
export function charWidth(ch: string): number {
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
export function splitAtRules(it: Item, rules: number[]): Item[] {
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
export function tableFromGrid(g: Grid, itemsIn: Item[], page: number, pageWidth: number): PTable | null {
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

