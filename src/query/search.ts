/**
 * Searching obligations (tasks) and documents. Pure functions over a `DB`.
 *
 * Planned for large stores (a million obligations): the user's words become a safe FTS5
 * expression (./fts.ts); filters go through indexed columns (task_agencies by agency id,
 * tasks by deadline kind and date); FTS candidate sets are capped and ranked with bm25 only
 * for those rows; snippets, agencies and statuses are computed for the returned page only.
 * Row checks (status, deadline, kind) read a task from tasks_status, a narrow index by id,
 * instead of its wide row (its text), and a document's record id from documents_id_record;
 * a store opened read-only before migration 3 has neither and reads the rows.
 * Listing all a query selects (candidateIds, up to a cap: the counts of ./stats.ts) walks a
 * date-ordered index alone and checks its rows a block at a time in id order (checkedWalk).
 *
 * Without words, results come in deadline order (dated ones first, soonest first).
 * With words, they come by bm25 rank; when a word matches more rows than the cap, the rank is
 * taken over the newest matching rows (`capped: true`).
 */
import type { DB } from '../store/db.js';
import { fold } from '../normalise/unicode.js';
import { parseQuery, allWordsExpression, type ParsedQuery } from './fts.js';
import { resolveAgencies, agencyKeys, agencyKey } from './agency.js';
import { makeSnippet, type Snippet } from './snippet.js';
import {
  taskStatus, nextOccurrence, addDays, normaliseReminders, localToday, isIsoDate, STATUS_FILTERS,
  type StatusFilter, type StatusCode, type Rule,
} from './status.js';

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

/** Sizes that steer the plans. */
const SMALL_SET = 5000; // a driver with at most this many rows is read whole
const FTS_CHUNK = 500; // FTS rows read per step, newest first
const FTS_SCAN_MAX = 4000; // FTS rows looked at, at most, when the words drive
const RANK_POOL = 500; // matching rows ranked, at most, when the words drive
const COUNT_CAP = 1000; // totals above this are given as "at least"

const FORMAT_PRIORITY = `CASE format WHEN 'txt' THEN 0 WHEN 'md' THEN 1 WHEN 'docx' THEN 2 WHEN 'doc' THEN 3 WHEN 'pdf' THEN 4 ELSE 5 END`;

interface ConnState {
  indexes: Set<string> | null;
  content: boolean | null;
  shadow: { stamp: string; ids: number[] } | null;
  rules: { stamp: string; rules: string[] } | null;
}
const states = new WeakMap<DB, ConnState>();

function state(db: DB): ConnState {
  let s = states.get(db);
  if (!s) {
    s = { indexes: null, content: null, shadow: null, rules: null };
    states.set(db, s);
    // searches and counts jump between rows of a large file: its pages are kept in SQLite's
    // own cache (up to 256 MB), decoded and checked once. A memory-mapped page is decoded
    // and checked (cell_size_check) again at each visit: a million-obligation count, seek
    // after seek, took twice as long mapped (stats: 940 -> 540 ms; search no slower).
    if (db.name !== ':memory:') {
      db.pragma('mmap_size = 0');
      db.pragma('cache_size = -262144');
    }
  }
  return s;
}

/** `INDEXED BY name` when the store has that index (a store of schema 1 opened read-only lacks the newer ones). */
function hint(db: DB, name: string): string {
  const s = state(db);
  s.indexes ??= new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all() as string[]);
  return s.indexes.has(name) ? `INDEXED BY ${name}` : '';
}

/** What tasks_status holds of a task. */
const STATUS_COLUMNS = new Set(['id', 'deadline_kind', 'deadline_date', 'deadline_rule', 'document_id', 'task_key']);

/**
 * `INDEXED BY tasks_status` for a statement that reaches `t` by its id and reads nothing of
 * it but what that index holds: a narrow index entry instead of the wide row (its text).
 */
function byId(db: DB, sql: string): string {
  const h = hint(db, 'tasks_status');
  return h && reads(sql, STATUS_COLUMNS) ? h : '';
}

/** Does the SQL read only these columns of `t`? */
const reads = (sql: string, cols: Set<string>) => [...sql.matchAll(/\bt\.(\w+)/g)].every((m) => cols.has(m[1]!));

/** What the indexes walked by date, kind and rule hold of a task. */
const INDEX_COLUMNS: Record<string, Set<string>> = {
  tasks_due: new Set(['id', 'deadline_date']),
  tasks_kind_due: new Set(['id', 'deadline_kind', 'deadline_date']),
  tasks_rule: new Set(['id', 'deadline_rule']),
};

/** Changes whenever another connection commits, or this one writes (total_changes: its rows inserted, updated or deleted). */
function stamp(db: DB): string {
  const [m, changes] = db.prepare('SELECT max(id), total_changes() FROM documents').raw().get() as [number | null, number];
  return `${db.pragma('data_version', { simple: true })}:${m}:${changes}`;
}

/**
 * Documents stored more than once (a .txt, its .docx and .pdf share a record id): only the
 * best rendition (txt, md, docx, pdf, scan; then the first stored) takes part in searches.
 */
function shadowedDocuments(db: DB, st: string): number[] {
  const s = state(db);
  if (s.shadow && s.shadow.stamp === st) return s.shadow.ids;
  const rows = db
    .prepare(`SELECT id, record_id, ${FORMAT_PRIORITY} AS p FROM documents WHERE record_id IN (SELECT record_id FROM documents GROUP BY record_id HAVING count(*) > 1) ORDER BY record_id, p, id`)
    .all() as { id: number; record_id: string }[];
  const ids: number[] = [];
  rows.forEach((r, i) => {
    if (i > 0 && rows[i - 1]!.record_id === r.record_id) ids.push(r.id);
  });
  s.shadow = { stamp: st, ids };
  return ids;
}

/** The distinct rules of recurring deadlines in the store (a handful). */
function recurringRules(db: DB, st: string): string[] {
  const s = state(db);
  if (s.rules && s.rules.stamp === st) return s.rules.rules;
  const rules = db.prepare(`SELECT DISTINCT deadline_rule FROM tasks WHERE deadline_rule IS NOT NULL`).pluck().all() as string[];
  s.rules = { stamp: st, rules };
  return rules;
}

/** Rules with an occurrence in [from, to] (to null: any). */
function rulesIn(rules: string[], from: string, to: string | null): string[] {
  return rules.filter((r) => {
    const n = nextOccurrence(r, from);
    return n !== null && (to === null || n <= to);
  });
}

const sqlList = (xs: string[]) => (xs.length ? xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',') : 'NULL');

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
type NQuery = ReturnType<typeof normaliseQuery>;

/**
 * "The task is done": a completion names its document's record id and its task key. The
 * record id is read from documents_id_record (schema 3) rather than the document's wide row,
 * and the check reads of the task only what tasks_status holds. `completionOf` is the FROM
 * clause reaching the completion `c` of the task `t` (stats reads its day through it).
 */
export const completionOf = (db: DB) =>
  `FROM documents dc ${hint(db, 'documents_id_record')} CROSS JOIN completions c ON c.document_record_id = dc.record_id AND c.task_key = t.task_key WHERE dc.id = t.document_id`;
const doneCheck = (db: DB) => `EXISTS (SELECT 1 ${completionOf(db)})`;
const LATE_KINDS = `t.deadline_kind IN ('by', 'within')`;

/** A way to list candidate rows: SQL giving `t.id` and `t.deadline_date`, and its size (capped). */
interface Driver {
  name: string;
  /** The statement given the checks (joined with AND, and as a list). */
  sql: (checks: string, list: string[]) => string;
  size: number;
  /** The check this driver's own statement already makes (left out of it). */
  own?: string;
  /** The same rows' ids only, in the same order, when that reads less (null: use `sql`). */
  ids?: (checks: string) => string | null;
  /**
   * Its rows without any check, in the same order: its index walked alone (in date order),
   * when that order is the index's own (INDEXED BY). candidateIds checks them by blocks.
   */
  walk?: string;
  /** A check its statement makes by the walk itself for most rows (a date window): alone, no reason to check by blocks. */
  implied?: string;
}

interface Plan {
  /** Row-level conditions on t (tasks) and d (documents): each cheap for one row. */
  checks: string[];
  params: Record<string, unknown>;
  drivers: Driver[];
  /** Conditions on t.deadline_date that every dated result meets (for walking the date index). */
  datedRange: string[];
  /** Walk a kind's slice of the (kind, date) index instead of the date index. */
  kind: string | null;
}

const FROM_T = 'JOIN documents d ON d.id = t.document_id';
/** The join to documents, only when a condition needs it (one row lookup less per task otherwise). */
const fromT = (c: string) => (/\bd\./.test(c) ? FROM_T : '');
const and = (w: string[]) => (w.length ? w.join(' AND ') : '1');
/** The driver's statement with the plan's checks, less the one it makes itself. */
const driverSql = (plan: Plan, d: Driver) => {
  const list = plan.checks.filter((c) => c !== d.own);
  return d.sql(and(list), list);
};

/**
 * `FROM .. WHERE ..` walking tasks through the index `index` on the conditions `keys` (on
 * t's indexed columns) and checking `c` on each row. When the checks read more than the index
 * holds but only what tasks_status holds, the walk reads the index as t0 and each row's
 * columns from tasks_status as t, never the wide row. `w` is the alias to order by.
 */
function walkTasks(db: DB, index: string, keys: string[], c: string): { from: string; w: string } {
  const idx = hint(db, index);
  const narrow = idx && !reads(c, INDEX_COLUMNS[index]!) ? byId(db, c) : '';
  if (!narrow) return { from: `FROM tasks t ${idx} ${fromT(c)} WHERE ${and([...keys, c])}`, w: 't' };
  const k = keys.map((x) => x.replace(/\bt\./g, 't0.'));
  return { from: `FROM tasks t0 ${idx} CROSS JOIN tasks t ${narrow} ON t.id = t0.id ${fromT(c)} WHERE ${and([...k, c])}`, w: 't0' };
}

function buildPlan(db: DB, q: NQuery): Plan | null {
  const st = stamp(db);
  const checks: string[] = [];
  const params: Record<string, unknown> = {};
  const drivers: Driver[] = [];
  const datedRange: string[] = [];
  const capCount = (sql: string, p: Record<string, unknown> = {}) => db.prepare(`SELECT count(*) FROM (${sql} LIMIT ${SMALL_SET + 1})`).pluck().get(p) as number;
  const role = q.role ? ` AND ta.role = '${q.role}'` : '';
  const DONE = doneCheck(db);

  if (q.agency && q.agency.trim()) {
    const ids = resolveAgencies(db, q.agency);
    if (!ids.length) return null;
    const list = ids.join(',');
    const own = `EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND +ta.agency_id IN (${list})${role.replace('ta.role', '+ta.role')})`;
    checks.push(own);
    const size = capCount(`SELECT 1 FROM task_agencies ta WHERE ta.agency_id IN (${list})${role}`);
    drivers.push({
      name: 'agency',
      size,
      own,
      sql: (c) => `SELECT DISTINCT t.id, t.deadline_date FROM task_agencies ta ${hint(db, 'task_agencies_agency_task')} CROSS JOIN tasks t ${byId(db, c)} ON t.id = ta.task_id ${fromT(c)} WHERE ta.agency_id IN (${list})${role} AND ${c}`,
      // checks that read nothing of the task: the agency index alone
      ids: (c) => (/\b[td]\./.test(c) ? null : `SELECT DISTINCT ta.task_id FROM task_agencies ta ${hint(db, 'task_agencies_agency_task')} WHERE ta.agency_id IN (${list})${role} AND ${c}`),
    });
  } else if (q.role) {
    checks.push(`EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id${role})`);
  }
  if (q.type) {
    checks.push('d.type = @type COLLATE NOCASE');
    params.type = q.type.trim();
  }
  if (q.document) {
    checks.push('d.record_id = @document');
    params.document = q.document;
    drivers.push({
      name: 'document',
      own: 'd.record_id = @document',
      size: capCount(`SELECT 1 FROM documents dd JOIN tasks tt ON tt.document_id = dd.id WHERE dd.record_id = @document`, { document: q.document }),
      sql: (c) => `SELECT t.id, t.deadline_date FROM documents d CROSS JOIN tasks t ON t.document_id = d.id WHERE d.record_id = @document AND ${c}`,
    });
  }
  if (q.kind) {
    checks.push(q.kind === 'none' ? 't.deadline_kind IS NULL' : `t.deadline_kind = '${q.kind}'`);
    if (q.kind !== 'none') {
      const own = `t.deadline_kind = '${q.kind}'`;
      drivers.push({
        name: 'kind',
        own,
        size: capCount(`SELECT 1 FROM tasks WHERE deadline_kind = '${q.kind}'`),
        sql: (c) => {
          const w = walkTasks(db, 'tasks_kind_due', [own], c);
          return `SELECT ${w.w}.id, ${w.w}.deadline_date ${w.from}`;
        },
        walk: hint(db, 'tasks_kind_due') ? `SELECT t.id FROM tasks t ${hint(db, 'tasks_kind_due')} WHERE ${own}` : undefined,
      });
    }
  }

  /** A date window: dated tasks inside it, or recurring ones with an occurrence inside it. */
  const windowDriver = (name: string, lo: string | null, hi: string | null, kinds: string | null, rules: string[]) => {
    const range = [lo ? `t.deadline_date >= '${lo}'` : 't.deadline_date IS NOT NULL', hi ? `t.deadline_date <= '${hi}'` : ''].filter(Boolean).join(' AND ');
    const ruleCond = rules.length ? `(t.deadline_kind = 'recurring' AND t.deadline_rule IN (${sqlList(rules)}))` : '';
    const dated = kinds ? `(${kinds} AND ${range})` : `(${range})`;
    const check = ruleCond ? `(${dated} OR ${ruleCond})` : dated;
    const rangeOnly = range.replace(/t\./g, '');
    const size = capCount(`SELECT 1 FROM tasks WHERE ${rangeOnly}`) + (rules.length ? capCount(`SELECT 1 FROM tasks WHERE deadline_rule IN (${sqlList(rules)})`) : 0);
    const sql = (c: string, list: string[]) => {
      // the dated rows are in the window by the walk itself, unless kinds narrow it
      const a = walkTasks(db, 'tasks_due', [range], kinds ? c : and(list.filter((x) => x !== check)));
      const b = walkTasks(db, 'tasks_rule', [`t.deadline_rule IN (${sqlList(rules)})`], c);
      return `SELECT ${a.w}.id, ${a.w}.deadline_date ${a.from}` + (rules.length ? ` UNION ALL SELECT ${b.w}.id, ${b.w}.deadline_date ${b.from}` : '');
    };
    const walk = hint(db, 'tasks_due') && (!rules.length || hint(db, 'tasks_rule')) ? sql('1', []) : undefined;
    drivers.push({ name, size, sql, walk, implied: kinds ? undefined : check });
    datedRange.push(range);
    return check;
  };

  if (q.dueBefore || q.dueAfter) {
    const rules = rulesIn(recurringRules(db, st), q.dueAfter ?? q.today, q.dueBefore);
    checks.push(windowDriver('due', q.dueAfter, q.dueBefore, null, rules));
  }
  const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
  const yesterday = addDays(q.today, -1);
  const overdue = `coalesce(${LATE_KINDS} AND t.deadline_date < '${q.today}', 0)`;
  const soonRules = () => rulesIn(recurringRules(db, st), q.today, soonEnd);
  const soonCheck = (rules: string[]) =>
    `coalesce((${LATE_KINDS} AND t.deadline_date BETWEEN '${q.today}' AND '${soonEnd}')${rules.length ? ` OR (t.deadline_kind = 'recurring' AND t.deadline_rule IN (${sqlList(rules)}))` : ''}, 0)`;
  switch (q.status) {
    case 'done': {
      checks.push(DONE);
      // each completion to its document(s) by record id, then to the task by (document, key):
      // tasks_key alone would visit every task sharing the key in the store; the task's
      // columns the checks read come from tasks_status
      const idx = hint(db, 'tasks_doc_key');
      drivers.push({
        name: 'done',
        own: DONE,
        size: capCount('SELECT 1 FROM completions'),
        sql: (c) => {
          const from = `completions cc CROSS JOIN documents d ON d.record_id = cc.document_record_id`;
          const key = `ON t.document_id = d.id AND ${idx ? '' : '+'}t.task_key = cc.task_key`;
          const narrow = idx ? byId(db, `${c} t.deadline_date`) : '';
          return narrow
            ? `SELECT t.id, t.deadline_date FROM ${from} CROSS JOIN tasks t0 ${idx} ${key.replace(/\bt\./g, 't0.')} CROSS JOIN tasks t ${narrow} ON t.id = t0.id WHERE ${c}`
            : `SELECT t.id, t.deadline_date FROM ${from} CROSS JOIN tasks t ${idx} ${key} WHERE ${c}`;
        },
      });
      break;
    }
    case 'open':
      checks.push(`NOT ${DONE}`);
      break;
    case 'overdue':
      checks.push(windowDriver('overdue', null, yesterday, LATE_KINDS, []), `NOT ${DONE}`);
      break;
    case 'due-soon':
      checks.push(windowDriver('due-soon', q.today, soonEnd, LATE_KINDS, soonRules()), `NOT ${DONE}`);
      break;
    case 'on-track':
      checks.push(`NOT ${overdue}`, `NOT ${soonCheck(soonRules())}`, `NOT ${DONE}`);
      break;
  }
  const shadow = shadowedDocuments(db, st);
  if (shadow.length) checks.push(`t.document_id NOT IN (${shadow.join(',')})`);
  drivers.sort((a, b) => a.size - b.size);
  return { checks, params, drivers, datedRange, kind: q.kind && q.kind !== 'none' ? q.kind : null };
}

/** The smallest driver when it can be read whole. */
function smallDriver(plan: Plan): Driver | null {
  const d = plan.drivers[0];
  return d && d.size <= SMALL_SET ? d : null;
}

/** Read a small driver whole: [id, deadline_date] of every row passing the checks. */
function readDriver(db: DB, plan: Plan, d: Driver): [number, string | null][] {
  const rows = db.prepare(driverSql(plan, d)).raw().all(plan.params) as [number, string | null][];
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r[0]) ? false : (seen.add(r[0]), true)));
}

const byDue = (a: [number, string | null], b: [number, string | null]) =>
  a[1] === b[1] ? a[0] - b[0] : a[1] === null ? 1 : b[1] === null ? -1 : a[1] < b[1] ? -1 : 1;

/**
 * Without words, no small driver: walk the deadline index in order (or the kind's slice of
 * the kind-and-date index), checking each row, and stop at the page's end (dated first,
 * then undated by id).
 */
function walkByDue(db: DB, plan: Plan, limit: number, offset: number): number[] {
  const c = and(plan.checks);
  const index = plan.kind ? 'tasks_kind_due' : 'tasks_due';
  const idx = hint(db, index);
  const kind = plan.kind ? [`t.deadline_kind = '${plan.kind}'`] : [];
  const dated = walkTasks(db, index, ['t.deadline_date IS NOT NULL', ...plan.datedRange, ...kind], c);
  const a = db.prepare(`SELECT ${dated.w}.id ${dated.from} ORDER BY ${dated.w}.deadline_date, ${dated.w}.id LIMIT ${limit} OFFSET ${offset}`).pluck().all(plan.params) as number[];
  if (a.length === limit) return a;
  let n = offset + a.length;
  if (a.length === 0 && offset > 0) n = db.prepare(`SELECT count(*) ${dated.from}`).pluck().get(plan.params) as number;
  const undated = and(['t.deadline_date IS NULL', ...kind, c]);
  const b = db.prepare(`SELECT t.id FROM tasks t ${plan.kind ? idx : ''} ${fromT(undated)} WHERE ${undated} ORDER BY t.id LIMIT ${limit - a.length} OFFSET ${Math.max(0, offset - n)}`).pluck().all(plan.params) as number[];
  return a.concat(b);
}

/** How many rows pass (up to COUNT_CAP): through the smallest driver when there is one. */
function countCapped(db: DB, plan: Plan): { n: number; capped: boolean } {
  const d = plan.drivers[0];
  const sql = d ? driverSql(plan, d) : `SELECT t.id FROM tasks t ${fromT(and(plan.checks))} WHERE ${and(plan.checks)}`;
  const n = db.prepare(`SELECT count(*) FROM (${sql} LIMIT ${COUNT_CAP + 1})`).pluck().get(plan.params) as number;
  return { n: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

// --- words: matching and ranking in JavaScript over folded text --------------------------------

/** Does the token list hold this phrase (consecutive tokens)? How often? */
function countPhrase(toks: string[], ph: string[]): number {
  let n = 0;
  outer: for (let i = 0; i + ph.length <= toks.length; i++) {
    for (let k = 0; k < ph.length; k++) if (toks[i + k] !== ph[k]) continue outer;
    n++;
  }
  return n;
}

interface Scored {
  id: number;
  due: string | null;
  score: number;
}

/**
 * BM25-like score over the folded text and agency names: each required phrase (k1 = 1.2,
 * b = 0.75, length against the candidates' mean), plus the exact sequence of the loose words
 * counted as one more phrase of double weight. Rows that do not hold every phrase get null.
 *
 * Tokens are what TOKEN matches, read in place: a row's length is its number of tokens
 * (countTokens) and a phrase's frequency is found from where its first word stands
 * (countPhraseIn), so no string is made for each of a text's words.
 */
function scoreRows(rows: { id: number; due: string | null; text: string; agencies: string }[], p: ParsedQuery): Scored[] {
  const required = [...p.quoted, ...p.loose.map((t) => [t])];
  const exact = p.loose.length >= 2 ? p.loose : null;
  const phrases = exact ? [...required, exact] : required;
  const np = phrases.length;
  // per row: its length in tokens, and how often each phrase stands in the text or the agencies
  const lens = new Array<number>(rows.length);
  const tfs = new Int32Array(rows.length * np);
  rows.forEach((r, i) => {
    lens[i] = countTokens(r.text) + countTokens(r.agencies);
    for (let k = 0; k < np; k++) tfs[i * np + k] = countPhraseIn(r.text, phrases[k]!) + countPhraseIn(r.agencies, phrases[k]!);
  });
  const avg = lens.reduce((s, n) => s + n, 0) / Math.max(1, rows.length) || 1;
  const k1 = 1.2;
  const b = 0.75;
  const out: Scored[] = [];
  rows.forEach((r, i) => {
    const norm = k1 * (1 - b + (b * lens[i]!) / avg);
    let score = 0;
    for (let k = 0; k < required.length; k++) {
      const tf = tfs[i * np + k]!;
      if (!tf) return;
      score += (tf * (k1 + 1)) / (tf + norm);
    }
    if (exact) {
      const tf = tfs[i * np + required.length]!;
      if (tf) score += (2 * (tf * (k1 + 1))) / (tf + norm);
    }
    out.push({ id: r.id, due: r.due, score });
  });
  return out;
}

/** Letters and digits below U+0080 (what [\p{L}\p{N}] matches there). */
const ASCII_WORD = new Uint8Array(128).map((_, c) => ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0));
/** Other UTF-16 code units (code points below U+10000): 0 not known yet, 1 letter or digit, 2 neither. */
const WORD_UNIT = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** Units taken by the letter or digit at s[i] (1, or 2 for a surrogate pair), 0 when it is neither (or i is the end). */
function wordWidth(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c]!;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  let k = WORD_UNIT[c]!;
  if (!k) WORD_UNIT[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/** Is the character just before s[p] a letter or digit? (s[p] is never the second half of a pair here.) */
function wordBefore(s: string, p: number): boolean {
  if (p === 0) return false;
  const c = s.charCodeAt(p - 1);
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = s.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return wordWidth(s, p - 2) === 2;
  }
  return wordWidth(s, p - 1) === 1;
}

/** How many tokens s holds (s.match(TOKEN).length). */
function countTokens(s: string): number {
  const end = s.length;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < end; ) {
    const c = s.charCodeAt(i);
    const w = c < 128 ? ASCII_WORD[c]! : wordWidth(s, i);
    if (w) {
      if (!inWord) n++;
      inWord = true;
      i += w;
    } else {
      inWord = false;
      i++;
    }
  }
  return n;
}

/**
 * How often the phrase (tokens) stands in s: at each place its first token is a whole token
 * of s, the next tokens of s are the phrase's next ones (countPhrase over s's tokens).
 */
function countPhraseIn(s: string, ph: string[]): number {
  const first = ph[0]!;
  let n = 0;
  for (let p = s.indexOf(first); p !== -1; p = s.indexOf(first, p + 1)) {
    if (wordBefore(s, p)) continue;
    let e = p + first.length;
    if (wordWidth(s, e)) continue;
    let k = 1;
    for (; k < ph.length; k++) {
      while (e < s.length && !wordWidth(s, e)) e++;
      const t = ph[k]!;
      if (!s.startsWith(t, e)) break;
      e += t.length;
      if (wordWidth(s, e)) break;
    }
    if (k === ph.length) n++;
  }
  return n;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * The folded text and agencies of FTS rows by rowid: `f.text` and `f.agencies` joined `ON`
 * the given rowid. Read from the FTS table's content table (tasks_fts_content: id, c0, c1,
 * FTS5's documented layout for a table that keeps its content) when it is there: the same
 * values, without a full-text cursor opened per row.
 */
function ftsText(db: DB, rowid: string): { cols: string; join: string } {
  const s = state(db);
  s.content ??= (db.prepare(`SELECT name FROM pragma_table_info('tasks_fts_content')`).pluck().all() as string[]).join(',') === 'id,c0,c1';
  return s.content
    ? { cols: 'f.c0 AS text, f.c1 AS agencies', join: `tasks_fts_content f ON f.id = ${rowid}` }
    : { cols: 'f.text, f.agencies', join: `tasks_fts f ON f.rowid = ${rowid}` };
}

const readFts = (db: DB, ids: number[]) => {
  const f = ftsText(db, 'j.value');
  return db.prepare(`SELECT j.value AS id, ${f.cols} FROM json_each(?) j CROSS JOIN ${f.join}`).all(JSON.stringify(ids)) as { id: number; text: string; agencies: string }[];
};

/**
 * Candidates for words. A small filter driver is read whole and matched here; otherwise
 * the FTS rows drive, newest first, in chunks checked against the filters, until RANK_POOL
 * rows passed or FTS_SCAN_MAX were looked at (then `capped`).
 *
 * The chunks are fetched and checked a block of several at a time (the block sized from the
 * share of rows the first chunk let through), then taken chunk by chunk as above: the same
 * rows as one statement per chunk, with fewer statements. The check reads only what the
 * filters need (an agency filter: the task_agencies index alone, by the FTS rowid); the text
 * and agencies the rank reads are fetched for the rows that passed only.
 */
function wordCandidates(db: DB, plan: Plan, p: ParsedQuery, match: string): { rows: Scored[]; capped: boolean } {
  const small = smallDriver(plan);
  const ftsSize = small ? (db.prepare(`SELECT count(*) FROM (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ? LIMIT ${small.size + 1})`).pluck().get(match) as number) : Infinity;
  if (small && small.size < ftsSize) {
    const base = readDriver(db, plan, small);
    const due = new Map(base);
    const rows = readFts(db, base.map((r) => r[0])).map((r) => ({ ...r, due: due.get(r.id) ?? null }));
    return { rows: scoreRows(rows, p), capped: false };
  }
  const fts = db.prepare(`SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH @match AND rowid < @below ORDER BY rowid DESC LIMIT @n`).pluck();
  const pass = passStatement(db, plan);
  const pool: number[] = [];
  let below = Number.MAX_SAFE_INTEGER;
  let scanned = 0;
  let capped = false;
  let chunks = 1; // chunks in the next block
  blocks: for (;;) {
    const want = Math.min(chunks * FTS_CHUNK, FTS_SCAN_MAX - scanned);
    const block = fts.all({ match, below, n: want }) as number[];
    const ok = pass ? new Set(pass.all({ ...plan.params, ids: JSON.stringify(block) }) as number[]) : null;
    for (let at = 0; at < want; ) {
      const n = Math.min(FTS_CHUNK, FTS_SCAN_MAX - scanned);
      const chunk = block.slice(at, at + n);
      at += n;
      scanned += chunk.length;
      if (!chunk.length) break blocks;
      for (let i = at - n; i < at - n + chunk.length; i++) if (!ok || ok.has(i)) pool.push(block[i]!);
      below = chunk[chunk.length - 1]!;
      if (chunk.length < n) break blocks;
      if (pool.length >= RANK_POOL || scanned >= FTS_SCAN_MAX) {
        capped = true;
        break blocks;
      }
    }
    // enough chunks for the rows still wanted at the share seen so far, a fifth more
    const share = pool.length / scanned;
    chunks = share > 0 ? Math.max(1, Math.ceil(((RANK_POOL - pool.length) / share) * 1.2 / FTS_CHUNK)) : Infinity;
  }
  return { rows: scoreRows(readPool(db, pool), p), capped };
}

/**
 * The statement giving the positions (json_each keys) of the ids in @ids that pass the
 * plan's checks, or null when there is no check. `t.id` is the id itself, so a check on the
 * task's id alone (an agency) is answered from an index without reading the task's row.
 */
function passStatement(db: DB, plan: Plan) {
  const c = and(plan.checks);
  if (c === '1') return null;
  const cj = c.replace(/\bt\.id\b/g, 'j.value');
  const rows = /\b[td]\./.test(cj) ? `CROSS JOIN tasks t ${byId(db, cj)} ON t.id = j.value ${fromT(cj)}` : '';
  return db.prepare(`SELECT j.key FROM json_each(@ids) j ${rows} WHERE ${cj}`).pluck();
}

/** Ids (in this order) with their deadline and the folded text and agencies the rank reads. */
function readPool(db: DB, ids: number[]) {
  const f = ftsText(db, 't.id');
  return db.prepare(`SELECT t.id, t.deadline_date AS due, ${f.cols} FROM json_each(?) j CROSS JOIN tasks t ${hint(db, 'tasks_status')} ON t.id = j.value CROSS JOIN ${f.join}`)
    .all(JSON.stringify(ids)) as { id: number; due: string | null; text: string; agencies: string }[];
}

interface Row {
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
    .all(json) as Row[];
  const ag = db.prepare(`SELECT ta.task_id, ta.role, ta.name FROM json_each(?) j CROSS JOIN task_agencies ta ON ta.task_id = j.value ORDER BY ta.rowid`).all(json) as { task_id: number; role: string; name: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const rule = r.deadline_rule ? (JSON.parse(r.deadline_rule) as Rule) : null;
    const st = taskStatus({ kind: r.deadline_kind, date: r.deadline_date, rule }, r.done_on, opts.today, opts.reminders);
    const mine = ag.filter((a) => a.task_id === id);
    return [{
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
      score: opts.scores?.get(id) ?? null,
      snippet: makeSnippet(r.text, opts.tokens ?? []),
      span: r.span_start != null && r.span_end != null ? { start: r.span_start, end: r.span_end } : null,
    }];
  });
}

export function searchTasks(db: DB, query: TaskQuery): SearchResult<TaskHit> {
  const t0 = performance.now();
  state(db);
  const q = normaliseQuery(query);
  const parsed: ParsedQuery = parseQuery(q.words);
  // rows are fetched by "every word" (cheap); the exact sequence only counts in the rank
  const match = allWordsExpression(parsed);
  const plan = buildPlan(db, q);
  if (!plan) return { items: [], total: 0, totalCapped: false, capped: false, today: q.today, ms: performance.now() - t0 };
  let ids: number[];
  let total: number;
  let totalCapped = false;
  let capped = false;
  let scores: Map<number, number> | undefined;
  if (match) {
    const c = wordCandidates(db, plan, parsed, match);
    capped = c.capped;
    scores = new Map(c.rows.map((r) => [r.id, Math.round(r.score * 1000) / 1000]));
    const sorted = q.sort === 'due'
      ? c.rows.map((r) => [r.id, r.due] as [number, string | null]).sort(byDue).map((r) => r[0])
      : c.rows.sort((a, b) => b.score - a.score || b.id - a.id).map((r) => r.id);
    ids = sorted.slice(q.offset, q.offset + q.limit);
    total = c.rows.length;
    totalCapped = capped;
  } else {
    const small = smallDriver(plan);
    if (small) {
      const rows = readDriver(db, plan, small).sort(byDue);
      ids = rows.slice(q.offset, q.offset + q.limit).map((r) => r[0]);
      total = rows.length;
    } else {
      ids = walkByDue(db, plan, q.limit, q.offset);
      const c = countCapped(db, plan);
      total = c.n;
      totalCapped = c.capped;
    }
  }
  const items = loadTasks(db, ids, { today: q.today, reminders: q.reminders, tokens: parsed.tokens, scores });
  return { items, total, totalCapped, capped, today: q.today, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface DocumentQuery {
  words?: string | null;
  agency?: string | null;
  type?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export interface DocumentHit {
  id: number;
  recordId: string;
  file: string;
  type: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  tasks: number;
  score: number | null;
  snippet: Snippet;
}

export function searchDocuments(db: DB, query: DocumentQuery): SearchResult<DocumentHit> {
  const t0 = performance.now();
  const limit = Math.max(1, Math.min(500, Math.floor(Number(query.limit ?? 20)) || 20));
  const offset = Math.max(0, Math.min(100_000, Math.floor(Number(query.offset ?? 0)) || 0));
  const parsed = parseQuery(query.words);
  const match = allWordsExpression(parsed);
  const checks: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.type) {
    checks.push('d.type = @type COLLATE NOCASE');
    params.type = query.type.trim();
  }
  if (query.agency && query.agency.trim()) {
    // issued by the agency, or assigning it a task
    const ids = resolveAgencies(db, query.agency);
    const keys = agencyKeys(query.agency);
    db.function('cv_agency_key', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? ` ${agencyKey(s)} ` : ''));
    const issuer = keys.map((_, i) => `instr(cv_agency_key(d.issuer), @k${i}) > 0`);
    keys.forEach((k, i) => (params[`k${i}`] = ` ${k} `));
    const assigns = ids.length ? [`EXISTS (SELECT 1 FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id WHERE t.document_id = d.id AND ta.agency_id IN (${ids.join(',')}))`] : [];
    checks.push(`(${[...issuer, ...assigns].join(' OR ') || '0'})`);
  }
  const shadow = shadowedDocuments(db, stamp(db));
  if (shadow.length) checks.push(`d.id NOT IN (${shadow.join(',')})`);
  let ids: number[];
  let total: number;
  let capped = false;
  const scores = new Map<number, number>();
  if (match) {
    // the newest matching documents (capped), ranked by where the words stand: the exact
    // sequence or every word in the subject first, then in the issuer, then in the text only
    const rows = db
      .prepare(`SELECT d.id, d.subject, d.issuer FROM documents_fts f CROSS JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH @match AND ${and(checks)} ORDER BY f.rowid DESC LIMIT ${RANK_POOL + 1}`)
      .all({ ...params, match }) as { id: number; subject: string | null; issuer: string | null }[];
    capped = rows.length > RANK_POOL;
    rows.length = Math.min(rows.length, RANK_POOL);
    const required = [...parsed.quoted, ...parsed.loose.map((t) => [t])];
    const exact = parsed.loose.length >= 2 ? parsed.loose : null;
    const fieldScore = (v: string | null, w: number) => {
      const toks = fold(v ?? '').match(TOKEN) ?? [];
      const hits = required.filter((ph) => countPhrase(toks, ph) > 0).length;
      return w * (hits / Math.max(1, required.length) + (exact && countPhrase(toks, exact) ? 1 : 0));
    };
    for (const r of rows) scores.set(r.id, Math.round((1 + fieldScore(r.subject, 3) + fieldScore(r.issuer, 1)) * 1000) / 1000);
    ids = rows.map((r) => r.id).sort((x, y) => scores.get(y)! - scores.get(x)! || y - x).slice(offset, offset + limit);
    total = rows.length;
  } else {
    ids = db.prepare(`SELECT d.id FROM documents d WHERE ${and(checks)} ORDER BY d.date DESC, d.id DESC LIMIT ${limit} OFFSET ${offset}`).pluck().all(params) as number[];
    const n = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM documents d WHERE ${and(checks)} LIMIT ${COUNT_CAP + 1})`).pluck().get(params) as number;
    total = Math.min(n, COUNT_CAP);
    capped = n > COUNT_CAP;
  }
  const items = loadDocuments(db, ids, parsed.tokens, scores);
  return { items, total, totalCapped: capped, capped, today: localToday(), ms: performance.now() - t0 };
}

function loadDocuments(db: DB, ids: number[], tokens: string[], scores: Map<number, number>): DocumentHit[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(`SELECT d.id, d.record_id, d.file, d.type, d.number, d.symbol, d.date, d.issuer, d.subject, d.text,
      (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS tasks FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; record_id: string; file: string; type: string | null; number: string | null; symbol: string | null; date: string | null; issuer: string | null; subject: string | null; text: string; tasks: number }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const subjectHit = tokens.length && r.subject ? makeSnippet(r.subject, tokens) : null;
    const snippet = subjectHit && subjectHit.marks.length ? subjectHit : makeSnippet(r.text, tokens);
    return [{ id: r.id, recordId: r.record_id, file: r.file, type: r.type, number: r.number, symbol: r.symbol, date: r.date, issuer: r.issuer, subject: r.subject, tasks: r.tasks, score: scores.get(id) ?? null, snippet }];
  });
}

/** "4945/UBND-THCBKS", "UBND-NC" when unnumbered, "" when neither. */
export function docRef(d: { number: string | null; symbol: string | null }): string {
  if (d.number && d.symbol) return `${d.number}/${d.symbol}`;
  return d.symbol ?? d.number ?? '';
}

/**
 * Ids of the tasks a query selects (any order), at most `max`; `complete` says whether all
 * were listed. For counts by status and by agency.
 */
export function candidateIds(db: DB, query: TaskQuery, max = 20000): { ids: number[]; complete: boolean; today: string; reminders: number[] } {
  const q = normaliseQuery(query);
  const parsed = parseQuery(q.words);
  const match = allWordsExpression(parsed);
  const plan = buildPlan(db, q);
  if (!plan) return { ids: [], complete: true, today: q.today, reminders: q.reminders };
  if (match) {
    const c = wordCandidates(db, plan, parsed, match);
    return { ids: c.rows.map((r) => r.id).slice(0, max), complete: !c.capped && c.rows.length <= max, today: q.today, reminders: q.reminders };
  }
  const d = plan.drivers[0];
  const checks = d ? plan.checks.filter((c) => c !== d.own) : plan.checks;
  const want = Math.min(max, 1e9) + 1;
  let rows: number[];
  if (d?.walk && checks.some((c) => c !== d.implied)) rows = checkedWalk(db, plan, d.walk, checks, want);
  else {
    // the driver's own statement with a LIMIT (wrapped in a subquery, SQLite may plan it worse)
    const sql = d ? (d.ids?.(and(checks)) ?? driverSql(plan, d)) : `SELECT t.id, t.deadline_date FROM tasks t ${fromT(and(plan.checks))} WHERE ${and(plan.checks)}`;
    rows = (db.prepare(`${sql} LIMIT ${want}`).raw().all(plan.params) as [number][]).map((r) => r[0]);
  }
  const ids = [...new Set(rows)];
  return { ids: ids.slice(0, max), complete: ids.length <= max, today: q.today, reminders: q.reminders };
}

/**
 * The first `want` rows of a driver's walk that pass `checks`, in the walk's order: the same
 * rows as its statement with the checks and a LIMIT. The walk is read alone (its index, a
 * block at a time), and each block's ids checked in id order (passStatement): a walk in date
 * order reaches the tasks at random, a seek at a time through each index the checks read;
 * in id order the seeks go forwards (status overdue, 20,000 rows of a million: 110 -> 45 ms).
 */
function checkedWalk(db: DB, plan: Plan, walk: string, checks: string[], want: number): number[] {
  const pass = passStatement(db, { ...plan, checks })!;
  const out: number[] = [];
  let offset = 0;
  let n = Math.ceil(want * 1.25); // most checks let most rows through: one block, mostly
  for (;;) {
    const block = db.prepare(`${walk} LIMIT ${n} OFFSET ${offset}`).pluck().all(plan.params) as number[];
    const sorted = [...block].sort((a, b) => a - b);
    const ok = new Set((pass.all({ ...plan.params, ids: JSON.stringify(sorted) }) as number[]).map((k) => sorted[k]!));
    for (const id of block) if (ok.has(id) && out.push(id) >= want) return out;
    if (block.length < n) return out;
    offset += n;
    // the rows still wanted at the share that passed so far, a fifth more
    const share = out.length / offset;
    n = share > 0 ? Math.max(1000, Math.ceil(((want - out.length) / share) * 1.2)) : n * 2;
  }
}

/** Facts about the store the plans use: shadowed renditions and recurring rules (cached). */
export function storeFacts(db: DB): { stamp: string; shadow: number[]; rules: string[]; hasIndex: (name: string) => boolean } {
  state(db);
  const st = stamp(db);
  return { stamp: st, shadow: shadowedDocuments(db, st), rules: recurringRules(db, st), hasIndex: (n) => hint(db, n) !== '' };
}

/** Whether a query has no filter at all (then whole-store counts apply). */
export function isUnfiltered(q: TaskQuery): boolean {
  return !(q.words?.trim() || q.agency?.trim() || q.role || q.status || q.kind || q.type || q.dueBefore || q.dueAfter || q.document);
}

export { rulesIn };
