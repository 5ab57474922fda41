/**
 * `congvan worker`: take ingest jobs from the PostgreSQL store's queue (src/queue/ingest.ts)
 * on this machine until stopped; and ingest into a PostgreSQL store (`congvan ingest --db
 * postgres://...`, with or without --queue).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import fs from 'node:fs';
import type PgBoss from 'pg-boss';
import { dbSpec, isPostgres, printableSpec, DB_OPTION } from '../backend/store.js';
import { openPostgres, type PgStore } from '../backend/postgres.js';
import { StableFiles } from '../engine/watch.js';
import { openQueue, submit, work, parseRunner, type JobOutcome } from '../queue/ingest.js';
import { DEFAULT_TIMEOUT_MS } from '../../pipelines/ingest.js';
import { DEFAULT_LEASE_S } from '../queue/options.js';
import { DEFAULT_LIMITS } from '../engine/record.js';
import { parseDuration } from '../engine/progress.js';
import { printable } from '../engine/printable.js';
import { cliActor } from '../office/audit.js';

const durationArg = (v: string) => {
  try {
    return parseDuration(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

function line(o: JobOutcome, json: boolean): string {
  if (json) return JSON.stringify(o);
  return o.status === 'failed' ? `failed   ${printable(o.path)}: ${printable(o.reason)} (${o.stage})` : `${o.status.padEnd(8)} ${printable(o.path)}${o.id ? ` -> ${o.id}` : ''} (${o.ms} ms)`;
}

/** Stop on Ctrl-C / SIGTERM after the job in hand. */
function stopSignal(): AbortController {
  const ac = new AbortController();
  const stop = () => {
    if (ac.signal.aborted) process.exit(130);
    ac.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return ac;
}

type PgIngestOptions = { queue?: boolean; lease: number; timeout: number; maxSize: number; maxPages: number; json?: boolean; quiet?: boolean; watch?: boolean; poll: number; settle: number; register: boolean; arrived?: string };

/** `congvan ingest --db postgres://...`: submit; without --queue, also do the batch's jobs here until they are done. */
export async function ingestPostgres(paths: string[], spec: string, opts: PgIngestOptions): Promise<void> {
  const limits = { ...DEFAULT_LIMITS, maxBytes: opts.maxSize, maxPages: opts.maxPages };
  const leaseS = Math.max(1, Math.round(opts.lease / 1000));
  const store = await openPostgres(spec);
  const boss = await openQueue(spec, { leaseS });
  const submitOpts = {
    limits,
    leaseS,
    register: opts.register === false ? null : { arrivedOn: opts.arrived ?? null, by: cliActor() },
    onFile: (p: string, status: string, reason?: string) => {
      if (opts.json) console.log(JSON.stringify({ path: p, status, ...(reason ? { reason } : {}) }));
      else if (!opts.quiet || status === 'failed') console.log(`${status.padEnd(9)}${printable(p)}${reason ? `: ${printable(reason)}` : ''}`);
    },
  };
  try {
    if (opts.watch) return await watchPostgres(paths, store, boss, opts, submitOpts);
    const s = await submit(store, boss, paths, submitOpts);
    if (opts.queue) {
      const msg = `run ${s.run}: ${s.files} files: ${s.queued} queued, ${s.unchanged} unchanged, ${s.failed} failed -> ${printableSpec(spec)} (congvan worker takes them; congvan failures shows the progress)`;
      console.log(opts.json ? JSON.stringify({ summary: true, ...s }) : msg);
      process.exitCode = s.failed ? 1 : 0;
      return;
    }
    const ac = stopSignal();
    const runner = await parseRunner({ timeoutMs: opts.timeout, limits });
    try {
      await work(store, boss, runner, { signal: ac.signal, untilEmpty: true, run: s.run, pollS: 1, onJob: (o) => (!opts.quiet || o.status === 'failed') && console.log(line(o, !!opts.json)) });
    } finally {
      await runner.close();
    }
    const r = (await store.failures(1)).find((x) => x.run === s.run);
    if (r) console.log(opts.json ? JSON.stringify({ summary: true, run: r.run, files: r.files, ingested: r.ingested, unchanged: r.unchanged, failed: r.failed }) : `${r.files} files: ${r.ingested} ingested, ${r.unchanged} unchanged, ${r.failed} failed -> ${printableSpec(spec)}`);
    process.exitCode = ac.signal.aborted ? 130 : r && r.failed ? 1 : 0;
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close();
  }
}

/**
 * `congvan ingest --watch DIR --db postgres://...`: each file that appears or changes in the
 * folders, once it has stopped changing (src/engine/watch.ts), is submitted to the queue (a run
 * per scan that found some); without --queue this process also works the queue (as a worker)
 * until stopped. Ctrl-C stops after the job in hand.
 */
async function watchPostgres(dirs: string[], store: PgStore, boss: PgBoss, opts: PgIngestOptions, submitOpts: Parameters<typeof submit>[3]): Promise<void> {
  for (const p of dirs) if (!fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--watch needs folders: ${printable(p)} is not a folder`);
  const ac = stopSignal();
  const runner = opts.queue ? null : await parseRunner({ timeoutMs: opts.timeout, limits: submitOpts?.limits });
  const working = runner && work(store, boss, runner, { signal: ac.signal, pollS: Math.max(0.2, opts.poll / 1000), onJob: (o) => (!opts.quiet || o.status === 'failed') && console.log(line(o, !!opts.json)) });
  if (!opts.json && !opts.quiet) console.log(`congvan ingest: watching ${dirs.map(printable).join(', ')} -> ${printableSpec(store.name)}${opts.queue ? ' (queued for congvan worker)' : ''} (Ctrl+C stops)`);
  try {
    const stable = new StableFiles(dirs, opts.settle);
    while (!ac.signal.aborted) {
      const ready = stable.scan();
      if (ready.length) await submit(store, boss, ready, submitOpts);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.poll);
        ac.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
    await working;
  } finally {
    await runner?.close();
  }
  process.exitCode = 0;
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('take ingest jobs from a PostgreSQL store\'s queue and ingest them, until stopped')
    .option(...DB_OPTION)
    .option('--until-empty', 'stop when no submitted file is left')
    .option('--json', 'one JSON object per job')
    .option('--max-pages <n>', 'most pages a PDF may have; a longer one is marked failed', (v) => Number(v), DEFAULT_LIMITS.maxPages)
    .addOption(new Option('--timeout <duration>', 'time limit per file (from its start, or from the last progress a stage reported); a file that runs over it is stopped and marked failed (worker.timeout), not handed out again').argParser(durationArg).default(DEFAULT_TIMEOUT_MS, `${DEFAULT_TIMEOUT_MS / 1000}s`))
    .addOption(new Option('--maintenance <duration>', 'how often this worker looks for jobs whose lease ran out (their worker stopped) and gives them out again').argParser(durationArg).default(30_000, '30s'))
    .addHelpText('after', `
Run one on each machine that should ingest; each takes one job at a time (run several on a
machine with several cores). A worker stopped or killed mid-job leaves its job to the others
once its lease (congvan ingest --lease, default ${DEFAULT_LEASE_S / 60}m) has run out.

Examples:
  congvan worker --db postgres://congvan@db.lan/office
  CONGVAN_DB=postgres://congvan@db.lan/office congvan worker`)
    .action(async (o: { db?: string; untilEmpty?: boolean; json?: boolean; maxPages: number; timeout: number; maintenance: number }) => {
      const spec = dbSpec(o.db);
      if (!isPostgres(spec)) throw new Error(`congvan worker needs a PostgreSQL store (--db postgres://... or CONGVAN_DB), not ${spec}`);
      const store = await openPostgres(spec);
      const boss = await openQueue(spec, { maintenanceS: Math.max(1, Math.round(o.maintenance / 1000)) });
      const limits = { ...DEFAULT_LIMITS, maxPages: o.maxPages };
      const runner = await parseRunner({ timeoutMs: o.timeout, limits });
      const ac = stopSignal();
      if (!o.json) console.log(`congvan worker: taking jobs from ${printableSpec(spec)} (Ctrl+C stops after the job in hand)`);
      try {
        const n = await work(store, boss, runner, {
          signal: ac.signal,
          untilEmpty: o.untilEmpty,
          onTake: (d) => o.json && console.log(JSON.stringify({ path: d.path, status: 'taken', run: d.run })),
          onJob: (x) => console.log(line(x, !!o.json)),
        });
        if (!o.json) console.log(`congvan worker: ${n} job${n === 1 ? '' : 's'} done`);
      } finally {
        await runner.close();
        await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => {});
        await store.close();
      }
    });
}

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('create the store or bring it to this version of congvan (SQLite or PostgreSQL)')
    .option(...DB_OPTION)
    .action(async (o: { db?: string }) => {
      const spec = dbSpec(o.db);
      const { openAnyStore } = await import('../backend/store.js');
      const store = await openAnyStore(spec);
      await store.close();
      if (isPostgres(spec)) {
        // the queue's own tables too, so the first worker and submitter find them
        const boss = await openQueue(spec, { supervise: false });
        await boss.stop({ graceful: false, wait: true }).catch(() => {});
      }
      const { PG_SCHEMA_VERSION } = await import('../store/pgschema.js');
      const { SCHEMA_VERSION } = await import('../store/schema.js');
      console.log(`${printableSpec(spec)}: congvan store at schema ${isPostgres(spec) ? PG_SCHEMA_VERSION : SCHEMA_VERSION}`);
    });
}
