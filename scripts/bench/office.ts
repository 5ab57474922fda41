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
import { buildCorpus } from './corpus.js';
import { buildSearchStore, QUERIES, pct } from './search.js';
import { openAnyStore, type Store } from '../../src/backend/store.js';
import { pgSearchStore, freshDb, admin, timeStats } from './pgstore.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'output', 'bench');
const BIN = path.join(ROOT, 'bin', 'congvan.js');

function arg(name: string, dflt: string): string {
  const a = process.argv.slice(2);
  const k = a.indexOf(`--${name}`);
  return k >= 0 && a[k + 1] ? a[k + 1]! : dflt;
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
    const sa = await timeStats(sqlite, runs);
    const sb = await timeStats(postgres, runs);
    const size = (await (postgres as unknown as { pool: pg.Pool }).pool.query('SELECT pg_database_size(current_database())::bigint AS b')).rows[0].b;
    return { n, sqliteMB: Math.round(s.bytes / 2 ** 20), postgresMB: Math.round(Number(size) / 2 ** 20), queries: QUERIES.map((q) => ({ name: q.name, sqlite: a[q.name]!, postgres: b[q.name]! })), stats: sa.map((x, i) => ({ name: x.name, sqlite: x, postgres: sb[i]! })) };
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
  for (const q of r.stats) console.log(`| ${q.name} | ${q.sqlite.p50.toFixed(1)} | ${q.sqlite.p95.toFixed(1)} | ${q.postgres.p50.toFixed(1)} | ${q.postgres.p95.toFixed(1)} | ${q.sqlite.total}${q.sqlite.complete ? '' : '+'} / ${q.postgres.total}${q.postgres.complete ? '' : '+'} |`);
}
results.loadAfter = fs.readFileSync('/proc/loadavg', 'utf8').trim();
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'office.json'), JSON.stringify(results, null, 2));
