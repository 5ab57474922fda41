/**
 * Words a portal copy glued together, split for the rules that find who does what.
 */
import { describe, it, expect } from 'vitest';
import { deglue, spanBack } from '../../src/extract/glue.js';
import { leadOf, supportOf } from '../../src/extract/agencies.js';

describe('glued words', () => {
  it.each([
    ['Giaocho Sở Xây dựng chủ trì', 'Giao cho Sở Xây dựng chủ trì'],
    ['thuộc Trungương, các cơ quan có liênquan', 'thuộc Trung ương, các cơ quan có liên quan'],
    ['có ýkiến như sau', 'có ý kiến như sau'],
    ['Kính gửi: BộY tế', 'Kính gửi: Bộ Y tế'],
    ['Trung ươngphối hợp với', 'Trung ương phối hợp với'],
    ['Vềđề nghị của Bộ', 'Về đề nghị của Bộ'],
    ['dịch kịp thời làyêu cầu cấp bách', 'dịch kịp thời là yêu cầu cấp bách'],
  ])('splits %s', (glued, split) => {
    expect(deglue(glued)?.text).toBe(split);
  });

  it.each([
    'Ủy ban sông Mekong Việt Nam, Viettel, Website, Festival, Email, online, Covid, hotline, Internet, Zalo',
    'Đài Phát thanh và Iruyền hình (a scan\'s misread letter), Ooc, Aan',
    'VNPT, TTg, HĐND, UBND-KH&ĐT, Thông tin, nghiêng, khuyến khích, quyết định, người, Nguyễn, thuở, khoẻ, Quảng Ngãi',
  ])('leaves words of one syllable and names from other languages: %s', (text) => {
    expect(deglue(text)).toBeNull();
  });

  it('maps spans of the split text back to the text given', () => {
    const text = 'Giaocho Sở Xây dựng chủ trì';
    const d = deglue(text)!;
    const at = d.text.indexOf('Sở Xây dựng');
    const [s, e] = spanBack(d, at, at + 'Sở Xây dựng'.length);
    expect(text.slice(s, e)).toBe('Sở Xây dựng');
  });

  it('finds the lead and support of a glued item as words, with spans into the item', () => {
    const text = 'Giaocho Sở Xây dựng chủ trì, phối hợp với Sở Tài chính thẩm định.';
    const a = leadOf(text)!;
    expect(a.lead.map((b) => [b.text, text.slice(b.start, b.end)])).toEqual([['Sở Xây dựng', 'Sở Xây dựng']]);
    const t2 = 'Các Bộ: Y tế, Tài chính, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ươngphối hợp với Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị xã hội ở địaphương tổ chức tuyên truyền.';
    expect(leadOf(t2)!.lead.map((b) => b.text)).toEqual(['Các Bộ: Y tế, Tài chính', 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']);
    expect(supportOf(t2).map((b) => b.text)).toEqual(['Mặt trận Tổ quốc Việt Nam', 'các tổ chức chính trị xã hội ở địa phương']);
  });
});

describe('glued words: the same text split once (issue 14)', () => {
  it('gives the same result for a text read again, without splitting it again', () => {
    const text = 'Giaocho Sở Xây dựng chủ trì, phối hợp với các cơ quan có liênquan';
    const a = deglue(text);
    expect(a?.text).toBe('Giao cho Sở Xây dựng chủ trì, phối hợp với các cơ quan có liên quan');
    expect(deglue(`${text}`.slice(0))).toBe(a);
    expect(deglue('Sở Xây dựng chủ trì')).toBeNull();
    expect(deglue('Sở Xây dựng chủ trì')).toBeNull();
  });
});

describe('a syllable closed by p, t, c or ch takes only the sắc or nặng tone', () => {
  it('splits "chủtrì" as "chủ trì", not "chủt rì"', () => {
    expect(deglue('Giao Sở Tài nguyên và Môi trường chủtrì cùng với Bộ Chỉ huy')?.text).toBe('Giao Sở Tài nguyên và Môi trường chủ trì cùng với Bộ Chỉ huy');
  });
});
