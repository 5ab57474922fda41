import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawBlock, RawDoc } from '../../src/model/types.js';
import { parseDocx } from '../../src/parse/docx.js';
import { parsePdf } from '../../src/parse/pdf.js';
import { encodeLegacy } from '../legacy-encoder.js';
import type { CongvanError } from '../../src/model/errors.js';
import { manyPagePdf } from '../faults/fixtures.js';
import { flowText, makePdf } from '../fixtures/parse/make-pdf.js';

const CORPUS = path.resolve(__dirname, '../../corpus');
const STEMS = ['000_7a7f3f59d8dfdfb4', '001_e411c490e37ebf07', '002_a0abdb387e5f238a', '003_1d9eea9674fe7869', '004_bd6a7462ceae1b0f'];
const pdfs: Record<string, RawDoc> = {};
const docxs: Record<string, RawDoc> = {};

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const body = (d: RawDoc) => d.blocks.filter((b) => !b.furniture && b.kind !== 'footnote' && b.kind !== 'table');
const allText = (d: RawDoc) => body(d).map((b) => b.text).join('\n');

beforeAll(async () => {
  for (const s of STEMS) {
    pdfs[s] = await parsePdf(fs.readFileSync(path.join(CORPUS, 'pdf', `${s}.pdf`)), `${s}.pdf`);
    docxs[s] = await parseDocx(fs.readFileSync(path.join(CORPUS, 'docx', `${s}.docx`)), `${s}.docx`);
  }
}, 120_000);

describe('parsePdf on the corpus', () => {
  it('reads the 001 letter: number, references unbroken, pages, NFC', () => {
    const d = pdfs['001_e411c490e37ebf07']!;
    expect(d.format).toBe('pdf');
    expect(d.pages).toBe(2);
    const text = allText(d);
    expect(text).toMatch(/Số:\s*4945\s*\/UBND-THCBKS/);
    expect(text).toContain('2480/UBND-THCBKS');
    expect(text).toContain('7541/BC-VPCP ngày 29/9/2023');
    expect(text).not.toMatch(/UBND-\s+THCBKS|BC-\s+VPCP/);
    expect(text).toBe(text.normalize('NFC'));
    expect(d.blocks.every((b) => b.page === undefined || (b.page >= 1 && b.page <= 2))).toBe(true);
  });

  it('keeps the two-column header and the signature block apart, left column first', () => {
    const d = pdfs['001_e411c490e37ebf07']!;
    const texts = d.blocks.map((b) => b.text);
    const issuer = d.blocks.find((b) => b.text.startsWith('ỦY BAN NHÂN DÂN'))!;
    const motto = d.blocks.find((b) => b.text.startsWith('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'))!;
    expect(issuer).toMatchObject({ column: 'left', bold: true, page: 1 });
    expect(issuer.text).toBe('ỦY BAN NHÂN DÂN\nTỈNH TUYỀN QUANG');
    expect(motto).toMatchObject({ column: 'right', bold: true });
    expect(motto.text).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
    // the whole left column (issuer, number, subject) comes before the right column
    const subject = texts.findIndex((t) => t.startsWith('Về việc triển khai'));
    expect(subject).toBeGreaterThan(texts.indexOf(issuer.text));
    expect(subject).toBeLessThan(texts.indexOf(motto.text));
    expect(d.blocks[subject]!.text).toBe('Về việc triển khai Báo cáo số 7541/BC-VPCP ngày 29/9/2023 của Văn phòng Chính phủ');
    expect(d.blocks.find((b) => b.text.startsWith('Tuyên Quang, ngày'))).toMatchObject({ column: 'right', italic: true });
    // signature: Nơi nhận list left, signer right; nothing interleaved
    const left = d.blocks.filter((b) => b.page === 2 && b.column === 'left').map((b) => b.text);
    const right = d.blocks.filter((b) => b.page === 2 && b.column === 'right').map((b) => b.text);
    expect(left[0]).toBe('Nơi nhận:');
    expect(left).toContain('- VNPT Tuyên Quang;');
    expect(left.at(-1)).toBe('- Lưu: VT, THCBKS (H).');
    expect(right).toEqual(['TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG', 'Tạ Văn Dũng']);
    const iLeft = texts.indexOf('- Lưu: VT, THCBKS (H).');
    expect(texts.indexOf('TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG')).toBeGreaterThan(iLeft);
  });

  it('gives one block per paragraph with its printed marker, wrapped lines joined', () => {
    const d = pdfs['001_e411c490e37ebf07']!;
    const items = body(d).filter((b) => b.kind === 'listItem').map((b) => b.text.split(' ')[0]);
    expect(items).toEqual(expect.arrayContaining(['1.', '1.1.', '1.2.', '1.3.', '2.', '2.1.', '2.2.', '2.3.', '2.4.', '3.', '3.1.', '3.2.', '4.', '-']));
    const p13 = body(d).find((b) => b.text.startsWith('1.3.'))!;
    expect(p13.text).not.toContain('\n');
    expect(p13.text.endsWith('ngày 09/6/2023 của Ủy ban nhân dân tỉnh.')).toBe(true);
    // a paragraph cut by the page break is one block (2.1. ends on page 1; 2.2. starts page 2)
    expect(body(d).find((b) => b.text.startsWith('2.1.'))!.text).toBe(
      '2.1. Tham mưu giải pháp khắc phục điểm số đối với các tiêu chí chưa đạt (Thanh toán trực tuyến; dịch vụ công trực tuyến; số hóa hồ sơ, kết quả giải quyết TTHC).',
    );
    const heading = body(d).find((b) => b.text === '1. Giám đốc các Sở; Thủ trưởng các Ban, ngành');
    expect(heading).toMatchObject({ kind: 'listItem', bold: true });
  });

  it('sets page numbers aside as furniture', () => {
    for (const s of STEMS) {
      const d = pdfs[s]!;
      const pn = d.blocks.filter((b) => b.furniture === 'pageNumber');
      expect(pn.map((b) => b.text)).toEqual(Array.from({ length: d.pages! }, (_, i) => String(i + 1)));
      // no bare page number left in the body
      expect(body(d).some((b) => /^\d{1,2}$/.test(b.text))).toBe(false);
    }
  });

  it('reads the 002 appendix as one table: 82 rows, header kept once', () => {
    const d = pdfs['002_a0abdb387e5f238a']!;
    const tables = d.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.page).toBe(13);
    expect(t.headerRows).toBe(1);
    const rows = t.rows!;
    expect(rows).toHaveLength(82);
    expect(rows[0]).toEqual(['TT', 'Nội dung nhiệm vụ, giải pháp', 'Cơ quan, đơn vị chủ trì', 'Cơ quan, đơn vị phối hợp', 'Thời gian thực hiện']);
    expect(rows.filter((r) => r[1] === 'Nội dung nhiệm vụ, giải pháp')).toHaveLength(1);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const data = rows.slice(1);
    const sections = data.filter((r) => /^(?:[A-Z]|[IVX]+)$/.test(r[0]!) && !r[2] && !r[3] && !r[4]);
    expect(sections).toHaveLength(15);
    expect(sections.map((r) => r[0])).toEqual(['A', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'B', 'I', 'II', 'III', 'IV', 'V']);
    const tasks = data.filter((r) => !sections.includes(r));
    expect(tasks).toHaveLength(66);
    expect(tasks.filter((r) => r[0] === '')).toHaveLength(4);
    expect(tasks.every((r) => r[1] && r[2])).toBe(true);
    // cells that wrap over lines are one text; a row cut by a page break is one row
    expect(tasks[0]).toEqual([
      '1',
      'Triển khai thực hiện có hiệu quả Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;',
      'Các cơ quan, đơn vị',
      'Sở Nội vụ',
      'Thường xuyên',
    ]);
    const cut = tasks.find((r) => r[1]!.startsWith('Phối hợp với Uỷ ban nhân dân các huyện'))!;
    expect(cut).toEqual([
      '9',
      'Phối hợp với Uỷ ban nhân dân các huyện, thành phố, các chủ đầu tư xây dựng công trình tập trung đẩy nhanh tiến độ giải phóng mặt bằng các công trình, dự án',
      'Các cơ quan đơn vị (Chủ đầu tư)',
      'Sở Kế hoạch và Đầu tư',
      'Thường xuyên',
    ]);
    // no table text leaks into the paragraphs
    expect(body(d).some((b) => b.text.includes('Cơ quan, đơn vị phối'))).toBe(false);
  });

  it('gives the same table as the DOCX, cell for cell', () => {
    const a = pdfs['002_a0abdb387e5f238a']!.blocks.find((b) => b.kind === 'table')!;
    const b = docxs['002_a0abdb387e5f238a']!.blocks.find((x) => x.kind === 'table')!;
    expect(a.rows!.map((r) => r.map(norm))).toEqual(b.rows!.map((r) => r.map(norm)));
    expect(a.headerRows).toBe(b.headerRows);
  });

  it('takes the 004 footnote out of the body as a footnote block', () => {
    const d = pdfs['004_bd6a7462ceae1b0f']!;
    const notes = d.blocks.filter((b) => b.kind === 'footnote');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.page).toBe(1);
    expect(notes[0]!.text.startsWith('1 Quyết định số 1565/QĐ-TTg ngày 18/7/2025')).toBe(true);
    expect(notes[0]!.text).toContain('5274/BNV-CVL');
    const para = body(d).find((b) => b.text.startsWith('Thực hiện chỉ đạo của Thủ tướng'))!;
    expect(para.text).toContain('kiểm soát TTHC; Chủ tịch UBND tỉnh có ý kiến');
    expect(allText(d)).not.toContain('Quyết định số 1565/QĐ-TTg ngày 18/7/2025 của Thủ tướng Chính phủ Ban hành');
    // the paragraph cut by the footnote area and the page break is one block
    const cut = body(d).find((b) => b.text.startsWith('- Khẩn trương phối hợp với Công an tỉnh'))!;
    expect(cut.page).toBe(1);
    expect(cut.text).toMatch(/hoàn thành .+\.$/);
  });

  it('keeps the three paragraphs of the 003 footnote in one block', () => {
    const notes = pdfs['003_1d9eea9674fe7869']!.blocks.filter((b) => b.kind === 'footnote');
    expect(notes).toHaveLength(1);
    const lines = notes[0]!.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1 Các Sở: Lao động/);
    expect(lines[1]).toBe('- Các huyện: Lâm Bình, Chiêm Hóa, thành phố Tuyên Quang.');
    expect(allText(pdfs['003_1d9eea9674fe7869']!)).toContain('06 đơn vị cấp xã.');
  });

  it('marks the e-signature stamps of 000 as furniture', () => {
    const d = pdfs['000_7a7f3f59d8dfdfb4']!;
    const stamps = d.blocks.filter((b) => b.furniture === 'signatureStamp');
    expect(stamps.length).toBeGreaterThanOrEqual(4);
    expect(stamps.filter((b) => b.text.includes('đã ký lên văn bản này!'))).toHaveLength(4);
    expect(allText(d)).not.toContain('đã ký');
    expect(body(d).at(-1)!.text).toBe('Nguyễn Văn Sơn');
  });

  it('restores the plan structure of 002: headings and markers', () => {
    const d = pdfs['002_a0abdb387e5f238a']!;
    const starts = body(d).map((b) => b.text.split(' ')[0]);
    for (const m of ['I.', 'II.', 'III.', '1.', '1.1.', '2.7.', 'a)', 'e)', '-', '+']) expect(starts).toContain(m);
    expect(body(pdfs['004_bd6a7462ceae1b0f']!).map((b) => b.text.split(' ')[0])).toContain('đ)');
    expect(body(d)[0]).toMatchObject({ text: 'KẾ HOẠCH', bold: true, align: 'center' });
    expect(body(d).find((b) => b.text.startsWith('BIỂU PHÂN CÔNG'))!.text).toBe(
      'BIỂU PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH,\nCHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC NĂM 2021 VÀ NHỮNG NĂM TIẾP THEO',
    );
  });

  it('gives the same blocks as the DOCX for each of the five documents', () => {
    for (const s of STEMS) {
      const seq = (d: RawDoc) =>
        d.blocks
          .filter((b) => !b.furniture)
          .map((b: RawBlock) => (b.kind === 'table' ? `table ${b.rows!.length}` : `${b.kind === 'footnote' ? 'footnote ' : ''}${b.column ?? ''} ${norm(b.text)}`));
      expect(seq(pdfs[s]!), s).toEqual(seq(docxs[s]!));
    }
  });
});

describe('parsePdf on made-up PDFs', () => {
  const paras = [
    'Ủy ban nhân dân tỉnh nhận được Báo cáo số 7541/BC-VPCP ngày 29/9/2023 của Văn phòng Chính phủ về tình hình, kết quả cải cách thủ tục hành chính.',
    '1.1. Nghiên cứu Báo cáo của Văn phòng Chính phủ, kịp thời chỉ đạo nâng cao hiệu quả việc thực hiện các tiêu chí.',
    '- Khẩn trương hoàn thành việc công khai thủ tục hành chính đang còn hiệu lực.',
  ];

  it('converts text in TCVN3 fonts (.VnTime, .VnTimeH for capitals)', async () => {
    const texts = flowText(paras.map((p) => encodeLegacy(p, 'tcvn3').toString('latin1')), { font: 'F1' });
    texts.unshift({ font: 'F2', size: 13, x: 180, y: 810, text: encodeLegacy('Cộng hoà xã hội chủ nghĩa Việt Nam', 'tcvn3').toString('latin1') });
    const d = await parsePdf(makePdf({ fonts: { F1: '.VnTime', F2: '.VnTimeH' }, pages: [{ texts }] }), 'tcvn3.pdf');
    expect(d.legacyEncoding).toBe('tcvn3');
    const t = d.blocks.map((b) => b.text);
    expect(t[0]).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // TCVN3 cannot write the capital of "Ủy"
    expect(t[1]).toBe(paras[0]!.replace('Ủy', 'ủy'));
    expect(t.slice(2)).toEqual(paras.slice(1));
    expect(d.diagnostics.some((x) => /TCVN3/.test(x.message))).toBe(true);
  });

  it('converts text in VNI fonts', async () => {
    const texts = flowText(paras.map((p) => encodeLegacy(p, 'vni').toString('latin1')), { font: 'F1' });
    const d = await parsePdf(makePdf({ fonts: { F1: 'VNI-Times' }, pages: [{ texts }] }), 'vni.pdf');
    expect(d.legacyEncoding).toBe('vni');
    expect(d.blocks.map((b) => b.text)).toEqual(paras);
  });

  it('converts legacy text whose font name does not tell, by its syllables', async () => {
    const texts = flowText(paras.map((p) => encodeLegacy(p, 'vni').toString('latin1')), { font: 'F1' });
    const d = await parsePdf(makePdf({ fonts: { F1: 'Times-Roman' }, pages: [{ texts }] }), 'vni-noname.pdf');
    expect(d.legacyEncoding).toBe('vni');
    expect(d.blocks.map((b) => b.text)).toEqual(paras);
  });

  it('reads page numbers at the top of the page (Nghị định 30) and running footers as furniture', async () => {
    const page = (n: number) => ({
      texts: [
        { font: 'F1', size: 13, x: 290, y: 810, text: String(n) },
        ...flowText([`Noi dung trang ${n}: ` + 'mot hai ba bon nam sau bay tam chin muoi '.repeat(6) + 'het.'], { font: 'F1', top: 760 }),
        { font: 'F1', size: 9, x: 85, y: 30, text: `So 12/UBND-VP ngay 05/3/2025 - trang ${n}/3` },
      ],
    });
    const d = await parsePdf(makePdf({ fonts: { F1: 'Times-Roman' }, pages: [page(1), page(2), page(3)] }), 'top.pdf');
    expect(d.blocks.filter((b) => b.furniture === 'pageNumber').map((b) => b.text)).toEqual(['1', '2', '3']);
    expect(d.blocks.filter((b) => b.furniture === 'runningHeader').map((b) => b.page)).toEqual([1, 2, 3]);
    const content = d.blocks.filter((b) => !b.furniture);
    expect(content.map((b) => b.text.slice(0, 16))).toEqual(['Noi dung trang 1', 'Noi dung trang 2', 'Noi dung trang 3']);
    expect(content.every((b) => b.text.endsWith('het.'))).toBe(true);
  });

  it('reads a letter drawn line by line across its columns (not cell by cell)', async () => {
    const T = (x: number, y: number, text: string, size = 13, font = 'F1') => ({ font, size, x, y, text });
    const texts = [
      T(110, 800, 'UY BAN NHAN DAN', 13, 'F2'), T(300, 800, 'CONG HOA XA HOI CHU NGHIA VIET NAM', 13, 'F2'),
      T(105, 785, 'TINH TUYEN QUANG', 13, 'F2'), T(340, 785, 'Doc lap - Tu do - Hanh phuc', 13, 'F2'),
      T(115, 760, 'So: 123/UBND-VP'), T(320, 760, 'Tuyen Quang, ngay 5 thang 3 nam 2025', 13, 'F3'),
      T(95, 745, 'V/v trien khai ke hoach', 12),
      T(160, 715, 'Kinh gui:'), T(215, 699, '- Cac So, ban, nganh thuoc tinh;'), T(215, 683, '- UBND cac huyen, thanh pho.'),
      ...flowText(
        [
          'Thuc hien Ke hoach so 11/KH-UBND ngay 21/7/2025 cua UBND tinh ve trien khai Chuong trinh cat giam thu tuc hanh chinh, Chu tich UBND tinh yeu cau:',
          '1. Cac So, ban, nganh khan truong thuc hien cac nhiem vu sau day trong thang 3 nam 2025 theo dung quy dinh.',
          'a) Ra soat thu tuc hanh chinh thuoc tham quyen giai quyet; bao cao ket qua ve So Noi vu truoc ngay 30/3/2025.',
        ],
        { font: 'F1', top: 660 },
      ),
      T(85, 420, 'Noi nhan:', 12, 'F4'), T(360, 420, 'KT. CHU TICH', 13, 'F2'),
      T(85, 407, '- Nhu tren;', 11), T(355, 405, 'PHO CHU TICH', 13, 'F2'),
      T(85, 394, '- Luu: VT.', 11),
      T(350, 340, 'Nguyen Van An', 13, 'F2'),
      T(85, 300, 'Theo Quyet dinh so 1565/QD-TTg'), T(85 + 30 * 6.5, 305, '1', 7.5),
      T(85, 80, '1', 5.8), T(88, 76, 'Quyet dinh so 1565/QD-TTg ngay 18/7/2025 cua Thu tuong Chinh phu.', 10),
      T(290, 40, '1', 11),
    ];
    const d = await parsePdf(makePdf({ fonts: { F1: 'Times-Roman', F2: 'Times-Bold', F3: 'Times-Italic', F4: 'Times-BoldItalic' }, pages: [{ texts }] }), 'lines.pdf');
    expect(d.blocks.map((b) => [b.kind, b.column ?? '', b.furniture ?? '', b.text])).toEqual([
      ['paragraph', 'left', '', 'UY BAN NHAN DAN'],
      ['paragraph', 'left', '', 'TINH TUYEN QUANG'],
      ['paragraph', 'left', '', 'So: 123/UBND-VP'],
      ['paragraph', 'left', '', 'V/v trien khai ke hoach'],
      ['paragraph', 'right', '', 'CONG HOA XA HOI CHU NGHIA VIET NAM'],
      ['paragraph', 'right', '', 'Doc lap - Tu do - Hanh phuc'],
      ['paragraph', 'right', '', 'Tuyen Quang, ngay 5 thang 3 nam 2025'],
      ['paragraph', '', '', 'Kinh gui:'],
      ['listItem', '', '', '- Cac So, ban, nganh thuoc tinh;'],
      ['listItem', '', '', '- UBND cac huyen, thanh pho.'],
      ['paragraph', '', '', 'Thuc hien Ke hoach so 11/KH-UBND ngay 21/7/2025 cua UBND tinh ve trien khai Chuong trinh cat giam thu tuc hanh chinh, Chu tich UBND tinh yeu cau:'],
      ['listItem', '', '', '1. Cac So, ban, nganh khan truong thuc hien cac nhiem vu sau day trong thang 3 nam 2025 theo dung quy dinh.'],
      ['listItem', '', '', 'a) Ra soat thu tuc hanh chinh thuoc tham quyen giai quyet; bao cao ket qua ve So Noi vu truoc ngay 30/3/2025.'],
      ['paragraph', 'left', '', 'Noi nhan:'],
      ['listItem', 'left', '', '- Nhu tren;'],
      ['listItem', 'left', '', '- Luu: VT.'],
      ['paragraph', 'right', '', 'KT. CHU TICH\nPHO CHU TICH'],
      ['paragraph', 'right', '', 'Nguyen Van An'],
      ['paragraph', '', '', 'Theo Quyet dinh so 1565/QD-TTg'],
      ['paragraph', '', 'pageNumber', '1'],
      ['footnote', '', '', '1 Quyet dinh so 1565/QD-TTg ngay 18/7/2025 cua Thu tuong Chinh phu.'],
    ]);
  });

  it('does not take a justified line with a wide gap for two columns', async () => {
    const T = (x: number, y: number, text: string) => ({ font: 'F1', size: 13, x, y, text });
    const texts = [
      T(113, 700, 'Thuc hien ke hoach nay, cac co quan'),
      T(574.5 - 18 * 6.5, 700, 'bao cao ket qua ve'),
      T(85, 683, 'So Noi vu truoc ngay 30.'),
      T(113, 666, 'Tiep theo la mot doan van khac rat dai de co le trai va le phai ro rang.'),
      T(85, 649, 'het doan.'),
    ];
    const d = await parsePdf(makePdf({ fonts: { F1: 'Times-Roman' }, pages: [{ texts }] }), 'gap.pdf');
    expect(d.blocks.map((b) => [b.column ?? '', b.text])).toEqual([
      ['', 'Thuc hien ke hoach nay, cac co quan bao cao ket qua ve So Noi vu truoc ngay 30.'],
      ['', 'Tiep theo la mot doan van khac rat dai de co le trai va le phai ro rang. het doan.'],
    ]);
  });

  it('reads a short page of text as text (no OCR) and skips a blank page', async () => {
    const p1 = { texts: flowText(['Noi dung ' + 'mot hai ba bon nam '.repeat(20) + 'het.'], { font: 'F1' }) };
    const p2 = { texts: [{ font: 'F1', size: 13, x: 350, y: 700, text: 'Nguyen Van An' }] };
    const d = await parsePdf(makePdf({ fonts: { F1: 'Times-Roman' }, pages: [p1, p2, { texts: [] }] }), 'short.pdf');
    expect(d.format).toBe('pdf');
    expect(d.pages).toBe(3);
    expect(d.blocks.map((b) => [b.page, b.text.slice(0, 13)])).toEqual([
      [1, 'Noi dung mot '],
      [2, 'Nguyen Van An'],
    ]);
    expect(d.diagnostics.filter((x) => /OCR|text layer/.test(x.message))).toEqual([]);
  });

  it('refuses a PDF over maxPages, naming the limit', async () => {
    await expect(parsePdf(fs.readFileSync(path.join(CORPUS, 'pdf', '002_a0abdb387e5f238a.pdf')), '002.pdf', { maxPages: 2 })).rejects.toThrow('the PDF has 23 pages, over the limit of 2 (--max-pages)');
  });

  it('does not OCR when asked not to, and says so', async () => {
    const d = await parsePdf(fs.readFileSync(path.join(CORPUS, 'scan', '003_1d9eea9674fe7869.pdf')), 'scan.pdf', { ocr: false });
    expect(d.blocks.filter((b) => !b.furniture)).toHaveLength(0);
    expect(d.diagnostics.some((x) => x.severity === 'warning' && /without a text layer/.test(x.message))).toBe(true);
  });
});

describe('parsePdf refuses unreadable files', () => {
  const full = fs.readFileSync(path.join(CORPUS, 'pdf', '001_e411c490e37ebf07.pdf'));

  /** What parsePdf throws: the error's class, its code (src/model/errors.ts) and its message. */
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: CongvanError) => ({ name: e.name, code: e.code, message: e.message }),
    );

  it('not a PDF', async () => {
    expect(await failure(parsePdf(Buffer.from('PK\u0003\u0004 not a pdf'), 'x.pdf'))).toEqual({ name: 'InputError', code: 'input.not-pdf', message: expect.stringMatching(/^not a PDF file/) });
  });

  it('truncated or damaged: input.pdf-damaged', async () => {
    const damaged = { name: 'InputError', code: 'input.pdf-damaged', message: expect.stringMatching(/^the PDF is damaged: its structure cannot be read/) };
    expect(await failure(parsePdf(full.subarray(0, Math.floor(full.length * 0.6)), 'x.pdf'))).toEqual(damaged);
    expect(await failure(parsePdf(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 7)]), 'x.pdf'))).toEqual(damaged);
  });

  it('no pages: input.no-pages; over --max-pages: limit.pages', async () => {
    expect(await failure(parsePdf(manyPagePdf(0), 'x.pdf'))).toEqual({ name: 'InputError', code: 'input.no-pages', message: 'the PDF has no pages' });
    expect(await failure(parsePdf(manyPagePdf(3), 'x.pdf', { maxPages: 2 }))).toEqual({ name: 'LimitError', code: 'limit.pages', message: 'the PDF has 3 pages, over the limit of 2 (--max-pages)' });
  });

  let qpdf = true;
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
  } catch {
    qpdf = false;
    console.warn('qpdf not installed: encrypted-PDF test skipped');
  }
  it.skipIf(!qpdf)('encrypted with a password (but not an owner-only password)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-pdf-'));
    try {
      const src = path.join(CORPUS, 'pdf', '001_e411c490e37ebf07.pdf');
      execFileSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', src, path.join(dir, 'user.pdf')]);
      execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', src, path.join(dir, 'owner.pdf')]);
      expect(await failure(parsePdf(fs.readFileSync(path.join(dir, 'user.pdf')), 'user.pdf'))).toEqual({ name: 'InputError', code: 'input.encrypted', message: 'the PDF is password-protected: it cannot be opened without its password' });
      const d = await parsePdf(fs.readFileSync(path.join(dir, 'owner.pdf')), 'owner.pdf');
      expect(allText(d)).toContain('2480/UBND-THCBKS');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
