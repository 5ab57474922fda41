import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { splitGlued, unglue } from '../../src/normalise/syllables.js';
import { CORPUS, model } from '../helpers.js';

describe('words run together', () => {
  it('puts the space back between syllables a web copy ran together', () => {
    // from portal copies of real letters (heldout sets 48-59)
    expect(unglue('Giao Bộ Kế hoạch và Đầu tưchủ trì, phối hợp')).toBe('Giao Bộ Kế hoạch và Đầu tư chủ trì, phối hợp');
    expect(unglue('tổ chứcthực hiện việc may')).toBe('tổ chức thực hiện việc may');
    expect(unglue('báo cáo Thủ tướng Chínhphủ')).toBe('báo cáo Thủ tướng Chính phủ');
    expect(unglue('chị Lê ThịMinh Hương')).toBe('chị Lê Thị Minh Hương');
    expect(unglue('Kính gửi: Cácsởgiáodụcđàotạo')).toBe('Kính gửi: Các sở giáo dục đào tạo');
    expect(unglue('Ủy ban nhân dânthành phố Hà Nội vàỦy ban')).toBe('Ủy ban nhân dân thành phố Hà Nội và Ủy ban');
    expect(unglue('CHỦ TỊCHNguyễn Văn A')).toBe('CHỦ TỊCH Nguyễn Văn A');
    // an abbreviation run into the next word
    expect(unglue('Hội nghị giao ban BHYTnăm 2008')).toBe('Hội nghị giao ban BHYT năm 2008');
  });
  it('splits a word that reads two ways by the words the document uses, then by the syllables real documents use', () => {
    // "thực hiện" or "thự chiện"; "cụ thể" or "cục hể"
    expect(splitGlued('thựchiện')).toEqual(['thực', 'hiện']);
    expect(splitGlued('cụthể')).toEqual(['cụ', 'thể']);
    // "PHÒNG Thái" or "PHÒNGT hái": the document writes "phòng" and "thái" on their own
    const known = (w: string) => ['phòng', 'thái'].includes(w);
    expect(splitGlued('PHÒNGThái', known)).toEqual(['PHÒNG', 'Thái']);
    // "các háu" or "cá cháu", both made of words the document uses: nothing to choose by, left whole
    expect(splitGlued('cácháu', () => true)).toBeNull();
  });
  it('leaves whole every real syllable, abbreviation, foreign word and misread letter', () => {
    for (const w of ['Nguyễn', 'khuyến', 'nghiêng', 'giường', 'quyết', 'khuỷu', 'người', 'hoạch', 'khuya', 'xoong', 'thuở', 'Quảng', 'ủy', 'gìn', 'ngoằn'])
      expect(splitGlued(w), w).toBeNull();
    // abbreviations, foreign words, highland names, a word OCR misread and a loan word
    for (const w of ['UBND', 'HĐND', 'ĐHQGHN', 'SGDĐT', 'website', 'Medinet', 'Đắk', 'Krông', 'QUYÉT', 'trưòng', 'Kiốt', 'điôxin'])
      expect(splitGlued(w), w).toBeNull();
    expect(unglue('Sở Nội vụ chủ trì, phối hợp với UBND các xã, phường')).toBe('Sở Nội vụ chủ trì, phối hợp với UBND các xã, phường');
    // (an HTML entity a document quotes is text as written: no space after its semicolon)
    expect(unglue('kinh phí &lt;b&gt;đậm&lt;/b&gt; trước ngày 15/12')).toBe('kinh phí &lt;b&gt;đậm&lt;/b&gt; trước ngày 15/12');
  });
  it('changes no word of the sample letters, which are typed cleanly', () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8').normalize('NFC');
      expect(unglue(text) === text, f).toBe(true);
    }
  });
  it('is part of the normalised text model', () => {
    const m = model('Kính gửi: Sở Tàichính\n\nGiao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính.', 'glued.txt');
    expect(m.text).toContain('Kính gửi: Sở Tài chính');
  });
});
