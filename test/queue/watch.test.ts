/**
 * `congvan ingest --watch DIR --db postgres://...` (it refused before: "--watch needs a SQLite
 * store"): a file written into the folder is taken once it stops changing and goes through the
 * queue; without --queue the watching process stores it itself, with --queue a worker does.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { openPostgres } from '../../src/backend/postgres.js';
import { CORPUS, ROOT, STEMS, tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';

const BIN = path.join(ROOT, 'bin', 'congvan.js');

/** `congvan ingest --watch`: its JSON lines, and a promise of the first line with a status. */
function watching(args: string[]) {
  const proc = spawn(process.execPath, [BIN, 'ingest', '--watch', ...args, '--json', '--poll', '100ms', '--settle', '300ms'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c));
  const lines: { path: string; status: string; id?: string }[] = [];
  const waiting: [string, (l: { path: string; status: string; id?: string }) => void][] = [];
  readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
    const j = JSON.parse(l) as { path: string; status: string };
    lines.push(j);
    for (const [i, [s, r]] of [...waiting.entries()].reverse()) if (s === j.status) (waiting.splice(i, 1), r(j));
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc,
    lines,
    exited,
    stderr: () => err,
    first: (status: string) =>
      Promise.race([
        new Promise<{ path: string; status: string; id?: string }>((r) => {
          const seen = lines.find((l) => l.status === status);
          if (seen) r(seen);
          else waiting.push([status, r]);
        }),
        exited.then((code) => Promise.reject(new Error(`exited ${code}: ${err}`))),
      ]),
  };
}

describe.skipIf(pgSkip !== null)(`ingest --watch on PostgreSQL${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase('watch');
    dir = tmpDir('congvan-pgwatch-');
    expect(spawnSync(process.execPath, [BIN, 'migrate', '--db', db.url], { cwd: ROOT }).status).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without --queue: a file written into the folder is stored by the watching process, once, and registered', async () => {
    const inbox = path.join(dir, 'a');
    fs.mkdirSync(inbox);
    const w = watching([inbox, '--db', db.url]);
    try {
      const file = path.join(inbox, `${STEMS[0]}.txt`);
      fs.writeFileSync(file, fs.readFileSync(path.join(CORPUS, `${STEMS[0]}.txt`)));
      const done = await w.first('ingested');
      expect(done.path).toBe(file);
      w.proc.kill('SIGTERM');
      expect(await w.exited, w.stderr()).toBe(0);
    } finally {
      w.proc.kill('SIGKILL');
    }
    expect(w.lines.filter((l) => l.status === 'queued').map((l) => l.path)).toEqual([path.join(inbox, `${STEMS[0]}.txt`)]);
    const store = await openPostgres(db.url);
    try {
      expect((await store.pool.query('SELECT path FROM documents')).rows).toEqual([{ path: path.join(inbox, `${STEMS[0]}.txt`) }]);
      expect((await store.office.registerLines(null)).map((l) => l.recordId)).toEqual([STEMS[0]]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('with --queue: the watcher submits, a worker stores', async () => {
    const inbox = path.join(dir, 'b');
    fs.mkdirSync(inbox);
    const w = watching([inbox, '--db', db.url, '--queue']);
    try {
      fs.writeFileSync(path.join(inbox, `${STEMS[1]}.txt`), fs.readFileSync(path.join(CORPUS, `${STEMS[1]}.txt`)));
      expect((await w.first('queued')).path).toBe(path.join(inbox, `${STEMS[1]}.txt`));
      const r = spawnSync(process.execPath, [BIN, 'worker', '--db', db.url, '--until-empty', '--json'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`"status":"ingested","id":"${STEMS[1]}"`));
      w.proc.kill('SIGTERM');
      expect(await w.exited, w.stderr()).toBe(0);
    } finally {
      w.proc.kill('SIGKILL');
    }
    expect(w.lines.map((l) => l.status)).toEqual(['queued']);
  }, 60_000);
});
