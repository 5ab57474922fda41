/**
 * A batch worker thread, built into dist/worker.mjs (scripts/build.mjs). Two kinds:
 *   - a pool worker (src/engine/pool.ts): runs the stages of one document (./document.ts) for
 *     each file the pool sends it;
 *   - the batch thread (workerData.batch, ./batch.ts): `congvan ingest`'s whole batch (listing,
 *     reading, the pool, the writer), started by the command's main thread with limits on its
 *     heap; its code loads only there.
 */
import { parentPort, workerData } from 'node:worker_threads';

// each kind loads only its own code: the batch thread does not need the stages' (issue 14)
if (workerData?.batch) (await import('./batch.js')).serveBatch(parentPort, workerData.batch);
else {
  const [{ processBuffer }, { serveJobs }] = await Promise.all([import('./document.js'), import('../src/engine/work.js')]);
  serveJobs(parentPort, processBuffer);
}
