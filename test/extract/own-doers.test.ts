/**
 * One paragraph that charges two bodies, each in a sentence or a ";" clause of its own with its verb: two tasks, as the
 * annotators of two kept-aside sets read them (heldout39 h39_06, heldout40 h40_02). Written here with other words.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extractTasks, isClosing } from '../../src/extract/tasks.js';
import { leadOf, splitBodies } from '../../src/extract/agencies.js';

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
    expect(leadOf('Các Sở, ban, ngành thuộc tỉnh theo chức năng, nhiệm vụ, lĩnh vực được giao chủ động phối hợp thực hiện.')?.lead.map((b) => b.text)).toEqual(['Các Sở, ban, ngành thuộc tỉnh']);
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

describe('points that ask nobody, and doers inside a frame (kept-aside heldout42, heldout38)', () => {
  const doc = (body: string, kind = 'CÔNG VĂN') => `SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 61/SNNMT-KS\nLào Cai, ngày 20 tháng 7 năm 2026\n${kind}\nV/v tham gia ý kiến hồ sơ dự án\nKính gửi: Sở Công Thương\n\n${body}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;
  const tasksOf = (body: string, kind?: string) => extractTasks(model(doc(body, kind)), { date: '2026-07-20', recipients: ['Sở Công Thương'] }).map((t) => [t.text.slice(0, 20), t.lead.map((l) => l.name)]);
  it('reads no task from a comment that asks nobody, nor from a project\'s particulars, under "có ý kiến tham gia như sau:"', () => {
    expect(tasksOf('Sau khi nghiên cứu hồ sơ, Sở Nông nghiệp và Môi trường có ý kiến tham gia như sau:\n1. Thông tin về dự án\n- Tên dự án: Cụm công nghiệp Bắc Hà.\n- Chủ đầu tư: Ban Quản lý dự án xã Bắc Hà.\n- Quy mô: 60 ha.\n2. Về quy hoạch sử dụng đất: Khu đất có khoảng 20 ha là đất cụm công nghiệp, còn lại là đất rừng trồng.\n3. Về lâm nghiệp: đề nghị chủ đầu tư thực hiện thủ tục chuyển mục đích sử dụng rừng theo quy định.'))
      .toEqual([['Về lâm nghiệp: đề ng', ['chủ đầu tư']]]);
  });
  it('reads "Nghị quyết này có hiệu lực ..." as the closing it is', () => {
    expect(tasksOf('Để thực hiện, Sở đề nghị:\n1. Sở Công Thương rà soát quy hoạch cụm công nghiệp.\n2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành.').map((t) => t[0])).toEqual(['Sở Công Thương rà so']);
  });
  it('reads no doer from the bodies a framed predicate works with ("Theo chức năng ..., chủ trì, phối hợp với Bộ A, Bộ B ...")', () => {
    expect(leadOf('Theo chức năng, nhiệm vụ và phạm vi quản lý nhà nước được giao, chủ trì, phối hợp với Bộ Tài chính, Bộ Xây dựng, các địa phương lập quy hoạch.')).toBeNull();
    // (nor from whom a subject-less time frame reports to; kept-aside heldout37)
    expect(leadOf('Định kỳ hoặc đột xuất tổng hợp, báo cáo Ủy ban nhân dân tỉnh, Bộ Tài chính về tình hình quản lý, sử dụng tài sản.')).toBeNull();
    expect(leadOf('Định kỳ hằng tháng, Sở Nội vụ tổng hợp báo cáo.')?.lead.map((b) => b.text)).toEqual(['Sở Nội vụ']);
  });
  it('makes each framed duty under a heading a task of its own ("Theo chức năng ... tổ chức ..." / "Đối với ..., hướng dẫn ...")', () => {
    const r = tasksOf('Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện một số nhiệm vụ sau:\n1. Công an tỉnh, các sở, ban, ngành\nTheo chức năng, nhiệm vụ, phạm vi quản lý tổ chức tuyên truyền, phổ biến nội dung của Quyết định số 1074/QĐ-BXD.\nĐối với các cơ sở, công trình thuộc phạm vi quản lý, hướng dẫn chủ đầu tư áp dụng đầy đủ các giải pháp kỹ thuật.\n2. Giao Sở Xây dựng hướng dẫn triển khai Quyết định.', 'CÔNG VĂN');
    expect(r.map((t) => t[0])).toEqual(['Theo chức năng, nhiệ', 'Đối với các cơ sở, c', 'Giao Sở Xây dựng hướ']);
  });
});

describe('an approved plan\'s content, and an extraction\'s page marks (kept-aside heldout41)', () => {
  const qd = (body: string) => `BAN QUẢN LÝ KHU KINH TẾ TỈNH LÀO CAI\nSố: 129/QĐ-BQL\nLào Cai, ngày 10 tháng 3 năm 2026\nQUYẾT ĐỊNH\nVề việc phê duyệt điều chỉnh cục bộ quy hoạch\nQUYẾT ĐỊNH:\n${body}\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.`;
  const tasksOf = (body: string) => extractTasks(model(qd(body)), { date: '2026-03-10', recipients: [] }).map((t) => t.text.slice(0, 20));
  it('reads no task from what "Điều 1. Phê duyệt Điều chỉnh cục bộ Quy hoạch ..." approves, and the article that charges a body as one', () => {
    expect(tasksOf('Điều 1. Phê duyệt Điều chỉnh cục bộ Quy hoạch phân khu Khu công nghiệp Bắc Hà với những nội dung chủ yếu như sau:\n1. Nội dung điều chỉnh\n- Mở rộng lòng đường D3 về mỗi bên vỉa hè 1m.\n- Chuyển đổi ô đất K2-CN1 thành đất cây xanh.\nĐiều 2. Giao Công ty cổ phần Bắc Hà phối hợp với Phòng Quy hoạch tổ chức công bố quy hoạch theo quy định.'))
      .toEqual(['Giao Công ty cổ phần']);
  });
  it('drops "===== Trang 9 =====" and a file-name running header, so a heading keeps the points after a page break', () => {
    const m = model('KẾ HOẠCH\nII. NHIỆM VỤ\n2. Sở Tài chính\na) Bố trí kinh phí thực hiện.\n\n===== Trang 9 =====\n18.CTRTW31.DOC 9\n\nb) Hướng dẫn thanh quyết toán kinh phí.\n===== Trang 11 =====\n18.CTRTW31.DOC 1 1\n3. Quân uỷ Trung ương\na) Chủ trì khắc phục hậu quả bom mìn sau chiến tranh.');
    expect(m.text).not.toMatch(/Trang 9|Trang 11|CTRTW31/);
    expect(extractTasks(m, { date: '2026-03-10', recipients: [] }).map((t) => [t.path.join('/'), t.lead.map((l) => l.name)]))
      .toEqual([['II/2/a', ['Sở Tài chính']], ['II/2/b', ['Sở Tài chính']], ['II/3/a', ['Quân uỷ Trung ương']]]);
  });
});

describe('a notice that closes by telling its addressee', () => {
  it('reads "Văn phòng Chính phủ thông báo Bộ X biết, thực hiện." as the closing it is, "xin" or not', () => {
    expect(isClosing('Văn phòng Chính phủ thông báo Bộ Tài nguyên và Môi trường biết, thực hiện.')).toBe(true);
    expect(isClosing('Văn phòng Chính phủ thông báo Bộ Tài nguyên và Môi trường tổ chức hội nghị trước ngày 30/6/2026.')).toBe(false);
  });
});

describe('an action whose bullets are the documents it makes (kept-aside heldout42)', () => {
  it('is one task; the titles under it are the objects of its verb', () => {
    const m = model('KẾ HOẠCH\nII. NHIỆM VỤ\n1. Hoàn thiện thể chế\n- Trong năm 2022 hoàn thành việc lập, trình Thủ tướng Chính phủ phê duyệt các nhiệm vụ:\n+ Chiến lược địa chất, khoáng sản đến năm 2030, tầm nhìn đến năm 2045.\n+ Quy hoạch điều tra cơ bản địa chất về khoáng sản thời kỳ 2021 - 2030.\n- Rà soát chức năng, nhiệm vụ của các bộ, ngành liên quan.');
    expect(extractTasks(m, { date: '2022-07-22', recipients: [] }).map((t) => t.text.slice(0, 24))).toEqual(['Trong năm 2022 hoàn thàn', 'Rà soát chức năng, nhiệm']);
  });
  it('leaves bullets that are work ("+ Xây dựng Chiến lược ...") tasks of their own', () => {
    const m = model('KẾ HOẠCH\nII. NHIỆM VỤ\n- Trong năm 2022 hoàn thành các việc sau:\n+ Xây dựng Chiến lược địa chất, khoáng sản đến năm 2030.\n+ Lập Quy hoạch điều tra cơ bản địa chất thời kỳ 2021 - 2030.');
    expect(extractTasks(m, { date: '2022-07-22', recipients: [] }).map((t) => t.text.slice(0, 12))).toEqual(['Xây dựng Chi', 'Lập Quy hoạc']);
  });
});

describe('the bodies of a level named once for both (kept-aside heldout41)', () => {
  it('gives "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố" the level to each', () => {
    expect(splitBodies('Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố', { comma: true }).map((b) => b.text)).toEqual(['Hội đồng nhân dân các tỉnh, thành phố', 'Ủy ban nhân dân các tỉnh, thành phố']);
    expect(splitBodies('HĐND, UBND các huyện').map((b) => b.text)).toEqual(['HĐND các huyện', 'UBND các huyện']);
  });
  it('leaves a bare head before another kind of body alone', () => {
    expect(splitBodies('Ủy ban nhân dân, Sở Tài chính', { comma: true }).map((b) => b.text)).toEqual(['Ủy ban nhân dân', 'Sở Tài chính']);
  });
});
