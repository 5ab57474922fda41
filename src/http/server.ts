/**
 * congvan serve: a JSON API over the store and the web page that uses it (src/http/public,
 * plain HTML/CSS/JS, no CDN, no build step). node:http only.
 *
 * Safety: listens on 127.0.0.1 unless told otherwise, and answers only requests whose Host
 * names this machine (no DNS rebinding): on loopback, localhost and the loopback addresses;
 * bound beyond it, the bound address, os.hostname() and the interface addresses; and the
 * names given with --allowed-host. Every parameter and body is checked by the schema the CLI
 * shares (src/query/params.ts): a bad one is 400 naming the field. Export formats are looked
 * up in a Map, and an export's query is opened only as it is read and closed on error. Reads through a read-only connection
 * (WAL, busy_timeout) so an ingest running beside it never shows "database is locked"; the
 * only writes are POST /api/tasks/{ref}/done and /reopen, which want a JSON body and a
 * same-origin Origin when one is sent; request line, headers and bodies are size-limited;
 * static files come from a fixed list read at start-up (no path from the URL reaches the
 * file system); every response carries a strict Content-Security-Policy.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from '../store/db.js';
import { QueryError, KINDS, type TaskQuery, type TaskHit } from '../query/search.js';
import { parseParams, schemas, toTaskQuery, toDocumentQuery, isFiltering } from '../query/params.js';
import { TaskNotFound } from '../query/tasks.js';
import { nextOccurrence, addDays, localToday, normaliseReminders, STATUS_FILTERS } from '../model/status.js';
import { FORMAT_INFO } from '../export/index.js';
import { ROOT } from '../root.js';
import type { User } from '../store/office.js';
import { UploadError, type UploadLimits } from '../../pipelines/upload.js';
import { isPostgres, type Store } from '../backend/store.js';
import { sqliteBackend, postgresBackend, type Backend } from './backend.js';
import { registerCells, registerCsv, REGISTER_COLUMNS } from '../office/register.js';
import { auditCsv, auditFilter, AuditFilterError } from '../office/audit.js';
import { LoginThrottle, may, mayChangeTask, newToken, tokenHash, verifyPassword, type Permission } from '../office/access.js';

// from the project root: this module runs from a file under dist/ once built (src/root.ts)
const HERE = path.join(ROOT, 'src', 'http');
export const PUBLIC_DIR = path.join(HERE, 'public');
export const OPENAPI_FILE = path.join(HERE, 'openapi.json');

export const LIMITS = {
  url: 4096, // bytes of the request target
  body: 16 * 1024, // bytes of a POST body
  upload: 50 * 1024 * 1024, // bytes of an uploaded document
  headers: 16 * 1024, // bytes of all headers (node's maxHeaderSize)
  requestTimeoutMs: 30_000,
};

export interface ServeOptions {
  db: string;
  host?: string;
  port?: number;
  /** Fixed "today" for statuses (tests); default: the day of each request. */
  today?: string | null;
  /** Host names to answer besides this machine's own (--allowed-host). */
  allowedHosts?: string[];
  log?: (line: string) => void;
  /** Mark the session cookie Secure (served over TLS, e.g. behind a proxy). */
  secureCookies?: boolean;
  /** How an upload is parsed on SQLite (tests: a short time limit, a worker of their own). */
  upload?: UploadLimits;
  /** The brake on password guessing (tests give one with a clock of their own). */
  throttle?: LoginThrottle;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A route of the API: what it answers, who may call it (`public`: anyone, even without a session). */
interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** A path it answers, for tests and listings. */
  example: string;
  access: 'public' | Permission;
  run: (c: Ctx) => unknown;
}

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  m: RegExpExecArray;
  p: URLSearchParams;
  user: User | null;
}

export const SESSION_COOKIE = 'congvan_session';
const SESSION_HOURS = 12;

/** The one user of a server on loopback with no accounts (today's one-person tool). */
const LOCAL_USER: User = { id: 0, name: 'local', role: 'admin', agency: null, createdAt: '' };

const publicUser = (u: User) => ({ name: u.name, role: u.role, agency: u.agency, may: { task: may(u, 'task'), upload: may(u, 'upload') } });

/** A task as sent: with whether this user may mark it done or reopen it. */
const withMay = <T extends { lead: string[]; support: string[] }>(u: User, t: T): T & { mayChange: boolean } => ({ ...t, mayChange: mayChangeTask(u, t) });

/** A cookie's value from a Cookie header, or null. */
export function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of String(header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || null;
  }
  return null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The static files, read once: name -> [bytes, type]. Only these are ever served. */
function loadAssets(): Map<string, { body: Buffer; type: string }> {
  const m = new Map<string, { body: Buffer; type: string }>();
  for (const name of fs.readdirSync(PUBLIC_DIR)) {
    if (name.startsWith('.')) continue;
    const full = path.join(PUBLIC_DIR, name);
    if (!fs.statSync(full).isFile()) continue;
    m.set(name, { body: fs.readFileSync(full), type: MIME[path.extname(name)] ?? 'application/octet-stream' });
  }
  return m;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...(res.getHeader('Connection') ? { Connection: String(res.getHeader('Connection')) } : {}), ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(buf.length), 'Cache-Control': 'no-store', ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

const json = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

function readBytes(req: http.IncomingMessage, limit = LIMITS.body): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new HttpError(413, `request body over ${limit} bytes`));
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        // stop reading; the 413 goes out with Connection: close and the socket then ends
        req.removeAllListeners('data');
        req.pause();
        reject(new HttpError(413, `request body over ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const readBody = async (req: http.IncomingMessage): Promise<string> => (await readBytes(req)).toString('utf8');

/** Other names the API takes for a parameter (as the CLI spells it, or camelCase). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['words', 'q'],
  ['due-before', 'due_before'],
  ['dueBefore', 'due_before'],
  ['due-after', 'due_after'],
  ['dueAfter', 'due_after'],
]);

/** URL parameters under their API names, the first non-empty value of each (for parseParams). */
export function paramsOf(p: URLSearchParams): Record<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of p) {
    const name = ALIASES.get(k) ?? k;
    if (v !== '' && !out.has(name)) out.set(name, v);
  }
  return Object.fromEntries(out);
}

/** The filters of a task query from URL parameters (names as in the CLI, with _ or -), checked. */
export function taskQueryFrom(p: URLSearchParams, today: string | null): TaskQuery {
  const q = toTaskQuery(parseParams(schemas.taskSearch, paramsOf(p)));
  return { ...q, today: q.today ?? today };
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** A host name as compared: lower case, no brackets around an IPv6 address, no final dot. */
function bareName(h: string): string {
  let n = h.trim().toLowerCase();
  if (n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1);
  return n.replace(/%.*$/, '').replace(/\.$/, '');
}

/** The name in a Host header (without its port), or null when it is not one. */
export function hostOf(header: string | undefined): string | null {
  const h = String(header ?? '').trim();
  if (!h) return null;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/@]+)(?::\d{1,5})?$/.exec(h);
  return m ? bareName(m[1]!) : null;
}

const isLoopback = (h: string) => /^127\.\d+\.\d+\.\d+$/.test(h) || h === 'localhost' || h === '::1';
const isWildcard = (h: string) => h === '' || h === '0.0.0.0' || h === '::';

/**
 * The Host names a server bound to `bound` answers: on loopback, the loopback names; bound to
 * another address, that address, this machine's name and its interface addresses (and the
 * loopback names too when bound to every address); plus the names given. A page that a DNS
 * name of its own points here (DNS rebinding) sends that name, and is refused.
 */
export function allowedHostNames(bound: string, extra: readonly string[] = []): Set<string> {
  const b = bareName(bound);
  const names = new Set(extra.map(bareName).filter(Boolean));
  if (!isWildcard(b)) names.add(b);
  if (isLoopback(b) || isWildcard(b)) for (const n of LOOPBACK_NAMES) names.add(n);
  if (!isLoopback(b)) {
    names.add(bareName(os.hostname()));
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(bareName(a.address));
  }
  names.delete('');
  for (const w of ['0.0.0.0', '::']) names.delete(w);
  return names;
}

/** Each occurrence of the selected obligations between two days (recurring ones expanded). */
async function deadlines(store: Store, q: TaskQuery, from: string, to: string) {
  const r = await store.searchTasks({ ...q, dueAfter: from, dueBefore: to, sort: 'due', limit: 500, offset: 0 });
  const out: { date: string; task: TaskHit }[] = [];
  for (const t of r.items) {
    if (t.deadline?.kind === 'recurring' && t.deadline.rule) {
      let d = nextOccurrence(t.deadline.rule, from);
      for (let i = 0; d && d <= to && i < 400; i++) {
        out.push({ date: d, task: t });
        d = nextOccurrence(t.deadline.rule, addDays(d, 1));
      }
    } else if (t.deadline?.date) out.push({ date: t.deadline.date, task: t });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.task.id - b.task.id));
  return { from, to, total: out.length, capped: r.total > 500 || r.totalCapped, items: out };
}

export interface Server {
  server: http.Server;
  url: string;
  /** The API's routes: method, a path each answers, and who may call it. */
  routes: { method: string; example: string; access: string }[];
  close: () => Promise<void>;
}

export async function serve(opts: ServeOptions): Promise<Server> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  // SQLite: one read-only connection for every GET, a writing one opened on the first POST; PostgreSQL: the store's pool
  const b: Backend = isPostgres(opts.db) ? await postgresBackend(opts.db) : sqliteBackend(opts.db, opts.upload);
  const office = b.office;
  const assets = loadAssets();
  const openapi = fs.readFileSync(OPENAPI_FILE);
  const today = () => opts.today ?? localToday();
  const allowedHosts = allowedHostNames(host, opts.allowedHosts ?? []);

  // accounts (src/office/access.ts): always beyond loopback; on loopback once a user exists
  const local = isLoopback(bareName(host));
  if (!local && (await office.countUsers()) === 0) {
    await b.close();
    throw new StoreError(`${opts.db}: no accounts: congvan serve listens beyond this machine (${host}) only with accounts. Add one first: congvan user add NAME --role admin --db ${opts.db}`);
  }
  const accountsOn = async () => !local || (await office.countUsers()) > 0;
  const throttle = opts.throttle ?? new LoginThrottle();
  const cookieFlags = `Path=/; HttpOnly; SameSite=Strict${opts.secureCookies ? '; Secure' : ''}`;

  /** The signed-in user of a request: from its session cookie; the one local user when accounts are off. */
  const userOf = async (req: http.IncomingMessage): Promise<User | null> => {
    if (!(await accountsOn())) return LOCAL_USER;
    const token = cookieOf(req.headers.cookie, SESSION_COOKIE);
    return token ? office.sessionUser(tokenHash(token), new Date().toISOString()) : null;
  };

  /** A write's body as JSON ({} when empty). */
  const jsonBody = async (req: http.IncomingMessage): Promise<unknown> => {
    if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) throw new HttpError(415, 'send a JSON body (Content-Type: application/json)');
    const raw = await readBody(req);
    if (!raw.trim()) return {};
    try {
      return JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'the body is not JSON');
    }
  };

  const view = (p: URLSearchParams) => {
    const v = parseParams(schemas.view, paramsOf(p));
    return { today: v.today ?? today(), reminders: v.remind ?? null };
  };

  /** done / reopen: the role and, for a member, its agency must allow it. */
  const changeTask = async (c: Ctx, done: boolean) => {
    const v = view(c.p);
    const before = await b.store.getTask(c.m[1]!, v);
    if (!mayChangeTask(c.user!, before)) {
      throw new HttpError(403, c.user!.agency
        ? `${c.user!.name} (${c.user!.agency}) may change only the obligations its agency leads or supports`
        : `${c.user!.name} is a ${c.user!.role} with no agency: it may not change obligations`);
    }
    const body = await jsonBody(c.req);
    const on = done ? parseParams(schemas.done, body).on ?? today() : null;
    // the change and its audit entry together, or neither (the store's markDone and reopen)
    if (on) {
      const r = await b.writer().markDone(c.m[1]!, on, c.user!.name);
      log(`done ${r.recordId}#${r.seq} on ${r.doneOn} by ${c.user!.name}`);
    } else {
      const r = await b.writer().reopen(c.m[1]!, c.user!.name);
      log(`reopen ${r.recordId}#${r.seq} by ${c.user!.name}`);
    }
    return json(c.res, 200, withMay(c.user!, await b.store.getTask(c.m[1]!, v)));
  };

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/api\/health$/, example: '/api/health', access: 'public', run: (c) => json(c.res, 200, { ok: true }) },
    {
      method: 'GET', pattern: /^\/api\/session$/, example: '/api/session', access: 'public',
      run: async (c) => {
        const u = await userOf(c.req);
        return json(c.res, 200, { accounts: await accountsOn(), user: u && publicUser(u) });
      },
    },
    {
      method: 'POST', pattern: /^\/api\/login$/, example: '/api/login', access: 'public',
      run: async (c) => {
        const body = (await jsonBody(c.req)) as { name?: unknown; password?: unknown };
        const name = typeof body?.name === 'string' ? body.name.trim() : '';
        const password = typeof body?.password === 'string' ? body.password : '';
        if (!name || !password) throw new HttpError(400, 'name, password: give both');
        const address = c.req.socket.remoteAddress ?? '';
        // counted in the store: every server on it brakes the same guesses
        const brake = b.writeOffice();
        const wait = await throttle.retryAfter(brake, name, address);
        if (wait > 0) throw new HttpError(429, `too many failed logins: try again in ${wait} s`, { 'Retry-After': String(wait) });
        const u = await office.findUser(name);
        if (!(await verifyPassword(password, u?.passwordHash ?? null)) || !u) {
          await throttle.fail(brake, name, address);
          throw new HttpError(401, 'wrong name or password');
        }
        await throttle.succeed(brake, name);
        const t = newToken();
        const now = new Date();
        const o = b.writeOffice();
        await o.pruneSessions(now.toISOString());
        await o.createSession(t.hash, u.id, now.toISOString(), new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString());
        log(`login ${u.name}`);
        return send(c.res, 200, JSON.stringify({ accounts: true, user: publicUser(u) }), 'application/json; charset=utf-8', {
          'Set-Cookie': `${SESSION_COOKIE}=${t.token}; ${cookieFlags}; Max-Age=${SESSION_HOURS * 3600}`,
        });
      },
    },
    {
      method: 'POST', pattern: /^\/api\/logout$/, example: '/api/logout', access: 'read',
      run: async (c) => {
        const token = cookieOf(c.req.headers.cookie, SESSION_COOKIE);
        if (token) await b.writeOffice().deleteSession(tokenHash(token));
        return send(c.res, 200, JSON.stringify({ ok: true }), 'application/json; charset=utf-8', { 'Set-Cookie': `${SESSION_COOKIE}=; ${cookieFlags}; Max-Age=0` });
      },
    },
    {
      method: 'GET', pattern: /^\/api\/audit$/, example: '/api/audit', access: 'read',
      run: async (c) => {
        const p = paramsOf(c.p);
        const format = p.format ?? 'json';
        if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format: json or csv');
        if (format === 'csv') {
          const f = auditFilter(p, null);
          const body = [...auditCsv((await office.listAudit(f)).items.reverse())].join(''); // oldest first, as a register reads
          return send(c.res, 200, body, 'text/csv; charset=utf-8', { 'Content-Disposition': `attachment; filename="congvan-audit-${today()}.csv"` });
        }
        return json(c.res, 200, await office.listAudit(auditFilter(p, { limit: 100, max: 1000 })));
      },
    },
    {
      method: 'GET', pattern: /^\/api\/register$/, example: '/api/register', access: 'read',
      run: async (c) => {
        const p = paramsOf(c.p);
        const format = p.format ?? 'json';
        if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format: json or csv');
        if (p.year !== undefined && !/^\d{4}$/.test(p.year)) throw new HttpError(400, `year: ${JSON.stringify(p.year)} is not a year`);
        const year = p.year ? Number(p.year) : format === 'csv' ? Number(today().slice(0, 4)) : null;
        const lines = await office.registerLines(year);
        if (format === 'csv') return send(c.res, 200, [...registerCsv(lines)].join(''), 'text/csv; charset=utf-8', { 'Content-Disposition': `attachment; filename="so-den-${year}.csv"` });
        return json(c.res, 200, { year, years: await office.registerYears(), columns: REGISTER_COLUMNS, items: lines.map((l) => ({ ...l, cells: registerCells(l) })) });
      },
    },
    {
      method: 'POST', pattern: /^\/api\/register\/(\d{4})\/(\d{1,9})$/, example: '/api/register/2026/1', access: 'upload',
      run: async (c) => {
        const body = (await jsonBody(c.req)) as Record<string, unknown> | null;
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'the body is not a JSON object');
        const change: { recipient?: string | null; note?: string | null } = {};
        for (const k of ['recipient', 'note'] as const) {
          if (!(k in body)) continue;
          const v = body[k];
          if (v !== null && (typeof v !== 'string' || v.length > 500)) throw new HttpError(400, `${k}: a text of at most 500 characters, or null`);
          change[k] = typeof v === 'string' ? v.normalize('NFC').trim() || null : null;
        }
        if (!Object.keys(change).length) throw new HttpError(400, 'recipient, note: give one');
        const year = Number(c.m[1]);
        const number = Number(c.m[2]);
        const e = await b.annotate(year, number, change, c.user!.name);
        if (!e) throw new HttpError(404, `no number ${number} in the register of ${year}`);
        return json(c.res, 200, e);
      },
    },
    {
      method: 'POST', pattern: /^\/api\/documents$/, example: '/api/documents', access: 'upload',
      run: async (c) => {
        // a header of our own: a page of another site cannot send it without asking first (CORS)
        const raw = c.req.headers['x-file-name'];
        if (typeof raw !== 'string' || !raw) throw new HttpError(400, 'name: send the file name in X-File-Name (URI-encoded)');
        let name: string;
        try {
          name = decodeURIComponent(raw);
        } catch {
          throw new HttpError(400, 'name: X-File-Name is not URI-encoded');
        }
        if (!/^application\/octet-stream\b/i.test(String(c.req.headers['content-type'] ?? ''))) throw new HttpError(415, 'send the file as Content-Type: application/octet-stream');
        const bytes = await readBytes(c.req, LIMITS.upload);
        const r = await b.upload({ name, bytes, by: c.user!.name });
        log(`upload ${r.file} by ${c.user!.name}: ${r.status}${r.register ? ` số đến ${r.register.number}/${r.register.year}` : ''}${r.run ? ` (run ${r.run})` : ''}`);
        const status = r.status === 'failed' ? 422 : r.status === 'unchanged' ? 200 : r.status === 'queued' ? 202 : 201;
        return json(c.res, status, r.status === 'failed' ? { ...r, error: `the document could not be read (${r.reason})` } : r);
      },
    },
    { method: 'POST', pattern: /^\/api\/tasks\/(.+)\/done$/, example: '/api/tasks/1/done', access: 'task', run: (c) => changeTask(c, true) },
    { method: 'POST', pattern: /^\/api\/tasks\/(.+)\/reopen$/, example: '/api/tasks/1/reopen', access: 'task', run: (c) => changeTask(c, false) },
    {
      method: 'GET', pattern: /^\/api\/tasks$/, example: '/api/tasks', access: 'read',
      run: async (c) => {
        const r = await b.store.searchTasks(taskQueryFrom(c.p, today()));
        return json(c.res, 200, { ...r, items: r.items.map((t) => withMay(c.user!, t)) });
      },
    },
    { method: 'GET', pattern: /^\/api\/tasks\/([^/]+)$/, example: '/api/tasks/1', access: 'read', run: async (c) => json(c.res, 200, withMay(c.user!, await b.store.getTask(c.m[1]!, view(c.p)))) },
    { method: 'GET', pattern: /^\/api\/documents$/, example: '/api/documents', access: 'read', run: async (c) => json(c.res, 200, await b.store.searchDocuments(toDocumentQuery(parseParams(schemas.documentSearch, paramsOf(c.p))))) },
    {
      method: 'GET', pattern: /^\/api\/documents\/([^/]+)$/, example: '/api/documents/1', access: 'read',
      run: async (c) => {
        const v = await b.documentView(c.m[1]!, view(c.p));
        if (!v) throw new HttpError(404, `no document "${c.m[1]}"`);
        return json(c.res, 200, { ...v, tasks: v.tasks.map((t) => withMay(c.user!, t)) });
      },
    },
    {
      method: 'GET', pattern: /^\/api\/agencies$/, example: '/api/agencies', access: 'read',
      run: async (c) => {
        const a = parseParams(schemas.agencies, paramsOf(c.p));
        return json(c.res, 200, { items: await b.agencies(a.q ?? '', a.limit ?? 30) });
      },
    },
    {
      method: 'GET', pattern: /^\/api\/stats$/, example: '/api/stats', access: 'read',
      run: async (c) => {
        const q = toTaskQuery(parseParams(schemas.taskFilters, paramsOf(c.p)));
        return json(c.res, 200, await b.stats({ ...q, today: q.today ?? today() }));
      },
    },
    {
      method: 'GET', pattern: /^\/api\/deadlines$/, example: '/api/deadlines', access: 'read',
      run: async (c) => {
        const dp = parseParams(schemas.deadlines, paramsOf(c.p));
        const q = toTaskQuery(dp);
        const from = dp.from ?? q.today ?? today();
        const to = dp.to ?? addDays(from, 30);
        if (to < from || to > addDays(from, 400)) throw new HttpError(400, 'to: must be after from, and at most 400 days later');
        return json(c.res, 200, await deadlines(b.store, { ...q, today: q.today ?? today(), dueAfter: null, dueBefore: null }, from, to));
      },
    },
    {
      // the last runs (batches, queued ones too) with their progress and failed files
      method: 'GET', pattern: /^\/api\/failures$/, example: '/api/failures', access: 'read',
      run: async (c) => {
        const p = paramsOf(c.p);
        if (p.runs !== undefined && !/^\d{1,4}$/.test(p.runs)) throw new HttpError(400, `runs: ${JSON.stringify(p.runs)} is not a number of runs (0: all)`);
        const runs = await b.store.failures(p.runs === undefined ? 5 : Number(p.runs));
        return json(c.res, 200, { items: runs.map((r) => ({ ...r, inProgress: r.finishedAt === null, done: r.ingested + r.unchanged + r.failed })) });
      },
    },
    {
      method: 'GET', pattern: /^\/api\/export$/, example: '/api/export', access: 'read',
      run: async (c) => {
        const ep = parseParams(schemas.export, paramsOf(c.p));
        const format = ep.format ?? 'json';
        const info = FORMAT_INFO.get(format)!; // the schema knows only these names
        const q = toTaskQuery(ep);
        const day = q.today ?? today();
        const reminders = normaliseReminders(q.reminders);
        const tasks = isFiltering(ep) ? (q.words ? new Set((await b.store.searchTasks({ ...q, today: day, limit: 500, offset: 0 })).items.map((x) => x.ref)) : await b.store.selectTasks({ ...q, today: day })) : null;
        // read whole here: the records' query is opened by the first chunk and closed by the last (or an error)
        const body = [...(await b.exportChunks(format, { today: day, reminders, tasks }))].join('');
        return send(c.res, 200, body, info.type, { 'Content-Disposition': `attachment; filename="congvan-${day}.${info.ext}"` });
      },
    },
  ];

  /** A write must come from this server's own page (or from no page at all: a command-line client). */
  const checkOrigin = (req: http.IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (origin === 'null') throw new HttpError(403, 'cross-origin writes are refused');
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      throw new HttpError(403, 'bad Origin');
    }
    if (o.host.toLowerCase() !== String(req.headers.host ?? '').toLowerCase() || !allowedHosts.has(bareName(o.hostname))) throw new HttpError(403, 'cross-origin writes are refused');
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    if (Buffer.byteLength(target) > LIMITS.url) throw new HttpError(414, 'request target too long');
    // no DNS rebinding: only this machine's names (and those given) may be asked for
    const hostName = hostOf(req.headers.host);
    if (!hostName || !allowedHosts.has(hostName)) throw new HttpError(403, 'unexpected Host header (congvan serve --allowed-host NAME answers another name)');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(target, 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError(400, 'bad request target');
    }
    const isRead = method === 'GET' || method === 'HEAD';

    // the page and its assets
    if (pathname === '/' || pathname === '/index.html') {
      if (!isRead) throw new HttpError(405, 'method not allowed');
      const a = assets.get('index.html')!;
      return send(res, 200, a.body, a.type);
    }
    if (pathname.startsWith('/assets/')) {
      if (!isRead) throw new HttpError(405, 'method not allowed');
      const a = assets.get(pathname.slice('/assets/'.length));
      if (!a) throw new HttpError(404, 'no such file');
      return send(res, 200, a.body, a.type, { 'Cache-Control': 'no-cache' });
    }
    if (pathname === '/openapi.json' || pathname === '/api/openapi.json') {
      if (!isRead) throw new HttpError(405, 'method not allowed');
      return send(res, 200, openapi, 'application/json; charset=utf-8');
    }
    if (!pathname.startsWith('/api/')) throw new HttpError(404, 'not found');

    // every write but the login wants a session, whatever the route (a new one cannot slip through)
    const user = await userOf(req);
    const login = pathname === '/api/login';
    if (!isRead && !login) {
      if (!user) throw new HttpError(401, 'sign in first (POST /api/login)');
      checkOrigin(req);
    }
    if (login && !isRead) checkOrigin(req);
    let found: { r: Route; m: RegExpExecArray } | null = null;
    let other = false;
    for (const r of routes) {
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      if (r.method === method || (r.method === 'GET' && method === 'HEAD')) {
        found = { r, m };
        break;
      }
      other = true;
    }
    if (!found) {
      if (other) throw new HttpError(405, isRead ? 'use POST to change a task' : 'method not allowed (reads are GET; writes are POST)');
      if (!isRead) throw new HttpError(405, 'method not allowed (reads are GET; writes are POST)');
      throw new HttpError(404, 'not found');
    }
    const { r, m } = found;
    if (r.access !== 'public') {
      if (!user) throw new HttpError(401, 'sign in first (POST /api/login)');
      if (!may(user, r.access)) throw new HttpError(403, `a ${user.role} may not do this`);
    }
    return r.run({ req, res, m, p: url.searchParams, user });
  };

  const server = http.createServer({ maxHeaderSize: LIMITS.headers, requestTimeout: LIMITS.requestTimeoutMs, headersTimeout: 10_000 }, (req, res) => {
    route(req, res).catch((e: unknown) => {
      // a store that refuses a write (read-only media, damaged pages) says so, naming the file
      const storeRefused = e instanceof StoreError || /^SQLITE_(?:READONLY|CORRUPT|NOTADB|FULL|CANTOPEN)/.test(String((e as { code?: string })?.code ?? ''));
      const status = e instanceof HttpError ? e.status : e instanceof QueryError || e instanceof AuditFilterError || e instanceof UploadError ? 400 : e instanceof TaskNotFound ? 404 : storeRefused ? 503 : 500;
      if (storeRefused && !(e instanceof StoreError)) (e as Error).message = `${opts.db}: the store refused the write (${(e as Error).message})`;
      const message = status === 500 ? 'internal error' : (e as Error).message;
      if (status === 500) log(`error ${req.method} ${req.url}: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) {
        if (status === 413) res.setHeader('Connection', 'close');
        send(res, status, JSON.stringify({ error: message }), 'application/json; charset=utf-8', e instanceof HttpError ? e.headers : {});
        if (status === 413) res.on('finish', () => req.socket.destroySoon?.() ?? req.socket.end());
      } else res.destroy();
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const code = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${code}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port ?? 8080;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${shown}:${port}`,
    routes: routes.map((r) => ({ method: r.method, example: r.example, access: r.access })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => void b.close().then(resolve, resolve));
        server.closeAllConnections?.();
      }),
  };
}

export { KINDS, STATUS_FILTERS };
