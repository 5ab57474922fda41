import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawDoc } from '../../src/model/types.js';
import { parseDocx } from '../../src/parse/docx.js';
import { letterDocx, makeDocx, para, run, table } from '../fixtures/parse/make-docx.js';

const CORPUS = path.resolve(__dirname, '../../corpus');
const FIXTURE = path.resolve(__dirname, '../fixtures/parse/letter-numbering.docx');

const body = (d: RawDoc) => d.blocks.filter((b) => !b.furniture && b.kind !== 'footnote' && b.kind !== 'table');

describe('parseDocx: list numbering, layout tables, merged cells, footnotes (fixture)', () => {
  let d: RawDoc;
  beforeAll(async () => {
    // the committed fixture, or the same document built now
    const buf = fs.existsSync(FIXTURE) ? fs.readFileSync(FIXTURE) : await letterDocx();
    d = await parseDocx(buf, 'letter-numbering.docx');
  });

  it('writes Word automatic numbers as printed markers', () => {
    const texts = body(d).map((b) => b.text);
    expect(texts).toEqual([
      'ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG',
      'Số: 12/UBND-VP',
      'V/v triển khai kế hoạch năm 2025',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc',
      'Tuyên Quang, ngày 05 tháng 3 năm 2025',
      'Kế hoạch triển khai',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Giám đốc các Sở',
      '1.1. Nghiên cứu Báo cáo số 7541/BC-VPCP.',
      '1.2. Tổng hợp khó khăn, vướng mắc; báo cáo định kỳ.',
      'a) Các Sở, ban, ngành',
      '- Tổ chức triển khai thực hiện;',
      '+ Xây dựng kế hoạch chi tiết.',
      'b) UBND các huyện',
      'Ngoài ra, các cơ quan chủ động phối hợp.',
      // the list goes on after a paragraph without number; the sub-level starts again
      '2. Sở Thông tin và Truyền thông',
      '2.1. Hướng dẫn kỹ thuật.',
      'Danh sách kèm theo (danh sách mới):',
      // a list instance with a start override begins again at 1
      '1. Văn phòng UBND tỉnh',
      '• Điểm có dấu chấm tròn',
      'Yêu cầu các cơ quan nghiêm túc thực hiện./.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
    ]);
    expect(d.diagnostics.some((x) => /12 automatic list number/.test(x.message))).toBe(true);
  });

  it('gives kinds and style hints', () => {
    const by = (t: string) => d.blocks.find((b) => b.text.startsWith(t))!;
    expect(by('Kế hoạch triển khai')).toMatchObject({ kind: 'heading', level: 1, bold: true, align: 'center' });
    expect(by('1.1. Nghiên cứu')).toMatchObject({ kind: 'listItem' });
    expect(by('1. Giám đốc')).toMatchObject({ kind: 'listItem', bold: true });
    expect(by('a) Các Sở')).toMatchObject({ italic: true });
    expect(by('Ngoài ra')).toMatchObject({ kind: 'paragraph', align: 'left' });
    expect(by('Tuyên Quang, ngày')).toMatchObject({ italic: true, align: 'center' });
  });

  it('flattens borderless layout tables into columns, left cell first', () => {
    const cols = d.blocks.filter((b) => b.column).map((b) => [b.column, b.text.split('\n')[0]]);
    expect(cols).toEqual([
      ['left', 'ỦY BAN NHÂN DÂN'],
      ['left', 'Số: 12/UBND-VP'],
      ['left', 'V/v triển khai kế hoạch năm 2025'],
      ['right', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['right', 'Tuyên Quang, ngày 05 tháng 3 năm 2025'],
      ['left', 'Nơi nhận:'],
      ['left', '- Như trên;'],
      ['left', '- Lưu: VT.'],
      ['right', 'KT. CHỦ TỊCH'],
      ['right', 'Nguyễn Văn An'],
    ]);
  });

  it('keeps a ruled table as rows of cells, merged cells given once', () => {
    const tables = d.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({
      headerRows: 1,
      rows: [
        ['TT', 'Nội dung', 'Chủ trì', 'Thời hạn'],
        ['A', 'Cải cách thủ tục hành chính', '', ''],
        ['1', 'Rà soát thủ tục', 'Sở Nội vụ', 'Quý I/2025'],
        ['2', 'Công khai thủ tục', '', 'Thường xuyên'],
      ],
    });
  });

  it('takes the footnote out of the text and gives it as a footnote block', () => {
    expect(d.blocks.find((b) => b.text.startsWith('1.2.'))!.text).toBe('1.2. Tổng hợp khó khăn, vướng mắc; báo cáo định kỳ.');
    const notes = d.blocks.filter((b) => b.kind === 'footnote');
    expect(notes.map((b) => b.text)).toEqual(['1 Quyết định số 1565/QĐ-TTg ngày 18/7/2025 của Thủ tướng Chính phủ.\n- Các huyện: Lâm Bình, Chiêm Hóa.']);
    expect(d.blocks.at(-1)!.kind).toBe('footnote');
  });
});

describe('parseDocx on the corpus', () => {
  const docs: Record<string, RawDoc> = {};
  beforeAll(async () => {
    for (const f of fs.readdirSync(path.join(CORPUS, 'docx'))) docs[f] = await parseDocx(fs.readFileSync(path.join(CORPUS, 'docx', f)), f);
  }, 60_000);

  it('reads 001: header columns, markers, headings, signature', () => {
    const d = docs['001_e411c490e37ebf07.docx']!;
    expect(d.format).toBe('docx');
    const text = body(d).map((b) => b.text).join('\n');
    expect(text).toContain('Số: 4945 /UBND-THCBKS');
    expect(text).toContain('2480/UBND-THCBKS');
    expect(d.blocks.find((b) => b.text.startsWith('ỦY BAN'))).toMatchObject({ column: 'left', text: 'ỦY BAN NHÂN DÂN\nTỈNH TUYỀN QUANG' });
    expect(d.blocks.find((b) => b.text.startsWith('2. Sở Thông tin'))).toMatchObject({ kind: 'heading', level: 2 });
    expect(body(d).filter((b) => b.kind === 'listItem').map((b) => b.text.split(' ')[0])).toEqual(
      expect.arrayContaining(['1.', '1.1.', '1.2.', '1.3.', '2.1.', '-']),
    );
    expect(d.blocks.filter((b) => b.column === 'right').map((b) => b.text)).toContain('TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG');
  });

  it('reads the 002 appendix table: 82 rows, one header row, section rows spanning', () => {
    const d = docs['002_a0abdb387e5f238a.docx']!;
    const t = d.blocks.filter((b) => b.kind === 'table');
    expect(t).toHaveLength(1);
    expect(t[0]!.headerRows).toBe(1);
    expect(t[0]!.rows).toHaveLength(82);
    expect(t[0]!.rows![1]).toEqual(['A', 'Chỉ số Cải cách hành chính cấp tỉnh', '', '', '']);
    expect(t[0]!.rows!.slice(1).filter((r) => !r[2] && !r[3] && !r[4])).toHaveLength(15);
  });

  it('gives 003 and 004 footnotes as footnote blocks, marks out of the text', () => {
    const n4 = docs['004_bd6a7462ceae1b0f.docx']!.blocks.filter((b) => b.kind === 'footnote');
    expect(n4).toHaveLength(1);
    expect(n4[0]!.text.startsWith('1 Quyết định số 1565/QĐ-TTg')).toBe(true);
    const n3 = docs['003_1d9eea9674fe7869.docx']!.blocks.filter((b) => b.kind === 'footnote');
    expect(n3[0]!.text.split('\n')).toHaveLength(3);
    expect(body(docs['003_1d9eea9674fe7869.docx']!).map((b) => b.text).join(' ')).toContain('06 đơn vị cấp xã.');
  });

  it('marks the e-signature stamps of 000 as furniture', () => {
    const d = docs['000_7a7f3f59d8dfdfb4.docx']!;
    expect(d.blocks.filter((b) => b.furniture === 'signatureStamp')).toHaveLength(4);
    expect(body(d).some((b) => b.text.includes('đã ký'))).toBe(false);
  });
});

describe('parseDocx refuses unreadable files', () => {
  it('not a zip', async () => {
    await expect(parseDocx(Buffer.from('just text'), 'x.docx')).rejects.toThrow(/not a DOCX file/);
  });

  it('a zip without a document', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    await expect(parseDocx(await zip.generateAsync({ type: 'nodebuffer' }), 'x.docx')).rejects.toThrow('not a DOCX file (no word/document.xml)');
  });

  it('truncated', async () => {
    const buf = await letterDocx();
    await expect(parseDocx(buf.subarray(0, Math.floor(buf.length / 2)), 'x.docx')).rejects.toThrow(/not a DOCX file/);
  });

  it('encrypted (an OLE compound file)', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await expect(parseDocx(ole, 'x.docx')).rejects.toThrow(/encrypted with a password or is an old Word/);
  });

  it('an empty document is read, with a warning', async () => {
    const d = await parseDocx(await makeDocx(para(''), { footnotes: false }), 'empty.docx');
    expect(d.blocks).toEqual([]);
    expect(d.diagnostics.some((x) => x.severity === 'warning')).toBe(true);
  });

  it('reads lines set in two columns with tab stops as columns, and a framed header as a layout', async () => {
    const tabbed = (t: string, o: { b?: boolean } = {}) => para(run(t, o).replace(/\t/g, '</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">'));
    const body = [
      tabbed('ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { b: true }),
      tabbed('TỈNH TUYÊN QUANG\tĐộc lập - Tự do - Hạnh phúc', { b: true }),
      tabbed('Số: 12/UBND-VP\tTuyên Quang, ngày 05 tháng 3 năm 2025'),
      tabbed('\tThực hiện chỉ đạo của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện tốt.'),
      tabbed('Nơi nhận:\tKT. CHỦ TỊCH'),
      tabbed('- Như trên;\tPHÓ CHỦ TỊCH'),
      tabbed('\t\t\tNguyễn Văn An'),
      table([{ cells: [{ paras: [para(run('UBND XÃ A'))] }, { paras: [para(run('CỘNG HÒA'))] }] }], { borders: true, cols: 2 }),
    ].join('');
    const d = await parseDocx(await makeDocx(body, { footnotes: false }), 'tabs.docx');
    expect(d.blocks.map((b) => [b.column ?? '', b.text])).toEqual([
      ['left', 'ỦY BAN NHÂN DÂN'],
      ['left', 'TỈNH TUYÊN QUANG'],
      ['left', 'Số: 12/UBND-VP'],
      ['right', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['right', 'Độc lập - Tự do - Hạnh phúc'],
      ['right', 'Tuyên Quang, ngày 05 tháng 3 năm 2025'],
      ['', 'Thực hiện chỉ đạo của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện tốt.'],
      ['left', 'Nơi nhận:'],
      ['left', '- Như trên;'],
      ['right', 'KT. CHỦ TỊCH'],
      ['right', 'PHÓ CHỦ TỊCH'],
      ['right', 'Nguyễn Văn An'],
      ['left', 'UBND XÃ A'],
      ['right', 'CỘNG HÒA'],
    ]);
  });

  it('a data table in a layout table cell stays a table', async () => {
    const inner = table([{ cells: [{ paras: [para(run('a'))] }, { paras: [para(run('b'))] }, { paras: [para(run('c'))] }] }, { cells: [{ paras: [para(run('1'))] }, { paras: [para(run('2'))] }, { paras: [para(run('3'))] }] }], { borders: true, cols: 3 });
    const outer = table([{ cells: [{ paras: [para(run('Trái'))] }, { paras: [para(run('Phải')), inner] }] }], { borders: false, cols: 2 });
    const d = await parseDocx(await makeDocx(outer, { footnotes: false }), 'nested.docx');
    expect(d.blocks.map((b) => (b.kind === 'table' ? b.rows : [b.column, b.text]))).toEqual([
      ['left', 'Trái'],
      ['right', 'Phải'],
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ]);
  });
});
