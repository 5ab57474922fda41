/**
 * The store as every command sees it: one asynchronous interface, two implementations.
 *
 * - SQLite (./sqlite.ts): one file, one machine, the embedded default. Its calls run at once
 *   (better-sqlite3 is synchronous); they are wrapped in promises.
 * - PostgreSQL (./postgres.ts): an office's shared store, reached by `--db postgres://...`
 *   (or CONGVAN_DB), with ingest workers on any machine (src/queue).
 *
 * Both give the same records and the same search results for the same files: search folds
 * text the same way (no marks, đ -> d), resolves agency names the same way, judges status
 * with the same rules, and ranks the candidate rows with the same score (src/query/rank.ts).
 */
import type { ExtractionRecord } from '../../schemas/record.js';
import type { TaskQuery, TaskHit, SearchResult } from '../query/types.js';
import type { DocumentQuery, DocumentHit } from '../query/documents.js';
import type { TaskRef } from '../query/tasks.js';
import type { StoreRow } from '../store/rows.js';
import type { RunFailures } from '../store/runs.js';
import type { Stats } from '../query/stats.js';
import { isPostgres } from './spec.js';

export type WriteResult = 'inserted' | 'replaced' | 'unchanged';

export interface Written {
  result: WriteResult;
  /** The record id the file is stored under. */
  id: string;
  /** The id is not the one the record came with (its JSON was rewritten with it). */
  changed: boolean;
}

export interface RunCounts {
  files: number;
  ingested: number;
  unchanged: number;
  failed: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** How the store is named in messages (a PostgreSQL URL without its password). */
  readonly name: string;
  searchTasks(q: TaskQuery): Promise<SearchResult<TaskHit>>;
  searchDocuments(q: DocumentQuery): Promise<SearchResult<DocumentHit>>;
  /** A record by record id, file name, path or row id (the newest row). */
  getRecord(ref: string): Promise<ExtractionRecord | null>;
  getTask(ref: string, opts?: { today?: string | null; reminders?: number[] | null }): Promise<TaskHit>;
  /** Mark done; `actor` is kept in the audit log where the store has one (SQLite: src/office/audit.ts). */
  markDone(ref: string, on?: string | null, actor?: string): Promise<TaskRef & { doneOn: string }>;
  reopen(ref: string, actor?: string): Promise<TaskRef & { wasDone: boolean }>;
  /** One record per document (its best rendition), in record id order. */
  primaryRecords(): AsyncIterable<ExtractionRecord>;
  /** Every completion: record id -> (task key -> day done). */
  completions(): Promise<Map<string, Map<string, string>>>;
  /** The refs ("<record_id>#<seq>") of the tasks a filter selects (for exports). */
  selectTasks(q: TaskQuery): Promise<Set<string>>;
  /** The counts by status, kind and agency of what a query selects (the page's counts: src/query/stats.ts). */
  stats(q: TaskQuery, opts?: { sample?: number }): Promise<Stats>;
  /** Is this exact content already stored for this path? */
  unchanged(path: string, sha256: string): Promise<boolean>;
  /** Write one document's rows in one transaction (replacing the path's older rows). */
  write(row: StoreRow, path: string): Promise<Written>;
  startRun(): Promise<number>;
  finishRun(id: number, c: RunCounts): Promise<void>;
  /** `code`: the failure's kind (src/model/errors.ts). */
  recordFailure(runId: number | null, path: string, stage: string, reason: string, code?: string | null): Promise<void>;
  /** The failures of the last `runs` runs (0: all), newest first. */
  failures(runs: number): Promise<RunFailures[]>;
  close(): Promise<void>;
}

export { DEFAULT_DB, dbSpec, isPostgres, printableSpec, DB_OPTION } from './spec.js';

/** Open the store a spec names: a postgres:// URL or a SQLite file. */
export async function openAnyStore(spec: string, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (isPostgres(spec)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(spec, opts);
  }
  const { SqliteStore } = await import('./sqlite.js');
  return SqliteStore.open(spec, opts);
}
