/**
 * Whole documents of kinds the sample corpus lacks (a decision that issues a plan, a
 * ministry's letter, a Party directive), written the way Nghị định 30/2020/NĐ-CP and the
 * Party's rules lay them out. Each assertion is one field a clerk would check.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { processFile } from '../../pipelines/document.js';
import { ROOT } from '../helpers.js';

const doc = async (name: string) => {
  const o = await processFile(path.join(ROOT, 'test', 'fixtures', 'docs', name));
  if (!o.ok) throw new Error(o.reason);
  return o.record;
};

describe('a decision of a department that issues a plan', async () => {
  const r = await doc('qd-so.txt');
  it('reads the header with its parent body', () => {
    expect(r.document).toMatchObject({ type: 'QĐ', number: '125', symbol: 'QĐ-SNV', issuer: 'Sở Nội vụ tỉnh Bắc Ninh', parentBody: 'Ủy ban nhân dân tỉnh Bắc Ninh', place: 'Bắc Ninh', date: '2024-03-05' });
    expect(r.document.subject).toBe('ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2024');
    expect(r.document.signer).toEqual({ name: 'Trần Thị Lan', position: 'Phó Giám đốc', authority: 'KT' });
    expect(r.document.references).toEqual(['30/2020/NĐ-CP', '12/2023/QĐ-UBND']);
  });
  it('takes the assigning article and the attached plan\'s tasks, not the decision itself or the closing article', () => {
    const texts = r.tasks.map((t) => t.text.slice(0, 30));
    expect(texts.some((t) => t.startsWith('Ban hành kèm theo'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Quyết định này có hiệu lực'))).toBe(false);
    expect(r.tasks.map((t) => t.path.join('/'))).toEqual(['Điều 2', 'II/1', 'II/2', 'III/1', 'III/2']);
    expect(r.tasks[0]).toMatchObject({ lead: ['Phòng Cải cách hành chính'], support: ['Văn phòng Sở'], deadline: { kind: 'by', date: '2024-12-15' } });
    expect(r.tasks[2]!.deadline).toMatchObject({ kind: 'within', date: '2024-09-30' });
    expect(r.tasks[4]!.lead).toEqual(['Các cơ quan, đơn vị được kiểm tra']);
  });
});

describe("a ministry's letter to all provinces", async () => {
  const r = await doc('cv-bo.txt');
  it('reads the inline recipient and the central place', () => {
    expect(r.document).toMatchObject({ type: 'CV', number: '5678', symbol: 'BNV-CCHC', issuer: 'Bộ Nội vụ', place: 'Hà Nội', date: '2024-11-20' });
    expect(r.document.recipients).toEqual(['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']);
    expect(r.document.signer).toEqual({ name: 'Nguyễn Duy Thăng', position: 'Thứ trưởng', authority: 'KT' });
  });
  it('gives the single addressee as the lead and leaves the closing out', () => {
    expect(r.tasks).toHaveLength(3);
    for (const t of r.tasks) expect(t.lead).toEqual(['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']);
    expect(r.tasks.map((t) => t.deadline && [t.deadline.kind, t.deadline.date])).toEqual([['by', '2024-12-15'], ['recurring', null], ['within', '2025-03-31']]);
    expect(r.tasks[2]!.support).toEqual(['Văn phòng Chính phủ']);
    expect(r.tasks[1]!.deadline!.rule).toEqual({ freq: 'quarterly' });
  });
});

describe('a Party directive', async () => {
  const r = await doc('ct-tu.txt');
  it('reads the Party number form, the type and the T/M signature', () => {
    expect(r.document).toMatchObject({ type: 'CT', number: '06', symbol: 'CT/TU', place: 'Lạng Sơn', date: '2023-04-12' });
    expect(r.document.issuer?.toLowerCase()).toBe('tỉnh ủy lạng sơn');
    expect(r.document.signer).toEqual({ name: 'Đoàn Thị Hậu', position: 'Bí thư', authority: 'TM' });
    expect(r.document.references).toEqual(['52-NQ/TW']);
  });
  it('reads Party bodies as leads', () => {
    expect(r.tasks.map((t) => t.lead)).toEqual([['Các cấp ủy, tổ chức đảng'], ['Ban cán sự đảng Ủy ban nhân dân tỉnh'], ['Ban Tuyên giáo Tỉnh ủy'], ['Văn phòng Tỉnh ủy']]);
    expect(r.tasks[3]!.text).not.toMatch(/phổ biến đến chi bộ/);
  });
});

describe('a letter without numbered items', async () => {
  const r = await doc('cv-unmarked.txt');
  it('takes its directive paragraph as the task', () => {
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ label: '', path: [''], lead: ['Sở Kế hoạch và Đầu tư'], support: ['Sở Tài chính', 'Kho bạc Nhà nước tỉnh'], deadline: { kind: 'by', date: '2024-10-10' } });
    expect(r.document.signer).toEqual({ name: 'Lê Văn Hùng', position: 'Phó Chánh Văn phòng', authority: 'TL' });
    expect(r.document.references).toEqual(['1543/STC-ĐT']);
  });
});

describe('a notice of conclusions after a working visit', async () => {
  const r = await doc('tb-ketluan.txt');
  it('reads the type word and the title as subject', () => {
    expect(r.document).toMatchObject({ type: 'TB', number: '215', symbol: 'TB-UBND', issuer: 'Ủy ban nhân dân tỉnh Hà Tĩnh', date: '2024-06-15' });
    expect(r.document.subject).toBe('Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với Ủy ban nhân dân huyện Kỳ Anh');
  });
  it('gives tasks that name nobody to the body the notice is about, and skips the assessment and the closing', () => {
    expect(r.tasks.map((t) => t.path.join('/'))).toEqual(['2/a', '2/b', '2/c', '3']);
    expect(r.tasks.slice(0, 3).map((t) => t.lead)).toEqual([['Ủy ban nhân dân huyện Kỳ Anh'], ['Ủy ban nhân dân huyện Kỳ Anh'], ['Ủy ban nhân dân huyện Kỳ Anh']]);
    expect(r.tasks[3]).toMatchObject({ lead: ['Sở Tài chính'], support: ['Sở Kế hoạch và Đầu tư'], deadline: { kind: 'by', date: '2024-07-15' } });
    expect(r.tasks[3]!.text).not.toMatch(/thông báo để/);
  });
});

describe('a plan whose items give their fields', async () => {
  const r = await doc('kh-fields.txt');
  it('makes one task per item with lead, support and time from its fields', () => {
    expect(r.tasks.map((t) => t.path.join('/'))).toEqual(['II/1', 'II/2', 'II/3', 'IV/1', 'IV/2']);
    expect(r.tasks[0]).toMatchObject({ lead: ['Sở Thông tin và Truyền thông'], support: ['Báo Quảng Trị', 'Đài Phát thanh và Truyền hình tỉnh'], deadline: { kind: 'within', date: '2025-06-30' } });
    expect(r.tasks[0]!.text).toMatch(/^Tuyên truyền trên báo, đài của tỉnh/);
    expect(r.tasks[1]).toMatchObject({ lead: ['Sở Nội vụ'], deadline: { kind: 'by', date: '2025-10-30' } });
    expect(r.tasks[2]).toMatchObject({ lead: ['Văn phòng Ủy ban nhân dân tỉnh'], deadline: { kind: 'ongoing', date: null } });
  });
  it('finds no task in the purpose and funding sections', () => {
    expect(r.tasks.some((t) => /^(Nâng cao nhận thức|Kinh phí)/.test(t.text))).toBe(false);
  });
});
