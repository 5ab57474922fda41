/**
 * Long files within the default per-file limits on a slow worker (issue 14): a 300-page PDF
 * (real signed letters joined with qpdf) and a 30-page scan (pages of the real scans joined
 * with qpdf: OCR page by page, each page's progress resetting the limit). Not timed: the
 * batch's own limit is the check.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { ingest, DEFAULT_TIMEOUT_MS, type IngestEvent } from '../../pipelines/ingest.js';
import { ROOT, hasCommand, tmpDir, tsWorker } from '../helpers.js';

const tools = hasCommand('qpdf', '--version') && hasCommand('pdftotext', '-v') && hasCommand('tesseract', '--version');

describe('long files on a slow worker, default limits', () => {
  it.skipIf(!tools)(`stores a 300-page PDF and a 30-page real scan${tools ? '' : ' (skipped: qpdf, poppler-utils or tesseract is not installed)'}`, async () => {
    const dir = tmpDir('congvan-long-');
    const input = path.join(dir, 'in');
    fs.mkdirSync(input, { recursive: true });
    const real = path.join(ROOT, 'corpus', 'real', 'pdf');
    const src = fs.readdirSync(real).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(real, f));
    // 16 real letters (41 pages) again and again up to 300 pages
    const parts: string[] = [];
    for (let have = 0, k = 0; have < 300; k = (k + 1) % src.length) {
      const n = Math.min(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [src[k]!], { encoding: 'utf8' }))![1]), 300 - have);
      parts.push(src[k]!, `1-${n}`);
      have += n;
    }
    const long = path.join(input, 'long-300.pdf');
    try {
      execFileSync('qpdf', ['--empty', '--pages', ...parts, '--', long], { stdio: 'ignore' });
    } catch {
      // qpdf exits 3 on warnings; the file is written
    }
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [long], { encoding: 'utf8' }))![1])).toBe(300);
    // 30 scanned pages (250-600 dpi colour JPEG pages of nine real scans, the 6-page one first)
    const scans = path.join(ROOT, 'corpus', 'real', 'scan');
    const scanParts = ['rd021', 'rd026', 'rd018', 'rd019', 'rd022', 'rd030', 'rd017', 'rd020', 'rd024'].flatMap((n) => [path.join(scans, `${n}.pdf`), '1-z']);
    const scan = path.join(input, 'scan-30.pdf');
    try {
      execFileSync('qpdf', ['--empty', '--pages', ...scanParts, '--', scan], { stdio: 'ignore' });
    } catch {
      // qpdf exits 3 on warnings; the file is written
    }
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [scan], { encoding: 'utf8' }))![1])).toBe(30);
    const events: IngestEvent[] = [];
    const s = await ingest([input], {
      db: path.join(dir, 's.db'),
      json: path.join(dir, 'json'),
      jobs: 2,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      workerModule: tsWorker(path.join(import.meta.dirname, 'slow-worker.ts')),
      onResult: (e) => events.push(e),
    });
    const failed = events.filter((e) => e.status === 'failed');
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(s).toMatchObject({ files: 2, ingested: 2, failed: 0 });
    const rec = JSON.parse(fs.readFileSync(path.join(dir, 'json', 'long-300.json'), 'utf8'));
    expect(JSON.stringify(rec)).toContain('12094');
    // the scan was read to its last page (the list of recipients of rd024's decision, page 30)
    const scanRec = JSON.parse(fs.readFileSync(path.join(dir, 'json', 'scan-30.json'), 'utf8'));
    expect(scanRec.source.pages).toBe(30);
    const db = new Database(path.join(dir, 's.db'), { readonly: true });
    const text = (db.prepare("SELECT text FROM documents WHERE file = 'scan-30.pdf'").get() as { text: string }).text;
    db.close();
    expect(text).toContain('Chủ tịch, PCT UBND tỉnh');
  }, 900_000);
});
