/**
 * The poppler engine: the main PDF text engine where poppler-utils is installed.
 *
 * Two poppler programs read the file at the same time:
 *   - `pdftohtml -xml` gives the page content as runs of text with their box and font (name,
 *     size, bold, italic): the same granularity as pdfjs's text items, so the layout model
 *     (pdf-model.ts) gets what it gets from pdfjs. It reads a copy of the file whose pages have
 *     no annotations (an update appended to the file, pdf-objects.ts), so it leaves out what
 *     annotations draw.
 *   - `pdftotext -bbox` gives every word with its box, annotation appearances included:
 *     a word that no run of page content holds was drawn by an annotation (in e-office PDFs,
 *     the number and day the signature stamps). Those are merged into the line they overlap
 *     (pdf-widgets.ts), unless they read as a signature stamp's own text.
 * Neither decodes images, which pdfjs's operator list does (seals, signatures: ~1 s a
 * signed page). Pages that show an image under too little or junk text are found with
 * `pdfimages -list` (no decoding) and go to OCR; the rules of ruled tables come from the
 * content streams of the pages that look like a table (pdf-rules.ts), or from pdfjs for a
 * file pdf-objects.ts cannot read (e.g. encrypted).
 *
 * Returns null when poppler is missing or cannot read the file: the caller then uses pdfjs,
 * which also says what is wrong with a damaged or encrypted file. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../model/types.js';
import { convertLegacy, legacyFontEncoding, type LegacyEncoding } from './legacy.js';
import { TEXT_ANNOTATIONS, annotationWords, inside, snap, BboxReader, streamPoppler, type Box, type PopplerWord } from './pdf-widgets.js';
import { checkPageLimit, fontStyle, groupLines, isSpace, judgeTextLayer, layerNotes, lineText, type EngineResult, type FontInfo, type Item, type PageModel, type ParsePdfOptions, type Segment } from './pdf-model.js';
import { looksTabular, pdfjsRules } from './pdf-pdfjs.js';
import { PdfFile, withPages, type PdfPage } from './pdf-objects.js';
import { contentRules } from './pdf-rules.js';
import { unescapeXml } from './xml.js';
import { reportProgress } from '../model/progress.js';

/** Set once a poppler program is found missing: pdfjs reads every PDF from then on. */
let missing = false;

/** Whether a poppler program was found missing. */
export const popplerMissing = (): boolean => missing;

/** poppler's time limit per program (the batch's per-file limit still applies). */
const TIMEOUT_MS = 300_000;

function run(cmd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }, (err, stdout) => {
      if (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') missing = true;
        resolve(null);
      } else resolve(stdout);
    });
  });
}

/** A run of page content as pdftohtml gives it (points, y down). */
export interface Run {
  page: number;
  top: number;
  left: number;
  width: number;
  height: number;
  font: string;
  text: string;
  bold: boolean;
  italic: boolean;
}

export interface HtmlDoc {
  pages: HtmlPage[];
  fonts: Map<string, { size: number; name: string }>;
}

export interface HtmlPage {
  page: number;
  width: number;
  height: number;
  runs: Run[];
}

const XML_ITEM = /<page number="(\d+)"[^>]*? height="([\d.]+)" width="([\d.]+)">|<fontspec id="([^"]+)" size="([\d.-]+)" family="([^"]*)"|<text top="([\d.-]+)" left="([\d.-]+)" width="([\d.-]+)" height="([\d.-]+)" font="([^"]+)">(.*?)<\/text>/g;

/**
 * pdftohtml's XML (-xml -zoom 1 -noroundcoord -fontfullname) read a piece at a time: pages,
 * fonts and runs. Each piece must end between two elements (streamPages cuts after a
 * `</page>`); the pages a piece completes are handed on and not kept.
 */
export class XmlReader {
  readonly fonts: HtmlDoc['fonts'] = new Map();
  /** Pages seen so far. */
  count = 0;
  private last: HtmlPage | null = null;

  /** The pages the piece holds (a page's fontspecs come before its runs, in the page). */
  feed(xml: string, onPage: (p: HtmlPage) => void): void {
    const re = new RegExp(XML_ITEM);
    for (let m: RegExpExecArray | null; (m = re.exec(xml)); ) {
      if (m[1]) {
        if (this.last) onPage(this.last);
        this.last = { page: +m[1], height: +m[2]!, width: +m[3]!, runs: [] };
        this.count++;
      } else if (m[4]) this.fonts.set(m[4], { size: +m[5]!, name: unescapeXml(m[6]!) });
      else {
        const inner = m[12]!;
        const text = unescapeXml(inner.replace(/<[^>]*>/g, '')).normalize('NFC');
        if (isSpace(text)) continue;
        this.last?.runs.push({ page: this.count, top: +m[7]!, left: +m[8]!, width: +m[9]!, height: +m[10]!, font: m[11]!, text, bold: /<b>/.test(inner), italic: /<i>/.test(inner) });
      }
    }
  }

  /** The output ended: its last page. */
  end(onPage: (p: HtmlPage) => void): void {
    if (this.last) onPage(this.last);
    this.last = null;
  }
}

/** pdftohtml's XML read whole: pages, fonts and runs. */
export function parsePdfXml(xml: string): HtmlDoc {
  const pages: HtmlPage[] = [];
  const r = new XmlReader();
  r.feed(xml, (p) => pages.push(p));
  r.end((p) => pages.push(p));
  return { pages, fonts: r.fonts };
}

/** Pages that show an image, from `pdfimages -list`. */
export function imagePages(list: string): Set<number> {
  const out = new Set<number>();
  for (const line of list.split('\n')) {
    const m = /^\s*(\d+)\s+\d+\s+(image|mask|smask|stencil)\b/.exec(line);
    if (m && m[2] !== 'smask') out.add(+m[1]!);
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, '').normalize('NFC');

/**
 * The run of page content each word belongs to, or null for a word no run holds (text an
 * annotation draws). A run holds a word when it overlaps most of the word's height, holds its
 * middle and contains its text.
 */
export function runsOfWords(words: PopplerWord[], runs: Run[]): Array<Run | null> {
  const sorted = runs.map((r) => ({ r, t: squash(r.text) })).sort((a, b) => a.r.top - b.r.top);
  return words.map((w) => {
    const h = Math.max(0.5, w.y1 - w.y0);
    const t = squash(w.text);
    // the runs on the word's line that it overlaps (a word can be drawn in several runs)
    const over: Array<{ r: Run; t: string; dx: number }> = [];
    for (const { r, t: rt } of sorted) {
      if (r.top > w.y1) break;
      const v = Math.min(r.top + r.height, w.y1) - Math.max(r.top, w.y0);
      if (v < 0.5 * Math.min(h, r.height)) continue;
      const dx = Math.min(r.left + r.width, w.x1) - Math.max(r.left, w.x0);
      if (dx > 0) over.push({ r, t: rt, dx });
    }
    if (!over.length) return null;
    over.sort((a, b) => a.r.left - b.r.left);
    if (!over.map((o) => o.t).join('').includes(t)) return null;
    return over.reduce((a, b) => (b.dx > a.dx ? b : a)).r;
  });
}

/** Words close to one another (one annotation's text), as groups with their box. */
function groupWords(words: PopplerWord[]): Box[] {
  const groups: Array<Box & { n: number }> = [];
  for (const w of [...words].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
    const h = w.y1 - w.y0;
    const g = groups.find((b) => w.x0 <= b.x1 + 0.8 * h && w.x1 >= b.x0 - 0.8 * h && w.y0 <= b.y1 + 0.6 * h && w.y1 >= b.y0 - 0.6 * h);
    if (g) {
      g.x0 = Math.min(g.x0, w.x0);
      g.x1 = Math.max(g.x1, w.x1);
      g.y0 = Math.min(g.y0, w.y0);
      g.y1 = Math.max(g.y1, w.y1);
    } else groups.push({ x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, n: 1 });
  }
  return groups;
}

/**
 * The rectangles of text-drawing annotations (Widget, FreeText, Stamp) on each page, in
 * page space (y down from the top of the media box). Pages turned by /Rotate give none
 * (their words are all taken as page content).
 */
export function annotationRects(file: PdfFile, pages: PdfPage[]): Map<number, Box[]> {
  const out = new Map<number, Box[]>();
  for (const page of pages) {
    const annots = file.get(page.dict['/Annots']);
    if (!Array.isArray(annots) || !annots.length) continue;
    const box = page.mediaBox;
    if (!box || page.rotate % 360 !== 0) continue;
    const [mx0, my0, mx1, my1] = box as [number, number, number, number];
    const top = Math.max(my0, my1);
    const left = Math.min(mx0, mx1);
    const rects: Box[] = [];
    for (const ref of annots) {
      const a = file.dict(ref);
      if (!a || !TEXT_ANNOTATIONS.has(String(file.get(a['/Subtype']) ?? '').replace(/^\//, ''))) continue;
      const r = file.get(a['/Rect']);
      if (!Array.isArray(r) || r.length !== 4) continue;
      const [x0, y0, x1, y1] = r.map((v) => Number(file.get(v))) as [number, number, number, number];
      rects.push({ x0: Math.min(x0, x1) - left, x1: Math.max(x0, x1) - left, y0: top - Math.max(y0, y1), y1: top - Math.min(y0, y1) });
    }
    if (rects.length) out.set(page.number, rects);
  }
  return out;
}

/** The file with no annotations on its pages (an update appended), or null when none has any. */
export function withoutAnnotations(file: PdfFile, pages: PdfPage[]): Buffer | null {
  const strip = pages.filter((p) => {
    const a = file.get(p.dict['/Annots']);
    return Array.isArray(a) && a.length > 0;
  });
  if (!strip.length) return null;
  return withPages(
    file,
    strip.map((p) => {
      const { ['/Annots']: _drop, ...rest } = p.dict;
      void _drop;
      return { ref: p.ref, dict: rest };
    }),
  );
}

/** The rules drawn on the given pages, from their content streams (a page that fails gives none). */
function pageRules(pdf: { file: PdfFile; pages: PdfPage[] }, pageNumbers: number[]): Map<number, Segment[]> {
  const out = new Map<number, Segment[]>();
  for (const p of pageNumbers) {
    try {
      out.set(p, contentRules(pdf.file, pdf.pages[p - 1]!));
    } catch {
      /* no rules for this page */
    }
  }
  return out;
}

/** A word set on its side (vertical text in a margin): left out, as pdfjs's engine does. */
const rotated = (w: PopplerWord) => [...w.text].length > 1 && w.y1 - w.y0 > 1.5 * (w.x1 - w.x0);

/** streamPoppler with this engine's time limit; a program found missing sends every PDF to pdfjs. */
async function streamPages(cmd: string, args: string[], onPiece: (s: string) => void): Promise<boolean> {
  const ran = await streamPoppler(cmd, args, onPiece, { timeoutMs: TIMEOUT_MS });
  if (ran === 'missing') missing = true;
  return ran === 'ok';
}

/** Read every page's text with poppler; null when poppler is missing or fails on the file. */
export async function readPoppler(buf: Buffer, opts: ParsePdfOptions): Promise<EngineResult | null> {
  if (missing) return null;
  // the document's objects: pages, annotations, content streams (null: a file this reader
  // cannot take, e.g. encrypted; poppler still reads it, the rules then come from pdfjs)
  let file: PdfFile | null = null;
  let objects: PdfPage[] = [];
  try {
    file = new PdfFile(buf);
    objects = file.pages();
  } catch {
    file = null;
  }
  const dir = await mkdtemp(join(tmpdir(), 'congvan-pdf-'));
  try {
    const path = join(dir, 'in.pdf');
    await writeFile(path, buf);
    // page content without annotations: pdftohtml on a copy whose pages have none; pdftotext
    // on the original at the same time gives every word, the annotations' included
    const stripped = file ? withoutAnnotations(file, objects) : null;
    let content = path;
    if (stripped) {
      content = join(dir, 'content.pdf');
      await writeFile(content, stripped);
    }
    // the objects' pages are taken when poppler finds as many; read again without them if not
    const pdf = file && objects.length ? { file, pages: objects } : null;
    let r = await readPages(path, content, buf, pdf, opts);
    if (r === 'other-pages') r = await readPages(path, content, buf, null, opts);
    return r === 'other-pages' ? null : r;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Both programs' output page by page as it streams, each page's runs and words turned into its
 * lines once both have given it, then dropped. 'other-pages': poppler found another number of
 * pages than the objects (`pdf`), read again without them.
 */
async function readPages(path: string, content: string, buf: Buffer, pdf: { file: PdfFile; pages: PdfPage[] } | null, opts: ParsePdfOptions): Promise<EngineResult | null | 'other-pages'> {
  const build = new PageBuilder(pdf);
  const xml = new XmlReader();
  const bbox = new BboxReader(1);
  const queue: HtmlPage[] = [];
  const words = new Map<number, PopplerWord[]>();
  let bboxPages = 0;
  let bboxEnded = false;
  let error: unknown = null;
  // past the page limit nothing more is built: the pages are only counted
  const over = () => !!opts.maxPages && opts.maxPages > 0 && xml.count > opts.maxPages;
  const pump = () => {
    while (queue.length && !error) {
      const hp = queue[0]!;
      if (!bboxEnded && bboxPages < hp.page && !words.has(hp.page)) return;
      queue.shift();
      const pageWords = words.get(hp.page) ?? [];
      words.delete(hp.page);
      if (over()) continue;
      try {
        build.page(hp, pageWords, xml.fonts);
      } catch (e) {
        error = e;
      }
    }
    if (error || over()) {
      queue.length = 0;
      words.clear();
    }
  };
  const onXmlPage = (p: HtmlPage) => {
    queue.push(p);
  };
  const onWords = (n: number, w: PopplerWord[]) => {
    bboxPages = Math.max(bboxPages, n);
    if (!error && !over()) words.set(n, w);
  };
  const [okXml, okBbox] = await Promise.all([
    streamPages('pdftohtml', ['-q', '-xml', '-i', '-hidden', '-noroundcoord', '-zoom', '1', '-fontfullname', '-stdout', content], (s) => {
      xml.feed(s, onXmlPage);
      pump();
    }).then((ok) => {
      xml.end(onXmlPage);
      pump();
      return ok;
    }),
    streamPages('pdftotext', ['-q', '-bbox', path, '-'], (s) => {
      bbox.feed(s, onWords);
      pump();
    }).then((ok) => {
      bbox.end(onWords);
      bboxEnded = true;
      pump();
      return ok;
    }),
  ]);
  if (!okXml || !okBbox) return null;
  const numPages = xml.count;
  if (!numPages) return null;
  checkPageLimit(numPages, opts);
  if (pdf && pdf.pages.length !== numPages) return 'other-pages';
  if (error) throw error;
  return await build.finish(path, buf, numPages);
}

/** Each page's lines from its runs and words, as they come; then what needs the whole document. */
class PageBuilder {
  private rects: Map<number, Box[]>;
  private diagnostics: Diagnostic[] = [];
  private fontCache = new Map<string, FontInfo & { size: number }>();
  private legacy: LegacyEncoding | undefined;
  private rotatedDropped = 0;
  private added = 0;
  private pages: PageModel[] = [];
  private needOcr: number[] = [];
  private unreadablePages: number[] = [];
  private junkLayerPages: number[] = [];
  private maybeScanned: Array<{ page: PageModel; suspect: boolean; empty: boolean }> = [];

  constructor(private pdf: { file: PdfFile; pages: PdfPage[] } | null) {
    this.rects = pdf ? annotationRects(pdf.file, pdf.pages) : new Map<number, Box[]>();
  }

  private fontOf(id: string, fonts: HtmlDoc['fonts']) {
    let f = this.fontCache.get(id);
    if (!f) {
      const spec = fonts.get(id);
      const name = spec?.name ?? id;
      f = { name, size: spec?.size ?? 10, ...fontStyle(name), legacy: legacyFontEncoding(name) };
      this.fontCache.set(id, f);
    }
    return f;
  }

  page(hp: HtmlPage, pageWords: PopplerWord[], fonts: HtmlDoc['fonts']): void {
    reportProgress();
    const p = hp.page;
    // each word of page content is an item, in its run's font
    const runOf = runsOfWords(pageWords, hp.runs);
    const pageRects = this.rects.get(p) ?? [];
    const items: Item[] = [];
    const outside: PopplerWord[] = [];
    pageWords.forEach((w, idx) => {
      const r = runOf[idx];
      if (!r) {
        if (rotated(w)) this.rotatedDropped++;
        else outside.push(w);
        return;
      }
      const f = this.fontOf(r.font, fonts);
      let s = w.text;
      if (f.legacy) {
        s = convertLegacy(s, f.legacy.encoding, { upper: f.legacy.upper });
        this.legacy = f.legacy.encoding;
      }
      // the baseline: a word's box is its font's ascent and descent (descent ~0.216 em)
      items.push({ s: s.normalize('NFC'), x: w.x0, y: w.y1 - 0.216 * f.size, w: w.x1 - w.x0, size: f.size, bold: f.bold, italic: f.italic, font: r.font, idx, word: true });
    });
    let lines = groupLines(items, p);
    const pm: PageModel = { page: p, width: hp.width, height: hp.height, lines, ocr: false };
    this.pages.push(pm);
    const layer = judgeTextLayer(lines.map(lineText));
    if (layer.unreadable) {
      this.unreadablePages.push(p);
      this.needOcr.push(p);
      pm.lines = [];
      return;
    }
    if (layer.little || layer.suspect) this.maybeScanned.push({ page: pm, suspect: layer.suspect, empty: layer.chars === 0 });
    // text the annotations draw (the number and day stamped at signing), into its lines
    if (outside.length && items.length) {
      const boxes: Box[] = items.map((it) => ({ x0: it.x, x1: it.x + it.w, y0: it.y - 0.8 * it.size, y1: it.y + 0.2 * it.size }));
      const extra = annotationWords(outside, [...pageRects, ...groupWords(outside.filter((w) => !pageRects.some((b) => inside(w, b))))], boxes);
      let idx = pageWords.length;
      for (const w of extra) {
        const { y, size } = snap(w, items);
        items.push({ s: w.text, x: w.x0, y, w: w.x1 - w.x0, size, bold: false, italic: false, idx: idx++, word: true });
        this.added++;
      }
      if (extra.length) pm.lines = lines = groupLines(items, p);
    }
  }

  async finish(file: string, buf: Buffer, numPages: number): Promise<EngineResult> {
    const { pdf, pages, needOcr, diagnostics, maybeScanned, junkLayerPages, unreadablePages, legacy, added, rotatedDropped } = this;
    // Little or junk text: a scan if the page shows an image; a short page of text otherwise.
    if (maybeScanned.length) {
      const list = await run('pdfimages', ['-list', file]);
      const withImage = list === null ? null : imagePages(list);
      for (const { page: pm, suspect, empty } of maybeScanned) {
        const scanned = withImage ? withImage.has(pm.page) : empty;
        if (scanned) {
          if (suspect) junkLayerPages.push(pm.page);
          needOcr.push(pm.page);
          pm.lines = [];
        }
      }
      needOcr.sort((a, b) => a - b);
    }
    // the rules of ruled tables, for pages that look like one
    const tabular = pages.filter((pm) => pm.lines.length && looksTabular(pm.lines)).map((pm) => pm.page);
    if (tabular.length) {
      try {
        // from the content streams where the file could be read, else from pdfjs
        const rules = pdf ? pageRules(pdf, tabular) : await pdfjsRules(buf, tabular);
        for (const pm of pages) {
          const segs = rules.get(pm.page);
          if (segs) pm.segments = segs;
        }
      } catch (e) {
        diagnostics.push({ severity: 'warning', stage: 'parse', message: `the rules of the tables on page(s) ${tabular.join(', ')} were not read: ${(e as Error)?.message ?? e}` });
      }
    }
    if (added) diagnostics.push({ severity: 'info', stage: 'parse', message: `${added} word(s) drawn by signature or form annotations read into their lines (poppler)` });
    diagnostics.push(...layerNotes(junkLayerPages, unreadablePages, rotatedDropped));
    return { numPages, pages, needOcr, diagnostics, ...(legacy ? { legacy } : {}) };
  }
}
