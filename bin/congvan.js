#!/usr/bin/env node
// congvan's command line. The sources are TypeScript; they run from a plain-JavaScript bundle
// cached in node_modules/.cache/congvan/ (src/engine/bundle-cache.mjs: built with esbuild the
// first time, and again after any source changes), or, when no bundle can be had (or with
// CONGVAN_TSX=1), through tsx's loader.
import { fileURLToPath } from 'node:url';
import { loadBundles } from '../src/engine/bundle-cache.mjs';

const bundles = await loadBundles(fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, ''));
// the batch's workers start from the same bundle (src/engine/bundle.ts)
globalThis[Symbol.for('congvan.bundles')] = bundles;
if (process.env.CONGVAN_DEBUG) process.stderr.write(bundles ? `congvan: running from the bundle ${bundles.dir}${bundles.built ? ' (built now)' : ''}\n` : 'congvan: running through tsx\n');
if (bundles) {
  await import(bundles.cli.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
