/**
 * The shipped API description (src/http/openapi.json) against the server's real responses:
 * every JSON response below is validated with ajv (JSON Schema 2020-12, which OpenAPI 3.1
 * uses) against the schema the description gives for its path, method and status. A field
 * the server sends that the description does not allow, or one it promises that is not
 * sent, fails here.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { serve, type Server } from '../../src/http/server.js';
import { makeStore, call, addUsers, signIn, type Reply } from './fixture.js';
import { ROOT, STEMS } from '../helpers.js';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
const DOC = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'http', 'openapi.json'), 'utf8')) as Doc;

/**
 * The description as the tests read it: an object schema that lists its properties allows no
 * others (unless it says so), so a field the server sends and the description leaves out is
 * drift too. Objects inside allOf are left open (their neighbours add properties).
 */
function closed(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((n) => closed(n, inAllOf));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'examples' ? v : closed(v, k === 'allOf');
  if (out.properties && typeof out.properties === 'object' && !('additionalProperties' in out) && !inAllOf) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(closed(DOC) as object, 'openapi.json');

/** The documented path template a concrete path answers to. */
function template(pathname: string): string | null {
  const p = pathname.split('?')[0]!;
  return Object.keys(DOC.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(p)) ?? null;
}

const ptr = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Validate a reply against the description; the errors, or [] when it conforms. */
function check(method: string, pathname: string, r: Reply): string[] {
  const t = template(pathname);
  if (!t) return [`${pathname}: no path in openapi.json`];
  const op = DOC.paths[t]![method.toLowerCase()];
  if (!op) return [`${method} ${t}: not in openapi.json`];
  const status = op.responses?.[String(r.status)] ? String(r.status) : op.responses?.default ? 'default' : null;
  if (!status) return [`${method} ${t}: status ${r.status} not documented`];
  const type = String(r.headers['content-type'] ?? '').split(';')[0]!.trim();
  const content = op.responses![status]!.content;
  if (!content) return r.body ? [`${method} ${t} ${status}: a body, none documented`] : [];
  if (!content[type]) return [`${method} ${t} ${status}: content type ${type} not documented (${Object.keys(content).join(', ')})`];
  if (type !== 'application/json' || !content[type]!.schema) return [];
  const ref = `openapi.json#/paths/${ptr(t)}/${method.toLowerCase()}/responses/${status}/content/${ptr(type)}/schema`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (validate(r.json)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${pathname} ${r.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
}

let s: Server;
let admin: string;
const TODAY = '2021-11-20';

beforeAll(async () => {
  const store = await makeStore('congvan-openapi-');
  await addUsers(store.db, [{ name: 'admin', role: 'admin' }]);
  s = await serve({ db: store.db, port: 0, today: TODAY });
  admin = await signIn(s.url, 'admin');
});
afterAll(async () => s?.close());

describe('the real responses against openapi.json', () => {
  it('the description is itself a valid schema document', () => {
    expect(ajv.getSchema('openapi.json')).toBeDefined();
  });

  it('reads: tasks, documents, agencies, stats, deadlines, health, the session, the audit', async () => {
    const errors: string[] = [];
    const go = async (p: string, want = 200) => {
      const r = await call(s.url, p, { cookie: admin });
      expect(r.status, `${p}: ${r.body.slice(0, 200)}`).toBe(want);
      errors.push(...check('GET', p, r));
      return r;
    };
    const tasks = await go('/api/tasks?limit=5');
    await go('/api/tasks?q=s%E1%BB%9F+n%E1%BB%99i+v%E1%BB%A5&limit=3');
    await go('/api/tasks?status=overdue&today=2022-06-01&limit=2');
    await go('/api/tasks?sort=due&kind=by&limit=2');
    const ref = tasks.json.items?.[0]?.ref ?? tasks.json.items?.[0]?.id;
    expect(ref, JSON.stringify(tasks.json).slice(0, 300)).toBeTruthy();
    await go(`/api/tasks/${encodeURIComponent(ref)}`);
    await go('/api/tasks/nope%23999', 404);
    await go('/api/documents?limit=3');
    await go('/api/documents?q=k%E1%BA%BF+ho%E1%BA%A1ch');
    await go(`/api/documents/${encodeURIComponent(STEMS[2]!)}`);
    await go('/api/documents/nope', 404);
    await go('/api/agencies?q=s%E1%BB%9F');
    await go('/api/stats');
    await go('/api/deadlines?from=2021-11-01&to=2021-12-31');
    await go('/api/health');
    await go('/api/session');
    await go('/api/audit');
    await go('/api/failures');
    await go('/api/failures?runs=x', 400);
    await go('/api/tasks?limit=abc', 400);
    expect(errors).toEqual([]);
  });

  it('writes: done, reopen, logout, a refused login', async () => {
    const errors: string[] = [];
    const tasks = await call(s.url, '/api/tasks?limit=1', { cookie: admin });
    const ref = encodeURIComponent(tasks.json.items[0].ref ?? tasks.json.items[0].id);
    const send = async (p: string, body: unknown, want: number, cookie: string | null = admin) => {
      const r = await call(s.url, p, { body, cookie, headers: { Origin: s.url.replace(/\/$/, '') } });
      expect(r.status, `${p}: ${r.body.slice(0, 200)}`).toBe(want);
      errors.push(...check('POST', p, r));
    };
    await send(`/api/tasks/${ref}/done`, { on: '2021-11-19' }, 200);
    await send(`/api/tasks/${ref}/reopen`, {}, 200);
    await send('/api/login', { name: 'admin', password: 'wrong' }, 401, null);
    await send('/api/tasks/nope%23999/done', {}, 404);
    const other = await signIn(s.url, 'admin');
    await send('/api/logout', {}, 200, other);
    expect(errors).toEqual([]);
  });

  it('the exports and the description itself are served as documented', async () => {
    const errors: string[] = [];
    for (const p of ['/api/export?format=csv', '/api/export?format=ics', '/api/export?format=json', '/openapi.json']) {
      const r = await call(s.url, p, { cookie: admin });
      expect(r.status, p).toBe(200);
      errors.push(...check('GET', p, r));
    }
    expect(errors).toEqual([]);
  });
});
