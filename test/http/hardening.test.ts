/**
 * The API against hostile requests: export formats named after Object's own properties,
 * Host names a DNS-rebinding page would send when the server listens beyond loopback, and
 * bad parameters (every one checked by the schema the CLI shares, answered 400 with its name).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import Database from 'better-sqlite3';
import { serve, type Server } from '../../src/http/server.js';
import { makeStore, addUsers, signIn } from './fixture.js';
import { ROOT, STEMS } from '../helpers.js';

const TODAY = '2021-11-20';

/** A request to 127.0.0.1:port with any Host header. */
function request(base: string, pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const port = new URL(base).port;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: opts.method ?? 'GET', headers: { ...(wideCookie ? { Cookie: wideCookie } : {}), ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** The session of the server listening beyond loopback (it wants accounts). */
let wideCookie = '';

let store: { dir: string; db: string };
beforeAll(async () => {
  store = await makeStore('congvan-hardening-');
});

describe('export formats are looked up, never read off an object', () => {
  let s: Server;
  beforeAll(async () => {
    s = await serve({ db: store.db, port: 0, today: TODAY });
  });
  afterAll(async () => s?.close());

  it('format=toString, __proto__, constructor ... are 400, and every later read still works', async () => {
    for (const f of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const r = await request(s.url, `/api/export?format=${f}`);
      expect(r.status, f).toBe(400);
      expect(JSON.parse(r.body).error, f).toMatch(/^format: .*json, ndjson, csv, ics, edoc/);
    }
    // the connection is not left busy with a query nobody reads
    for (const p of ['/api/tasks?limit=3', '/api/stats', '/api/export?format=ndjson', `/api/documents/${STEMS[0]}`]) {
      const r = await request(s.url, p);
      expect(r.status, `${p}: ${r.body.slice(0, 200)}`).toBe(200);
    }
  });

  it('an export that fails half-way closes its query: the next reads work', async () => {
    // a second store with one unreadable record: the JSON export throws when it reaches it
    const broken = path.join(store.dir, 'broken.db');
    fs.copyFileSync(store.db, broken);
    const w = new Database(broken);
    w.prepare('UPDATE documents SET record_json = ? WHERE record_id = ?').run('{not json', STEMS[2]);
    w.close();
    const b = await serve({ db: broken, port: 0, today: TODAY });
    try {
      expect((await request(b.url, '/api/export?format=json')).status).toBe(500);
      expect((await request(b.url, '/api/tasks?limit=3')).status).toBe(200);
      expect((await request(b.url, '/api/stats')).status).toBe(200);
    } finally {
      await b.close();
    }
  });

  it('the http layer imports nothing from the CLI', () => {
    const src = fs.readFileSync(path.join(ROOT, 'src/http/server.ts'), 'utf8');
    expect(src).not.toMatch(/from '\.\.\/cli\//);
  });
});

describe('listening beyond loopback: only this machine\'s names are answered (no DNS rebinding)', () => {
  let s: Server;
  beforeAll(async () => {
    // beyond loopback a server wants accounts: a copy of the store with one user
    const wide = path.join(store.dir, 'wide.db');
    fs.copyFileSync(store.db, wide);
    await addUsers(wide, [{ name: 'admin', role: 'admin' }]);
    s = await serve({ db: wide, host: '0.0.0.0', port: 0, today: TODAY, allowedHosts: ['congvan.lan'] });
    wideCookie = await signIn(`http://127.0.0.1:${new URL(s.url).port}`, 'admin');
  });
  afterAll(async () => s?.close());

  it('refuses a Host that is not this machine', async () => {
    const port = new URL(s.url).port;
    for (const h of [`evil.example:${port}`, 'evil.example', `attacker.test.:${port}`, `[fe80::dead]:${port}`, `0.0.0.0:${port}`]) {
      const r = await request(s.url, '/api/export?format=json', { headers: { Host: h } });
      expect(r.status, h).toBe(403);
      expect(r.body).not.toContain('"tasks"');
    }
  });

  it('a rebound page can not mark a task done (its Origin matches its own Host)', async () => {
    const port = new URL(s.url).port;
    const ref = `${STEMS[0]}%233`;
    const r = await request(s.url, `/api/tasks/${ref}/done`, {
      method: 'POST',
      headers: { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(403);
    const c = new Database(path.join(store.dir, 'wide.db'), { readonly: true });
    expect((c.prepare('SELECT count(*) n FROM completions').get() as { n: number }).n).toBe(0);
    c.close();
  });

  it('answers the machine\'s own names and addresses, and --allowed-host names', async () => {
    const port = new URL(s.url).port;
    const own = [os.hostname(), 'localhost', '127.0.0.1', '[::1]', 'congvan.lan', 'CONGVAN.LAN'];
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4') own.push(a.address);
    for (const h of own) {
      const r = await request(s.url, '/api/tasks?limit=1', { headers: { Host: `${h}:${port}` } });
      expect(r.status, h).toBe(200);
    }
    expect((await request(s.url, '/api/tasks?limit=1', { headers: { Host: os.hostname() } })).status).toBe(200);
  });

  it('bound to another loopback address: that address and the loopback names', async () => {
    const b = await serve({ db: store.db, host: '127.0.0.2', port: 0, today: TODAY });
    try {
      const port = new URL(b.url).port;
      const ask = (h: string) => new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.2', port, path: '/api/health', headers: { Host: h } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(await ask(`127.0.0.2:${port}`)).toBe(200);
      expect(await ask(`localhost:${port}`)).toBe(200);
      expect(await ask(`evil.example:${port}`)).toBe(403);
    } finally {
      await b.close();
    }
  });
});

describe('bad parameters are 400 naming the field, never 500 or used as they are', () => {
  let s: Server;
  beforeAll(async () => {
    s = await serve({ db: store.db, port: 0, today: TODAY });
  });
  afterAll(async () => s?.close());

  const err = async (p: string) => {
    const r = await request(s.url, p);
    return { status: r.status, error: r.headers['content-type']?.startsWith('application/json') ? (JSON.parse(r.body).error as string) : r.body, disposition: r.headers['content-disposition'] };
  };

  it('export: an impossible today is refused, not copied into Content-Disposition', async () => {
    const r = await err('/api/export?format=csv&today=2021-13-45');
    expect(r.status).toBe(400);
    expect(r.error).toBe('today: "2021-13-45" is not a date (YYYY-MM-DD)');
    expect(r.disposition).toBeUndefined();
  });

  it('remind=1e15 and other bad reminders are 400, on every route that takes them', async () => {
    for (const p of ['/api/tasks', `/api/tasks/${STEMS[0]}%233`, '/api/stats', '/api/export', '/api/deadlines']) {
      for (const v of ['1e15', '-1', '7,x', '100000']) {
        const r = await err(`${p}?remind=${v}`);
        expect(r.status, `${p} remind=${v}`).toBe(400);
        expect(r.error, `${p} remind=${v}`).toMatch(/^remind: /);
      }
    }
    expect((await err('/api/tasks?remind=14,7')).status).toBe(200);
  });

  it('every field is checked, and the error names it', async () => {
    const cases: [string, string][] = [
      ['/api/tasks?limit=abc', 'limit'],
      ['/api/tasks?limit=100000', 'limit'],
      ['/api/tasks?offset=-5', 'offset'],
      ['/api/tasks?sort=chaos', 'sort'],
      ['/api/tasks?role=boss', 'role'],
      ['/api/tasks?kind=soon', 'kind'],
      ['/api/tasks?due-before=2021-02-30', 'due_before'],
      ['/api/stats?today=tomorrow', 'today'],
      ['/api/documents?limit=0', 'limit'],
      ['/api/agencies?limit=lots', 'limit'],
      [`/api/documents/${STEMS[0]}?today=2021-1-1`, 'today'],
      ['/api/deadlines?from=2021-11-31', 'from'],
      ['/api/export?format=csv&status=late', 'status'],
      ['/api/export?format=exe', 'format'],
    ];
    for (const [p, field] of cases) {
      const r = await err(p);
      expect(r.status, p).toBe(400);
      expect(r.error, p).toMatch(new RegExp(`^${field}: `));
    }
  });

  it('POST done: a bad "on" or body is 400 in the API\'s words, not 404 with the CLI\'s', async () => {
    const ref = `${STEMS[0]}%233`;
    const post = (body: string) => request(s.url, `/api/tasks/${ref}/done`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    for (const body of ['{"on":"yesterday"}', '{"on":"2021-02-29"}', '{"on":20211122}']) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body).error, body).toMatch(/^on: /);
    }
    for (const body of ['[1]', '"2021-11-22"', 'null']) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
    }
    const bad = await request(s.url, `/api/tasks/${ref}/done?today=nope`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"on":"2021-11-22"}' });
    expect(bad.status).toBe(400);
    const c = new Database(store.db, { readonly: true });
    expect((c.prepare('SELECT count(*) n FROM completions').get() as { n: number }).n).toBe(0);
    c.close();
  });
});
