import { describe, it, expect } from 'vitest';
import { extractReferences } from '../../src/extract/references.js';
import { model } from '../helpers.js';

const refs = (text: string, own: string | null = null) => {
  const m = model(text);
  return extractReferences(m, own).map((f) => {
    expect(m.text.slice(f.start, f.end).replace(/\s/g, '')).toBe(f.value.ref);
    return f.value;
  });
};

describe('cited documents', () => {
  it('reads state and Party forms, with kind, date and issuer', () => {
    const r = refs('Căn cứ Nghị định số 59/2012/NĐ-CP ngày 23/7/2012 của Chính phủ; Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương; Báo cáo số 462/BC-SNV ngày 29/10/2021 của Sở Nội vụ về kết quả.');
    expect(r.map((c) => c.ref)).toEqual(['59/2012/NĐ-CP', '462/BC-SNV', '18-NQ/TW'].sort((a, b) => r.findIndex((c) => c.ref === a) - r.findIndex((c) => c.ref === b)));
    const bc = r.find((c) => c.ref === '462/BC-SNV')!;
    expect(bc).toMatchObject({ kind: 'Báo cáo', date: '2021-10-29', issuer: 'Sở Nội vụ' });
  });

  it('lists each document once and leaves out the document itself', () => {
    const r = refs('Quyết định 603/QĐ-UBND ngày 30/9/2021. Theo Quyết định 603/QĐ-UBND. Kế hoạch số 116/KH-UBND', '116/KH-UBND');
    expect(r.map((c) => c.ref)).toEqual(['603/QĐ-UBND']);
  });

  it('leaves out the number where the header prints it, though its symbol as printed is not the one read (a doubled letter, a unit in brackets)', () => {
    for (const [text, own] of [
      ['Số: 03/BCĐX-CAT(PC04)\nBÁO CÁO ĐỀ XUẤT\nThực hiện Kế hoạch số 2126/KH-UBND ngày 31/12/2024', '03/BCĐX-CAT(PC04)'],
      ['Số: 1716/QĐĐ-UBND\nQUYẾT ĐỊNH\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021', '1716/QĐ-UBND'],
    ] as const) {
      const m = model(text);
      const at = m.text.indexOf(own.split('/')[0]!);
      expect(extractReferences(m, own, at).map((f) => f.value.ref)).toEqual([text.includes('2126') ? '2126/KH-UBND' : '76/NQ-CP']);
    }
  });

  it('links later short mentions to the first full citation', () => {
    const m = model('Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ. Theo Nghị quyết 76, các cơ quan thực hiện; Nghị quyết số 76/NQ-CP.');
    const [c] = extractReferences(m, null);
    expect(c!.value.mentions.map((s) => m.text.slice(s.start, s.end))).toEqual(['76/NQ-CP', 'Nghị quyết 76']);
  });

  it('rejoins a symbol broken at its hyphen and keeps codes with Đ', () => {
    expect(refs('Công văn số 3311/BKHCN-CĐSQG ngày 22/7/2025').map((c) => c.ref)).toEqual(['3311/BKHCN-CĐSQG']);
    expect(refs('Thông báo số 35-TB/TGV; Kế hoạch số 02-KH/BCĐTW').map((c) => c.ref)).toEqual(['35-TB/TGV', '02-KH/BCĐTW']);
  });

  it('keeps a symbol whole at "&" printed with a space, at a dot before a sub-unit, and after a letter in the number', () => {
    expect(refs('các công văn số 3491/UB-KH &ĐT ngày 18 tháng 12 năm 2002 và số 3612/UB-KH& ĐT của Ủy ban').map((c) => c.ref)).toEqual(['3491/UB-KH&ĐT', '3612/UB-KH&ĐT']);
    expect(refs('Thực hiện Thông báo số 12/TB-VP.UBND ngày 06 tháng 02 năm 2018 của Văn phòng').map((c) => c.ref)).toEqual(['12/TB-VP.UBND']);
    expect(refs('Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ').map((c) => c.ref)).toEqual(['30c/NQ-CP']);
  });

  it('leaves out a word the copy glued to the symbol ("... -KGVXngày 15 tháng 3")', () => {
    expect(refs('tại công văn số 1234/VPCP-KGVXngày 15 tháng 3 năm 2009 và số 77/BYT-QLDcủa Bộ Y tế').map((c) => c.ref)).toEqual(['1234/VPCP-KGVX', '77/BYT-QLD']);
  });

  it('stops at a sentence\'s dot and at "&" between words', () => {
    expect(refs('theo Công văn số 12/SNV-VP. UBND tỉnh đã giao').map((c) => c.ref)).toEqual(['12/SNV-VP']);
    expect(refs('Công văn số 12/SNV-VP.Trong đó, Sở Kế hoạch & Đầu tư').map((c) => c.ref)).toEqual(['12/SNV-VP']);
    expect(refs('Công văn số 12/SNV-VP & Sở Tài chính').map((c) => c.ref)).toEqual(['12/SNV-VP']);
  });

  it('reads the forms of older acts and of the National Assembly: slashes between parts, one code after the year, "QĐ.TTg"', () => {
    expect(refs('Căn cứ Chỉ thị số 07/2003/CT/UB ngày 02 tháng 4 năm 2003 của Ủy ban nhân dân thành phố;').map((c) => c.ref)).toEqual(['07/2003/CT/UB']);
    expect(refs('Căn cứ Luật số 72/2025/QH15 và Nghị quyết số 1211/2016/UBTVQH13 ngày 25/5/2016;').map((c) => c.ref)).toEqual(['72/2025/QH15', '1211/2016/UBTVQH13']);
    expect(refs('Căn cứ Quyết định số 12/2002/QĐ.TTg ngày 10/01/2002 của Thủ tướng Chính phủ;').map((c) => c.ref)).toEqual(['12/2002/QĐ.TTg']);
  });

  it('reads a symbol of one code only after the kind of document it cites', () => {
    expect(refs('Theo đề nghị của Sở Tài chính tại Tờ trình số 45/STC ngày 20/3/2008,').map((c) => c.ref)).toEqual(['45/STC']);
    expect(refs('Công văn 4503/TCT của Tổng cục Thuế').map((c) => c.ref)).toEqual(['4503/TCT']);
    expect(refs('Phòng họp 12/B, tầng 3; đạt 45/STC điểm').map((c) => c.ref)).toEqual([]);
  });

  it('reads a document cited by its number and day without a symbol, not a short mention of one cited in full', () => {
    expect(refs('thực hiện nghiêm Công văn số 2107 ngày 03 tháng 9 năm 2024 của Sở Y tế và Kế hoạch số 45/KH-UBND').map((c) => [c.ref, c.date])).toEqual([['2107', '2024-09-03'], ['45/KH-UBND', null]]);
    expect(refs('Chỉ thị số 12-CT/TU ngày 05/3/2024 của Tỉnh ủy; thực hiện Chỉ thị số 12 ngày 05/3/2024.').map((c) => c.ref)).toEqual(['12-CT/TU']);
    expect(refs('Công văn số 2107 của Sở Y tế; đạt số 15 ngày công').map((c) => c.ref)).toEqual([]);
  });

  it.each([
    'ngày 29/10/2021 và 30/9/2021',
    'điện thoại 0207.6251.788/0207.6250.589',
    'trang http://dichvucong.gov.vn/p/home/123/ABC-DEF',
    'đạt 95/100 điểm, tỷ lệ 35/63 tỉnh',
    'Đề án 06 của Chính phủ',
  ])('no citation in: %s', (text) => {
    expect(refs(text)).toEqual([]);
  });
});
