/**
 * A pool worker for the tests: it writes "<thread> start|end <file>" to the file named in
 * CONGVAN_TEST_LOG for every file it is given, holds a file whose name has "hold" until the
 * file named in CONGVAN_TEST_GATE exists, and parses nothing (every file ends as a failure
 * saying so), so a test sees which files ran where and when without racing the machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import { serveJobs, reportProgress } from '../../src/engine/work.js';

const log = process.env.CONGVAN_TEST_LOG!;
const gate = process.env.CONGVAN_TEST_GATE!;

serveJobs(parentPort, async (file) => {
  fs.appendFileSync(log, `${threadId} start ${path.basename(file)}\n`);
  if (file.includes('hold')) {
    while (!fs.existsSync(gate)) {
      await new Promise((r) => setTimeout(r, 20));
      reportProgress();
    }
  }
  fs.appendFileSync(log, `${threadId} end ${path.basename(file)}\n`);
  throw new Error('not parsed (test worker)');
});
