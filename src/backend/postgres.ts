/**
 * The PostgreSQL store behind the Store interface (./store.ts): an office's shared store,
 * written by ingest workers on several machines (src/queue) and read by every command.
 *
 * Same records and same search results as the SQLite store for the same files:
 * - writes: the Writer's rules (src/store/db.ts): one path, one row; the same content again is
 *   'unchanged'; record ids assigned by src/store/identity.ts, under an advisory lock so two
 *   workers never give one id twice; one transaction per document.
 * - search: the same filters (agency names resolved by src/query/agency.ts, status by the
 *   rules of src/model/status.ts, deadline windows with recurring rules), the same order
 *   without words (deadline, then id), and with words the same candidates (every word, the
 *   newest first, capped) scored by the same BM25-like rank (src/query/rank.ts) over the
 *   same folded text. The tsvector only narrows the rows; phrases are checked here.
 * - renditions: a document stored in several formats is searched through its best one.
 */
import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExtractionRecord } from '../../schemas/record.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION, PG_LOCK, PG_COUNTS_VERSION } from '../store/pgschema.js';
import { emptyTally } from '../store/counts.js';
import { readCounts, applyCounts, rebuildCounts, countedStats, countedRows } from './pgcounts.js';
import { statsOfHits, statsFromCounts, countedFilter, withCounts, STATS_SAMPLE, type Stats } from '../query/stats.js';

/** The most tasks a filtered count reads (as SQLite's); beyond it the counts say they are incomplete. */
const PG_STATS_MAX = 20000;
import { StoreError } from '../store/db.js';
import { assignRecordId, identityKey, idChoices, stemOf, withRecordId } from '../store/identity.js';
import { printableSpec } from './spec.js';
import { transaction } from './pgtx.js';
import { PgOffice } from './pgoffice.js';
import type { Store, Written, RunCounts } from './store.js';
import type { StoreRow } from '../store/rows.js';
import { normaliseQuery, isUnfiltered, type TaskQuery, type TaskHit, type SearchResult, type NQuery } from '../query/types.js';
import { toDocumentHits, rankDocuments, type DocumentQuery, type DocumentHit, type DocumentRow } from '../query/documents.js';
import { parseQuery, type ParsedQuery } from '../query/fts.js';
import { keyedAgencies, matchAgencies, suggestFrom, agencyKey, agencyKeys, type AgencyRows } from '../query/agency.js';
import { addDays, isIsoDate, localToday, normaliseReminders } from '../model/status.js';
import { scoreRows, rankPage, countPhraseIn, TOKEN, type Scored } from '../query/rank.js';
import { toTaskHit, type TaskRow } from '../query/load.js';
import { TaskNotFound, toDocumentView, DOCUMENT_VIEW_COLS, type TaskRef, type DocumentView, type DocumentViewRow } from '../query/tasks.js';
import { ParamError } from '../query/params.js';
import type { RunFailures } from '../store/runs.js';
import { fold } from '../normalise/unicode.js';
import { rulesId } from '../store/rules.js';
// the SQLite planner's sizes: the same candidates, the same caps
import { RANK_POOL, COUNT_CAP, SMALL_SET, FTS_CHUNK, FTS_SCAN_MAX, rulesIn } from '../query/plan.js';

const FORMAT_PRIORITY = `CASE format WHEN 'txt' THEN 0 WHEN 'md' THEN 1 WHEN 'docx' THEN 2 WHEN 'doc' THEN 3 WHEN 'pdf' THEN 4 ELSE 5 END`;
const LATE_KINDS = `t.deadline_kind IN ('by', 'within')`;

/** The words of folded text, one space between them: what the tsvector is made of. */
export const words = (s: string) => (s.match(TOKEN) ?? []).join(' ');

/** A tsquery holding every token (any order): the rows that can match; phrases are checked after. */
function tsquery(p: ParsedQuery): string | null {
  const toks = [...new Set([...p.quoted.flat(), ...p.loose])];
  return toks.length ? toks.map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`).join(' & ') : null;
}

/** Whether a row holds every phrase of a query in its text or its agencies (as FTS5 matches them). */
function phraseCheck(parsed: ParsedQuery): (r: { text: string; agencies: string }) => boolean {
  const required = [...parsed.quoted, ...parsed.loose.map((t) => [t])];
  return (r) => required.every((ph) => countPhraseIn(r.text, ph) > 0 || countPhraseIn(r.agencies, ph) > 0);
}

/** Parameters of one statement: add a value, get its placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

export async function openPostgres(url: string, opts: { readonly?: boolean } = {}): Promise<PgStore> {
  // no JIT: searches are short statements, and compiling them took longer than running them (~75 ms)
  const pool = new pg.Pool({ connectionString: url, max: 4, options: '-c jit=off' });
  // an idle connection the server ended (restart) is dropped, not thrown out of the process
  pool.on('error', () => {});
  const store = new PgStore(pool, printableSpec(url));
  try {
    await store.prepare(opts.readonly ?? false);
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof StoreError) throw e;
    throw new StoreError(`${store.name}: cannot use the PostgreSQL store: ${(e as Error).message}`);
  }
  return store;
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  private agencyCache: { stamp: string; rows: AgencyRows } | null = null;

  constructor(readonly pool: pg.Pool, readonly name: string) {}

  private async q<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, values)).rows as T[];
  }

  /** Check whose database it is and bring it to this schema (a reader only checks). */
  async prepare(readonly: boolean): Promise<void> {
    const version = await this.version();
    if (version > PG_SCHEMA_VERSION) throw newer(this.name, version);
    if (version === PG_SCHEMA_VERSION) return;
    if (readonly) throw new StoreError(`${this.name}: ${version === 0 ? 'not a congvan store yet' : `the store is at schema ${version}, this congvan needs ${PG_SCHEMA_VERSION}`}: run congvan migrate --db ${this.name}`);
    await this.migrate();
  }

  /** The schema version (0: an empty database); refuses another program's tables. */
  async version(c: pg.ClientBase | pg.Pool = this.pool): Promise<number> {
    const meta = await c.query(`SELECT to_regclass('congvan_meta') IS NOT NULL AS ok`);
    if (!meta.rows[0].ok) {
      const other = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1 LIMIT 5`);
      if (other.rows.length) {
        const names = other.rows.map((r) => r.table_name as string);
        throw new StoreError(`${this.name}: not a congvan store: the database holds another program's tables (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}); congvan left it untouched. Give --db an empty database`);
      }
      return 0;
    }
    const rows = (await c.query(`SELECT key, value FROM congvan_meta`)).rows as { key: string; value: string }[];
    const m = new Map(rows.map((r) => [r.key, r.value]));
    if (m.get('application') !== 'congvan') throw new StoreError(`${this.name}: not a congvan store (congvan_meta names ${m.get('application') ?? 'no application'})`);
    return Number(m.get('schema_version') ?? 0);
  }

  /** Migrations in one transaction, under the store's lock: two commands at once do not both run them. */
  async migrate(): Promise<number> {
    return transaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [PG_LOCK]);
      const from = await this.version(c);
      if (from > PG_SCHEMA_VERSION) throw newer(this.name, from);
      if (from === 0) await c.query(`CREATE TABLE congvan_meta (key text PRIMARY KEY, value text NOT NULL); INSERT INTO congvan_meta VALUES ('application', 'congvan'), ('schema_version', '0')`);
      for (let v = from; v < PG_MIGRATIONS.length; v++) await c.query(PG_MIGRATIONS[v]!);
      if (from > 0 && from < PG_COUNTS_VERSION) await rebuildCounts(c);
      await c.query(`UPDATE congvan_meta SET value = $1 WHERE key = 'schema_version'`, [String(PG_SCHEMA_VERSION)]);
      return PG_SCHEMA_VERSION;
    });
  }

  async close() {
    await this.pool.end();
  }

  // --- writing --------------------------------------------------------------------------------

  /** The same bytes stored for this path, read by the same rules (src/store/rules.ts)? */
  async unchanged(path: string, sha256: string) {
    const r = await this.q<{ sha256: string; rules: string | null }>('SELECT sha256, rules FROM documents WHERE path = $1', [path]);
    return r[0]?.sha256 === sha256 && r[0].rules === rulesId();
  }

  /**
   * Write one document in one transaction. `within` runs in that transaction before it commits
   * (a queued job's bookkeeping: its run's counts, its bytes removed), whatever the result.
   */
  async write(r: StoreRow, filePath: string, within?: (c: pg.PoolClient, w: Written) => Promise<void>): Promise<Written> {
    return transaction(this.pool, async (c) => {
      // one writer at a time per file stem: the record ids a file may take (identity.ts) all
      // start with its stem, and its renditions share it; files of other stems write at once
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PG_LOCK, fold(stemOf(r.file))]);
      const old = (await c.query('SELECT id, sha256, rules, record_id FROM documents WHERE path = $1', [filePath])).rows[0] as { id: number; sha256: string; rules: string | null; record_id: string } | undefined;
      if (old && old.sha256 === r.sha256 && old.rules === rulesId()) {
        const w: Written = { result: 'unchanged', id: old.record_id, changed: false };
        await within?.(c, w);
        return w;
      }
      // the counts (src/store/counts.ts) of the record ids this write touches, before and after it
      const before = old ? await readCounts(c, [old.record_id]) : emptyTally();
      if (old) await c.query('DELETE FROM documents WHERE id = $1', [old.id]);
      const ident = identityKey(r);
      const same = (await c.query('SELECT record_id AS "recordId", format, text FROM documents WHERE ident = $1 ORDER BY id LIMIT 50', [ident])).rows as { recordId: string; format: string; text: string }[];
      // the ids assignRecordId may ask about: the documents of the same identity, and the first free-id choices
      const choices: string[] = [];
      for (const x of idChoices(r.file, filePath, old?.record_id ?? null)) if (choices.push(x) >= 12) break;
      const asked = [...new Set([...same.map((s) => s.recordId), ...choices])];
      const formats = new Map<string, string[]>(asked.map((x) => [x, []]));
      for (const f of (await c.query('SELECT record_id, format FROM documents WHERE record_id = ANY($1)', [asked])).rows as { record_id: string; format: string }[]) formats.get(f.record_id)!.push(f.format);
      const id = assignRecordId(r, filePath, old?.record_id ?? null, ident, {
        sameIdentity: () => same,
        formatsOf: (x) => {
          const f = formats.get(x);
          if (!f) throw new StoreError(`${this.name}: no free record id for ${filePath}`);
          return f;
        },
      });
      if (id !== old?.record_id) await readCounts(c, [id], before);
      const recordJson = id === r.recordId ? r.recordJson : withRecordId(r.recordJson, id);
      const docId = (
        await c.query(
          `INSERT INTO documents (path, file, record_id, ident, sha256, format, type, number, symbol, issuer, place, date, subject,
            signer_name, signer_position, signer_authority, record_json, text, ingested_at, issuer_key, fts, rules)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, strip(to_tsvector('simple', $21)), $22) RETURNING id`,
          [filePath, r.file, id, ident, r.sha256, r.format, r.type, r.number, r.symbol, r.issuer, r.place, r.date, r.subject, r.signerName, r.signerPosition, r.signerAuthority,
            recordJson, r.text, new Date().toISOString(), r.issuer ? ` ${agencyKey(r.issuer)} ` : '', `${words(r.fts.subject)} ${words(r.fts.issuer)} ${words(r.fts.text)}`, rulesId()],
        )
      ).rows[0].id as number;
      await this.writeTasks(c, docId, r);
      if (r.citations.length) {
        const p = new Params();
        const rows = r.citations.map((x) => `(${p.add(docId)}, ${p.add(x.ref)}, ${p.add(x.kind)}, ${p.add(x.date)}, ${p.add(x.issuer)})`);
        await c.query(`INSERT INTO citations (document_id, ref, kind, date, issuer) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, p.values);
      }
      await applyCounts(c, before, await readCounts(c, old ? [old.record_id, id] : [id]));
      const w: Written = { result: old ? 'replaced' : 'inserted', id, changed: id !== r.recordId };
      await within?.(c, w);
      return w;
    });
  }

  private async writeTasks(c: pg.PoolClient, docId: number, r: StoreRow) {
    if (!r.tasks.length) return;
    const taskIds: number[] = [];
    for (let at = 0; at < r.tasks.length; at += 1000) {
      const p = new Params();
      const rows = r.tasks.slice(at, at + 1000).map((t, i) =>
        `(${[docId, at + i + 1, t.key, t.label, t.path, t.text, t.deadlineKind, t.deadlineDate, t.deadlineText, t.deadlineRule, t.spanStart, t.spanEnd, t.page, t.ftsText, t.ftsAgencies].map((v) => p.add(v)).join(', ')}, strip(to_tsvector('simple', ${p.add(`${words(t.ftsText)} ${words(t.ftsAgencies)}`)})))`,
      );
      const ids = (await c.query(`INSERT INTO tasks (document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_text, deadline_rule, span_start, span_end, page, fts_text, fts_agencies, fts)
        VALUES ${rows.join(', ')} RETURNING id, seq`, p.values)).rows as { id: number; seq: number }[];
      for (const x of ids) taskIds[x.seq - 1] = x.id;
    }
    const canon = new Map<string, string>();
    for (const t of r.tasks) for (const a of t.agencies) canon.set(a.canonical, a.folded);
    if (!canon.size) return;
    // in one order: two writers adding the same agencies never wait for each other crosswise
    const names = [...canon.keys()].sort();
    await c.query(`INSERT INTO agencies (canonical, folded) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (canonical) DO NOTHING`, [names, names.map((n) => canon.get(n))]);
    const agencyId = new Map(((await c.query('SELECT id, canonical FROM agencies WHERE canonical = ANY($1)', [names])).rows as { id: number; canonical: string }[]).map((x) => [x.canonical, x.id]));
    const cols: [number[], number[], string[], string[]] = [[], [], [], []];
    r.tasks.forEach((t, i) => {
      for (const a of t.agencies) {
        cols[0].push(taskIds[i]!);
        cols[1].push(agencyId.get(a.canonical)!);
        cols[2].push(a.role);
        cols[3].push(a.name);
      }
    });
    // in the tasks' order, so agencies come back in the order they were written (as SQLite's rowid)
    await c.query(`INSERT INTO task_agencies (task_id, agency_id, role, name) SELECT a, b, c, d FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS x(a, b, c, d, n) ORDER BY n ON CONFLICT DO NOTHING`, cols);
  }

  async startRun() {
    return (await this.q<{ id: number }>('INSERT INTO runs (started_at) VALUES ($1) RETURNING id', [new Date().toISOString()]))[0]!.id;
  }

  async finishRun(id: number, c: RunCounts) {
    await this.q('UPDATE runs SET finished_at = $1, files = $2, ingested = $3, unchanged = $4, failed = $5 WHERE id = $6', [new Date().toISOString(), c.files, c.ingested, c.unchanged, c.failed, id]);
  }

  async recordFailure(runId: number | null, path: string, stage: string, reason: string, code: string | null = null, c: pg.ClientBase | pg.Pool = this.pool) {
    await c.query('INSERT INTO failures (run_id, path, stage, code, reason, at) VALUES ($1, $2, $3, $4, $5, $6)', [runId, path, stage, code, reason, new Date().toISOString()]);
  }

  async failures(runs: number): Promise<RunFailures[]> {
    const rows = await this.q<{ id: number; started_at: string; finished_at: string | null; files: number; ingested: number; unchanged: number; failed: number }>(
      `SELECT id, started_at, finished_at, files, ingested, unchanged, failed FROM runs ORDER BY id DESC${runs > 0 ? ' LIMIT $1' : ''}`,
      runs > 0 ? [runs] : [],
    );
    const out: RunFailures[] = [];
    for (const r of rows) {
      const f = await this.q<{ path: string; stage: string; code: string | null; reason: string; at: string; stored: boolean }>(
        `SELECT f.path, f.stage, f.code, f.reason, f.at, EXISTS (SELECT 1 FROM documents d WHERE d.path = f.path AND d.ingested_at > f.at) AS stored FROM failures f WHERE f.run_id = $1 ORDER BY f.id`,
        [r.id],
      );
      out.push({
        run: r.id, startedAt: r.started_at, finishedAt: r.finished_at, files: r.files, ingested: r.ingested, unchanged: r.unchanged, failed: r.failed,
        failures: f.map((x) => ({ path: x.path, stage: x.stage, code: x.code ?? `${x.stage}.failed`, reason: x.reason, at: x.at, storedSince: x.stored })),
      });
    }
    return out;
  }

  // --- reading --------------------------------------------------------------------------------

  async getRecord(ref: string): Promise<ExtractionRecord | null> {
    const r = await this.q<{ record_json: string }>('SELECT record_json FROM documents WHERE record_id = $1 OR file = $1 OR path = $1 OR CAST(id AS TEXT) = $1 ORDER BY id DESC LIMIT 1', [ref]);
    return r[0] ? (JSON.parse(r[0].record_json) as ExtractionRecord) : null;
  }

  async *primaryRecords(): AsyncGenerator<ExtractionRecord> {
    let after = '';
    for (;;) {
      const rows = await this.q<{ record_id: string; record_json: string }>(
        `SELECT d.record_id, d.record_json FROM documents d WHERE d.record_id COLLATE "C" > $1 AND d.id = (SELECT d2.id FROM documents d2 WHERE d2.record_id = d.record_id ORDER BY ${FORMAT_PRIORITY.replace(/format/g, 'd2.format')}, d2.id LIMIT 1) ORDER BY d.record_id COLLATE "C" LIMIT 200`,
        [after],
      );
      for (const r of rows) yield JSON.parse(r.record_json) as ExtractionRecord;
      if (rows.length < 200) return;
      after = rows[rows.length - 1]!.record_id;
    }
  }

  async completions() {
    const out = new Map<string, Map<string, string>>();
    for (const c of await this.q<{ document_record_id: string; task_key: string; done_on: string }>('SELECT document_record_id, task_key, done_on FROM completions')) {
      let m = out.get(c.document_record_id);
      if (!m) out.set(c.document_record_id, (m = new Map()));
      m.set(c.task_key, c.done_on);
    }
    return out;
  }

  private async resolveTask(ref: string): Promise<TaskRef> {
    const s = String(ref ?? '').trim();
    let row: { id: number; record_id: string; seq: number; task_key: string } | undefined;
    if (/^\d+$/.test(s)) {
      if (Number(s) <= 2 ** 31 - 1) row = (await this.q<typeof row & object>('SELECT t.id, d.record_id, t.seq, t.task_key FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = $1', [Number(s)]))[0];
    } else {
      const m = /^(.+)#(\d+)$/.exec(s);
      if (m && Number(m[2]) <= 2 ** 31 - 1) {
        row = (await this.q<typeof row & object>(
          `SELECT t.id, d.record_id, t.seq, t.task_key FROM documents d JOIN tasks t ON t.document_id = d.id WHERE d.record_id = $1 AND t.seq = $2 ORDER BY ${FORMAT_PRIORITY.replace(/format/g, 'd.format')}, d.id LIMIT 1`,
          [m[1], Number(m[2])],
        ))[0];
      }
    }
    if (!row) throw new TaskNotFound(`no task "${s}" (give the id printed by search, or <record_id>#<n>)`);
    return { id: row.id, recordId: row.record_id, seq: row.seq, taskKey: row.task_key };
  }

  /** The office's rows in this database (src/backend/pgoffice.ts). */
  get office(): PgOffice {
    return (this.officeStore ??= new PgOffice(this.pool));
  }
  private officeStore: PgOffice | null = null;

  async markDone(ref: string, on?: string | null, actor?: string) {
    const t = await this.resolveTask(ref);
    const day = on ?? localToday();
    if (!isIsoDate(day)) throw new ParamError('on', `${JSON.stringify(day)} is not a date (YYYY-MM-DD)`);
    // the change and its audit entry in one transaction
    await transaction(this.pool, async (c) => {
      const before = await readCounts(c, [t.recordId]);
      await c.query('INSERT INTO completions (document_record_id, task_key, done_on) VALUES ($1, $2, $3) ON CONFLICT (document_record_id, task_key) DO UPDATE SET done_on = excluded.done_on', [t.recordId, t.taskKey, day]);
      await applyCounts(c, before, await readCounts(c, [t.recordId]));
      if (actor) await this.office.addAudit({ actor, action: 'done', recordId: t.recordId, taskSeq: t.seq, taskKey: t.taskKey, detail: { on: day } }, new Date().toISOString(), c);
    });
    return { ...t, doneOn: day };
  }

  async reopen(ref: string, actor?: string) {
    const t = await this.resolveTask(ref);
    return transaction(this.pool, async (c) => {
      const before = await readCounts(c, [t.recordId]);
      const r = await c.query('DELETE FROM completions WHERE document_record_id = $1 AND task_key = $2', [t.recordId, t.taskKey]);
      await applyCounts(c, before, await readCounts(c, [t.recordId]));
      const wasDone = (r.rowCount ?? 0) > 0;
      if (actor) await this.office.addAudit({ actor, action: 'reopen', recordId: t.recordId, taskSeq: t.seq, taskKey: t.taskKey, detail: { wasDone } }, new Date().toISOString(), c);
      return { ...t, wasDone };
    });
  }

  /** The agencies of tasks by their canonical names (for counts by agency), in their order. */
  async agencyRoles(ids: number[]): Promise<Map<number, { name: string; role: string }[]>> {
    const out = new Map<number, { name: string; role: string }[]>();
    const rows = await this.q<{ task_id: number; canonical: string; role: string }>('SELECT ta.task_id, a.canonical, ta.role FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.task_id = ANY($1::int[]) ORDER BY ta.ord', [ids]);
    for (const r of rows) (out.get(r.task_id) ?? (out.set(r.task_id, []), out.get(r.task_id)!)).push({ name: r.canonical, role: r.role });
    return out;
  }

  /** The counts over the whole store (src/query/stats.ts's Stats), from the counts the writer keeps. */
  async stats(query: TaskQuery, opts: { agencies?: number; sample?: number } = {}): Promise<Stats> {
    return this.once.run(new Map(), () => this.countOnce(query, opts));
  }

  private async countOnce(query: TaskQuery, opts: { agencies?: number; sample?: number }): Promise<Stats> {
    const q = normaliseQuery(query);
    const agencies = opts.agencies ?? 30;
    if (!isUnfiltered(q)) return this.countedStats(q, agencies, opts.sample ?? STATS_SAMPLE);
    const f = await this.storeFacts();
    const names = new Map((await this.agencies()).map((a) => [a.id, a.canonical] as [number, string]));
    const documents = (await this.q<{ n: number }>('SELECT count(*)::int AS n FROM documents'))[0]!.n - f.shadow.length;
    return countedStats(this.pool, q, f.rules, names, documents, agencies);
  }

  /**
   * The counts of a query: a filter the kept counts answer (src/query/stats.ts countedFilter)
   * exactly for its total, statuses and kinds and its agency's own row, its agencies table
   * and documents over its first `sample` tasks; any other over its first PG_STATS_MAX tasks.
   */
  private async countedStats(q: NQuery, agencies: number, sample: number): Promise<Stats> {
    const ids = q.agency?.trim() ? matchAgencies(await this.agencies(), q.agency) : null;
    const rules = q.dueBefore || q.dueAfter ? await this.rulesIn(q.dueAfter ?? q.today, q.dueBefore) : [];
    const c = countedFilter(q, ids, () => rules);
    const part = await this.filteredStats(q, agencies, c ? sample : PG_STATS_MAX);
    if (!c || part.complete) return part;
    const rows = await countedRows(this.pool, c, q, (await this.storeFacts()).rules);
    const names = new Map((await this.agencies()).map((a) => [a.id, a.canonical] as [number, string]));
    return withCounts(part, c, rows, names, sample, agencies);
  }

  /**
   * The counts over what a query selects, its first `max` tasks (as SQLite's counts of
   * a query, src/query/stats.ts): one statement over the query's checks, each task's status
   * worked out in SQL as taskStatus gives it, grouped by status and kind, its documents, its
   * agencies by role (lead ones also when overdue). With words, the ranked pool of search.
   */
  private async filteredStats(q: NQuery, agencies: number, max: number): Promise<Stats> {
    if (q.words?.trim()) {
      const r = await this.searchTasks({ ...q, limit: RANK_POOL, offset: 0 });
      return statsOfHits(r.items, r.total, q.today, await this.agencyRoles(r.items.map((h) => h.id)), agencies);
    }
    const p = new Params();
    const checks = await this.taskChecks(q, p);
    if (!checks) return statsOfHits([], 0, q.today, new Map(), agencies);
    const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
    const soonRules = await this.rulesIn(q.today, soonEnd);
    const [today, soon, rules] = [p.add(q.today), p.add(soonEnd), p.add(soonRules)];
    const late = `t.deadline_kind IN ('by', 'within')`;
    const st = `CASE WHEN coalesce(c.done_on, '') <> '' THEN (CASE WHEN ${late} AND coalesce(t.deadline_date, '') <> '' AND c.done_on > t.deadline_date THEN 4 ELSE 3 END)
      WHEN ${late} AND t.deadline_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (CASE WHEN t.deadline_date < ${today} THEN 2 WHEN t.deadline_date <= ${soon} THEN 1 ELSE 0 END)
      WHEN t.deadline_kind = 'recurring' AND t.deadline_rule = ANY(${rules}::text[]) THEN 1 ELSE 0 END`;
    const rows = await this.q<{ part: number; st: number | null; kind: string | null; agency: number | null; role: string | null; n: number }>(
      `WITH s AS MATERIALIZED (SELECT t.id, t.document_id AS doc, t.deadline_kind AS kind, ${st} AS st
        FROM tasks t JOIN documents d ON d.id = t.document_id LEFT JOIN completions c ON c.document_record_id = d.record_id AND c.task_key = t.task_key
        WHERE ${and(checks)} LIMIT ${max})
      SELECT 0 AS part, st, kind, NULL::int AS agency, NULL::text AS role, count(*)::int AS n FROM s GROUP BY st, kind
      UNION ALL SELECT 1, NULL, NULL, NULL, NULL, count(DISTINCT doc)::int FROM s
      UNION ALL SELECT 2, (s.st = 2)::int, NULL, ta.agency_id, ta.role, count(*)::int FROM s JOIN task_agencies ta ON ta.task_id = s.id GROUP BY 2, 4, 5`,
      p.values,
    );
    const total = rows.filter((r) => r.part === 0).reduce((a, r) => a + r.n, 0);
    const names = new Map((await this.agencies()).map((a) => [a.id, a.canonical] as [number, string]));
    const status = rows.filter((r) => r.part === 0).map((r) => [r.st!, r.kind ?? '', r.n] as [number, string, number]);
    const roles = rows.filter((r) => r.part === 2).map((r) => [r.agency!, r.role!, r.n] as [number, string, number]);
    const overdue = rows.filter((r) => r.part === 2 && r.role === 'lead' && r.st === 1).map((r) => [r.agency!, r.n] as [number, number]);
    // at the cap: the counts of the first `max`, and they say so
    return { ...statsFromCounts({ status, roles, overdue, names, documents: rows.find((r) => r.part === 1)?.n ?? 0, today: q.today, agencies }), complete: total < max };
  }

  /** A stored document (record id, file name or row id; the best rendition) with its highlights, as src/query/tasks.ts shows it. */
  async documentView(ref: string, opts: { today?: string | null; reminders?: number[] | null } = {}): Promise<DocumentView | null> {
    const r = String(ref);
    const row = (await this.q<DocumentViewRow>(
      `SELECT ${DOCUMENT_VIEW_COLS} FROM documents WHERE record_id = $1 OR file = $1 OR id::text = $1 ORDER BY (record_id = $1) DESC, ${FORMAT_PRIORITY}, id LIMIT 1`,
      [r],
    ))[0];
    if (!row) return null;
    const ids = (await this.q<{ id: number }>('SELECT id FROM tasks WHERE document_id = $1 ORDER BY seq', [row.id])).map((x) => x.id);
    return toDocumentView(row, await this.loadTasks(ids, { today: opts.today ?? localToday(), reminders: normaliseReminders(opts.reminders) }));
  }

  async getTask(ref: string, opts: { today?: string | null; reminders?: number[] | null } = {}) {
    const t = await this.resolveTask(ref);
    const hit = (await this.loadTasks([t.id], { today: opts.today ?? localToday(), reminders: normaliseReminders(opts.reminders) }))[0];
    if (!hit) throw new TaskNotFound(`no task "${ref}"`);
    return hit;
  }

  // --- search ---------------------------------------------------------------------------------

  /** Agency names for the page's search field, as the SQLite store suggests them (src/query/agency.ts). */
  async suggestAgencies(input: string, limit: number): Promise<{ id: number; name: string }[]> {
    return suggestFrom(await this.agencies(), input, limit);
  }

  /**
   * The store's facts and agencies read once for the statements of one count (stats): each
   * read is a round trip and a count of the documents (~15 ms of a filtered count at load 20).
   */
  private readonly once = new AsyncLocalStorage<Map<string, Promise<unknown>>>();
  private onceIn<T>(key: string, read: () => Promise<T>): Promise<T> {
    const m = this.once.getStore();
    if (!m) return read();
    if (!m.has(key)) m.set(key, read());
    return m.get(key) as Promise<T>;
  }

  private agencies(): Promise<AgencyRows> {
    return this.onceIn('agencies', () => this.readAgencies());
  }

  private async readAgencies(): Promise<AgencyRows> {
    const s = (await this.q<{ n: number; m: number | null }>('SELECT count(*)::int AS n, max(id) AS m FROM agencies'))[0]!;
    const stamp = `${s.n}:${s.m}`;
    if (this.agencyCache?.stamp === stamp) return this.agencyCache.rows;
    const rows = keyedAgencies(await this.q<{ id: number; canonical: string; folded: string }>('SELECT id, canonical, folded FROM agencies'));
    this.agencyCache = { stamp, rows };
    return rows;
  }

  /**
   * What the filters read of the whole store, read again only when documents changed (every
   * write replaces or adds a document row: a new highest id, or another count).
   */
  private facts: { stamp: string; shadow: number[]; rules: string[] } | null = null;

  private storeFacts(): Promise<{ shadow: number[]; rules: string[] }> {
    return this.onceIn('facts', () => this.readFacts());
  }

  private async readFacts(): Promise<{ shadow: number[]; rules: string[] }> {
    const s = (await this.q<{ m: number | null; n: number }>('SELECT max(id) AS m, count(*)::int AS n FROM documents'))[0]!;
    const stamp = `${s.m}:${s.n}`;
    if (this.facts?.stamp === stamp) return this.facts;
    // documents stored more than once: all but the best rendition (txt, md, docx, doc, pdf; then the first stored)
    const rows = await this.q<{ id: number; record_id: string }>(
      `SELECT id, record_id FROM documents WHERE record_id IN (SELECT record_id FROM documents GROUP BY record_id HAVING count(*) > 1) ORDER BY record_id, ${FORMAT_PRIORITY}, id`,
    );
    const shadow = rows.filter((r, i) => i > 0 && rows[i - 1]!.record_id === r.record_id).map((r) => r.id);
    const rules = (await this.q<{ r: string }>('SELECT DISTINCT deadline_rule AS r FROM tasks WHERE deadline_rule IS NOT NULL')).map((x) => x.r);
    this.facts = { stamp, shadow, rules };
    return this.facts;
  }

  private async shadowed(): Promise<number[]> {
    return (await this.storeFacts()).shadow;
  }

  private async rulesIn(from: string, to: string | null): Promise<string[]> {
    return rulesIn((await this.storeFacts()).rules, from, to);
  }

  /**
   * The conditions on t (tasks) and d (its document) a task query sets, or null when nothing
   * can match. `dated` receives the date ranges every dated result is in (a deadline window:
   * recurring tasks, which have no date, are in it by their rule), as the SQLite planner's
   * datedRange: the dated rows are then read through the date index in order.
   */
  private async taskChecks(q: NQuery, p: Params, dated: string[] = []): Promise<string[] | null> {
    const checks: string[] = [];
    const role = q.role ? ` AND ta.role = ${p.add(q.role)}` : '';
    if (q.agency && q.agency.trim()) {
      const ids = matchAgencies(await this.agencies(), q.agency);
      if (!ids.length) return null;
      checks.push(`EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.agency_id = ANY(${p.add(ids)}::int[])${role})`);
    } else if (q.role) {
      checks.push(`EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id${role})`);
    }
    if (q.type) checks.push(`lower(d.type) = lower(${p.add(q.type.trim())})`);
    if (q.document) checks.push(`d.record_id = ${p.add(q.document)}`);
    if (q.kind) checks.push(q.kind === 'none' ? 't.deadline_kind IS NULL' : `t.deadline_kind = ${p.add(q.kind)}`);
    const ruleCheck = (rules: string[]) => (rules.length ? ` OR (t.deadline_kind = 'recurring' AND t.deadline_rule = ANY(${p.add(rules)}::text[]))` : '');
    const window = (lo: string | null, hi: string | null, kinds: string | null, rules: string[]) => {
      const range = [lo ? `t.deadline_date >= ${p.add(lo)}` : 't.deadline_date IS NOT NULL', hi ? `t.deadline_date <= ${p.add(hi)}` : ''].filter(Boolean).join(' AND ');
      dated.push(range);
      const inWindow = kinds ? `(${kinds} AND ${range})` : `(${range})`;
      return rules.length ? `(${inWindow}${ruleCheck(rules)})` : inWindow;
    };
    if (q.dueBefore || q.dueAfter) checks.push(window(q.dueAfter, q.dueBefore, null, await this.rulesIn(q.dueAfter ?? q.today, q.dueBefore)));
    // OFFSET 0 keeps the check a probe of the completions' key per task: as a join PostgreSQL
    // misjudged how many tasks are done and hashed them all (status done: 1 s -> 10 ms at 1,000,000)
    const DONE = 'EXISTS (SELECT 1 FROM completions c WHERE c.document_record_id = d.record_id AND c.task_key = t.task_key OFFSET 0)';
    const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
    switch (q.status) {
      case 'done':
        checks.push(DONE);
        break;
      case 'open':
        checks.push(`NOT ${DONE}`);
        break;
      case 'overdue':
        checks.push(window(null, addDays(q.today, -1), LATE_KINDS, []), `NOT ${DONE}`);
        break;
      case 'due-soon':
        checks.push(window(q.today, soonEnd, LATE_KINDS, await this.rulesIn(q.today, soonEnd)), `NOT ${DONE}`);
        break;
      case 'on-track': {
        const rules = await this.rulesIn(q.today, soonEnd);
        checks.push(
          `NOT coalesce(${LATE_KINDS} AND t.deadline_date < ${p.add(q.today)}, false)`,
          `NOT coalesce((${LATE_KINDS} AND t.deadline_date BETWEEN ${p.add(q.today)} AND ${p.add(soonEnd)})${ruleCheck(rules)}, false)`,
          `NOT ${DONE}`,
        );
        break;
      }
    }
    const shadow = await this.shadowed();
    if (shadow.length) checks.push(`NOT (t.document_id = ANY(${p.add(shadow)}::int[]))`);
    return checks;
  }

  /**
   * The rows a search with words ranks: the SQLite planner's candidates (src/query/plan.ts
   * wordCandidates), so both stores rank the same rows and give the same counts above the caps.
   * - A filter listing at most SMALL_SET rows (an agency, a document, a deadline kind or
   *   window, done) and fewer than the words match: every row passing the filters is scored
   *   (the rank drops those without the words), not capped.
   * - Else the rows holding the words, newest first, FTS_CHUNK at a time, each chunk checked
   *   against the filters, until RANK_POOL rows passed or FTS_SCAN_MAX rows were looked at
   *   (then `capped`).
   */
  private async rankCandidates(q: NQuery, parsed: ParsedQuery, checks: string[], p: Params): Promise<{ rows: Scored[]; capped: boolean }> {
    const holds = phraseCheck(parsed);
    const ts = tsquery(parsed)!;
    type Row = { id: number; due: string | null; text: string; agencies: string };
    /** A reader of the rows holding the words, newest first: `next(n)` gives the next n (fewer at the end). */
    const reader = () => {
      let below = 2 ** 31 - 1;
      let end = false;
      const ready: Row[] = [];
      return async (n: number): Promise<Row[]> => {
        while (ready.length < n && !end) {
          const rows = await this.q<Row>(
            `SELECT t.id, t.deadline_date AS due, t.fts_text AS text, t.fts_agencies AS agencies FROM tasks t WHERE t.fts @@ to_tsquery('simple', $1) AND t.id < $2 ORDER BY t.id DESC LIMIT ${FETCH}`,
            [ts, below],
          );
          for (const r of rows) if (holds(r)) ready.push(r);
          end = rows.length < FETCH;
          if (rows.length) below = rows[rows.length - 1]!.id;
        }
        return ready.splice(0, n);
      };
    };
    const small = await this.smallDriver(q);
    if (small !== null && small < (await reader()(small + 1)).length) {
      const rows = await this.q<Row>(`SELECT t.id, t.deadline_date AS due, t.fts_text AS text, t.fts_agencies AS agencies FROM tasks t JOIN documents d ON d.id = t.document_id WHERE ${and(checks)}`, p.values);
      return { rows: scoreRows(rows, parsed), capped: false };
    }
    const idsAt = p.values.length + 1;
    const passing = `SELECT t.id FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = ANY($${idsAt}::int[]) AND ${and(checks)}`;
    const pool: Row[] = [];
    const next = reader();
    let scanned = 0;
    for (;;) {
      const chunk = await next(Math.min(FTS_CHUNK, FTS_SCAN_MAX - scanned));
      scanned += chunk.length;
      if (!chunk.length) return { rows: scoreRows(pool, parsed), capped: false };
      const ok = checks.length ? new Set((await this.q<{ id: number }>(passing, [...p.values, chunk.map((r) => r.id)])).map((r) => r.id)) : null;
      for (const r of chunk) if (!ok || ok.has(r.id)) pool.push(r);
      if (chunk.length < FTS_CHUNK) return { rows: scoreRows(pool, parsed), capped: false };
      if (pool.length >= RANK_POOL || scanned >= FTS_SCAN_MAX) return { rows: scoreRows(pool, parsed), capped: true };
    }
  }

  /**
   * The size of the smallest filter that lists its rows (the SQLite planner's drivers: an
   * agency's rows, a document's tasks, a deadline kind, a deadline window and its recurring
   * rules, the completions), each counted up to SMALL_SET + 1; null when none is that small.
   */
  private async smallDriver(q: NQuery): Promise<number | null> {
    const count = async (sql: string, values: unknown[] = []) => (await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql} LIMIT ${SMALL_SET + 1}) x`, values))[0]!.n;
    const sizes: number[] = [];
    if (q.agency && q.agency.trim()) {
      const ids = matchAgencies(await this.agencies(), q.agency);
      sizes.push(await count(`SELECT 1 FROM task_agencies ta WHERE ta.agency_id = ANY($1::int[])${q.role ? ' AND ta.role = $2' : ''}`, q.role ? [ids, q.role] : [ids]));
    }
    if (q.document) sizes.push(await count('SELECT 1 FROM documents dd JOIN tasks tt ON tt.document_id = dd.id WHERE dd.record_id = $1', [q.document]));
    if (q.kind && q.kind !== 'none') sizes.push(await count('SELECT 1 FROM tasks WHERE deadline_kind = $1', [q.kind]));
    const windowSize = async (lo: string | null, hi: string | null, rules: string[]) => {
      const w = new Params();
      const range = [lo ? `deadline_date >= ${w.add(lo)}` : 'deadline_date IS NOT NULL', hi ? `deadline_date <= ${w.add(hi)}` : ''].filter(Boolean).join(' AND ');
      return (await count(`SELECT 1 FROM tasks WHERE ${range}`, w.values)) + (rules.length ? await count('SELECT 1 FROM tasks WHERE deadline_rule = ANY($1::text[])', [rules]) : 0);
    };
    if (q.dueBefore || q.dueAfter) sizes.push(await windowSize(q.dueAfter, q.dueBefore, await this.rulesIn(q.dueAfter ?? q.today, q.dueBefore)));
    const soonEnd = addDays(q.today, q.reminders[0] ?? 7);
    if (q.status === 'overdue') sizes.push(await windowSize(null, addDays(q.today, -1), []));
    if (q.status === 'due-soon') sizes.push(await windowSize(q.today, soonEnd, await this.rulesIn(q.today, soonEnd)));
    if (q.status === 'done') sizes.push(await count('SELECT 1 FROM completions'));
    const min = Math.min(...sizes);
    return min <= SMALL_SET ? min : null;
  }

  async searchTasks(query: TaskQuery): Promise<SearchResult<TaskHit>> {
    const t0 = performance.now();
    const q = normaliseQuery(query);
    const parsed = parseQuery(q.words);
    const p = new Params();
    const dated: string[] = [];
    const checks = await this.taskChecks(q, p, dated);
    const empty = { items: [], total: 0, totalCapped: false, capped: false, today: q.today, ms: 0 };
    if (!checks) return { ...empty, ms: performance.now() - t0 };
    let ids: number[];
    let total: number;
    let totalCapped = false;
    let capped = false;
    let scores: Map<number, number> | undefined;
    if (tsquery(parsed)) {
      const c = await this.rankCandidates(q, parsed, checks, p);
      capped = c.capped;
      ({ ids, scores } = rankPage(c.rows, q.sort, q.offset, q.limit));
      total = c.rows.length;
      totalCapped = capped;
    } else {
      // dated rows first, by deadline, through the date index (in the windows' ranges); then undated ones by id
      const from = (w: string[]) => `FROM tasks t JOIN documents d ON d.id = t.document_id WHERE ${and([...checks, ...w])}`;
      const datedFrom = from(['t.deadline_date IS NOT NULL', ...dated]);
      const undatedFrom = from(['t.deadline_date IS NULL']);
      const count = async (f: string, cap: number) => (await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 ${f} LIMIT ${cap}) x`, p.values))[0]!.n;
      ids = (await this.q<{ id: number }>(`SELECT t.id ${datedFrom} ORDER BY t.deadline_date, t.id LIMIT ${q.limit} OFFSET ${q.offset}`, p.values)).map((r) => r.id);
      if (ids.length < q.limit) {
        const before = ids.length === 0 && q.offset > 0 ? await count(datedFrom, 2 ** 31 - 1) : q.offset + ids.length;
        const more = await this.q<{ id: number }>(`SELECT t.id ${undatedFrom} ORDER BY t.id LIMIT ${q.limit - ids.length} OFFSET ${Math.max(0, q.offset - before)}`, p.values);
        ids = ids.concat(more.map((r) => r.id));
      }
      const n = (await count(datedFrom, COUNT_CAP + 1)) + (await count(undatedFrom, COUNT_CAP + 1));
      total = Math.min(n, COUNT_CAP);
      totalCapped = n > COUNT_CAP;
    }
    const items = await this.loadTasks(ids, { today: q.today, reminders: q.reminders, tokens: parsed.tokens, scores });
    return { items, total, totalCapped, capped, today: q.today, ms: performance.now() - t0 };
  }

  async selectTasks(query: TaskQuery): Promise<Set<string>> {
    const q = normaliseQuery(query);
    const parsed = parseQuery(q.words);
    const p = new Params();
    const checks = await this.taskChecks(q, p);
    if (!checks) return new Set();
    let ids: number[] | null = null;
    // with words, the rows the search ranks (as the SQLite store's export selects them)
    if (tsquery(parsed)) ids = (await this.rankCandidates(q, parsed, checks, p)).rows.map((r) => r.id);
    const rows = ids
      ? await this.q<{ ref: string }>(`SELECT d.record_id || '#' || t.seq AS ref FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = ANY($1::int[])`, [ids])
      : await this.q<{ ref: string }>(`SELECT d.record_id || '#' || t.seq AS ref FROM tasks t JOIN documents d ON d.id = t.document_id WHERE ${and(checks)}`, p.values);
    return new Set(rows.map((r) => r.ref));
  }

  private async loadTasks(ids: number[], opts: { today: string; reminders: number[]; tokens?: string[]; scores?: Map<number, number> }): Promise<TaskHit[]> {
    if (!ids.length) return [];
    const rows = await this.q<TaskRow>(
      `SELECT t.id, t.seq, t.label, t.path, t.text, t.deadline_kind, t.deadline_date, t.deadline_text, t.deadline_rule, t.span_start, t.span_end,
        d.id AS doc_id, d.record_id, d.file, d.type, d.number, d.symbol, d.date, d.subject, d.issuer,
        (SELECT done_on FROM completions c WHERE c.document_record_id = d.record_id AND c.task_key = t.task_key) AS done_on
        FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = ANY($1::int[])`,
      [ids],
    );
    const ag = await this.q<{ task_id: number; role: string; name: string }>('SELECT task_id, role, name FROM task_agencies WHERE task_id = ANY($1::int[]) ORDER BY ord', [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [toTaskHit(r, ag.filter((a) => a.task_id === id), opts)] : [];
    });
  }

  async searchDocuments(query: DocumentQuery): Promise<SearchResult<DocumentHit>> {
    const t0 = performance.now();
    const limit = Math.max(1, Math.min(500, Math.floor(Number(query.limit ?? 20)) || 20));
    const offset = Math.max(0, Math.min(100_000, Math.floor(Number(query.offset ?? 0)) || 0));
    const parsed = parseQuery(query.words);
    const ts = tsquery(parsed);
    const p = new Params();
    const checks: string[] = [];
    if (query.type) checks.push(`lower(d.type) = lower(${p.add(query.type.trim())})`);
    if (query.agency && query.agency.trim()) {
      // issued by the agency, or assigning it a task
      const ids = matchAgencies(await this.agencies(), query.agency);
      const issuer = agencyKeys(query.agency).map((k) => `position(${p.add(` ${k} `)} in d.issuer_key) > 0`);
      const assigns = ids.length ? [`EXISTS (SELECT 1 FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id WHERE t.document_id = d.id AND ta.agency_id = ANY(${p.add(ids)}::int[]))`] : [];
      checks.push(`(${[...issuer, ...assigns].join(' OR ') || 'false'})`);
    }
    const shadow = await this.shadowed();
    if (shadow.length) checks.push(`NOT (d.id = ANY(${p.add(shadow)}::int[]))`);
    let ids: number[];
    let total: number;
    let capped = false;
    const scores = new Map<number, number>();
    if (ts) {
      const phrases = parsed.quoted.filter((g) => g.length > 1);
      // a quoted phrase stands whole in one of the fields (as FTS5 matches a phrase in one
      // column): checked here, on the rows holding its words, newest first, until the pool
      // SQLite's index gives is full (the same candidates above the cap)
      const want = RANK_POOL + 1;
      const batch = phrases.length ? 4 * want : want;
      const where = `d.fts @@ to_tsquery('simple', ${p.add(ts)}) AND ${and(checks)}`;
      const rows: { id: number; subject: string | null; issuer: string | null; text: string | null }[] = [];
      for (let before = Number.MAX_SAFE_INTEGER; rows.length < want; ) {
        const got = await this.q<{ id: number; subject: string | null; issuer: string | null; text: string | null }>(
          `SELECT d.id, d.subject, d.issuer, ${phrases.length ? 'd.text' : 'NULL AS text'} FROM documents d WHERE ${where} AND d.id < ${before} ORDER BY d.id DESC LIMIT ${batch}`,
          p.values,
        );
        for (const r of got) {
          const fields = phrases.length ? [r.subject, r.issuer, r.text].map((v) => fold(v ?? '')) : [];
          if (phrases.every((ph) => fields.some((f) => countPhraseIn(f, ph) > 0))) rows.push(r);
        }
        if (got.length < batch) break;
        before = got[got.length - 1]!.id;
      }
      ({ ids, total, capped } = rankDocuments(rows.slice(0, want), parsed, offset, limit, scores));
    } else {
      ids = (await this.q<{ id: number }>(`SELECT d.id FROM documents d WHERE ${and(checks)} ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT ${limit} OFFSET ${offset}`, p.values)).map((r) => r.id);
      const n = (await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM documents d WHERE ${and(checks)} LIMIT ${COUNT_CAP + 1}) x`, p.values))[0]!.n;
      total = Math.min(n, COUNT_CAP);
      capped = n > COUNT_CAP;
    }
    const items = await this.loadDocuments(ids, parsed.tokens, scores);
    return { items, total, totalCapped: capped, capped, today: localToday(), ms: performance.now() - t0 };
  }

  private async loadDocuments(ids: number[], tokens: string[], scores: Map<number, number>): Promise<DocumentHit[]> {
    if (!ids.length) return [];
    const rows = await this.q<DocumentRow>(
      `SELECT d.id, d.record_id, d.file, d.type, d.number, d.symbol, d.date, d.issuer, d.subject, d.text,
        (SELECT count(*)::int FROM tasks t WHERE t.document_id = d.id) AS tasks FROM documents d WHERE d.id = ANY($1::int[])`,
      [ids],
    );
    return toDocumentHits(ids, rows, tokens, scores);
  }
}

/** Rows holding the words read per statement (their phrases are checked here). */
const FETCH = FTS_CHUNK;

const and = (w: string[]) => (w.length ? w.join(' AND ') : 'true');

function newer(name: string, v: number) {
  return new StoreError(`${name}: the store was written by a newer congvan (schema ${v}, this one knows ${PG_SCHEMA_VERSION}); upgrade congvan`);
}

