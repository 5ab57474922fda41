import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../pipelines/ingest.js';
import { openStore, type DB } from '../../src/store/db.js';
import { searchTasks, searchDocuments, QueryError, type TaskHit } from '../../src/query/search.js';
import { parseQuery, matchExpression } from '../../src/query/fts.js';
import { resolveAgencies } from '../../src/query/agency.js';
import { fold } from '../../src/normalise/unicode.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';

const txt = STEMS.map((s) => path.join(CORPUS, `${s}.txt`));
const TODAY = '2021-11-20';
let db: DB;
const all = (q: Parameters<typeof searchTasks>[1]) => searchTasks(db, { today: TODAY, limit: 500, ...q });
const ids = (r: { items: TaskHit[] }) => r.items.map((t) => t.id).sort((a, b) => a - b);
const hasAgency = (t: TaskHit, key: string, role?: 'lead' | 'support') =>
  (role ? t[role] : [...t.lead, ...t.support]).some((n) => fold(n).includes(key));

beforeAll(async () => {
  const dir = tmpDir('congvan-query-');
  const file = path.join(dir, 'store.db');
  await ingest(txt, { db: file });
  db = openStore(file, { readonly: true });
});
afterAll(() => db?.close());

describe('words, with or without diacritics', () => {
  it('"so noi vu" finds "Sở Nội vụ", ranking the exact sequence first', () => {
    const r = all({ words: 'so noi vu' });
    expect(r.items.length).toBeGreaterThan(5);
    expect(r.items[0]!.text + r.items[0]!.lead.join(' ') + r.items[0]!.support.join(' ')).toMatch(/Sở Nội vụ/);
    // the snippet marks the words as written in the text
    const marked = r.items.flatMap((t) => t.snippet.marks.map(([a, b]) => t.snippet.text.slice(a, b)));
    expect(marked).toContain('Sở Nội vụ');
  });

  it('"dau tu" finds "đầu tư" (đ folded to d), and "đầu tư" finds the same', () => {
    const plain = all({ words: 'dau tu' });
    expect(plain.items.length).toBeGreaterThan(0);
    expect(plain.items.some((t) => /đầu tư/i.test(t.text))).toBe(true);
    expect(ids(all({ words: 'đầu tư' }))).toEqual(ids(plain));
    expect(ids(all({ words: 'ĐẦU TƯ' }))).toEqual(ids(plain));
  });

  it('"uy ban" finds both "Ủy ban" and "Uỷ ban"; either spelling typed finds the same', () => {
    const r = all({ words: 'uy ban' });
    expect(r.items.some((t) => t.text.includes('Ủy ban'))).toBe(true);
    expect(r.items.some((t) => t.text.includes('Uỷ ban'))).toBe(true);
    expect(ids(all({ words: 'Ủy ban' }))).toEqual(ids(r));
    expect(ids(all({ words: 'Uỷ ban' }))).toEqual(ids(r));
  });

  it('typed text never raises an FTS5 syntax error', () => {
    const hostile = ['"', '"dau tu', '*', 'dau*', '-', '-dau', 'OR', 'dau OR', 'AND', 'NOT', 'NEAR(', '(', ')', '(dau tu', 'a:b', '^dau', '{dau}', "'", '\\', '""', 'dau + tu', 'col:dau', '%', '\u0000', 'x'.repeat(5000)];
    for (const h of hostile) expect(() => all({ words: h }), h).not.toThrow();
    for (const h of hostile) expect(() => searchDocuments(db, { words: h }), h).not.toThrow();
    expect(all({ words: '"dau tu" OR (cong)' }).items.length).toBeGreaterThan(0);
    expect(all({ words: '(dau tu*' }).total).toBe(all({ words: 'dau tu' }).total);
  });

  it('builds MATCH text only from quoted folded tokens', () => {
    const p = parseQuery('Sở "Nội vụ" OR -x* (y)');
    expect(p.quoted).toEqual([['noi', 'vu']]);
    expect(p.loose).toEqual(['so', 'x', 'y']);
    expect(matchExpression(p)).toBe('("noi vu" AND "so x y") OR ("noi vu" AND "so" AND "x" AND "y")');
    expect(matchExpression(parseQuery('  * - ( ) '))).toBeNull();
  });

  it('words that match nothing give nothing', () => {
    expect(all({ words: 'xyzzyq' }).items).toEqual([]);
  });
});

describe('filters', () => {
  it('--agency "so noi vu" --due-before 2021-12-31 --today 2021-11-20: the tasks of Sở Nội vụ due by then', () => {
    const r = all({ agency: 'so noi vu', dueBefore: '2021-12-31' });
    expect(r.items.length).toBeGreaterThan(0);
    for (const t of r.items) {
      expect(hasAgency(t, 'so noi vu')).toBe(true);
      expect(t.due && t.due <= '2021-12-31', t.ref).toBe(true);
    }
    // 000 item 2.4: "Sở Nội vụ hàng tháng ... tổng hợp, báo cáo": monthly, next on 2021-11-30
    const t24 = r.items.find((t) => t.ref.startsWith('000_') && t.label === '2.4');
    expect(t24?.lead).toEqual(['Sở Nội vụ']);
    expect(t24?.due).toBe('2021-11-30');
    // 002: "thành lập Ban Chỉ đạo cải cách hành chính" before 15/8/2021, led by Sở Nội vụ
    expect(r.items.some((t) => t.ref.startsWith('002_') && t.lead.includes('Sở Nội vụ') && t.deadline?.date === '2021-08-15')).toBe(true);
    // every task of Sở Nội vụ with a date in range is there (checked against the raw tables)
    const expected = db
      .prepare(`SELECT DISTINCT t.id FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id JOIN agencies a ON a.id = ta.agency_id
        WHERE a.folded LIKE '%so noi vu%' AND t.deadline_date <= '2021-12-31'`).pluck().all() as number[];
    expect(expected.length).toBeGreaterThan(0);
    for (const id of expected) expect(ids(r)).toContain(id);
  });

  it('--role lead / support', () => {
    const lead = all({ agency: 'Sở Nội vụ', role: 'lead' });
    const support = all({ agency: 'so noi vu', role: 'support' });
    expect(lead.items.length).toBeGreaterThan(0);
    expect(support.items.length).toBeGreaterThan(0);
    for (const t of lead.items) expect(hasAgency(t, 'so noi vu', 'lead')).toBe(true);
    for (const t of support.items) expect(hasAgency(t, 'so noi vu', 'support')).toBe(true);
    expect(ids(all({ agency: 'so noi vu' })).length).toBeGreaterThanOrEqual(new Set([...ids(lead), ...ids(support)]).size);
  });

  it('--agency takes abbreviations and names typed without marks', () => {
    const vp = ids(all({ agency: 'Văn phòng Ủy ban nhân dân tỉnh' }));
    expect(vp.length).toBeGreaterThan(0);
    expect(ids(all({ agency: 'VP UBND tỉnh' }))).toEqual(vp);
    expect(ids(all({ agency: 'vp ubnd tinh' }))).toEqual(vp);
    const tt = ids(all({ agency: 'Sở Thông tin và Truyền thông' }));
    expect(tt.length).toBeGreaterThan(0);
    expect(ids(all({ agency: 'Sở TT&TT' }))).toEqual(tt);
    expect(ids(all({ agency: 'so tt&tt' }))).toEqual(tt);
    expect(resolveAgencies(db, 'Bộ Quốc phòng không có')).toEqual([]);
    expect(all({ agency: 'Bộ Quốc phòng không có' }).items).toEqual([]);
  });

  it('--due-after and --due-before make a window', () => {
    const r = all({ dueAfter: '2021-11-21', dueBefore: '2021-12-31' });
    expect(r.items.length).toBeGreaterThan(0);
    for (const t of r.items) expect(t.due! >= '2021-11-21' && t.due! <= '2021-12-31', `${t.ref} ${t.due}`).toBe(true);
    const after = all({ dueAfter: '2025-01-01' });
    // a recurring task falls in any window holding one of its occurrences
    for (const t of after.items) expect(t.deadline?.kind === 'recurring' || t.due! >= '2025-01-01', t.ref).toBe(true);
    expect(after.items.filter((t) => t.deadline?.kind !== 'recurring').length).toBeGreaterThan(0);
    expect(after.items.some((t) => t.ref.startsWith('004_'))).toBe(true);
  });

  it('--kind, each kind', () => {
    for (const kind of ['by', 'within', 'from', 'recurring', 'ongoing'] as const) {
      const r = all({ kind });
      expect(r.items.length, kind).toBeGreaterThan(0);
      for (const t of r.items) expect(t.deadline?.kind).toBe(kind);
    }
    for (const t of all({ kind: 'none' }).items) expect(t.deadline).toBeNull();
  });

  it('--type KH / CV', () => {
    const kh = all({ type: 'KH' });
    expect(kh.items.length).toBeGreaterThan(100);
    for (const t of kh.items) expect(t.document.type).toBe('KH');
    expect(all({ type: 'kh' }).total).toBe(kh.total);
    for (const t of all({ type: 'CV', words: 'bao cao' }).items) expect(t.document.type).toBe('CV');
  });

  it('filters combine with words', () => {
    const r = all({ words: 'bao cao', agency: 'so noi vu', role: 'lead' });
    expect(r.items.length).toBeGreaterThan(0);
    for (const t of r.items) {
      expect(hasAgency(t, 'so noi vu', 'lead')).toBe(true);
      // every word is there (the exact sequence ranks first)
      const words = fold(t.text + ' ' + t.lead.join(' ') + ' ' + t.support.join(' ')).split(/[^a-z0-9]+/);
      expect(words).toContain('bao');
      expect(words).toContain('cao');
    }
  });

  it('without words, results come by deadline, soonest first, undated last', () => {
    const r = all({});
    const dues = r.items.map((t) => t.deadline?.date ?? null);
    const dated = dues.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort());
    expect(dues.indexOf(null)).toBeGreaterThan(dues.lastIndexOf(dated[dated.length - 1]!) - 1);
    expect(r.total).toBe(db.prepare('SELECT count(*) FROM tasks').pluck().get());
  });

  it('limit and offset page through results', () => {
    const a = searchTasks(db, { today: TODAY, limit: 5 });
    const b = searchTasks(db, { today: TODAY, limit: 5, offset: 5 });
    const both = searchTasks(db, { today: TODAY, limit: 10 });
    expect([...a.items, ...b.items].map((t) => t.id)).toEqual(both.items.map((t) => t.id));
  });

  it('bad filter values are errors, not empty results', () => {
    expect(() => all({ dueBefore: '31/12/2021' })).toThrow(QueryError);
    expect(() => all({ today: '2021-02-30' })).toThrow(QueryError);
    expect(() => all({ status: 'late' as never })).toThrow(QueryError);
  });
});

describe('documents', () => {
  it('--documents finds documents by subject and text, without diacritics', () => {
    const r = searchDocuments(db, { words: 'cai cach hanh chinh' });
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items[0]!.subject ?? '').toMatch(/cải cách hành chính/i);
    expect(searchDocuments(db, { words: 'doanh nghiep', type: 'KH' }).items.every((d) => d.type === 'KH')).toBe(true);
    const byAgency = searchDocuments(db, { agency: 'so noi vu' });
    expect(byAgency.items.length).toBeGreaterThan(0);
  });
});

describe('a store with several renditions of one document', () => {
  it('shows each task once', async () => {
    const dir = tmpDir('congvan-rend-');
    const a = path.join(dir, 'a');
    fs.mkdirSync(a);
    fs.copyFileSync(txt[0]!, path.join(a, path.basename(txt[0]!)));
    fs.copyFileSync(txt[0]!, path.join(a, path.basename(txt[0]!).replace('.txt', '.md')));
    const file = path.join(dir, 's.db');
    await ingest([a], { db: file });
    const d2 = openStore(file, { readonly: true });
    const count = (d2.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    const r = searchTasks(d2, { words: 'so noi vu', limit: 500 });
    d2.close();
    expect(count).toBe(2);
    expect(new Set(r.items.map((t) => t.ref)).size).toBe(r.items.length);
    expect(r.items.every((t) => t.document.file.endsWith('.txt'))).toBe(true);
  });
});
