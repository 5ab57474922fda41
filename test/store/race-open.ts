/**
 * A child process for test/store/open.test.ts: waits for the moment given, then opens the
 * store as ingest does and stores one run, so several first opens of a new store meet.
 * Prints "ok", or the error; exits 0 or 2.
 */
import { openStore, startRun } from '../../src/store/db.js';

const [file, at] = process.argv.slice(2);
while (Date.now() < Number(at)) {
  /* spin: a timer is too coarse to line the processes up */
}
try {
  const db = openStore(file!);
  startRun(db);
  db.close();
  console.log('ok');
} catch (e) {
  console.log(String((e as Error).message));
  process.exitCode = 2;
}
