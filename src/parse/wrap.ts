/**
 * Joining hard-wrapped lines back into paragraphs (text taken from a PDF, e-mail,
 * portal captures). A line joins the paragraph before it when that paragraph
 * reached the right margin without ending a sentence, or when the line goes on in
 * lower case; a printed marker ("1.", "a)", "-"), a blank-separated upper-case line or
 * page furniture always starts something new. A footnote printed at a page foot
 * (a run of spaces as separator, then "1 Quyết định ...") is set aside as a footnote
 * and the paragraph it interrupted goes on after it.
 */
import type { RawBlock } from '../model/types.js';
import { readMarker } from './markers.js';
import { finishesDate, isUpperCaseLine, lineFurniture } from '../normalise/furniture.js';
import { collapseSpaces } from '../normalise/unicode.js';

export interface Line {
  text: string;
  page?: number;
  bold?: boolean;
}

/** The usual full-line width, and whether the text looks hard-wrapped at all. */
export function measureWrap(lines: Line[]): { width: number; wrapped: boolean } {
  const lens = lines.map((l) => l.text.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  if (lens.length < 8) return { width: Infinity, wrapped: false };
  const width = lens[Math.floor(lens.length * 0.9)]!;
  const near = lens.filter((n) => n >= width * 0.75 && n <= width * 1.05).length;
  return { width, wrapped: width <= 160 && near / lens.length >= 0.3 };
}

const ENDS_SENTENCE = /[.!?:]["”)]?$/u;
const ENDS_CLAUSE = /[;]$/u;
const STARTS_LOWER = /^[\p{Ll}(]/u;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/iu;

/** A list marker with nothing after it: "1.1.", "2)", "a)", "II.", "-", "+", an article's "Điều 2." (a portal copy's line). */
const MARKER_ONLY = /^(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]|[a-zđ][).]|\(?[a-zđ\d]{1,2}\)|[IVXLC]{1,5}\.|[-–+•]|Điều\s+\d{1,3}\s*[.:])$/u;
/** A marker the copy left at the end of the line before its item: "… của tỉnh. 1.1." */
const MARKER_AT_END = /(?<=[.;:!?]["”)]?)\s+(\d{1,2}(?:\.\d{1,2}){0,3}\.|[a-zđ]\)|[IVX]{1,4}\.)$/u;

/**
 * A web page that lost its line breaks runs a whole numbered list into one paragraph: "... thực hiện tốt các nội dung sau:
 * 1. Các Liên chi Đoàn ... 1 lần/tháng. 2. Nội dung sinh hoạt ... 3. BCH các Liên chi Đoàn ...". Each item goes back to a
 * line of its own: markers 1, 2, 3 ... in order, the first after a colon, each next after a sentence's end, each item opening
 * in capitals and holding a sentence (not "gồm: 1. Đơn; 2. Bản sao").
 */
export function splitInlineLists(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const t = l.text;
    const first = t.length >= 120 ? /:\s+1\.\s+(?=\p{Lu})/u.exec(t) : null;
    if (!first) {
      out.push({ ...l });
      continue;
    }
    const cuts = [first.index + first[0].indexOf('1.')];
    for (let n = 2; ; n++) {
      const re = new RegExp(String.raw`[.;!?]["”)]?\s+${n}\.\s+(?=\p{Lu})`, 'gu');
      re.lastIndex = cuts[cuts.length - 1]! + 2;
      const m = re.exec(t);
      if (!m) break;
      cuts.push(m.index + m[0].indexOf(`${n}.`));
    }
    const parts = [t.slice(0, cuts[0]).trimEnd(), ...cuts.map((c, i) => t.slice(c, cuts[i + 1] ?? t.length).trim())];
    if (cuts.length < 2 || parts.slice(1).some((p) => p.length < 30)) {
      out.push({ ...l });
      continue;
    }
    for (const p of parts) if (p) out.push({ ...l, text: p });
  }
  return out;
}

/**
 * Text copied without its structure puts an item's marker on the wrong line: alone on a line
 * ("1.1." then "Tiếp tục ..."), or at the end of the line before ("... của tỉnh. 1.1." then
 * "Tiếp tục ..."). The marker goes back to the start of its item's line.
 */
export function placeMarkers(lines: Line[]): Line[] {
  const out: Line[] = splitInlineLists(lines);
  const nextText = (i: number) => {
    for (let k = i + 1; k < out.length; k++) if (out[k]!.text.trim()) return k;
    return -1;
  };
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!.text.trim();
    if (!t) continue;
    const k = nextText(i);
    if (k < 0) break;
    const next = out[k]!.text.trim();
    if (MARKER_ONLY.test(next) || readMarker(next)) continue;
    // (a dash alone over a line in capitals is a header's rule, not a bullet: "-------" / "-" / "CỘNG HÒA ...")
    if (MARKER_ONLY.test(t) && /^[\p{L}\d"“(]/u.test(next) && !(/^[-–+•]$/u.test(t) && isUpperCaseLine(next))) {
      out[k]!.text = `${t} ${next}`;
      out[i]!.text = '';
      continue;
    }
    const m = MARKER_AT_END.exec(t);
    if (m && /^[\p{Lu}"“]/u.test(next)) {
      out[i]!.text = t.slice(0, m.index).trimEnd();
      out[k]!.text = `${m[1]} ${next}`;
    }
  }
  return out;
}

export function joinWrappedLines(input: Line[]): RawBlock[] {
  const lines = placeMarkers(input);
  const { width, wrapped } = measureWrap(lines);
  const out: RawBlock[] = [];
  // a paragraph's lines are kept as parts and joined once: appending to a string and then
  // reading its end at every join made long hard-wrapped paragraphs quadratic
  let cur: { parts: string[]; page?: number; last: string; bold?: boolean } | null = null;
  const flush = () => {
    const text = cur ? cur.parts.join('') : '';
    if (cur && text.trim()) {
      const b: RawBlock = { kind: readMarker(text) ? 'listItem' : 'paragraph', text: text.trim() };
      if (cur.page) b.page = cur.page;
      out.push(b);
    }
    cur = null;
  };
  let footnote: string[] | null = null;
  let afterFootnote = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
    const t = collapseSpaces(raw).trim();
    // A footnote separator: a long run of spaces (or underscores) alone on a line,
    // followed by a line that opens with a footnote number.
    if (!t || /^_{5,}$/.test(t)) {
      // the list after "Kính gửi:" ends at a blank line: the letter's first paragraph is no recipient
      // ("Kính gửi: Công ty X" / "(Địa chỉ: ...)" / "" / "Công ty X được Bộ ... cho phép ...")
      if (cur && /^Kính gửi\s*:/u.test(cur.parts[0]!.trimStart())) flush();
      if (wrapped && (raw.length >= 20 || t) && !footnote) {
        const next = lines.slice(i + 1).find((l) => l.text.trim());
        if (next && /^\d{1,2}\s+\p{Lu}/u.test(next.text.trim())) footnote = [];
      }
      continue;
    }
    if (footnote) {
      if (URL_ONLY.test(t)) continue;
      if (footnote.length && STARTS_LOWER.test(t) && ENDS_SENTENCE.test(footnote[footnote.length - 1]!)) {
        // the paragraph the footnote interrupted goes on
        out.push({ kind: 'footnote', text: footnote.join(' ') });
        footnote = null;
        afterFootnote = true;
      } else if (footnote.length && (readMarker(t) && !/^\d{1,2}\s/.test(t))) {
        out.push({ kind: 'footnote', text: footnote.join(' ') });
        footnote = null;
      } else {
        footnote.push(t);
        continue;
      }
    }
    const furniture = lineFurniture(t);
    if (furniture && !(furniture === 'pageNumber' && cur && finishesDate(cur.last, t))) {
      const b: RawBlock = { kind: 'paragraph', text: t, furniture };
      // a page number inside a paragraph does not end it
      if (furniture === 'pageNumber' && cur) {
        out.push(b);
        continue;
      }
      flush();
      out.push(b);
      continue;
    }
    if (URL_ONLY.test(t) && wrapped) continue;
    // (a name wrapped at its dash goes on whether or not the text is hard-wrapped: a portal's copy keeps the break)
    if (cur && ((wrapped && !authorityAboveBody(cur.last, t, lines, i) && shouldJoin(cur.last, t, width, afterFootnote)) || continuesDashName(cur.last, t) || (!wrapped && goesOnInLowerCase(cur.last, t, lines[i - 1]?.text)))) {
      cur.parts.push(joinsTight(cur.last, t) ? t : ` ${t}`);
      cur.last = t;
    } else {
      flush();
      cur = { parts: [t], last: t };
      if (lines[i]!.page) cur.page = lines[i]!.page;
    }
    afterFootnote = false;
  }
  if (footnote?.length) out.push({ kind: 'footnote', text: footnote.join(' ') });
  flush();
  return out;
}

/** A collective body that issues a decision, as its line above "Căn cứ" names it. */
const ISSUING_BODY = /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ)(?![\p{L}])/u;
/** A decision's "Căn cứ ..." (or "Xét đề nghị ...") that opens its body. */
const OPENS_BODY = /^(?:[-–+•]\s*)?(?:Căn cứ|Xét đề nghị|Theo đề nghị)(?![\p{L}])/u;

/**
 * The authority that issues a decision, printed in capitals between the title and "Căn cứ" ("QUYẾT
 * ĐỊNH" / "... ĐẾN NĂM 2010" / "ỦY BAN NHÂN DÂN THÀNH PHỐ X" / "Căn cứ ..."): its own line, never the
 * title's last. A title wrapped after "CỦA", "VÀ" goes on ("QUY CHẾ LÀM VIỆC CỦA" / "ỦY BAN ..."). Only the
 * collective bodies: "GIÁM ĐỐC SỞ ..." under "VỀ VIỆC BỔ NHIỆM" may be the title's own words.
 */
function authorityAboveBody(prev: string, t: string, lines: Line[], i: number): boolean {
  if (!isUpperCaseLine(prev) || !isUpperCaseLine(t) || !ISSUING_BODY.test(t) || /(?<![\p{L}])(?:CỦA|VÀ|VỚI|CHO|TẠI|THUỘC|VỀ|GIỮA)$/u.test(prev)) return false;
  for (let k = i + 1; k < lines.length; k++) {
    const next = lines[k]!.text.trim();
    if (next) return OPENS_BODY.test(next);
  }
  return false;
}

/**
 * A line that goes on in lower case right under a line that ends no sentence nor clause ("Giao Giám đốc Sở Giao thông vận" /
 * "tải hướng dẫn, ..."): the same paragraph, even where too few lines reach one margin for the text to measure as
 * hard-wrapped (a portal copy wrapped at 60-80 characters with many short lines). Not across a blank line, not under a line
 * in capitals, not a marked item; a document's number after the "số" that ends the line above goes on too.
 */
function goesOnInLowerCase(prev: string, next: string, rawAbove: string | undefined): boolean {
  if (!rawAbove?.trim() || isUpperCaseLine(prev) || readMarker(next)) return false;
  // (and a number after the "số" that ends the line above: "... và thay thế Quyết định số" / "60/2016/QĐ-UBND ngày ...")
  if (/(?<![\p{L}])số$/u.test(prev) && /^\d+(?:\/\d{4})?\/[\p{Lu}Đ]/u.test(next)) return true;
  // (not a date line, which the header's own rules join to its place: "Quảng Bình," / "ngày 25 tháng 5 năm 2015")
  return /^\p{Ll}/u.test(next) && !/^ngày\s+\d/u.test(next) && !ENDS_SENTENCE.test(prev) && !ENDS_CLAUSE.test(prev);
}

function shouldJoin(prev: string, next: string, width: number, afterFootnote: boolean): boolean {
  if (continuesRange(prev, next, width)) return true;
  if (citesArticle(prev, next)) return true;
  // an amount wrapped after its label's colon ("d) Nguồn thu đóng góp từ các tổ chức, cá nhân khai thác khoáng sản:" / "1.594.379 triệu đồng.")
  if (/:$/u.test(prev) && /^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?\s*(?:triệu đồng|tỷ đồng|nghìn đồng|đồng|USD)\s*[.;]?$/u.test(next)) return true;
  if (readMarker(next)) return false;
  // the recipients' list under the signature never goes on a paragraph (nor as OCR reads it: "Nơi nhân:")
  if (/^N[ơo]i\s*nh(?:ận|ân|ạn|an|ấn)\s*:/u.test(next)) return false;
  // nor does "Kính gửi:" go on the trích yếu or title above it
  if (/^(?:Kính gửi|KÍNH GỬI)(?![\p{L}])/u.test(next)) return false;
  if (isUpperCaseLine(next) && !isUpperCaseLine(prev)) return false;
  // a numbered heading in capitals wrapped over lines ("I. ĐÁNH GIÁ" / "TÌNH HÌNH THỰC HIỆN ...")
  if (readMarker(prev) && isUpperCaseLine(prev) && isUpperCaseLine(next) && !ENDS_SENTENCE.test(prev)) return true;
  // a heading in capitals ("I. ĐÁNH GIÁ" / "TÌNH HÌNH ...") ends where a sentence opens under it
  if (isUpperCaseLine(prev) && /^\p{Lu}/u.test(next) && !isUpperCaseLine(next)) return false;
  if (afterFootnote && STARTS_LOWER.test(next)) return true;
  const long = prev.length >= width * 0.7;
  if (STARTS_LOWER.test(next) && !ENDS_SENTENCE.test(prev)) return true;
  if (long && !ENDS_SENTENCE.test(prev) && !ENDS_CLAUSE.test(prev)) return true;
  if (prev.length >= width * 0.92 && /[.]$/.test(prev) && !isUpperCaseLine(prev)) return true;
  return false;
}

/**
 * A cited article wrapped to the start of a line: "... nhân sự quản lý, điều hành sản xuất trong khai thác khoáng sản tại" /
 * "Điều 62 Luật Địa chất và khoáng sản và Điều 73 Nghị định số 193/2025/NĐ-CP". No article of the document's own: its number
 * has no stop after it, and the line before ends in the middle of its sentence, on a word that asks for what follows.
 */
function citesArticle(prev: string, next: string): boolean {
  return /^Điều\s+\d{1,3}\s+(?!\p{Lu}{2})\S/u.test(next) && /(?:^|\s)(?:tại|theo|của|và|hoặc|các|khoản\s+\d+|điểm\s+[a-zđ]|quy định|thực hiện|về)$/u.test(prev);
}

/**
 * A range of numbers wrapped at its dash: a full line ends with a number ("... giai đoạn 2016") and
 * the next opens with the dash and the range's other end ("- 2020; tình hình ..."). The dash is no
 * bullet: a bullet's line before ends with its own punctuation.
 */
export function continuesRange(prev: string, next: string, width: number): boolean {
  return /\d$/u.test(prev) && /^[-–]\s*\d/u.test(next) && prev.length >= width * 0.7;
}

/**
 * A name written with a dash wrapped at it: "... gửi về Bộ Lao động" / "- Thương binh và Xã hội (qua Vụ ...)",
 * "Giám đốc các Sở: Văn hóa" / "- Thông tin, ...". The names a dash joins are few and fixed; the line before
 * ends with the first half, without its own punctuation, so the dash is no bullet.
 */
const DASH_NAME_FIRST = /(?<![\p{L}])(?:Lao động|Văn hóa|Văn hoá|Kinh tế|Tổ chức|Kế hoạch|Thi đua|Dân số|Quy hoạch|Tài nguyên)$/u;
const DASH_NAME_SECOND = /^[-–]\s*(?:Thương binh|Xã hội|Thông tin|Thể thao|Ngân sách|Cán bộ|Tài chính|Khen thưởng|Kế hoạch hóa|Kế hoạch hoá|Kiến trúc|Môi trường)(?![\p{L}])/u;
export function continuesDashName(prev: string, next: string): boolean {
  return DASH_NAME_SECOND.test(next) && DASH_NAME_FIRST.test(prev);
}

/** Join two wrapped lines; a reference number broken after its hyphen ("2480/UBND-" + "THCBKS") is rejoined without a space. */
export function joinText(a: string, b: string): string {
  return joinsTight(a, b) ? a + b : `${a} ${b}`;
}

/** A reference number broken after its hyphen: the line before ends "2480/UBND-", the next opens "THCBKS". */
function joinsTight(before: string, next: string): boolean {
  return before.endsWith('-') && /[\p{Lu}\d]\/[\p{Lu}\d-]*-$/u.test(before.slice(-120)) && /^[\p{Lu}\d]/u.test(next);
}
