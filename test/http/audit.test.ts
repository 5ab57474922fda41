/**
 * The audit log: every done, reopen (API and command line) and account change kept with who
 * and when; shown by the API, exported as CSV for Excel and JSON, and by `congvan audit`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, type Server } from '../../src/http/server.js';
import { makeStore, call, addUsers, signIn } from './fixture.js';
import { ROOT, STEMS } from '../helpers.js';

const TODAY = '2021-11-20';
let s: Server;
let store: { dir: string; db: string };
let minh: string;
let admin: string;

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), ...args, '--db', store.db], { input, encoding: 'utf8', env: { ...process.env, CONGVAN_TSX: '1' } });

beforeAll(async () => {
  store = await makeStore('congvan-audit-');
  await addUsers(store.db, [
    { name: 'admin', role: 'admin' },
    { name: 'minh', role: 'member', agency: 'Sở Nội vụ' },
  ]);
  s = await serve({ db: store.db, port: 0, today: TODAY });
  minh = await signIn(s.url, 'minh');
  admin = await signIn(s.url, 'admin');
}, 60_000);
afterAll(async () => s?.close());

describe('audit log', () => {
  it('keeps who marked done and reopened which task, newest first; a refused write leaves no entry', async () => {
    const ref = `${STEMS[0]}#9`;
    expect((await call(s.url, `/api/tasks/${encodeURIComponent(ref)}/done`, { body: { on: '2021-11-19' }, cookie: minh })).status).toBe(200);
    expect((await call(s.url, `/api/tasks/${encodeURIComponent(ref)}/reopen`, { body: {}, cookie: minh })).status).toBe(200);
    const other = ((await call(s.url, '/api/tasks?limit=500', { cookie: minh })).json.items as { ref: string; mayChange: boolean }[]).find((t) => !t.mayChange)!;
    expect((await call(s.url, `/api/tasks/${encodeURIComponent(other.ref)}/done`, { body: {}, cookie: minh })).status).toBe(403);

    const log = await call(s.url, '/api/audit', { cookie: minh });
    expect(log.status).toBe(200);
    expect(log.json.total).toBe(2);
    const [reopened, done] = log.json.items;
    expect(done).toMatchObject({ actor: 'minh', action: 'done', recordId: STEMS[0], taskSeq: 9, detail: { on: '2021-11-19' } });
    expect(done.taskKey).toMatch(/\S/);
    expect(reopened).toMatchObject({ actor: 'minh', action: 'reopen', recordId: STEMS[0], taskSeq: 9, detail: { wasDone: true } });
    expect(Date.parse(done.at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await call(s.url, '/api/audit?action=done', { cookie: admin })).json.items.map((e: { action: string }) => e.action)).toEqual(['done']);
    expect((await call(s.url, '/api/audit?action=nope', { cookie: admin })).json.error).toMatch(/^action: /);
    expect((await call(s.url, '/api/audit?since=yesterday', { cookie: admin })).json.error).toMatch(/^since: /);
  });

  it('exports as CSV for Excel (byte order mark, guarded cells) and JSON', async () => {
    const r = await call(s.url, '/api/audit?format=csv', { cookie: admin });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="congvan-audit-.*\.csv"/);
    expect(r.body.charCodeAt(0)).toBe(0xfeff);
    const lines = r.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,record_id,task_seq,task_ref,task_key,target,detail');
    expect(lines[1]).toContain(`,minh,done,${STEMS[0]},9,${STEMS[0]}#9,`);
  });

  it('keeps done and reopen from the command line and account changes, and `congvan audit` prints and exports them', async () => {
    const ref = `${STEMS[0]}#3`;
    expect(cli(['done', ref, '--on', '2021-11-18']).status).toBe(0);
    expect(cli(['user', 'add', '=cmd|calc', '--role', 'viewer', '--password-stdin'], 'mot mat khau dai\n').status).toBe(2); // not a user name
    expect(cli(['user', 'add', 'hoa', '--role', 'viewer', '--password-stdin'], 'mot mat khau dai\n').status).toBe(0);
    const me = `cli:${os.userInfo().username}`;
    const log = (await call(s.url, '/api/audit', { cookie: admin })).json.items;
    expect(log[0]).toMatchObject({ actor: me, action: 'user-add', target: 'hoa', detail: { role: 'viewer', agency: null } });
    expect(log[1]).toMatchObject({ actor: me, action: 'done', recordId: STEMS[0], taskSeq: 3, detail: { on: '2021-11-18' } });

    const text = cli(['audit', '--actor', me]);
    expect(text.status, text.stderr).toBe(0);
    const rows = text.stdout.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`${me}\\s+done\\s+${STEMS[0]}#3`));
    const csv = cli(['audit', '--format', 'csv', '--action', 'done']);
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(3); // header, minh's done, the command line's
    expect(JSON.parse(cli(['audit', '--format', 'json', '--action', 'reopen']).stdout)).toHaveLength(1);
    expect(cli(['audit', '--since', '2021-13-01']).stderr).toMatch(/since: /);
  }, 60_000);
});
