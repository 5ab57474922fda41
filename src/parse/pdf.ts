/**
 * PDF: text from an engine, rebuilt into blocks; pages without a usable text layer go through OCR.
 *
 *   pdf-poppler.ts / pdf-pdfjs.ts   the engines: positioned text items per page (poppler where it
 *                                   is installed, pdfjs otherwise), annotation text merged in
 *   pdf-model.ts                    items -> lines (same baseline; small raised items are
 *                                   superscripts); the text-layer verdict (junk, stamp only)
 *   pdf-furniture.ts                page numbers, running lines and the footnote area set aside
 *   pdf-zones.ts                    runs of lines sharing a gutter: two columns, or a table
 *   pdf-tables.ts                   tables from gutters, or from the rules drawn around cells
 *   pdf-blocks.ts                   lines joined into paragraphs
 *   pdf-layout.ts                   a page into blocks; pages joined (a paragraph cut by the
 *                                   page break, a table going on over pages)
 *   ocr.ts, ocr-rules.ts            pages without a text layer: tesseract's words, and the rules
 *                                   of ruled tables found in the image
 * This file runs them in order, OCRs what has no text layer, and marks signature stamps.
 */
import type { Diagnostic, RawBlock, RawDoc } from '../model/types.js';
import { convertLegacy, guessLegacyText } from './legacy.js';
import { ocrPdfPages, type OcrPage } from './ocr.js';
import { reportProgress } from '../model/progress.js';

// Shared text rules (also used by the DOCX parser).
export { LIST_MARKER, SIGNATURE_STAMP } from './markers.js';
import { SIGNATURE_STAMP } from './markers.js';
import { isPdf } from './guards.js';
import { groupLines, lineText, splitPieces, type EngineResult, type Frame, type Item, type Line, type PageModel, type ParsePdfOptions, type PBlock } from './pdf-model.js';
import { loadPdfjs, readPdfjs } from './pdf-pdfjs.js';
import { popplerMissing, readPoppler } from './pdf-poppler.js';
import { InputError, ToolError } from '../model/errors.js';
export { loadPdfjs };
export type { ParsePdfOptions };
import { type Footnote, dropFootnoteRefs, takeFootnotes, takeFurniture, takeRunningLines } from './pdf-furniture.js';
import { LAYOUT } from './pdf-blocks.js';
import { type PageBlocks, joinPages, layoutPage, pageFrame, typicalPitch } from './pdf-layout.js';

// ---------------------------------------------------------------------------
// The parser.

/**
 * The text engine: poppler (poppler-utils) where it is installed, pdfjs otherwise
 * or when CONGVAN_PDF_ENGINE=pdfjs (CONGVAN_PDF_ENGINE=poppler: poppler or nothing).
 */
async function readText(buf: Buffer, opts: ParsePdfOptions): Promise<EngineResult> {
  const want = process.env.CONGVAN_PDF_ENGINE;
  if (want !== 'pdfjs') {
    const r = await readPoppler(buf, opts);
    if (r) return r;
    if (want === 'poppler') {
      if (popplerMissing()) throw new ToolError('tool.missing', 'CONGVAN_PDF_ENGINE=poppler, but poppler is not installed (pdftohtml, pdftotext, pdfimages: Debian package poppler-utils)');
      throw new ToolError('tool.failed', 'CONGVAN_PDF_ENGINE=poppler, but poppler cannot read this PDF (pdftohtml or pdftotext failed on it)');
    }
  }
  return readPdfjs(buf, opts);
}

export async function parsePdf(buf: Buffer, file: string, opts: ParsePdfOptions = {}): Promise<RawDoc> {
  void file;
  if (!isPdf(buf)) throw new InputError('input.not-pdf', 'not a PDF file (no %PDF- header)');
  const read = await readText(buf, opts);
  const { numPages, pages, needOcr } = read;
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  let legacy: string | undefined = read.legacy;
  {
    // Text drawn in a legacy font whose name does not say so.
    if (!legacy) {
      const sample = pages.flatMap((pm) => pm.lines.map(lineText)).join('\n').slice(0, 20000);
      const guess = guessLegacyText(sample);
      if (guess) {
        legacy = guess;
        for (const pm of pages) for (const l of pm.lines) for (const it of l.items) it.s = convertLegacy(it.s, guess);
      }
    }
    if (legacy) diagnostics.push({ severity: 'info', stage: 'parse', message: `text in ${legacy.toUpperCase()} fonts converted to Unicode` });

    // OCR the pages that have no text layer.
    let ocrPages = 0;
    if (needOcr.length) {
      if (opts.ocr === false) {
        diagnostics.push({ severity: 'warning', stage: 'parse', message: `${needOcr.length} page(s) without a text layer were not read (OCR off): ${needOcr.join(', ')}` });
      } else {
        let results: OcrPage[] = [];
        try {
          results = await ocrPdfPages(buf, needOcr);
        } catch (e) {
          // Nothing else to read: the file fails, with the reason (e.g. which package to install).
          if (!pages.some((pm) => pm.lines.length > 0)) throw e instanceof Error ? e : new ToolError('tool.ocr-failed', `OCR failed: ${String(e)}`);
          diagnostics.push({ severity: 'warning', stage: 'parse', message: `pages ${needOcr.join(', ')} have no text layer and OCR failed: ${(e as Error)?.message ?? e}` });
        }
        for (const r of results) {
          const pm = pages.find((x) => x.page === r.page);
          if (!pm) continue;
          ocrInto(pm, r);
          ocrPages++;
          for (const h of r.handwriting ?? []) {
            const what = h.field === 'number' ? 'number after "Số:"' : `${h.field === 'day' ? 'day' : 'month'} of the date line`;
            diagnostics.push(
              h.printed
                ? { severity: 'info', stage: 'parse', message: `page ${r.page}: the printed ${what} read again digit by digit as ${h.value} (confidence ${h.confidence.toFixed(2)}; OCR had "${h.read}"): check it` }
                : h.value !== null
                ? { severity: 'info', stage: 'parse', message: `page ${r.page}: the handwritten ${what} read as ${h.value} from the ink (handwriting, confidence ${h.confidence.toFixed(2)}; OCR had "${h.read}"): check it` }
                : { severity: h.why ? 'warning' : 'info', stage: 'parse', message: `page ${r.page}: the ${what} is handwritten and could not be read ${h.why ? `(${h.why})` : 'with confidence'} (OCR had "${h.read}"): left out` },
            );
          }
          if (r.meanConfidence < 70) diagnostics.push({ severity: 'warning', stage: 'parse', message: `page ${r.page}: OCR confidence is low (${r.meanConfidence.toFixed(0)}%)` });
        }
        if (ocrPages) diagnostics.push({ severity: 'info', stage: 'parse', message: `OCR (tesseract, vie) read ${ocrPages} page(s) without a text layer: ${needOcr.join(', ')}` });
      }
    }

    const out = layoutPages(pages, diagnostics);
    const textPages = pages.filter((pm) => pm.lines.length > 0).length;
    const result: RawDoc = {
      format: ocrPages > 0 && ocrPages >= textPages - ocrPages ? 'scan' : 'pdf',
      blocks: out,
      pages: numPages,
      diagnostics,
    };
    if (legacy) result.legacyEncoding = legacy;
    return result;
  }
}

/** The size most of a page's text has (by characters). */
function usualSize(pm: PageModel): number {
  const bySize = pm.lines.flatMap((l) => l.items.map((it) => ({ size: it.size, n: it.s.length }))).sort((a, b) => a.size - b.size);
  const total = bySize.reduce((n, w) => n + w.n, 0);
  let acc = 0;
  return bySize.find((w) => (acc += w.n) >= total / 2)?.size ?? 0;
}

/** A numbered item's number glued to its first word by OCR. */
const OCR_GLUED_NUMBER = /^(\d{1,3})\.{1,2}(?=\p{Lu}\p{Ll}*\p{L}*$)/u;

/** An OCR'd page's words as the page's lines. */
export function ocrInto(pm: PageModel, r: OcrPage): void {
  const items: Item[] = [];
  for (const w of r.words) {
    const s = w.text.normalize('NFC');
    const item = { x: w.x, y: w.baseline, size: w.size, bold: false, italic: false };
    // an item's number read glued to its text, its dot often doubled: "19..UBND" is "19." "UBND"
    const glued = OCR_GLUED_NUMBER.exec(s);
    if (glued) {
      const k = w.w / [...s].length;
      const rest = s.slice(glued[0].length);
      const num = `${glued[1]}.`;
      items.push({ ...item, s: num, w: k * num.length, idx: items.length });
      // the text a character's width after it (a space, as printed)
      items.push({ ...item, s: rest, x: w.x + k * (num.length + 1), w: k * ([...rest].length - 1), idx: items.length });
    } else items.push({ ...item, s, w: w.w, idx: items.length });
  }
  pm.width = r.width;
  pm.height = r.height;
  pm.lines = groupLines(items, r.page);
  pm.ocr = true;
  if (r.rules?.length) pm.segments = r.rules;
}

/**
 * The pages' lines as blocks: furniture and footnotes set aside, each page laid out, pages
 * joined, signature stamps marked; page numbers and footnotes placed after their page's text.
 */
export function layoutPages(pages: PageModel[], diagnostics: Diagnostic[]): RawBlock[] {
  // Body font size over the whole document.
  const sizeWeight = new Map<number, number>();
  for (const pm of pages) for (const l of pm.lines) for (const it of l.items) {
    const k = Math.round(it.size * 2) / 2;
    sizeWeight.set(k, (sizeWeight.get(k) ?? 0) + it.s.length);
  }
  const body = [...sizeWeight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;

  // Furniture and footnotes, page by page.
  const furniture: RawBlock[] = [];
  const footnotes: Footnote[] = [];
  const frames = new Map<number, Frame>();
  takeRunningLines(pages, furniture);
  for (const pm of pages) {
    takeFurniture(pm, furniture);
    const frame = pageFrame(pm.lines, body, pm.width);
    frames.set(pm.page, frame);
    footnotes.push(...takeFootnotes(pm, body, frame.right, footnotes.length));
  }
  const numbers = new Set(footnotes.map((f) => f.number));
  let refs = 0;
  for (const pm of pages) refs += dropFootnoteRefs(pm.lines, numbers);
  // OCR reads a raised footnote number glued to its word, often as a quote: "xã'." -> "xã."
  for (const pm of pages) {
    if (!pm.ocr || !footnotes.some((f) => f.page === pm.page)) continue;
    for (const l of pm.lines) for (const it of l.items) {
      const t = it.s.replace(/(\p{Ll})['’‘`¹²³]+(?=[.,;:]?$)/u, '$1');
      if (t !== it.s) {
        it.s = t;
        refs++;
      }
    }
  }
  // Rebuild lines whose items changed (dropped references).
  for (const pm of pages) pm.lines = pm.lines.map((l) => (l.items.some((i) => i.dropped) ? { ...l, pieces: splitPieces(l.items.filter((i) => !i.dropped)) } : l));

  // Frames from all pages of the same width (a short last page has few lines).
  const byWidth = new Map<number, Line[]>();
  for (const pm of pages) {
    const k = Math.round(pm.width);
    let ls = byWidth.get(k);
    if (!ls) byWidth.set(k, (ls = []));
    for (const l of pm.lines) ls.push(l);
  }
  const docFrames = new Map<number, Frame>();
  for (const [k, ls] of byWidth) docFrames.set(k, pageFrame(ls, body, k));

  const pitch = typicalPitch(pages);
  const pageBlocks: PageBlocks[] = pages.map((pm) => {
    reportProgress();
    LAYOUT.ocr = pm.ocr;
    LAYOUT.pitch = pitch;
    LAYOUT.usual = pm.ocr ? usualSize(pm) : 0;
    const frame = docFrames.get(Math.round(pm.width)) ?? frames.get(pm.page)!;
    try {
      return layoutPage(pm, body, frame);
    } catch (e) {
      // Odd content must not lose the page: one block per line, and say so.
      diagnostics.push({ severity: 'warning', stage: 'parse', message: `page ${pm.page}: layout failed (${(e as Error)?.message ?? e}); lines kept one per block` });
      const blocks: PBlock[] = pm.lines
        .filter((l) => l.items.length)
        .map((l) => ({ kind: 'paragraph', text: lineText(l), page: pm.page, lines: [l], size: l.size, bold: false, italic: false, frame, endedEarly: true, zone: true }));
      return { page: pm.page, blocks };
    } finally {
      LAYOUT.ocr = false;
      LAYOUT.pitch = 1.3;
      LAYOUT.usual = 0;
    }
  });
  const blocks = joinPages(pageBlocks, diagnostics);

  // Signature stamps: runs of small print holding an e-signature line.
  markStamps(blocks, body);

  const out: RawBlock[] = [];
  for (const b of blocks) out.push(toRaw(b));
  // Page numbers go after the last block that starts on their page.
  for (const f of furniture) {
    let at = out.length;
    for (let k = 0; k < out.length; k++) if ((out[k]!.page ?? 0) > (f.page ?? 0) && !out[k]!.furniture) {
      at = k;
      break;
    }
    out.splice(at, 0, f);
  }
  const nPage = furniture.filter((f) => f.furniture === 'pageNumber').length;
  const nRun = furniture.length - nPage;
  if (nPage) diagnostics.push({ severity: 'info', stage: 'parse', message: `${nPage} page number(s) set aside as page furniture` });
  if (nRun) diagnostics.push({ severity: 'info', stage: 'parse', message: `${nRun} running header/footer line(s) set aside as page furniture` });
  for (const f of footnotes) out.push({ kind: 'footnote', text: f.text, page: f.page });
  if (footnotes.length) diagnostics.push({ severity: 'info', stage: 'parse', message: `${footnotes.length} footnote(s) found, ${refs} reference mark(s) taken out of the text` });
  const tables = out.filter((b) => b.kind === 'table');
  for (const t of tables) diagnostics.push({ severity: 'info', stage: 'parse', message: `table on page ${t.page}: ${t.rows!.length} rows of ${t.rows![0]?.length ?? 0} cells (${t.headerRows ?? 0} header row)` });
  if (!out.some((b) => !b.furniture && (b.text || b.rows?.length))) {
    diagnostics.push({ severity: 'warning', stage: 'parse', message: 'no text found in the PDF' });
  }
  return out;
}

function markStamps(blocks: PBlock[], body: number): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.table || b.size > 0.7 * body || !SIGNATURE_STAMP.test(b.text)) continue;
    // the run of small blocks around it
    let s = i;
    while (s > 0 && !blocks[s - 1]!.table && blocks[s - 1]!.size <= 0.7 * body && blocks[s - 1]!.kind !== 'footnote') s--;
    let e = i;
    while (e + 1 < blocks.length && !blocks[e + 1]!.table && blocks[e + 1]!.size <= 0.7 * body) e++;
    for (let k = s; k <= e; k++) blocks[k]!.furniture = 'signatureStamp';
    i = e;
  }
}

function toRaw(b: PBlock): RawBlock {
  if (b.table) {
    return { kind: 'table', text: '', page: b.page, rows: b.table.rows, headerRows: b.table.headerRows };
  }
  const r: RawBlock = { kind: b.kind, text: b.text, page: b.page };
  if (b.bold) r.bold = true;
  if (b.italic) r.italic = true;
  if (b.align) r.align = b.align;
  if (b.column) r.column = b.column;
  if (b.furniture) r.furniture = b.furniture;
  return r;
}

