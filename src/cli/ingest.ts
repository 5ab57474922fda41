import { Command, InvalidArgumentError, Option } from 'commander';
import fs from 'node:fs';
import { defaultJsonDir, defaultJobs, DEFAULT_TIMEOUT_MS, type IngestSummary } from '../../pipelines/ingest.js';
import { ingestOnThread } from '../../pipelines/batch.js';
import { makeReporter, pickMode, parseDuration } from '../engine/progress.js';
import { printable } from '../engine/printable.js';
import { cliActor } from '../office/audit.js';
import { isIsoDate } from '../model/status.js';
import { DEFAULT_LIMITS } from '../engine/record.js';
import { parseSize, formatBytes } from '../parse/guards.js';
import { dbSpec, isPostgres, DB_OPTION } from '../backend/store.js';
import { DEFAULT_LEASE_S } from '../queue/options.js';

interface Opts {
  db?: string;
  queue?: boolean;
  lease: number;
  records: string | boolean;
  json?: boolean;
  jobs: number;
  timeout: number;
  maxSize: number;
  maxPages: number;
  watch?: boolean;
  poll: number;
  settle: number;
  quiet?: boolean;
  register: boolean;
  arrived?: string;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};
const sizeArg = (v: string) => {
  try {
    return parseSize(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};
const durationArg = (v: string) => {
  try {
    return parseDuration(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('ingest files and folders (.txt, .md, .docx, .pdf) into the store and JSON records')
    .argument('<paths...>', 'files or folders (folders are walked recursively)')
    .option(...DB_OPTION)
    .option('--queue', 'with a postgres:// store: submit the files to the queue and return; workers (congvan worker) on any machine ingest them')
    .addOption(new Option('--lease <duration>', 'with --queue: how long a worker holds a job before another may take it (a worker killed, a machine gone)').argParser(durationArg).default(DEFAULT_LEASE_S * 1000, `${DEFAULT_LEASE_S / 60}m`))
    .option('--records <dir>', 'folder for one JSON record per document (default: json/ beside the store)')
    .option('--no-records', 'do not write JSON records')
    .option('--json', 'print one JSON object per line (one per document, then a summary) instead of text')
    .addOption(new Option('-j, --jobs <n>', 'worker threads; 1 runs everything in one thread').argParser(positiveInt).default(defaultJobs(), `one per core, ${defaultJobs()} here`))
    .addOption(new Option('--timeout <duration>', 'time limit per file (from its start, or from the last progress a stage reported); a worker that runs over it is stopped and the file marked failed').argParser(durationArg).default(DEFAULT_TIMEOUT_MS, `${DEFAULT_TIMEOUT_MS / 1000}s`))
    .addOption(new Option('--max-size <size>', 'largest file taken (e.g. 50MB, 500KB); a larger one is marked failed').argParser(sizeArg).default(DEFAULT_LIMITS.maxBytes, formatBytes(DEFAULT_LIMITS.maxBytes)))
    .option('--max-pages <n>', 'most pages a PDF may have; a longer one is marked failed', positiveInt, DEFAULT_LIMITS.maxPages)
    .option('--watch', 'keep running: ingest files in the folders as they appear or change, once they stop growing (Ctrl-C to stop)')
    .addOption(new Option('--settle <duration>', 'with --watch: how long a file must stay unchanged before it is taken').argParser(durationArg).default(2000, '2s'))
    .addOption(new Option('--poll <duration>', 'with --watch: how often the folders are scanned').argParser(durationArg).default(1000, '1s'))
    .option('--quiet', 'print only failures and the summary')
    .option('--no-register', 'do not enter the documents in the register of incoming documents (sổ đăng ký văn bản đến): for documents that are not incoming mail')
    .option('--arrived <date>', 'the arrival day (ngày đến) written in the register (default: the day each is stored)')
    .addHelpText(
      'after',
      `
On a terminal a progress bar shows files done/total, rate, time left and failures; when
the output is not a terminal, one line per document. Ctrl-C stops after the files in
flight are stored (twice: at once). A stopped or killed run can be started again: files
already stored with the same content are skipped, the rest are done.

Examples:
  congvan ingest corpus/
  congvan ingest inbox/ --db office.db --records records/ --jobs 2
  congvan ingest archive/ --json > events.ndjson
  congvan ingest --watch inbox/ --settle 5s
  congvan ingest inbox/ --db postgres://congvan@db.lan/office --queue`,
    )
    .action(async (paths: string[], opts: Opts) => {
      if (opts.arrived !== undefined && !isIsoDate(opts.arrived)) {
        console.error(`congvan ingest: --arrived ${JSON.stringify(opts.arrived)} is not a date (YYYY-MM-DD)`);
        process.exitCode = 2;
        return;
      }
      if (isPostgres(dbSpec(opts.db))) return (await import('./worker.js')).ingestPostgres(paths, dbSpec(opts.db), opts);
      if (opts.queue) throw new Error('--queue needs a PostgreSQL store (--db postgres://... or CONGVAN_DB): workers on other machines take the jobs from it');
      opts.db = dbSpec(opts.db);
      const jsonDir = opts.records === false ? null : typeof opts.records === 'string' ? opts.records : defaultJsonDir(opts.db!);
      const reporter = makeReporter(pickMode(opts));
      const where = `${opts.db!}${jsonDir ? `, ${jsonDir}/` : ''}`;
      const ac = new AbortController();
      const onSignal = () => {
        if (ac.signal.aborted) process.exit(130); // second Ctrl-C: now (the store stays consistent: WAL)
        ac.abort();
        if (!opts.watch) reporter.note('stopping after the files in flight (Ctrl-C again to quit at once)');
      };
      // the reader of our output went away (`| head`): stop as on Ctrl-C, quietly
      const onOutputError = (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
        if (!ac.signal.aborted) ac.abort();
      };
      process.stdout.on('error', onOutputError);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let summary: IngestSummary;
      try {
        const common = {
          db: opts.db!,
          json: jsonDir,
          jobs: opts.jobs,
          timeoutMs: opts.timeout,
          limits: { ...DEFAULT_LIMITS, maxBytes: opts.maxSize, maxPages: opts.maxPages },
          onResult: reporter.event,
          signal: ac.signal,
          register: opts.register === false ? (false as const) : { arrivedOn: opts.arrived ?? null, by: cliActor() },
        };
        if (opts.watch) {
          for (const p of paths) if (!fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--watch needs folders: ${printable(p)} is not a folder`);
          summary = await ingestOnThread(paths, { ...common, pollMs: opts.poll, settleMs: opts.settle }, 'watch');
        } else {
          summary = await ingestOnThread(paths, { ...common, onTotal: reporter.total });
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      reporter.end(summary, where);
      process.exitCode = summary.stopped ? 130 : summary.failed ? 1 : 0;
    });
}
