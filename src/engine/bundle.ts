/**
 * The worker threads' code as plain JavaScript, so a worker starts without tsx.
 *
 * A worker started through tsx pays for it: a loader-hooks thread of its own (an extra V8
 * isolate, ~30 MB), a transform of every module it loads, and 1-3 s of start-up on a busy
 * machine. Instead the workers start from worker.mjs of the cached bundle of the sources
 * (bundle-cache.mjs: src/engine/worker.ts and src/cli/main.ts built together with esbuild
 * into node_modules/.cache/congvan/<key>/, one folder per version of the sources).
 *
 * When the command itself runs from that bundle (bin/congvan.js), its workers use the same
 * folder: the main thread and the workers run the same code, and nothing is looked up again.
 * Otherwise (tests, tsx) the cache is looked up, or built, here.
 *
 * Anything unexpected (esbuild missing, a read-only folder) gives null, and the pool falls
 * back to starting its workers through tsx (worker-boot.mjs). CONGVAN_WORKER=tsx forces that
 * (and CONGVAN_TSX=1, which also runs the command itself through tsx).
 */
import { loadBundles, type Bundles } from './bundle-cache.mjs';
import { ROOT } from '../root.js';

/** Set by bin/congvan.js: the bundle the command runs from (null: it runs through tsx). */
const FROM_BIN = Symbol.for('congvan.bundles');

let pending: Promise<URL | null> | null = null;

export function workerBundle(): Promise<URL | null> {
  if (process.env.CONGVAN_WORKER === 'tsx') return Promise.resolve(null);
  pending ??= find().catch(() => null);
  return pending;
}

async function find(): Promise<URL | null> {
  const g = globalThis as { [FROM_BIN]?: Bundles | null };
  // the command runs from a bundle: its workers start from the same one; it could not be built: don't try again
  if (FROM_BIN in g) return g[FROM_BIN]?.worker ?? null;
  return (await loadBundles(ROOT))?.worker ?? null;
}
