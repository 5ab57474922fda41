/**
 * What the training scripts of the handwriting networks share (scripts/train-digits.ts: one digit;
 * scripts/train-pairs.ts: two touching digits): a seeded random source, the distortions that make
 * an MNIST digit look like a pen's, and the network of src/parse/cnn.ts trained by backpropagation
 * and Adam, its first dense layer and its outputs of any size; two digits' inks made into one
 * touching pair.
 */
import { forward, inputOf, tensorSizes, type Weights } from '../src/parse/cnn.js';
import { SIDE, inkOf, normalise, type Comp, type Mask } from '../src/parse/digits.js';

/** A command-line option's value (`--name value`), or its default. */
export function cliArg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
}

/** A piece of ink as the network sees it: normalised as the reader normalises a digit (all zero when empty). */
export function inkInput(ink: { mask: Mask; box: Comp }): Float32Array {
  return ink.box.area ? inputOf(normalise(ink.mask, ink.box)) : new Float32Array(SIDE * SIDE);
}

/** A seeded random source (mulberry32) with uniform and normal draws. */
export function randomSource(seed: number) {
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const uni = (a: number, b: number) => a + (b - a) * rand();
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return { rand, uni, gauss };
}
export type Random = ReturnType<typeof randomSource>;

/**
 * A 28x28 MNIST digit distorted the way pen digits differ from MNIST's, as a scan's ink (inkOf):
 * slant +-20 degrees, rotation +-10, scale 0.8-1.2 on each axis, strokes thickened or thinned
 * (`threshold`, else 0.2-0.75), small shifts and an elastic distortion.
 */
export function distortedInk(img: Uint8Array, r: Random, threshold?: number): { mask: Mask; box: Comp } {
  const { uni, gauss } = r;
  const deg = Math.PI / 180;
  const rot = uni(-10, 10) * deg, slant = Math.tan(uni(-20, 20) * deg);
  const sx = uni(0.8, 1.2), sy = uni(0.8, 1.2);
  const tx = uni(-1.5, 1.5), ty = uni(-1.5, 1.5);
  const cos = Math.cos(rot), sin = Math.sin(rot);
  // elastic: a smooth random displacement on a 4x4 grid, bilinear between its nodes
  const amp = uni(0, 1.6);
  const gx = Array.from({ length: 16 }, () => gauss() * amp), gy = Array.from({ length: 16 }, () => gauss() * amp);
  const field = (g: number[], x: number, y: number) => {
    const u = Math.max(0, Math.min(2.999, (x / SIDE) * 3)), v = Math.max(0, Math.min(2.999, (y / SIDE) * 3));
    const i0 = Math.floor(u), j0 = Math.floor(v), a = u - i0, b = v - j0;
    return (g[j0 * 4 + i0]! * (1 - a) + g[j0 * 4 + i0 + 1]! * a) * (1 - b) + (g[(j0 + 1) * 4 + i0]! * (1 - a) + g[(j0 + 1) * 4 + i0 + 1]! * a) * b;
  };
  return inkOf(img, threshold ?? uni(0.2, 0.75), (x, y) => {
    const px = x - 14, py = y - 14;
    // the output point back to the source: undo the scale, the slant, the rotation
    let qx = px / sx, qy = py / sy;
    qx -= slant * qy;
    const rx = cos * qx + sin * qy, ry = -sin * qx + cos * qy;
    return [rx + 14 - tx + field(gx, x, y), ry + 14 - ty + field(gy, x, y)];
  });
}

/** Two digits' inks side by side, touching or overlapping by `overlap` (share of the narrower's width), as one mask. */
export function touching(a: { mask: Mask; box: Comp }, b: { mask: Mask; box: Comp }, overlap: number, dy: number): { mask: Mask; box: Comp } {
  const S = a.mask.w; // both inks are S x S
  // b's rows shifted by dy: per row, a's rightmost ink and b's leftmost
  let reach = -Infinity;
  for (let y = 0; y < S; y++) {
    const yb = y - dy;
    if (yb < 0 || yb >= S) continue;
    let ra = -1, lb = -1;
    for (let x = S - 1; x >= 0 && ra < 0; x--) if (a.mask.data[y * S + x]) ra = x;
    for (let x = 0; x < S && lb < 0; x++) if (b.mask.data[yb * S + x]) lb = x;
    if (ra >= 0 && lb >= 0) reach = Math.max(reach, ra - lb + 1);
  }
  if (reach === -Infinity) reach = a.box.x1 - b.box.x0;
  const narrow = Math.min(a.box.x1 - a.box.x0, b.box.x1 - b.box.x0);
  const dx = Math.max(0, reach - Math.round(overlap * narrow));
  const W = S + dx, H = S + Math.abs(dy), oy = Math.max(0, -dy);
  const data = new Uint8Array(W * H);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    if (a.mask.data[y * S + x]) data[(y + oy) * W + x] = 1;
    if (b.mask.data[y * S + x]) data[(y + oy + dy) * W + x + dx] = 1;
  }
  const box: Comp = { x0: W, y0: H, x1: 0, y1: 0, area: 0 };
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    if (!data[y * W + x]) continue;
    box.area++;
    box.x0 = Math.min(box.x0, x); box.y0 = Math.min(box.y0, y);
    box.x1 = Math.max(box.x1, x + 1); box.y1 = Math.max(box.y1, y + 1);
  }
  return { mask: { w: W, h: H, data }, box };
}

/** The network of src/parse/cnn.ts (`hidden` units, `out` outputs) with its gradients and Adam's moments. */
export class Trainer {
  readonly W: Weights;
  /** The gradient summed over the batch so far (backprop), emptied by each Adam step. */
  readonly G: Weights;
  private readonly M1: Weights;
  private readonly M2: Weights;
  private step = 0;

  constructor(r: Random, readonly hidden = 64, readonly out = 10) {
    const sizes = tensorSizes(hidden, out);
    const fanIns = [25, 0, 8 * 25, 0, 256, 0, hidden, 0];
    this.W = sizes.map((n, t) => Float32Array.from({ length: n }, () => (fanIns[t] ? r.gauss() * Math.sqrt(2 / fanIns[t]!) : 0)));
    this.G = sizes.map((n) => new Float32Array(n));
    this.M1 = sizes.map((n) => new Float32Array(n));
    this.M2 = sizes.map((n) => new Float32Array(n));
  }

  /** Adds one image's gradient of the cross-entropy to the batch's; gives its loss. */
  backprop(x: Float32Array, label: number): number {
    const { W, G, hidden: H, out: O } = this;
    const f = forward(x, W);
    const dz = Float32Array.from(f.prob);
    dz[label]! -= 1;
    // dense H -> O
    const dh = new Float32Array(H);
    for (let o = 0; o < O; o++) {
      G[7]![o]! += dz[o]!;
      for (let i = 0; i < H; i++) { G[6]![o * H + i]! += dz[o]! * f.h[i]!; dh[i]! += W[6]![o * H + i]! * dz[o]!; }
    }
    for (let i = 0; i < H; i++) if (f.h[i]! <= 0) dh[i] = 0;
    // dense 256 -> H
    const dp2 = new Float32Array(256);
    for (let o = 0; o < H; o++) {
      const d = dh[o]!;
      if (!d) continue;
      G[5]![o]! += d;
      for (let i = 0; i < 256; i++) { G[4]![o * 256 + i]! += d * f.p2[i]!; dp2[i]! += W[4]![o * 256 + i]! * d; }
    }
    // pool 2 and ReLU back to conv 2 (16 x 8 x 8, from 8 x 12 x 12)
    const dc2 = new Float32Array(16 * 64);
    for (let j = 0; j < 256; j++) if (f.c2[f.arg2[j]!]! > 0) dc2[f.arg2[j]!] = dp2[j]!;
    const dp1 = new Float32Array(8 * 144);
    for (let o = 0; o < 16; o++) for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
      const d = dc2[o * 64 + y * 8 + x]!;
      if (!d) continue;
      G[3]![o]! += d;
      for (let c = 0; c < 8; c++) for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) {
        const wi = ((o * 8 + c) * 5 + ky) * 5 + kx, pi = c * 144 + (y + ky) * 12 + x + kx;
        G[2]![wi]! += d * f.p1[pi]!;
        dp1[pi]! += W[2]![wi]! * d;
      }
    }
    // pool 1 and ReLU back to conv 1 (8 x 24 x 24, from the 28 x 28 image)
    for (let j = 0; j < 8 * 144; j++) {
      const src = f.arg1[j]!, d = dp1[j]!;
      if (!d || f.c1[src]! <= 0) continue;
      const o = Math.floor(src / 576), r = src % 576, y = Math.floor(r / 24), xx = r % 24;
      G[1]![o]! += d;
      for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) G[0]![(o * 5 + ky) * 5 + kx]! += d * x[(y + ky) * 28 + xx + kx]!;
    }
    return -Math.log(Math.max(1e-12, f.prob[label]!));
  }

  /** One Adam step with the batch's mean gradient. */
  adam(batch: number, lr: number) {
    this.step++;
    const b1 = 0.9, b2 = 0.999;
    for (let t = 0; t < this.W.length; t++) {
      const w = this.W[t]!, g = this.G[t]!, m = this.M1[t]!, v = this.M2[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]! / batch;
        m[i] = b1 * m[i]! + (1 - b1) * gi;
        v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
        w[i]! -= (lr * (m[i]! / (1 - b1 ** this.step))) / (Math.sqrt(v[i]! / (1 - b2 ** this.step)) + 1e-8);
      }
      g.fill(0);
    }
  }
}

/** The share of `xs` whose most probable output under weights W is their label. */
export function accuracy(W: Weights, xs: Float32Array[], labels: ArrayLike<number>): number {
  let ok = 0;
  xs.forEach((x, k) => {
    const p = forward(x, W).prob;
    if (p.indexOf(Math.max(...p)) === labels[k]) ok++;
  });
  return ok / xs.length;
}
