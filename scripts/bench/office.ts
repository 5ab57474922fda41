/**
 * The office store's benchmark (issue 15; not part of `npm test`, run by hand or
 * `npx tsx scripts/bench/office.ts`), against the PostgreSQL server of test/pg.ts
 * (CONGVAN_TEST_PG, default the local one as root):
 *
 *   ingest  --n synthetic text documents (scripts/bench/corpus.ts) submitted to the queue
 *           (`congvan ingest --queue`), then taken by 1, 2 and 3 `congvan worker` processes
 *           on this machine: documents/s from the workers' start to the run's end.
 *   search  the search bench's store of --search-n obligations (scripts/bench/search.ts,
 *           SQLite) copied row for row into PostgreSQL, then the same queries through each
 *           store's searchTasks: p50 / p95 over --runs runs, warm.
 *
 * Options: --only ingest,search  --n N (400)  --search-n N (1,000,000)  --runs N (20)
 * Results: printed as Markdown tables and written to output/bench/office.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Database from 'better-sqlite3';
import { buildCorpus } from './corpus.js';
import { buildSearchStore, QUERIES, pct } from './search.js';
import { openAnyStore, type Store } from '../../src/backend/store.js';
import { openPostgres } from '../../src/backend/postgres.js';
import { words } from '../../src/backend/postgres.js';
import { agencyKey } from '../../src/query/agency.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'output', 'bench');
const BIN = path.join(ROOT, 'bin', 'congvan.js');
const ADMIN = process.env.CONGVAN_TEST_PG ?? 'postgresql://root@/postgres?host=/var/run/postgresql';
const withDb = (name: string) => ADMIN.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);

function arg(name: string, dflt: string): string {
  const a = process.argv.slice(2);
  const k = a.indexOf(`--${name}`);
  return k >= 0 && a[k + 1] ? a[k + 1]! : dflt;
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function freshDb(name: string): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return withDb(name);
}

const cv = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`congvan ${args[0]}: ${r.stderr}`);
  return r.stdout;
};

async function ingestBench(n: number) {
  const corpus = await buildCorpus({ n, log: (s) => console.error(s) });
  const out: { workers: number; documents: number; seconds: number; perSecond: number }[] = [];
  for (const workers of [1, 2, 3]) {
    const url = await freshDb('congvan_bench_ingest');
    cv(['migrate', '--db', url]);
    cv(['ingest', corpus.files.txt, '--db', url, '--queue', '--quiet']);
    const t0 = Date.now();
    const procs = Array.from({ length: workers }, () => spawn(process.execPath, [BIN, 'worker', '--db', url, '--until-empty', '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }));
    await Promise.all(procs.map((p) => new Promise((r) => p.on('exit', r))));
    // from the workers' start to the run's last count (not to their exit: they wait for a poll to see the queue empty)
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const run = (await c.query('SELECT ingested, finished_at FROM runs ORDER BY id DESC LIMIT 1')).rows[0] as { ingested: number; finished_at: string };
    await c.end();
    const seconds = (Date.parse(run.finished_at) - t0) / 1000;
    out.push({ workers, documents: run.ingested, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round((run.ingested / seconds) * 10) / 10 });
    console.error(`ingest: ${workers} worker(s): ${run.ingested} documents in ${seconds.toFixed(1)} s`);
  }
  await admin('DROP DATABASE IF EXISTS congvan_bench_ingest WITH (FORCE)');
  return out;
}

/** The SQLite search store copied into PostgreSQL, cached by name (the rows as the Writer writes them, tsvectors made there). */
async function pgSearchStore(sqliteFile: string, n: number): Promise<string> {
  const name = `congvan_bench_search_${n}`;
  const url = withDb(name);
  try {
    const s = await openPostgres(url, { readonly: true });
    const have = (await s.pool.query('SELECT count(*)::int AS n FROM tasks')).rows[0].n;
    await s.close();
    if (have === n) return url;
  } catch {
    /* not there yet */
  }
  await freshDb(name);
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

async function time(store: Store, runs: number) {
  const out: Record<string, { p50: number; p95: number; total: number }> = {};
  for (const q of QUERIES) {
    const query = { ...q.query, today: '2024-06-15', limit: 20 };
    await store.searchTasks(query); // warm
    const ms: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = await store.searchTasks(query);
      ms.push(performance.now() - t);
      total = r.total;
    }
    ms.sort((a, b) => a - b);
    out[q.name] = { p50: Math.round(pct(ms, 50) * 10) / 10, p95: Math.round(pct(ms, 95) * 10) / 10, total };
  }
  return out;
}

async function searchBench(n: number, runs: number) {
  const s = buildSearchStore(n, OUT, (l) => console.error(l));
  const url = await pgSearchStore(s.file, n);
  const sqlite = await openAnyStore(s.file, { readonly: true });
  const postgres = await openAnyStore(url, { readonly: true });
  try {
    const a = await time(sqlite, runs);
    const b = await time(postgres, runs);
    const size = (await (postgres as unknown as { pool: pg.Pool }).pool.query('SELECT pg_database_size(current_database())::bigint AS b')).rows[0].b;
    return { n, sqliteMB: Math.round(s.bytes / 2 ** 20), postgresMB: Math.round(Number(size) / 2 ** 20), queries: QUERIES.map((q) => ({ name: q.name, sqlite: a[q.name]!, postgres: b[q.name]! })) };
  } finally {
    await sqlite.close();
    await postgres.close();
  }
}

const only = arg('only', 'ingest,search').split(',');
const results: Record<string, unknown> = { at: new Date().toISOString(), load: fs.readFileSync('/proc/loadavg', 'utf8').trim() };
if (only.includes('ingest')) {
  const r = await ingestBench(Number(arg('n', '400')));
  results.ingest = r;
  console.log('\n| workers | documents | seconds | documents/s |\n|---|---|---|---|');
  for (const x of r) console.log(`| ${x.workers} | ${x.documents} | ${x.seconds} | ${x.perSecond} |`);
}
if (only.includes('search')) {
  const r = await searchBench(Number(arg('search-n', '1000000')), Number(arg('runs', '20')));
  results.search = r;
  console.log(`\nSearch on ${r.n.toLocaleString('en')} obligations (SQLite ${r.sqliteMB} MB, PostgreSQL ${r.postgresMB} MB), limit 20, ms:\n`);
  console.log('| query | SQLite p50 | SQLite p95 | PostgreSQL p50 | PostgreSQL p95 | total (SQLite / PostgreSQL) |\n|---|---|---|---|---|---|');
  for (const q of r.queries) console.log(`| ${q.name} | ${q.sqlite.p50} | ${q.sqlite.p95} | ${q.postgres.p50} | ${q.postgres.p95} | ${q.sqlite.total} / ${q.postgres.total} |`);
}
results.loadAfter = fs.readFileSync('/proc/loadavg', 'utf8').trim();
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'office.json'), JSON.stringify(results, null, 2));
