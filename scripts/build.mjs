// Builds the TypeScript sources into plain JavaScript in dist/, once, at install (`prepare`)
// and again whenever a source changes. bin/congvan.js runs dist/cli.mjs; the batch's worker
// threads run dist/worker.mjs.
//
// esbuild rather than tsc: it bundles (the command loads a handful of files instead of ~150
// modules one by one) and splits on import(), so `congvan --help` loads commander alone and
// a .txt batch's workers never load pdfjs or mammoth; it takes ~0.3 s, so rebuilding when a
// source changed is cheap enough to do on the spot. Types are checked by `npm run typecheck`.
//
// dist/build.json lists every file the build read (esbuild's metafile) with its size and
// time stamp, plus package.json, tsconfig.json and this script. `stale(root)` stats those
// (~150 files, a millisecond or two): a developer who edits src/ and runs the command or
// the tests gets a rebuild, never the old code.
//
//   node scripts/build.mjs          build now
//   node scripts/build.mjs --check  exit 1 (and say why) when dist/ does not match the sources
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The project root (this file is scripts/build.mjs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Files that change what a build makes, beyond the sources it reads. */
const ALWAYS = ['package.json', 'tsconfig.json', 'scripts/build.mjs'];

const OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // packages resolve from dist/ to the project's node_modules as usual
  packages: 'external',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  // names as written: error messages and stack traces stay readable
  keepNames: true,
  metafile: true,
  logLevel: 'silent',
};

/** Old chunks stay this long: a process started before a rebuild may still import one. */
const KEEP_OLD_MS = 24 * 3600 * 1000;

const stamp = (root, rel) => {
  const st = fs.statSync(path.join(root, rel));
  return [st.size, st.mtimeMs];
};

/**
 * Why dist/ under `root` does not match the sources, or null when it does (or when there
 * are no sources to compare with: a package shipped with dist/ alone).
 * @param {string} root
 * @returns {string | null}
 */
export function stale(root = ROOT) {
  if (!fs.existsSync(path.join(root, 'src'))) return null;
  let info;
  try {
    info = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'build.json'), 'utf8'));
  } catch {
    return 'dist/ is not built';
  }
  for (const [rel, [size, mtime]] of Object.entries(info.inputs ?? {})) {
    let now;
    try {
      now = stamp(root, rel);
    } catch {
      return `${rel} is gone`;
    }
    if (now[0] !== size || now[1] !== mtime) return `${rel} changed`;
  }
  for (const f of ['cli.mjs', 'worker.mjs']) if (!fs.existsSync(path.join(root, 'dist', f))) return `dist/${f} is missing`;
  return null;
}

/**
 * Build dist/ from the sources. Safe with two processes building at once: each builds into
 * a folder of its own and moves the files in one by one (chunks first, build.json last);
 * both make the same files.
 * @param {string} root
 * @param {{ esbuild?: () => Promise<any> }} [opts] how to load esbuild (tests)
 */
export async function build(root = ROOT, opts = {}) {
  const esbuild = await (opts.esbuild ?? (() => import('esbuild')))();
  const dist = path.join(root, 'dist');
  fs.mkdirSync(dist, { recursive: true });
  const tmp = path.join(dist, `.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    const started = Date.now();
    const out = await esbuild.build({
      ...OPTIONS,
      absWorkingDir: root,
      entryPoints: { cli: path.join(root, 'src/cli/main.ts'), worker: path.join(root, 'pipelines/worker.ts') },
      outdir: tmp,
    });
    const inputs = {};
    for (const rel of [...ALWAYS, ...Object.keys(out.metafile.inputs)]) {
      if (!fs.existsSync(path.join(root, rel))) continue;
      const [size, mtime] = stamp(root, rel);
      // saved while esbuild read the sources: this build may hold the older text, so the next run rebuilds
      inputs[rel] = [size, mtime >= started ? -1 : mtime];
    }
    const files = fs.readdirSync(tmp);
    const order = (f) => (f === 'cli.mjs' || f === 'worker.mjs' ? 1 : 0);
    for (const f of files.sort((a, b) => order(a) - order(b))) fs.renameSync(path.join(tmp, f), path.join(dist, f));
    fs.writeFileSync(path.join(tmp, 'build.json'), JSON.stringify({ inputs, files }, null, 1));
    fs.renameSync(path.join(tmp, 'build.json'), path.join(dist, 'build.json'));
    sweep(dist, new Set(files));
    return { files };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Remove chunks of earlier builds (after a day: a running process may still load one) and what killed builds left. */
function sweep(dist, keep) {
  const now = Date.now();
  for (const f of fs.readdirSync(dist)) {
    if (keep.has(f) || f === 'build.json') continue;
    const p = path.join(dist, f);
    try {
      const age = now - fs.statSync(p).mtimeMs;
      if ((f.startsWith('.tmp-') && age > 3600 * 1000) || (f.startsWith('chunk-') && age > KEEP_OLD_MS)) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* another process removed it */
    }
  }
}

/**
 * Make sure dist/ matches the sources: rebuild when it does not. Returns why it was rebuilt
 * (null: it was up to date). Throws when it is stale and cannot be rebuilt: running the old
 * code silently is never an option.
 * @param {string} root
 * @param {{ esbuild?: () => Promise<any> }} [opts]
 * @returns {Promise<string | null>}
 */
export async function ensureBuilt(root = ROOT, opts = {}) {
  const why = stale(root);
  if (!why) return null;
  try {
    await build(root, opts);
  } catch (e) {
    throw new Error(`congvan: dist/ does not match the sources (${why}) and could not be rebuilt: ${e?.message ?? e}. Run \`npm run build\` and look at its error.`);
  }
  return why;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const why = stale(ROOT);
    if (why) {
      console.error(`dist/ is stale: ${why}`);
      process.exit(1);
    }
  } else {
    const t0 = performance.now();
    const { files } = await build(ROOT);
    console.log(`congvan: built dist/ (${files.length} files) in ${Math.round(performance.now() - t0)} ms`);
  }
}
