/**
 * A batch worker thread: runs processBuffer (parse -> normalise -> extract -> validate)
 * for the files the pool sends it. Started by pool.ts through worker-boot.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { processBuffer } from './record.js';
import { serveJobs } from './work.js';

serveJobs(parentPort, processBuffer);
