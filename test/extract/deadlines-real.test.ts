/**
 * Deadlines as real documents write them (FORMAT.md, "Deadlines" and "Deadline words"): the phrasings of the
 * annotated real documents (corpus/real/gold) and the samples (corpus/gold), and look-alikes that set none.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findDeadlines, findEventDates, pickDeadline } from '../../src/extract/deadlines.js';

type Opts = Parameters<typeof findDeadlines>[2];
const one = (text: string, year = 2025, opts: Opts = {}) => {
  const d = pickDeadline(findDeadlines(text, year, opts));
  return d ? { kind: d.kind, date: d.date, text: d.text, recurrence: d.recurrence, slice: text.slice(d.start, d.end) } : null;
};

describe('deadlines on real phrasings: what must match', () => {
  it.each<[string, string, string | null, number?, Opts?]>([
    // by: a day, with or without an hour before it
    ['Thời hạn các bộ, tỉnh tổng hợp, nhập dữ liệu và gửi danh sách đối tượng điều tra XHH về Bộ Nội vụ chậm nhất là ngày 19 tháng 12 năm 2025.', 'by', '2025-12-19'],
    ['khẩn trương hoàn thiện hồ sơ và gửi bản chính về Sở Tư pháp chậm nhất ngày 10/9/2025 để Sở Tư pháp tham mưu', 'by', '2025-09-10'],
    ['Thời hạn hoàn thành việc cập nhật thông tin, gửi tài liệu lên Hệ thống phần mềm trước 17 giờ 00 phút, ngày 05/12/2025; sau thời hạn trên, phần mềm sẽ tự động khóa', 'by', '2025-12-05'],
    ['gửi báo cáo về Sở Nội vụ trước 16h00 ngày 20/11/2025', 'by', '2025-11-20'],
    ['Thời gian hoàn thành ban hành kế hoạch chậm nhất là ngày 30/01/2026.', 'by', '2026-01-30'],
    ['gửi về Sở Nội vụ trước ngày 28/02/2026', 'by', '2026-02-28'],
    // within: a day, a month, a quarter, a half-year, a year
    ['gửi báo cáo trong ngày 05/12/2025', 'within', '2025-12-05'],
    // a part of the day before "ngày"; a period whose first day has no month of its own
    ['chỉ đạo Đài truyền thanh thực hiện tiếp âm vào sáng ngày 15/5/2019.', 'within', '2019-05-15', 2019],
    // a portal's copy glued the day to "ngày"
    ['gửi về Bộ Nội vụ trước ngày20/02/2014 để nghiên cứu, chỉnh sửa', 'by', '2014-02-20', 2014],
    ['treo cờ Tổ quốc ở công sở và gia đình trong 03 ngày từ ngày 13 đến hết ngày 15 tháng 5 năm 2019.', 'within', '2019-05-15', 2019],
    ['Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1 (năm 2026)', 'within', '2026-01-23', 2026, { cell: true }],
    ['tổ chức các hoạt động, sự kiện tuyên truyền về chuyển đổi số nhân ngày Chuyển đổi số Quốc gia 10/10.', 'within', '2026-10-10', 2026],
    ['khắc phục ngay trong tháng 11, 12/2021', 'within', '2021-12-31', 2021],
    ['hoàn thành các nhiệm vụ trong tháng 11, tháng 12 năm 2025 theo các kết luận', 'within', '2025-12-31'],
    ['bảo đảm đúng tiến độ (trong tháng 5 và tháng 6 năm 2025)', 'within', '2025-06-30'],
    ['hoàn thành trong tháng 4/2026', 'within', '2026-04-30', 2026],
    ['Trong tháng 8/2025', 'within', '2025-08-31', 2025, { cell: true }],
    ['Quý III/2021', 'within', '2021-09-30', 2021, { cell: true }],
    ['tổ chức Đại hội trong Quý III năm 2025', 'within', '2025-09-30'],
    ['Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện phong trào', 'within', '2027-03-31', 2026],
    ['tổ chức sơ kết trong 6 tháng đầu năm', 'within', '2025-06-30'],
    ['phấn đấu ít nhất 40% xã không ma túy trong năm 2026', 'within', '2026-12-31', 2026],
    ['tổ chức từ ngày 01/8 đến ngày 15/8/2025', 'within', '2025-08-15'],
    ['2021 - 2025', 'within', '2025-12-31', 2021, { cell: true }],
    // recurring
    ['tổ chức lễ mít tinh vào ngày 09 tháng 11 hằng năm', 'recurring', null],
    ['báo cáo kết quả trước ngày 15/12 hằng năm', 'recurring', null],
    ['gửi báo cáo về UBND tỉnh trước 11h00’ ngày thứ 5 hằng tuần để tổng hợp, báo cáo theo quy định.', 'recurring', null],
    ['Định kỳ báo cáo kết quả thực hiện gửi về Sở Nội vụ để tổng hợp báo cáo UBND tỉnh', 'recurring', null],
    ['được lồng ghép trong báo cáo CCHC định kỳ theo hướng dẫn của Sở Nội vụ', 'recurring', null],
    ['Giao Công an tỉnh là cơ quan thường trực; báo cáo Ủy ban nhân dân tỉnh theo định kỳ.', 'recurring', null],
    ['đánh giá kết quả thực hiện Phong trào thi đua năm 2026 (lồng ghép trong báo cáo đánh giá công tác CCHC định kỳ và năm của tỉnh).', 'recurring', null, 2026],
    ['Tổ chức tuyên truyền cho học sinh. Bảo đảm mỗi học kỳ tổ chức ít nhất 1 buổi/cơ sở giáo dục.', 'recurring', null],
    ['tuyên truyền cho học sinh (đảm bảo mỗi năm tại mỗi trường tổ chức ít nhất 1 buổi vào tuần đầu của tháng đầu năm học)', 'recurring', null],
    ['Riêng đối với các đơn vị sự nghiệp công lập, hằng quý có ít nhất 01 tin, bài về thực hiện CCHC', 'recurring', null],
    ['định kỳ phát sóng (mỗi tháng 02 chuyên mục).', 'recurring', null],
    ['Định kỳ hằng tháng, quý, 6 tháng, năm báo cáo UBND tỉnh', 'recurring', null],
    ['Thực hiện thường xuyên và báo cáo kết quả vào tháng 12 hàng năm', 'recurring', null, 2021, { cell: true }],
    // ongoing
    ['Thường xuyên hằng năm', 'ongoing', null, 2025, { cell: true }],
    ['tổ chức thực hiện thường xuyên hằng năm', 'ongoing', null],
    ['Năm 2025 và các năm tiếp theo', 'ongoing', null, 2025, { cell: true }],
    ['triển khai trong năm 2025 và các năm tiếp theo', 'ongoing', null],
    ['Theo Kế hoạch riêng', 'ongoing', null, 2025, { cell: true }],
    // a bare "định kỳ" names no period: beside "thường xuyên" the work is open-ended (a period named still recurs)
    ['Thường xuyên theo dõi tình hình trên địa bàn; định kỳ gửi báo cáo về Sở Nội vụ.', 'ongoing', null],
    ['Thường xuyên theo dõi tình hình trên địa bàn; định kỳ hằng quý gửi báo cáo về Sở Nội vụ.', 'recurring', null],
    ['Theo hướng dẫn của Trung ương', 'ongoing', null, 2025, { cell: true }],
    ['Sau 03 tháng kể từ khi có văn bản hướng dẫn', 'ongoing', null, 2025, { cell: true }],
    ['gửi trực tiếp văn bản cho Bộ Công an theo thời gian quy định; đồng thời gửi Ủy ban nhân dân tỉnh biết', 'ongoing', null],
    ['triển khai thực hiện theo hướng dẫn tại Công văn số 3749/BCA-V03 của Bộ Công an đúng thời gian quy định.', 'ongoing', null],
    ['xây dựng các cơ sở cai nghiện ma túy chất lượng cao, ứng dụng các phần mềm sau khi được triển khai', 'ongoing', null],
    ['Ngoài ra, trước khi Ban chấp hành lâm thời tổ chức họp để xây dựng Dự thảo Đề án, đề nghị đăng ký làm việc', 'ongoing', null],
    ['Giao Văn phòng UBND tỉnh ban hành giấy mời (khi có thông báo lịch làm việc của Đoàn kiểm tra C04); chuẩn bị hội trường', 'ongoing', null],
    ['Thường xuyên phổ biến các quy định về đạo đức công vụ. Gắn việc triển khai công tác CCHC với công tác thi đua - khen thưởng hằng năm.', 'ongoing', null],
    ['chuẩn bị báo cáo tham luận trước Hội nghị', 'ongoing', null],
    // times set by an undated event or by the act taking effect
    ['Ban Vận động thành lập Liên đoàn Bóng bàn tỉnh tự giải thể sau khi Đại hội thành lập Liên đoàn bầu ra Ban Chấp hành.', 'ongoing', null],
    ['Các cơ quan, đơn vị kịp thời thông báo cho Tổ công tác khi xảy ra sự cố mất an toàn thông tin mạng tại cơ quan mình.', 'ongoing', null],
    ['chấm dứt hoạt động kể từ ngày Quyết định này có hiệu lực.', 'ongoing', null],
    ['theo dõi, đánh giá một cách thường xuyên, liên tục. Tổng hợp, đánh giá kết quả cải cách hành chính đạt được hàng năm.', 'ongoing', null],
    ['gửi báo cáo kết quả hằng năm về Sở Nội vụ', 'recurring', null],
    ['Trong thời hạn 30 (ba mươi) ngày kể từ ngày Quyết định này có hiệu lực, các Hội hợp nhất nộp lại con dấu.', 'ongoing', null],
    ['Trong thời hạn 15 (mười lăm) ngày làm việc kể từ ngày nhận được hồ sơ, Sở Nội vụ thẩm định.', 'ongoing', null],
  ])('%s', (text, kind, date, year = 2025, opts = {}) => {
    const d = one(text, year, opts);
    expect(d?.kind).toBe(kind);
    expect(d?.date).toBe(date);
    expect(d?.slice).toBe(d?.text);
  });

  it('reads the rule of a recurring deadline', () => {
    expect(one('tổ chức lễ mít tinh vào ngày 09 tháng 11 hằng năm')?.recurrence).toEqual({ freq: 'yearly', day: 9, month: 11 });
    expect(one('trước 11h00’ ngày thứ 5 hằng tuần')?.recurrence).toEqual({ freq: 'weekly', day: 4 });
    expect(one('báo cáo theo định kỳ (6 tháng, 01 năm)')?.recurrence).toEqual({ freq: 'half-yearly' });
  });

  it('takes the year of a day written without one from the sentence, else the document, else the next year', () => {
    expect(one('báo cáo trước ngày 15/12, để tổng hợp chậm nhất ngày 20/12/2024', 2025)?.date).toBe('2024-12-15');
    expect(one('hoàn thành trước ngày 15/12', 2025, { issued: '2025-08' })?.date).toBe('2025-12-15');
    expect(one('hoàn thành trước ngày 15/01', 2025, { issued: '2025-12' })?.date).toBe('2026-01-15');
    expect(one('hoàn thành trong tháng 8', 2025, { issued: '2025-09-04' })?.date).toBe('2026-08-31');
  });

  it('keeps the task’s own day over one in a purpose clause, and a stated completion over a first step', () => {
    expect(one('gửi Sở Nội vụ trước ngày 10/12/2025 để tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025')?.date).toBe('2025-12-10');
    expect(one('Thời hạn các bộ, tỉnh gửi danh sách chậm nhất là ngày 19 tháng 12 năm 2025. Thời hạn các đối tượng trả lời phiếu chậm nhất là ngày 26 tháng 01 năm 2026.')?.date).toBe('2025-12-19');
    expect(one('xây dựng dự thảo trước ngày 10/8/2025; hoàn thành trước ngày 30/8/2025')?.date).toBe('2025-08-30');
  });

  it('gives a concrete completion precedence over a periodic rule', () => {
    expect(one('Hằng tháng báo cáo tiến độ; hoàn thành trước ngày 31/12/2021', 2021)?.kind).toBe('by');
    expect(one('Định kỳ hằng quý báo cáo; hoàn thành trong Quý IV/2025')?.kind).toBe('within');
  });
});

describe('an event the document dates', () => {
  const text = 'Hội nghị sơ kết công tác CCHC được tổ chức vào ngày 09/10/2025 tại Hội trường UBND tỉnh. Các sở gửi báo cáo tham luận trước Hội nghị.';
  it('finds the dated events of a text', () => {
    expect(findEventDates(text, 2025)).toMatchObject([{ event: 'hội nghị', date: '2025-10-09' }]);
    expect(findEventDates('Đại hội đại biểu lần thứ I. Thời gian: 08 giờ 00, ngày 15/10/2025.', 2025)).toMatchObject([{ event: 'đại hội', date: '2025-10-15' }]);
    expect(findEventDates('Các sở gửi báo cáo tham luận trước Hội nghị.', 2025)).toEqual([]);
    expect(findEventDates('theo Thông báo số 12/TB-UBND ngày 5/8/2025 kết luận Hội nghị', 2025)).toEqual([]);
  });
  it('times "trước Hội nghị" by that date, else leaves it open-ended', () => {
    const events = findEventDates(text, 2025);
    expect(one('Các sở gửi báo cáo tham luận trước Hội nghị.', 2025, { events })).toMatchObject({ kind: 'by', date: '2025-10-09' });
    expect(one('Các sở gửi báo cáo tham luận trước Hội nghị.', 2025)).toMatchObject({ kind: 'ongoing', date: null });
    expect(one('hoàn thiện tài liệu trước khi tổ chức Hội nghị', 2025, { events })).toMatchObject({ kind: 'by', date: '2025-10-09' });
  });
});

describe('deadlines on real phrasings: look-alikes that set none', () => {
  it.each<[string, Opts?]>([
    ['triển khai Kế hoạch cải cách hành chính năm 2026 của tỉnh'],
    ['thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021-2025'],
    ['bố trí dự toán ngân sách năm 2026 cho công tác CCHC'],
    ['hoàn thành 34 chỉ tiêu giao trong năm 2025'],
    ['nhất là các công trình khởi công trong năm 2021'],
    ['Thời gian xác định số liệu phục vụ chấm điểm năm 2025 được tính từ ngày 01/7/2025 đến ngày 30/11/2025'],
    ['Về mốc thời gian: Báo cáo thống kê số liệu tổng kết từ ngày 15/12/2024 đến ngày 14/12/2025.'],
    ['theo yêu cầu tại Công văn số 123/UBND ngày 05/8/2025 của UBND tỉnh'],
    ['theo Công văn số 123/UBND-VX ngày 05 tháng 8 năm 2025 của UBND tỉnh'],
    ['thực hiện Kết luận số 121-KL/TW, ngày 24/01/2025 của Ban Chấp hành Trung ương'],
    ['Khẩn trương triển khai ngay các nội dung'],
    ['kịp thời báo cáo khó khăn, vướng mắc'],
    ['Thực hiện kiểm tra định kỳ, đột xuất việc giải quyết TTHC'],
    ['đưa vào Kế hoạch cải cách hành chính hằng năm để tổ chức triển khai thực hiện'],
    ['theo Kế hoạch xác định Chỉ số CCHC hàng năm do Bộ Nội vụ ban hành'],
    ['góp phần nâng cao Chỉ số CCHC của tỉnh năm 2021 và những năm tiếp theo'],
    ['Đối với quy định “Trong thời hạn 07 ngày làm việc kể từ ngày kết thúc Đại hội hợp nhất, Ban chấp hành gửi hồ sơ”, đề nghị điều chỉnh'],
    ['rà soát các văn bản ban hành trước khi sáp nhập tỉnh'],
    ['thực hiện theo hướng dẫn của Bộ Nội vụ'],
    ['Hội nghị đã được tổ chức vào ngày 05/8/2025'],
    ['Thực hiện tiết kiệm 10% chi thường xuyên'],
    ['tiếp tục kiện toàn tổ chức bộ máy sau khi sắp xếp đơn vị hành chính'],
    ['Quyết định này có hiệu lực kể từ ngày ký ban hành.'],
    ['Hội đồng tổ chức tổng kết sau khi kết thúc năm học'],
    ['tổ chức tuyên truyền, phổ biến kết quả triển khai cải cách hành chính hàng năm của các bộ, các tỉnh'],
    ['Đề án giai đoạn 2021-2025, định hướng đến năm 2030'],
  ])('%s', (text, opts = {}) => {
    expect(one(text, 2025, opts)).toBeNull();
  });
});

/** Every gold task whose deadline words lie in its own text: the rules must read them as the annotator did. */
describe('gold deadlines of the annotated documents', () => {
  const root = join(__dirname, '..', '..', 'corpus');
  // judgment calls the text alone cannot settle: a date stated elsewhere for "trong thời hạn quy định";
  // a period the item says the Đề án must state, not when to act
  const KNOWN = [/bảo đảm hoàn thành trong thời hạn quy định/u, /quy định cụ thể thời gian Đại hội xong trong Quý III/u];
  // The documents the rules were written against. Records annotated later (the held-out set:
  // rd001, rd005, rd022, rd024, rd110, rd112, rd114-rd116, rd130) are graded end to end by
  // test/real.test.ts, not here, so a judgment call of theirs does not fail a unit test.
  const WRITTEN_AGAINST = new Set(['rd002', 'rd003', 'rd004', 'rd007', 'rd017', 'rd018', 'rd019', 'rd020', 'rd023', 'rd101', 'rd102', 'rd103', 'rd104', 'rd105', 'rd106', 'rd107', 'rd113', 'rd124', 'rd125', 'rd126', 'rd127', 'rd128', 'rd129']);
  const cases: [string, string, string | null, string | null, number][] = [];
  for (const dir of [join(root, 'real', 'gold'), join(root, 'gold')]) {
    for (const f of readdirSync(dir).sort()) {
      if (dir.endsWith(join('real', 'gold')) && !WRITTEN_AGAINST.has(f.replace(/\.json$/, ''))) continue;
      const d = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      if (!Array.isArray(d.tasks)) continue;
      const date: string | null = d.document?.date ?? null;
      for (const t of d.tasks) {
        const g = t.deadline;
        if (g && !t.text.includes(g.text)) continue; // from a heading or a table cell
        if (KNOWN.some((re) => re.test(t.text))) continue;
        cases.push([`${f} ${t.text.slice(0, 60)}`, t.text, g ? `${g.kind} ${g.date}` : null, date, date ? +date.slice(0, 4) : 2025]);
      }
    }
  }
  it('has cases', () => expect(cases.length).toBeGreaterThan(300));
  it.each(cases)('%s', (_name, text, want, issued, year) => {
    const d = pickDeadline(findDeadlines(text, year, { issued }));
    expect(d ? `${d.kind} ${d.date}` : null).toBe(want);
  });
});

describe('a period right after whom the result goes to ("trình Thủ tướng Chính phủ Quý II năm 2014.")', () => {
  const pick = (t: string) => { const d = pickDeadline(findDeadlines(t, 2014)); return d && [d.kind, d.date]; };
  it('is the time to act when a body is named before it and the clause ends with it', () => {
    expect(pick('Giao Bộ Tài nguyên và Môi trường xây dựng Chỉ thị thay thế, trình Thủ tướng Chính phủ Quý II năm 2014.')).toEqual(['within', '2014-06-30']);
    expect(pick('Các Sở tổng hợp, gửi Sở Nội vụ Quý 3 năm 2014;')).toEqual(['within', '2014-09-30']);
  });
  it('is no time when it names a report\'s period, or something follows it', () => {
    expect(pick('Các Sở báo cáo kết quả thực hiện Quý III/2014.')).toBeNull();
    expect(pick('Các Sở báo cáo Bộ Tài chính Quý III/2014 để tổng hợp.')).toBeNull();
  });
});

describe('kept-aside heldout16: a time after a plan\'s name, and a yearly framework', () => {
  it('reads "vào tháng 11 năm 2013" after "Đề án" as the time of the work, not part of the plan\'s name', () => {
    expect(one('tổ chức Hội nghị sơ kết 3 năm thực hiện Đề án với 6 tỉnh vào tháng 11 năm 2013.', 2013)).toMatchObject({ kind: 'within', date: '2013-11-30' });
    // must not: the plan's own year is still its name
    expect(one('tổ chức triển khai Đề án phát triển du lịch năm 2013 trên địa bàn tỉnh.', 2013)).toBeNull();
  });
  it('sets no recurrence for "khuôn khổ hợp tác ODA hàng năm", a yearly framework, but keeps a yearly report', () => {
    expect(one('Các nội dung trên phải được đưa vào khuôn khổ hợp tác ODA hàng năm để trình các cấp có thẩm quyền.', 2009)).toBeNull();
    expect(one('Báo cáo kết quả hợp tác quốc tế hằng năm gửi về Bộ.', 2009)).toMatchObject({ kind: 'recurring' });
  });
});

describe('kept-aside heldout17: a time handed to the rule that set it', () => {
  it('reads "theo đúng thời hạn đã quy định tại Thông tư ..." as ongoing', () => {
    expect(one('gửi báo cáo về Bộ theo đúng thời hạn đã quy định tại Thông tư số 06/2012/TT-BXD nêu trên', 2013)).toMatchObject({ kind: 'ongoing' });
    expect(one('báo cáo đúng thời gian được quy định', 2013)).toMatchObject({ kind: 'ongoing' });
    // must not: a time the text itself gives still wins
    expect(one('gửi báo cáo đúng thời hạn quy định, trước ngày 15/12/2013', 2013)).toMatchObject({ kind: 'by', date: '2013-12-15' });
  });
});

describe('kept-aside heldout32: a year a change starts from', () => {
  it('reads "Từ năm 2026, ..." and "... từ năm 2027" as from the first day of the year', () => {
    expect(one('Từ năm 2026, từng bước thực hiện tăng tỉ lệ, mức thanh toán, chi cho phòng bệnh')).toMatchObject({ kind: 'from', date: '2026-01-01' });
    expect(one('Từng bước tăng mức đóng bảo hiểm y tế từ năm 2027 phù hợp với việc mở rộng phạm vi quyền lợi')).toMatchObject({ kind: 'from', date: '2027-01-01' });
  });
  it('must not: a range, a count from a year, nor the first year of a yearly time', () => {
    expect(one('Tổng kết công tác từ năm 2021 đến nay')).toBeNull();
    expect(one('số liệu tính từ năm 2020')).toBeNull();
    expect(one('báo cáo trước ngày 30 tháng 6 hằng năm kể từ năm 2027.')).toMatchObject({ kind: 'recurring' });
  });
});
