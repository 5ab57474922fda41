/**
 * A batch worker for the tests: files whose name holds "hang" never finish, files whose
 * name holds "crash" kill the worker thread, files whose name holds "slow" take 5 s while
 * reporting progress; files whose name holds "limits" fail with the worker's resourceLimits
 * as their reason; everything goes through processBuffer in the end.
 */
import { parentPort, resourceLimits } from 'node:worker_threads';
import { processBuffer } from '../../pipelines/document.js';
import { serveJobs, reportProgress } from '../../src/engine/work.js';

serveJobs(parentPort, async (file, buf, limits) => {
  // the worker's own memory limits, told back as a failure's reason
  if (file.includes('limits')) throw new Error(`limits ${JSON.stringify(resourceLimits)}`);
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
