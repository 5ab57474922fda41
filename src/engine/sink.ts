/**
 * The batch's one writer: results in, SQLite rows and JSON records out.
 *
 * - Several documents per transaction (up to `batchSize`, or whatever arrived within
 *   `batchMs` of the first: 200 and 500 ms by default; fewer, larger transactions cost the
 *   one writer thread less than 50 and 200 ms did, ~10 % more documents/s). A document
 *   the store refuses is recorded as failed and the others of its batch are kept (the batch
 *   is rolled back and written again without it: see loop). Between two documents the
 *   writer yields to the event loop, so the workers are fed while a batch is open.
 * - The JSON records of a batch are written after its COMMIT, and the events after that:
 *   whatever a consumer has seen is stored. A record's file content comes from the worker;
 *   when other renditions of the same document are stored (a .txt, its .docx...), the
 *   files of that document are rewritten from the committed rows (jsondir.ts's layout), and
 *   so is a record the store gave another id (src/store/identity.ts: a file of the same name
 *   as another document's, a rendition of a document stored under another name) and the
 *   document a file stored again has left.
 * - Crash safety (kill -9 at any moment): SQLite's WAL drops an unfinished transaction. The
 *   JSON folder keeps a journal, `.congvan-pending`, of the record ids of the batch being
 *   written; it is emptied once their JSON files are written. `recoverJsonDir` (run when a
 *   batch starts) rewrites the records the journal names from the store, and removes
 *   temporary files a killed writer left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writer, recordFailure, storeError, type DB, type WriteResult } from '../store/db.js';
import { SqliteOffice } from '../store/office.js';
import { localToday } from '../model/status.js';
import { writeJsonFor, writeJsonFile } from '../export/jsondir.js';
import type { WorkResult } from './work.js';

export type IngestEvent =
  | { status: 'ingested' | 'replaced' | 'unchanged'; file: string; id: string; type: string; number: string | null; symbol: string | null; date: string | null; tasks: number; ms: number }
  | { status: 'failed'; file: string; stage: string; code: string; reason: string; ms: number };

export interface Counts {
  files: number;
  ingested: number;
  unchanged: number;
  failed: number;
  tasks: number;
}

/** What the writer is given: a worker's result, a file skipped because it is stored, or a failure found before the stages ran. */
export type SinkItem =
  | { kind: 'result'; result: WorkResult }
  | { kind: 'unchanged'; file: string; id: string; type: string; number: string | null; symbol: string | null; date: string | null; tasks: number }
  | { kind: 'failed'; file: string; stage: string; code: string; reason: string; ms: number };

export interface SinkOptions {
  db: DB;
  runId: number;
  json: string | null;
  /** Documents per transaction at most (default 200). */
  batchSize?: number;
  /** A transaction is committed this long after it began at the latest (default 500 ms). */
  batchMs?: number;
  /**
   * A transaction is committed once its documents' rows and records hold this many characters
   * (default 8,000,000): the batch's results stay in memory until the commit (a refused document
   * makes the others be written again), and 200 long plans are ~100 MB of strings.
   */
  batchChars?: number;
  /** Items waiting for the writer before `push` makes the producer wait (default 32). */
  highWater?: number;
  onEvent?: (e: IngestEvent) => void;
  /**
   * Register each document stored (or found stored) as incoming mail, in the transaction
   * that stores it: its arrival number of the arrival day's year, once (src/store/office.ts).
   * `arrivedOn` null: the day it is stored.
   * Null: no register.
   */
  register?: { arrivedOn: string | null; by: string | null } | null;
}

export const JOURNAL = '.congvan-pending';

/** SQLite errors that are the store's, not one document's. */
const STORE_DOWN = /^SQLITE_(?:CORRUPT|NOTADB|FULL|IOERR|READONLY|BUSY|LOCKED|NOMEM|CANTOPEN|PERM|AUTH|PROTOCOL)/;

/** The store refused one document's rows (a constraint, a trigger...): that document fails, not the batch. */
class Refused extends Error {
  constructor(message: string, readonly ms: number) {
    super(message);
  }
}

/** A document written in the open transaction: its event, and the JSON record to write after the commit. */
interface Written {
  item: SinkItem;
  event: IngestEvent;
  /** content: the file from the worker, or null to write it from the store; previous: the id the file was stored under before, whose files are written again. */
  json: { id: string; content: string | null; previous?: string | null } | null;
}

export class StoreSink {
  readonly counts: Counts = { files: 0, ingested: 0, unchanged: 0, failed: 0, tasks: 0 };
  private writer: Writer;
  private queue: SinkItem[] = [];
  private wake: (() => void) | null = null;
  private room: (() => void)[] = [];
  private ended = false;
  private error: unknown = null;
  private done: Promise<void>;
  private journalFd: number | null = null;
  private formatsOf;
  private readonly batchSize: number;
  private readonly batchMs: number;
  private readonly batchChars: number;
  private readonly highWater: number;

  constructor(private opts: SinkOptions) {
    this.writer = new Writer(opts.db);
    this.batchSize = Math.max(1, opts.batchSize ?? 200);
    this.batchMs = Math.max(0, opts.batchMs ?? 500);
    this.batchChars = Math.max(1, opts.batchChars ?? 8_000_000);
    this.highWater = Math.max(1, opts.highWater ?? 32);
    this.formatsOf = opts.db.prepare('SELECT format FROM documents WHERE record_id = ?').pluck();
    if (opts.json) {
      fs.mkdirSync(opts.json, { recursive: true });
      this.journalFd = fs.openSync(path.join(opts.json, JOURNAL), 'a');
    }
    this.done = this.loop().catch((e) => {
      // the store failed (disk full, locked by another program...): stop taking items
      this.error = e;
      for (const r of this.room.splice(0)) r();
    });
  }

  /** Is this exact content already stored for this path? (Sees this writer's own open batch.) */
  unchanged(file: string, sha256: string): boolean {
    return this.writer.unchanged(file, sha256);
  }

  /** Hand an item to the writer; waits while the writer is `highWater` items behind. */
  async push(item: SinkItem): Promise<void> {
    if (this.error) throw this.error;
    if (this.ended) throw new Error('the writer is closed');
    this.queue.push(item);
    this.wake?.();
    while (this.queue.length > this.highWater && !this.error) await new Promise<void>((r) => this.room.push(r));
    if (this.error) throw this.error;
  }

  /** No more items: write what is queued, commit, and stop. */
  async end(): Promise<void> {
    this.ended = true;
    this.wake?.();
    await this.done;
    if (this.journalFd !== null) {
      fs.closeSync(this.journalFd);
      this.journalFd = null;
      // kept after a failure: the next run rewrites the records it names
      if (!this.error) fs.rmSync(path.join(this.opts.json!, JOURNAL), { force: true });
    }
    if (this.error) throw this.error;
  }

  private take(): SinkItem | undefined {
    const item = this.queue.shift();
    if (this.queue.length <= this.highWater) for (const r of this.room.splice(0)) r();
    return item;
  }

  /** Wait until an item is queued, the input ends, or `ms` pass. */
  private waitForItem(ms: number): Promise<void> {
    if (this.queue.length || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => fire(), Math.max(0, ms)) : null;
      const fire = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = fire;
    });
  }

  private async loop(): Promise<void> {
    const db = this.opts.db;
    for (;;) {
      await this.waitForItem(Infinity);
      if (!this.queue.length && this.ended) return;
      const batch: Written[] = [];
      let chars = 0;
      const began = performance.now();
      db.exec('BEGIN IMMEDIATE');
      try {
        while (batch.length < this.batchSize) {
          const left = this.batchMs - (performance.now() - began);
          if (!this.queue.length) {
            if (this.ended || left <= 0) break;
            await this.waitForItem(left);
            if (!this.queue.length) break;
          }
          const item = this.take()!;
          chars += charsOf(item);
          try {
            batch.push(this.write(item));
          } catch (e) {
            if (!(e instanceof Refused)) throw e;
            // This document's rows could not be written, and some of them may be in the open
            // transaction: there is no savepoint per document (a savepoint makes FTS5 flush
            // its pending index at every document, which doubled the writer's time). Roll
            // the batch back, write the documents before it again, record it as failed.
            if (db.inTransaction) db.exec('ROLLBACK');
            db.exec('BEGIN IMMEDIATE');
            for (const b of batch.splice(0)) batch.push(this.write(b.item));
            batch.push(this.failed(item, 'store', 'store.refused', e.message, e.ms));
          }
          // let worker messages and file reads through between two documents
          if (this.queue.length === 0 || performance.now() - began > 8) await new Promise<void>((r) => setImmediate(r));
          if (performance.now() - began >= this.batchMs || chars >= this.batchChars) break;
        }
        db.exec('COMMIT');
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        // a store that cannot be written names its file
        throw /^SQLITE_(READONLY|CANTOPEN|PERM)/.test(String((e as { code?: unknown }).code ?? '')) ? storeError(db.name, e) : e;
      }
      // after the commit: JSON records from the committed rows, then the events
      if (this.opts.json) {
        const done = new Set<string>();
        // ids a file left: their files are written again from the store (or removed)
        const left = new Set(batch.map((b) => b.json?.previous).filter((x): x is string => !!x));
        for (const b of batch) {
          if (!b.json || done.has(b.json.id)) continue;
          done.add(b.json.id);
          if (b.json.content !== null && !left.has(b.json.id) && this.formatsOf.all(b.json.id).length === 1) writeJsonFile(this.opts.json, b.json.id, b.json.content);
          else writeJsonFor(db, this.opts.json, b.json.id);
        }
        for (const id of left) if (!done.has(id)) writeJsonFor(db, this.opts.json, id);
        if (this.journalFd !== null) fs.ftruncateSync(this.journalFd, 0);
      }
      for (const b of batch) {
        this.count(b.event);
        this.opts.onEvent?.(b.event);
      }
    }
  }

  /** Write one item inside the open transaction (a savepoint per document). */
  private write(item: SinkItem): Written {
    const { db, runId } = this.opts;
    if (item.kind === 'unchanged') {
      const { kind: _k, ...rest } = item;
      if (this.opts.register) {
        const sha = this.opts.db.prepare('SELECT sha256 FROM documents WHERE path = ?').pluck().get(item.file) as string | undefined;
        if (sha) this.registerDocument(item.id, sha);
      }
      const json = this.opts.json && this.jsonMissing(item.id) ? { id: item.id, content: null } : null;
      if (json) this.journal(json.id);
      return { item, event: { status: 'unchanged', ...rest, ms: 0 }, json };
    }
    if (item.kind === 'failed' || !item.result.ok) {
      const f = item.kind === 'failed' ? item : (item.result as Extract<WorkResult, { ok: false }>);
      return this.failed(item, f.stage, f.code, f.reason, f.ms);
    }
    const r = item.result;
    const row = r.row;
    let result: WriteResult;
    try {
      result = this.writer.write(row, r.file);
    } catch (e) {
      // a damaged, full, read-only or locked store stops the batch; anything else is this document's
      if (STORE_DOWN.test(String((e as { code?: unknown }).code ?? ''))) throw e;
      throw new Refused(`the record could not be stored: ${String((e as Error).message).split('\n')[0]}`, r.ms);
    }
    // the id the store gave it: the document it is a rendition of, or one no other holds
    const given = this.writer.last!;
    if (this.opts.register) {
      try {
        this.registerDocument(given.id, row.sha256);
      } catch (e) {
        if (STORE_DOWN.test(String((e as { code?: unknown }).code ?? ''))) throw e;
        throw new Refused(`the document could not be registered: ${String((e as Error).message).split('\n')[0]}`, r.ms);
      }
    }
    if (this.opts.json && result !== 'unchanged') {
      this.journal(given.id);
      if (given.previous) this.journal(given.previous);
    }
    const event: IngestEvent = {
      status: result === 'inserted' ? 'ingested' : result,
      file: r.file, id: given.id, type: row.type, number: row.number, symbol: row.symbol, date: row.date, tasks: row.tasks.length, ms: r.ms,
    };
    return { item, event, json: result === 'unchanged' ? null : { id: given.id, content: given.changed ? null : r.jsonFile, previous: given.previous } };
  }

  private registerDocument(recordId: string, sha256: string) {
    const reg = this.opts.register!;
    (this.office ??= new SqliteOffice(this.opts.db)).registerDocument({ recordId, sha256, arrivedOn: reg.arrivedOn ?? localToday(), by: reg.by }, new Date().toISOString());
  }

  private office: SqliteOffice | null = null;

  /** Record a file as failed, inside the open transaction (one statement: no savepoint needed). */
  private failed(item: SinkItem, stage: string, code: string, reason: string, ms: number): Written {
    const file = item.kind === 'result' ? item.result.file : item.file;
    recordFailure(this.opts.db, this.opts.runId, file, stage, reason, code);
    return { item, event: { status: 'failed', file, stage, code, reason, ms }, json: null };
  }

  private count(e: IngestEvent) {
    this.counts.files++;
    if (e.status === 'failed') this.counts.failed++;
    else {
      if (e.status === 'unchanged') this.counts.unchanged++;
      else this.counts.ingested++;
      this.counts.tasks += e.tasks;
    }
  }

  private journal(id: string) {
    if (this.journalFd !== null) fs.writeSync(this.journalFd, id + '\n');
  }

  /**
   * Is a JSON file of this record missing? One `<id>.json`, plus `<format>/<id>.json` for
   * every other stored rendition (the layout of writeJsonFor).
   */
  private jsonMissing(id: string): boolean {
    const dir = this.opts.json!;
    if (!fs.existsSync(path.join(dir, `${id}.json`))) return true;
    const formats = this.formatsOf.all(id) as string[];
    if (formats.length <= 1) return false;
    const present = formats.filter((r) => fs.existsSync(path.join(dir, r, `${id}.json`))).length;
    return present < formats.length - 1;
  }
}

/** The characters an item holds until its batch is committed: its rows' text and JSON, its JSON record. */
export function charsOf(item: SinkItem): number {
  if (item.kind !== 'result' || !item.result.ok) return 0;
  const { row, jsonFile } = item.result;
  return row.recordJson.length + row.text.length + row.fts.text.length + (jsonFile?.length ?? 0);
}

/**
 * Bring a JSON folder back in line with the store after a killed run: rewrite the records
 * named in the journal from the store, and remove temporary files whose writer is gone.
 * Returns how many records were rewritten.
 */
export function recoverJsonDir(db: DB, dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  const journal = path.join(dir, JOURNAL);
  let n = 0;
  if (fs.existsSync(journal)) {
    const ids = new Set(fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean));
    const has = db.prepare('SELECT 1 FROM documents WHERE record_id = ? LIMIT 1');
    for (const id of ids) {
      // an id with no rows was never committed, or a file left it: no files of it stay
      writeJsonFor(db, dir, id);
      if (has.get(id)) n++;
    }
    fs.rmSync(journal, { force: true });
  }
  n += renameRecords(db, dir);
  const sweep = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const m = /\.json\.tmp-(\d+)$/.exec(e.name);
      if (e.isFile() && m && !alive(Number(m[1]))) fs.rmSync(path.join(d, e.name), { force: true });
      else if (e.isDirectory() && !e.name.startsWith('.')) sweep(path.join(d, e.name));
    }
  };
  sweep(dir);
  return n;
}

/**
 * A store migrated to schema 4 gave some records new ids (record_renames): their files in
 * the JSON folder are renamed once, so no record stays under an id the store no longer gives it.
 */
function renameRecords(db: DB, dir: string): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record_renames'").get();
  if (!has) return 0;
  const renames = db.prepare('SELECT old_id AS old, new_id AS new FROM record_renames').all() as { old: string; new: string }[];
  if (!renames.length) return 0;
  const ids = new Set<string>();
  const dirs = [dir, ...fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => path.join(dir, e.name))];
  for (const r of renames) {
    if (dirs.some((d) => fs.existsSync(path.join(d, `${r.old}.json`)))) ids.add(r.old).add(r.new);
  }
  for (const id of ids) writeJsonFor(db, dir, id);
  db.prepare('DELETE FROM record_renames').run();
  return ids.size;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
