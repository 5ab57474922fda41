/**
 * The command line checks its options with the schema the API uses (src/query/params.ts):
 * the same problem is told in the same words, with the option's name; `serve --allowed-host`;
 * and an export into a slow pipe waits with the stream's back-pressure (no listener leak).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { ingest } from '../../pipelines/ingest.js';
import { serve, type Server } from '../../src/http/server.js';
import { makeStore } from '../http/fixture.js';
import { CORPUS, ROOT, STEMS } from '../helpers.js';

const BIN = path.join(ROOT, 'bin', 'congvan.js');

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

let store: { dir: string; db: string };
let api: Server;
beforeAll(async () => {
  store = await makeStore('congvan-cli-params-');
  api = await serve({ db: store.db, port: 0, today: '2021-11-20' });
});
afterAll(async () => api?.close());

async function apiError(p: string, init?: RequestInit): Promise<string> {
  const r = await fetch(api.url + p, init);
  expect(r.status, p).toBe(400);
  return ((await r.json()) as { error: string }).error;
}

describe('one schema for the CLI and the API', () => {
  it('bad options are refused (exit 2) with the words the API uses, under the option\'s name', async () => {
    const cases: { args: string[]; flag: string; api: string }[] = [
      { args: ['search', '--remind', '1e15'], flag: '--remind', api: '/api/tasks?remind=1e15' },
      { args: ['search', '--limit', 'abc'], flag: '--limit', api: '/api/tasks?limit=abc' },
      { args: ['search', '--today', '2021-13-45'], flag: '--today', api: '/api/tasks?today=2021-13-45' },
      { args: ['search', '--documents', '--offset', '-3'], flag: '--offset', api: '/api/documents?offset=-3' },
      { args: ['export', '--today', '2021-13-45'], flag: '--today', api: '/api/export?today=2021-13-45' },
      { args: ['export', '--format', 'toString'], flag: '--format', api: '/api/export?format=toString' },
      { args: ['export', '--remind', '1e15', '--format', 'csv'], flag: '--remind', api: '/api/export?format=csv&remind=1e15' },
      { args: ['export', '--due-before', '2021-02-30', '--format', 'csv'], flag: '--due-before', api: '/api/export?format=csv&due_before=2021-02-30' },
    ];
    for (const c of cases) {
      const r = await run([...c.args, '--db', store.db]);
      const said = c.args.join(' ');
      expect(r.code, `${said}: ${r.err}`).toBe(2);
      expect(r.out, said).toBe('');
      const line = r.err.trim();
      expect(line, said).not.toMatch(/\n|at .*\(|Error:/); // one line, no stack trace
      const problem = (await apiError(c.api)).replace(/^[a-z_]+: /, '');
      expect(line, said).toBe(`congvan ${c.args[0]}: ${c.flag}: ${problem}`);
    }
  });

  it('done --on: a bad day is refused with the API\'s words, and nothing is written', async () => {
    const r = await run(['done', `${STEMS[0]}#3`, '--on', 'yesterday', '--db', store.db]);
    expect(r.code).toBe(2);
    const problem = (await apiError(`/api/tasks/${STEMS[0]}%233/done`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"on":"yesterday"}' })).replace(/^on: /, '');
    expect(r.err.trim()).toBe(`congvan done: --on: ${problem}`);
    const ok = await run(['done', `${STEMS[0]}#3`, '--on', '2021-11-22', '--db', store.db]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^done .*#3 on 2021-11-22/);
    expect((await run(['reopen', `${STEMS[0]}#3`, '--db', store.db])).code).toBe(0);
  });

  it('good options still work', async () => {
    const r = await run(['search', '--agency', 'so noi vu', '--remind', '14,7', '--limit', '2', '--today', '2021-11-20', '--json', '--db', store.db]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).items.length).toBe(2);
    const e = await run(['export', '--format', 'csv', '--status', 'overdue', '--today', '2021-12-01', '--db', store.db]);
    expect(e.code, e.err).toBe(0);
    expect(e.out.split('\n').length).toBeGreaterThan(3);
  });
});

describe('serve --allowed-host', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  });

  it('answers the names given (repeatable) besides its own, and refuses others', async () => {
    child = spawn(process.execPath, [BIN, 'serve', '--db', store.db, '--port', '0', '--allowed-host', 'congvan.lan', '--allowed-host', 'Tasks.Example.'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (c) => {
        out += c;
        const m = /on (http:\/\/[^ ]+?)\/? \(/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    });
    const port = new URL(url).port;
    const ask = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/api/health', headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await ask(`congvan.lan:${port}`)).toBe(200);
    expect(await ask(`tasks.example:${port}`)).toBe(200);
    expect(await ask(`127.0.0.1:${port}`)).toBe(200);
    expect(await ask(`evil.example:${port}`)).toBe(403);
    child.kill('SIGTERM');
  });
});

describe('export into a slow pipe', () => {
  it('waits with the stream\'s back-pressure: every record arrives, no listener leak warning', async () => {
    // more records than the default 10 listeners: copies of the sample letters under new names
    const input = path.join(store.dir, 'many');
    fs.mkdirSync(input, { recursive: true });
    for (let k = 0; k < 4; k++) for (const s of STEMS) fs.copyFileSync(path.join(CORPUS, `${s}.txt`), path.join(input, `${s}_copy${k}.txt`));
    const db = path.join(store.dir, 'many.db');
    await ingest([input], { db });
    const expected = STEMS.length * 4;
    // the reader takes a chunk, then pauses: the pipe fills and the export must wait each time
    const reader = `let n=0,rest='';process.stdin.on('data',c=>{const s=rest+c;const l=s.split('\\n');rest=l.pop();n+=l.length;process.stdin.pause();setTimeout(()=>process.stdin.resume(),3)});process.stdin.on('end',()=>console.log('lines',n))`;
    const sh = spawn('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" export --format ndjson --db "${db}" | "${process.execPath}" -e "${reader}"`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    sh.stdout.on('data', (c) => (out += c));
    sh.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => sh.on('exit', resolve));
    expect(err).not.toMatch(/MaxListenersExceeded|Warning/);
    expect(code, err).toBe(0);
    expect(out.trim()).toBe(`lines ${expected}`);
  });
});
