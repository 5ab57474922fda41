/**
 * Running the stages of each document (pipelines/document.ts) for the batch: on a pool of
 * worker threads (one per core by default), or in the calling thread (`jobs: 1`, for tests
 * and debugging).
 *
 * The pool gives each worker two files at a time (one running, the next waiting in the
 * worker), and up to `depth` while the files waiting in it are small (`smallBytes` in all):
 * a worker never waits for the main thread between files, even while the writer holds the
 * main thread for a commit, and a Ctrl-C still waits for only one large file per worker. A
 * file has a time limit counted from the moment its worker starts it, or from the last
 * progress a stage reported (reportProgress in work.ts: a long scan OCR'd page by page is
 * not a stuck file); a new worker's first file gets some more (warm-up). A worker that runs
 * over it, crashes or runs out of memory is terminated and replaced, that file is reported
 * failed (stage "worker") and the files queued behind it go to another worker. A worker
 * that cannot even start three times in a row makes the pool give up with that reason
 * rather than loop.
 *
 * `run` never rejects: every file ends as a WorkResult.
 */
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type Limits } from './record.js';
import { toWorkResult, type JobMessage, type ProcessFn, type WorkerMessage, type WorkResult } from './work.js';
import { ROOT } from '../root.js';
import { memoryEstimateMb } from './budget.js';

export type { WorkResult } from './work.js';

export interface Runner {
  /** How many files run at once. */
  readonly size: number;
  /** Get ready for files (start the worker threads) before the first one comes. */
  start?(): void;
  run(file: string, buf: Buffer): Promise<WorkResult>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Worker threads (>= 1). */
  size: number;
  limits?: Limits;
  /** The batch writes a JSON folder (results carry the record's file content). */
  json?: boolean;
  /** Time limit per file in ms; 0 for none. */
  timeoutMs?: number;
  /**
   * Extra time for the first file of each worker (default 10 s): a fresh worker compiles its
   * code as it goes and loads some parsers on first use (pdfjs), which on a busy machine can
   * take longer than a short limit meant for a stuck file.
   */
  firstFileGraceMs?: number;
  /** Files handed to one worker at a time, at most (default 6; beyond two only while they are small). */
  depth?: number;
  /** The bytes of the files waiting in a worker beyond its first two, at most (default 1 MB). */
  smallBytes?: number;
  /** V8 old-space limit per worker in MB (a runaway file kills its worker, not the batch). */
  memoryMb?: number;
  /**
   * V8 young generation per worker in MB (default 16, V8's own is 48 on 64-bit). A document's
   * garbage is short-lived: a smaller nursery is swept a little more often and keeps each
   * worker's resident memory ~25 MB lower.
   */
  youngMb?: number;
  /** The workers' code: dist/worker.mjs (workerEntry()), or a test's worker (a file or data: URL). */
  entry: URL | string;
  /**
   * The memory the files in the workers may expect to need at once, in MB (default 130): each
   * file held by a worker (running or waiting in it) takes its share, memoryEstimateMb (a PDF
   * by its pages, 0.4 MB each); a file whose share does not fit waits in the pool while the
   * files behind it that fit go on to the workers (short files keep flowing beside a long PDF,
   * two long PDFs are not parsed at once: 300 + 100 pages peaked at 436 MB, 300 + 30 at 370-443,
   * the 300 alone ~300: a long PDF runs beside files of up to ~25 pages). One file is always
   * let through, however large. 0 for no budget.
   */
  memoryBudgetMb?: number;
  /** Where the workers' own console output goes (default: this process's stderr, so stdout stays clean for --json). */
  log?: NodeJS.WritableStream;
}

interface Job {
  id: number;
  file: string;
  buf: Buffer;
  resolve: (r: WorkResult) => void;
  t0: number;
  /** Its share of the memory budget in MB (memoryEstimateMb). */
  mb: number;
}

interface Slot {
  worker: Worker;
  jobs: Job[];
  ready: boolean;
  timer: NodeJS.Timeout | null;
  error: Error | null;
  gone: boolean;
  /** It has finished a file (so it is warm). */
  warm: boolean;
  /** The largest memory share of the files it was given (its heap has grown to hold it). */
  grownMb: number;
}

/**
 * The built worker, dist/worker.mjs (scripts/build.mjs). Run from the sources (the tests,
 * tsx), the sources are built first if dist/ does not match them: the workers never run
 * older code than the thread that starts them.
 */
export async function workerEntry(): Promise<URL> {
  if (import.meta.url.endsWith('.ts')) {
    const { ensureBuilt } = await import('../../scripts/build.mjs');
    await ensureBuilt(ROOT);
  }
  return pathToFileURL(path.join(ROOT, 'dist', 'worker.mjs'));
}

/** A file's memory share from which it counts as long (a 50-page PDF). */
const LONG_MB = 20;

/** The workers' young generation in MB (see PoolOptions.youngMb). */
export const YOUNG_MB = Number(process.env.CONGVAN_WORKER_YOUNG_MB) || 16;

export class WorkerPool implements Runner {
  readonly size: number;
  private readonly limits: Limits;
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  private readonly depth: number;
  private readonly smallBytes: number;
  private readonly memoryBudgetMb: number;
  private slots: Slot[] = [];
  private waiting: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private broken: string | null = null;
  private closed = false;
  /** Workers started, including replacements (for tests and the summary). */
  started = 0;

  constructor(private opts: PoolOptions) {
    this.size = Math.max(1, Math.floor(opts.size));
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.timeoutMs = opts.timeoutMs ?? 0;
    this.graceMs = opts.firstFileGraceMs ?? 10_000;
    this.depth = Math.max(1, opts.depth ?? 6);
    this.smallBytes = opts.smallBytes ?? 1024 * 1024;
    this.memoryBudgetMb = opts.memoryBudgetMb ?? 130;
  }

  /**
   * Start the workers now rather than with the first file, so that they load their code
   * while the batch opens the store and lists its files (~0.4 s of a worker's start-up).
   */
  start(): void {
    if (this.started === 0 && !this.closed && !this.broken) for (let i = 0; i < this.size; i++) this.spawn();
  }

  run(file: string, buf: Buffer): Promise<WorkResult> {
    return new Promise((resolve) => {
      const job: Job = { id: this.nextId++, file, buf, resolve, t0: performance.now(), mb: this.memoryBudgetMb > 0 ? memoryEstimateMb(buf) : 0 };
      if (this.broken || this.closed) return resolve(this.failure(job, this.broken ?? 'the worker pool is closed', this.broken ? 'worker.cannot-start' : 'worker.stopped'));
      // without start(), the workers start with the first file: a watch that sees nothing starts none
      this.start();
      this.waiting.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) {
      s.gone = true;
      if (s.timer) clearTimeout(s.timer);
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
    for (const job of [...slots.flatMap((s) => s.jobs), ...this.waiting.splice(0)]) job.resolve(this.failure(job, 'the batch stopped before this file was done', 'worker.stopped'));
  }

  private spawn() {
    const entry = this.opts.entry;
    const worker = new Worker(typeof entry === 'string' ? new URL(entry) : entry, {
      stdout: true,
      stderr: true,
      resourceLimits: { ...(this.opts.memoryMb ? { maxOldGenerationSizeMb: this.opts.memoryMb } : {}), maxYoungGenerationSizeMb: this.opts.youngMb ?? YOUNG_MB },
    });
    this.started++;
    const log = this.opts.log ?? process.stderr;
    worker.stdout.pipe(log, { end: false });
    worker.stderr.pipe(log, { end: false });
    const slot: Slot = { worker, jobs: [], ready: false, timer: null, error: null, gone: false, warm: false, grownMb: 0 };
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (e) => {
      slot.error = e;
    });
    worker.on('exit', (code) => {
      if (slot.gone) return;
      const why = slot.error ? `its worker crashed: ${firstLine(slot.error)}` : `its worker stopped unexpectedly (exit code ${code})`;
      const oom = (slot.error as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.retire(slot, why, oom ? 'worker.out-of-memory' : 'worker.crashed');
    });
    this.slots.push(slot);
  }

  private onMessage(slot: Slot, m: WorkerMessage) {
    if (slot.gone) return;
    if (m.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
    } else if (m.type === 'start') {
      const job = slot.jobs[0];
      if (job && job.id === m.id && this.timeoutMs > 0) {
        slot.timer = setTimeout(() => this.onTimeout(slot, job), this.timeoutMs + (slot.warm ? 0 : this.graceMs));
      }
    } else if (m.type === 'progress') {
      // the file is moving: its time limit starts again
      const job = slot.jobs[0];
      if (job && job.id === m.id && slot.timer) {
        clearTimeout(slot.timer);
        slot.timer = setTimeout(() => this.onTimeout(slot, job), this.timeoutMs + (slot.warm ? 0 : this.graceMs));
      }
    } else if (m.type === 'done') {
      const k = slot.jobs.findIndex((j) => j.id === m.id);
      if (k < 0) return;
      const [job] = slot.jobs.splice(k, 1);
      slot.warm = true;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      job!.resolve({ ...m.result, file: job!.file });
      // a worker that parsed a long PDF keeps its grown heap's pages: with nothing else given to
      // it, it is replaced by a fresh one (long PDFs 30+100+300 pages: 378-380 MB peak -> 332)
      if (job!.mb >= LONG_MB && !slot.jobs.length && !this.closed) {
        slot.gone = true;
        this.slots = this.slots.filter((x) => x !== slot);
        void slot.worker.terminate().catch(() => 0);
        this.spawn();
      }
      this.dispatch();
    }
  }

  private onTimeout(slot: Slot, job: Job) {
    if (slot.gone || slot.jobs[0] !== job) return;
    const secs = this.timeoutMs >= 1000 ? `${+(this.timeoutMs / 1000).toFixed(1)} s` : `${this.timeoutMs} ms`;
    this.retire(slot, `took longer than the time limit of ${secs} (--timeout); its worker was stopped`, 'worker.timeout');
  }

  /** Take a worker out: fail the file it was running, queue the others again, start a replacement. */
  private retire(slot: Slot, why: string, code: string) {
    slot.gone = true;
    if (slot.timer) clearTimeout(slot.timer);
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate().catch(() => 0);
    if (this.closed) return;
    const jobs = slot.jobs.splice(0);
    if (!slot.ready) {
      // It died while loading: no file is to blame. Retry a few times, then give up.
      this.waiting.unshift(...jobs);
      if (++this.startFailures >= 3) {
        this.broken = `the worker threads cannot start (${why.replace(/^its worker /, '')})`;
        for (const s of this.slots.splice(0)) {
          s.gone = true;
          this.waiting.unshift(...s.jobs.splice(0));
          void s.worker.terminate().catch(() => 0);
        }
        for (const job of this.waiting.splice(0)) job.resolve(this.failure(job, this.broken, 'worker.cannot-start'));
        return;
      }
    } else {
      const running = jobs.shift();
      this.waiting.unshift(...jobs);
      if (running) running.resolve(this.failure(running, why, code));
    }
    this.spawn();
    this.dispatch();
  }

  private dispatch() {
    // in arrival order; a file whose memory share does not fit now waits, the files behind it
    // that fit go on (a file that waits keeps its place: it goes first once its share fits)
    let memory = 0;
    for (const s of this.slots) for (const j of s.jobs) memory += j.mb;
    for (let k = 0; k < this.waiting.length; ) {
      const job = this.waiting[k]!;
      if (job.mb > 0 && memory > 0 && memory + job.mb > this.memoryBudgetMb) {
        k++;
        continue;
      }
      let best: Slot | null = null;
      for (const s of this.slots) if (this.hasRoom(s, job) && (!best || this.better(s, best, job))) best = s;
      if (!best) return;
      this.waiting.splice(k, 1);
      best.jobs.push(job);
      best.grownMb = Math.max(best.grownMb, job.mb);
      memory += job.mb;
      // The bytes are copied (not transferred): if this worker dies before starting the
      // file, the file goes to another worker.
      best.worker.postMessage({ type: 'job', id: job.id, file: job.file, bytes: job.buf, limits: this.limits, json: this.opts.json ?? false } satisfies JobMessage);
    }
  }

  /**
   * A file goes to the worker with the fewest files (of two with as many, the one not parsing a
   * long PDF); a long PDF (a share of LONG_MB or more) to
   * a worker whose heap has already grown for one (a worker keeps its heap's pages for a while
   * after a file: the 300-page PDF parsed in the other worker than the 100-page one before it
   * still peaked at 390-450 MB).
   */
  private better(s: Slot, than: Slot, job: Job): boolean {
    if (job.mb >= LONG_MB) {
      const grown = (x: Slot) => x.grownMb >= LONG_MB;
      if (grown(s) !== grown(than)) return grown(s);
    }
    if (s.jobs.length !== than.jobs.length) return s.jobs.length < than.jobs.length;
    // as many files: not behind a long PDF
    const share = (x: Slot) => x.jobs.reduce((n, j) => n + j.mb, 0);
    return share(s) < share(than);
  }

  private hasRoom(s: Slot, job: Job): boolean {
    if (s.jobs.length < Math.min(2, this.depth)) return true;
    if (s.jobs.length >= this.depth) return false;
    let queued = job.buf.length;
    for (let k = 1; k < s.jobs.length; k++) queued += s.jobs[k]!.buf.length;
    return queued <= this.smallBytes;
  }

  private failure(job: Job, reason: string, code: string): WorkResult {
    return { ok: false, file: job.file, stage: 'worker', code, reason, ms: Math.round(performance.now() - job.t0) };
  }
}

/** `jobs: 1`: the stages run in this thread, one file at a time (no time limit). */
export class InThreadRunner implements Runner {
  readonly size = 1;
  constructor(private process: ProcessFn, private limits: Limits = DEFAULT_LIMITS, private json = false) {}
  async run(file: string, buf: Buffer): Promise<WorkResult> {
    return toWorkResult(await this.process(file, buf, this.limits), this.json);
  }
  async close(): Promise<void> {}
}

function firstLine(e: Error): string {
  return String(e.message ?? e).split('\n')[0]!.slice(0, 300);
}
