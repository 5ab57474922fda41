/**
 * Paths: Vietnamese letters (composed and decomposed), spaces and odd characters in file
 * and folder names; symbolic-link loops and broken links in a folder.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../pipelines/ingest.js';
import { listFiles, type ListProblem } from '../../src/engine/files.js';
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
