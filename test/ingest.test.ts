import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ingest } from '../pipelines/ingest.js';
import { RecordSchema } from '../schemas/record.js';
import { CORPUS, STEMS, gold, tmpDir } from './helpers.js';

const txt = STEMS.map((s) => path.join(CORPUS, `${s}.txt`));

describe('ingest of the sample letters (.txt)', () => {
  const dir = tmpDir();
  const db = path.join(dir, 'store.db');
  const json = path.join(dir, 'json');
  let first: Awaited<ReturnType<typeof ingest>>;

  beforeAll(async () => {
    first = await ingest(txt, { db, json });
  });

  it('stores every file and writes one record per document', () => {
    expect(first.failed).toBe(0);
    expect(first.ingested).toBe(5);
    expect(fs.readdirSync(json).filter((f) => f.endsWith('.json')).sort()).toEqual(STEMS.map((s) => `${s}.json`));
  });

  it('writes records that validate against the zod schema', () => {
    for (const s of STEMS) {
      const r = JSON.parse(fs.readFileSync(path.join(json, `${s}.json`), 'utf8'));
      const parsed = RecordSchema.safeParse(r);
      expect(parsed.success, `${s}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 2))}`).toBe(true);
    }
  });

  it('reads number, symbol, date and type as the gold records give them', () => {
    for (const s of STEMS) {
      const r = JSON.parse(fs.readFileSync(path.join(json, `${s}.json`), 'utf8'));
      const g = gold(s);
      expect(r.document.number, s).toBe(g.document.number);
      expect(r.document.symbol, s).toBe(g.document.symbol);
      expect(r.document.date, s).toBe(g.document.date);
      expect(r.document.type, s).toBe(g.document.type);
    }
  });

  it('finds about as many tasks as the gold records hold', () => {
    for (const s of STEMS) {
      const r = JSON.parse(fs.readFileSync(path.join(json, `${s}.json`), 'utf8'));
      const n = gold(s).tasks.length;
      expect(Math.abs(r.tasks.length - n), `${s}: ${r.tasks.length} tasks, gold ${n}`).toBeLessThanOrEqual(Math.max(1, Math.round(n * 0.05)));
    }
  });

  it('keeps a span for every task that points at its text', () => {
    const r = JSON.parse(fs.readFileSync(path.join(json, `${STEMS[0]}.json`), 'utf8'));
    const conn = new Database(db, { readonly: true });
    const { text } = conn.prepare('SELECT text FROM documents WHERE record_id = ?').get(r.id) as { text: string };
    conn.close();
    for (const t of r.tasks) {
      const slice = text.slice(t.span.start, t.span.end).replace(/\s+/g, ' ');
      expect(slice).toContain(t.text.slice(0, 30));
      if (t.deadline?.span) expect(text.slice(t.deadline.span.start, t.deadline.span.end).trim()).toBe(t.deadline.text);
    }
  });

  it('adds nothing on a second ingest of the same files', async () => {
    const conn = new Database(db, { readonly: true });
    const count = () => conn.prepare('SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM task_agencies) a, (SELECT count(*) FROM tasks_fts) f').get();
    const before = count();
    const second = await ingest(txt, { db, json });
    expect(second.unchanged).toBe(5);
    expect(second.ingested).toBe(0);
    expect(count()).toEqual(before);
    conn.close();
  });

  it('reads the same files again when the rules that read them changed, keeping their record ids and adding nothing twice', async () => {
    const conn = new Database(db, { readonly: true });
    const count = () => conn.prepare('SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM task_agencies) a, (SELECT count(*) FROM tasks_fts) f').get();
    const ids = () => conn.prepare('SELECT path, record_id, rules FROM documents ORDER BY path').all() as { path: string; record_id: string; rules: string }[];
    const before = count();
    const idsBefore = ids();
    expect(new Set(idsBefore.map((r) => r.rules)).size).toBe(1);
    process.env.CONGVAN_RULES_ID = 'rules-of-another-version';
    try {
      const again = await ingest(txt, { db, json });
      expect(again).toMatchObject({ ingested: 5, unchanged: 0, failed: 0 });
      expect(ids().map((r) => [r.path, r.record_id, r.rules])).toEqual(idsBefore.map((r) => [r.path, r.record_id, 'rules-of-another-version']));
      expect(count()).toEqual(before);
      // read by these rules now: the same files are unchanged again
      expect(await ingest(txt, { db, json })).toMatchObject({ ingested: 0, unchanged: 5 });
    } finally {
      delete process.env.CONGVAN_RULES_ID;
    }
    conn.close();
  });

  it('replaces the record of a changed file in place', async () => {
    const d2 = tmpDir();
    const f = path.join(d2, '001_changed.txt');
    const src = fs.readFileSync(txt[1]!, 'utf8');
    fs.writeFileSync(f, src);
    const store = path.join(d2, 's.db');
    await ingest([f], { db: store });
    fs.writeFileSync(f, src.replace('2.4. Khẩn trương ban hành', '2.4. Khẩn trương trước ngày 15/11/2023 ban hành'));
    const again = await ingest([f], { db: store });
    expect(again.ingested).toBe(1);
    const conn = new Database(store, { readonly: true });
    expect((conn.prepare('SELECT count(*) n FROM documents').get() as { n: number }).n).toBe(1);
    const due = conn.prepare("SELECT deadline_date FROM tasks WHERE text LIKE 'Khẩn trương trước ngày%'").get() as { deadline_date: string };
    expect(due.deadline_date).toBe('2023-11-15');
    expect((conn.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    conn.close();
  });

  it('records a bad file as failed and stores the rest', async () => {
    const d3 = tmpDir();
    fs.writeFileSync(path.join(d3, 'empty.txt'), '');
    fs.copyFileSync(txt[0]!, path.join(d3, 'good.txt'));
    const events: string[] = [];
    const s = await ingest([d3], { db: path.join(d3, 's.db'), onResult: (e) => events.push(`${path.basename(e.file)}:${e.status}`) });
    expect(s.failed).toBe(1);
    expect(s.ingested).toBe(1);
    expect(events.sort()).toEqual(['empty.txt:failed', 'good.txt:ingested']);
    const conn = new Database(path.join(d3, 's.db'), { readonly: true });
    const f = conn.prepare('SELECT path, stage, reason FROM failures').get() as { path: string; stage: string; reason: string };
    expect(f.reason).toMatch(/empty/);
    conn.close();
  });
});
