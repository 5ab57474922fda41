/**
 * A batch worker thread: runs processBuffer (parse -> normalise -> extract -> validate)
 * for the files the pool sends it. Built into dist/worker.mjs (scripts/build.mjs), which pool.ts starts.
 */
import { parentPort } from 'node:worker_threads';
import { processBuffer } from './record.js';
import { serveJobs } from './work.js';

serveJobs(parentPort, processBuffer);
