/**
 * The ingest pipeline: list -> (read -> parse -> normalise -> extract -> validate) per file
 * -> store (one writer, one transaction per document) -> JSON records.
 *
 * The per-file stages run concurrently (p-queue, bounded, fed from a streamed file list);
 * writes are serialised. A file whose content is already stored is skipped; a failure is
 * recorded with its stage and reason and the batch goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import { listFiles, type ListProblem } from '../src/engine/files.js';
import { processFile, sha256, DEFAULT_LIMITS, type Limits, type Outcome } from '../src/engine/record.js';
import { openStore, Writer, startRun, finishRun, recordFailure, type DB } from '../src/store/db.js';
import { writeJsonFor } from '../src/export/jsondir.js';

export interface IngestOptions {
  db: string;
  json?: string | null;
  jobs?: number;
  limits?: Limits;
  /** Called for every file as it finishes. */
  onResult?: (r: IngestEvent) => void;
  signal?: AbortSignal;
}

export type IngestEvent =
  | { status: 'ingested' | 'replaced' | 'unchanged'; file: string; id: string; type: string; number: string | null; symbol: string | null; date: string | null; tasks: number; ms: number }
  | { status: 'failed'; file: string; stage: string; reason: string; ms: number };

export interface IngestSummary {
  files: number;
  ingested: number;
  unchanged: number;
  failed: number;
  tasks: number;
  ms: number;
  runId: number;
}

export async function ingest(inputs: string[], opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const db: DB = openStore(opts.db);
  const writer = new Writer(db);
  const runId = startRun(db);
  const counts = { files: 0, ingested: 0, unchanged: 0, failed: 0, tasks: 0 };
  const problems: ListProblem[] = [];
  const queue = new PQueue({ concurrency: Math.max(1, opts.jobs ?? 2) });
  const emit = (e: IngestEvent) => opts.onResult?.(e);

  const fail = (file: string, stage: string, reason: string, ms: number) => {
    counts.failed++;
    recordFailure(db, runId, file, stage, reason);
    emit({ status: 'failed', file, stage, reason, ms });
  };

  const handle = (file: string, o: Outcome) => {
    if (!o.ok) return fail(file, o.stage, o.reason, o.ms);
    const result = db.transaction(() => writer.write(o.record, o.model.text, file))();
    const status = result === 'inserted' ? 'ingested' : result;
    if (result === 'unchanged') counts.unchanged++;
    else {
      counts.ingested++;
      if (opts.json) writeJsonFor(db, opts.json, o.record.id);
    }
    counts.tasks += o.record.tasks.length;
    const d = o.record.document;
    emit({ status, file, id: o.record.id, type: d.type, number: d.number, symbol: d.symbol, date: d.date, tasks: o.record.tasks.length, ms: o.ms });
  };

  for (const file of listFiles(inputs, problems)) {
    if (opts.signal?.aborted) break;
    counts.files++;
    // back-pressure: never more than a few files waiting
    await queue.onSizeLessThan(queue.concurrency * 2);
    queue.add(async () => {
      // skip quickly when the same bytes are stored for this path already
      try {
        const buf = fs.readFileSync(file);
        if (buf.length && writer.unchanged(file, sha256(buf))) {
          counts.unchanged++;
          const row = db.prepare('SELECT record_id, type, number, symbol, date, (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS n FROM documents d WHERE path = ?').get(file) as { record_id: string; type: string; number: string | null; symbol: string | null; date: string | null; n: number };
          counts.tasks += row.n;
          emit({ status: 'unchanged', file, id: row.record_id, type: row.type, number: row.number, symbol: row.symbol, date: row.date, tasks: row.n, ms: 0 });
          return;
        }
      } catch {
        /* processFile reports read errors */
      }
      handle(file, await processFile(file, opts.limits ?? DEFAULT_LIMITS));
    });
  }
  await queue.onIdle();
  for (const p of problems) {
    counts.files++;
    fail(p.path, 'read', p.reason, 0);
  }
  finishRun(db, runId, counts);
  db.close();
  return { ...counts, ms: Math.round(performance.now() - t0), runId };
}

export function defaultJsonDir(dbFile: string): string {
  return path.join(path.dirname(dbFile), 'json');
}
