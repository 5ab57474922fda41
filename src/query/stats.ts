/**
 * Counts by status and by agency, for the whole store or for what a query selects (up to
 * a cap: beyond it the counts cover the first rows only and say so).
 */
import type { DB } from '../store/db.js';
import { candidateIds, type TaskQuery } from './search.js';
import { taskStatus, type StatusCode, type Rule } from './status.js';

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
