import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseFile } from '../../src/parse/index.js';
import { annotationWords, parseBbox, snap } from '../../src/parse/pdf-widgets.js';
import { ROOT } from '../helpers.js';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPoppler) console.warn('pdftotext (poppler-utils) is not installed: the signature-stamp tests on real PDFs are skipped');

const real = (f: string) => path.join(ROOT, 'corpus', 'real', 'pdf', f);
const lines = async (f: string) => (await parseFile(fs.readFileSync(real(f)), f)).blocks.flatMap((b) => b.text.split('\n'));

describe('text stamped by signature widgets (e-office PDFs)', () => {
  it.skipIf(!hasPoppler)('puts the stamped number into the "Số:" line and the day into the date line (rd002: 12094, 15)', async () => {
    const l = await lines('rd002.pdf');
    expect(l).toContain('Số:12094/BNV-CCHC');
    expect(l).toContain('Hà Nội, ngày 15 tháng 12 năm 2025');
  });

  it.skipIf(!hasPoppler)('does not repeat the symbol a widget draws over printed text, and keeps parent and issuer on lines of their own (rd007)', async () => {
    const l = await lines('rd007.pdf');
    expect(l).toContain('Số: 1547 /SNV-TCBC');
    expect(l.slice(0, 3)).toEqual(expect.arrayContaining(['UBND TỈNH LÂM ĐỒNG', 'SỞ NỘI VỤ']));
    expect(l).toContain('Lâm Đồng, ngày 18 tháng 9 năm 2025');
  });

  it.skipIf(!hasPoppler)('never takes a signature stamp\'s own text as content', async () => {
    for (const f of ['rd002.pdf', 'rd008.pdf', 'rd010.pdf']) {
      const l = await lines(f);
      expect(l.filter((t) => /Ký bởi|Thời gian ký/i.test(t)), f).toEqual([]);
    }
  });

  it('keeps words inside an annotation that are not page text, drops stamp text and duplicates', () => {
    const words = parseBbox(
      `<page width="595" height="842"><word xMin="100" yMin="90" xMax="135" yMax="102">12094</word>
       <word xMin="83" yMin="97" xMax="102" yMax="113">Số:</word>
       <word xMin="300" yMin="700" xMax="340" yMax="710">Ký</word><word xMin="342" yMin="700" xMax="360" yMax="710">bởi:</word>
       <word xMin="362" yMin="700" xMax="420" yMax="710">Bộ</word></page>`,
      1,
    ).get(1)!;
    const rects = [{ x0: 99, y0: 83, x1: 145, y1: 103 }, { x0: 290, y0: 690, x1: 500, y1: 720 }];
    const printed = [{ x0: 83, y0: 99, x1: 102, y1: 114 }];
    expect(annotationWords(words, rects, printed).map((w) => w.text)).toEqual(['12094']);
    // over printed text of its own: nothing new
    expect(annotationWords(words, rects, [{ x0: 99, y0: 88, x1: 136, y1: 104 }]).map((w) => w.text)).toEqual([]);
    // the stamped word takes the baseline of the line it overlaps
    expect(snap(words[0]!, [{ x: 83, y: 110, w: 19, size: 14 }])).toEqual({ y: 110, size: 14 });
  });
});
