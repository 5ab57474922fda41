/**
 * The built command (scripts/build.mjs, bin/congvan.js): the sources are built into dist/ at
 * install; the command and its workers run that plain JavaScript; a source changed since is
 * rebuilt before the command runs, never run stale. The build's own cases run on a small
 * project in a temporary folder (bin/congvan.js and scripts/build.mjs as they are, a few
 * sources, esbuild linked), so they do not depend on the rest of the sources; then the real
 * project runs from dist/: what loads at start-up, a batch, the web server.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { stale } from '../../scripts/build.mjs';
import { workerEntry } from '../../src/engine/pool.js';
import { ROOT, CORPUS, STEMS, tmpDir } from '../helpers.js';
import { openStore } from '../../src/store/db.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A small project laid out as congvan is: bin/congvan.js, scripts/build.mjs, src/root.ts
 * copied; a src/cli/main.ts that prints a message from another source, its arguments and the
 * project root as src/root.ts finds it; esbuild linked into node_modules.
 */
function project(): string {
  const root = tmpDir('congvan-build-');
  made.push(root);
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  put('package.json', JSON.stringify({ name: 'mini', type: 'module' }));
  for (const f of ['bin/congvan.js', 'scripts/build.mjs', 'src/root.ts', 'tsconfig.json']) put(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
  put('src/cli/message.ts', "export const message: string = 'first';\n");
  put('src/cli/main.ts', "import { message } from './message.js';\nimport { ROOT } from '../root.js';\nconsole.log(JSON.stringify({ message, args: process.argv.slice(2), root: ROOT }));\n");
  put('pipelines/worker.ts', 'export const worker = true;\n');
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'esbuild'), path.join(root, 'node_modules', 'esbuild'));
  return root;
}

function run(root: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'congvan.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONGVAN_DEBUG: '1' },
    timeout: 120_000,
  });
  let out: { message?: string; args?: string[]; root?: string } = {};
  try {
    out = JSON.parse(r.stdout);
  } catch {
    /* not the small project's output */
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out, rebuilt: /rebuilt dist\/ \(([^)]*)\)/.exec(r.stderr)?.[1] ?? null };
}

/** Save a source with a new text, as an editor does. */
function edit(root: string, rel: string, text: string) {
  fs.writeFileSync(path.join(root, rel), text);
}

/** The packages a built file loads as it starts: the static imports of it and of its chunks, followed. */
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

describe('the build in dist/', () => {
  it('is made when missing, used while the sources stay the same, and rebuilt before running when one changes', () => {
    const root = project();
    const first = run(root, ['a', '--b']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.out).toEqual({ message: 'first', args: ['a', '--b'], root });
    expect(first.rebuilt).toBe('dist/ is not built');
    for (const f of ['cli.mjs', 'worker.mjs', 'build.json']) expect(fs.existsSync(path.join(root, 'dist', f)), f).toBe(true);
    expect(stale(root)).toBeNull();

    const again = run(root, ['c']);
    expect(again).toMatchObject({ code: 0, rebuilt: null, out: { message: 'first', args: ['c'], root } });

    // a developer edits a source and runs the command: the new code, never the old
    edit(root, 'src/cli/message.ts', "export const message: string = 'second';\n");
    expect(stale(root)).toBe('src/cli/message.ts changed');
    const changed = run(root, []);
    expect(changed).toMatchObject({ code: 0, rebuilt: 'src/cli/message.ts changed', out: { message: 'second' } });
    expect(run(root, [])).toMatchObject({ rebuilt: null, out: { message: 'second' } });

    // a source that imports a new file: the importer changed, so the new file is built in
    fs.writeFileSync(path.join(root, 'src/cli/extra.ts'), "export const extra: string = 'third';\n");
    edit(root, 'src/cli/message.ts', "import { extra } from './extra.js';\nexport const message: string = extra;\n");
    expect(run(root, [])).toMatchObject({ code: 0, out: { message: 'third' } });
    edit(root, 'src/cli/extra.ts', "export const extra: string = 'fourth';\n");
    expect(run(root, [])).toMatchObject({ code: 0, rebuilt: 'src/cli/extra.ts changed', out: { message: 'fourth' } });
    // a deleted source
    fs.rmSync(path.join(root, 'src/cli/extra.ts'));
    expect(stale(root)).toBe('src/cli/extra.ts is gone');
    // the check script CI or a hook can run
    const check = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('src/cli/extra.ts is gone');
  });

  it('stops with a message, instead of running the old code, when a stale dist/ cannot be rebuilt', () => {
    const root = project();
    expect(run(root, [])).toMatchObject({ code: 0, out: { message: 'first' } });
    edit(root, 'src/cli/message.ts', "export const message: string = 'second';\n");
    // an esbuild whose build fails
    fs.rmSync(path.join(root, 'node_modules', 'esbuild'));
    fs.mkdirSync(path.join(root, 'node_modules', 'esbuild'));
    fs.writeFileSync(path.join(root, 'node_modules/esbuild/package.json'), JSON.stringify({ name: 'esbuild', version: '0.0.0', main: 'main.js' }));
    fs.writeFileSync(path.join(root, 'node_modules/esbuild/main.js'), "exports.build = async () => { throw new Error('esbuild is broken'); };\n");
    const r = run(root, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dist/ does not match the sources (src/cli/message.ts changed)');
    expect(r.stderr).toContain('esbuild is broken');
  });

  it('is rebuilt once or twice, whole, when two commands start at the same time on a stale dist/', async () => {
    const root = project();
    expect(run(root, [])).toMatchObject({ code: 0 });
    edit(root, 'src/cli/message.ts', "export const message: string = 'second';\n");
    const start = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const c = spawn(process.execPath, [path.join(root, 'bin', 'congvan.js'), 'x'], { cwd: root });
        let out = '';
        let err = '';
        c.stdout.on('data', (b) => (out += b));
        c.stderr.on('data', (b) => (err += b));
        c.on('close', (code) => resolve({ code, out, err }));
      });
    const both = await Promise.all([start(), start()]);
    for (const r of both) {
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ message: 'second', args: ['x'] });
    }
    expect(fs.readdirSync(path.join(root, 'dist')).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    expect(stale(root)).toBeNull();
  });
});

describe('congvan run from dist/', () => {
  it('matches the sources, and starts with commander alone; a batch worker without pdfjs, mammoth or jszip', async () => {
    // run from the sources (as here), the pool makes sure dist/ matches them before its workers start
    const entry = await workerEntry();
    expect(entry.href).toMatch(/\/dist\/worker\.mjs$/);
    expect(stale(ROOT)).toBeNull();
    const dist = path.join(ROOT, 'dist');
    // what loads with the command: commander only (no SQLite, parsers, zod or web server until a command needs them)
    expect([...staticPackages(dist, 'cli.mjs')]).toEqual(['commander']);
    // a batch worker: no pdfjs, mammoth or jszip until a PDF or DOCX comes (worker.mjs loads the
    // pool worker's stages, ./document.js, or the batch thread's code: only the kind it is)
    const jobs = /processBuffer \}.*?import\("\.\/([^"]+)"\)/.exec(fs.readFileSync(path.join(dist, 'worker.mjs'), 'utf8'))?.[1];
    expect(jobs).toBeTruthy();
    const worker = staticPackages(dist, jobs!);
    expect(worker.has('zod')).toBe(true);
    for (const p of ['pdfjs-dist', 'mammoth', 'jszip', 'better-sqlite3', 'commander', 'tsx']) expect(worker.has(p), p).toBe(false);
    // nothing built loads tsx: it is for development only
    for (const f of fs.readdirSync(dist).filter((f) => f.endsWith('.mjs'))) expect(fs.readFileSync(path.join(dist, f), 'utf8'), f).not.toContain('tsx/');
  });

  it('runs a batch: workers, the store and the records', () => {
    const dir = tmpDir('congvan-dist-batch-');
    made.push(dir);
    const letters = STEMS.slice(0, 2).map((s) => path.join(CORPUS, `${s}.txt`));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'ingest', ...letters, '--db', path.join(dir, 's.db'), '--json', '--jobs', '2'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.filter((e) => e.status === 'ingested')).toHaveLength(2);
    expect(fs.readdirSync(path.join(dir, 'json')).sort()).toEqual(STEMS.slice(0, 2).map((s) => `${s}.json`));
  });

  it('serves the web page and openapi.json from the project when the server runs from dist/', async () => {
    const dir = tmpDir('congvan-serve-');
    made.push(dir);
    const db = path.join(dir, 's.db');
    openStore(db).close();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'serve', '--port', '0', '--db', db], { cwd: ROOT });
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
