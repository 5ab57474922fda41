/**
 * Time grows linearly with a document's size (issue: a 240 KB plan needed 1.5 GB, 20,000
 * wrapped lines took 44 s, deep markdown lists 35-59 s). Not a timing test: it compares the
 * CPU time of the same pipeline on a document and on one eight times longer, so the machine's
 * speed cancels out (linear: about 8x; the quadratic cases were 40-60x). The curve itself is
 * recorded by scripts/bench/growth.ts.
 */
import { describe, it, expect } from 'vitest';
import { measure, nested, plan, wrapped } from '../../scripts/bench/growth.js';
import { tmpDir } from '../helpers.js';

/** Generous: linear growth is 8x; the quadratic code paths gave 40x and more at these sizes. */
const MAX_RATIO = 20;

async function ratio(make: (n: number) => Buffer, n: number, name: string): Promise<number> {
  await measure(name, make(n), 1); // warm the code paths
  const small = await measure(name, make(n));
  const big = await measure(name, make(8 * n));
  return big.ms / Math.max(small.ms, 1);
}

describe('time grows linearly with the document', () => {
  it('a plan of 600 then 4,800 numbered items', async () => {
    expect(await ratio(plan, 600, 'plan.txt')).toBeLessThan(MAX_RATIO);
  }, 120_000);
  it('1,250 then 10,000 hard-wrapped lines without a blank line', async () => {
    expect(await ratio(wrapped, 1250, 'wrapped.txt')).toBeLessThan(MAX_RATIO);
  }, 120_000);
  it('markdown lists nested 3 deep, 25 KB then 200 KB', async () => {
    expect(await ratio((n) => nested(3, n), 25_000, 'nested.md')).toBeLessThan(MAX_RATIO);
  }, 120_000);
  it('markdown lists nested 200 deep are read (as plain text) in the time of a flat file', async () => {
    const deep = await measure('deep.md', nested(200, 200_000));
    const flat = await measure('flat.md', nested(1, 200_000));
    expect(deep.ms / Math.max(flat.ms, 1)).toBeLessThan(5);
  }, 120_000);
});

describe('long documents within the default limits', () => {
  it('a 300-page PDF is stored by a batch with the default time limit and page limit', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { ingest } = await import('../../pipelines/ingest.js');
    const { manyPagePdf } = await import('./fixtures.js');
    const dir = tmpDir('congvan-300p-');
    const file = path.join(dir, 'ke-hoach-300-trang.pdf');
    // one line a page, in words that differ from page to page (a line repeated on most pages is a running header)
    const who = ['So Noi vu', 'So Tai chinh', 'Van phong UBND tinh', 'Cong an tinh', 'So Tu phap', 'So Y te', 'So Xay dung'];
    const what = ['ra soat thu tuc', 'bao cao ket qua', 'tong hop so lieu', 'kiem tra viec thuc hien', 'xay dung ke hoach'];
    fs.writeFileSync(file, manyPagePdf(300, (p) => `${who[p % who.length]} chu tri ${what[p % what.length]} dot ${'I'.repeat(1 + (p % 4))} nam 2026.`));
    const s = await ingest([file], { db: path.join(dir, 's.db'), jobs: 2 });
    expect(s).toMatchObject({ files: 1, ingested: 1, failed: 0 });
  }, 180_000);
});

describe('memory stays linear in the document', () => {
  // A child process with a small old space: the quadratic paths needed 1.5 GB for a 240 KB plan,
  // so an eight-times-longer document within 384 MB shows memory growing with the size, not its square.
  it.each([
    // 4,000 items one to a line ran the old normalise() out of this heap (it kept a copy of the text per block)
    ['a plan of 16,000 items one to a line (~1.1 MB)', 'items(16000)'],
    ['20,000 hard-wrapped lines (~1.9 MB)', 'wrapped(20000)'],
  ])('%s is processed with a 384 MB old space', async (_name, make) => {
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..', '..');
    const code = `import { ${make.split('(')[0]} } from './scripts/bench/growth.ts'; import { processBuffer } from './pipelines/document.ts';
      const o = await processBuffer('doc.txt', ${make}); if (!o.ok) { console.error(o.reason); process.exit(3); } console.log('ok', o.record.tasks.length);`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=384', '--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr.slice(-500)).toBe(0);
    expect(r.stdout).toMatch(/^ok \d+/);
  }, 150_000);
});
