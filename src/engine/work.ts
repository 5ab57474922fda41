/**
 * What travels between the batch's main thread and its workers.
 *
 * Main -> worker: { type: 'job', id, file, bytes, limits, json } (the bytes are copied).
 * Worker -> main: { type: 'ready' } once its modules are loaded; { type: 'start', id } when
 * a job begins (the job's time limit counts from then); { type: 'progress', id } when a
 * stage reports progress (the limit starts again); { type: 'done', id, result }.
 *
 * A result carries what the writer needs and nothing else: the store's rows (toStoreRow:
 * the record's JSON, the folded text for the full-text index, task keys, canonical agency
 * names, all computed here, in the worker) and, when the batch writes a JSON folder, the
 * record's file content. The writer thread, the one part of a batch that cannot run in
 * parallel, then only runs inserts. Never the record object or the text model: a few
 * strings are much cheaper to copy between threads than an object graph.
 */
import type { MessagePort } from 'node:worker_threads';
import { toStoreRow, type StoreRow } from '../store/rows.js';
import { recordFileContent } from '../export/jsondir.js';
import type { Limits, Outcome } from './record.js';
import { onProgress } from '../model/progress.js';
import { failureCode } from '../model/errors.js';

export { reportProgress } from '../model/progress.js';

export type WorkResult =
  | { ok: true; file: string; row: StoreRow; jsonFile: string | null; sha256: string; ms: number }
  | { ok: false; file: string; stage: string; code: string; reason: string; sha256?: string; ms: number };

export interface JobMessage {
  type: 'job';
  id: number;
  file: string;
  bytes: Uint8Array;
  limits: Limits;
  /** The batch writes a JSON folder: send the record's file content too. */
  json: boolean;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'start'; id: number }
  | { type: 'progress'; id: number }
  | { type: 'done'; id: number; result: WorkResult };

export type ProcessFn = (file: string, buf: Buffer, limits: Limits) => Promise<Outcome>;

export function toWorkResult(o: Outcome, json: boolean): WorkResult {
  if (!o.ok) return o;
  return { ok: true, file: o.file, row: toStoreRow(o.record, o.model.text), jsonFile: json ? recordFileContent(o.record) : null, sha256: o.sha256, ms: o.ms };
}

// The job the worker thread is running: the stages' progress (src/model/progress.ts) goes to the pool for it.
let current: { port: MessagePort; id: number; last: number } | null = null;

/** Cheap to call often: one message a second at most. */
function progress(): void {
  if (!current) return;
  const now = Date.now();
  if (now - current.last < 1000) return;
  current.last = now;
  current.port.postMessage({ type: 'progress', id: current.id } satisfies WorkerMessage);
}

/** The worker side: run jobs one after another, in the order they arrive. */
export function serveJobs(port: MessagePort | null, run: ProcessFn): void {
  if (!port) throw new Error('a batch worker module must run inside a worker thread');
  let chain: Promise<void> = Promise.resolve();
  onProgress(progress);
  port.on('message', (m: JobMessage) => {
    if (m?.type !== 'job') return;
    chain = chain.then(async () => {
      current = { port, id: m.id, last: Date.now() };
      port.postMessage({ type: 'start', id: m.id } satisfies WorkerMessage);
      const buf = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      let result: WorkResult;
      try {
        result = toWorkResult(await run(m.file, buf, m.limits), m.json);
      } catch (e) {
        result = { ok: false, file: m.file, stage: 'parse', code: failureCode(e, 'parse'), reason: String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 300), ms: 0 };
      }
      current = null;
      port.postMessage({ type: 'done', id: m.id, result } satisfies WorkerMessage);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
