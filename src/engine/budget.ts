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

/**
 * The pages a PDF holds, as far as its bytes say without parsing: its page objects
 * (`/Type /Page`) written out in the file (0 for anything else, and for a PDF whose objects are
 * all compressed in object streams). A file saved again with incremental updates may count a
 * page twice; this is only to weigh the file for the pool's memory budget, never a record's page
 * count.
 */
export function pdfPageHint(buf: Buffer): number {
  if (buf.indexOf('%PDF-') < 0 || buf.indexOf('%PDF-') > 1024) return 0;
  let n = 0;
  for (let at = buf.indexOf('/Page'); at >= 0; at = buf.indexOf('/Page', at + 5)) {
    const next = buf[at + 5];
    if (next !== undefined && isNameChar(next)) continue; // /Pages, /PageLabels, /PageMode ...
    let k = at - 1;
    while (k >= 0 && (buf[k] === 0x20 || buf[k] === 0x0a || buf[k] === 0x0d || buf[k] === 0x09)) k--;
    if (k >= 4 && buf.toString('latin1', k - 4, k + 1) === '/Type') n++;
  }
  return n;
}

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/** Live memory a PDF's parse needs per page, in MB (the 300-page PDF: ~120 MB over a warm worker). */
export const PDF_MB_PER_PAGE = 0.4;

/**
 * What the pool expects a file to need while it is parsed, in MB, to share out its memory
 * budget: a PDF by its pages; other files 0 (their memory follows their size, which the
 * read-ahead byte budget already bounds).
 */
export function memoryEstimateMb(buf: Buffer): number {
  return pdfPageHint(buf) * PDF_MB_PER_PAGE;
}
