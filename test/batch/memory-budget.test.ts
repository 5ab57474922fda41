/**
 * The pool's memory budget (issue 14): a long PDF's share (by its pages, read from its bytes)
 * keeps a second long PDF out of the workers while short files go on beside it, a worker that
 * parsed a long PDF is replaced by a fresh one (its grown heap goes with it). Ordered by a gate, not by time.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { WorkerPool } from '../../src/engine/pool.js';
import { pdfPageHint, memoryEstimateMb } from '../../src/engine/budget.js';
import { ROOT, tmpDir, tsWorker } from '../helpers.js';

/** The bytes of a PDF with `pages` page objects written out (what the pool reads; never parsed here). */
function fakePdf(pages: number): Buffer {
  let body = '%PDF-1.4\n1 0 obj\n<< /Type /Pages /Count ' + pages + ' >>\nendobj\n';
  for (let k = 0; k < pages; k++) body += `${k + 2} 0 obj\n<<${k % 2 ? '/Type/Page' : ' /Type /Page '}/Parent 1 0 R>>\nendobj\n`;
  return Buffer.from(body + '%%EOF\n', 'latin1');
}

describe('the pages of a PDF from its bytes', () => {
  it('counts page objects, not /Pages, and nothing in other files', () => {
    expect(pdfPageHint(fakePdf(300))).toBe(300);
    expect(pdfPageHint(fakePdf(1))).toBe(1);
    expect(pdfPageHint(Buffer.from('a letter about /Type /Page'))).toBe(0);
    expect(memoryEstimateMb(fakePdf(100))).toBeCloseTo(40);
  });

  it('reads the pages of real PDFs (at least their own, more when saved again with signatures)', () => {
    const dir = path.join(ROOT, 'corpus', 'pdf');
    const plan = fs.readdirSync(dir).find((f) => f.startsWith('002_'))!;
    expect(pdfPageHint(fs.readFileSync(path.join(dir, plan)))).toBe(23);
  });
});

/** The log and gate files of log-worker.ts (the workers read them from the environment at their start). */
function logAndGate(): { log: string; gate: string } {
  const dir = tmpDir('congvan-membudget-');
  const log = path.join(dir, 'log');
  fs.writeFileSync(log, '');
  process.env.CONGVAN_TEST_LOG = log;
  process.env.CONGVAN_TEST_GATE = path.join(dir, 'gate');
  return { log, gate: process.env.CONGVAN_TEST_GATE };
}

/** Wait until a worker has started the file (the workers start at their own pace). */
async function started(log: string, file: string): Promise<void> {
  while (!fs.readFileSync(log, 'utf8').includes(`start ${file}`)) await new Promise((r) => setTimeout(r, 20));
}

describe('the pool with a memory budget', () => {
  afterEach(() => {
    delete process.env.CONGVAN_TEST_LOG;
    delete process.env.CONGVAN_TEST_GATE;
  });

  it('keeps a second long PDF waiting while short files run beside the first, then the worker that parsed the first is replaced', async () => {
    const { log, gate } = logAndGate();
    const pool = new WorkerPool({ size: 2, entry: tsWorker(path.join(import.meta.dirname, 'log-worker.ts')), timeoutMs: 0 });
    try {
      const long300 = pool.run('hold-300.pdf', fakePdf(300));
      await started(log, 'hold-300.pdf');
      const long100 = pool.run('long-100.pdf', fakePdf(100));
      const shortA = pool.run('short-a.txt', Buffer.from('Kính gửi: Sở Nội vụ'));
      const shortB = pool.run('short-b.pdf', fakePdf(3));
      const shorts = await Promise.all([shortA, shortB]);
      expect(shorts.map((r) => r.ok)).toEqual([false, false]); // the test worker parses nothing
      const before = fs.readFileSync(log, 'utf8');
      expect(before).toContain('end short-a.txt');
      expect(before).toContain('end short-b.pdf');
      expect(before).not.toContain('long-100.pdf'); // 120 + 40 MB is over the 130 MB budget
      fs.writeFileSync(gate, '');
      await Promise.all([long300, long100]);
      const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
      const at = (what: string) => lines.findIndex((l) => l.endsWith(what));
      expect(at('start long-100.pdf')).toBeGreaterThan(at('end hold-300.pdf'));
      const thread = (what: string) => lines.find((l) => l.endsWith(what))!.split(' ')[0];
      expect(thread('start short-a.txt')).not.toBe(thread('start hold-300.pdf'));
      // each worker that parsed a long PDF, its grown heap with it, was replaced by a fresh one
      expect(pool.started).toBe(4); // two at the start, one after each long PDF
      expect(thread('start long-100.pdf')).not.toBe(thread('start hold-300.pdf'));
    } finally {
      await pool.close();
    }
  });

  it('with no budget (0), both long PDFs run at once', async () => {
    const { log, gate } = logAndGate();
    const pool = new WorkerPool({ size: 2, entry: tsWorker(path.join(import.meta.dirname, 'log-worker.ts')), timeoutMs: 0, memoryBudgetMb: 0 });
    try {
      const long300 = pool.run('hold-300.pdf', fakePdf(300));
      await pool.run('long-100.pdf', fakePdf(100));
      expect(fs.readFileSync(log, 'utf8')).not.toContain('end hold-300.pdf');
      fs.writeFileSync(gate, '');
      await long300;
    } finally {
      await pool.close();
    }
  });
});
