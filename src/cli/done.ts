import { Command } from 'commander';
import { openAnyStore, dbSpec, DB_OPTION } from '../backend/store.js';
import { TaskNotFound } from '../query/tasks.js';
import { printable } from '../engine/printable.js';
import { cliActor } from '../office/audit.js';
import { parseParams, schemas, ParamError, cliMessage } from '../query/params.js';

export async function run(name: string, f: () => Promise<void>) {
  try {
    await f();
  } catch (e) {
    if (e instanceof TaskNotFound) {
      console.error(`congvan ${name}: ${printable(e.message)}`);
      process.exitCode = 1;
      return;
    }
    if (e instanceof ParamError) {
      console.error(`congvan ${name}: ${printable(cliMessage(e))}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

export function doneCommand(): Command {
  return new Command('done')
    .description('record an obligation as done (it stays done when its document is ingested again)')
    .argument('<task>', 'task id printed by search, or <record_id>#<n>')
    .option('--on <date>', 'day it was done (YYYY-MM-DD; default today)')
    .option(...DB_OPTION)
    .addHelpText('after', `
Examples:
  congvan done 42
  congvan done 000_7a7f3f59d8dfdfb4#3 --on 2021-11-24`)
    .action(async (task: string, o: { on?: string; db?: string }) => {
      // --on is checked by the schema the API checks its body with (src/query/params.ts)
      let on: string | null | undefined;
      try {
        on = parseParams(schemas.done, { on: o.on }).on;
      } catch (e) {
        if (!(e instanceof ParamError)) throw e;
        console.error(`congvan done: ${printable(cliMessage(e))}`);
        process.exitCode = 2;
        return;
      }
      const db = await openAnyStore(dbSpec(o.db));
      await run('done', async () => {
        const r = await db.markDone(task, on, cliActor());
        const t = await db.getTask(String(r.id), { today: r.doneOn });
        console.log(printable(`done ${r.recordId}#${r.seq} on ${r.doneOn}: ${t.statusLabel}${t.deadline?.date ? ` (deadline ${t.deadline.date})` : ''}`));
      }).finally(() => db.close());
    });
}
