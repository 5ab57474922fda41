/** Export formats: each turns the stored records into chunks of text. */
import type { ExtractionRecord } from '../../schemas/record.js';
import type { DB } from '../store/db.js';

export type Exporter = (records: Iterable<ExtractionRecord>, db: DB) => Iterable<string>;

function* json(records: Iterable<ExtractionRecord>): Iterable<string> {
  let first = true;
  yield '[';
  for (const r of records) {
    yield (first ? '\n' : ',\n') + JSON.stringify(r);
    first = false;
  }
  yield '\n]\n';
}

function* ndjson(records: Iterable<ExtractionRecord>): Iterable<string> {
  for (const r of records) yield JSON.stringify(r) + '\n';
}

export const exporters: Record<string, Exporter> = { json, ndjson };
