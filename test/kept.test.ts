/**
 * Documents kept aside (corpus/kept, see its README): real letters, plans and decisions from other
 * offices than corpus/real, annotated by readers who never saw congvan's output, each set measured
 * before anyone read it. Once measured, a set is no longer unseen: it stays here so that what was
 * learnt from it is not lost, graded with floors like corpus/real (measured minus 0.03), so a
 * change that reads them worse fails. The unseen figures are in the README.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../pipelines/ingest.js';
import { flatten, readRecords, score } from '../src/eval/score.js';
import { ROOT, tmpDir } from './helpers.js';

const KEPT = path.join(ROOT, 'corpus', 'kept');

/** Obligations F1 each set must reach: measured at the commit that set it, minus 0.03. Raise them as reading improves. */
const FLOORS: Record<string, number> = {
  heldout33: 0.74, // measured 0.778
  heldout34: 0.74, // measured 0.778
  heldout35: 0.74, // measured 0.779
  heldout36: 0.87, // measured 0.903
  heldout37: 0.80, // measured 0.832 (session 34; 0.800 before)
  heldout38: 0.85, // measured 0.883
  heldout39: 0.78, // measured 0.815
  heldout40: 0.89, // measured 0.920
  heldout41: 0.89, // measured 0.920 (session 34; 0.912 before)
  heldout42: 0.76, // measured 0.797
  heldout43: 0.80, // measured 0.833 (session 33; 0.667 before)
  heldout44: 0.86, // measured 0.897
  heldout45: 0.61, // measured 0.647
  heldout46: 0.61, // measured 0.649
  heldout47: 0.47, // measured 0.500
  heldout48: 0.67, // measured 0.706
  heldout49: 0.40, // measured 0.432
  heldout50: 0.78, // measured 0.813
  heldout51: 0.50, // measured 0.537 (session 34; 0.390 before)
  heldout52: 0.65, // measured 0.684 (session 33; 0.526 before)
  heldout53: 0.54, // measured 0.579 (session 34; 0.541 before)
  heldout54: 0.93, // measured 0.963
  heldout55: 0.62, // measured 0.654 (session 34; 0.642 before)
  heldout56: 0.30, // measured 0.333
  heldout57: 0.73, // measured 0.762
  heldout58: 0.19, // measured 0.222 (session 34; 0.0 before and on arrival: 4 one-task portal posts)
  heldout59: 0.84, // measured 0.875 (session 33; 0.813 before)
  heldout60: 0.94, // measured 0.976 (0.762 unseen)
  heldout61: 0.85, // measured 0.880 (0.692 unseen)
  heldout62: 0.90, // measured 0.933 (0.903 unseen)
  heldout63: 0.94, // measured 0.971 (0.514 unseen)
  heldout64: 0.84, // measured 0.875 (0.813 unseen)
  heldout65: 0.55, // measured 0.583 (session 34; 0.542 before; 0.367 unseen)
  heldout66: 0.91, // measured 0.941 (0.800 unseen)
  heldout67: 0.65, // measured 0.681 (session 34; 0.609 before; 0.545 unseen)
  heldout68: 0.75, // measured 0.789 (0.526 unseen)
  heldout69: 0.56, // measured 0.600 (session 34; 0.552 before; 0.343 unseen)
  heldout70: 0.54, // measured 0.579 (0.421 unseen)
  heldout71: 0.73, // measured 0.769 (0.377 unseen, graded sealed at a5f55f9, session 34's start)
  heldout72: 0.72, // measured 0.750 (0.750 unseen)
  heldout73: 0.72, // measured 0.750 (0.462 unseen)
  heldout74: 0.79, // measured 0.828 (0.828 unseen)
  heldout75: 0.75, // measured 0.783 (0.636 unseen)
  heldout76: 0.67, // measured 0.703 (0.629 unseen)
  heldout77: 0.62, // measured 0.651 (0.545 unseen at a5f55f9, 0.533 at 5252d0e)
  heldout78: 0.82, // measured 0.857 (0.857 unseen)
  heldout79: 0.63, // measured 0.667 (0.522 unseen)
  heldout80: 0.55, // measured 0.588 (0.588 unseen)
  heldout81: 0.74, // measured 0.778 (0.471 unseen)
  heldout82: 0.67, // measured 0.700 (0.700 unseen)
  heldout83: 0.63, // measured 0.667 (0.636 unseen at a5f55f9, 0.667 at f2763cf)
};

/**
 * Sets kept without a floor, and why: a floor under their figure could not fail. They are stored (the test
 * above checks every document is) and their figures are in corpus/kept/README.md.
 */
const NO_FLOOR: Record<string, string> = {
};

describe('kept-aside real documents (corpus/kept): floors per set', () => {
  const dir = tmpDir('congvan-kept-');
  const figures = new Map<string, Record<string, number>>();
  const failed: string[] = [];

  beforeAll(async () => {
    for (const set of Object.keys(FLOORS)) {
      const docs = path.join(KEPT, set, 'docs');
      const json = path.join(dir, set);
      const files = fs.readdirSync(docs).map((f) => path.join(docs, f));
      await ingest(files, { db: path.join(dir, `${set}.db`), json, jobs: 2, onResult: (e) => { if (e.status === 'failed') failed.push(`${set}/${path.basename(e.file)}: ${e.reason}`); } });
      figures.set(set, flatten(score(readRecords(path.join(KEPT, set, 'gold')), readRecords(json))));
    }
    console.log(['kept-aside sets: obligations F1 (floor)', ...[...figures].map(([s, f]) => `${s.padEnd(10)} ${(100 * f['obligations.f1']!).toFixed(1).padStart(5)} (${(100 * FLOORS[s]!).toFixed(0)})`)].join('\n'));
  }, 10 * 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores every document of the sets without a floor too', async () => {
    const lost: string[] = [];
    for (const set of Object.keys(NO_FLOOR)) {
      const docs = path.join(KEPT, set, 'docs');
      const files = fs.readdirSync(docs).map((f) => path.join(docs, f));
      await ingest(files, { db: path.join(dir, `${set}.db`), json: path.join(dir, set), jobs: 2, onResult: (e) => { if (e.status === 'failed') lost.push(`${set}/${path.basename(e.file)}: ${e.reason}`); } });
      expect(fs.readdirSync(path.join(dir, set)).filter((f) => f.endsWith('.json')).length, set).toBe(files.length);
    }
    expect(lost).toEqual([]);
  }, 120_000);

  it('stores every document', () => {
    expect(failed).toEqual([]);
  });

  it('has a folder for each set with its gold, and a floor for each folder', () => {
    const sets = fs.readdirSync(KEPT).filter((f) => fs.statSync(path.join(KEPT, f)).isDirectory()).sort();
    expect(sets).toEqual([...Object.keys(FLOORS), ...Object.keys(NO_FLOOR)].sort());
    for (const s of sets) expect(fs.readdirSync(path.join(KEPT, s, 'gold')).length, s).toBe(fs.readdirSync(path.join(KEPT, s, 'docs')).length);
  });

  for (const set of Object.keys(FLOORS)) {
    it(`${set}: obligations F1 reaches its floor`, () => {
      expect(figures.get(set)!['obligations.f1']).toBeGreaterThanOrEqual(FLOORS[set]!);
    });
  }
});
