import { Command, Option } from 'commander';
import fs from 'node:fs';
import { once } from 'node:events';
import { openStore } from '../store/db.js';
import { exporters } from '../export/index.js';
import { primaryRecords } from '../export/tasks.js';
import { candidateIds, KINDS, QueryError, type TaskQuery } from '../query/search.js';
import { STATUS_FILTERS, localToday, normaliseReminders } from '../query/status.js';
import { parseReminders } from './search.js';

/** The refs ("<record_id>#<seq>") of the tasks a filter selects. */
export function selectTasks(db: ReturnType<typeof openStore>, q: TaskQuery): Set<string> {
  const c = candidateIds(db, q, Number.MAX_SAFE_INTEGER);
  const refs = db
    .prepare(`SELECT d.record_id || '#' || t.seq FROM json_each(?) j CROSS JOIN tasks t ON t.id = j.value JOIN documents d ON d.id = t.document_id`)
    .pluck()
    .all(JSON.stringify(c.ids)) as string[];
  return new Set(refs);
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export the stored records (json, ndjson) or obligations (csv, ics, edoc)')
    .option('--db <file>', 'SQLite store', 'output/congvan.db')
    .option('--format <format>', `one of: ${Object.keys(exporters).join(', ')}`, 'json')
    .option('--out <path>', 'output file (default: standard output)')
    .option('--agency <name>', 'only obligations of this agency (lead or support; abbreviations work)')
    .addOption(new Option('--role <role>', 'with --agency: only as lead or only as support').choices(['lead', 'support']))
    .addOption(new Option('--status <status>', 'only obligations with this status').choices(STATUS_FILTERS))
    .option('--due-before <date>', 'only deadlines on or before this day')
    .option('--due-after <date>', 'only deadlines on or after this day')
    .addOption(new Option('--kind <kind>', 'only this deadline kind').choices([...KINDS]))
    .option('--type <type>', 'only documents of this type (CV, KH, ...)')
    .option('--today <date>', 'the day statuses are judged against (default: today)')
    .option('--remind <days>', 'days before a deadline that count as "due soon" (and calendar reminders)', '7,3,1')
    .addHelpText('after', `
Formats:
  json, ndjson  the records (schemas/record.schema.json); with filters, only the chosen tasks
  csv           one row per obligation, UTF-8 with BOM (opens in Excel)
  ics           calendar (RFC 5545): one all-day event per dated obligation, RRULE for recurring ones
  edoc          documents with the metadata names of Nghị định 30/2020/NĐ-CP Phụ lục VI (CodeNumber, ...)
Examples:
  congvan export --format ics --agency "Sở Nội vụ" --status open --out so-noi-vu.ics
  congvan export --format csv --status overdue --today 2021-12-01 --out qua-han.csv`)
    .action(async (opts: Record<string, string | undefined>) => {
      const format = opts.format ?? 'json';
      const exporter = exporters[format];
      if (!exporter) {
        console.error(`congvan export: unknown format "${format}" (known: ${Object.keys(exporters).join(', ')})`);
        process.exitCode = 2;
        return;
      }
      const db = openStore(opts.db ?? 'output/congvan.db', { readonly: true });
      try {
        const filtered = ['agency', 'role', 'status', 'dueBefore', 'dueAfter', 'kind', 'type'].some((k) => opts[k]);
        const today = opts.today ?? localToday();
        const reminders = normaliseReminders(parseReminders(opts.remind));
        const q: TaskQuery = {
          agency: opts.agency, role: opts.role as never, status: opts.status as never, dueBefore: opts.dueBefore, dueAfter: opts.dueAfter,
          kind: opts.kind as never, type: opts.type, today, reminders,
        };
        const tasks = filtered ? selectTasks(db, q) : null;
        const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
        let closed = false;
        out.on('error', (e: NodeJS.ErrnoException) => {
          closed = true; // a reader that went away (| head) ends the export quietly
          if (e.code !== 'EPIPE') throw e;
        });
        for (const chunk of exporter(primaryRecords(db), db, { today, reminders, tasks })) {
          if (closed) break;
          if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close'), once(out, 'error')]).catch(() => undefined);
        }
        if (opts.out) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
      } catch (e) {
        if (e instanceof QueryError) {
          console.error(`congvan export: ${e.message}`);
          process.exitCode = 2;
          return;
        }
        throw e;
      } finally {
        db.close();
      }
    });
}
