/**
 * What congvan serve reads and writes, on either store (src/backend/store.ts): the store's
 * searches, tasks, documents and failures through the Store interface; accounts, sessions,
 * the audit log and the register through the office store (src/store/office.ts). SQLite
 * reads through a read-only connection and writes through a second one opened on the first
 * write; PostgreSQL through the store's pool.
 */
import fs from 'node:fs';
import { openStore, StoreError, type DB } from '../store/db.js';
import { SqliteStore } from '../backend/sqlite.js';
import type { Store } from '../backend/store.js';
import { exportChunks } from '../backend/export.js';
import { transaction } from '../backend/pgtx.js';
import { SqliteOffice, asyncOffice, type AsyncOfficeStore, type RegisterEntry } from '../store/office.js';
import { documentView, type DocumentView } from '../query/tasks.js';
import { suggestAgencies } from '../query/agency.js';
import type { Stats } from '../query/stats.js';
import type { TaskQuery } from '../query/types.js';
import type { ExportOptions } from '../export/tasks.js';
import { recordAudit } from '../office/audit.js';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { submitDocument, checkUpload, type Submitted, type UploadLimits } from '../../pipelines/upload.js';
import { localToday } from '../model/status.js';

export type RegisterChange = { recipient?: string | null; note?: string | null };

export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  /** Reads. */
  readonly store: Store;
  /** Writes (done, reopen). */
  writer(): Store;
  /** Accounts, sessions, audit, register. */
  readonly office: AsyncOfficeStore;
  writeOffice(): AsyncOfficeStore;
  documentView(ref: string, v: { today: string; reminders: number[] | null }): Promise<DocumentView | null>;
  /** Agency names for the search field. */
  agencies(input: string, limit: number): Promise<{ id: number; name: string }[]>;
  stats(q: TaskQuery & { today: string }): Promise<Stats>;
  exportChunks(format: string, opts: ExportOptions): Promise<Iterable<string>>;
  /** The clerk's notes on a register line and their audit entry, together. */
  annotate(year: number, number: number, change: RegisterChange, actor: string): Promise<RegisterEntry | null>;
  /**
   * An uploaded document: SQLite ingests it now (parsed on a worker thread); PostgreSQL puts it
   * in the queue for the workers (status queued, with its run). Kept in the audit log.
   */
  upload(o: { name: string; bytes: Buffer; by: string }): Promise<Submitted>;
  close(): Promise<void>;
}

export function sqliteBackend(file: string, limits: UploadLimits = {}): Backend {
  if (!fs.existsSync(file)) throw new StoreError(`${file}: no such store (run congvan ingest first)`);
  const reader = openStore(file, { readonly: true });
  reader.pragma('busy_timeout = 10000');
  let writer: DB | null = null;
  const write = () => (writer ??= openStore(file));
  const store = new SqliteStore(reader, file);
  let writeStore: SqliteStore | null = null;
  return {
    kind: 'sqlite',
    store,
    writer: () => (writeStore ??= new SqliteStore(write(), file)),
    office: asyncOffice(new SqliteOffice(reader)),
    writeOffice: () => asyncOffice(new SqliteOffice(write())),
    documentView: async (ref, v) => documentView(reader, ref, v),
    agencies: async (input, limit) => suggestAgencies(reader, input, limit),
    stats: (q) => store.stats(q),
    exportChunks: (format, opts) => exportChunks(store, format, opts),
    annotate: async (year, number, change, actor) => {
      const db = write();
      return db.transaction(() => {
        const r = new SqliteOffice(db).annotateRegister(year, number, change);
        if (r) recordAudit(db, { actor, action: 'register', recordId: r.recordId, target: `${r.number}/${r.year}`, detail: change });
        return r;
      }).immediate();
    },
    upload: async (o) => {
      const r = await submitDocument({ db: file, ...o, ...limits });
      if (r.status !== 'failed') {
        recordAudit(write(), { actor: o.by, action: 'upload', recordId: r.recordId, target: r.file, detail: { status: r.status, tasks: r.tasks, ...(r.register ? { year: r.register.year, number: r.register.number, arrivedOn: r.register.arrivedOn } : {}) } });
      }
      return r;
    },
    close: async () => {
      reader.close();
      writer?.close();
    },
  };
}

export async function postgresBackend(url: string): Promise<Backend> {
  const { openPostgres } = await import('../backend/postgres.js');
  // a store not yet at this schema is refused (congvan migrate), not migrated by a server
  const store = await openPostgres(url, { readonly: true });
  const office = store.office;
  // the queue, opened by the first upload
  let boss: PgBoss | null = null;
  return {
    kind: 'postgres',
    store,
    writer: () => store,
    office,
    writeOffice: () => office,
    documentView: (ref, v) => store.documentView(ref, v),
    agencies: (input, limit) => store.suggestAgencies(input, limit),
    stats: (q) => store.stats({ ...q, limit: null, offset: null }),
    exportChunks: (format, opts) => exportChunks(store, format, opts),
    annotate: (year, number, change, actor) =>
      transaction(store.pool, async (c) => {
        const r = await office.annotateRegister(year, number, change, c);
        if (r) await office.addAudit({ actor, action: 'register', recordId: r.recordId, target: `${r.number}/${r.year}`, detail: change }, new Date().toISOString(), c);
        return r;
      }),
    upload: async (o) => {
      const up = checkUpload(o.name, o.bytes);
      // the same bytes stored already (under any path): that path again, which keeps its record and number
      const same = (await store.pool.query('SELECT path FROM documents WHERE sha256 = $1 ORDER BY id LIMIT 1', [up.sha])).rows[0]?.path as string | undefined;
      const file = same ?? up.stored(localToday()).split(path.sep).join('/');
      const queue = await import('../queue/ingest.js');
      boss ??= await queue.openQueue(url, { supervise: false });
      const r = await queue.submitBytes(store, boss, file, o.bytes, { register: { arrivedOn: null, by: o.by }, uploadBy: o.by });
      const stored = r.status === 'unchanged'
        ? ((await store.pool.query('SELECT d.record_id, (SELECT count(*)::int FROM tasks t WHERE t.document_id = d.id) AS n FROM documents d WHERE d.path = $1', [file])).rows[0] as { record_id: string; n: number })
        : null;
      const register = stored ? await office.findRegistered(stored.record_id) : null;
      await office.addAudit({ actor: o.by, action: 'upload', recordId: stored?.record_id ?? null, target: path.posix.basename(file), detail: { status: r.status, run: r.run, ...(register ? { year: register.year, number: register.number, arrivedOn: register.arrivedOn } : {}) } }, new Date().toISOString());
      return { status: r.status, file: path.posix.basename(file), run: r.run, recordId: stored?.record_id ?? null, tasks: stored?.n ?? 0, reason: null, register };
    },
    close: async () => {
      await boss?.stop({ graceful: false, wait: true }).catch(() => {});
      await store.close();
    },
  };
}
