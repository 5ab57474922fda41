import { describe, it, expect } from 'vitest';
import { ByteBudget } from '../../src/engine/budget.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('the read-ahead byte budget', () => {
  it('lets files through while they fit, then in arrival order as bytes are released', async () => {
    const b = new ByteBudget(100);
    const order: string[] = [];
    const take = (name: string, n: number) => b.take(n).then(() => order.push(name));
    void take('a', 60);
    void take('b', 30);
    void take('c', 50); // does not fit (90 + 50)
    void take('d', 5); // would fit, but must not overtake c
    await tick();
    expect(order).toEqual(['a', 'b']);
    expect(b.inFlight).toBe(90);
    b.release(60); // 30 + 50 fits, then 5
    await tick();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(b.inFlight).toBe(85);
  });

  it('lets a file larger than the whole budget through alone', async () => {
    const b = new ByteBudget(100);
    const order: string[] = [];
    await b.take(10);
    const big = b.take(500).then(() => order.push('big'));
    const small = b.take(10).then(() => order.push('small'));
    await tick();
    expect(order).toEqual([]); // big waits for the 10 bytes in flight; small waits behind big
    b.release(10);
    await big;
    await tick();
    expect(order).toEqual(['big']);
    expect(b.inFlight).toBe(500);
    b.release(500);
    await small;
    expect(order).toEqual(['big', 'small']);
  });
});
