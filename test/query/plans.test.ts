/**
 * The search plans against a straightforward reference, on a generated store big enough for
 * every plan path (filter drivers read whole, the deadline index walked, the FTS rows driving
 * in chunks and capped): done / open / overdue / due-soon / on-track with words, agencies,
 * kinds, deadline windows, types and documents give the tasks the reference gives, computed
 * row by row with taskStatus over completions. The same queries on the store as schema 2
 * left it (without the indexes of migration 3) give the same results.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, taskKey, type DB } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { fold } from '../../src/normalise/unicode.js';
import { canonicalAgency } from '../../src/refine/registry.js';
import { searchTasks, candidateIds, type TaskQuery } from '../../src/query/search.js';
import { parseQuery, allWordsExpression } from '../../src/query/fts.js';
import { resolveAgencies } from '../../src/query/agency.js';
import { taskStatus, nextOccurrence, addDays, type StatusCode } from '../../src/query/status.js';
import { tmpDir } from '../helpers.js';

const TODAY = '2024-06-15';
const AGENCIES = ['Sở Nội vụ', 'Sở Tài chính', 'Công an tỉnh', 'Sở Y tế', 'Thanh tra tỉnh', 'Ủy ban nhân dân huyện Hàm Yên'];
const WORK = ['báo cáo kết quả thực hiện', 'rà soát thủ tục hành chính', 'triển khai dịch vụ công trực tuyến', 'tổng hợp số liệu', 'kiểm tra việc thực hiện'];
const RULES = ['{"freq":"monthly","day":20}', '{"freq":"monthly","day":5}', '{"freq":"weekly"}', '{"freq":"quarterly"}'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Documents and tasks written as the Writer writes them (folded FTS text, keys, agencies), completions before or after their tasks. */
function fill(db: DB, docs: number, perDoc: number, seed = 7, renditions = true) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const agencyId = new Map<string, number>();
  for (const a of AGENCIES) {
    const c = canonicalAgency(a);
    agencyId.set(a, Number(db.prepare('INSERT INTO agencies (canonical, folded) VALUES (?, ?)').run(c, fold(c)).lastInsertRowid));
  }
  const insDoc = db.prepare(`INSERT INTO documents (path, file, record_id, sha256, format, type, date, subject, record_json, text, ingested_at)
    VALUES (?, ?, ?, 'x', ?, ?, '2024-01-01', 's', '{}', '', 'now')`);
  const insTask = db.prepare(`INSERT INTO tasks (document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_rule)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insTA = db.prepare('INSERT OR IGNORE INTO task_agencies (task_id, agency_id, role, name) VALUES (?, ?, ?, ?)');
  const insFts = db.prepare('INSERT INTO tasks_fts (rowid, text, agencies) VALUES (?, ?, ?)');
  const insDone = db.prepare('INSERT OR IGNORE INTO completions (document_record_id, task_key, done_on) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let k = 1; k <= docs; k++) {
      const record = `rec_${k}`;
      const tasks = Array.from({ length: perDoc }, (_, i) => {
        const lead = pick(AGENCIES);
        const support = r() < 0.5 ? [pick(AGENCIES)] : [];
        const text = `${lead} chủ trì${support.length ? `, phối hợp với ${support[0]}` : ''}: ${r() < 0.6 ? WORK[0] : pick(WORK)}${r() < 0.3 ? ` và ${pick(WORK)}` : ''} đợt ${i + 1}.`;
        const roll = r();
        const kind = roll < 0.4 ? 'by' : roll < 0.5 ? 'within' : roll < 0.6 ? 'recurring' : roll < 0.7 ? 'ongoing' : roll < 0.75 ? 'from' : null;
        const date = kind === 'by' || kind === 'within' || kind === 'from' ? addDays(TODAY, Math.floor(r() * 181) - 90) : null;
        const p = [String(Math.ceil((i + 1) / 5)), `${Math.ceil((i + 1) / 5)}.${(i % 5) + 1}`];
        return { lead, support, text, kind, date, rule: kind === 'recurring' ? pick(RULES) : null, path: p, key: taskKey({ path: p, text }), done: r() < 0.2 };
      });
      const completions = () => {
        for (const t of tasks) if (t.done) insDone.run(record, t.key, t.date ? addDays(t.date, Math.floor(r() * 11) - 5) : '2024-05-01');
      };
      // some completions are there before their tasks (a document ingested again), some after
      if (k % 3 === 0) completions();
      // every 10th document also as .docx (a rendition: only the .txt takes part in searches),
      // stored first for every 20th, after the .txt for the others
      const formats = !renditions ? ['txt'] : k % 20 === 0 ? ['docx', 'txt'] : k % 10 === 0 ? ['txt', 'docx'] : ['txt'];
      for (const format of formats) {
        const docId = Number(insDoc.run(`/s/${record}.${format}`, `${record}.${format}`, record, format, k % 4 === 0 ? 'KH' : 'CV').lastInsertRowid);
        tasks.forEach((t, i) => {
          const id = Number(insTask.run(docId, i + 1, t.key, t.path[1], JSON.stringify(t.path), t.text, t.kind, t.date, t.rule).lastInsertRowid);
          const names: string[] = [];
          for (const [role, list] of [['lead', [t.lead]], ['support', t.support]] as const) {
            for (const a of list) {
              insTA.run(id, agencyId.get(a)!, role, a);
              names.push(a, canonicalAgency(a));
            }
          }
          insFts.run(id, fold(t.text), fold(names.join(' ; ')));
        });
      }
      if (k % 3 !== 0) completions();
    }
    // completions of tasks no store holds
    for (let k = 0; k < 20; k++) insDone.run(`rec_${k % 2 ? 'gone' : 1}`, `9/9.${k}|nothing`, '2024-01-01');
  })();
}

interface RefTask {
  id: number;
  record: string;
  type: string | null;
  kind: string | null;
  date: string | null;
  rule: string | null;
  doneOn: string | null;
  shadow: boolean;
  agencies: { id: number; role: string }[];
}

/** Every task, read plainly: its document, completion (through its document's record id) and agencies. */
function reference(db: DB): RefTask[] {
  const prio = (f: string) => ['txt', 'md', 'docx', 'pdf'].indexOf(f) + 1 || 5;
  const docs = db.prepare('SELECT id, record_id, format FROM documents').all() as { id: number; record_id: string; format: string }[];
  const best = new Map<string, { id: number; p: number }>();
  for (const d of docs) {
    const b = best.get(d.record_id);
    if (!b || prio(d.format) < b.p || (prio(d.format) === b.p && d.id < b.id)) best.set(d.record_id, { id: d.id, p: prio(d.format) });
  }
  const ag = new Map<number, { id: number; role: string }[]>();
  for (const a of db.prepare('SELECT task_id, agency_id, role FROM task_agencies').all() as { task_id: number; agency_id: number; role: string }[]) {
    ag.set(a.task_id, [...(ag.get(a.task_id) ?? []), { id: a.agency_id, role: a.role }]);
  }
  const rows = db
    .prepare(`SELECT t.id, t.document_id AS doc, d.record_id AS record, d.type, t.deadline_kind AS kind, t.deadline_date AS date, t.deadline_rule AS rule,
      (SELECT done_on FROM completions c WHERE c.document_record_id = d.record_id AND c.task_key = t.task_key) AS doneOn
      FROM tasks t JOIN documents d ON d.id = t.document_id`)
    .all() as (Omit<RefTask, 'shadow' | 'agencies'> & { doc: number })[];
  return rows.map((t) => ({ ...t, shadow: best.get(t.record)!.id !== t.doc, agencies: ag.get(t.id) ?? [] }));
}

function status(t: RefTask, today: string): StatusCode {
  return taskStatus({ kind: t.kind, date: t.date, rule: t.rule }, t.doneOn, today).status;
}

/** Does the task pass the query's filters (all but the words)? */
function passes(db: DB, q: TaskQuery, t: RefTask): boolean {
  const today = q.today ?? TODAY;
  if (t.shadow) return false;
  if (q.agency) {
    const ids = agencyIds(db, q.agency);
    if (!t.agencies.some((a) => ids.includes(a.id) && (!q.role || a.role === q.role))) return false;
  } else if (q.role && !t.agencies.some((a) => a.role === q.role)) return false;
  if (q.type && t.type?.toLowerCase() !== q.type.toLowerCase()) return false;
  if (q.document && t.record !== q.document) return false;
  if (q.kind && (q.kind === 'none' ? t.kind !== null : t.kind !== q.kind)) return false;
  if (q.dueBefore || q.dueAfter) {
    const dated = !!t.date && (!q.dueAfter || t.date >= q.dueAfter) && (!q.dueBefore || t.date <= q.dueBefore);
    const next = t.kind === 'recurring' ? nextOccurrence(t.rule, q.dueAfter ?? today) : null;
    if (!dated && !(next && (!q.dueBefore || next <= q.dueBefore))) return false;
  }
  const s = status(t, today);
  switch (q.status) {
    case 'done':
      return !!t.doneOn;
    case 'open':
      return !t.doneOn;
    case 'overdue':
    case 'due-soon':
    case 'on-track':
      return s === q.status;
  }
  return true;
}

const resolved = new Map<string, number[]>();
const agencyIds = (db: DB, name: string) => resolved.get(name) ?? (resolved.set(name, resolveAgencies(db, name)), resolved.get(name)!);

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

const STATUSES = [undefined, 'open', 'done', 'overdue', 'due-soon', 'on-track'] as const;

/** Query shapes, with and without words; each with every status. */
const SHAPES: TaskQuery[] = [
  {},
  { agency: 'so tai chinh' },
  { agency: 'Công an tỉnh', role: 'lead' },
  { agency: 'Sở Y tế', kind: 'by' },
  { kind: 'recurring' },
  { kind: 'none' },
  { dueBefore: addDays(TODAY, -30) },
  { dueAfter: addDays(TODAY, 1), dueBefore: addDays(TODAY, 20) },
  { type: 'KH', agency: 'Thanh tra tỉnh' },
  { document: 'rec_20' },
  { document: 'rec_7', kind: 'by' },
];

let dir: string;
let db: DB;
let old: DB;
let tasks: RefTask[];

beforeAll(() => {
  dir = tmpDir('congvan-plans-');
  const file = path.join(dir, 'store.db');
  const w = openStore(file);
  fill(w, 150, 44);
  w.pragma('wal_checkpoint(TRUNCATE)');
  w.close();
  // the same store as schema 2 left it: without tasks_status, tasks_doc_key, documents_id_record
  const oldFile = path.join(dir, 'old.db');
  fs.copyFileSync(file, oldFile);
  const o = new Database(oldFile);
  o.exec('DROP INDEX tasks_status; DROP INDEX tasks_doc_key; DROP INDEX documents_id_record; PRAGMA user_version = 2');
  o.close();
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
    o.exec(MIGRATIONS[0]!);
    o.exec(MIGRATIONS[1]!);
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
