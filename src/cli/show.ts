import { Command } from 'commander';
import { openStore, getRecord } from '../store/db.js';

export function showCommand(): Command {
  return new Command('show')
    .description('print one stored record as JSON')
    .argument('<id>', 'record id (file stem), file name, path or row id')
    .option('--db <file>', 'SQLite store', 'output/congvan.db')
    .action((id: string, opts: { db: string }) => {
      const db = openStore(opts.db, { readonly: true });
      const r = getRecord(db, id);
      db.close();
      if (!r) {
        console.error(`congvan show: no record "${id}" in ${opts.db}`);
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(r, null, 2));
    });
}
