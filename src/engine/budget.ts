/**
 * A budget of bytes in flight: the batch reads ahead while the files it holds (read, queued
 * for a worker, being parsed, their result waiting for the writer) add up to at most `limit`
 * bytes. One file is always let through, however large, so a file over the limit still runs
 * (alone).
 */
export class ByteBudget {
  private used = 0;
  private waiters: { n: number; go: () => void }[] = [];

  constructor(readonly limit: number) {}

  /** Wait until `n` more bytes fit (or nothing else is in flight), then hold them. */
  take(n: number): Promise<void> {
    if (this.fits(n) && !this.waiters.length) {
      this.used += n;
      return Promise.resolve();
    }
    return new Promise((go) => this.waiters.push({ n, go }));
  }

  release(n: number): void {
    this.used = Math.max(0, this.used - n);
    // first come, first served: a large file waiting is not overtaken for ever by small ones
    while (this.waiters.length && this.fits(this.waiters[0]!.n)) {
      const w = this.waiters.shift()!;
      this.used += w.n;
      w.go();
    }
  }

  get inFlight(): number {
    return this.used;
  }

  private fits(n: number): boolean {
    return this.used === 0 || this.used + n <= this.limit;
  }
}
