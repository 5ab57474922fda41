/** Export formats: each turns the stored records into chunks of text. */
import type { ExtractionRecord } from '../../schemas/record.js';
import type { DB } from '../store/db.js';
import type { ExportOptions } from './tasks.js';
import { csv } from './csv.js';
import { ics } from './ics.js';
import { edoc } from './edoc.js';

export type { ExportOptions } from './tasks.js';
export type Exporter = (records: Iterable<ExtractionRecord>, db: DB, opts?: ExportOptions) => Iterable<string>;

/** With a task filter: each record with only the chosen tasks; records left without any are dropped. */
function* chosen(records: Iterable<ExtractionRecord>, opts?: ExportOptions): Iterable<ExtractionRecord> {
  for (const r of records) {
    if (!opts?.tasks) {
      yield r;
      continue;
    }
    const tasks = r.tasks.filter((_, i) => opts.tasks!.has(`${r.id}#${i + 1}`));
    if (tasks.length) yield { ...r, tasks };
  }
}

function* json(records: Iterable<ExtractionRecord>, _db: DB, opts?: ExportOptions): Iterable<string> {
  let first = true;
  yield '[';
  for (const r of chosen(records, opts)) {
    yield (first ? '\n' : ',\n') + JSON.stringify(r);
    first = false;
  }
  yield '\n]\n';
}

function* ndjson(records: Iterable<ExtractionRecord>, _db: DB, opts?: ExportOptions): Iterable<string> {
  for (const r of chosen(records, opts)) yield JSON.stringify(r) + '\n';
}

export const exporters: Record<string, Exporter> = { json, ndjson, csv, ics, edoc };

/** File name extension and media type of each format (for downloads). */
export const formatInfo: Record<string, { ext: string; type: string }> = {
  json: { ext: 'json', type: 'application/json; charset=utf-8' },
  ndjson: { ext: 'ndjson', type: 'application/x-ndjson; charset=utf-8' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
  ics: { ext: 'ics', type: 'text/calendar; charset=utf-8' },
  edoc: { ext: 'edoc.json', type: 'application/json; charset=utf-8' },
};
