/**
 * The same letters as .txt, .docx and text-layer .pdf give the same extraction: obligations F1
 * (graded with the record format's rules) within 3 points of the .txt result for every format.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { processFile } from '../pipelines/document.js';
import { score } from '../src/eval/score.js';
import { CORPUS, STEMS, gold } from './helpers.js';

const golds = STEMS.map(gold);

async function grade(dir: string, ext: string) {
  const records = [];
  for (const s of STEMS) {
    const o = await processFile(path.join(CORPUS, dir, `${s}${ext}`));
    if (!o.ok) throw new Error(`${s}${ext}: ${o.reason}`);
    records.push(o.record);
  }
  return score(golds, records);
}

describe('one extraction whatever the rendition', () => {
  let txt: Awaited<ReturnType<typeof grade>>;
  beforeAll(async () => {
    txt = await grade('', '.txt');
  });

  it('meets the targets on the .txt letters', () => {
    expect(txt.obligations.f1).toBeGreaterThanOrEqual(0.9);
    expect(txt.tasks.f1).toBeGreaterThanOrEqual(0.95);
    expect(txt.references.f1).toBeGreaterThanOrEqual(0.95);
    for (const [k, v] of Object.entries(txt.fields)) expect(v.value, k).toBeGreaterThanOrEqual(0.9);
  });

  it.each([['docx', '.docx'], ['pdf', '.pdf']])('%s: obligations F1 within 3 points of .txt', async (dir, ext) => {
    const r = await grade(dir, ext);
    expect(Math.abs(r.obligations.f1 - txt.obligations.f1)).toBeLessThanOrEqual(0.03);
    expect(r.references.f1).toBeGreaterThanOrEqual(txt.references.f1 - 0.03);
    for (const [k, v] of Object.entries(r.fields)) expect(v.value, `${dir} ${k}`).toBeGreaterThanOrEqual(txt.fields[k]!.value - 0.2);
  }, 120_000);
});
