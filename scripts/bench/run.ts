/**
 * `npm run bench`: the batch benchmark (not part of `npm test`). See BENCHMARKS.md.
 *
 *   1. a synthetic corpus of N documents (--n, default 2,000) as .txt, .docx and text-layer
 *      .pdf (scripts/bench/corpus.ts; LibreOffice, once, cached under output/bench/)
 *   2. per format, `congvan ingest <folder> --json` as a child process, as a user runs it:
 *      documents/s and MB/s over the whole command (start-up included) and between the first
 *      and the last document, peak RSS (VmHWM of the process, workers included), failures
 *   3. for the PDFs, `pdftotext` (poppler) over the same files in the same run, two at a
 *      time (both cores, as congvan) and one at a time; the ratio of the times
 *   -  where the time of one document goes, stage by stage, in one thread (stages.ts)
 *   4. memory as the batch grows: --rss-n (default 10,000) text documents, RSS sampled at
 *      every tenth of the batch
 *   -  the samples' mix as text (--only mix): corpus/*.txt copied to --mix-n documents (default
 *      1,000) for speed and to --rss-n documents for memory: documents/s, MB/s, CPU s, peak RSS
 *   5. search on a store of --search-n obligations (default 1,000,000) generated straight
 *      into SQLite: p50 / p95 of typical queries (scripts/bench/search.ts)
 *   6. real files (scripts/bench/real.ts): corpus/real (signed PDFs, scans, DOCX, .doc), the
 *      samples' mix and long PDFs (30-300 pages): documents/s, MB/s, pages/s, CPU s, peak
 *      RSS; for PDFs the ratio to pdftotext two at a time on the same files (before and after
 *      congvan's run), with poppler and with the pdfjs fallback; for scans pages/s against
 *      pdftoppm + tesseract run directly
 *
 * Options: --n N  --rss-n N  --search-n N  --jobs N  --formats txt,docx,pdf
 *          --only corpus,ingest,stages,rss,mix,search,real  --mix-n N  --runs N (search repetitions)
 *          --pg-db NAME (the PostgreSQL copy's database, to keep one's own)
 *          --pg ADMIN_URL (or CONGVAN_BENCH_PG): the search part's counts on PostgreSQL too, the
 *          store copied into a database of that server once (scripts/bench/pgstore.ts)
 *          --real-sets real-pdf,long-pdf (some of the real sets only)
 * Results: printed as Markdown tables and written to output/bench/results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildCorpus, type Corpus } from './corpus.js';
import { buildSearchStore, timeQueries, pct, type QueryTiming } from './search.js';
import { stageTimes, type StageTimes } from './stages.js';
import { buildRealSets, buildTextMix, directOcr, pdftotextTwo } from './real.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'output', 'bench');
const BIN = path.join(ROOT, 'bin', 'congvan.js');

function args() {
  const a = process.argv.slice(2);
  const get = (name: string, dflt: string) => {
    const k = a.indexOf(`--${name}`);
    return k >= 0 && a[k + 1] ? a[k + 1]! : dflt;
  };
  return {
    n: Number(get('n', '2000')),
    rssN: Number(get('rss-n', '10000')),
    mixN: Number(get('mix-n', '1000')),
    searchN: Number(get('search-n', '1000000')),
    pg: get('pg', process.env.CONGVAN_BENCH_PG ?? '') || null,
    /** --pg-db NAME: the PostgreSQL copy's database (default congvan_bench_search_<n>_v<version>). */
    pgDb: get('pg-db', '') || undefined,
    jobs: Number(get('jobs', String(os.availableParallelism()))),
    formats: get('formats', 'txt,docx,pdf').split(',') as ('txt' | 'docx' | 'pdf')[],
    only: get('only', 'corpus,ingest,stages,rss,mix,search,real').split(','),
    runs: Number(get('runs', '30')),
    /** --real-sets real-pdf,long-pdf: only these of the real sets (default all). */
    realSets: get('real-sets', '').split(',').filter(Boolean),
  };
}

const log = (s: string) => process.stderr.write(s + '\n');

function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model ?? '?';
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite: (() => {
      try {
        return execFileSync(process.execPath, ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"], { cwd: ROOT }).toString().trim();
      } catch {
        return '?';
      }
    })(),
    pdftotext: (() => {
      const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
      return r.error ? 'pdftotext not installed' : `${r.stdout}${r.stderr}`.split('\n')[0]!.trim();
    })(),
  };
}

const loadavg = () => os.loadavg().map((x) => +x.toFixed(2));

/**
 * CPU seconds used by this process's finished children (user + system, all their threads):
 * cutime + cstime of /proc/self/stat. The difference around a child run is that child's CPU
 * time, which a busy machine inflates much less than the wall time.
 */
function childrenCpuS(): number {
  const f = fs.readFileSync('/proc/self/stat', 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  // fields after "(comm)": state is field 3; cutime and cstime are fields 16 and 17
  return (Number(rest[16 - 3]) + Number(rest[17 - 3])) / CLK_TCK;
}
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function procStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

interface IngestRun {
  format: string;
  files: number;
  ingested: number;
  failed: number;
  tasks: number;
  mb: number;
  wallS: number;
  docsPerS: number;
  mbPerS: number;
  /** From the first to the last document event (start-up excluded). */
  steadyDocsPerS: number;
  startupS: number;
  /** CPU time of the whole command, all threads (user + system). */
  cpuS: number;
  /** Documents per CPU second: what each core delivers when the machine is not shared. */
  docsPerCpuS: number;
  peakRssMB: number;
  /** RSS at every tenth of the batch (MB). */
  rssAt: number[];
  firstFailures: string[];
  loadBefore: number[];
  loadAfter: number[];
}

async function runIngest(format: string, dir: string, bytes: number, jobs: number, env: NodeJS.ProcessEnv = {}): Promise<IngestRun> {
  const work = path.join(OUT, 'run', format);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const loadBefore = loadavg();
  const cpu0 = childrenCpuS();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'ingest', dir, '--db', path.join(work, 'store.db'), '--records', path.join(work, 'json'), '--json', '--jobs', String(jobs)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let total = 0;
  let done = 0;
  let firstAt = 0;
  let lastAt = 0;
  let peak = 0;
  let summary: Record<string, number> = {};
  const rssAt: number[] = [];
  const failures: string[] = [];
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  const sample = () => {
    const s = procStatus(child.pid!);
    if (s) peak = Math.max(peak, s.hwm);
    return s;
  };
  const timer = setInterval(sample, 50);
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let k: number;
    while ((k = buf.indexOf('\n')) >= 0) {
      const e = JSON.parse(buf.slice(0, k));
      buf = buf.slice(k + 1);
      if (e.event === 'start') total = e.files;
      else if (e.event === 'document') {
        done++;
        lastAt = performance.now();
        if (done === 1) firstAt = lastAt;
        if (e.status === 'failed' && failures.length < 5) failures.push(`${path.basename(e.file)}: ${e.reason}`);
        if (total && Math.floor((done * 10) / total) > rssAt.length) rssAt.push(Math.round(sample()?.rss ?? 0));
      } else if (e.event === 'summary') summary = e;
    }
  });
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearInterval(timer);
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = childrenCpuS() - cpu0;
  if (code !== 0 && code !== 1) throw new Error(`congvan ingest ${format} exited with ${code}: ${err.slice(0, 1000)}`);
  const mb = bytes / 1e6;
  return {
    format,
    files: summary.files ?? done,
    ingested: summary.ingested ?? 0,
    failed: summary.failed ?? 0,
    tasks: summary.tasks ?? 0,
    mb: +mb.toFixed(1),
    wallS: +wallS.toFixed(2),
    docsPerS: +(done / wallS).toFixed(1),
    mbPerS: +(mb / wallS).toFixed(2),
    steadyDocsPerS: done > 1 ? +((done - 1) / ((lastAt - firstAt) / 1000)).toFixed(1) : 0,
    startupS: +((firstAt - t0) / 1000).toFixed(2),
    cpuS: +cpuS.toFixed(2),
    docsPerCpuS: +(done / cpuS).toFixed(1),
    peakRssMB: Math.round(peak),
    rssAt,
    firstFailures: failures,
    loadBefore,
    loadAfter: loadavg(),
  };
}

interface RealRow extends IngestRun {
  set: string;
  engine: 'poppler' | 'pdfjs';
  pages: number;
  pagesPerS: number;
  pdftotextS?: number[];
  ratio?: number;
  directOcr?: { wallS: number; pagesPerS: number };
}

/** pdftotext over every PDF of `dir`, `lanes` processes at a time: wall and CPU seconds. */
async function pdftotext(dir: string, lanes: number): Promise<{ wallS: number; cpuS: number }> {
  const cpu0 = childrenCpuS();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length) {
        const f = files[next++]!;
        await new Promise<void>((resolve, reject) => {
          const c = spawn('pdftotext', [f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
          c.on('error', reject);
          c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pdftotext ${f}: exit ${code}`))));
        });
      }
    }),
  );
  return { wallS: (performance.now() - t0) / 1000, cpuS: childrenCpuS() - cpu0 };
}

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

async function main() {
  const o = args();
  fs.mkdirSync(OUT, { recursive: true });
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine: machine(), options: o, loadAtStart: loadavg() };
  log(`congvan bench: ${JSON.stringify(o)}`);
  log(`machine: ${JSON.stringify(results.machine)}; load average ${loadavg().join(' ')}`);

  let formats = o.formats;
  const synthetic = ['corpus', 'ingest', 'stages'].some((k) => o.only.includes(k));
  if (synthetic && formats.some((f) => f !== 'txt') && !hasCommand('soffice')) {
    log('LibreOffice is missing: trying `bash scripts/setup.sh libreoffice` (root, apt) ...');
    try {
      execFileSync('bash', [path.join(ROOT, 'scripts', 'setup.sh'), 'libreoffice'], { stdio: 'inherit' });
    } catch {
      /* reported below */
    }
    if (!hasCommand('soffice')) {
      log('no LibreOffice: measuring .txt only');
      formats = ['txt'];
    }
  }

  // 1-3: throughput per format
  if (o.only.includes('ingest') || o.only.includes('corpus')) {
    const corpus: Corpus = await buildCorpus({ n: o.n, formats, log });
    results.corpus = { dir: path.relative(ROOT, corpus.dir), n: corpus.n, bytes: corpus.bytes };
    if (o.only.includes('ingest')) {
      const runs: IngestRun[] = [];
      const withPdftotext = formats.includes('pdf') && hasCommand('pdftotext');
      const ref: { wallS: number; cpuS: number }[] = [];
      for (const f of formats) {
        // pdftotext right before and right after congvan's PDF run, two at a time (both
        // cores, like congvan): on a shared machine the load changes from minute to minute
        if (f === 'pdf' && withPdftotext) {
          log('pdftotext on the PDFs (before) ...');
          ref.push(await pdftotext(corpus.files.pdf, Math.min(2, o.jobs)));
        }
        log(`ingest ${o.n} .${f} ...`);
        const r = await runIngest(f, corpus.files[f], corpus.bytes[f] ?? 0, o.jobs);
        log(`  ${r.docsPerS} documents/s (${r.steadyDocsPerS} after start-up), ${r.mbPerS} MB/s, peak RSS ${r.peakRssMB} MB, ${r.failed} failed`);
        runs.push(r);
        if (f === 'pdf' && withPdftotext) {
          log('pdftotext on the PDFs (after) ...');
          ref.push(await pdftotext(corpus.files.pdf, Math.min(2, o.jobs)));
        }
      }
      results.ingest = runs;
      if (ref.length) {
        const p1 = await pdftotext(corpus.files.pdf, 1);
        const pdf = runs.find((r) => r.format === 'pdf')!;
        const wall = (ref[0]!.wallS + ref[1]!.wallS) / 2;
        const cpu = (ref[0]!.cpuS + ref[1]!.cpuS) / 2;
        results.pdftotext = {
          files: o.n,
          parallelS: ref.map((x) => +x.wallS.toFixed(2)),
          parallelCpuS: ref.map((x) => +x.cpuS.toFixed(2)),
          sequentialS: +p1.wallS.toFixed(2),
          ratioParallel: +(pdf.wallS / wall).toFixed(2),
          ratioSequential: +(pdf.wallS / p1.wallS).toFixed(2),
          ratioCpu: +(pdf.cpuS / cpu).toFixed(2),
        };
        log(`  pdftotext: ${ref.map((x) => x.wallS.toFixed(1)).join(' s and ')} s two at a time (before, after), ${p1.wallS.toFixed(1)} s one at a time; congvan ${pdf.wallS} s -> ${(pdf.wallS / wall).toFixed(2)}x`);
      }
    }
  }

  // where one document's time goes, stage by stage (one thread)
  if (o.only.includes('stages')) {
    const corpus: Corpus = await buildCorpus({ n: o.n, formats, log });
    const st: StageTimes[] = [];
    for (const f of formats) {
      log(`stages of ${Math.min(300, o.n)} .${f} in one thread ...`);
      st.push(await stageTimes(f, corpus.files[f]));
    }
    results.stages = st;
  }

  // 4: memory as the batch grows
  if (o.only.includes('rss')) {
    const big = await buildCorpus({ n: o.rssN, formats: [], log });
    log(`ingest ${o.rssN} .txt (memory) ...`);
    const r = await runIngest('txt-rss', big.files.txt, big.bytes.txt ?? 0, o.jobs);
    log(`  peak RSS ${r.peakRssMB} MB; RSS at each tenth: ${r.rssAt.join(' ')} MB; ${r.docsPerS} documents/s`);
    results.rss = r;
  }

  // the samples' mix as text: speed (--mix-n documents) and memory (--rss-n documents)
  if (o.only.includes('mix')) {
    for (const [what, n] of [['speed', o.mixN], ['memory', o.rssN]] as const) {
      const set = buildTextMix(ROOT, OUT, n, log);
      log(`ingest the samples' text mix, ${set.files} documents (${what}) ...`);
      const r = await runIngest(`text-mix-${set.files}`, set.dir, set.bytes, o.jobs);
      log(`  ${r.docsPerS} documents/s, ${r.mbPerS} MB/s, ${r.cpuS} CPU s, peak RSS ${r.peakRssMB} MB; RSS at each tenth: ${r.rssAt.join(' ')} MB`);
      ((results.mix ??= []) as IngestRun[]).push(r);
    }
  }

  // 5: search
  if (o.only.includes('search')) {
    const store = buildSearchStore(o.searchN, OUT, log);
    log(`search: ${o.runs} runs of ${store.tasks.toLocaleString('en')}-obligation queries ...`);
    const timings = timeQueries(store.file, { runs: o.runs });
    // the page's counts on PostgreSQL too, when a server is given (--pg ADMIN_URL): the store copied there once
    if (o.pg) {
      const { pgSearchStore, timeStats } = await import('./pgstore.js');
      const { openAnyStore } = await import('../../src/backend/store.js');
      const url = await pgSearchStore(store.file, store.tasks, o.pg, o.pgDb);
      const pgStore = await openAnyStore(url, { readonly: true });
      try {
        for (const x of await timeStats(pgStore, o.runs)) timings.push({ name: `${x.name} (PostgreSQL)`, category: 'stats-pg', query: {}, total: x.total, totalCapped: !x.complete, p50: x.p50, p95: x.p95, max: x.p95, first: x.first });
      } finally {
        await pgStore.close();
      }
    }
    const byCat = new Map<string, number[]>();
    results.search = { store: { ...store, file: path.relative(ROOT, store.file), mb: Math.round(store.bytes / 1e6) }, queries: timings };
    for (const t of timings) byCat.set(t.category, [...(byCat.get(t.category) ?? []), t.p95]);
    (results.search as Record<string, unknown>).worstP95ByCategory = Object.fromEntries([...byCat].map(([k, v]) => [k, +Math.max(...v).toFixed(2)]));
  }
  // 6: real files
  if (o.only.includes('real')) {
    log('real files: building the sets ...');
    const sets = buildRealSets(ROOT, OUT, log).filter((s) => !o.realSets.length || o.realSets.includes(s.name));
    const rows: RealRow[] = [];
    const measure = async (s: (typeof sets)[number], engine: 'poppler' | 'pdfjs') => {
      // the ratio to pdftotext for sets of text-layer PDFs only (not the mix, not the scans)
      const textPdfs = s.scan || s.pdfs.length !== s.files ? [] : s.pdfs;
      const ref: number[] = [];
      if (textPdfs.length && hasCommand('pdftotext')) ref.push(await pdftotextTwo(textPdfs));
      log(`ingest ${s.name} (${engine}) ...`);
      const r = await runIngest(`${s.name}-${engine}`, s.dir, s.bytes, o.jobs, { CONGVAN_PDF_ENGINE: engine });
      if (ref.length) ref.push(await pdftotextTwo(textPdfs));
      const row: RealRow = { ...r, set: s.name, engine, pages: s.pages, pagesPerS: +(s.pages / r.wallS).toFixed(2) };
      if (ref.length) {
        row.pdftotextS = ref.map((x) => +x.toFixed(2));
        row.ratio = +(r.wallS / ((ref[0]! + ref[1]!) / 2)).toFixed(2);
      }
      if (s.scan && engine === 'poppler' && hasCommand('tesseract')) {
        log(`  pdftoppm + tesseract directly on the ${s.pages} pages ...`);
        const d = await directOcr(s, path.join(OUT, 'run', 'ocr-direct'));
        row.directOcr = { wallS: +d.wallS.toFixed(2), pagesPerS: +(d.pages / d.wallS).toFixed(3) };
      }
      log(`  ${r.docsPerS} documents/s, ${r.mbPerS} MB/s, ${row.pagesPerS} pages/s, ${r.cpuS} CPU s, peak RSS ${r.peakRssMB} MB, ${r.failed} failed${row.ratio ? `; ${row.ratio}x pdftotext` : ''}`);
      rows.push(row);
    };
    for (const s of sets) await measure(s, 'poppler');
    // the pdfjs fallback on the text-layer PDF sets
    for (const s of sets.filter((x) => !x.scan && x.pdfs.length)) await measure(s, 'pdfjs');
    results.real = rows;
  }
  results.loadAtEnd = loadavg();
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  process.stdout.write(markdown(results) + '\n');
  log(`results: ${path.relative(ROOT, path.join(OUT, 'results.json'))}`);
}

function markdown(r: Record<string, any>): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Run ${r.date.slice(0, 16).replace('T', ' ')} UTC — ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}, SQLite ${m.sqlite}, ${m.pdftotext}; load average at start ${r.loadAtStart.join(' / ')}, at end ${r.loadAtEnd.join(' / ')}.`);
  if (r.ingest) {
    out.push('', `| format | documents | MB | tasks found | wall s | documents/s | after start-up | MB/s | CPU s | documents per CPU s | peak RSS MB | failed |`, `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
    for (const x of r.ingest as IngestRun[]) out.push(`| ${x.format} | ${x.files} | ${x.mb} | ${x.tasks} | ${x.wallS} | ${x.docsPerS} | ${x.steadyDocsPerS} | ${x.mbPerS} | ${x.cpuS} | ${x.docsPerCpuS} | ${x.peakRssMB} | ${x.failed} |`);
  }
  if (r.mix) {
    out.push('', `The samples' mix as text (\`--only mix\`: corpus/*.txt, the 23-page plan among them, copies of each):`, '', '| documents | MB | tasks found | wall s | documents/s | after start-up | MB/s | CPU s | MB per CPU s | peak RSS MB | RSS at each tenth, MB | failed |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
    for (const x of r.mix as IngestRun[]) out.push(`| ${x.files} | ${x.mb} | ${x.tasks} | ${x.wallS} | ${x.docsPerS} | ${x.steadyDocsPerS} | ${x.mbPerS} | ${x.cpuS} | ${fmt(x.mb / x.cpuS, 2)} | ${x.peakRssMB} | ${x.rssAt.join(' ')} | ${x.failed} |`);
  }
  if (r.pdftotext) {
    const p = r.pdftotext;
    out.push('', `pdftotext on the same ${p.files} PDFs, two at a time, right before and right after congvan's run: ${p.parallelS.join(' s and ')} s (${p.parallelCpuS.join(' and ')} CPU s); one at a time: ${p.sequentialS} s. congvan / pdftotext: **${p.ratioParallel}×** in wall time (both on two cores; mean of before and after), ${p.ratioCpu}× in CPU time, ${p.ratioSequential}× against pdftotext one at a time.`);
  }
  if (r.stages) {
    const st = r.stages as StageTimes[];
    const keys = Object.keys(st[0]!.mean);
    out.push('', `Milliseconds per document by stage, one thread, after a warm-up (mean / median over ${st[0]!.documents} documents):`, '', `| format | ${keys.join(' | ')} |`, `|---|${keys.map(() => '---:').join('|')}|`);
    for (const x of st) out.push(`| ${x.format} | ${keys.map((k) => `${x.mean[k]} / ${x.median[k]}`).join(' | ')} |`);
  }
  if (r.rss) out.push('', `Memory: ${r.rss.files} text documents, peak RSS **${r.rss.peakRssMB} MB**; RSS at each tenth of the batch: ${r.rss.rssAt.join(', ')} MB; ${r.rss.docsPerS} documents/s.`);
  if (r.real) {
    out.push('', 'Real files (`--only real`, scripts/bench/real.ts); PDF engine poppler unless marked pdfjs (`CONGVAN_PDF_ENGINE=pdfjs`, the fallback):', '', '| set | engine | files | MB | PDF pages | wall s | documents/s | MB/s | pages/s | CPU s | peak RSS MB | failed | pdftotext ×2 s (before, after) | congvan / pdftotext | pdftoppm + tesseract pages/s |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
    for (const x of r.real as RealRow[]) out.push(`| ${x.set} | ${x.engine} | ${x.files} | ${x.mb} | ${x.pages} | ${x.wallS} | ${x.docsPerS} | ${x.mbPerS} | ${x.pagesPerS} | ${x.cpuS} | ${x.peakRssMB} | ${x.failed} | ${x.pdftotextS?.join(', ') ?? '—'} | ${x.ratio ? `**${x.ratio}×**` : '—'} | ${x.directOcr ? x.directOcr.pagesPerS : '—'} |`);
  }
  if (r.search) {
    const s = r.search;
    out.push('', `Search on ${s.store.tasks.toLocaleString('en')} obligations (${s.store.documents.toLocaleString('en')} documents, ${s.store.mb} MB store), warm cache, limit 20:`, '', '| query | matches | p50 ms | p95 ms | first call ms |', '|---|---:|---:|---:|---:|');
    for (const q of s.queries as QueryTiming[]) out.push(`| ${q.name} | ${q.totalCapped ? '≥' : ''}${q.total} | ${fmt(q.p50, 2)} | ${fmt(q.p95, 2)} | ${fmt(q.first, 1)} |`);
    const all = (s.queries as QueryTiming[]).map((q) => q.p95).sort((a, b) => a - b);
    out.push('', `Worst p95 by kind: ${Object.entries(s.worstP95ByCategory).map(([k, v]) => `${k} ${v} ms`).join(', ')}; median of the p95s ${fmt(pct(all, 50), 2)} ms.`);
  }
  return out.join('\n');
}

await main();
