/**
 * `congvan failures`: the files the last ingest runs could not use, with the stage and the
 * reason, newest run first. A file stored by a later run is marked so.
 */
import { Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import type { RunFailures } from '../store/runs.js';
import { openAnyStore, dbSpec, isPostgres, printableSpec, DB_OPTION } from '../backend/store.js';
import { printable } from '../engine/printable.js';

interface Opts {
  db?: string;
  runs: number;
  all?: boolean;
  json?: boolean;
  byKind?: boolean;
}

export { listFailures, type RunFailures } from '../store/runs.js';

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
    .option('--json', 'one JSON object per failure per line: {run, path, stage, code, reason, at, storedSince}')
    .option('--by-kind', 'group the failures by their code (input.not-pdf, limit.size, worker.timeout, ...): how many of each, and their files')
    .addHelpText(
      'after',
      `
Each failure has a code, its kind (src/model/errors.ts): read.* the file could not be read,
limit.* over a limit, input.* not what its name says or damaged, tool.* an outside tool is
missing, worker.* a time limit or crash, store.* refused by the store; <stage>.failed an
unexpected error.

A run that was killed before it finished shows as "did not finish"; the files it had not
reached are not failures (run ingest again to do them). "stored since" marks a file a later
run stored.

Examples:
  congvan failures                       the failures of the last run
  congvan failures --runs 5 --db office.db
  congvan failures --all --by-kind        how many of each kind, over every run
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
      if (opts.byKind) {
        printByKind(runs);
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

/** The failures of the runs grouped by code, the most frequent first: the count and up to 3 files each. */
function printByKind(runs: RunFailures[]) {
  const groups = new Map<string, { n: number; files: string[]; reason: string }>();
  for (const r of runs) {
    for (const f of r.failures) {
      const code = f.code ?? `${f.stage}.failed`;
      const g = groups.get(code) ?? { n: 0, files: [], reason: f.reason };
      g.n++;
      if (g.files.length < 3) g.files.push(f.path);
      groups.set(code, g);
    }
  }
  if (!groups.size) {
    console.log('no failures');
    return;
  }
  for (const [code, g] of [...groups].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))) {
    console.log(`${String(g.n).padStart(5)}  ${code}  e.g. ${printable(g.reason)}`);
    for (const f of g.files) console.log(`         ${printable(f)}`);
    if (g.n > g.files.length) console.log(`         ... and ${g.n - g.files.length} more`);
  }
}
