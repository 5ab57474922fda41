/**
 * Markdown's pipe tables (GFM), which remark-parse without GFM reads as paragraphs: an assignment
 * table is a table; a letter's header or signature laid out in a table, its lines joined by
 * `<br>`, is read as its cells' lines (kept-aside heldout33, a notice saved as markdown).
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';

const HEADER = [
  '| | |',
  '|---|---|',
  '| **ĐOÀN ĐBQH VÀ HĐND**<br>**THÀNH PHỐ HỒ CHÍ MINH**<br>**VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI**<br>**VÀ HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ**<br>Số:      /TB-VP | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập – Tự do – Hạnh phúc**<br>*TP. Hồ Chí Minh, ngày     tháng 7 năm 2026* |',
  '',
  '# THÔNG BÁO',
  '',
  '**Kết luận tại cuộc họp giao ban tuần thứ 30**',
  '',
  '### 1. Giao Ban Pháp chế',
  '',
  '- Khẩn trương rà soát các nghị quyết do Hội đồng nhân dân Thành phố ban hành.',
  '',
  '| | |',
  '|---|---|',
  '| ***Nơi nhận:***<br>- Thường trực HĐND TP;<br>- Lưu: VT. | **CHÁNH VĂN PHÒNG**<br><br><br>**Võ Anh Tuấn** |',
].join('\n');

describe('a letter whose header and signature are laid out in markdown tables', () => {
  const x = extract(model(HEADER, 'thong-bao.md'));
  it('reads the header from the cells: issuer named with its parent\'s place, number left blank, date, place', () => {
    expect(x.fields.issuer).toBe('Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Hồ Chí Minh');
    expect([x.fields.number, x.fields.symbol]).toEqual([null, 'TB-VP']);
    expect(x.fields.date).toBe('2026-07');
    expect(x.fields.place).toBe('TP. Hồ Chí Minh');
  });
  it('reads the signer from the signature cell', () => {
    expect(x.fields.signer?.name).toBe('Võ Anh Tuấn');
    expect(x.fields.signer?.position).toBe('Chánh Văn phòng');
  });
  it('keeps the task under its heading', () => {
    expect(x.tasks.map((t) => [t.text.slice(0, 22), t.lead.map((l) => l.name)])).toEqual([['Khẩn trương rà soát cá', ['Ban Pháp chế']]]);
  });
});

describe('an assignment table in markdown', () => {
  const text = [
    '**ỦY BAN NHÂN DÂN TỈNH LÀO CAI**', '', 'Số: 12/KH-UBND', '', '# KẾ HOẠCH', '', 'Triển khai nhiệm vụ năm 2026', '',
    '**III. TỔ CHỨC THỰC HIỆN**', '',
    '| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |',
    '|---|---|---|---|',
    '| 1 | Rà soát **hồ sơ** đất đai<br>trên địa bàn | Sở Nông nghiệp và Môi trường | Quý II/2026 |',
    '| 2 | Xây dựng kế hoạch | Sở Tài chính | Tháng 5/2026 |',
  ].join('\n');
  it('is a table, its cells\' <br> lines joined', () => {
    const t = model(text, 'ke-hoach.md').blocks.find((b) => b.kind === 'table');
    expect(t?.rows?.map((r) => r.map((c) => c.text))).toEqual([
      ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian'],
      ['1', 'Rà soát hồ sơ đất đai trên địa bàn', 'Sở Nông nghiệp và Môi trường', 'Quý II/2026'],
      ['2', 'Xây dựng kế hoạch', 'Sở Tài chính', 'Tháng 5/2026'],
    ]);
  });
  it('gives a task a row, with the lead and the time of its cells', () => {
    const x = extract(model(text, 'ke-hoach.md'));
    expect(x.tasks.filter((t) => /^\d$/.test(t.label)).map((t) => [t.label, t.lead.map((l) => l.name), t.deadline?.kind, t.deadline?.date])).toEqual([
      ['1', ['Sở Nông nghiệp và Môi trường'], 'within', '2026-06-30'],
      ['2', ['Sở Tài chính'], 'within', '2026-05-31'],
    ]);
  });
  it('keeps a pipe row without <br> or a header anchor as it was (not a layout table)', () => {
    expect(model('**A**\n\n| Ghi chú | x |\n|---|---|\n| một | hai |\n| ba | bốn |\n| năm | sáu |', 'a.md').blocks.some((b) => b.kind === 'table')).toBe(true);
  });
});
