/**
 * Record ids (issue case 1): files of the same name in other folders are other documents,
 * each findable (search, export, the JSON folder); renditions of one document are linked by
 * their extracted identity, never by their name alone; a store made before this is migrated.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ingest } from '../../pipelines/ingest.js';
import { openStore, toStoreRow, type DB } from '../../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION, APPLICATION_ID } from '../../src/store/schema.js';
import { identityKey, sameText, fullIdentity } from '../../src/store/identity.js';
import { processFile } from '../../pipelines/document.js';
import { searchDocuments, searchTasks } from '../../src/query/search.js';
import { markDone } from '../../src/query/tasks.js';
import { readRecords, score } from '../../src/eval/score.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';
import { run } from '../faults/helpers.js';

const [S000, S001, , S003] = STEMS; // 000: a blank number ('Số: /UBND-NC'); 003: 4918/UBND-NC of 13/12/2021
const txt = (s: string) => path.join(CORPUS, `${s}.txt`);
const docx = (s: string) => path.join(CORPUS, 'docx', `${s}.docx`);

function place(dir: string, files: Record<string, string | Buffer>) {
  for (const [name, src] of Object.entries(files)) {
    const to = path.join(dir, name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (Buffer.isBuffer(src)) fs.writeFileSync(to, src);
    else fs.copyFileSync(src, to);
  }
}

/** The top-level records of a JSON folder, file name -> record. */
function topRecords(dir: string): Map<string, { id: string; source: { file: string; path: string }; tasks: { id: string }[] }> {
  return new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]));
}

describe('files of the same name in other folders', () => {
  const dir = tmpDir('congvan-records-same-name-');
  const inbox = path.join(dir, 'in');
  const db = path.join(dir, 's.db');
  const json = path.join(dir, 'json');
  beforeAll(async () => {
    // three different documents; two of them are called congvan.txt
    place(inbox, { 'a/congvan.txt': txt(S000!), 'b/congvan.txt': txt(S001!), 'b/congvan.md': txt(S003!) });
    const s = await ingest([inbox], { db, json, jobs: 2 });
    expect(s).toMatchObject({ files: 3, ingested: 3, failed: 0 });
  });

  it('each is a document of its own: its own record id, found by search', () => {
    const conn = openStore(db, { readonly: true });
    const rows = conn.prepare('SELECT path, record_id FROM documents ORDER BY path').all() as { path: string; record_id: string }[];
    expect(rows.map((r) => path.relative(inbox, r.path))).toEqual(['a/congvan.txt', 'b/congvan.md', 'b/congvan.txt']);
    expect(new Set(rows.map((r) => r.record_id)).size).toBe(3);
    for (const r of rows) expect(r.record_id).toMatch(/^congvan(-[0-9a-f]{8})?$/);
    const docs = searchDocuments(conn, { limit: 50 });
    expect(docs.total).toBe(3);
    expect(docs.items.map((d) => `${d.number ?? ''}/${d.symbol}`).sort()).toEqual(['/UBND-NC', '4918/UBND-NC', '4945/UBND-THCBKS']);
    // every document's tasks are searchable, and a task ref leads to its own document
    const tasks = searchTasks(conn, { limit: 500 });
    expect(new Set(tasks.items.map((t) => t.document.recordId)).size).toBe(3);
    conn.close();
  });

  it('the JSON folder holds one file per document, named by its record id; source.file stays the file name', () => {
    const recs = topRecords(json);
    expect(recs.size).toBe(3);
    for (const [name, r] of recs) {
      expect(name).toBe(`${r.id}.json`);
      expect(r.tasks.every((t) => t.id.startsWith(`${r.id}#`))).toBe(true);
    }
    expect([...recs.values()].map((r) => r.source.file).sort()).toEqual(['congvan.md', 'congvan.txt', 'congvan.txt']);
    expect(fs.readdirSync(json).filter((f) => !f.endsWith('.json'))).toEqual([]); // no rendition folders
    // a grader reading the folder sees all three (it pairs them by source.file's stem)
    expect(readRecords(json)).toHaveLength(3);
  });

  it('congvan export writes all three', () => {
    const r = run(['export', '--format', 'json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; source: { path: string } }[];
    expect(out.map((x) => path.relative(inbox, x.source.path)).sort()).toEqual(['a/congvan.txt', 'b/congvan.md', 'b/congvan.txt']);
  });

  it('a completion marks its own document only', () => {
    const conn = openStore(db);
    const ids = conn.prepare('SELECT record_id FROM documents ORDER BY path').pluck().all() as string[];
    markDone(conn, `${ids[0]}#1`, '2021-11-20');
    expect(conn.prepare('SELECT document_record_id FROM completions').pluck().all()).toEqual([ids[0]]);
    conn.close();
  });

  it('stored again: the same ids, nothing new', async () => {
    const conn = new Database(db, { readonly: true });
    const before = conn.prepare('SELECT path, record_id FROM documents ORDER BY path').all();
    conn.close();
    expect(await ingest([inbox], { db, json, jobs: 1 })).toMatchObject({ unchanged: 3 });
    // a changed file keeps its id
    fs.appendFileSync(path.join(inbox, 'b/congvan.txt'), '\nGhi chú thêm.\n');
    expect(await ingest([inbox], { db, json, jobs: 1 })).toMatchObject({ ingested: 1, unchanged: 2 });
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT path, record_id FROM documents ORDER BY path').all()).toEqual(before);
    after.close();
    expect(topRecords(json).size).toBe(3);
  });
});

describe('renditions of one document', () => {
  it('are files of the same name whose identity and text agree; a draft with a blank number only with the same subject and nearly the same text', async () => {
    const dir = tmpDir('congvan-records-renditions-');
    const inbox = path.join(dir, 'in');
    const draft = fs.readFileSync(txt(S000!), 'utf8');
    // the same draft letter (blank number) with its last third rewritten: another draft
    const other = draft.slice(0, Math.floor(draft.length * 0.6)) + '\n3. Giao Sở Tài chính bố trí kinh phí thực hiện các nhiệm vụ nêu trên, báo cáo kết quả trước ngày 30/12/2021.\n';
    place(inbox, {
      // 003 has a full identity: its Word copy of the same name in another folder is the same document...
      'p/4918.txt': txt(S003!),
      'q/4918.docx': docx(S003!),
      // ...and one under another name stays a document of its own: found by itself
      'Cong van UBND.docx': docx(S003!),
      // 000 has none: the same name and text in two formats is one document...
      'x/du thao.txt': txt(S000!),
      'x/du thao.docx': docx(S000!),
      // ...but a draft of the same name with other text is another, and so is a copy in the same format
      'y/du thao.md': Buffer.from(other),
      'z/du thao.txt': txt(S000!),
    });
    const db = path.join(dir, 's.db');
    const json = path.join(dir, 'json');
    expect(await ingest([inbox], { db, json, jobs: 1 })).toMatchObject({ ingested: 7 });
    const conn = openStore(db, { readonly: true });
    const idOf = (rel: string) => conn.prepare('SELECT record_id FROM documents WHERE path = ?').pluck().get(path.join(inbox, rel)) as string;
    expect(idOf('q/4918.docx')).toBe(idOf('p/4918.txt'));
    expect(idOf('x/du thao.docx')).toBe(idOf('x/du thao.txt'));
    const ids = new Set(['p/4918.txt', 'Cong van UBND.docx', 'x/du thao.txt', 'y/du thao.md', 'z/du thao.txt'].map(idOf));
    expect(ids.size).toBe(5);
    // search shows each document once (its best rendition), export and the folder too
    expect(searchDocuments(conn, { limit: 50 }).total).toBe(5);
    const docxIds = [idOf('p/4918.txt'), idOf('x/du thao.txt')];
    conn.close();
    const recs = topRecords(json);
    expect(recs.size).toBe(5);
    expect([...recs.values()].map((r) => path.relative(inbox, r.source.path)).sort()).toEqual(['Cong van UBND.docx', 'p/4918.txt', 'x/du thao.txt', 'y/du thao.md', 'z/du thao.txt']);
    expect(fs.readdirSync(path.join(json, 'docx')).sort()).toEqual(docxIds.map((i) => `${i}.json`).sort());
  });

  it('identity: the file name always counts; a blank number, a month-only date or no issuer is not a full identity, and the subject counts too', () => {
    const base = { file: 'a.txt', format: 'txt', type: 'CV', number: '4918', symbol: 'UBND-NC', issuer: 'Ủy ban nhân dân tỉnh Tuyên Quang', date: '2021-12-13', subject: 'V/v chấn chỉnh' };
    expect(fullIdentity(base)).toBe(true);
    expect(identityKey({ ...base, file: 'A.pdf', format: 'pdf', symbol: 'UBND - NC', issuer: 'UỶ BAN NHÂN DÂN TỈNH TUYÊN QUANG', subject: 'khác' })).toBe(identityKey(base));
    expect(identityKey({ ...base, file: 'other name.pdf' })).not.toBe(identityKey(base));
    for (const weak of [{ number: null }, { number: ' ' }, { date: '2021-12' }, { issuer: null }]) {
      const d = { ...base, ...weak };
      expect(fullIdentity(d)).toBe(false);
      expect(identityKey({ ...d, file: 'b.txt' })).not.toBe(identityKey(d));
      expect(identityKey({ ...d, subject: 'V/v khác' })).not.toBe(identityKey(d));
      expect(identityKey({ ...d, file: 'A.docx' })).toBe(identityKey(d));
    }
    expect(identityKey({ ...base, date: '2021-12-14' })).not.toBe(identityKey(base));
    const text = fs.readFileSync(txt(S000!), 'utf8');
    expect(sameText('W:x', text, text.replace(/\n/g, ' \n'))).toBe(true);
    expect(sameText('W:x', text, text.slice(0, Math.floor(text.length * 0.6)))).toBe(false);
    expect(sameText('S:x', text, text.slice(0, Math.floor(text.length * 0.8)))).toBe(true);
    expect(sameText('S:x', text, fs.readFileSync(txt(S001!), 'utf8'))).toBe(false);
  });

  it('graded as npm run eval grades: the folder of the samples in two formats pairs every gold record with its text rendition', async () => {
    const dir = tmpDir('congvan-records-eval-');
    const json = path.join(dir, 'json');
    await ingest([...STEMS.map(txt), path.join(CORPUS, 'docx')], { db: path.join(dir, 's.db'), json, jobs: 2 });
    const pred = readRecords(json);
    expect(pred.map((r) => r.source.file).sort()).toEqual(STEMS.map((s) => `${s}.txt`));
    const result = score(readRecords(path.join(CORPUS, 'gold')), pred);
    expect(result.documents).toMatchObject({ found: STEMS.length, gold: STEMS.length });
    expect(result.fields.number!.value).toBe(1);
  });
});

/** A store as congvan before schema 4 wrote it: schema 3, every file's record id its stem, no application id. */
async function oldStore(file: string, files: string[]) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.slice(0, 3)) db.exec(m as string);
  db.pragma('user_version = 3');
  const insDoc = db.prepare(`INSERT INTO documents (path, file, record_id, sha256, format, type, number, symbol, issuer, place, date, subject,
      signer_name, signer_position, signer_authority, record_json, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'then')`);
  const insTask = db.prepare(`INSERT INTO tasks (document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_text, deadline_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insFts = db.prepare('INSERT INTO tasks_fts (rowid, text, agencies) VALUES (?, ?, ?)');
  const insDocFts = db.prepare('INSERT INTO documents_fts (rowid, subject, issuer, text) VALUES (?, ?, ?, ?)');
  for (const f of files) {
    const o = await processFile(f);
    if (!o.ok) throw new Error(o.reason);
    const r = toStoreRow(o.record, o.model.text);
    expect(r.recordId).toBe(path.basename(f).replace(/\.[^.]*$/, '')); // the old id: the stem
    const id = Number(insDoc.run(f, r.file, r.recordId, r.sha256, r.format, r.type, r.number, r.symbol, r.issuer, r.place, r.date, r.subject, r.signerName, r.signerPosition, r.signerAuthority, r.recordJson, r.text).lastInsertRowid);
    insDocFts.run(id, r.fts.subject, r.fts.issuer, r.fts.text);
    r.tasks.forEach((t, i) => {
      const tid = Number(insTask.run(id, i + 1, t.key, t.label, t.path, t.text, t.deadlineKind, t.deadlineDate, t.deadlineText, t.deadlineRule).lastInsertRowid);
      insFts.run(tid, t.ftsText, t.ftsAgencies);
    });
  }
  return db;
}

describe('a store made before record ids named documents (schema 3)', () => {
  it('is migrated on open: every file its own document again, renditions kept together, completions, records and the JSON folder follow', async () => {
    const dir = tmpDir('congvan-records-migrate-');
    const inbox = path.join(dir, 'in');
    place(inbox, { 'a/congvan.txt': txt(S000!), 'a/congvan.docx': docx(S000!), 'b/congvan.txt': txt(S001!), 'c/other.txt': txt(S003!) });
    const file = path.join(dir, 'old.db');
    const old = await oldStore(file, ['a/congvan.txt', 'a/congvan.docx', 'b/congvan.txt', 'c/other.txt'].map((f) => path.join(inbox, f)));
    // done on task 1 of "congvan" (the key of a/congvan.txt's first task), as the old store kept it
    const key = old.prepare("SELECT t.task_key FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.path LIKE '%a/congvan.txt' AND t.seq = 1").pluck().get() as string;
    old.prepare("INSERT INTO completions VALUES ('congvan', ?, '2021-11-20')").run(key);
    expect(old.prepare('SELECT count(DISTINCT record_id) FROM documents').pluck().get()).toBe(2); // the old merge
    old.close();
    // its JSON folder, as the old writer left it: one congvan.json for both files of that name
    const json = path.join(dir, 'json');
    fs.mkdirSync(path.join(json, 'docx'), { recursive: true });
    fs.writeFileSync(path.join(json, 'congvan.json'), JSON.stringify({ id: 'congvan', source: { file: 'congvan.txt' } }));
    fs.writeFileSync(path.join(json, 'docx', 'congvan.json'), JSON.stringify({ id: 'congvan', source: { file: 'congvan.docx' } }));
    fs.writeFileSync(path.join(json, 'other.json'), JSON.stringify({ id: 'other', source: { file: 'other.txt' } }));

    const db: DB = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const rows = db.prepare('SELECT path, record_id, record_json FROM documents ORDER BY id').all() as { path: string; record_id: string; record_json: string }[];
    const id = (rel: string) => rows.find((r) => r.path === path.join(inbox, rel))!.record_id;
    expect(id('a/congvan.txt')).toBe('congvan'); // the first keeps its id
    expect(id('a/congvan.docx')).toBe('congvan'); // its Word rendition stays with it
    expect(id('b/congvan.txt')).toMatch(/^congvan-[0-9a-f]{8}$/);
    expect(id('c/other.txt')).toBe('other');
    for (const r of rows) {
      const rec = JSON.parse(r.record_json) as { id: string; tasks: { id: string }[] };
      expect(rec.id).toBe(r.record_id);
      expect(rec.tasks.every((t) => t.id.startsWith(`${r.record_id}#`))).toBe(true);
    }
    expect(db.prepare('SELECT ident FROM documents WHERE ident IS NULL').all()).toEqual([]);
    // the completion stays with the document that has the task
    expect(db.prepare('SELECT document_record_id, task_key FROM completions').all()).toEqual([{ document_record_id: 'congvan', task_key: key }]);
    expect(searchDocuments(db, { limit: 50 }).total).toBe(3);
    expect(searchTasks(db, { status: 'done', limit: 50 }).items.map((t) => t.ref)).toEqual(['congvan#1']);
    db.close();

    // the next ingest into that folder renames the records the store renamed (a store from before schema 12 does
    // not say which rules read its files: they are read once more, under the ids the store gave them)
    const s = await ingest([inbox], { db: file, json, jobs: 1 });
    expect(s).toMatchObject({ ingested: 4, unchanged: 0 });
    const recs = topRecords(json);
    expect([...recs.keys()].sort()).toEqual(['congvan.json', `${id('b/congvan.txt')}.json`, 'other.json'].sort());
    expect(recs.get('congvan.json')!.source.path).toBe(path.join(inbox, 'a/congvan.txt'));
    expect(recs.get(`${id('b/congvan.txt')}.json`)!.source.path).toBe(path.join(inbox, 'b/congvan.txt'));
    expect(JSON.parse(fs.readFileSync(path.join(json, 'docx', 'congvan.json'), 'utf8')).source.path).toBe(path.join(inbox, 'a/congvan.docx'));
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM record_renames').pluck().get()).toBe(0);
    after.close();
  });
});

describe("a record's rows for the store", () => {
  it('take the canonical agency names the record carries (the refine stage made them), not names recomputed', async () => {
    const o = await processFile(path.join(CORPUS, `${STEMS[0]}.txt`));
    if (!o.ok) throw new Error(o.reason);
    const task = o.record.tasks.find((t) => t.agencies?.length)!;
    task.agencies![0]!.canonical = 'Cơ quan chuẩn hóa khác';
    const row = toStoreRow(o.record, o.model.text).tasks[o.record.tasks.indexOf(task)]!;
    expect(row.agencies[0]).toMatchObject({ name: task.agencies![0]!.name, canonical: 'Cơ quan chuẩn hóa khác', folded: 'co quan chuan hoa khac' });
    expect(row.ftsAgencies).toContain('co quan chuan hoa khac');
    // a record without agencies (made by hand): the names as written
    delete task.agencies;
    const bare = toStoreRow(o.record, o.model.text).tasks[o.record.tasks.indexOf(task)]!;
    expect(bare.agencies.map((a) => [a.name, a.canonical, a.role])).toEqual([...task.lead.map((n) => [n, n, 'lead']), ...task.support.map((n) => [n, n, 'support'])]);
  });
});
