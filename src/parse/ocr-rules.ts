/**
 * Ruled tables on scanned pages: the rules a word processor drew around the cells, found in the
 * page image, so that the PDF parser builds the table from them as it does from a text layer's
 * drawn rules (pdf-tables.ts `findGrids`, `tableFromGrid`). Without them a scanned "Biểu phân
 * công" is read line by line, each row's cells run together.
 *
 * A scan is turned by a fraction of a degree: a rule across the page then drifts by several
 * pixels, and a column's rule leans. The page's skew comes from tesseract's baselines (the
 * median slope of its long lines); the rules are looked for in the page turned back by it, and
 * the words are turned back the same way (`deskewWords`), so rules and words share one frame.
 *
 * A rule is a long run of dark pixels (a quarter inch or more across, a fifth of an inch down)
 * with paper on both sides a few pixels away: a line of text is dark above and below its middle,
 * a letter's stem is short. Red and blue ink (a seal's ring, an intake stamp's box, a signature)
 * is not print and is never a rule.
 */
import type { Segment } from './pdf-model.js';

/** A colour page image (as ocr.ts reads pdftoppm's PPM). */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Buffer;
}

/** A line of words as tesseract gave it: its baseline's slope (dy/dx, y down) and its width in pixels. */
export interface SlopedLine {
  slope: number;
  width: number;
}

/**
 * The page's skew (dy/dx, y down): the median slope of its long lines (at least a fifth of the
 * page wide); 0 when fewer than three such lines (a slope from one or two is not the page's).
 */
export function pageSkew(lines: SlopedLine[], pageWidth: number): number {
  const slopes = lines
    .filter((l) => l.width >= pageWidth / 5 && Number.isFinite(l.slope) && Math.abs(l.slope) < 0.06)
    .map((l) => l.slope)
    .sort((a, b) => a - b);
  if (slopes.length < 3) return 0;
  return slopes[Math.floor(slopes.length / 2)]!;
}

/** A pixel's grey (the luminance pdftoppm -gray gives). */
export const luma = (r: number, g: number, b: number): number => (r * 77 + g * 151 + b * 28) >> 8;

/** Ink that is not print: the red of a seal or an intake stamp, the blue (or violet) of a pen. Print is black or grey, its channels about equal. */
export const isInk = (r: number, g: number, b: number): boolean => (r - g >= 35 && r - b >= 25) || (b - r >= 30 && b >= g);

/** A pixel of black or grey print: dark, and neither red (a seal, a stamp) nor blue (a pen). */
function isPrint(p: Buffer, j: number, threshold: number): boolean {
  const r = p[j]!, g = p[j + 1]!, b = p[j + 2]!;
  return luma(r, g, b) < threshold && !isInk(r, g, b);
}

interface Run {
  at: number;
  from: number;
  to: number;
}

/**
 * Runs of set cells along each line of a w×h grid (rows when `across`, columns otherwise),
 * bridging gaps of up to `gap` cells, at least `min` long, with mostly clear cells `side` away on
 * both sides.
 */
function runs(dark: Uint8Array, w: number, h: number, across: boolean, min: number, gap: number, side: number): Run[] {
  const out: Run[] = [];
  const lines = across ? h : w;
  const len = across ? w : h;
  const at = across ? (l: number, k: number) => l * w + k : (l: number, k: number) => k * w + l;
  // a cell on this line or the next: a rule a cell thick that the skew's turn left jagged is one run
  const both = new Uint8Array(dark.length);
  const step = across ? w : 1;
  for (let i = 0; i + step < dark.length; i++) both[i] = dark[i]! | dark[i + step]!;
  const on = (l: number, k: number) => both[at(l, k)];
  for (let l = side; l < lines - side - 1; l++) {
    let k = 0;
    while (k < len) {
      if (!on(l, k)) {
        k++;
        continue;
      }
      const start = k;
      let last = k;
      while (k < len && (on(l, k) || k - last <= gap)) {
        if (on(l, k)) last = k;
        k++;
      }
      if (last - start + 1 < min) continue;
      let crowded = 0;
      for (let j = start; j <= last; j++) if (dark[at(l - side, j)] || dark[at(l + 1 + side, j)]) crowded++;
      if (crowded <= 0.2 * (last - start + 1)) out.push({ at: l, from: start, to: last });
    }
  }
  return out;
}

/**
 * Runs on neighbouring lines that touch or nearly meet are one rule: a rule is a few pixels thick,
 * and noise breaks it into pieces, each a pixel or two off the next after the page is turned back.
 */
function merge(rs: Run[], gap: number): Array<Run & { lo: number; hi: number }> {
  const groups = rs.map((r) => ({ sum: r.at * (r.to - r.from + 1), n: r.to - r.from + 1, lo: r.at, hi: r.at, from: r.from, to: r.to }));
  groups.sort((a, b) => a.lo - b.lo || a.from - b.from);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < groups.length; i++) {
      const a = groups[i]!;
      for (let j = i + 1; j < groups.length; j++) {
        const b = groups[j]!;
        if (b.lo - a.hi > 3) break;
        if (b.from > a.to + 3 * gap || b.to < a.from - 3 * gap || Math.abs(b.sum / b.n - a.sum / a.n) > 3) continue;
        a.sum += b.sum;
        a.n += b.n;
        a.lo = Math.min(a.lo, b.lo);
        a.hi = Math.max(a.hi, b.hi);
        a.from = Math.min(a.from, b.from);
        a.to = Math.max(a.to, b.to);
        groups.splice(j--, 1);
        changed = true;
      }
    }
  }
  return groups.map((g) => ({ at: g.sum / g.n, lo: g.lo, hi: g.hi, from: g.from, to: g.to }));
}

/** A rule as found in the image, in pixels in the frame turned back by the skew: `lo`..`hi` its thickness. */
export interface RuleBand {
  dir: 'h' | 'v';
  at: number;
  lo: number;
  hi: number;
  from: number;
  to: number;
}

/**
 * The rules printed on a page image at `dpi`, in pixels in the frame turned back by `skew` (y down
 * from the top of the page).
 */
export function findRuleBands(img: RgbImage, dpi: number, skew = 0, threshold = 160): RuleBand[] {
  const { width: w, height: h, rgb } = img;
  if (!(w > 0 && h > 0) || rgb.length < w * h * 3) return [];
  // the print at half the resolution (at 200 dpi and up), a cell being print when any of its pixels
  // is: a rule printed thin is dark on one row of pixels only
  const f = dpi >= 200 ? 2 : 1;
  const W = Math.floor(w / f), H = Math.floor(h / f);
  const print = new Uint8Array(W * H);
  for (let y = 0; y < H * f; y++) {
    const row = ((y / f) | 0) * W;
    for (let x = 0; x < W * f; x++) if (isPrint(rgb, (y * w + x) * 3, threshold)) print[row + ((x / f) | 0)] = 1;
  }
  // turned back by the skew: x' = x + s·y, y' = y - s·x, so to first order the cell at (x', y') is
  // the page's at (x' - s·y', y' + s·x')
  const s = Math.abs(skew) < 1e-4 ? 0 : skew;
  let dark = print;
  if (s) {
    dark = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const ox = Math.round(x - s * y), oy = Math.round(y + s * x);
        if (ox >= 0 && oy >= 0 && ox < W && oy < H) dark[y * W + x] = print[oy * W + ox]!;
      }
    }
  }
  const px = dpi / f;
  const gap = Math.max(1, Math.round(px / 50));
  const side = Math.max(2, Math.round(px / 50));
  const full = (r: Run & { lo: number; hi: number }) => ({ at: r.at * f, lo: r.lo * f, hi: r.hi * f + f - 1, from: r.from * f, to: r.to * f + f - 1 });
  return [
    ...merge(runs(dark, W, H, true, Math.round(px / 4), gap, side), gap).map((r) => ({ dir: 'h' as const, ...full(r) })),
    ...merge(runs(dark, W, H, false, Math.round(px / 5), gap, side), gap).map((r) => ({ dir: 'v' as const, ...full(r) })),
  ];
}

/** Rule bands in points, as pdf-tables.ts takes them (y down from the top of the page). */
export function bandsToSegments(bands: RuleBand[], dpi: number): Segment[] {
  const k = 72 / dpi;
  return bands.map((b) => ({ dir: b.dir, at: b.at * k, from: b.from * k, to: b.to * k }));
}

/**
 * The page in grey (one byte a pixel, the luminance pdftoppm -gray gives) turned back by the skew,
 * with its rules painted over in white a pixel beyond their edges: what the cells of a ruled table
 * are read from, in findRuleBands's frame, without the bars tesseract reads as letters.
 */
export function flatGrey(img: RgbImage, skew: number, bands: RuleBand[]): Uint8Array {
  const { width: w, height: h, rgb } = img;
  const out = new Uint8Array(w * h).fill(255);
  const s = Math.abs(skew) < 1e-4 ? 0 : skew;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ox = s ? Math.round(x - s * y) : x;
      const oy = s ? Math.round(y + s * x) : y;
      if (ox < 0 || oy < 0 || ox >= w || oy >= h) continue;
      const j = (oy * w + ox) * 3;
      out[y * w + x] = luma(rgb[j]!, rgb[j + 1]!, rgb[j + 2]!);
    }
  }
  for (const b of bands) {
    for (let t = Math.max(0, b.from - 1); t <= b.to + 1; t++) {
      for (let u = Math.floor(b.lo) - 2; u <= Math.ceil(b.hi) + 2; u++) {
        const x = b.dir === 'h' ? t : u, y = b.dir === 'h' ? u : t;
        if (x >= 0 && y >= 0 && x < w && y < h) out[y * w + x] = 255;
      }
    }
  }
  return out;
}

/**
 * Boxes of a grey image stacked one under another in one PGM, left-aligned after `pad` white pixels,
 * `gap` white pixels apart: a page's table cells read by one tesseract run instead of one a box
 * (each run loads the language data again). `tops` gives each box's top in the stack.
 */
export function stackPgm(grey: Uint8Array, w: number, h: number, boxes: Array<{ x0: number; y0: number; x1: number; y1: number }>, pad = 12, gap = 60): { pgm: Buffer; tops: number[] } {
  const cut = boxes.map((b) => ({ x0: Math.max(0, Math.round(b.x0)), y0: Math.max(0, Math.round(b.y0)), x1: Math.min(w, Math.round(b.x1)), y1: Math.min(h, Math.round(b.y1)) }));
  const cw = Math.max(1, ...cut.map((b) => b.x1 - b.x0)) + 2 * pad;
  const tops: number[] = [];
  let y = pad;
  for (const b of cut) {
    tops.push(y);
    y += Math.max(1, b.y1 - b.y0) + gap;
  }
  const ch = y - gap + pad;
  const out = Buffer.alloc(cw * ch, 255);
  cut.forEach((b, k) => {
    for (let yy = b.y0; yy < b.y1; yy++) out.set(grey.subarray(yy * w + b.x0, yy * w + b.x1), (tops[k]! + yy - b.y0) * cw + pad);
  });
  return { pgm: Buffer.concat([Buffer.from(`P5\n${cw} ${ch}\n255\n`, 'latin1'), out]), tops };
}

/**
 * The outer rule a scan lost: where a table's horizontal rules run on well past its last (or before
 * its first) vertical rule, to about the same point, the border is there but too faint or broken
 * to be found. A vertical rule is added at that point, from the table's top rule to its bottom
 * one, so the column it closes is a column (its words would be left out of every cell).
 */
export function closeGrids(rules: Segment[], grids: Array<{ x0: number; x1: number; y0: number; y1: number; xs: number[]; h: Segment[] }>): Segment[] {
  const added: Segment[] = [];
  for (const g of grids) {
    const first = g.xs[0]!, last = g.xs[g.xs.length - 1]!;
    const long = g.h.filter((r) => r.to - r.from > 0.5 * (last - first));
    if (long.length < 2) continue;
    const ends = long.map((r) => r.to).sort((a, b) => a - b);
    const starts = long.map((r) => r.from).sort((a, b) => a - b);
    // at least two of the long rules end together past the last vertical one
    const end = ends[ends.length - 2]!;
    if (end - last > 15 && ends[ends.length - 1]! - end < 4) added.push({ dir: 'v', at: (end + ends[ends.length - 1]!) / 2, from: g.y0, to: g.y1 });
    const start = starts[1]!;
    if (first - start > 15 && start - starts[0]! < 4) added.push({ dir: 'v', at: (start + starts[0]!) / 2, from: g.y0, to: g.y1 });
  }
  return added.length ? [...rules, ...added] : rules;
}

/** What deskewWords moves: a word's left edge, its line's baseline and its width (points). */
export interface PlacedWord {
  x: number;
  baseline: number;
  w: number;
}

/**
 * Words turned back by the page's skew, into findRuleBands's frame. The words of one line share their
 * baseline (ocr.ts places them on their line's baseline at its middle): the line keeps one
 * baseline, the one it has at its middle turned back.
 */
export function deskewWords<W extends PlacedWord>(words: W[], skew: number): W[] {
  if (Math.abs(skew) < 1e-4) return words;
  const mid = new Map<number, { x0: number; x1: number }>();
  for (const wd of words) {
    const m = mid.get(wd.baseline);
    if (m) {
      m.x0 = Math.min(m.x0, wd.x);
      m.x1 = Math.max(m.x1, wd.x + wd.w);
    } else mid.set(wd.baseline, { x0: wd.x, x1: wd.x + wd.w });
  }
  return words.map((wd) => {
    const m = mid.get(wd.baseline)!;
    const c = (m.x0 + m.x1) / 2;
    return { ...wd, x: wd.x + skew * wd.baseline, baseline: wd.baseline - skew * c };
  });
}

/** A vertical rule tesseract read as a character: bars, brackets, an underscore where the rule meets a horizontal one. */
const RULE_GLYPHS = /^[|[\]_]+|[|[\]_]+$/gu;

/**
 * Words on a page with ruled cells, without the rules tesseract read as characters ("|", "[_",
 * "UBND|_", "|Giải"): a bar is never print in a letter. Words that were nothing else are left out.
 */
export function dropRuleGlyphs<W extends { text: string; chars?: number[] }>(words: W[], rules: Segment[]): W[] {
  if (!rules.some((r) => r.dir === 'v')) return words;
  const out: W[] = [];
  for (const wd of words) {
    const text = wd.text.replace(RULE_GLYPHS, '');
    if (!text) continue;
    if (text === wd.text) {
      out.push(wd);
      continue;
    }
    // the characters' edges no longer match the text
    const cut = { ...wd, text };
    delete cut.chars;
    out.push(cut);
  }
  return out;
}
