/**
 * A portal copy whose record table was copied one cell a line ("Số tư liệu: |" / "1036/CĐ-BGDĐT |")
 * above a document that lost its own header, and a công điện whose sender and "điện:" share a line.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';

const cells = 'Số tư liệu: |\n1036/CĐ-BGDĐT |\nNgày ban hành: |\n20-10-2011 |\nTệp đính kèm: |\n1036CD.PDF |\n';
const dien = 'CÔNG ĐIỆN\nBỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO, điện:\n- Các sở giáo dục và đào tạo;\n- Các trường đại học, cao đẳng.\n\nĐể bảo đảm an toàn cho học sinh trong mùa mưa bão, Bộ trưởng yêu cầu các sở giáo dục và đào tạo rà soát trường lớp trước ngày 30/10/2011.\n\nNội dung chi tiết trong tệp đính kèm.';

describe('a copy with no header anchor and a site line at its end', () => {
  it('keeps the document: the site\'s lines are only the record cells above it', () => {
    const m = model(cells + dien);
    expect(m.text).toMatch(/^CÔNG ĐIỆN/);
    expect(m.text).toContain('rà soát trường lớp');
  });
  it('still sets aside a record of label lines above a text with no anchor (must not keep it as the document)', () => {
    const m = model('Số hiệu: 12/UBND-VX\nNgày ban hành: 01/02/2020\nUBND tỉnh đề nghị các sở rà soát trường lớp.');
    expect(m.text).toBe('UBND tỉnh đề nghị các sở rà soát trường lớp.');
  });
});

describe('the portal\'s record read across its label and value cells', () => {
  it('gives the number, symbol and date when the document prints none', () => {
    const d = extract(model(cells + dien)).fields;
    expect([d.number, d.symbol, d.date, d.type]).toEqual(['1036', 'CĐ-BGDĐT', '2011-10-20', 'CĐ']);
  });
});

describe('a công điện whose sender and "điện:" share a line', () => {
  it('names the sender\'s body as the issuer, the list after it as recipients, and no subject', () => {
    const d = extract(model(dien)).fields;
    expect(d.issuer?.toLowerCase()).toBe('bộ giáo dục và đào tạo');
    expect(d.recipients).toEqual(['Các sở giáo dục và đào tạo', 'Các trường đại học, cao đẳng']);
    expect(d.subject).toBeFalsy();
  });
  it('leaves a sender line in sentence case alone (not an upper-case authority)', () => {
    const f = extract(model('CÔNG ĐIỆN\nVề phòng, chống bão số 5, Bộ trưởng điện:\n- Các sở giáo dục và đào tạo.\n\nYêu cầu các sở rà soát trường lớp.')).fields;
    expect(f.issuer).toBeNull();
  });
});
