/**
 * The counts the writer keeps (src/store/counts.ts) on the PostgreSQL store: read in the
 * transaction of a change before and after it, the difference added key by key in one
 * order; built again by its migration for a store written before.
 */
import type pg from 'pg';
import { addDays } from '../model/status.js';
import { rulesIn } from '../query/plan.js';
import { statsFromCounts, overdueSql, overdueParams, countedSql, type Stats, type CountedFilter } from '../query/stats.js';
import { emptyTally, contribute, difference, changeRows, upsertSql, factSql, allFactsSql, REBUILD_SLICE, REBUILD_KEYS, tallySize, PARTS, COUNT_TABLES, type Tally, type TaskFact, type RoleFact } from '../store/counts.js';

const ph = (i: number) => `$${i}`;
const FACTS = factSql(ph);
const ALL = allFactsSql(ph);

/** What these record ids contribute now. */
export async function readCounts(c: pg.ClientBase, recordIds: Iterable<string>, into = emptyTally()): Promise<Tally> {
  for (const r of new Set(recordIds)) {
    const d = (await c.query(FACTS.document, [r])).rows[0] as { id: number; type: string | null } | undefined;
    if (!d) continue;
    const tasks = ((await c.query(FACTS.tasks, [r, d.id])).rows as TaskFact[]).map((t) => ({ ...t, type: d.type }));
    contribute(into, tasks, (await c.query(FACTS.roles, [d.id])).rows as RoleFact[]);
  }
  return into;
}

/** Add after - before (inside the transaction of the change). */
export async function applyCounts(c: pg.ClientBase, before: Tally, after: Tally): Promise<void> {
  const d = difference(before, after);
  for (const part of PARTS) {
    const rows = changeRows(d, part);
    for (let at = 0; at < rows.length; at += 1000) {
      const chunk = rows.slice(at, at + 1000);
      await c.query(upsertSql(part, chunk.length, ph), chunk.flat());
    }
  }
}

/** Count the whole store again (its migration; a store filled without the writer). */
export async function rebuildCounts(c: pg.ClientBase): Promise<void> {
  await c.query(PARTS.map((part) => `DELETE FROM ${COUNT_TABLES[part].table}`).join('; '));
  const max = ((await c.query('SELECT max(id) AS m FROM documents')).rows[0]?.m as number | null) ?? 0;
  let t = emptyTally();
  for (let lo = 0; lo <= max; lo += REBUILD_SLICE) {
    const range = [lo, lo + REBUILD_SLICE - 1];
    contribute(t, (await c.query(ALL.tasks, range)).rows as TaskFact[], (await c.query(ALL.roles, range)).rows as RoleFact[]);
    if (tallySize(t) < REBUILD_KEYS && lo + REBUILD_SLICE <= max) continue;
    await applyCounts(c, emptyTally(), t);
    t = emptyTally();
  }
}

/** A counts row's status as taskStatus gives it, on day $1, due soon up to $2, recurring rules due soon $3. */
const STATUS = `CASE WHEN done > 0 THEN done WHEN kind IN ('by', 'within') AND date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (CASE WHEN date < $1 THEN 2 WHEN date <= $2 THEN 1 ELSE 0 END)
    WHEN kind = 'recurring' AND rule = ANY($3::text[]) THEN 1 ELSE 0 END`;
function statusParams(q: { today: string; reminders: number[] }, rules: string[]): unknown[] {
  const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
  return [q.today, soonEnd, rulesIn(rules, q.today, soonEnd)];
}

/** The kept counts' rows of a filter (src/query/stats.ts countedSql): [status, kind, role, n]. */
export async function countedRows(c: pg.Pool | pg.ClientBase, f: CountedFilter, q: { today: string; reminders: number[] }, rules: string[]): Promise<[number, string, string, number][]> {
  const values = statusParams(q, rules);
  const ph = (v: unknown) => `$${values.push(v)}`;
  return (await c.query({ text: countedSql(f, STATUS, ph, true), values, rowMode: 'array' })).rows as [number, string, string, number][];
}

/**
 * The counts over the whole store from the counts' tables (src/query/stats.ts storeStats,
 * in PostgreSQL's words): each count_tasks row's status as taskStatus gives it, overdue
 * leads from the years, months and days before today.
 */
export async function countedStats(c: pg.Pool | pg.ClientBase, q: { today: string; reminders: number[] }, rules: string[], names: Map<number, string>, documents: number, agencies: number): Promise<Stats> {
  const rows = async (sql: string, values: unknown[] = []) => (await c.query({ text: sql, values, rowMode: 'array' })).rows as never[];
  const p = overdueParams(q.today);
  return statsFromCounts({
    status: await rows(`SELECT ${STATUS} AS st, kind, sum(n)::int FROM count_tasks GROUP BY 1, 2`, statusParams(q, rules)),
    roles: await rows('SELECT agency_id, role, n FROM count_roles WHERE n <> 0'),
    overdue: await rows(overdueSql.replace(/@(year|month|today)\b/g, (_, k: 'year' | 'month' | 'today') => ({ year: '$1', month: '$2', today: '$3' })[k]).replace('sum(n)', 'sum(n)::int'), [p.year, p.month, p.today]),
    names,
    documents,
    today: q.today,
    agencies,
  });
}
