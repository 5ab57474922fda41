import { describe, expect, it } from 'vitest';
import { Trainer, randomSource, touching } from '../../scripts/cnn-train.js';
import { forward } from '../../src/parse/cnn.js';
import { components, type Comp, type Mask } from '../../src/parse/digits.js';

describe('training the handwriting networks (scripts/cnn-train.ts)', () => {
  it('backpropagates the loss of a network of any first dense layer and outputs: the gradient the finite differences give', () => {
    const r = randomSource(5);
    // 12 hidden units and 7 outputs (the digit network has 64 and 10, the pair network 128 and 101)
    const net = new Trainer(r, 12, 7);
    net.W.forEach((w, t) => { if (t % 2) w.forEach((_, i) => (w[i] = r.uni(0, 0.1))); });
    const x = Float32Array.from({ length: 784 }, (_, i) => (Math.abs(((i % 28) - 14) * ((i / 28) - 14)) < 30 ? r.uni(0.5, 1) : 0));
    const label = 3;
    const loss = () => -Math.log(forward(x, net.W).prob[label]!);
    net.backprop(x, label);
    let checked = 0;
    net.W.forEach((w, t) => {
      // the weights with the largest gradients of each tensor
      const g = net.G[t]!;
      const order = [...g.keys()].sort((a, b) => Math.abs(g[b]!) - Math.abs(g[a]!)).slice(0, 3);
      for (const i of order) {
        const v = w[i]!, eps = 1e-3;
        w[i] = v + eps;
        const up = loss();
        w[i] = v - eps;
        const down = loss();
        w[i] = v;
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(numeric - g[i]!)).toBeLessThanOrEqual(0.05 * Math.abs(g[i]!) + 2e-3);
        checked++;
      }
    });
    expect(checked).toBe(24);
  });

  // a digit's ink as inkOf gives it: a 56 x 56 mask with a bar from x0 to x1 (rows 10-46)
  const bar = (x0: number, x1: number): { mask: Mask; box: Comp } => {
    const data = new Uint8Array(56 * 56);
    for (let y = 10; y < 46; y++) for (let x = x0; x < x1; x++) data[y * 56 + x] = 1;
    return { mask: { w: 56, h: 56, data }, box: { x0, y0: 10, x1, y1: 46, area: (x1 - x0) * 36 } };
  };
  it('sets two digits side by side so that their strokes meet (one piece of ink) or overlap by a share of the narrower\'s width', () => {
    const a = bar(20, 30), b = bar(24, 32); // 10 and 8 wide
    const meet = touching(a, b, 0, 0);
    expect(components(meet.mask).comps.length).toBe(1);
    expect(meet.box.x1 - meet.box.x0).toBe(18);
    // overlapping by half the narrower's width: 4 columns fewer
    const over = touching(a, b, 0.5, 0);
    expect(over.box.x1 - over.box.x0).toBe(14);
    // the second one lower by 5 rows: the piece is 5 rows taller
    const lower = touching(a, b, 0, 5);
    expect(lower.box.y1 - lower.box.y0).toBe(41);
    expect(components(lower.mask).comps.length).toBe(1);
  });
});
