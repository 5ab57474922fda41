import { Command } from 'commander';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openAnyStore, dbSpec, DB_OPTION } from '../backend/store.js';
import { exportChunks } from '../backend/export.js';
import { FORMAT_NAMES } from '../export/index.js';
import { KINDS } from '../query/search.js';
import { STATUS_FILTERS, localToday, normaliseReminders } from '../model/status.js';
import { parseParams, schemas, toTaskQuery, isFiltering } from '../query/params.js';
import { reportQueryError, taskParamsOf } from './search.js';

export function exportCommand(): Command {
  return new Command('export')
    .description('export the stored records (json, ndjson) or obligations (csv, ics, edoc)')
    .option(...DB_OPTION)
    .option('--format <format>', `one of: ${FORMAT_NAMES.join(', ')}`, 'json')
    .option('--out <path>', 'output file (default: standard output)')
    .option('--agency <name>', 'only obligations of this agency (lead or support; abbreviations work)')
    .option('--role <role>', 'with --agency: only as lead or only as support (lead, support)')
    .option('--status <status>', `only obligations with this status: ${STATUS_FILTERS.join(', ')}`)
    .option('--due-before <date>', 'only deadlines on or before this day')
    .option('--due-after <date>', 'only deadlines on or after this day')
    .option('--kind <kind>', `only this deadline kind: ${KINDS.join(', ')}`)
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
      // checked by the schema the API uses (src/query/params.ts), before the store is opened
      let params: ReturnType<typeof parseParams<typeof schemas.export>>;
      try {
        params = parseParams(schemas.export, { ...taskParamsOf(opts), format: opts.format });
      } catch (e) {
        return reportQueryError('export', e);
      }
      const format = params.format ?? 'json';
      const db = await openAnyStore(dbSpec(opts.db), { readonly: true });
      try {
        const q = toTaskQuery(params);
        const today = q.today ?? localToday();
        const reminders = normaliseReminders(q.reminders);
        const tasks = isFiltering(params) ? await db.selectTasks({ ...q, today, reminders }) : null;
        const out = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
        const chunks = await exportChunks(db, format, { today, reminders, tasks });
        // the stream's own back-pressure: one wait for 'drain' at a time, however slow the reader
        await pipeline(Readable.from(chunks), out, { end: Boolean(opts.out) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') return; // a reader that went away (| head) ends the export quietly
        reportQueryError('export', e);
      } finally {
        await db.close();
      }
    });
}
