/**
 * Page furniture: text printed on the page that is not part of the document.
 *
 *   "3"  "- 3 -"  "Trang 3"  "3/12"                       page numbers
 *   "===== Trang 9 =====", "18.CTRTW31.DOC 9"               an extraction's page marks, a file-name running header
 *   "Nguyễn Văn A<a@x.gov.vn> đã ký lên văn bản này!"     digital-signature stamp
 *   "2021-11-16T08:19:44+0700"                            stamp timestamp
 *   "... - phone: 0207.6251.788 - email: x@y.gov.vn"      stamp issuer line
 *   "Ký bởi: ...", "Thời gian ký: ...", "Cơ quan: ..."     stamp lines of other signing tools
 */
import type { FurnitureKind } from '../model/types.js';

const PAGE_NUMBER = /^(?:[-–]\s*)?(?:trang\s+)?\d{1,4}(?:\s*\/\s*\d{1,4})?(?:\s*[-–])?$/iu;
/** A text extraction's own page mark: "===== Trang 9 =====", "--- Page 3 ---". */
const PAGE_MARK = /^[=\-–_*#]{3,}\s*(?:trang|page)\s+\d{1,4}(?:\s*\/\s*\d{1,4})?\s*[=\-–_*#]{3,}$/iu;
/** A running header of the file's name and the page number: "18.CTRTW31.DOC 9". */
// (its digits as OCR spaced them: "18.CTRTW31.DOC 1 1")
const FILE_RUNNING = /^[\p{L}\d_.\-]{2,40}\.(?:docx?|pdf|odt|rtf)\s+\d(?:\s?\d){0,3}$/iu;
const STAMP_SIGNED = /đã ký lên văn bản|đã được ký số|ký bởi\s*:|signed by\s*:|thời gian ký\s*:/iu;
const STAMP_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2}|Z)?$/u;
const STAMP_CONTACT = /(?:phone|điện thoại|đt)\s*:.*(?:email|e-mail)\s*:/iu;

export function lineFurniture(line: string): FurnitureKind | null {
  const t = line.trim();
  if (!t) return null;
  if (PAGE_NUMBER.test(t) || PAGE_MARK.test(t) || FILE_RUNNING.test(t)) return 'pageNumber';
  if (STAMP_SIGNED.test(t) || STAMP_TIME.test(t) || STAMP_CONTACT.test(t)) return 'signatureStamp';
  if (OCR_BOX.test(t)) return 'markup';
  return null;
}

/**
 * The layout tag a vision OCR model writes before each region it reads, its box in page
 * coordinates ("text[[191, 183, 395, 220]]", or with the model's tokens left in:
 * "<|ref|>title<|/ref|><|det|>[[460, 95, 920, 180]]<|/det|>"): the OCR's markup, not the text.
 */
const OCR_BOX = /^(?:<\|ref\|>)?(?:text|title|sub_title|table|image|figure|header|footer|list|section[-_]header|page[-_]header|page[-_]footer|picture|caption|formula|equation)(?:<\|\/ref\|>)?(?:<\|det\|>)?\[\[\s*\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?){3}\s*\]\](?:<\|\/det\|>)?$/iu;

/**
 * A number alone on its line that finishes the date the line before left open is text, not a page
 * number: a copy that wrapped "Yên Bái, ngày 21 tháng 6 năm" / "2019" (a year after "năm", a month
 * after "tháng", a day after "ngày").
 */
export function finishesDate(prev: string, line: string): boolean {
  const n = line.trim();
  const open = /(?<![\p{L}])(ngày|tháng|năm)\s*$/u.exec(prev)?.[1];
  if (!open || !/^\d{1,4}$/.test(n)) return false;
  if (open === 'năm') return /^(?:19|20)\d{2}$/.test(n);
  return +n >= 1 && +n <= (open === 'tháng' ? 12 : 31);
}

/** Upper-case lines sandwiched between stamp lines belong to the stamp (the signing body's name). */
export function isUpperCaseLine(t: string): boolean {
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}
