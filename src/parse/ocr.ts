/**
 * OCR for PDF pages without a text layer (scans).
 *
 * Each page is rendered to a grey PNG with `pdftoppm` (poppler-utils) and read with
 * `tesseract … -l vie --psm 4 hocr` (tesseract-ocr, tesseract-ocr-vie). The hOCR gives
 * every word with its box, and each line its baseline and size; we turn the boxes into positioned words (PDF points, y down
 * from the top of the page, on the baseline of their line) so the PDF parser can rebuild
 * lines, columns and paragraphs from them exactly as it does for a text layer.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';

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
  /** Rendering resolution (default 300 dpi). */
  dpi?: number;
  /** Tesseract language (default 'vie'). */
  lang?: string;
  /** Tesseract page segmentation mode (default 4: one column of text of variable sizes). */
  psm?: number;
  /** Time limit per page for each tool, ms (default 120 000). */
  timeoutMs?: number;
  /** Pages read at the same time (default: number of CPUs, at most 4). */
  concurrency?: number;
}

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (e.code === 'ENOENT') reject(Object.assign(new Error(`${cmd} not found`), { code: 'ENOENT' }));
        else if (e.killed || e.signal === 'SIGTERM') reject(new Error(`${cmd} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`));
        else reject(new Error(`${cmd} failed: ${String(stderr || e.message).trim().split('\n').slice(-3).join(' ')}`));
      } else resolve({ stdout, stderr });
    });
  });
}

let checked: Promise<void> | null = null;
let checkedLang = '';

/**
 * Check that OCR can run: the `tesseract` binary, its language data and `pdftoppm`.
 * Throws an Error naming the Debian package to install.
 */
export function ensureOcrAvailable(lang = 'vie'): Promise<void> {
  if (checked && checkedLang === lang) return checked;
  checkedLang = lang;
  checked = (async () => {
    let langs: string;
    try {
      const r = await run('tesseract', ['--list-langs'], 20000);
      langs = r.stdout + '\n' + r.stderr;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('OCR needs the tesseract program: install the Debian package tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-vie)');
      throw e;
    }
    const have = langs.split(/\r?\n/).map((l) => l.trim());
    if (!have.includes(lang)) {
      throw new Error(
        lang === 'vie'
          ? 'OCR needs the Vietnamese language data for tesseract: install the Debian package tesseract-ocr-vie (apt-get install tesseract-ocr-vie)'
          : `OCR needs the tesseract language data '${lang}': install the Debian package tesseract-ocr-${lang}`,
      );
    }
    try {
      await run('pdftoppm', ['-v'], 20000);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('OCR needs the pdftoppm program to render pages: install the Debian package poppler-utils (apt-get install poppler-utils)');
      // pdftoppm -v exits 0 on poppler >= 0.x; other failures are not fatal here
    }
  })();
  checked.catch(() => {
    checked = null;
  });
  return checked;
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

async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const b = await readFile(file);
  // PNG IHDR: width and height at bytes 16..23
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * OCR the given 1-based pages of a PDF. Throws (naming the Debian package) when
 * tesseract, its Vietnamese data or pdftoppm is missing.
 */
export async function ocrPdfPages(pdf: Buffer, pages: number[], opts: OcrOptions = {}): Promise<OcrPage[]> {
  const lang = opts.lang ?? 'vie';
  await ensureOcrAvailable(lang);
  const dpi = opts.dpi ?? 300;
  const psm = opts.psm ?? 4;
  const timeoutMs = opts.timeoutMs ?? 120000;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? Math.min(4, cpus().length || 1), pages.length));
  const dir = await mkdtemp(join(tmpdir(), 'congvan-ocr-'));
  try {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const results: OcrPage[] = [];
    let next = 0;
    const worker = async () => {
      while (next < pages.length) {
        const p = pages[next++]!;
        const base = join(dir, `p${p}`);
        await run('pdftoppm', ['-f', String(p), '-l', String(p), '-r', String(dpi), '-gray', '-png', '-singlefile', input, base], timeoutMs);
        const png = `${base}.png`;
        const { width, height } = await pngSize(png);
        const { stdout } = await run('tesseract', [png, 'stdout', '-l', lang, '--psm', String(psm), 'hocr'], timeoutMs, { OMP_THREAD_LIMIT: '1' });
        await rm(png, { force: true });
        const { words, meanConfidence } = wordsFromHocr(stdout, dpi);
        results.push({ page: p, width: (width * 72) / dpi, height: (height * 72) / dpi, words, meanConfidence });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results.sort((a, b) => a.page - b.page);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
