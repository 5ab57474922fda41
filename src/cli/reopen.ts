import { Command } from 'commander';
import { openStore } from '../store/db.js';
import { reopen } from '../query/tasks.js';
import { run } from './done.js';
import { printable } from '../engine/printable.js';
import { cliActor, recordAudit } from '../office/audit.js';

export function reopenCommand(): Command {
  return new Command('reopen')
    .description('open a done obligation again')
    .argument('<task>', 'task id printed by search, or <record_id>#<n>')
    .option('--db <file>', 'SQLite store', 'output/congvan.db')
    .action((task: string, o: { db: string }) => {
      const db = openStore(o.db);
      run('reopen', () => {
        const r = db.transaction(() => {
          const d = reopen(db, task);
          recordAudit(db, { actor: cliActor(), action: 'reopen', recordId: d.recordId, taskSeq: d.seq, taskKey: d.taskKey, detail: { wasDone: d.wasDone } });
          return d;
        }).immediate();
        console.log(printable(r.wasDone ? `reopened ${r.recordId}#${r.seq}` : `${r.recordId}#${r.seq} was not done; nothing changed`));
      });
      db.close();
    });
}
