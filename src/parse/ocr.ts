/**
 * OCR for PDF pages without a text layer (scans).
 *
 * Each page is rendered to a grey PGM with `pdftoppm` (poppler-utils) and read with
 * `tesseract … -l vie --psm 4 hocr` (tesseract-ocr, tesseract-ocr-vie). The hOCR gives
 * every word with its box, and each line its baseline and size; we turn the boxes into positioned words (PDF points, y down
 * from the top of the page, on the baseline of their line) so the PDF parser can rebuild
 * lines, columns and paragraphs from them exactly as it does for a text layer.
 *
 * Speed, measured on the real scans (corpus/real/scan, 38 pages, 2 cores): the page image is
 * written as PGM, not PNG. pdftoppm's PNG encoder took 5–10 s a page on noisy JPEG scans
 * (4 MB of PNG that hardly compresses), several times what tesseract itself needs (1–3 s);
 * PGM is the same pixels written raw (0.1–0.3 s), and with `--dpi` (a PGM carries no
 * resolution) tesseract gives the same hOCR as it did from the PNG. Pages run in
 * parallel, one tesseract per core with OMP_THREAD_LIMIT=1 (its own threads gained nothing
 * and fight the other pages), and each page reports progress to the batch (reportProgress),
 * whose per-file time limit then counts from that page.
 *
 * Kept at 300 dpi, grey: at 250 dpi (or a 250 dpi scan's own resolution) tesseract is ~15 %
 * faster and reads about as many words, but other header glyphs ('tháng 1]' for 'tháng 11',
 * 'QUYÉT'), and the header the PDF parser rebuilds from the words changed on 3 of the 14
 * scans (fewer dates, places and issuers found); 200 dpi lost header words; colour reads the
 * same words ~35 % slower; above 300 only costs time.
 *
 * The first page's handwritten number ("Số: 2388 /C04-P6") and day of the date line, which
 * tesseract reads as noise, are read from the ink by digits.ts and put in the words in its place.
 *
 * The words are then turned back by the page's skew, and the rules of ruled tables are found in
 * the image in that frame (ocr-rules.ts), so the PDF parser builds the tables from them as from a
 * text layer's drawn rules; each column of such a table is read again on its own, the columns
 * stacked in one image (readGridColumns).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { reportProgress } from '../model/progress.js';
import { ToolError } from '../model/errors.js';
import { readHandwriting, type HandwrittenValue } from './digits.js';
import { bandsToSegments, closeGrids, stackPgm, deskewWords, dropRuleGlyphs, findRuleBands, flatGrey, isInk, luma, pageSkew, type RgbImage, type RuleBand, type SlopedLine } from './ocr-rules.js';
import { findGrids, vCovers, type Grid } from './pdf-tables.js';
import type { Segment } from './pdf-model.js';

export interface OcrWord {
  text: string;
  /** Left edge, points. */
  x: number;
  /** Baseline of the word's line, points from the top of the page. */
  baseline: number;
  /** Width, points. */
  w: number;
  /** Estimated font size, points. */
  size: number;
  /** Tesseract's confidence, 0..100. */
  conf: number;
  /**
   * Each code point's left and right edge (points), in pairs, where tesseract gave character boxes
   * (hocr_char_boxes): where a word runs printed text into handwriting ("Số:52ø/BCA-V01"), the
   * printed characters' edges say where the handwriting stands.
   */
  chars?: number[];
}

export interface OcrPage {
  page: number;
  /** Page size in points. */
  width: number;
  height: number;
  words: OcrWord[];
  meanConfidence: number;
  /** The header's handwritten number and date as read from the ink (first page only; see digits.ts). */
  handwriting?: HandwrittenValue[];
  /** The rules printed on the page (table borders), in the words' frame (ocr-rules.ts). */
  rules?: Segment[];
}

export interface OcrOptions {
  /** Rendering resolution (default 300 dpi: see the note at the top). */
  dpi?: number;
  /** Tesseract language (default 'vie'). */
  lang?: string;
  /** Tesseract page segmentation mode (default 4: one column of text of variable sizes). */
  psm?: number;
  /** Time limit per page for each tool, ms (default 120 000). */
  timeoutMs?: number;
  /** Pages read at the same time (default: the cores available, at most 8). */
  concurrency?: number;
}

/** A tool that failed (tool.missing, tool.timeout, tool.failed), with what it wrote before failing. */
type RunError = ToolError & { stdout?: string; stderr?: string };

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        let out: RunError;
        if (e.code === 'ENOENT') out = new ToolError('tool.missing', `${cmd} not found`, { cause: err });
        else if (e.killed || e.signal === 'SIGTERM') out = new ToolError('tool.timeout', `${cmd} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`, { cause: err });
        else out = new ToolError('tool.failed', `${cmd} failed: ${String(stderr || e.message).trim().split('\n').slice(-3).join(' ')}`, { cause: err });
        // what it wrote before failing (some tesseract versions exit non-zero after listing)
        out.stdout = String(stdout ?? '');
        out.stderr = String(stderr ?? '');
        reject(out);
      } else resolve({ stdout, stderr });
    });
  });
}

const checked = new Map<string, Promise<void>>();

/**
 * The languages in the output of `tesseract --list-langs`, whichever stream it came on
 * (stdout on tesseract >= 4, stderr on 3.x), and the data folder it names in its first line
 * ('List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):').
 */
export function parseListLangs(out: string): { langs: string[]; dir: string | null } {
  const langs: string[] = [];
  let dir: string | null = null;
  for (const raw of out.replace(/^\uFEFF/, '').split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (!line) continue;
    const head = /^List of available languages(?: in "([^"]*)")?/i.exec(line);
    if (head) {
      dir = head[1] ?? dir;
      continue;
    }
    // a language is one word (a data file's name, maybe in a sub-folder: "script/Latin");
    // anything else is a warning or an error message
    if (/^[\w.+-]+(?:\/[\w.+-]+)*$/.test(line)) langs.push(line);
  }
  return { langs, dir };
}

/** Whether `<lang>.traineddata` sits in a folder tesseract reads (the one it named, else TESSDATA_PREFIX, else the usual ones). */
function hasTraineddata(lang: string, dir: string | null): boolean {
  const dirs = dir ? [dir] : process.env.TESSDATA_PREFIX ? [process.env.TESSDATA_PREFIX, join(process.env.TESSDATA_PREFIX, 'tessdata')] : ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata', '/usr/share/tessdata', '/usr/local/share/tessdata'];
  return dirs.some((d) => existsSync(join(d, `${lang}.traineddata`)));
}

const missingLang = (lang: string) =>
  new ToolError(
    'tool.missing',
    lang === 'vie'
      ? 'OCR needs the Vietnamese language data for tesseract: install the Debian package tesseract-ocr-vie (apt-get install tesseract-ocr-vie)'
      : `OCR needs the tesseract language data '${lang}': install the Debian package tesseract-ocr-${lang}`,
  );

/**
 * Check that OCR can run: the `tesseract` binary, its language data and `pdftoppm`.
 * Throws a ToolError (tool.missing) naming the Debian package to install. A package is named only when it
 * is missing: the language list is read from stdout and stderr, also when tesseract exits
 * with an error, and a language it does not list but whose data file is in its data folder
 * counts as there; a check that fails for another reason (a time-out on a busy machine)
 * says so and is tried again on the next call.
 */
export function ensureOcrAvailable(lang = 'vie'): Promise<void> {
  const known = checked.get(lang);
  if (known) return known;
  const p = (async () => {
    let out: string;
    try {
      const r = await run('tesseract', ['--list-langs'], 60000);
      out = r.stdout + '\n' + r.stderr;
    } catch (e) {
      const err = e as RunError;
      if (err.code === 'tool.missing') throw new ToolError('tool.missing', 'OCR needs the tesseract program: install the Debian package tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-vie)');
      out = (err.stdout ?? '') + '\n' + (err.stderr ?? '');
      if (!parseListLangs(out).langs.length && !hasTraineddata(lang, null)) throw new ToolError(err.code === 'tool.timeout' ? 'tool.timeout' : 'tool.failed', `OCR: could not list tesseract's languages (${err.message})`, { cause: err });
    }
    const { langs, dir } = parseListLangs(out);
    if (!langs.includes(lang) && !hasTraineddata(lang, dir)) throw missingLang(lang);
    try {
      await run('pdftoppm', ['-v'], 60000);
    } catch (e) {
      if ((e as RunError).code === 'tool.missing') throw new ToolError('tool.missing', 'OCR needs the pdftoppm program to render pages: install the Debian package poppler-utils (apt-get install poppler-utils)');
      // pdftoppm -v exits 0 on poppler >= 0.x; other failures are not fatal here
    }
  })();
  checked.set(lang, p);
  p.catch(() => {
    if (checked.get(lang) === p) checked.delete(lang);
  });
  return p;
}

/** Whether OCR can run on this machine (never throws). */
export async function hasOcr(lang = 'vie'): Promise<boolean> {
  try {
    await ensureOcrAvailable(lang);
    return true;
  } catch {
    return false;
  }
}

/** Tesseract's options for character boxes in its hOCR (OcrWord.chars): the same words, each character's box with them. */
export const TESS_CHAR_BOXES = ['-c', 'hocr_char_boxes=1'];

const decodeHtml = (t: string) =>
  t.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/**
 * Words of a tesseract hOCR page, placed on their line's baseline, in points. Tesseract
 * gives each line a baseline and an x_size (about 0.96 em).
 */
export function wordsFromHocr(hocr: string, dpi: number): { words: OcrWord[]; meanConfidence: number; lines: SlopedLine[] } {
  const k = 72 / dpi;
  const lineRe = /<span class=['"]ocr_(?:line|caption|textfloat|header)['"][^>]*title=['"]([^'"]*)['"][^>]*>/g;
  const starts: Array<{ at: number; title: string }> = [];
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(hocr))) starts.push({ at: lineRe.lastIndex, title: m[1]! });
  const words: OcrWord[] = [];
  let confSum = 0;
  let confN = 0;
  const lines: Array<{ baseline: number; size: number; ws: Array<{ text: string; x0: number; x1: number; conf: number; chars?: number[] }> }> = [];
  const sloped: SlopedLine[] = [];
  starts.forEach((st, i) => {
    const body = hocr.slice(st.at, i + 1 < starts.length ? starts[i + 1]!.at : hocr.length);
    const bbox = /bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)/.exec(st.title);
    if (!bbox) return;
    const [x0, , , y1] = bbox.slice(1).map(Number) as [number, number, number, number];
    const bl = /baseline (-?[\d.]+) (-?[\d.]+)/.exec(st.title);
    const slope = bl ? Number(bl[1]) : 0;
    const offset = bl ? Number(bl[2]) : 0;
    const xs = /x_size (-?[\d.]+)/.exec(st.title);
    const ws: Array<{ text: string; x0: number; x1: number; conf: number; chars?: number[] }> = [];
    const opens = [...body.matchAll(/<span class=['"]ocrx_word['"][^>]*title=['"]bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)['"][^>]*>/g)];
    opens.forEach((w, j) => {
      // the word's body runs to the next word (with hocr_char_boxes it holds a span per character)
      const inner = body.slice(w.index! + w[0].length, j + 1 < opens.length ? opens[j + 1]!.index : body.length);
      const cinfo = [...inner.matchAll(/<span class=['"]ocrx_cinfo['"][^>]*title=['"]x_bboxes (\d+) \d+ (\d+) \d+[^'"]*['"][^>]*>([^<]*)<\/span>/g)];
      const text = decodeHtml((cinfo.length ? cinfo.map((c) => c[3]!).join('') : inner.replace(/<\/span>[\s\S]*$/, '')).replace(/<[^>]+>/g, '')).trim();
      if (!text) return;
      const word: (typeof ws)[number] = { text, x0: Number(w[1]), x1: Number(w[3]), conf: Number(w[5]) };
      if (cinfo.length) {
        // each code point of the word's text with its character's left and right edge
        const chars: number[] = [];
        for (const c of cinfo) for (const _ of decodeHtml(c[3]!)) chars.push(Number(c[1]), Number(c[2]));
        if (chars.length === 2 * [...text].length) word.chars = chars;
      }
      ws.push(word);
    });
    if (!ws.length) return;
    // two words of a line never overlap: a box that runs over the next word took in a stroke
    // through both (a signature's line under "Thượng tá"); it ends a space before the next word
    ws.sort((a, b) => a.x0 - b.x0);
    const gap = Math.max(2, (xs ? Number(xs[1]) : Number(bbox[4]) - Number(bbox[2])) * 0.2);
    for (let i = 0; i + 1 < ws.length; i++) {
      const next = ws[i + 1]!.x0;
      if (ws[i]!.x1 > next && next > ws[i]!.x0) ws[i]!.x1 = Math.max(ws[i]!.x0 + 1, Math.round(next - gap));
    }
    const mid = (ws[0]!.x0 + ws[ws.length - 1]!.x1) / 2;
    const baseline = y1 + offset + slope * (mid - x0);
    sloped.push({ slope, width: ws[ws.length - 1]!.x1 - ws[0]!.x0 });
    const size = xs ? Number(xs[1]) / 0.96 : (y1 - Number(bbox[2])) / 1.2;
    lines.push({ baseline, size: Math.max(4, size * k), ws });
  });
  // A line of a few words gives a rough size: take its neighbours' when they agree.
  lines.sort((a, b) => a.baseline - b.baseline);
  const raw = lines.map((l) => l.size);
  lines.forEach((l, i) => {
    const near = [raw[i - 2], raw[i - 1], raw[i + 1], raw[i + 2]].filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    if (near.length < 2 || near[near.length - 1]! / near[0]! > 1.12) return;
    const med = near[Math.floor(near.length / 2)]!;
    if (Math.abs(l.size - med) / med < 0.3) l.size = med;
  });
  for (const l of lines) {
    for (const w of l.ws) {
      const word: OcrWord = { text: w.text, x: w.x0 * k, baseline: l.baseline * k, w: (w.x1 - w.x0) * k, size: l.size, conf: w.conf };
      if (w.chars) word.chars = w.chars.map((v) => v * k);
      words.push(word);
      confSum += w.conf;
      confN++;
    }
  }
  return { words, meanConfidence: confN ? confSum / confN : 0, lines: sloped };
}

/** A colour page image: RGB bytes, three a pixel, row by row. */
export type Ppm = RgbImage;

/** A binary PPM (P6, maxval 255) as pdftoppm writes it; null for anything else. */
export function readPpm(b: Buffer): Ppm | null {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4 && i < b.length) {
    while (i < b.length && /\s/.test(String.fromCharCode(b[i]!))) i++;
    if (b[i] === 0x23) {
      while (i < b.length && b[i] !== 0x0a) i++;
      continue;
    }
    const from = i;
    while (i < b.length && !/\s/.test(String.fromCharCode(b[i]!))) i++;
    fields.push(b.toString('latin1', from, i));
  }
  const [magic, w, h, max] = fields;
  const width = Number(w), height = Number(h);
  if (magic !== 'P6' || max !== '255' || !(width > 0) || !(height > 0)) return null;
  const rgb = b.subarray(i + 1, i + 1 + width * height * 3);
  return rgb.length === width * height * 3 ? { width, height, rgb } : null;
}

/** The page in grey (the luminance pdftoppm -gray gives), as a PGM file. */
export function greyPgm(img: Ppm): Buffer {
  const n = img.width * img.height;
  const out = Buffer.allocUnsafe(n);
  const p = img.rgb;
  for (let k = 0, j = 0; k < n; k++, j += 3) out[k] = luma(p[j]!, p[j + 1]!, p[j + 2]!);
  return Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1'), out]);
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A signature block to read again: the region, and the seal inside it. */
export interface SealRegion extends Box {
  seal: Box;
}

const CELL = 16;
/** A pixel of red ink: a seal or an intake stamp ("ĐẾN"), not black or blue. */
function isRed(p: Buffer, j: number): boolean {
  const r = p[j]!, g = p[j + 1]!, b = p[j + 2]!;
  return r >= 110 && r - g >= 50 && r - b >= 40;
}

/**
 * Where a red seal sits over print: clusters of 16-pixel cells with red ink (at 300 dpi a seal
 * is 3.5-4 cm, 400-500 pixels), each widened to the signature block around it: the title above
 * the seal, the name below it, and to the right edge of the page (the block is the right
 * column; a rank and a long name run well past the seal: "Thượng tá Phạm Thanh Hùng").
 * Small red marks (a pen tick) are not seals, nor is a seal in the top `skipTop` share of the page.
 */
export function signatureRegions(img: Ppm, dpi = 300, skipTop = 0): SealRegion[] {
  const cols = Math.ceil(img.width / CELL), rows = Math.ceil(img.height / CELL);
  const red = new Uint8Array(cols * rows);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      let n = 0, all = 0;
      // every other pixel of the cell is enough to tell a seal's stroke
      for (let y = cy * CELL; y < Math.min(img.height, (cy + 1) * CELL); y += 2) {
        for (let x = cx * CELL; x < Math.min(img.width, (cx + 1) * CELL); x += 2) {
          all++;
          if (isRed(img.rgb, (y * img.width + x) * 3)) n++;
        }
      }
      if (n >= all * 0.08) red[cy * cols + cx] = 1;
    }
  }
  const min = (dpi / 300) * 200;
  const boxes: SealRegion[] = [];
  const seen = new Uint8Array(cols * rows);
  for (let start = 0; start < red.length; start++) {
    if (!red[start] || seen[start]) continue;
    // one cluster: cells joined through gaps of up to two cells (a seal's ring and its text)
    const stack = [start];
    seen[start] = 1;
    let x0 = cols, y0 = rows, x1 = 0, y1 = 0, count = 0;
    while (stack.length) {
      const c = stack.pop()!;
      const cx = c % cols, cy = (c - cx) / cols;
      count++;
      x0 = Math.min(x0, cx); x1 = Math.max(x1, cx); y0 = Math.min(y0, cy); y1 = Math.max(y1, cy);
      for (let dy = -3; dy <= 3; dy++) {
        for (let dx = -3; dx <= 3; dx++) {
          const nx = cx + dx, ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const k = ny * cols + nx;
          if (red[k] && !seen[k]) {
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
    }
    const w = (x1 - x0 + 1) * CELL, h = (y1 - y0 + 1) * CELL;
    if (w < min || h < min || count < 40) continue;
    const bx0 = x0 * CELL, by0 = y0 * CELL;
    if (by0 + h / 2 < skipTop * img.height) continue;
    boxes.push({
      x0: Math.max(0, Math.round(bx0 - 0.4 * w)),
      y0: Math.max(0, Math.round(by0 - 0.35 * h)),
      x1: img.width,
      y1: Math.min(img.height, Math.round(by0 + h * 1.6)),
      seal: { x0: bx0, y0: by0, x1: Math.min(img.width, bx0 + w), y1: Math.min(img.height, by0 + h) },
    });
  }
  return boxes;
}

/** The red channel of a region as a PGM: red ink turns as pale as the paper, black (and a signature's blue) stays dark. */
export function redChannelPgm(img: Ppm, box: Box): Buffer {
  const w = box.x1 - box.x0, h = box.y1 - box.y0;
  const out = Buffer.allocUnsafe(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[y * w + x] = img.rgb[((box.y0 + y) * img.width + box.x0 + x) * 3]!;
  }
  return Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1'), out]);
}

/**
 * A region with only its black print, as a PGM: the red of a seal or an intake stamp and the blue
 * (or violet) of a signature in ink turn as pale as the paper. The print is black or grey (its
 * channels about equal), a seal's red stays red where it thins out at its edges (R well over G
 * and B), a signature's ink blue (B over R); tesseract then reads the title and the name the
 * seal and the pen stroke cross ("GIÁM ĐỐC" under a seal's ring, a name under a long stroke).
 */
export function printOnlyPgm(img: Ppm, box: Box): Buffer {
  const w = box.x1 - box.x0, h = box.y1 - box.y0;
  const out = Buffer.allocUnsafe(w * h);
  const p = img.rgb;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const j = ((box.y0 + y) * img.width + box.x0 + x) * 3;
      const r = p[j]!, g = p[j + 1]!, b = p[j + 2]!;
      out[y * w + x] = isInk(r, g, b) ? 255 : luma(r, g, b);
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1'), out]);
}

const meanConf = (ws: OcrWord[]) => (ws.length ? ws.reduce((s, w) => s + w.conf, 0) / ws.length : 0);
/**
 * How good a reading of a line is: as good as the letters it reads with some confidence (a stroke or
 * a seal's ring read as ":", "—", "——Ñ" adds nothing, a word read with half a mind neither).
 */
const readingScore = (ws: OcrWord[]) => ws.reduce((s, w) => s + (w.conf >= 50 ? w.conf * (w.text.match(/\p{L}/gu)?.length ?? 0) : 0), 0);

/**
 * The page's words with the lines of the signature block read again without the inks (each
 * reading in turn), line by line: a line of a reading replaces the page's words on that line when
 * it is the surer reading of it (a name a stroke cut short, "Nguyễn Văn Cường" for
 * "` 8ï Nguyễn Văn Cường"), and is added where the page read nothing (a title the seal's ring
 * crossed, "GIÁM ĐỐC"; a name under a long stroke) when it is read as print, not as a scribble.
 * The page's unsure words where no reading without the inks found anything are the seal and the
 * pen read as letters ("“ˆx", "2S Ø N"), and the words inside the seal that the reading without
 * any ink (the last) does not find are the seal's own text ("VIỄN THÔNG"): both left out. Only
 * lines over the seal or to its right are concerned: the region's left part may take in the Nơi
 * nhận list, which the page reads as well. Words cut by the region's left edge are left out.
 */
export function mergeRegion(page: OcrWord[], readings: OcrWord[][], box: Box & { seal?: Box }, dpi: number): OcrWord[] {
  const k = 72 / dpi;
  const bx0 = box.x0 * k, by0 = box.y0 * k, bx1 = box.x1 * k, by1 = box.y1 * k;
  const left = box.seal ? (box.seal.x0 - 0.1 * (box.seal.x1 - box.seal.x0)) * k : bx0;
  const inside = (w: OcrWord) => w.x + w.w / 2 > Math.max(bx0, left) && w.x + w.w / 2 < bx1 && w.baseline > by0 && w.baseline - w.size / 2 < by1;
  const all: OcrWord[] = [];
  let out = page;
  for (const under of readings) {
    const moved = under
      .map((w) => ({ ...w, x: w.x + bx0, baseline: w.baseline + by0 }))
      .filter((w) => w.x > bx0 + 2 && w.x + w.w < bx1 - 2);
    all.push(...moved);
    // the reading's lines: its words share their line's baseline
    const lines = new Map<number, OcrWord[]>();
    for (const w of moved) lines.set(w.baseline, [...(lines.get(w.baseline) ?? []), w]);
    for (const ws of lines.values()) {
      if (Math.min(...ws.map((w) => w.x)) < left) continue;
      const size = ws[0]!.size, base = ws[0]!.baseline;
      // the page's words on that line in the block (over the seal and to its right)
      let on = (w: OcrWord) => inside(w) && Math.abs(w.baseline - base) < Math.max(size, w.size) * 0.6;
      let there = out.filter(on);
      if (!there.length) {
        // the same words a little higher or lower: one line whose baseline two crops put apart (a seal's
        // ring under a short line moves tesseract's estimate), not a line of its own
        const text = (xs: OcrWord[]) => [...xs].sort((a, b) => a.x - b.x).map((w) => w.text).join(' ');
        const near = out.filter((w) => inside(w) && Math.abs(w.baseline - base) < Math.max(size, w.size) * 1.2);
        const same = [...new Set(near.map((w) => w.baseline))].find((b) => text(near.filter((w) => w.baseline === b)) === text(ws));
        if (same !== undefined) {
          on = (w: OcrWord) => inside(w) && w.baseline === same;
          there = out.filter(on);
        }
      }
      if (there.length ? readingScore(ws) <= readingScore(there) : meanConf(ws) < 60 || readingScore(ws) < 2 * 80) continue;
      out = [...out.filter((w) => !on(w)), ...ws];
    }
  }
  if (!all.length) return out;
  const foundIn = (ws: OcrWord[], w: OcrWord) => ws.some((u) => Math.abs(u.baseline - w.baseline) < Math.max(u.size, w.size) * 0.6 && u.x < w.x + w.w && u.x + u.w > w.x);
  // the last reading has every ink taken out: what it does not find inside the seal is the seal's own text ("VIỄN THÔNG")
  const clean = readings.length ? readings[readings.length - 1]!.map((w) => ({ ...w, x: w.x + bx0, baseline: w.baseline + by0 })) : [];
  const inSeal = (w: OcrWord) => !!box.seal && w.x >= box.seal.x0 * k && w.x + w.w <= box.seal.x1 * k && w.baseline - w.size * 0.7 >= box.seal.y0 * k && w.baseline <= box.seal.y1 * k;
  const kept = out.filter((w) => !(inside(w) && ((w.conf < 80 && !foundIn(all, w)) || (inSeal(w) && !foundIn(clean, w)))));
  return kept.length === out.length ? out : kept;
}

/** What a narrow first column of a table holds: row numbers, a group's Roman numeral ("TT", "STT" in the header row). */
const ROW_NUMBER_CHARS = '0123456789IVXSTtl|.)';
const ROW_NUMBER = /^(?:\d{1,3}|[IVX]{1,5}|S?TT|Stt)[.)]?$/;

/**
 * The parts of a ruled table tesseract reads one at a time, as cells' rows (r0..r1) and columns
 * (c0..c1): each column down the rows where its cells are plain (both side rules drawn), and each
 * cell merged across columns (a header's "Đánh giá" over "Đạt | Không đạt") on its own, so that no
 * crop cuts through a line of text. The table's outer rules count as drawn.
 */
export function gridBlocks(g: Grid): Array<{ c0: number; c1: number; r0: number; r1: number }> {
  const nc = g.xs.length - 1, nr = g.ys.length - 1;
  const drawn = (c: number, r: number) => c === 0 || c === nc || vCovers(g, g.xs[c]!, g.ys[r]!, g.ys[r + 1]!);
  const out: Array<{ c0: number; c1: number; r0: number; r1: number }> = [];
  for (let c = 0; c < nc; c++) {
    let r = 0;
    while (r < nr) {
      if (drawn(c, r) && drawn(c + 1, r)) {
        const r0 = r;
        while (r < nr && drawn(c, r) && drawn(c + 1, r)) r++;
        out.push({ c0: c, c1: c + 1, r0, r1: r });
        continue;
      }
      // a cell merged across columns, read once from the column it starts in
      if (drawn(c, r)) {
        let c1 = c + 1;
        while (c1 < nc && !drawn(c1, r)) c1++;
        out.push({ c0: c, c1, r0: r, r1: r + 1 });
      }
      r++;
    }
  }
  return out;
}

/**
 * A page's ruled tables read column by column. Read as one page, tesseract runs the lines of cells
 * side by side into one line, and a cell centred beside a taller one is read in pieces or as
 * noise ("ăn đao nu PR A2AP Sở Tài chính"): each column of each table (and each cell merged across
 * columns, gridBlocks) is read on its own, from the page turned back by its skew with the rules
 * painted out, and its words replace the page's words inside the table. The parts are stacked in
 * one image, so a page's tables cost one tesseract run more (two with a row-number column), not one
 * a part. The words are in the frame of findRuleBands (points).
 */
async function readGridColumns(
  words: OcrWord[], grids: Grid[], ppm: Ppm, skew: number, bands: RuleBand[], dpi: number,
  tess: (file: string, psm?: number, options?: string[]) => Promise<string>, file: string,
): Promise<OcrWord[]> {
  const grey = flatGrey(ppm, skew, bands);
  const px = dpi / 72;
  const inside = (w: OcrWord, g: Grid) => {
    const mx = w.x + w.w / 2, my = w.baseline - 0.3 * w.size;
    return mx >= g.x0 - 1 && mx <= g.x1 + 1 && my >= g.y0 - 1 && my <= g.y1 + 1;
  };
  const read: OcrWord[] = [];
  const parts = grids.flatMap((g) =>
    gridBlocks(g).map((b) => ({
      box: { x0: g.xs[b.c0]! * px + 2, y0: g.ys[b.r0]! * px + 2, x1: g.xs[b.c1]! * px - 2, y1: g.ys[b.r1]! * px - 2 },
      // a narrow column (the rows' numbers, "TT") is read as one block of numbers: as a column of
      // lines tesseract drops a line of one digit, and as Vietnamese it reads "8" as "lộ", "1" as "lẽ"
      narrow: g.xs[b.c1]! - g.xs[b.c0]! < 54,
    })),
  ).filter((x) => x.box.x1 - x.box.x0 >= 8 && x.box.y1 - x.box.y0 >= 8);
  const pad = 12, gap = 60;
  try {
    // the parts stacked in one image (one tesseract run for the text, one for the row numbers)
    for (const narrow of [false, true]) {
      const group = parts.filter((x) => x.narrow === narrow);
      if (!group.length) continue;
      const { pgm, tops } = stackPgm(grey, ppm.width, ppm.height, group.map((x) => x.box), pad, gap);
      await writeFile(file, pgm);
      for (const w of wordsFromHocr(await tess(file, narrow ? 6 : undefined, narrow ? ['-c', `tessedit_char_whitelist=${ROW_NUMBER_CHARS}`] : []), dpi).words) {
        // (a serif "1" alone is read as a bar or an "l")
        if (narrow) w.text = w.text.replace(/^[|l]([.)]?)$/, '1$1');
        if (narrow && !ROW_NUMBER.test(w.text)) continue;
        // the part the word is in, by its middle in the stack
        const mid = (w.baseline - 0.3 * w.size) * px;
        const k = tops.findIndex((t, i) => mid >= t - gap / 2 && mid < t + Math.round(group[i]!.box.y1) - Math.round(group[i]!.box.y0) + gap / 2);
        if (k < 0) continue;
        const box = group[k]!.box;
        const moved = { ...w, x: w.x - pad / px + Math.round(box.x0) / px, baseline: w.baseline - tops[k]! / px + Math.round(box.y0) / px };
        delete moved.chars;
        read.push(moved);
      }
      reportProgress();
    }
  } finally {
    await rm(file, { force: true });
  }
  return [...words.filter((w) => !grids.some((g) => inside(w, g))), ...read];
}

function defaultConcurrency(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(8, n || 1));
}

/**
 * A page's OCR failing, as a ToolError naming the page: a tool's time limit stays
 * tool.timeout (and a tool gone since the check tool.missing), anything else is tool.ocr-failed.
 */
function pageFailure(e: unknown, page: number): ToolError {
  const reason = String((e as Error)?.message ?? e);
  const code = e instanceof ToolError && (e.code === 'tool.timeout' || e.code === 'tool.missing') ? e.code : 'tool.ocr-failed';
  return new ToolError(code, `OCR failed on page ${page}: ${reason}`, { cause: e });
}

/**
 * OCR the given 1-based pages of a PDF. Throws (naming the Debian package) when
 * tesseract, its Vietnamese data or pdftoppm is missing.
 */
export async function ocrPdfPages(pdf: Buffer, pages: number[], opts: OcrOptions = {}): Promise<OcrPage[]> {
  const lang = opts.lang ?? 'vie';
  await ensureOcrAvailable(lang);
  const psm = opts.psm ?? 4;
  const timeoutMs = opts.timeoutMs ?? 120000;
  const dpi = opts.dpi ?? 300;
  const todo = [...new Set(pages)];
  if (!todo.length) return [];
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? defaultConcurrency(), todo.length));
  const dir = await mkdtemp(join(tmpdir(), 'congvan-ocr-'));
  try {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const results: OcrPage[] = [];
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < todo.length) {
        const p = todo[next++]!;
        const base = join(dir, `p${p}`);
        const img = `${base}.pgm`;
        const colour = `${base}.ppm`;
        const cropFile = `${base}-seal.pgm`;
        try {
          // in colour, so a red seal can be told from the ink under it; tesseract reads the grey of it
          await run('pdftoppm', ['-f', String(p), '-l', String(p), '-r', String(dpi), '-singlefile', input, base], timeoutMs);
          const ppm = readPpm(await readFile(colour));
          await rm(colour, { force: true });
          if (!ppm) throw new ToolError('tool.failed', 'pdftoppm gave no image');
          await writeFile(img, greyPgm(ppm));
          reportProgress();
          const tess = async (file: string, mode = psm, options: string[] = []) =>
            // --dpi: a PGM carries no resolution (a PNG did), and tesseract would guess one from the text size
            (await run('tesseract', [file, 'stdout', '-l', lang, '--psm', String(mode), '--dpi', String(dpi), ...TESS_CHAR_BOXES, ...options, 'hocr'], timeoutMs, { OMP_THREAD_LIMIT: '1' })).stdout;
          const { words, meanConfidence, lines } = wordsFromHocr(await tess(img), dpi);
          // the signer's name and title under the office's red seal: read again without the red, then
          // without the red and the pen's blue (where the pen crossed the print, taking the blue out
          // breaks the letters: each line keeps the surer of the readings)
          for (const box of signatureRegions(ppm, dpi, p === 1 ? 0.3 : 0)) {
            const readings: OcrWord[][] = [];
            for (const crop of [redChannelPgm(ppm, box), printOnlyPgm(ppm, box)]) {
              await writeFile(cropFile, crop);
              readings.push(wordsFromHocr(await tess(cropFile), dpi).words);
            }
            words.splice(0, words.length, ...mergeRegion(words, readings, box, dpi));
          }
          // the number and the day written by hand in the first page's header
          const hw = p === 1 ? readHandwriting(words, ppm, dpi) : null;
          if (hw && hw.words !== words) words.splice(0, words.length, ...hw.words);
          // the page turned back by its skew, and the rules of its tables in that frame
          const skew = pageSkew(lines, ppm.width);
          const bands = findRuleBands(ppm, dpi, skew);
          const found = bandsToSegments(bands, dpi);
          const rules = closeGrids(found, findGrids(found));
          let placed = deskewWords(words, skew);
          const grids = findGrids(rules).filter((g) => g.xs.length > 3 || g.ys.length > 3);
          if (grids.length) placed = await readGridColumns(placed, grids, ppm, skew, bands, dpi, tess, `${base}-col.pgm`);
          placed = dropRuleGlyphs(placed, rules);
          results.push({ page: p, width: (ppm.width * 72) / dpi, height: (ppm.height * 72) / dpi, words: placed, meanConfidence, ...(rules.length ? { rules } : {}), ...(hw?.values.length ? { handwriting: hw.values } : {}) });
          reportProgress();
        } catch (e) {
          failed = true;
          throw pageFailure(e, p);
        } finally {
          await rm(img, { force: true });
          await rm(colour, { force: true });
          await rm(cropFile, { force: true });
        }
      }
    };
    // on a failure the other pages in hand finish (their files are in `dir`) before it is reported
    const settled = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    const err = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (err) throw err.reason;
    return results.sort((a, b) => a.page - b.page);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
