/**
 * The office store (src/store/office.ts: accounts, sessions, the audit log, the register of
 * incoming documents) on the PostgreSQL store, with the same plain SQL as SqliteOffice; the
 * tables are the PostgreSQL store's migration v4 (src/store/pgschema.ts).
 *
 * Where SQLite retries a statement that broke a unique constraint, PostgreSQL would abort the
 * whole transaction: here such inserts are ON CONFLICT DO NOTHING, and an insert that did
 * nothing looks again.
 */
import type pg from 'pg';
import {
  userKey, UserExists, toUser, toAudit, toEntry, USER_COLS, REGISTER_COLS,
  type AsyncOfficeStore, type User, type NewUser, type Role, type NewAuditEntry, type AuditEntry, type AuditFilter, type AuditRow,
  type RegisterEntry, type RegisterLine, type RegisterRow, type UserRow,
} from '../store/office.js';

import { transaction } from './pgtx.js';

type Conn = pg.Pool | pg.ClientBase;

export class PgOffice implements AsyncOfficeStore {
  constructor(private pool: pg.Pool) {}

  private async q<T>(sql: string, values: unknown[] = [], c: Conn = this.pool): Promise<T[]> {
    return (await c.query(sql, values)).rows as T[];
  }

  /** Run f in one transaction on one connection. */
  tx<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return transaction(this.pool, f);
  }

  async countUsers(): Promise<number> {
    return (await this.q<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n;
  }

  async listUsers(): Promise<User[]> {
    return (await this.q<UserRow>(`SELECT ${USER_COLS} FROM users u ORDER BY u.name_key`)).map(toUser);
  }

  async findUser(name: string, c: Conn = this.pool): Promise<(User & { passwordHash: string }) | null> {
    const r = (await this.q<UserRow>(`SELECT ${USER_COLS} FROM users u WHERE u.name_key = $1`, [userKey(name)], c))[0];
    return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
  }

  async addUser(u: NewUser, at: string): Promise<User> {
    const name = u.name.normalize('NFC').trim();
    const r = await this.q<{ id: number }>(
      'INSERT INTO users (name, name_key, role, agency, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (name_key) DO NOTHING RETURNING id',
      [name, userKey(u.name), u.role, u.agency, u.passwordHash, at],
    );
    if (!r[0]) throw new UserExists(`a user "${u.name}" exists already`);
    return { id: r[0].id, name, role: u.role, agency: u.agency, createdAt: at };
  }

  async removeUser(name: string): Promise<boolean> {
    return this.tx(async (c) => {
      const u = await this.findUser(name, c);
      if (!u) return false;
      await c.query('DELETE FROM sessions WHERE user_id = $1', [u.id]);
      await c.query('DELETE FROM users WHERE id = $1', [u.id]);
      return true;
    });
  }

  async setPassword(name: string, passwordHash: string, at: string): Promise<boolean> {
    return this.tx(async (c) => {
      const u = await this.findUser(name, c);
      if (!u) return false;
      await c.query('UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3', [passwordHash, at, u.id]);
      await c.query('DELETE FROM sessions WHERE user_id = $1', [u.id]);
      return true;
    });
  }

  async updateUser(name: string, change: { role?: Role; agency?: string | null }, at: string): Promise<User | null> {
    return this.tx(async (c) => {
      const u = await this.findUser(name, c);
      if (!u) return null;
      const role = change.role ?? u.role;
      const agency = change.agency === undefined ? u.agency : change.agency;
      await c.query('UPDATE users SET role = $1, agency = $2, updated_at = $3 WHERE id = $4', [role, agency, at, u.id]);
      return toUser({ id: u.id, name: u.name, role, agency, created_at: u.createdAt, password_hash: '' });
    });
  }

  async createSession(tokenHash: string, userId: number, at: string, expiresAt: string): Promise<void> {
    await this.q('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, userId, at, expiresAt]);
  }

  async sessionUser(tokenHash: string, now: string): Promise<User | null> {
    const r = (await this.q<UserRow>(`SELECT ${USER_COLS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2`, [tokenHash, now]))[0];
    return r ? toUser(r) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.q('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async pruneSessions(now: string): Promise<void> {
    await this.q('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }

  async addLoginFailure(keys: string[], at: number, before: number): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM login_failures WHERE at <= $1', [before]);
      await c.query('INSERT INTO login_failures (key, at) SELECT unnest($1::text[]), $2', [keys, at]);
    });
  }

  async loginFailures(key: string, since: number): Promise<number[]> {
    return (await this.q<{ at: string }>('SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at', [key, since])).map((r) => Number(r.at));
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.q('DELETE FROM login_failures WHERE key = $1', [key]);
  }

  /** `c`: the connection of a transaction the entry belongs to (a change and its entry together). */
  async addAudit(e: NewAuditEntry, at: string, c: Conn = this.pool): Promise<AuditEntry> {
    const detail = e.detail ? JSON.stringify(e.detail) : null;
    const row = { at, actor: e.actor, action: e.action, record_id: e.recordId ?? null, task_seq: e.taskSeq ?? null, task_key: e.taskKey ?? null, target: e.target ?? null, detail };
    const id = (await this.q<{ id: number }>(
      'INSERT INTO audit (at, actor, action, record_id, task_seq, task_key, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
      [row.at, row.actor, row.action, row.record_id, row.task_seq, row.task_key, row.target, row.detail],
      c,
    ))[0]!.id;
    return toAudit({ id, ...row });
  }

  async listAudit(f: AuditFilter): Promise<{ total: number; items: AuditEntry[] }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => (args.push(v), where.push(sql.replace('?', `$${args.length}`)));
    // days compare as the start of the day (since) and the end of it (until)
    if (f.since) add('at >= ?', f.since);
    if (f.until) add('at < ?', f.until.length === 10 ? `${f.until}T99` : f.until);
    if (f.actor) add('actor = ?', f.actor);
    if (f.action) add('action = ?', f.action);
    if (f.recordId) add('record_id = ?', f.recordId);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM audit ${w}`, args))[0]!.n;
    const page = f.limit != null ? ` LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : '';
    const items = (await this.q<AuditRow>(`SELECT id, at, actor, action, record_id, task_seq, task_key, target, detail FROM audit ${w} ORDER BY id DESC${page}`, args)).map(toAudit);
    return { total, items };
  }

  /** `c`: the connection of the transaction that stores the document. */
  async registerDocument(d: { recordId: string; sha256: string; arrivedOn: string; by: string | null }, at: string, c: Conn = this.pool): Promise<RegisterEntry & { kept: boolean }> {
    const find = async () => (await this.q<RegisterRow>(`SELECT ${REGISTER_COLS} FROM register r WHERE r.record_id = $1 OR r.sha256 = $2 ORDER BY r.id LIMIT 1`, [d.recordId, d.sha256], c))[0];
    const year = Number(d.arrivedOn.slice(0, 4));
    for (let attempt = 0; ; attempt++) {
      const old = await find();
      if (old) return { ...toEntry(old), kept: true };
      // the next number of the year, taken in the same statement as it is stored
      const r = await c.query(
        `INSERT INTO register (year, number, arrived_on, record_id, sha256, registered_by, registered_at)
          SELECT $1::int, COALESCE(MAX(number), 0) + 1, $2, $3, $4, $5, $6 FROM register WHERE year = $1::int
          ON CONFLICT DO NOTHING`,
        [year, d.arrivedOn, d.recordId, d.sha256, d.by, at],
      );
      if (r.rowCount) return { ...toEntry((await find())!), kept: false };
      // another writer took that number (or registered this document) first: look again
      if (attempt >= 100) throw new Error(`the register of ${year}: no number could be taken for ${d.recordId} (writers at once)`);
    }
  }

  async findRegistered(recordId: string): Promise<RegisterEntry | null> {
    const r = (await this.q<RegisterRow>(`SELECT ${REGISTER_COLS} FROM register r WHERE r.record_id = $1`, [recordId]))[0];
    return r ? toEntry(r) : null;
  }

  async registerLines(year: number | null): Promise<RegisterLine[]> {
    // what the document says, from its first stored rendition
    const rows = await this.q<RegisterRow & { type: string | null; doc_number: string | null; symbol: string | null; issuer: string | null; date: string | null; subject: string | null }>(
      `SELECT ${REGISTER_COLS}, d.type, d.number AS doc_number, d.symbol, d.issuer, d.date, d.subject
        FROM register r LEFT JOIN documents d ON d.id = (SELECT MIN(x.id) FROM documents x WHERE x.record_id = r.record_id)
        WHERE ($1::int IS NULL OR r.year = $1::int) ORDER BY r.year, r.number`,
      [year],
    );
    return rows.map((r) => ({ ...toEntry(r), type: r.type, docNumber: r.doc_number, symbol: r.symbol, issuer: r.issuer, date: r.date, subject: r.subject }));
  }

  async registerYears(): Promise<number[]> {
    return (await this.q<{ year: number }>('SELECT DISTINCT year FROM register ORDER BY year DESC')).map((r) => r.year);
  }

  async annotateRegister(year: number, number: number, change: { recipient?: string | null; note?: string | null }, c?: Conn): Promise<RegisterEntry | null> {
    const run = async (k: Conn) => {
      const get = async () => (await this.q<RegisterRow>(`SELECT ${REGISTER_COLS} FROM register r WHERE r.year = $1 AND r.number = $2`, [year, number], k))[0];
      const old = await get();
      if (!old) return null;
      const recipient = change.recipient === undefined ? old.recipient : change.recipient;
      const note = change.note === undefined ? old.note : change.note;
      await k.query('UPDATE register SET recipient = $1, note = $2 WHERE year = $3 AND number = $4', [recipient, note, year, number]);
      return toEntry((await get())!);
    };
    return c ? run(c) : this.tx(run);
  }
}
