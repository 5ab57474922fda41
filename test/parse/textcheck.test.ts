import { describe, it, expect } from 'vitest';
import { contentLetters, syllableShare } from '../../src/parse/textcheck.js';

describe('is a text layer the page\'s content', () => {
  it('scores real Vietnamese text high, abbreviations and codes aside', () => {
    expect(syllableShare('Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với UBND các xã rà soát TTHC theo Công văn số 4409/BCA-C04.')).toBeGreaterThan(0.95);
    expect(syllableShare('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc')).toBe(1);
  });
  it('scores a junk OCR layer low (digits inside words, mixed case, impossible syllables)', () => {
    expect(syllableShare('UBND rNs lAu DoNG sdxQrvq ceNG HoA xA ngr cnu ilcnia vrET NAM DQc l$p - Tg do - Hlnh phric NffiNnAN')).toBeLessThan(0.6);
    expect(syllableShare('Di6u 1. Thanh lQp HQi d6ng thAm dinh, d6nh gi6 Chi s6 cii c6ch hdnh chinh tinh Lam D6ng (ggi tit ld HOi tl6ng)')).toBeLessThan(0.6);
  });
  it('counts the letters of a page beyond its signing and copy stamps', () => {
    expect(contentLetters(['Ký bởi: ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG', 'Cơ quan: ỦY BAN NHÂN DÂN TỈNH', 'Thời gian ký: 16.10.2025 10:36:51 +07:00'])).toBe(0);
    expect(contentLetters(['SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 19/03/2026; 08:40:00; +07:00'])).toBe(0);
    expect(contentLetters(['Kính gửi: Sở Nội vụ'])).toBe(14);
  });
});
