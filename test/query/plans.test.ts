/**
 * The search plans against a straightforward reference, on a generated store big enough for
 * every plan path (filter drivers read whole, the deadline index walked, the FTS rows driving
 * in chunks and capped): done / open / overdue / due-soon / on-track with words, agencies,
 * kinds, deadline windows, types and documents give the tasks the reference gives, computed
 * row by row with taskStatus over completions. The same queries on the store as schema 2
 * left it (without the indexes of migration 3) give the same results.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type DB } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { searchTasks, candidateIds, type TaskQuery } from '../../src/query/search.js';
import { parseQuery, allWordsExpression } from '../../src/query/fts.js';
import { tmpDir } from '../helpers.js';
import { TODAY, fill, reference, status, passes, STATUSES, SHAPES, makeStores, type RefTask } from './store.js';

const byDue = (a: RefTask, b: RefTask) => (a.date === b.date ? a.id - b.id : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1);
const ftsIds = (db: DB, words: string) =>
  db.prepare('SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ? ORDER BY rowid DESC').pluck().all(allWordsExpression(parseQuery(words))) as number[];

/** What the words plan gives when the FTS rows drive: chunks of 500 newest first, until 500 passed or 4000 were read. */
function chunked(ids: number[], ok: (id: number) => boolean): { pool: number[]; capped: boolean } {
  const pool: number[] = [];
  let scanned = 0;
  for (let at = 0; ; at += 500) {
    const chunk = ids.slice(at, at + 500);
    scanned += chunk.length;
    if (!chunk.length) break;
    pool.push(...chunk.filter(ok));
    if (chunk.length < 500) break;
    if (pool.length >= 500 || scanned >= 4000) return { pool, capped: true };
  }
  return { pool, capped: false };
}

let db: DB;
let old: DB;
let tasks: RefTask[];

beforeAll(() => {
  // the store, and the same store as schema 2 left it (without the indexes of migration 3)
  const { file, oldFile } = makeStores('congvan-plans-');
  db = openStore(file, { readonly: true });
  old = openStore(oldFile, { readonly: true });
  tasks = reference(db);
});
afterAll(() => {
  db?.close();
  old?.close();
});

describe('the store for these tests', () => {
  it('has every status, renditions, and more word matches than the words plan reads', () => {
    expect(tasks.length).toBeGreaterThan(6000);
    const counts = new Map<string, number>();
    for (const t of tasks) if (!t.shadow) counts.set(status(t, TODAY), (counts.get(status(t, TODAY)) ?? 0) + 1);
    for (const s of ['on-track', 'due-soon', 'overdue', 'done-on-time', 'done-late']) expect(counts.get(s), s).toBeGreaterThan(20);
    expect(tasks.filter((t) => t.shadow).length).toBeGreaterThan(300);
    expect(ftsIds(db, 'báo cáo').length).toBeGreaterThan(4000);
    expect(tasks.filter((t) => t.doneOn).length).toBeGreaterThan(1000);
  });
});

describe('without words: the reference tasks, in deadline order', () => {
  for (const shape of SHAPES) {
    for (const st of STATUSES) {
      const q: TaskQuery = { ...shape, ...(st ? { status: st } : {}) };
      it(JSON.stringify(q), () => {
        const want = tasks.filter((t) => passes(db, q, t)).sort(byDue);
        for (const offset of [0, 7]) {
          const r = searchTasks(db, { ...q, today: TODAY, limit: 500, offset });
          expect(r.items.map((t) => t.id)).toEqual(want.slice(offset, offset + 500).map((t) => t.id));
          // exact when a filter small enough is read whole, else counted up to 1000
          expect([r.total, r.totalCapped]).toEqual(r.totalCapped ? [1000, want.length > 1000] : [want.length, false]);
          // each item's status is the reference's
          for (const t of r.items.slice(0, 50)) expect(t.status).toBe(status(tasks.find((x) => x.id === t.id)!, TODAY));
        }
        const c = candidateIds(db, { ...q, today: TODAY }, 100_000);
        expect(c.complete).toBe(true);
        expect([...c.ids].sort((a, b) => a - b)).toEqual(want.map((t) => t.id).sort((a, b) => a - b));
      });
    }
  }
});

describe('with words: the matching reference tasks; when the FTS rows drive, the newest in chunks (capped)', () => {
  const WORDS = ['báo cáo', 'thu tuc hanh chinh', 'kiểm tra việc', 'dich vu cong truc tuyen'];
  for (const words of WORDS) {
    for (const shape of SHAPES) {
      for (const st of STATUSES) {
        const q: TaskQuery = { ...shape, ...(st ? { status: st } : {}), words };
        it(JSON.stringify(q), () => {
          const fts = ftsIds(db, words);
          const ok = new Set(tasks.filter((t) => passes(db, q, t)).map((t) => t.id));
          const all = fts.filter((id) => ok.has(id));
          const r = searchTasks(db, { ...q, today: TODAY, limit: 500, sort: 'due' });
          const c = candidateIds(db, { ...q, today: TODAY }, 100_000);
          const got = [...c.ids].sort((a, b) => a - b);
          if (!r.capped && r.total === all.length) {
            // every matching task (a small filter read whole, or the FTS rows read to the end)
            expect(got).toEqual([...all].sort((a, b) => a - b));
          } else {
            // the FTS rows drove: the same pool as 500-row chunks newest first
            const want = chunked(fts, (id) => ok.has(id));
            expect(got).toEqual(want.pool.sort((a, b) => a - b));
            expect(r.capped).toBe(want.capped);
          }
          expect(r.total).toBe(c.ids.length);
          // sorted by deadline, as the reference orders them
          const byId = new Map(tasks.map((t) => [t.id, t]));
          expect(r.items.map((t) => t.id)).toEqual(c.ids.map((id) => byId.get(id)!).sort(byDue).slice(0, 500).map((t) => t.id));
        });
      }
    }
  }

  it('the cases above take the capped path, with one chunk or blocks of several (few rows passing)', () => {
    for (const q of [{ status: 'open' }, { kind: 'none' }, { kind: 'none', status: 'on-track' }] as TaskQuery[]) {
      const r = searchTasks(db, { ...q, words: 'báo cáo', today: TODAY });
      expect([r.capped, r.total >= 500], JSON.stringify(q)).toEqual([true, true]);
    }
    // no row passing: the 4000 newest are read, and the answer says the rank was capped
    expect(searchTasks(db, { type: 'XX', words: 'báo cáo', today: TODAY })).toMatchObject({ capped: true, total: 0 });
  });
});

describe('words alone in a store of single renditions: every FTS row passes', () => {
  it('the first chunk fills the pool: 500 ranked, capped; fewer matches than a chunk: all, not capped', () => {
    const w = openStore(path.join(tmpDir('congvan-words-'), 'store.db'));
    fill(w, 40, 30, 11, false);
    const fts = ftsIds(w, 'báo cáo');
    expect(fts.length).toBeGreaterThan(500);
    const r = searchTasks(w, { words: 'báo cáo', today: TODAY });
    expect([r.total, r.capped]).toEqual([500, true]);
    expect([...candidateIds(w, { words: 'báo cáo' }).ids].sort((a, b) => a - b)).toEqual(fts.slice(0, 500).sort((a, b) => a - b));
    const few = ftsIds(w, 'kiem tra viec');
    expect(few.length).toBeLessThan(500);
    expect(searchTasks(w, { words: 'kiểm tra việc', today: TODAY })).toMatchObject({ total: few.length, capped: false });
    w.close();
  });
});

describe('a store of schema 2 opened read-only (without the indexes of migration 3)', () => {
  it('gives the same results for every query', () => {
    for (const words of [undefined, 'báo cáo', 'thu tuc hanh chinh']) {
      for (const shape of SHAPES) {
        for (const st of STATUSES) {
          const q: TaskQuery = { ...shape, ...(st ? { status: st } : {}), ...(words ? { words } : {}), today: TODAY, limit: 100 };
          const a = searchTasks(db, q);
          const b = searchTasks(old, q);
          expect({ ...b, ms: 0 }, JSON.stringify(q)).toEqual({ ...a, ms: 0 });
        }
      }
    }
  });
});

describe('migration 3', () => {
  it('adds its indexes to a store of schema 2, and the plans read them', () => {
    const file = path.join(tmpDir('congvan-v2-'), 'store.db');
    const o = new Database(file);
    o.exec(MIGRATIONS[0] as string);
    o.exec(MIGRATIONS[1] as string);
    o.pragma('user_version = 2');
    fill(o as unknown as DB, 20, 10, 5);
    o.close();
    const w = openStore(file);
    expect(w.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const names = w.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all();
    expect(names).toEqual(expect.arrayContaining(['tasks_doc_key', 'tasks_status', 'documents_id_record']));
    const plan = (sql: string) => (w.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    // a completion's tasks by (document, key), not by the key alone
    expect(plan(`SELECT t.id FROM completions cc CROSS JOIN documents d ON d.record_id = cc.document_record_id CROSS JOIN tasks t INDEXED BY tasks_doc_key ON t.document_id = d.id AND t.task_key = cc.task_key`)).toMatch(/tasks_doc_key \(document_id=\? AND task_key=\?\)/);
    const r = searchTasks(w, { status: 'done', today: TODAY, limit: 500 });
    const want = reference(w).filter((t) => !t.shadow && t.doneOn).sort(byDue).map((t) => t.id);
    expect(r.items.map((t) => t.id)).toEqual(want);
    w.close();
  });
});
