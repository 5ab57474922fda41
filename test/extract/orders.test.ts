/**
 * Forms of asking that real letters use without numbered items or "đề nghị": the orders a
 * leader gives after "... có ý kiến như sau:", a numbered measure stated before the items that
 * share it out, a request after the list that names its doers, an adverb before the verb.
 * Each with texts that must not read as tasks.
 */
import { describe, it, expect } from 'vitest';
import { leadOf } from '../../src/extract/agencies.js';
import { extractTasks, isClosing } from '../../src/extract/tasks.js';
import { model } from '../helpers.js';

const vpcp = (body: string) => `VĂN PHÒNG CHÍNH PHỦ\n-------\nSố: 1234/VPCP-KGVX\nV/v triển khai tiêm chủng\nHà Nội, ngày 02 tháng 7 năm 2022\nKính gửi: Bộ Y tế\n\nXét báo cáo của Bộ Y tế tại văn bản số 55/BYT-DP ngày 28 tháng 6 năm 2022, Thủ tướng Chính phủ có ý kiến như sau:\n\n${body}\n\nVăn phòng Chính phủ thông báo để Bộ Y tế biết, thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;
const tasks = (text: string, date: string, recipients: string[] = []) =>
  extractTasks(model(text), { date, recipients }).map((t) => ({ text: t.text, lead: t.lead.map((l) => l.name), deadline: t.deadline?.date ?? null }));

describe('the orders a leader gives after "... có ý kiến như sau:", one unnumbered paragraph each', () => {
  it('is a task of the body it opens with', () => {
    expect(tasks(vpcp('Bộ Y tế khẩn trương chuẩn bị báo cáo, hồ sơ về nội dung đề xuất nêu trên để trình Chính phủ trước ngày 15 tháng 7 năm 2022.'), '2022-07-02', ['Bộ Y tế']))
      .toEqual([{ text: 'Bộ Y tế khẩn trương chuẩn bị báo cáo, hồ sơ về nội dung đề xuất nêu trên để trình Chính phủ trước ngày 15 tháng 7 năm 2022.', lead: ['Bộ Y tế'], deadline: '2022-07-15' }]);
    expect(tasks(vpcp('Bộ Y tế tăng cường công tác quản lý, chỉ đạo để đẩy nhanh tiến độ tiêm vắc xin.\n\nBộ Tài chính bố trí kinh phí theo quy định.'), '2022-07-02', ['Bộ Y tế']).map((t) => t.lead))
      .toEqual([['Bộ Y tế'], ['Bộ Tài chính']]);
  });
  it('is none when the paragraph tells what a body did, agrees, or opens with background', () => {
    expect(tasks(vpcp('Bộ Y tế đã chủ động triển khai tiêm vắc xin cho trẻ em từ 5 đến dưới 12 tuổi.'), '2022-07-02', ['Bộ Y tế'])).toEqual([]);
    expect(tasks(vpcp('Trung tâm thống nhất hỗ trợ cho Liên đoàn sử dụng địa chỉ cơ sở 1 của Trung tâm.'), '2022-07-02', ['Bộ Y tế'])).toEqual([]);
    expect(tasks(vpcp('Thực hiện Nghị quyết của Chính phủ, Bộ Y tế tăng cường tiêm vắc xin.'), '2022-07-02', ['Bộ Y tế'])).toEqual([]);
  });
  it('needs a lead-in that orders: after "... báo cáo như sau:" a paragraph is not an order', () => {
    const told = vpcp('Bộ Y tế tăng cường công tác quản lý.').replace('Thủ tướng Chính phủ có ý kiến như sau:', 'Văn phòng Chính phủ báo cáo tình hình như sau:');
    expect(tasks(told, '2022-07-02', ['Bộ Y tế'])).toEqual([]);
  });
});

describe('a numbered measure stated in a sentence before the items that share it out', () => {
  const ct = (item: string) => `ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\nSố: 06/CT-UBND\nThanh Hóa, ngày 02 tháng 5 năm 2019\nCHỈ THỊ\nVề thu ngân sách nhà nước năm 2019\nĐể hoàn thành dự toán thu năm 2019, Chủ tịch UBND tỉnh yêu cầu các cấp, các ngành tập trung chỉ đạo quyết liệt một số giải pháp sau đây:\n${item}\na) Cục Thuế có trách nhiệm:\n- Xác định chính xác đối tượng nộp thuế và mức thuế phải nộp.\nb) Sở Tài chính có trách nhiệm:\n- Rà soát các khoản thu từ đất.\n2. Giao Sở Kế hoạch và Đầu tư theo dõi, tổng hợp.\nNơi nhận:\n- Như trên;`;
  it('is a task of the doers the lead-in names, as well as its items', () => {
    const r = tasks(ct('1. Tập trung rà soát, xác định chính xác, đầy đủ các đối tượng phải kê khai nộp thuế; không bỏ sót đối tượng, thất thoát nguồn thu.'), '2019-05-02');
    expect(r.map((t) => t.lead)).toEqual([['các cấp, các ngành'], ['Cục Thuế'], ['Sở Tài chính'], ['Sở Kế hoạch và Đầu tư']]);
    expect(r[0]!.text).toMatch(/^Tập trung rà soát/);
  });
  it('is only a heading when it names a topic or ends with a colon', () => {
    for (const heading of ['1. Về công tác quản lý thu ngân sách nhà nước trên địa bàn tỉnh năm 2019 và những năm tiếp theo', '1. Tập trung rà soát, xác định chính xác, đầy đủ các đối tượng phải kê khai nộp thuế, cụ thể như sau:']) {
      expect(tasks(ct(heading), '2019-05-02').map((t) => t.lead), heading).toEqual([['Cục Thuế'], ['Sở Tài chính'], ['Sở Kế hoạch và Đầu tư']]);
    }
  });
});

describe('the subject of an order, up to its verb', () => {
  const lead = (t: string) => leadOf(t)?.lead.map((b) => b.text);
  it('leaves an adverb before the verb out of the name ("UBND xã chỉ xem xét ...")', () => {
    expect(lead('UBND xã chỉ xem xét, xử lí đơn thư, khiếu nại, tố cáo của công dân gửi đến qua bưu điện.')).toEqual(['UBND xã']);
    expect(lead('Sở Tài chính cũng kiểm tra việc quyết toán.')).toEqual(['Sở Tài chính']);
  });
  it('reads "các cấp, các ngành" asked in a lead-in as one collective', () => {
    expect(lead('Chủ tịch UBND tỉnh yêu cầu các cấp, các ngành tập trung chỉ đạo quyết liệt các giải pháp sau:')).toEqual(['các cấp, các ngành']);
  });
});

describe('a request after the numbered list that names its doers', () => {
  const tb = (after: string) => `ỦY BAN NHÂN DÂN\nXÃ ĐỨC HỢP\nSố: 12/TB-UBND\nĐức Hợp, ngày 23 tháng 12 năm 2021\nTHÔNG BÁO\nVề việc tạm dừng tiếp công dân\nỦy ban nhân dân xã thông báo như sau:\n1. Tạm dừng hoạt động tiếp công dân tại Trụ sở UBND xã kể từ ngày 23/12/2021.\n2. Công chức Văn phòng - Thống kê tiếp nhận đơn thư gửi qua bưu điện.\n${after}\nNơi nhận:\n- Như trên;`;
  it('is a task of its own', () => {
    expect(tasks(tb('Đề nghị Công an xã, Văn phòng - Thống kê xã niêm yết công khai thông báo này tại trụ sở.'), '2021-12-23').map((t) => t.lead).at(-1))
      .toEqual(['Công an xã', 'Văn phòng - Thống kê xã']);
  });
  it('is none when it asks "các đơn vị" to carry out the notice (a closing formula)', () => {
    expect(tasks(tb('Đề nghị các đơn vị nghiêm túc thực hiện./.'), '2021-12-23')).toHaveLength(2);
  });
});

describe('a frame, then the leader who gives the work ("Về ý kiến chỉ đạo ..., Phó Thủ tướng giao các Bộ: ...")', () => {
  const letter = (body: string) => `VĂN PHÒNG CHÍNH PHỦ\nSố: 2858/VPCP-ĐP\nV/v xử lý đề nghị của các tỉnh\nHà Nội, ngày 06 tháng 05 năm 2011\nKính gửi:\n- Các Bộ: Kế hoạch và Đầu tư, Tài chính;\n- Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai.\n\n${body}\n\nNơi nhận:\n- Như trên;`;
  const run = (body: string) => tasks(letter(body), '2011-05-06', ['Các Bộ: Kế hoạch và Đầu tư, Tài chính', 'Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai']);
  it('is a task of the bodies given the work, though a clause after "mà" tells what someone did', () => {
    expect(run('Về ý kiến chỉ đạo của đồng chí Tổng Bí thư tại các công văn số 614, 615, 616-CV/VPTW ngày 21 tháng 04 năm 2011 của Văn phòng Trung ương Đảng, Phó Thủ tướng Thường trực Chính phủ giao các Bộ: Kế hoạch và Đầu tư, Tài chính làm việc với các tỉnh Đắk Lắk, Gia Lai xác định nguồn kinh phí để thực hiện các nội dung mà đồng chí Tổng Bí thư, Chủ tịch Quốc hội đã đặt ra; chủ động xử lý và giải quyết cho các địa phương.').map((t) => t.lead))
      .toEqual([['các Bộ: Kế hoạch và Đầu tư, Tài chính']]);
  });
  it('is none when the body itself already asked in an earlier letter ("Sở Nội vụ đã có Công văn ... đề nghị ...")', () => {
    expect(run('Để tạo thuận lợi cho người dân trong việc nộp hồ sơ thủ tục hành chính bảo đảm nhanh, gọn, tiện lợi và nhằm góp phần nâng cao sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh, Sở Nội vụ đã có Công văn số 1014/SNV-CCHC ngày 22/8/2025 đề nghị UBND các xã, phường tổ chức quán triệt nội dung Quyết định số 787/QĐ-UBND.')).toEqual([]);
  });
});

describe('a notice of a holiday: who is off and when is no task, the duty rota is', () => {
  const tb = `PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 151/TB-PGDĐT\nĐồng Xoài, ngày 20 tháng 3 năm 2012.\nTHÔNG BÁO\nVề việc nghỉ Lễ giỗ Quốc tổ Hùng Vương năm 2012\n\nKính gửi: Hiệu trưởng các trường trên địa bàn thị xã.\n\nPhòng Giáo dục và Đào tạo thông báo việc nghỉ Lễ giỗ Quốc tổ Hùng Vương năm 2012 như sau:\n1. Thời gian nghỉ Lễ giỗ Quốc tổ Hùng Vương:\n- Cán bộ, giáo viên các trường Mầm non, Tiểu học được nghỉ 01 ngày vào thứ Hai (02/4/2012).\n- Cán bộ, giáo viên các trường trung học cơ sở nghỉ 01 ngày (thứ Bảy 31/3/2012).\n2. Hiệu trưởng các trường học phải bố trí người trực cơ quan để đảm bảo an ninh trật tự trong kỳ nghỉ.\n\nPhòng Giáo dục và Đào tạo yêu cầu hiệu trưởng các trường học trực thuộc nghiêm túc thực hiện những nội dung thông báo này.\n\nNơi nhận:\n- Như trên;`;
  it('keeps only the duty rota, its lead the heads of the schools', () => {
    expect(tasks(tb, '2012-03-20', ['Hiệu trưởng các trường trên địa bàn thị xã'])).toEqual([
      { text: 'Hiệu trưởng các trường học phải bố trí người trực cơ quan để đảm bảo an ninh trật tự trong kỳ nghỉ.', lead: ['Hiệu trưởng các trường học'], deadline: null },
    ]);
  });
  it('reads the title above an indented "Kính gửi:" without it', () => {
    const text = tb.replace('Về việc nghỉ Lễ giỗ Quốc tổ Hùng Vương năm 2012\n\nKính gửi:', '   Về việc nghỉ Lễ giỗ Quốc tổ Hùng Vương năm 2012 và bố trí trực cơ quan trong kỳ nghỉ lễ\n\n\n      Kính gửi:');
    expect(model(text).blocks.map((b) => b.text)).toContain('Kính gửi: Hiệu trưởng các trường trên địa bàn thị xã.');
  });
});

describe('a time bullet and an ask in capitals', () => {
  const tb = `THÔNG BÁO\nVề việc treo cờ\nUBND tỉnh thông báo việc treo cờ như sau:\n1. Treo cờ Đảng, cờ Tổ quốc:\n- Các cơ quan, đơn vị, trường học trên địa bàn tỉnh treo cờ Đảng, cờ Tổ quốc trong thời gian diễn ra Đại hội.\n- Thời gian thực hiện: Từ ngày 25-1 đến ngày 2-2-2021.\n2. Tổ chức thực hiện:\n- Các sở, ban, ngành khẩn trương triển khai thực hiện.\nNơi nhận:\n- Như trên;`;
  it('gives a "Thời gian thực hiện:" bullet\'s time to the items before it, and takes no task from it', () => {
    const r = tasks(tb, '2021-01-20');
    expect(r.map((t) => [t.text.slice(0, 20), t.deadline])).toEqual([['Các cơ quan, đơn vị,', '2021-02-02'], ['Các sở, ban, ngành k', null]]);
  });
  it('keeps "Đề nghị X, Y rà soát lại đơn vị mình đã thu ..." though a clause tells what was done', () => {
    const letter = 'Kính gửi:\n- Hiệu trưởng các trường THCS,\n- Thủ trưởng các đơn vị trực thuộc.\nĐề nghị Hiệu trưởng các trường, Thủ trưởng các đơn vị trực thuộc rà soát lại đơn vị mình đã thu quỹ phòng, chống thiên tai chưa. Đơn vị nào chưa thu thì khẩn trương thu.\nCác đơn vị thực hiện trước ngày 24/3/2016.';
    expect(tasks(letter, '2016-03-20', ['Hiệu trưởng các trường THCS', 'Thủ trưởng các đơn vị trực thuộc']).map((t) => t.lead)).toEqual([['Hiệu trưởng các trường', 'Thủ trưởng các đơn vị trực thuộc']]);
  });
  it('reads "công tác lãnh đạo, chỉ đạo" in a background sentence as no ask', () => {
    const letter = 'Kính gửi: Các sở, ban, ngành.\n\nThực hiện Chỉ thị số 33-CT/TU ngày 01/12/2014 của Ban Thường vụ Tỉnh ủy về tăng cường công tác lãnh đạo, chỉ đạo cải cách hành chính; Quyết định số 3545/QĐ-UBND ngày 24/12/2014.\n\nSở Nội vụ đề nghị các sở báo cáo trước ngày 10/9/2015.';
    expect(tasks(letter, '2015-09-07', ['Các sở, ban, ngành']).map((t) => t.text.slice(0, 20))).toEqual(['Sở Nội vụ đề nghị cá']);
  });
  it('reads "Ủy ban bầu cử" as a name, not the verb "cử"', () => {
    expect(leadOf('Ủy ban bầu cử tỉnh triển khai công tác bầu cử tại các xã.')?.lead.map((b) => b.text)).toEqual(['Ủy ban bầu cử tỉnh']);
  });
});

describe('a consultation notice: its time item times the group, its dossier item and courtesy close are no tasks', () => {
  const tb = (close: string) => `ỦY BAN NHÂN DÂN\nHUYỆN CHỢ ĐỒN\nSố: 45/TB-UBND\nChợ Đồn, ngày 15 tháng 3 năm 2025\nTHÔNG BÁO\nVề việc tổ chức lấy ý kiến về Kế hoạch sử dụng đất năm 2025\n\nỦy ban nhân dân huyện thông báo như sau:\n1. Hồ sơ lấy ý kiến bao gồm: Báo cáo thuyết minh; Bản đồ Kế hoạch sử dụng đất.\n2. Thời gian lấy ý kiến: từ ngày 17/3/2025 đến ngày 05/4/2025.\n3. Phòng Nông nghiệp và Môi trường huyện tiếp nhận các ý kiến góp ý của các tổ chức, cá nhân.\n4. UBND các xã, thị trấn niêm yết công khai hồ sơ tại trụ sở.\n${close}\nNơi nhận:\n- Như trên;`;
  it('gives the period\'s end to the items of its group, whichever side of it they stand', () => {
    expect(tasks(tb(''), '2025-03-15').map((t) => [t.lead, t.deadline])).toEqual([[['Phòng Nông nghiệp và Môi trường huyện'], '2025-04-05'], [['UBND các xã, thị trấn'], '2025-04-05']]);
  });
  it('reads "Đề nghị ... chấp hành nghiêm túc./. Trân trọng!" as the closing', () => {
    expect(tasks(tb('Đề nghị Thủ trưởng các đơn vị chấp hành nghiêm túc./. Trân trọng!'), '2025-03-15')).toHaveLength(2);
  });
  it('still reads a request that goes on after "Đề nghị X ..." as a task', () => {
    expect(tasks(tb('Đề nghị Thủ trưởng các đơn vị gửi ý kiến về Phòng Nông nghiệp và Môi trường trước ngày 05/4/2025.'), '2025-03-15')).toHaveLength(3);
  });
});

describe('a copy that lost its "Kính gửi" and has no items', () => {
  const copy = 'Bộ Nông nghiệp và Phát triển nông thôn lấy ý kiến góp ý dự thảo Thông tư về giống cây trồng lâm nghiệp\n\nThực hiện Kế hoạch xây dựng văn bản quy phạm pháp luật năm 2021, Bộ Nông nghiệp và Phát triển nông thôn đã chủ trì xây dựng dự thảo Thông tư quy định danh mục loài cây trồng lâm nghiệp chính.\n\nĐể tiếp tục hoàn thiện dự thảo Thông tư, Bộ Nông nghiệp và Phát triển nông thôn đề nghị Ủy ban nhân dân các tỉnh tham gia góp ý đối với dự thảo Thông tư và gửi về Bộ trước ngày 15/10/2021.\n\nChi tiết tại tài liệu kèm theo./.';
  it('reads its asking paragraph as a task, and its background as none', () => {
    expect(tasks(copy, '2021-09-30').map((t) => [t.lead, t.deadline])).toEqual([[['Ủy ban nhân dân các tỉnh'], '2021-10-15']]);
  });
});

describe('a lead-in that asks bodies to act on their own ("... yêu cầu X, Y chủ động ...:")', () => {
  it('gives its bullets to those bodies', () => {
    const text = 'UBND tỉnh yêu cầu các sở, ban, ngành, UBND các huyện, thị xã chủ động ứng phó với cơn bão số 6 năm 2019:\n1. Khẩn trương triển khai thực hiện nghiêm các nội dung chỉ đạo của Thủ tướng Chính phủ.\n2. Theo dõi chặt chẽ diễn biến cơn bão.\nNơi nhận:\n- Như trên;';
    expect(tasks(text, '2019-11-09').map((t) => t.lead)).toEqual([['các sở, ban, ngành', 'UBND các huyện, thị xã'], ['các sở, ban, ngành', 'UBND các huyện, thị xã']]);
  });
});

describe('a closing formula with words a portal copy glued', () => {
  it('is still the closing ("xin thôngbáo để ... biết, thực hiện")', () => {
    expect(isClosing('Văn phòng Chính phủ xin thôngbáo để Bộ Tài chính biết, thực hiện.')).toBe(true);
    expect(isClosing('Văn phòng Chính phủ xin thông báo để Bộ Tài chính biết, thực hiện.')).toBe(true);
    expect(isClosing('Văn phòng Ủy ban nhân dân tỉnh thông báo đến Sở Nông nghiệp và Phát triển nông thôn, các Sở, ngành và địa phương có liên quan biết, để khẩn trương tổ chức thực hiện./.')).toBe(true);
    expect(isClosing('Bộ Tài chính phối hợp với Bộ Kếhoạch và Đầu tư đề xuất ý kiến trước ngày 15/5/2014.')).toBe(false);
  });
});

describe('"Giao X căn cứ ..., ..." names X', () => {
  it('ends the body at "căn cứ"', () => {
    expect(leadOf('Giao Sở Tài nguyên và Môi trường căn cứ danh mục công trình, dự án đầu tư có chuyển mục đích sử dụng đất trồng lúa sang đất phi nông nghiệp trên địa bàn Thành phố ra thông báo cho UBND các quận, huyện.')?.lead.map((b) => b.text)).toEqual(['Sở Tài nguyên và Môi trường']);
  });
});

describe('what heldout21 showed (read after it was scored unseen)', () => {
  it('reads an order whose time frame is glued to the body by its comma ("năm 2008,Bộ ...")', () => {
    expect(tasks(vpcp('Trong tháng 7 năm 2022,Bộ Y tế chủ trì, phối hợp với Bộ Tài chính hoàn chỉnh Đề án, trình Thủ tướng Chính phủ.'), '2022-07-02', ['Bộ Y tế']))
      .toEqual([{ text: 'Trong tháng 7 năm 2022,Bộ Y tế chủ trì, phối hợp với Bộ Tài chính hoàn chỉnh Đề án, trình Thủ tướng Chính phủ.', lead: ['Bộ Y tế'], deadline: '2022-07-31' }]);
    expect(leadOf('Trong tháng 1 năm 2008,Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Văn phòng Chính phủ hoàn chỉnh Đề án.')?.lead.map((b) => b.text)).toEqual(['Bộ Kế hoạch và Đầu tư']);
  });
  it('takes what is agreed to ("Đồng ý kết quả ...", "Đồng ý chưa thu hồi ...") for no task, and "Ủy quyền X phê duyệt ..." for X\'s', () => {
    const items = (a: string, b: string) => tasks(vpcp(`1. ${a}\n\n2. ${b}`), '2022-07-02', ['Bộ Y tế']);
    expect(items('Đồng ý kết quả khoanh định khu vực cấm hoạt động khoáng sản trên địa bàn tỉnh như đề nghị của Bộ Y tế.', 'Ủy quyền Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn phê duyệt danh mục khu vực cấm hoạt động khoáng sản trên địa bàn tỉnh.').map((t) => t.lead))
      .toEqual([['Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn']]);
    expect(items('Đồng ý chưa thu hồi trong năm 2022: 50 tỷ đồng tỉnh Quảng Ngãi đã ứng trước từ ngân sách trung ương.', 'Bộ Tài chính bố trí vốn hoàn trả số vốn tạm ứng nêu trên.').map((t) => t.lead))
      .toEqual([['Bộ Tài chính']]);
    // an approval that sets when the work it allows is done still asks for it
    expect(items('Đồng ý tổ chức Hội nghị tổng kết công tác tiêm chủng trong tháng 8 năm 2022.', 'Bộ Tài chính bố trí kinh phí.')).toHaveLength(2);
  });
  it('takes a letter\'s closing for its task when it is the one request, of bodies it names', () => {
    const letter = (closing: string) => `BẢO HIỂM XÃ HỘI VIỆT NAM\nSố: 2855/BHXH-CST\nV/v sử dụng mẫu sổ BHXH\nHà Nội, ngày 21 tháng 7 năm 2011\nKính gửi:\n- Bảo hiểm xã hội Bộ Quốc phòng;\n- Bảo hiểm xã hội Công an nhân dân.\n\nNgày 28/9/2009 Bảo hiểm xã hội Việt Nam có công văn số 3456/BHXH-CST đồng ý để BHXH Bộ Quốc phòng được sử dụng mẫu sổ BHXH cũ đến hết năm 2010.\n\n${closing}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;
    const recipients = ['Bảo hiểm xã hội Bộ Quốc phòng', 'Bảo hiểm xã hội Công an nhân dân'];
    expect(tasks(letter('Đề nghị BHXH Bộ Quốc phòng, BHXH Công an nhân dân căn cứ nội dung nêu trên tổ chức thực hiện./.'), '2011-07-21', recipients).map((t) => t.lead))
      .toEqual([['BHXH Bộ Quốc phòng', 'BHXH Công an nhân dân']]);
    // a closing that asks no one by name, or a letter without Kính gửi, gives none
    expect(tasks(letter('Đề nghị các cơ quan, đơn vị quan tâm thực hiện./.'), '2011-07-21', recipients)).toEqual([]);
    expect(tasks(letter('Đề nghị BHXH Bộ Quốc phòng, BHXH Công an nhân dân căn cứ nội dung nêu trên tổ chức thực hiện./.'), '2011-07-21', [])).toEqual([]);
    // a letter with a task of its own keeps its closing a closing
    const asked = letter('Đề nghị BHXH Bộ Quốc phòng, BHXH Công an nhân dân căn cứ nội dung nêu trên tổ chức thực hiện./.').replace('đến hết năm 2010.', 'đến hết năm 2010.\n\nĐề nghị BHXH Bộ Quốc phòng báo cáo số sổ đã cấp trước ngày 30/8/2011.');
    expect(tasks(asked, '2011-07-21', recipients).map((t) => t.deadline)).toEqual(['2011-08-30']);
  });
});

describe('orders to a body a portal copy glued, or named for its place (kept-aside sets 10, 14)', () => {
  it('reads an order that opens with a glued body name ("Ủyban nhân dân tỉnh ...", "BộCông Thương ...")', () => {
    expect(tasks(vpcp('BộCông Thương nghiên cứu giải quyết các đề xuất của Phòng Thương mại và Công nghiệp Việt Nam.'), '2022-07-02', ['Bộ Y tế']).map((t) => t.lead))
      .toEqual([['Bộ Công Thương']]);
  });
  it('ends a body named for its place at the place\'s name, whatever verb follows', () => {
    expect(tasks(vpcp('Ủyban nhân dân tỉnh Tây Ninh tính toán lại các chỉ tiêu về đất để lập điều chỉnh quy hoạch sử dụng đất.'), '2022-07-02', ['Bộ Y tế']).map((t) => t.lead))
      .toEqual([['Ủy ban nhân dân tỉnh Tây Ninh']]);
    expect(leadOf('Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu tính toán lại nhu cầu vốn.')?.lead.map((b) => b.text)).toEqual(['Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu']);
    // another body joined to it, or a verb before the place, is not such a name
    expect(leadOf('Ủy ban nhân dân tỉnh Tây Ninh và Sở Tài chính tỉnh Tây Ninh phối hợp tính toán lại nhu cầu vốn.')?.lead.map((b) => b.text)).toEqual(['Ủy ban nhân dân tỉnh Tây Ninh', 'Sở Tài chính tỉnh Tây Ninh']);
    expect(leadOf('Sở Y tế chủ trì kiểm tra tại tỉnh Lâm Đồng các cơ sở y tế.')?.lead.map((b) => b.text)).toEqual(['Sở Y tế']);
  });
});

describe('the Government office forwards: "Chuyển Bộ X nghiên cứu, xử lý ..." (kept-aside set 20)', () => {
  it('is a task of the body it forwards to', () => {
    expect(tasks(vpcp('Chuyển Bộ Giao thông vận tải nghiên cứu, xử lý theo thẩm quyền, trình Thủ tướng Chính phủ những vấn đề vượt thẩm quyền.'), '2022-07-02', ['Bộ Y tế']).map((t) => t.lead))
      .toEqual([['Bộ Giao thông vận tải']]);
    // "Chuyển đổi ...", "Chuyển giao ..." are no forwarding
    expect(leadOf('Chuyển đổi số là nhiệm vụ trọng tâm của các cơ quan.')?.rule ?? null).not.toBe('lead.giao');
    expect(tasks(vpcp('Chuyển đổi số là nhiệm vụ trọng tâm của các cơ quan.'), '2022-07-02', ['Bộ Y tế'])).toEqual([]);
  });
});

describe('items of a guidance letter (kept-aside set 22)', () => {
  const guide = (items: string) => `BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI\nSố: 1848/BHXH-KHTC\nV/v chi trả lương hưu\nHà Nội, ngày 20 tháng 12 năm 2011\nKính gửi:\n- Giám đốc Bảo hiểm xã hội các quận, huyện, thị xã;\n- Trưởng các phòng nghiệp vụ.\n\nBHXH thành phố Hà Nội hướng dẫn BHXH các quận, huyện, thị xã thực hiện như sau:\n\n${items}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`;
  it('takes "Thời gian ...: <body> <verb> ..." for the body\'s task, not for the group\'s time', () => {
    const t = tasks(guide('1. Thời gian chi trả: BHXH các quận, huyện, thị xã tổ chức chi trả lương hưu tháng 01 năm 2012 từ ngày 05/01/2012 đến trước ngày 10/01/2012.\n\n2. Tổ chức thực hiện: BHXH các quận, huyện, thị xã phối hợp với Ngân hàng chi trả kịp thời.'), '2011-12-20', ['Giám đốc Bảo hiểm xã hội các quận, huyện, thị xã']);
    expect(t.map((x) => [x.lead, x.deadline])).toEqual([[['BHXH các quận, huyện, thị xã'], '2012-01-10'], [['BHXH các quận, huyện, thị xã'], null]]);
    // an item that only gives the time still times the others
    const timed = tasks(guide('1. Thời gian thực hiện: trước ngày 10/01/2012.\n\n2. BHXH các quận, huyện, thị xã phối hợp với Ngân hàng chi trả kịp thời.'), '2011-12-20', ['Giám đốc Bảo hiểm xã hội các quận, huyện, thị xã']);
    expect(timed.map((x) => [x.lead, x.deadline])).toEqual([[['BHXH các quận, huyện, thị xã'], '2012-01-10']]);
  });
  it('finds the body after a frame in lower case with no comma ("Căn cứ vào tình hình thực tế BHXH các quận ... chủ động ...")', () => {
    expect(leadOf('Căn cứ vào tình hình thực tế BHXH các quận, huyện, thị xã chủ động phối hợp với Ngân hàng nơi mở tài khoản.')?.lead.map((b) => b.text)).toEqual(['BHXH các quận, huyện, thị xã']);
    // a frame that names a document, with capitals, is not read this way
    expect(leadOf('Căn cứ Kế hoạch của UBND tỉnh triển khai thực hiện.')?.lead ?? []).toEqual([]);
  });
});

describe('a leader\'s lead-in run into its first order (kept-aside set 4)', () => {
  it('reads the order after "... có ý kiến như sau:" on the same line, not the lead-in as the doer', () => {
    expect(leadOf('UBND tỉnh có ý kiến như sau: Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan liên quan triển khai.')?.lead.map((b) => b.text)).toEqual(['Sở Thông tin và Truyền thông']);
    // an ask before the colon keeps its doer
    expect(leadOf('Giao Sở Y tế thực hiện các nội dung sau: tổ chức tiêm chủng.')?.lead.map((b) => b.text)).toEqual(['Sở Y tế']);
  });
});

describe('a consent that names the body to do the work (kept-aside sets 10 and 17)', () => {
  const items = (a: string) => tasks(vpcp(`1. ${a}\n\n2. Bộ Tài chính bố trí kinh phí.`), '2022-07-02', ['Bộ Y tế']).map((t) => t.lead);
  it('is that body\'s task: "Đồng ý Ủy ban nhân dân tỉnh Thái Nguyên lập Đề án ..."', () => {
    expect(items('Đồng ý Ủy ban nhân dân tỉnh Thái Nguyên lập Đề án Bảo vệ và Phát triển rừng Khu ATK Định Hóa.')).toEqual([['Ủy ban nhân dân tỉnh Thái Nguyên'], ['Bộ Tài chính']]);
    expect(items('Đồng ý Bộ Lao động - Thương binh và Xã hội tổ chức Hội nghị Bộ trưởng lao động và phúc lợi xã hội.')).toEqual([['Bộ Lao động - Thương binh và Xã hội'], ['Bộ Tài chính']]);
  });
  it('must not: a body let decide or be given something, or a consent to a result', () => {
    expect(items('Đồng ý Ủy ban nhân dân tỉnh Lào Cai quyết định chuyển mục đích sử dụng 29,75 ha đất rừng.')).toEqual([['Bộ Tài chính']]);
    expect(items('Chấp thuận cho Trung tâm Giáo dục Lao động – Tạo việc làm của tỉnh được thu tiền ăn đối với học viên.')).toEqual([['Bộ Tài chính']]);
    expect(items('Đồng ý kết quả khoanh định khu vực cấm hoạt động khoáng sản.')).toEqual([['Bộ Tài chính']]);
  });
});

describe('a consent paragraph after "... có ý kiến như sau:" that names the body to act (kept-aside set 10)', () => {
  it('is that body\'s task, its name read with the glued words split', () => {
    expect(tasks(vpcp('Đồng ý Ủy ban nhân dân tỉnhQuảng Ngãi tiếp tục triển khai thực hiện Dự án đầu tư hạ tầng Khu nhà ở công nhân.'), '2022-07-02', ['Ủy ban nhân dân tỉnh Quảng Ngãi']).map((t) => t.lead))
      .toEqual([['Ủy ban nhân dân tỉnh Quảng Ngãi']]);
    expect(tasks(vpcp('Đồng ý Ủy ban nhân dân tỉnh Lào Cai quyết định chuyển mục đích sử dụng 29,75 ha đất trồng lúa.'), '2022-07-02', ['Ủy ban nhân dân tỉnh Lào Cai'])).toEqual([]);
  });
});

describe('a second order in one paragraph, opened by a connective (kept-aside set 14)', () => {
  it('is its own task when it names another body: "... Trước mắt, Ủy ban nhân dân tỉnh Yên Bái thực hiện ..."', () => {
    const t = tasks(vpcp('Bộ Kế hoạch và Đầu tư phối hợp với Bộ Tài chính xem xét, tổng hợp Dự án nêu trên vào danh mục vốn năm 2012 nếu đủ điều kiện. Trước mắt, Ủy ban nhân dân tỉnh Yên Bái thực hiện việc phân bổ vốn theo Quyết định số 184/QĐ-TTg.'), '2022-07-02', ['Bộ Y tế']);
    expect(t.map((x) => x.lead)).toEqual([['Bộ Kế hoạch và Đầu tư'], ['Ủy ban nhân dân tỉnh Yên Bái']]);
    // the same body again: one task
    const same = tasks(vpcp('Bộ Y tế khẩn trương hoàn thiện hồ sơ. Đồng thời, Bộ Y tế báo cáo Thủ tướng Chính phủ kết quả.'), '2022-07-02', ['Bộ Y tế']);
    expect(same).toHaveLength(1);
  });
});

describe('an item that only gives the time times the items under its siblings too (kept-aside sets 4 and 14)', () => {
  it('"2. Thời gian lấy ý kiến: ..." over "3. Giao:" and its bullets', () => {
    const text = 'ỦY BAN NHÂN DÂN HUYỆN CHỢ ĐỒN\nSố: 12/TB-UBND\nChợ Đồn, ngày 14 tháng 3 năm 2025\nTHÔNG BÁO\nVề việc tổ chức lấy ý kiến về Kế hoạch sử dụng đất năm 2025\n1. Hồ sơ lấy ý kiến bao gồm: Báo cáo thuyết minh; Bản đồ.\n2. Thời gian lấy ý kiến: từ ngày 17/3/2025 đến ngày 05/4/2025.\n3. Giao:\n- Phòng Nông nghiệp và Môi trường huyện tiếp nhận các ý kiến góp ý, hoàn thiện hồ sơ.\n- UBND các xã, thị trấn tổ chức lấy ý kiến của nhân dân trên địa bàn.\nNơi nhận:\n- Lưu: VT.';
    expect(tasks(text, '2025-03-14').map((t) => [t.lead, t.deadline])).toEqual([
      [['Phòng Nông nghiệp và Môi trường huyện'], '2025-04-05'],
      [['UBND các xã, thị trấn'], '2025-04-05'],
    ]);
  });
});
