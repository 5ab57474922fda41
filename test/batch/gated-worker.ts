/**
 * A batch worker for the tests: a file whose name holds "gated" waits until the file named
 * in CONGVAN_TEST_GATE exists, then goes through processBuffer like any other. A test holds
 * the batch at the gate while it sends a signal, so the outcome never races the machine.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { processBuffer } from '../../pipelines/document.js';
import { serveJobs, reportProgress } from '../../src/engine/work.js';

const gate = process.env.CONGVAN_TEST_GATE;

serveJobs(parentPort, async (file, buf, limits) => {
  if (gate && file.includes('gated')) {
    while (!fs.existsSync(gate)) {
      await new Promise((r) => setTimeout(r, 50));
      reportProgress();
    }
  }
  return processBuffer(file, buf, limits);
});
