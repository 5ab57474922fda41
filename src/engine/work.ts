/**
 * What travels between the batch's main thread and its workers.
 *
 * Main -> worker: { type: 'job', id, file, bytes, limits } (the bytes are transferred).
 * Worker -> main: { type: 'ready' } once its modules are loaded; { type: 'start', id } when
 * a job begins (the job's time limit counts from then); { type: 'progress', id } when a
 * stage reports progress (the limit starts again); { type: 'done', id, result }.
 *
 * A result carries what the writer needs, the record and the normalised text, never the
 * whole text model (blocks, cells): less to copy between threads.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ExtractionRecord } from '../../schemas/record.js';
import type { Limits, Outcome } from './record.js';

export type WorkResult =
  | { ok: true; file: string; record: ExtractionRecord; text: string; sha256: string; ms: number }
  | { ok: false; file: string; stage: string; reason: string; sha256?: string; ms: number };

export interface JobMessage {
  type: 'job';
  id: number;
  file: string;
  bytes: Uint8Array;
  limits: Limits;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'start'; id: number }
  | { type: 'progress'; id: number }
  | { type: 'done'; id: number; result: WorkResult };

export type ProcessFn = (file: string, buf: Buffer, limits: Limits) => Promise<Outcome>;

export function toWorkResult(o: Outcome): WorkResult {
  return o.ok ? { ok: true, file: o.file, record: o.record, text: o.model.text, sha256: o.sha256, ms: o.ms } : o;
}

// The job the worker thread is running, for reportProgress.
let current: { port: MessagePort; id: number; last: number } | null = null;

/**
 * A stage of a long file says it is moving (a PDF page read, a page OCR'd): the file's
 * time limit in the batch starts again, so the limit catches a stuck file, not a long one.
 * Cheap to call often (one message a second at most); does nothing outside a batch worker.
 */
export function reportProgress(): void {
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
  port.on('message', (m: JobMessage) => {
    if (m?.type !== 'job') return;
    chain = chain.then(async () => {
      current = { port, id: m.id, last: Date.now() };
      port.postMessage({ type: 'start', id: m.id } satisfies WorkerMessage);
      const buf = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      let result: WorkResult;
      try {
        result = toWorkResult(await run(m.file, buf, m.limits));
      } catch (e) {
        result = { ok: false, file: m.file, stage: 'parse', reason: String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 300), ms: 0 };
      }
      current = null;
      port.postMessage({ type: 'done', id: m.id, result } satisfies WorkerMessage);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
