/**
 * One obligation or one document by its id; completions (done / reopen); the document view
 * with every extracted value's span.
 */
import type { DB } from '../store/db.js';
import type { ExtractionRecord } from '../../schemas/record.js';
import { loadTasks, type TaskHit } from './search.js';
import { isIsoDate, localToday, normaliseReminders } from '../model/status.js';
import { ParamError } from './params.js';
import { SqliteCounts } from '../store/counts.js';

export class TaskNotFound extends Error {}

const FORMAT_PRIORITY = `CASE format WHEN 'txt' THEN 0 WHEN 'md' THEN 1 WHEN 'docx' THEN 2 WHEN 'doc' THEN 3 WHEN 'pdf' THEN 4 ELSE 5 END`;

export interface TaskRef {
  id: number;
  recordId: string;
  seq: number;
  taskKey: string;
}

/** TASK as printed by search: the task id ("42"), or "<record_id>#<seq>". */
export function resolveTask(db: DB, ref: string): TaskRef {
  const s = String(ref ?? '').trim();
  let row: { id: number; record_id: string; seq: number; task_key: string } | undefined;
  if (/^\d+$/.test(s)) {
    row = db.prepare('SELECT t.id, d.record_id, t.seq, t.task_key FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = ?').get(Number(s)) as typeof row;
  } else {
    const m = /^(.+)#(\d+)$/.exec(s);
    if (m) {
      row = db
        .prepare(`SELECT t.id, d.record_id, t.seq, t.task_key FROM documents d JOIN tasks t ON t.document_id = d.id WHERE d.record_id = ? AND t.seq = ? ORDER BY ${FORMAT_PRIORITY.replace(/format/g, 'd.format')}, d.id LIMIT 1`)
        .get(m[1], Number(m[2])) as typeof row;
    }
  }
  if (!row) throw new TaskNotFound(`no task "${s}" (give the id printed by search, or <record_id>#<n>)`);
  return { id: row.id, recordId: row.record_id, seq: row.seq, taskKey: row.task_key };
}

/** Mark done on a day (default today). Keyed by (record id, task key): survives re-ingesting. */
export function markDone(db: DB, ref: string, on?: string | null): TaskRef & { doneOn: string } {
  const t = resolveTask(db, ref);
  const day = on ?? localToday();
  if (!isIsoDate(day)) throw new ParamError('on', `${JSON.stringify(day)} is not a date (YYYY-MM-DD)`);
  // the counts the writer keeps move with it (src/store/counts.ts)
  new SqliteCounts(db).around([t.recordId], () =>
    db.prepare('INSERT INTO completions (document_record_id, task_key, done_on) VALUES (?, ?, ?) ON CONFLICT (document_record_id, task_key) DO UPDATE SET done_on = excluded.done_on').run(t.recordId, t.taskKey, day),
  );
  return { ...t, doneOn: day };
}

/** Open again. Returns whether it was done. */
export function reopen(db: DB, ref: string): TaskRef & { wasDone: boolean } {
  const t = resolveTask(db, ref);
  const r = new SqliteCounts(db).around([t.recordId], () => db.prepare('DELETE FROM completions WHERE document_record_id = ? AND task_key = ?').run(t.recordId, t.taskKey));
  return { ...t, wasDone: r.changes > 0 };
}

export function getTask(db: DB, ref: string, opts: { today?: string | null; reminders?: number[] | null } = {}): TaskHit {
  const t = resolveTask(db, ref);
  const hit = loadTasks(db, [t.id], { today: opts.today ?? localToday(), reminders: normaliseReminders(opts.reminders) })[0];
  if (!hit) throw new TaskNotFound(`no task "${ref}"`);
  return hit;
}

export type HighlightKind = 'field' | 'task' | 'deadline' | 'lead' | 'support';

export interface Highlight {
  start: number;
  end: number;
  kind: HighlightKind;
  /** The field's name ("number", "issuer", ...) or the task's ref. */
  label: string;
  /** The task this span belongs to (seq), when it belongs to one. */
  task: number | null;
}

export interface DocumentView {
  id: number;
  recordId: string;
  file: string;
  format: string;
  type: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  place: string | null;
  signer: { name: string | null; position: string | null; authority: string | null };
  text: string;
  highlights: Highlight[];
  tasks: TaskHit[];
}

/** A stored document (record id, file name or row id; the best rendition) with its highlights. */
export function documentView(db: DB, ref: string, opts: { today?: string | null; reminders?: number[] | null } = {}): DocumentView | null {
  const row = db
    .prepare(`SELECT ${DOCUMENT_VIEW_COLS}
      FROM documents WHERE record_id = @r OR file = @r OR CAST(id AS TEXT) = @r ORDER BY (record_id = @r) DESC, ${FORMAT_PRIORITY}, id LIMIT 1`)
    .get({ r: String(ref) }) as DocumentViewRow | undefined;
  if (!row) return null;
  const ids = db.prepare('SELECT id FROM tasks WHERE document_id = ? ORDER BY seq').pluck().all(row.id) as number[];
  return toDocumentView(row, loadTasks(db, ids, { today: opts.today ?? localToday(), reminders: normaliseReminders(opts.reminders) }));
}

/** The columns of a document the view shows (every store has them). */
export const DOCUMENT_VIEW_COLS = 'id, record_id, file, format, type, number, symbol, date, issuer, subject, place, signer_name, signer_position, signer_authority, record_json, text';
export type DocumentViewRow = Record<string, string | number | null>;

/** The view of a stored document (its row, its tasks as loaded): the text with every extracted value's span. */
export function toDocumentView(row: DocumentViewRow, tasks: TaskHit[]): DocumentView {
  const text = String(row.text ?? '');
  const rec = JSON.parse(String(row.record_json)) as ExtractionRecord;
  const hl: Highlight[] = [];
  const ok = (s: { start: number; end: number } | undefined | null): s is { start: number; end: number } =>
    !!s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= text.length;
  for (const [name, sp] of Object.entries(rec.document.spans ?? {})) if (ok(sp)) hl.push({ start: sp.start, end: sp.end, kind: 'field', label: name, task: null });
  rec.tasks.forEach((t, i) => {
    const seq = i + 1;
    if (ok(t.span)) hl.push({ start: t.span.start, end: t.span.end, kind: 'task', label: `${rec.id}#${seq}`, task: seq });
    if (t.deadline && ok(t.deadline.span)) hl.push({ start: t.deadline.span.start, end: t.deadline.span.end, kind: 'deadline', label: t.deadline.text, task: seq });
    for (const a of t.agencies ?? []) if (ok(a.span)) hl.push({ start: a.span.start, end: a.span.end, kind: a.role, label: a.canonical || a.name, task: seq });
  });
  hl.sort((a, b) => a.start - b.start || b.end - a.end);
  return {
    id: Number(row.id), recordId: String(row.record_id), file: String(row.file), format: String(row.format),
    type: row.type as string | null, number: row.number as string | null, symbol: row.symbol as string | null, date: row.date as string | null,
    issuer: row.issuer as string | null, subject: row.subject as string | null, place: row.place as string | null,
    signer: { name: row.signer_name as string | null, position: row.signer_position as string | null, authority: row.signer_authority as string | null },
    text, highlights: hl, tasks,
  };
}
