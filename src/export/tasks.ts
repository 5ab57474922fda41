/**
 * What the obligation exports (csv, ics, edoc) share: each task of a record with its ref,
 * completion and status as of a day, and the filter a caller may pass (a set of task refs).
 */
import type { ExtractionRecord, Task } from '../../schemas/record.js';
import { taskKey, type DB } from '../store/db.js';
import { taskStatus, localToday, DEFAULT_REMINDERS, type TaskStatus } from '../model/status.js';
import { candidateIds, type TaskQuery } from '../query/search.js';

/**
 * Where an export reads completions: the SQLite store, or a function giving a record's
 * (task key -> day done) read beforehand from another store.
 */
export type DoneSource = DB | ((recordId: string) => ReadonlyMap<string, string>);

export interface ExportOptions {
  /** The day statuses are judged against (default today). */
  today?: string;
  reminders?: number[];
  /** Only these tasks ("<record_id>#<seq>"); records left without tasks are dropped. */
  tasks?: Set<string> | null;
  /** The time written as DTSTAMP in calendars (default now). */
  now?: Date;
}

export interface ExportTask {
  record: ExtractionRecord;
  task: Task;
  seq: number;
  ref: string;
  doneOn: string | null;
  status: TaskStatus;
}

/** The tasks of one record, filtered, with completions and status. */
export function exportTasks(record: ExtractionRecord, db: DoneSource | null, opts: ExportOptions = {}): ExportTask[] {
  const done = typeof db === 'function' ? new Map(db(record.id)) : new Map<string, string>();
  if (db && typeof db !== 'function') {
    for (const c of db.prepare('SELECT task_key, done_on FROM completions WHERE document_record_id = ?').all(record.id) as { task_key: string; done_on: string }[]) done.set(c.task_key, c.done_on);
  }
  const today = opts.today ?? localToday();
  return record.tasks.flatMap((task, i) => {
    const seq = i + 1;
    const ref = `${record.id}#${seq}`;
    if (opts.tasks && !opts.tasks.has(ref)) return [];
    const doneOn = done.get(taskKey(task)) ?? null;
    const d = task.deadline;
    const status = taskStatus({ kind: d?.kind ?? null, date: d?.date ?? null, rule: d?.rule ?? null }, doneOn, today, opts.reminders ?? DEFAULT_REMINDERS);
    return [{ record, task, seq, ref, doneOn, status }];
  });
}

/** "4945/UBND-THCBKS", or the symbol alone when the number was left blank. */
export function docRef(d: { number: string | null; symbol: string | null }): string {
  if (d.number && d.symbol) return `${d.number}/${d.symbol}`;
  return d.symbol ?? d.number ?? '';
}

export const TYPE_NAMES: Record<string, string> = {
  CV: 'Công văn', KH: 'Kế hoạch', QĐ: 'Quyết định', TB: 'Thông báo', BC: 'Báo cáo', CT: 'Chỉ thị', NQ: 'Nghị quyết', HD: 'Hướng dẫn',
  TTr: 'Tờ trình', GM: 'Giấy mời', CTr: 'Chương trình', ĐA: 'Đề án', PA: 'Phương án', QC: 'Quy chế', BB: 'Biên bản', QyĐ: 'Quy định',
  TC: 'Thông cáo', HĐ: 'Hợp đồng', CĐ: 'Công điện', BGN: 'Bản ghi nhớ', BTT: 'Bản thỏa thuận', GUQ: 'Giấy ủy quyền', GGT: 'Giấy giới thiệu',
  GNP: 'Giấy nghỉ phép', PG: 'Phiếu gửi', PC: 'Phiếu chuyển', PB: 'Phiếu báo', TBTh: 'Thư công',
};

const FORMAT_PRIORITY = `CASE format WHEN 'txt' THEN 0 WHEN 'md' THEN 1 WHEN 'docx' THEN 2 WHEN 'doc' THEN 3 WHEN 'pdf' THEN 4 ELSE 5 END`;

/**
 * One record per document: when a document is stored in several renditions (.txt, .docx,
 * .pdf share a record id), the best one (txt, md, docx, pdf, scan), as the JSON folder has it.
 * The query is opened at the first next() and closed at the end, on an error, or by return():
 * an iterator made and never read holds nothing open (an open one keeps the connection busy).
 */
export function* primaryRecords(db: DB): Generator<ExtractionRecord, void, undefined> {
  const it = db
    .prepare(`SELECT record_json FROM documents d WHERE d.id = (SELECT d2.id FROM documents d2 WHERE d2.record_id = d.record_id ORDER BY ${FORMAT_PRIORITY.replace(/format/g, 'd2.format')}, d2.id LIMIT 1) ORDER BY d.record_id`)
    .pluck()
    .iterate() as IterableIterator<string>;
  try {
    for (const j of it) yield JSON.parse(j) as ExtractionRecord;
  } finally {
    it.return?.();
  }
}

/** The refs ("<record_id>#<seq>") of the tasks a filter selects. */
export function selectTasks(db: DB, q: TaskQuery): Set<string> {
  const c = candidateIds(db, q, Number.MAX_SAFE_INTEGER);
  const refs = db
    .prepare(`SELECT d.record_id || '#' || t.seq FROM json_each(?) j CROSS JOIN tasks t ON t.id = j.value JOIN documents d ON d.id = t.document_id`)
    .pluck()
    .all(JSON.stringify(c.ids)) as string[];
  return new Set(refs);
}
