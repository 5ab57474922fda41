/**
 * An export of any store (src/export): SQLite streams its records from its own query; another
 * store's records and completions are read first.
 */
import type { ExtractionRecord } from '../../schemas/record.js';
import { exportStore, exportRecords } from '../export/index.js';
import type { ExportOptions } from '../export/tasks.js';
import type { Store } from './store.js';
import { SqliteStore } from './sqlite.js';

export async function exportChunks(store: Store, format: string, opts: ExportOptions): Promise<Iterable<string>> {
  // the records' query is closed when the export ends, fails, or the reader goes away
  if (store instanceof SqliteStore) return exportStore(store.db, format, opts);
  const records: ExtractionRecord[] = [];
  for await (const r of store.primaryRecords()) records.push(r);
  const done = await store.completions();
  const none = new Map<string, string>();
  return exportRecords(records, (id) => done.get(id) ?? none, format, opts);
}
