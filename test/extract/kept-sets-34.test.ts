/**
 * Rules read from what heldout71 (corpus/kept) missed, each with cases that must match and must not: a news page's paragraphs
 * that give the letter it tells of in the letter's words, a copy that keeps only a list of who does what, a heading that names a
 * body and what it is to do over its items, "Đối với X" and X's verb, an office holder who gives work to a body, the statistics
 * offices after the 2025 reorganisation; and from heldout73: a portal line "Công văn 1347/CV-UBND ngày ..." without "số", an ask
 * of bodies before a colon and a time, an ask to pass the word on "cho" those who are to know, an ask of collectives with a verb
 * no list holds, a copy that starts with a short ask.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';
import { leadOf } from '../../src/extract/agencies.js';
import { extractHeader } from '../../src/extract/header.js';
import { isClosing } from '../../src/extract/tasks.js';
import { findDeadlines, pickDeadline } from '../../src/extract/deadlines.js';
import { unglue } from '../../src/normalise/syllables.js';

const tasksOf = (text: string) => extract(model(text)).tasks;
const brief = (text: string) => tasksOf(text).map((t) => ({ text: t.text.slice(0, 30), lead: t.lead.map((l) => l.name), deadline: t.deadline?.date ?? null }));

describe('a news page that tells of a letter, then gives its orders in its words', () => {
  const page = [
    'Tăng cường phòng, chống dịch bệnh trên cây lúa',
    '',
    'Ngày 12/3/2024, UBND huyện Hải Lăng vừa có văn bản yêu cầu các xã, thị trấn chủ động triển khai các biện pháp phòng, chống dịch bệnh trên cây lúa vụ Đông Xuân.',
    '',
    'Các địa phương tăng cường kiểm tra đồng ruộng, phát hiện sớm sâu bệnh, hướng dẫn nông dân phun thuốc đúng quy trình, đúng liều lượng.',
    '',
    'Quản lý chặt chẽ việc buôn bán thuốc bảo vệ thực vật trên địa bàn; xử lý nghiêm các trường hợp kinh doanh thuốc không rõ nguồn gốc.',
    '',
    'Theo đó, Trạm Trồng trọt và Bảo vệ thực vật huyện cử cán bộ bám sát địa bàn, hướng dẫn các xã kỹ thuật phòng trừ.',
    '',
    'BBT',
  ].join('\n');
  it('each paragraph after the telling sentence is a task; a generic doer is whom the letter asks', () => {
    expect(brief(page)).toEqual([
      { text: 'Các địa phương tăng cường kiểm', lead: ['các xã, thị trấn'], deadline: null },
      { text: 'Quản lý chặt chẽ việc buôn bán', lead: ['các xã, thị trấn'], deadline: null },
      { text: 'Theo đó, Trạm Trồng trọt và Bả', lead: ['Trạm Trồng trọt và Bảo vệ thực vật huyện'], deadline: null },
    ]);
  });
  it('the telling sentence itself, without its number, is no task ("... có văn bản chỉ đạo các địa phương ...")', () => {
    const told = 'Ngày 17/5/2023, UBND huyện Cam Lộ có văn bản chỉ đạo các địa phương, đơn vị liên quan tăng cường công tác phòng, chống dịch bệnh trên đàn gia súc.\n\nCác địa phương trong huyện rà soát tổng đàn, tổ chức tiêm phòng đợt 1 cho đàn trâu, bò, lợn bảo đảm tỷ lệ tiêm đạt trên 80%.';
    expect(brief(told)).toEqual([{ text: 'Các địa phương trong huyện rà ', lead: ['Các địa phương trong huyện'], deadline: null }]);
  });
  it('must not: what the bodies did, a line of the page\'s chrome, or a paragraph that tells no letter before it', () => {
    const done = page.replace('Các địa phương tăng cường kiểm tra', 'Các địa phương đã tăng cường kiểm tra').replace('Theo đó, Trạm Trồng trọt và Bảo vệ thực vật huyện cử', 'Theo đó, Trạm Trồng trọt và Bảo vệ thực vật huyện đã cử');
    expect(brief(done).map((t) => t.text)).toEqual(['Quản lý chặt chẽ việc buôn bán']);
    expect(brief(page.replace('BBT', 'Thống kê truy cập'))).toHaveLength(3);
    const untold = 'Tình hình sâu bệnh trên lúa vụ Đông Xuân năm nay diễn biến phức tạp, diện tích nhiễm rầy nâu tăng gấp đôi so với cùng kỳ năm trước ở nhiều xã.\n\nCác địa phương tăng cường kiểm tra đồng ruộng, phát hiện sớm sâu bệnh, hướng dẫn nông dân phun thuốc đúng quy trình.';
    expect(brief(untold)).toEqual([]);
  });
  it('a paragraph that only says where and by when to send gives the request before it its time', () => {
    const sendBy = 'Nay Ban quản lý đề nghị các doanh nghiệp đang hoạt động tại các khu công nghiệp báo cáo tình hình sử dụng lao động năm 2023 theo mẫu đính kèm.\n\nDoanh nghiệp hoàn tất báo cáo và gửi về Phòng Quản lý lao động, số 12 Lê Lợi, TP. Đông Hà hoặc qua thư điện tử trước ngày 15/01/2024.';
    expect(brief(sendBy)).toEqual([{ text: 'Nay Ban quản lý đề nghị các do', lead: ['các doanh nghiệp đang hoạt động tại các khu công nghiệp'], deadline: '2024-01-15' }]);
  });
});

describe('a copy that keeps only a list of who does what', () => {
  it('two or more dash lines that open with a body and its verb are tasks, no lead-in above them', () => {
    const list = '- Chủ tịch UBND các xã ven biển tăng cường chỉ đạo, quản lý nuôi trồng thủy sản; hướng dẫn người nuôi xử lý ao nuôi bị bệnh.\n- Trưởng phòng Phòng Kinh tế huyện tham mưu các giải pháp nuôi trồng thủy sản bền vững.\n- Trưởng trạm Chăn nuôi và Thú y huyện cung ứng hóa chất xử lý môi trường ao nuôi cho các xã.\nTác giả bài viết: Minh Anh';
    expect(brief(list).map((t) => t.lead)).toEqual([['Chủ tịch UBND các xã ven biển'], ['Trưởng phòng Phòng Kinh tế huyện'], ['Trưởng trạm Chăn nuôi và Thú y huyện']]);
  });
  it('must not: dash lines that tell what was done, or a single ordering line among others', () => {
    expect(brief('- Sở Y tế đã tổ chức 12 đợt kiểm tra an toàn thực phẩm.\n- Sở Công Thương đã kiểm tra 240 cơ sở kinh doanh.\n- Công an tỉnh đã xử lý 35 vụ vi phạm.')).toEqual([]);
    expect(brief('- Năm 2023 toàn tỉnh có 1.200 ha nuôi tôm.\n- Sở Nông nghiệp tăng cường kiểm tra con giống nhập vào tỉnh.\n- Diện tích bị bệnh giảm 30% so với năm trước.')).toEqual([]);
  });
});

describe('a heading that names a body and what it is to do over its items', () => {
  it('"1. Phòng X tham mưu Hội đồng ... thực hiện:" gives its items Phòng X', () => {
    const text = 'Ủy ban nhân dân huyện có ý kiến như sau:\n1. Phòng Nội vụ - Lao động Thương binh và Xã hội tham mưu Hội đồng Thi đua - Khen thưởng huyện thực hiện:\n- Đẩy mạnh công tác tuyên truyền phong trào thi đua yêu nước trên địa bàn huyện.\n- Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.\n2. Phòng Văn hóa và Thông tin đăng tải Đề cương tuyên truyền lên trang thông tin điện tử của huyện.';
    expect(brief(text).map((t) => t.lead)).toEqual([['Phòng Nội vụ - Lao động Thương binh và Xã hội'], ['Phòng Nội vụ - Lao động Thương binh và Xã hội'], ['Phòng Văn hóa và Thông tin']]);
  });
  it('must not: a heading whose body asks or gives its opinion ("UBND huyện có ý kiến như sau:", "Sở X đề nghị:")', () => {
    const opinion = '1. UBND huyện có ý kiến như sau:\n- Đẩy mạnh công tác tuyên truyền phong trào thi đua yêu nước trên địa bàn huyện.\n- Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.';
    expect(brief(opinion).flatMap((t) => t.lead)).not.toContain('UBND huyện');
    const asks = '1. Sở Tài chính đề nghị:\n- Các đơn vị rà soát dự toán chi thường xuyên năm 2024.\n- Báo cáo kết quả trước ngày 30/6/2024.';
    expect(brief(asks).flatMap((t) => t.lead)).not.toContain('Sở Tài chính');
  });
});

describe('who leads', () => {
  it('"Đối với X" and X\'s verb: X ("Đối với các đơn vị giáo dục trực thuộc Sở tổ chức ...")', () => {
    expect(leadOf('Đối với các đơn vị giáo dục trực thuộc Sở tổ chức quán triệt, tuyên truyền, phổ biến Thông tư số 29/2024/TT-BGDĐT đến toàn thể giáo viên.')?.lead.map((b) => b.text)).toEqual(['các đơn vị giáo dục trực thuộc Sở']);
    expect(leadOf('Đối với UBND các xã, phường tổ chức kiểm tra việc dạy thêm trên địa bàn.')?.lead.map((b) => b.text)).toEqual(['UBND các xã, phường']);
  });
  it('must not: "Đối với các trường hợp ..." (cases, no body), or a frame ended by a comma before its subject', () => {
    expect(leadOf('Đối với các trường hợp sinh viên hoãn thi có đầy đủ minh chứng;')?.lead.map((b) => b.text) ?? []).toEqual([]);
    expect(leadOf('Đối với các dự án chậm tiến độ, Sở Xây dựng chủ trì kiểm tra, đề xuất xử lý.')?.lead.map((b) => b.text)).toEqual(['Sở Xây dựng']);
  });
  it('an office holder who gives work to a body: the body ("Phó Chủ tịch UBND tỉnh giao Thống kê tỉnh chủ trì ...")', () => {
    expect(leadOf('Phó Chủ tịch UBND tỉnh Quảng Trị giao Thống kê tỉnh chủ trì, phối hợp các sở, ngành tham mưu thành lập Ban chỉ đạo điều tra.')?.lead.map((b) => b.text)).toEqual(['Thống kê tỉnh']);
    expect(leadOf('Thống kê tỉnh chủ trì tổng hợp số liệu điều tra.')?.lead.map((b) => b.text)).toEqual(['Thống kê tỉnh']);
  });
  it('must not: the statistics as a subject matter ("Thống kê số liệu ...") is no body', () => {
    expect(leadOf('Thống kê số liệu hộ nghèo trên địa bàn và báo cáo UBND huyện.')?.lead.length ?? 0).toBe(0);
  });
});

describe('heldout73: a portal copy of a letter and a ward\'s notice', () => {
  it('a portal line naming the letter without "số": its number, date, issuer and subject', () => {
    const h = extractHeader(model('2019-08-14 09:17:48 Số lượt xem 740\nCông văn 1347/CV-UBND ngày 31/5/2019 của UBND Thành phố về việc không treo băng rôn cắt ngang các tuyến phố:\nChủ tịch UBND Thành phố có ý kiến như sau:\n1. Đề nghị các phòng, ban Thành phố thực hiện.'));
    expect({ number: h.number?.value, symbol: h.symbol?.value, date: h.date?.value, issuer: h.issuer?.value, subject: h.subject?.value })
      .toEqual({ number: '1347', symbol: 'CV-UBND', date: '2019-05-31', issuer: 'Ủy ban nhân dân Thành phố', subject: 'không treo băng rôn cắt ngang các tuyến phố' });
  });
  it('must not: a line that only names a type and a year ("Kế hoạch năm 2019 của UBND xã")', () => {
    expect(extractHeader(model('Kế hoạch năm 2019 của UBND xã về phòng chống thiên tai\nUBND xã yêu cầu:\n1. Các thôn rà soát hộ dân vùng trũng.')).number).toBeNull();
  });
  it('an ask of bodies before a colon, the work after it in lower case behind a time', () => {
    expect(leadOf('Đề nghị các cơ quan, đơn vị đóng trên địa bàn Thành phố, các phòng, ban, đoàn thể Thành phố, UBND các xã, phường: kể từ ngày 1/6/2019, không treo băng rôn cắt ngang đường.')?.lead.map((b) => b.text))
      .toEqual(['các cơ quan, đơn vị đóng trên địa bàn Thành phố', 'các phòng, ban, đoàn thể Thành phố', 'UBND các xã, phường']);
    expect(leadOf('Đề nghị các Bộ: Công an, Tài chính có ý kiến trước ngày 15/3.')?.lead.map((b) => b.text)).toEqual(['các Bộ: Công an, Tài chính']);
  });
  it('an ask of collectives whose verb no list holds ("Yêu cầu các cơ sở kinh doanh, các hộ gia đình đổ rác ...")', () => {
    expect(leadOf('Yêu cầu các cơ sở kinh doanh, các hộ gia đình đổ rác đúng thời gian, đúng nơi quy định.')?.lead.map((b) => b.text)).toEqual(['các cơ sở kinh doanh', 'các hộ gia đình']);
    expect(leadOf('Giao trách nhiệm cho bộ phận Địa chính - Xây dựng phường kiểm tra, xử lý vi phạm.')?.lead.map((b) => b.text)).toEqual(['bộ phận Địa chính - Xây dựng phường']);
  });
  it('must not: an ask of things, not bodies ("Đề nghị các nội dung trên được thực hiện nghiêm")', () => {
    expect(leadOf('Đề nghị các nội dung trên được thực hiện nghiêm túc.')?.lead.length ?? 0).toBe(0);
  });
  it('an ask to pass the word on "cho" those who are to know is work, not a closing', () => {
    expect(isClosing('Đề nghị Tổ trưởng 08 Tổ dân phố thông báo cho các hộ gia đình trên địa bàn được biết và thực hiện đúng thời gian quy định.')).toBe(false);
    expect(isClosing('Đề nghị các cơ quan, đơn vị nghiêm túc thực hiện.')).toBe(true);
  });
  it('a copy that starts below the notice\'s title: its tasks from the first short ask on', () => {
    const notice = '- Giờ thu gom rác mùa hè từ ngày 01/4 đến ngày 30/9.\n(Đính kèm lịch thu gom rác)\nYêu cầu các cơ sở kinh doanh, các hộ gia đình đổ rác đúng thời gian, đúng nơi quy định.\nĐề nghị Tổ trưởng các Tổ dân phố thông báo cho các hộ gia đình trên địa bàn được biết và thực hiện đúng quy định của phường về thu gom rác thải sinh hoạt.';
    expect(brief(notice).map((t) => t.lead)).toEqual([['các cơ sở kinh doanh', 'các hộ gia đình'], ['Tổ trưởng các Tổ dân phố']]);
  });
});

describe('deadlines the kept sets gave that were missed (pooled over heldout33-73)', () => {
  const when = (text: string, year = 2022) => {
    const d = pickDeadline(findDeadlines(text, year, {}));
    return d ? { kind: d.kind, date: d.date, text: d.text } : null;
  };
  it('a scan\'s "frong" for "trong", the text kept as printed', () => {
    expect(when('Hoàn thành việc điều chỉnh quy hoạch tỉnh frong tháng 01/2026.')).toEqual({ kind: 'within', date: '2026-01-31', text: 'frong tháng 01/2026' });
    expect(when('Tổ chức rà soát các dự án, hoàn thành frong Quý 1/2026.')).toMatchObject({ kind: 'within', date: '2026-03-31' });
  });
  it('a day given with its weekday is the day the work is done on', () => {
    expect(when('Tổ chức đồng loạt các hoạt động hưởng ứng. Ngày 22/7/2018 (Chủ nhật).')).toMatchObject({ kind: 'within', date: '2018-07-22' });
    expect(when('Các đội tập trung tại sân trường vào sáng Thứ Bảy, ngày 05/8/2023.')).toMatchObject({ kind: 'within', date: '2023-08-05' });
  });
  it('must not: a weekday\'s day in what was done, or the day off a notice tells of', () => {
    expect(when('Hội nghị đã diễn ra thứ Hai ngày 3/4/2023 tại hội trường.')).toBeNull();
    expect(when('Đề nghị Chủ tịch UBND các quận chỉ đạo các trường thông báo cho học sinh nghỉ học ngày thứ hai, 26 tháng 11 năm 2018.')).toBeNull();
  });
  it('a span in brackets that is all they hold; not one inside an aside\'s words', () => {
    expect(when('Sở Tài nguyên và Môi trường tổ chức Lễ ra quân hưởng ứng Chiến dịch (từ ngày 18 - 20/9/2020).')).toMatchObject({ kind: 'within', date: '2020-09-20' });
    expect(when('Sở Tài nguyên và Môi trường tổng hợp kết quả (số liệu thống kê từ ngày 18 - 20/9/2020).')).toBeNull();
  });
  it('"trong phạm vi trách nhiệm quản lý" after a name is no part of it', () => {
    expect(leadOf('Bộ Công Thương, Ủy ban nhân dân tỉnh Quảng Ninh trong phạm vi trách nhiệm quản lý, kiểm điểm trách nhiệm và có biện pháp khắc phục tình trạng khai thác than trái phép.')?.lead.map((b) => b.text))
      .toEqual(['Bộ Công Thương', 'Ủy ban nhân dân tỉnh Quảng Ninh']);
  });
});

describe('heldout75: portal and news copies of provincial letters', () => {
  const head = (text: string) => {
    const h = extractHeader(model(text));
    return { number: h.number?.value ?? null, symbol: h.symbol?.value ?? null, date: h.date?.value ?? null };
  };
  it('the page names its source under the text: "(Nguồn: Công văn số 2055/UBND-TTTH)", "(Nguồn công văn số 2983/UBND-VP - 22/09/2020)"', () => {
    const body = 'Vừa qua, UBND tỉnh đã có công văn chỉ đạo về việc mở rộng gửi nhận văn bản điện tử.\n\nTheo đó, Chủ tịch UBND tỉnh đề nghị Giám đốc các sở chỉ đạo cơ quan mình thực hiện ký số văn bản điện tử.\n\n';
    expect(head(`${body}(Nguồn: Công văn  số 2055/UBND-TTTH)\n\nCác tin khác`)).toEqual({ number: '2055', symbol: 'UBND-TTTH', date: null });
    expect(head(`${body}(Nguồn công văn số 2983/UBND-VP - 22/09/2020)\n\nĐánh giá`)).toEqual({ number: '2983', symbol: 'UBND-VP', date: '2020-09-22' });
  });
  it('must not: a letter cited in brackets without "Nguồn" or "Theo" ("(Công văn số 12/UBND-VX)") names no document', () => {
    expect(head('Vừa qua, UBND tỉnh đã có công văn chỉ đạo về việc mở rộng gửi nhận văn bản điện tử.\n\nCác sở thực hiện theo hướng dẫn trước đây (Công văn số 12/UBND-VX).\n\n(Công văn số 12/UBND-VX)').number).toBeNull();
  });
  it('a news page\'s "... vừa có văn bản giao Sở X chủ trì ...": the task from "giao", led by Sở X', () => {
    const page = 'Thực hiện Công điện số 05/CĐ-LĐTBXH ngày 23-6-2020 của Bộ Lao động - Thương binh và Xã hội, UBND thành phố vừa có văn bản giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ngành liên quan đẩy mạnh triển khai thực hiện Công điện số 05/CĐ-LĐTBXH.';
    expect(brief(page)).toEqual([{ text: 'giao Sở Lao động - Thương binh', lead: ['Sở Lao động - Thương binh và Xã hội'], deadline: null }]);
  });
  it('must not: "có văn bản chỉ đạo các địa phương ..." as a task when the paragraphs after it give the orders', () => {
    const page = 'Ngày 12/3/2024, UBND huyện có văn bản chỉ đạo các xã, thị trấn tăng cường phòng, chống dịch bệnh trên đàn gia súc, gia cầm trên địa bàn huyện.\n\nCác địa phương tổ chức tiêm phòng đợt 1 cho đàn gia súc, gia cầm, bảo đảm tỷ lệ tiêm đạt trên 80%.';
    expect(brief(page).map((t) => t.text)).toEqual(['Các địa phương tổ chức tiêm ph']);
  });
  it('"Yêu cầu X, Y sử dụng ..." leads with X and Y', () => {
    expect(leadOf('Yêu cầu Trưởng các phòng, ban, đơn vị thuộc huyện, UBND các xã, thị trấn sử dụng chữ ký số cá nhân để ký số trên tờ trình.')?.lead.map((b) => b.text)).toEqual(['Trưởng các phòng, ban, đơn vị thuộc huyện', 'UBND các xã, thị trấn']);
  });
});

describe('heldout76 and heldout77: Government Office letters, provincial news pages', () => {
  const head = (text: string) => {
    const h = extractHeader(model(text));
    return { number: h.number?.value ?? null, date: h.date?.value ?? null, issuer: h.issuer?.value ?? null };
  };
  it('a news item\'s first sentence that dates a letter it does not number gives the day and the body', () => {
    expect(head('10:09, 03/09/2021\n\nTăng cường quản lý chất thải y tế\n\nNgày 30-8, UBND tỉnh Khánh Hòa có văn bản giao Sở Y tế chủ trì phối hợp các đơn vị thu gom chất thải y tế.'))
      .toEqual({ number: null, date: '2021-08-30', issuer: 'UBND tỉnh Khánh Hòa' });
  });
  it('must not: a dated sentence about an event, or a day with no year anywhere on the page', () => {
    expect(head('Tin hoạt động\n\nNgày 30/8/2021, Hội nghị tổng kết công tác phòng chống dịch được tổ chức tại hội trường.').date).toBeNull();
    expect(head('Tin hoạt động\n\nNgày 30-8, UBND tỉnh có văn bản giao Sở Y tế chủ trì thu gom chất thải y tế.').date).toBeNull();
    expect(head('Kính gửi: Các đơn vị trực thuộc.\n\nNgày 30/8/2021, UBND tỉnh có văn bản giao Sở Y tế chủ trì thu gom chất thải y tế. Đề nghị các đơn vị thực hiện.').date).toBeNull();
  });
  it('a numbered news lead under the page\'s chrome, when its sentence opens with the day', () => {
    const chrome = 'PublishingPortal - Block_BanTin_Toolbar\n\n25/11/2021\nTăng cỡ chữ Giảm cỡ chữ\nTriển khai phong trào Tết vì người nghèo năm 2022\nUBND tỉnh yêu cầu triển khai phong trào Tết vì người nghèo năm 2022 bảo đảm đồng bộ, thống nhất, khắc phục tình trạng chồng chéo, trùng lặp trong vận động nguồn lực và trao tặng quà Tết cho người nghèo trên địa bàn tỉnh.\n\n PublishingPortal - Block_BanTin_ViewData\n\n';
    expect(head(`${chrome}Ngày 25/11/2021, UBND tỉnh ban hành Công văn số 7934/UBND-VXNV về triển khai phong trào Tết vì người nghèo năm 2022.`))
      .toMatchObject({ number: '7934', date: '2021-11-25' });
  });
  it('a paragraph a page prints twice is one task; a schedule\'s same line on two days is two', () => {
    const twice = 'Ngày 30-8, UBND tỉnh có văn bản giao Sở Y tế chủ trì phối hợp Sở Tài nguyên và Môi trường thu gom, xử lý chất thải y tế phát sinh trong phòng, chống dịch.';
    expect(brief(`10:09, 03/09/2021\n\n${twice}\n\n${twice}`)).toHaveLength(1);
    const schedule = 'KẾ HOẠCH\nTuần sinh hoạt công dân\nII. NỘI DUNG\n1. Ngày 24/8/2026: GVCN các lớp ổn định tổ chức lớp.\n2. Ngày 25/8/2026: GVCN các lớp ổn định tổ chức lớp.';
    expect(brief(schedule).length).toBe(2);
  });
  it('a mass organisation\'s central body, who gave a body its work, and "làm rõ" as an ask', () => {
    expect(leadOf('Trung ương Hội Người cao tuổi Việt Nam phối hợp với các cơ quan liên quan chuẩn bị kỷ niệm.')?.lead.map((b) => b.text)).toEqual(['Trung ương Hội Người cao tuổi Việt Nam']);
    expect(leadOf('Phòng Văn hóa và Thông tin được UBND huyện giao chủ trì, phối hợp với Công an huyện kiểm tra.')?.lead.map((b) => b.text)).toEqual(['Phòng Văn hóa và Thông tin']);
    expect(leadOf('UBND huyện yêu cầu UBND xã Ninh Hải làm rõ trách nhiệm các tập thể, cá nhân.')?.lead.map((b) => b.text)).toEqual(['UBND xã Ninh Hải']);
  });
  it('must not: "Trung ương" alone, or the Party\'s central committee, as a mass organisation', () => {
    expect(leadOf('Trung ương đã ban hành nhiều chủ trương.')?.lead.length ?? 0).toBe(0);
  });
});

describe('heldout77 and heldout79: an office that conveys directions, an opinion\'s colon, words run into an abbreviation', () => {
  it('a news page\'s "Văn phòng UBND tỉnh thông báo ý kiến của Phó Chủ tịch ... chỉ đạo ..." tells of the letter; its orders follow', () => {
    const page = 'Chỉ đạo quản lý, chăm sóc mộ liệt sĩ\n\nVăn phòng UBND tỉnh thông báo ý kiến của Phó Chủ tịch UBND tỉnh Nguyễn Văn A chỉ đạo quản lý, chăm sóc mộ liệt sĩ (Công văn số 1858/VP-KGVX, ngày 14/5/2019).\n\nSở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các cơ quan liên quan báo cáo thực trạng mộ liệt sĩ, lập kế hoạch tu bổ các công trình ghi công liệt sĩ.';
    expect(brief(page).map((t) => t.lead)).toEqual([['Sở Lao động - Thương binh và Xã hội']]);
  });
  it('must not: one that goes on to ask after its colon ("... thông báo ý kiến của Chủ tịch UBND tỉnh: Giao Sở Tài chính ...")', () => {
    const page = 'Văn phòng UBND tỉnh thông báo ý kiến của Chủ tịch UBND tỉnh: Giao Sở Tài chính chủ trì, phối hợp với các sở liên quan rà soát kinh phí tu bổ nghĩa trang liệt sĩ năm 2019.';
    expect(brief(page).map((t) => t.lead)).toEqual([['Sở Tài chính']]);
  });
  it('an opinion\'s colon before the ask opens the task ("... UBND huyện có ý kiến như sau: Giao UBND các xã ...")', () => {
    const page = 'UBND huyện nhận được Công văn số 181/CV-BQLDA ngày 18/8/2020 của Ban Quản lý dự án về việc thu gom bao gói thuốc bảo vệ thực vật. Qua xem xét nội dung; UBND huyện có ý kiến như sau: Giao UBND các xã, thị trấn chỉ đạo các Hợp tác xã nông nghiệp tổ chức tuyên truyền, vận động người dân.';
    expect(brief(page)).toEqual([{ text: 'Giao UBND các xã, thị trấn chỉ', lead: ['UBND các xã, thị trấn'], deadline: null }]);
  });
  it('a word run into the abbreviation after it is split ("GiaoUBND"); not an abbreviation after no syllable ("iUBND", "TPUBND")', () => {
    expect(unglue('GiaoUBND các xã, thị trấnchỉ đạo các Hợp tác xã')).toBe('Giao UBND các xã, thị trấn chỉ đạo các Hợp tác xã');
    expect(unglue('ứng dụng iUBND Quận 1 và TPUBND')).toBe('ứng dụng iUBND Quận 1 và TPUBND');
  });
  it('a dated reply paragraph outranks the request\'s undated "trước khi trình ban hành"', () => {
    const page = 'Để hoàn thiện Kế hoạch trước khi trình ban hành, Sở Nông nghiệp và PTNT đề nghị các sở, ban, ngành tỉnh tham gia góp ý dự thảo Kế hoạch.\n\nÝ kiến tham gia, góp ý gửi về Sở Nông nghiệp và PTNT (qua Chi cục Phát triển nông thôn, số 47 Trưng Trắc, P. Quang Trung, TP. Hưng Yên. Điện thoại: 0221.3867.486) trước ngày 04/11/2022 để tổng hợp./.';
    expect(brief(page).map((t) => t.deadline)).toEqual(['2022-11-04']);
  });
});

describe('heldout78-81: an item that orders a body over its points, a topic before a colon, a region, "chậm nhất là tháng"', () => {
  const letter = (items: string) => `ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 1305/UBND-KT\nLong Xuyên, ngày 29 tháng 4 năm 2010\nKính gửi:\n- Sở Tài nguyên và Môi trường;\n- UBND huyện, thị xã, thành phố.\nPhó Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:\n\n${items}\n\nNơi nhận:\n- Như trên;`;
  it('a numbered sentence that orders a body is a task, and its points are that body\'s', () => {
    const t = brief(letter('1. UBND huyện, thị xã, thành phố khẩn trương thực hiện các nội dung theo chỉ đạo của UBND tỉnh tại công văn số 620/UBND-KT ngày 04/3/2010.\n\n- Đối với các huyện chưa báo cáo theo đúng thời gian đã quy định thì khẩn trương báo cáo chậm nhất đến ngày 05/4/2010.\n\n2. Sở Tài nguyên và Môi trường đôn đốc các huyện báo cáo đúng thời gian nêu trên.'));
    expect(t.map((x) => x.lead)).toEqual([['UBND huyện, thị xã, thành phố'], ['UBND huyện, thị xã, thành phố'], ['Sở Tài nguyên và Môi trường']]);
    expect(t[1]!.deadline).toBe('2010-04-05');
  });
  it('must not: a sentence whose doer runs on through a verb no list holds ("Mỗi Ban, Bộ, ngành ... bình xét, lựa chọn ...")', () => {
    const t = brief(letter('1. Mỗi Ban, Bộ, ngành và địa phương bình xét, lựa chọn không quá 02 tập thể và 03 cá nhân có thành tích tiêu biểu.\n\n- Tờ trình đề nghị khen thưởng;\n\n- Danh sách đề nghị khen thưởng;'));
    expect(t.map((x) => x.text)).not.toContain('Mỗi Ban, Bộ, ngành và địa phư');
  });
  it('a topic before a colon, then a frame in lower case and the doers: "Về hỗ trợ vốn ...: trước mắt, UBND tỉnh A và các tỉnh vùng B ..."', () => {
    expect(leadOf('Về hỗ trợ vốn cho tỉnh Đắk Lắk và các tỉnh vùng Tây Nguyên thực hiện đầu tư các dự án: trước mắt, Ủy ban nhân dân tỉnh Đắk Lắk và các tỉnh vùng Tây Nguyên sử dụng số vốn đã được giao.')?.lead.map((b) => b.text))
      .toEqual(['Ủy ban nhân dân tỉnh Đắk Lắk', 'các tỉnh vùng Tây Nguyên']);
    expect(leadOf('Các tỉnh vùng đồng bằng sông Cửu Long chủ động triển khai các biện pháp.')?.lead.map((b) => b.text)).toEqual(['Các tỉnh vùng đồng bằng sông Cửu Long']);
  });
  it('must not: "Đối với X ... thì ..." gives X the work (a condition, the consequence has no subject)', () => {
    expect(leadOf('Đối với các huyện chưa báo cáo theo đúng thời gian đã quy định thì khẩn trương báo cáo.')?.rule).not.toBe('lead.forBody');
  });
  it('"chậm nhất là tháng 6/2013" is within that month; "chậm nhất ngày ..." stays a day', () => {
    expect(pickDeadline(findDeadlines('Các tỉnh gửi báo cáo về Bộ chậm nhất là tháng 6/2013.', 2013, {}))).toMatchObject({ kind: 'within', date: '2013-06-30' });
    expect(pickDeadline(findDeadlines('Các tỉnh gửi báo cáo về Bộ chậm nhất ngày 5 tháng 6 năm 2013.', 2013, {}))).toMatchObject({ kind: 'by', date: '2013-06-05' });
  });
});

describe('spans of the doers a news page\'s letter asks', () => {
  it('point at the bodies\' own words in the text', () => {
    const text = 'Tăng cường phòng, chống dịch bệnh thủy sản\n\nUBND huyện vừa có văn bản yêu cầu các xã, thị trấn chủ động triển khai công tác phòng, chống dịch bệnh thủy sản năm 2024.\n\nCác địa phương đẩy mạnh hướng dẫn kê khai ban đầu cho các cơ sở nuôi thủy sản theo đúng quy định.';
    const m = model(text);
    const lead = extract(m).tasks[0]!.lead[0]!;
    expect(lead.name).toBe('các xã, thị trấn');
    expect(m.text.slice(lead.start, lead.end)).toBe('các xã, thị trấn');
  });
});

describe('a Government Office department\'s roman numeral a portal copy set apart (heldout70, 76, 78, 82)', () => {
  const symbol = (line: string) => extractHeader(model(`VĂN PHÒNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n${line}\nHà Nội, ngày 03 tháng 4 năm 2013\nKính gửi: Bộ Tài chính.`)).symbol?.value;
  it('"Số: 2615/VPCP-V .I" and "Số: 594/VPCP-V .IV/v xử lý ..." are VPCP-V.I', () => {
    expect(symbol('Số: 2615/VPCP-V .I')).toBe('VPCP-V.I');
    expect(symbol('Số: 594/VPCP-V .IV/v xử lý thông tin báo nêu')).toBe('VPCP-V.I');
  });
  it('must not: a full stop after the symbol, or a sentence after it', () => {
    expect(symbol('Số: 2615/VPCP-KTN .Hà Nội')).toBe('VPCP-KTN');
    expect(symbol('Số: 2615/VPCP-KTN')).toBe('VPCP-KTN');
  });
});

describe('heldout83: a numbered news lead after a frame\'s ";", a title line that names who signed', () => {
  const head = (text: string) => {
    const h = extractHeader(model(text));
    return { number: h.number?.value ?? null, symbol: h.symbol?.value ?? null, date: h.date?.value ?? null, issuer: h.issuer?.value ?? null };
  };
  it('"Thực hiện chỉ đạo của ...; ngày 03/8/2018, UBND tỉnh ban hành Công văn số 2765/UBND-NNTNMT về việc ..."', () => {
    const frame = 'Thực hiện chỉ đạo của đồng chí Bí thư Tỉnh ủy về việc tập trung chỉ đạo trừ rầy, phòng bệnh lùn sọc đen hại lúa vụ Mùa năm 2018 tại Hội nghị tổng kết ngày 01/8/2018 và chỉ đạo của Ban Thường vụ Tỉnh ủy tại Công điện khẩn số 08-CĐ/TU ngày 02/8/2018';
    expect(head(`Tăng cường phòng, trừ bệnh lùn sọc đen\n\n03/08/2018\n\n${frame}; ngày 03/8/2018, UBND tỉnh ban hành Công văn số 2765/UBND-NNTNMT về việc tập trung chỉ đạo phòng trừ bệnh lùn sọc đen.`))
      .toEqual({ number: '2765', symbol: 'UBND-NNTNMT', date: '2018-08-03', issuer: 'UBND tỉnh' });
  });
  it('must not: such a sentence a letter cites under its "Kính gửi"', () => {
    expect(head('Kính gửi: Các sở, ngành.\n\nThực hiện chỉ đạo của Tỉnh ủy về phòng trừ sâu bệnh hại lúa vụ Mùa năm 2018 và kết luận của Hội nghị tổng kết; ngày 03/8/2018, UBND tỉnh ban hành Công văn số 2765/UBND-NNTNMT về việc phòng trừ bệnh lùn sọc đen. Đề nghị các sở thực hiện.').number).toBeNull();
  });
  it('"Công văn số 559/VP-XD ngày 24-2-2011 của Văn phòng UBND TP Hà Nội do Phó văn phòng X ký truyền đạt ...:"', () => {
    expect(head('Công văn số 559/VP-XD ngày 24-2-2011 của Văn phòng UBND TP Hà Nội do Phó văn phòng Nguyễn Văn Thịnh ký truyền đạt sự chỉ đạo của UBND TP Hà Nội đối với Sở Xây dựng:\n\n1. Yêu cầu Chủ tịch UBND quận Hoàng Mai khẩn trương kiểm tra, xác minh thông tin.'))
      .toEqual({ number: '559', symbol: 'VP-XD', date: '2011-02-24', issuer: 'Văn phòng UBND TP Hà Nội' });
  });
});
