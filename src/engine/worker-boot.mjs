// Entry point of a batch worker thread. The sources are TypeScript, so the worker
// registers tsx's loader first (as bin/congvan.js does), then a hook that lets packages
// in node_modules load without tsx's transform (deps-hook.mjs: pdfjs loads in 0.3 s
// instead of 2-4 s), then loads the worker module: worker.ts, or the one named in
// workerData.module (tests use this for a worker that hangs or crashes).
import { register } from 'tsx/esm/api';
import { register as registerHook } from 'node:module';
import { workerData } from 'node:worker_threads';

register();
registerHook(new URL('./deps-hook.mjs', import.meta.url));
await import(workerData?.module ?? new URL('./worker.ts', import.meta.url).href);
