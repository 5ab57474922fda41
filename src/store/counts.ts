/**
 * Counts the writer keeps: the page's counts over the whole store (src/query/stats.ts) read
 * a few thousand summary rows instead of a million tasks. Both stores keep the same tables,
 * in the transaction that changes the rows they count:
 *
 * - count_tasks (type, kind, date, rule, done, n): the tasks of the documents searched (the
 *   best rendition of each record id) by their document's type, deadline kind, date and
 *   rule, and done state (0 open, 3 done on time, 4 done late: src/model/status.ts, which
 *   does not move with "today"); NULL is stored as '' (a key column).
 * - count_roles (agency_id, role, n): those tasks' agencies by role.
 * - count_overdue (level, bucket, agency_id, n): the open tasks with a `by` or `within`
 *   deadline on a day, by lead agency, each counted three times: by year (level 1, 'YYYY'),
 *   month (2, 'YYYY-MM') and day (3, 'YYYY-MM-DD'). The overdue ones before any day T are
 *   the years before T's, the months of its year before its month and the days of its month
 *   before it: at most 8 + 11 + 30 buckets per agency, whatever the store's size.
 * - count_agency (agency_id, role, type, kind, date, rule, done, n): count_tasks again for
 *   each agency of a task, by role: 'lead', 'support', and 'both' for a task naming the
 *   agency in both roles (a task with the agency in any role: lead + support - both). The
 *   counts of an agency filter are then one range of this table (src/query/stats.ts).
 *
 * A change (a document written or replaced, a task marked done or reopened) reads what the
 * record ids it touches contribute before and after (their best rendition's tasks, agencies
 * and completions: a few dozen rows), and adds the difference, key by key in one order (two
 * PostgreSQL writers never wait for each other crosswise). `contribute` is the one place
 * that says what a task counts for; a migration builds the tables for a store written before.
 */
import { isIsoDate } from '../model/calendar.js';
import type { Statement } from 'better-sqlite3';
import type { DB } from './db.js';

/** What a task contributes from: its document's type, deadline, completion day and agencies. */
export interface TaskFact {
  id: number;
  type: string | null;
  kind: string | null;
  date: string | null;
  rule: string | null;
  doneOn: string | null;
}
export interface RoleFact {
  taskId: number;
  agencyId: number;
  role: string;
}

/** A change to the counts: per table, each key's (JSON of its columns) difference. */
export type Tally = { tasks: Map<string, number>; roles: Map<string, number>; overdue: Map<string, number>; agency: Map<string, number> };
export const emptyTally = (): Tally => ({ tasks: new Map(), roles: new Map(), overdue: new Map(), agency: new Map() });
export const PARTS = ['tasks', 'roles', 'overdue', 'agency'] as const;

/** The tables, their key columns and their SQL (both stores: plain types). */
export const COUNT_TABLES = {
  tasks: { table: 'count_tasks', keys: ['type', 'kind', 'date', 'rule', 'done'] },
  roles: { table: 'count_roles', keys: ['agency_id', 'role'] },
  overdue: { table: 'count_overdue', keys: ['level', 'bucket', 'agency_id'] },
  agency: { table: 'count_agency', keys: ['agency_id', 'role', 'type', 'kind', 'date', 'rule', 'done'] },
} as const;

export const COUNTS_SQL = `
  CREATE TABLE count_tasks (type TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, rule TEXT NOT NULL, done INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (type, kind, date, rule, done));
  CREATE TABLE count_roles (agency_id INTEGER NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (agency_id, role));
  CREATE TABLE count_overdue (level INTEGER NOT NULL, bucket TEXT NOT NULL, agency_id INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (level, bucket, agency_id));
`;

/** The counts by agency (a later migration on both stores: SQLite 11, PostgreSQL 7). */
export const AGENCY_COUNTS_SQL = `
  CREATE TABLE count_agency (agency_id INTEGER NOT NULL, role TEXT NOT NULL, type TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, rule TEXT NOT NULL, done INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (agency_id, role, type, kind, date, rule, done));
`;

const LATE = new Set(['by', 'within']);

/** The done state of a task: 0 open, 3 done on time, 4 done late (as taskStatus judges it). */
export function doneState(kind: string | null, date: string | null, doneOn: string | null): 0 | 3 | 4 {
  if (!doneOn) return 0;
  return LATE.has(kind ?? '') && !!date && doneOn > date ? 4 : 3;
}

const add = (m: Map<string, number>, key: unknown[], n: number) => {
  const k = JSON.stringify(key);
  const v = (m.get(k) ?? 0) + n;
  if (v) m.set(k, v);
  else m.delete(k);
};

/** Add (sign 1) or take away (-1) what tasks and their agencies count for. */
export function contribute(t: Tally, tasks: TaskFact[], roles: RoleFact[], sign = 1): Tally {
  const open = new Map<number, TaskFact>();
  const keys = new Map<number, unknown[]>();
  for (const x of tasks) {
    const done = doneState(x.kind, x.date, x.doneOn);
    const key = [x.type ?? '', x.kind ?? '', x.date ?? '', x.rule ?? '', done];
    keys.set(x.id, key);
    add(t.tasks, key, sign);
    if (!done && LATE.has(x.kind ?? '') && x.date && isIsoDate(x.date)) open.set(x.id, x);
  }
  const seen = new Set<string>();
  for (const r of roles) {
    add(t.roles, [r.agencyId, r.role], sign);
    const x = r.role === 'lead' ? open.get(r.taskId) : undefined;
    if (x) for (const [level, len] of [[1, 4], [2, 7], [3, 10]] as const) add(t.overdue, [level, x.date!.slice(0, len), r.agencyId], sign);
    const key = keys.get(r.taskId);
    if (!key) continue;
    add(t.agency, [r.agencyId, r.role, ...key], sign);
    // the same agency in the other role of this task: counted once more as 'both'
    const pair = `${r.taskId} ${r.agencyId}`;
    if (seen.has(pair)) add(t.agency, [r.agencyId, 'both', ...key], sign);
    else seen.add(pair);
  }
  return t;
}

/** after - before, key by key. */
export function difference(before: Tally, after: Tally): Tally {
  const d = emptyTally();
  for (const part of PARTS) {
    for (const [k, n] of after[part]) add(d[part], JSON.parse(k) as unknown[], n);
    for (const [k, n] of before[part]) add(d[part], JSON.parse(k) as unknown[], -n);
  }
  return d;
}

/** A table's changes as rows [...key, n], in key order (the order their rows are locked in). */
export function changeRows(d: Tally, part: keyof Tally): unknown[][] {
  return [...d[part]].map(([k, n]) => [...(JSON.parse(k) as unknown[]), n]).sort(byKey);
}
const byKey = (a: unknown[], b: unknown[]) => {
  for (let i = 0; i < a.length - 1; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/**
 * The upsert of `rows` changes into a table, with placeholders made by `ph` (SQLite '?',
 * PostgreSQL '$n'): the existing row's count plus the change.
 */
export function upsertSql(part: keyof Tally, rows: number, ph: (i: number) => string): string {
  const { table, keys } = COUNT_TABLES[part];
  const cols = [...keys, 'n'];
  let i = 0;
  const values = Array.from({ length: rows }, () => `(${cols.map(() => ph(++i)).join(', ')})`).join(', ');
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
}

/** Which rendition of a record id is searched: txt, md, docx, doc, pdf, the rest; then the first stored. */
export const RENDITION_ORDER = `CASE format WHEN 'txt' THEN 0 WHEN 'md' THEN 1 WHEN 'docx' THEN 2 WHEN 'doc' THEN 3 WHEN 'pdf' THEN 4 ELSE 5 END, id`;

/**
 * The statements reading what record ids contribute (placeholders by `ph`): the best
 * rendition of each, its tasks with their completion day, and their agencies.
 */
export function factSql(ph: (i: number) => string) {
  return {
    document: `SELECT id, type FROM documents WHERE record_id = ${ph(1)} ORDER BY ${RENDITION_ORDER} LIMIT 1`,
    tasks: `SELECT t.id, t.deadline_kind AS kind, t.deadline_date AS date, t.deadline_rule AS rule, c.done_on AS "doneOn"
      FROM tasks t LEFT JOIN completions c ON c.document_record_id = ${ph(1)} AND c.task_key = t.task_key WHERE t.document_id = ${ph(2)}`,
    roles: `SELECT ta.task_id AS "taskId", ta.agency_id AS "agencyId", ta.role FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id WHERE t.document_id = ${ph(1)}`,
  };
}

/**
 * The statements reading what the best renditions of the documents with ids in [lo, hi]
 * contribute (a rebuild reads the store a slice at a time), placeholders by `ph`.
 */
export function allFactsSql(ph: (i: number) => string) {
  const best = `d.id BETWEEN ${ph(1)} AND ${ph(2)} AND d.id = (SELECT x.id FROM documents x WHERE x.record_id = d.record_id ORDER BY ${RENDITION_ORDER.replace(/\bformat\b/, 'x.format').replace(/\bid$/, 'x.id')} LIMIT 1)`;
  return {
    tasks: `SELECT t.id, d.type, t.deadline_kind AS kind, t.deadline_date AS date, t.deadline_rule AS rule, c.done_on AS "doneOn"
      FROM documents d JOIN tasks t ON t.document_id = d.id LEFT JOIN completions c ON c.document_record_id = d.record_id AND c.task_key = t.task_key WHERE ${best}`,
    roles: `SELECT ta.task_id AS "taskId", ta.agency_id AS "agencyId", ta.role FROM documents d JOIN tasks t ON t.document_id = d.id JOIN task_agencies ta ON ta.task_id = t.id WHERE ${best}`,
  };
}

/** Documents a rebuild reads at once. */
export const REBUILD_SLICE = 2000;
/** Keys a rebuild holds before it adds them to the tables (its memory: ~800 MB for the whole 1,000,000-obligation store at once). */
export const REBUILD_KEYS = 100_000;
export const tallySize = (t: Tally) => PARTS.reduce((n, part) => n + t[part].size, 0);

/** The SQLite store's tables (a table keyed by its primary key alone needs no rowid). */
export const SQLITE_COUNTS_SQL = COUNTS_SQL.replace(/\);\n/g, ') WITHOUT ROWID;\n');
export const SQLITE_AGENCY_COUNTS_SQL = AGENCY_COUNTS_SQL.replace(/\);\n/g, ') WITHOUT ROWID;\n');

/** The counts of a SQLite store (src/store/db.ts): read a change's record ids, add the difference. */
export class SqliteCounts {
  private doc;
  private tasks;
  private roles;
  private upsert;

  constructor(private db: DB) {
    const sql = factSql(() => '?');
    this.doc = db.prepare(sql.document);
    this.tasks = db.prepare(sql.tasks);
    this.roles = db.prepare(sql.roles);
    this.upsert = Object.fromEntries(PARTS.map((part) => [part, db.prepare(upsertSql(part, 1, () => '?'))])) as Record<keyof Tally, Statement>;
  }

  /** What these record ids contribute now. */
  read(recordIds: Iterable<string>, into = emptyTally()): Tally {
    for (const r of new Set(recordIds)) {
      const d = this.doc.get(r) as { id: number; type: string | null } | undefined;
      if (!d) continue;
      const tasks = (this.tasks.all(r, d.id) as TaskFact[]).map((t) => ({ ...t, type: d.type }));
      contribute(into, tasks, this.roles.all(d.id) as RoleFact[]);
    }
    return into;
  }

  /** Add after - before (call inside the transaction of the change). */
  apply(before: Tally, after: Tally): void {
    const d = difference(before, after);
    for (const part of PARTS) for (const row of changeRows(d, part)) this.upsert[part].run(...row);
  }

  /** Count the whole store again (a migration; a store filled without the Writer). */
  rebuild(opts: { keys?: number; slice?: number } = {}): void {
    const { keys = REBUILD_KEYS, slice = REBUILD_SLICE } = opts;
    this.db.exec(PARTS.map((part) => `DELETE FROM ${COUNT_TABLES[part].table};`).join(' '));
    const sql = allFactsSql(() => '?');
    const tasks = this.db.prepare(sql.tasks);
    const roles = this.db.prepare(sql.roles);
    let t = emptyTally();
    const max = (this.db.prepare('SELECT max(id) FROM documents').pluck().get() as number | null) ?? 0;
    for (let lo = 0; lo <= max; lo += slice) {
      contribute(t, tasks.all(lo, lo + slice - 1) as TaskFact[], roles.all(lo, lo + slice - 1) as RoleFact[]);
      // the keys held so far added, when they are many or at the end
      if (tallySize(t) < keys && lo + slice <= max) continue;
      this.apply(emptyTally(), t);
      t = emptyTally();
    }
  }

  /** Run a change of these record ids' tasks with the counts kept, in one transaction. */
  around<T>(recordIds: string[], change: () => T): T {
    return this.db.transaction(() => {
      const before = this.read(recordIds);
      const r = change();
      this.apply(before, this.read(recordIds));
      return r;
    })();
  }
}
