/**
 * Text drawn by annotations: what the issuing office's e-office system stamps at signing.
 *
 * In signed e-office PDFs the document number after "Số:" and the day (often the month)
 * of the date line are the appearance of signature widgets (`/Subtype /Widget /FT /Sig`),
 * not page content: pdfjs's text content reads "Số: /BNV-CCHC" where the page shows
 * "Số: 12094/BNV-CCHC". pdfjs lists the widgets with their rectangles but not their text;
 * poppler's `pdftotext -bbox` renders the appearances and gives every word with its box.
 * The words that fall inside an annotation's rectangle and are not already page text are
 * taken, unless the annotation holds a signature stamp's own text ("Ký bởi", e-mail,
 * "Thời gian ký"), which is never content.
 *
 * Without poppler the parser says what was not read.
 */
import { spawn } from 'node:child_process';
import { SIGNATURE_STAMP, STAMP_LINE } from './markers.js';
import { unescapeXml } from './xml.js';

/** A rectangle in page space (points, y down from the top of the page). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PopplerWord extends Box {
  text: string;
}

/** Annotation subtypes whose appearance may carry document text. */
export const TEXT_ANNOTATIONS = new Set(['Widget', 'FreeText', 'Stamp']);

let popplerMissing = false;

/**
 * Words of pages `first`..`last` as poppler lays them out, by page number; null when
 * pdftotext is not installed or fails.
 */
export async function popplerWords(buf: Buffer, first: number, last: number, timeoutMs = 20_000): Promise<Map<number, PopplerWord[]> | null> {
  if (popplerMissing) return null;
  const pages = new Map<number, PopplerWord[]>();
  const r = new BboxReader(first);
  const ran = await streamPoppler('pdftotext', ['-q', '-bbox', '-f', String(first), '-l', String(last), '-', '-'], (piece) => r.feed(piece, (n, words) => pages.set(n, words)), { input: buf, timeoutMs });
  if (ran === 'missing') popplerMissing = true;
  if (ran !== 'ok') return null;
  r.end((n, words) => pages.set(n, words));
  return pages;
}

/**
 * A poppler program's output read as it comes, in pieces that end just after a `</page>` (the
 * rest waits for the next chunk), so the whole output is never held: a 300-page PDF's words
 * are ~23 MB of text. `input` is written to its standard input. Resolves 'ok' when it ran to
 * the end (exit 0, the last piece given), 'missing' when the program is not installed, else
 * 'failed' (an error exit, or killed at `timeoutMs`).
 */
export function streamPoppler(cmd: string, args: string[], onPiece: (s: string) => void, opts: { input?: Buffer; timeoutMs: number }): Promise<'ok' | 'missing' | 'failed'> {
  return new Promise((resolve) => {
    let acc = '';
    let done = false;
    const finish = (how: 'ok' | 'missing' | 'failed') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(how);
    };
    const child = spawn(cmd, args, { stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'ignore'], env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish('failed');
    }, opts.timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => finish(e.code === 'ENOENT' ? 'missing' : 'failed'));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      if (done) return;
      acc += chunk;
      const k = acc.lastIndexOf('</page>');
      if (k < 0) return;
      const end = k + '</page>'.length;
      const piece = acc.slice(0, end);
      acc = acc.slice(end);
      onPiece(piece);
    });
    child.on('close', (code) => {
      if (done) return;
      if (code === 0) {
        onPiece(acc);
        acc = '';
      }
      finish(code === 0 ? 'ok' : 'failed');
    });
    if (opts.input) {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(opts.input);
    }
  });
}

export function parseBbox(xhtml: string, first: number): Map<number, PopplerWord[]> {
  const pages = new Map<number, PopplerWord[]>();
  const r = new BboxReader(first);
  r.feed(xhtml, (n, words) => pages.set(n, words));
  r.end((n, words) => pages.set(n, words));
  return pages;
}

const BBOX_ITEM = /<page\b[^>]*>|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;

/**
 * `pdftotext -bbox` output read a piece at a time (each piece ending between two elements):
 * every page's words, by page number from `first`, handed on once the page is complete and
 * not kept.
 */
export class BboxReader {
  private page: number;
  private words: PopplerWord[] | null = null;
  constructor(first: number) {
    this.page = first - 1;
  }

  feed(xhtml: string, onPage: (page: number, words: PopplerWord[]) => void): void {
    const re = new RegExp(BBOX_ITEM);
    for (let m: RegExpExecArray | null; (m = re.exec(xhtml)); ) {
      if (m[0].startsWith('<page')) {
        if (this.words) onPage(this.page, this.words);
        this.page++;
        this.words = [];
        continue;
      }
      const text = unescapeXml(m[5]!).normalize('NFC');
      this.words?.push({ x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, text });
    }
  }

  /** The output ended: its last page. */
  end(onPage: (page: number, words: PopplerWord[]) => void): void {
    if (this.words) onPage(this.page, this.words);
    this.words = null;
  }
}

export const inside = (w: Box, r: Box, pad = 2) => {
  const cx = (w.x0 + w.x1) / 2;
  const cy = (w.y0 + w.y1) / 2;
  return cx >= r.x0 - pad && cx <= r.x1 + pad && cy >= r.y0 - pad && cy <= r.y1 + pad;
};


/**
 * The words drawn by the given annotations that the page text does not already hold.
 * `pageText` are the boxes of the page's text items. An annotation whose words read as a
 * signature stamp, or run longer than a stamped number or date would, gives nothing.
 */
export function annotationWords(words: PopplerWord[], rects: Box[], pageText: Box[]): PopplerWord[] {
  const out: PopplerWord[] = [];
  for (const r of rects) {
    const mine = words.filter((w) => inside(w, r));
    if (!mine.length) continue;
    const text = mine.map((w) => w.text).join(' ');
    if (SIGNATURE_STAMP.test(text) || STAMP_LINE.test(text) || mine.length > 6) continue;
    for (const w of mine) {
      // already page text at the same place (a widget over printed text)
      const dup = pageText.reduce((n, t) => n + overlap(t, w), 0) > 0.5 * area(w);
      if (!dup && !out.includes(w)) out.push(w);
    }
  }
  return out;
}

const area = (b: Box) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A page text item as the merge needs it: its box (from its baseline and size). */
export interface Anchor {
  x: number;
  y: number;
  w: number;
  size: number;
}

/**
 * The baseline and size a stamped word takes: those of the text it overlaps vertically
 * most, near it on the page (a stamp is often a few points off the baseline of the line it
 * fills in), or its own when it overlaps none.
 */
export function snap(w: PopplerWord, anchors: Anchor[]): { y: number; size: number } {
  const h = Math.max(1, w.y1 - w.y0);
  let best: Anchor | null = null;
  let bestScore = 0;
  for (const a of anchors) {
    const top = a.y - 0.8 * a.size;
    const bottom = a.y + 0.25 * a.size;
    const v = Math.min(bottom, w.y1) - Math.max(top, w.y0);
    if (v < 0.25 * h) continue;
    const dx = Math.max(0, a.x - w.x1, w.x0 - (a.x + a.w));
    if (dx > 6 * a.size) continue;
    const score = v / h - dx / (100 * a.size);
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return best ? { y: best.y, size: best.size } : { y: w.y1 - 0.22 * h, size: 0.8 * h };
}
