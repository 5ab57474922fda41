import { describe, it, expect } from 'vitest';
import { canonicalAgency } from '../../src/refine/registry.js';

describe('agency registry', () => {
  it.each([
    ['VP UBND tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh'],
    ['Sở TT&TT', 'Sở Thông tin và Truyền thông'],
    ['Sở KH&ĐT', 'Sở Kế hoạch và Đầu tư'],
    ['Uỷ ban nhân dân các xã, phường', 'Ủy ban nhân dân các xã, phường'],
    ['Bru điện tỉnh', 'Bưu điện tỉnh'],
    ['Ủy ban MTTQ tỉnh', 'Ủy ban Mặt trận Tổ quốc tỉnh'],
    ['UBND huyện, thành phố', 'Ủy ban nhân dân huyện, thành phố'],
  ])('%s -> %s', (written, canonical) => {
    expect(canonicalAgency(written)).toBe(canonical);
  });

  it('does not snap a different body that merely looks alike', () => {
    expect(canonicalAgency('Sở Tư pháp')).toBe('Sở Tư pháp');
    expect(canonicalAgency('Sở Y tế')).toBe('Sở Y tế');
    expect(canonicalAgency('Phòng Cải cách hành chính')).toBe('Phòng Cải cách hành chính');
  });
});
