/**
 * iCalendar (RFC 5545): one all-day VEVENT per obligation with a date; recurring ones carry
 * an RRULE from their rule and start at the first occurrence on or after the document's date.
 * Each open obligation gets reminders (VALARM) 7, 3 and 1 days before. Lines end in CRLF and
 * are folded at 75 octets without splitting a UTF-8 character; text is escaped (\\ ; , \n).
 */
import type { ExtractionRecord } from '../../schemas/record.js';
import { exportTasks, docRef, type ExportOptions, type ExportTask, type DoneSource } from './tasks.js';
import { addDays, nextOccurrence, parseRule, DEFAULT_REMINDERS, type Rule } from '../model/status.js';

export function icsEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Fold a content line at 75 octets (continuation lines start with one space). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // the leading space counts
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const day = (iso: string) => iso.replace(/-/g, '');
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RRULE for a rule, or null. */
export function rrule(rule: Rule | string | null | undefined): string | null {
  const r = parseRule(rule);
  if (!r) return null;
  const monthDay = r.day ? String(r.day) : '-1';
  switch (r.freq) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][(r.day && r.day <= 7 ? r.day : 5) - 1]}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYMONTHDAY=${monthDay}`;
    case 'quarterly':
      return `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=${monthDay}`;
    case 'half-yearly':
      return `FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=${monthDay}`;
    case 'yearly':
      return `FREQ=YEARLY;BYMONTH=${r.month ?? 12};BYMONTHDAY=${monthDay}`;
    default:
      return null;
  }
}

/** The first day of a partial ISO date ("2021-11" -> "2021-11-01"), or null. */
function startOf(date: string | null | undefined): string | null {
  if (!date) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  return null;
}

function summary(t: ExportTask): string {
  const who = t.task.lead.length ? `${t.task.lead.join(', ')}: ` : '';
  const text = t.task.text.length > 120 ? `${t.task.text.slice(0, 117)}…` : t.task.text;
  const mark = t.status.done ? `[xong] ` : t.status.status === 'overdue' ? '[quá hạn] ' : '';
  return `${mark}${who}${text}`;
}

function event(t: ExportTask, now: Date, reminders: number[]): string[] | null {
  const dl = t.task.deadline;
  if (!dl) return null;
  const d = t.record.document;
  let start: string | null = null;
  let rule: string | null = null;
  if (dl.kind === 'recurring') {
    rule = rrule(dl.rule);
    const from = startOf(d.date) ?? now.toISOString().slice(0, 10);
    start = rule ? nextOccurrence(dl.rule, from) : null;
  } else if (dl.date) start = dl.date;
  if (!start) return null;
  const ref = docRef(d);
  const desc = [
    t.task.text,
    '',
    `Văn bản: ${[d.type, ref].filter(Boolean).join(' ')}${d.date ? ` ngày ${d.date}` : ''}${d.issuer ? ` (${d.issuer})` : ''}`,
    d.subject ? `V/v: ${d.subject}` : '',
    `Mục: ${t.task.label || '—'}`,
    `Chủ trì: ${t.task.lead.join('; ') || '—'}`,
    t.task.support.length ? `Phối hợp: ${t.task.support.join('; ')}` : '',
    `Thời hạn: ${dl.text}`,
    `Trạng thái: ${t.status.label}${t.doneOn ? ` (hoàn thành ${t.doneOn})` : ''}`,
    `Mã: ${t.ref}`,
  ].filter((l, i) => i < 2 || l !== '');
  const lines = [
    'BEGIN:VEVENT',
    `UID:${icsEscape(t.ref.replace(/[^A-Za-z0-9._#-]/g, '_'))}@congvan`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART;VALUE=DATE:${day(start)}`,
    `DTEND;VALUE=DATE:${day(addDays(start, 1))}`,
    ...(rule ? [`RRULE:${rule}`] : []),
    `SUMMARY:${icsEscape(summary(t))}`,
    `DESCRIPTION:${icsEscape(desc.join('\n'))}`,
    `CATEGORIES:${icsEscape(dl.kind === 'from' ? 'Bắt đầu' : 'Thời hạn')},${icsEscape(t.status.label)}`,
    'TRANSP:TRANSPARENT',
    'STATUS:CONFIRMED',
  ];
  if (!t.status.done && dl.kind !== 'from') {
    for (const n of reminders) {
      if (n <= 0) continue;
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:-P${n}D`, `DESCRIPTION:${icsEscape(`Còn ${n} ngày: ${summary(t)}`)}`, 'END:VALARM');
    }
  }
  lines.push('END:VEVENT');
  return lines;
}

export function* ics(records: Iterable<ExtractionRecord>, db: DoneSource | null, opts: ExportOptions = {}): Iterable<string> {
  const now = opts.now ?? new Date();
  const reminders = opts.reminders ?? DEFAULT_REMINDERS;
  const out = (l: string) => foldLine(l) + '\r\n';
  yield ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//congvan//obligations//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Nhiệm vụ (congvan)', 'X-WR-TIMEZONE:Asia/Ho_Chi_Minh'].map(out).join('');
  for (const r of records) {
    for (const t of exportTasks(r, db, opts)) {
      const ev = event(t, now, reminders);
      if (ev) yield ev.map(out).join('');
    }
  }
  yield out('END:VCALENDAR');
}
