/**
 * Counts by status and by agency, for the whole store or for what a query selects (up to
 * a cap: beyond it the counts cover the first rows only and say so).
 */
import type { DB } from '../store/db.js';
import { candidateIds, storeFacts, isUnfiltered, rulesIn, normaliseQuery, type TaskQuery } from './search.js';
import { taskStatus, addDays, type StatusCode, type Rule } from './status.js';

export interface Stats {
  total: number;
  complete: boolean;
  today: string;
  byStatus: Record<StatusCode, number>;
  byAgency: { name: string; lead: number; support: number; overdue: number }[];
  byKind: Record<string, number>;
  documents: number;
}

export function stats(db: DB, query: TaskQuery = {}, opts: { max?: number; agencies?: number } = {}): Stats {
  if (isUnfiltered(query)) return storeStats(db, query, opts.agencies ?? 30);
  const c = candidateIds(db, query, opts.max ?? 20000);
  const json = JSON.stringify(c.ids);
  const rows = db
    .prepare(`SELECT t.id, t.deadline_kind AS kind, t.deadline_date AS date, t.deadline_rule AS rule, t.document_id AS doc,
      (SELECT done_on FROM completions x WHERE x.document_record_id = d.record_id AND x.task_key = t.task_key) AS done_on
      FROM json_each(?) j CROSS JOIN tasks t ON t.id = j.value JOIN documents d ON d.id = t.document_id`)
    .all(json) as { id: number; kind: string | null; date: string | null; rule: string | null; doc: number; done_on: string | null }[];
  const byStatus: Record<StatusCode, number> = { 'on-track': 0, 'due-soon': 0, overdue: 0, 'done-on-time': 0, 'done-late': 0 };
  const byKind: Record<string, number> = {};
  const statusOf = new Map<number, StatusCode>();
  const docs = new Set<number>();
  for (const r of rows) {
    const s = taskStatus({ kind: r.kind, date: r.date, rule: r.rule ? (JSON.parse(r.rule) as Rule) : null }, r.done_on, c.today, c.reminders).status;
    byStatus[s]++;
    statusOf.set(r.id, s);
    byKind[r.kind ?? 'none'] = (byKind[r.kind ?? 'none'] ?? 0) + 1;
    docs.add(r.doc);
  }
  const ag = db
    .prepare(`SELECT ta.task_id, ta.role, a.canonical FROM json_each(?) j CROSS JOIN task_agencies ta ON ta.task_id = j.value JOIN agencies a ON a.id = ta.agency_id`)
    .all(json) as { task_id: number; role: string; canonical: string }[];
  const per = new Map<string, { name: string; lead: number; support: number; overdue: number }>();
  for (const a of ag) {
    const e = per.get(a.canonical) ?? { name: a.canonical, lead: 0, support: 0, overdue: 0 };
    if (a.role === 'lead') {
      e.lead++;
      if (statusOf.get(a.task_id) === 'overdue') e.overdue++;
    } else e.support++;
    per.set(a.canonical, e);
  }
  const byAgency = [...per.values()].sort((x, y) => y.lead - x.lead || y.support - x.support || x.name.localeCompare(y.name, 'vi')).slice(0, opts.agencies ?? 30);
  return { total: rows.length, complete: c.complete, today: c.today, byStatus, byAgency, byKind, documents: docs.size };
}

const wholeCache = new WeakMap<DB, { key: string; value: Stats }>();

/**
 * Counts over the whole store from indexes alone (a million obligations in tens of
 * milliseconds): totals by deadline kind and date range, corrected for documents stored in
 * several renditions and for completions (few). Cached until the store changes.
 */
export function storeStats(db: DB, query: TaskQuery, agencies = 30): Stats {
  const q = normaliseQuery(query);
  const f = storeFacts(db);
  const key = `${f.stamp}|${q.today}|${q.reminders.join(',')}|${agencies}`;
  const c = wholeCache.get(db);
  if (c && c.key === key) return c.value;
  const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
  const soonRules = rulesIn(f.rules, q.today, soonEnd);
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',') : 'NULL');
  const late = `deadline_kind IN ('by', 'within')`;
  const shadow = f.shadow.length ? f.shadow.join(',') : null;
  const count = (where: string, params: unknown[] = []) => {
    const all = db.prepare(`SELECT count(*) FROM tasks WHERE ${where}`).pluck().get(...params) as number;
    const sh = shadow ? (db.prepare(`SELECT count(*) FROM tasks WHERE document_id IN (${shadow}) AND ${where}`).pluck().get(...params) as number) : 0;
    return all - sh;
  };
  const total = count('1');
  let overdue = count(`${late} AND deadline_date < ?`, [q.today]);
  let soon = count(`${late} AND deadline_date BETWEEN ? AND ?`, [q.today, soonEnd]) + (soonRules.length ? count(`deadline_rule IN (${list(soonRules)}) AND deadline_kind = 'recurring'`) : 0);
  const byKind: Record<string, number> = {};
  for (const r of db.prepare(`SELECT deadline_kind k, count(*) n FROM tasks GROUP BY deadline_kind`).all() as { k: string | null; n: number }[]) byKind[r.k ?? 'none'] = r.n;
  if (shadow) for (const r of db.prepare(`SELECT deadline_kind k, count(*) n FROM tasks WHERE document_id IN (${shadow}) GROUP BY deadline_kind`).all() as { k: string | null; n: number }[]) byKind[r.k ?? 'none'] = (byKind[r.k ?? 'none'] ?? 0) - r.n;
  // completions: take each done task out of the open count it would be in
  const done = db
    .prepare(`SELECT t.id, t.deadline_kind kind, t.deadline_date date, t.deadline_rule rule, c.done_on FROM completions c
      JOIN documents d ON d.record_id = c.document_record_id JOIN tasks t ON t.document_id = d.id AND t.task_key = c.task_key
      ${shadow ? `WHERE d.id NOT IN (${shadow})` : ''}`)
    .all() as { id: number; kind: string | null; date: string | null; rule: string | null; done_on: string }[];
  const byStatus: Record<StatusCode, number> = { 'on-track': 0, 'due-soon': 0, overdue: 0, 'done-on-time': 0, 'done-late': 0 };
  const doneOverdue = new Set<number>();
  for (const r of done) {
    const rule = r.rule ? (JSON.parse(r.rule) as Rule) : null;
    const open = taskStatus({ kind: r.kind, date: r.date, rule }, null, q.today, q.reminders).status;
    if (open === 'overdue') {
      overdue--;
      doneOverdue.add(r.id);
    } else if (open === 'due-soon') soon--;
    byStatus[taskStatus({ kind: r.kind, date: r.date, rule }, r.done_on, q.today, q.reminders).status]++;
  }
  byStatus.overdue = overdue;
  byStatus['due-soon'] = soon;
  byStatus['on-track'] = total - overdue - soon - done.length;
  // agencies: lead/support counts from the agency index; overdue leads from the date index
  const per = new Map<number, { name: string; lead: number; support: number; overdue: number }>();
  const names = new Map((db.prepare('SELECT id, canonical FROM agencies').all() as { id: number; canonical: string }[]).map((a) => [a.id, a.canonical]));
  const get = (id: number) => {
    let e = per.get(id);
    if (!e) per.set(id, (e = { name: names.get(id) ?? String(id), lead: 0, support: 0, overdue: 0 }));
    return e;
  };
  for (const r of db.prepare(`SELECT agency_id a, role, count(*) n FROM task_agencies GROUP BY agency_id, role`).all() as { a: number; role: string; n: number }[]) {
    if (r.role === 'lead') get(r.a).lead += r.n;
    else get(r.a).support += r.n;
  }
  const shadowSql = shadow ? `AND t.document_id NOT IN (${shadow})` : '';
  if (shadow) {
    for (const r of db.prepare(`SELECT ta.agency_id a, ta.role, count(*) n FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id WHERE t.document_id IN (${shadow}) GROUP BY ta.agency_id, ta.role`).all() as { a: number; role: string; n: number }[]) {
      if (r.role === 'lead') get(r.a).lead -= r.n;
      else get(r.a).support -= r.n;
    }
  }
  const idx = f.hasIndex('tasks_kind_due') ? 'INDEXED BY tasks_kind_due' : '';
  const overdueRows = db
    .prepare(`SELECT ta.agency_id a, t.id FROM tasks t ${idx} JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead' WHERE t.${late} AND t.deadline_date < ? ${shadowSql}`)
    .raw()
    .all(q.today) as [number, number][];
  for (const [a, id] of overdueRows) if (!doneOverdue.has(id)) get(a).overdue++;
  const byAgency = [...per.values()].filter((e) => e.lead > 0 || e.support > 0).sort((x, y) => y.lead - x.lead || y.support - x.support || x.name.localeCompare(y.name, 'vi')).slice(0, agencies);
  const documents = (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) - f.shadow.length;
  const value: Stats = { total, complete: true, today: q.today, byStatus, byAgency, byKind, documents };
  wholeCache.set(db, { key, value });
  return value;
}
