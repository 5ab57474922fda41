/**
 * The office's own rows: accounts and their sessions (congvan serve), kept apart from the
 * documents and tasks. `OfficeStore` is what the server and the commands use; `SqliteOffice`
 * implements it on the SQLite store with plain SQL only (no SQLite-only syntax where it can
 * be avoided), so another database can implement the same few statements. The tables are made
 * by the store's migrations (./schema.ts).
 */
import type { DB } from './db.js';

export const ROLES = ['admin', 'clerk', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  name: string;
  role: Role;
  /** The agency a member (or clerk) acts for, as given; null for none. */
  agency: string | null;
  createdAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  agency: string | null;
  passwordHash: string;
}

export interface OfficeStore extends AuditLog, Register {
  countUsers(): number;
  listUsers(): User[];
  /** A user by name (compared without case), with the stored password hash. */
  findUser(name: string): (User & { passwordHash: string }) | null;
  /** Add a user; throws UserExists when the name is taken. */
  addUser(u: NewUser, at: string): User;
  /** Remove a user and its sessions; false when there was none. */
  removeUser(name: string): boolean;
  /** Set a password (and end the user's sessions); false when there is no such user. */
  setPassword(name: string, passwordHash: string, at: string): boolean;
  /** Change role and/or agency; null when there is no such user. */
  updateUser(name: string, change: { role?: Role; agency?: string | null }, at: string): User | null;

  createSession(tokenHash: string, userId: number, at: string, expiresAt: string): void;
  /** The user of an unexpired session, or null. */
  sessionUser(tokenHash: string, now: string): User | null;
  deleteSession(tokenHash: string): void;
  /** Remove expired sessions. */
  pruneSessions(now: string): void;

  /**
   * The login brake's failed logins (src/office/access.ts), kept in the store so that every
   * server on it counts them together: a failure under each key at `at` (ms since 1970), the
   * failures older than `before` forgotten.
   */
  addLoginFailure(keys: string[], at: number, before: number): void;
  /** The times of a key's failures since `since` (ms), oldest first. */
  loginFailures(key: string, since: number): number[];
  clearLoginFailures(key: string): void;
}

/** One entry of the audit log: who did what, when. */
export interface AuditEntry {
  id: number;
  at: string;
  /** The user name; "local" on a loopback server without accounts; "cli:<system user>" from the command line. */
  actor: string;
  action: AuditAction;
  /** The document's record id (done, reopen, upload). */
  recordId: string | null;
  /** The task's number in its document (done, reopen). */
  taskSeq: number | null;
  taskKey: string | null;
  /** What else it names: a user name (user changes), a file name (upload). */
  target: string | null;
  detail: Record<string, unknown> | null;
}

export const AUDIT_ACTIONS = ['done', 'reopen', 'upload', 'register', 'user-add', 'user-remove', 'user-passwd', 'user-set'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'recordId' | 'taskSeq' | 'taskKey' | 'target' | 'detail'> & Partial<Pick<AuditEntry, 'recordId' | 'taskSeq' | 'taskKey' | 'target' | 'detail'>>;

export interface AuditFilter {
  since?: string | null;
  until?: string | null;
  actor?: string | null;
  action?: string | null;
  recordId?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export interface AuditLog {
  addAudit(e: NewAuditEntry, at: string): AuditEntry;
  /** Newest first. */
  listAudit(f: AuditFilter): { total: number; items: AuditEntry[] };
}

/** One entry of the register of incoming documents (sổ đăng ký văn bản đến). */
export interface RegisterEntry {
  year: number;
  /** Số đến: counted from 1 in each year. */
  number: number;
  /** Ngày đến (YYYY-MM-DD). */
  arrivedOn: string;
  recordId: string;
  sha256: string;
  /** Đơn vị hoặc người nhận, as the clerk writes it (empty at first). */
  recipient: string | null;
  /** Ghi chú. */
  note: string | null;
  registeredBy: string | null;
  registeredAt: string;
}

/** A register line with what the document says: the columns of the register. */
export interface RegisterLine extends RegisterEntry {
  type: string | null;
  docNumber: string | null;
  symbol: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
}

export interface Register {
  /**
   * Register an incoming document: the next number of the arrival day's year, once. A
   * document registered already (the same record id, or the same content) keeps its entry:
   * `kept` says so. Call inside the transaction that stores the document.
   */
  registerDocument(d: { recordId: string; sha256: string; arrivedOn: string; by: string | null }, at: string): RegisterEntry & { kept: boolean };
  findRegistered(recordId: string): RegisterEntry | null;
  /** The register of a year (every year when null), in number order. */
  registerLines(year: number | null): RegisterLine[];
  registerYears(): number[];
  /** Write what the clerk adds to a line (recipient, note; null clears); null when there is no such line. */
  annotateRegister(year: number, number: number, change: { recipient?: string | null; note?: string | null }): RegisterEntry | null;
}

/**
 * The office store of a server reached over the network (PostgreSQL: src/backend/pgoffice.ts):
 * the same calls, answered later. `within` of registerDocument: the transaction's connection.
 */
export type AsyncOfficeStore = { [K in keyof OfficeStore]: OfficeStore[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never };

/** A synchronous office store's answers as promises (a throw becomes a rejection). */
export function asyncOffice(o: OfficeStore): AsyncOfficeStore {
  const m = o as unknown as Record<string, (...a: unknown[]) => unknown>;
  return new Proxy(o, { get: (t, k: string) => (typeof m[k] === 'function' ? async (...a: unknown[]) => m[k]!.apply(t, a) : m[k]) }) as unknown as AsyncOfficeStore;
}

export class UserExists extends Error {}

/** A user name as compared: NFC, lower case. */
export function userKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/** The tables of accounts (migration of ./schema.ts). Plain SQL. */
export const OFFICE_USERS_SQL = `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'member', 'viewer')),
    agency TEXT,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
`;

/** The login brake's failures (migration of ./schema.ts): a key ("n:<name>", "a:<address>") and a time in ms. Plain SQL. */
export const OFFICE_LOGIN_SQL = `
  CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
  );
  CREATE INDEX login_failures_key ON login_failures(key, at);
  CREATE INDEX login_failures_at ON login_failures(at);
`;

/** The audit log (migration of ./schema.ts). Plain SQL. */
export const OFFICE_AUDIT_SQL = `
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_id TEXT,
    task_seq INTEGER,
    task_key TEXT,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX audit_at ON audit(at);
  CREATE INDEX audit_record ON audit(record_id);
`;

/**
 * The register of incoming documents (migration of ./schema.ts). Plain SQL. A number is
 * unique in its year and a document (record id, content hash) is registered once: two
 * writers taking the same number at once make one of them fail and try the next.
 */
export const OFFICE_REGISTER_SQL = `
  CREATE TABLE register (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    arrived_on TEXT NOT NULL,
    record_id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,
    recipient TEXT,
    note TEXT,
    registered_by TEXT,
    registered_at TEXT NOT NULL,
    UNIQUE (year, number)
  );
`;

export type RegisterRow = { year: number; number: number; arrived_on: string; record_id: string; sha256: string; recipient: string | null; note: string | null; registered_by: string | null; registered_at: string };
export const REGISTER_COLS = 'r.year, r.number, r.arrived_on, r.record_id, r.sha256, r.recipient, r.note, r.registered_by, r.registered_at';
export const toEntry = (r: RegisterRow): RegisterEntry => ({ year: r.year, number: r.number, arrivedOn: r.arrived_on, recordId: r.record_id, sha256: r.sha256, recipient: r.recipient, note: r.note, registeredBy: r.registered_by, registeredAt: r.registered_at });

export type AuditRow = { id: number; at: string; actor: string; action: AuditAction; record_id: string | null; task_seq: number | null; task_key: string | null; target: string | null; detail: string | null };
export const toAudit = (r: AuditRow): AuditEntry => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, recordId: r.record_id, taskSeq: r.task_seq, taskKey: r.task_key, target: r.target, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null });

export type UserRow = { id: number; name: string; role: Role; agency: string | null; created_at: string; password_hash: string };
export const USER_COLS = 'u.id, u.name, u.role, u.agency, u.created_at, u.password_hash';
export const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, agency: r.agency, createdAt: r.created_at });

/**
 * The office store on a SQLite connection. On a store made before these tables (a reader
 * of an older file, not yet migrated), reads find no users and no sessions.
 */
export class SqliteOffice implements OfficeStore {
  private ready = false;

  constructor(private db: DB) {}

  private has(): boolean {
    if (!this.ready) this.ready = !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get();
    return this.ready;
  }

  countUsers(): number {
    if (!this.has()) return 0;
    return Number(this.db.prepare('SELECT count(*) FROM users').pluck().get());
  }

  listUsers(): User[] {
    if (!this.has()) return [];
    return (this.db.prepare(`SELECT ${USER_COLS} FROM users u ORDER BY u.name_key`).all() as UserRow[]).map(toUser);
  }

  findUser(name: string): (User & { passwordHash: string }) | null {
    if (!this.has()) return null;
    const r = this.db.prepare(`SELECT ${USER_COLS} FROM users u WHERE u.name_key = ?`).get(userKey(name)) as UserRow | undefined;
    return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
  }

  addUser(u: NewUser, at: string): User {
    const key = userKey(u.name);
    return this.tx(() => {
      if (this.db.prepare('SELECT 1 FROM users WHERE name_key = ?').get(key)) throw new UserExists(`a user "${u.name}" exists already`);
      const id = Number(
        this.db.prepare('INSERT INTO users (name, name_key, role, agency, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(u.name.normalize('NFC').trim(), key, u.role, u.agency, u.passwordHash, at, at).lastInsertRowid,
      );
      return { id, name: u.name.normalize('NFC').trim(), role: u.role, agency: u.agency, createdAt: at };
    });
  }

  removeUser(name: string): boolean {
    return this.tx(() => {
      const u = this.findUser(name);
      if (!u) return false;
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(u.id);
      this.db.prepare('DELETE FROM users WHERE id = ?').run(u.id);
      return true;
    });
  }

  setPassword(name: string, passwordHash: string, at: string): boolean {
    return this.tx(() => {
      const u = this.findUser(name);
      if (!u) return false;
      this.db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(passwordHash, at, u.id);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(u.id);
      return true;
    });
  }

  updateUser(name: string, change: { role?: Role; agency?: string | null }, at: string): User | null {
    return this.tx(() => {
      const u = this.findUser(name);
      if (!u) return null;
      const role = change.role ?? u.role;
      const agency = change.agency === undefined ? u.agency : change.agency;
      this.db.prepare('UPDATE users SET role = ?, agency = ?, updated_at = ? WHERE id = ?').run(role, agency, at, u.id);
      return { ...toUser({ id: u.id, name: u.name, role, agency, created_at: u.createdAt, password_hash: '' }) };
    });
  }

  createSession(tokenHash: string, userId: number, at: string, expiresAt: string): void {
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, userId, at, expiresAt);
  }

  sessionUser(tokenHash: string, now: string): User | null {
    if (!this.has()) return null;
    const r = this.db.prepare(`SELECT ${USER_COLS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`).get(tokenHash, now) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  pruneSessions(now: string): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }

  addLoginFailure(keys: string[], at: number, before: number): void {
    this.tx(() => {
      this.db.prepare('DELETE FROM login_failures WHERE at <= ?').run(before);
      const add = this.db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)');
      for (const k of keys) add.run(k, at);
    });
  }

  loginFailures(key: string, since: number): number[] {
    return (this.db.prepare('SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at').pluck().all(key, since) as (number | bigint)[]).map(Number);
  }

  clearLoginFailures(key: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }

  addAudit(e: NewAuditEntry, at: string): AuditEntry {
    const detail = e.detail ? JSON.stringify(e.detail) : null;
    const row = { at, actor: e.actor, action: e.action, record_id: e.recordId ?? null, task_seq: e.taskSeq ?? null, task_key: e.taskKey ?? null, target: e.target ?? null, detail };
    const id = Number(
      this.db.prepare('INSERT INTO audit (at, actor, action, record_id, task_seq, task_key, target, detail) VALUES (@at, @actor, @action, @record_id, @task_seq, @task_key, @target, @detail)').run(row).lastInsertRowid,
    );
    return toAudit({ id, ...row });
  }

  listAudit(f: AuditFilter): { total: number; items: AuditEntry[] } {
    if (!this.hasTable('audit')) return { total: 0, items: [] };
    const where: string[] = [];
    const args: unknown[] = [];
    // days compare as the start of the day (since) and the end of it (until)
    if (f.since) where.push('at >= ?'), args.push(f.since);
    if (f.until) where.push('at < ?'), args.push(f.until.length === 10 ? `${f.until}T99` : f.until);
    if (f.actor) where.push('actor = ?'), args.push(f.actor);
    if (f.action) where.push('action = ?'), args.push(f.action);
    if (f.recordId) where.push('record_id = ?'), args.push(f.recordId);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.db.prepare(`SELECT count(*) FROM audit ${w}`).pluck().get(...args));
    const page = f.limit != null ? ` LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : '';
    const items = (this.db.prepare(`SELECT id, at, actor, action, record_id, task_seq, task_key, target, detail FROM audit ${w} ORDER BY id DESC${page}`).all(...args) as AuditRow[]).map(toAudit);
    return { total, items };
  }

  registerDocument(d: { recordId: string; sha256: string; arrivedOn: string; by: string | null }, at: string): RegisterEntry & { kept: boolean } {
    const find = this.db.prepare(`SELECT ${REGISTER_COLS} FROM register r WHERE r.record_id = ? OR r.sha256 = ? ORDER BY r.id LIMIT 1`);
    const year = Number(d.arrivedOn.slice(0, 4));
    for (let attempt = 0; ; attempt++) {
      const old = find.get(d.recordId, d.sha256) as RegisterRow | undefined;
      if (old) return { ...toEntry(old), kept: true };
      try {
        // the next number of the year, taken in the same statement as it is stored
        this.db
          .prepare(`INSERT INTO register (year, number, arrived_on, record_id, sha256, registered_by, registered_at)
            SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ? FROM register WHERE year = ?`)
          .run(year, d.arrivedOn, d.recordId, d.sha256, d.by, at, year);
      } catch (e) {
        // another writer took that number (or registered this document) first: look again
        if (attempt < 5 && /UNIQUE|unique/.test(String((e as Error).message))) continue;
        throw e;
      }
      return { ...toEntry(find.get(d.recordId, d.sha256) as RegisterRow), kept: false };
    }
  }

  findRegistered(recordId: string): RegisterEntry | null {
    if (!this.hasTable('register')) return null;
    const r = this.db.prepare(`SELECT ${REGISTER_COLS} FROM register r WHERE r.record_id = ?`).get(recordId) as RegisterRow | undefined;
    return r ? toEntry(r) : null;
  }

  registerLines(year: number | null): RegisterLine[] {
    if (!this.hasTable('register')) return [];
    // what the document says, from its first stored rendition
    const rows = this.db
      .prepare(`SELECT ${REGISTER_COLS}, d.type, d.number AS doc_number, d.symbol, d.issuer, d.date, d.subject
        FROM register r LEFT JOIN documents d ON d.id = (SELECT MIN(x.id) FROM documents x WHERE x.record_id = r.record_id)
        WHERE (? IS NULL OR r.year = ?) ORDER BY r.year, r.number`)
      .all(year, year) as (RegisterRow & { type: string | null; doc_number: string | null; symbol: string | null; issuer: string | null; date: string | null; subject: string | null })[];
    return rows.map((r) => ({ ...toEntry(r), type: r.type, docNumber: r.doc_number, symbol: r.symbol, issuer: r.issuer, date: r.date, subject: r.subject }));
  }

  registerYears(): number[] {
    if (!this.hasTable('register')) return [];
    return this.db.prepare('SELECT DISTINCT year FROM register ORDER BY year DESC').pluck().all() as number[];
  }

  annotateRegister(year: number, number: number, change: { recipient?: string | null; note?: string | null }): RegisterEntry | null {
    return this.tx(() => {
      const get = this.db.prepare(`SELECT ${REGISTER_COLS} FROM register r WHERE r.year = ? AND r.number = ?`);
      const old = get.get(year, number) as RegisterRow | undefined;
      if (!old) return null;
      const recipient = change.recipient === undefined ? old.recipient : change.recipient;
      const note = change.note === undefined ? old.note : change.note;
      this.db.prepare('UPDATE register SET recipient = ?, note = ? WHERE year = ? AND number = ?').run(recipient, note, year, number);
      return toEntry(get.get(year, number) as RegisterRow);
    });
  }

  private hasTable(name: string): boolean {
    return !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
  }

  /** Run f in a transaction (or inside the one open). */
  tx<T>(f: () => T): T {

    if (this.db.inTransaction) return f();
    return this.db.transaction(f).immediate();
  }
}
