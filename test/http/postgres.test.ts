/**
 * congvan serve on a PostgreSQL store (--db postgres://...): the page's JSON API gives the
 * answers the same server gives on SQLite for the same files (search, documents, a task,
 * counts, deadlines, export, failures), accounts, sessions, audit and register live in the
 * PostgreSQL office store, the API refuses every write without a session, a member cannot
 * mark another agency's task done, and a queued batch in progress shows in the failures.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, type Server } from '../../src/http/server.js';
import { ingest } from '../../pipelines/ingest.js';
import { openPostgres } from '../../src/backend/postgres.js';
import { hashPassword, LoginThrottle } from '../../src/office/access.js';
import { call, signIn, PASSWORD, HOSTILE_ID, HOSTILE_TEXT } from './fixture.js';
import { CORPUS, ROOT, STEMS, tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';
import { localToday } from '../../src/model/status.js';

const BIN = path.join(ROOT, 'bin', 'congvan.js');
const TODAY = '2021-11-20';

function congvan(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input });
}

/** An answer without what differs between two servers by nature (time taken). */
function same(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(same);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'ms').map(([k, x]) => [k, same(x)]));
}

describe.skipIf(pgSkip !== null)(`congvan serve on PostgreSQL${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  let sqlite: Server;
  let pg: Server;
  let admin: string;
  let minh: string;

  beforeAll(async () => {
    db = await freshDatabase('serve');
    dir = tmpDir('congvan-pgserve-');
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    for (const s of STEMS) fs.copyFileSync(path.join(CORPUS, `${s}.txt`), path.join(input, `${s}.txt`));
    fs.writeFileSync(path.join(input, `${HOSTILE_ID}.txt`), HOSTILE_TEXT);
    // the same files in the same order: one thread for SQLite, the ingest's own jobs in order for PostgreSQL
    await ingest([input], { db: path.join(dir, 's.db'), jobs: 1, register: false });
    expect(congvan(['migrate', '--db', db.url]).status).toBe(0);
    const r = congvan(['ingest', input, '--db', db.url, '--quiet', '--no-register']);
    expect(r.status, r.stderr).toBe(0);
    // accounts in the PostgreSQL office store
    const store = await openPostgres(db.url);
    const hash = await hashPassword(PASSWORD);
    await store.office.addUser({ name: 'admin', role: 'admin', agency: null, passwordHash: hash }, new Date().toISOString());
    await store.office.addUser({ name: 'minh', role: 'member', agency: 'Sở Nội vụ', passwordHash: hash }, new Date().toISOString());
    await store.office.addUser({ name: 'xem', role: 'viewer', agency: null, passwordHash: hash }, new Date().toISOString());
    await store.close();
    sqlite = await serve({ db: path.join(dir, 's.db'), port: 0, today: TODAY });
    pg = await serve({ db: db.url, port: 0, today: TODAY });
    admin = await signIn(pg.url, 'admin');
    minh = await signIn(pg.url, 'minh');
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await pg?.close();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads as the SQLite server does: tasks, documents, a document, a task, counts, deadlines, export', async () => {
    const paths = [
      '/api/tasks?limit=500',
      '/api/tasks?q=bao+cao&limit=50',
      '/api/tasks?q=dau+tu',
      '/api/tasks?agency=so+noi+vu&role=lead&limit=100',
      '/api/tasks?status=overdue&sort=due&limit=100',
      '/api/documents',
      '/api/documents?q=ke+hoach',
      `/api/documents/${STEMS[2]}`,
      `/api/documents/${HOSTILE_ID}`,
      `/api/tasks/${encodeURIComponent(`${STEMS[0]}#9`)}`,
      '/api/stats',
      '/api/stats?agency=so+noi+vu',
      '/api/stats?kind=by&today=2021-11-20',
      '/api/stats?due_after=2021-11-01&due_before=2021-12-31',
      '/api/stats?agency=so+noi+vu&role=lead&type=CV',
      '/api/stats?q=bao+cao',
      '/api/deadlines?from=2021-11-01&to=2021-12-31',
      '/api/export?format=csv',
      '/api/export?format=json&agency=so+noi+vu',
    ];
    for (const p of paths) {
      const [a, b] = [await call(sqlite.url, p), await call(pg.url, p, { cookie: admin })];
      expect(b.status, `${p}: ${b.body.slice(0, 300)}`).toBe(200);
      expect(a.status, p).toBe(200);
      if (a.json) expect(same(b.json), p).toEqual(same(a.json));
      else expect(b.body, p).toBe(a.body);
    }
    expect((await call(pg.url, '/api/tasks?limit=500', { cookie: admin })).json.total).toBeGreaterThan(50);
    expect((await call(pg.url, '/api/documents/nothing-here', { cookie: admin })).status).toBe(404);
  });

  it('suggests agencies as the SQLite server does: without marks (đ too), abbreviations, any prefix', async () => {
    for (const q of ['', 'so', 'sở nội', 'dau tu', 'đầu tư', 'vp ubnd tinh', 'UBND', 'khong co co quan nay']) {
      const p = `/api/agencies?q=${encodeURIComponent(q)}&limit=30`;
      const [a, b] = [await call(sqlite.url, p), await call(pg.url, p, { cookie: admin })];
      expect(b.status, `${p}: ${b.body.slice(0, 200)}`).toBe(200);
      expect(b.json.items.map((x: { name: string }) => x.name), p).toEqual(a.json.items.map((x: { name: string }) => x.name));
      if (q === 'dau tu' || q === 'vp ubnd tinh') expect(b.json.items.length, p).toBeGreaterThan(0);
    }
  });

  it('refuses every read and write without a session, and a write from a viewer', async () => {
    expect((await call(pg.url, '/api/session')).json).toEqual({ accounts: true, user: null });
    for (const p of ['/api/tasks', '/api/documents', '/api/failures', '/api/audit', '/api/register']) expect((await call(pg.url, p)).status, p).toBe(401);
    const ref = encodeURIComponent(`${STEMS[0]}#9`);
    expect((await call(pg.url, `/api/tasks/${ref}/done`, { body: {} })).status).toBe(401);
    expect((await call(pg.url, `/api/register/2021/1`, { body: { note: 'x' } })).status).toBe(401);
    const xem = await signIn(pg.url, 'xem');
    expect((await call(pg.url, `/api/tasks/${ref}/done`, { body: {}, cookie: xem })).status).toBe(403);
    expect((await call(pg.url, '/api/login', { body: { name: 'xem', password: 'wrong password' } })).status).toBe(401);
    // a session ended at logout
    expect((await call(pg.url, '/api/logout', { body: {}, cookie: xem })).status).toBe(200);
    expect((await call(pg.url, '/api/tasks?limit=1', { cookie: xem })).status).toBe(401);
  });

  it("a member marks done and reopens its agency's task, not another agency's; each change is in the audit log", async () => {
    const items = (await call(pg.url, '/api/tasks?limit=500', { cookie: minh })).json.items as { ref: string; lead: string[]; support: string[]; mayChange: boolean }[];
    const mine = items.find((t) => t.ref === `${STEMS[0]}#9`)!;
    expect(mine.mayChange).toBe(true);
    const other = items.find((t) => !t.mayChange && t.lead.length > 0)!;
    expect([...other.lead, ...other.support]).not.toContain('Sở Nội vụ');
    const refused = await call(pg.url, `/api/tasks/${encodeURIComponent(other.ref)}/done`, { body: {}, cookie: minh });
    expect(refused.status).toBe(403);
    const done = await call(pg.url, `/api/tasks/${encodeURIComponent(mine.ref)}/done`, { body: { on: '2021-11-21' }, cookie: minh });
    expect(done.status, done.body).toBe(200);
    expect(done.json).toMatchObject({ ref: mine.ref, doneOn: '2021-11-21', status: expect.stringMatching(/^done/) });
    expect((await call(pg.url, `/api/tasks?status=done&limit=500`, { cookie: minh })).json.items.map((t: { ref: string }) => t.ref)).toEqual([mine.ref]);
    const reopened = await call(pg.url, `/api/tasks/${encodeURIComponent(mine.ref)}/reopen`, { body: {}, cookie: minh });
    expect(reopened.json.doneOn).toBeNull();
    const audit = (await call(pg.url, '/api/audit', { cookie: admin })).json;
    expect(audit.items.map((e: { actor: string; action: string; recordId: string; taskSeq: number }) => [e.actor, e.action, e.recordId, e.taskSeq])).toEqual([
      ['minh', 'reopen', STEMS[0], 9],
      ['minh', 'done', STEMS[0], 9],
    ]);
    expect((await call(pg.url, '/api/audit?format=csv', { cookie: admin })).body).toMatch(/minh,done/);
  });

  it('the register: lines with what the document says, the clerk\'s notes with their audit entry', async () => {
    const store = await openPostgres(db.url);
    try {
      const rec = (await store.getRecord(STEMS[2]!))!;
      const sha = ((await store.pool.query('SELECT sha256 FROM documents WHERE record_id = $1 LIMIT 1', [rec.id])).rows[0] as { sha256: string }).sha256;
      await store.office.registerDocument({ recordId: rec.id, sha256: sha, arrivedOn: '2021-11-19', by: 'admin' }, new Date().toISOString());
    } finally {
      await store.close();
    }
    const r = await call(pg.url, '/api/register?year=2021', { cookie: admin });
    expect(r.status, r.body).toBe(200);
    expect(r.json.years).toEqual([2021]);
    expect(r.json.items).toEqual([expect.objectContaining({ year: 2021, number: 1, arrivedOn: '2021-11-19', recordId: STEMS[2], type: 'KH', docNumber: '116' })]);
    const note = await call(pg.url, '/api/register/2021/1', { body: { recipient: 'Phòng Tổng hợp' }, cookie: admin });
    expect(note.status, note.body).toBe(200);
    expect(note.json).toMatchObject({ recipient: 'Phòng Tổng hợp' });
    expect((await call(pg.url, '/api/register/2021/7', { body: { note: 'x' }, cookie: admin })).status).toBe(404);
    expect((await call(pg.url, '/api/audit?action=register', { cookie: admin })).json.items[0]).toMatchObject({ actor: 'admin', target: '1/2021', detail: { recipient: 'Phòng Tổng hợp' } });
    expect((await call(pg.url, '/api/register?format=csv&year=2021', { cookie: admin })).body).toMatch(/Phòng Tổng hợp/);
  });

  it('failures: the batch done, and a queued batch in progress until its files are counted', async () => {
    const before = (await call(pg.url, '/api/failures', { cookie: admin })).json.items;
    expect(before).toEqual([expect.objectContaining({ run: 1, files: STEMS.length + 1, ingested: STEMS.length + 1, failed: 0, inProgress: false })]);
    const q = path.join(dir, 'queued');
    fs.mkdirSync(q);
    fs.writeFileSync(path.join(q, 'empty.txt'), '');
    fs.writeFileSync(path.join(q, 'new.txt'), HOSTILE_TEXT.replace('99/UBND-KT', '98/UBND-KT'));
    const sub = congvan(['ingest', q, '--db', db.url, '--queue']);
    expect(sub.stdout, sub.stderr).toMatch(/2 files: 1 queued, 0 unchanged, 1 failed/);
    const now = (await call(pg.url, '/api/failures?runs=1', { cookie: admin })).json.items;
    expect(now).toEqual([
      expect.objectContaining({ run: 2, files: 2, done: 1, failed: 1, inProgress: true, finishedAt: null, failures: [expect.objectContaining({ stage: 'read', code: 'read.empty' })] }),
    ]);
    expect((await call(pg.url, '/api/failures?runs=x', { cookie: admin })).status).toBe(400);

    // a worker does the job: the run is finished, and the document is entered in the register as it is stored
    const w = congvan(['worker', '--db', db.url, '--until-empty', '--json']);
    expect(w.status, w.stderr).toBe(0);
    expect((await call(pg.url, '/api/failures?runs=1', { cookie: admin })).json.items[0]).toMatchObject({ run: 2, done: 2, ingested: 1, failed: 1, inProgress: false });
    const id = (JSON.parse(w.stdout.trim().split('\n').at(-1)!) as { id: string }).id;
    const reg = (await call(pg.url, '/api/register', { cookie: admin })).json.items as { recordId: string; arrivedOn: string; registeredBy: string | null }[];
    const entry = reg.find((l) => l.recordId === id)!;
    expect(entry).toMatchObject({ arrivedOn: localToday() });
    expect(entry.registeredBy).toMatch(/^cli:/);
    // submitted with --no-register: stored, not registered
    fs.writeFileSync(path.join(q, 'outgoing.txt'), HOSTILE_TEXT.replace('99/UBND-KT', '97/UBND-KT'));
    expect(congvan(['ingest', path.join(q, 'outgoing.txt'), '--db', db.url, '--no-register']).status).toBe(0);
    expect((await call(pg.url, '/api/register', { cookie: admin })).json.items).toHaveLength(reg.length);
    // the same file submitted again with --queue, as incoming mail: stored already (unchanged), entered in the register now; once
    const next = Math.max(0, ...(reg as unknown as { year: number; number: number }[]).filter((l) => l.year === 2026).map((l) => l.number)) + 1;
    for (let i = 0; i < 2; i++) {
      const again = congvan(['ingest', path.join(q, 'outgoing.txt'), '--db', db.url, '--queue', '--arrived', '2026-12-01']);
      expect(again.stdout, again.stderr).toMatch(/1 files: 0 queued, 1 unchanged, 0 failed/);
      const lines = (await call(pg.url, '/api/register', { cookie: admin })).json.items as { recordId: string; arrivedOn: string; number: number; year: number }[];
      expect(lines).toHaveLength(reg.length + 1);
      expect(lines.filter((l) => l.arrivedOn === '2026-12-01')).toEqual([expect.objectContaining({ year: 2026, number: next })]);
    }
  });

  it('upload from the page: queued (202) with its run and an audit entry; a worker stores and registers it; a file it cannot read fails in its run; the same bytes again: its number', async () => {
    const up = (name: string, body: string) =>
      call(pg.url, '/api/documents', { method: 'POST', cookie: admin, body, headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name) } });
    const text = HOSTILE_TEXT.replace('99/UBND-KT', '55/UBND-VX');
    const r = await up('Công văn đến 55.txt', text);
    expect(r.status, r.body).toBe(202);
    expect(r.json).toMatchObject({ status: 'queued', run: expect.any(Number), recordId: null, register: null, file: expect.stringMatching(/-Công văn đến 55\.txt$/) });
    const bad = await up('hỏng.pdf', 'not a PDF at all');
    expect(bad.status, bad.body).toBe(202);
    const runs = async () => (await call(pg.url, '/api/failures?runs=2', { cookie: admin })).json.items as { run: number; inProgress: boolean; ingested: number; failed: number; failures: { stage: string }[] }[];
    expect((await runs()).map((x) => [x.run, x.inProgress])).toEqual([[bad.json.run, true], [r.json.run, true]]);
    const audit = (await call(pg.url, '/api/audit?action=upload', { cookie: admin })).json.items;
    expect(audit.slice(0, 2)).toEqual([
      expect.objectContaining({ actor: 'admin', action: 'upload', target: bad.json.file, detail: { status: 'queued', run: bad.json.run } }),
      expect.objectContaining({ actor: 'admin', action: 'upload', target: r.json.file, detail: { status: 'queued', run: r.json.run } }),
    ]);
    // no 50 MB and more through the page
    expect((await call(pg.url, '/api/documents', { method: 'POST', cookie: admin, body: 'x', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': 'a.txt', 'Content-Length': String(60 * 1024 * 1024) } }).catch(() => ({ status: 413 }))).status).toBe(413);

    const w = congvan(['worker', '--db', db.url, '--until-empty', '--json']);
    expect(w.status, w.stderr).toBe(0);
    const [b, a] = await runs();
    expect(b).toMatchObject({ run: bad.json.run, inProgress: false, failed: 1, failures: [expect.objectContaining({ path: expect.stringMatching(/hỏng\.pdf$/) })] });
    expect(a).toMatchObject({ run: r.json.run, inProgress: false, ingested: 1, failed: 0 });
    const line = ((await call(pg.url, '/api/register', { cookie: admin })).json.items as { recordId: string; number: number; registeredBy: string; docNumber: string }[]).find((l) => l.docNumber === '55')!;
    expect(line).toMatchObject({ registeredBy: 'admin' });
    // the worker adds each upload's outcome to the audit log, with the record id and number it got, or why it failed
    const outcomes = (await call(pg.url, '/api/audit?action=upload', { cookie: admin })).json.items.slice(0, 2) as { actor: string; target: string; recordId: string | null; detail: Record<string, unknown> }[];
    expect(outcomes.sort((x, y) => String(x.detail.status).localeCompare(String(y.detail.status)))).toEqual([
      expect.objectContaining({ actor: 'admin', target: bad.json.file, recordId: null, detail: expect.objectContaining({ status: 'failed', run: bad.json.run, stage: expect.any(String), reason: expect.any(String) }) }),
      expect.objectContaining({ actor: 'admin', target: r.json.file, recordId: line.recordId, detail: expect.objectContaining({ status: 'ingested', run: r.json.run, number: line.number }) }),
    ]);
    const again = await up('bản sao.txt', text);
    expect(again.status, again.body).toBe(200);
    expect(again.json).toMatchObject({ status: 'unchanged', recordId: line.recordId, register: { number: line.number }, tasks: 2 });
  }, 60_000);

  it('congvan user manages the accounts of a PostgreSQL store, in its audit log', async () => {
    const add = congvan(['user', 'add', 'lan', '--role', 'clerk', '--agency', 'Văn phòng UBND tỉnh', '--password-stdin', '--db', db.url], `${PASSWORD}\n`);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^added lan: clerk for Văn phòng Ủy ban nhân dân tỉnh\n/);
    expect(congvan(['user', 'add', 'LAN', '--role', 'viewer', '--password-stdin', '--db', db.url], `${PASSWORD}\n`).status).toBe(2);
    const list = JSON.parse(congvan(['user', 'list', '--json', '--db', db.url]).stdout) as { name: string; role: string }[];
    expect(list.map((u) => [u.name, u.role])).toEqual([['admin', 'admin'], ['lan', 'clerk'], ['minh', 'member'], ['xem', 'viewer']]);
    const lan = await signIn(pg.url, 'lan');
    expect((await call(pg.url, '/api/session', { cookie: lan })).json.user).toMatchObject({ name: 'lan', role: 'clerk', agency: 'Văn phòng Ủy ban nhân dân tỉnh' });
    expect(congvan(['user', 'set', 'lan', '--role', 'viewer', '--db', db.url]).status).toBe(0);
    expect(congvan(['user', 'remove', 'lan', '--db', db.url]).status).toBe(0);
    expect((await call(pg.url, '/api/session', { cookie: lan })).json.user).toBeNull();
    const audit = (await call(pg.url, '/api/audit?limit=3', { cookie: admin })).json.items as { actor: string; action: string; target: string }[];
    expect(audit.map((e) => [e.action, e.target])).toEqual([['user-remove', 'lan'], ['user-set', 'lan'], ['user-add', 'lan']]);
    expect(audit[0]!.actor).toMatch(/^cli:/);
    // congvan audit and congvan register read the same office store
    const cliAudit = JSON.parse(congvan(['audit', '--db', db.url, '--action', 'user-add', '--format', 'json']).stdout) as { target: string }[];
    expect(cliAudit.map((e) => e.target)).toEqual(['lan']);
    const csv = congvan(['register', '--db', db.url, '--year', '2021', '--format', 'csv']);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/Phòng Tổng hợp/);
  });

  it('the login brake counts failures in the store: two servers on one PostgreSQL brake the same guesses', async () => {
    let now = Date.now() + 3600_000; // past the failures of the tests before
    const [t1, t2] = [await serve({ db: db.url, port: 0, today: TODAY, throttle: new LoginThrottle(undefined, () => now) }), await serve({ db: db.url, port: 0, today: TODAY, throttle: new LoginThrottle(undefined, () => now) })];
    try {
      for (let i = 0; i < 5; i++) expect((await call(i < 3 ? t1.url : t2.url, '/api/login', { body: { name: 'xem', password: `guess ${i}` } })).status).toBe(401);
      for (const t of [t1, t2]) expect((await call(t.url, '/api/login', { body: { name: 'xem', password: PASSWORD } })).status).toBe(429);
      expect((await call(t2.url, '/api/login', { body: { name: 'admin', password: PASSWORD } })).status).toBe(200);
      now += 15 * 60_000 + 1000;
      expect((await call(t1.url, '/api/login', { body: { name: 'xem', password: PASSWORD } })).status).toBe(200);
    } finally {
      await t1.close();
      await t2.close();
    }
  });

  it('congvan serve --db postgres:// starts (it refused before)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db.url, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c;
          if (/serving .* on http/.test(out)) resolve(out);
        });
        child.stderr!.on('data', (c: Buffer) => (err += c));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(line).toMatch(/congvan: serving postgres/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
