/**
 * Paths: Vietnamese letters (composed and decomposed), spaces and odd characters in file
 * and folder names; symbolic-link loops and broken links in a folder.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../pipelines/ingest.js';
import { listFiles, fsPath, type ListProblem } from '../../src/engine/files.js';
import { tmpDir } from '../helpers.js';
import * as F from './fixtures.js';
import { run, failures, storedPaths } from './helpers.js';

describe('file and folder names', () => {
  it('stores files whose names hold Vietnamese letters, spaces and punctuation, under their exact paths', async () => {
    const dir = tmpDir('congvan-faults-names-');
    const folder = path.join(dir, 'Sở Nội vụ', 'Công văn 2021 (đến)');
    fs.mkdirSync(folder, { recursive: true });
    const names = [
      'Kế hoạch số 116 – bản chính.txt',
      'Công văn 4918 UBND-NC.pdf',
      'Quyết định  hai  dấu cách .docx',
      'nhiều.dấu.chấm.v2.TXT',
      "dấu 'nháy' & #1 [bản sao] %20.md",
      'Thông báo kết luận'.normalize('NFD') + ' (tên NFD).txt', // as macOS writes names
      'đ'.repeat(60) + '.txt', // 120 bytes of UTF-8 before the extension
    ];
    const srcs = [F.TXTS[2]!, F.PDFS[3]!, F.DOCXS[0]!, F.TXTS[1]!, F.TXTS[0]!, F.TXTS[4]!, F.TXTS[3]!];
    names.forEach((n, i) => fs.copyFileSync(srcs[i]!, path.join(folder, n)));
    const db = path.join(dir, 'cơ sở dữ liệu', 'kho lưu.db');
    const records = path.join(dir, 'bản ghi');
    const r = run(['ingest', path.join(dir, 'Sở Nội vụ'), '--db', db, '--records', records, '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(storedPaths(db).sort()).toEqual(names.map((n) => path.join(folder, n)).sort());
    expect(failures(db)).toEqual([]);
    // one JSON record per document, named by the file's stem
    const json = fs.readdirSync(records).filter((f) => f.endsWith('.json'));
    expect(json).toHaveLength(names.length);
    for (const n of names) expect(json).toContain(n.replace(/\.[^.]*$/, '') + '.json');
    // a single file given by its path, with spaces, is the same file
    const again = await ingest([path.join(folder, names[0]!)], { db, json: records, jobs: 1 });
    expect(again).toMatchObject({ files: 1, unchanged: 1 });
  });
});

describe('symbolic links', () => {
  function tree() {
    const dir = tmpDir('congvan-faults-links-');
    const inbox = path.join(dir, 'hộp thư');
    fs.mkdirSync(path.join(inbox, 'con'), { recursive: true });
    fs.copyFileSync(F.TXTS[0]!, path.join(inbox, 'tốt.txt'));
    fs.copyFileSync(F.TXTS[1]!, path.join(inbox, 'con', 'tốt 2.txt'));
    fs.symlinkSync('.', path.join(inbox, 'chính nó')); // a folder linked to itself
    fs.symlinkSync('..', path.join(inbox, 'con', 'lên')); // a link up to the parent folder
    fs.symlinkSync('b.txt', path.join(inbox, 'a.txt')); // a.txt -> b.txt -> a.txt
    fs.symlinkSync('a.txt', path.join(inbox, 'b.txt'));
    fs.symlinkSync('vòng', path.join(inbox, 'vòng')); // a link to itself
    fs.symlinkSync('không có.txt', path.join(inbox, 'gãy.txt')); // points nowhere
    return { dir, inbox };
  }

  it('lists every file once, reports link loops and broken links, and never follows a loop forever', () => {
    const { inbox } = tree();
    const problems: ListProblem[] = [];
    const files = [...listFiles([inbox], problems)];
    expect(files.sort()).toEqual([path.join(inbox, 'con', 'tốt 2.txt'), path.join(inbox, 'tốt.txt')].sort());
    const byPath = Object.fromEntries(problems.map((p) => [path.relative(inbox, p.path), p.reason]));
    expect(byPath).toMatchObject({
      'a.txt': 'too many symbolic links (a link loop)',
      'b.txt': 'too many symbolic links (a link loop)',
      'vòng': 'too many symbolic links (a link loop)',
      'gãy.txt': 'a broken symbolic link',
      'chính nó': 'a symbolic link to a folder that holds it (a link loop); not followed',
      'con/lên': 'a symbolic link to a folder that holds it (a link loop); not followed',
    });
    expect(problems).toHaveLength(6);
  });

  it('walks a link to a folder elsewhere, once; a second link to the same folder adds nothing', () => {
    const { dir, inbox } = tree();
    const elsewhere = path.join(dir, 'nơi khác');
    fs.mkdirSync(elsewhere);
    fs.copyFileSync(F.TXTS[3]!, path.join(elsewhere, 'xa.txt'));
    fs.symlinkSync(elsewhere, path.join(inbox, 'liên kết 1'));
    fs.symlinkSync(elsewhere, path.join(inbox, 'liên kết 2'));
    const problems: ListProblem[] = [];
    const files = [...listFiles([inbox], problems)];
    expect(files.filter((f) => f.endsWith('xa.txt'))).toEqual([path.join(inbox, 'liên kết 1', 'xa.txt')]);
    expect(problems).toHaveLength(6);
  });

  it('a batch over the loops: failure records for the loops and the broken link, exit 1, the real files stored once', async () => {
    const { dir, inbox } = tree();
    const db = path.join(dir, 's.db');
    const s = await ingest([inbox], { db, jobs: 1 });
    expect(s.ingested).toBe(2);
    expect(storedPaths(db).sort()).toEqual([path.join(inbox, 'con', 'tốt 2.txt'), path.join(inbox, 'tốt.txt')].sort());
    const rows = failures(db).map((f) => [path.relative(inbox, f.path), f.stage, f.reason]);
    expect(rows).toEqual(expect.arrayContaining([
      ['a.txt', 'read', 'too many symbolic links (a link loop)'],
      ['b.txt', 'read', 'too many symbolic links (a link loop)'],
      ['vòng', 'read', 'too many symbolic links (a link loop)'],
      ['gãy.txt', 'read', 'a broken symbolic link'],
      ['chính nó', 'read', 'a symbolic link to a folder that holds it (a link loop); not followed'],
    ]));
    expect(s.failed).toBe(rows.length);
    const cli = run(['ingest', inbox, '--db', path.join(dir, 'cli.db'), '--jobs', '1']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`${path.join(inbox, 'a.txt')}: too many symbolic links (a link loop) (read)`);
  });

  it('a loop given on the command line is a failure too, not a hang', async () => {
    const { dir, inbox } = tree();
    const db = path.join(dir, 's.db');
    const s = await ingest([path.join(inbox, 'a.txt'), path.join(inbox, 'tốt.txt')], { db, jobs: 1 });
    expect(s).toMatchObject({ ingested: 1, failed: 1 });
    expect(failures(db)).toEqual([{ path: path.join(inbox, 'a.txt'), stage: 'read', reason: 'too many symbolic links (a link loop)' }]);
  });
});

describe('file names that are not UTF-8 (issue case 15)', () => {
  /** A path under `dir` whose last parts are raw bytes. */
  const raw = (dir: string, ...parts: number[][]) => Buffer.concat([Buffer.from(dir), ...parts.flatMap((p) => [Buffer.from(path.sep), Buffer.from(p)])]);
  // "công văn.txt" and "hồ sơ" in Windows-1258 / Latin-1 bytes, as an old archive or a zip from Windows leaves them
  const CONG_VAN = [0x63, 0xf4, 0x6e, 0x67, 0x20, 0x76, 0xe3, 0x6e, ...Buffer.from('.txt')];
  const HO_SO = [0x68, 0xf4, 0xd2, 0x20, 0x73, 0xf5]; // a folder
  const TRONG = [0x74, 0x72, 0xf4, 0x6e, 0x67, 0xff, ...Buffer.from('.txt')];

  function inbox() {
    const dir = tmpDir('congvan-faults-bytes-');
    const box = path.join(dir, 'hộp thư');
    fs.mkdirSync(box);
    fs.copyFileSync(F.TXTS[0]!, raw(box, CONG_VAN));
    fs.mkdirSync(raw(box, HO_SO));
    fs.copyFileSync(F.TXTS[1]!, raw(box, HO_SO, [...Buffer.from('kế hoạch.txt')]));
    fs.writeFileSync(raw(box, TRONG), ''); // empty: fails, named as it is
    fs.copyFileSync(F.TXTS[2]!, path.join(box, 'tốt.txt'));
    return { dir, box };
  }
  const shownCongVan = 'c\\xf4ng v\\xe3n.txt';
  const shownKeHoach = path.join('h\\xf4\\xd2 s\\xf5', 'kế hoạch.txt');
  const shownTrong = 'tr\\xf4ng\\xff.txt';

  it('listFiles gives each a name with its bytes shown escaped, and fsPath the bytes to open it by', () => {
    const { box } = inbox();
    const problems: ListProblem[] = [];
    const files = [...listFiles([box], problems)];
    expect(problems).toEqual([]);
    expect(files.map((f) => path.relative(box, f)).sort()).toEqual([shownCongVan, shownKeHoach, 'tốt.txt', shownTrong].sort());
    expect(fsPath(path.join(box, shownCongVan))).toEqual(raw(box, CONG_VAN));
    expect(fsPath(path.join(box, 'tốt.txt'))).toBe(path.join(box, 'tốt.txt'));
    expect(fs.readFileSync(fsPath(path.join(box, shownKeHoach)))).toEqual(fs.readFileSync(F.TXTS[1]!));
  });

  it('ingest stores them under those names (not "missing"), fails the empty one for being empty, and skips them unchanged next time', async () => {
    const { dir, box } = inbox();
    const db = path.join(dir, 's.db');
    const s = await ingest([box], { db, jobs: 1 });
    expect(s).toMatchObject({ files: 4, ingested: 3, failed: 1 });
    expect(storedPaths(db).map((p) => path.relative(box, p)).sort()).toEqual([shownCongVan, shownKeHoach, 'tốt.txt'].sort());
    expect(failures(db)).toEqual([{ path: path.join(box, shownTrong), stage: 'read', reason: 'the file is empty' }]);
    expect(await ingest([box], { db, jobs: 2 })).toMatchObject({ files: 4, unchanged: 3, failed: 1 });
    const cli = run(['ingest', box, '--db', path.join(dir, 'cli.db'), '--no-records', '--jobs', '1']);
    expect(cli.stdout).toContain(shownCongVan);
    expect(cli.stderr).toContain(`${path.join(box, shownTrong)}: the file is empty (read)`);
  });
});

describe('a name in bytes that are not UTF-8 given on the command line', () => {
  it('cannot be opened by the name Node received, and says so: give the folder', () => {
    const dir = tmpDir('congvan-faults-argv-');
    const file = Buffer.concat([Buffer.from(dir + path.sep), Buffer.from([0x63, 0xf4, 0x6e, 0x67]), Buffer.from('.txt')]);
    fs.copyFileSync(F.TXTS[0]!, file);
    const asGiven = file.toString('utf8'); // what process.argv holds
    const problems: ListProblem[] = [];
    expect([...listFiles([asGiven], problems)]).toEqual([]);
    expect(problems).toEqual([{ path: asGiven, code: 'read.missing', reason: 'no such file or folder (its name, as given, is not UTF-8: give the folder that holds it)' }]);
    expect([...listFiles([dir])]).toEqual([path.join(dir, 'c\\xf4ng.txt')]);
  });
});
