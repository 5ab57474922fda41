/**
 * The SQLite store: schema and migrations, versioned with PRAGMA user_version, and marked
 * as congvan's with PRAGMA application_id (so another program's database given as --db is
 * refused, never taken over). Text in the FTS index is folded (no marks, đ -> d) so searches
 * work with or without diacritics; the original text is kept in the tables.
 */
import type Database from 'better-sqlite3';
import { assignRecordId, identityKey, withRecordId } from './identity.js';
import { SQLITE_COUNTS_SQL, SQLITE_AGENCY_COUNTS_SQL, SqliteCounts } from './counts.js';
import { OFFICE_AUDIT_SQL, OFFICE_LOGIN_SQL, OFFICE_REGISTER_SQL, OFFICE_USERS_SQL } from './office.js';

/** PRAGMA application_id of a congvan store: 'CGVN'. */
export const APPLICATION_ID = 0x4347564e;

/** A step: SQL, or a function run inside the migration's transaction. */
export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: Migration[] = [
  // v1
  `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    record_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    type TEXT, number TEXT, symbol TEXT, issuer TEXT, place TEXT, date TEXT, subject TEXT,
    signer_name TEXT, signer_position TEXT, signer_authority TEXT,
    record_json TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX documents_record_id ON documents(record_id);
  CREATE INDEX documents_sha ON documents(sha256);
  CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    task_key TEXT NOT NULL,
    label TEXT NOT NULL,
    path TEXT NOT NULL,
    text TEXT NOT NULL,
    deadline_kind TEXT,
    deadline_date TEXT,
    deadline_text TEXT,
    deadline_rule TEXT,
    span_start INTEGER, span_end INTEGER, page INTEGER,
    UNIQUE(document_id, seq)
  );
  CREATE INDEX tasks_due ON tasks(deadline_date);
  CREATE INDEX tasks_key ON tasks(task_key);
  CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL UNIQUE,
    folded TEXT NOT NULL
  );
  CREATE INDEX agencies_folded ON agencies(folded);
  CREATE TABLE task_agencies (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    name TEXT NOT NULL,
    PRIMARY KEY (task_id, agency_id, role)
  );
  CREATE INDEX task_agencies_agency ON task_agencies(agency_id, role);
  CREATE TABLE citations (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    kind TEXT, date TEXT, issuer TEXT,
    PRIMARY KEY (document_id, ref)
  );
  CREATE INDEX citations_ref ON citations(ref);
  CREATE TABLE completions (
    document_record_id TEXT NOT NULL,
    task_key TEXT NOT NULL,
    done_on TEXT NOT NULL,
    PRIMARY KEY (document_record_id, task_key)
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    files INTEGER NOT NULL DEFAULT 0,
    ingested INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    path TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE VIRTUAL TABLE tasks_fts USING fts5(text, agencies, tokenize = 'unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE documents_fts USING fts5(subject, issuer, text, tokenize = 'unicode61 remove_diacritics 2');
  `,
  // v2: indexes for search (src/query): deadline kind filters in date order, the rules of
  // recurring deadlines (status "due soon"), agency filters answered from the index alone.
  `
  CREATE INDEX IF NOT EXISTS tasks_kind_due ON tasks(deadline_kind, deadline_date);
  CREATE INDEX IF NOT EXISTS tasks_rule ON tasks(deadline_rule) WHERE deadline_rule IS NOT NULL;
  CREATE INDEX IF NOT EXISTS task_agencies_agency_task ON task_agencies(agency_id, role, task_id);
  `,
  // v3: indexes for search by status at scale (src/query/search.ts), no trigger (a trigger
  // on tasks would give every insert a statement journal, and FTS5 flushes its pending index
  // at each one).
  // - tasks_doc_key: the tasks a completion marks, by document and key (a task key alone is
  //   not unique: a common first sentence gives thousands of tasks the same key).
  // - tasks_status: what the status and the filters read of a task, by its id: a narrow copy
  //   of the wide rows (their text), read instead of them when a plan needs only these.
  // - documents_id_record: a document's record id by its id (for its completions), without
  //   reading the wide row (its record JSON and text).
  `
  CREATE INDEX IF NOT EXISTS tasks_doc_key ON tasks(document_id, task_key);
  CREATE INDEX IF NOT EXISTS tasks_status ON tasks(id, deadline_kind, deadline_date, deadline_rule, document_id, task_key);
  CREATE INDEX IF NOT EXISTS documents_id_record ON documents(id, record_id);
  `,
  // v4: a record id names one document, not a file name (./identity.ts). Stores before it
  // gave every file its stem as record id, so files of the same name in other folders were
  // merged as renditions and hid each other. Every file is given its id again as the Writer
  // gives it; the renamed ids are kept in record_renames until a JSON folder is brought in
  // line (src/engine/sink.ts, recoverJsonDir).
  (db) => {
    db.exec(`
      ALTER TABLE documents ADD COLUMN ident TEXT;
      CREATE INDEX documents_ident ON documents(ident);
      CREATE TABLE IF NOT EXISTS record_renames (old_id TEXT NOT NULL, new_id TEXT NOT NULL, PRIMARY KEY (old_id, new_id));
    `);
    reassignRecordIds(db);
  },
  // v5: accounts for congvan serve and their sessions (./office.ts)
  OFFICE_USERS_SQL,
  // v6: the audit log of done, reopen, upload and account changes (./office.ts)
  OFFICE_AUDIT_SQL,
  // v7: the register of incoming documents, số đến counted per year (./office.ts)
  OFFICE_REGISTER_SQL,
  // v8: a failure's code (src/model/errors.ts: the kind of failure, which a reworded message keeps)
  `ALTER TABLE failures ADD COLUMN code TEXT;`,
  // v9: the login brake's failed logins, shared by every server on the store (./office.ts)
  OFFICE_LOGIN_SQL,
  // v10: the counts the writer keeps (./counts.ts: the page's counts over the whole store),
  // counted by v11 for a store written before
  SQLITE_COUNTS_SQL,
  // v11: the same counts by agency (./counts.ts count_agency: the counts of an agency filter);
  // every count is counted here once for a store written before
  (db) => {
    db.exec(SQLITE_AGENCY_COUNTS_SQL);
    new SqliteCounts(db).rebuild();
  },
  // v12: the rules that read each file (src/store/rules.ts): a file stored by other rules is read again, not
  // "unchanged" (a store written before has none, so every file is read once more)
  (db) => {
    if (!db.prepare("SELECT 1 FROM pragma_table_info('documents') WHERE name = 'rules'").get()) db.exec('ALTER TABLE documents ADD COLUMN rules TEXT');
  },
];

/** Give every stored file its record id by ./identity.ts, in the order they were stored. */
function reassignRecordIds(db: Database.Database) {
  type Row = { id: number; path: string; file: string; record_id: string; format: string; type: string | null; number: string | null; symbol: string | null; issuer: string | null; date: string | null; subject: string | null };
  const rows = db.prepare('SELECT id, path, file, record_id, format, type, number, symbol, issuer, date, subject FROM documents ORDER BY id').all() as Row[];
  if (!rows.length) return;
  // every row out of the way first: an id not yet given again is held by no document
  db.prepare("UPDATE documents SET record_id = char(1) || id").run();
  const text = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const same = db.prepare('SELECT record_id AS recordId, format, text FROM documents WHERE ident = ? ORDER BY id');
  const formats = db.prepare('SELECT format FROM documents WHERE record_id = ?').pluck();
  const set = db.prepare('UPDATE documents SET record_id = ?, ident = ? WHERE id = ?');
  db.function('congvan_with_id', (json: unknown, id: unknown) => withRecordId(String(json), String(id)));
  const setJson = db.prepare('UPDATE documents SET record_json = congvan_with_id(record_json, ?) WHERE id = ?');
  const renamed = db.prepare('INSERT OR IGNORE INTO record_renames (old_id, new_id) VALUES (?, ?)');
  const lookup = { sameIdentity: (k: string) => same.all(k) as { recordId: string; format: string; text: string }[], formatsOf: (id: string) => formats.all(id) as string[] };
  for (const r of rows) {
    const key = identityKey(r);
    const id = assignRecordId({ ...r, text: text.get(r.id) as string }, r.path, r.record_id, key, lookup);
    set.run(id, key, r.id);
    if (id !== r.record_id) {
      setJson.run(id, r.id);
      renamed.run(r.record_id, id);
    }
  }
  // a completion named the old id, shared by every file of that name: it goes with each
  // document now holding a task of that key
  const moved = db.prepare('SELECT c.document_record_id AS old, c.task_key AS key, c.done_on AS on_, r.new_id AS new FROM completions c JOIN record_renames r ON r.old_id = c.document_record_id').all() as { old: string; key: string; on_: string; new: string }[];
  const hasTask = db.prepare('SELECT 1 FROM documents d JOIN tasks t ON t.document_id = d.id WHERE d.record_id = ? AND t.task_key = ? LIMIT 1');
  const still = db.prepare('SELECT 1 FROM documents WHERE record_id = ? LIMIT 1');
  const add = db.prepare('INSERT OR IGNORE INTO completions (document_record_id, task_key, done_on) VALUES (?, ?, ?)');
  const drop = db.prepare('DELETE FROM completions WHERE document_record_id = ? AND task_key = ?');
  for (const m of moved) {
    if (hasTask.get(m.new, m.key)) add.run(m.new, m.key, m.on_);
    if (!still.get(m.old)) drop.run(m.old, m.key);
  }
}


export const SCHEMA_VERSION = MIGRATIONS.length;
