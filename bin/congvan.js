#!/usr/bin/env node
// congvan's command line: the sources built into plain JavaScript in dist/ (scripts/build.mjs,
// run by `npm install`). When a source has changed since, dist/ is rebuilt first (~0.3 s), so
// the command never runs older code than the sources; if it cannot be rebuilt, it says so and
// stops.
import { ensureBuilt, ROOT } from '../scripts/build.mjs';

try {
  const why = await ensureBuilt(ROOT);
  if (why && process.env.CONGVAN_DEBUG) process.stderr.write(`congvan: rebuilt dist/ (${why})\n`);
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
await import('../dist/cli.mjs');
