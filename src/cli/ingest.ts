import { Command } from 'commander';
import path from 'node:path';
import { ingest, defaultJsonDir, type IngestEvent } from '../../pipelines/ingest.js';

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('ingest files and folders (.txt, .md, .docx, .pdf) into the store and JSON records')
    .argument('<paths...>', 'files or folders (folders are walked recursively)')
    .option('--db <file>', 'SQLite store', 'output/congvan.db')
    .option('--json <dir>', 'folder for one JSON record per document (default: json/ beside the store)')
    .option('--no-json', 'do not write JSON records')
    .option('-j, --jobs <n>', 'files processed at once', (v) => parseInt(v, 10), 2)
    .option('--quiet', 'print only the summary')
    .addHelpText('after', '\nExamples:\n  congvan ingest corpus/\n  congvan ingest inbox/ --db office.db --json records/')
    .action(async (paths: string[], opts: { db: string; json: string | boolean; jobs: number; quiet?: boolean }) => {
      const jsonDir = opts.json === false ? null : typeof opts.json === 'string' ? opts.json : defaultJsonDir(opts.db);
      const failures: IngestEvent[] = [];
      const summary = await ingest(paths, {
        db: opts.db,
        json: jsonDir,
        jobs: opts.jobs,
        onResult: (e) => {
          if (e.status === 'failed') {
            failures.push(e);
            console.error(`${e.file}: ${e.reason} (${e.stage})`);
          } else if (!opts.quiet) {
            const ns = [e.number, e.symbol].filter(Boolean).join('/') || '—';
            console.log(`${e.status.padEnd(9)} ${path.relative('.', e.file).padEnd(44)} ${e.type.padEnd(3)} ${ns.padEnd(18)} ${(e.date ?? '—').padEnd(10)} ${String(e.tasks).padStart(4)} tasks`);
          }
        },
      });
      console.log(
        `${summary.files} files: ${summary.ingested} ingested, ${summary.unchanged} unchanged, ${summary.failed} failed; ${summary.tasks} tasks; ${(summary.ms / 1000).toFixed(1)} s` +
          ` -> ${opts.db}${jsonDir ? `, ${jsonDir}/` : ''}`,
      );
      process.exitCode = summary.failed ? 1 : 0;
    });
}
