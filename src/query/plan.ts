/**
 * The SQLite planner: how a task query becomes statements over the store's indexes, and the
 * candidate rows for words (FTS5), a page in deadline order, capped counts. See ./search.ts
 * for the plan as a whole.
 */
import type { DB } from '../store/db.js';
import type { ParsedQuery } from './fts.js';
import { parseQuery, allWordsExpression } from './fts.js';
import { resolveAgencies } from './agency.js';
import { nextOccurrence, addDays } from '../model/status.js';
import { normaliseQuery, type NQuery, type TaskQuery } from './types.js';
import { scoreRows, byDue, type Scored } from './rank.js';

/** Sizes that steer the plans. */
export const SMALL_SET = 5000; // a driver with at most this many rows is read whole
export const FTS_CHUNK = 500; // FTS rows read per step, newest first
export const FTS_SCAN_MAX = 4000; // FTS rows looked at, at most, when the words drive
export const RANK_POOL = 500; // matching rows ranked, at most, when the words drive
export const COUNT_CAP = 1000; // totals above this are given as "at least"

const FORMAT_PRIORITY = `CASE format WHEN 'txt' THEN 0 WHEN 'md' THEN 1 WHEN 'docx' THEN 2 WHEN 'doc' THEN 3 WHEN 'pdf' THEN 4 ELSE 5 END`;

interface ConnState {
  indexes: Set<string> | null;
  content: boolean | null;
  shadow: { stamp: string; ids: number[] } | null;
  rules: { stamp: string; rules: string[] } | null;
}
const states = new WeakMap<DB, ConnState>();

export function state(db: DB): ConnState {
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
export function stamp(db: DB): string {
  const [m, changes] = db.prepare('SELECT max(id), total_changes() FROM documents').raw().get() as [number | null, number];
  return `${db.pragma('data_version', { simple: true })}:${m}:${changes}`;
}

/**
 * Documents stored more than once (a .txt, its .docx and .pdf share a record id): only the
 * best rendition (txt, md, docx, pdf, scan; then the first stored) takes part in searches.
 */
export function shadowedDocuments(db: DB, st: string): number[] {
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

export const sqlList = (xs: string[]) => (xs.length ? xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',') : 'NULL');

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
export interface Driver {
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

export interface Plan {
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
export const and = (w: string[]) => (w.length ? w.join(' AND ') : '1');
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

export function buildPlan(db: DB, q: NQuery): Plan | null {
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
export function smallDriver(plan: Plan): Driver | null {
  const d = plan.drivers[0];
  return d && d.size <= SMALL_SET ? d : null;
}

/** Read a small driver whole: [id, deadline_date] of every row passing the checks. */
export function readDriver(db: DB, plan: Plan, d: Driver): [number, string | null][] {
  const rows = db.prepare(driverSql(plan, d)).raw().all(plan.params) as [number, string | null][];
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r[0]) ? false : (seen.add(r[0]), true)));
}

/**
 * Without words, no small driver: walk the deadline index in order (or the kind's slice of
 * the kind-and-date index), checking each row, and stop at the page's end (dated first,
 * then undated by id).
 */
export function walkByDue(db: DB, plan: Plan, limit: number, offset: number): number[] {
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
export function countCapped(db: DB, plan: Plan): { n: number; capped: boolean } {
  const d = plan.drivers[0];
  const sql = d ? driverSql(plan, d) : `SELECT t.id FROM tasks t ${fromT(and(plan.checks))} WHERE ${and(plan.checks)}`;
  const n = db.prepare(`SELECT count(*) FROM (${sql} LIMIT ${COUNT_CAP + 1})`).pluck().get(plan.params) as number;
  return { n: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

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
export function wordCandidates(db: DB, plan: Plan, p: ParsedQuery, match: string): { rows: Scored[]; capped: boolean } {
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

export { rulesIn };
