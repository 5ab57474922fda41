/**
 * A batch worker for the fault tests: a file whose name holds "stuck" sends the parser into
 * an endless loop (as a hostile input could); every other file goes through processBuffer.
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { processBuffer } from '../../pipelines/document.js';
import { serveJobs } from '../../src/engine/work.js';

serveJobs(parentPort, async (file, buf, limits) => {
  if (path.basename(file).includes('stuck')) {
    let x = 0;
    for (;;) x = (x + 1) % 1e9;
  }
  return processBuffer(file, buf, limits);
});
