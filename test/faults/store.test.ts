/**
 * A store written by a newer congvan, and damaged database files: a clear error naming the
 * file, exit status 2, and the file left as it was (never silently rewritten or replaced).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, StoreError } from '../../src/store/db.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { ingest } from '../../pipelines/ingest.js';
import { tmpDir } from '../helpers.js';
import * as F from './fixtures.js';
import { run, sha256File } from './helpers.js';

const dir = tmpDir('congvan-faults-store-');
const good = path.join(dir, 'good.db');
const NEW_FILE = F.TXTS[1]!;

/** A store in one file (WAL checkpointed and switched off), as a user would copy it. */
function settle(file: string) {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

function copyOf(name: string, edit: (buf: Buffer) => Buffer = (b) => b): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(good)));
  return file;
}

/** The file and its companions (-wal, -shm) with their hashes. */
function state(file: string) {
  return fs
    .readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(path.basename(file)))
    .sort()
    .map((f) => [f, sha256File(path.join(path.dirname(file), f))]);
}

beforeAll(async () => {
  await ingest([F.TXTS[0]!, F.TXTS[2]!], { db: good, jobs: 1 });
  settle(good);
});

describe('a store written by a newer congvan', () => {
  let newer: string;
  beforeAll(() => {
    newer = copyOf('newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    db.close();
  });

  it('openStore refuses it with a StoreError, read-only or not', () => {
    for (const readonly of [false, true]) {
      expect(() => openStore(newer, { readonly })).toThrow(StoreError);
      expect(() => openStore(newer, { readonly })).toThrow(`${newer}: the store was written by a newer congvan (schema ${SCHEMA_VERSION + 7}, this one knows ${SCHEMA_VERSION}); upgrade congvan`);
    }
  });

  it('ingest exits 2 with that message and leaves the file as it was', async () => {
    const before = state(newer);
    const r = run(['ingest', NEW_FILE, '--db', newer, '--no-records']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`congvan: ${newer}: the store was written by a newer congvan`);
    await expect(ingest([NEW_FILE], { db: newer, jobs: 1 })).rejects.toThrow(StoreError);
    expect(state(newer)).toEqual(before);
    const db = new Database(newer, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 7);
    db.close();
  });
});

describe('a damaged database file', () => {
  const damaged: [string, (b: Buffer) => Buffer][] = [
    ['random bytes', () => F.randomBytes(64 * 1024, 5)],
    ['a text file given as --db', () => fs.readFileSync(F.TXTS[0]!)],
    ['cut in half', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['a wiped header page', (b) => Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(b.readUInt16BE(16) - 16, 0xff), b.subarray(b.readUInt16BE(16))])],
  ];

  for (const [name, edit] of damaged) {
    it(`${name}: refused at open with a StoreError; ingest writes nothing`, async () => {
      const file = copyOf(`${name.replace(/\W+/g, '-')}.db`, edit);
      const before = state(file);
      for (const readonly of [false, true]) {
        expect(() => openStore(file, { readonly })).toThrow(StoreError);
        expect(() => openStore(file, { readonly })).toThrow(`${file}: not a congvan store or the database file is corrupted`);
      }
      await expect(ingest([NEW_FILE], { db: file, jobs: 1 })).rejects.toThrow(/^.+: not a congvan store or the database file is corrupted \(.+\); move it aside and ingest again$/);
      expect(state(file)).toEqual(before);
    });
  }

  it('congvan ingest on one: exit 2 and the reason on stderr', () => {
    const file = copyOf('random-cli.db', () => F.randomBytes(64 * 1024, 6));
    const r = run(['ingest', NEW_FILE, '--db', file, '--no-records']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`congvan: ${file}: not a congvan store or the database file is corrupted (file is not a database); move it aside and ingest again`);
  });

  it('pages damaged past the header: ingest stops before its first write with a clear error naming the file, nothing is stored', () => {
    // the pages of the documents table (its b-tree), found with SQLite's dbstat table
    const conn = new Database(good, { readonly: true });
    const pages = (conn.prepare("SELECT pageno FROM dbstat WHERE name = 'documents'").all() as { pageno: number }[]).map((r) => r.pageno);
    conn.close();
    expect(pages.length).toBeGreaterThan(3);
    const file = copyOf('middle.db', (b) => {
      const out = Buffer.from(b);
      const size = b.readUInt16BE(16);
      for (const p of pages) for (let i = (p - 1) * size + 8; i < p * size; i++) out[i] = (i * 131) & 0xff;
      return out;
    });
    expect(() => openStore(file).close()).not.toThrow(); // the damage is past what opening reads
    const r = run(['ingest', NEW_FILE, '--db', file, '--no-records']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    // found by the check a writer makes before its first write (src/store/db.ts, ensureSound)
    expect(r.stderr).toContain(`congvan: ${file}: the database file is damaged (`);
    expect(r.stderr).toContain('congvan will not write to it');
    expect(r.stdout).not.toMatch(/ingested/);
  });

  it('an empty file is an empty store (SQLite\'s own rule): it is set up, nothing is lost', async () => {
    const file = path.join(dir, 'empty.db');
    fs.writeFileSync(file, '');
    const s = await ingest([NEW_FILE], { db: file, jobs: 1 });
    expect(s.ingested).toBe(1);
  });

  it('a folder given as --db: a clear error', () => {
    const folder = path.join(dir, 'a folder.db');
    fs.mkdirSync(folder);
    expect(() => openStore(folder)).toThrow(`${folder}: cannot open the store: it is a folder, not a database file`);
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});
