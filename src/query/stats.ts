/**
 * Counts by status and by agency, for the whole store or for what a query selects (up to
 * a cap: beyond it the counts cover the first rows only and say so).
 *
 * Planned for a million obligations, counted in SQLite rather than row by row in JavaScript:
 * - a query's tasks are the search planner's (candidateIds: the same rows, the same cap);
 *   their statuses, kinds, documents and agencies are counted by one statement that reads
 *   each task from tasks_status (a narrow index) in id order, with the status computed in
 *   SQL as taskStatus computes it (openStatusSql, doneStatusSql), and groups in SQL;
 * - the whole store is counted from indexes (deadline kind and date ranges, the rules of
 *   recurring deadlines, task_agencies grouped), corrected for documents stored in several
 *   renditions and for completions, and cached until the store changes.
 */
import type { DB } from '../store/db.js';
import { candidateIds, storeFacts, isUnfiltered, rulesIn, normaliseQuery, completionOf, type TaskQuery } from './search.js';
import type { NQuery } from './types.js';
import { resolveAgencies } from './agency.js';
import { addDays, type StatusCode } from '../model/status.js';
import type { TaskHit } from './types.js';

export interface Stats {
  total: number;
  complete: boolean;
  today: string;
  byStatus: Record<StatusCode, number>;
  byAgency: { name: string; lead: number; support: number; overdue: number }[];
  byKind: Record<string, number>;
  documents: number;
  /**
   * When set, the total, statuses and kinds are exact (the kept counts) but the agencies
   * table and documents are counted over the first `sample` tasks only (the filtered
   * agency's own row exact).
   */
  sample?: number;
}

/** Status codes as openStatusSql and doneStatusSql give them (their index here). */
const CODES: StatusCode[] = ['on-track', 'due-soon', 'overdue', 'done-on-time', 'done-late'];
const SOON = 1;
const OVERDUE = 2;

const sqlList = (xs: string[]) => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',');
const LATE = (kind: string) => `${kind} IN ('by', 'within')`;

/**
 * SQL giving the status of an open task, as an index into CODES, exactly as taskStatus gives
 * it: `by` and `within` deadlines with a real day (YYYY-MM-DD, a day of the calendar: what
 * isIsoDate accepts) are overdue before @today, due soon up to @soonEnd; a recurring one is
 * due soon when its rule has an occurrence in [@today, @soonEnd] (`soonRules`, from rulesIn);
 * the rest are on track. `kind`, `date` and `rule` are the SQL of the task's columns.
 */
export function openStatusSql(kind: string, date: string, rule: string, soonRules: string[]): string {
  const day = `${date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(${date}) = ${date}`;
  const recurring = soonRules.length ? ` WHEN ${kind} = 'recurring' AND ${rule} IN (${sqlList(soonRules)}) THEN 1` : '';
  return `CASE WHEN ${LATE(kind)} AND ${day} THEN (CASE WHEN ${date} < @today THEN 2 WHEN ${date} <= @soonEnd THEN 1 ELSE 0 END)${recurring} ELSE 0 END`;
}

/**
 * SQL giving the status of a task marked done on `doneOn` (SQL), or NULL when `doneOn` is
 * empty (taskStatus takes an empty day as not done): done late when a `by` or `within`
 * deadline's date is before the day it was done.
 */
export function doneStatusSql(kind: string, date: string, doneOn: string): string {
  return `CASE WHEN ${doneOn} IS NULL OR ${doneOn} = '' THEN NULL WHEN ${LATE(kind)} AND ${date} <> '' AND ${doneOn} > ${date} THEN 4 ELSE 3 END`;
}

const emptyStatus = (): Record<StatusCode, number> => ({ 'on-track': 0, 'due-soon': 0, overdue: 0, 'done-on-time': 0, 'done-late': 0 });

type AgencyCount = { name: string; lead: number; support: number; overdue: number };
const byLead = (x: AgencyCount, y: AgencyCount) => y.lead - x.lead || y.support - x.support || x.name.localeCompare(y.name, 'vi');

/**
 * cv_tally(key): how many rows have each (integer) key, as JSON [[key, n], ...]. Counts
 * hundreds of thousands of rows into a few hundred keys without the temporary b-tree of a
 * GROUP BY (a 400,000-row GROUP BY spends more time sorting than joining).
 */
const tallied = new WeakSet<DB>();
function useTally(db: DB): void {
  if (tallied.has(db)) return;
  const step = (m: Map<number, number>, k: number | null) => (k === null ? m : m.set(k, (m.get(k) ?? 0) + 1));
  db.aggregate('cv_tally', { start: () => new Map<number, number>(), step: step as never, result: (m) => JSON.stringify([...(m as Map<number, number>)]) });
  tallied.add(db);
}
const parseTally = (json: string) => JSON.parse(json) as [number, number][];

/** The tallies a statement gives (one a row: parts joined by UNION ALL, their keys apart). */
function tally(db: DB, sql: string, params: Record<string, unknown>): Map<number, number> {
  useTally(db);
  return new Map((db.prepare(sql).pluck().all(params) as string[]).flatMap(parseTally));
}

/** Recent answers by query, until the store changes (the page asks again for each page of results). */
const queryCache = new WeakMap<DB, { stamp: string; answers: Map<string, Stats> }>();
const QUERY_CACHE_SIZE = 16;

export function stats(db: DB, query: TaskQuery = {}, opts: { max?: number; agencies?: number; sample?: number } = {}): Stats {
  if (isUnfiltered(query)) return storeStats(db, query, opts.agencies ?? 30);
  const q = normaliseQuery(query);
  const max = opts.max ?? 20000;
  const sample = opts.sample ?? STATS_SAMPLE;
  const agencies = opts.agencies ?? 30;
  const f = storeFacts(db);
  let cache = queryCache.get(db);
  if (!cache || cache.stamp !== f.stamp) queryCache.set(db, (cache = { stamp: f.stamp, answers: new Map() }));
  const key = JSON.stringify([q.words, q.agency, q.role, q.dueBefore, q.dueAfter, q.status, q.kind, q.type, q.document, q.today, q.reminders, max, sample, agencies]);
  const hit = cache.answers.get(key);
  if (hit) return hit;
  const counted = hasCounts(db, f) ? countedFilter(q, q.agency?.trim() ? resolveAgencies(db, q.agency) : null, () => rulesIn(f.rules, q.dueAfter ?? q.today, q.dueBefore)) : null;
  const value = counted ? countedStats(db, q, f, counted, sample, agencies) : queryStats(db, q, f, max, agencies);
  if (cache.answers.size >= QUERY_CACHE_SIZE) cache.answers.delete(cache.answers.keys().next().value!);
  cache.answers.set(key, value);
  return value;
}

/**
 * The counts of a filter the kept counts answer (countedFilter): its first `sample` tasks
 * counted as any query's; when there are more, the total, statuses and kinds from the kept
 * counts (exact), the agencies table and documents those of the sample (`sample` says so),
 * the filtered agency's own row exact.
 */
function countedStats(db: DB, q: NQuery, f: ReturnType<typeof storeFacts>, c: CountedFilter, sample: number, agencies: number): Stats {
  const part = queryStats(db, q, f, sample, agencies);
  if (part.complete) return part;
  const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
  const p: Record<string, unknown> = { today: q.today, soonEnd };
  const ph = (v: unknown) => {
    const k = `c${Object.keys(p).length}`;
    p[k] = v;
    return `@${k}`;
  };
  const status = `CASE WHEN done > 0 THEN done ELSE ${openStatusSql('kind', 'date', 'rule', rulesIn(f.rules, q.today, soonEnd))} END`;
  const rows = db.prepare(countedSql(c, status, ph, false)).raw().all(p) as [number, string, string, number][];
  return withCounts(part, c, rows, agencyNames(db, f), sample, agencies);
}

/**
 * Tasks a filter answered by the kept counts lists for its agencies table and documents:
 * ~10 ms on SQLite at 1,000,000 obligations (5,000: 18-60 ms, load 10).
 */
export const STATS_SAMPLE = 1000;

/**
 * A filter the kept counts (src/store/counts.ts) answer exactly: any of document type,
 * deadline kind and due window (count_tasks), and one agency in a role or any (count_agency).
 * Null for the rest (words, a document, a status, a role alone, a name standing for several
 * agencies: a task may hold two of them): those are counted over their first tasks.
 * `ids`: the agencies the filter's name stands for (null without one); `rules`: the
 * recurring rules with an occurrence in the due window (as the search plans take them).
 */
export interface CountedFilter {
  agency: number | null;
  role: 'lead' | 'support' | null;
  type: string | null;
  kind: string | null;
  lo: string | null;
  hi: string | null;
  rules: string[];
}
export function countedFilter(q: NQuery, ids: number[] | null, rules: () => string[]): CountedFilter | null {
  if (q.words?.trim() || q.document || q.status || (q.role && !ids) || (ids && ids.length !== 1)) return null;
  const window = !!(q.dueBefore || q.dueAfter);
  return { agency: ids ? ids[0]! : null, role: q.role ?? null, type: q.type?.trim() || null, kind: q.kind ?? null, lo: q.dueAfter, hi: q.dueBefore, rules: window ? rules() : [] };
}

/**
 * The statement counting a filter's tasks from the kept counts, by status (`status`: the SQL
 * of a row's status), kind and role ('' without an agency), each store in its own words
 * (`ph` adds a parameter): the checks of the search plans (src/query/plan.ts, the PostgreSQL
 * store's taskChecks) on the counts' columns, NULL stored as ''.
 */
export function countedSql(c: CountedFilter, status: string, ph: (v: unknown) => string, pg: boolean): string {
  const w: string[] = [];
  if (c.agency !== null) w.push(`agency_id = ${ph(c.agency)}`);
  if (c.type) w.push(pg ? `lower(type) = lower(${ph(c.type)})` : `type = ${ph(c.type)} COLLATE NOCASE`);
  if (c.kind) w.push(`kind = ${ph(c.kind === 'none' ? '' : c.kind)}`);
  if (c.lo || c.hi) {
    const range = [`date <> ''`, c.lo ? `date >= ${ph(c.lo)}` : '', c.hi ? `date <= ${ph(c.hi)}` : ''].filter(Boolean).join(' AND ');
    const rules = c.rules.length ? ` OR (kind = 'recurring' AND ${pg ? `rule = ANY(${ph(c.rules)}::text[])` : `rule IN (${sqlList(c.rules)})`})` : '';
    w.push(`((${range})${rules})`);
  }
  const role = c.agency !== null ? 'role' : pg ? "''::text" : "''";
  return `SELECT ${status} AS st, kind, ${role} AS role, sum(n)${pg ? '::int' : ''} FROM ${c.agency !== null ? 'count_agency' : 'count_tasks'}${w.length ? ` WHERE ${w.join(' AND ')}` : ''} GROUP BY 1, 2, 3`;
}

/**
 * A sample's Stats with the kept counts' rows ([status, kind, role, n]) in: the total,
 * statuses and kinds exact; with an agency, its tasks in any role are lead + support - both,
 * and its own row of the agencies table (lead, support, overdue leads among the filtered
 * tasks) exact; the rest of the table and the documents are the sample's.
 */
export function withCounts(part: Stats, c: CountedFilter, rows: [number, string, string, number][], names: Map<number, string>, sample: number, agencies: number): Stats {
  const status: [number, string, number][] = [];
  const own = { lead: 0, support: 0, overdue: 0 };
  for (const [st, kind, role, count] of rows) {
    const n = Number(count);
    if (c.agency === null) {
      status.push([st, kind, n]);
      continue;
    }
    const sign = !c.role ? (role === 'both' ? -1 : 1) : role === c.role ? 1 : 0;
    if (sign) status.push([st, kind, sign * n]);
    // the agency's role in its tasks the filter selects: with a role, 'both' is the other one
    const as = !c.role ? role : role === 'both' ? (c.role === 'lead' ? 'support' : 'lead') : role === c.role ? role : null;
    if (as === 'lead') {
      own.lead += n;
      if (st === OVERDUE) own.overdue += n;
    } else if (as === 'support') own.support += n;
  }
  const counted = statsFromCounts({ status, roles: [], overdue: [], names, documents: part.documents, today: part.today, agencies });
  let byAgency = part.byAgency;
  if (c.agency !== null) {
    const name = names.get(c.agency) ?? String(c.agency);
    byAgency = [...byAgency.filter((a) => a.name !== name), ...(own.lead || own.support ? [{ name, ...own }] : [])].sort(byLead).slice(0, agencies);
  }
  return { ...counted, byAgency, sample };
}

/**
 * The counts over a query's tasks (the first `max` the search planner lists): one statement
 * reads each task's columns from tasks_status, in id order, with its status and its
 * completion, counts them by status and kind and their documents, and tallies their
 * agencies by role (lead ones also when overdue).
 */
function queryStats(db: DB, q: TaskQuery & { today: string; reminders: number[] }, f: ReturnType<typeof storeFacts>, max: number, agencies: number): Stats {
  const c = candidateIds(db, q, max);
  const soonEnd = addDays(c.today, c.reminders[0] ?? 7);
  const open = openStatusSql(T.kind, T.date, T.rule, rulesIn(f.rules, c.today, soonEnd));
  // the plan of an open status (open, overdue, due soon, on track) lets no task with a
  // completion through: their completions need no look-up
  const status = q.status && q.status !== 'done' ? open : `coalesce((SELECT ${doneStatusSql(T.kind, T.date, 'c.done_on')} ${completionOf(db)}), ${open})`;
  const narrow = f.hasIndex('tasks_status') ? 'INDEXED BY tasks_status' : '';
  const s = `WITH s AS MATERIALIZED (SELECT t.id, t.document_id AS doc, t.deadline_kind AS kind, ${status} AS st
    FROM json_each(@ids) j CROSS JOIN tasks t ${narrow} ON t.id = j.value)`;
  // in id order: each index is read forwards, not at random
  const p = { ids: JSON.stringify(c.ids.sort((a, b) => a - b)), today: c.today, soonEnd };
  // by status and kind; documents (-1); each agency's rows tallied (-2) as agency_id * 4 + 2
  // (lead) + 1 (lead, overdue), or + 0 (support)
  useTally(db);
  const rows = db
    .prepare(`${s} SELECT st, kind, count(*) FROM s GROUP BY st, kind
      UNION ALL SELECT -1, NULL, count(DISTINCT doc) FROM s
      UNION ALL SELECT -2, cv_tally(ta.agency_id * 4 + (ta.role = 'lead') * (2 + (s.st = ${OVERDUE}))), 0 FROM s CROSS JOIN task_agencies ta ON ta.task_id = s.id`)
    .raw()
    .all(p) as [number, string | null, number][];
  const byStatus = emptyStatus();
  const byKind: Record<string, number> = {};
  let total = 0;
  let documents = 0;
  let tallies: [number, number][] = [];
  for (const [st, kind, n] of rows) {
    if (st === -1) documents = n;
    else if (st === -2) tallies = parseTally(kind!);
    else {
      byStatus[CODES[st]!] += n;
      byKind[kind ?? 'none'] = (byKind[kind ?? 'none'] ?? 0) + n;
      total += n;
    }
  }
  const names = agencyNames(db, f);
  const per = new Map<number, AgencyCount>();
  for (const [k, n] of tallies) {
    const id = Math.floor(k / 4);
    const name = names.get(id);
    if (name === undefined) continue;
    let e = per.get(id);
    if (!e) per.set(id, (e = { name, lead: 0, support: 0, overdue: 0 }));
    if (k % 4 === 0) e.support += n;
    else e.lead += n;
    if (k % 4 === 3) e.overdue += n;
  }
  return { total, complete: c.complete, today: c.today, byStatus, byAgency: [...per.values()].sort(byLead).slice(0, agencies), byKind, documents };
}

/** The columns the status SQL reads of a task `t`. */
const T = { kind: 't.deadline_kind', date: 't.deadline_date', rule: 't.deadline_rule' };

const namesCache = new WeakMap<DB, { stamp: string; names: Map<number, string> }>();
function agencyNames(db: DB, f: ReturnType<typeof storeFacts>): Map<number, string> {
  const c = namesCache.get(db);
  if (c && c.stamp === f.stamp) return c.names;
  const names = new Map(db.prepare('SELECT id, canonical FROM agencies').raw().all() as [number, string][]);
  namesCache.set(db, { stamp: f.stamp, names });
  return names;
}

/** What the whole store's counts do not owe to the day: cached until the store changes. */
interface StoreBase {
  stamp: string;
  total: number;
  byKind: Record<string, number>;
  agencies: Map<number, { lead: number; support: number }>;
  documents: number;
}

const baseCache = new WeakMap<DB, StoreBase>();
const wholeCache = new WeakMap<DB, { key: string; value: Stats }>();

/** Totals by deadline kind and by agency and role (both read in index order), less the tasks of shadowed renditions. */
function storeBase(db: DB, f: ReturnType<typeof storeFacts>): StoreBase {
  const c = baseCache.get(db);
  if (c && c.stamp === f.stamp) return c;
  const shadow = f.shadow.join(',');
  const byKind: Record<string, number> = {};
  const kinds = (sql: string, sign: number) => {
    for (const [k, n] of db.prepare(sql).raw().all() as [string | null, number][]) byKind[k ?? 'none'] = (byKind[k ?? 'none'] ?? 0) + sign * n;
  };
  kinds(`SELECT deadline_kind, count(*) FROM tasks GROUP BY deadline_kind`, 1);
  if (shadow) kinds(`SELECT deadline_kind, count(*) FROM tasks WHERE document_id IN (${shadow}) GROUP BY deadline_kind`, -1);
  for (const k of Object.keys(byKind)) if (!byKind[k]) delete byKind[k];
  const agencies = new Map<number, { lead: number; support: number }>();
  const roles = (sql: string, sign: number) => {
    for (const [a, role, n] of db.prepare(sql).raw().all() as [number, string, number][]) {
      let e = agencies.get(a);
      if (!e) agencies.set(a, (e = { lead: 0, support: 0 }));
      if (role === 'lead') e.lead += sign * n;
      else e.support += sign * n;
    }
  };
  roles(`SELECT agency_id, role, count(*) FROM task_agencies GROUP BY agency_id, role`, 1);
  if (shadow) roles(`SELECT ta.agency_id, ta.role, count(*) FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id WHERE t.document_id IN (${shadow}) GROUP BY ta.agency_id, ta.role`, -1);
  const documents = (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) - f.shadow.length;
  const total = Object.values(byKind).reduce((s, n) => s + n, 0);
  const base = { stamp: f.stamp, total, byKind, agencies, documents };
  baseCache.set(db, base);
  return base;
}

/**
 * Counts over the whole store from the counts the writer keeps (src/store/counts.ts), by day:
 * - by status and kind: count_tasks (a few thousand rows: type, kind, date, rule, done),
 *   each row's status worked out in SQL as for a task (openStatusSql);
 * - by agency: count_roles, and overdue leads from count_overdue (the years, months and
 *   days before today: at most 49 buckets per agency);
 * - documents: the documents less the renditions not searched.
 * Exact at any size; a store without these tables (opened read-only before its migration 10)
 * is counted from its rows (storeStatsFromRows).
 */
export function storeStats(db: DB, query: TaskQuery, agencies = 30): Stats {
  const q = normaliseQuery(query);
  const f = storeFacts(db);
  if (!hasCounts(db, f)) return storeStatsFromRows(db, query, agencies);
  const key = `${f.stamp}|${q.today}|${q.reminders.join(',')}|${agencies}`;
  const cached = wholeCache.get(db);
  if (cached && cached.key === key) return cached.value;
  const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
  const open = openStatusSql('kind', 'date', 'rule', rulesIn(f.rules, q.today, soonEnd));
  const value = statsFromCounts({
    status: db.prepare(`SELECT CASE WHEN done > 0 THEN done ELSE ${open} END AS st, kind, sum(n) FROM count_tasks GROUP BY st, kind`).raw().all({ today: q.today, soonEnd }) as [number, string, number][],
    roles: db.prepare('SELECT agency_id, role, n FROM count_roles WHERE n <> 0').raw().all() as [number, string, number][],
    overdue: db.prepare(overdueSql).raw().all(overdueParams(q.today)) as [number, number][],
    names: agencyNames(db, f),
    documents: (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) - f.shadow.length,
    today: q.today,
    agencies,
  });
  wholeCache.set(db, { key, value });
  return value;
}

/**
 * The whole store's Stats from the counts' rows (either store): [status code, kind ('' for
 * none), n], [agency id, role, n], [agency id, overdue leads].
 */
export function statsFromCounts(c: { status: [number, string, number][]; roles: [number, string, number][]; overdue: [number, number][]; names: Map<number, string>; documents: number; today: string; agencies: number }): Stats {
  const byStatus = emptyStatus();
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [st, kind, n] of c.status) {
    if (!Number(n)) continue;
    byStatus[CODES[st]!] += Number(n);
    byKind[kind || 'none'] = (byKind[kind || 'none'] ?? 0) + Number(n);
    total += Number(n);
  }
  const per = new Map<number, AgencyCount>();
  const get = (id: number) => {
    let e = per.get(id);
    if (!e) per.set(id, (e = { name: c.names.get(id) ?? String(id), lead: 0, support: 0, overdue: 0 }));
    return e;
  };
  for (const [id, role, n] of c.roles) {
    if (role === 'lead') get(id).lead += Number(n);
    else get(id).support += Number(n);
  }
  for (const [id, n] of c.overdue) if (Number(n)) get(id).overdue += Number(n);
  const byAgency = [...per.values()].filter((e) => e.lead > 0 || e.support > 0).sort(byLead).slice(0, c.agencies);
  return { total, complete: true, today: c.today, byStatus, byAgency, byKind, documents: c.documents };
}

/** Open tasks overdue on @today by lead agency (count_overdue: years, months, days before it). */
export const overdueSql = `SELECT agency_id, sum(n) FROM (
  SELECT agency_id, n FROM count_overdue WHERE level = 1 AND bucket < @year
  UNION ALL SELECT agency_id, n FROM count_overdue WHERE level = 2 AND bucket >= @year AND bucket < @month
  UNION ALL SELECT agency_id, n FROM count_overdue WHERE level = 3 AND bucket >= @month AND bucket < @today) x GROUP BY agency_id`;
export const overdueParams = (today: string) => ({ year: today.slice(0, 4), month: today.slice(0, 7), today });

const countTables = new WeakMap<DB, boolean>();
function hasCounts(db: DB, f: ReturnType<typeof storeFacts>): boolean {
  let v = countTables.get(db);
  if (v === undefined) countTables.set(db, (v = !!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'count_agency'").get()));
  return v && !!f;
}

/**
 * Counts over the whole store, cached until the store changes (and by day):
 * - totals by kind and agency (storeBase);
 * - open tasks overdue and due soon by date: ranges of the (kind, date) index;
 * - recurring tasks due soon: the rules' index;
 * - overdue leads by agency: tasks_status read in id order, each overdue task with its lead
 *   agencies (task_agencies read forwards), tallied;
 * - completions (a tenth of the tasks, or fewer), each joined to its task: its status, and
 *   the open count and overdue leads it is taken out of.
 *
 * Deadline dates are taken as the Writer stores them: a day (YYYY-MM-DD) or none (the record
 * schema's pattern, as the search plans take them); the counts of a query (stats) check the day.
 */
function storeStatsFromRows(db: DB, query: TaskQuery, agencies = 30): Stats {
  const q = normaliseQuery(query);
  const f = storeFacts(db);
  const key = `${f.stamp}|${q.today}|${q.reminders.join(',')}|${agencies}`;
  const cached = wholeCache.get(db);
  if (cached && cached.key === key) return cached.value;
  const base = storeBase(db, f);
  const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
  const soonRules = rulesIn(f.rules, q.today, soonEnd);
  const shadow = f.shadow.join(',');
  const hint = (name: string) => (f.hasIndex(name) ? `INDEXED BY ${name}` : '');
  const narrow = hint('tasks_status');
  const p = { today: q.today, soonEnd };
  const count = (where: string) => {
    const all = db.prepare(`SELECT count(*) FROM tasks WHERE ${where}`).pluck().get(p) as number;
    return all - (shadow ? (db.prepare(`SELECT count(*) FROM tasks WHERE document_id IN (${shadow}) AND ${where}`).pluck().get(p) as number) : 0);
  };
  let overdue = count(`${LATE('deadline_kind')} AND deadline_date < @today`);
  let soon = count(`${LATE('deadline_kind')} AND deadline_date BETWEEN @today AND @soonEnd`);
  const notShadow = shadow ? `AND t.document_id NOT IN (${shadow})` : '';
  if (soonRules.length) {
    // recurring tasks due soon: the rules' index, each task's kind from tasks_status
    const r = narrow && f.hasIndex('tasks_rule') ? 'r' : 't';
    const from = r === 'r' ? `tasks r INDEXED BY tasks_rule CROSS JOIN tasks t ${narrow} ON t.id = r.id` : 'tasks t';
    soon += db.prepare(`SELECT count(*) FROM ${from} WHERE ${r}.deadline_rule IN (${sqlList(soonRules)}) AND t.deadline_kind = 'recurring' ${notShadow}`).pluck().get() as number;
  }
  // overdue tasks by lead agency
  const leads = tally(db, `SELECT cv_tally(ta.agency_id) FROM tasks t ${narrow} CROSS JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
    WHERE ${LATE(T.kind)} AND ${T.date} < @today ${notShadow}`, p);
  // completions: each to its task (by document and key), with the status it has and the one
  // it would have open; the overdue ones' lead agencies
  const task = hint('tasks_doc_key') && narrow
    ? `CROSS JOIN tasks k INDEXED BY tasks_doc_key ON k.document_id = d.id AND k.task_key = c.task_key CROSS JOIN tasks t ${narrow} ON t.id = k.id`
    : `JOIN tasks t ON t.document_id = d.id AND t.task_key = c.task_key`;
  const x = `WITH x AS MATERIALIZED (SELECT t.id, ${openStatusSql(T.kind, T.date, T.rule, soonRules)} AS open, ${doneStatusSql(T.kind, T.date, 'c.done_on')} AS st
    FROM completions c CROSS JOIN documents d ON d.record_id = c.document_record_id ${task} WHERE 1 ${shadow ? `AND d.id NOT IN (${shadow})` : ''})`;
  const done = tally(db, `${x} SELECT cv_tally(open * 8 + st) FROM x WHERE st IS NOT NULL
    UNION ALL SELECT cv_tally(-1 - ta.agency_id) FROM x CROSS JOIN task_agencies ta ON ta.task_id = x.id AND ta.role = 'lead' WHERE x.open = ${OVERDUE} AND x.st IS NOT NULL`, p);
  const byStatus = emptyStatus();
  let doneCount = 0;
  for (const [k, n] of done) {
    if (k < 0) continue;
    const open = Math.floor(k / 8);
    if (open === OVERDUE) overdue -= n;
    else if (open === SOON) soon -= n;
    byStatus[CODES[k % 8]!] += n;
    doneCount += n;
  }
  byStatus.overdue = overdue;
  byStatus['due-soon'] = soon;
  byStatus['on-track'] = base.total - overdue - soon - doneCount;
  // agencies: lead and support counts (storeBase); overdue leads, less those done
  const names = agencyNames(db, f);
  const per = new Map<number, AgencyCount>();
  const get = (id: number) => {
    let e = per.get(id);
    if (!e) per.set(id, (e = { name: names.get(id) ?? String(id), lead: 0, support: 0, overdue: 0 }));
    return e;
  };
  for (const [id, n] of base.agencies) Object.assign(get(id), n);
  for (const [id, n] of leads) get(id).overdue += n - (done.get(-1 - id) ?? 0);
  const byAgency = [...per.values()].filter((e) => e.lead > 0 || e.support > 0).sort(byLead).slice(0, agencies);
  const value: Stats = { total: base.total, complete: true, today: q.today, byStatus, byAgency, byKind: { ...base.byKind }, documents: base.documents };
  wholeCache.set(db, { key, value });
  return value;
}

/**
 * The counts over tasks as search gives them (a store without the SQL counts above:
 * PostgreSQL): `complete` false when `hits` are only the first of `total`. `roles`: each
 * task's agencies by their canonical name (task_agencies), as the counts above tally them.
 */
export function statsOfHits(hits: TaskHit[], total: number, today: string, roles: Map<number, { name: string; role: string }[]>, agencies = 30): Stats {
  const byStatus = emptyStatus();
  const byKind: Record<string, number> = {};
  const per = new Map<string, AgencyCount>();
  const docs = new Set<number>();
  for (const t of hits) {
    byStatus[t.status] += 1;
    const kind = t.deadline?.kind ?? 'none';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    docs.add(t.document.id);
    for (const a of roles.get(t.id) ?? []) {
      let e = per.get(a.name);
      if (!e) per.set(a.name, (e = { name: a.name, lead: 0, support: 0, overdue: 0 }));
      if (a.role === 'lead') {
        e.lead++;
        if (t.status === 'overdue') e.overdue++;
      } else e.support++;
    }
  }
  return { total, complete: hits.length >= total, today, byStatus, byAgency: [...per.values()].sort(byLead).slice(0, agencies), byKind, documents: docs.size };
}
