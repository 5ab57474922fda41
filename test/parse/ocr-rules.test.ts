/**
 * Ruled tables on scanned pages (src/parse/ocr-rules.ts): the rules found in the page image, in the
 * frame the page's skew is turned back in, never in lines of text; the words turned back the same way.
 */
import { describe, expect, it } from 'vitest';
import { bandsToSegments, closeGrids, stackPgm, deskewWords, dropRuleGlyphs, findRuleBands, flatGrey, pageSkew, type RgbImage } from '../../src/parse/ocr-rules.js';
import { findGrids } from '../../src/parse/pdf-tables.js';
import { sameHeader } from '../../src/parse/pdf-layout.js';
import { gridBlocks } from '../../src/parse/ocr.js';
import type { Segment } from '../../src/parse/pdf-model.js';

/** A white page at 300 dpi (A4 is 2480 × 3508; a smaller page keeps the test quick). */
function page(w = 1200, h = 1400): RgbImage {
  return { width: w, height: h, rgb: Buffer.alloc(w * h * 3, 255) };
}

/** Paint a pixel of the page, turned by `skew` about the top left corner (as a scanner turns a sheet). */
function ink(img: RgbImage, x: number, y: number, skew: number, rgb: [number, number, number] = [20, 20, 20]): void {
  const ox = Math.round(x - skew * y), oy = Math.round(y + skew * x);
  if (ox < 0 || oy < 0 || ox >= img.width || oy >= img.height) return;
  img.rgb.set(rgb, (oy * img.width + ox) * 3);
}

/** A ruled table: rules `thick` pixels thick at the given x and y (pixels, in the page's own frame). */
function grid(img: RgbImage, xs: number[], ys: number[], skew: number, thick = 3): void {
  for (const y of ys) for (let x = xs[0]!; x <= xs[xs.length - 1]!; x++) for (let t = 0; t < thick; t++) ink(img, x, y + t, skew);
  for (const x of xs) for (let y = ys[0]!; y <= ys[ys.length - 1]!; y++) for (let t = 0; t < thick; t++) ink(img, x + t, y, skew);
}

/**
 * A line of "text": letters 18 px wide and 30 px tall made of stems, with a bar across the x-height
 * (as in "e", "ư") and along the baseline; `pitch` 24 leaves 6 px between letters, 20 (bold) 2 px,
 * which runs the baselines' bars into one long dark run.
 */
function textLine(img: RgbImage, x0: number, x1: number, base: number, skew: number, pitch = 24): void {
  for (let x = x0; x + 18 <= x1; x += pitch) {
    for (let y = base - 30; y < base; y++) for (const dx of [0, 1, 2, 3, 14, 15, 16, 17]) ink(img, x + dx, y, skew);
    for (let dx = 0; dx < 18; dx++) for (const y of [base - 16, base - 15, base - 1, base - 2]) ink(img, x + dx, y, skew);
  }
}

describe('rules of a table in a scanned page', () => {
  it('finds each rule of a ruled table once, and none in the lines of text around it or in its cells', () => {
    for (const skew of [0, 0.012, -0.009]) {
      const img = page();
      textLine(img, 100, 1100, 150, skew, 20);
      textLine(img, 100, 1100, 200, skew);
      grid(img, [100, 200, 700, 1100], [300, 380, 600, 900], skew);
      textLine(img, 220, 680, 440, skew);
      textLine(img, 220, 680, 490, skew);
      textLine(img, 720, 1080, 700, skew);
      textLine(img, 100, 1100, 1100, skew);
      const bands = findRuleBands(img, 300, skew);
      const h = bands.filter((b) => b.dir === 'h'), v = bands.filter((b) => b.dir === 'v');
      // (each rule's middle, to a pixel: the image is looked through at half its resolution)
      const near = (got: number[], want: number[]) => {
        expect(got).toHaveLength(want.length);
        got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1.5));
      };
      near(h.map((b) => b.at), [301, 381, 601, 901]);
      near(v.map((b) => b.at).sort((a, b) => a - b), [101, 201, 701, 1101]);
      const grids = findGrids(bandsToSegments(bands, 300));
      expect(grids).toHaveLength(1);
      near(grids[0]!.xs.map((x) => (x * 300) / 72), [101, 201, 701, 1101]);
    }
  });

  it('finds rules printed one pixel thin, on odd rows and columns as on even ones', () => {
    const img = page();
    grid(img, [101, 251, 703], [301, 383, 605], 0, 1);
    const segs = bandsToSegments(findRuleBands(img, 300, 0), 300);
    expect(segs.filter((r) => r.dir === 'h')).toHaveLength(3);
    expect(segs.filter((r) => r.dir === 'v')).toHaveLength(3);
    expect(findGrids(segs)).toHaveLength(1);
  });

  it('takes no rule from a seal or a stamp in red, nor from a pen stroke in blue', () => {
    const img = page();
    for (let x = 200; x < 900; x++) for (let t = 0; t < 4; t++) ink(img, x, 400 + t, 0, [200, 40, 40]);
    for (let y = 200; y < 900; y++) for (let t = 0; t < 4; t++) ink(img, 500 + t, y, 0, [30, 40, 180]);
    expect(findRuleBands(img, 300, 0)).toEqual([]);
  });

  it('paints the rules out of the page it reads the cells from, and leaves the print in the cells', () => {
    const img = page();
    grid(img, [100, 200, 700], [300, 380, 600], 0.01);
    textLine(img, 220, 680, 440, 0.01);
    const bands = findRuleBands(img, 300, 0.01);
    const grey = flatGrey(img, 0.01, bands);
    const at = (x: number, y: number) => grey[y * img.width + x]!;
    expect(at(150, 301)).toBe(255);
    expect(at(201, 500)).toBe(255);
    // a letter's stem in the cell, in the turned-back frame
    expect(at(221, 430)).toBeLessThan(128);
  });
});

describe('the page skew and the words', () => {
  it('takes the median slope of the long lines, and none from one or two lines', () => {
    const lines = [0.01, 0.011, 0.009, 0.2, 0.0105].map((slope, i) => ({ slope, width: i === 3 ? 50 : 900 }));
    expect(pageSkew(lines, 2480)).toBeCloseTo(0.0105, 4);
    expect(pageSkew(lines.slice(0, 2), 2480)).toBe(0);
  });

  it('turns words back by the skew, keeping the words of one line on one baseline', () => {
    const words = [
      { text: 'Lãnh', x: 100, baseline: 300, w: 30 },
      { text: 'đạo', x: 140, baseline: 300, w: 20 },
      { text: 'Sở', x: 100, baseline: 320, w: 15 },
    ];
    const out = deskewWords(words, 0.01);
    expect(out[0]!.baseline).toBe(out[1]!.baseline);
    expect(out[0]!.baseline).toBeCloseTo(300 - 0.01 * 130, 6);
    expect(out[0]!.x).toBeCloseTo(103, 6);
    expect(out[2]!.x).toBeCloseTo(103.2, 6);
    expect(deskewWords(words, 0)).toBe(words);
  });

  it('takes the bars tesseract read on the rules out of the words, on a page with ruled cells only', () => {
    const words = ['|', 'UBND|_', '|Giải', '[_', 'xã', '1'].map((text) => ({ text, chars: [0, 1] }));
    const rules = [{ dir: 'v' as const, at: 80, from: 60, to: 700 }];
    expect(dropRuleGlyphs(words, rules).map((w) => w.text)).toEqual(['UBND', 'Giải', 'xã', '1']);
    expect(dropRuleGlyphs(words, rules)[0]!.chars).toBeUndefined();
    expect(dropRuleGlyphs(words, [{ dir: 'h', at: 80, from: 60, to: 700 }])).toBe(words);
  });
});

describe('a table header repeated on the next page', () => {
  it('is the same header when OCR reads its two copies a little differently', () => {
    expect(sameHeader(['TT', 'n Nội dung', 'Trách nhiệm thực hiện', 'Thời gian : (Năm 2026)'], ['', "' Nội dung", 'Trách nhiệm | thực hiện', 'Thời gian D (Năm 2026)'])).toBe(true);
    expect(sameHeader(['STT', 'Nội dung', 'Chủ trì'], ['STT', 'Nội dung', 'Chủ trì'])).toBe(true);
  });
  it('is not a row of the table', () => {
    expect(sameHeader(['TT', 'Nội dung', 'Trách nhiệm thực hiện', 'Thời gian'], ['3', 'Giải đáp những vướng mắc về nội dung', 'Lãnh đạo Công an tỉnh', 'Từ 20 giờ ngày 10 tháng 4'])).toBe(false);
    expect(sameHeader(['TT', 'Nội dung', 'Chủ trì'], ['', 'Nội dung', 'Chủ trì', 'Phối hợp'])).toBe(false);
  });
});

describe('a scanned table\'s grid', () => {
  const h = (at: number, from: number, to: number): Segment => ({ dir: 'h', at, from, to });
  const v = (at: number, from: number, to: number): Segment => ({ dir: 'v', at, from, to });

  it('gets back the outer rule the scan lost where the rows\' rules run on to it, and no rule where they do not', () => {
    // (rd029: "Stt | Họ và tên | Chức vụ | Số điện thoại", its right border too faint to find)
    const rules = [h(244, 100, 534), h(266, 100, 534), h(286, 100, 534), v(100, 244, 286), v(132, 244, 286), v(235, 244, 286), v(427, 244, 286)];
    const grids = findGrids(closeGrids(rules, findGrids(rules)));
    expect(grids[0]!.xs.map(Math.round)).toEqual([100, 132, 235, 427, 534]);
    const closed = [...rules.slice(0, 3), v(100, 244, 286), v(300, 244, 286), v(534, 244, 286)];
    expect(closeGrids(closed, findGrids(closed))).toBe(closed);
  });

  it('is read column by column where its cells are plain, and a cell merged across columns on its own', () => {
    // a header "Đánh giá" over "Đạt | Không đạt": the rule between those two columns starts at the second row
    const rules = [h(100, 50, 500), h(130, 50, 500), h(160, 50, 500), h(200, 50, 500), v(50, 100, 200), v(300, 100, 200), v(400, 100, 200), v(450, 130, 200), v(500, 100, 200)];
    const g = findGrids(rules)[0]!;
    expect(g.xs.map(Math.round)).toEqual([50, 300, 400, 450, 500]);
    expect(gridBlocks(g)).toEqual([
      { c0: 0, c1: 1, r0: 0, r1: 3 },
      { c0: 1, c1: 2, r0: 0, r1: 3 },
      { c0: 2, c1: 4, r0: 0, r1: 1 },
      { c0: 2, c1: 3, r0: 1, r1: 3 },
      { c0: 3, c1: 4, r0: 1, r1: 3 },
    ]);
  });
});

describe('the parts of a table stacked for one tesseract run', () => {
  it('puts each box under the last, a gap apart and left-aligned, and says where each starts', () => {
    const w = 10, h = 10;
    const grey = new Uint8Array(w * h).map((_, i) => i % 256);
    const { pgm, tops } = stackPgm(grey, w, h, [{ x0: 2, y0: 1, x1: 5, y1: 3 }, { x0: 0, y0: 6, x1: 10, y1: 9 }], 1, 4);
    expect(tops).toEqual([1, 7]);
    const head = 'P5\n12 11\n255\n';
    expect(pgm.subarray(0, head.length).toString('latin1')).toBe(head);
    const px = (x: number, y: number) => pgm[head.length + y * 12 + x];
    // the first box's top left pixel is the page's (2, 1), the second's the page's (0, 6)
    expect(px(1, 1)).toBe(grey[1 * w + 2]);
    expect(px(1, 7)).toBe(grey[6 * w + 0]);
    expect(px(10, 9)).toBe(grey[8 * w + 9]);
    // white between the boxes and right of the narrow one
    expect(px(1, 4)).toBe(255);
    expect(px(6, 1)).toBe(255);
  });
});
