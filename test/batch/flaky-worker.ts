/**
 * A batch worker for the tests: files whose name holds "hang" never finish, files whose
 * name holds "crash" kill the worker thread, files whose name holds "slow" take 5 s while
 * reporting progress; everything goes through processBuffer in the end.
 */
import { parentPort } from 'node:worker_threads';
import { processBuffer } from '../../pipelines/document.js';
import { serveJobs, reportProgress } from '../../src/engine/work.js';

serveJobs(parentPort, async (file, buf, limits) => {
  if (file.includes('hang')) for (;;);
  if (file.includes('slow')) {
    // longer than the time limit and the first-file grace of the test, but reporting progress
    // all along (like OCR page by page)
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250));
      reportProgress();
    }
  }
  if (file.includes('crash')) {
    setImmediate(() => {
      throw new Error('simulated crash');
    });
    await new Promise(() => {});
  }
  return processBuffer(file, buf, limits);
});
