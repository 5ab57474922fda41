/**
 * Searching obligations (tasks) and documents. Pure functions over a `DB`.
 *
 * Planned for large stores (a million obligations): the user's words become a safe FTS5
 * expression (./fts.ts); filters go through indexed columns (task_agencies by agency id,
 * tasks by deadline kind and date); FTS candidate sets are capped and ranked (./rank.ts: BM25's
 * k1/b without its IDF) only for those rows; snippets, agencies and statuses are computed for the returned page only.
 * Row checks (status, deadline, kind) read a task from tasks_status, a narrow index by id,
 * instead of its wide row (its text), and a document's record id from documents_id_record;
 * a store opened read-only before migration 3 has neither and reads the rows.
 * Listing all a query selects (candidateIds, up to a cap: the counts of ./stats.ts) walks a
 * date-ordered index alone and checks its rows a block at a time in id order (checkedWalk).
 *
 * Without words, results come in deadline order (dated ones first, soonest first).
 * With words, they come by that rank; when a word matches more rows than the cap, the rank is
 * taken over the newest matching rows (`capped: true`). *
 * The parts: ./types.ts (what is asked and answered), ./plan.ts (the SQLite planner),
 * ./rank.ts (ranking over folded text), ./load.ts (a page of hits), ./documents.ts
 * (documents). A PostgreSQL store answers the same types (src/backend/postgres.ts).
 */
import type { DB } from '../store/db.js';
import { parseQuery, allWordsExpression, type ParsedQuery } from './fts.js';
import { normaliseQuery, type TaskQuery, type TaskHit, type SearchResult } from './types.js';
import { state, buildPlan, wordCandidates, smallDriver, readDriver, walkByDue, countCapped } from './plan.js';
import { byDue, rankPage } from './rank.js';
import { loadTasks } from './load.js';

export * from './types.js';
export { candidateIds, storeFacts, completionOf, rulesIn } from './plan.js';
export { loadTasks } from './load.js';
export { searchDocuments, docRef, type DocumentQuery, type DocumentHit } from './documents.js';

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
    ({ ids, scores } = rankPage(c.rows, q.sort, q.offset, q.limit));
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
