/**
 * Bad input: each bad file ends as a failure record naming the file, the stage and the
 * reason in plain words; the rest of the batch is stored and the exit status is 1.
 */
import { describe, it, expect, beforeAll, vi } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { processBuffer, processFile } from '../../pipelines/document.js';
import { DEFAULT_LIMITS } from '../../src/engine/record.js';
import { ingest } from '../../pipelines/ingest.js';
import { tmpDir, tsWorker } from '../helpers.js';
import * as F from './fixtures.js';
import { run, failures, storedPaths } from './helpers.js';
import { failuresCommand, listFailures } from '../../src/cli/failures.js';
import { parseSize } from '../../src/parse/guards.js';

interface Case {
  name: string;
  make: () => Buffer | Promise<Buffer>;
  stage: string;
  /** The failure's code (src/model/errors.ts). */
  code: string | RegExp;
  reason: RegExp;
}

const qpdf = F.hasQpdf();
if (!qpdf) console.log('test/faults: qpdf is not installed; the password-protected PDF cases are skipped (apt-get install qpdf)');
const scratch = tmpDir('congvan-faults-');

/** A bad file of every kind, its stage and the gist of its reason. */
const BAD: Case[] = [
  { name: 'empty.txt', make: () => Buffer.alloc(0), stage: 'read', code: 'read.empty', reason: /^the file is empty$/ },
  { name: 'empty.pdf', make: () => Buffer.alloc(0), stage: 'read', code: 'read.empty', reason: /^the file is empty$/ },
  { name: 'truncated-half.pdf', make: () => F.truncatedPdf(0.5), stage: 'parse', code: 'input.pdf-incomplete', reason: /^the PDF is incomplete: it does not end with the %%EOF marker/ },
  { name: 'truncated-tail.pdf', make: () => F.truncatedPdf(0.995), stage: 'parse', code: 'input.pdf-incomplete', reason: /^the PDF is incomplete/ },
  { name: 'random.pdf', make: () => F.randomBytes(20_000, 3), stage: 'parse', code: 'input.not-pdf', reason: /^not a PDF: the file does not start with a PDF header$/ },
  { name: 'random.docx', make: () => F.randomBytes(20_000, 4), stage: 'parse', code: 'input.not-docx', reason: /^not a Word document: the file is not a DOCX \(zip\) package$/ },
  { name: 'header-then-noise.pdf', make: () => Buffer.concat([Buffer.from('%PDF-1.4\n'), F.randomBytes(5000, 9), Buffer.from('\n%%EOF\n')]), stage: 'parse', code: 'input.pdf-damaged', reason: /^the PDF is damaged: its structure cannot be read/ },
  { name: 'zip-then-noise.docx', make: () => Buffer.concat([Buffer.from('PK\x03\x04'), F.randomBytes(5000, 9)]), stage: 'parse', code: 'input.docx-damaged', reason: /^the DOCX is damaged or incomplete: the zip directory at its end is missing/ },
  { name: 'truncated.docx', make: () => fs.readFileSync(F.DOCXS[0]!).subarray(0, 5000), stage: 'parse', code: 'input.docx-damaged', reason: /^the DOCX is damaged or incomplete/ },
  { name: 'encrypted.docx', make: () => F.encryptedDocx(), stage: 'parse', code: 'input.encrypted', reason: /^the DOCX is password-protected/ },
  { name: 'old-word.docx', make: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), F.randomBytes(3000, 2)]), stage: 'parse', code: /^tool\.(failed|missing)$/, reason: /^(?:the Word 97-2003 file cannot be read \(antiword: |a Word 97-2003 \(\.doc\) file needs antiword or catdoc)/ },
  { name: 'zip-bomb.docx', make: () => F.zipBombDocx(260), stage: 'parse', code: 'limit.expanded', reason: /^the DOCX expands to more than 200 MB \(a zip bomb\?\): its parts add up to 260 MB$/ },
  { name: 'zip-bomb-lying.docx', make: () => F.zipBombDocx(260, { lie: true }), stage: 'parse', code: 'limit.expanded', reason: /^the DOCX expands to more than 200 MB \(a zip bomb\?\): word\/document\.xml inflates past the limit, its zip header claims 4 KB$/ },
  { name: 'pages-5000.pdf', make: () => F.manyPagePdf(5000), stage: 'parse', code: 'limit.pages', reason: /^the PDF has 5000 pages, over the limit of 500 \(--max-pages\)$/ },
  { name: 'no-pages.pdf', make: () => F.manyPagePdf(0), stage: 'parse', code: 'input.no-pages', reason: /^the PDF has no pages$/ },
  { name: 'random.txt', make: () => F.randomBytes(20_000, 5), stage: 'parse', code: 'input.unknown-encoding', reason: /^not a text file in a known encoding \(tried UTF-8, UTF-16, TCVN3, VNI, Windows-1258\)$/ },
  { name: 'shift-jis.txt', make: () => Buffer.from('93fa967b8cea82cc8365834c8358836782c582b7814282b182ea82cd8365835883678a8582c582b78142', 'hex'), stage: 'parse', code: 'input.unknown-encoding', reason: /^not a text file in a known encoding/ },
  { name: 'nul-bytes.txt', make: () => Buffer.alloc(1000), stage: 'parse', code: 'input.unknown-encoding', reason: /^not a text file in a known encoding/ },
  { name: 'blank.txt', make: () => Buffer.from('   \n\n\t  \n'), stage: 'normalise', code: 'normalise.no-text', reason: /^no text could be read from the file$/ },
  ...(qpdf ? [{ name: 'password.pdf', make: () => F.encryptedPdf(scratch), stage: 'parse', code: 'input.encrypted', reason: /^the PDF is password-protected: it cannot be opened without its password$/ }] : []),
];

const made = new Map<string, Promise<Buffer>>();
/** Each bad file is made once (the zip bombs take a second). */
function bytesOf(c: Case): Promise<Buffer> {
  if (!made.has(c.name)) made.set(c.name, Promise.resolve(c.make()));
  return made.get(c.name)!;
}

describe('bad input, one file at a time', () => {
  for (const c of BAD) {
    it(`${c.name}: ${c.reason.source.replace(/[\\^$]/g, '').slice(0, 70)}`, async () => {
      const buf = await bytesOf(c);
      const file = path.join(scratch, c.name);
      fs.writeFileSync(file, buf);
      const r = await processFile(file);
      expect(r.ok, `${c.name} was stored`).toBe(false);
      if (r.ok) return;
      expect(r.file).toBe(file);
      expect({ stage: r.stage, reason: r.reason }).toEqual({ stage: c.stage, reason: expect.stringMatching(c.reason) });
      // the reason is the reason alone: the file is named once, by whoever reports it
      expect(r.reason).not.toContain(file);
    });
  }

  it.skipIf(!qpdf)('reads a PDF encrypted with only an owner password (no password needed to open it)', async () => {
    const r = await processBuffer(path.join(scratch, 'owner-only.pdf'), F.encryptedPdf(scratch, ''));
    expect(r.ok, r.ok ? '' : r.reason).toBe(true);
    if (r.ok) expect(r.record.tasks.length).toBeGreaterThan(0);
  });

  it('reads a DOCX written by the test zip writer, and a PDF written by hand (the fixtures are sound)', async () => {
    const docx = await processBuffer('rezipped.docx', await F.rezippedDocx());
    expect(docx.ok, docx.ok ? '' : docx.reason).toBe(true);
    const pdf = await processBuffer('three-pages.pdf', F.manyPagePdf(3, (p) => `Trang ${p}: Sở Nội vụ chủ trì thực hiện nhiệm vụ`));
    expect(pdf.ok, pdf.ok ? '' : pdf.reason).toBe(true);
    if (pdf.ok) expect(pdf.record.source.pages).toBe(3);
  });

  it('takes a PDF right at the page limit, refuses one page more', async () => {
    const limits = { ...DEFAULT_LIMITS, maxPages: 40 };
    const at = await processBuffer('at.pdf', F.manyPagePdf(40), limits);
    expect(at.ok, at.ok ? '' : at.reason).toBe(true);
    const over = await processBuffer('over.pdf', F.manyPagePdf(41), limits);
    expect(over.ok ? '' : over.reason).toBe('the PDF has 41 pages, over the limit of 40 (--max-pages)');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const file = path.join(scratch, 'big.txt');
    fs.copyFileSync(F.TXTS[0]!, file);
    const r = await processFile(file, { ...DEFAULT_LIMITS, maxBytes: 1000 });
    expect(r.ok ? '' : `${r.stage}: ${r.reason}`).toMatch(/^read: the file is [\d.]+ KB, over the limit of 1000 bytes \(--max-size\)$/);
  });
});

describe('a batch of bad input among good files (congvan ingest)', () => {
  const dir = tmpDir('congvan-faults-batch-');
  const inbox = path.join(dir, 'hộp thư đến');
  const db = path.join(dir, 'store.db');
  const good: string[] = [];
  let res: ReturnType<typeof run>;

  beforeAll(async () => {
    fs.mkdirSync(inbox, { recursive: true });
    for (const c of BAD) fs.writeFileSync(path.join(inbox, c.name), await bytesOf(c));
    for (const [i, src] of [F.TXTS[0]!, F.PDFS[3]!, F.DOCXS[1]!].entries()) {
      const dst = path.join(inbox, `tốt ${i} ${path.basename(src)}`);
      fs.copyFileSync(src, dst);
      good.push(dst);
    }
    res = run(['ingest', inbox, '--db', db, '--jobs', '2', '--timeout', '60s']);
  }, 180_000);

  it('exits 1, stores every good file and names every bad one on stderr', () => {
    expect(res.code, res.stderr).toBe(1);
    expect(storedPaths(db).sort()).toEqual(good.sort());
    for (const c of BAD) expect(res.stderr).toContain(`${path.join(inbox, c.name)}: `);
    expect(res.stdout).toMatch(new RegExp(`${BAD.length + good.length} files: ${good.length} ingested, 0 unchanged, ${BAD.length} failed`));
  });

  it('keeps a failure record (file, stage, reason) for every bad file', () => {
    const rows = failures(db, true);
    expect(rows).toHaveLength(BAD.length);
    for (const c of BAD) {
      const row = rows.find((r) => r.path === path.join(inbox, c.name));
      expect(row, c.name).toBeDefined();
      expect({ stage: row!.stage, code: row!.code, reason: row!.reason }, c.name).toEqual({ stage: c.stage, code: typeof c.code === 'string' ? c.code : expect.stringMatching(c.code), reason: expect.stringMatching(c.reason) });
    }
  });

  it('lists the failures of the last run with congvan failures', async () => {
    const text = run(['failures', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^run 1, .*: \d+ files: 3 ingested, 0 unchanged, \d+ failed$/m);
    for (const c of BAD) expect(text.stdout).toContain(`  ${path.join(inbox, c.name)}: `);
    const json = await failuresInProcess(['--db', db, '--json']);
    const lines = json.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(BAD.length);
    expect(lines[0]).toMatchObject({ run: 1, path: expect.any(String), stage: expect.any(String), code: expect.any(String), reason: expect.any(String), storedSince: false });
    // grouped by kind: each code once, with its count, the most frequent first
    const byKind = await failuresInProcess(['--db', db, '--by-kind']);
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.code, (counts.get(l.code) ?? 0) + 1);
    const heads = [...byKind.matchAll(/^\s*(\d+)  (\S+)  e\.g\. /gm)].map((m) => [m[2]!, Number(m[1])] as const);
    expect(new Map(heads)).toEqual(counts);
    expect(heads.map(([, n]) => n)).toEqual([...heads.map(([, n]) => n)].sort((a, b) => b - a));
    expect(byKind).toContain(`${counts.get('read.empty')}  read.empty  e.g. the file is empty`);
  });

  it('a second run: the good files are unchanged, the bad ones fail again; --runs 3 shows the runs', async () => {
    const again = await ingest([inbox], { db, jobs: 1 });
    expect(again).toMatchObject({ unchanged: 3, failed: BAD.length });
    // a bad file mended since: stored, and its old failure marked so
    fs.copyFileSync(F.TXTS[1]!, path.join(inbox, 'blank.txt'));
    await ingest([inbox], { db, jobs: 1 });
    const text = await failuresInProcess(['--db', db, '--runs', '3']);
    expect(text.match(/^run \d+/gm)).toEqual(['run 3', 'run 2', 'run 1']);
    expect(text).toContain(`${path.join(inbox, 'blank.txt')}: no text could be read from the file (normalise) [stored since]`);
    expect(text).toMatch(new RegExp(`^${BAD.length * 3 - 1} failures in 3 runs$`, 'm'));
    const all = listFailures(new Database(db, { readonly: true }), 0);
    expect(all.map((r) => r.failures.length)).toEqual([BAD.length - 1, BAD.length, BAD.length]);
  });

  it('says clearly when there is no store, and does not make one', async () => {
    await expect(failuresInProcess(['--db', path.join(dir, 'none.db')])).rejects.toThrow(`no store at ${path.join(dir, 'none.db')} (run congvan ingest first, or give --db)`);
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false);
  });
});

/** `congvan failures <args>` in this process; what it prints. */
async function failuresInProcess(args: string[]): Promise<string> {
  let out = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += a.join(' ') + '\n'));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    await failuresCommand().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
  return out;
}

describe('limits from the command line', () => {
  const dir = tmpDir('congvan-faults-limits-');

  it('--max-size and --max-pages fail the files over them, name the option, and store the rest', () => {
    fs.copyFileSync(F.TXTS[2]!, path.join(dir, 'long.txt')); // the 23-page plan, ~100 KB
    fs.copyFileSync(F.TXTS[0]!, path.join(dir, 'short.txt'));
    fs.writeFileSync(path.join(dir, 'pages-60.pdf'), F.manyPagePdf(60));
    const db = path.join(dir, 's.db');
    const r = run(['ingest', dir, '--db', db, '--max-size', '40KB', '--max-pages', '50', '--jobs', '1']);
    expect(r.code, r.stderr).toBe(1);
    const rows = failures(db);
    expect(rows.map((x) => [path.basename(x.path), x.stage, x.reason]).sort()).toEqual([
      ['long.txt', 'read', expect.stringMatching(/^the file is [\d.]+ KB, over the limit of 40 KB \(--max-size\)$/)],
      ['pages-60.pdf', 'parse', 'the PDF has 60 pages, over the limit of 50 (--max-pages)'],
    ]);
    expect(storedPaths(db).map((p) => path.basename(p))).toEqual(['short.txt']);
  });

  it('refuses a limit that is not a size', () => {
    const r = run(['ingest', dir, '--db', path.join(dir, 'x.db'), '--max-size', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a size: "lots"');
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
  });

  it('reads sizes as people write them', () => {
    expect(['2048', '500KB', '500 kb', '50MB', '1.5G', '1 GiB'].map(parseSize)).toEqual([2048, 512_000, 512_000, 52_428_800, 1_610_612_736, 1_073_741_824]);
    expect(() => parseSize('-1MB')).toThrow('not a size');
  });
});

describe('a parser that runs too long or is stuck in a loop', () => {
  it('is stopped at the time limit and its file marked failed; the files queued behind it are done by a new worker', async () => {
    const dir = tmpDir('congvan-faults-loop-');
    for (let i = 0; i < 4; i++) fs.copyFileSync(F.TXTS[i === 2 ? 3 : i]!, path.join(dir, `${i}-ok.txt`));
    // an endless loop (the test worker module loops on a name holding "stuck")
    fs.copyFileSync(F.TXTS[0]!, path.join(dir, '1-stuck.txt'));
    // the real PDF parser on 20,000 pages (within the page limit given): far over the time limit
    fs.writeFileSync(path.join(dir, '3-long.pdf'), F.manyPagePdf(20_000));
    const events: { file: string; status: string; reason?: string }[] = [];
    const s = await ingest([dir], {
      db: path.join(dir, 's.db'),
      jobs: 2,
      timeoutMs: 3000,
      limits: { ...DEFAULT_LIMITS, maxPages: 100_000 },
      workerModule: tsWorker(new URL('./stuck-worker.ts', import.meta.url)),
      onResult: (e) => events.push({ file: path.basename(e.file), status: e.status, ...(e.status === 'failed' ? { reason: e.reason } : {}) }),
    });
    const stopped = 'took longer than the time limit of 3 s (--timeout); its worker was stopped';
    expect(events.filter((e) => e.status === 'failed').sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: '1-stuck.txt', status: 'failed', reason: stopped },
      { file: '3-long.pdf', status: 'failed', reason: stopped },
    ]);
    expect(s).toMatchObject({ failed: 2, ingested: 4 });
    expect(failures(path.join(dir, 's.db'), true).map((f) => [path.basename(f.path), f.stage, f.code])).toEqual(expect.arrayContaining([['1-stuck.txt', 'worker', 'worker.timeout'], ['3-long.pdf', 'worker', 'worker.timeout']]));
  });
});
