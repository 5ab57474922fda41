/**
 * The worker threads' code as one plain JavaScript file, so a worker starts without tsx.
 *
 * The sources are TypeScript run through tsx. A worker started through tsx pays for it: a
 * loader-hooks thread of its own (an extra V8 isolate, ~30 MB), a transform of every module
 * it loads, and 1-3 s of start-up on a busy machine. Instead, the batch bundles
 * src/engine/worker.ts with esbuild (which tsx itself uses; ~0.1 s) into
 * `node_modules/.cache/congvan/worker-<hash>.mjs` (inside node_modules so the packages it
 * imports, left outside the bundle, resolve as usual) and starts the workers from that file.
 * The file is named by the hash of its content: a changed source makes a new file, and a
 * running batch keeps the one it started with. Files older than a week are removed.
 *
 * Anything unexpected (esbuild missing, a read-only folder) gives null, and the pool falls
 * back to starting its workers through tsx (worker-boot.mjs). CONGVAN_WORKER=tsx forces that.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.join(HERE, 'worker.ts');

let pending: Promise<URL | null> | null = null;

export function workerBundle(): Promise<URL | null> {
  if (process.env.CONGVAN_WORKER === 'tsx') return Promise.resolve(null);
  pending ??= build().catch(() => null);
  return pending;
}

async function build(): Promise<URL | null> {
  const modules = findNodeModules(HERE);
  if (!modules || !fs.existsSync(ENTRY)) return null;
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    // keep names as written: error messages and stack traces stay readable
    keepNames: true,
  });
  const code = out.outputFiles[0]!.text;
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = path.join(modules, '.cache', 'congvan');
  const file = path.join(dir, `worker-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    sweep(dir, file);
  }
  return pathToFileURL(file);
}

/** The node_modules folder the project's packages are in (the bundle goes under it). */
function findNodeModules(from: string): string | null {
  for (let d = from; ; d = path.dirname(d)) {
    const m = path.join(d, 'node_modules');
    if (fs.existsSync(path.join(m, 'tsx'))) return m;
    if (path.dirname(d) === d) return null;
  }
}

function sweep(dir: string, keep: string) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f);
    if (p === keep || !/^worker-[0-9a-f]+\.mjs/.test(f)) continue;
    try {
      if (fs.statSync(p).mtimeMs < weekAgo) fs.rmSync(p, { force: true });
    } catch {
      /* another process removed it */
    }
  }
}
