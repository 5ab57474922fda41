/**
 * CSV: one row per obligation, RFC 4180 (CRLF, quoted fields), UTF-8 with a byte order mark
 * so Excel opens Vietnamese text correctly. A cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, TAB or CR, unless it is a plain number) is prefixed with an apostrophe.
 */
import type { ExtractionRecord } from '../../schemas/record.js';
import { exportTasks, docRef, type ExportOptions, type DoneSource } from './tasks.js';

export const CSV_COLUMNS = [
  'task_ref', 'record_id', 'document_type', 'document_ref', 'document_number', 'document_symbol', 'document_date', 'issuer', 'subject',
  'label', 'path', 'text', 'lead', 'support', 'deadline_kind', 'deadline_date', 'deadline_text', 'recurrence', 'due', 'status', 'status_label', 'done_on',
] as const;

const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)*$/;

export function csvCell(v: unknown): string {
  let s = v == null ? '' : String(v);
  // control characters other than tab and line breaks have no place in a cell
  s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  // a cell a spreadsheet could read as a formula ("=...", "+1+cmd|...", "-2+3...", "@...") is
  // made text with a leading apostrophe; a plain number ("-12", "3.5", "-3,5") stays a number
  if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';

/** Any table as CSV for Excel: byte order mark, header, rows (cells guarded as above). */
export function* csvTable(header: readonly string[], rows: Iterable<readonly unknown[]>): Iterable<string> {
  yield '\uFEFF' + row([...header]);
  for (const r of rows) yield row([...r]);
}

export function* csv(records: Iterable<ExtractionRecord>, db: DoneSource | null, opts: ExportOptions = {}): Iterable<string> {
  yield '\uFEFF' + row([...CSV_COLUMNS]);
  for (const r of records) {
    const d = r.document;
    for (const t of exportTasks(r, db, opts)) {
      const dl = t.task.deadline;
      yield row([
        t.ref, r.id, d.type, docRef(d), d.number, d.symbol, d.date, d.issuer, d.subject,
        t.task.label, t.task.path.join(' > '), t.task.text, t.task.lead.join('; '), t.task.support.join('; '),
        dl?.kind, dl?.date, dl?.text, dl?.rule ? JSON.stringify(dl.rule) : '', t.status.due, t.status.status, t.status.label, t.doneOn,
      ]);
    }
  }
}
