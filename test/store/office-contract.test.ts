/**
 * One contract for the office store (src/store/office.ts): accounts, sessions, the audit log
 * and the register of incoming documents, run against SQLite (SqliteOffice) and PostgreSQL
 * (src/backend/pgoffice.ts, the PostgreSQL store's migration v4). The same calls give the
 * same answers, including writers registering at once on PostgreSQL.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { processFile } from '../../pipelines/document.js';
import { toStoreRow, type StoreRow } from '../../src/store/rows.js';
import { openAnyStore, type Store } from '../../src/backend/store.js';
import { SqliteStore } from '../../src/backend/sqlite.js';
import { PgStore } from '../../src/backend/postgres.js';
import { PgOffice } from '../../src/backend/pgoffice.js';
import { SqliteOffice, UserExists, asyncOffice, type AsyncOfficeStore } from '../../src/store/office.js';
import { LoginThrottle } from '../../src/office/access.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';

const KINDS: { name: string; skip: string | null; open: () => Promise<{ store: Store; office: AsyncOfficeStore; drop: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    skip: null,
    open: async () => {
      const dir = tmpDir('congvan-office-');
      const store = await openAnyStore(path.join(dir, 's.db'));
      return { store, office: asyncOffice(new SqliteOffice((store as SqliteStore).db)), drop: async () => (await store.close(), fs.rmSync(dir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'postgres',
    skip: pgSkip,
    open: async () => {
      const d = await freshDatabase('office');
      const store = await openAnyStore(d.url);
      return { store, office: new PgOffice((store as PgStore).pool), drop: async () => (await store.close(), await d.drop()) };
    },
  },
];

let rows: { file: string; row: StoreRow }[] = [];
beforeAll(async () => {
  for (const s of STEMS.slice(0, 3)) {
    const f = path.join(CORPUS, `${s}.txt`);
    const o = await processFile(f);
    if (!o.ok) throw new Error(`${f}: ${o.reason}`);
    rows.push({ file: f, row: toStoreRow(o.record, o.model.text) });
  }
}, 60_000);

const T0 = '2026-12-06T06:00:00.000Z';

for (const kind of KINDS) {
  describe.skipIf(kind.skip !== null)(`office store on ${kind.name}${kind.skip ? ` (skipped: ${kind.skip})` : ''}`, () => {
    let s: Awaited<ReturnType<(typeof kind)['open']>>;
    beforeAll(async () => {
      s = await kind.open();
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('the login brake: failures kept in the store, so two servers (two brakes) count them together; old ones forgotten', async () => {
      const o = s.office;
      let now = 5_000_000_000_000; // past 2^32 ms: the times are 64-bit
      const a = new LoginThrottle(undefined, () => now);
      const b = new LoginThrottle(undefined, () => now);
      for (let i = 0; i < 3; i++) await a.fail(o, 'Khoa', '10.0.0.1');
      for (let i = 0; i < 2; i++) await b.fail(o, 'khoa', '10.0.0.2');
      expect(await o.loginFailures('n:khoa', now - 1)).toEqual([now, now, now, now, now]);
      expect(await a.retryAfter(o, 'KHOA', '10.0.0.9')).toBe(900);
      expect(await b.retryAfter(o, 'khoa', '10.0.0.9')).toBe(900);
      expect(await b.retryAfter(o, 'lan', '10.0.0.1')).toBe(0);
      await b.succeed(o, 'khoa');
      expect(await a.retryAfter(o, 'khoa', '10.0.0.1')).toBe(0);
      // 20 from one address hold every name from it, until the window has passed
      for (let i = 0; i < 20; i++) await a.fail(o, `n${i}`, '10.0.0.3');
      expect(await b.retryAfter(o, 'other', '10.0.0.3')).toBe(900);
      now += 15 * 60_000;
      expect(await b.retryAfter(o, 'other', '10.0.0.3')).toBe(0);
      await a.fail(o, 'x', '10.0.0.4');
      expect(await o.loginFailures('a:10.0.0.3', 0)).toEqual([]);
    });

    it('accounts: add, find without case, refuse a taken name, change, set a password (ending sessions), remove', async () => {
      const o = s.office;
      expect(await o.countUsers()).toBe(0);
      const lan = await o.addUser({ name: ' Lan ', role: 'member', agency: 'Sở Nội vụ', passwordHash: 'h1' }, T0);
      expect(lan).toMatchObject({ name: 'Lan', role: 'member', agency: 'Sở Nội vụ', createdAt: T0 });
      await o.addUser({ name: 'Đức', role: 'clerk', agency: null, passwordHash: 'h2' }, T0);
      await expect(o.addUser({ name: 'LAN', role: 'viewer', agency: null, passwordHash: 'x' }, T0)).rejects.toBeInstanceOf(UserExists);
      expect(await o.countUsers()).toBe(2);
      expect((await o.listUsers()).map((u) => u.name)).toEqual(['Lan', 'Đức']);
      expect(await o.findUser('lAN')).toMatchObject({ id: lan.id, passwordHash: 'h1' });
      expect(await o.findUser('nobody')).toBeNull();
      expect(await o.updateUser('lan', { role: 'admin', agency: null }, T0)).toMatchObject({ name: 'Lan', role: 'admin', agency: null });
      expect(await o.updateUser('nobody', { role: 'admin' }, T0)).toBeNull();

      await o.createSession('tok-a', lan.id, T0, '2026-12-06T18:00:00.000Z');
      await o.createSession('tok-old', lan.id, '2026-12-05T00:00:00.000Z', '2026-12-05T12:00:00.000Z');
      expect(await o.sessionUser('tok-a', T0)).toMatchObject({ name: 'Lan', role: 'admin' });
      expect(await o.sessionUser('tok-old', T0)).toBeNull(); // expired
      await o.pruneSessions(T0);
      await o.deleteSession('tok-a');
      expect(await o.sessionUser('tok-a', T0)).toBeNull();
      await o.createSession('tok-b', lan.id, T0, '2026-12-06T18:00:00.000Z');
      expect(await o.setPassword('LAN', 'h3', T0)).toBe(true);
      expect(await o.sessionUser('tok-b', T0)).toBeNull();
      expect((await o.findUser('lan'))!.passwordHash).toBe('h3');
      expect(await o.setPassword('nobody', 'h', T0)).toBe(false);
      expect(await o.removeUser('đức')).toBe(true);
      expect(await o.removeUser('đức')).toBe(false);
      expect((await o.listUsers()).map((u) => u.name)).toEqual(['Lan']);
    });

    it('audit: entries newest first, filtered by day, actor, action and document, paged', async () => {
      const o = s.office;
      const a = await o.addAudit({ actor: 'lan', action: 'done', recordId: 'r1', taskSeq: 2, taskKey: 'k2', detail: { on: '2026-12-01' } }, '2026-12-01T08:00:00.000Z');
      expect(a).toMatchObject({ actor: 'lan', action: 'done', recordId: 'r1', taskSeq: 2, taskKey: 'k2', target: null, detail: { on: '2026-12-01' } });
      await o.addAudit({ actor: 'lan', action: 'reopen', recordId: 'r1', taskSeq: 2, taskKey: 'k2' }, '2026-12-02T09:00:00.000Z');
      await o.addAudit({ actor: 'duc', action: 'upload', recordId: 'r2', target: 'x.pdf' }, '2026-12-03T10:00:00.000Z');
      const all = await o.listAudit({});
      expect(all.total).toBe(3);
      expect(all.items.map((e) => e.action)).toEqual(['upload', 'reopen', 'done']);
      expect((await o.listAudit({ since: '2026-12-02', until: '2026-12-02' })).items.map((e) => e.action)).toEqual(['reopen']);
      expect((await o.listAudit({ actor: 'lan', action: 'done' })).items.map((e) => e.at)).toEqual(['2026-12-01T08:00:00.000Z']);
      expect((await o.listAudit({ recordId: 'r2' })).items[0]).toMatchObject({ target: 'x.pdf', detail: null });
      expect(await o.listAudit({ limit: 1, offset: 1 })).toMatchObject({ total: 3, items: [expect.objectContaining({ action: 'reopen' })] });
    });

    it('register: numbers per year from 1, once per document (record id or content), the columns from the document, the clerk\'s notes', async () => {
      const o = s.office;
      for (const r of rows) await s.store.write(r.row, r.file);
      const [a, b, c] = rows.map((r) => ({ recordId: r.row.recordId, sha256: r.row.sha256 }));
      expect(await o.registerDocument({ ...a!, arrivedOn: '2025-12-31', by: 'duc' }, T0)).toMatchObject({ year: 2025, number: 1, kept: false, registeredBy: 'duc' });
      expect(await o.registerDocument({ ...b!, arrivedOn: '2026-01-02', by: null }, T0)).toMatchObject({ year: 2026, number: 1, kept: false });
      expect(await o.registerDocument({ ...c!, arrivedOn: '2026-01-02', by: null }, T0)).toMatchObject({ year: 2026, number: 2, kept: false });
      // again, by record id or by content: the same entry
      expect(await o.registerDocument({ ...b!, arrivedOn: '2026-03-01', by: null }, T0)).toMatchObject({ year: 2026, number: 1, arrivedOn: '2026-01-02', kept: true });
      expect(await o.registerDocument({ recordId: 'other', sha256: c!.sha256, arrivedOn: '2026-03-01', by: null }, T0)).toMatchObject({ number: 2, kept: true });
      expect(await o.registerYears()).toEqual([2026, 2025]);
      expect(await o.findRegistered(c!.recordId)).toMatchObject({ year: 2026, number: 2 });
      expect(await o.findRegistered('nothing')).toBeNull();
      const lines = await o.registerLines(2026);
      expect(lines.map((l) => [l.number, l.recordId])).toEqual([[1, b!.recordId], [2, c!.recordId]]);
      expect(lines[1]).toMatchObject({ type: 'KH', docNumber: '116', symbol: 'KH-UBND', date: '2021-07-28' });
      expect((await o.registerLines(null)).length).toBe(3);
      expect(await o.annotateRegister(2026, 1, { recipient: 'Phòng Tổng hợp' })).toMatchObject({ recipient: 'Phòng Tổng hợp', note: null });
      expect(await o.annotateRegister(2026, 1, { note: 'gấp' })).toMatchObject({ recipient: 'Phòng Tổng hợp', note: 'gấp' });
      expect(await o.annotateRegister(2026, 9, { note: 'x' })).toBeNull();
    });

    // (PostgreSQL's writers share one connection pool here; SQLite's are separate processes: test/http/register.test.ts)
    if (kind.name === 'postgres') it('register: writers at once never take the same number', async () => {
      const o = s.office;
      const many = Array.from({ length: 12 }, (_, i) => ({ recordId: `doc-${i}`, sha256: `sha-${i}`, arrivedOn: '2027-05-01', by: null }));
      const got = await Promise.all(many.map((d) => o.registerDocument(d, T0)));
      expect(got.map((g) => g.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    });
  });
}
