/**
 * `congvan ingest` runs its batch on a thread of its own (pipelines/batch.ts, issue 14's
 * memory: the thread's heap has limits the main thread's cannot be given from inside the
 * command): the same store, records, events and summary as the batch run in the calling
 * thread; Ctrl-C (the signal) and a store that cannot be opened behave as before.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest, type IngestEvent } from '../../pipelines/ingest.js';
import { ingestOnThread, BATCH_YOUNG_MB, BATCH_OLD_MB } from '../../pipelines/batch.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';
import { ROOT } from '../../scripts/build.mjs';
import { jsonFolder, storeState } from './helpers.js';

const TXT = STEMS.map((s) => path.join(CORPUS, `${s}.txt`));
const strip = (e: IngestEvent) => ({ ...e, ms: 0 });

describe('the batch on its own thread', () => {
  it('gives the same store, records, events and summary as the batch in this thread', async () => {
    const dir = tmpDir('congvan-thread-');
    const here: IngestEvent[] = [];
    const there: IngestEvent[] = [];
    const totals: number[] = [];
    const a = await ingest(TXT, { db: path.join(dir, 'a.db'), json: path.join(dir, 'ja'), jobs: 2, onResult: (e) => here.push(e) });
    const b = await ingestOnThread(TXT, { db: path.join(dir, 'b.db'), json: path.join(dir, 'jb'), jobs: 2, onResult: (e) => there.push(e), onTotal: (n) => totals.push(n) });
    expect(b).toMatchObject({ files: 5, ingested: 5, failed: 0, tasks: a.tasks, stopped: false });
    expect(totals).toEqual([5]);
    const byFile = (es: IngestEvent[]) => es.map(strip).sort((x, y) => x.file.localeCompare(y.file));
    expect(byFile(there)).toEqual(byFile(here));
    expect(jsonFolder(path.join(dir, 'jb'))).toEqual(jsonFolder(path.join(dir, 'ja')));
    expect(storeState(path.join(dir, 'b.db'))).toEqual(storeState(path.join(dir, 'a.db')));
    expect(BATCH_YOUNG_MB).toBeLessThan(48);
    expect(BATCH_OLD_MB).toBeGreaterThan(0);
  });

  it('stops when the signal is given, as the batch in this thread does', async () => {
    const dir = tmpDir('congvan-thread-stop-');
    const ac = new AbortController();
    ac.abort();
    const s = await ingestOnThread(TXT, { db: path.join(dir, 's.db'), json: null, jobs: 2, signal: ac.signal });
    expect(s).toMatchObject({ stopped: true, ingested: 0 });
  });

  it('rejects with the batch\'s own error when the store cannot be opened', async () => {
    const dir = tmpDir('congvan-thread-bad-');
    const db = path.join(dir, 'not-a-store.db');
    fs.writeFileSync(db, 'this is not SQLite '.repeat(300));
    const here = await ingest(TXT, { db, json: null, jobs: 2 }).then(() => null, (e: Error & { code?: string }) => e);
    const there = await ingestOnThread(TXT, { db, json: null, jobs: 2 }).then(() => null, (e: Error & { code?: string }) => e);
    expect(here).not.toBeNull();
    expect(there?.message).toBe(here!.message);
    expect(there?.code).toBe(here!.code);
  });
});

/** The built chunks a dist/ module loads before its code runs (its static imports, transitively). */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const src = fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8');
  for (const m of src.matchAll(/^(?:import|export)\s[^;]*?from\s+"\.\/([^"]+)"|^import\s+"\.\/([^"]+)"/gm)) staticGraph((m[1] ?? m[2])!, seen);
  return seen;
}
const loads = (file: string, marker: string) => [...staticGraph(file)].some((f) => fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8').includes(marker));

describe('start-up (issue 14)', () => {
  // the stages' code (parsers, extraction) runs in the pool's workers: the command's main thread and
  // the batch thread do not load it (the batch thread's graph: 304 -> 112 KB of built modules)
  it("the batch thread and `congvan ingest`'s main thread do not load the stages' code; a pool worker does", () => {
    const worker = fs.readFileSync(path.join(ROOT, 'dist', 'worker.mjs'), 'utf8');
    const batch = /import\("\.\/([^"]+)"\)\)\.serveBatch/.exec(worker)?.[1];
    const command = /import\("\.\/([^"]+)"\)\)\.ingestCommand/.exec(fs.readFileSync(path.join(ROOT, 'dist', 'cli.mjs'), 'utf8'))?.[1];
    const jobs = /processBuffer \}.*?import\("\.\/([^"]+)"\)/.exec(worker)?.[1];
    expect([batch, command, jobs].every(Boolean)).toBe(true);
    const marker = 'function extractTasks(';
    expect(loads(jobs!, marker)).toBe(true);
    expect(loads('worker.mjs', marker)).toBe(false);
    expect(loads(batch!, marker)).toBe(false);
    expect(loads(command!, marker)).toBe(false);
  });
});
