/**
 * Zones: runs of lines that share a vertical gutter. One gutter is a two-column layout
 * (letter header, signature block), two or more a table.
 */
import { type Frame, type Line } from './pdf-model.js';

export type Interval = [number, number];

export interface Zone {
  lines: Line[];
  gutters: Interval[];
  spanning: Set<Line>;
}

export const MIN_GUTTER = 2.5;

/** Subtract a line's pieces from the gutters. Returns null when a piece covers a gutter whole. */
export function cutGutters(gutters: Interval[], line: Line): { left: Interval[]; crossed: number } {
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

export function gapsOf(line: Line): Interval[] {
  const out: Interval[] = [];
  for (let i = 1; i < line.pieces.length; i++) out.push([line.pieces[i - 1]!.x1, line.pieces[i]!.x0]);
  return out;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

export function findZones(lines: Line[], frame: Frame): Zone[] {
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
export function finalGutters(lines: Line[], spanning: Set<Line>): Interval[] {
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
export function trimTwoColumn(z: Zone): boolean {
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

