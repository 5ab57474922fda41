import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../pipelines/ingest.js';
import { openStore, type DB } from '../../src/store/db.js';
import { searchTasks } from '../../src/query/search.js';
import { markDone, reopen, getTask, resolveTask, TaskNotFound } from '../../src/query/tasks.js';
import { ParamError } from '../../src/query/params.js';
import { taskStatus, nextOccurrence, STATUS_LABEL } from '../../src/model/status.js';
import { stats } from '../../src/query/stats.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';

describe('status of one obligation', () => {
  const by = (date: string) => ({ kind: 'by', date, rule: null });
  it('open: trong hạn, sắp đến hạn at 7, 3 and 1 days before, quá hạn after', () => {
    expect(taskStatus(by('2021-12-31'), null, '2021-11-20')).toMatchObject({ status: 'on-track', label: 'trong hạn', daysLeft: 41 });
    expect(taskStatus(by('2021-11-27'), null, '2021-11-20')).toMatchObject({ status: 'due-soon', label: 'sắp đến hạn', reminder: 7 });
    expect(taskStatus(by('2021-11-23'), null, '2021-11-20')).toMatchObject({ status: 'due-soon', reminder: 3 });
    expect(taskStatus(by('2021-11-21'), null, '2021-11-20')).toMatchObject({ status: 'due-soon', reminder: 1 });
    expect(taskStatus(by('2021-11-20'), null, '2021-11-20')).toMatchObject({ status: 'due-soon', daysLeft: 0 });
    expect(taskStatus(by('2021-11-19'), null, '2021-11-20')).toMatchObject({ status: 'overdue', label: 'quá hạn', daysLeft: -1 });
    expect(taskStatus({ kind: 'within', date: '2021-11-30', rule: null }, null, '2021-12-01').status).toBe('overdue');
  });
  it('the reminders are configurable', () => {
    expect(taskStatus(by('2021-11-30'), null, '2021-11-20', [14, 7]).status).toBe('due-soon');
    expect(taskStatus(by('2021-11-25'), null, '2021-11-20', [3, 1]).status).toBe('on-track');
  });
  it('done: đúng hạn or quá hạn by the completion day', () => {
    expect(taskStatus(by('2021-11-25'), '2021-11-25', '2022-01-01')).toMatchObject({ status: 'done-on-time', label: 'đúng hạn', done: true });
    expect(taskStatus(by('2021-11-25'), '2021-11-26', '2021-11-26')).toMatchObject({ status: 'done-late', label: 'quá hạn', done: true });
    expect(taskStatus({ kind: 'ongoing', date: null, rule: null }, '2030-01-01', '2030-01-01').status).toBe('done-on-time');
    expect(STATUS_LABEL['done-late']).toBe('quá hạn');
  });
  it('from, ongoing and undated tasks are never late; recurring ones go by their next occurrence', () => {
    expect(taskStatus({ kind: 'from', date: '2021-01-01', rule: null }, null, '2021-11-20').status).toBe('on-track');
    expect(taskStatus({ kind: 'ongoing', date: null, rule: null }, null, '2021-11-20').status).toBe('on-track');
    expect(taskStatus({ kind: 'recurring', date: null, rule: { freq: 'monthly', day: 25 } }, null, '2021-11-20')).toMatchObject({ status: 'due-soon', due: '2021-11-25' });
    expect(taskStatus({ kind: 'recurring', date: null, rule: { freq: 'monthly', day: 25 } }, null, '2021-11-26')).toMatchObject({ status: 'on-track', due: '2021-12-25' });
  });
  it('next occurrences of each rule', () => {
    expect(nextOccurrence({ freq: 'monthly' }, '2021-02-10')).toBe('2021-02-28');
    expect(nextOccurrence({ freq: 'monthly', day: 31 }, '2021-04-01')).toBe('2021-04-30');
    expect(nextOccurrence({ freq: 'quarterly' }, '2021-04-01')).toBe('2021-06-30');
    expect(nextOccurrence({ freq: 'half-yearly' }, '2021-07-01')).toBe('2021-12-31');
    expect(nextOccurrence({ freq: 'yearly', day: 25, month: 12 }, '2021-12-26')).toBe('2022-12-25');
    expect(nextOccurrence({ freq: 'weekly' }, '2021-11-20')).toBe('2021-11-26'); // Saturday -> Friday
    expect(nextOccurrence('{"freq":"monthly","day":5}', '2021-11-20')).toBe('2021-12-05');
    expect(nextOccurrence('not json', '2021-11-20')).toBeNull();
  });
});

describe('status filters and completions on a real store', () => {
  const dir = tmpDir('congvan-status-');
  const file = path.join(dir, 'store.db');
  let db: DB;
  beforeAll(async () => {
    await ingest(STEMS.map((s) => path.join(CORPUS, `${s}.txt`)), { db: file });
    db = openStore(file);
  });
  afterAll(() => db?.close());
  const q = (status: 'open' | 'due-soon' | 'overdue' | 'done' | 'on-track', today: string) => searchTasks(db, { status, today, limit: 500 });

  it('--status overdue / due-soon / open / on-track against --today', () => {
    const today = '2021-11-20';
    const overdue = q('overdue', today);
    expect(overdue.items.length).toBeGreaterThan(0);
    for (const t of overdue.items) {
      expect(t.status).toBe('overdue');
      expect(t.deadline!.date! < today).toBe(true);
    }
    // 000 items 1.3 and 1.4 are due 25/11/2021: due soon on the 20th, overdue on the 26th
    const soon = q('due-soon', today);
    expect(soon.items.filter((t) => t.ref.startsWith('000_') && t.deadline?.date === '2021-11-25').map((t) => t.label).sort()).toEqual(['1.3', '1.4']);
    for (const t of soon.items) expect(t.status).toBe('due-soon');
    expect(q('overdue', '2021-11-26').items.some((t) => t.ref.startsWith('000_') && t.label === '1.3')).toBe(true);
    const open = q('open', today);
    const total = db.prepare('SELECT count(*) FROM tasks').pluck().get() as number;
    expect(open.total).toBe(total);
    const onTrack = q('on-track', today);
    for (const t of onTrack.items) expect(t.status).toBe('on-track');
    expect(onTrack.total + soon.total + overdue.total).toBe(total);
    expect(q('done', today).total).toBe(0);
  });

  it('done and reopen, by task id or <record_id>#<n>; done ones are on time or late', () => {
    const t13 = searchTasks(db, { document: STEMS[0]!, limit: 100, today: '2021-11-20' }).items.find((t) => t.label === '1.3')!;
    expect(t13.deadline?.date).toBe('2021-11-25');
    const r = markDone(db, t13.ref, '2021-11-24');
    expect(r.id).toBe(t13.id);
    expect(getTask(db, String(t13.id), { today: '2021-12-01' })).toMatchObject({ status: 'done-on-time', statusLabel: 'đúng hạn', doneOn: '2021-11-24' });
    markDone(db, String(t13.id), '2021-11-30');
    expect(getTask(db, t13.ref)).toMatchObject({ status: 'done-late', statusLabel: 'quá hạn' });
    const done = q('done', '2021-12-01');
    expect(done.items.map((t) => t.id)).toEqual([t13.id]);
    expect(q('overdue', '2021-12-01').items.some((t) => t.id === t13.id)).toBe(false);
    expect(q('open', '2021-12-01').items.some((t) => t.id === t13.id)).toBe(false);
    expect(reopen(db, t13.ref).wasDone).toBe(true);
    expect(q('done', '2021-12-01').total).toBe(0);
    expect(reopen(db, t13.ref).wasDone).toBe(false);
    expect(() => resolveTask(db, 'nope#1')).toThrow(TaskNotFound);
    expect(() => resolveTask(db, '999999')).toThrow(TaskNotFound);
    // a bad day is a bad parameter (400 in the API, exit 2 in the CLI), not a missing task
    expect(() => markDone(db, t13.ref, '24/11/2021')).toThrow(ParamError);
    expect(() => markDone(db, t13.ref, '24/11/2021')).toThrow(/^on: "24\/11\/2021" is not a date/);
  });

  it('counts by status and by agency', () => {
    const s = stats(db, { today: '2021-11-20' });
    const total = db.prepare('SELECT count(*) FROM tasks').pluck().get() as number;
    expect(s.total).toBe(total);
    expect(Object.values(s.byStatus).reduce((a, b) => a + b, 0)).toBe(total);
    expect(s.byStatus.overdue).toBe(q('overdue', '2021-11-20').total);
    expect(s.byAgency.find((a) => a.name === 'Sở Nội vụ')!.lead).toBeGreaterThan(3);
    const only = stats(db, { today: '2021-11-20', agency: 'so noi vu', role: 'lead' });
    expect(only.byAgency[0]!.name).toBe('Sở Nội vụ');
  });
});

describe('a completion survives re-ingesting a changed version of its document', () => {
  it('keeps the task done while the task is still there, and not when it is gone', async () => {
    const dir = tmpDir('congvan-reingest-');
    const f = path.join(dir, STEMS[0]! + '.txt');
    const src = fs.readFileSync(path.join(CORPUS, `${STEMS[0]}.txt`), 'utf8');
    fs.writeFileSync(f, src);
    const file = path.join(dir, 's.db');
    await ingest([f], { db: file });
    let db = openStore(file);
    const list = searchTasks(db, { limit: 100, today: '2021-11-20' }).items;
    const t14 = list.find((t) => t.label === '1.4')!;
    const t13 = list.find((t) => t.label === '1.3')!;
    markDone(db, t14.ref, '2021-11-22');
    markDone(db, t13.ref, '2021-11-22');
    db.close();
    // a new version: an added sentence elsewhere, and item 1.3 rewritten
    const changed = src.replace('1.3.', '1.3. (bổ sung) Nội dung mới hoàn toàn khác về chuyển đổi số.').replace(/\n/, '\nBản sửa đổi.\n');
    expect(changed).not.toBe(src);
    fs.writeFileSync(f, changed);
    const again = await ingest([f], { db: file });
    expect(again.ingested).toBe(1);
    db = openStore(file, { readonly: true });
    const after = searchTasks(db, { limit: 100, today: '2021-11-20' }).items;
    const n14 = after.find((t) => t.label === '1.4')!;
    expect(n14.doneOn).toBe('2021-11-22');
    expect(n14.statusLabel).toBe('đúng hạn');
    const n13 = after.find((t) => t.label === '1.3')!;
    expect(n13.doneOn).toBeNull();
    db.close();
  });
});

describe('whole-store counts', () => {
  it('match the counts over every obligation, with completions and several renditions', async () => {
    const dir = tmpDir('congvan-stats-');
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    for (const s of STEMS) fs.copyFileSync(path.join(CORPUS, `${s}.txt`), path.join(input, `${s}.txt`));
    fs.copyFileSync(path.join(CORPUS, `${STEMS[0]}.txt`), path.join(input, `${STEMS[0]}.md`)); // a second rendition
    const file = path.join(dir, 's.db');
    await ingest([input], { db: file });
    const db = openStore(file);
    markDone(db, `${STEMS[0]}#3`, '2021-11-24'); // would be due soon on the 20th
    markDone(db, `${STEMS[0]}#9`, '2021-11-30');
    for (const today of ['2021-11-20', '2021-11-26', '2025-07-28']) {
      const whole = stats(db, { today });
      // the same numbers from the enumerating path: a filter that keeps everything
      const all = stats(db, { today, dueAfter: null, role: null, status: null, agency: null, document: null, words: null, type: null, kind: null, limit: 1 });
      expect(all).toBe(whole); // unfiltered queries share the whole-store path (cached)
      const slow = stats(db, { today, status: 'open' }, { max: 1e9 });
      const doneOnes = stats(db, { today, status: 'done' }, { max: 1e9 });
      expect(whole.total).toBe(slow.total + doneOnes.total);
      expect(whole.byStatus['on-track']).toBe(slow.byStatus['on-track']);
      expect(whole.byStatus['due-soon']).toBe(slow.byStatus['due-soon']);
      expect(whole.byStatus.overdue).toBe(slow.byStatus.overdue);
      expect(whole.byStatus['done-on-time'] + whole.byStatus['done-late']).toBe(2);
      const lead = (s: typeof whole, name: string) => s.byAgency.find((a) => a.name === name);
      const snv = lead(whole, 'Sở Nội vụ')!;
      const viaSearch = searchTasks(db, { agency: 'Sở Nội vụ', role: 'lead', today, limit: 500 }).items.filter((t) => t.lead.includes('Sở Nội vụ'));
      expect(snv.lead).toBe(viaSearch.length);
      expect(snv.overdue).toBe(viaSearch.filter((t) => t.status === 'overdue').length);
    }
    db.close();
  });
});
