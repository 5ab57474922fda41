/**
 * Who acts, on phrasings taken from real letters and plans (corpus/real and legal-portal
 * copies): must-match and must-not-match cases for each rule.
 */
import { describe, it, expect } from 'vitest';
import { headingAssignment, leadOf, splitBodies, supportOf, trimCollective } from '../../src/extract/agencies.js';
import { readMarker } from '../../src/parse/markers.js';

const names = (a: { lead: { text: string }[] } | null) => a?.lead.map((b) => b.text) ?? null;

describe('a collective named by kinds of bodies ends where its words end', () => {
  it.each([
    ['Các bộ, tỉnh đăng nhập phần mềm và lựa chọn chức năng', 'Các bộ, tỉnh'],
    ['Các cơ quan, địa phương liệt kê các văn bản, tài liệu', 'Các cơ quan, địa phương'],
    ['các sở, ban, ngành có liên quan rà soát', 'các sở, ban, ngành có liên quan'],
    ['Các cơ quan chuyên môn thuộc UBND tỉnh kiểm tra', 'Các cơ quan chuyên môn thuộc UBND tỉnh'],
  ])('%s', (s, want) => expect(trimCollective(s)).toBe(want));
  it.each([
    // a relative clause belongs to the name
    'Các cơ quan, đơn vị được kiểm tra trong năm 2021',
    'các đơn vị được giao làm chủ đầu tư',
    // not a collective at all
    'Sở Nội vụ tổng hợp',
  ])('keeps %s', (s) => expect(trimCollective(s)).toBe(s));
  it('reads the subject of an item with such a collective', () => {
    expect(names(leadOf('Các bộ, tỉnh đăng nhập phần mềm và lựa chọn chức năng Khảo sát Chỉ số CCHC.'))).toEqual(['Các bộ, tỉnh']);
  });
});

describe('headings that give a group of items to bodies', () => {
  it.each([
    ['Giao Sở Tư pháp:', ['Sở Tư pháp']],
    ['Giao Văn phòng UBND tỉnh', ['Văn phòng UBND tỉnh']],
    ['Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh', ['Viện Kiểm sát nhân dân tỉnh', 'Tòa án nhân dân tỉnh']],
    ['Đề nghị Ngân hàng Nhà nước Chi nhánh Khu vực 10', ['Ngân hàng Nhà nước Chi nhánh Khu vực 10']],
    ['Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng:', ['Bộ Chỉ huy quân sự tỉnh']],
    ['Chủ tịch Ủy ban nhân dân cấp xã chỉ đạo', ['Chủ tịch Ủy ban nhân dân cấp xã']],
    ['Công an tỉnh và các địa phương', ['Công an tỉnh', 'các địa phương']],
    // a name whose words are a verb's in capitals ("Xây dựng"), a tax office after 2025, a shared responsibility
    // (kept-aside heldout30)
    ['Sở Xây dựng', ['Sở Xây dựng']],
    ['Thuế tỉnh', ['Thuế tỉnh']],
    ['Trách nhiệm chung của các cơ quan, đơn vị', ['các cơ quan, đơn vị']],
    // a person named by remit (kept-aside heldout29)
    ['Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội', ['Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội']],
    // a ministry's own tasks (kept-aside heldout31)
    ['NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG', ['BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG']],
  ])('%s', (t, want) => expect(names(headingAssignment(t))).toEqual(want));
  it('must not: read a body and its verb in lower case as a heading of names', () => {
    expect(headingAssignment('Sở Tài chính xây dựng kế hoạch')).toBeNull();
  });
  it.each(['Tăng cường công tác tuyên truyền', 'Về kiểm soát thủ tục hành chính', 'Đề nghị các nội dung sau', 'Hướng dẫn chỉ đạo thực hiện'])(
    'no bodies in "%s"',
    (t) => expect(headingAssignment(t)).toBeNull(),
  );
  it('splits "và" between a named body and a collective, not inside a name', () => {
    expect(splitBodies('Công an tỉnh và các địa phương', { comma: true }).map((b) => b.text)).toEqual(['Công an tỉnh', 'các địa phương']);
    expect(splitBodies('Sở Kế hoạch và Đầu tư', { comma: true }).map((b) => b.text)).toEqual(['Sở Kế hoạch và Đầu tư']);
  });
});

describe('item markers real documents use', () => {
  it.each([
    ['(1) Tiếp tục phối hợp với các doanh nghiệp', 'paren', '1'],
    ['(12) Rà soát', 'paren', '12'],
    ['(a) Sở Tài chính', 'parenLetter', 'a'],
    ['Thứ nhất: Đối với hồ sơ xin chủ trương', 'ordinal', 'Thứ nhất'],
    ['100. Hoàn thành', 'decimal', '100'],
  ])('%s', (t, kind, label) => expect(readMarker(t)).toMatchObject({ kind, label }));
  it.each(['(đính kèm Công văn số 12/UBND)', 'Thứ nhất', '2021 và các năm tiếp theo', '(Kèm theo Kế hoạch)'])('not a marker: %s', (t) =>
    expect(readMarker(t)).toBeNull(),
  );
});

describe('a lead cut at "theo chức năng, nhiệm vụ được giao"', () => {
  it.each([
    ['Sở Tài chính theo chức năng, nhiệm vụ được giao chủ động triển khai thực hiện.', ['Sở Tài chính']],
    ['Sở Nội vụ căn cứ chức năng, nhiệm vụ được giao, tham mưu UBND tỉnh.', ['Sở Nội vụ']],
    ['Các sở, ban, ngành, địa phương theo chức năng, nhiệm vụ được giao khẩn trương rà soát.', ['Các sở, ban, ngành, địa phương']],
  ])('%s', (t, want) => expect(names(leadOf(t))).toEqual(want));
  it('in a heading', () => expect(names(headingAssignment('Sở Y tế, Sở Tài chính theo chức năng, nhiệm vụ:'))).toEqual(['Sở Y tế', 'Sở Tài chính']));
});

describe('a collective with its members listed after a colon is one doer', () => {
  it.each([
    ['Các bộ, cơ quan ngang bộ: Công Thương; Xây dựng; Văn phòng Chính phủ phối hợp với Bộ Nội vụ theo dõi lĩnh vực được giao.', 'Các bộ, cơ quan ngang bộ: Công Thương; Xây dựng; Văn phòng Chính phủ'],
    ['Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị, Quảng Bình chỉ đạo khắc phục hậu quả mưa lũ.', 'Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị, Quảng Bình'],
  ])('%s', (s, want) => expect(names(leadOf(s))).toEqual([want]));
  it.each([
    // a topic after the colon, not a list of members
    ['Các bộ, các tỉnh: Phân công nhiệm vụ cho công chức, viên chức thực hiện cải cách hành chính.', ['Các bộ, các tỉnh']],
    // a single named body before the colon: its own words follow
    ['Sở Tài chính: Chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí.', ['Sở Tài chính']],
  ])('%s', (s, want) => expect(names(leadOf(s))).toEqual(want));
});

describe('"Giao X ..." ends X at the verb of the work given', () => {
  it.each([
    ['Giao Văn phòng UBND tỉnh ban hành giấy mời (khi có thông báo lịch làm việc); chuẩn bị hội trường.', ['Văn phòng UBND tỉnh']],
    ['Giao Sở Tài chính bố trí kinh phí thực hiện.', ['Sở Tài chính']],
    // a capitalised word of a name is not the verb
    ['Giao Trung tâm Tiếp nhận và Trả kết quả tổng hợp hồ sơ.', ['Trung tâm Tiếp nhận và Trả kết quả']],
  ])('%s', (s, want) => expect(names(leadOf(s))).toEqual(want));
});

describe('who acts in a quotation of another text is not the item\'s doer', () => {
  it('reads the doer outside the quotation, and no support from inside it', () => {
    expect(leadOf('Đối với quy định “Sau khi có Quyết định của UBND tỉnh, Hội Luật gia tỉnh tiến hành tổ chức Đại hội”, đề nghị điều chỉnh thời gian Đại hội.')).toBeNull();
    expect(supportOf('Dự thảo chưa phù hợp với quy định: “Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ giúp Ủy ban nhân dân tỉnh quản lý”, đề nghị sửa đổi.')).toEqual([]);
    // outside a quotation, as before
    expect(names(leadOf('Sau khi có Quyết định của UBND tỉnh, Hội Luật gia tỉnh tiến hành tổ chức Đại hội.'))).toEqual(['Hội Luật gia tỉnh']);
  });
});

describe('subjects on the real plans\' phrasings', () => {
  it.each([
    // a collective joined by "và" to another body
    ['Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã, phường, đặc khu căn cứ chức năng, nhiệm vụ xây dựng kế hoạch.', ['Các sở, ban, ngành, đoàn thể', 'Ủy ban nhân dân các xã, phường, đặc khu']],
    // an apposition after the name given the work
    ['Giao Công an tỉnh là cơ quan thường trực, có trách nhiệm quản lý và giám sát tổng thể.', ['Công an tỉnh']],
    // a head word alone before "và" is part of the name
    ['Báo và Đài Phát thanh, Truyền hình Lâm Đồng tăng cường công tác tuyên truyền.', ['Báo và Đài Phát thanh, Truyền hình Lâm Đồng']],
    // who directs others, before the colon
    ['Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng: Phối hợp với cấp ủy, chính quyền địa phương tuyên truyền.', ['Bộ Chỉ huy quân sự tỉnh']],
    // a time that opens the sentence
    ['Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện phong trào thi đua.', ['các cơ quan, đơn vị, địa phương']],
  ])('%s', (s, want) => expect(names(leadOf(s))).toEqual(want));
  it.each([
    // "và" between two named bodies still splits
    ['Sở Nội vụ và Sở Tài chính tham mưu bố trí biên chế.', ['Sở Nội vụ', 'Sở Tài chính']],
    // "các sở, ngành và địa phương" stays one collective
    ['Các sở, ngành và địa phương tổ chức tuyên truyền.', ['Các sở, ngành và địa phương']],
  ])('keeps %s', (s, want) => expect(names(leadOf(s))).toEqual(want));
});

describe('bodies opened by "Tổng Liên đoàn" and "lực lượng" (corpus/real rd103, rd124)', () => {
  it('splits "Bộ Nội vụ, Tổng Liên đoàn Lao động Việt Nam" into two bodies, and reads "lực lượng ..." as one that works with the lead', () => {
    expect(supportOf('Phối hợp với Bộ Nội vụ, Tổng Liên đoàn Lao động Việt Nam rà soát kỹ lưỡng các quy định.').map((b) => b.text)).toEqual(['Bộ Nội vụ', 'Tổng Liên đoàn Lao động Việt Nam']);
    expect(supportOf('Chủ trì, phối hợp chặt chẽ với lực lượng chuyên trách phòng, chống tội phạm về ma túy tổ chức kiểm tra, kiểm soát.').map((b) => b.text)).toEqual(['lực lượng chuyên trách phòng, chống tội phạm về ma túy']);
  });
});

describe('members given duties by office (kept-aside heldout29)', () => {
  it('reads the office before the colon as the lead, a verb\'s words and all', () => {
    expect(names(leadOf('Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung, chịu trách nhiệm trước Ủy ban bầu cử.'))).toEqual(['Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban']);
    expect(names(leadOf('Các thành viên khác trong tiểu ban chủ động phối hợp với các thành viên khác.'))).toEqual(['Các thành viên khác trong tiểu ban']);
  });
  it('must not: read one who directs before the colon as a member', () => {
    expect(names(leadOf('Đồng chí Giám đốc Sở Y tế chỉ đạo các bệnh viện thực hiện.'))).toEqual(['Giám đốc Sở Y tế']);
    expect(leadOf('Đồng chí Chủ tịch UBND tỉnh đã chỉ đạo: các sở rà soát.')?.rule).not.toBe('lead.member');
  });
});
