/**
 * One contract for every store (src/backend/store.ts), run against SQLite and PostgreSQL:
 * writes (inserted / unchanged / replaced, renditions under one record id), records, search
 * (diacritic-free including đ, agency aliases, roles, status, kinds, deadline windows,
 * documents), completions, runs and failures, and the migrations story. Then PostgreSQL must
 * give exactly SQLite's answers for the same files and the same queries.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { StoreRow } from '../../src/store/rows.js';
import { openAnyStore, type Store } from '../../src/backend/store.js';
import { fold } from '../../src/normalise/unicode.js';
import type { TaskQuery } from '../../src/query/types.js';
import type { DocumentQuery } from '../../src/query/documents.js';
import { tmpDir } from '../helpers.js';
import { pgSkip, freshDatabase } from '../pg.js';
import { sampleRows } from './samples.js';
import { PG_SCHEMA_VERSION } from '../../src/store/pgschema.js';

const TODAY = '2021-12-01';
let rows: { file: string; row: StoreRow }[] = [];
beforeAll(async () => {
  rows = await sampleRows();
}, 120_000);

/** Every store kind: how to make an empty one, or why it cannot be made here. */
const KINDS: { name: string; skip: string | null; make: () => Promise<{ spec: string; drop: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    skip: null,
    make: async () => {
      const dir = tmpDir('congvan-contract-');
      return { spec: path.join(dir, 'store.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: pgSkip,
    make: async () => {
      const d = await freshDatabase('contract');
      return { spec: d.url, drop: d.drop };
    },
  },
];

async function filled(kind: (typeof KINDS)[number]) {
  const made = await kind.make();
  const store = await openAnyStore(made.spec);
  const run = await store.startRun();
  for (const r of rows) await store.write(r.row, r.file);
  await store.recordFailure(run, '/inbox/broken.pdf', 'parse', 'not a PDF');
  await store.finishRun(run, { files: rows.length + 1, ingested: rows.length, unchanged: 0, failed: 1 });
  return { store, made };
}

const TASK_QUERIES: TaskQuery[] = [
  {},
  { words: 'don vi' },
  { words: 'đơn vị' },
  { words: 'dau tu' },
  { words: 'ĐẦU TƯ' },
  { words: 'bao cao ket qua' },
  { words: '"bao cao" tinh' },
  { words: 'bao cao', sort: 'due' },
  { words: 'so noi vu' },
  { agency: 'so noi vu' },
  { agency: 'Sở Nội vụ', role: 'lead' },
  { agency: 'Sở Nội vụ', role: 'support' },
  { agency: 'vp ubnd tinh' },
  { agency: 'VP UBND tỉnh' },
  { agency: 'UBND tỉnh', words: 'bao cao' },
  { agency: 'no such agency' },
  { role: 'support' },
  { status: 'overdue' },
  { status: 'due-soon', today: '2021-11-27' },
  { status: 'on-track' },
  { status: 'open' },
  { status: 'done' },
  { kind: 'by' },
  { kind: 'none' },
  { kind: 'recurring' },
  { dueBefore: '2021-12-31' },
  { dueAfter: '2021-11-01', dueBefore: '2022-03-31' },
  { type: 'KH' },
  { type: 'cv', words: 'bao cao' },
  { limit: 5, offset: 3 },
  { words: 'thuc hien', limit: 7, offset: 2 },
];

const DOC_QUERIES: DocumentQuery[] = [
  {},
  { words: 'ke hoach' },
  { words: 'kế hoạch cải cách' },
  { words: '"cai cach hanh chinh"' },
  { agency: 'so noi vu' },
  { agency: 'UBND tỉnh' },
  { type: 'CV' },
  { words: 'đơn vị', type: 'KH' },
  { limit: 2, offset: 1 },
];

/** A result without its timing. */
const plain = <T extends { ms: number }>(r: T): T => ({ ...r, ms: 0 });

for (const kind of KINDS) {
  describe.skipIf(kind.skip !== null)(`the ${kind.name} store${kind.skip ? ` (skipped: ${kind.skip})` : ''}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const f = await filled(kind);
      store = f.store;
      drop = f.made.drop;
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await drop?.();
    });

    it('keeps a file once: the same content again is unchanged, new content replaces it', async () => {
      const first = rows[0]!;
      expect((await store.write(first.row, first.file)).result).toBe('unchanged');
      expect(await store.unchanged(first.file, first.row.sha256)).toBe(true);
      const other = { ...first.row, sha256: 'f'.repeat(64) };
      const w = await store.write(other, first.file);
      expect(w.result).toBe('replaced');
      expect(w.id).toBe(first.row.recordId);
      expect((await store.write(first.row, first.file)).result).toBe('replaced');
      expect(await store.unchanged(first.file, first.row.sha256)).toBe(true);
    });

    it('reads a file again when other rules read it: the same content is unchanged only for the same rules', async () => {
      const first = rows[0]!;
      expect(await store.unchanged(first.file, first.row.sha256)).toBe(true);
      process.env.CONGVAN_RULES_ID = 'rules-of-another-version';
      try {
        expect(await store.unchanged(first.file, first.row.sha256)).toBe(false);
        const w = await store.write(first.row, first.file);
        expect(w.result).toBe('replaced');
        expect(w.id).toBe(first.row.recordId);
        expect(await store.unchanged(first.file, first.row.sha256)).toBe(true);
      } finally {
        delete process.env.CONGVAN_RULES_ID;
      }
      expect((await store.write(first.row, first.file)).result).toBe('replaced');
      expect(await store.unchanged(first.file, first.row.sha256)).toBe(true);
    });

    it('stores the .txt and the .docx of one document under one record id, and gives the record back', async () => {
      const id = rows[0]!.row.recordId;
      const rec = await store.getRecord(id);
      expect(rec?.id).toBe(id);
      expect(rec?.tasks.length).toBeGreaterThan(0);
      const all: string[] = [];
      for await (const r of store.primaryRecords()) all.push(r.id);
      expect(all).toEqual([...new Set(rows.map((r) => r.row.recordId))].sort());
    });

    it('finds words without marks, đ as d', async () => {
      for (const words of ['don vi', 'đơn vị', 'ĐƠN VỊ']) {
        const r = await store.searchTasks({ words, today: TODAY, limit: 500 });
        expect(r.total).toBeGreaterThan(3);
        for (const t of r.items) expect(fold(`${t.text} ${t.lead.join(' ')} ${t.support.join(' ')}`)).toMatch(/\bdon vi\b/);
      }
      const dau = await store.searchTasks({ words: 'dau tu', today: TODAY });
      expect(dau.items.length).toBeGreaterThan(0);
      expect(dau.items.every((t) => fold(t.text).includes('dau tu') || fold(t.lead.concat(t.support).join(' ')).includes('dau tu'))).toBe(true);
    });

    it('resolves agency aliases and roles', async () => {
      const a = await store.searchTasks({ agency: 'vp ubnd tinh', today: TODAY, limit: 500 });
      const b = await store.searchTasks({ agency: 'Văn phòng UBND tỉnh', today: TODAY, limit: 500 });
      expect(a.total).toBeGreaterThan(0);
      expect(a.items.map((t) => t.id)).toEqual(b.items.map((t) => t.id));
      const lead = await store.searchTasks({ agency: 'so noi vu', role: 'lead', today: TODAY, limit: 500 });
      expect(lead.total).toBeGreaterThan(0);
      for (const t of lead.items) expect(t.lead.map(fold).join(' ; ')).toMatch(/noi vu/);
    });

    it('filters by status as the statuses say, and a task marked done stays done until reopened', async () => {
      for (const status of ['overdue', 'due-soon', 'on-track', 'open'] as const) {
        const r = await store.searchTasks({ status, today: TODAY, limit: 500 });
        const want = status === 'open' ? ['overdue', 'due-soon', 'on-track'] : [status];
        for (const t of r.items) expect(want).toContain(t.status);
      }
      const overdue = await store.searchTasks({ status: 'overdue', today: TODAY, limit: 1 });
      expect(overdue.items.length).toBe(1);
      const ref = overdue.items[0]!.ref;
      const d = await store.markDone(ref, '2021-11-20');
      expect(d.doneOn).toBe('2021-11-20');
      const done = await store.searchTasks({ status: 'done', today: TODAY, limit: 500 });
      expect(done.items.map((t) => t.ref)).toContain(ref);
      expect((await store.getTask(ref, { today: TODAY })).doneOn).toBe('2021-11-20');
      expect((await store.completions()).get(d.recordId)?.get(d.taskKey)).toBe('2021-11-20');
      expect((await store.reopen(ref)).wasDone).toBe(true);
      expect((await store.reopen(ref)).wasDone).toBe(false);
      expect((await store.searchTasks({ status: 'done', today: TODAY })).total).toBe(0);
    });

    it('selects the tasks an export asks for', async () => {
      const refs = await store.selectTasks({ agency: 'so noi vu', today: TODAY });
      const hits = await store.searchTasks({ agency: 'so noi vu', today: TODAY, limit: 500 });
      expect([...refs].sort()).toEqual(hits.items.map((t) => t.ref).sort());
    });

    it('searches documents by words, agency and type, each document once', async () => {
      const r = await store.searchDocuments({ words: 'ke hoach' });
      expect(r.total).toBeGreaterThan(0);
      expect(new Set(r.items.map((d) => d.recordId)).size).toBe(r.items.length);
      const cv = await store.searchDocuments({ type: 'cv' });
      for (const d of cv.items) expect(d.type).toBe('CV');
    });

    it('lists the runs and their failures', async () => {
      const f = await store.failures(1);
      expect(f).toHaveLength(1);
      expect(f[0]!.failures).toEqual([expect.objectContaining({ path: '/inbox/broken.pdf', stage: 'parse', reason: 'not a PDF', storedSince: false })]);
      expect(f[0]!.ingested).toBe(rows.length);
    });
  });
}

describe.skipIf(pgSkip !== null)(`PostgreSQL and SQLite give the same answers${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  const both: { store: Store; drop: () => Promise<void> }[] = [];
  beforeAll(async () => {
    for (const k of KINDS) {
      const f = await filled(k);
      both.push({ store: f.store, drop: f.made.drop });
    }
    // the same completions in both
    for (const b of both) {
      await b.store.markDone(`${rows[0]!.row.recordId}#1`, '2021-11-02');
      await b.store.markDone(`${rows[2]!.row.recordId}#3`, '2021-12-20');
    }
  }, 120_000);
  afterAll(async () => {
    for (const b of both) {
      await b.store.close();
      await b.drop();
    }
  });

  it('the same records', async () => {
    const [a, b] = both.map((x) => x.store) as [Store, Store];
    const ra: unknown[] = [];
    const rb: unknown[] = [];
    for await (const r of a.primaryRecords()) ra.push(r);
    for await (const r of b.primaryRecords()) rb.push(r);
    expect(rb).toEqual(ra);
    for (const r of rows) expect(await b.getRecord(r.file)).toEqual(await a.getRecord(r.file));
  });

  it.each(TASK_QUERIES.map((q) => [JSON.stringify(q), q] as const))('the same obligations for %s', async (_, q) => {
    const [a, b] = both.map((x) => x.store) as [Store, Store];
    const ra = plain(await a.searchTasks({ today: TODAY, ...q }));
    const rb = plain(await b.searchTasks({ today: TODAY, ...q }));
    expect(rb).toEqual(ra);
    if (!q.agency?.startsWith('no such')) expect(ra.total).toBeGreaterThan(0);
  });

  it.each(DOC_QUERIES.map((q) => [JSON.stringify(q), q] as const))('the same documents for %s', async (_, q) => {
    const [a, b] = both.map((x) => x.store) as [Store, Store];
    const ra = plain(await a.searchDocuments(q));
    const rb = plain(await b.searchDocuments(q));
    expect({ ...rb, today: '' }).toEqual({ ...ra, today: '' });
    expect(ra.total).toBeGreaterThan(0);
  });
});

/** A SQLite and a PostgreSQL store holding the same rows, made before the block's tests and dropped after. */
function storesHolding(make: () => { file: string; row: StoreRow }[], timeoutMs: number): { store: Store }[] {
  const both: { store: Store; drop: () => Promise<void> }[] = [];
  beforeAll(async () => {
    const made = make();
    for (const k of KINDS) {
      const m = await k.make();
      const store = await openAnyStore(m.spec);
      for (const r of made) await store.write(r.row, r.file);
      both.push({ store, drop: m.drop });
    }
  }, timeoutMs);
  afterAll(async () => {
    for (const b of both) {
      await b.store.close();
      await b.drop();
    }
  });
  return both;
}

/**
 * Documents of synthetic obligations holding one word ("zeta"), many more than the caps: the
 * oldest and the newest decisions (QĐ) around plans (KH) whose first two documents' tasks are
 * led by "Sở Zeta". A search with words ranks at most 500 rows found newest first, looking at
 * 4,000 matching rows at most, unless a filter lists fewer rows (an agency's 950): both stores
 * pick the same candidates, so they give the same results and the same counts.
 */
function zetaRows(): { file: string; row: StoreRow }[] {
  const base = rows[0]!.row;
  const docs: { type: string; n: number; agency: boolean }[] = [
    { type: 'QĐ', n: 500, agency: false },
    ...Array.from({ length: 8 }, (_, i) => ({ type: 'KH', n: 475, agency: i < 2 })),
    { type: 'QĐ', n: 200, agency: false },
  ];
  return docs.map((d, i) => {
    const tasks = Array.from({ length: d.n }, (_, j) => {
      const extra = ' them'.repeat(j % 7);
      const agencies = d.agency ? [{ name: 'Sở Zeta', canonical: 'Sở Zeta', folded: 'so zeta', role: 'lead' as const }] : [];
      return {
        key: `zeta ${i} ${j}`, label: `${j + 1}.`, path: JSON.stringify([`${j + 1}`]), text: `Nhiệm vụ zeta số ${j}${extra}`,
        deadlineKind: j % 3 ? 'by' : null, deadlineDate: j % 3 ? `2022-0${1 + (j % 9)}-1${j % 10}` : null, deadlineText: null, deadlineRule: null,
        spanStart: null, spanEnd: null, page: null, ftsText: `nhiem vu zeta so ${j}${extra}`, ftsAgencies: d.agency ? 'so zeta' : '', agencies,
      };
    });
    const sha = `${String(i).padStart(2, '0')}${'a'.repeat(62)}`;
    return { file: `/zeta/zeta-${i}.txt`, row: { ...base, recordId: `zeta-${i}`, sha256: sha, file: `zeta-${i}.txt`, type: d.type, number: String(900 + i), symbol: `${900 + i}/ZT`, tasks, citations: [] } };
  });
}

describe.skipIf(pgSkip !== null)(`above the caps, PostgreSQL and SQLite rank the same candidates${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  const both = storesHolding(zetaRows, 120_000);

  const CASES: [TaskQuery, { total: number; capped: boolean }][] = [
    // the newest 4,000 matching rows hold 200 decisions: the scan stops there
    [{ words: 'zeta', type: 'QĐ', limit: 50 }, { total: 200, capped: true }],
    // an agency listing 950 rows, fewer than the word's: every one is ranked
    [{ words: 'zeta', agency: 'so zeta', limit: 20, offset: 900 }, { total: 950, capped: false }],
    [{ words: 'zeta', agency: 'Sở Zeta', role: 'lead', sort: 'due', limit: 100 }, { total: 950, capped: false }],
    // no filter: the first 500 newest
    [{ words: 'zeta', limit: 30 }, { total: 500, capped: true }],
    [{ words: 'zeta them', status: 'open', limit: 30 }, { total: 500, capped: true }],
    // a phrase most rows holding its words do not hold: the first 500 that hold it
    [{ words: '"them them them them"', limit: 30, offset: 450 }, { total: 500, capped: true }],
    // a deadline kind listing 2,994 rows (at most 5,000): every one is ranked
    [{ words: 'zeta', kind: 'by', limit: 30 }, { total: 2994, capped: false }],
    // a deadline window listing 503 rows: every one is ranked
    [{ words: 'zeta', dueBefore: '2022-02-28', limit: 30, offset: 10 }, { total: 503, capped: false }],
  ];

  it.each(CASES.map(([q, want]) => [JSON.stringify(q), q, want] as const))('the same obligations and counts for %s', async (_, q, want) => {
    const [a, b] = both.map((x) => x.store) as [Store, Store];
    const ra = plain(await a.searchTasks({ today: TODAY, ...q }));
    const rb = plain(await b.searchTasks({ today: TODAY, ...q }));
    expect({ total: ra.total, capped: ra.capped }).toEqual(want);
    expect(rb).toEqual(ra);
    // an export selects the same tasks: the search's candidates
    const [sa, sb] = [await a.selectTasks({ today: TODAY, ...q }), await b.selectTasks({ today: TODAY, ...q })];
    expect(sa.size).toBe(ra.total);
    expect([...sb].sort()).toEqual([...sa].sort());
  });
});

describe.skipIf(pgSkip !== null)(`PostgreSQL migrations${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  it('set up an empty database, refuse a store of a newer congvan and another program\'s tables', async () => {
    const d = await freshDatabase('migrate');
    try {
      const s = await openAnyStore(d.url);
      await s.close();
      const c = new pg.Client({ connectionString: d.url });
      c.on('error', () => {}); // ended by the drop below if an expectation fails
      await c.connect();
      expect((await c.query(`SELECT value FROM congvan_meta WHERE key = 'schema_version'`)).rows[0].value).toBe(String(PG_SCHEMA_VERSION));
      // opened again: nothing to do
      await (await openAnyStore(d.url)).close();
      await c.query(`UPDATE congvan_meta SET value = '99' WHERE key = 'schema_version'`);
      await expect(openAnyStore(d.url)).rejects.toThrow(`newer congvan (schema 99, this one knows ${PG_SCHEMA_VERSION})`);
      await c.query(`DROP TABLE congvan_meta; CREATE TABLE other_app (x int)`);
      await expect(openAnyStore(d.url)).rejects.toThrow(/not a congvan store: the database holds another program's tables \(/);
      await c.end();
    } finally {
      await d.drop();
    }
  });

  it('a reader does not set up a database: it says to run congvan migrate', async () => {
    const d = await freshDatabase('reader');
    try {
      await expect(openAnyStore(d.url, { readonly: true })).rejects.toThrow(/congvan migrate/);
    } finally {
      await d.drop();
    }
  });
});

/**
 * Documents above the caps: 1,100 documents holding the word "omega" (more than the 500 a
 * search with words ranks and the 1,000 a count gives exactly), plans and letters, a third
 * issued by "Sở Omega", some holding the phrase "omega alpha", some without a date, many on
 * one day. Both stores must pick the same candidates and give the same pages and counts.
 */
function omegaRows(): { file: string; row: StoreRow }[] {
  const base = rows[0]!.row;
  return Array.from({ length: 1100 }, (_, i) => {
    const issuer = i % 3 === 0 ? 'Sở Omega' : 'Ủy ban nhân dân tỉnh Beta';
    const subject = `${i % 5 === 0 ? 'omega alpha' : 'alpha và omega'} số ${i}${' thêm'.repeat(i % 4)}`;
    const text = `${issuer} ban hành\n${subject}\nNội dung omega ${i}.`;
    const date = i % 11 === 0 ? null : `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 3)).padStart(2, '0')}`;
    const row: StoreRow = {
      ...base, recordId: `omega-${i}`, sha256: `${String(i).padStart(4, '0')}${'b'.repeat(60)}`, file: `omega-${i}.txt`, type: i % 2 ? 'CV' : 'KH',
      number: String(i), symbol: `${i}/OM`, issuer, date, subject, text, recordJson: '{}', tasks: [], citations: [],
      fts: { subject: fold(subject), issuer: fold(issuer), text: fold(text) },
    };
    return { file: `/omega/omega-${i}.txt`, row };
  });
}

describe.skipIf(pgSkip !== null)(`documents above the caps, PostgreSQL and SQLite pick the same candidates${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  const both = storesHolding(omegaRows, 180_000);

  const CASES: [DocumentQuery, { total: number; capped: boolean }][] = [
    // no words: newest first, counted up to 1,000
    [{ limit: 30, offset: 990 }, { total: 1000, capped: true }],
    [{ type: 'CV', limit: 50, offset: 500 }, { total: 550, capped: false }],
    [{ agency: 'so omega', limit: 20, offset: 360 }, { total: 367, capped: false }],
    // words: the newest 500 matching documents ranked
    [{ words: 'omega', limit: 40 }, { total: 500, capped: true }],
    [{ words: 'omega them', limit: 40, offset: 460 }, { total: 500, capped: true }],
    [{ words: 'omega', type: 'KH', limit: 25, offset: 100 }, { total: 500, capped: true }],
    [{ words: 'omega', agency: 'Sở Omega', limit: 25 }, { total: 367, capped: false }],
    // a phrase found in one document in five
    [{ words: '"omega alpha"', limit: 25, offset: 200 }, { total: 220, capped: false }],
  ];

  it.each(CASES.map(([q, want]) => [JSON.stringify(q), q, want] as const))('the same documents and counts for %s', async (_, q, want) => {
    const [a, b] = both.map((x) => x.store) as [Store, Store];
    const ra = plain(await a.searchDocuments(q));
    const rb = plain(await b.searchDocuments(q));
    expect({ total: ra.total, capped: ra.capped }).toEqual(want);
    expect(ra.items.length).toBeGreaterThan(0);
    expect(rb).toEqual(ra);
  });
});
