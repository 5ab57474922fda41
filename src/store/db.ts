/**
 * Opening the store and writing records. One writer; every document is replaced in
 * one transaction, so a crash leaves either the old record or the new one.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import type { ExtractionRecord } from '../../schemas/record.js';
import { fold } from '../normalise/unicode.js';
import type { StoreRow } from './rows.js';

export type DB = Database.Database;

export class StoreError extends Error {}

export function openStore(file: string, opts: { readonly?: boolean } = {}): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: DB;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    db.pragma('busy_timeout = 5000');
    // check every b-tree page as it is read: a damaged page stops the command (SQLITE_CORRUPT)
    // instead of being written over
    db.pragma('cell_size_check = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new StoreError(`${file}: the store was written by a newer congvan (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade congvan`);
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db, version);
    }
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const msg = (e as Error).message;
    if (/not a database|malformed|file is encrypted/i.test(msg)) throw new StoreError(`${file}: not a congvan store or the database file is corrupted (${msg}); move it aside and ingest again`);
    if ((e as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new StoreError(`${file}: cannot open the store: ${fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ? 'it is a folder, not a database file' : msg}`);
    }
    throw e;
  }
  return db;
}

function migrate(db: DB, from: number) {
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function foldForIndex(s: string): string {
  return fold(s);
}

export { taskKey, toStoreRow, type StoreRow } from './rows.js';

export type WriteResult = 'inserted' | 'replaced' | 'unchanged';

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

  constructor(private db: DB) {
    this.getDoc = db.prepare('SELECT id, sha256 FROM documents WHERE path = ?');
    this.taskIds = db.prepare('SELECT id FROM tasks WHERE document_id = ?').pluck();
    this.delTaskFts = db.prepare('DELETE FROM tasks_fts WHERE rowid = ?');
    this.delDocFts = db.prepare('DELETE FROM documents_fts WHERE rowid = ?');
    this.delDoc = db.prepare('DELETE FROM documents WHERE id = ?');
    this.insDoc = db.prepare(`INSERT INTO documents (path, file, record_id, sha256, format, type, number, symbol, issuer, place, date, subject,
      signer_name, signer_position, signer_authority, record_json, text, ingested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insTask = db.prepare(`INSERT INTO tasks (document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_text, deadline_rule, span_start, span_end, page)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.getAgency = db.prepare('SELECT id FROM agencies WHERE canonical = ?').pluck();
    this.insAgency = db.prepare('INSERT INTO agencies (canonical, folded) VALUES (?, ?)');
    this.insTaskAgency = db.prepare('INSERT OR IGNORE INTO task_agencies (task_id, agency_id, role, name) VALUES (?, ?, ?, ?)');
    this.insCitation = db.prepare('INSERT OR IGNORE INTO citations (document_id, ref, kind, date, issuer) VALUES (?, ?, ?, ?, ?)');
    this.insTaskFts = db.prepare('INSERT INTO tasks_fts (rowid, text, agencies) VALUES (?, ?, ?)');
    this.insDocFts = db.prepare('INSERT INTO documents_fts (rowid, subject, issuer, text) VALUES (?, ?, ?, ?)');
  }

  /** Is this exact content already stored for this path? */
  unchanged(filePath: string, sha256: string): boolean {
    const row = this.getDoc.get(filePath) as { sha256: string } | undefined;
    return row?.sha256 === sha256;
  }

  private agencyId(a: { canonical: string; folded: string }): number {
    const id = this.getAgency.get(a.canonical) as number | undefined;
    if (id !== undefined) return id;
    return Number(this.insAgency.run(a.canonical, a.folded).lastInsertRowid);
  }

  /** Write one document's rows (call inside a transaction): nothing but inserts here. */
  write(r: StoreRow, filePath: string): WriteResult {
    const old = this.getDoc.get(filePath) as { id: number; sha256: string } | undefined;
    if (old && old.sha256 === r.sha256) return 'unchanged';
    if (old) {
      for (const id of this.taskIds.all(old.id) as number[]) this.delTaskFts.run(id);
      this.delDocFts.run(old.id);
      this.delDoc.run(old.id);
    }
    const docId = Number(
      this.insDoc.run(filePath, r.file, r.recordId, r.sha256, r.format, r.type, r.number, r.symbol, r.issuer, r.place, r.date, r.subject,
        r.signerName, r.signerPosition, r.signerAuthority, r.recordJson, r.text, new Date().toISOString()).lastInsertRowid,
    );
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
    return old ? 'replaced' : 'inserted';
  }
}

export function startRun(db: DB): number {
  return Number(db.prepare('INSERT INTO runs (started_at) VALUES (?)').run(new Date().toISOString()).lastInsertRowid);
}

export function finishRun(db: DB, id: number, c: { files: number; ingested: number; unchanged: number; failed: number }) {
  db.prepare('UPDATE runs SET finished_at = ?, files = ?, ingested = ?, unchanged = ?, failed = ? WHERE id = ?').run(new Date().toISOString(), c.files, c.ingested, c.unchanged, c.failed, id);
}

export function recordFailure(db: DB, runId: number | null, p: string, stage: string, reason: string) {
  db.prepare('INSERT INTO failures (run_id, path, stage, reason, at) VALUES (?, ?, ?, ?, ?)').run(runId, p, stage, reason, new Date().toISOString());
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
