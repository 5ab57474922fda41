/**
 * A batch worker thread: runs the stages of one document (./document.ts) for each file the
 * pool sends it. Built into dist/worker.mjs (scripts/build.mjs), which the pool starts.
 */
import { parentPort } from 'node:worker_threads';
import { processBuffer } from './document.js';
import { serveJobs } from '../src/engine/work.js';

serveJobs(parentPort, processBuffer);
