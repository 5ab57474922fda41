/**
 * The cached bundle the command runs from (src/engine/bundle-cache.mjs, bin/congvan.js):
 * built once, used until a source changes, safe with two processes starting at once, and
 * replaced by tsx whenever it cannot be had. The cache's own cases run on a small project
 * in a temporary folder (bin/congvan.js and bundle-cache.mjs as they are, a few sources,
 * node_modules as links to the real packages), so they do not depend on the rest of the
 * sources; then the real project runs from its bundle: a batch, the web server.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { loadBundles } from '../../src/engine/bundle-cache.mjs';
import { ROOT, CORPUS, STEMS, tmpDir } from '../helpers.js';
import { openStore } from '../../src/store/db.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A small project laid out as congvan is: bin/congvan.js, src/engine/bundle-cache.mjs and
 * src/root.ts copied; a src/cli/main.ts that prints a message from another source, its
 * arguments and the project root as src/root.ts finds it; node_modules as links.
 */
function project(opts: { esbuild?: 'real' | 'broken' } = {}): string {
  const root = tmpDir('congvan-bundle-');
  made.push(root);
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  put('package.json', JSON.stringify({ name: 'mini', type: 'module' }));
  for (const f of ['bin/congvan.js', 'src/engine/bundle-cache.mjs', 'src/root.ts', 'tsconfig.json']) put(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
  put('src/cli/message.ts', "export const message: string = 'first';\n");
  put('src/cli/main.ts', "import { message } from './message.js';\nimport { ROOT } from '../root.js';\nconsole.log(JSON.stringify({ message, args: process.argv.slice(2), root: ROOT }));\n");
  put('src/engine/worker.ts', 'export const worker = true;\n');
  const nm = path.join(root, 'node_modules');
  fs.mkdirSync(nm);
  for (const e of ['tsx', 'esbuild']) {
    if (e === 'esbuild' && opts.esbuild === 'broken') continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', e), path.join(nm, e));
  }
  if (opts.esbuild === 'broken') {
    // an esbuild whose build fails (tsx, linked to the real package, keeps the real one)
    put('node_modules/esbuild/package.json', JSON.stringify({ name: 'esbuild', version: '0.0.0', main: 'main.js' }));
    put('node_modules/esbuild/main.js', "exports.build = async () => { throw new Error('esbuild is broken'); };\n");
  }
  return root;
}

function run(root: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'congvan.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONGVAN_DEBUG: '1', ...env },
    timeout: 120_000,
  });
  const from = /running from the bundle (\S+)( \(built now\))?/.exec(r.stderr);
  let out: { message?: string; args?: string[]; root?: string } = {};
  try {
    out = JSON.parse(r.stdout);
  } catch {
    /* not the small project's output */
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out, dir: from?.[1] ?? null, built: !!from?.[2], tsx: r.stderr.includes('running through tsx') };
}

const cacheOf = (root: string) => path.join(root, 'node_modules', '.cache', 'congvan');
const bundleDirs = (root: string) => (fs.existsSync(cacheOf(root)) ? fs.readdirSync(cacheOf(root)) : []).filter((f) => /^[0-9a-f]{16}$/.test(f));

/** The packages a bundled file loads as it starts: the static imports of it and of its chunks, followed. */
function staticPackages(dir: string, file: string, seen = new Set<string>(), out = new Set<string>()): Set<string> {
  if (seen.has(file)) return out;
  seen.add(file);
  const code = fs.readFileSync(path.join(dir, file), 'utf8');
  // static imports only (`import ... from "x"`, `import "x"`), not import("x")
  for (const m of code.matchAll(/^\s*import\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) staticPackages(dir, spec.slice(2), seen, out);
    else if (!spec.startsWith('node:')) out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return out;
}

describe('the bundle cache', () => {
  it('is built once, used as long as the sources stay the same, and built again when one changes', () => {
    const root = project();
    const first = run(root, ['a', '--b']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.out).toEqual({ message: 'first', args: ['a', '--b'], root });
    expect(first.built).toBe(true);
    expect(bundleDirs(root)).toHaveLength(1);
    expect(first.dir).toBe(path.join(cacheOf(root), bundleDirs(root)[0]!));
    for (const f of ['cli.mjs', 'worker.mjs']) expect(fs.existsSync(path.join(first.dir!, f)), f).toBe(true);

    const again = run(root, ['c']);
    expect(again.out).toEqual({ message: 'first', args: ['c'], root });
    expect(again).toMatchObject({ code: 0, dir: first.dir, built: false, tsx: false });

    // a changed source: a new bundle, which has the change; the old one stays for whoever runs it
    fs.writeFileSync(path.join(root, 'src/cli/message.ts'), "export const message: string = 'second';\n");
    const changed = run(root, []);
    expect(changed.out.message).toBe('second');
    expect(changed).toMatchObject({ code: 0, built: true, tsx: false });
    expect(changed.dir).not.toBe(first.dir);
    expect(bundleDirs(root).sort()).toEqual([path.basename(first.dir!), path.basename(changed.dir!)].sort());
    expect(run(root, [])).toMatchObject({ dir: changed.dir, built: false });

    // a new file under src/ (or schemas/, pipelines/) counts too, even one the bundle does not import
    fs.mkdirSync(path.join(root, 'schemas'));
    fs.writeFileSync(path.join(root, 'schemas/extra.ts'), 'export const x = 1;\n');
    expect(run(root, [])).toMatchObject({ code: 0, built: true, out: { message: 'second' } });
    expect(bundleDirs(root)).toHaveLength(3);
  });

  it('is built once when two commands start at the same time', async () => {
    const root = project();
    const start = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const c = spawn(process.execPath, [path.join(root, 'bin', 'congvan.js'), 'x'], { cwd: root, env: { ...process.env, CONGVAN_DEBUG: '1' } });
        let out = '';
        let err = '';
        c.stdout.on('data', (b) => (out += b));
        c.stderr.on('data', (b) => (err += b));
        c.on('close', (code) => resolve({ code, out, err }));
      });
    const both = await Promise.all([start(), start()]);
    for (const r of both) {
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ message: 'first', args: ['x'] });
      expect(r.err).toContain('running from the bundle');
    }
    expect(bundleDirs(root)).toHaveLength(1);
    expect(fs.readdirSync(cacheOf(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(fs.existsSync(path.join(cacheOf(root), bundleDirs(root)[0]!, 'cli.mjs'))).toBe(true);
  });

  it('falls back to tsx when esbuild fails, the cache cannot be written, or CONGVAN_TSX=1', async () => {
    const broken = project({ esbuild: 'broken' });
    const r = run(broken, ['y']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.tsx).toBe(true);
    expect(r.stderr).toContain('esbuild is broken');
    expect(r.out).toEqual({ message: 'first', args: ['y'], root: broken });
    expect(bundleDirs(broken)).toEqual([]);

    const root = project();
    // esbuild that cannot be loaded (as when the package is missing)
    expect(await loadBundles(root, { esbuild: () => Promise.reject(new Error("Cannot find package 'esbuild'")) })).toBeNull();
    expect(bundleDirs(root)).toEqual([]);
    // the escape hatch
    expect(run(root, ['z'], { CONGVAN_TSX: '1' })).toMatchObject({ code: 0, tsx: true, out: { message: 'first', args: ['z'] } });
    expect(bundleDirs(root)).toEqual([]);
    // a cache folder that cannot be made (node_modules/.cache is a file here; a read-only folder fails the same way)
    fs.writeFileSync(path.join(root, 'node_modules', '.cache'), '');
    expect(run(root, [])).toMatchObject({ code: 0, tsx: true, out: { message: 'first' } });
    expect(await loadBundles(root)).toBeNull();
    // the in-process API: only looks when told not to build
    fs.rmSync(path.join(root, 'node_modules', '.cache'));
    expect(await loadBundles(root, { build: false })).toBeNull();
    const built = await loadBundles(root);
    expect(built).toMatchObject({ built: true });
    expect(await loadBundles(root, { build: false })).toMatchObject({ dir: built!.dir, built: false });
  });
});

describe('congvan run from its bundle', () => {
  it('starts with commander alone; a batch worker without pdfjs, mammoth or jszip', async () => {
    const b = await loadBundles(ROOT);
    expect(b, 'the project bundle (run with CONGVAN_DEBUG=1 to see why not)').not.toBeNull();
    // what loads with the command: commander only (no SQLite, parsers, zod or web server until a command needs them)
    expect([...staticPackages(b!.dir, 'cli.mjs')]).toEqual(['commander']);
    // a batch worker: no pdfjs, mammoth or jszip until a PDF or DOCX comes
    const worker = staticPackages(b!.dir, 'worker.mjs');
    expect(worker.has('zod')).toBe(true);
    for (const p of ['pdfjs-dist', 'mammoth', 'jszip', 'better-sqlite3', 'commander']) expect(worker.has(p), p).toBe(false);
  });

  it('runs a batch: workers, the store and the records', () => {
    const dir = tmpDir('congvan-bundle-batch-');
    made.push(dir);
    const letters = STEMS.slice(0, 2).map((s) => path.join(CORPUS, `${s}.txt`));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'ingest', ...letters, '--db', path.join(dir, 's.db'), '--json', '--jobs', '2'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CONGVAN_DEBUG: '1' },
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('running from the bundle');
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.filter((e) => e.status === 'ingested')).toHaveLength(2);
    expect(fs.readdirSync(path.join(dir, 'json')).sort()).toEqual(STEMS.slice(0, 2).map((s) => `${s}.json`));
  });

  it('serves the web page and openapi.json from the project when the server runs from the bundle', async () => {
    const dir = tmpDir('congvan-serve-');
    made.push(dir);
    const db = path.join(dir, 's.db');
    openStore(db).close();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'serve', '--port', '0', '--db', db], { cwd: ROOT, env: { ...process.env, CONGVAN_DEBUG: '1' } });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (b) => (err += b));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (b) => {
          out += b;
          const m = /serving .* on (http:\S+?)\/? /.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
      });
      expect(err).toContain('running from the bundle');
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(fs.readFileSync(path.join(ROOT, 'src', 'http', 'public', 'index.html'), 'utf8'));
      const api = await fetch(`${url}/openapi.json`);
      expect(api.status).toBe(200);
      expect(await api.json()).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'http', 'openapi.json'), 'utf8')));
    } finally {
      child.kill();
    }
  });
});
