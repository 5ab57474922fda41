/**
 * The status of an obligation against a day ("today"):
 *   open:  trong hạn (on-track), sắp đến hạn (due-soon: within the first reminder, 7 days by
 *          default; reminders at 7, 3 and 1 days before), quá hạn (overdue);
 *   done:  đúng hạn (done-on-time) or quá hạn (done-late), judged by the completion day.
 * Only `by` and `within` deadlines can be missed. A `recurring` one is judged against its next
 * occurrence on or after today (never overdue: the period moves on); `from` and `ongoing`
 * ones and tasks without a time are on track until done.
 */
import { daysIn, isIsoDate, addDays, daysBetween } from './calendar.js';

export { isIsoDate, localToday, addDays, daysBetween } from './calendar.js';

export type StatusCode = 'on-track' | 'due-soon' | 'overdue' | 'done-on-time' | 'done-late';
export type StatusFilter = 'open' | 'due-soon' | 'overdue' | 'done' | 'on-track';
export const STATUS_FILTERS: StatusFilter[] = ['open', 'due-soon', 'overdue', 'done', 'on-track'];

export const STATUS_LABEL: Record<StatusCode, string> = {
  'on-track': 'trong hạn',
  'due-soon': 'sắp đến hạn',
  overdue: 'quá hạn',
  'done-on-time': 'đúng hạn',
  'done-late': 'quá hạn',
};

export const DEFAULT_REMINDERS = [7, 3, 1];

export interface Rule {
  freq: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';
  day?: number;
  month?: number;
}

export interface StatusInput {
  kind: string | null;
  date: string | null;
  rule: Rule | string | null;
}

export interface TaskStatus {
  status: StatusCode;
  label: string;
  done: boolean;
  /** The day it is due: the deadline's date, or a recurring one's next occurrence. */
  due: string | null;
  /** Days from today to `due` (negative when overdue). */
  daysLeft: number | null;
  /** The reminder that applies (7, 3, 1 ... days before), when due soon. */
  reminder: number | null;
}

function ymd(y: number, m: number, d: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(m)}-${p(Math.min(d, daysIn(y, m)))}`;
}

export function parseRule(rule: Rule | string | null | undefined): Rule | null {
  if (!rule) return null;
  if (typeof rule !== 'string') return rule;
  try {
    const r = JSON.parse(rule) as Rule;
    return r && typeof r.freq === 'string' ? r : null;
  } catch {
    return null;
  }
}

/** Months (1-12) in which a rule falls due. */
function ruleMonths(r: Rule): number[] {
  switch (r.freq) {
    case 'monthly':
      return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    case 'quarterly':
      return [3, 6, 9, 12];
    case 'half-yearly':
      return [6, 12];
    case 'yearly':
      return [r.month ?? 12];
    default:
      return [];
  }
}

/**
 * The first occurrence of a recurring rule on or after `from`. Without a day, a period's
 * occurrence is its last day (end of month, quarter, half-year, year); a weekly rule without
 * a day falls on Friday (day 1-7 = Monday-Sunday).
 */
export function nextOccurrence(rule: Rule | string | null | undefined, from: string): string | null {
  const r = parseRule(rule);
  if (!r || !isIsoDate(from)) return null;
  if (r.freq === 'weekly') {
    const want = r.day && r.day >= 1 && r.day <= 7 ? r.day : 5;
    const dow = ((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // 1 = Monday
    return addDays(from, (want - dow + 7) % 7);
  }
  const months = ruleMonths(r);
  if (!months.length) return null;
  let y = Number(from.slice(0, 4));
  for (let guard = 0; guard < 3; guard++, y++) {
    for (const m of months) {
      const d = ymd(y, m, r.day ?? 31);
      if (d >= from) return d;
    }
  }
  return null;
}

/** The day an obligation is due, seen from `today`. */
export function dueDate(t: StatusInput, today: string): string | null {
  if (t.kind === 'recurring') return nextOccurrence(t.rule, today);
  return t.date && isIsoDate(t.date) ? t.date : null;
}

export function normaliseReminders(r: number[] | null | undefined): number[] {
  const list = (r ?? DEFAULT_REMINDERS).filter((n) => Number.isInteger(n) && n >= 0);
  return [...new Set(list.length ? list : DEFAULT_REMINDERS)].sort((a, b) => b - a);
}

/** Can this kind of deadline be missed? */
export function canBeLate(kind: string | null): boolean {
  return kind === 'by' || kind === 'within';
}

export function taskStatus(t: StatusInput, doneOn: string | null, today: string, reminders: number[] = DEFAULT_REMINDERS): TaskStatus {
  const due = dueDate(t, today);
  const daysLeft = due ? daysBetween(today, due) : null;
  const rem = normaliseReminders(reminders);
  if (doneOn) {
    const late = canBeLate(t.kind) && !!t.date && doneOn > t.date;
    const status: StatusCode = late ? 'done-late' : 'done-on-time';
    return { status, label: STATUS_LABEL[status], done: true, due: t.kind === 'recurring' ? null : due, daysLeft: null, reminder: null };
  }
  let status: StatusCode = 'on-track';
  let reminder: number | null = null;
  const missable = canBeLate(t.kind) || t.kind === 'recurring';
  if (due && daysLeft !== null && missable) {
    if (daysLeft < 0 && canBeLate(t.kind)) status = 'overdue';
    else if (daysLeft >= 0 && daysLeft <= rem[0]!) {
      status = 'due-soon';
      reminder = [...rem].reverse().find((n) => daysLeft <= n) ?? rem[0]!;
    }
  }
  return { status, label: STATUS_LABEL[status], done: false, due, daysLeft, reminder };
}
