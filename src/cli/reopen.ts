import { Command } from 'commander';
import { openAnyStore, dbSpec, DB_OPTION } from '../backend/store.js';
import { run } from './done.js';
import { printable } from '../engine/printable.js';
import { cliActor } from '../office/audit.js';

export function reopenCommand(): Command {
  return new Command('reopen')
    .description('open a done obligation again')
    .argument('<task>', 'task id printed by search, or <record_id>#<n>')
    .option(...DB_OPTION)
    .action(async (task: string, o: { db?: string }) => {
      const db = await openAnyStore(dbSpec(o.db));
      await run('reopen', async () => {
        const r = await db.reopen(task, cliActor());
        console.log(printable(r.wasDone ? `reopened ${r.recordId}#${r.seq}` : `${r.recordId}#${r.seq} was not done; nothing changed`));
      }).finally(() => db.close());
    });
}
