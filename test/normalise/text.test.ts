import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { model, CORPUS, ROOT } from '../helpers.js';
import fc from 'fast-check';
import { canonTone, fold, foldSlow, cleanText } from '../../src/normalise/unicode.js';
import { processFile } from '../../pipelines/document.js';

describe('unicode', () => {
  it('gives NFC text, fixes Ð and strips zero-width and control characters', () => {
    expect(cleanText('ly\u0301\u200B do\u00A0\u0007ÐỒNG')).toBe('lý do ĐỒNG');
  });
  it('has one tone placement for matching and folds đ', () => {
    expect(canonTone('hoà thuỷ uỷ ban')).toBe('hòa thủy ủy ban');
    expect(fold('Sở Nội vụ, Đầu tư')).toBe('so noi vu, dau tu');
  });
  it('folds by table exactly as NFD + strip marks + lower case does, on any text', () => {
    // the corpus letters, decomposed text, and characters outside the table (Greek final
    // sigma, dotted I, ligatures, astral letters) that must take the slow way
    const corpus = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));
    for (const s of [...corpus, ...corpus.map((c) => c.normalize('NFD')), 'ΣΊΣΥΦΟΣ ΟΔΟΣ', 'İstanbul Ǆ ǅ', 'ﬁ ﬂ 𝐀𝐁', '“Sở” – …', 'Ð ð Đ đ']) {
      expect(fold(s)).toBe(foldSlow(s));
    }
    const viet = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ \n,.;:–“”…\u0301\u0300\u0309\u0303\u0323');
    fc.assert(
      fc.property(fc.oneof(fc.array(viet, { maxLength: 80 }).map((a) => a.join('')), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        expect(fold(s)).toBe(foldSlow(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the text model', () => {
  it('keeps every block at its offsets, blocks separated by a blank line', () => {
    for (const f of fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))) {
      const m = model(fs.readFileSync(path.join(CORPUS, f), 'utf8'), f);
      expect(m.text).toBe(m.text.normalize('NFC'));
      let last = -1;
      for (const b of m.blocks) {
        expect(m.text.slice(b.start, b.end)).toBe(b.text);
        expect(b.start).toBeGreaterThan(last);
        last = b.end;
        for (const row of b.rows ?? []) for (const c of row) expect(m.text.slice(c.start, c.end)).toBe(c.text);
      }
      expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    }
  });

  it('joins hard-wrapped lines and rejoins a reference number broken at its hyphen', () => {
    const m = model(Array.from({ length: 4 }, () => 'Sau khi xem xét Báo cáo số 462/BC-SNV ngày 29/10/2021 của Sở Nội vụ về kết quả thực hiện\ncông tác cải cách hành chính tháng 10/2021 của các cơ quan, đơn vị trên địa bàn, Công văn số 2480/UBND-\nTHCBKS của Ủy ban nhân dân tỉnh.\n').join('\n'));
    expect(m.blocks).toHaveLength(4);
    expect(m.blocks[0]!.text).toContain('thực hiện công tác');
    expect(m.blocks[0]!.text).toContain('2480/UBND-THCBKS');
  });

  it('sets page numbers and signature stamps aside as furniture', () => {
    const m = model(fs.readFileSync(path.join(CORPUS, '000_7a7f3f59d8dfdfb4.txt'), 'utf8'));
    expect(m.furniture.filter((f) => f.kind === 'signatureStamp').length).toBeGreaterThanOrEqual(12);
    expect(m.furniture.some((f) => f.kind === 'pageNumber' && f.text === '3')).toBe(true);
    expect(m.text).not.toMatch(/đã ký lên văn bản|2021-11-16T08/);
  });

  it('drops bookmarks and markdown markup', () => {
    const md = model(fs.readFileSync(path.join(CORPUS, '001_e411c490e37ebf07.txt'), 'utf8'));
    expect(md.text).not.toMatch(/\*\*|^## /m);
    expect(md.blocks.find((b) => b.kind === 'heading')?.text).toBe('2. Sở Thông tin và Truyền thông');
    const plan = model(fs.readFileSync(path.join(CORPUS, '002_a0abdb387e5f238a.txt'), 'utf8'));
    expect(plan.text).not.toMatch(/\[bookmark/);
  });

  it('rebuilds the TAB-cell appendix of a plan as one table', () => {
    const plan = model(fs.readFileSync(path.join(CORPUS, '002_a0abdb387e5f238a.txt'), 'utf8'));
    const t = plan.blocks.find((b) => b.kind === 'table')!;
    expect(t.rows).toHaveLength(82);
    expect(t.rows!.filter((r) => r.length === 2)).toHaveLength(15);
    expect(t.rows!.filter((r) => r.length === 5)).toHaveLength(67);
    expect(t.rows![0]!.map((c) => c.text)).toEqual(['TT', 'Nội dung nhiệm vụ, giải pháp', 'Cơ quan, đơn vị chủ trì', 'Cơ quan, đơn vị phối hợp', 'Thời gian thực hiện']);
  });

  it('sets a footnote printed at the page foot aside and rejoins the paragraph it interrupted', () => {
    const m = model(fs.readFileSync(path.join(CORPUS, '004_bd6a7462ceae1b0f.txt'), 'utf8'));
    const note = m.blocks.find((b) => b.kind === 'footnote')!;
    expect(note.text).toMatch(/^1 Quyết định số 1565\/QĐ-TTg/);
    expect(m.blocks.some((b) => b.kind !== 'footnote' && /chủ động kịp thời; tinh gọn hiệu quả/.test(b.text))).toBe(true);
  });
});

describe('a document pasted from a legal web portal', () => {
  it('finds the document inside the capture', async () => {
    const o = await processFile(path.join(ROOT, 'test', 'fixtures', 'parse', 'portal-capture.txt'));
    if (!o.ok) throw new Error(o.reason);
    expect(o.record.document).toMatchObject({ number: '2150', symbol: 'UBND-KGVX', issuer: 'Ủy ban nhân dân tỉnh Quảng Ninh', place: 'Quảng Ninh', date: '2024-04-18' });
    expect(o.record.document.subject).toBe('tăng cường công tác phòng, chống dịch bệnh mùa hè năm 2024');
    expect(o.record.tasks).toHaveLength(3);
    expect(o.model.furniture.filter((f) => f.kind === 'webCapture').map((f) => f.text)).toContain('THƯ VIỆN PHÁP LUẬT');
    expect(o.model.text).not.toMatch(/Tải về|đăng nhập|Số hiệu:/);
  });
});

describe('a letter whose own lines use words portals print', () => {
  it('keeps the whole letter when a "Ghi chú:" or "Nội dung" line of its own comes before or after its header', () => {
    const text = 'Số: 12/SNV-VP\nKính gửi: Các phòng.\nThực hiện kế hoạch, Sở đề nghị:\n1. Phòng Tổ chức báo cáo trước ngày 5/6/2025.\nNội dung\n2. Phòng Văn thư lưu trữ hồ sơ.\nGhi chú: gửi kèm phụ lục.';
    const m = model(text);
    expect(m.furniture.filter((f) => f.kind === 'webCapture')).toEqual([]);
    expect(m.blocks.map((b) => b.text)).toContain('Ghi chú: gửi kèm phụ lục.');
    expect(m.blocks[0]!.text).toBe('Số: 12/SNV-VP');
    // a scan's text that lost its Quốc hiệu: "Ghi chú" at the foot of the first page
    const lost = model('BỘ CÔNG AN\nSố: 5689/BCA-C04\nKính gửi: Các Bộ.\nBộ Công an đề nghị như sau:\n1. Các Bộ báo cáo.\nGhi chú: gửi kèm phụ lục.');
    expect(lost.blocks.map((b) => b.text)[0]).toBe('BỘ CÔNG AN');
  });
});

describe('blank lines of any length', () => {
  it('reads a letter the same with a line of 200 spaces after it (no list nested 100 deep)', async () => {
    const src = fs.readFileSync(path.join(CORPUS, '001_e411c490e37ebf07.txt'), 'utf8');
    const plain = model(src).blocks.map((b) => b.text);
    expect(model(`${src}\n${' '.repeat(200)}`).blocks.map((b) => b.text)).toEqual(plain);
  });
});

describe('hostile text', () => {
  it('keeps lines with HTML-like tags in place, as text', () => {
    const m = model('Kính gửi: Sở Nội vụ\n1. Sở Nội vụ chủ trì <script>alert(1)</script> trước ngày 5/6/2025.\n2. Giao <b>Sở Tài chính</b> thực hiện.\n3. Khác &amp; \u0007\u001b x.');
    expect(m.blocks.map((b) => b.text)).toEqual(['Kính gửi: Sở Nội vụ', '1. Sở Nội vụ chủ trì <script>alert(1)</script> trước ngày 5/6/2025.', '2. Giao <b>Sở Tài chính</b> thực hiện.', '3. Khác &amp; x.']);
    expect(m.furniture).toEqual([]);
  });
  it('keeps raw HTML of a markdown file as text', () => {
    const m = model('## 1. Sở Nội vụ\n\n<div>Chủ trì **triển khai** thực hiện</div>\n\n**Ghi chú**', 'x.md');
    expect(m.text).toContain('<div>Chủ trì **triển khai** thực hiện</div>');
  });
});

describe("a vision OCR model's layout tags (kept-aside heldout34, an OCR output of a Đồng Tháp letter)", () => {
  const text = 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n\ntext[[191, 183, 395, 220]]\nSố: 2285 /UBND-TH\n\n<|ref|>title<|/ref|><|det|>[[460, 95, 920, 180]]<|/det|>\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐồng Tháp, ngày 18 tháng 12 năm 2025';
  it('sets the tags aside as markup, so the issuer line stays the header\'s first', () => {
    const m = model(text);
    expect(m.furniture.filter((f) => f.kind === 'markup').map((f) => f.text)).toEqual(['text[[191, 183, 395, 220]]', '<|ref|>title<|/ref|><|det|>[[460, 95, 920, 180]]<|/det|>']);
    expect(m.text).not.toContain('[[');
  });
  it('must not: a line that only mentions coordinates in brackets', () => {
    expect(model('Tọa độ khu vực [[191, 183, 395, 220]] theo bản đồ.').furniture).toEqual([]);
  });
});
