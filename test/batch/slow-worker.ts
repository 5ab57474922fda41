/**
 * A batch worker for the tests that runs on a slow machine: while it works on a file, two
 * processes spin on the CPU beside it (with two workers, four spinners and the work itself
 * share the two cores), then stop. Everything goes through processBuffer as usual.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parentPort } from 'node:worker_threads';
import { processBuffer } from '../../pipelines/document.js';
import { serveJobs } from '../../src/engine/work.js';

serveJobs(parentPort, async (file, buf, limits) => {
  const spinners: ChildProcess[] = [0, 1].map(() => spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
  try {
    return await processBuffer(file, buf, limits);
  } finally {
    for (const s of spinners) s.kill('SIGKILL');
  }
});
