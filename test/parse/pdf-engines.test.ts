/**
 * The two PDF text engines (poppler: pdftohtml + pdftotext; pdfjs: the fallback) feed
 * one layout model: the same documents read the same, and what only one reads right is
 * checked on its own.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { parsePdf } from '../../src/parse/pdf.js';
import { annotationRects, parsePdfXml, runsOfWords, imagePages, withoutAnnotations } from '../../src/parse/pdf-poppler.js';
import { PdfFile } from '../../src/parse/pdf-objects.js';
import { contentRules, type Matrix } from '../../src/parse/pdf-rules.js';
import { openPdfjs, segmentsFromOps } from '../../src/parse/pdf-pdfjs.js';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { ROOT, hasCommand } from '../helpers.js';

const hasPoppler = hasCommand('pdftotext', '-v') && hasCommand('pdftohtml', '-v');

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
/** A PDF of the given objects with a trailer (no xref: readers rebuild it). */
const minimalPdf = (objects: string[]) => Buffer.from(`%PDF-1.7\n${objects.join('\n')}\ntrailer <</Root 1 0 R /Size 11>>\nstartxref\n0\n%%EOF\n`, 'latin1');

describe('poppler and pdfjs read the same documents the same', () => {
  it.skipIf(!hasPoppler)('the sample PDFs without ruled tables: the same blocks, styles and columns (needs poppler-utils)', async () => {
    for (const n of ['000_7a7f3f59d8dfdfb4.pdf', '001_e411c490e37ebf07.pdf', '003_1d9eea9674fe7869.pdf', '004_bd6a7462ceae1b0f.pdf']) {
      const p = await read(sample(n), 'poppler');
      const j = await read(sample(n), 'pdfjs');
      expect(texts(p), n).toEqual(texts(j));
    }
  });

  it.skipIf(!hasPoppler)('a signed letter: the stamped number and day merged into their lines by both (rd002; needs poppler-utils)', async () => {
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

describe('the poppler engine needs poppler alone', () => {
  it.skipIf(!hasPoppler)('reads the stamped number with no qpdf on PATH (rd002; needs poppler-utils)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-bin-'));
    for (const t of ['pdftohtml', 'pdftotext', 'pdfimages']) fs.symlinkSync(execFileSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim(), path.join(dir, t));
    const PATH = process.env.PATH;
    process.env.PATH = dir;
    try {
      const d = await read(real('rd002.pdf'), 'poppler');
      expect(lines(d).some((l) => /Số:\s*12094\s*\/BNV-CCHC/.test(l))).toBe(true);
    } finally {
      process.env.PATH = PATH;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the rules of ruled tables from the content streams as pdfjs does, on every page of the real and sample PDFs', async () => {
    const files = [...fs.readdirSync(path.join(ROOT, 'corpus', 'real', 'pdf')).map(real), ...fs.readdirSync(path.join(ROOT, 'corpus', 'pdf')).map(sample)].filter((f) => f.endsWith('.pdf'));
    let ruled = 0;
    for (const f of files) {
      const buf = fs.readFileSync(f);
      const file = new PdfFile(buf);
      const pages = file.pages();
      const { pdfjs, doc } = await openPdfjs(buf);
      try {
        expect(pages).toHaveLength(doc.numPages);
        for (let p = 1; p <= doc.numPages; p++) {
          const page = await doc.getPage(p);
          const want = segmentsFromOps(await page.getOperatorList(), pdfjs.OPS, page.getViewport({ scale: 1 }).transform as Matrix);
          expect(contentRules(file, pages[p - 1]!), `${path.basename(f)} page ${p}`).toEqual(want);
          if (want.length >= 8) ruled++;
        }
      } finally {
        await doc.destroy();
      }
    }
    // the set has ruled tables (plans, reports)
    expect(ruled).toBeGreaterThan(5);
  }, 120_000);
});

describe('what poppler reads better', () => {
  it.skipIf(!hasPoppler)('words drawn with no gap between them keep their spaces (rd011: header, issuer; needs poppler-utils)', async () => {
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

  it('finds the text annotations of each page in the file\'s objects, in page space (y down), inherited media box, refs to arrays; strips them by an appended update', () => {
    const pdf = minimalPdf([
      '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
      '2 0 obj <</Type /Pages /MediaBox [0 0 600 800] /Kids [3 0 R 5 0 R] /Count 2>> endobj',
      '3 0 obj <</Type /Page /Parent 2 0 R /Annots 4 0 R>> endobj',
      '4 0 obj [6 0 R 7 0 R] endobj',
      '5 0 obj <</Type /Page /Parent 2 0 R /Rotate 90 /Annots [6 0 R]>> endobj',
      '6 0 obj <</Subtype /Widget /FT /Sig /Rect [100 739 145 759] /T (a\\)b)>> endobj',
      '7 0 obj <</Subtype /Link /Rect [1 2 3 4]>> endobj',
    ]);
    const file = new PdfFile(pdf);
    const pages = file.pages();
    const rects = annotationRects(file, pages);
    expect(rects.get(1)).toEqual([{ x0: 100, x1: 145, y0: 41, y1: 61 }]);
    expect(rects.has(2)).toBe(false);
    // the pages as pdftohtml reads them: without their annotations
    const stripped = new PdfFile(withoutAnnotations(file, pages)!);
    const again = stripped.pages();
    expect(again.map((p) => p.dict['/Annots'])).toEqual([undefined, undefined]);
    expect(again[1]!.rotate).toBe(90);
    expect(stripped.dict(again[0]!.dict['/Parent'])?.['/MediaBox']).toEqual([0, 0, 600, 800]);
  });

  it('reads objects kept in object streams, the later of two definitions (an incremental update), and a signature padded with zeros', () => {
    const objstm = deflateSync(Buffer.from('3 0 4 40 <</Type /Page /Parent 2 0 R /Annots [4 0 R]>> <</Subtype /Widget /Rect [0 0 10 10]>>'));
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /MediaBox [0 0 600 800] /Kids [3 0 R] /Count 1>> endobj\n', 'latin1'),
      Buffer.from(`9 0 obj <</Type /ObjStm /N 2 /First 8 /Filter /FlateDecode /Length ${objstm.length}>>\nstream\n`, 'latin1'),
      objstm,
      Buffer.from(`\nendstream endobj\n10 0 obj <</Contents <${'0'.repeat(20_000)}>>> endobj\n4 0 obj <</Subtype /Widget /Rect [0 0 20 20]>> endobj\ntrailer <</Root 1 0 R /Size 11>>\n%%EOF\n`, 'latin1'),
    ]);
    const file = new PdfFile(pdf);
    const pages = file.pages();
    expect(pages).toHaveLength(1);
    expect(annotationRects(file, pages).get(1)).toEqual([{ x0: 0, x1: 20, y0: 780, y1: 800 }]);
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
