/**
 * Workers anywhere (issue 15): files submitted to the PostgreSQL store's queue are ingested
 * by three `congvan worker` processes; one is killed with SIGKILL holding a job, mid-batch.
 * Its job is taken again once its lease has run out, and the store ends up equal to a
 * one-machine SQLite run of the same files: nothing lost, nothing stored twice, and the
 * batch's progress and end are visible (`congvan failures`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { openAnyStore, type Store } from '../../src/backend/store.js';
import type { ExtractionRecord } from '../../schemas/record.js';
import { ROOT, tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';

const BIN = path.join(ROOT, 'bin', 'congvan.js');
// the samples as text and Word, and a failing file: 11 files, 10 documents
const FILES = ['corpus/000_7a7f3f59d8dfdfb4.txt', 'corpus/001_e411c490e37ebf07.txt', 'corpus/002_a0abdb387e5f238a.txt', 'corpus/003_1d9eea9674fe7869.txt', 'corpus/004_bd6a7462ceae1b0f.txt', 'corpus/docx'];

/** Run congvan; its output, after checking its exit status. */
function congvan(args: string[], status = 0): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(status);
  return r.stdout;
}

interface Worker {
  proc: ChildProcess;
  lines: { path: string; status: string }[];
  exited: Promise<number | null>;
  /** Resolves at the first line with this status. */
  first: (status: string) => Promise<{ path: string; status: string }>;
}

function worker(url: string, env: Record<string, string> = {}): Worker {
  const proc = spawn(process.execPath, [BIN, 'worker', '--db', url, '--json', '--until-empty', '--maintenance', '1s'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Worker['lines'] = [];
  const waiting: [string, (l: { path: string; status: string }) => void][] = [];
  readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
    const j = JSON.parse(l) as { path: string; status: string };
    lines.push(j);
    for (const [i, [s, r]] of [...waiting.entries()].reverse()) if (s === j.status) (waiting.splice(i, 1), r(j));
  });
  return {
    proc,
    lines,
    exited: new Promise((r) => proc.on('exit', (code) => r(code))),
    first: (status) => {
      const seen = lines.find((l) => l.status === status);
      return seen ? Promise.resolve(seen) : new Promise((r) => waiting.push([status, r]));
    },
  };
}

/** A store's content without row ids: records by path, and what search answers. */
async function content(s: Store) {
  const records: ExtractionRecord[] = [];
  for await (const r of s.primaryRecords()) records.push(r);
  const byPath: Record<string, unknown> = {};
  for (const f of records.map((r) => r.source.file)) byPath[f] = await s.getRecord(f);
  // in ref order: rows stored in another order have other row ids, which break ties of rank and deadline
  const byRef = <T extends unknown[]>(xs: T[]) => xs.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const search = async (q: Parameters<Store['searchTasks']>[0]) => byRef((await s.searchTasks({ ...q, today: '2021-12-01', limit: 500 })).items.map((t) => [t.ref, t.status, t.score, t.lead, t.support]));
  return {
    records,
    byPath,
    words: await search({ words: 'don vi' }),
    agency: await search({ agency: 'so noi vu' }),
    overdue: await search({ status: 'overdue' }),
    documents: byRef((await s.searchDocuments({ words: 'ke hoach' })).items.map((d) => [d.recordId, d.file, d.score, d.tasks])),
  };
}

describe.skipIf(pgSkip !== null)(`three workers, one killed mid-batch${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  const procs: ChildProcess[] = [];
  beforeAll(async () => {
    db = await freshDatabase('workers');
    dir = tmpDir('congvan-workers-');
  });
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ingest every file once, as a one-machine SQLite run does', async () => {
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const files = [...FILES, path.join(dir, 'empty.txt')];
    congvan(['migrate', '--db', db.url]);
    const submitted = congvan(['ingest', ...files, '--db', db.url, '--queue', '--lease', '3s'], 1);
    expect(submitted).toMatch(/run 1: 11 files: 10 queued, 0 unchanged, 1 failed/);
    expect(congvan(['failures', '--db', db.url])).toMatch(/in progress \(queued\): 1 of 11 files done/);

    // the first worker takes a job and hangs with it; the others start while it holds it
    const a = worker(db.url, { CONGVAN_TEST_STALL_JOB: '1' });
    procs.push(a.proc);
    const held = await a.first('taken');
    const b = worker(db.url);
    const c = worker(db.url);
    procs.push(b.proc, c.proc);
    // mid-batch: another worker has stored a document
    await Promise.race([b.first('ingested'), c.first('ingested')]);
    a.proc.kill('SIGKILL');
    expect(await a.exited).toBe(null);
    // the others finish the batch, the held job too once its lease has run out
    expect(await b.exited).toBe(0);
    expect(await c.exited).toBe(0);
    const done = [...b.lines, ...c.lines].filter((l) => l.status !== 'taken');
    // the killed worker's job was done by another
    expect(done.map((l) => l.path)).toContain(held.path);
    expect(done.filter((l) => l.status === 'ingested').map((l) => l.path).sort()).toEqual([...new Set(done.map((l) => l.path))].sort());
    expect(done.filter((l) => l.status === 'ingested')).toHaveLength(10);

    const report = congvan(['failures', '--db', db.url]);
    expect(report).toMatch(/11 files: 10 ingested, 0 unchanged, 1 failed/);
    expect(report).toMatch(/empty\.txt: the file is empty \(read\)/);
    // its kind is kept (src/model/errors.ts)
    expect(congvan(['failures', '--db', db.url, '--json']).trim().split('\n').map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ run: 1, stage: 'read', code: 'read.empty' })]);

    // one machine, SQLite, the same files
    const sqlite = path.join(dir, 'one.db');
    congvan(['ingest', ...files, '--db', sqlite, '--no-records', '--jobs', '1', '--quiet'], 1); // 1: the empty file failed
    const [pgStore, one] = [await openAnyStore(db.url, { readonly: true }), await openAnyStore(sqlite, { readonly: true })];
    try {
      const [x, y] = [await content(pgStore), await content(one)];
      expect(x.records.length).toBe(5);
      expect(x).toEqual(y);
    } finally {
      await pgStore.close();
      await one.close();
    }
    // submitted again: every file is stored already
    expect(congvan(['ingest', ...FILES, '--db', db.url, '--queue'])).toMatch(/run 2: 10 files: 0 queued, 10 unchanged, 0 failed/);
  }, 120_000);
});
