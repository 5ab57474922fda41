/**
 * `congvan ingest`'s batch on a thread of its own: the listing, reading, the pool of workers
 * and the writer run in a worker thread (dist/worker.mjs with workerData.batch), while the
 * command's main thread only parses the command line, prints the events and passes Ctrl-C on.
 *
 * Why (issue 14, memory): V8 sizes a heap's young generation and lets its old generation grow
 * by limits fixed when the thread starts. The main thread's are V8's defaults (a 16 MB
 * semi-space, old space let grow up to 4x what a collection leaves) and cannot be set from
 * inside a running command, however it was started (`npx congvan`, `node bin/congvan.js`,
 * `npm run ingest`); a worker's can (`resourceLimits`). The writer holds every document's rows
 * until its commit, so its heap grew to both limits; on its own thread it is kept to a 12 MB
 * young generation and a 1 GB old-space limit (V8 grows a heap under a lower limit by a lower
 * factor), like the pool's workers.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { ingest, watch, type IngestOptions, type IngestSummary, type IngestEvent, type WatchOptions } from './ingest.js';
import { workerEntry } from '../src/engine/pool.js';

/** The batch thread's young generation in MB (V8's own is 48; --max-semi-space-size=4 on the command measured ~2 % more CPU). */
export const BATCH_YOUNG_MB = Number(process.env.CONGVAN_BATCH_YOUNG_MB) || 12;
/** The batch thread's old-space limit in MB (the pool's workers have the same). */
export const BATCH_OLD_MB = 1024;

type Travelling = Omit<WatchOptions, 'onResult' | 'onTotal' | 'signal'>;

/** What the batch thread is given: the options that can travel (no functions, no signal). */
export interface BatchData {
  mode: 'once' | 'watch';
  inputs: string[];
  opts: Travelling;
  /** Send the number of files once listed (onTotal). */
  total: boolean;
  /** The signal was given before the thread started. */
  aborted: boolean;
}

type FromBatch =
  | { type: 'event'; e: IngestEvent }
  | { type: 'total'; n: number }
  | { type: 'summary'; s: IngestSummary }
  | { type: 'error'; message: string; code?: string };

/** ingest (or watch, mode 'watch') on a batch thread; the callbacks and the signal stay on this thread. */
export async function ingestOnThread(inputs: string[], opts: WatchOptions, mode: BatchData['mode'] = 'once'): Promise<IngestSummary> {
  const { onResult, onTotal, signal, ...rest } = opts;
  const data: BatchData = { mode, inputs, opts: rest, total: !!onTotal, aborted: !!signal?.aborted };
  const worker = new Worker(await workerEntry(), {
    workerData: { batch: data },
    resourceLimits: { maxYoungGenerationSizeMb: BATCH_YOUNG_MB, maxOldGenerationSizeMb: BATCH_OLD_MB },
  });
  const abort = () => worker.postMessage({ type: 'abort' });
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await new Promise<IngestSummary>((resolve, reject) => {
      let error: Error | null = null;
      worker.on('message', (m: FromBatch) => {
        if (m.type === 'event') onResult?.(m.e);
        else if (m.type === 'total') onTotal?.(m.n);
        else if (m.type === 'summary') resolve(m.s);
        else reject(Object.assign(new Error(m.message), m.code === undefined ? {} : { code: m.code }));
      });
      worker.on('error', (e) => (error = e));
      worker.on('exit', (code) => reject(error ?? new Error(`the batch thread stopped unexpectedly (exit code ${code})`)));
    });
  } finally {
    signal?.removeEventListener('abort', abort);
    await worker.terminate();
  }
}

/** The batch thread's side: run the batch, send its events and summary (the main thread then ends the thread). */
export function serveBatch(port: MessagePort | null, data: BatchData): void {
  if (!port) throw new Error('the batch must run inside a worker thread');
  const ac = new AbortController();
  if (data.aborted) ac.abort();
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'abort') ac.abort();
  });
  const opts: WatchOptions = {
    ...data.opts,
    signal: ac.signal,
    onResult: (e) => port.postMessage({ type: 'event', e } satisfies FromBatch),
    ...(data.total ? { onTotal: (n: number) => port.postMessage({ type: 'total', n } satisfies FromBatch) } : {}),
  };
  (data.mode === 'watch' ? watch(data.inputs, opts) : ingest(data.inputs, opts as IngestOptions)).then(
    (s) => port.postMessage({ type: 'summary', s } satisfies FromBatch),
    (e: unknown) => {
      const code = (e as { code?: unknown })?.code;
      port.postMessage({ type: 'error', message: String((e as Error)?.message ?? e), ...(typeof code === 'string' ? { code } : {}) } satisfies FromBatch);
    },
  );
}
