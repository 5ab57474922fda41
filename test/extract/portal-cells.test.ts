/**
 * A portal copy whose record table was copied one cell a line ("Số tư liệu: |" / "1036/CĐ-BGDĐT |")
 * above a document that lost its own header, and a công điện whose sender and "điện:" share a line.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';

const cells = 'Số tư liệu: |\n1036/CĐ-BGDĐT |\nNgày ban hành: |\n20-10-2011 |\nTệp đính kèm: |\n1036CD.PDF |\n';
const dien = 'CÔNG ĐIỆN\nBỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO, điện:\n- Các sở giáo dục và đào tạo;\n- Các trường đại học, cao đẳng.\n\nĐể bảo đảm an toàn cho học sinh trong mùa mưa bão, Bộ trưởng yêu cầu các sở giáo dục và đào tạo rà soát trường lớp trước ngày 30/10/2011.\n\nNội dung chi tiết trong tệp đính kèm.';

describe('a copy with no header anchor and a site line at its end', () => {
  it('keeps the document: the site\'s lines are only the record cells above it', () => {
    const m = model(cells + dien);
    expect(m.text).toMatch(/^CÔNG ĐIỆN/);
    expect(m.text).toContain('rà soát trường lớp');
  });
  it('still sets aside a record of label lines above a text with no anchor (must not keep it as the document)', () => {
    const m = model('Số hiệu: 12/UBND-VX\nNgày ban hành: 01/02/2020\nUBND tỉnh đề nghị các sở rà soát trường lớp.');
    expect(m.text).toBe('UBND tỉnh đề nghị các sở rà soát trường lớp.');
  });
});

describe('the portal\'s record read across its label and value cells', () => {
  it('gives the number, symbol and date when the document prints none', () => {
    const d = extract(model(cells + dien)).fields;
    expect([d.number, d.symbol, d.date, d.type]).toEqual(['1036', 'CĐ-BGDĐT', '2011-10-20', 'CĐ']);
  });
});

describe('a công điện whose sender and "điện:" share a line', () => {
  it('names the sender\'s body as the issuer, the list after it as recipients, and no subject', () => {
    const d = extract(model(dien)).fields;
    expect(d.issuer?.toLowerCase()).toBe('bộ giáo dục và đào tạo');
    expect(d.recipients).toEqual(['Các sở giáo dục và đào tạo', 'Các trường đại học, cao đẳng']);
    expect(d.subject).toBeFalsy();
  });
  it('leaves a sender line in sentence case alone (not an upper-case authority)', () => {
    const f = extract(model('CÔNG ĐIỆN\nVề phòng, chống bão số 5, Bộ trưởng điện:\n- Các sở giáo dục và đào tạo.\n\nYêu cầu các sở rà soát trường lớp.')).fields;
    expect(f.issuer).toBeNull();
  });
});

describe('a portal\'s one-line header and its title line in sentence case', () => {
  it('reads "Số 924/SNV-CCHC Ngày 07-9-2015 V/v ..." as number, date and subject', () => {
    const f = extract(model('Số 924/SNV-CCHC Ngày 07-9-2015 V/v báo cáo công tác CCHC quý III năm 2015.\n\nKính gửi:\n- Thủ trưởng các sở, ban, ngành.\n\nSở Nội vụ đề nghị các sở báo cáo trước ngày 10/9/2015.')).fields;
    expect([f.number, f.symbol, f.date, f.subject]).toEqual(['924', 'SNV-CCHC', '2015-09-07', 'báo cáo công tác CCHC quý III năm 2015.']);
  });
  it('leaves "Ngày 07-9-2015" in a sentence alone and a text with no number undated by it', () => {
    const f = extract(model('Kính gửi: Các sở.\n\nNgày 07-9-2015 Sở Nội vụ đã tổ chức hội nghị sơ kết.\n\nĐề nghị các sở báo cáo.')).fields;
    expect(f.date).toBeNull();
  });
  it('takes the kind and trích yếu from "Thông báo về việc ..." / "Thông báo “V/v ...”" above a copy without its header', () => {
    const tb = (title: string) => extract(model(`${title}\n\nUBND tỉnh thông báo như sau:\n\n1. Các sở, ban, ngành treo cờ Tổ quốc từ ngày 25/01/2021.`)).fields;
    expect([tb('Thông báo về việc treo cờ Tổ quốc chào mừng Đại hội Đảng').type, tb('Thông báo về việc treo cờ Tổ quốc chào mừng Đại hội Đảng').subject]).toEqual(['TB', 'treo cờ Tổ quốc chào mừng Đại hội Đảng']);
    expect([tb('Thông báo “V/v phòng chống bão số 10”').type, tb('Thông báo “V/v phòng chống bão số 10”').subject]).toEqual(['TB', 'phòng chống bão số 10']);
  });
  it('keeps a sentence that opens with a kind\'s word as no title', () => {
    expect(extract(model('Kế hoạch về việc tổ chức hội nghị đã được gửi các sở từ tuần trước, nay đề nghị các sở góp ý.\n\nĐề nghị các sở góp ý trước ngày 10/9/2015.')).fields.type).toBe('CV');
  });
});

describe('a decision\'s title above its authority and a bulleted "- Căn cứ"', () => {
  it('ends the subject at the authority line', () => {
    const f = extract(model('UỶ BAN NHÂN DÂN\nTỈNH YÊN BÁI\n-------\nSố: 27/QĐ-UB\nYên Bái, ngày 02 tháng 02 năm 2004\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUI ĐỊNH QUẢN LÝ ĐỀ TÀI, DỰ ÁN\nVÀ CÁC NHIỆM VỤ KHOA HỌC, CÔNG NGHỆ\nUỶ BAN NHÂN DÂN TỈNH YÊN BÁI\n- Căn cứ Luật tổ chức Hội đồng Nhân dân\nvà Uỷ ban Nhân dân ngày 21 tháng 6 năm 1994;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định quản lý đề tài.\nĐiều 2. Giao cho Sở Khoa học và Công nghệ hướng dẫn thực hiện.')).fields;
    expect(f.subject).toBe('BAN HÀNH QUI ĐỊNH QUẢN LÝ ĐỀ TÀI, DỰ ÁN VÀ CÁC NHIỆM VỤ KHOA HỌC, CÔNG NGHỆ');
  });
});

describe('a portal\'s first line that names the document: "Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v ..."', () => {
  it('gives number, symbol, date and subject, and is not cited as another document', () => {
    const f = extract(model('Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v xin ý kiến vào dự thảo Kế hoạch năm 2017.\n\nKính gửi:\n\n– Sở Thông tin và Truyền thông;\n\n– Báo Sơn La.\n\nSở Nội vụ đề nghị các cơ quan, đơn vị tham gia ý kiến trước ngày 09/01/2017.')).fields;
    expect([f.type, f.number, f.symbol, f.date, f.subject, f.references]).toEqual(['CV', '1448', 'SNV-CCHC', '2016-12-27', 'xin ý kiến vào dự thảo Kế hoạch năm 2017.', []]);
    expect(extract(model('Quyết định số 12/QĐ-UBND ngày 01/02/2020 về việc phê duyệt kế hoạch\n\nĐiều 1. Phê duyệt kế hoạch.')).fields).toMatchObject({ type: 'QĐ', number: '12', date: '2020-02-01' });
  });
  it('leaves a sentence that cites a document alone, and a document that prints its own header', () => {
    expect(extract(model('Kính gửi: Các sở.\n\nCông văn số 1448/SNV-CCHC ngày 27/12/2016 của Sở Nội vụ đã được gửi các sở từ tháng trước.')).fields.number).toBeNull();
    const own = extract(model('Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v xin ý kiến\nSỞ NỘI VỤ\nSố: 1500/SNV-CCHC\nSơn La, ngày 30 tháng 12 năm 2016\nKính gửi: Các sở.\nĐề nghị các sở góp ý.')).fields;
    expect([own.number, own.date]).toEqual(['1500', '2016-12-30']);
  });
});

describe('a news copy of a document, with no header of its own (kept-aside heldout34, heldout43)', () => {
  it('reads the type, number, symbol, date, issuer, subject and signer its first sentence gives', () => {
    const e = extract(model('Thủ tướng Chính phủ Phạm Minh Chính vừa ký Công điện số 98/CĐ-TTg ngày 12/9/2025 về việc khắc phục hậu quả bão số 5.\nCông điện gửi Chủ tịch Ủy ban nhân dân các tỉnh, nêu rõ:\nỦy ban nhân dân các tỉnh khẩn trương khắc phục hậu quả bão.'));
    const f = e.fields;
    expect([f.type, f.number, f.symbol, f.date, f.issuer, f.subject]).toEqual(['CĐ', '98', 'CĐ-TTg', '2025-09-12', 'Thủ tướng Chính phủ', 'khắc phục hậu quả bão số 5']);
    expect(f.signer).toEqual({ name: 'Phạm Minh Chính', position: 'Thủ tướng', authority: null });
    expect(f.references).not.toContain('98/CĐ-TTg');
  });
  it('reads nothing from a document a letter cites in its body, nor from a header\'s own number', () => {
    const cited = extract(model('Kính gửi: Các sở.\n\nThực hiện Công điện số 98/CĐ-TTg ngày 12/9/2025 của Thủ tướng Chính phủ, UBND tỉnh đề nghị các sở khắc phục hậu quả bão.')).fields;
    expect([cited.number, cited.type]).toEqual([null, 'CV']);
    const own = extract(model('ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 12/UBND-VX\nNinh Bình, ngày 13 tháng 9 năm 2025\nThủ tướng Chính phủ vừa ký Công điện số 98/CĐ-TTg ngày 12/9/2025 về việc khắc phục hậu quả bão số 5.')).fields;
    expect([own.number, own.symbol, own.type]).toEqual(['12', 'UBND-VX', 'CV']);
  });
  it('reads another body\'s document the same way, its day before it, only in the copy\'s opening lines (heldout45)', () => {
    const lead = 'Ngày 29/10/2018, Cục Cứu hộ - Cứu nạn đã có công điện số 37/TK gửi: BTL Quân khu 3, 4, 5; BTL Bộ đội Biên phòng với nội dung:\n';
    const f = extract(model(`Công điện của Cục Cứu hộ – Cứu nạn đề nghị các đơn vị ứng phó với bão\n${lead}BTL Bộ đội Biên phòng chỉ đạo kiểm đếm tàu thuyền.`)).fields;
    expect([f.type, f.number, f.symbol, f.date, f.issuer]).toEqual(['CĐ', '37', 'TK', '2018-10-29', 'Cục Cứu hộ - Cứu nạn']);
    // must not: a letter further down that the text cites
    const later = extract(model(`Kính gửi: Các đơn vị.\n\n${'Tình hình bão diễn biến phức tạp, gió mạnh cấp 12, sóng cao 5 mét, mưa lớn kéo dài ở nhiều tỉnh ven biển. '.repeat(5)}\n${lead}Đề nghị các đơn vị chủ động ứng phó.`)).fields;
    expect(later.number).toBeNull();
  });
});
