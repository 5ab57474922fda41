/**
 * A batch worker for the tests: files whose name holds "hang" never finish, files whose
 * name holds "crash" kill the worker thread; everything else goes through processBuffer.
 */
import { parentPort } from 'node:worker_threads';
import { processBuffer } from '../../src/engine/record.js';
import { serveJobs } from '../../src/engine/work.js';

serveJobs(parentPort, async (file, buf, limits) => {
  if (file.includes('hang')) for (;;);
  if (file.includes('crash')) {
    setImmediate(() => {
      throw new Error('simulated crash');
    });
    await new Promise(() => {});
  }
  return processBuffer(file, buf, limits);
});
