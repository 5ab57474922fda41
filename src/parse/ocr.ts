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
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, open } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { reportProgress } from '../model/progress.js';

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
}

export interface OcrPage {
  page: number;
  /** Page size in points. */
  width: number;
  height: number;
  words: OcrWord[];
  meanConfidence: number;
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

interface RunError extends Error {
  code?: string;
  stdout?: string;
  stderr?: string;
  timedOut?: boolean;
}

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        let out: RunError;
        if (e.code === 'ENOENT') out = Object.assign(new Error(`${cmd} not found`), { code: 'ENOENT' });
        else if (e.killed || e.signal === 'SIGTERM') out = Object.assign(new Error(`${cmd} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`), { timedOut: true });
        else out = new Error(`${cmd} failed: ${String(stderr || e.message).trim().split('\n').slice(-3).join(' ')}`);
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
  new Error(
    lang === 'vie'
      ? 'OCR needs the Vietnamese language data for tesseract: install the Debian package tesseract-ocr-vie (apt-get install tesseract-ocr-vie)'
      : `OCR needs the tesseract language data '${lang}': install the Debian package tesseract-ocr-${lang}`,
  );

/**
 * Check that OCR can run: the `tesseract` binary, its language data and `pdftoppm`.
 * Throws an Error naming the Debian package to install. A package is named only when it
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
      if (err.code === 'ENOENT') throw new Error('OCR needs the tesseract program: install the Debian package tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-vie)');
      out = (err.stdout ?? '') + '\n' + (err.stderr ?? '');
      if (!parseListLangs(out).langs.length && !hasTraineddata(lang, null)) throw new Error(`OCR: could not list tesseract's languages (${err.message})`);
    }
    const { langs, dir } = parseListLangs(out);
    if (!langs.includes(lang) && !hasTraineddata(lang, dir)) throw missingLang(lang);
    try {
      await run('pdftoppm', ['-v'], 60000);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('OCR needs the pdftoppm program to render pages: install the Debian package poppler-utils (apt-get install poppler-utils)');
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

const decodeHtml = (t: string) =>
  t.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/**
 * Words of a tesseract hOCR page, placed on their line's baseline, in points. Tesseract
 * gives each line a baseline and an x_size (about 0.96 em).
 */
export function wordsFromHocr(hocr: string, dpi: number): { words: OcrWord[]; meanConfidence: number } {
  const k = 72 / dpi;
  const lineRe = /<span class=['"]ocr_(?:line|caption|textfloat|header)['"][^>]*title=['"]([^'"]*)['"][^>]*>/g;
  const starts: Array<{ at: number; title: string }> = [];
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(hocr))) starts.push({ at: lineRe.lastIndex, title: m[1]! });
  const words: OcrWord[] = [];
  let confSum = 0;
  let confN = 0;
  const lines: Array<{ baseline: number; size: number; ws: Array<{ text: string; x0: number; x1: number; conf: number }> }> = [];
  starts.forEach((st, i) => {
    const body = hocr.slice(st.at, i + 1 < starts.length ? starts[i + 1]!.at : hocr.length);
    const bbox = /bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)/.exec(st.title);
    if (!bbox) return;
    const [x0, , , y1] = bbox.slice(1).map(Number) as [number, number, number, number];
    const bl = /baseline (-?[\d.]+) (-?[\d.]+)/.exec(st.title);
    const slope = bl ? Number(bl[1]) : 0;
    const offset = bl ? Number(bl[2]) : 0;
    const xs = /x_size (-?[\d.]+)/.exec(st.title);
    const ws: Array<{ text: string; x0: number; x1: number; conf: number }> = [];
    for (const w of body.matchAll(/<span class=['"]ocrx_word['"][^>]*title=['"]bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)['"][^>]*>([\s\S]*?)<\/span>/g)) {
      const text = decodeHtml(w[6]!.replace(/<[^>]+>/g, '')).trim();
      if (!text) continue;
      ws.push({ text, x0: Number(w[1]), x1: Number(w[3]), conf: Number(w[5]) });
    }
    if (!ws.length) return;
    const mid = (ws[0]!.x0 + ws[ws.length - 1]!.x1) / 2;
    const baseline = y1 + offset + slope * (mid - x0);
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
      words.push({ text: w.text, x: w.x0 * k, baseline: l.baseline * k, w: (w.x1 - w.x0) * k, size: l.size, conf: w.conf });
      confSum += w.conf;
      confN++;
    }
  }
  return { words, meanConfidence: confN ? confSum / confN : 0 };
}

/** Width and height of a PGM/PPM (P5/P6) image, from its header. */
async function pnmSize(file: string): Promise<{ width: number; height: number } | null> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(512);
    const { bytesRead } = await fh.read(b, 0, b.length, 0);
    const head = b.subarray(0, bytesRead).toString('latin1').replace(/#[^\n]*\n/g, ' ');
    const m = /^P[1-6]\s+(\d+)\s+(\d+)/.exec(head);
    return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
  } finally {
    await fh.close();
  }
}

/** The page box tesseract read, from the hOCR ('ocr_page' … 'bbox 0 0 W H'). */
function hocrPageSize(hocr: string): { width: number; height: number } | null {
  const m = /class=['"]ocr_page['"][^>]*title=['"][^'"]*bbox \d+ \d+ (\d+) (\d+)/.exec(hocr);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

function defaultConcurrency(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(8, n || 1));
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
        try {
          await run('pdftoppm', ['-f', String(p), '-l', String(p), '-r', String(dpi), '-gray', '-singlefile', input, base], timeoutMs);
          const size = await pnmSize(img);
          reportProgress();
          // --dpi: a PGM carries no resolution (a PNG did), and tesseract would guess one from the text size
          const { stdout } = await run('tesseract', [img, 'stdout', '-l', lang, '--psm', String(psm), '--dpi', String(dpi), 'hocr'], timeoutMs, { OMP_THREAD_LIMIT: '1' });
          const { width, height } = size ?? hocrPageSize(stdout) ?? { width: 0, height: 0 };
          const { words, meanConfidence } = wordsFromHocr(stdout, dpi);
          results.push({ page: p, width: (width * 72) / dpi, height: (height * 72) / dpi, words, meanConfidence });
          reportProgress();
        } catch (e) {
          failed = true;
          throw e;
        } finally {
          await rm(img, { force: true });
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
