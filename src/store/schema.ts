/**
 * The SQLite store: schema and migrations, versioned with PRAGMA user_version.
 * Text in the FTS index is folded (no marks, đ -> d) so searches work with or
 * without diacritics; the original text is kept in the tables.
 */
export const MIGRATIONS: string[] = [
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;
