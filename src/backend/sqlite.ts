/**
 * The SQLite store behind the Store interface: today's functions over one better-sqlite3
 * connection (src/store/db.ts, src/query), answered at once and wrapped in promises. The batch
 * ingest (src/engine) writes through its own Writer on `db` for speed; everything else goes
 * through here.
 */
import { openStore, Writer, getRecord, startRun, finishRun, recordFailure, type DB } from '../store/db.js';
import { searchTasks, searchDocuments } from '../query/search.js';
import { stats } from '../query/stats.js';
import { getTask, markDone, reopen } from '../query/tasks.js';
import { primaryRecords, selectTasks } from '../export/tasks.js';
import { listFailures } from '../store/runs.js';
import type { Store, Written, RunCounts } from './store.js';
import { recordAudit } from '../office/audit.js';
import type { StoreRow } from '../store/rows.js';
import type { TaskQuery } from '../query/types.js';
import type { DocumentQuery } from '../query/documents.js';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private writer: Writer | null = null;

  constructor(readonly db: DB, readonly name: string) {}

  static open(file: string, opts: { readonly?: boolean } = {}): SqliteStore {
    return new SqliteStore(openStore(file, opts), file);
  }

  async searchTasks(q: TaskQuery) {
    return searchTasks(this.db, q);
  }
  async searchDocuments(q: DocumentQuery) {
    return searchDocuments(this.db, q);
  }
  async getRecord(ref: string) {
    return getRecord(this.db, ref);
  }
  async getTask(ref: string, opts: { today?: string | null; reminders?: number[] | null } = {}) {
    return getTask(this.db, ref, opts);
  }
  async markDone(ref: string, on?: string | null, actor?: string) {
    // the change and its audit entry in one transaction
    return this.db.transaction(() => {
      const d = markDone(this.db, ref, on);
      if (actor) recordAudit(this.db, { actor, action: 'done', recordId: d.recordId, taskSeq: d.seq, taskKey: d.taskKey, detail: { on: d.doneOn } });
      return d;
    }).immediate();
  }
  async reopen(ref: string, actor?: string) {
    return this.db.transaction(() => {
      const d = reopen(this.db, ref);
      if (actor) recordAudit(this.db, { actor, action: 'reopen', recordId: d.recordId, taskSeq: d.seq, taskKey: d.taskKey, detail: { wasDone: d.wasDone } });
      return d;
    }).immediate();
  }
  async *primaryRecords() {
    yield* primaryRecords(this.db);
  }
  async completions() {
    const out = new Map<string, Map<string, string>>();
    for (const [r, k, d] of this.db.prepare('SELECT document_record_id, task_key, done_on FROM completions').raw().all() as [string, string, string][]) {
      let m = out.get(r);
      if (!m) out.set(r, (m = new Map()));
      m.set(k, d);
    }
    return out;
  }
  async stats(q: TaskQuery, opts: { sample?: number } = {}) {
    return stats(this.db, { ...q, limit: null, offset: null }, opts);
  }

  async selectTasks(q: TaskQuery) {
    return selectTasks(this.db, q);
  }
  async unchanged(path: string, sha256: string) {
    this.writer ??= new Writer(this.db);
    return this.writer.unchanged(path, sha256);
  }
  async write(row: StoreRow, path: string): Promise<Written> {
    const w = (this.writer ??= new Writer(this.db));
    const result = this.db.transaction(() => w.write(row, path)).immediate();
    return { result, id: w.last?.id ?? row.recordId, changed: w.last?.changed ?? false };
  }
  async startRun() {
    return startRun(this.db);
  }
  async finishRun(id: number, c: RunCounts) {
    finishRun(this.db, id, c);
  }
  async recordFailure(runId: number | null, path: string, stage: string, reason: string, code: string | null = null) {
    recordFailure(this.db, runId, path, stage, reason, code);
  }
  async failures(runs: number) {
    return listFailures(this.db, runs);
  }
  async close() {
    this.db.close();
  }
}
