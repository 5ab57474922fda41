/**
 * The search bench's store (./search.ts, SQLite) copied row for row into a PostgreSQL
 * database of the server of test/pg.ts (CONGVAN_TEST_PG, default the local one as root, or
 * the admin URL given), once per store version; the counts the writer keeps are counted after
 * the copy (src/backend/pgcounts.ts), as its migration counts a store written before them.
 * Used by `npm run bench -- --only search --pg URL` (scripts/bench/run.ts) and office.ts.
 */
import pg from 'pg';
import Database from 'better-sqlite3';
import { openPostgres, words } from '../../src/backend/postgres.js';
import { rebuildCounts } from '../../src/backend/pgcounts.js';
import { agencyKey } from '../../src/query/agency.js';
import type { Store } from '../../src/backend/store.js';
import { addDays } from '../../src/model/status.js';
import { SEARCH_STORE_VERSION, STATS_QUERIES, pct } from './search.js';

export const PG_ADMIN = process.env.CONGVAN_TEST_PG ?? 'postgresql://root@/postgres?host=/var/run/postgresql';
const withDb = (admin: string, name: string) => admin.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);

export async function admin(sql: string, url = PG_ADMIN) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function freshDb(name: string, url = PG_ADMIN): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, url);
  await admin(`CREATE DATABASE ${name}`, url);
  return withDb(url, name);
}

/**
 * The copy's database: `name` (default congvan_bench_search_<n>_v<version>); a copy made by
 * an older congvan is migrated (its new counts counted) rather than copied again.
 */
export async function pgSearchStore(sqliteFile: string, n: number, adminUrl = PG_ADMIN, name = `congvan_bench_search_${n}_v${SEARCH_STORE_VERSION}`): Promise<string> {
  const url = withDb(adminUrl, name);
  try {
    const t0 = performance.now();
    const s = await openPostgres(url);
    const have = (await s.pool.query('SELECT count(*)::int AS n FROM tasks')).rows[0].n;
    await s.close();
    const ms = performance.now() - t0;
    if (ms > 5000) console.error(`opened (migrated) ${name} in ${(ms / 1000).toFixed(0)} s`);
    if (have === n) return url;
  } catch {
    /* not there yet */
  }
  await freshDb(name, adminUrl);
  const store = await openPostgres(url);
  const db = new Database(sqliteFile, { readonly: true });
  const t0 = performance.now();
  const c = await store.pool.connect();
  try {
    await c.query('BEGIN');
    for (const a of db.prepare('SELECT id, canonical, folded FROM agencies').all() as { id: number; canonical: string; folded: string }[]) {
      await c.query('INSERT INTO agencies (id, canonical, folded) VALUES ($1, $2, $3)', [a.id, a.canonical, a.folded]);
    }
    const docs = db.prepare('SELECT d.*, f.subject AS fs, f.issuer AS fi, f.text AS ft FROM documents d JOIN documents_fts f ON f.rowid = d.id ORDER BY d.id').all() as Record<string, unknown>[];
    for (let i = 0; i < docs.length; i += 500) {
      const chunk = docs.slice(i, i + 500);
      const v: unknown[] = [];
      const rows = chunk.map((d) => {
        const at = v.length;
        v.push(d.id, d.path, d.file, d.record_id, d.sha256, d.format, d.type, d.number, d.symbol, d.issuer, d.place, d.date, d.subject, d.record_json, d.text, d.ingested_at,
          d.issuer ? ` ${agencyKey(String(d.issuer))} ` : '', `${words(String(d.fs))} ${words(String(d.fi))} ${words(String(d.ft))}`);
        return `(${Array.from({ length: 17 }, (_, k) => `$${at + k + 1}`).join(', ')}, strip(to_tsvector('simple', $${at + 18})))`;
      });
      await c.query(`INSERT INTO documents (id, path, file, record_id, sha256, format, type, number, symbol, issuer, place, date, subject, record_json, text, ingested_at, issuer_key, fts) VALUES ${rows.join(', ')}`, v);
    }
    const tasks = db.prepare(`SELECT t.*, f.c0 AS ft, f.c1 AS fa FROM tasks t JOIN tasks_fts_content f ON f.id = t.id ORDER BY t.id`).iterate() as IterableIterator<Record<string, unknown>>;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const v: unknown[] = [];
      const rows = batch.map((t) => {
        const at = v.length;
        v.push(t.id, t.document_id, t.seq, t.task_key, t.label, t.path, t.text, t.deadline_kind, t.deadline_date, t.deadline_text, t.deadline_rule, t.ft, t.fa, `${words(String(t.ft))} ${words(String(t.fa))}`);
        return `(${Array.from({ length: 13 }, (_, k) => `$${at + k + 1}`).join(', ')}, strip(to_tsvector('simple', $${at + 14})))`;
      });
      await c.query(`INSERT INTO tasks (id, document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_text, deadline_rule, fts_text, fts_agencies, fts) VALUES ${rows.join(', ')}`, v);
      batch = [];
    };
    let k = 0;
    for (const t of tasks) {
      batch.push(t);
      if (batch.length >= 1000) await flush();
      if (++k % 100_000 === 0) console.error(`copying to PostgreSQL: ${k.toLocaleString('en')} obligations (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await flush();
    await c.query(`INSERT INTO task_agencies (task_id, agency_id, role, name) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])`, (() => {
      const cols: [number[], number[], string[], string[]] = [[], [], [], []];
      for (const r of db.prepare('SELECT task_id, agency_id, role, name FROM task_agencies ORDER BY rowid').raw().iterate() as IterableIterator<[number, number, string, string]>) r.forEach((x, i) => (cols[i] as unknown[]).push(x));
      return cols;
    })());
    const done = db.prepare('SELECT document_record_id, task_key, done_on FROM completions').raw().all() as [string, string, string][];
    await c.query('INSERT INTO completions SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [done.map((d) => d[0]), done.map((d) => d[1]), done.map((d) => d[2])]);
    for (const t of ['documents', 'tasks', 'agencies']) await c.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
    await rebuildCounts(c);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  } finally {
    c.release();
    db.close();
    await store.close();
  }
  console.error(`copied ${n.toLocaleString('en')} obligations into PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return url;
}


/**
 * The page's counts (Store.stats: /api/stats) of STATS_QUERIES through a store, each timed
 * run counting for another day (no run answered from a cache): p50 / p95 / first ms.
 */
export async function timeStats(store: Store, runs: number, today = '2024-06-15') {
  const out: { name: string; total: number; complete: boolean; p50: number; p95: number; first: number }[] = [];
  for (const q of STATS_QUERIES) {
    let t = performance.now();
    const res = await store.stats({ ...q.query, today });
    const first = performance.now() - t;
    const ms: number[] = [];
    for (let i = 1; i <= runs + 2; i++) {
      t = performance.now();
      await store.stats({ ...q.query, today: addDays(today, i) });
      if (i > 2) ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    out.push({ name: q.name, total: res.total, complete: res.complete, p50: pct(ms, 50), p95: pct(ms, 95), first });
  }
  return out;
}
