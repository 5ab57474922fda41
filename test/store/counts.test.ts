/**
 * The counts the writer keeps (src/store/counts.ts), on SQLite and PostgreSQL: after every
 * change — documents written, a rendition of one, a task marked done on time and late, done
 * again on another day, reopened, a document ingested again with tasks gone (its old rows
 * deleted), a document ingested again with none — the whole store's counts (Store.stats: what
 * /api/stats and the page read) equal the counts of the rows themselves, read plainly and
 * judged task by task by taskStatus, on days before, among and after the deadlines (the
 * due-date buckets move with "today"). A store written before the counts is counted by its
 * migration.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import type { StoreRow } from '../../src/store/rows.js';
import { openAnyStore, type Store } from '../../src/backend/store.js';
import { openStore } from '../../src/store/db.js';
import { SqliteCounts } from '../../src/store/counts.js';
import { taskStatus, type StatusCode } from '../../src/model/status.js';
import type { Stats } from '../../src/query/stats.js';
import type { TaskQuery } from '../../src/query/types.js';
import { tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';
import { sampleRows } from './samples.js';

let rows: { file: string; row: StoreRow }[] = [];
beforeAll(async () => {
  rows = await sampleRows();
}, 120_000);

type Row = { id: number; doc: number; record: string; format: string; type: string | null; kind: string | null; date: string | null; rule: string | null; done_on: string | null };
const PRIORITY: Record<string, number> = { txt: 0, md: 1, docx: 2, doc: 3, pdf: 4 };

/** Plain SQL both stores answer the same way. */
const TASKS_SQL = `SELECT t.id, d.id AS doc, d.record_id AS record, d.format, d.type, t.deadline_kind AS kind, t.deadline_date AS date, t.deadline_rule AS rule, c.done_on
  FROM tasks t JOIN documents d ON d.id = t.document_id LEFT JOIN completions c ON c.document_record_id = d.record_id AND c.task_key = t.task_key`;
const ROLES_SQL = 'SELECT ta.task_id, a.canonical, ta.role FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id';

/** The counts of the rows themselves: the best rendition of each record id, each task judged by taskStatus. */
function reference(docs: { id: number; record_id: string; format: string }[], tasks: Row[], roles: { task_id: number; canonical: string; role: string }[], today: string) {
  const best = new Map<string, { doc: number; p: number }>();
  for (const d of docs) {
    const p = PRIORITY[d.format] ?? 5;
    const b = best.get(d.record_id);
    if (!b || p < b.p || (p === b.p && Number(d.id) < b.doc)) best.set(d.record_id, { doc: Number(d.id), p });
  }
  const shown = tasks.filter((t) => best.get(t.record)!.doc === Number(t.doc));
  const byStatus: Record<StatusCode, number> = { 'on-track': 0, 'due-soon': 0, overdue: 0, 'done-on-time': 0, 'done-late': 0 };
  const byKind: Record<string, number> = {};
  const status = new Map<number, StatusCode>();
  for (const t of shown) {
    const s = taskStatus({ kind: t.kind, date: t.date, rule: t.rule }, t.done_on, today).status;
    status.set(Number(t.id), s);
    byStatus[s]++;
    byKind[t.kind ?? 'none'] = (byKind[t.kind ?? 'none'] ?? 0) + 1;
  }
  const per = new Map<string, { name: string; lead: number; support: number; overdue: number }>();
  for (const r of roles) {
    const s = status.get(Number(r.task_id));
    if (!s) continue;
    const e = per.get(r.canonical) ?? { name: r.canonical, lead: 0, support: 0, overdue: 0 };
    if (r.role === 'lead') {
      e.lead++;
      if (s === 'overdue') e.overdue++;
    } else e.support++;
    per.set(r.canonical, e);
  }
  const byAgency = [...per.values()].sort((x, y) => y.lead - x.lead || y.support - x.support || x.name.localeCompare(y.name, 'vi')).slice(0, 30);
  return { total: shown.length, byStatus, byKind, byAgency, documents: best.size };
}

/** An agency both lead and support of a task (counted once by an agency filter without a role). */
const BOTH_AGENCY = 'Sở Kiểm thử Hai vai';
function bothRow(): StoreRow {
  const base = rows.find((r) => r.file.endsWith('.txt') && r.row.tasks.filter((t) => t.deadlineKind === 'by').length >= 2)!.row;
  const a = { name: BOTH_AGENCY, canonical: BOTH_AGENCY, folded: 'so kiem thu hai vai', role: 'lead' as const };
  return {
    ...base,
    recordId: 'both-roles',
    sha256: `${base.sha256}-both`,
    file: 'both.txt',
    number: '987',
    symbol: '987/KT-HV',
    // two tasks with the agency in both roles, one as lead only
    tasks: base.tasks.map((t, i) => ({ ...t, agencies: i < 2 ? [a, { ...a, role: 'support' as const }] : i === 2 ? [a] : t.agencies })),
  };
}

const counted = (s: Stats) => ({ total: s.total, byStatus: s.byStatus, byKind: s.byKind, byAgency: s.byAgency, documents: s.documents });

/** Days before, among and after the samples' deadlines (2019-2026). */
const DAYS = ['2018-06-01', '2021-12-01', '2022-03-15', '2024-06-15', '2027-01-01'];

const KINDS: { name: string; skip: string | null; make: () => Promise<{ spec: string; read: (sql: string) => Promise<unknown[]>; drop: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    skip: null,
    make: async () => {
      const dir = tmpDir('congvan-counts-');
      const spec = path.join(dir, 'store.db');
      return {
        spec,
        read: async (sql) => {
          const db = new Database(spec, { readonly: true });
          try {
            return db.prepare(sql).all();
          } finally {
            db.close();
          }
        },
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    skip: pgSkip,
    make: async () => {
      const d = await freshDatabase('counts');
      return {
        spec: d.url,
        read: async (sql) => {
          const c = new pg.Client({ connectionString: d.url });
          await c.connect();
          try {
            return (await c.query(sql)).rows;
          } finally {
            await c.end();
          }
        },
        drop: d.drop,
      };
    },
  },
];

for (const kind of KINDS) {
  describe.skipIf(kind.skip !== null)(`the counts the writer keeps on ${kind.name}${kind.skip ? ` (skipped: ${kind.skip})` : ''}`, () => {
    let store: Store;
    let made: Awaited<ReturnType<(typeof KINDS)[number]['make']>>;
    beforeAll(async () => {
      made = await kind.make();
      store = await openAnyStore(made.spec);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await made?.drop();
    });

    /** The store's counts equal the rows' on every day. */
    const agree = async (what: string) => {
      const tasks = (await made.read(TASKS_SQL)) as Row[];
      const roles = (await made.read(ROLES_SQL)) as { task_id: number; canonical: string; role: string }[];
      const docs = (await made.read('SELECT id, record_id, format FROM documents')) as { id: number; record_id: string; format: string }[];
      for (const today of DAYS) {
        expect(counted(await store.stats({ today })), `${what}, ${today}`).toEqual(reference(docs, tasks, roles, today));
      }
      await filteredAgree(what, tasks, roles, docs);
      return tasks;
    };

    /**
     * The counts of the page's filters from the counts the writer keeps (a sample of one task:
     * the agencies table and documents over it) equal those over every task the filter
     * selects (the search plans' rows: the whole of this small store), on two days: the
     * total, statuses, kinds, and the filtered agency's own row of the agencies table.
     */
    const filteredAgree = async (what: string, tasks: Row[], roles: { task_id: number; canonical: string; role: string }[], docs: { id: number; type?: string }[]) => {
      if (!tasks.length) return;
      const most = <T,>(xs: T[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>())].sort((a, b) => b[1] - a[1])[0]![0];
      const agency = most(roles.map((r) => r.canonical));
      const type = most(tasks.map((t) => t.type).filter((t): t is string => !!t));
      const filters: TaskQuery[] = [
        { agency },
        { agency, role: 'lead' },
        { agency, role: 'support' },
        { agency: BOTH_AGENCY },
        { agency: BOTH_AGENCY, role: 'support' },
        { type },
        ...(/^[A-Z]+$/.test(type) ? [{ type: type.toLowerCase() }] : []),
        { kind: 'by' },
        { kind: 'none' },
        { kind: 'recurring' },
        { dueBefore: '2021-12-31' },
        { dueAfter: '2022-01-01', dueBefore: '2022-12-31' },
        { dueAfter: '2023-06-01' },
        { agency, dueBefore: '2022-06-30' },
        { type, kind: 'by' },
        { agency, type, kind: 'by', dueAfter: '2021-01-01' },
      ];
      let sampled = 0;
      for (const today of [DAYS[1]!, DAYS[3]!]) {
        for (const f of filters) {
          const q = { ...f, today };
          const all = await store.stats(q);
          expect(all.complete, `${what}, ${JSON.stringify(q)}`).toBe(true);
          expect(all.sample).toBeUndefined();
          const kept = await store.stats(q, { sample: 1 });
          if (all.total <= 1) continue;
          sampled++;
          expect(kept.sample, `${what}, ${JSON.stringify(q)}`).toBe(1);
          expect(kept.complete).toBe(true);
          expect({ total: kept.total, byStatus: kept.byStatus, byKind: kept.byKind }, `${what}, ${JSON.stringify(q)}`).toEqual({ total: all.total, byStatus: all.byStatus, byKind: all.byKind });
          if (f.agency) {
            const own = all.byAgency.find((a) => a.name === f.agency);
            expect(own, `${what}, ${JSON.stringify(q)}`).toBeDefined();
            expect(kept.byAgency.find((a) => a.name === f.agency), `${what}, ${JSON.stringify(q)}`).toEqual(own);
          }
        }
      }
      expect(sampled).toBeGreaterThan(10);
    };

    it('after each change: writes, renditions, done, done again, reopen, ingested again', async () => {
      await agree('empty');
      // every sample, .txt and .docx: renditions of one record id, the .txt searched; and a
      // letter naming one agency as lead and support of the same tasks
      for (const r of rows) await store.write(r.row, r.file);
      await store.write(bothRow(), 'both.txt');
      let tasks = await agree('written');
      expect(new Set(tasks.map((t) => t.record)).size).toBeLessThan(new Set(tasks.map((t) => t.doc)).size);
      const dated = tasks.filter((t) => t.kind === 'by' && t.date && PRIORITY[t.format] === 0);
      expect(dated.length).toBeGreaterThan(3);
      const seq = async (t: Row) => `${t.record}#${(await made.read(`SELECT seq FROM tasks WHERE id = ${t.id}`) as { seq: number }[])[0]!.seq}`;
      const [a, b, c] = dated;
      // on time, late, and one without a deadline
      await store.markDone(await seq(a!), a!.date);
      await store.markDone(await seq(b!), '2030-01-01');
      const plain = tasks.find((t) => !t.kind && PRIORITY[t.format] === 0)!;
      await store.markDone(await seq(plain), '2022-01-01');
      tasks = await agree('three done');
      expect(tasks.filter((t) => t.done_on).length).toBeGreaterThanOrEqual(3);
      // done again on another day: late becomes on time
      await store.markDone(await seq(b!), '2000-01-01');
      await agree('done again');
      await store.reopen(await seq(a!));
      await store.reopen(await seq(c!)); // was not done
      await agree('reopened');
      // ingested again with its last tasks gone (its old rows deleted), then with none
      const first = rows.find((r) => r.file.endsWith('.txt') && r.row.tasks.length > 3)!;
      await store.write({ ...first.row, sha256: `${first.row.sha256}-2`, tasks: first.row.tasks.slice(0, 2) }, first.file);
      await agree('ingested again, fewer tasks');
      await store.write({ ...first.row, sha256: `${first.row.sha256}-3`, tasks: [] }, first.file);
      await agree('ingested again, no tasks');
      // and as it was, with its completions back
      await store.write(first.row, first.file);
      await agree('ingested again as it was');
    }, 180_000);
  });
}

describe('a SQLite store written before the counts', () => {
  it('is counted by its migration', async () => {
    const dir = tmpDir('congvan-counts-old-');
    const file = path.join(dir, 'store.db');
    try {
      const s = await openAnyStore(file);
      for (const r of rows.slice(0, 4)) await s.write(r.row, r.file);
      const want = counted(await s.stats({ today: '2021-12-01' }));
      await s.close();
      // as schema 9 left it: no counts
      const raw = new Database(file);
      raw.exec('DROP TABLE count_tasks; DROP TABLE count_roles; DROP TABLE count_overdue; DROP TABLE count_agency; PRAGMA user_version = 9');
      raw.close();
      openStore(file).close();
      const again = await openAnyStore(file);
      expect(counted(await again.stats({ today: '2021-12-01' }))).toEqual(want);
      expect(want.total).toBeGreaterThan(0);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is counted again the same a few documents at a time (the rebuild adds what it holds as it goes)', async () => {
    const dir = tmpDir('congvan-counts-rebuild-');
    const file = path.join(dir, 'store.db');
    try {
      const s = await openAnyStore(file);
      for (const r of rows) await s.write(r.row, r.file);
      await s.close();
      const db = openStore(file);
      // each table in its key's order (WITHOUT ROWID)
      const tables = () => ['count_tasks', 'count_roles', 'count_overdue', 'count_agency'].map((t) => db.prepare(`SELECT * FROM ${t}`).raw().all());
      const kept = tables();
      expect(kept[3]!.length).toBeGreaterThan(50);
      new SqliteCounts(db).rebuild({ keys: 1, slice: 1 });
      expect(tables()).toEqual(kept);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('of schema 10 gets the counts by agency from its migration', async () => {
    const dir = tmpDir('congvan-counts-v10-');
    const file = path.join(dir, 'store.db');
    try {
      const s = await openAnyStore(file);
      for (const r of rows.slice(0, 4)) await s.write(r.row, r.file);
      await s.close();
      // a name standing for one agency alone
      const q = { agency: 'Sở Nội vụ', today: '2021-12-01' };
      const s2 = await openAnyStore(file);
      const want = await s2.stats(q);
      await s2.close();
      expect(want.total).toBeGreaterThan(1);
      // as schema 10 left it: counts, none by agency
      const raw = new Database(file);
      raw.exec('DROP TABLE count_agency; PRAGMA user_version = 10');
      raw.close();
      openStore(file).close();
      const again = await openAnyStore(file);
      const kept = await again.stats(q, { sample: 1 });
      expect(kept.sample, JSON.stringify([q, want, kept])).toBe(1);
      expect({ total: kept.total, byStatus: kept.byStatus, byKind: kept.byKind }).toEqual({ total: want.total, byStatus: want.byStatus, byKind: want.byKind });
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
