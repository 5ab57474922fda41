/**
 * Accounts on congvan serve: sessions, roles, the member's agency, the brake on password
 * guessing, CSRF, and serving beyond loopback only with accounts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, SESSION_COOKIE, type Server } from '../../src/http/server.js';
import { openStore } from '../../src/store/db.js';
import { LoginThrottle, mayChangeTask } from '../../src/office/access.js';
import { makeStore, call, addUsers, signIn, PASSWORD } from './fixture.js';
import { ROOT, STEMS, tmpDir } from '../helpers.js';

const TODAY = '2021-11-20';
let s: Server;
let store: { dir: string; db: string };
const cookies: Record<string, string> = {};

beforeAll(async () => {
  store = await makeStore('congvan-accounts-');
  await addUsers(store.db, [
    { name: 'admin', role: 'admin' },
    { name: 'minh', role: 'member', agency: 'Sở Nội vụ' },
    { name: 'xem', role: 'viewer' },
    { name: 'lan', role: 'clerk', agency: 'Sở Tài chính' },
    { name: 'khoa', role: 'member', agency: 'Sở Xây dựng' },
  ]);
  s = await serve({ db: store.db, port: 0, today: TODAY });
  for (const n of ['admin', 'minh', 'xem', 'lan']) cookies[n] = await signIn(s.url, n);
}, 60_000);
afterAll(async () => s?.close());

describe('serve with accounts: no session, no write', () => {
  it('refuses every write route of the server without a session (401), and a write to a route that does not exist', async () => {
    const writes = s.routes.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.example)).toEqual(expect.arrayContaining(['/api/tasks/1/done', '/api/tasks/1/reopen', '/api/logout']));
    for (const r of writes) {
      if (r.access === 'public') continue; // the login itself
      const res = await call(s.url, r.example, { method: r.method, body: {} });
      expect(res.status, `${r.method} ${r.example}`).toBe(401);
    }
    expect(writes.filter((r) => r.access === 'public').map((r) => r.example)).toEqual(['/api/login']);
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) expect((await call(s.url, '/api/new-route-nobody-guarded', { method: m, ...(m === 'POST' ? { body: {} } : {}) })).status, m).toBe(401);
    // a stale or forged cookie is no session
    expect((await call(s.url, '/api/tasks/1/done', { body: {}, cookie: `${SESSION_COOKIE}=forged` })).status).toBe(401);
  });

  it('reads want a session too; the page, its assets, the API description, health and the session state do not', async () => {
    for (const r of s.routes.filter((x) => x.method === 'GET')) {
      const res = await call(s.url, r.example);
      expect(res.status, r.example).toBe(r.access === 'public' ? 200 : 401);
    }
    for (const p of ['/', '/assets/app.js', '/openapi.json']) expect((await call(s.url, p)).status, p).toBe(200);
    expect((await call(s.url, '/api/session')).json).toEqual({ accounts: true, user: null });
  });
});

describe('serve with accounts: sessions', () => {
  it('a login sets an HttpOnly SameSite=Strict cookie (not Secure unless asked); a wrong password is 401', async () => {
    const r = await call(s.url, '/api/login', { body: { name: 'xem', password: PASSWORD } });
    const c = String(r.headers['set-cookie']?.[0]);
    expect(c).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{40,};`));
    expect(c).toMatch(/; HttpOnly/);
    expect(c).toMatch(/; SameSite=Strict/);
    expect(c).not.toMatch(/Secure/);
    expect(r.json.user).toEqual({ name: 'xem', role: 'viewer', agency: null, may: { task: false, upload: false } });
    expect((await call(s.url, '/api/login', { body: { name: 'xem', password: 'wrong password' } })).status).toBe(401);
    expect((await call(s.url, '/api/login', { body: { name: 'nobody', password: PASSWORD } })).status).toBe(401);
    expect((await call(s.url, '/api/session', { cookie: cookies.minh })).json.user).toMatchObject({ name: 'minh', role: 'member', agency: 'Sở Nội vụ' });
  });

  it('logout ends the session', async () => {
    const c = await signIn(s.url, 'xem');
    expect((await call(s.url, '/api/tasks?limit=1', { cookie: c })).status).toBe(200);
    const out = await call(s.url, '/api/logout', { body: {}, cookie: c });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie']?.[0])).toMatch(/Max-Age=0/);
    expect((await call(s.url, '/api/tasks?limit=1', { cookie: c })).status).toBe(401);
  });

  it('a session cookie is Secure when the server is told it is behind TLS', async () => {
    const t = await serve({ db: store.db, port: 0, today: TODAY, secureCookies: true });
    try {
      const r = await call(t.url, '/api/login', { body: { name: 'xem', password: PASSWORD } });
      expect(String(r.headers['set-cookie']?.[0])).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });

  it('refuses a cross-site write even with a session (Origin), and a login from another site', async () => {
    const ref = `${STEMS[0]}#9`;
    const r = await call(s.url, `/api/tasks/${encodeURIComponent(ref)}/done`, { body: {}, cookie: cookies.admin, headers: { Origin: 'http://evil.example' } });
    expect(r.status).toBe(403);
    expect((await call(s.url, '/api/login', { body: { name: 'xem', password: PASSWORD }, headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call(s.url, `/api/tasks/${encodeURIComponent(ref)}`, { cookie: cookies.admin })).json.doneOn).toBeNull();
  });

  it('after 5 wrong passwords for a name, even the right one waits (429 with Retry-After), on every server of the store; other names are not held', async () => {
    let now = 1_000_000;
    const t = await serve({ db: store.db, port: 0, today: TODAY, throttle: new LoginThrottle(undefined, () => now) });
    // a second server on the same store: the failures are counted in the store, not in one server's memory
    const t2 = await serve({ db: store.db, port: 0, today: TODAY, throttle: new LoginThrottle(undefined, () => now) });
    try {
      for (let i = 0; i < 5; i++) expect((await call(i % 2 ? t2.url : t.url, '/api/login', { body: { name: 'khoa', password: `guess ${i}` } })).status).toBe(401);
      expect((await call(t2.url, '/api/login', { body: { name: 'khoa', password: PASSWORD } })).status).toBe(429);
      const held = await call(t.url, '/api/login', { body: { name: 'khoa', password: PASSWORD } });
      expect(held.status).toBe(429);
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(800);
      expect((await call(t.url, '/api/login', { body: { name: 'xem', password: PASSWORD } })).status).toBe(200);
      now += 15 * 60_000 + 1000;
      expect((await call(t2.url, '/api/login', { body: { name: 'khoa', password: PASSWORD } })).status).toBe(200);
    } finally {
      await t.close();
      await t2.close();
    }
  });
});

describe('serve with accounts: roles', () => {
  it("a member marks done and reopens its own agency's task, and is refused another agency's (403); the list says which", async () => {
    const list = await call(s.url, '/api/tasks?limit=500', { cookie: cookies.minh });
    const items = list.json.items as { ref: string; lead: string[]; support: string[]; mayChange: boolean }[];
    const mine = items.find((t) => t.ref === `${STEMS[0]}#9`)!;
    expect(mine.lead).toContain('Sở Nội vụ');
    expect(mine.mayChange).toBe(true);
    const other = items.find((t) => !t.mayChange && t.lead.length > 0)!;
    expect([...other.lead, ...other.support]).not.toContain('Sở Nội vụ');
    for (const t of items) expect(t.mayChange, t.ref).toBe([...t.lead, ...t.support].some((a) => /Sở Nội vụ$/.test(a) || a === 'Sở Nội vụ'));

    const done = await call(s.url, `/api/tasks/${encodeURIComponent(mine.ref)}/done`, { body: { on: '2021-11-21' }, cookie: cookies.minh });
    expect(done.status, done.body).toBe(200);
    expect(done.json.doneOn).toBe('2021-11-21');
    expect((await call(s.url, `/api/tasks/${encodeURIComponent(mine.ref)}/reopen`, { body: {}, cookie: cookies.minh })).json.doneOn).toBeNull();

    const refused = await call(s.url, `/api/tasks/${encodeURIComponent(other.ref)}/done`, { body: {}, cookie: cookies.minh });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/Sở Nội vụ/);
    expect((await call(s.url, `/api/tasks/${encodeURIComponent(other.ref)}`, { cookie: cookies.minh })).json.doneOn).toBeNull();
    // a supporting agency may too: a task Sở Nội vụ supports
    const supported = items.find((t) => t.support.includes('Sở Nội vụ') && !t.lead.includes('Sở Nội vụ'));
    if (supported) expect(supported.mayChange).toBe(true);
  });

  it('a viewer reads and changes nothing; an admin changes any task', async () => {
    const ref = encodeURIComponent(`${STEMS[0]}#9`);
    expect((await call(s.url, `/api/tasks/${ref}`, { cookie: cookies.xem })).status).toBe(200);
    expect((await call(s.url, `/api/tasks/${ref}/done`, { body: {}, cookie: cookies.xem })).status).toBe(403);
    expect((await call(s.url, `/api/tasks/${ref}/done`, { body: {}, cookie: cookies.admin })).status).toBe(200);
    expect((await call(s.url, `/api/tasks/${ref}/reopen`, { body: {}, cookie: cookies.admin })).status).toBe(200);
  });

  it('agency names compare as the store compares them: abbreviations, no marks, canonical names', () => {
    const task = { lead: ['Văn phòng Ủy ban nhân dân tỉnh'], support: ['Sở Thông tin và Truyền thông'] };
    expect(mayChangeTask({ role: 'member', agency: 'VP UBND tỉnh' }, task)).toBe(true);
    expect(mayChangeTask({ role: 'member', agency: 'so tt&tt' }, task)).toBe(true);
    expect(mayChangeTask({ role: 'member', agency: 'Ủy ban nhân dân tỉnh' }, task)).toBe(false);
    expect(mayChangeTask({ role: 'member', agency: 'Sở Nội vụ' }, task)).toBe(false);
    expect(mayChangeTask({ role: 'viewer', agency: 'VP UBND tỉnh' }, task)).toBe(false);
    expect(mayChangeTask({ role: 'member', agency: null }, task)).toBe(false);
    expect(mayChangeTask({ role: 'admin', agency: null }, task)).toBe(true);
  });
});

describe('the API description', () => {
  it('documents every route the server answers, with its method', async () => {
    const doc = (await call(s.url, '/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    for (const r of s.routes) {
      const hit = Object.entries(doc.paths).find(([p, ops]) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(r.example) && r.method.toLowerCase() in ops);
      expect(hit, `${r.method} ${r.example}`).toBeTruthy();
    }
  });
});

describe('serve beyond loopback', () => {
  it('refuses to start without a user, saying what to run; starts with one and wants a session', async () => {
    const bare = await makeStore('congvan-nousers-');
    await expect(serve({ db: bare.db, host: '0.0.0.0', port: 0 })).rejects.toThrow(/no accounts.*congvan user add NAME --role admin/);
    // on loopback with no user: today's one-person page, writes open to this machine
    const open = await serve({ db: bare.db, port: 0, today: TODAY });
    try {
      expect((await call(open.url, '/api/session')).json).toMatchObject({ accounts: false, user: { name: 'local', role: 'admin' } });
      expect((await call(open.url, `/api/tasks/${encodeURIComponent(`${STEMS[0]}#9`)}/done`, { body: {} })).status).toBe(200);
    } finally {
      await open.close();
    }
    const wide = await serve({ db: store.db, host: '0.0.0.0', port: 0 });
    try {
      const port = new URL(wide.url).port;
      expect((await call(`http://127.0.0.1:${port}`, '/api/tasks')).status).toBe(401);
    } finally {
      await wide.close();
    }
  });
});

describe('congvan user', () => {
  it('adds a user with the password from standard input, lists, changes and removes; the password is stored hashed', () => {
    const db = path.join(tmpDir('congvan-user-'), 'u.db');
    const run = (args: string[], input?: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'user', ...args, '--db', db], { input, encoding: 'utf8', env: { ...process.env, CONGVAN_TSX: '1' } });
    const add = run(['add', 'Hoa', '--role', 'member', '--agency', 'so noi vu', '--password-stdin'], 'mot mat khau dai\n');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/added Hoa: member for Sở Nội vụ/);
    expect(run(['add', 'hoa', '--role', 'viewer', '--password-stdin'], 'mot mat khau dai\n').status).toBe(2); // names compare without case
    expect(run(['add', 'ngan', '--role', 'viewer', '--password-stdin'], 'ngan\n').stderr).toMatch(/shorter than 8/);
    expect(run(['add', 'ngan', '--role', 'viewer'], '').stderr).toMatch(/--password-stdin/);
    expect(JSON.parse(run(['list', '--json']).stdout)).toMatchObject([{ name: 'Hoa', role: 'member', agency: 'Sở Nội vụ' }]);
    expect(run(['set', 'hoa', '--role', 'clerk']).stdout).toMatch(/Hoa: clerk/);
    const d = openStore(db);
    const stored = d.prepare('SELECT password_hash FROM users').pluck().get() as string;
    d.close();
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{40,}$/);
    expect(stored).not.toContain('mot mat khau');
    expect(run(['passwd', 'Hoa', '--password-stdin'], 'mot mat khau khac\n').status).toBe(0);
    expect(run(['remove', 'hoa']).stdout).toMatch(/removed/);
    expect(run(['remove', 'hoa']).status).toBe(1);
    expect(JSON.parse(run(['list', '--json']).stdout)).toEqual([]);
  }, 60_000);
});
