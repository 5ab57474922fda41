import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import ICAL from 'ical.js';
import Database from 'better-sqlite3';
import { serve, LIMITS, type Server } from '../../src/http/server.js';
import { makeStore, HOSTILE_ID } from './fixture.js';
import { CORPUS, ROOT, STEMS } from '../helpers.js';

let s: Server;
let store: { dir: string; db: string };
const TODAY = '2021-11-20';

/** A raw request: the path goes out exactly as written (no client-side normalising). */
function raw(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const get = async (p: string) => {
  const r = await raw(p);
  return { ...r, json: r.headers['content-type']?.startsWith('application/json') ? JSON.parse(r.body) : null };
};
const post = (p: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  raw(p, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => ({ ...r, json: r.body ? JSON.parse(r.body) : null }));

beforeAll(async () => {
  store = await makeStore();
  s = await serve({ db: store.db, port: 0, today: TODAY });
});
afterAll(async () => s?.close());

describe('serve: page, assets, API document', () => {
  it('listens on 127.0.0.1 by default', () => {
    const a = s.server.address();
    expect(typeof a === 'object' && a?.address).toBe('127.0.0.1');
  });

  it('serves the page and its assets with a strict Content-Security-Policy', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).not.toMatch(/https?:\/\//); // no CDN
    expect((await raw('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await raw('/assets/style.css')).status).toBe(200);
  });

  it('documents the API in OpenAPI', async () => {
    const r = await get('/openapi.json');
    expect(r.json.openapi).toMatch(/^3\./);
    for (const p of ['/api/tasks', '/api/tasks/{ref}', '/api/tasks/{ref}/done', '/api/tasks/{ref}/reopen', '/api/documents', '/api/documents/{id}', '/api/agencies', '/api/stats', '/api/deadlines', '/api/export']) expect(r.json.paths, p).toHaveProperty([p]);
  });
});

describe('serve: reading', () => {
  it('GET /api/tasks searches with the CLI filters', async () => {
    const r = await get('/api/tasks?q=so%20noi%20vu&limit=5');
    expect(r.status).toBe(200);
    expect(r.json.items.length).toBe(5);
    expect(r.json.today).toBe(TODAY);
    const f = await get(`/api/tasks?agency=${encodeURIComponent('so noi vu')}&due_before=2021-12-31&limit=100`);
    for (const t of f.json.items) expect(t.due <= '2021-12-31').toBe(true);
    expect(f.json.items.some((t: { ref: string }) => t.ref === `${STEMS[0]}#9`)).toBe(true);
    const over = await get('/api/tasks?status=overdue&limit=100');
    for (const t of over.json.items) expect(t.status).toBe('overdue');
    expect((await get('/api/tasks?q=%22(%20OR%20*-NEAR')).status).toBe(200);
  });

  it('bad parameters are 400 with a JSON error; unknown things 404', async () => {
    const r = await get('/api/tasks?due_before=31-12-2021');
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/not a date/);
    expect((await get('/api/tasks?status=late')).status).toBe(400);
    expect((await get('/api/tasks/nope%231')).status).toBe(404);
    expect((await get('/api/documents/nope')).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
    expect((await get('/api/deadlines?from=2021-01-01&to=2025-01-01')).status).toBe(400);
  });

  it('GET /api/documents/{id}: normalised text and a highlight for every span', async () => {
    const r = await get(`/api/documents/${STEMS[0]}`);
    expect(r.status).toBe(200);
    const v = r.json;
    expect(v.text.length).toBeGreaterThan(1000);
    const kinds = new Set(v.highlights.map((h: { kind: string }) => h.kind));
    for (const k of ['field', 'task', 'deadline', 'lead']) expect(kinds.has(k), k).toBe(true);
    const dl = v.highlights.find((h: { kind: string; task: number }) => h.kind === 'deadline' && h.task === 3);
    expect(v.text.slice(dl.start, dl.end)).toBe('trước ngày 25/11/2021');
    expect(v.tasks.length).toBeGreaterThan(5);
  });

  it('stats, agencies and deadlines (recurring ones expanded)', async () => {
    const st = await get('/api/stats');
    expect(st.json.total).toBeGreaterThan(200);
    expect(st.json.byStatus.overdue).toBeGreaterThan(0);
    const ag = await get('/api/agencies?q=vp%20ubnd%20tinh');
    expect(ag.json.items.map((a: { name: string }) => a.name).join('|')).toMatch(/Văn phòng (Ủy|Uỷ) ban nhân dân tỉnh/);
    const dl = await get('/api/deadlines?from=2021-11-01&to=2021-12-31');
    const monthly = dl.json.items.filter((i: { task: { ref: string } }) => i.task.ref === `${STEMS[0]}#9`).map((i: { date: string }) => i.date);
    expect(monthly).toEqual(['2021-11-30', '2021-12-31']);
    const dates = dl.json.items.map((i: { date: string }) => i.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('GET /api/export gives files to download: ics parses, csv has a BOM', async () => {
    const ics = await raw('/api/export?format=ics&agency=so%20noi%20vu');
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.headers['content-disposition']).toMatch(/attachment; filename="congvan-2021-11-20\.ics"/);
    const cal = new ICAL.Component(ICAL.parse(ics.body));
    expect(cal.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
    const csv = await raw('/api/export?format=csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect((await get('/api/export?format=exe')).status).toBe(400);
  });
});

describe('serve: hostile text and requests', () => {
  it('returns hostile document text as data, unchanged', async () => {
    const v = (await get(`/api/documents/${HOSTILE_ID}`)).json;
    expect(v.text).toContain('<script>window.__pwned = 1</script>');
    expect(v.text).toContain('&lt;b&gt;đậm&lt;/b&gt;');
    expect(v.text).toContain('&amp; "ngoặc kép"');
    expect(v.tasks.some((t: { text: string }) => t.text.includes('<script>'))).toBe(true);
  });

  it('serves no file outside its assets (path traversal)', async () => {
    const attempts = [
      '/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/..\\..\\package.json',
      '/assets/%2e%2e%5c%2e%2e%5cpackage.json', '/../package.json', '/assets/../server.ts', '/assets/..%2fserver.ts', '/assets/', '/assets/.', '/assets/%00',
      '/assets/app.js%00.png', '/assets//etc/passwd', '/assets/%2fetc%2fpasswd', '/etc/passwd', '/assets/openapi.json', '/src/http/server.ts', '/assets/%ZZ',
    ];
    const secret = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8').slice(0, 40);
    for (const a of attempts) {
      const r = await raw(a);
      expect([400, 404], `${a} -> ${r.status}`).toContain(r.status);
      expect(r.body).not.toContain(secret);
      expect(r.body).not.toContain('root:');
      expect(r.body).not.toContain('import http');
    }
  });

  it('limits the sizes of request target, headers and body', async () => {
    // written on a socket: the server may answer before the whole request is sent
    const u = new URL(s.url);
    const ask = (request: string) =>
      new Promise<string>((resolve) => {
        const sock = net.connect(Number(u.port), u.hostname, () => sock.write(request));
        let got = '';
        sock.on('data', (c) => (got += c.toString()));
        sock.on('close', () => resolve(got));
        sock.on('error', () => undefined);
        setTimeout(() => sock.destroy(), 5000);
      });
    expect(await ask(`GET /api/tasks?q=${'a'.repeat(LIMITS.url + 10)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 414/);
    expect(await ask(`GET /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(LIMITS.headers + 100)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    const body = JSON.stringify({ on: '2021-11-21', pad: 'x'.repeat(LIMITS.body + 10) });
    const head = `POST /api/tasks/${STEMS[0]}%233/done HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    expect(await ask(head + body)).toMatch(/^HTTP\/1\.1 413/);
    // a body that lies about its length is cut off too
    const chunked = `POST /api/tasks/${STEMS[0]}%233/done HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${(LIMITS.body + 10).toString(16)}\r\n${'x'.repeat(LIMITS.body + 10)}\r\n0\r\n\r\n`;
    expect(await ask(chunked)).toMatch(/^HTTP\/1\.1 413/);
  });

  it('answers only to its own host name (no DNS rebinding)', async () => {
    expect((await raw('/api/tasks', { headers: { Host: 'evil.example:8080' } })).status).toBe(403);
    expect((await raw('/api/tasks', { headers: { Host: 'localhost' } })).status).toBe(200);
  });
});

describe('serve: writes only through POST done/reopen', () => {
  const completions = () => {
    const c = new Database(store.db, { readonly: true });
    const n = c.prepare('SELECT count(*) n FROM completions').get() as { n: number };
    c.close();
    return n.n;
  };

  it('reads change nothing; other methods are refused', async () => {
    const before = completions();
    for (const p of ['/api/tasks', `/api/tasks/${STEMS[0]}%233`, `/api/tasks/${STEMS[0]}%233/done`, `/api/tasks/${STEMS[0]}%233/reopen`, '/api/stats', '/api/export?format=ics']) await raw(p);
    expect((await raw(`/api/tasks/${STEMS[0]}%233/done`)).status).toBe(405);
    expect((await raw('/api/tasks', { method: 'PUT' })).status).toBe(405);
    expect((await raw('/api/tasks', { method: 'DELETE' })).status).toBe(405);
    expect((await raw('/', { method: 'POST' })).status).toBe(405);
    expect(completions()).toBe(before);
  });

  it('POST done / reopen; a JSON body and the same origin are required', async () => {
    const ref = `${STEMS[0]}%233`;
    expect((await post(`/api/tasks/${ref}/done`, { on: '2021-11-22' }, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(`/api/tasks/${ref}/done`, {}, { 'Content-Type': 'application/json', Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(`/api/tasks/${ref}/done`, {}, { 'Content-Type': 'application/json', Origin: 'null' })).status).toBe(403);
    expect((await raw(`/api/tasks/${ref}/done`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' })).status).toBe(400);
    expect((await post(`/api/tasks/${ref}/done`, { on: 'yesterday' })).status).toBe(400);
    const u = new URL(s.url);
    const done = await post(`/api/tasks/${ref}/done`, { on: '2021-11-22' }, { 'Content-Type': 'application/json', Origin: `http://${u.host}` });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ doneOn: '2021-11-22', status: 'done-on-time', statusLabel: 'đúng hạn' });
    expect(completions()).toBe(1);
    expect((await get('/api/tasks?status=done')).json.items.map((t: { ref: string }) => t.ref)).toEqual([`${STEMS[0]}#3`]);
    const re = await post(`/api/tasks/${ref}/reopen`, {});
    expect(re.status).toBe(200);
    expect(re.json.doneOn).toBeNull();
    expect(completions()).toBe(0);
  });

  it('a reader never sees "database is locked" while an ingest writes', async () => {
    // copies of the sample letters under new names: a second process writes them while we read
    const input = path.join(store.dir, 'more');
    fs.mkdirSync(input, { recursive: true });
    for (let k = 0; k < 3; k++) for (const st of STEMS) fs.copyFileSync(path.join(CORPUS, `${st}.txt`), path.join(input, `${st}_copy${k}.txt`));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/congvan.js'), 'ingest', input, '--db', store.db, '--json', path.join(store.dir, 'json')], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    let running = true;
    void exited.then(() => (running = false));
    const statuses: number[] = [];
    const bodies: string[] = [];
    const t0 = Date.now();
    while ((running || statuses.length < 20) && Date.now() - t0 < 60_000) {
      for (const p of ['/api/tasks?q=so%20noi%20vu', '/api/stats', '/api/tasks?status=overdue', `/api/documents/${STEMS[2]}`]) {
        const r = await raw(p);
        statuses.push(r.status);
        if (r.status !== 200) bodies.push(r.body);
      }
    }
    expect(await exited).toBe(0);
    expect(bodies.join('\n')).not.toMatch(/locked|busy/i);
    expect(statuses.every((x) => x === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThan(20);
    // and the reader sees the new documents
    const after = await get('/api/documents?q=&limit=500');
    expect(after.json.total).toBeGreaterThan(STEMS.length + 1);
  });
});
