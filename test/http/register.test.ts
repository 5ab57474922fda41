/**
 * The register of incoming documents (sổ đăng ký văn bản đến): số đến counted per year,
 * given once per document (again-ingested content, another rendition and a copy keep their
 * number), never twice by writers at once; the CSV for Excel; upload from the page's API.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { ingest } from '../../pipelines/ingest.js';
import { openStore } from '../../src/store/db.js';
import { SqliteOffice, type RegisterLine } from '../../src/store/office.js';
import { registerCsv, REGISTER_COLUMNS } from '../../src/office/register.js';
import { serve, type Server } from '../../src/http/server.js';
import { makeStore, call, addUsers, signIn, HOSTILE_TEXT } from './fixture.js';
import { CORPUS, ROOT, STEMS, tmpDir, tsWorker } from '../helpers.js';

const lines = (db: string, year: number | null = null): RegisterLine[] => {
  const d = openStore(db, { readonly: true });
  try {
    return new SqliteOffice(d).registerLines(year);
  } finally {
    d.close();
  }
};
const txt = (stem: string) => path.join(CORPUS, `${stem}.txt`);

describe('register numbering', () => {
  it('counts per year from 1, and keeps a number when the same document comes again (same file, a copy, another rendition)', async () => {
    const dir = tmpDir('congvan-register-');
    const db = path.join(dir, 's.db');
    await ingest([txt(STEMS[0]!), txt(STEMS[1]!), txt(STEMS[2]!)], { db, jobs: 1, register: { arrivedOn: '2025-12-31', by: 'lan' } });
    await ingest([txt(STEMS[3]!), txt(STEMS[4]!)], { db, jobs: 1, register: { arrivedOn: '2026-01-02' } });
    const first = lines(db);
    expect(first.map((l) => [l.year, l.number, l.arrivedOn])).toEqual([
      [2025, 1, '2025-12-31'], [2025, 2, '2025-12-31'], [2025, 3, '2025-12-31'],
      [2026, 1, '2026-01-02'], [2026, 2, '2026-01-02'],
    ]);
    expect(new Set(first.map((l) => l.recordId)).size).toBe(5);
    expect(first[0]!.registeredBy).toBe('lan');
    // the columns come from the document: issuer, number and symbol, date, type and subject
    const plan = first.find((l) => l.recordId === STEMS[2])!;
    expect(plan).toMatchObject({ type: 'KH', docNumber: '116', symbol: 'KH-UBND', date: '2021-07-28' });
    expect(plan.issuer).toMatch(/Ủy ban nhân dân/);

    // again: the same files, a copy under another name, the Word renditions, on another day
    const copy = path.join(dir, 'copy.txt');
    fs.copyFileSync(txt(STEMS[1]!), copy);
    await ingest([txt(STEMS[0]!), txt(STEMS[1]!), copy, path.join(CORPUS, 'docx', `${STEMS[2]}.docx`)], { db, jobs: 1, register: { arrivedOn: '2026-03-01' } });
    expect(lines(db)).toEqual(first);
    // a document not seen before takes the next number of its year
    const other = path.join(dir, 'other.txt');
    fs.writeFileSync(other, HOSTILE_TEXT);
    await ingest([other], { db, jobs: 1, register: { arrivedOn: '2026-03-01' } });
    expect(lines(db, 2026).map((l) => l.number)).toEqual([1, 2, 3]);
  }, 60_000);

  it('registers nothing with register: false (documents that are not incoming mail), and later when asked', async () => {
    const db = path.join(tmpDir('congvan-noregister-'), 's.db');
    await ingest([txt(STEMS[0]!)], { db, jobs: 1, register: false });
    expect(lines(db)).toEqual([]);
    await ingest([txt(STEMS[0]!)], { db, jobs: 1, register: { arrivedOn: '2026-02-02' } });
    expect(lines(db).map((l) => [l.number, l.recordId])).toEqual([[1, STEMS[0]]]);
  }, 30_000);

  it('the store refuses a number taken twice in a year, and a document registered twice', () => {
    const db = path.join(tmpDir('congvan-register-unique-'), 's.db');
    openStore(db).close();
    const d = new Database(db);
    const ins = d.prepare("INSERT INTO register (year, number, arrived_on, record_id, sha256, registered_at) VALUES (?, ?, '2026-01-01', ?, ?, 'x')");
    ins.run(2026, 1, 'a', 'h1');
    expect(() => ins.run(2026, 1, 'b', 'h2')).toThrow(/UNIQUE/);
    expect(() => ins.run(2026, 2, 'a', 'h3')).toThrow(/UNIQUE/);
    expect(() => ins.run(2026, 3, 'c', 'h1')).toThrow(/UNIQUE/);
    ins.run(2025, 1, 'd', 'h4');
    d.close();
  });

  it('two ingest processes writing at once never take the same number', async () => {
    const dir = tmpDir('congvan-register-race-');
    const db = path.join(dir, 's.db');
    openStore(db).close();
    // two folders of distinct documents: the samples and copies of them made different
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    for (const s of STEMS) {
      fs.copyFileSync(txt(s), path.join(a, `${s}.txt`));
      for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(i % 2 ? a : b, `${s}-${i}.txt`), `${fs.readFileSync(txt(s), 'utf8')}\nBản sao số ${i}.\n`);
    }
    const run = (folder: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'ingest', folder, '--db', db, '--no-records', '--jobs', '1', '--arrived', '2026-05-05', '--quiet'], { env: { ...process.env, CONGVAN_TSX: '1' }, stdio: 'ignore' });
        p.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run(a), run(b)])).toEqual([0, 0]);
    const got = lines(db, 2026);
    const docs = new Database(db, { readonly: true });
    const stored = docs.prepare('SELECT count(DISTINCT record_id) FROM documents').pluck().get() as number;
    docs.close();
    expect(got.length).toBe(stored);
    expect(got.map((l) => l.number)).toEqual(Array.from({ length: got.length }, (_, i) => i + 1));
    expect(new Set(got.map((l) => l.recordId)).size).toBe(got.length);
  }, 120_000);
});

describe('register export', () => {
  it('CSV for Excel: byte order mark, the decree columns, Vietnamese intact, formulas guarded', () => {
    const line: RegisterLine = {
      year: 2026, number: 7, arrivedOn: '2026-01-05', recordId: 'x', sha256: 'h', recipient: '@Phòng Tổ chức', note: null, registeredBy: null, registeredAt: '',
      type: 'CV', docNumber: '12', symbol: 'UBND-NC', issuer: '=HYPERLINK("http://evil")', date: '2025-12-30', subject: 'về việc đẩy mạnh cải cách hành chính',
    };
    const out = [...registerCsv([line])].join('');
    expect(out.charCodeAt(0)).toBe(0xfeff);
    const [head, row] = out.slice(1).split('\r\n');
    expect(head).toBe('Ngày đến,Số đến,Tác giả,"Số, ký hiệu",Ngày tháng,Tên loại và trích yếu nội dung,Đơn vị hoặc người nhận,Ký nhận,Ghi chú');
    expect(REGISTER_COLUMNS).toHaveLength(9);
    expect(row).toBe(`05/01/2026,7,"'=HYPERLINK(""http://evil"")",12/UBND-NC,30/12/2025,Công văn: về việc đẩy mạnh cải cách hành chính,'@Phòng Tổ chức,,`);
  });

  it('congvan register prints and exports a year', async () => {
    const dir = tmpDir('congvan-register-cli-');
    const db = path.join(dir, 's.db');
    await ingest([txt(STEMS[2]!), txt(STEMS[0]!)], { db, jobs: 1, register: { arrivedOn: '2026-04-01' } });
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'register', ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, CONGVAN_TSX: '1' } });
    const text = run(['--year', '2026']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^01\/04\/2026 {2}1 {2}Ủy ban nhân dân .* {2}116\/KH-UBND {2}28\/07\/2021 {2}Kế hoạch: /);
    const csv = run(['--year', '2026', '--format', 'csv', '--out', path.join(dir, 'so-den.csv')]);
    expect(csv.status).toBe(0);
    const file = fs.readFileSync(path.join(dir, 'so-den.csv'), 'utf8');
    expect(file.startsWith('\uFEFFNgày đến,Số đến,Tác giả')).toBe(true);
    expect(file.trim().split('\r\n')).toHaveLength(3);
    expect(run(['--year', '2025']).stdout).toMatch(/no documents registered in 2025/);
    expect(run(['--year', 'last']).status).toBe(2);
  }, 60_000);
});

describe('upload from the page (API)', () => {
  let s: Server;
  let store: { dir: string; db: string };
  const c = { lan: "", minh: "", xem: "" };

  beforeAll(async () => {
    store = await makeStore('congvan-upload-');
    await addUsers(store.db, [
      { name: 'lan', role: 'clerk', agency: 'Văn phòng UBND tỉnh' },
      { name: 'minh', role: 'member', agency: 'Sở Nội vụ' },
      { name: 'xem', role: 'viewer' },
    ]);
    s = await serve({ db: store.db, port: 0, today: '2026-06-01' });
    for (const n of ["lan", "minh", "xem"] as const) c[n] = await signIn(s.url, n);
  }, 60_000);
  afterAll(async () => s?.close());

  const send = (cookie: string, name: string, bytes: Buffer | string, headers: Record<string, string> = {}) =>
    call(s.url, '/api/documents', { method: 'POST', cookie, body: bytes.toString(), headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name), ...headers } });

  it('a clerk uploads an incoming document: ingested, registered with the next number, kept in the audit log; again: same number', async () => {
    const text = HOSTILE_TEXT.replace('99/UBND-KT', '123/UBND-VX').replace('kiểm tra ký tự lạ', 'tăng cường phòng chống dịch');
    const before = (await call(s.url, '/api/register?year=2026', { cookie: c.lan })).json.items.length;
    const r = await send(c.lan, 'Công văn đến 123.txt', text);
    expect(r.status, r.body).toBe(201);
    expect(r.json).toMatchObject({ status: 'ingested', tasks: 2, register: { year: 2026, number: before + 1, registeredBy: 'lan' } });
    expect(r.json.register.arrivedOn).toMatch(/^2026-|^\d{4}-/);
    const id = r.json.recordId;
    const again = await send(c.lan, 'ban-sao.txt', text);
    expect(again.status).toBe(200);
    expect(again.json.register.number).toBe(r.json.register.number);
    // the register and the document view show it
    const reg = (await call(s.url, `/api/register?year=${r.json.register.year}`, { cookie: c.xem })).json;
    expect(reg.columns).toEqual([...REGISTER_COLUMNS]);
    const line = reg.items.find((l: { recordId: string }) => l.recordId === id);
    expect(line.cells.slice(1, 4)).toEqual([String(r.json.register.number), 'Ủy ban nhân dân tỉnh Tuyên Quang', '123/UBND-VX']);
    expect((await call(s.url, `/api/documents/${encodeURIComponent(id)}`, { cookie: c.xem })).status).toBe(200);
    const audit = (await call(s.url, '/api/audit?action=upload', { cookie: c.xem })).json.items;
    expect(audit[audit.length - 1]).toMatchObject({ actor: 'lan', action: 'upload', recordId: id, detail: { status: 'ingested', number: r.json.register.number } });
    const csv = await call(s.url, `/api/register?format=csv&year=${r.json.register.year}`, { cookie: c.xem });
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('123/UBND-VX');
  }, 60_000);

  it('a clerk writes who receives a document and a note into its line (kept in the audit log); others may not', async () => {
    const reg = (await call(s.url, '/api/register?year=2026', { cookie: c.lan })).json;
    const first = reg.items[0];
    const url = `/api/register/${first.year}/${first.number}`;
    const r = await call(s.url, url, { body: { recipient: ' Phòng Tổ chức cán bộ ', note: '=1+1' }, cookie: c.lan });
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({ recipient: 'Phòng Tổ chức cán bộ', note: '=1+1', number: first.number });
    const line = (await call(s.url, '/api/register?year=2026', { cookie: c.xem })).json.items[0];
    expect(line.cells[6]).toBe('Phòng Tổ chức cán bộ');
    expect((await call(s.url, '/api/register?year=2026&format=csv', { cookie: c.xem })).body).toContain(",Phòng Tổ chức cán bộ,,'=1+1\r\n");
    expect((await call(s.url, url, { body: { note: null }, cookie: c.lan })).json).toMatchObject({ recipient: 'Phòng Tổ chức cán bộ', note: null });
    const audit = (await call(s.url, '/api/audit?action=register', { cookie: c.xem })).json.items;
    expect(audit[1]).toMatchObject({ actor: 'lan', action: 'register', recordId: first.recordId, target: `${first.number}/${first.year}` });
    expect((await call(s.url, url, { body: { recipient: 'x' }, cookie: c.minh })).status).toBe(403);
    expect((await call(s.url, '/api/register/2026/9999', { body: { recipient: 'x' }, cookie: c.lan })).status).toBe(404);
    expect((await call(s.url, url, { body: { recipient: 5 }, cookie: c.lan })).json.error).toMatch(/^recipient: /);
  });

  it("an upload is parsed on a worker thread, not the server's: a file that never finishes is stopped at the time limit (422, worker.timeout) while the server goes on answering", async () => {
    // a second server on the store whose parse runs on a worker of the tests' own (test/batch/flaky-worker.ts: "hang" never ends), with a short limit
    const h = await serve({ db: store.db, port: 0, today: '2026-06-01', upload: { timeoutMs: 1500, firstFileGraceMs: 0, workerModule: tsWorker(path.join(ROOT, 'test', 'batch', 'flaky-worker.ts')) } });
    try {
      const lan = await signIn(h.url, 'lan');
      const t0 = Date.now();
      const pending = call(h.url, '/api/documents', { method: 'POST', cookie: lan, body: HOSTILE_TEXT.replace('99/UBND-KT', '77/UBND-KT'), headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': 'hang-forever.txt' } });
      // the server answers while the file's parse spins
      await new Promise((r) => setTimeout(r, 300));
      const health = await call(h.url, '/api/health');
      expect(health.status).toBe(200);
      const r = await pending;
      expect(health.json).toEqual({ ok: true });
      expect(r.status, r.body).toBe(422);
      expect(r.json).toMatchObject({ status: 'failed', register: null, reason: expect.stringMatching(/^worker: took longer than the time limit of 1.5 s/) });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    } finally {
      await h.close();
    }
    // the next upload (default limits) is served as usual
    const ok = await send(c.lan, 'after.txt', HOSTILE_TEXT.replace('99/UBND-KT', '78/UBND-KT'));
    expect(ok.status, ok.body).toBe(201);
  }, 60_000);

  it('a member or a viewer may not upload (403); a name of another kind or a missing name is 400; a body that is not bytes is 415', async () => {
    expect((await send(c.minh, 'x.txt', 'abc')).status).toBe(403);
    expect((await send(c.xem, 'x.txt', 'abc')).status).toBe(403);
    expect((await send(c.lan, 'x.exe', 'abc')).json.error).toMatch(/^name: /);
    expect((await call(s.url, '/api/documents', { method: 'POST', cookie: c.lan, body: 'abc', headers: { 'Content-Type': 'application/octet-stream' } })).status).toBe(400);
    expect((await send(c.lan, 'x.txt', 'abc', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await send(c.lan, 'x.txt', 'abc', { Origin: 'http://evil.example' })).status).toBe(403);
  });
});
