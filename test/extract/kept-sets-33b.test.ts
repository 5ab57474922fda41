/**
 * Rules read from what heldout62 and heldout63 (corpus/kept) missed, each with cases that must match and must not: a portal's
 * line naming the document without its date or number, "Thứ 2:" points, a decision's "Nay công bố ...", an approval of a
 * body's proposal, "giao ban" (a meeting, not an ask), a "giao trách nhiệm:" lead-in, where a request's answers go and by
 * when, "cho đến khi có Công văn ...", the generic rest after a named body, an ask to pass the word on.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';
import { extractHeader } from '../../src/extract/header.js';
import { leadOf, splitBodies } from '../../src/extract/agencies.js';
import { isClosing } from '../../src/extract/tasks.js';
import { findDeadlines, pickDeadline } from '../../src/extract/deadlines.js';
import { readMarker } from '../../src/parse/markers.js';

const header = (text: string) => {
  const h = extractHeader(model(text));
  return { type: h.type?.value, number: h.number?.value ?? null, symbol: h.symbol?.value ?? null, issuer: h.issuer?.value ?? null, date: h.date?.value ?? null };
};
const tasksOf = (text: string) => extract(model(text)).tasks;

describe('a portal\'s line that names the document', () => {
  it('without its date ("Quyết định số 4266/QĐ-UBND của UBND tỉnh về việc ...")', () => {
    expect(header('Quyết định số 4266/QĐ-UBND của UBND tỉnh về việc công bố dịch cúm A (H1N1)\nQUYẾT ĐỊNH:\nĐiều 1: Nay công bố dịch cúm A (H1N1) trên người.\nĐiều 2. Ban chỉ đạo phòng, chống dịch bệnh tỉnh có trách nhiệm triển khai các biện pháp.')).toMatchObject({ type: 'QĐ', number: '4266', symbol: 'QĐ-UBND', issuer: 'Ủy ban nhân dân tỉnh', date: null });
  });
  it('without its number ("Thông báo Khẩn ngày 18/10/2020")', () => {
    expect(header('Thông báo Khẩn ngày 18/10/2020\n\nKính gửi:\n\nHiệu trưởng các trường MN, TH, THCS trên toàn thị xã\nPhòng GD&ĐT yêu cầu:\n1. Các đơn vị tiếp tục thực hiện nghiêm Công điện số 14/CĐ-UBND.')).toMatchObject({ type: 'TB', number: null, date: '2020-10-18' });
  });
  it('under a title and a byline', () => {
    expect(header('Thông báo treo cờ Tổ quốc\nTác giả: UBND thị xã Điện Bàn .Ngày đăng: 10/05/2019 .Lượt xem: 1844 lượt.\nThông báo số 217/TB-UBND ngày 08/5/2019 của UBND thị xã Điện Bàn V/v treo cờ Tổ quốc\n\nUBND thị xã thông báo:\n1. Các cơ quan, đơn vị treo cờ Tổ quốc.')).toMatchObject({ type: 'TB', number: '217', symbol: 'TB-UBND', date: '2019-05-08' });
  });
  it('must not: a title line with neither number nor date, or one whose date is no day', () => {
    expect(header('Thông báo về việc treo cờ Tổ quốc\n\nUBND xã thông báo:\n1. Các hộ gia đình treo cờ Tổ quốc.').number).toBeNull();
    expect(header('Thông báo ngày 45/13/2020\n\nUBND xã thông báo:\n1. Các hộ gia đình treo cờ Tổ quốc.').date).toBeNull();
  });
});

describe('list markers', () => {
  it('"Thứ 2:" numbers a point as "Thứ hai:" does; "Thứ 2, ngày 05/10" is a Monday', () => {
    expect(readMarker('Thứ 2: Triển khai các hoạt động phòng, chống bạo lực.')).toMatchObject({ kind: 'ordinal', label: 'Thứ 2' });
    expect(readMarker('Thứ 2, ngày 05/10/2020: họp giao ban.')).toBeNull();
    expect(readMarker('Thứ bảy, ngày 4/6/2016')).toBeNull();
    expect(readMarker('Thứ bảy, tổ chức kiểm tra việc thực hiện.')).toMatchObject({ kind: 'ordinal' });
  });
});

const DECISION = (articles: string) => `ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 34/QĐ-UBND\nLào Cai, ngày 05 tháng 9 năm 2026\nQUYẾT ĐỊNH\nVề việc điều chỉnh giá bán lẻ muối\nQUYẾT ĐỊNH:\n${articles}\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Minh\n`;
describe('what a decision or a letter decides is no task', () => {
  it('"Nay công bố ...", "Nay điều chỉnh giá ..." as "Công bố ...", "Điều chỉnh ..."', () => {
    const t = tasksOf(DECISION('Điều 1. Nay điều chỉnh giá bán lẻ muối I ốt trên địa bàn tỉnh từ 800 đồng/kg lên 1.000 đồng/kg.\nĐiều 2. Giao cho Sở Tài chính, Sở Công Thương, Công ty Thương mại du lịch và đơn vị có liên quan tiến hành kiểm kê.\nĐiều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này.'));
    expect(t.map((x) => x.label)).toEqual(['Điều 2']);
    // the generic rest after a named body is an entry of its own
    expect(t[0]!.lead.map((l) => l.name)).toEqual(['Sở Tài chính', 'Sở Công Thương', 'Công ty Thương mại du lịch', 'đơn vị có liên quan']);
  });
  it('must not: "Nay" with work of a body\'s own', () => {
    expect(tasksOf(DECISION('Điều 1. Nay giao Sở Tài chính kiểm kê hàng tồn kho trước ngày 30/9/2026.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.')).map((x) => x.label)).toEqual(['Điều 1']);
  });
  it('the approval of a body\'s proposal, "Phê duyệt ... như đề nghị của X"; not "Phê duyệt ..." as work', () => {
    const letter = (items: string) => `THỦ TƯỚNG CHÍNH PHỦ\nSố: 442/TTg-KTN\nHà Nội, ngày 20 tháng 3 năm 2009\nKính gửi:\n- Bộ Công Thương;\n- Tập đoàn Điện lực Việt Nam.\n\nXét đề nghị của Tập đoàn Điện lực Việt Nam, Thủ tướng Chính phủ có ý kiến như sau:\n\n${items}\n\nNơi nhận:\n- Như trên;`;
    const t = tasksOf(letter('1. Phê duyệt Khung chính sách bồi thường, hỗ trợ, tái định cư Dự án thủy điện Trung Sơn như đề nghị của Tập đoàn Điện lực Việt Nam.\n\n2. Giao Tập đoàn Điện lực Việt Nam tổ chức thực hiện.'));
    expect(t.map((x) => x.label)).toEqual(['2']);
    const plan = tasksOf(letter('1. Bộ Công Thương:\n\n- Phê duyệt phương án cấp điện cho các xã trong năm 2009.\n\n- Kiểm tra việc thực hiện.'));
    expect(plan).toHaveLength(2);
  });
});

describe('leads and lead-ins', () => {
  it('"Hội nghị giao ban Hiệu trưởng" is a meeting, not "giao" and a body', () => {
    expect(leadOf('Căn cứ Thông báo kết luận tại Hội nghị giao ban Hiệu trưởng định kỳ lần 1, Phòng Giáo dục và Đào tạo đề nghị Hiệu trưởng các trường MN, TH thực hiện tốt các yêu cầu.')?.lead.map((b) => b.text)).toEqual(['Hiệu trưởng các trường MN, TH']);
    expect(leadOf('Giao Ban Quản lý dự án tỉnh thực hiện.')?.lead.map((b) => b.text)).toEqual(['Ban Quản lý dự án tỉnh']);
  });
  it('"..., UBND Thành phố giao trách nhiệm:" is the lead-in of the paragraph after it', () => {
    const t = tasksOf('ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 6672/UBND-VX\nHà Nội, ngày 27 tháng 11 năm 2007\nKính gửi:\n- Sở Lao động Thương binh và Xã hội;\n- Ủy ban nhân dân các quận, huyện.\n\nNgày 16/11/2007, Chính phủ ban hành Nghị định số 168/2007/NĐ-CP quy định mức lương tối thiểu vùng.\n\nVề việc này, UBND Thành phố giao trách nhiệm:\n\nSở Lao động Thương binh và Xã hội chủ trì, phối hợp với Ủy ban nhân dân các quận, huyện triển khai thực hiện Nghị định.\n\nNơi nhận:\n- Như trên;');
    expect(t.map((x) => [x.text.slice(0, 20), x.lead.map((l) => l.name)])).toEqual([['Sở Lao động Thương b', ['Sở Lao động Thương binh và Xã hội']]]);
  });
  it('a paragraph that says where a request is answered, and by when, gives the request its time', () => {
    const t = tasksOf('SỞ NÔNG NGHIỆP VÀ PTNT\nTỈNH TÂY NINH\nSố: 1200/SNN-CCCN\nTây Ninh, ngày 05 tháng 9 năm 2019\nKính gửi:\n- Các Sở, ngành có liên quan;\n- UBND các huyện, thành phố.\n\nSở Nông nghiệp và PTNT đề nghị các Sở, ngành có liên quan, UBND các huyện, thành phố cho ý kiến góp ý dự thảo Nghị quyết.\n\nÝ kiến góp ý gửi về Sở Nông nghiệp và PTNT (địa chỉ: số 021, Phan Chu Trinh) và gửi file mềm vào địa chỉ email: chicuc@gmail.com trước ngày 15/9/2019 để Sở tổng hợp.\n\nNơi nhận:\n- Như trên;');
    expect(t.map((x) => [x.text.slice(0, 20), x.deadline?.kind, x.deadline?.date])).toEqual([['Sở Nông nghiệp và PT', 'by', '2019-09-15']]);
  });
  it('an ask to pass the word on is not a closing formula; the formula still is', () => {
    expect(isClosing('Đề nghị Đài truyền thanh xã, các đồng chí Trưởng thôn thông báo liên tục trên hệ thống truyền thanh xã, thôn để toàn thể nhân dân biết thực hiện./.')).toBe(false);
    expect(isClosing('Văn phòng Chính phủ xin thông báo để Bộ Tài chính biết, thực hiện.')).toBe(true);
    expect(isClosing('Đề nghị các đơn vị nghiêm túc triển khai thực hiện./.')).toBe(true);
  });
  it('must not: split a collective\'s own rest ("các Bộ, ngành và địa phương liên quan")', () => {
    expect(splitBodies('các Bộ, ngành và địa phương liên quan', { comma: true }).map((b) => b.text)).toEqual(['các Bộ, ngành và địa phương liên quan']);
  });
});

describe('"cho đến khi có Công văn ..." is open-ended', () => {
  it('ongoing', () => {
    expect(pickDeadline(findDeadlines('Cho học sinh nghỉ học cho đến khi có Công văn chỉ đạo của Sở Giáo dục và Đào tạo.', 2020, {}))).toMatchObject({ kind: 'ongoing' });
  });
});

/** From heldout64 and heldout65: doers named in an item's later sentence, everyone in a place, a headline is no issuer. */
describe('heldout64/65', () => {
  it('an item whose first sentence only names the matter takes the doers a later sentence opens with', () => {
    const t = tasksOf('VĂN PHÒNG CHÍNH PHỦ\nSố: 1251/VPCP-KTTH\nHà Nội, ngày 27 tháng 02 năm 2010\nKính gửi:\n- Bộ Kế hoạch và Đầu tư;\n- Ủy ban nhân dân tỉnh Quảng Trị.\n\nXét đề nghị của Ủy ban nhân dân tỉnh Quảng Trị, Thủ tướng Chính phủ có ý kiến như sau:\n\n1. Việc bổ sung Khu kinh tế Đông Nam vào Quy hoạch phát triển các Khu kinh tế ven biển. Bộ Kế hoạch và Đầu tư và Ủy ban nhân dân tỉnh Quảng Trị thực hiện theo kết luận của Thủ tướng Chính phủ.\n\n2. Tổ chức lễ khởi công trong năm 2010.\n\nNơi nhận:\n- Như trên;');
    expect(t.map((x) => x.lead.map((l) => l.name))).toEqual([['Bộ Kế hoạch và Đầu tư', 'Ủy ban nhân dân tỉnh Quảng Trị'], []]);
  });
  it('bodies of every kind and the people of the place are one doer', () => {
    expect(splitBodies('Tất cả các cơ quan, đơn vị, Ban nhân dân các ấp và toàn thể nhân dân trong xã', { comma: true }).map((b) => b.text)).toEqual(['Tất cả các cơ quan, đơn vị, Ban nhân dân các ấp và toàn thể nhân dân trong xã']);
    expect(leadOf('UBND xã Núi Cấm đề nghị các cơ quan, đơn vị, trạm y tế, trường học, Ban nhân dân các ấp và Nhân dân trên địa bàn xã treo Quốc kỳ từ ngày 18/01/2026.')?.lead.map((b) => b.text)).toEqual(['các cơ quan, đơn vị, trạm y tế, trường học, Ban nhân dân các ấp và Nhân dân trên địa bàn xã']);
    expect(leadOf('Các cơ quan, đơn vị, trường học, lực lượng vũ trang, doanh nghiệp, ban cán sự các thôn trên địa bàn xã thực hiện treo cờ Tổ quốc.')?.lead.map((b) => b.text)).toEqual(['Các cơ quan, đơn vị, trường học, lực lượng vũ trang, doanh nghiệp, ban cán sự các thôn trên địa bàn xã']);
    // must not: named bodies and the people are split as before
    expect(splitBodies('Sở Y tế, các cơ quan, đơn vị và nhân dân', { comma: true }).map((b) => b.text)).toEqual(['Sở Y tế', 'các cơ quan, đơn vị và nhân dân']);
  });
  it('"Các đơn vị thực hiện trước ngày 24/3/2016." after a request is its time', () => {
    const t = tasksOf('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 120/GDĐT\nBình Chánh, ngày 18 tháng 3 năm 2016\nKính gửi:\n- Hiệu trưởng các trường THCS;\n- Thủ trưởng các đơn vị trực thuộc.\nĐề nghị Hiệu trưởng các trường, Thủ trưởng các đơn vị trực thuộc rà soát lại việc thu quỹ phòng, chống thiên tai.\nCác đơn vị thực hiện trước ngày 24/3/2016.\nNơi nhận:\n- Như trên;');
    expect(t.map((x) => [x.deadline?.kind, x.deadline?.date])).toEqual([['by', '2016-03-24']]);
  });
  it('"Thời gian lấy ý kiến Dự thảo: Từ ngày ... đến hết ngày ..." is a time item, not a task', () => {
    const t = tasksOf('SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 3100/STNMT-CCQLĐĐ\nTây Ninh, ngày 28 tháng 10 năm 2016\nKính gửi: Các Sở, Ban, Ngành tỉnh.\nSở Tài nguyên và Môi trường đề nghị như sau:\n1. Các Sở, Ban, Ngành tỉnh: Góp ý Dự thảo Nghị quyết gửi về Sở Tài nguyên và Môi trường.\n2. Thời gian lấy ý kiến Dự thảo: Từ ngày 28/10/2016 đến hết ngày 28/11/2016.\nNơi nhận:\n- Như trên;');
    expect(t.map((x) => [x.label, x.deadline?.date])).toEqual([['1', '2016-11-28']]);
  });
  it('a web page\'s headline in capitals is no issuer', () => {
    expect(header('TRIỂN KHAI TÀI LIỆU TUYÊN TRUYỀN VỀ BỆNH DỊCH TẢ LỢN CHÂU PHI; CÔNG TÁC TÁI ĐÀN CHĂN NUÔI\n\nChi cục Chăn nuôi và Thú y xây dựng tài liệu tuyên truyền, đề nghị Ủy ban nhân dân các huyện chỉ đạo triển khai.').issuer).toBeNull();
    expect(header('UBND TỈNH BẮC KẠN\nCHI CỤC CHĂN NUÔI VÀ THÚ Y\nSố: 120/CCCNTY\nBắc Kạn, ngày 10 tháng 7 năm 2020\nKính gửi: UBND các huyện.').issuer).toBe('Chi cục Chăn nuôi và Thú y tỉnh Bắc Kạn');
  });
});

/** From heldout66 and heldout67: a news headline that names its source, an unnumbered lead-in inside the text, a notice's lines. */
describe('heldout66/67', () => {
  const NEWS = 'Skip to main content\n\nUBND tỉnh chỉ đạo thực hiện kiến nghị của HĐND tỉnh về Đề án phát triển lâm nghiệp (Công văn số 1373/UBND-KT, ngày 28/10/2020).\n\nẢnh minh họa\n\nCác sở, ban, ngành, UBND các huyện, thành phố tăng cường công tác tuyên truyền về quản lý, bảo vệ rừng.\n\nCác sở, ngành liên quan tham mưu, triển khai các nội dung nhiệm vụ Đề án đã được UBND tỉnh giao.';
  it('a news headline that names its source in brackets gives the number, the day and the body; the paragraphs after it are its orders', () => {
    expect(header(NEWS)).toMatchObject({ number: '1373', symbol: 'UBND-KT', date: '2020-10-28', issuer: 'Ủy ban nhân dân tỉnh' });
    expect(tasksOf(NEWS).map((x) => x.lead.map((l) => l.name))).toEqual([['Các sở, ban, ngành', 'UBND các huyện, thành phố'], ['Các sở, ngành liên quan']]);
  });
  it('must not: a headline that only reports, or a bracket that names another body\'s letter', () => {
    expect(header('Hội nghị tổng kết công tác năm 2020 (Công văn số 1373/UBND-KT, ngày 28/10/2020).\n\nCác sở, ban, ngành dự hội nghị.').issuer).toBeNull();
  });
  it('an unnumbered lead-in inside the text gives its doer to the items after it', () => {
    const t = tasksOf('VĂN PHÒNG CHÍNH PHỦ\nSố: 910/VPCP-KGVX\nHà Nội, ngày 10 tháng 02 năm 2010\nKính gửi:\n\n- Bộ Y tế;\n- Bộ Kế hoạch và Đầu tư;\n- Bộ Tài chính.\n\nXét đề nghị của Bộ Y tế về kế hoạch sử dụng vắc xin, Phó Thủ tướng Nguyễn Thiện Nhân có ý ki\n\nGiao Bộ Y tế chủ trì, phối hợp với Bộ Kế hoạch và Đầu tư, Bộ Tài chính:\n\n1. Thống nhất quy mô tiếp nhận, bảo đảm sử dụng hiệu quả.\n\n2. Tổng hợp trình Thủ tướng Chính phủ cho phép tiếp nhận vắc xin.\n\nVăn phòng Chính phủ xin thông báo để Bộ Y tế và các cơ quan liên quan biết, thực hiện./.\n\nNơi nhận:\n- Như trên;');
    expect(t.map((x) => [x.label, x.lead.map((l) => l.name)])).toEqual([['1', ['Bộ Y tế']], ['2', ['Bộ Y tế']]]);
  });
  it('a long list of bodies told "biết, thực hiện" is still a closing formula', () => {
    expect(isClosing('Văn phòng Chính phủ thông báo để các Bộ: Tài nguyên và Môi trường, Nông nghiệp và Phát triển nông thôn, Xây dựng, Khoa học và Công nghệ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương và các cơ quan liên quan biết, thực hiện.')).toBe(true);
  });
  it('a notice\'s "... thông báo ... như sau:" over lines that each open with who does what', () => {
    const t = tasksOf('Thông báo treo Quốc kỳ và lịch nghỉ tết Nguyên đán 2026\nỦy ban nhân dân xã Nhơn Mỹ thông báo đến toàn thể cán bộ, công chức và Nhân dân trên địa bàn xã lịch nghỉ Tết và treo cờ Tổ quốc như sau:\n\nThời gian nghỉ Tết: 05 ngày liên tục, từ ngày 16/02/2026 đến hết ngày 20/02/2026\nCác cơ quan, đơn vị, doanh nghiệp và hộ dân treo Quốc kỳ từ ngày 16/02/2026 đến hết ngày 20/02/2026. Yêu cầu các hộ dân thực hiện vệ sinh môi trường xung quanh nơi ở.\nCông an, Quân sự, Trạm Y tế đảm bảo trực 24/24 trong dịp Tết.\nỦy ban nhân dân xã yêu cầu thủ trưởng các cơ quan, đơn vị, ban ấp và các hộ dân trên địa bàn xã tổ chức thực hiện nghiêm các nội dung tại Thông báo này./.');
    expect(t.map((x) => x.text.slice(0, 24))).toEqual(['Các cơ quan, đơn vị, doa', 'Công an, Quân sự, Trạm Y']);
  });
});

/** From heldout68 and heldout69. */
describe('heldout68/69', () => {
  it('a lead-in\'s time after its ask times the items it lists; a time before the ask is the asker\'s', () => {
    const letter = (leadIn: string) => `VĂN PHÒNG CHÍNH PHỦ\nSố: 1054/VPCP-ĐMDN\nHà Nội, ngày 20 tháng 02 năm 2012\nKính gửi:\n- Các Bộ;\n- Các tập đoàn kinh tế.\n\n${leadIn}\n\n1. Các Bộ: Tài chính, Kế hoạch và Đầu tư trình Thủ tướng Chính phủ đề án tái cơ cấu.\n\n2. Các tập đoàn kinh tế trình Thủ tướng Chính phủ phương án sắp xếp.\n\nNơi nhận:\n- Như trên;`;
    const t = tasksOf(letter('Văn phòng Chính phủ xin đề nghị các Bộ, các tập đoàn kinh tế hoàn thành một số nhiệm vụ Thủ tướng Chính phủ đã giao trong Quý I năm 2012, cụ thể như sau:'));
    expect(t.map((x) => [x.deadline?.kind, x.deadline?.date])).toEqual([['within', '2012-03-31'], ['within', '2012-03-31']]);
    const u = tasksOf(letter('Để báo cáo Thủ tướng Chính phủ trong tháng 01 năm 2012, Văn phòng Chính phủ đề nghị các Bộ, các tập đoàn kinh tế báo cáo một số nội dung sau:'));
    expect(u.map((x) => x.deadline)).toEqual([null, null]);
  });
  it('a meeting of a month times a report due at it', () => {
    expect(pickDeadline(findDeadlines('Bộ Kế hoạch và Đầu tư tổng hợp, báo cáo tại phiên họp Chính phủ tháng 3 năm 2009.', 2009, {}))).toMatchObject({ kind: 'within', date: '2009-03-31' });
  });
  it('"Trạm Y tế xã", "các hộ chăn nuôi" are doers', () => {
    expect(leadOf('Trạm Y tế xã phối hợp với các trường học tăng cường tuyên truyền.')?.lead.map((b) => b.text)).toEqual(['Trạm Y tế xã']);
    expect(leadOf('các hộ chăn nuôi cần gia cố, che chắn chuồng trại.')?.lead.map((b) => b.text)).toEqual(['các hộ chăn nuôi']);
  });
  it('a schedule\'s lines and a portal\'s side blocks are no tasks', () => {
    const t = tasksOf('Thông báo Lịch lấy nước phục vụ gieo cấy lúa vụ Đông Xuân 2025-2026\n\nUBND phường Việt Hòa thông báo lịch lấy nước phục vụ gieo cấy lúa:\n\n- Đợt 1: Từ 0 giờ 00’ ngày 16/1 đến 24 giờ 00’ ngày 20/1/2026 (5 ngày);\n\n- Đợt 2: Từ 0 giờ 00’ ngày 29/1 đến 24 giờ 00’ ngày 4/2/2026 (7 ngày).\n\nUBND phường Việt Hòa giao các Hợp tác xã Dịch vụ nông nghiệp trên địa bàn phối hợp với các doanh nghiệp lấy nước đầy đủ.\n\nPhường Việt Hòa\nQR Code\nThống kê truy cập\n  • Đang online: 0\n  • Hôm nay: 1\n  • Tất cả: 0');
    expect(t.map((x) => x.text.slice(0, 20))).toEqual(['UBND phường Việt Hòa']);
  });
  it('a news lead\'s day without its year takes the page\'s year; with no comma after the day too', () => {
    expect(header('Chương Mỹ chỉ đạo việc chi trả trợ cấp (16:08 07/04/2020)\n\nHNP - Ngày 6/4, UBND huyện Chương Mỹ ban hành Công văn số 641/UBND-LĐTBXH về việc chi trả trợ cấp ưu đãi người có công.\n\nTheo đó, UBND huyện giao Phòng LĐ,TB&XH huyện chủ động làm thủ tục.')).toMatchObject({ number: '641', date: '2020-04-06' });
    expect(header('Ngày 17/10/2023 UBND xã ban hành Công văn số 156/UBND về việc thông báo lịch tiêm phòng.\n\nUBND xã Cao Sơn đề nghị các hộ gia đình chủ động buộc, nhốt trâu, bò.')).toMatchObject({ number: '156', date: '2023-10-17' });
  });
});

/** From heldout70. */
describe('heldout70', () => {
  it('an office holder\'s title opens a doer; "đàm phán", "ký kết" end the name of the one asked; "Về ..., X ..." is a frame', () => {
    expect(leadOf('Tổng thanh tra Chính phủ kiểm tra, đôn đốc các Bộ, ngành.')?.lead.map((b) => b.text)).toEqual(['Tổng thanh tra Chính phủ']);
    expect(leadOf('Giao Bộ Ngoại giao đàm phán và ký kết với WEF Thỏa thuận tổ chức Hội nghị.')?.lead.map((b) => b.text)).toEqual(['Bộ Ngoại giao']);
    expect(leadOf('Về kinh phí thực hiện đề án, Bộ Thương mại làm việc với Bộ Tài chính để xem xét.')?.lead.map((b) => b.text)).toEqual(['Bộ Thương mại']);
  });
  it('an inline list ends at "và" a body of its own, not at the "và" inside a member\'s name', () => {
    expect(leadOf('Giao Bộ trưởng các Bộ: Công Thương, Nông nghiệp và Phát triển nông thôn, Giao thông vận tải và Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các cơ quan.')?.lead.map((b) => b.text))
      .toEqual(['Bộ trưởng các Bộ: Công Thương, Nông nghiệp và Phát triển nông thôn, Giao thông vận tải', 'Thống đốc Ngân hàng Nhà nước Việt Nam']);
  });
});
