/**
 * Long files within the default per-file limits on a slow worker (issue 14): a 300-page PDF
 * (real signed letters joined with qpdf) and the longest real scan (6 pages, OCR page by page,
 * each page's progress resetting the limit). Not timed: the batch's own limit is the check.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ingest, DEFAULT_TIMEOUT_MS, type IngestEvent } from '../../pipelines/ingest.js';
import { ROOT, hasCommand, tmpDir, tsWorker } from '../helpers.js';

const tools = hasCommand('qpdf', '--version') && hasCommand('pdftotext', '-v') && hasCommand('tesseract', '--version');

describe('long files on a slow worker, default limits', () => {
  it.skipIf(!tools)('stores a 300-page PDF and a 6-page real scan (needs qpdf, poppler-utils and tesseract: not installed)', async () => {
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
    fs.copyFileSync(path.join(ROOT, 'corpus', 'real', 'scan', 'rd021.pdf'), path.join(input, 'rd021.pdf'));
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
  }, 900_000);
});
