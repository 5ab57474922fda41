/**
 * Escape codes in file names (and stored text) reach the terminal escaped in the text output of
 * ingest, failures, search, done and reopen: a name cannot clear the screen or retitle the terminal.
 * Vietnamese letters and spaces are shown as they are; JSON output keeps the exact name.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { printable } from '../../src/engine/printable.js';
import { documentLine, summaryLine } from '../../src/engine/progress.js';
import { CORPUS, STEMS, tmpDir } from '../helpers.js';
import { run } from '../faults/helpers.js';

// an OSC that retitles the terminal, then "clear the screen"; a C1 CSI; a right-to-left override
const NAME = 'Công văn \x1b]0;pwned\x07 số 5\x1b[2J\x9b31m\u202e.txt';
const SHOWN = 'Công văn \\x1b]0;pwned\\x07 số 5\\x1b[2J\\x9b31m\\u202e.txt';
const BAD = 'trống \x1b[31mđỏ.txt';
const BAD_SHOWN = 'trống \\x1b[31mđỏ.txt';
// anything a terminal acts on
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('escapes control characters, C1 codes and bidirectional overrides; keeps Vietnamese letters, spaces and symbols', () => {
    expect(printable(NAME)).toBe(SHOWN);
    expect(printable('Ủy ban nhân dân tỉnh Tuyên Quang – số 116/KH-UBND (bản sao) “đến” …')).toBe('Ủy ban nhân dân tỉnh Tuyên Quang – số 116/KH-UBND (bản sao) “đến” …');
    expect(printable('a\tb\nc\rd\x7fe\x00')).toBe('a\\x09b\\x0ac\\x0dd\\x7fe\\x00');
    expect(printable('x\ud800y')).toBe('x\\ud800y');
  });

  it('the ingest lines and the summary show the name escaped', () => {
    const ok = documentLine({ status: 'ingested', file: NAME, id: 'x', type: 'CV', number: '5', symbol: 'UBND\x1b[2J', date: '2021-12-13', tasks: 2, ms: 1 });
    expect(ok).toContain(SHOWN);
    expect(ok).toContain('5/UBND\\x1b[2J');
    expect(ok).not.toMatch(RAW);
    const bad = documentLine({ status: 'failed', file: BAD, stage: 'read', code: 'parse.failed', reason: `cannot open ${BAD}`, ms: 1 });
    expect(bad).toBe(`${BAD_SHOWN}: cannot open ${BAD_SHOWN} (read)`);
    expect(summaryLine({ files: 1, ingested: 1, unchanged: 0, failed: 0, tasks: 2, ms: 0, stopped: false }, 'kho\x1b[2J.db')).toMatch(/-> kho\\x1b\[2J\.db$/);
  });
});

describe('the commands, on files whose names hold escape codes', () => {
  const dir = tmpDir('congvan-escapes-');
  const inbox = path.join(dir, 'hộp thư');
  const db = path.join(dir, 'kho.db');
  let ingest: ReturnType<typeof run>;
  beforeAll(() => {
    fs.mkdirSync(inbox);
    fs.copyFileSync(path.join(CORPUS, `${STEMS[0]}.txt`), path.join(inbox, NAME));
    fs.writeFileSync(path.join(inbox, BAD), ''); // empty: a failure named on stderr
    ingest = run(['ingest', inbox, '--db', db, '--no-records', '--jobs', '1']);
  });

  it('ingest: the stored and the failed file named escaped, nothing raw on stdout or stderr', () => {
    expect(ingest.code, ingest.stderr).toBe(1);
    expect(ingest.stdout).toContain(SHOWN);
    expect(ingest.stderr).toContain(`${path.join(inbox, BAD_SHOWN)}: the file is empty (read)`);
    expect(ingest.stdout).not.toMatch(RAW);
    expect(ingest.stderr).not.toMatch(RAW);
  });

  it('ingest --json keeps the exact name (JSON escapes it)', () => {
    const r = run(['ingest', inbox, '--db', path.join(dir, 'json.db'), '--no-records', '--jobs', '1', '--json']);
    const files = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.event === 'document').map((e) => e.file);
    expect(files.sort()).toEqual([path.join(inbox, BAD), path.join(inbox, NAME)].sort());
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/); // JSON escapes C0 (C1 and bidi marks are JSON's to keep)
  });

  it('failures: the path escaped', () => {
    const r = run(['failures', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`  ${path.join(inbox, BAD_SHOWN)}: the file is empty (read)`);
    expect(r.stdout).not.toMatch(RAW);
  });

  it('search (documents and obligations), done and reopen: the record id from the file name escaped', () => {
    const stem = SHOWN.replace(/\.txt$/, '');
    const docs = run(['search', '--documents', '--db', db]);
    expect(docs.code, docs.stderr).toBe(0);
    expect(docs.stdout).toContain(stem);
    expect(docs.stdout).not.toMatch(RAW);
    const tasks = run(['search', '--db', db, '--today', '2021-11-20']);
    expect(tasks.code, tasks.stderr).toBe(0);
    expect(tasks.stdout).toContain(`${stem}#1`);
    expect(tasks.stdout).not.toMatch(RAW);
    const json = JSON.parse(run(['search', '--documents', '--json', '--db', db]).stdout);
    expect(json.items[0].recordId).toBe(NAME.replace(/\.txt$/, ''));
    const id = /^\s*(\d+)\s/.exec(tasks.stdout)![1]!;
    const done = run(['done', id, '--on', '2021-11-21', '--db', db]);
    expect(done.stdout).toContain(`done ${stem}#`);
    expect(done.stdout).not.toMatch(RAW);
    const reopen = run(['reopen', id, '--db', db]);
    expect(reopen.stdout).toContain(`reopened ${stem}#`);
    expect(reopen.stdout).not.toMatch(RAW);
  });
});
