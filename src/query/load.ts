/**
 * Loading a page of tasks: the rows of the ids a search chose, as hits (status, snippet,
 * agencies). `toTaskHit` makes a hit of a row, whichever store read it.
 */
import type { DB } from '../store/db.js';
import { makeSnippet } from './snippet.js';
import { taskStatus, type Rule } from '../model/status.js';
import type { TaskHit } from './types.js';

export interface TaskRow {
  id: number; seq: number; label: string; path: string; text: string; deadline_kind: string | null; deadline_date: string | null; deadline_text: string | null;
  deadline_rule: string | null; span_start: number | null; span_end: number | null; doc_id: number; record_id: string; file: string; type: string | null;
  number: string | null; symbol: string | null; date: string | null; subject: string | null; issuer: string | null; done_on: string | null;
}

/** Full rows for a page of task ids, in the given order. */
export function loadTasks(db: DB, ids: number[], opts: { today: string; reminders: number[]; tokens?: string[]; scores?: Map<number, number> }): TaskHit[] {
  if (!ids.length) return [];
  const json = JSON.stringify(ids);
  const rows = db
    .prepare(`SELECT t.id, t.seq, t.label, t.path, t.text, t.deadline_kind, t.deadline_date, t.deadline_text, t.deadline_rule, t.span_start, t.span_end,
      d.id AS doc_id, d.record_id, d.file, d.type, d.number, d.symbol, d.date, d.subject, d.issuer,
      (SELECT done_on FROM completions c WHERE c.document_record_id = d.record_id AND c.task_key = t.task_key) AS done_on
      FROM json_each(?) j CROSS JOIN tasks t ON t.id = j.value JOIN documents d ON d.id = t.document_id`)
    .all(json) as TaskRow[];
  const ag = db.prepare(`SELECT ta.task_id, ta.role, ta.name FROM json_each(?) j CROSS JOIN task_agencies ta ON ta.task_id = j.value ORDER BY ta.rowid`).all(json) as { task_id: number; role: string; name: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toTaskHit(r, ag.filter((a) => a.task_id === id), opts)] : [];
  });
}

/** A hit of a task's row and its agencies (in their stored order). */
export function toTaskHit(r: TaskRow, mine: { role: string; name: string }[], opts: { today: string; reminders: number[]; tokens?: string[]; scores?: Map<number, number> }): TaskHit {
  const rule = r.deadline_rule ? (JSON.parse(r.deadline_rule) as Rule) : null;
  const st = taskStatus({ kind: r.deadline_kind, date: r.deadline_date, rule }, r.done_on, opts.today, opts.reminders);
  return {
    id: r.id,
    ref: `${r.record_id}#${r.seq}`,
    document: { id: r.doc_id, recordId: r.record_id, file: r.file, type: r.type, number: r.number, symbol: r.symbol, date: r.date, subject: r.subject, issuer: r.issuer },
    seq: r.seq,
    label: r.label,
    path: JSON.parse(r.path) as string[],
    text: r.text,
    lead: mine.filter((a) => a.role === 'lead').map((a) => a.name),
    support: mine.filter((a) => a.role === 'support').map((a) => a.name),
    deadline: r.deadline_kind ? { kind: r.deadline_kind, date: r.deadline_date, text: r.deadline_text, rule } : null,
    due: st.due,
    status: st.status,
    statusLabel: st.label,
    daysLeft: st.daysLeft,
    reminder: st.reminder,
    doneOn: r.done_on,
    score: opts.scores?.get(r.id) ?? null,
    snippet: makeSnippet(r.text, opts.tokens ?? []),
    span: r.span_start != null && r.span_end != null ? { start: r.span_start, end: r.span_end } : null,
  };
}
