// Entry point of a batch worker thread. The sources are TypeScript, so the worker
// registers tsx's loader first (as bin/congvan.js does), then loads the worker module:
// worker.ts, or the one named in workerData.module (tests use this for a worker that hangs).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData?.module ?? new URL('./worker.ts', import.meta.url).href);
