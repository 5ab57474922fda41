/**
 * Files that vanish or change while a batch runs: a file deleted after it was listed, one
 * emptied, one replaced by a folder, one rewritten before it is read, and one rewritten
 * after it was stored. Each ends as a failure record or as a record of the bytes that were
 * read; the next run picks up what changed.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { ingest, type IngestEvent } from '../../pipelines/ingest.js';
import { tmpDir } from '../helpers.js';
import * as F from './fixtures.js';
import { failures } from './helpers.js';

const FILLERS = 60;

describe('files that vanish or change during the batch', () => {
  it('a failure record for a file deleted, emptied or replaced by a folder after listing; the bytes read are what is stored', async () => {
    const dir = tmpDir('congvan-faults-vanish-');
    // the fillers come first in the listing (sorted), the files the test changes last
    for (let i = 0; i < FILLERS; i++) fs.writeFileSync(path.join(dir, `a${String(i).padStart(3, '0')}.txt`), F.variedLetter(i, F.TXTS[i % 2 ? 0 : 3]!));
    const p = (n: string) => path.join(dir, n);
    for (const n of ['z-vanish.txt', 'z-empty.txt', 'z-folder.txt', 'z-change.txt']) fs.copyFileSync(F.TXTS[1]!, p(n));
    const changed = fs.readFileSync(F.TXTS[4]!, 'utf8');
    const db = path.join(dir, 's.db');
    const events: IngestEvent[] = [];
    let stored0 = '';
    const s = await ingest([dir], {
      db,
      jobs: 1,
      batchSize: 1,
      onResult: (e) => {
        events.push(e);
        if (events.length !== 1) return;
        // the first file is stored; the last ones are listed but not read yet
        fs.rmSync(p('z-vanish.txt'));
        fs.truncateSync(p('z-empty.txt'), 0);
        fs.rmSync(p('z-folder.txt'));
        fs.mkdirSync(p('z-folder.txt'));
        fs.writeFileSync(p('z-change.txt'), changed);
        // and the first one changes after it was stored
        stored0 = e.file;
        fs.appendFileSync(e.file, '\n\nPhụ lục bổ sung sau khi lưu.\n');
      },
    });
    const byName = Object.fromEntries(events.map((e) => [path.basename(e.file), e]));
    expect(byName['z-vanish.txt']).toMatchObject({ status: 'failed', stage: 'read', reason: 'the file does not exist (it may have been moved or deleted)' });
    expect(byName['z-empty.txt']).toMatchObject({ status: 'failed', stage: 'read', reason: 'the file is empty' });
    expect(byName['z-folder.txt']).toMatchObject({ status: 'failed', stage: 'read', reason: 'not a regular file' });
    expect(byName['z-change.txt']).toMatchObject({ status: 'ingested' });
    expect(s).toMatchObject({ files: FILLERS + 4, ingested: FILLERS + 1, failed: 3 });
    expect(failures(db).map((f) => path.basename(f.path)).sort()).toEqual(['z-empty.txt', 'z-folder.txt', 'z-vanish.txt']);

    // what is stored is the bytes that were read: the new z-change.txt, the old first file
    const conn = new Database(db, { readonly: true });
    const sha = (file: string) => (conn.prepare('SELECT sha256 FROM documents WHERE path = ?').get(file) as { sha256: string }).sha256;
    expect(sha(p('z-change.txt'))).toBe(crypto.createHash('sha256').update(changed).digest('hex'));
    expect(sha(stored0)).not.toBe(crypto.createHash('sha256').update(fs.readFileSync(stored0)).digest('hex'));
    conn.close();

    // the next run: the first file is replaced by its new version, the rest unchanged, the failures again
    const replaced: string[] = [];
    const again = await ingest([dir], { db, jobs: 1, onResult: (e) => e.status === 'replaced' && replaced.push(e.file) });
    expect(replaced).toEqual([stored0]);
    expect(again).toMatchObject({ unchanged: FILLERS, failed: 1 }); // z-empty.txt; z-folder.txt is a folder now (walked, empty)
    const conn2 = new Database(db, { readonly: true });
    expect((conn2.prepare('SELECT count(*) n FROM documents').get() as { n: number }).n).toBe(FILLERS + 1);
    expect((conn2.prepare('SELECT text FROM documents WHERE path = ?').get(stored0) as { text: string }).text).toContain('Phụ lục bổ sung sau khi lưu.');
    expect(conn2.pragma('integrity_check', { simple: true })).toBe('ok');
    conn2.close();
  });

  it('a file given by name that is gone before the batch starts is a failure, not a crash', async () => {
    const dir = tmpDir('congvan-faults-gone-');
    fs.copyFileSync(F.TXTS[0]!, path.join(dir, 'here.txt'));
    const db = path.join(dir, 's.db');
    const s = await ingest([path.join(dir, 'here.txt'), path.join(dir, 'gone.txt')], { db, jobs: 1 });
    expect(s).toMatchObject({ ingested: 1, failed: 1 });
    expect(failures(db)).toEqual([{ path: path.join(dir, 'gone.txt'), stage: 'read', reason: 'no such file or folder' }]);
  });
});
