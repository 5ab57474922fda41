/**
 * A generated store for the query tests (test/query/plans.test.ts, test/query/stats.test.ts),
 * written as the Writer writes it, and a straightforward reference read of it: every task with
 * its document, completion and agencies, its status by taskStatus, and whether a query's
 * filters (all but the words) keep it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, taskKey, type DB } from '../../src/store/db.js';
import { SqliteCounts } from '../../src/store/counts.js';
import { fold } from '../../src/normalise/unicode.js';
import { canonicalAgency } from '../../src/refine/registry.js';
import type { TaskQuery } from '../../src/query/search.js';
import { resolveAgencies } from '../../src/query/agency.js';
import { taskStatus, nextOccurrence, addDays, type StatusCode } from '../../src/model/status.js';
import { tmpDir } from '../helpers.js';

export const TODAY = '2024-06-15';
export const AGENCIES = ['Sở Nội vụ', 'Sở Tài chính', 'Công an tỉnh', 'Sở Y tế', 'Thanh tra tỉnh', 'Ủy ban nhân dân huyện Hàm Yên'];
export const WORK = ['báo cáo kết quả thực hiện', 'rà soát thủ tục hành chính', 'triển khai dịch vụ công trực tuyến', 'tổng hợp số liệu', 'kiểm tra việc thực hiện'];
export const RULES = ['{"freq":"monthly","day":20}', '{"freq":"monthly","day":5}', '{"freq":"weekly"}', '{"freq":"quarterly"}'];

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Documents and tasks written as the Writer writes them (folded FTS text, keys, agencies), completions before or after their tasks. */
export function fill(db: DB, docs: number, perDoc: number, seed = 7, renditions = true) {
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
    // the counts the Writer keeps as it writes (src/store/counts.ts), in a store that has them
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'count_tasks'").get()) new SqliteCounts(db).rebuild();
  })();
}

export interface RefTask {
  id: number;
  doc: number;
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
export function reference(db: DB): RefTask[] {
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
    .all() as Omit<RefTask, 'shadow' | 'agencies'>[];
  return rows.map((t) => ({ ...t, shadow: best.get(t.record)!.id !== t.doc, agencies: ag.get(t.id) ?? [] }));
}

export function status(t: RefTask, today: string): StatusCode {
  return taskStatus({ kind: t.kind, date: t.date, rule: t.rule }, t.doneOn, today).status;
}

/** Does the task pass the query's filters (all but the words)? */
export function passes(db: DB, q: TaskQuery, t: RefTask): boolean {
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

const resolved = new WeakMap<DB, Map<string, number[]>>();
export function agencyIds(db: DB, name: string): number[] {
  let m = resolved.get(db);
  if (!m) resolved.set(db, (m = new Map()));
  return m.get(name) ?? (m.set(name, resolveAgencies(db, name)), m.get(name)!);
}

export const STATUSES = [undefined, 'open', 'done', 'overdue', 'due-soon', 'on-track'] as const;

/** Query shapes, with and without words; each with every status. */
export const SHAPES: TaskQuery[] = [
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

/**
 * A store of 150 documents of 44 tasks (every 10th also as a .docx rendition), and a copy as
 * schema 2 left it: without tasks_status, tasks_doc_key, documents_id_record.
 */
export function makeStores(prefix: string): { dir: string; file: string; oldFile: string } {
  const dir = tmpDir(prefix);
  const file = path.join(dir, 'store.db');
  const w = openStore(file);
  fill(w, 150, 44);
  w.pragma('wal_checkpoint(TRUNCATE)');
  w.close();
  const oldFile = path.join(dir, 'old.db');
  fs.copyFileSync(file, oldFile);
  const o = new Database(oldFile);
  o.exec('DROP INDEX tasks_status; DROP INDEX tasks_doc_key; DROP INDEX documents_id_record; DROP TABLE count_tasks; DROP TABLE count_roles; DROP TABLE count_overdue; DROP TABLE count_agency; PRAGMA user_version = 2');
  o.close();
  return { dir, file, oldFile };
}
