/**
 * OCR'd pages go through the same paragraph building as pages with a text layer: hard-wrapped
 * lines joined, list items, the signer's lines and headings kept apart (issue 11).
 * The fixtures are tesseract's output (words, baselines, sizes) on pages of the real scans rd019,
 * rd021 and rd023 (corpus/real/scan), so the test needs no tesseract.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { layoutPages, ocrInto } from '../../src/parse/pdf.js';
import type { PageModel } from '../../src/parse/pdf-model.js';
import type { OcrPage } from '../../src/parse/ocr.js';
import { ROOT } from '../helpers.js';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'parse', name), 'utf8')) as OcrPage[];
const ocr = fixture('rd023-ocr.json');

function layout(pagesRead: OcrPage[] = ocr) {
  const pages: PageModel[] = pagesRead.map((r) => {
    const pm: PageModel = { page: r.page, width: r.width, height: r.height, lines: [], ocr: true };
    ocrInto(pm, r);
    return pm;
  });
  return layoutPages(pages, []).filter((b) => !b.furniture);
}

describe("OCR'd pages: lines joined into paragraphs", () => {
  it('joins the hard-wrapped lines of a paragraph whose lines tesseract sized 11.5 to 16 pt (rd023 page 2)', () => {
    const p2 = layout().filter((b) => b.page === 2);
    const para = p2.find((b) => b.text.includes('đâu mối'))!;
    expect(para.kind).toBe('paragraph');
    expect(para.text).toContain('đâu mối liên hệ trực tiếp: Dông chí Trung tá');
    expect(para.text).toContain('Phó Trưởng phòng, số điện thoại');
    expect(para.text).toContain('Công an tỉnh sẽ tổng hợp danh sách');
    expect(para.text).toContain('đề xuất Lãnh đạo UBND tỉnh');
    expect(para.text).not.toContain('\n');
  });

  it('keeps list items, the recipients and the signer\'s title lines apart', () => {
    const blocks = layout();
    const texts = blocks.map((b) => b.text);
    // Nơi nhận: one item per line
    expect(texts).toContain('- Như trên;');
    expect(texts).toContain('- Đ/c Giám đốc CAT (dể báo cáo);');
    // Kính gửi: one recipient per line
    const recipients = blocks.filter((b) => b.page === 1 && b.kind === 'listItem' && /^- /.test(b.text));
    expect(recipients.map((b) => b.text)).toEqual(expect.arrayContaining(['- Văn phòng UBND tỉnh;', '- Các Sở, ban, ngành tỉnh;', '- UBND các xã, phường, đặc khu.']));
    expect(recipients.every((b) => !b.text.includes('\n') && (b.text.match(/ - /g) ?? []).length === 0)).toBe(true);
    // the signer's title over two lines stays two lines
    expect(texts).toContain('KT. GIÁM ĐÓC\nPHÓ GIÁM ĐÓC');
    expect(texts).toContain('Kính gửi:');
  });

  it('splits an item number tesseract glued to its text, its dot doubled ("19..UBND"), so the numbered list goes on (rd019 page 3)', () => {
    const texts = layout(fixture('rd019-ocr-p3.json')).map((b) => `${b.kind}|${b.text}`);
    expect(texts).toContain('listItem|18. UBND tỉnh Hưng Yên');
    expect(texts).toContain('listItem|19. UBND tỉnh Phú Thọ');
  });

  it("keeps a signature's scribble read as text apart from the signer's name just under it (rd021 page 3)", () => {
    const texts = layout(fixture('rd021-ocr-p3.json')).map((b) => b.text);
    expect(texts).toContain('Thượng tướng Nguyên Văn Long');
  });
});
