/**
 * An assignment table as a Word file's text extraction writes it: cells joined by " | ", a row a line, no TT column
 * (the time is the first column, a group row's number stands there), a header of two rows (a merged "Thực hiện" over
 * "Đơn vị chủ trì | Đơn vị phối hợp"), a time cell merged over the rows of one step. The form of a ministry's plan in
 * the kept-aside set heldout38 (h38_09), written here with other words.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';
import { findDeadlines, pickDeadline } from '../../src/extract/deadlines.js';

const head = 'ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 15/KH-UBND\nAn Giang, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số trong cơ quan nhà nước\n\nIII. NỘI DUNG CHI TIẾT\n\n';
const table = [
  'Thời gian | Nội dung công việc | Cơ quan quản lý | Thực hiện',
  ' |  |  | Đơn vị chủ trì | Đơn vị phối hợp',
  'I | GIAI ĐOẠN 1: CHUẨN BỊ',
  '1 | Khảo sát hiện trạng',
  '3-4/2026 | Rà soát hạ tầng mạng của các cơ quan | Ủy ban nhân dân tỉnh | Sở Khoa học và Công nghệ | - Sở Nội vụ; - Văn phòng Ủy ban nhân dân tỉnh.',
  ' | Tổng hợp danh mục phần mềm dùng chung | Ủy ban nhân dân tỉnh | Sở Tài chính/ Kho bạc Nhà nước tỉnh | - Sở Khoa học và Công nghệ.',
  '2 | Lập đề án',
  '5/2026 | Trình phê duyệt đề án chuyển đổi số | Ủy ban nhân dân tỉnh | Sở Khoa học và Công nghệ | - Sở Tài chính.',
  'II | GIAI ĐOẠN 2: TRIỂN KHAI',
  ' | Vận hành nền tảng dùng chung | Ủy ban nhân dân tỉnh | Sở Khoa học và Công nghệ | - Các sở, ban, ngành.',
].join('\n');
const doc = `${head}${table}\n\nIV. TỔ CHỨC THỰC HIỆN\n\nCác sở, ngành triển khai Kế hoạch này.\n`;

describe('a " | " table without a TT column and with a two-row header', () => {
  const tasks = extract(model(doc)).tasks.filter((t) => t.source === 'table');
  it('reads each work row as a task, under its stage and step, and the group rows as none', () => {
    expect(tasks.map((t) => [t.path.join('/'), t.text])).toEqual([
      ['I/1/', 'Rà soát hạ tầng mạng của các cơ quan'],
      ['I/1/', 'Tổng hợp danh mục phần mềm dùng chung'],
      ['I/2/', 'Trình phê duyệt đề án chuyển đổi số'],
      ['II/', 'Vận hành nền tảng dùng chung'],
    ]);
  });
  it('takes the lead from "Đơn vị chủ trì", not the merged "Thực hiện" nor the column before it; a slash parts two doers', () => {
    expect(tasks.map((t) => t.lead.map((a) => a.name))).toEqual([
      ['Sở Khoa học và Công nghệ'], ['Sở Tài chính', 'Kho bạc Nhà nước tỉnh'], ['Sở Khoa học và Công nghệ'], ['Sở Khoa học và Công nghệ'],
    ]);
  });
  it('reads the "- X; - Y" support cell as its bodies, without the dashes', () => {
    expect(tasks[0]!.support.map((a) => a.name)).toEqual(['Sở Nội vụ', 'Văn phòng Ủy ban nhân dân tỉnh']);
  });
  it('reads a bare "3-4/2026" as within April, and an empty time cell under it as the same step\'s time (not a new stage\'s)', () => {
    expect(tasks.map((t) => t.deadline ? `${t.deadline.kind} ${t.deadline.date}` : null)).toEqual([
      'within 2026-04-30', 'within 2026-04-30', 'within 2026-05-31', null,
    ]);
  });
});

describe('a time cell that is only a period or a day', () => {
  const cell = (s: string) => { const d = pickDeadline(findDeadlines(s, 2026, { cell: true })); return d ? `${d.kind} ${d.date}` : null; };
  it('"12/2019" is that month, "10-11/2019" the later month, "Ngày 24/8" and "15/12/2019" that day', () => {
    expect(cell('12/2019')).toBe('within 2019-12-31');
    expect(cell('10-11/2019')).toBe('within 2019-11-30');
    expect(cell('Ngày 24/8')).toBe('within 2026-08-24');
    expect(cell('15/12/2019')).toBe('within 2019-12-15');
    expect(cell('Trước ngày 24/8')).toBe('by 2026-08-24');
  });
  it('leaves such numbers in a sentence alone', () => {
    const d = pickDeadline(findDeadlines('Báo cáo số liệu 12/2019 của các đơn vị.', 2026));
    expect(d).toBeNull();
  });
});

describe('a day\'s programme: a table of hours under a heading that dates the day (kept-aside heldout35)', () => {
  const plan = (heading: string) => `${head}#### ${heading}\n\n| Thời gian | Nội dung | Đơn vị phụ trách |\n|---|---|---|\n| 7h00 - 7h15 | Ổn định tổ chức, điểm danh | Ban Giám hiệu, GVCN các lớp |\n| 7h15 - 8h00 | Báo cáo chuyên đề an toàn giao thông | Đoàn trường |\n| Trước ngày 20/8 | Chuẩn bị hội trường | Văn phòng |\n`;
  const rows = (heading: string) => extract(model(plan(heading), 'plan.md')).tasks.filter((t) => t.source === 'table').map((t) => [t.lead.map((a) => a.name), t.deadline ? `${t.deadline.kind} ${t.deadline.date}` : null]);
  it('gives the rows timed by the hour that day, within; a row with a time of its own keeps it; "GVCN" heads a name', () => {
    expect(rows('NGÀY 2: THỨ BA, NGÀY 25/8/2026')).toEqual([
      [['Ban Giám hiệu', 'GVCN các lớp'], 'within 2026-08-25'],
      [['Đoàn trường'], 'within 2026-08-25'],
      [['Văn phòng'], 'by 2026-08-20'],
    ]);
  });
  it('gives no day from a heading that dates none, or from a sentence above the table', () => {
    expect(rows('CHƯƠNG TRÌNH BUỔI SÁNG').map((r) => r[1])).toEqual([null, null, 'by 2026-08-20']);
    expect(rows('Ngày 25/8/2026, nhà trường đã tổ chức họp phụ huynh và thống nhất chương trình sau.').map((r) => r[1])).toEqual([null, null, 'by 2026-08-20']);
  });
});

describe('a table whose rows go on past a group row at the group\'s own level', () => {
  const plan = `${head}| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tuyên truyền |\n| a | Tổ chức hội nghị | Sở Tư pháp | Quý III, IV/2026 |\n| 2 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Quý IV/2026, 2027 |\n`;
  const tasks = extract(model(plan, 'plan.md')).tasks.filter((t) => t.source === 'table');
  it('puts row "2" beside group "1", not under it; a list of quarters ends with the last, a year after it with that year', () => {
    expect(tasks.map((t) => [t.path.join('/'), t.deadline?.date])).toEqual([['1/a', '2026-12-31'], ['2', '2027-12-31']]);
  });
});
