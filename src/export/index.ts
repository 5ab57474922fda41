/** Export formats: each turns the stored records into chunks of text. */
import type { ExtractionRecord } from '../../schemas/record.js';
import type { DB } from '../store/db.js';
import { primaryRecords, type ExportOptions, type DoneSource } from './tasks.js';
import { FORMAT_NAMES, type FormatName } from '../model/formats.js';
import { csv } from './csv.js';
import { ics } from './ics.js';
import { edoc } from './edoc.js';

export type { ExportOptions } from './tasks.js';
export type Exporter = (records: Iterable<ExtractionRecord>, db: DoneSource, opts?: ExportOptions) => Iterable<string>;

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

function* json(records: Iterable<ExtractionRecord>, _db: DoneSource, opts?: ExportOptions): Iterable<string> {
  let first = true;
  yield '[';
  for (const r of chosen(records, opts)) {
    yield (first ? '\n' : ',\n') + JSON.stringify(r);
    first = false;
  }
  yield '\n]\n';
}

function* ndjson(records: Iterable<ExtractionRecord>, _db: DoneSource, opts?: ExportOptions): Iterable<string> {
  for (const r of chosen(records, opts)) yield JSON.stringify(r) + '\n';
}

const BY_NAME: Record<FormatName, Exporter> = { json, ndjson, csv, ics, edoc };

/** The exporters by format name: look a name up here (or in FORMAT_INFO), never on an object. */
export const EXPORTERS: ReadonlyMap<string, Exporter> = new Map(FORMAT_NAMES.map((n) => [n, BY_NAME[n]]));

/** The exporters as an object without a prototype (exporters.toString is undefined). */
export const exporters: Readonly<Record<string, Exporter>> = Object.freeze(Object.assign(Object.create(null) as Record<string, Exporter>, BY_NAME));

export { FORMAT_NAMES, FORMAT_INFO, type FormatName } from '../model/formats.js';

/**
 * One export of the store, chunk by chunk. Nothing is read before the first chunk is asked
 * for, and the records' query is closed however the caller stops: at the end, on an error
 * (in an exporter, or in the caller, which then calls return()), or when it breaks off.
 */
export function* exportStore(db: DB, format: string, opts: ExportOptions = {}): Generator<string, void, undefined> {
  const exporter = EXPORTERS.get(format);
  if (!exporter) throw new Error(`unknown export format "${format}" (known: ${FORMAT_NAMES.join(', ')})`);
  const records = primaryRecords(db);
  try {
    yield* exporter(records, db, opts);
  } finally {
    records.return(undefined);
  }
}

/** An export of records read from another store, with their completions. */
export function* exportRecords(records: Iterable<ExtractionRecord>, done: DoneSource, format: string, opts: ExportOptions = {}): Generator<string, void, undefined> {
  const exporter = EXPORTERS.get(format);
  if (!exporter) throw new Error(`unknown export format "${format}" (known: ${FORMAT_NAMES.join(', ')})`);
  yield* exporter(records, done, opts);
}
