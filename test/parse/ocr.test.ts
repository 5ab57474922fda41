import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawDoc } from '../../src/model/types.js';
import { hasOcr, wordsFromHocr } from '../../src/parse/ocr.js';
import { parsePdf } from '../../src/parse/pdf.js';
import { normalise } from '../../src/normalise/index.js';
import { extract } from '../../src/extract/index.js';
import { score } from '../../src/eval/score.js';

const ROOT = path.resolve(__dirname, '../..');
const SCAN = path.join(ROOT, 'corpus/scan/003_1d9eea9674fe7869.pdf');
const TEXT_PDF = path.join(ROOT, 'corpus/pdf/003_1d9eea9674fe7869.pdf');

const hasTesseract = await hasOcr('vie');
if (!hasTesseract) console.warn('tesseract-ocr/tesseract-ocr-vie not installed: OCR test skipped');

const words = (d: RawDoc) =>
  d.blocks
    .filter((b) => !b.furniture)
    .map((b) => b.text)
    .join(' ')
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);

/** Words of `truth` found in order in `got` (longest common subsequence), as a share of `truth`. */
function wordRecall(truth: string[], got: string[]): number {
  let prev = new Int32Array(got.length + 1);
  for (let i = truth.length - 1; i >= 0; i--) {
    const cur = new Int32Array(got.length + 1);
    for (let j = got.length - 1; j >= 0; j--) cur[j] = truth[i] === got[j] ? prev[j + 1]! + 1 : Math.max(prev[j]!, cur[j + 1]!);
    prev = cur;
  }
  return prev[0]! / truth.length;
}

describe('OCR of a scanned PDF (tesseract, vie)', () => {
  let scan: RawDoc;
  let ms = 0;
  beforeAll(async () => {
    if (!hasTesseract) return;
    const t = Date.now();
    scan = await parsePdf(fs.readFileSync(SCAN), 'scan.pdf');
    ms = Date.now() - t;
  }, 300_000);

  it.skipIf(!hasTesseract)('reads the letter: number, references, paragraphs, columns', async () => {
    expect(scan.format).toBe('scan');
    expect(scan.pages).toBe(3);
    const text = scan.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('4918');
    expect(text).toContain('UBND-NC');
    expect(text).toContain('118/KH-UBND ngày 29/7/2021');
    expect(scan.blocks.find((b) => b.text.startsWith('ỦY BAN NHÂN DÂN'))?.column).toBe('left');
    expect(scan.blocks.find((b) => b.text.startsWith('CỘNG HÒA XÃ HỘI'))?.column).toBe('right');
    expect(scan.blocks.find((b) => b.text === 'Nơi nhận:')?.column).toBe('left');
    const items = scan.blocks.filter((b) => b.kind === 'listItem').map((b) => b.text.split(' ')[0]);
    for (const m of ['1.', '1.1.', '1.6.', '1.7.', '1.11.', '2.', '-']) expect(items).toContain(m);
    // the footnote at the foot of page 1 is a footnote block, not body text
    const notes = scan.blocks.filter((b) => b.kind === 'footnote');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toMatch(/^1 Các Sở: Lao động/);
    expect(scan.diagnostics.some((d) => /OCR/.test(d.message))).toBe(true);
    console.info(`OCR of 3 pages: ${ms} ms`);
  });

  it.skipIf(!hasTesseract)('gives an extraction within 15 points of the .txt rendition on obligations (gold 003)', () => {
    const ex = extract(normalise(scan, '003_1d9eea9674fe7869.pdf'));
    const gold = JSON.parse(fs.readFileSync(path.join(ROOT, 'corpus/gold/003_1d9eea9674fe7869.json'), 'utf8'));
    const pred = { source: { file: '003_1d9eea9674fe7869.pdf' }, document: { ...ex.fields }, tasks: ex.tasks.map((t) => ({ ...t, lead: t.lead.map((a) => a.name), support: t.support.map((a) => a.name) })) };
    const r = score([gold], [pred]);
    expect(r.obligations.f1).toBeGreaterThanOrEqual(0.85);
    expect(r.fields.number!.value).toBe(1);
    expect(r.references.f1).toBeGreaterThanOrEqual(0.9);
  });

  it.skipIf(!hasTesseract)('gets at least 97% of the words of the text-layer PDF, in order', async () => {
    const truth = words(await parsePdf(fs.readFileSync(TEXT_PDF), 'text.pdf'));
    const got = words(scan);
    const recall = wordRecall(truth, got);
    const precision = wordRecall(got, truth);
    console.info(`OCR word recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}% (${truth.length} words)`);
    expect(recall).toBeGreaterThan(0.97);
    expect(precision).toBeGreaterThan(0.97);
  });
});

describe('OCR set-up', () => {
  it('reads tesseract hOCR: words on their line baseline, sizes in points', () => {
    const hocr = `<div class='ocr_page' title='bbox 0 0 2481 3508'>
      <span class='ocr_line' id='line_1_1' title="bbox 300 600 2200 660; baseline 0 -12; x_size 52; x_descenders 12; x_ascenders 14">
        <span class='ocrx_word' id='word_1_1' title='bbox 300 600 520 648; x_wconf 96'>Kính</span>
        <span class='ocrx_word' id='word_1_2' title='bbox 540 600 700 660; x_wconf 91'>gửi:</span>
      </span>
      <span class='ocr_line' id='line_1_2' title="bbox 300 700 900 750; baseline 0 -10; x_size 52">
        <span class='ocrx_word' id='word_1_3' title='bbox 300 700 900 750; x_wconf 90'>A&amp;B</span>
      </span></div>`;
    const { words: w, meanConfidence } = wordsFromHocr(hocr, 300);
    expect(w.map((x) => x.text)).toEqual(['Kính', 'gửi:', 'A&B']);
    expect(w[0]!.baseline).toBeCloseTo(((660 - 12) * 72) / 300, 5);
    expect(w[1]!.baseline).toBe(w[0]!.baseline);
    expect(w[0]!.x).toBeCloseTo(72, 5);
    expect(w[0]!.size).toBeGreaterThan(12);
    expect(w[0]!.size).toBeLessThan(14);
    expect(meanConfidence).toBeCloseTo((96 + 91 + 90) / 3, 5);
  });

  it('names the Debian package when tesseract or its Vietnamese data is missing', () => {
    const script = "import('./src/parse/ocr.ts').then((m) => m.ensureOcrAvailable('vie')).then(() => console.log('OK'), (e) => console.log(e.message))";
    const node = process.execPath;
    // a PATH holding node and nothing else
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'));
    try {
      fs.symlinkSync(node, path.join(bin, 'node'));
      const noTesseract = execFileSync(node, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, PATH: bin }, encoding: 'utf8' });
      expect(noTesseract).toContain('install the Debian package tesseract-ocr ');
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
    if (hasTesseract) {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tessdata-'));
      try {
        const noVie = execFileSync(node, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, TESSDATA_PREFIX: empty }, encoding: 'utf8' });
        expect(noVie).toContain('install the Debian package tesseract-ocr-vie');
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    }
  }, 60_000);
});
