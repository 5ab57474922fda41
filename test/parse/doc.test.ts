import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseFile } from '../../src/parse/index.js';
import { docbookToBlocks } from '../../src/parse/doc.js';
import { ROOT } from '../helpers.js';

const REAL = path.join(ROOT, 'corpus', 'real', 'doc');
const hasAntiword = (() => {
  try {
    execFileSync('antiword', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();
if (!hasAntiword) console.warn('antiword is not installed (apt-get install antiword): the .doc parse tests are skipped');

describe('legacy Word .doc', () => {
  it.skipIf(!hasAntiword)('reads a header table as columns, the Kính gửi list and the body (rd125.doc)', async () => {
    const f = path.join(REAL, 'rd125.doc');
    const d = await parseFile(fs.readFileSync(f), f);
    expect(d.format).toBe('doc');
    const left = d.blocks.filter((b) => b.column === 'left').map((b) => b.text);
    const right = d.blocks.filter((b) => b.column === 'right').map((b) => b.text);
    expect(left.slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG', expect.stringMatching(/^Số:\s+\/UBND-NC$/)]);
    expect(right).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(right.some((t) => /^Lâm Đồng, ngày\s+tháng 3 năm 2026$/.test(t))).toBe(true);
    const texts = d.blocks.map((b) => b.text);
    expect(texts).toContain('- UBND các xã, phường, đặc khu.');
    expect(d.blocks.find((b) => b.text.startsWith('I. NỘI DUNG LÀM VIỆC'))?.kind).toBe('listItem');
  });

  it.skipIf(!hasAntiword)('splits a header typed with tab stops into columns, keeping the blanks for the number and the day (rd128.doc), and never takes the stale file title', async () => {
    const f = path.join(REAL, 'rd128.doc');
    const d = await parseFile(fs.readFileSync(f), f);
    const left = d.blocks.filter((b) => b.column === 'left').map((b) => b.text);
    const right = d.blocks.filter((b) => b.column === 'right').map((b) => b.text);
    expect(left.slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH BÌNH THUẬN', 'Số: /UBND-NCKSTTHC']);
    expect(right.slice(0, 3)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', expect.stringMatching(/^Bình Thuận, ngày tháng 02\s+năm 2025$/)]);
    // the file's metadata title is mojibake of another encoding: never content
    expect(d.blocks.some((b) => /Tá»/.test(b.text))).toBe(false);
  });

  it('reads a .docx saved under a .doc name as a DOCX', async () => {
    const f = path.join(ROOT, 'corpus', 'docx', '003_1d9eea9674fe7869.docx');
    const d = await parseFile(fs.readFileSync(f), 'renamed.doc');
    expect(d.format).toBe('docx');
    expect(d.blocks.some((b) => /^Số: 4918 ?\/UBND-NC$/.test(b.text))).toBe(true);
  });

  it('turns DocBook tables into rows and cells, and a borderless two-column block into columns', () => {
    const xml = `<book><chapter><title>stale</title>
      <para><informaltable frame='none'><tgroup cols='2'><tbody><row><entry>BỘ Y TẾ\nSố: 12/BYT-KH</entry><entry>CỘNG HÒA\nHà Nội, ngày 3 tháng 4 năm 2025</entry></row></tbody></tgroup></informaltable></para>
      <para>1. Sở Y tế chủ trì &amp; báo cáo.</para>
      <para><informaltable frame='all'><tgroup cols='3'><tbody>
        <row><entry>TT</entry><entry>Nhiệm vụ</entry><entry>Chủ trì</entry></row>
        <row><entry>1</entry><entry>Rà soát\nvăn bản</entry><entry>Sở Tư pháp</entry></row>
      </tbody></tgroup></informaltable></para></chapter></book>`;
    const blocks = docbookToBlocks(xml, []);
    expect(blocks.filter((b) => b.column === 'left').map((b) => b.text)).toEqual(['BỘ Y TẾ', 'Số: 12/BYT-KH']);
    expect(blocks.filter((b) => b.column === 'right').map((b) => b.text)).toEqual(['CỘNG HÒA', 'Hà Nội, ngày 3 tháng 4 năm 2025']);
    expect(blocks.find((b) => b.text.startsWith('1.'))).toMatchObject({ kind: 'listItem', text: '1. Sở Y tế chủ trì & báo cáo.' });
    expect(blocks.find((b) => b.kind === 'table')?.rows).toEqual([['TT', 'Nhiệm vụ', 'Chủ trì'], ['1', 'Rà soát\nvăn bản', 'Sở Tư pháp']]);
    expect(blocks.some((b) => b.text === 'stale')).toBe(false);
  });
});
