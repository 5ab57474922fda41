// The command line and the batch workers as plain JavaScript, so neither starts through tsx.
//
// The sources are TypeScript, run through tsx. tsx costs every process ~1 s of start-up (a
// loader-hooks thread of its own, a transform of every module loaded) and each worker thread
// as much again. Instead, src/cli/main.ts and src/engine/worker.ts are bundled with esbuild
// (which tsx itself uses), packages left outside, into one folder per version of the sources:
//
//   node_modules/.cache/congvan/<key>/cli.mjs, worker.mjs, chunk-*.mjs
//
// (inside node_modules so the packages the bundle imports resolve as usual). Code splitting
// keeps a module that is imported with import() in its own chunk: `congvan --help` loads
// neither SQLite nor the parsers, and a .txt batch's workers never load pdfjs or mammoth.
//
// The key is a hash of the project root and the path, size and time stamp of every file
// under the folders the bundle is made from (ROOTS; a build that reads a file outside them
// fails, so the key always covers the inputs) — a stat of ~100 files, a millisecond or two,
// without loading esbuild. A changed source makes a new key and a new folder; a running
// batch keeps the folder it started with. A folder is built under a temporary name and
// renamed into place, so two processes starting at once both end up with a whole one (the
// second rename fails and that process uses the folder that won). When a new one is built,
// folders unused for a week are removed (for a day, beyond the 20 newest).
//
// Anything unexpected (esbuild missing or failing, a read-only folder) gives null, and the
// caller runs the TypeScript through tsx as before. CONGVAN_TSX=1 forces that (both the
// command and its workers); CONGVAN_WORKER=tsx only for the workers (src/engine/bundle.ts).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';

/** The folders (under the project root) whose files the bundle is made from. */
export const ROOTS = ['src', 'schemas', 'pipelines'];
/** Files at the project root that change how the sources are read. */
const ROOT_FILES = ['package.json', 'tsconfig.json'];

/** esbuild's options (apart from the folders): part of the key, so new options make a new bundle. */
const OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  // names as written: error messages and stack traces stay readable
  keepNames: true,
  metafile: true,
  logLevel: 'silent',
};

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Bundles kept whatever their age below a week. */
const KEEP = 20;

/**
 * @typedef {{ dir: string; key: string; cli: URL; worker: URL; built: boolean }} Bundles
 */

/**
 * The bundles of the sources under `root` as they are now: from the cache, or built and
 * cached. Null when they cannot be had (the caller uses tsx).
 * @param {string} root the project root (where package.json is)
 * @param {{ build?: boolean; esbuild?: () => Promise<any> }} [opts] build: false only looks in the cache; esbuild: how to load esbuild (tests)
 * @returns {Promise<Bundles | null>}
 */
export async function loadBundles(root, opts = {}) {
  if (process.env.CONGVAN_TSX === '1') return null;
  try {
    const modules = findNodeModules(root);
    if (!modules) return null;
    const cache = path.join(modules, '.cache', 'congvan');
    let esbuild = null;
    // a source that changes while esbuild reads the sources makes the build start again (3 times at most)
    for (let attempt = 0; ; attempt++) {
      const key = sourceKey(root);
      const dir = path.join(cache, key);
      if (fs.existsSync(path.join(dir, 'cli.mjs'))) {
        touch(dir);
        return result(dir, key, false);
      }
      if (opts.build === false) return null;
      esbuild ??= await (opts.esbuild ?? (() => import('esbuild')))();
      if (await build(root, cache, key, esbuild)) return result(dir, key, true);
      if (attempt === 2) throw new Error('the sources kept changing during the build');
    }
  } catch (e) {
    if (process.env.CONGVAN_DEBUG) process.stderr.write(`congvan: no bundle, running through tsx (${e?.stack ?? e})\n`);
    return null;
  }
}

/** Mark a folder as in use (once a day at most): the sweep removes the ones unused for a week. */
function touch(dir) {
  try {
    const now = Date.now();
    if (now - fs.statSync(dir).mtimeMs > 24 * 3600 * 1000) fs.utimesSync(dir, now / 1000, now / 1000);
  } catch {
    /* a read-only folder: it stays */
  }
}

/** @returns {Bundles} */
function result(dir, key, built) {
  return { dir, key, built, cli: pathToFileURL(path.join(dir, 'cli.mjs')), worker: pathToFileURL(path.join(dir, 'worker.mjs')) };
}

/**
 * The cache key: a hash of the root, esbuild's options and the path, size and time stamp of
 * every file the bundle can be made from.
 * @param {string} root
 */
export function sourceKey(root) {
  const h = crypto.createHash('sha256');
  h.update(`${root}\0${JSON.stringify(OPTIONS)}\0`);
  const file = (rel, st) => h.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
  const dir = (rel) => {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const sub = `${rel}/${e.name}`;
      if (e.isDirectory()) dir(sub);
      else add(sub);
    }
  };
  const add = (rel) => {
    let st;
    try {
      st = fs.statSync(path.join(root, rel));
    } catch {
      h.update(`${rel}\0-\n`);
      return;
    }
    if (st.isDirectory()) dir(rel);
    else file(rel, st);
  };
  for (const f of [...ROOTS, ...ROOT_FILES]) add(f);
  return h.digest('hex').slice(0, 16);
}

/** Build the bundle into cache/key; false when the sources changed meanwhile (nothing kept). */
async function build(root, cache, key, esbuild) {
  fs.mkdirSync(cache, { recursive: true });
  const tmp = path.join(cache, `${key}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    const out = await esbuild.build({
      ...OPTIONS,
      absWorkingDir: root,
      entryPoints: { cli: path.join(root, 'src/cli/main.ts'), worker: path.join(root, 'src/engine/worker.ts') },
      outdir: tmp,
      // src/root.ts: the project root, which the bundle's own location (the cache) is not
      define: { __CONGVAN_ROOT__: JSON.stringify(root) },
    });
    // every source the bundle was made from must count in the key
    const outside = Object.keys(out.metafile.inputs).filter((f) => !ROOTS.some((r) => f.startsWith(`${r}/`)));
    if (outside.length) throw new Error(`the bundle reads files outside ${ROOTS.join(', ')}: ${outside.join(', ')}`);
    // a source changed while esbuild read it: do not keep a bundle under a key that does not match it
    if (sourceKey(root) !== key) return false;
    const dir = path.join(cache, key);
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      // another process put the same bundle in place first
      if (!fs.existsSync(path.join(dir, 'cli.mjs'))) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  try {
    sweep(cache, key);
  } catch {
    /* old bundles stay */
  }
  return true;
}

/** The node_modules folder the project's packages are in (the bundle goes under it). */
function findNodeModules(from) {
  for (let d = from; ; d = path.dirname(d)) {
    const m = path.join(d, 'node_modules');
    if (fs.existsSync(path.join(m, 'tsx'))) return m;
    if (path.dirname(d) === d) return null;
  }
}

/**
 * Remove the bundles unused for a week, and beyond the newest KEEP those unused for a day
 * (a working copy whose sources keep changing makes many), and what killed builds left.
 */
function sweep(cache, keep) {
  const now = Date.now();
  const bundles = [];
  for (const f of fs.readdirSync(cache)) {
    if (f === keep) continue;
    const p = path.join(cache, f);
    try {
      const age = now - fs.statSync(p).mtimeMs;
      if (f.includes('.tmp-')) {
        if (age > 3600 * 1000) fs.rmSync(p, { recursive: true, force: true });
      } else if (/^worker-[0-9a-f]+\.mjs$/.test(f)) {
        // the one-file worker bundles of earlier versions
        if (age > WEEK_MS) fs.rmSync(p, { force: true });
      } else if (/^[0-9a-f]{16}$/.test(f)) {
        bundles.push({ p, age });
      }
    } catch {
      /* another process removed it */
    }
  }
  bundles.sort((a, b) => a.age - b.age);
  bundles.forEach(({ p, age }, i) => {
    if (age > WEEK_MS || (i >= KEEP && age > 24 * 3600 * 1000)) fs.rmSync(p, { recursive: true, force: true });
  });
}
