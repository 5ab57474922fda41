/**
 * Real files in the benchmark (`npm run bench -- --only real`): the sets below, each ingested
 * by `congvan ingest` as a user runs it (run.ts), with for PDFs `pdftotext` two at a time on
 * the same files in the same run, and for scans `pdftoppm` + `tesseract` run directly on the
 * same pages, two at a time.
 *
 *   real-pdf    corpus/real/pdf: signed e-office letters with a text layer
 *   real-scan   corpus/real/scan: scans as offices receive them (250-600 dpi colour JPEG pages)
 *   real-docx   corpus/real/docx;  real-doc  corpus/real/doc (Word 97-2003)
 *   samples-mix the five samples as they are (the 23-page plan among them): 200 copies of
 *               each text rendition and 20 of each PDF (copies differ by trailing bytes, so
 *               the store does not skip them as the same file)
 *   long-pdf    PDFs of 30, 100 and 300 pages made by joining the real PDFs with qpdf
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';

export interface RealSet {
  name: string;
  dir: string;
  files: number;
  bytes: number;
  /** Pages of the set's PDFs (pdfinfo). */
  pages: number;
  pdfs: string[];
  /** A set of scans: pages/s against pdftoppm + tesseract. */
  scan: boolean;
}

const pdfPages = (f: string): number => {
  try {
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

function describe(name: string, dir: string, scan = false): RealSet {
  const files = listFiles(dir);
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  return { name, dir, files: files.length, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0), pages: pdfs.reduce((n, f) => n + pdfPages(f), 0), pdfs, scan };
}

/** Copy `from` into a fresh `to` (the ingest of a folder walks it whole). */
function fresh(to: string): string {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  return to;
}

/**
 * `copies` copies of each of the five samples' text renditions (corpus/*.txt, the 23-page plan
 * among them) into `dir`; copy k ends with k + 1 spaces on a line of its own, so no two are the
 * same file.
 */
function writeTextMix(corpus: string, dir: string, copies: number): void {
  for (const f of fs.readdirSync(corpus).filter((x) => x.endsWith('.txt'))) {
    const text = fs.readFileSync(path.join(corpus, f));
    for (let k = 0; k < copies; k++) fs.writeFileSync(path.join(dir, `${k}_${f}`), Buffer.concat([text, Buffer.from('\n' + ' '.repeat(k + 1))]));
  }
}

/** The samples' mix as text only (`--only mix`): `n` documents, a fifth of them each sample. */
export function buildTextMix(root: string, out: string, n: number, log: (s: string) => void): RealSet {
  const dir = fresh(path.join(out, 'real', 'text-mix'));
  writeTextMix(path.join(root, 'corpus'), dir, Math.max(1, Math.round(n / 5)));
  const set = describe('text-mix', dir);
  log(`  text-mix: ${set.files} files, ${(set.bytes / 1e6).toFixed(1)} MB`);
  return set;
}

export function buildRealSets(root: string, out: string, log: (s: string) => void): RealSet[] {
  const real = path.join(root, 'corpus', 'real');
  const base = path.join(out, 'real');
  const sets: RealSet[] = [];
  for (const [name, sub, scan] of [['real-pdf', 'pdf', false], ['real-scan', 'scan', true], ['real-docx', 'docx', false], ['real-doc', 'doc', false]] as const) {
    const dir = fresh(path.join(base, name));
    for (const f of listFiles(path.join(real, sub))) fs.copyFileSync(f, path.join(dir, path.basename(f)));
    sets.push(describe(name, dir, scan));
  }
  // the samples' mix, sizes as they are
  const mix = fresh(path.join(base, 'samples-mix'));
  const corpus = path.join(root, 'corpus');
  writeTextMix(corpus, mix, 200);
  for (const f of fs.readdirSync(path.join(corpus, 'pdf')).filter((x) => x.endsWith('.pdf'))) {
    const pdf = fs.readFileSync(path.join(corpus, 'pdf', f));
    for (let k = 0; k < 20; k++) fs.writeFileSync(path.join(mix, `${k}_${f}`), Buffer.concat([pdf, Buffer.from(`\n%copy ${k}\n`)]));
  }
  sets.push(describe('samples-mix', mix));
  // long PDFs, joined from the real ones
  const long = fresh(path.join(base, 'long-pdf'));
  const src = listFiles(path.join(real, 'pdf')).filter((f) => f.endsWith('.pdf'));
  const srcPages = src.map(pdfPages);
  for (const want of [30, 100, 300]) {
    const parts: string[] = [];
    let have = 0;
    for (let k = 0; have < want; k = (k + 1) % src.length) {
      const n = Math.min(srcPages[k]!, want - have);
      if (n <= 0) continue;
      parts.push(src[k]!, `1-${n}`);
      have += n;
    }
    const file = path.join(long, `long-${want}.pdf`);
    try {
      execFileSync('qpdf', ['--empty', '--pages', ...parts, '--', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      // qpdf exits 3 on warnings (a damaged source repaired): the file is written
      if (!fs.existsSync(file)) throw e;
    }
  }
  sets.push(describe('long-pdf', long));
  for (const s of sets) log(`  ${s.name}: ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.pages} PDF pages`);
  return sets;
}

const exec = (cmd: string, args: string[], env?: NodeJS.ProcessEnv) =>
  new Promise<void>((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, ...env } });
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}`))));
  });

/** Run `jobs` two at a time. */
async function lanes(jobs: Array<() => Promise<void>>, n = 2): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));
}

/**
 * OCR as congvan runs it, without congvan: every page of the scans rendered by pdftoppm
 * (300 dpi, grey PGM) and read by tesseract (vie, psm 4, hOCR, one thread), two pages at a time.
 */
export async function directOcr(set: RealSet, tmp: string): Promise<{ wallS: number; pages: number }> {
  fs.mkdirSync(tmp, { recursive: true });
  const jobs: Array<() => Promise<void>> = [];
  for (const f of set.pdfs) {
    const n = pdfPages(f);
    for (let p = 1; p <= n; p++) {
      jobs.push(async () => {
        const base = path.join(tmp, `${path.basename(f)}-${p}`);
        await exec('pdftoppm', ['-f', String(p), '-l', String(p), '-r', '300', '-gray', '-singlefile', f, base]);
        await exec('tesseract', [`${base}.pgm`, `${base}`, '-l', 'vie', '--psm', '4', '--dpi', '300', 'hocr'], { OMP_THREAD_LIMIT: '1' });
        fs.rmSync(`${base}.pgm`, { force: true });
      });
    }
  }
  const t0 = performance.now();
  await lanes(jobs);
  return { wallS: (performance.now() - t0) / 1000, pages: jobs.length };
}

/** pdftotext over the given PDFs, two at a time. */
export async function pdftotextTwo(pdfs: string[]): Promise<number> {
  const t0 = performance.now();
  await lanes(pdfs.map((f) => () => exec('pdftotext', [f, '-'])));
  return (performance.now() - t0) / 1000;
}
