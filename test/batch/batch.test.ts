import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ingest, type IngestEvent } from '../../pipelines/ingest.js';
import { recoverJsonDir, JOURNAL } from '../../src/engine/sink.js';
import { workerEntry } from '../../src/engine/pool.js';
import { openStore } from '../../src/store/db.js';
import { CORPUS, ROOT, STEMS, tmpDir, tsWorker } from '../helpers.js';
import { LETTERS, copies, congvan, docs, storeState, jsonFolder } from './helpers.js';

const TXT = STEMS.map((s) => path.join(CORPUS, `${s}.txt`));

describe('batch ingest on worker threads', () => {
  it('gives the same store and records with 2 workers as in one thread', async () => {
    // the workers run the built worker (dist/worker.mjs), not the TypeScript sources
    expect((await workerEntry()).href).toBe(pathToFileURL(path.join(ROOT, 'dist', 'worker.mjs')).href);
    const dir = tmpDir('congvan-jobs-');
    const one = await ingest(TXT, { db: path.join(dir, '1.db'), json: path.join(dir, 'json1'), jobs: 1 });
    const two = await ingest(TXT, { db: path.join(dir, '2.db'), json: path.join(dir, 'json2'), jobs: 2 });
    expect(one.failed).toBe(0);
    expect(two).toMatchObject({ files: 5, ingested: 5, failed: 0, tasks: one.tasks });
    expect(jsonFolder(path.join(dir, 'json2'))).toEqual(jsonFolder(path.join(dir, 'json1')));
    expect(Object.keys(jsonFolder(path.join(dir, 'json1'))).sort()).toEqual(STEMS.map((s) => `${s}.json`));
    expect(storeState(path.join(dir, '2.db'))).toEqual(storeState(path.join(dir, '1.db')));
  });

  it('records a document the store refuses as failed and keeps the others of its transaction', async () => {
    const dir = tmpDir('congvan-refused-');
    const db = path.join(dir, 's.db');
    // a store that refuses one file's row (as a constraint or a full disk would, mid-batch)
    const pre = openStore(db);
    pre.exec(`CREATE TRIGGER refuse BEFORE INSERT ON tasks WHEN (SELECT path FROM documents WHERE id = NEW.document_id) LIKE '%/002_%' AND NEW.seq = 3
      BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END`);
    pre.close();
    const events: IngestEvent[] = [];
    // one transaction for all five: 000 and 001 are written before 002 fails, 003 and 004 after
    const sum = await ingest(TXT, { db, json: path.join(dir, 'json'), jobs: 1, batchSize: 100, batchMs: 600_000, onResult: (e) => events.push(e) });
    expect(sum).toMatchObject({ files: 5, ingested: 4, failed: 1 });
    const bad = events.find((e) => e.status === 'failed')!;
    expect(bad).toMatchObject({ stage: 'store' });
    expect(path.basename(bad.file)).toMatch(/^002_/);
    expect((bad as { reason: string }).reason).toMatch(/could not be stored: refused by a test trigger/);
    const s = openStore(db, { readonly: true });
    const q = (sql: string) => s.prepare(sql).pluck().get();
    // nothing of 002 (its first two tasks were written before the refusal), the rest whole
    expect(s.prepare('SELECT file FROM documents ORDER BY file').pluck().all()).toEqual(STEMS.filter((x) => !x.startsWith('002')).map((x) => `${x}.txt`));
    expect(q('SELECT count(*) FROM tasks')).toBe(sum.tasks);
    expect(q('SELECT count(*) FROM tasks_fts')).toBe(sum.tasks);
    expect(q('SELECT count(*) FROM documents_fts')).toBe(4);
    expect(q('SELECT count(*) FROM tasks WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(0);
    expect(s.prepare('SELECT path, stage FROM failures').all()).toEqual([{ path: bad.file, stage: 'store' }]);
    s.close();
    expect(Object.keys(jsonFolder(path.join(dir, 'json'))).length).toBe(4);
  });

  it('commits a transaction once its results hold batchChars characters, however many documents fit in batchSize', async () => {
    // the writer holds a transaction's results until its commit: a bound in characters keeps a batch of long plans small
    const dir = tmpDir('congvan-batchchars-');
    const db = path.join(dir, 's.db');
    const committed: number[] = [];
    let reader: ReturnType<typeof openStore> | null = null;
    const onResult = () => {
      reader ??= openStore(db, { readonly: true });
      committed.push(reader.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    };
    // no time limit and room for all five: only the characters end a transaction, one document each
    const sum = await ingest(TXT, { db, json: path.join(dir, 'json'), jobs: 1, batchSize: 100, batchMs: 600_000, batchChars: 1, onResult });
    (reader as ReturnType<typeof openStore> | null)?.close();
    expect(sum).toMatchObject({ files: 5, ingested: 5, failed: 0 });
    // each event comes after its own commit: the store holds 1, 2, ... 5 documents
    expect(committed).toEqual([1, 2, 3, 4, 5]);
  });

  it('prints one valid JSON object per line with --json', async () => {
    const dir = tmpDir('congvan-json-');
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const missing = path.join(dir, 'gone.txt');
    const run = congvan(['ingest', ...LETTERS, path.join(dir, 'empty.txt'), missing, '--db', path.join(dir, 's.db'), '--json', '--jobs', '2']);
    const { code } = await run.exit;
    expect(code, run.stderr()).toBe(1); // two files failed
    expect(run.stderr()).toBe('');
    expect(run.lines.length).toBe(8);
    for (const line of run.lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(run.events[0]).toEqual({ event: 'start', files: 6 });
    const d = docs(run.events);
    expect(d.map((e) => path.basename(String(e.file))).sort()).toEqual([...LETTERS.map((f) => path.basename(f)), 'empty.txt', 'gone.txt'].sort());
    for (const e of d.filter((e) => e.status !== 'failed')) {
      expect(e).toMatchObject({ status: 'ingested', id: expect.any(String), type: expect.any(String), tasks: expect.any(Number), ms: expect.any(Number) });
    }
    expect(d.find((e) => e.file === path.join(dir, 'empty.txt'))).toMatchObject({ status: 'failed', stage: 'read', reason: expect.stringMatching(/empty/) });
    expect(d.find((e) => e.file === missing)).toMatchObject({ status: 'failed', stage: 'read', reason: expect.stringMatching(/no such file/) });
    expect(run.events.at(-1)).toMatchObject({ event: 'summary', files: 6, ingested: 4, failed: 2, stopped: false });
  });

  it('resumes a batch killed with SIGKILL: the store and the JSON folder end as after a clean run', async () => {
    const dir = tmpDir('congvan-kill-');
    const input = path.join(dir, 'in');
    copies(input, 200);
    // the clean run, for reference
    const clean = await ingest([input], { db: path.join(dir, 'clean.db'), json: path.join(dir, 'clean-json'), jobs: 2 });
    expect(clean).toMatchObject({ files: 200, ingested: 200, failed: 0 });

    const args = ['ingest', input, '--db', path.join(dir, 's.db'), '--records', path.join(dir, 'json'), '--json', '--jobs', '2'];
    const first = congvan(args);
    await first.until((e) => docs(e).length >= 30);
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    const before = storeState(path.join(dir, 's.db'));
    expect(before.integrity).toBe('ok');
    expect(before.documents).toBeGreaterThanOrEqual(30);
    expect(before.documents).toBeLessThan(200);

    const second = congvan(args);
    expect((await second.exit).code, second.stderr()).toBe(0);
    const d = docs(second.events);
    expect(d.length).toBe(200);
    // nothing stored by the killed run is done again
    expect(d.filter((e) => e.status === 'unchanged').length).toBe(before.documents);
    expect(d.filter((e) => e.status === 'ingested').length).toBe(200 - Number(before.documents));

    const after = storeState(path.join(dir, 's.db'));
    expect(after).toEqual(storeState(path.join(dir, 'clean.db')));
    expect(after).toMatchObject({ documents: 200, distinctPaths: 200, integrity: 'ok', foreignKeyProblems: 0 });
    expect(jsonFolder(path.join(dir, 'json'))).toEqual(jsonFolder(path.join(dir, 'clean-json')));
  }, 120_000);

  it('stops cleanly on SIGINT after the files in flight, and a second run does the rest', async () => {
    const dir = tmpDir('congvan-int-');
    const input = path.join(dir, 'in');
    // all but the first 10 files wait at a gate: the signal always comes while most of the
    // batch is still to do, however fast the machine
    for (const [i, f] of copies(input, 150).entries()) if (i >= 10) fs.renameSync(f, f.replace(/(c\d+)_/, '$1_gated_'));
    const gate = path.join(dir, 'gate');
    const env = { CONGVAN_WORKER_MODULE: tsWorker(path.join(import.meta.dirname, 'gated-worker.ts')), CONGVAN_TEST_GATE: gate };
    const args = ['ingest', input, '--db', path.join(dir, 's.db'), '--records', path.join(dir, 'json'), '--json', '--jobs', '2'];
    const first = congvan(args, { env });
    await first.until((e) => docs(e).length >= 10);
    first.child.kill('SIGINT');
    // the command says it is stopping; only then do the files in flight pass the gate
    await first.until((e) => e.some((x) => x.event === 'note' && /stopping/.test(String(x.text))));
    fs.writeFileSync(gate, '');
    const { code } = await first.exit;
    expect(code, first.stderr()).toBe(130);
    const summary = first.events.at(-1)!;
    expect(summary).toMatchObject({ event: 'summary', stopped: true });
    const stored = docs(first.events).filter((e) => e.status === 'ingested').length;
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(stored).toBeLessThan(150);
    // every document reported is stored, with its JSON record, and nothing else
    const state = storeState(path.join(dir, 's.db'));
    expect(state).toMatchObject({ documents: stored, integrity: 'ok', foreignKeyProblems: 0 });
    expect(Object.keys(jsonFolder(path.join(dir, 'json'))).length).toBe(stored);

    const second = congvan(args, { env });
    expect((await second.exit).code, second.stderr()).toBe(0);
    expect(docs(second.events).filter((e) => e.status === 'unchanged').length).toBe(stored);
    expect(storeState(path.join(dir, 's.db'))).toMatchObject({ documents: 150, integrity: 'ok' });
    expect(Object.keys(jsonFolder(path.join(dir, 'json'))).length).toBe(150);
  }, 120_000);

  it('stops and replaces a worker that hangs or crashes, marks its file failed and goes on; a slow file that reports progress is let through', async () => {
    const dir = tmpDir('congvan-flaky-');
    const input = path.join(dir, 'in');
    copies(input, 6);
    fs.copyFileSync(LETTERS[0]!, path.join(input, 'hang.txt'));
    fs.copyFileSync(LETTERS[1]!, path.join(input, 'crash.txt'));
    fs.copyFileSync(LETTERS[2]!, path.join(input, 'slow.txt'));
    const events: IngestEvent[] = [];
    const s = await ingest([input], {
      db: path.join(dir, 's.db'),
      jobs: 2,
      timeoutMs: 1500,
      firstFileGraceMs: 3000,
      workerModule: tsWorker(path.join(import.meta.dirname, 'flaky-worker.ts')),
      onResult: (e) => events.push(e),
    });
    expect(s).toMatchObject({ files: 9, ingested: 7, failed: 2 }); // slow.txt: over the limit, but moving
    const failed = Object.fromEntries(events.filter((e) => e.status === 'failed').map((e) => [path.basename(e.file), e.status === 'failed' ? e.reason : '']));
    expect(failed['hang.txt']).toMatch(/time limit of 1\.5 s/);
    expect(failed['crash.txt']).toMatch(/crashed: simulated crash/);
    const db = openStore(path.join(dir, 's.db'));
    const rows = db.prepare('SELECT path, stage FROM failures ORDER BY path').all() as { path: string; stage: string }[];
    db.close();
    expect(rows.map((r) => [path.basename(r.path), r.stage])).toEqual([['crash.txt', 'worker'], ['hang.txt', 'worker']]);
  });

  it('gives each worker a young generation of 16 MB (its resident memory), and its old-space limit', async () => {
    const dir = tmpDir('congvan-young-');
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    fs.copyFileSync(LETTERS[0]!, path.join(input, 'limits.txt'));
    const events: IngestEvent[] = [];
    await ingest([input], { db: path.join(dir, 's.db'), jobs: 2, workerModule: tsWorker(path.join(import.meta.dirname, 'flaky-worker.ts')), onResult: (e) => events.push(e) });
    const reason = events.find((e) => e.status === 'failed') as { reason: string } | undefined;
    const limits = JSON.parse(/limits (\{.*\})/.exec(reason?.reason ?? '')?.[1] ?? '{}');
    expect(limits).toMatchObject({ maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 });
  });

  it('rewrites the JSON records named in the journal and removes temporary files of a dead writer', async () => {
    const dir = tmpDir('congvan-journal-');
    const json = path.join(dir, 'json');
    await ingest(LETTERS.slice(0, 2), { db: path.join(dir, 's.db'), json, jobs: 1 });
    const id = path.basename(LETTERS[0]!, '.txt');
    const good = fs.readFileSync(path.join(json, `${id}.json`), 'utf8');
    // as a kill between the commit and the JSON write leaves it: a stale record, a journal, a temporary file
    fs.writeFileSync(path.join(json, `${id}.json`), '{"stale": true}\n');
    fs.writeFileSync(path.join(json, JOURNAL), `${id}\nnever-committed\n`);
    fs.writeFileSync(path.join(json, `${id}.json.tmp-999999`), '{');
    const db = openStore(path.join(dir, 's.db'));
    expect(recoverJsonDir(db, json)).toBe(1);
    db.close();
    expect(fs.readFileSync(path.join(json, `${id}.json`), 'utf8')).toBe(good);
    expect(fs.readdirSync(json).sort()).toEqual(LETTERS.slice(0, 2).map((f) => path.basename(f, '.txt') + '.json').sort());
  });

  it('rewrites a missing JSON record of a stored file on the next run', async () => {
    const dir = tmpDir('congvan-missing-');
    const json = path.join(dir, 'json');
    await ingest(LETTERS, { db: path.join(dir, 's.db'), json, jobs: 1 });
    const before = jsonFolder(json);
    fs.rmSync(path.join(json, path.basename(LETTERS[2]!, '.txt') + '.json'));
    const again = await ingest(LETTERS, { db: path.join(dir, 's.db'), json, jobs: 1 });
    expect(again).toMatchObject({ unchanged: 4, ingested: 0 });
    expect(jsonFolder(json)).toEqual(before);
  });

  it('--watch ingests a file written in two chunks once, after it stops growing', async () => {
    const dir = tmpDir('congvan-watch-');
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(inbox);
    const run = congvan(['ingest', '--watch', inbox, '--db', path.join(dir, 's.db'), '--json', '--jobs', '1', '--poll', '100ms', '--settle', '600ms']);
    const text = fs.readFileSync(LETTERS[1]!, 'utf8');
    const file = path.join(inbox, 'new.txt');
    await new Promise((r) => setTimeout(r, 300));
    fs.writeFileSync(file, text.slice(0, 1500));
    await new Promise((r) => setTimeout(r, 350));
    expect(docs(run.events)).toEqual([]); // not taken while it grows
    const secondChunk = Date.now();
    fs.appendFileSync(file, text.slice(1500));
    await run.until((e) => docs(e).length >= 1, 20_000);
    const tookAt = Date.now();
    expect(tookAt - secondChunk).toBeGreaterThanOrEqual(600);
    await new Promise((r) => setTimeout(r, 1000)); // it is not taken again
    run.child.kill('SIGINT');
    const { code } = await run.exit;
    expect(code, run.stderr()).toBe(0);
    const d = docs(run.events);
    expect(d).toHaveLength(1);
    const full = await ingest([LETTERS[1]!], { db: path.join(dir, 'ref.db'), jobs: 1 });
    expect(d[0]).toMatchObject({ status: 'ingested', file: file, tasks: full.tasks });
    expect(run.events.at(-1)).toMatchObject({ event: 'summary', files: 1, ingested: 1 });
  });
});
