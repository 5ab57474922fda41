/**
 * The pdfjs engine (pdfjs-dist, legacy build): the fallback where poppler is not installed
 * (or CONGVAN_PDF_ENGINE=pdfjs), and the reader of table rules for the poppler engine.
 *
 * pdfjs gives positioned text items in drawing order; fonts (bold, italic, legacy
 * encodings) and table rules come from the page's operator list, read only for unseen fonts
 * or a page that looks like a table (it decodes every image on the page). Text drawn by
 * signature widgets is read with poppler when it is there (pdf-widgets.ts).
 */
import type { Diagnostic } from '../model/types.js';
import type { PDFDocumentProxy, PDFOperatorList, PDFPageProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { convertLegacy, legacyFontEncoding, type LegacyEncoding } from './legacy.js';
import { reportProgress } from '../model/progress.js';
import { InputError } from '../model/errors.js';
import { mul, pathSegments, type Matrix } from './pdf-rules.js';
import { TEXT_ANNOTATIONS, annotationWords, popplerWords, snap, type Box } from './pdf-widgets.js';
import { checkPageLimit, fontStyle, groupLines, isSpace, judgeTextLayer, layerNotes, type EngineResult, type FontInfo, type Item, type PageModel, type ParsePdfOptions, type Segment } from './pdf-model.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<Pdfjs> | null = null;


/** The pdfjs-dist legacy build (the only one that runs in Node), imported once. */
export function loadPdfjs(): Promise<Pdfjs> {
  if (!pdfjsPromise) {
    pdfjsPromise = (async () => {
      // The legacy build carries core-js polyfills that replace Array.prototype.push and
      // JSON.parse/stringify for the whole process with slower versions (Node 20 has
      // everything pdfjs needs from them). Keep the native ones.
      const push = Array.prototype.push;
      const { parse, stringify } = JSON;
      try {
        const m = await import('pdfjs-dist/legacy/build/pdf.mjs');
        // Load the worker code now (pdfjs runs it in this thread: the "fake worker"), so its
        // polyfills also come and go here, and getDocument need not import it later.
        const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
        const w: unknown = await import(workerModule);
        (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= w;
        return m;
      } finally {
        Array.prototype.push = push;
        JSON.parse = parse;
        JSON.stringify = stringify;
      }
    })();
    pdfjsPromise.catch(() => {
      pdfjsPromise = null;
    });
  }
  return pdfjsPromise;
}

/** Open a PDF with pdfjs; the errors say what is wrong with the file. */
export async function openPdfjs(buf: Buffer): Promise<{ pdfjs: Pdfjs; doc: PDFDocumentProxy }> {
  const pdfjs = await loadPdfjs();
  try {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice(),
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
      stopAtErrors: false,
    }).promise;
    return { pdfjs, doc };
  } catch (e) {
    const err = e as { name?: string; message?: string } | undefined;
    const name = err?.name ?? '';
    if (name === 'PasswordException') throw new InputError('input.encrypted', 'the PDF is password-protected: it cannot be opened without its password', { cause: e });
    if (/\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/.test(buf.toString('latin1'))) throw new InputError('input.encrypted', `the PDF is encrypted and cannot be decrypted (${err?.message ?? e})`, { cause: e });
    if (name === 'InvalidPDFException') throw new InputError('input.pdf-damaged', `the PDF is damaged: its structure cannot be read (${err?.message})`, { cause: e });
    throw new InputError('input.pdf-damaged', `the PDF cannot be read (${err?.message ?? e})`, { cause: e });
  }
}

/** pdfjs items as lines of text (an item that ends a line says so). */
function lineStrings(items: { str: string; hasEOL?: boolean }[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const it of items) {
    cur += it.str;
    if (it.hasEOL) {
      out.push(cur);
      cur = '';
    } else cur += ' ';
  }
  if (cur.trim()) out.push(cur);
  return out;
}

const IMAGE_OPS = (pdfjs: Pdfjs) => new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintImageMaskXObject]);

/** Read every page's text with pdfjs. */
export async function readPdfjs(buf: Buffer, opts: ParsePdfOptions): Promise<EngineResult> {
  const { pdfjs, doc } = await openPdfjs(buf);
  const diagnostics: Diagnostic[] = [];
  try {
    const numPages: number = doc.numPages;
    if (!(numPages > 0)) throw new InputError('input.no-pages', 'the PDF has no pages');
    // the page limit is checked here, on the document the parser opens anyway, not by opening it twice
    checkPageLimit(numPages, opts);
    const fontCache = new Map<string, FontInfo>();
    const pages: PageModel[] = [];
    const needOcr: number[] = [];
    const unreadablePages: number[] = [];
    let legacy: LegacyEncoding | undefined;
    let rotatedDropped = 0;
    const annotRects = new Map<number, Box[]>();
    const junkLayerPages: number[] = [];
    for (let p = 1; p <= numPages; p++) {
      reportProgress();
      let page: PDFPageProxy;
      try {
        page = await doc.getPage(p);
      } catch (e) {
        diagnostics.push({ severity: 'warning', stage: 'parse', message: `page ${p} cannot be read: ${(e as Error)?.message ?? e}` });
        continue;
      }
      const viewport = page.getViewport({ scale: 1 });
      // annotations whose appearance may carry text (the number and day an e-office stamps)
      try {
        const annots: Array<{ subtype?: string; rect?: number[] }> = await page.getAnnotations();
        const rects: Box[] = [];
        for (const a of annots) {
          if (!TEXT_ANNOTATIONS.has(a?.subtype ?? '') || !Array.isArray(a.rect)) continue;
          const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(a.rect) as number[];
          rects.push({ x0: Math.min(x0!, x1!), y0: Math.min(y0!, y1!), x1: Math.max(x0!, x1!), y1: Math.max(y0!, y1!) });
        }
        if (rects.length) annotRects.set(p, rects);
      } catch {
        /* no annotations read */
      }
      let items0: TextItem[];
      try {
        items0 = (await page.getTextContent()).items.filter((it): it is TextItem => 'str' in it);
      } catch (e) {
        diagnostics.push({ severity: 'warning', stage: 'parse', message: `page ${p}: text cannot be read: ${(e as Error)?.message ?? e}` });
        items0 = [];
      }
      const raw = items0.filter((it) => typeof it.str === 'string' && it.str.length > 0 && !isSpace(it.str));
      const layer = judgeTextLayer(lineStrings(raw));
      if (layer.unreadable) unreadablePages.push(p);
      // Little or no text: a scan if the page shows an image; a short page of text otherwise.
      let scanned = layer.unreadable;
      if (!layer.unreadable && (layer.little || layer.suspect)) {
        try {
          const ops = await page.getOperatorList();
          const IMAGE = IMAGE_OPS(pdfjs);
          scanned = ops.fnArray.some((f) => IMAGE.has(f));
        } catch {
          scanned = layer.chars === 0;
        }
        if (scanned && layer.suspect) junkLayerPages.push(p);
        if (!scanned && layer.chars === 0) {
          pages.push({ page: p, width: viewport.width, height: viewport.height, lines: [], ocr: false });
          page.cleanup?.();
          continue;
        }
      }
      if (scanned) {
        needOcr.push(p);
        pages.push({ page: p, width: viewport.width, height: viewport.height, lines: [], ocr: false });
        page.cleanup?.();
        continue;
      }
      const items: Item[] = [];
      raw.forEach((it, idx) => {
        const m = pdfjs.Util.transform(viewport.transform, it.transform) as number[];
        const horizontal = Math.abs(m[1]!) <= 0.2 * Math.abs(m[0]!) && Math.abs(m[0]!) > 0;
        if (!horizontal) {
          rotatedDropped++;
          return;
        }
        items.push({
          s: it.str,
          x: m[4]!,
          y: m[5]!,
          w: it.width * Math.hypot(viewport.transform[0]!, viewport.transform[1]!),
          size: Math.hypot(m[2]!, m[3]!) || Math.abs(m[3]!) || it.height || 10,
          bold: false,
          italic: false,
          font: it.fontName,
          idx,
        });
      });
      let lines = groupLines(items, p);
      // The operator list gives font names (bold, italic, legacy encodings) and the rules of
      // ruled tables. Read it only for unseen fonts or a page that looks like a table.
      const unseen = [...new Set(items.map((it) => it.font!))].filter((f) => !fontCache.has(f));
      const tabular = looksTabular(lines);
      let segments: Segment[] | undefined;
      if (unseen.length || tabular) {
        try {
          const ops = await page.getOperatorList();
          if (tabular) segments = segmentsFromOps(ops, pdfjs.OPS, viewport.transform as Matrix);
        } catch {
          /* fonts stay unknown, no rules */
        }
        for (const f of unseen) {
          let name = f;
          try {
            if (page.commonObjs.has(f)) name = (page.commonObjs.get(f) as { name?: string } | undefined)?.name ?? f;
          } catch {
            /* keep the id */
          }
          fontCache.set(f, { name, ...fontStyle(name), legacy: legacyFontEncoding(name) });
        }
      }
      for (const it of items) {
        const font = fontCache.get(it.font!);
        if (font) {
          it.bold = font.bold;
          it.italic = font.italic;
          if (font.legacy) {
            it.s = convertLegacy(it.s, font.legacy.encoding, { upper: font.legacy.upper });
            legacy = font.legacy.encoding;
          }
        }
        it.s = it.s.normalize('NFC');
      }
      if (legacy) lines = groupLines(items, p);
      pages.push({ page: p, width: viewport.width, height: viewport.height, lines, ocr: false, ...(segments ? { segments } : {}) });
      page.cleanup?.();
    }
    await mergeAnnotationText(buf, pages, annotRects, diagnostics);
    diagnostics.push(...layerNotes(junkLayerPages, unreadablePages, rotatedDropped));
    return { numPages, pages, needOcr, diagnostics, ...(legacy ? { legacy } : {}) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** A page whose lines look like a table: several lines of three pieces, or many of two. */
export function looksTabular(lines: PageModel['lines']): boolean {
  return lines.filter((l) => l.pieces.length >= 3).length >= 2 || lines.filter((l) => l.pieces.length >= 2).length >= 6;
}

/**
 * The rules drawn on the given pages (for the poppler engine's tables): pdfjs's operator
 * list, read only for these pages.
 */
export async function pdfjsRules(buf: Buffer, pageNumbers: number[]): Promise<Map<number, Segment[]>> {
  const out = new Map<number, Segment[]>();
  if (!pageNumbers.length) return out;
  const { pdfjs, doc } = await openPdfjs(buf);
  try {
    for (const p of pageNumbers) {
      try {
        const page = await doc.getPage(p);
        const viewport = page.getViewport({ scale: 1 });
        out.set(p, segmentsFromOps(await page.getOperatorList(), pdfjs.OPS, viewport.transform as Matrix));
        page.cleanup?.();
      } catch {
        /* no rules for this page */
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Ruled tables: the lines a word processor draws around table cells, from the operator list.

/** Axis-parallel line segments drawn on the page (strokes, and thin filled rectangles). */
export function segmentsFromOps(ops: PDFOperatorList, OPS: Pdfjs['OPS'], viewport: Matrix): Segment[] {
  const segs: Segment[] = [];
  let ctm: Matrix = viewport;
  const stack: Matrix[] = [];
  const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set([OPS.fill, OPS.eoFill]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    // an operator's arguments: numbers, or for constructPath [paint op, [path buffer]]
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? viewport;
    else if (fn === OPS.transform) ctm = mul(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = mul(ctm, Array.from(m as ArrayLike<number>) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? viewport;
    else if (fn === OPS.constructPath) {
      const paint = args?.[0] as number;
      const buf = (args?.[1] as Array<ArrayLike<number>> | undefined)?.[0] ?? null;
      if (!buf || (!STROKES.has(paint) && !FILLS.has(paint))) continue;
      pathSegments(buf, FILLS.has(paint), ctm, segs);
    }
  }
  return segs;
}



/**
 * Text drawn by annotations (pdf-widgets.ts) put into the lines it fills in: each word
 * takes the baseline of the page text it overlaps, so "Số:" + "12094" + "/BNV-CCHC" make
 * one line.
 */
async function mergeAnnotationText(buf: Buffer, pages: PageModel[], rects: Map<number, Box[]>, diagnostics: Diagnostic[]): Promise<void> {
  const withText = pages.filter((pm) => !pm.ocr && pm.lines.length && rects.has(pm.page));
  if (!withText.length) return;
  const first = withText[0]!.page;
  const last = withText[withText.length - 1]!.page;
  const words = await popplerWords(buf, first, last);
  if (!words) {
    diagnostics.push({ severity: 'warning', stage: 'parse', message: `page(s) ${withText.map((pm) => pm.page).join(', ')} carry signature or form annotations whose text (often the number and day stamped at signing) was not read: install poppler-utils` });
    return;
  }
  let added = 0;
  for (const pm of withText) {
    const items = pm.lines.flatMap((l) => l.items);
    const boxes: Box[] = items.map((it) => ({ x0: it.x, x1: it.x + it.w, y0: it.y - 0.8 * it.size, y1: it.y + 0.2 * it.size }));
    const extra = annotationWords(words.get(pm.page) ?? [], rects.get(pm.page)!, boxes);
    if (!extra.length) continue;
    let idx = Math.max(0, ...items.map((it) => it.idx)) + 1;
    for (const w of extra) {
      const { y, size } = snap(w, items);
      items.push({ s: w.text, x: w.x0, y, w: w.x1 - w.x0, size, bold: false, italic: false, idx: idx++ });
      added++;
    }
    pm.lines = groupLines(items, pm.page);
  }
  if (added) diagnostics.push({ severity: 'info', stage: 'parse', message: `${added} word(s) drawn by signature or form annotations read into their lines (poppler)` });
}
