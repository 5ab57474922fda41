/**
 * The two PDF text engines (poppler: pdftohtml + pdftotext + qpdf; pdfjs: the fallback) feed
 * one layout model: the same documents read the same, and what only one reads right is
 * checked on its own.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parsePdf } from '../../src/parse/pdf.js';
import { annotationRects, parsePdfXml, runsOfWords, imagePages } from '../../src/parse/pdf-poppler.js';
import { ROOT, hasCommand } from '../helpers.js';

const hasPoppler = hasCommand('pdftotext', '-v') && hasCommand('pdftohtml', '-v') && hasCommand('qpdf', '--version');

const withEngine = async <T>(engine: 'poppler' | 'pdfjs', f: () => Promise<T>): Promise<T> => {
  process.env.CONGVAN_PDF_ENGINE = engine;
  try {
    return await f();
  } finally {
    delete process.env.CONGVAN_PDF_ENGINE;
  }
};
afterEach(() => {
  delete process.env.CONGVAN_PDF_ENGINE;
});
const read = (f: string, engine: 'poppler' | 'pdfjs') => withEngine(engine, () => parsePdf(fs.readFileSync(f), f, { ocr: false }));
const texts = (d: Awaited<ReturnType<typeof parsePdf>>) => d.blocks.map((b) => `${b.kind}|${b.furniture ?? ''}|${b.bold ? 'b' : ''}|${b.column ?? ''}|${b.rows ? b.rows.map((r) => r.join(' | ')).join('\n') : b.text}`);
const lines = (d: Awaited<ReturnType<typeof parsePdf>>) => d.blocks.flatMap((b) => b.text.split('\n'));
const sample = (n: string) => path.join(ROOT, 'corpus', 'pdf', n);
const real = (f: string) => path.join(ROOT, 'corpus', 'real', 'pdf', f);

describe('poppler and pdfjs read the same documents the same', () => {
  it.skipIf(!hasPoppler)('the sample PDFs without ruled tables: the same blocks, styles and columns (needs poppler-utils and qpdf)', async () => {
    for (const n of ['000_7a7f3f59d8dfdfb4.pdf', '001_e411c490e37ebf07.pdf', '003_1d9eea9674fe7869.pdf', '004_bd6a7462ceae1b0f.pdf']) {
      const p = await read(sample(n), 'poppler');
      const j = await read(sample(n), 'pdfjs');
      expect(texts(p), n).toEqual(texts(j));
    }
  });

  it.skipIf(!hasPoppler)('a signed letter: the stamped number and day merged into their lines by both (rd002; needs poppler-utils and qpdf)', async () => {
    for (const engine of ['poppler', 'pdfjs'] as const) {
      const l = lines(await read(real('rd002.pdf'), engine));
      expect(l, engine).toContain('Số:12094/BNV-CCHC');
      expect(l, engine).toContain('Hà Nội, ngày 15 tháng 12 năm 2025');
      expect(l.filter((t) => /Ký bởi|Thời gian ký/i.test(t)), engine).toEqual([]);
    }
  });

  it.skipIf(!hasPoppler)('keeps the signer block that lies under a signature widget as page content (rd008, rd002)', async () => {
    expect(lines(await read(real('rd008.pdf'), 'poppler'))).toEqual(expect.arrayContaining(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Huỳnh Ngọc Tâm']));
    expect(lines(await read(real('rd002.pdf'), 'poppler'))).toContain('Phạm Minh Hùng');
  });

  it('pdfjs is used when CONGVAN_PDF_ENGINE=pdfjs, and says so in nothing but its own notes', async () => {
    const d = await read(real('rd011.pdf'), 'pdfjs');
    // pdfjs loses the word spaces of this file's header (its glyphs are drawn without gaps)
    expect(lines(d).join('\n')).not.toContain('TRUNG TÂM HUẤN LUYỆN VÀ THI ĐẤU THỂ THAO');
  });
});

describe('what poppler reads better', () => {
  it.skipIf(!hasPoppler)('words drawn with no gap between them keep their spaces (rd011: header, issuer; needs poppler-utils and qpdf)', async () => {
    const l = lines(await read(real('rd011.pdf'), 'poppler'));
    expect(l).toContain('TRUNG TÂM HUẤN LUYỆN VÀ THI ĐẤU THỂ THAO');
    expect(l).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(l.some((t) => /Lâm Đồng, ngày 16 tháng 9 năm 2025/.test(t))).toBe(true);
  });
});

describe('poppler engine parts', () => {
  it('takes a word drawn across several runs (a font change inside the word) as page content, and a word no run holds as annotation text', () => {
    const xml = `<page number="1" position="absolute" top="0" left="0" height="842" width="595">
<fontspec id="0" size="13" family="TimesNewRomanPSMT" color="#000000"/>
<text top="100" left="100" width="30" height="15" font="0">  Quy</text>
<text top="100" left="130" width="6" height="15" font="0">ế</text>
<text top="100" left="136" width="8" height="15" font="0">t </text>
<text top="100" left="150" width="20" height="15" font="0">định</text>
</page>`;
    const doc = parsePdfXml(xml);
    expect(doc.fonts.get('0')).toEqual({ size: 13, name: 'TimesNewRomanPSMT' });
    const words = [
      { x0: 110, x1: 144, y0: 100, y1: 115, text: 'Quyết' },
      { x0: 150, x1: 170, y0: 100, y1: 115, text: 'định' },
      { x0: 200, x1: 230, y0: 100, y1: 115, text: '12094' },
    ];
    const r = runsOfWords(words, doc.pages[0]!.runs);
    expect(r.map((x) => x?.text ?? null)).toEqual(['  Quy', 'định', null]);
  });

  it('finds the text annotations of each page in qpdf\'s JSON, in page space (y down), inherited media box, refs to arrays', () => {
    const json = JSON.stringify({
      pages: [{ object: '3 0 R', pageposfrom1: 1 }, { object: '5 0 R', pageposfrom1: 2 }],
      qpdf: [
        {},
        {
          'obj:2 0 R': { value: { '/Type': '/Pages', '/MediaBox': [0, 0, 600, 800], '/Kids': ['3 0 R', '5 0 R'] } },
          'obj:3 0 R': { value: { '/Type': '/Page', '/Parent': '2 0 R', '/Annots': '4 0 R' } },
          'obj:4 0 R': { value: ['6 0 R', '7 0 R'] },
          'obj:5 0 R': { value: { '/Type': '/Page', '/Parent': '2 0 R', '/Rotate': 90, '/Annots': ['6 0 R'] } },
          'obj:6 0 R': { value: { '/Subtype': '/Widget', '/FT': '/Sig', '/Rect': [100, 739, 145, 759] } },
          'obj:7 0 R': { value: { '/Subtype': '/Link', '/Rect': [1, 2, 3, 4] } },
        },
      ],
    });
    const { rects, strip } = annotationRects(json);
    expect(rects.get(1)).toEqual([{ x0: 100, x1: 145, y0: 41, y1: 61 }]);
    expect(rects.has(2)).toBe(false);
    // the pages as pdftohtml reads them: without their annotations
    expect(Object.keys(strip).sort()).toEqual(['obj:3 0 R', 'obj:5 0 R']);
    expect(strip['obj:3 0 R']!.value).not.toHaveProperty('/Annots');
  });

  it('reads the pages that show an image from pdfimages -list', () => {
    const list = `page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image    4977  7036  rgb     3   8  jpeg   no        15  0   600   600 2215K 2.2%
   1     1 smask     100   100  gray    1   8  image  no        16  0    72    72  10K 1%
   3     2 image    4979  7037  rgb     3   8  jpeg   no        18  0   600   600 1635K 1.6%
`;
    expect([...imagePages(list)]).toEqual([1, 3]);
  });
});
