/**
 * Where the time of one document goes, stage by stage, in one thread (no workers, no
 * start-up): parse, normalise, extract, the record's schema check (zod),
 * the store write (Writer.write, in batched transactions) and the JSON record
 * (writeJsonFor). Medians and means over the documents of a folder, after a warm-up pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../../src/parse/index.js';
import { normalise } from '../../src/normalise/index.js';
import { extract } from '../../src/extract/index.js';
import { processBuffer } from '../../pipelines/document.js';
import { openStore, Writer, toStoreRow } from '../../src/store/db.js';
import { writeJsonFile, recordFileContent } from '../../src/export/jsondir.js';
import { RecordSchema } from '../../schemas/record.js';
import { pct } from './search.js';

export interface StageTimes {
  format: string;
  documents: number;
  /** mean ms per document */
  mean: Record<string, number>;
  /** median ms per document */
  median: Record<string, number>;
}

export async function stageTimes(format: string, dir: string, limit = 300): Promise<StageTimes> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.' + format)).sort().slice(0, limit).map((f) => path.join(dir, f));
  const bufs = files.map((f) => fs.readFileSync(f));
  // 'store rows': the store's rows and the JSON file content, computed in the worker with
  // the record (toStoreRow, recordFileContent); 'store write' and 'JSON record' run on the
  // batch's one writer thread
  const t: Record<string, number[]> = { parse: [], normalise: [], extract: [], 'schema check': [], 'store rows': [], 'store write': [], 'JSON record': [], total: [] };
  // warm-up: compile the code paths, load the parsers
  for (let i = 0; i < Math.min(20, files.length); i++) await processBuffer(files[i]!, bufs[i]!);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-stages-'));
  const db = openStore(path.join(work, 's.db'));
  const writer = new Writer(db);
  const json = path.join(work, 'json');
  fs.mkdirSync(json);
  db.exec('BEGIN');
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const buf = bufs[i]!;
    let a = performance.now();
    const raw = await parseFile(buf, file, {});
    let b = performance.now();
    t.parse!.push(b - a);
    a = b;
    const model = normalise(raw, path.basename(file));
    b = performance.now();
    t.normalise!.push(b - a);
    a = b;
    extract(model);
    b = performance.now();
    t.extract!.push(b - a);
    const o = await processBuffer(file, buf); // the record itself (not timed: it repeats the stages)
    if (!o.ok) continue;
    a = performance.now();
    RecordSchema.safeParse(o.record);
    b = performance.now();
    t['schema check']!.push(b - a);
    a = b;
    const row = toStoreRow(o.record, o.model.text);
    const content = recordFileContent(o.record);
    b = performance.now();
    t['store rows']!.push(b - a);
    const whole = t.parse!.at(-1)! + t.normalise!.at(-1)! + t.extract!.at(-1)! + t['schema check']!.at(-1)! + (b - a);
    a = performance.now();
    writer.write(row, file); // as the batch's writer does: no savepoint per document (sink.ts)
    b = performance.now();
    t['store write']!.push(b - a);
    if (i % 50 === 49) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
    a = performance.now();
    writeJsonFile(json, row.recordId, content);
    b = performance.now();
    t['JSON record']!.push(b - a);
    t.total!.push(whole + t['store write']!.at(-1)! + t['JSON record']!.at(-1)!);
  }
  db.exec('COMMIT');
  db.close();
  fs.rmSync(work, { recursive: true, force: true });
  const mean: Record<string, number> = {};
  const median: Record<string, number> = {};
  for (const [k, v] of Object.entries(t)) {
    mean[k] = +(v.reduce((s, x) => s + x, 0) / Math.max(1, v.length)).toFixed(2);
    median[k] = +pct([...v].sort((x, y) => x - y), 50).toFixed(2);
  }
  return { format, documents: files.length, mean, median };
}
