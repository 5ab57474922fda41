/**
 * Ingest through a job queue on the PostgreSQL store: `congvan ingest --queue` submits files,
 * `congvan worker` on any machine takes them, parses them (the same pipeline as a batch:
 * src/engine/record.ts) and stores them.
 *
 * The queue is pg-boss (10.x, the last major for Node 20): jobs live in its own schema of
 * the same database, a worker takes one with SKIP LOCKED, and a job a worker took and did not
 * finish within its lease (`expireInSeconds`: a worker killed, a machine gone) is failed by
 * pg-boss's maintenance and taken again by another worker (retryLimit). graphile-worker 0.16
 * (the other candidate for Node 20) takes back a dead worker's jobs only after a fixed four
 * hours; pg-boss's lease is ours to set.
 *
 * A file's bytes travel through the store (table inbox), not its path: the worker's machine
 * need not see the submitter's disk. The job names its inbox row; the worker stores the
 * document, adds it to its run's counts and removes the bytes in one transaction, so a job
 * run twice (its worker killed after the commit) finds the document stored, unchanged, and
 * nothing is stored or counted twice (a path is one row, src/backend/postgres.ts).
 *
 * The parse runs on a worker thread (src/engine/pool.ts) with the batch's time limit per file,
 * counted again from each progress a stage reports (a long scan OCR'd page by page is not a
 * stuck file): a file that runs over it, crashes its thread or runs out of memory is recorded
 * failed with its kind (worker.timeout, worker.crashed, worker.out-of-memory) and its job is
 * completed, so a hanging document is not handed out again after every lease and its run ends.
 *
 * A batch's progress is its run: its number of files, and the documents ingested, unchanged
 * and failed so far (`congvan failures`, the page's failures view); the run is finished when
 * every file is counted.
 */
import nodePath from 'node:path';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { listFiles, type ListProblem } from '../engine/files.js';
import { readInput, sha256, DEFAULT_LIMITS, type Limits } from '../engine/record.js';
import { WorkerPool, workerEntry, type Runner } from '../engine/pool.js';
import type { PgStore } from '../backend/postgres.js';
import { DEFAULT_LEASE_S } from './options.js';
import { localToday } from '../model/status.js';

export const QUEUE = 'congvan-ingest';
/** Times a job is taken again (a lease run out, the store unreachable) before it is left failed. */
const RETRIES = 5;

export interface JobData {
  inbox: number;
  run: number;
  path: string;
  sha256: string;
  /**
   * Enter the document in the register of incoming documents as it is stored (arrival day:
   * the one given, else the day it is stored; src/store/office.ts). Absent in the jobs of a
   * congvan before it: not registered.
   */
  register?: { arrivedOn: string | null; by: string | null } | null;
  /**
   * Sent from the page by this account: the worker adds the upload's outcome to the audit log
   * (stored with its record id and register number, or failed and why) in the transaction
   * that stores or fails it; the page's own entry said "queued" only.
   */
  uploadBy?: string | null;
}

type Count = 'ingested' | 'unchanged' | 'failed';

export async function openQueue(url: string, opts: { leaseS?: number; maintenanceS?: number; supervise?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: 2,
    supervise: opts.supervise ?? true,
    schedule: false,
    maintenanceIntervalSeconds: opts.maintenanceS ?? 30,
  });
  boss.on('error', (e) => console.error(`congvan: queue: ${e.message}`));
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) {
    await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: RETRIES, retryDelay: 1, expireInSeconds: opts.leaseS ?? DEFAULT_LEASE_S }).catch(async (e) => {
      // another submitter or worker created it at the same time
      if (!(await boss.getQueue(QUEUE))) throw e;
    });
  }
  return boss;
}

/** Add one file's result to its run's counts; the run is finished when every file is counted. */
export async function count(c: pg.ClientBase | pg.Pool, run: number, what: Count): Promise<void> {
  await c.query(
    `UPDATE runs SET ${what} = ${what} + 1,
      finished_at = CASE WHEN ingested + unchanged + failed + 1 >= files THEN $2 ELSE finished_at END WHERE id = $1`,
    [run, new Date().toISOString()],
  );
}

export interface Submitted {
  run: number;
  files: number;
  queued: number;
  unchanged: number;
  failed: number;
}

/** Submit files and folders (walked as ingest walks them): their bytes go into the store, a job each into the queue. */
export async function submit(store: PgStore, boss: PgBoss, inputs: string[], opts: { limits?: Limits; leaseS?: number; register?: JobData['register']; onFile?: (path: string, status: 'queued' | 'unchanged' | 'failed', reason?: string) => void } = {}): Promise<Submitted> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const problems: ListProblem[] = [];
  const files = [...listFiles(inputs, problems)];
  const run = await store.startRun();
  await store.pool.query('UPDATE runs SET files = $2 WHERE id = $1', [run, files.length + problems.length]);
  const out: Submitted = { run, files: files.length + problems.length, queued: 0, unchanged: 0, failed: 0 };
  const fail = async (path: string, stage: string, reason: string, code: string | null) => {
    await store.recordFailure(run, path, stage, reason, code);
    await count(store.pool, run, 'failed');
    out.failed++;
    opts.onFile?.(path, 'failed', reason);
  };
  for (const p of problems) await fail(p.path, 'read', p.reason, p.code);
  for (const file of files) {
    // the batch's read stage: a regular, non-empty file within the size limit
    const read = await readInput(file, limits);
    if ('reason' in read) {
      await fail(file, 'read', read.reason, read.code);
      continue;
    }
    const status = await enqueue(store, boss, run, file, read.buf, opts);
    out[status]++;
    opts.onFile?.(file, status);
  }
  return out;
}

/** One file of run `run`: counted unchanged when its path holds these bytes already, else its bytes and a job queued. */
async function enqueue(store: PgStore, boss: PgBoss, run: number, file: string, bytes: Buffer, opts: { leaseS?: number; register?: JobData['register']; uploadBy?: string | null }): Promise<'queued' | 'unchanged'> {
  const sha = sha256(bytes);
  if (await store.unchanged(file, sha)) {
    // stored before (perhaps with --no-register): entered in the register now, as a batch does; once
    if (opts.register) await registerStored(store, file, sha, opts.register);
    await count(store.pool, run, 'unchanged');
    return 'unchanged';
  }
  const inbox = (await store.pool.query('INSERT INTO inbox (run_id, path, sha256, bytes, submitted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id', [run, file, sha, bytes, new Date().toISOString()])).rows[0].id as number;
  await boss.send(QUEUE, { inbox, run, path: file, sha256: sha, register: opts.register ?? null, ...(opts.uploadBy ? { uploadBy: opts.uploadBy } : {}) } satisfies JobData, { retryLimit: RETRIES, retryDelay: 1, expireInSeconds: opts.leaseS ?? DEFAULT_LEASE_S });
  return 'queued';
}

/**
 * One file's bytes received another way (the page's upload), submitted under `path` as a run
 * of its own: its progress and failure show as any batch's (`congvan failures`, the page).
 */
export async function submitBytes(store: PgStore, boss: PgBoss, path: string, bytes: Buffer, opts: { leaseS?: number; register?: JobData['register']; uploadBy?: string | null } = {}): Promise<{ run: number; status: 'queued' | 'unchanged' }> {
  const run = await store.startRun();
  await store.pool.query('UPDATE runs SET files = 1 WHERE id = $1', [run]);
  return { run, status: await enqueue(store, boss, run, path, bytes, opts) };
}

/** Enter a document stored already under `file` in the register (kept when it is there already). */
async function registerStored(store: PgStore, file: string, sha: string, reg: NonNullable<JobData['register']>): Promise<void> {
  const id = (await store.pool.query('SELECT record_id FROM documents WHERE path = $1', [file])).rows[0]?.record_id as string | undefined;
  if (id) await store.office.registerDocument({ recordId: id, sha256: sha, arrivedOn: reg.arrivedOn ?? localToday(), by: reg.by }, new Date().toISOString());
}

/** The outcome of a page's upload in the audit log, beside its "queued" entry (same actor, file and run). */
async function auditUpload(store: PgStore, d: JobData, c: pg.PoolClient, recordId: string | null, detail: Record<string, unknown>): Promise<void> {
  if (!d.uploadBy) return;
  await store.office.addAudit({ actor: d.uploadBy, action: 'upload', recordId, target: nodePath.posix.basename(d.path), detail: { ...detail, run: d.run } }, new Date().toISOString(), c);
}

export type JobOutcome = { path: string; status: 'ingested' | 'replaced' | 'unchanged'; id: string; ms: number } | { path: string; status: 'failed'; stage: string; reason: string; ms: number };

/**
 * The thread a worker parses on: one at a time, with the time limit per file of a batch
 * (`timeoutMs`, 0 for none). CONGVAN_WORKER_MODULE names another worker module (tests:
 * test/batch/flaky-worker.ts), as for a batch.
 */
export async function parseRunner(opts: { timeoutMs: number; limits?: Limits; firstFileGraceMs?: number }): Promise<Runner> {
  const entry = process.env.CONGVAN_WORKER_MODULE || (await workerEntry());
  const pool = new WorkerPool({ size: 1, depth: 1, limits: opts.limits ?? DEFAULT_LIMITS, timeoutMs: opts.timeoutMs, firstFileGraceMs: opts.firstFileGraceMs, memoryMb: 1024, entry });
  pool.start();
  return pool;
}

/** Do one job: parse the file's bytes (on `runner`), store the document, count it and drop the bytes in one transaction. */
export async function runJob(store: PgStore, d: JobData, runner: Runner): Promise<JobOutcome> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  const row = (await store.pool.query('SELECT bytes FROM inbox WHERE id = $1', [d.inbox])).rows[0] as { bytes: Buffer } | undefined;
  if (!row) {
    // done before: the worker that did it was stopped after its commit, before the queue heard of it
    return { path: d.path, status: 'unchanged', id: '', ms: ms() };
  }
  // a file over the time limit, or whose thread crashed, comes back failed (stage "worker")
  const o = await runner.run(d.path, row.bytes);
  if (!o.ok) {
    const c = await store.pool.connect();
    try {
      await c.query('BEGIN');
      // only once: the bytes row is the job's token
      const gone = (await c.query('DELETE FROM inbox WHERE id = $1', [d.inbox])).rowCount === 0;
      if (!gone) {
        await store.recordFailure(d.run, d.path, o.stage, o.reason, o.code, c);
        await count(c, d.run, 'failed');
        await auditUpload(store, d, c, null, { status: 'failed', stage: o.stage, reason: o.reason });
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
    return { path: d.path, status: 'failed', stage: o.stage, reason: o.reason, ms: ms() };
  }
  const w = await store.write(o.row, d.path, async (c, w) => {
    if ((await c.query('DELETE FROM inbox WHERE id = $1', [d.inbox])).rowCount === 0) throw new Error(`job ${d.inbox} was done by another worker`);
    // numbered in the transaction that stores it: never twice, never a number without its document
    const reg = d.register ? await store.office.registerDocument({ recordId: w.id, sha256: d.sha256, arrivedOn: d.register.arrivedOn ?? localToday(), by: d.register.by }, new Date().toISOString(), c) : null;
    const status = w.result === 'unchanged' ? 'unchanged' : 'ingested';
    await count(c, d.run, status);
    await auditUpload(store, d, c, w.id, { status, ...(reg ? { year: reg.year, number: reg.number, arrivedOn: reg.arrivedOn } : {}) });
  });
  return { path: d.path, status: w.result === 'inserted' ? 'ingested' : w.result, id: w.id, ms: ms() };
}

/**
 * Take jobs one at a time until the signal (or, with `untilEmpty`, until no submitted file is
 * left: of run `run` only when given). A job is fetched as soon as the last one is done; the
 * queue is polled every `pollS` only while it is empty (pg-boss's own work() waits its polling
 * interval after every job, which made a worker on short documents wait more than it worked).
 * A job that throws (the store unreachable...) is failed, and pg-boss gives it out again.
 */
export async function work(store: PgStore, boss: PgBoss, runner: Runner, opts: { signal?: AbortSignal; untilEmpty?: boolean; run?: number; pollS?: number; onTake?: (d: JobData) => void; onJob?: (o: JobOutcome) => void } = {}): Promise<number> {
  let done = 0;
  const pollMs = (opts.pollS ?? 2) * 1000;
  const left = async () => (await store.pool.query(`SELECT count(*)::int AS n FROM inbox${opts.run ? ' WHERE run_id = $1' : ''}`, opts.run ? [opts.run] : [])).rows[0].n as number;
  while (!opts.signal?.aborted) {
    const [job] = await boss.fetch<JobData>(QUEUE, { batchSize: 1 });
    if (!job) {
      if (opts.untilEmpty && (await left()) === 0) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(pollMs, opts.untilEmpty ? 500 : pollMs));
        opts.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
      continue;
    }
    try {
      opts.onTake?.(job.data);
      // tests only: a worker that hangs with its job in hand, to be killed (test/queue)
      if (process.env.CONGVAN_TEST_STALL_JOB === '1') await new Promise(() => {});
      const o = await runJob(store, job.data, runner);
      await boss.complete(QUEUE, job.id);
      done++;
      opts.onJob?.(o);
    } catch (e) {
      await boss.fail(QUEUE, job.id, { message: String((e as Error)?.message ?? e) }).catch(() => {});
    }
  }
  return done;
}
