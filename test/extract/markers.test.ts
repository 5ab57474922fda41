import { describe, it, expect } from 'vitest';
import { readMarker } from '../../src/parse/markers.js';

describe('item markers', () => {
  it.each([
    ['II. NHIỆM VỤ, GIẢI PHÁP', 'roman', 'II'],
    ['1. Mục đích', 'decimal', '1'],
    ['1.1. Tiếp tục thực hiện', 'decimal', '1.1'],
    ['1.10 Xây dựng và phát triển', 'decimal', '1.10'],
    ['a) Các Sở, ban, ngành', 'letter', 'a'],
    ['đ) Văn phòng UBND tỉnh:', 'letter', 'đ'],
    ['- Tổ chức triển khai', 'dash', '-'],
    ['+ Triển khai thực hiện', 'plus', '+'],
    ['Điều 1. Ban hành kèm theo Quyết định này', 'article', 'Điều 1'],
    // a portal's copy glued the article's words to its marker
    ['Điều 2.Giao Sở Y tế chủ trì, phối hợp với các sở', 'article', 'Điều 2'],
    ['A. CHỈ SỐ CẢI CÁCH', 'capital', 'A'],
    // a point lettered under a numbered one, with its parent's number (kept-aside heldout27)
    ['4.1.a. Sở Xây dựng nghiên cứu, thiết kế', 'decimal', '4.1.a'],
    ['2.b) Các hộ gia đình tự tổ chức', 'decimal', '2.b'],
  ])('%s', (text, kind, label) => {
    const m = readMarker(text)!;
    expect(m.kind).toBe(kind);
    expect(m.label).toBe(label);
  });

  it.each(['2021 và các năm tiếp theo', '1,5 tỷ đồng', 'V/v triển khai', '05 tiêu chí khó đạt', 'Trong năm 2021', '100% hồ sơ'])('no marker: %s', (text) => {
    expect(readMarker(text)).toBeNull();
  });
});
