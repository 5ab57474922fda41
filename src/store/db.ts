/**
 * Opening the store and writing records. One writer; every document is replaced in
 * one transaction, so a crash leaves either the old record or the new one.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { assignRecordId, identityKey, withRecordId } from './identity.js';
import type { ExtractionRecord } from '../../schemas/record.js';
import { fold } from '../normalise/unicode.js';
import type { StoreRow } from './rows.js';
import { SqliteCounts, emptyTally } from './counts.js';
import { rulesId } from './rules.js';

export type DB = Database.Database;

export class StoreError extends Error {}

/** The tables congvan's first schema made: a store made before PRAGMA application_id marked them. */
const LEGACY_TABLES = ['documents', 'tasks', 'agencies', 'task_agencies', 'citations', 'completions', 'runs', 'failures', 'tasks_fts', 'documents_fts'];

/**
 * Open a store. A writer (the default) sets up a new or empty file, migrates an older
 * store, and refuses a file that is not congvan's before anything is written to it. A reader
 * (`readonly`) never writes; on read-only media it reads a copy of the file in memory.
 */
export function openStore(file: string, opts: { readonly?: boolean } = {}): DB {
  const readonly = opts.readonly ?? false;
  if (file !== ':memory:' && !readonly) writable(file);
  let db: DB | undefined;
  try {
    db = readonly ? openReader(file) : new Database(file);
    db.pragma('busy_timeout = 5000');
    // check every b-tree page as it is read: a damaged page stops the command (SQLITE_CORRUPT)
    // instead of being written over
    db.pragma('cell_size_check = ON');
    // nothing is written before the file is known to be a congvan store (or empty)
    const owner = ownerOf(db, file);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new StoreError(`${file}: the store was written by a newer congvan (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade congvan`);
    if (!readonly) {
      useWal(db);
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      if (version < SCHEMA_VERSION || owner !== 'ours') migrate(db, file);
      // every writer writes completions (done, reopen): a cheap check; ingest checks every
      // table it writes (Writer, startRun)
      ensureSound(db, ['completions']);
    }
  } catch (e) {
    try {
      db?.close();
    } catch {
      /* already closed */
    }
    throw storeError(file, e);
  }
  return db;
}

/**
 * Switch a store to WAL. The switch needs the file to itself, and SQLite answers SQLITE_BUSY
 * at once, without waiting out busy_timeout, while another connection is making the same
 * switch or reading the new file: several first opens of a new store at once (two ingests,
 * a worker and a server) would fail. So wait and try again, for as long as busy_timeout.
 */
function useWal(db: DB, waitMs = 5000) {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if (!/^SQLITE_BUSY/.test(String((e as { code?: unknown }).code)) || Date.now() >= until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 20);
    }
  }
}

/** The error of a failed open or write, naming the file; other errors as they are. */
export function storeError(file: string, e: unknown): unknown {
  if (e instanceof StoreError) return e;
  const msg = String((e as Error)?.message ?? e);
  const code = String((e as { code?: unknown })?.code ?? '');
  if (/not a database|malformed|file is encrypted/i.test(msg) || /^SQLITE_(NOTADB|CORRUPT)/.test(code)) {
    return new StoreError(`${file}: not a congvan store or the database file is corrupted (${msg}); move it aside and ingest again`);
  }
  if (/^SQLITE_READONLY/.test(code) || /^E(ROFS|ACCES|PERM)$/.test(code)) {
    return new StoreError(`${file}: the store cannot be written (${msg}): it is on read-only media or not writable by this user. search, export and serve can read it there; to ingest or mark tasks done, copy it to a writable folder and give that as --db`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new StoreError(`${file}: cannot open the store: ${fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ? 'it is a folder, not a database file' : msg}`);
  }
  return e;
}

/** A writer needs to write the file and, for SQLite's -wal and -shm files, its folder. */
function writable(file: string) {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw storeError(file, e);
  }
  for (const p of [dir, file]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        throw new StoreError(`${file}: the store cannot be written: ${p === dir ? `its folder ${dir}` : 'the file'} is ${code === 'EROFS' ? 'on a read-only file system' : 'not writable by this user'}. search, export and serve can read it there; to ingest or mark tasks done, copy it to a writable folder and give that as --db`);
      }
      throw e;
    }
  }
}

/**
 * A reading connection. On read-only media SQLite cannot open a WAL store (it needs its
 * -shm file beside it); then the file is read into memory and opened from there, as a
 * rollback-journal database (bytes 18-19 of the header, in the copy only).
 */
function openReader(file: string): DB {
  let db: DB | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('user_version', { simple: true }); // the first read opens the -shm
    return db;
  } catch (e) {
    db?.close();
    if ((e as { code?: string }).code !== 'SQLITE_CANTOPEN' || !fs.statSync(file, { throwIfNoEntry: false })?.isFile() || canWrite(path.dirname(path.resolve(file)))) throw e;
  }
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) throw new StoreError(`${file}: cannot read the store here: its folder is not writable and its -wal file holds changes not yet in the file; copy the store with its -wal file to a writable folder`);
  const size = fs.statSync(file).size;
  if (size > 2 ** 31) throw new StoreError(`${file}: cannot read the store here: its folder is not writable (read-only media) and it is too large to read into memory (${Math.round(size / 2 ** 20)} MB); copy it to a writable folder`);
  const buf = fs.readFileSync(file);
  if (buf.length >= 100 && buf.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') buf[18] = buf[19] = 1;
  return new Database(buf, { readonly: true });
}

function canWrite(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whose file is it: congvan's (its application id), congvan's from before the mark (its
 * tables), or empty; anything else is refused before a byte of it is written.
 */
function ownerOf(db: DB, file: string): 'ours' | 'legacy' | 'empty' {
  // one read transaction: another command making the store meanwhile is seen before or after, never halfway
  const { appId, objects, version } = db.transaction(() => ({
    appId: db.pragma('application_id', { simple: true }) as number,
    objects: db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").pluck().all() as string[],
    version: db.pragma('user_version', { simple: true }) as number,
  }))();
  if (appId === APPLICATION_ID) return 'ours';
  if (appId === 0 && objects.length === 0 && version === 0) return 'empty';
  if (appId === 0 && version >= 1 && version <= SCHEMA_VERSION && LEGACY_TABLES.every((t) => objects.includes(t))) return 'legacy';
  const what = appId !== 0 ? `its application id is ${appId}` : `it holds ${objects.length} table${objects.length === 1 ? '' : 's'}${objects.length ? ` (${objects.slice(0, 4).join(', ')}${objects.length > 4 ? ', ...' : ''})` : ''}${version ? ` at user version ${version}` : ''}`;
  throw new StoreError(`${file}: not a congvan store: it is another program's SQLite database (${what}); congvan left it untouched. Give --db a new file name`);
}

/**
 * Bring the store to this schema in one BEGIN IMMEDIATE transaction: the version is read
 * again inside it, so two commands opening a new store at once do not both create it.
 */
function migrate(db: DB, file: string) {
  db.exec('BEGIN IMMEDIATE');
  try {
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > SCHEMA_VERSION) throw new StoreError(`${file}: the store was written by a newer congvan (schema ${from}, this one knows ${SCHEMA_VERSION}); upgrade congvan`);
    // a migration rewrites rows: never over damaged pages
    if (from > 0 && from < SCHEMA_VERSION) ensureSound(db);
    for (let v = from; v < MIGRATIONS.length; v++) {
      const m = MIGRATIONS[v]!;
      if (typeof m === 'string') db.exec(m);
      else m(db);
    }
    if (from < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

const checked = new WeakMap<DB, Set<string>>();

/**
 * Refuse to write over damaged pages: SQLite's quick_check of the tables a write touches
 * (all of them by default: what ingest writes), once per connection. SQLite reads pages
 * lazily, so a write to a store with damaged pages elsewhere in a table or an index would
 * otherwise go through, and add to the damage.
 */
export function ensureSound(db: DB, tables?: string[]) {
  let seen = checked.get(db);
  if (!seen) checked.set(db, (seen = new Set()));
  const all = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
  const wanted = (tables ?? all).filter((t) => all.includes(t) && !seen.has(t));
  const problems: string[] = [];
  for (const t of wanted) {
    let rows: string[];
    try {
      rows = db.prepare(`PRAGMA quick_check("${t.replace(/"/g, '""')}")`).pluck().all() as string[];
    } catch (e) {
      rows = [String((e as Error).message)];
    }
    if (rows.length !== 1 || rows[0] !== 'ok') problems.push(...rows.filter((r) => r !== 'ok'));
    else seen.add(t);
  }
  if (problems.length) {
    throw new StoreError(
      `${db.name}: the database file is damaged (${problems[0]!.replace(/\s+/g, ' ').trim()}${problems.length > 1 ? `, and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}` : ''}); congvan will not write to it. Keep a copy; search and export can still read what is intact. To go on, save what is readable with sqlite3 (sqlite3 ${db.name} .recover | sqlite3 recovered.db) or move the file aside and ingest the documents again`,
    );
  }
}

export function foldForIndex(s: string): string {
  return fold(s);
}

export { taskKey, toStoreRow, type StoreRow } from './rows.js';

export type WriteResult = 'inserted' | 'replaced' | 'unchanged';

/** What the last Writer.write did with the record id. */
export interface Assigned {
  /** The record id the file is stored under. */
  id: string;
  /** It is not the id the record came with: its JSON was rewritten with this one. */
  changed: boolean;
  /** The id the path was stored under before, when that was another one. */
  previous: string | null;
}

export class Writer {
  private getDoc;
  private delDoc;
  private insDoc;
  private insTask;
  private insAgency;
  private getAgency;
  private insTaskAgency;
  private insCitation;
  private insTaskFts;
  private delTaskFts;
  private insDocFts;
  private delDocFts;
  private taskIds;
  private sameIdent;
  private formats;
  private counts;
  /** The record id given by the last write (see Assigned). */
  last: Assigned | null = null;

  constructor(private db: DB) {
    // ingest writes every table: never over damaged pages
    ensureSound(db);
    this.getDoc = db.prepare('SELECT id, sha256, rules, record_id FROM documents WHERE path = ?');
    this.taskIds = db.prepare('SELECT id FROM tasks WHERE document_id = ?').pluck();
    this.delTaskFts = db.prepare('DELETE FROM tasks_fts WHERE rowid = ?');
    this.delDocFts = db.prepare('DELETE FROM documents_fts WHERE rowid = ?');
    this.delDoc = db.prepare('DELETE FROM documents WHERE id = ?');
    this.insDoc = db.prepare(`INSERT INTO documents (path, file, record_id, ident, sha256, rules, format, type, number, symbol, issuer, place, date, subject,
      signer_name, signer_position, signer_authority, record_json, text, ingested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insTask = db.prepare(`INSERT INTO tasks (document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_text, deadline_rule, span_start, span_end, page)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.getAgency = db.prepare('SELECT id FROM agencies WHERE canonical = ?').pluck();
    this.insAgency = db.prepare('INSERT INTO agencies (canonical, folded) VALUES (?, ?)');
    this.insTaskAgency = db.prepare('INSERT OR IGNORE INTO task_agencies (task_id, agency_id, role, name) VALUES (?, ?, ?, ?)');
    this.insCitation = db.prepare('INSERT OR IGNORE INTO citations (document_id, ref, kind, date, issuer) VALUES (?, ?, ?, ?, ?)');
    this.insTaskFts = db.prepare('INSERT INTO tasks_fts (rowid, text, agencies) VALUES (?, ?, ?)');
    this.insDocFts = db.prepare('INSERT INTO documents_fts (rowid, subject, issuer, text) VALUES (?, ?, ?, ?)');
    this.sameIdent = db.prepare('SELECT record_id AS recordId, format, text FROM documents WHERE ident = ? ORDER BY id LIMIT 50');
    this.formats = db.prepare('SELECT format FROM documents WHERE record_id = ?').pluck();
    this.counts = new SqliteCounts(db);
  }

  /** Is this exact content already stored for this path, read by the same rules (src/store/rules.ts)? */
  unchanged(filePath: string, sha256: string): boolean {
    const row = this.getDoc.get(filePath) as { sha256: string; rules: string | null } | undefined;
    return row?.sha256 === sha256 && row.rules === rulesId();
  }

  private agencyId(a: { canonical: string; folded: string }): number {
    const id = this.getAgency.get(a.canonical) as number | undefined;
    if (id !== undefined) return id;
    return Number(this.insAgency.run(a.canonical, a.folded).lastInsertRowid);
  }

  /**
   * Write one document's rows (call inside a transaction). The file is stored under the
   * record id of the document it is a rendition of, or an id no other document holds
   * (./identity.ts); `last` says which, and whether the record was given another id.
   */
  write(r: StoreRow, filePath: string): WriteResult {
    const old = this.getDoc.get(filePath) as { id: number; sha256: string; rules: string | null; record_id: string } | undefined;
    this.last = null;
    if (old && old.sha256 === r.sha256 && old.rules === rulesId()) {
      this.last = { id: old.record_id, changed: false, previous: null };
      return 'unchanged';
    }
    // the counts (./counts.ts) of the record ids this write touches, before and after it
    const before = emptyTally();
    if (old) {
      this.counts.read([old.record_id], before);
      for (const id of this.taskIds.all(old.id) as number[]) this.delTaskFts.run(id);
      this.delDocFts.run(old.id);
      this.delDoc.run(old.id);
    }
    const ident = identityKey(r);
    const id = assignRecordId(r, filePath, old?.record_id ?? null, ident, {
      sameIdentity: (k) => this.sameIdent.all(k) as { recordId: string; format: string; text: string }[],
      formatsOf: (x) => this.formats.all(x) as string[],
    });
    if (id !== old?.record_id) this.counts.read([id], before);
    const recordJson = id === r.recordId ? r.recordJson : withRecordId(r.recordJson, id);
    const docId = Number(
      this.insDoc.run(filePath, r.file, id, ident, r.sha256, rulesId(), r.format, r.type, r.number, r.symbol, r.issuer, r.place, r.date, r.subject,
        r.signerName, r.signerPosition, r.signerAuthority, recordJson, r.text, new Date().toISOString()).lastInsertRowid,
    );
    this.last = { id, changed: id !== r.recordId, previous: old && old.record_id !== id ? old.record_id : null };
    this.insDocFts.run(docId, r.fts.subject, r.fts.issuer, r.fts.text);
    for (let i = 0; i < r.tasks.length; i++) {
      const t = r.tasks[i]!;
      const taskId = Number(
        this.insTask.run(docId, i + 1, t.key, t.label, t.path, t.text, t.deadlineKind, t.deadlineDate, t.deadlineText, t.deadlineRule, t.spanStart, t.spanEnd, t.page).lastInsertRowid,
      );
      for (const a of t.agencies) this.insTaskAgency.run(taskId, this.agencyId(a), a.role, a.name);
      this.insTaskFts.run(taskId, t.ftsText, t.ftsAgencies);
    }
    for (const c of r.citations) this.insCitation.run(docId, c.ref, c.kind, c.date, c.issuer);
    this.counts.apply(before, this.counts.read(old ? [old.record_id, id] : [id]));
    return old ? 'replaced' : 'inserted';
  }
}

export function startRun(db: DB): number {
  ensureSound(db);
  return Number(db.prepare('INSERT INTO runs (started_at) VALUES (?)').run(new Date().toISOString()).lastInsertRowid);
}

export function finishRun(db: DB, id: number, c: { files: number; ingested: number; unchanged: number; failed: number }) {
  db.prepare('UPDATE runs SET finished_at = ?, files = ?, ingested = ?, unchanged = ?, failed = ? WHERE id = ?').run(new Date().toISOString(), c.files, c.ingested, c.unchanged, c.failed, id);
}

export function recordFailure(db: DB, runId: number | null, p: string, stage: string, reason: string, code: string | null = null) {
  db.prepare('INSERT INTO failures (run_id, path, stage, reason, at, code) VALUES (?, ?, ?, ?, ?, ?)').run(runId, p, stage, reason, new Date().toISOString(), code);
}

export function getRecord(db: DB, idOrFile: string): ExtractionRecord | null {
  const row = (db.prepare('SELECT record_json FROM documents WHERE record_id = ? OR file = ? OR path = ? OR CAST(id AS TEXT) = ? ORDER BY id DESC LIMIT 1').get(idOrFile, idOrFile, idOrFile, idOrFile)) as { record_json: string } | undefined;
  return row ? (JSON.parse(row.record_json) as ExtractionRecord) : null;
}

export function allRecords(db: DB): IterableIterator<ExtractionRecord> {
  const it = db.prepare('SELECT record_json FROM documents ORDER BY record_id, id').iterate() as IterableIterator<{ record_json: string }>;
  return (function* () {
    for (const r of it) yield JSON.parse(r.record_json) as ExtractionRecord;
  })();
}
