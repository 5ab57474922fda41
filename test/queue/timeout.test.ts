/**
 * A queued document whose parse hangs (test/batch/flaky-worker.ts: a file named "hang..."
 * never finishes) is stopped after the worker's time limit per file, as in a batch: it is
 * recorded failed (worker.timeout), its job is completed rather than handed out again after
 * each lease, and its run finishes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT, tmpDir, tsWorker } from '../helpers.js';
import { LETTERS } from '../batch/helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';

const BIN = path.join(ROOT, 'bin', 'congvan.js');

function congvan(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe.skipIf(pgSkip !== null)(`a worker's time limit per document${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase('timeout');
    dir = tmpDir('congvan-qtimeout-');
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails a hanging document with worker.timeout, completes its job and finishes the run', async () => {
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    // a letter first (the worker thread's first file has some more time: warm-up), then the hanging one
    fs.copyFileSync(LETTERS[0]!, path.join(input, 'a.txt'));
    fs.copyFileSync(LETTERS[1]!, path.join(input, 'hang.txt'));
    expect(congvan(['migrate', '--db', db.url]).status).toBe(0);
    const sub = congvan(['ingest', input, '--db', db.url, '--queue']);
    expect(sub.stdout, sub.stderr).toMatch(/2 files: 2 queued/);

    // the default lease (15 min): without the time limit this worker would never end
    const w = congvan(['worker', '--db', db.url, '--json', '--until-empty', '--timeout', '1.5s'], { CONGVAN_WORKER_MODULE: tsWorker(path.join(ROOT, 'test', 'batch', 'flaky-worker.ts')) });
    expect(w.status, w.stderr).toBe(0);
    const out = w.stdout.trim().split('\n').map((l) => JSON.parse(l) as { path: string; status: string; stage?: string; reason?: string });
    expect(out.filter((o) => o.status !== 'taken').map((o) => [path.basename(o.path), o.status])).toEqual([['a.txt', 'ingested'], ['hang.txt', 'failed']]);
    expect(out.find((o) => o.status === 'failed')).toMatchObject({ stage: 'worker', reason: expect.stringMatching(/time limit of 1\.5 s/) });

    const report = congvan(['failures', '--db', db.url]).stdout;
    expect(report).toMatch(/2 files: 1 ingested, 0 unchanged, 1 failed/);
    expect(report).not.toMatch(/in progress/);
    const json = congvan(['failures', '--db', db.url, '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(json).toEqual([expect.objectContaining({ run: 1, stage: 'worker', code: 'worker.timeout' })]);

    // the job is completed, not left to be retried; no bytes are left waiting
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const jobs = (await c.query(`SELECT data->>'path' AS path, state FROM pgboss.job WHERE name = 'congvan-ingest' ORDER BY data->>'path'`)).rows;
      expect(jobs.map((j) => [path.basename(j.path), j.state])).toEqual([['a.txt', 'completed'], ['hang.txt', 'completed']]);
      expect((await c.query('SELECT count(*)::int AS n FROM inbox')).rows[0].n).toBe(0);
      expect((await c.query('SELECT finished_at FROM runs WHERE id = 1')).rows[0].finished_at).not.toBeNull();
    } finally {
      await c.end();
    }
  }, 120_000);
});
