/**
 * Signatures of an office whose head holds two offices ("BỘ TRƯỞNG, CHỦ NHIỆM" of the Government
 * Office) and a deputy's title wrapped over two lines ("PHÓ CHỦ" / "NHIỆM").
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';

const letter = (block: string) => extract(model(`VĂN PHÒNG CHÍNH PHỦ\nSố: 668/VPCP-KGVX\nHà Nội, ngày 27 tháng 01 năm 2021\nKính gửi: Bộ Y tế.\nBộ Y tế khẩn trương chuẩn bị báo cáo.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n${block}`)).fields.signer;

describe('one person\'s two offices joined by a comma', () => {
  it('is one position, each office with its capital', () => {
    expect(letter('BỘ TRƯỞNG, CHỦ NHIỆM\nMai Tiến Dũng')).toMatchObject({ name: 'Mai Tiến Dũng', position: 'Bộ trưởng, Chủ nhiệm', authority: null });
  });
  it('is the delegating object under KT; the deputy\'s title wrapped over two lines is the position', () => {
    expect(letter('KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ\nNHIỆM\nNguyễn Văn Tùng')).toMatchObject({ name: 'Nguyễn Văn Tùng', position: 'Phó Chủ nhiệm', authority: 'KT' });
    expect(letter('KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Sỹ Hiệp')).toMatchObject({ name: 'Nguyễn Sỹ Hiệp', position: 'Phó Chủ nhiệm', authority: 'KT' });
  });
  it('keeps a unit\'s name with a comma in it as one position', () => {
    expect(letter('TL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ VÀ MÔI TRƯỜNG\nNguyễn Văn An')?.position?.toLowerCase()).toBe('vụ trưởng vụ khoa học, công nghệ và môi trường');
  });
});
