import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ingest } from '../pipelines/ingest.js';
import { CORPUS, ROOT, STEMS, tmpDir } from './helpers.js';

const reference = path.join(ROOT, '..', 'shared', 'eval', 'score.mjs');
const hasReference = fs.existsSync(reference);
if (!hasReference) console.warn(`../shared/eval/score.mjs not found: the comparison with the reference scorer is skipped`);

describe('congvan eval', () => {
  const dir = tmpDir();
  const json = path.join(dir, 'json');
  beforeAll(async () => {
    await ingest(STEMS.map((s) => path.join(CORPUS, `${s}.txt`)), { db: path.join(dir, 's.db'), json });
  });

  const run = (args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), ...args], { encoding: 'utf8', cwd: ROOT });

  it('grades all five sample letters', () => {
    const out = run(['eval', '--gold', path.join(CORPUS, 'gold'), '--pred', json]);
    expect(out).toMatch(/documents graded: 5\/5/);
    expect(out).toMatch(/obligations F1: \d+\.\d/);
  });

  it.skipIf(!hasReference)('prints the same figures as the reference scorer', () => {
    const ours = run(['eval', '--gold', path.join(CORPUS, 'gold'), '--pred', json, '--verbose']);
    const theirs = execFileSync(process.execPath, [reference, '--gold', path.join(CORPUS, 'gold'), '--pred', json, '--verbose'], { encoding: 'utf8' });
    expect(ours).toBe(theirs);
  });

  it('exits 1 when a figure is below --min', () => {
    expect(() => run(['eval', '--gold', path.join(CORPUS, 'gold'), '--pred', json, '--min', 'obligations.f1=1.01'])).toThrow();
  });
});
