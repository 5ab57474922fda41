import { Command } from 'commander';
import { openAnyStore, dbSpec, printableSpec, DB_OPTION } from '../backend/store.js';

export function showCommand(): Command {
  return new Command('show')
    .description('print one stored record as JSON')
    .argument('<id>', 'record id (file stem), file name, path or row id')
    .option(...DB_OPTION)
    .action(async (id: string, opts: { db?: string }) => {
      const spec = dbSpec(opts.db);
      const db = await openAnyStore(spec, { readonly: true });
      const r = await db.getRecord(id).finally(() => db.close());
      if (!r) {
        console.error(`congvan show: no record "${id}" in ${printableSpec(spec)}`);
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(r, null, 2));
    });
}
