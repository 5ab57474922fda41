/**
 * Header fields on text without structure: openings of real documents copied from legal
 * portals (test/fixtures/portal/cases.ts, each with the address it was read from), and
 * must-match / must-not-match cases for each rule of src/extract/header.ts written the way
 * such copies, layout PDFs and scans print a header.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { model, ROOT } from '../helpers.js';
import { processFile } from '../../pipelines/document.js';
import { extract } from '../../src/extract/index.js';
import { extractHeader, headerLines, canonicalProvince, ownSymbol } from '../../src/extract/header.js';
import { finishesDate } from '../../src/normalise/furniture.js';
import { allLines } from '../../src/extract/finding.js';
import { PROVINCES } from '../../src/extract/words/places.js';
import { CASES } from '../fixtures/portal/cases.js';
import { normalise } from '../../src/normalise/index.js';
import type { RawBlock } from '../../src/model/types.js';

/** A scan's text as OCR lays it out: the header as a table, the body as paragraphs. */
const scanned = (blocks: RawBlock[]) => extractHeader(normalise({ file: 'scan.pdf', format: 'pdf', blocks, diagnostics: [] } as never, 'scan.pdf'));
const para = (text: string): RawBlock => ({ kind: 'paragraph', text, page: 1 });

const fields = (text: string) => extract(model(text)).fields;
const header = (text: string) => {
  const h = extractHeader(model(text));
  return { type: h.type?.value, number: h.number?.value ?? null, symbol: h.symbol?.value ?? null, issuer: h.issuer?.value, place: h.place?.value, date: h.date?.value, subject: h.subject?.value, recipients: h.recipients.map((r) => r.value) };
};
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').replace(/uỷ/g, 'ủy').trim();

describe('openings copied from legal portals', () => {
  it('has at least 30 real openings with their addresses', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const c of CASES) expect(c.url).toMatch(/^https?:\/\//);
  });
  for (const c of CASES) {
    it(`${c.id}: reads the document's own header`, () => {
      const f = fields(c.text);
      const e = c.expect;
      if (e.type !== undefined) expect(f.type).toBe(e.type);
      if (e.number !== undefined) expect(f.number?.replace(/^0+(?=\d)/, '') ?? null).toBe(e.number?.replace(/^0+(?=\d)/, '') ?? null);
      if (e.symbol !== undefined) expect(f.symbol).toBe(e.symbol);
      if (e.date !== undefined) expect(f.date).toBe(e.date);
      if (e.place !== undefined) expect(f.place).toBe(e.place);
      if (e.issuer !== undefined) expect(norm(f.issuer)).toBe(norm(e.issuer));
      if (e.subject !== undefined) expect(norm(f.subject)).toBe(norm(e.subject));
      if (e.recipients !== undefined) expect(f.recipients.map(norm)).toEqual(e.recipients.map(norm));
      for (const d of c.not?.date ?? []) expect(f.date).not.toBe(d);
      for (const t of c.not?.type ?? []) expect(f.type).not.toBe(t);
    });
  }
});

describe('header lines put back together', () => {
  const lines = (text: string) => headerLines(allLines(model(text))).map((l) => l.text);
  it('joins a number, a date and a place wrapped over lines, and drops cell separators', () => {
    expect(lines('Số:\n06/2024/QĐ-UBND\n|\nKon Tum, ngày 25\ntháng 01 năm 2024\n|')).toEqual(['Số: 06/2024/QĐ-UBND', 'Kon Tum, ngày 25 tháng 01 năm 2024']);
    expect(lines('Vĩnh Phúc, ngày\n12 tháng 7 năm 2023')).toEqual(['Vĩnh Phúc, ngày 12 tháng 7 năm 2023']);
    expect(lines('Sơn\nLa, ngày 16 tháng 11\nnăm 2018')).toEqual(['Sơn La, ngày 16 tháng 11 năm 2018']);
    expect(lines('TP Hồ Chí\nMinh, ngày 17 tháng 7 năm 2003')).toEqual(['TP Hồ Chí Minh, ngày 17 tháng 7 năm 2003']);
  });
  it('rejoins a symbol broken after its hyphen without a space', () => {
    expect(lines('Số: 5274/BNV-\nCVL\nV/v hướng dẫn')).toEqual(['Số: 5274/BNV-CVL', 'V/v hướng dẫn']);
    // a date line after a hyphen-ended symbol is not part of it
    expect(lines('Số: 12/UBND-\nHà Nội, ngày 2 tháng 3 năm 2025')).toEqual(['Số: 12/UBND-', 'Hà Nội, ngày 2 tháng 3 năm 2025']);
  });
  it('rejoins fixed header phrases a copy cut between words, and only those', () => {
    expect(lines('ỦY\nBAN NHÂN DÂN\nTỈNH SƠN LA')).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH SƠN LA']);
    expect(lines('CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(lines('CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(lines('UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ')).toEqual(['UBND TỈNH LÂM ĐỒNG', 'SỞ NỘI VỤ']);
  });
  it('splits header parts a copy ran together, and leaves body sentences whole', () => {
    expect(lines('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HẬU GIANG Độc Lập - Tự Do - Hạnh Phúc\nSố: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011')).toEqual([
      'ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH HẬU GIANG', 'Độc Lập - Tự Do - Hạnh Phúc', 'Số: 454/UBND-NCTH', 'Vị Thanh, ngày 6 tháng 4 năm 2011',
    ]);
    expect(lines('ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |')).toEqual(['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    const body = 'Căn cứ Công văn Số: 12/UBND-VX ngày 02/3/2025 của Ủy ban nhân dân tỉnh về việc triển khai;';
    expect(lines(body)).toEqual([body]);
  });
  it('moves the first half of a place cut at its hyphen onto the date line', () => {
    expect(lines('Số : 2917 /SGDĐT-VP Phan Rang-\nTháp Chàm, ngày 05 tháng11 năm 2010')).toEqual(['Số : 2917 /SGDĐT-VP', 'Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010']);
  });
});

describe('the type comes from the title word', () => {
  const head = (sym: string, rest: string) => `ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: ${sym}\nLâm Đồng, ngày 12 tháng 01 năm 2026\n${rest}`;
  it('takes the title word over the symbol', () => {
    expect(header(head('55/2007/CT-UBND', 'QUYẾT ĐỊNH\nBan hành kế hoạch hành động\nCăn cứ Luật Tổ chức chính quyền địa phương;')).type).toBe('QĐ');
    for (const [word, abbr] of [['CÔNG ĐIỆN', 'CĐ'], ['PHIẾU TRÌNH', 'PT'], ['TỜ TRÌNH', 'TTr'], ['BÁO CÁO', 'BC'], ['BIÊN BẢN', 'BB'], ['NGHỊ QUYẾT', 'NQ'], ['THÔNG BÁO', 'TB'], ['KẾ HOẠCH', 'KH'], ['THÔNG TƯ', 'TT']] as const) {
      expect(header(head('12/UBND-VP', `${word}\nVề việc tổ chức hội nghị\nThực hiện chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh, Văn phòng báo cáo như sau:`)).type).toBe(abbr);
    }
  });
  it('reads a letter with a trích yếu as a công văn whatever its symbol opens with', () => {
    // a tax department's policy office (CT-CS) and a steering committee (BCĐ) are not document types
    const cv = (sym: string) => header(`CỤC THUẾ TỈNH LÂM ĐỒNG\nSố: ${sym}\nV/v chính sách thuế giá trị gia tăng\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 03 tháng 3 năm 2026\nKính gửi: Công ty TNHH Minh Phát.`).type;
    expect(cv('1234/CT-CS')).toBe('CV');
    expect(cv('45/BCĐ')).toBe('CV');
    // without a trích yếu or a title, the symbol's type stands
    expect(header('ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 130/KH-UBND | Ninh Bình, ngày 13 tháng 7 năm 2022 |\nThực hiện Thông tư số 10/2022/TT-BLĐTBXH, UBND tỉnh ban hành Kế hoạch như sau:').type).toBe('KH');
  });
  it('reads a title word split or misread by a scan', () => {
    expect(header(head('445-KL/TU', 'K ÉT LUẬN\nHỘI NGHỊ BAN CHẤP HÀNH\nHội nghị đã thảo luận và kết luận:')).type).toBe('KL');
    expect(header(head('12/QĐ-UBND', 'QUYÉT ĐỊNH\nVề việc thành lập tổ công tác\nCăn cứ Luật Tổ chức chính quyền địa phương;')).type).toBe('QĐ');
    // the operative "QUYẾT ĐỊNH:" of a decision's body is not its title
    expect(header('BỘ NỘI VỤ\nSố: 12/BNV-VP\nV/v tổ chức hội nghị\nHà Nội, ngày 02 tháng 3 năm 2025\nQUYẾT ĐỊNH:').type).toBe('CV');
  });
});

describe('numbers and symbols as printed', () => {
  it('reads "<type> số:" numbers, parentheses, "&" and spaced hyphens', () => {
    expect(header('ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nNghị quyết số:\n76/2025/UBTVQH15\nHà Nội, ngày 14 tháng 4 năm 2025\nNGHỊ QUYẾT\nVỀ VIỆC SẮP XẾP ĐƠN VỊ HÀNH CHÍNH NĂM 2025\nỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp;')).toMatchObject({ number: '76', symbol: '2025/UBTVQH15', issuer: 'Ủy ban thường vụ Quốc hội', subject: 'SẮP XẾP ĐƠN VỊ HÀNH CHÍNH NĂM 2025', type: 'NQ' });
    expect(header('CÔNG AN TỈNH LÂM ĐỒNG\nSố: 03/BCĐX-CAT(PC04)\nLâm Đồng, ngày 06 tháng 01 năm 2026')).toMatchObject({ number: '03', symbol: 'BCĐX-CAT(PC04)' });
    expect(header('SỞ NỘI VỤ\nSố: 118/SNV-CCHC&VTLT\nV/v báo cáo\nLâm Đồng, ngày 10 tháng 02 năm 2026')).toMatchObject({ number: '118', symbol: 'SNV-CCHC&VTLT', date: '2026-02-10' });
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: /TTr - SNV\nLâm Đồng, ngày    tháng 8 năm 2025\nTỜ TRÌNH\nVề việc ban hành quyết định')).toMatchObject({ number: null, symbol: 'TTr-SNV', type: 'TTr', date: '2025-08' });
  });
  it('reads an en dash typed for the hyphen inside a symbol ("Số: 41/SYT –NVY&QLHN"), written "-"', () => {
    expect(header('SỞ Y TẾ\nSố: 41/SYT –NVY&QLHN\nV/v báo cáo\nĐà Nẵng, ngày 10 tháng 02 năm 2026')).toMatchObject({ number: '41', symbol: 'SYT-NVY&QLHN' });
    expect(header('SỞ Y TẾ\nSố: 41/SYT– NVY\nV/v báo cáo\nĐà Nẵng, ngày 10 tháng 02 năm 2026')).toMatchObject({ number: '41', symbol: 'SYT-NVY' });
  });
  it('reads a trích yếu led by "Về:" under the number, and no "Về ..." line of the text', () => {
    expect(header('SỞ Y TẾ\nSố: 41/SYT-NVY\nVề: góp ý dự thảo quy định về khám bệnh\nĐà Nẵng, ngày 10 tháng 02 năm 2026\nKính gửi: Các bệnh viện.')).toMatchObject({ symbol: 'SYT-NVY', subject: 'góp ý dự thảo quy định về khám bệnh', type: 'CV' });
    expect(header('SỞ Y TẾ\nSố: 41/SYT-NVY\nĐà Nẵng, ngày 10 tháng 02 năm 2026\nKính gửi: Các bệnh viện.\nVề công tác khám bệnh, Sở đề nghị các bệnh viện báo cáo.').subject).toBeUndefined();
  });
  it('reads the trích yếu after "CỦA <issuer> V/V" on the line under the type word, and keeps a title that names its issuer', () => {
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 45/2004/QĐ-UB\nQuy Nhơn, ngày 3 tháng 5 năm 2004\nQUYẾT ĐỊNH\nCỦA ỦY BAN NHÂN DÂN TỈNH V/V BAN HÀNH QUY CHẾ QUẢN LÝ CHỢ\nỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\nCăn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân;')).toMatchObject({ type: 'QĐ', subject: 'BAN HÀNH QUY CHẾ QUẢN LÝ CHỢ' });
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 45/QĐ-UBND\nQuy Nhơn, ngày 3 tháng 5 năm 2024\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH\nỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\nCăn cứ Luật tổ chức chính quyền địa phương;')).toMatchObject({ subject: 'BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH' });
  });
  it('takes no words after an en dash into the symbol ("Số: 41/SYT – Về việc ...")', () => {
    expect(header('SỞ Y TẾ\nSố: 41/SYT – Về việc báo cáo\nĐà Nẵng, ngày 10 tháng 02 năm 2026')).toMatchObject({ number: '41', symbol: 'SYT' });
    expect(header('SỞ Y TẾ\nSố: 41/SYT – V/v báo cáo\nĐà Nẵng, ngày 10 tháng 02 năm 2026')).toMatchObject({ number: '41', symbol: 'SYT' });
  });
  it('does not read a portal\'s "Số hiệu:" or a summary\'s citation as the number', () => {
    const h = header('Quyết định 119/QĐ-UBND năm 2009 bổ sung thủ tục hành chính\nSố hiệu: 119/QĐ-UBND Loại văn bản: Quyết định\nNgày ban hành: 23/11/2009\nỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 119/QĐ-UBND\nBắc Giang, ngày 23 tháng 11 năm 2009\nQUYẾT ĐỊNH');
    expect(h).toMatchObject({ number: '119', symbol: 'QĐ-UBND', date: '2009-11-23', issuer: 'Ủy ban nhân dân tỉnh Bắc Giang' });
  });
});

describe('scan errors where the form is known', () => {
  it('reads "Sô:", "tháng I1", "BÔ Y TẾ" as what they must be', () => {
    expect(header('BÔ Y TẾ\nSô: 512/BYT-KCB\nV/v tăng cường công tác khám bệnh\nHà Nội, ngày 2O tháng I1 năm 2025\nKính gửi: Sở Y tế các tỉnh, thành phố.')).toMatchObject({ issuer: 'Bộ Y tế', number: '512', symbol: 'BYT-KCB', date: '2025-11-20' });
    expect(header('Y BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 2516/KH-UBND\nKon Tum, ngày 03 tháng 10 năm 2014\nKẾ HOẠCH')).toMatchObject({ issuer: 'Ủy ban nhân dân tỉnh Kon Tum' });
  });
  it('reads a scanned two-column header (Quốc hiệu misspelt, place and day misread)', () => {
    const h = header('BỘ CÔNG AN CỌNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM\nCÔNG AN TINH LÂM ĐÒNG Độc lập - Tự do - Hạnh phúc\nSó: 855/CAT-PA05 Lâm Đông, ngày2Otháng 8 năm 2025\nV/v đôn đốc cử nhân sự\nKính gửi: Sở Nội vụ.');
    expect(h).toMatchObject({ number: '855', symbol: 'CAT-PA05', place: 'Lâm Đồng', date: '2025-08-20', type: 'CV' });
    expect(h.issuer?.toLowerCase()).toContain('công an tỉnh');
    // a kind named in the title and abbreviated by its initials in the symbol
    expect(header('CÔNG AN TỈNH LÂM ĐỒNG\nSố: 03/BCĐX-CAT(PC04)\nLâm Đồng, ngày 06 tháng 01 năm 2026\nBÁO CÁO ĐỀ XUẤT\n(V/v Phê duyệt thời gian tổ chức Hội nghị)').type).toBe('BCĐX');
    // "TÌNH HÌNH" in a title is no "TỈNH"
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: 35/2022/QĐ-UBND\nHòa Bình, ngày 16 tháng 9 năm 2022\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ THEO DÕI TÌNH HÌNH THI HÀNH PHÁP LUẬT\nCăn cứ Luật Tổ chức chính quyền địa phương;').subject).toBe('BAN HÀNH QUY CHẾ THEO DÕI TÌNH HÌNH THI HÀNH PHÁP LUẬT');
  });
  it('reads the printed symbol of a handwritten number, and the month of a handwritten day', () => {
    expect(header('BỘ CÔNG AN\nCỤC CẢNH SÁT ĐIỀU TRA\nSố: 23§Z /C04-P6\nV/v tham mưu\nHà Nội, ngày A0 tháng 04 năm 2026\nKính gửi: Ủy ban nhân dân các tỉnh.')).toMatchObject({ number: null, symbol: 'C04-P6', place: 'Hà Nội', date: '2026-04' });
    expect(header('CÔNG AN TỈNH LÂM ĐỒNG\n\tSố:4140 /CAT-PA05\t\tLâm Đông, ngày 08 tháng 6 năm 2025\nV/v trao đổi')).toMatchObject({ number: '4140', symbol: 'CAT-PA05', place: 'Lâm Đồng', date: '2025-06-08' });
    // a symbol that opens with letters is no unread number
    expect(header('TỈNH ỦY LẠNG SƠN\nSố 06-CT/TU\nLạng Sơn, ngày 12 tháng 4 năm 2023')).toMatchObject({ number: '06', symbol: 'CT/TU' });
  });
  it('leaves body text and unreadable values alone', () => {
    // a letter alone is no digit: the month stays unread rather than guessed
    expect(header('BỘ Y TẾ\nSố: 512/BYT-KCB\nHà Nội, ngày 20 tháng I năm 2025').date).toBe('2025');
    const m = model('BỘ NỘI VỤ\nSố: 12/BNV-VP\nHà Nội, ngày 02 tháng 3 năm 2025\nKính gửi: Sở Nội vụ.\nBÔ sung hồ sơ tháng I1 năm 2025.');
    expect(m.text).toContain('BÔ sung hồ sơ tháng I1');
  });
});

describe("the header is the document's own", () => {
  it('takes neither a footer\'s "Kính gửi" nor a dated notice after the text', () => {
    const h = header('ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 35/2022/QĐ-UBND\nHòa Bình, ngày 16 tháng 9 năm 2022\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ PHỐI HỢP\nCăn cứ Luật Tổ chức chính\nquyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nBùi Văn Khánh\nKính gửi: Quý khách hàng\nHà Nội, ngày 01 tháng 6 năm 2024 Thư viện Pháp luật thông báo');
    expect(h.recipients).toEqual([]);
    expect(h.date).toBe('2022-09-16');
    expect(h.subject).toBe('BAN HÀNH QUY CHẾ PHỐI HỢP');
  });
  it('ends an upper-case title at the authority line and at a sentence', () => {
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố:\n547/QĐ-UBND\nKon Tum, ngày 27\ntháng 8 năm 2024\nQUYẾT ĐỊNH\nPHÊ DUYỆT NHIỆM VỤ QUY HOẠCH\nỦY BAN NHÂN DÂN TỈNH KON TUM\nCăn cứ Luật Tổ chức chính\nquyền địa phương;').subject).toBe('PHÊ DUYỆT NHIỆM VỤ QUY HOẠCH');
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH VĨNH PHÚC\nSố: 196/KH-UBND\nVĩnh Phúc, ngày\n12 tháng 7 năm 2023\nKẾ HOẠCH\nCẢI\nTHIỆN, NÂNG CAO CHỈ SỐ XANH\nTheo kết quả công bố của Liên đoàn Thương mại và\nCông nghiệp Việt Nam').subject).toBe('CẢI THIỆN, NÂNG CAO CHỈ SỐ XANH');
  });
});

describe('issuers', () => {
  it('writes a name printed in capitals the way Nghị định 30 writes it: the kind of body and its fields capitalised, acronyms kept', () => {
    const issuer = (lines: string) => header(`${lines}\nSố: 12/KH-X\nV/v triển khai`).issuer;
    expect(issuer('BỘ GIÁO DỤC VÀ ĐÀO TẠO')).toBe('Bộ Giáo dục và Đào tạo');
    expect(issuer('UBND TỈNH LÂM ĐỒNG\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH')).toBe('Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng');
    expect(issuer('VĂN PHÒNG CHÍNH PHỦ')).toBe('Văn phòng Chính phủ');
    expect(issuer('BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ')).toBe('Tổng cục Thuế');
    // a ministry's Vụ is a body of its own under it, not the rest of the ministry's name
    expect(issuer('BỘ NỘI VỤ\nVỤ TỔ CHỨC CÁN BỘ')).toBe('Vụ Tổ chức cán bộ, Bộ Nội vụ');
    expect(issuer('PHÒNG GIÁO DỤC - ĐÀO TẠO')).toBe('Phòng Giáo dục - Đào tạo');
    expect(issuer('BCH ĐOÀN TRƯỜNG CĐ HÀNG HẢI 1')).toBe('BCH đoàn trường CĐ hàng hải 1');
    expect(issuer('SỞ KẾ HOẠCH VÀ ĐẦU TƯ')).toBe('Sở Kế hoạch và Đầu tư');
    expect(issuer('NGÂN HÀNG NHÀ NƯỚC VIỆT NAM')).toBe('Ngân hàng Nhà nước Việt Nam');
    // the parent's "TX." written out
    expect(issuer('UBND TX. ĐỒNG XOÀI\nPHÒNG GIÁO DỤC-ĐÀO TẠO')).toBe('Phòng Giáo dục-Đào tạo thị xã Đồng Xoài');
  });
});

describe('issuers', () => {
  it('reads a name the header wraps over lines under its parent', () => {
    expect(header('UBND TỈNH LÂM ĐỒNG\nHỘI ĐỒNG THẨM ĐỊNH,\nĐÁNH GIÁ CHỈ SỐ CẢI CÁCH\nHÀNH CHÍNH TỈNH\nSố: 10797/QĐ-HĐTĐ').issuer).toBe('Hội đồng thẩm định, đánh giá chỉ số cải cách hành chính tỉnh Lâm Đồng');
    // (a Cục issues in its own name; its ministry is the parent body)
    expect(header('BỘ CÔNG AN\nCỤC CẢNH SÁT ĐIỀU TRA\nTỘI PHẠM VỀ MA TÚY\nSố: 2388/C04-P6').issuer).toBe('Cục Cảnh sát điều tra tội phạm về ma túy');
    expect(extractHeader(model('BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\nSố: 126/TCHQ-GSQL\nV/v C/O mẫu E\nHà Nội, ngày 08 tháng 01 năm 2009\nKính gửi: Cục Hải quan các tỉnh, thành phố.')).parentBody?.value).toBe('Bộ Tài chính');
    // a new body's name under the parent is not a continuation
    expect(header('UBND TỈNH LÂM ĐỒNG\nVĂN PHÒNG\nSố: 104/PT-NC').issuer).toBe('Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng');
    expect(header('ỦY BAN NHÂN\nDÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố:\n120/2003/QĐ-UB').issuer).toBe('Ủy ban nhân dân thành phố Hồ Chí Minh');
    expect(header('ỦY BAN NHÂN DÂN\nĐẶC KHU PHÚ QUỐC\nSố: 15/UBND-VP\nV/v triển khai').issuer?.toLowerCase()).toBe('ủy ban nhân dân đặc khu phú quốc');
  });
  it('keeps "UBND các xã, phường, đặc khu" one recipient', () => {
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 21/SNV-CCHC\nV/v báo cáo\nLâm Đồng, ngày 05 tháng 01 năm 2026\nKính gửi:\n- Các sở, ban, ngành thuộc tỉnh;\n- UBND các xã, phường, đặc khu.').recipients).toEqual(['Các sở, ban, ngành thuộc tỉnh', 'UBND các xã, phường, đặc khu']);
  });
});

describe('recipients as real letters and scans print them', () => {
  it('skips the other column of a two-column header read between "Kính gửi:" and its list', () => {
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 2775 /SNV-CCHC V/v hướng dẫn báo cáo\nKính gửi:\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 10 tháng 11 năm 2025\n- Các cơ quan chuyên môn thuộc UBND tỉnh;\n- UBND các xã, phường, đặc khu.\nThực hiện Quyết định số 820/QĐ-UBND, Sở Nội vụ hướng dẫn như sau:').recipients).toEqual(['Các cơ quan chuyên môn thuộc UBND tỉnh', 'UBND các xã, phường, đặc khu']);
  });
  it('keeps one line of a list one recipient, and reads the dashes OCR turns into ":"', () => {
    const h = header('CÔNG AN TỈNH LÂM ĐỒNG\nSố: 45/CAT-PA05\nLâm Đồng, ngày 20 tháng 8 năm 2025\nKính gửi:\n- Văn phòng Đoàn ĐBQH và HĐND tỉnh;\n- Các Sở, ban, ngành tỉnh:\n: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh;\n- Các Bộ, cơ quan ngang Bộ; cơ quan thuộc Chính phủ;\n- UBND các xã, phường, đặc khu.\nNgày 15/7/2025, Công an tỉnh đã gửi Công văn số 177/CAT-PA05.');
    expect(h.recipients).toEqual(['Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Các Sở, ban, ngành tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Các Bộ, cơ quan ngang Bộ; cơ quan thuộc Chính phủ', 'UBND các xã, phường, đặc khu']);
    // one line after "Kính gửi:" may name several
    expect(header('SỞ NỘI VỤ\nSố: 5/SNV\nKính gửi: Sở Tài chính; Công an tỉnh.\nThực hiện ...').recipients).toEqual(['Sở Tài chính', 'Công an tỉnh']);
  });
  it('reads the attached list of a letter sent to many bodies', () => {
    const text = 'BỘ CÔNG AN\nSố: 5689/BCA-C04\nV/v dự kiến kế hoạch\nHà Nội, ngày 16 tháng 12 năm 2025\nKính gửi: ..................-«cŸẰ. .\nThực hiện Nghị quyết số 163/2024/QH15, Bộ Công an đề nghị như sau:\n1. Các Bộ dự kiến mục tiêu.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nDANH SÁCH\nDanh sách các đơn vị nhận công văn\n(Kèm theo Công văn số: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)\n1. UBND tỉnh Tuyên Quang\n2. UBND tỉnh Nghệ An .\nó3. UBND TP. Huế\n4. UBND tỉnh Tuyên Quang\n5. Tổng Liên đoàn lao động Việt Nam 6. Bộ Y tế\nGhi chú: gửi kèm phụ lục.';
    expect(header(text).recipients).toEqual(['UBND tỉnh Tuyên Quang', 'UBND tỉnh Nghệ An', 'UBND TP. Huế', 'Tổng Liên đoàn lao động Việt Nam', 'Bộ Y tế']);
    expect(header('SỞ Y TẾ\nSố: 7/SYT\nKính gửi: (Danh sách kèm theo)\nThực hiện ...\nDANH SÁCH CÁC ĐƠN VỊ NHẬN VĂN BẢN\n- Bệnh viện Đa khoa tỉnh;\n- Trung tâm Y tế khu vực.\nHết.').recipients).toEqual(['Bệnh viện Đa khoa tỉnh', 'Trung tâm Y tế khu vực']);
  });
});

describe('headers a scan lays out as a table', () => {
  it('reads number, date and issuer from the header table, past a certified copy\'s stamp', () => {
    const h = scanned([
      { kind: 'table', text: '', page: 1, rows: [['{', 'SAOY Bộ Công an Thời gian ký: 2025-10-09T16:52:54+07:00'], ['BỘ CÔNG AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'], ['Số: 4552/BCA-C04', 'Hà Nội, ngày 09 tháng 10 năm 2025']] },
      para('V/v rà soát, đánh giá mức độ trọng điểm'),
      para('Kính gửi: Ủy ban nhân dân các tỉnh.'),
      para('Thực hiện Nghị quyết số 163/2024/QH15, Bộ Công an đề nghị như sau:'),
    ]);
    expect([h.number?.value, h.symbol?.value, h.date?.value, h.issuer?.value, h.place?.value]).toEqual(['4552', 'BCA-C04', '2025-10-09', 'Bộ Công an', 'Hà Nội']);
  });
  it('keeps the issuer when the number is handwritten past reading', () => {
    const h = scanned([
      para('SAOY\nBộ Công an\nThời gian ký: 2025-10-01T17:08:18+07:00'),
      para('BỘ CÔNG AN'),
      para('Số: 302 ĐBCA-C04'),
      para('Ví tham gia ý kiến vào Dự thảo'),
      para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc'),
      para('Hà Nội, ngày (M tháng ⁄{ năm 2025'),
      para('Kính gửi: UBND các tỉnh, thành phố trực thuộc Trung ương'),
    ]);
    expect(h.issuer?.value).toBe('Bộ Công an');
  });
  it('reads a day or month printed in look-alike marks as the digits it must be', () => {
    expect(header('BỘ CÔNG AN\nSố: 5240/BCA-V01\nHà Nội, ngày 23 tháng 1] năm 2025\nKính gửi: Các Bộ.').date).toBe('2025-11-23');
    expect(header('BỘ CÔNG AN\nSố: 5240/BCA-V01\nHà Nội, ngày O5 tháng I1 năm 2025\nKính gửi: Các Bộ.').date).toBe('2025-11-05');
    // a month that cannot be ("tháng 1]" read where 13 would be) stays unread
    expect(header('BỘ CÔNG AN\nSố: 5240/BCA-V01\nHà Nội, ngày 40 tháng ]] năm 2025\nKính gửi: Các Bộ.').date).toBe('2025');
  });
  it('reads a handwritten number and day from where an appendix names the same document', () => {
    const text = 'BỘ CÔNG AN\nSố: 96ÿđ /BCA-C04\nV/v dự kiến mục tiêu\nHà Nội, ngày | tháng 12 năm 2025\nKính gửi: (Danh sách kèm theo)\nBộ Công an đề nghị như sau:\n1. Các Bộ báo cáo.\nNơi nhận:\n- Lưu: VT.\nDANH SÁCH\nDanh sách các đơn vị nhận công văn\n(Kèm theo Công văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)\n1. UBND tỉnh Tuyên Quang';
    const h = header(text);
    expect([h.number, h.symbol, h.date]).toEqual(['5689', 'BCA-C04', '2025-12-16']);
    // another document's number is not this one's
    expect(header(text.replace('5689/BCA-C04 ngày 16', '37/HD-BCA ngày 16')).number).toBeNull();
  });
  it('reads the number from an appendix "gửi kèm" the document, when its date is the date line\'s', () => {
    const text = 'BỘ CÔNG AN\nSố:52ø/BCA-V01\nV/v tổng kết công tác năm 2025\nHà Nội, ngày 23 tháng 11 năm 2025\nKính gửi: Các Bộ, ngành.\nBộ Công an đề nghị các Bộ báo cáo.\nNơi nhận:\n- Lưu: VT.\nĐỀ CƯƠNG BÁO CÁO\n(Gửi kèm Công văn số: 5240/BCA-V01 ngày 23/11/2025 của Bộ Công an)\n1. Kết quả.';
    expect([header(text).number, header(text).date]).toEqual(['5240', '2025-11-23']);
    // the same office's earlier letter of the same symbol, sent with it, is another document
    expect(header(text.replace('ngày 23/11/2025 của', 'ngày 15/7/2025 của')).number).toBeNull();
  });
  it('reads no table of the body as a header', () => {
    const h = scanned([
      para('SỞ NỘI VỤ'), para('Số: 12/SNV-VP'), para('Kính gửi: Các phòng.'),
      { kind: 'table', text: '', page: 1, rows: [['TT', 'Nội dung'], ['1', 'Số: 99/ABC-XY']] },
    ]);
    expect([h.number?.value, h.symbol?.value]).toEqual(['12', 'SNV-VP']);
  });
});

describe('dates without a date line', () => {
  it('dates a biên bản by its opening sentence', () => {
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBIÊN BẢN\nHọp thẩm định hồ sơ\nHôm nay, vào lúc 14 giờ 00 ngày 09 tháng 12 năm 2025, tại Sở Nội vụ tỉnh Lâm Đồng.').date).toBe('2025-12-09');
    // only a biên bản: another document's first sentence is no date line
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 12/SNV-VP\nV/v họp\nKính gửi: Các phòng.\nHôm nay, vào lúc 14 giờ 00 ngày 09 tháng 12 năm 2025, Sở tổ chức họp.').date).toBeUndefined();
  });
});

describe('provinces after the 2025 reorganisation', () => {
  const NEW_34 = ['Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng',
    'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Hải Phòng', 'Ninh Bình', 'Quảng Trị', 'Đà Nẵng', 'Quảng Ngãi',
    'Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Đắk Lắk', 'Hồ Chí Minh', 'Đồng Nai', 'Tây Ninh', 'Cần Thơ', 'Vĩnh Long', 'Đồng Tháp', 'Cà Mau', 'An Giang'];
  it('holds the 34 provinces and cities and keeps the old names', () => {
    expect(NEW_34).toHaveLength(34);
    for (const p of NEW_34) expect(PROVINCES).toContain(p);
    for (const p of ['Hà Giang', 'Yên Bái', 'Bắc Kạn', 'Vĩnh Phúc', 'Hòa Bình', 'Bắc Giang', 'Thái Bình', 'Hải Dương', 'Hà Nam', 'Nam Định', 'Quảng Bình', 'Quảng Nam', 'Kon Tum', 'Bình Định', 'Ninh Thuận', 'Đắk Nông', 'Bình Thuận', 'Phú Yên', 'Bình Dương', 'Bà Rịa - Vũng Tàu', 'Bình Phước', 'Long An', 'Sóc Trăng', 'Hậu Giang', 'Bến Tre', 'Trà Vinh', 'Tiền Giang', 'Bạc Liêu', 'Kiên Giang', 'Thừa Thiên Huế']) expect(PROVINCES).toContain(p);
  });
  it('corrects spellings to the gazetteer, with or without spaces', () => {
    expect(canonicalProvince('Khánh Hoà')).toBe('Khánh Hòa');
    expect(canonicalProvince('LâmĐồng')).toBe('Lâm Đồng');
    expect(canonicalProvince('Bà Rịa-Vũng Tàu')).toBe('Bà Rịa - Vũng Tàu');
    expect(canonicalProvince('Lâm Hà')).toBeNull();
  });
});

describe('portal copies: values wrapped or lost, titles of the Official Gazette, print views', () => {
  const lines = (text: string) => headerLines(allLines(model(text))).map((l) => l.text);
  it('a year, month or day alone on its line after the date left open is no page number', () => {
    expect(finishesDate('Bái, ngày 21 tháng 6 năm', '2019')).toBe(true);
    expect(finishesDate('Kon Tum, ngày 25 tháng', '01')).toBe(true);
    // must not: a page number after a line that ends otherwise, or a number that is no year, month or day
    expect(finishesDate('kế hoạch thực hiện trong năm', '2')).toBe(false);
    expect(finishesDate('các nội dung như sau', '2019')).toBe(false);
    expect(finishesDate('Hà Nội, ngày 5 tháng', '13')).toBe(false);
    expect(header('HỘI ĐỒNG NHÂN DÂN\nTỈNH YÊN BÁI\n|\nSố: 14/NQ-HĐND\n|\nYên\nBái, ngày 21 tháng 6 năm\n2019\n|\nNGHỊ QUYẾT\nVỀ CHƯƠNG TRÌNH PHÁT TRIỂN NHÀ Ở')).toMatchObject({ place: 'Yên Bái', date: '2019-06-21' });
  });
  it('joins a place left with its comma on the line above the date', () => {
    expect(lines('Số: 08/CT-UBND\n|\nQuảng Bình,\nngày 25 tháng 5 năm 2015\n|\nCHỈ THỊ')).toEqual(['Số: 08/CT-UBND', 'Quảng Bình, ngày 25 tháng 5 năm 2015', 'CHỈ THỊ']);
    // must not: a list of bodies that ends a line with a comma
    expect(lines('Các sở, ban, ngành,\nngày 25 tháng 5 năm 2015 đã báo cáo.')).toEqual(['Các sở, ban, ngành,', 'ngày 25 tháng 5 năm 2015 đã báo cáo.']);
  });
  it('names a provincial body whose unit line the copy lost by the province of its date line', () => {
    const h = (place: string) => header(`ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 74/KH-UBND | ${place}, ngày 07 tháng 7 năm 2020 |\nKẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ SỐ 21/CT-TTG`).issuer;
    expect(h('Tuyên Quang')).toBe('Ủy ban nhân dân tỉnh Tuyên Quang');
    expect(h('Hà Nội')).toBe('Ủy ban nhân dân thành phố Hà Nội');
    // must not: a place that is not a province (a provincial capital, a district) names no unit
    expect(h('Vị Thanh')).toBe('Ủy ban nhân dân');
    // the unit line printed wins
    expect(header('ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 12/KH-UBND\nHà Nội, ngày 07 tháng 7 năm 2020\nKẾ HOẠCH\nThực hiện').issuer).toBe('Ủy ban nhân dân thành phố Cần Thơ');
  });
  it('reads number, issuer and date from a title in the form of the Official Gazette', () => {
    const t = 'CHỈ THỊ\nCỦA THỦ\nTƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG\nNGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC XÂY DỰNG KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ - Xà HỘI\nThực hiện Nghị quyết của Quốc hội về nhiệm vụ năm 2001, Thủ tướng Chính phủ yêu cầu:';
    expect(header(t)).toMatchObject({ type: 'CT', number: '16', symbol: '2001/CT-TTg', date: '2001-06-21' });
    expect(norm(header(t).issuer)).toBe('thủ tướng chính phủ');
    const q = header('QUYẾT ĐỊNH\nCỦA BỘ TRƯỞNG BỘ TÀI CHÍNH SỐ 12/2005/QĐ-BTC NGÀY 25 THÁNG 2 NĂM 2005\nVỀ VIỆC BAN HÀNH QUY CHẾ\nBỘ TRƯỞNG BỘ TÀI CHÍNH\nCăn cứ Nghị định số 77/2003/NĐ-CP;');
    expect(q).toMatchObject({ type: 'QĐ', number: '12', symbol: '2005/QĐ-BTC', issuer: 'Bộ Tài chính', date: '2005-02-25' });
    expect(header('QUYẾT ĐỊNH\nCỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG SỐ 45/QĐ-UBND NGÀY 3/4/2010\nVỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC\nCăn cứ Luật;')).toMatchObject({ number: '45', issuer: 'Ủy ban nhân dân tỉnh Lâm Đồng', date: '2010-04-03' });
    // must not: a title that cites another document ("... CHỈ THỊ SỐ 21/CT-TTG NGÀY 25/5/2020 CỦA ...") gives no number
    expect(header('KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ SỐ 21/CT-TTG NGÀY 25/5/2020 CỦA THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Chỉ thị số 21/CT-TTg, Ủy ban nhân dân tỉnh ban hành kế hoạch:')).toMatchObject({ number: null, symbol: null });
    // the document's own number line wins over its title
    expect(header('BỘ TÀI CHÍNH\nSố: 121/2004/TT-BTC\nHà Nội, ngày 16 tháng 12 năm 2004\nTHÔNG TƯ\nCỦA BỘ TÀI CHÍNH SỐ 121/2004/TT-BTC NGÀY 16 THÁNG 12 NĂM 2004 HƯỚNG DẪN')).toMatchObject({ number: '121', symbol: '2004/TT-BTC', issuer: 'Bộ Tài chính', place: 'Hà Nội' });
  });
  it('takes the issuer of a print view without a header from the authority above "Căn cứ"', () => {
    expect(header('QUYẾT ĐỊNH\nVề việc ban hành quy định\nỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\n- Căn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân;\nQUYẾT ĐỊNH').issuer).toBe('Ủy ban nhân dân thành phố Hồ Chí Minh');
    expect(header('QUYẾT ĐỊNH\nVề việc phê duyệt\nBỘ TRƯỞNG BỘ Y TẾ\nCăn cứ Nghị định số 42/2025/NĐ-CP;\nQUYẾT ĐỊNH:').issuer).toBe('Bộ Y tế');
    // must not: the header's issuer is not replaced, and a body's capitals that are no authority give none
    expect(header('SỞ NỘI VỤ\nSố: 12/QĐ-SNV\nQUYẾT ĐỊNH\nVề việc\nGIÁM ĐỐC SỞ NỘI VỤ\nCăn cứ Luật;').issuer).toBe('Sở Nội vụ');
    expect(header('QUYẾT ĐỊNH\nVề việc\nNHỮNG QUY ĐỊNH CHUNG\nCăn cứ Luật;').issuer).toBeUndefined();
  });
  it('cuts from a ký hiệu the syllable of the next header part a copy ran onto it', () => {
    expect(ownSymbol('QĐ/TWĐTN-VPĐOÀN')).toBe('QĐ/TWĐTN-VP');
    for (const s of ['BCĐX-CAT(PC04)', 'SNV-CCHC&VTLT', 'HD-TƯ', '2025/UBTVQH15', 'NQ-HĐND', 'BLĐTBXH-VP', 'QĐ-UBND', 'TTr-SNV']) expect(ownSymbol(s)).toBe(s);
  });
  it('splits a line run together from two columns: capitals before the place, a title after the date', () => {
    expect(lines('CHÍ MINH Hà Nội, ngày 29 tháng 10 năm 2013 QUYẾT ĐỊNH')).toEqual(['CHÍ MINH', 'Hà Nội, ngày 29 tháng 10 năm 2013', 'QUYẾT ĐỊNH']);
    // must not: a sentence that names a place and a date goes on in sentence case
    const body = 'Hội nghị tổ chức tại Hà Nội, ngày 29 tháng 10 năm 2013 UBND tỉnh đã có báo cáo.';
    expect(lines(body)).toEqual([body]);
  });
  it('joins a blank number to its symbol pushed below the other column, and only a symbol', () => {
    expect(header('VĂN PHÒNG CHÍNH PHỦ\nSố:\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n/TTr-VPCP\n\nHà Nội, ngày\n\ntháng\n\nnăm 2016\n\nTỜ TRÌNH\nVề dự thảo Nghị định')).toMatchObject({ number: null, symbol: 'TTr-VPCP', type: 'TTr', date: '2016' });
    // must not: a date line between them, or a line that is no symbol
    expect(lines('Số:\nHà Nội, ngày 2 tháng 3 năm 2025\n/TTr-VPCP')).toEqual(['Số:', 'Hà Nội, ngày 2 tháng 3 năm 2025', '/TTr-VPCP']);
    expect(lines('Số:\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n/ Ghi chú thêm về hồ sơ')).toEqual(['Số:', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', '/ Ghi chú thêm về hồ sơ']);
  });
  it('rejoins "THỦ TƯỚNG" / "CHÍNH PHỦ" and "CHÍNH" / "PHỦ" cut over lines', () => {
    expect(lines('THỦ TƯỚNG\nCHÍNH PHỦ\n-------')).toEqual(['THỦ TƯỚNG CHÍNH PHỦ']);
    expect(lines('CHÍNH\nPHỦ\n-------')).toEqual(['CHÍNH PHỦ']);
    expect(header('CHÍNH\nPHỦ\n|\nSố:\n80/NQ-CP\n|\nHà\nNội, ngày 19 tháng 05 năm 2011\nNGHỊ QUYẾT\nVỀ ĐỊNH HƯỚNG GIẢM NGHÈO').issuer).toBe('Chính phủ');
    // must not: a ministry over its office stays two lines
    expect(lines('BỘ TÀI CHÍNH\nVĂN PHÒNG')).toEqual(['BỘ TÀI CHÍNH', 'VĂN PHÒNG']);
  });
  it('reads the portal\'s record of a copy that lost the document\'s own header, and only then', () => {
    const meta = 'Nghị định 93/2001/NĐ-CP của Chính phủ quy định phân cấp quản lý\nCơ quan ban hành: Chính phủ\nSố hiệu:93/2001/NĐ-CP\nLoại văn bản:Nghị định\nNgười ký:Phan Văn Khải\nNgày hiệu lực: 27/12/2001\nNgày ban hành:12/12/2001\n\nCăn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992;\n\nĐiều 1. Phạm vi điều chỉnh';
    expect(fields(meta)).toMatchObject({ type: 'NĐ', number: '93', symbol: '2001/NĐ-CP', issuer: 'Chính phủ', date: '2001-12-12' });
    const province = 'Số hiệu: 155/KH-UBND Loại văn bản: Văn bản khác\nNơi ban hành: Tỉnh Bắc Ninh Người ký: Nguyễn Tiến Nhường\nNgày ban hành: 26/05/2017 Ngày hiệu lực: Đang cập nhật\n\nThực hiện Luật Hộ tịch năm 2014, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC TIÊU';
    expect(fields(province)).toMatchObject({ type: 'KH', number: '155', issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh', date: '2017-05-26' });
    // must not: the header, printed, says what the document is, whatever the record says
    const both = 'Số hiệu: 999/QĐ-UBND\nNgày ban hành: 01/01/2020\nCơ quan ban hành: Bộ Nội vụ\nỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 119/QĐ-UBND\nBắc Giang, ngày 23 tháng 11 năm 2009\nQUYẾT ĐỊNH\nVề việc bổ sung';
    expect(fields(both)).toMatchObject({ number: '119', date: '2009-11-23', issuer: 'Ủy ban nhân dân tỉnh Bắc Giang' });
  });
});

describe('the title of an older decision as portals copy it', () => {
  const top = 'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n-------\nSố: 55/2003/QĐ-UB\nThành phố Hồ Chí Minh, ngày 20 tháng 7 năm 2003\n';
  const tail = '\nỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nCăn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 21 tháng 6 năm 1994;\nQUYẾT ĐỊNH\nĐiều 1. Phê duyệt đề cương.\n';
  it('reads "QUYẾT ĐỊNH CỦA <authority>" as the title, its "V/v ..." on the next line or the same line as the subject', () => {
    for (const title of ['QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ\nV/v phê duyệt đề cương quy hoạch ngành thương mại đến năm 2010.', 'QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/v phê duyệt đề cương quy hoạch ngành thương mại đến năm 2010.']) {
      expect(header(top + title + tail)).toMatchObject({ type: 'QĐ', subject: 'phê duyệt đề cương quy hoạch ngành thương mại đến năm 2010.' });
    }
  });
  it('joins a title word wrapped over two lines ("QUYẾT" / "ĐỊNH" / "VỀ" / "VIỆC BAN HÀNH ...")', () => {
    expect(header(`${top}QUYẾT\nĐỊNH\nVỀ\nVIỆC BAN HÀNH QUY ĐỊNH VỀ THEO DÕI, ĐÁNH GIÁ KẾT QUẢ CẢI CÁCH\nHÀNH CHÍNH TRÊN ĐỊA BÀN THÀNH PHỐ${tail}`))
      .toMatchObject({ type: 'QĐ', subject: 'BAN HÀNH QUY ĐỊNH VỀ THEO DÕI, ĐÁNH GIÁ KẾT QUẢ CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA BÀN THÀNH PHỐ' });
  });
  it('leaves an issuer line with "CỦA" and two upper-case words that are no title', () => {
    expect(header(`${top}BÁO CÁO CỦA ĐOÀN KIỂM TRA\nVề kết quả kiểm tra công tác cải cách hành chính${tail}`).type).toBe('BC');
    expect(header(`${top}ĐỀ NGHỊ\nCỦA SỞ\nV/v bổ sung kinh phí${tail}`).type).not.toBe('QĐ');
  });
});

describe('a công điện', () => {
  const cd = (after: string) => `THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 90/CĐ-TTg\nHà Nội, ngày 16 tháng 01 năm 2007\nCÔNG ĐIỆN\nTHỦ TƯỚNG CHÍNH PHỦ\n${after}`;
  it('takes the lines after "Điện:" as its recipients, and its sender as no subject', () => {
    expect(header(cd('Điện:\n-Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;\n- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;\n- Thông tấn xã Việt Nam, Đài Truyền hình Việt Nam.\nHiện nay dịch cúm gia cầm tái bùng phát, Thủ tướng Chính phủ yêu cầu:\n1. Các Bộ khẩn trương triển khai.')))
      // (a line of two full names, each with its head, names two, as "Sở X Hà Nội, Sở X Thành phố Hồ Chí Minh" does)
      .toMatchObject({ type: 'CĐ', subject: undefined, recipients: ['Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', 'Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ', 'Thông tấn xã Việt Nam', 'Đài Truyền hình Việt Nam'] });
  });
  it('reads no recipient from "Điện lực ..." nor a subject line that is no sender', () => {
    const h = header(cd('Về việc phòng, chống dịch cúm gia cầm\nĐiện lực tỉnh và các sở triển khai ngay.\n1. Các Bộ khẩn trương triển khai.'));
    expect(h.recipients).toEqual([]);
  });
});

describe('a recipient whose words the portal copy glued', () => {
  it('is written as words ("Kính gửi: BộY tế" -> "Bộ Y tế"), other names as printed', () => {
    const top = 'VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nSố: 2582/VPCP-KGVX\nV/v tổ chức Hội nghị ngành dược năm 2009.\nHà Nội, ngày 21 tháng 04 năm 2009\n';
    expect(header(`${top}Kính gửi: BộY tế\nVề đề nghị của Bộ Y tế, Phó Thủ tướng có ý kiến như sau:\n1. Bộ Y tế bố trí thời gian.`).recipients).toEqual(['Bộ Y tế']);
    expect(header(`${top}Kính gửi: Ủy ban sông Mekong Việt Nam\nVề đề nghị của Ủy ban, Phó Thủ tướng có ý kiến như sau:\n1. Ủy ban bố trí thời gian.`).recipients).toEqual(['Ủy ban sông Mekong Việt Nam']);
  });
});

describe('portal copies that print the number away from a "Số:" line of its own (kept-aside set 7, odd half)', () => {
  it('reads the date after the symbol on the number\'s line, and keeps the symbol whole', () => {
    expect(header('Công văn Số: 940/BVHTTDL-TV, ngày 26 tháng 03 năm 2013 Về việc Phối hợp tổ chức Ngày hội đọc sách\nKính gửi: Sở Văn hóa, Thể thao và Du lịch Hà Nội\nĐề nghị Sở tham gia.')).toMatchObject({ number: '940', symbol: 'BVHTTDL-TV', date: '2013-03-26', subject: 'Phối hợp tổ chức Ngày hội đọc sách' });
  });
  it('reads a first line that is nothing but the number and symbol, and the "Công văn V/v ..." line under it', () => {
    expect(header('3472/BVHTTDL-DSVH\n\nKTBT, TT Huỳnh Vĩnh Ái\n\nCông văn V/v báo cáo tổng kết 10 năm thực hiện Nghị quyết\n\nKính gửi: Sở Văn hóa, Thể thao và Du lịch các tỉnh\n\nThực hiện Kế hoạch, Bộ yêu cầu các Sở báo cáo.')).toMatchObject({ number: '3472', symbol: 'BVHTTDL-DSVH', subject: 'báo cáo tổng kết 10 năm thực hiện Nghị quyết' });
  });
  it('reads the portal\'s numbered line under its title line, with the issuer it names after "của"', () => {
    expect(header('Thông báo treo cờ Tổ quốc chào mừng Đại hội\nThông báo số 217/TB-UBND ngày 08/5/2019 của UBND thị xã Điện Bàn V/v treo cờ Tổ quốc chào mừng Đại hội\n\nTheo đề nghị của Ban Thường trực, UBND thị xã thông báo:\n1. Các cơ quan treo cờ.')).toMatchObject({ type: 'TB', number: '217', symbol: 'TB-UBND', date: '2019-05-08', issuer: 'Ủy ban nhân dân thị xã Điện Bàn' });
  });
  it('reads the number and day a portal prints in brackets after the trích yếu', () => {
    expect(header('Về việc báo cáo tình hình ô nhiễm môi trường tại khu vực nông thôn (3585/VP-KTN, ngày 23/10/2017).\n\nThực hiện Công văn số 11034/VPCP-KGVX ngày 17/10/2017 của Văn phòng Chính phủ, đồng chí Phó Chủ tịch UBND tỉnh có ý kiến như sau:')).toMatchObject({ number: '3585', symbol: 'VP-KTN', date: '2017-10-23', subject: 'báo cáo tình hình ô nhiễm môi trường tại khu vực nông thôn' });
  });
});

describe('a header whose place has a number and whose trích yếu opens with "Về" (kept-aside set 7, even half)', () => {
  it('reads "Quận 9, ngày ..." and "Về thực hiện ..." under the number', () => {
    expect(header('ỦY BAN NHÂN DÂN QUẬN 9\nTRUNG TÂM VĂN HÓA\nSố: 21/TTVH\nVề thực hiện chế độ thông tin,\nbáo cáo định kỳ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nQuận 9, ngày 04 tháng 6 năm 2014\nKính gửi: Ban VHTT 13 phường.\nTrung tâm đề nghị các phường báo cáo.')).toMatchObject({ place: 'Quận 9', date: '2014-06-04', subject: 'thực hiện chế độ thông tin, báo cáo định kỳ' });
  });
});

describe('a Kính gửi whose one entry is a collective with its inline list (heldout9, even half)', () => {
  it('keeps the long line as the recipient, and a lead naming the collective is that recipient', () => {
    const text = 'BỘ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH\nSố: 5324/BVHTTDL-DSVH\nV/v tổ chức Lễ công bố\nHà Nội, ngày 29 tháng 12 năm 2015\nKính gửi:\n\nỦy ban nhân dân các tỉnh, thành phố: Hồ Chí Minh, Hải Phòng, Thanh Hóa, Đồng Nai, Bình Định, Vĩnh Phúc, Bắc Giang, Hà Nam, Điện Biên, Bình Phước.\n\nBộ Văn hóa, Thể thao và Du lịch đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo tổ chức Lễ công bố trang trọng, tiết kiệm.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐặng Thị Bích Liên\n';
    const whole = 'Ủy ban nhân dân các tỉnh, thành phố: Hồ Chí Minh, Hải Phòng, Thanh Hóa, Đồng Nai, Bình Định, Vĩnh Phúc, Bắc Giang, Hà Nam, Điện Biên, Bình Phước';
    expect(header(text).recipients).toEqual([whole]);
    expect(extract(model(text)).tasks.map((t) => t.lead.map((l) => l.name))).toEqual([[whole]]);
  });
});

describe('a number line with a stray dot after its colon (heldout14, odd half)', () => {
  it('reads "Số:. 4315/BGDĐT-GDTrH"', () => {
    expect(header('BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố:. 4315/BGDĐT-GDTrH\nV/v: Nội dung báo cáo tổng kết\nHà Nội, ngày 19 tháng 5 năm 2008\nKính gửi: Các Sở Giáo dục và Đào tạo')).toMatchObject({ number: '4315', symbol: 'BGDĐT-GDTrH' });
  });
});

describe('a portal extract that names its source at its end (kept-aside sets 9 and 13)', () => {
  it('reads the number, symbol and date of "(Theo Công văn số 5222/UBND-KT, ngày 09/10/2023)"', () => {
    expect(header('V/v rà soát dự án khai thác cát\n\nUBND tỉnh có ý kiến như sau:\n\nGiao Sở Tài nguyên và Môi trường chủ trì rà soát, đánh giá cụ thể.\n\n(Theo Công văn số 5222/UBND-KT, ngày 09/10/2023)')).toMatchObject({ number: '5222', symbol: 'UBND-KT', date: '2023-10-09' });
  });
  it('... also without "số", and with the trích yếu after the date, which is then the subject (kept-aside set 22)', () => {
    const body = 'Bà Nguyễn Thị Mai trình bày: kiến nghị về lò mổ tập trung.\n\nKết luận: Giao UBND thành phố Đông Hà kiểm tra, báo cáo UBND tỉnh trước ngày 20/12/2022.\n\n';
    expect(header(`${body}(Theo Thông báo số 229/TB-UBND ngày 30/11/2022 Kết luận tiếp công dân định kỳ tháng 11/2022)`)).toMatchObject({ number: '229', symbol: 'TB-UBND', date: '2022-11-30', subject: 'Kết luận tiếp công dân định kỳ tháng 11/2022' });
    expect(header(`${body}(Theo Công văn 5231/UBND-KT ngày 10/10/2023)`)).toMatchObject({ number: '5231', symbol: 'UBND-KT', date: '2023-10-10' });
    // a citation inside the text is no source line
    expect(header(`${body}Theo Công văn 5231/UBND-KT ngày 10/10/2023 của UBND tỉnh, các sở thực hiện.`).number).toBeNull();
  });
});

describe('an issuer a portal\'s narrow cell wrapped after one word ("NGÂN" / "HÀNG NHÀ NƯỚC |")', () => {
  it('joins the word alone to the line under it', () => {
    for (const [first, rest, name] of [['NGÂN', 'HÀNG NHÀ NƯỚC', 'Ngân hàng Nhà nước'], ['VĂN', 'PHÒNG CHÍNH PHỦ', 'Văn phòng Chính phủ']]) {
      const h = extractHeader(model(`${first}\n${rest} |\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 01/CT-NHNN |\nHà Nội, ngày 01 tháng 3 năm 2011 |\nThống đốc yêu cầu các đơn vị thực hiện như sau:\n`));
      expect(h.issuer?.value).toBe(name);
      expect(h.parentBody ?? null).toBeNull();
    }
  });
});

describe('a Kính gửi whose inline list runs onto the next line', () => {
  it('keeps the names after the line break in the same entry', () => {
    const r = extract(model('BỘ CÔNG AN\nSố: 4552/BCA-C04\nHà Nội, ngày 9 tháng 10 năm 2025\nV/v rà soát\nKính gửi: Uỷ ban nhân dân các tỉnh, thành phố An Giang, Cần Thơ,\nCà Mau, Cao Bằng, Bắc Ninh, Vĩnh Long.\nThực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội, Bộ Công an đề nghị:\n'));
    expect(r.fields.recipients).toEqual(['Uỷ ban nhân dân các tỉnh, thành phố An Giang, Cần Thơ, Cà Mau, Cao Bằng, Bắc Ninh, Vĩnh Long']);
  });
  it('does not take the body\'s first paragraph after a one-line Kính gửi', () => {
    const r = extract(model('BỘ CÔNG AN\nSố: 4552/BCA-C04\nHà Nội, ngày 9 tháng 10 năm 2025\nV/v rà soát\nKính gửi: Ủy ban nhân dân tỉnh Lâm Đồng,\nThực hiện Nghị quyết số 163/2024/QH15, Bộ Công an đề nghị:\n'));
    expect(r.fields.recipients).toEqual(['Ủy ban nhân dân tỉnh Lâm Đồng']);
  });
});

describe('a board of the People\'s Council as issuer', () => {
  it('is named with the Council, its field\'s halves capitalised ("Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Lâm Đồng")', () => {
    const h = extractHeader(model('HĐND TỈNH LÂM ĐỒNG\nBAN KINH TẾ - NGÂN SÁCH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 120/BC-KTNS\nLâm Đồng, ngày 05 tháng 11 năm 2025\n'));
    expect(h.issuer?.value).toBe('Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Lâm Đồng');
  });
});

describe('a recipients line of two full names (kept-aside heldout17)', () => {
  it('gives each name its own entry when each has its own head', () => {
    const r = header('BỘ XÂY DỰNG\nSố: 447/BXD-KHTC\nHà Nội, ngày 20 tháng 3 năm 2013\nV/v thực hiện chế độ báo cáo thống kê\nKính gửi:\n- Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương;\n- Sở Quy hoạch - Kiến trúc Hà Nội, Sở Quy hoạch - Kiến trúc Thành phố Hồ Chí Minh.\nNgày 10/10/2012, Bộ Xây dựng đã ban hành Thông tư.').recipients;
    expect(r).toEqual(['Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương', 'Sở Quy hoạch - Kiến trúc Hà Nội', 'Sở Quy hoạch - Kiến trúc Thành phố Hồ Chí Minh']);
  });
  it('keeps a line that names kinds of bodies, or one body with its units, whole', () => {
    const r = header('BỘ NỘI VỤ\nSố: 12/BNV-TCBC\nHà Nội, ngày 20 tháng 3 năm 2013\nV/v báo cáo\nKính gửi:\n- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;\n- Ủy ban nhân dân huyện, thành phố.\nBộ Nội vụ đề nghị các cơ quan báo cáo.').recipients;
    expect(r).toEqual(['Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ', 'Ủy ban nhân dân huyện, thành phố']);
  });
});

describe('the issuer named by its code in the symbol, when the copy prints no issuer line (kept-aside sets 4, 5, 7, 9, 20-22)', () => {
  it('reads a ministry\'s code, and a provincial body\'s with the province the text names most', () => {
    expect(header('940/BVHTTDL-TV\n\nCông văn Số: 940/BVHTTDL-TV, ngày 26 tháng 03 năm 2013 Về việc Phối hợp tổ chức Ngày hội đọc sách\n\nKính gửi: Sở Văn hóa, Thể thao và Du lịch Hà Nội').issuer).toBe('Bộ Văn hóa, Thể thao và Du lịch');
    expect(header('Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v xin ý kiến vào dự thảo Kế hoạch tuyên truyền cải cách hành chính tỉnh Sơn La năm 2017.\n\nKính gửi: Sở Thông tin và Truyền thông\n\nThực hiện Kế hoạch của UBND tỉnh Sơn La, Sở Nội vụ đề nghị các cơ quan tham gia ý kiến.').issuer).toBe('Sở Nội vụ tỉnh Sơn La');
    // a provincial People's Committee no province is named for: "Ủy ban nhân dân tỉnh", as the text calls it
    expect(header('UBND tỉnh có ý kiến như sau:\n\nGiao Sở Kế hoạch và Đầu tư chủ trì nghiên cứu, đề xuất trước ngày 10/5/2024.\n\n(Theo Công văn số 1924/UBND-KT, ngày 23/4/2024)').issuer).toBe('Ủy ban nhân dân tỉnh');
  });
  it('must not: replace the issuer the header prints, guess between provinces named as often, or read a code it does not know', () => {
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ Y TẾ\nSố: 12/SNV-VP\nLâm Đồng, ngày 02 tháng 7 năm 2025\nKính gửi: Các phòng.').issuer).toBe('Sở Y tế tỉnh Lâm Đồng');
    expect(header('Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v phối hợp giữa tỉnh Sơn La và tỉnh Lai Châu.\n\nKính gửi: Sở Thông tin và Truyền thông').issuer ?? null).toBeNull();
    expect(header('Công văn số 1448/XYZ-CCHC ngày 27/12/2016 V/v cải cách hành chính tỉnh Sơn La.\n\nKính gửi: Sở Thông tin và Truyền thông').issuer ?? null).toBeNull();
  });
});

describe('a copy whose first line is a download page\'s, with a shape\'s name glued to the number line (kept-aside heldout23)', () => {
  const doc = (top: string, numberLine: string) => `${top}\nChuyển đổi dữ liệu17.08.2019\nKích12 Kb.\n\nỦY BAN NHÂN DÂN\n\nTỈNH BÌNH ĐỊNH\n\n${numberLine}\n\nV/v triển khai công tác phòng chống dịch\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nBình Định, ngày 12 tháng 5 năm 2019\nKính gửi: Sở Y tế.\n\nGiao Sở Y tế chủ trì triển khai.`;
  it('reads the issuer under a date line the page printed above the header', () => {
    const f = extract(model(doc('Bình Định, ngày 12 tháng 5 năm 2019tải về 12 Kb.', 'Số: 812/UBND-VX'))).fields;
    expect(f.issuer).toBe('Ủy ban nhân dân tỉnh Bình Định');
    expect(f.number).toBe('812');
  });
  it('drops a Word shape\'s default name ("straight connector 2", "Text Box 3") from the text', () => {
    const f = extract(model(doc('Trang chủ', 'straight connector 2Số: 812 /UBND-VX'))).fields;
    expect([f.number, f.symbol]).toEqual(['812', 'UBND-VX']);
    expect(f.references).toEqual([]);
    expect(model('Text Box 3QUYẾT ĐỊNH\n\nVề việc giao chỉ tiêu').text).toBe('QUYẾT ĐỊNH\n\nVề việc giao chỉ tiêu');
  });
  it('must not: skip a date line that is the header\'s own (no number line after it), or drop words that only look like a shape', () => {
    const f = extract(model('ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nBình Định, ngày 12 tháng 5 năm 2019\nKính gửi: Sở Y tế.\n\nGiao Sở Y tế chủ trì triển khai.')).fields;
    expect(f.issuer).toBe('Ủy ban nhân dân tỉnh Bình Định');
    expect(model('Lắp đặt rectangle LED 2 mặt tại 3 điểm.').text).toBe('Lắp đặt rectangle LED 2 mặt tại 3 điểm.');
  });
});

describe('a portal copy of a letter laid out as a markdown table (kept-aside heldout25)', () => {
  const f = () => extract(model('# V/v hỗ trợ nhà ở\n\n| BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n|---|---|\n| Số: 2301/BXD-QLN V/v: Hỗ trợ người có công về nhà ở. | Hà Nội, ngày 23 tháng 10 năm 2014 |\n\n| Kính gửi: | - Bộ Tài chính; - Ủy ban nhân dân tỉnh Nghệ An. |\n|---|---|\n\nBộ Xây dựng đề nghị Bộ Tài chính bố trí vốn.\n')).fields;
  it('reads "V/v:" after the number in one cell as the subject, and a list run into one cell without its bullets', () => {
    expect(f().subject).toBe('Hỗ trợ người có công về nhà ở.');
    expect(f().recipients).toEqual(['Bộ Tài chính', 'Ủy ban nhân dân tỉnh Nghệ An']);
  });
});

describe('markdown emphasis left in a plain-text copy (kept-aside heldout25)', () => {
  it('drops "**" and a paragraph\'s wrapping "*", not a footnote\'s "(**)" nor a bullet "* "', () => {
    expect(model('**Điều 1. **Áp dụng các văn bản sau:').text).toBe('Điều 1. Áp dụng các văn bản sau:');
    expect(model('*Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; *').text).toBe('Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;');
    expect(model('Chỉ tiêu tăng trưởng (**) đạt 8%.').text).toBe('Chỉ tiêu tăng trưởng (**) đạt 8%.');
    expect(model('* Sở Y tế báo cáo.').text).toBe('* Sở Y tế báo cáo.');
  });
  it('joins two runs of emphasis in one cell, so the date line reads whole (kept-aside heldout30)', () => {
    const f = extract(model('| THỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n| --- | --- |\n| Số: 13/CT-TTg | *Hà Nội, ngày 02 tháng* *5 năm 2024* |\nCHỈ THỊ\nVỀ TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ TÍN CHỈ CÁC-BON\n')).fields;
    expect([f.place, f.date]).toEqual(['Hà Nội', '2024-05-02']);
    expect(model('Giá trị *a* * b* còn lại.').text).toBe('Giá trị *a* * b* còn lại.');
  });
});

describe('a scanned plan whose handwritten day OCR read as marks (kept-aside heldout25)', () => {
  it('reads the month and year when the marks touch "tháng" or a "|" cuts the line', () => {
    for (const line of ['Hà Nội, ngày-|“tháng 11 năm 2024', 'Hà Nội, ngày-“tháng 11 năm 2024']) {
      const h = header(`BAN CƠ YẾU CHÍNH PHỦ\nHỌC VIỆN KỸ THUẬT MẬT MÃ\nSố: 407 /KH-HVM\n${line}\nKẾ HOẠCH\nTổ chức thực hiện đồ án`);
      expect([h.place, h.date]).toEqual(['Hà Nội', '2024-11']);
    }
  });
  it('must not: take a letter for a day', () => {
    expect(header('UBND TỈNH LÂM ĐỒNG\nSố: 12/UBND\nĐà Lạt, ngày 12 tháng 11 năm 2024\nKính gửi: Sở Y tế.').date).toBe('2024-11-12');
  });
});

describe('a header whose words a copy broke into letters (kept-aside heldout27)', () => {
  it('joins the pieces into syllables, the fewest left over', () => {
    const h = header('| ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|\n| Số: 3210/QĐ-UBND | T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014 |\n\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch');
    expect([h.issuer, h.place, h.date]).toEqual(['Ủy ban nhân dân thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh', '2014-06-28']);
  });
  it('must not: join whole words or a line with one stray letter', () => {
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 12/UBND-VX\nBình Định, ngày 12 tháng 5 năm 2019\nKính gửi: Sở Y tế.').issuer).toBe('Ủy ban nhân dân tỉnh Bình Định');
    expect(header('UBND TỈNH LÂM ĐỒNG\nSỞ Y TẾ\nSố: 12/SYT-VP\nLâm Đồng, ngày 02 tháng 7 năm 2025\nKính gửi: Các phòng.').issuer).toBe('Sở Y tế tỉnh Lâm Đồng');
  });
});

describe('a header and a signature as pdftotext lays out two columns (kept-aside heldout39, corpus/kept)', async () => {
  const o = await processFile(path.join(ROOT, 'corpus', 'kept', 'heldout39', 'docs', 'h39_08.txt'));
  if (!o.ok) throw new Error(o.reason);
  const d = o.record.document;
  it('reads the issuer without the Quốc hiệu\'s last word, wrapped onto its line ("... CHỦ NGHĨA VIỆT" / "BAN QUẢN LÝ ...   NAM")', () => {
    expect(d.issuer).toBe('Ban Quản lý các khu công nghiệp tỉnh Lào Cai');
  });
  it('reads the signer\'s title on the line of "Nơi nhận:" ("Nơi nhận:      TRƯỞNG BAN")', () => {
    expect([d.signer?.name, d.signer?.position]).toEqual(['Đỗ Việt Bách', 'Trưởng ban']);
  });
  it('must not: take the last word of a body\'s own name under a whole Quốc hiệu', () => {
    expect(extract(model('BỘ CÔNG THƯƠNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC HÓA CHẤT MIỀN NAM       Độc lập - Tự do - Hạnh phúc\nSố: 12/CHC-KT\nHà Nội, ngày 15 tháng 01 năm 2026\nV/v kiểm tra\n')).fields.issuer).toMatch(/^Cục Hóa chất miền nam$/iu);
  });
});
