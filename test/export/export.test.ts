import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';
import ICAL from 'ical.js';
import { ingest } from '../../pipelines/ingest.js';
import { openStore, type DB } from '../../src/store/db.js';
import { exporters } from '../../src/export/index.js';
import { primaryRecords } from '../../src/export/tasks.js';
import { csvCell } from '../../src/export/csv.js';
import { foldLine } from '../../src/export/ics.js';
import { markDone } from '../../src/query/tasks.js';
import type { ExtractionRecord } from '../../schemas/record.js';
import { CORPUS, ROOT, STEMS, tmpDir } from '../helpers.js';

const TODAY = '2021-11-20';
const dir = tmpDir('congvan-export-');
const file = path.join(dir, 'store.db');
let db: DB;
let records: ExtractionRecord[];

const run = (format: string, opts: Parameters<(typeof exporters)['csv']>[2] = {}) => [...exporters[format]!(primaryRecords(db), db, { today: TODAY, now: new Date('2021-11-20T00:00:00Z'), ...opts })].join('');
const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'bin/congvan.js'), ...args, '--db', file], { encoding: 'utf8', cwd: ROOT });

/** A small RFC 4180 reader for the tests. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && s[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

beforeAll(async () => {
  await ingest(STEMS.map((s) => path.join(CORPUS, `${s}.txt`)), { db: file });
  db = openStore(file);
  records = [...primaryRecords(db)];
});
afterAll(() => db?.close());

describe('json and ndjson', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/record.schema.json'), 'utf8'));
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it('json: an array of records valid against schemas/record.schema.json', () => {
    const out = JSON.parse(run('json')) as unknown[];
    expect(out.length).toBe(STEMS.length);
    for (const r of out) expect(validate(r), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
  });

  it('ndjson: one valid record a line', () => {
    const lines = run('ndjson').trim().split('\n');
    expect(lines.length).toBe(STEMS.length);
    for (const l of lines) expect(validate(JSON.parse(l)), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
  });

  it('with filters, records keep only the chosen tasks and stay valid', () => {
    const out = JSON.parse(cli('export', '--format', 'json', '--agency', 'so noi vu', '--role', 'lead', '--today', TODAY)) as ExtractionRecord[];
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) {
      expect(validate(r)).toBe(true);
      for (const t of r.tasks) expect(t.lead).toContain('Sở Nội vụ');
    }
  });
});

describe('csv', () => {
  it('UTF-8 with BOM, CRLF, one row per obligation, Vietnamese intact', () => {
    const s = run('csv');
    expect(s.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(s.slice(1));
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['task_ref', 'record_id', 'document_type']);
    const n = records.reduce((a, r) => a + r.tasks.length, 0);
    expect(rows.length - 1).toBe(n);
    for (const r of rows) expect(r.length).toBe(header.length);
    const col = (name: string) => header.indexOf(name);
    const t = rows.find((r) => r[col('task_ref')] === `${STEMS[0]}#3`)!;
    expect(t[col('deadline_date')]).toBe('2021-11-25');
    expect(t[col('status_label')]).toBe('sắp đến hạn');
    expect(rows.some((r) => r[col('lead')]!.includes('Sở Nội vụ'))).toBe(true);
    expect(rows.some((r) => r[col('text')]!.includes(','))).toBe(true); // quoted commas survive
  });

  it('--status and --agency filter rows', () => {
    const s = cli('export', '--format', 'csv', '--status', 'overdue', '--today', TODAY);
    const rows = parseCsv(s.slice(1));
    const st = rows[0]!.indexOf('status');
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows.slice(1)) expect(r[st]).toBe('overdue');
    const ag = parseCsv(cli('export', '--format', 'csv', '--agency', 'Sở TT&TT', '--today', TODAY).slice(1));
    const lead = ag[0]!.indexOf('lead');
    const sup = ag[0]!.indexOf('support');
    expect(ag.length).toBeGreaterThan(1);
    for (const r of ag.slice(1)) expect(`${r[lead]};${r[sup]}`).toMatch(/Thông tin và Truyền thông/);
  });

  it('quotes, line breaks, control characters and formulas are made safe', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('x\ny')).toBe('"x\ny"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a\u0007b')).toBe('ab');
  });

  it('a cell a spreadsheet could read as a formula is prefixed, whatever follows its first character; plain numbers stay', () => {
    // issue case 10: "+1+cmd|..." and "-2+3..." slipped through (a sign followed by a digit was taken for a number)
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvCell('-2+3+cmd|x!A1')).toBe("'-2+3+cmd|x!A1");
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@1')).toBe("'@1");
    expect(csvCell('+ 1')).toBe("'+ 1");
    expect(csvCell('- Sở Nội vụ')).toBe("'- Sở Nội vụ");
    expect(csvCell('-')).toBe("'-");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('\u0007=1+1')).toBe("'=1+1"); // a control character stripped first does not hide the formula
    expect(csvCell('-1e3')).toBe("'-1e3");
    expect(csvCell('-12,5+A1')).toBe(`"'-12,5+A1"`);
    // plain numbers stay as they are
    for (const n of ['-12', '3.5', '+7', '-0.25', '12', '-3,5', '1.234.567']) expect(csvCell(n)).toBe(/,/.test(n) ? `"${n}"` : n);
    // text that merely contains the characters is untouched
    expect(csvCell('Sở Nội vụ = chủ trì; +1 ngày')).toBe('Sở Nội vụ = chủ trì; +1 ngày');
    expect(csvCell('2021-12-31')).toBe('2021-12-31');
  });
});

describe('ics', () => {
  it('parses with ical.js: one event per dated obligation, RRULE for recurring ones', () => {
    const s = run('ics');
    expect(s.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(s.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const cal = new ICAL.Component(ICAL.parse(s));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const dated = records.flatMap((r) => r.tasks).filter((t) => t.deadline && (t.deadline.date || t.deadline.kind === 'recurring'));
    expect(events.length).toBe(dated.length);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const e13 = events.find((e) => e.uid === `${STEMS[0]}#3@congvan`)!;
    expect(e13.startDate.toString()).toBe('2021-11-25');
    expect(e13.startDate.isDate).toBe(true);
    expect(e13.description).toContain('trước ngày 25/11/2021');
    expect(e13.component.getAllSubcomponents('valarm').length).toBe(3);
    const rec = events.filter((e) => e.isRecurring());
    expect(rec.length).toBe(records.flatMap((r) => r.tasks).filter((t) => t.deadline?.kind === 'recurring').length);
    // "Sở Nội vụ hàng tháng ...": monthly on the last day, next after 2021-11-30 is 2021-12-31
    const monthly = events.find((e) => e.uid === `${STEMS[0]}#9@congvan`)!;
    expect(monthly.component.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
    const it = monthly.iterator();
    expect([it.next()!.toString(), it.next()!.toString()]).toEqual(['2021-11-30', '2021-12-31']);
  });

  it('a done obligation is marked; --agency filters events', () => {
    markDone(db, `${STEMS[0]}#3`, '2021-11-24');
    const cal = new ICAL.Component(ICAL.parse(run('ics')));
    const e = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((x) => x.uid === `${STEMS[0]}#3@congvan`)!;
    expect(e.summary.startsWith('[xong]')).toBe(true);
    expect(e.component.getAllSubcomponents('valarm').length).toBe(0);
    db.prepare('DELETE FROM completions').run();
    const only = new ICAL.Component(ICAL.parse(cli('export', '--format', 'ics', '--agency', 'so noi vu', '--role', 'lead', '--today', TODAY)));
    const evs = only.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(evs.length).toBeGreaterThan(0);
    for (const ev of evs) expect(ev.description).toMatch(/Chủ trì: [^\n]*Sở Nội vụ/);
  });

  it('folds long lines at 75 octets without cutting a character', () => {
    const line = 'SUMMARY:' + 'Ủy ban nhân dân tỉnh Tuyên Quang; '.repeat(10);
    const folded = foldLine(line);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(line);
  });
});

describe('edoc', () => {
  it('documents with the field names of Nghị định 30/2020 Phụ lục VI', () => {
    const out = JSON.parse(run('edoc'));
    expect(out.Documents.length).toBe(STEMS.length);
    const d = out.Documents.find((x: { DocumentId: string }) => x.DocumentId === STEMS[1])!;
    for (const k of ['CodeNumber', 'CodeNotation', 'IssuedDate', 'OrganName', 'Subject', 'SignerInfo', 'DueDate', 'ToPlaces', 'TypeName', 'Tasks']) expect(d).toHaveProperty(k);
    expect(d.CodeNumber).toBe('4945');
    expect(d.CodeNotation).toBe('UBND-THCBKS');
    expect(d.TypeName).toBe('Công văn');
    expect(d.SignerInfo.FullName).toBe('Tạ Văn Dũng');
    expect(d.Tasks.length).toBe(records.find((r) => r.id === STEMS[1])!.tasks.length);
    const d0 = out.Documents.find((x: { DocumentId: string }) => x.DocumentId === STEMS[0])!;
    expect(d0.DueDate).toBe('2021-11-25');
    expect(d0.Tasks[2]).toMatchObject({ TaskId: `${STEMS[0]}#3`, DueDate: '2021-11-25', StatusName: 'sắp đến hạn' });
  });
});

describe('export command', () => {
  it('writes a file with --out and refuses an unknown format', () => {
    const out = path.join(dir, 'x.ics');
    cli('export', '--format', 'ics', '--out', out, '--today', TODAY);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(() => cli('export', '--format', 'xml')).toThrow();
  });
});
