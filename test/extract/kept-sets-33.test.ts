/**
 * Rules read from what heldout60 and heldout61 (corpus/kept) missed, each with cases that must match and must not: a
 * numbered list of things under an article, "Giao trách nhiệm X", a generic back-reference beside a body of the group,
 * "từ D đến hết ngày D", a news site's list of other articles after the text, a comma run into the next word.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';
import { leadOf } from '../../src/extract/agencies.js';
import { findDeadlines, pickDeadline } from '../../src/extract/deadlines.js';
import { parseFile } from '../../src/parse/index.js';
import { normalise } from '../../src/normalise/index.js';

const tasksOf = (text: string) => extract(model(text)).tasks;
const DECISION = (articles: string) => `ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 55/QĐ-UBND\nLào Cai, ngày 05 tháng 9 năm 2026\nQUYẾT ĐỊNH\nVề việc tiêm phòng cho gia súc\nỦY BAN NHÂN DÂN TỈNH LÀO CAI\nCăn cứ Luật Thú y;\nQUYẾT ĐỊNH:\n${articles}\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Minh\n`;

describe('a numbered list of things of one kind is the text of the item over it', () => {
  it('"Điều 1. Tiêm phòng ... 4 bệnh ...:" over "1. Bệnh ...," lines: one task', () => {
    const t = tasksOf(DECISION('Điều 1. Tiêm phòng bắt buộc cho gia súc với 3 bệnh trên địa bàn tỉnh:\n1. Bệnh nhiệt thán trâu, bò, ngựa,\n2. Bệnh dịch tả lợn,\n3. Bệnh dại chó.\nĐiều 2. Sở Nông nghiệp và Môi trường phối hợp với UBND các xã, phường tổ chức tiêm phòng.\nĐiều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nông nghiệp và Môi trường chịu trách nhiệm thi hành Quyết định này.'));
    expect(t.map((x) => x.label)).toEqual(['Điều 1', 'Điều 2']);
    expect(t[0]!.text).toMatch(/^Tiêm phòng .* Bệnh dịch tả lợn, Bệnh dại chó\.$/u);
  });
  it('must not: items that each open with their verb, or name a doer', () => {
    const verbs = tasksOf(DECISION('Điều 1. Giao Sở Nông nghiệp và Môi trường thực hiện các việc sau:\n1. Tổ chức tiêm phòng cho đàn trâu, bò,\n2. Tổ chức tiêm phòng cho đàn lợn,\n3. Tổ chức tiêm phòng cho đàn chó.'));
    expect(verbs).toHaveLength(3);
    const doers = tasksOf(DECISION('Điều 1. Phân công như sau:\n1. Sở Y tế chủ trì tiêm phòng cho người,\n2. Sở Nông nghiệp và Môi trường chủ trì tiêm phòng cho gia súc.'));
    expect(doers.map((x) => x.lead[0]?.name)).toEqual(['Sở Y tế', 'Sở Nông nghiệp và Môi trường']);
  });
});

describe('leads', () => {
  it('"Giao trách nhiệm X ..." gives X, as "Giao X ..." does', () => {
    expect(leadOf('Giao trách nhiệm Phòng Nông nghiệp và PTNT (cơ quan thường trực Ban Chỉ huy PCTT và TKCN) tiếp tục đào tạo.')?.lead.map((b) => b.text)).toEqual(['Phòng Nông nghiệp và PTNT']);
    expect(leadOf('Giao trách nhiệm cho Sở Tài chính hướng dẫn thực hiện.')?.lead.map((b) => b.text)).toEqual(['Sở Tài chính']);
  });
  it('"Các cơ quan, đơn vị và <a body of the group>" is the group the lead-in asked', () => {
    const text = `ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 12/UBND-VX\nBình Thuận, ngày 14 tháng 4 năm 2026\nKính gửi: Các sở, ban, ngành; UBND các huyện, thị xã, thành phố.\nUBND tỉnh đề nghị các sở, ban, ngành; Ủy ban MTTQ Việt Nam tỉnh; UBND các huyện, thị xã, thành phố triển khai với các nội dung như sau:\n1. Các cơ quan, đơn vị và UBND các huyện, thị xã, thành phố thực hiện treo khẩu hiệu tại trụ sở.\n2. Sở Y tế và UBND các huyện, thị xã, thành phố tổ chức khám bệnh cho người khuyết tật.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Minh\n`;
    const t = tasksOf(text);
    expect(t[0]!.lead.map((l) => l.name)).toEqual(['các sở, ban, ngành', 'Ủy ban MTTQ Việt Nam tỉnh', 'UBND các huyện, thị xã, thành phố']);
    // must not: a body outside the group keeps the item's own doers
    expect(t[1]!.lead.map((l) => l.name)).toEqual(['Sở Y tế', 'UBND các huyện, thị xã, thành phố']);
  });
});

describe('"từ D đến hết ngày D" is a time to act within its last day', () => {
  const d = (s: string) => pickDeadline(findDeadlines(s, 2022, {}));
  it('with "ngày" before either day', () => {
    expect(d('Thời gian thực hiện từ 15/4 đến hết ngày 20/4/2022.')).toMatchObject({ kind: 'within', date: '2022-04-20' });
  });
  it('must not: two bare days, a campaign\'s or a schedule\'s span', () => {
    expect(d('1. Thời gian: Từ 22/6 đến 31/8/2022')).toBeNull();
  });
});

describe('a news page copy', () => {
  it('ends before the site\'s list of other articles and the writer\'s initials', async () => {
    const page = 'Triển khai hoạt động nhân Ngày Người khuyết tật\n\nUBND tỉnh đề nghị các sở, ban, ngành triển khai như sau:\n\n1. Sở Y tế tổ chức khám bệnh.\n\n2. UBND các huyện, thị xã, thành phố:\n\nKhẩn trương chỉ đạo chi trả chính sách trợ giúp xã hội trong tháng 4 năm 2022.\n\nChỉ đạo UBND các xã, phường kiểm soát chặt chẽ các trường hợp người lang thang xin ăn.\n\nBTO\n\nRelated articles\nTập trung cải thiện, nâng cao hiệu quả cải cách hành chính\nVới sự chỉ đạo quyết liệt của Tỉnh ủy, UB';
    const m = normalise(await parseFile(Buffer.from(page), 'news.txt'), 'news.txt');
    expect(m.text).not.toContain('Related articles');
    expect(m.text).not.toMatch(/\bBTO\b/u);
    const t = extract(m).tasks;
    expect(t.map((x) => x.text.slice(0, 20))).toEqual(['Sở Y tế tổ chức khám', 'Khẩn trương chỉ đạo ', 'Chỉ đạo UBND các xã,']);
  });
  it('puts the space back after a comma run into the next word, not between digits', () => {
    expect(model('(Chỉ thị số 32-CT/TW),đề nghị các sở; 1,5 tỷ đồng').text).toBe('(Chỉ thị số 32-CT/TW), đề nghị các sở; 1,5 tỷ đồng');
  });
});
