/**
 * `congvan failures`: the files the last ingest runs could not use, with the stage and the
 * reason, newest run first. A file stored by a later run is marked so.
 */
import { Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import type { DB } from '../store/db.js';
import { openAnyStore, dbSpec, isPostgres, printableSpec, DB_OPTION } from '../store/store.js';
import { printable } from '../engine/printable.js';

interface Opts {
  db?: string;
  runs: number;
  all?: boolean;
  json?: boolean;
}

export interface RunFailures {
  run: number;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  ingested: number;
  unchanged: number;
  failed: number;
  failures: { path: string; stage: string; reason: string; at: string; storedSince: boolean }[];
}

/** The failures of the last `runs` runs (all runs when `runs` is 0), newest run first. */
export function listFailures(db: DB, runs: number): RunFailures[] {
  const rows = db
    .prepare(`SELECT id, started_at, finished_at, files, ingested, unchanged, failed FROM runs ORDER BY id DESC${runs > 0 ? ' LIMIT ?' : ''}`)
    .all(...(runs > 0 ? [runs] : [])) as { id: number; started_at: string; finished_at: string | null; files: number; ingested: number; unchanged: number; failed: number }[];
  const failures = db.prepare(
    `SELECT f.path, f.stage, f.reason, f.at,
       EXISTS (SELECT 1 FROM documents d WHERE d.path = f.path AND d.ingested_at > f.at) AS stored
     FROM failures f WHERE f.run_id = ? ORDER BY f.id`,
  );
  return rows.map((r) => ({
    run: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    files: r.files,
    ingested: r.ingested,
    unchanged: r.unchanged,
    failed: r.failed,
    failures: (failures.all(r.id) as { path: string; stage: string; reason: string; at: string; stored: number }[]).map((f) => ({
      path: f.path,
      stage: f.stage,
      reason: f.reason,
      at: f.at,
      storedSince: f.stored === 1,
    })),
  }));
}

const nonNegativeInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 for all runs)');
  return n;
};

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

export function failuresCommand(): Command {
  return new Command('failures')
    .description('list the files the last ingest runs could not use, with the reason')
    .option(...DB_OPTION)
    .option('--runs <n>', 'how many of the last runs to show (0: all)', nonNegativeInt, 1)
    .option('--all', 'every run (same as --runs 0)')
    .option('--json', 'one JSON object per failure per line: {run, path, stage, reason, at, storedSince}')
    .addHelpText(
      'after',
      `
A run that was killed before it finished shows as "did not finish"; the files it had not
reached are not failures (run ingest again to do them). "stored since" marks a file a later
run stored.

Examples:
  congvan failures                       the failures of the last run
  congvan failures --runs 5 --db office.db
  congvan failures --all --json > failures.ndjson`,
    )
    .action(async (opts: Opts) => {
      const spec = dbSpec(opts.db);
      if (spec !== ':memory:' && !isPostgres(spec) && !fs.existsSync(spec)) throw new Error(`no store at ${spec} (run congvan ingest first, or give --db)`);
      const db = await openAnyStore(spec, { readonly: true });
      let runs: RunFailures[];
      try {
        runs = await db.failures(opts.all ? 0 : opts.runs);
      } finally {
        await db.close();
      }
      if (opts.json) {
        for (const r of runs) for (const f of r.failures) process.stdout.write(JSON.stringify({ run: r.run, ...f }) + '\n');
        return;
      }
      if (!runs.length) {
        console.log(`no ingest runs in ${printable(printableSpec(spec))}`);
        return;
      }
      let total = 0;
      for (const r of runs) {
        const counted = r.ingested + r.unchanged + r.failed;
        const status = r.finishedAt
          ? `${r.files} files: ${r.ingested} ingested, ${r.unchanged} unchanged, ${r.failed} failed`
          : r.files > counted
            ? `in progress (queued): ${counted} of ${r.files} files done: ${r.ingested} ingested, ${r.unchanged} unchanged, ${r.failed} failed`
            : 'did not finish (stopped or killed)';
        console.log(`run ${r.run}, ${when(r.startedAt)}: ${status}`);
        for (const f of r.failures) {
          console.log(`  ${printable(f.path)}: ${printable(f.reason)} (${f.stage})${f.storedSince ? ' [stored since]' : ''}`);
        }
        if (!r.failures.length) console.log('  no failures');
        total += r.failures.length;
      }
      if (runs.length > 1) console.log(`${total} failure${total === 1 ? '' : 's'} in ${runs.length} runs`);
    });
}
