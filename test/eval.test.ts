import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ingest } from '../pipelines/ingest.js';
import { breakdown, formatOfDocument, lookupFigure, allFigures, readRecords, score, flatten } from '../src/eval/score.js';
import { CORPUS, ROOT, STEMS, tmpDir } from './helpers.js';

const reference = path.join(ROOT, '..', 'shared', 'eval', 'score.mjs');
const hasReference = fs.existsSync(reference);
if (!hasReference) console.warn(`../shared/eval/score.mjs not found: the comparison with the reference scorer is skipped`);

const GOLD = path.join(CORPUS, 'gold');
const bin = path.join(ROOT, 'bin', 'congvan.js');
const run = (args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: ROOT });
/** The command's exit status and output, whatever the status. */
const status = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const referenceRun = (args: string[]) => execFileSync(process.execPath, [reference, ...args], { encoding: 'utf8' });

/** A gold folder holding only the given stems' gold records. */
function goldSubset(dir: string, stems: string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const s of stems) fs.copyFileSync(path.join(GOLD, `${s}.json`), path.join(dir, `${s}.json`));
  return dir;
}

describe('congvan eval', () => {
  const dir = tmpDir();
  const json = path.join(dir, 'json');
  // the same records, dressed as five formats (the gold pairs by stem, so the figures do not change)
  const mixed = path.join(dir, 'mixed');
  const dress: Record<string, { file?: string; format?: string | null }> = {
    [STEMS[1]!]: { file: `${STEMS[1]}.docx`, format: 'docx' },
    [STEMS[2]!]: { file: `${STEMS[2]}.pdf`, format: 'scan' },
    [STEMS[3]!]: { file: `${STEMS[3]}.pdf`, format: null }, // no format field: the extension says pdf
  };
  beforeAll(async () => {
    await ingest(STEMS.map((s) => path.join(CORPUS, `${s}.txt`)), { db: path.join(dir, 's.db'), json });
    fs.mkdirSync(mixed);
    for (const s of STEMS) {
      const r = JSON.parse(fs.readFileSync(path.join(json, `${s}.json`), 'utf8'));
      const d = dress[s];
      if (d?.file) r.source.file = d.file;
      if (d && d.format === null) delete r.source.format;
      else if (d?.format) r.source.format = d.format;
      fs.writeFileSync(path.join(mixed, `${s}.json`), JSON.stringify(r));
    }
  });

  it('grades all five sample letters', () => {
    const out = run(['eval', '--gold', GOLD, '--pred', json]);
    expect(out).toMatch(/documents graded: 5\/5/);
    expect(out).toMatch(/obligations F1: \d+\.\d/);
  });

  it.skipIf(!hasReference)('prints the same figures as the reference scorer, line for line', () => {
    const theirs = referenceRun(['--gold', GOLD, '--pred', json, '--verbose']);
    expect(run(['eval', '--gold', GOLD, '--pred', json, '--verbose', '--by', 'none'])).toBe(theirs);
    // the default report is the reference's, then the breakdowns
    const ours = run(['eval', '--gold', GOLD, '--pred', json, '--verbose']);
    expect(ours.startsWith(theirs)).toBe(true);
    expect(ours.slice(theirs.length)).toMatch(/^\nby format: document fields/);
  });

  it.skipIf(!hasReference)('gives the same JSON figures as the reference scorer', () => {
    const theirs = JSON.parse(referenceRun(['--gold', GOLD, '--pred', json, '--json']));
    const ours = JSON.parse(run(['eval', '--gold', GOLD, '--pred', json, '--json']));
    expect(ours.summary).toEqual(theirs.summary);
    expect(ours.detail).toEqual(theirs.detail);
  });

  it('exits 1 when a figure is below --min', () => {
    expect(() => run(['eval', '--gold', GOLD, '--pred', json, '--min', 'obligations.f1=1.01'])).toThrow();
  });

  it('takes the format from the record (source.format, "scan" for OCR), else from the extension', () => {
    const rec = (file: string, format?: string) => ({ source: { file, ...(format ? { format } : {}) } });
    expect(formatOfDocument(rec('a.pdf'), rec('a.pdf', 'scan'))).toBe('scan');
    expect(formatOfDocument(rec('a.pdf'), rec('a.pdf'))).toBe('pdf');
    expect(formatOfDocument(rec('a.doc'), undefined)).toBe('doc');
    expect(formatOfDocument(rec('a.pdf'), { ...rec('a.pdf'), format: 'scan' })).toBe('scan');
    expect(formatOfDocument(rec('a.markdown'), undefined)).toBe('md');
    expect(formatOfDocument(rec('a'), undefined)).toBe('unknown');
  });

  it('breaks the figures down by format and by type; each group is what the scorer gives on that group alone', () => {
    const gold = readRecords(GOLD), pred = readRecords(mixed);
    const byFormat = breakdown(gold, pred, 'format');
    expect(byFormat.map((g) => [g.key, g.ids.length])).toEqual([['txt', 2], ['docx', 1], ['pdf', 1], ['scan', 1]]);
    const byType = breakdown(gold, pred, 'type');
    expect(byType.map((g) => g.key).sort()).toEqual([...new Set(gold.map((g) => g.document.type as string))].sort());
    for (const groups of [byFormat, byType]) {
      // the groups part the documents: their counts add up to the overall ones
      const all = score(gold, pred);
      expect(groups.reduce((n, g) => n + g.result.documents.gold, 0)).toBe(all.documents.gold);
      for (const k of ['tasks', 'obligations', 'lead', 'support'] as const) {
        for (const c of ['tp', 'gold', 'pred'] as const) expect(groups.reduce((n, g) => n + g.result[k][c], 0), `${k}.${c}`).toBe(all[k][c]);
      }
      expect(groups.reduce((n, g) => n + g.result.fields.number!.ok, 0)).toBe(all.fields.number!.ok);
      for (const g of groups) expect(flatten(g.result)).toEqual(flatten(score(gold.filter((x) => g.ids.includes(path.parse(x.source.file).name)), pred)));
    }
  });

  it.skipIf(!hasReference)('prints byFormat and byType in --json, each group equal to the reference scorer on that group', () => {
    const ours = JSON.parse(run(['eval', '--gold', GOLD, '--pred', mixed, '--json']));
    expect(Object.keys(ours.byFormat)).toEqual(['txt', 'docx', 'pdf', 'scan']);
    expect(Object.keys(ours.byType).sort()).toEqual(['CV', 'KH']);
    for (const [by, groups] of [['format', ours.byFormat], ['type', ours.byType]] as const) {
      for (const [key, g] of Object.entries(groups as Record<string, { ids: string[]; summary: unknown; detail: Record<string, unknown> }>)) {
        const sub = goldSubset(path.join(dir, `gold-${by}-${key}`), g.ids);
        const theirs = JSON.parse(referenceRun(['--gold', sub, '--pred', mixed, '--json']));
        expect(g.summary, `${by} ${key}`).toEqual(theirs.summary);
        const { perDoc: _perDoc, ...detail } = theirs.detail;
        expect(g.detail, `${by} ${key}`).toEqual(detail);
      }
    }
  });

  it('prints both breakdowns compactly after the overall report, and full reports with --by', () => {
    const out = run(['eval', '--gold', GOLD, '--pred', mixed]);
    const tail = out.slice(out.indexOf('obligations F1:'));
    expect(tail).toMatch(/by format: document fields \(accuracy %\)\n\s+docs\s+type\s+num\s+sym\s+issuer/);
    for (const f of ['txt', 'docx', 'pdf', 'scan']) expect(tail).toMatch(new RegExp(`\\n  ${f}\\s+\\d+/\\d+ `));
    expect(tail).toMatch(/by format: obligations \(%\)/);
    expect(tail).toMatch(/by type: document fields \(accuracy %\)\n[^\n]+\n  CV\s+4\/4 /);
    expect(tail).toMatch(/by type: obligations \(%\)[^\n]*\n[^\n]+obl\.F1[^\n]+\n  CV\s+4\s+\d+/);

    const byFormat = run(['eval', '--gold', GOLD, '--pred', mixed, '--by', 'format']);
    expect(byFormat).not.toMatch(/by type:/);
    expect(byFormat).toMatch(/== format txt: 2 documents\ndocuments graded: 2\/2\n/);
    expect(byFormat).toMatch(/== format scan: 1 document\ndocuments graded: 1\/1\n/);
    const byType = run(['eval', '--gold', GOLD, '--pred', mixed, '--by', 'type']);
    expect(byType).toMatch(/== type KH: 1 document\ndocuments graded: 1\/1\n/);
    expect(byType).not.toMatch(/== format/);
  });

  it('checks --min on a format or a type; a group no gold document has is an error, not a pass', () => {
    const args = ['eval', '--gold', GOLD, '--pred', mixed, '--by', 'none', '--min'];
    expect(status([...args, 'format.scan.obligations.f1=0']).code).toBe(0);
    const below = status([...args, 'format.scan.number=1.01']);
    expect(below.code).toBe(1);
    expect(below.err).toMatch(/format\.scan\.document\.number = [\d.]+ is below 1\.01/);
    expect(status([...args, 'type.KH.obligations.f1=1.01']).code).toBe(1);
    expect(status([...args, 'type.kh.document.date=0']).code).toBe(0);
    const none = status([...args, 'format.doc.number=0']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no gold document of format "doc" \(formats graded: txt, docx, pdf, scan\)/);
    expect(status([...args, 'format.pdf.nonsense=0']).code).toBe(2);
    expect(status([...args, 'obligations.f1']).code).toBe(2);
  });

  it('names figures with or without "document." and groups without case or diacritics', () => {
    const figures = allFigures(score([], []), {});
    expect(lookupFigure(figures, 'number')).toMatchObject({ ok: true, key: 'document.number' });
    const g = [{ source: { file: 'a.txt' }, document: { type: 'QĐ', number: '1' } }];
    const p = [{ source: { file: 'a.txt', format: 'txt' }, document: { type: 'QĐ', number: '1' } }];
    const all = allFigures(score(g, p), { format: breakdown(g, p, 'format'), type: breakdown(g, p, 'type') });
    expect(lookupFigure(all, 'type.qd.number')).toMatchObject({ ok: true, key: 'type.QĐ.document.number', value: 1 });
    expect(lookupFigure(all, 'format.TXT.document.type')).toMatchObject({ ok: true, key: 'format.txt.document.type', value: 1 });
    expect(lookupFigure(all, 'type.CV.number')).toMatchObject({ ok: false });
  });

  it('documents the breakdown keys in --help', () => {
    const help = run(['eval', '--help']);
    expect(help).toMatch(/--by <what\.\.\.>/);
    expect(help).toMatch(/format\.<format>\.<figure>/);
    expect(help).toMatch(/type\.<type>\.<figure>/);
  });
});
