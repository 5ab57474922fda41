/**
 * Opening a store (issue cases 5, 12, 13, 14): first opens of a new store at once, another
 * program's database given as --db, a store with damaged pages, a store on read-only media.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { ingest } from '../../pipelines/ingest.js';
import { openStore, StoreError } from '../../src/store/db.js';
import { searchTasks } from '../../src/query/search.js';
import { serve } from '../../src/http/server.js';
import { ROOT, tmpDir } from '../helpers.js';
import * as F from '../faults/fixtures.js';
import { run, sha256File } from '../faults/helpers.js';

const APP_ID = 0x4347564e; // 'CGVN'

/** The file and its companions (-wal, -shm, -journal) with their hashes. */
function state(file: string) {
  return fs
    .readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(path.basename(file)))
    .sort()
    .map((f) => [f, sha256File(path.join(path.dirname(file), f))]);
}

/** A store in one file (WAL checkpointed and switched off), as a user would copy it. */
function settle(file: string) {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

describe('first opens of a new store at once (case 5)', () => {
  it('every opener succeeds: the schema is made once, inside BEGIN IMMEDIATE', async () => {
    const file = path.join(tmpDir('congvan-open-race-'), 'new.db');
    const at = Date.now() + 6000; // every child has started by then, on a busy machine too
    const kids = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/store/race-open.ts'), file, String(at)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
      return new Promise<{ code: number | null; out: string }>((resolve) => child.on('exit', (code) => resolve({ code, out: out.trim() })));
    });
    const results = await Promise.all(kids);
    expect(results).toEqual(Array(4).fill({ code: 0, out: 'ok' }));
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(4);
    db.close();
  });

  it('two congvan ingest into one new store, started together: both files stored', async () => {
    const dir = tmpDir('congvan-open-race-cli-');
    const file = path.join(dir, 'new.db');
    const go = (src: string) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const c = spawn(process.execPath, [path.join(ROOT, 'bin/congvan.js'), 'ingest', src, '--db', file, '--no-records', '--jobs', '1'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        c.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
        c.on('exit', (code) => resolve({ code, err }));
      });
    const [a, b] = await Promise.all([go(F.TXTS[0]!), go(F.TXTS[1]!)]);
    expect([a, b]).toEqual([{ code: 0, err: '' }, { code: 0, err: '' }]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2);
    db.close();
  });
});

describe("another program's SQLite file given as --db (case 12)", () => {
  const dir = tmpDir('congvan-open-foreign-');
  const cases: [string, (db: Database.Database) => void][] = [
    ['tables of its own', (db) => db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('an'), ('bình'); CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)")],
    ['its own documents table', (db) => db.exec("CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO documents (title) VALUES ('hợp đồng')")],
    ['its own application id, no tables yet', (db) => db.pragma('application_id = 1598903374')],
    ['tables, and a user version of its own', (db) => db.exec('CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT); PRAGMA user_version = 2')],
  ];
  for (const [name, make] of cases) {
    it(`${name}: refused, naming the file, and left byte for byte (no WAL, no tables)`, async () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.db`);
      const db = new Database(file);
      make(db);
      db.close();
      const before = state(file);
      const r = run(['ingest', F.TXTS[0]!, '--db', file, '--no-records']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`congvan: ${file}: not a congvan store: it is another program's SQLite database`);
      expect(r.stderr).toContain('congvan left it untouched');
      await expect(ingest([F.TXTS[0]!], { db: file, jobs: 1 })).rejects.toThrow(StoreError);
      for (const readonly of [false, true]) expect(() => openStore(file, { readonly })).toThrow(/not a congvan store/);
      expect(run(['search', 'x', '--db', file]).code).toBe(2);
      expect(state(file)).toEqual(before);
      expect(fs.readFileSync(file)[18]).toBe(1); // still a rollback-journal database
    });
  }

  it('an empty SQLite database (no tables) and an empty file become stores, marked as congvan\'s', async () => {
    const blank = path.join(dir, 'blank.db');
    new Database(blank).close();
    const empty = path.join(dir, 'empty.db');
    fs.writeFileSync(empty, '');
    for (const file of [blank, empty]) {
      expect(await ingest([F.TXTS[0]!], { db: file, jobs: 1 })).toMatchObject({ ingested: 1 });
      const db = new Database(file, { readonly: true });
      expect(db.pragma('application_id', { simple: true })).toBe(APP_ID);
      db.close();
    }
  });
});

/** A copy of `good` with every byte past the page header of the given pages overwritten. */
function damage(good: string, to: string, pages: number[]) {
  const b = Buffer.from(fs.readFileSync(good));
  const size = b.readUInt16BE(16);
  for (const p of pages) for (let i = (p - 1) * size + 8; i < p * size; i++) b[i] = (i * 131) & 0xff;
  fs.writeFileSync(to, b);
}

/** Leaf pages of a table or index (not its root: what a short write reads first). */
function leaves(file: string, name: string): number[] {
  const db = new Database(file, { readonly: true });
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(name) as number[];
  db.close();
  return pages;
}

describe('a store with damaged pages (case 13)', () => {
  const dir = tmpDir('congvan-open-damaged-');
  const good = path.join(dir, 'good.db');
  beforeAll(async () => {
    await ingest([F.TXTS[0]!, F.TXTS[2]!], { db: good, jobs: 1 });
    // enough completions for a table of several pages
    const db = new Database(good);
    const ins = db.prepare("INSERT INTO completions VALUES (?, ?, '2021-12-01')");
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(`old-${i}`, `1/${i}|bao cao ket qua thuc hien nhiem vu so ${i}`);
    })();
    db.close();
    settle(good);
  });

  /** What a write would have added: documents, runs, completions. */
  function counts(file: string) {
    const db = new Database(file, { readonly: true });
    const one = (sql: string) => db.prepare(sql).pluck().get();
    const c = { documents: one('SELECT count(*) FROM documents'), runs: one('SELECT count(*) FROM runs'), failures: one('SELECT count(*) FROM failures') };
    db.close();
    return c;
  }

  it('ingest with a damaged page in the tasks table: refused before a row is written, with a way out', () => {
    const file = path.join(dir, 'tasks.db');
    const pages = leaves(good, 'tasks');
    expect(pages.length).toBeGreaterThan(2);
    damage(good, file, [pages[1]!]);
    const before = counts(file);
    const r = run(['ingest', F.TXTS[1]!, '--db', file, '--no-records']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).not.toMatch(/ingested/);
    expect(r.stderr).toMatch(new RegExp(`^congvan: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the database file is damaged \\(.+\\); congvan will not write to it\\. .*\\.recover`));
    expect(counts(file)).toEqual(before);
  });

  it('done with a damaged page in the completions table: refused, nothing marked', () => {
    const file = path.join(dir, 'completions.db');
    const pages = leaves(good, 'completions');
    expect(pages.length).toBeGreaterThan(2);
    damage(good, file, [pages[Math.floor(pages.length / 2)]!]);
    const r = run(['done', '1', '--db', file, '--on', '2021-12-01']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain(`congvan: ${file}: the database file is damaged`);
    expect(r.stdout).toBe('');
  });

  it('the same store undamaged takes both', () => {
    const file = path.join(dir, 'copy.db');
    fs.copyFileSync(good, file);
    expect(run(['ingest', F.TXTS[1]!, '--db', file, '--no-records']).code).toBe(0);
    expect(run(['done', '1', '--db', file, '--on', '2021-12-01']).code).toBe(0);
  });
});

/**
 * A read-only view of `src`: a read-only bind mount when this runs as root (permissions do
 * not stop root), the folder made read-only otherwise; null when neither is possible.
 */
function readOnly(src: string): { dir: string; undo: () => void } | null {
  if (process.getuid?.() === 0) {
    const dir = tmpDir('congvan-open-ro-mount-');
    const m = spawnSync('mount', ['--bind', src, dir]);
    if (m.status !== 0) return null;
    if (spawnSync('mount', ['-o', 'remount,bind,ro', dir]).status !== 0) {
      spawnSync('umount', [dir]);
      return null;
    }
    return { dir, undo: () => void spawnSync('umount', [dir]) };
  }
  for (const f of fs.readdirSync(src)) fs.chmodSync(path.join(src, f), 0o444);
  fs.chmodSync(src, 0o555);
  return { dir: src, undo: () => fs.chmodSync(src, 0o755) };
}

describe('a store on read-only media (case 14)', () => {
  const src = tmpDir('congvan-open-ro-');
  let ro: { dir: string; undo: () => void } | null = null;
  let file = '';
  beforeAll(async () => {
    await ingest(F.TXTS, { db: path.join(src, 'store.db'), jobs: 1 });
    ro = readOnly(src);
    if (ro) file = path.join(ro.dir, 'store.db');
  });
  afterAll(() => ro?.undo());

  it('search, export and the web API read it; nothing is written there', async (ctx) => {
    if (!ro) return ctx.skip();
    const before = fs.readdirSync(ro.dir);
    const s = run(['search', 'so noi vu', '--db', file, '--limit', '3']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/of \d+ obligations/);
    const d = run(['search', '--documents', '--db', file]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain(`${F.TXTS.length} of ${F.TXTS.length} documents`);
    const e = run(['export', '--format', 'json', '--db', file]);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout)).toHaveLength(F.TXTS.length);
    const db = openStore(file, { readonly: true });
    expect(searchTasks(db, { words: 'so noi vu', limit: 5 }).total).toBeGreaterThan(0);
    db.close();
    const server = await serve({ db: file, port: 0 });
    try {
      const r = await fetch(`${server.url}/api/tasks?limit=2`);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { items: unknown[] }).items).toHaveLength(2);
    } finally {
      await server.close();
    }
    expect(fs.readdirSync(ro.dir)).toEqual(before);
  });

  it('ingest and done are refused with a message naming the file', (ctx) => {
    if (!ro) return ctx.skip();
    const i = run(['ingest', F.TXTS[0]!, '--db', file, '--no-records']);
    expect(i.code).toBe(2);
    expect(i.stderr).toContain(`congvan: ${file}: the store cannot be written`);
    expect(i.stderr).toMatch(/read-only file system|not writable/);
    const d = run(['done', '1', '--db', file]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain(`congvan: ${file}: the store cannot be written`);
  });
});
