/** A store for the server tests: the sample letters plus one hostile document. */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { expect } from 'vitest';
import { ingest } from '../../pipelines/ingest.js';
import { openStore } from '../../src/store/db.js';
import { SqliteOffice, type Role } from '../../src/store/office.js';
import { hashPassword } from '../../src/office/access.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';

export const HOSTILE_ID = '900_hostile';

// Markup in the text of an obligation. (The plain-text parser currently reorders or drops
// lines when several tags stand in a document, and refuses a file with a control character:
// reported; this fixture keeps to what it reads.)
export const HOSTILE_TEXT = `ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG
Số: 99/UBND-KT
V/v kiểm tra ký tự lạ

Tuyên Quang, ngày 01 tháng 11 năm 2021

Kính gửi: Sở Nội vụ

Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện như sau:
1. Sở Nội vụ chủ trì rà soát hồ sơ &amp; "ngoặc kép" 'đơn' \\ x, hoàn thành trước ngày 30/11/2021.
2. Sở Tài chính báo cáo kinh phí <script>window.__pwned = 1</script> &lt;b&gt;đậm&lt;/b&gt; trước ngày 15/12/2021.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
`;

export async function makeStore(prefix = 'congvan-http-'): Promise<{ dir: string; db: string }> {
  const dir = tmpDir(prefix);
  const input = path.join(dir, 'in');
  fs.mkdirSync(input);
  for (const s of STEMS) fs.copyFileSync(path.join(CORPUS, `${s}.txt`), path.join(input, `${s}.txt`));
  fs.writeFileSync(path.join(input, `${HOSTILE_ID}.txt`), HOSTILE_TEXT);
  const db = path.join(dir, 'store.db');
  await ingest([input], { db });
  return { dir, db };
}

export const PASSWORD = 'mật khẩu dài 123';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A request to a server; the body as JSON when one is given. */
export function call(base: string, pathname: string, opts: { method?: string; cookie?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const u = new URL(base);
  const headers: Record<string, string> = { ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: pathname, method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(body);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
    req.end();
  });
}

/** Add users to a store (as `congvan user add` does). */
export async function addUsers(db: string, users: { name: string; role: Role; agency?: string | null }[]) {
  const d = openStore(db);
  const o = new SqliteOffice(d);
  const hash = await hashPassword(PASSWORD);
  for (const u of users) o.addUser({ name: u.name, role: u.role, agency: u.agency ?? null, passwordHash: hash }, new Date().toISOString());
  d.close();
}

/** Sign in; the session cookie ("name=value") to send. */
export async function signIn(base: string, name: string, password = PASSWORD): Promise<string> {
  const r = await call(base, '/api/login', { body: { name, password } });
  expect(r.status, r.body).toBe(200);
  const c = String(r.headers['set-cookie']?.[0] ?? '');
  return c.split(';')[0]!;
}

