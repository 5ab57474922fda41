import fs from 'node:fs';
import { Command, Option } from 'commander';
import { openAnyStore, dbSpec, DB_OPTION } from '../backend/store.js';
import { officeOf } from '../backend/office.js';
import { auditCsv, auditFilter, AuditFilterError, AUDIT_ACTIONS, type AuditEntry } from '../office/audit.js';
import { printable } from '../engine/printable.js';

const line = (e: AuditEntry) =>
  [e.at.replace('T', ' ').slice(0, 19), e.actor.padEnd(12), e.action.padEnd(11), e.recordId && e.taskSeq != null ? `${e.recordId}#${e.taskSeq}` : e.recordId ?? e.target ?? '', e.detail ? JSON.stringify(e.detail) : ''].join('  ').trimEnd();

export function auditCommand(): Command {
  return new Command('audit')
    .description('print or export the audit log: who marked done, reopened, uploaded or changed an account, and when')
    .addOption(new Option('--format <format>', 'text, csv (UTF-8 with BOM, for Excel) or json').choices(['text', 'csv', 'json']).default('text'))
    .option('--since <date>', 'entries from this day (YYYY-MM-DD)')
    .option('--until <date>', 'entries up to this day, included')
    .option('--actor <name>', 'entries of this user')
    .addOption(new Option('--action <action>', 'entries of this kind').choices([...AUDIT_ACTIONS]))
    .option('--record <id>', 'entries about this document (record id)')
    .option('--out <path>', 'output file (default: standard output)')
    .option(...DB_OPTION)
    .addHelpText('after', `
Examples:
  congvan audit --since 2026-01-01
  congvan audit --format csv --out nhat-ky.csv
  congvan audit --actor minh --action done --format json`)
    .action(async (o: { format: string; since?: string; until?: string; actor?: string; action?: string; record?: string; out?: string; db?: string }) => {
      let f;
      try {
        f = auditFilter({ since: o.since, until: o.until, actor: o.actor, action: o.action, record: o.record }, null);
      } catch (e) {
        if (!(e instanceof AuditFilterError)) throw e;
        console.error(`congvan audit: ${printable(e.message)}`);
        process.exitCode = 2;
        return;
      }
      const store = await openAnyStore(dbSpec(o.db), { readonly: true });
      try {
        const items = (await officeOf(store).listAudit(f)).items.reverse(); // oldest first
        const text =
          o.format === 'csv' ? [...auditCsv(items)].join('') : o.format === 'json' ? `${JSON.stringify(items, null, 2)}\n` : items.map((e) => `${printable(line(e))}\n`).join('') || 'no entries\n';
        if (o.out) fs.writeFileSync(o.out, text);
        else process.stdout.write(text);
      } finally {
        await store.close();
      }
    });
}
