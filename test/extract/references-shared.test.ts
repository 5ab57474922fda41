/** Several documents cited by their numbers before one shared symbol ("các công văn số 614, 615, 616-CV/VPTW"). */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';

const refs = (body: string) => extract(model(`Kính gửi: Các Bộ.\n\n${body}`)).fields.references;

describe('numbers sharing one symbol', () => {
  it('cites each number with the symbol, in Party and State form', () => {
    expect(refs('Về ý kiến chỉ đạo tại các công văn số 614, 615, 616-CV/VPTW ngày 21 tháng 04 năm 2011 của Văn phòng Trung ương Đảng.')).toEqual(['614-CV/VPTW', '615-CV/VPTW', '616-CV/VPTW']);
    expect(refs('Thực hiện Quyết định số 12 và 13/QĐ-UBND ngày 01/02/2020 của UBND tỉnh.')).toEqual(['12/QĐ-UBND', '13/QĐ-UBND']);
  });
  it('takes no years or counts before "số" for numbers', () => {
    expect(refs('Năm 2020, 2021, Báo cáo số 45/BC-UBND ngày 01/02/2020 đã nêu.')).toEqual(['45/BC-UBND']);
    expect(refs('Trong 3, 4 năm qua, theo Công văn số 45/BC-UBND.')).toEqual(['45/BC-UBND']);
  });
});

describe('a legal portal\'s list of related documents around its copy (kept-aside heldout24)', () => {
  it('is not cited by the document', () => {
    const body = 'Thực hiện Công văn số 120/BXD-KHTC ngày 02/3/2023 của Bộ Xây dựng, Sở Xây dựng đề nghị các đơn vị báo cáo./.\n\nKT. GIÁM ĐỐC\n\n';
    expect(refs(`${body}- 1 Công văn 4410/VPCP-CN năm 2019 về dự án giao thông do Văn phòng Chính phủ ban hành\n- 2 Quyết định 77/QĐ-TTg năm 2020 phê duyệt quy hoạch do Thủ tướng Chính phủ ban hành`)).toEqual(['120/BXD-KHTC']);
    expect(refs(`- 1Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa\n- 2Thông tư 01/2018/TT-VPCP hướng dẫn Nghị định 61/2018/NĐ-CP\n\n${body}`)).toEqual(['120/BXD-KHTC']);
  });
  it('must not: drop a listed document the text cites too, or a dossier\'s count of copies', () => {
    expect(refs('- 1Nghị định 61/2018/NĐ-CP về cơ chế một cửa\n- 2Thông tư 01/2018/TT-VPCP hướng dẫn\n\nThực hiện Nghị định số 61/2018/NĐ-CP, đề nghị các đơn vị báo cáo.')).toEqual(['61/2018/NĐ-CP']);
    expect(refs('Hồ sơ gồm:\n- 01 Tờ trình 15/TTr-UBND đề nghị công nhận;\n- 01 Báo cáo 20/BC-UBND kết quả thực hiện.')).toEqual(['15/TTr-UBND', '20/BC-UBND']);
  });
});
