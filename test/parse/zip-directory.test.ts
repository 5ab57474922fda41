/** One zip directory reader (src/parse/zip.ts) for the DOCX guards and the fast part reader. */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { readZipDirectory, openZip, ZipDamage, ZipTooMany } from '../../src/parse/zip.js';
import { checkDocx } from '../../src/parse/guards.js';
import { CORPUS, ROOT, STEMS } from '../helpers.js';

const docx = fs.readFileSync(path.join(CORPUS, 'docx', `${STEMS[0]}.docx`));

describe('the zip directory', () => {
  it('lists what JSZip lists, and both readers of a DOCX stand on it', async () => {
    const dir = readZipDirectory(docx);
    const zip = await JSZip.loadAsync(docx);
    expect(dir.entries.map((e) => e.nameUtf8).sort()).toEqual(Object.keys(zip.files).sort());
    expect(openZip(docx)!.has('word/document.xml')).toBe(true);
    await expect(checkDocx(docx)).resolves.toBeUndefined();
  });

  it('says what is wrong with a damaged one, and counts its entries against a limit', () => {
    expect(() => readZipDirectory(docx.subarray(0, docx.length - 30))).toThrow(ZipDamage);
    expect(() => readZipDirectory(docx.subarray(0, docx.length - 30))).toThrow(/the zip directory at its end is missing/);
    expect(() => readZipDirectory(docx, 2)).toThrow(ZipTooMany);
    expect(openZip(docx.subarray(0, docx.length - 30))).toBeNull();
  });

  it('is read in one place: no other source reads a central-directory record', () => {
    const readers = fs.readdirSync(path.join(ROOT, 'src', 'parse')).filter((f) => /0x02014b50/.test(fs.readFileSync(path.join(ROOT, 'src', 'parse', f), 'utf8')));
    expect(readers).toEqual(['zip.ts']);
  });
});

describe('the magic numbers', () => {
  it('are checked in one place each: the PDF header (isPdf) and the OLE signature (isOle) in the guards', () => {
    const dir = path.join(ROOT, 'src', 'parse');
    const having = (re: RegExp) => fs.readdirSync(dir).filter((f) => re.test(fs.readFileSync(path.join(dir, f), 'utf8').replace(/^\s*(?:\*|\/\/).*$/gm, '')));
    expect(having(/'%PDF-'/)).toEqual(['guards.ts']);
    expect(having(/0xd0, ?0xcf|0xd0cf11e0/)).toEqual(['guards.ts']);
  });
});
