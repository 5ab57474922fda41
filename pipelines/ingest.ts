/**
 * The ingest pipeline, in order:
 *
 *   list      stream the file list (src/engine/files.ts), never held whole
 *   read      on the batch's thread (the calling thread; `congvan ingest` runs the whole
 *             batch on a thread of its own, ./batch.ts): size limits, bytes, sha256; a file whose bytes are
 *             stored for its path already is skipped here (resume, re-runs)
 *   stages    parse -> normalise -> extract -> refine -> validate (./document.ts), on a
 *             pool of worker threads (src/engine/pool.ts, ./worker.ts), one per core by
 *             default; `jobs: 1` runs them in this thread
 *   store     one writer (src/engine/sink.ts): batched transactions, a savepoint per
 *             document, JSON records after each commit
 *
 * Reading and the pool are fed through p-queue with back-pressure: at most a few files per
 * worker are read ahead, and the writer makes the feeders wait when it falls behind, so
 * memory stays flat however long the list. Stopping (the signal) lets the files in flight
 * finish and be stored; a killed run leaves a consistent store, and the next run skips what
 * is stored and does the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { ByteBudget } from '../src/engine/budget.js';
import { listFiles, fsPath, type ListProblem } from '../src/engine/files.js';
import { readInput, sha256, DEFAULT_LIMITS, type Limits } from '../src/engine/record.js';
import type { processBuffer } from './document.js';
import { WorkerPool, InThreadRunner, workerEntry, type Runner } from '../src/engine/pool.js';
import { StoreSink, recoverJsonDir, type IngestEvent, type Counts } from '../src/engine/sink.js';
import { StableFiles } from '../src/engine/watch.js';
import { openStore, startRun, finishRun, type DB } from '../src/store/db.js';

export type { IngestEvent } from '../src/engine/sink.js';

export interface IngestOptions {
  db: string;
  /** Folder for one JSON record per document; null or absent: none. */
  json?: string | null;
  /** Worker threads; 1 runs the stages in this thread (default: one per core). */
  jobs?: number;
  /**
   * Run the stages on a worker thread even with `jobs: 1`, with the time and memory limits of
   * the pool: the page's upload (a hostile or huge file never holds the server's thread).
   */
  isolate?: boolean;
  limits?: Limits;
  /** Time limit per file in ms, 0 for none (default 60 s; not enforced with jobs 1). */
  timeoutMs?: number;
  /** Bytes of files read ahead and in flight at most (default 64 MB; one file always goes). */
  readAheadBytes?: number;
  /** Documents per transaction at most (default 200). */
  batchSize?: number;
  /** Longest a transaction stays open, in ms (default 500). */
  batchMs?: number;
  /** Characters of rows and records per transaction at most (the writer's memory; default in sink.ts). */
  batchChars?: number;
  /** Extra time for each worker's first file, in ms (default 10 s: warm-up on a busy machine). */
  firstFileGraceMs?: number;
  /**
   * Old-space limit of each worker in MB (default 1024). A runaway file kills its worker, not
   * the batch; and V8 keeps a smaller heap under a lower limit (a 2,000-document text batch
   * peaked at 351 MB with 2048, 308 MB with 1024).
   */
  workerMemoryMb?: number;
  /**
   * The workers' code (a file or data: URL) instead of dist/worker.mjs: for tests. The command
   * line takes it from CONGVAN_WORKER_MODULE, so a test of the command can hold a batch at a gate.
   */
  workerModule?: string;
  /** Called for every file once it is stored (or failed). */
  onResult?: (r: IngestEvent) => void;
  /** Called once the number of files is known (a quick listing pass first), before any is done. */
  onTotal?: (files: number) => void;
  /** Stop taking new files; the ones in flight are finished and stored. */
  signal?: AbortSignal;
  /**
   * The register of incoming documents (sổ đăng ký văn bản đến): each document stored is given
   * its arrival number, once. Default: registered, arriving today; false: not registered
   * (documents that are not incoming mail). `arrivedOn` absent: the day each is stored.
   */
  register?: false | { arrivedOn?: string | null; by?: string | null };
}

export interface WatchOptions extends IngestOptions {
  /** How often the folders are scanned, in ms (default 1000). */
  pollMs?: number;
  /** A file is taken once its size and time stamp have not changed for this long, in ms (default 2000). */
  settleMs?: number;
}

export interface IngestSummary extends Counts {
  ms: number;
  runId: number;
  /** The batch was stopped (the signal) before every file was done. */
  stopped: boolean;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Ingest files and folders once. */
export async function ingest(inputs: string[], opts: IngestOptions): Promise<IngestSummary> {
  const s = await Session.open(opts);
  // the workers load their code while the files are listed
  s.startWorkers();
  let stopped = false;
  try {
    if (opts.onTotal) {
      // a quick listing pass first (names only): the total for the progress bar
      const unreadable: ListProblem[] = [];
      let n = 0;
      for (const _ of listFiles(inputs, unreadable)) n++;
      opts.onTotal(n + unreadable.length);
    }
    const problems: ListProblem[] = [];
    for (const file of listFiles(inputs, problems)) {
      if (opts.signal?.aborted) break;
      await s.submit(file);
    }
    stopped = !!opts.signal?.aborted;
    await s.idle();
    for (const p of problems) await s.fail(p.path, 'read', p.code, p.reason);
  } finally {
    await s.close();
  }
  return s.summary(stopped);
}

/**
 * Watch folders: ingest every file as it appears or changes, once, after it has stopped
 * growing (size and time stamp unchanged for `settleMs`). Runs until the signal; files
 * already stored with the same bytes are skipped as usual.
 */
export async function watch(dirs: string[], opts: WatchOptions): Promise<IngestSummary> {
  if (!opts.signal) throw new Error('watch needs a signal to stop it');
  const s = await Session.open(opts);
  const stable = new StableFiles(dirs, opts.settleMs ?? 2000);
  try {
    while (!opts.signal.aborted) {
      for (const file of stable.scan()) {
        if (opts.signal.aborted) break;
        await s.submit(file);
      }
      await sleep(opts.pollMs ?? 1000, opts.signal);
    }
    await s.idle();
  } finally {
    await s.close();
  }
  return s.summary(false);
}

/** One open store, writer, run and pool: what ingest and watch share. */
class Session {
  private t0 = performance.now();
  private db: DB;
  private runId: number;
  private runner: Runner;
  private sink: StoreSink;
  private queue: PQueue;
  private storedRow;
  private budget: ByteBudget;
  private error: unknown = null;

  static async open(opts: IngestOptions): Promise<Session> {
    const jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs()));
    opts = { ...opts, workerModule: opts.workerModule ?? (process.env.CONGVAN_WORKER_MODULE || undefined) };
    const entry = jobs > 1 || opts.isolate ? (opts.workerModule ?? (await workerEntry())) : null;
    // the stages' code (parsers, extraction) loads only where it runs: here with one job, else in
    // the pool's workers (the batch thread does not load it: issue 14, its start-up)
    const run = entry === null ? (await import('./document.js')).processBuffer : null;
    return new Session(opts, jobs, entry, run);
  }

  private constructor(private opts: IngestOptions, jobs: number, entry: URL | string | null, run: typeof processBuffer | null) {
    this.db = openStore(opts.db);
    if (opts.json) recoverJsonDir(this.db, opts.json);
    this.runId = startRun(this.db);
    const limits = opts.limits ?? DEFAULT_LIMITS;
    this.runner =
      run !== null
        ? new InThreadRunner(run, limits, !!opts.json)
        : new WorkerPool({ size: jobs, limits, json: !!opts.json, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, firstFileGraceMs: opts.firstFileGraceMs, memoryMb: opts.workerMemoryMb ?? 1024, entry: entry! });
    const register = opts.register === false ? null : { arrivedOn: opts.register?.arrivedOn ?? null, by: opts.register?.by ?? null };
    this.sink = new StoreSink({ db: this.db, runId: this.runId, json: opts.json ?? null, batchSize: opts.batchSize, batchMs: opts.batchMs, batchChars: opts.batchChars, onEvent: opts.onResult, register,
      // results waiting for the writer: enough to go on through a commit; then reading and the pool wait too
      highWater: 32 });
    // read ahead: every worker has its next files at hand (pool.ts), within a budget of bytes
    this.queue = new PQueue({ concurrency: jobs === 1 ? 2 : jobs * 6 + 2 });
    this.budget = new ByteBudget(opts.readAheadBytes ?? 64 * 1024 * 1024);
    opts.signal?.addEventListener('abort', () => this.queue.clear(), { once: true });
    this.storedRow = this.db.prepare(
      'SELECT record_id, type, number, symbol, date, (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS n FROM documents d WHERE path = ?',
    );
  }

  /** Queue one file; waits while the queue is full (back-pressure). */
  async submit(file: string): Promise<void> {
    await this.queue.onSizeLessThan(this.queue.concurrency);
    if (this.error) throw this.error;
    if (this.opts.signal?.aborted) return;
    this.queue.add(() => this.one(file)).catch((e) => {
      this.error ??= e;
      this.queue.clear();
    });
  }

  private async one(file: string): Promise<void> {
    // the file's bytes count against the read-ahead budget until its result is with the writer
    const size = sizeOf(file);
    await this.budget.take(size);
    try {
      await this.oneWithin(file);
    } finally {
      this.budget.release(size);
    }
  }

  private async oneWithin(file: string): Promise<void> {
    const t0 = performance.now();
    const read = await readInput(file, this.opts.limits ?? DEFAULT_LIMITS);
    if ('reason' in read) return this.sink.push({ kind: 'failed', file, stage: 'read', code: read.code, reason: read.reason, ms: Math.round(performance.now() - t0) });
    const hash = sha256(read.buf);
    if (this.sink.unchanged(file, hash)) {
      const row = this.storedRow.get(file) as { record_id: string; type: string; number: string | null; symbol: string | null; date: string | null; n: number };
      return this.sink.push({ kind: 'unchanged', file, id: row.record_id, type: row.type, number: row.number, symbol: row.symbol, date: row.date, tasks: row.n });
    }
    const result = await this.runner.run(file, read.buf);
    return this.sink.push({ kind: 'result', result });
  }

  startWorkers(): void {
    this.runner.start?.();
  }

  fail(file: string, stage: string, code: string, reason: string): Promise<void> {
    return this.sink.push({ kind: 'failed', file, stage, code, reason, ms: 0 });
  }

  /** Wait for every queued file to be handed to the writer. */
  async idle(): Promise<void> {
    await this.queue.onIdle();
    if (this.error) throw this.error;
  }

  async close(): Promise<void> {
    try {
      await this.queue.onIdle();
      await this.sink.end();
      finishRun(this.db, this.runId, this.sink.counts);
    } finally {
      await this.runner.close();
      this.db.close();
    }
  }

  summary(stopped: boolean): IngestSummary {
    return { ...this.sink.counts, ms: Math.round(performance.now() - this.t0), runId: this.runId, stopped };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The size of a file to budget for (0 if it cannot be read: readInput says why). */
function sizeOf(file: string): number {
  try {
    return fs.statSync(fsPath(file)).size;
  } catch {
    return 0;
  }
}

export function defaultJsonDir(dbFile: string): string {
  return path.join(path.dirname(dbFile), 'json');
}
