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
