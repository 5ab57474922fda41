/**
 * What a search asks and answers, whichever store answers it (SQLite: ./plan.ts, PostgreSQL:
 * src/backend/postgres.ts), and the checks of a query before it is planned.
 */
import { normaliseReminders, localToday, isIsoDate, STATUS_FILTERS, type StatusFilter, type StatusCode, type Rule } from '../model/status.js';
import type { Snippet } from './snippet.js';

export const KINDS = ['by', 'within', 'from', 'recurring', 'ongoing', 'none'] as const;
export type KindFilter = (typeof KINDS)[number];

export class QueryError extends Error {}

export interface TaskQuery {
  words?: string | null;
  agency?: string | null;
  role?: 'lead' | 'support' | null;
  dueBefore?: string | null;
  dueAfter?: string | null;
  status?: StatusFilter | null;
  kind?: KindFilter | null;
  type?: string | null;
  /** Only the tasks of this document (record id). */
  document?: string | null;
  today?: string | null;
  reminders?: number[] | null;
  limit?: number | null;
  offset?: number | null;
  /** rank (default with words) or due (default without). */
  sort?: 'rank' | 'due' | null;
}

export interface TaskHit {
  id: number;
  ref: string;
  document: { id: number; recordId: string; file: string; type: string | null; number: string | null; symbol: string | null; date: string | null; subject: string | null; issuer: string | null };
  seq: number;
  label: string;
  path: string[];
  text: string;
  lead: string[];
  support: string[];
  deadline: { kind: string; date: string | null; text: string | null; rule: Rule | null } | null;
  due: string | null;
  status: StatusCode;
  statusLabel: string;
  daysLeft: number | null;
  reminder: number | null;
  doneOn: string | null;
  score: number | null;
  snippet: Snippet;
  span: { start: number; end: number } | null;
}

export interface SearchResult<T> {
  items: T[];
  /** Rows matching (exact unless `totalCapped`, then "at least"). */
  total: number;
  totalCapped: boolean;
  /** With words: true when the rank was taken over a capped set of candidates. */
  capped: boolean;
  today: string;
  ms: number;
}

function checkDate(name: string, v: string | null | undefined): string | null {
  if (v == null || v === '') return null;
  if (!isIsoDate(v)) throw new QueryError(`${name}: "${v}" is not a date (YYYY-MM-DD)`);
  return v;
}

export function normaliseQuery(q: TaskQuery) {
  const today = checkDate('today', q.today) ?? localToday();
  const reminders = normaliseReminders(q.reminders);
  if (q.status && !STATUS_FILTERS.includes(q.status)) throw new QueryError(`status: "${q.status}" is not one of ${STATUS_FILTERS.join(', ')}`);
  if (q.kind && !KINDS.includes(q.kind)) throw new QueryError(`kind: "${q.kind}" is not one of ${KINDS.join(', ')}`);
  if (q.role && q.role !== 'lead' && q.role !== 'support') throw new QueryError(`role: "${q.role}" is not lead or support`);
  if (q.sort && q.sort !== 'rank' && q.sort !== 'due') throw new QueryError(`sort: "${q.sort}" is not rank or due`);
  const limit = Math.max(1, Math.min(500, Math.floor(Number(q.limit ?? 20)) || 20));
  const offset = Math.max(0, Math.min(100_000, Math.floor(Number(q.offset ?? 0)) || 0));
  return { ...q, today, reminders, limit, offset, dueBefore: checkDate('due-before', q.dueBefore), dueAfter: checkDate('due-after', q.dueAfter) };
}

export type NQuery = ReturnType<typeof normaliseQuery>;

/** Whether a query has no filter at all (then whole-store counts apply). */
export function isUnfiltered(q: TaskQuery): boolean {
  return !(q.words?.trim() || q.agency?.trim() || q.role || q.status || q.kind || q.type || q.dueBefore || q.dueAfter || q.document);
}
