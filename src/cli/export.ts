import { Command } from 'commander';
import fs from 'node:fs';
import { openStore, allRecords } from '../store/db.js';
import { exporters } from '../export/index.js';

export function exportCommand(): Command {
  return new Command('export')
    .description('export the stored records')
    .option('--db <file>', 'SQLite store', 'output/congvan.db')
    .option('--format <format>', `one of: ${Object.keys(exporters).join(', ')}`, 'json')
    .option('--out <path>', 'output file (default: standard output)')
    .action((opts: { db: string; format: string; out?: string }) => {
      const exporter = exporters[opts.format];
      if (!exporter) {
        console.error(`congvan export: unknown format "${opts.format}" (known: ${Object.keys(exporters).join(', ')})`);
        process.exitCode = 2;
        return;
      }
      const db = openStore(opts.db, { readonly: true });
      const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
      for (const chunk of exporter(allRecords(db), db)) out.write(chunk);
      if (opts.out) (out as fs.WriteStream).end();
      db.close();
    });
}
