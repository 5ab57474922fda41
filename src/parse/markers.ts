/**
 * Printed item markers of Vietnamese administrative texts (Nghị định 30/2020/NĐ-CP,
 * Phụ lục I: phần/mục in Roman numerals, khoản in Arabic numerals, điểm in letters,
 * then dashes and plus signs).
 *
 * Matches, at the start of a paragraph:
 *   "II. NHIỆM VỤ"  "1. Mục đích"  "1.1. Tiếp tục"  "1.10 Xây dựng"  "a) Các Sở"  "đ) Văn phòng"
 *   "- Tổ chức"  "+ Triển khai"  "• ..."  "Điều 1. ..."  "Phần I"  "(1) Tiếp tục"  "(a) ..."  "Thứ nhất: ..."
 *   (not matched: "2021 và", "1,5 tỷ")
 */
export interface Marker {
  /** The marker as printed, without trailing space: "1.1.", "a)", "-", "II.", "Điều 1." */
  raw: string;
  /** Its label: "1.1", "a", "-", "II", "1" (for "Điều 1."). */
  label: string;
  kind: 'roman' | 'decimal' | 'letter' | 'dash' | 'plus' | 'article' | 'capital' | 'paren' | 'parenLetter' | 'ordinal';
  /** Depth of a decimal marker ("1." = 1, "1.1." = 2). */
  depth: number;
  /** Length of the marker and the spaces after it. */
  length: number;
}

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

// "Điều 1." / "Điều 12:"
// (a portal's copy may glue the article's words to it: "Điều 2.Giao Sở Y tế ...")
const ARTICLE = /^(Điều\s+(\d{1,3}))(?:[.:]?\s+|[.:](?=\p{Lu}))/u;
// "II." / "IV -" / "III)" (Roman numerals in capitals)
const ROMAN_MARK = /^([IVXLC]{1,6})([.):]|\s*[-–])\s*/u;
// "1." "1.1." "1.1.2" "1)" — a dot after the last number, or a closing parenthesis,
// or a decimal path without final dot followed by a capital ("1.10 Xây dựng").
// A point lettered under a numbered one may carry its parent's number: "4.1.a." "2.b)" (its label "4.1.a").
const DECIMAL = /^((\d{1,3}(?:\.\d{1,3})+)(?=\s+\p{Lu})|(\d{1,3})((?:\.\d{1,3})*(?:\.[a-zđ](?=[.)]))?)(\.|\)))\s*/u;
// "a)" "đ)" "a." (a Vietnamese lower-case letter, one letter only)
const LETTER = /^([a-zđ])(\)|\.(?=\s))\s*/u;
// "A." "B." capital letter sections (only with a dot)
const CAPITAL = /^([A-Z])\.\s+/u;
const DASH = /^([-–—•·*])\s*(?=\S)/u;
// "(1)" "(12)" — a number in parentheses, a level of its own
const PAREN_NUM = /^\((\d{1,3})\)\s*(?=\S)/u;
// "(a)" "(đ)"
// (and the small Roman numerals letters and decrees count their points with, "(i)", "(ii)", "(iii)", "(iv)", a stop after
// the bracket or not: "(ii). Sớm chỉ đạo ..."; "(i)" and "(v)" read the same either way)
const PAREN_LETTER = /^\(([a-zđ]|ii|iii|iv|vi|vii|viii|ix|xi|xii)\)\.?\s*(?=\S)/u;
// "Thứ nhất:" "Thứ hai," "Thứ 2:" — ordinal words (or a number after "Thứ" and a colon) that number a letter's points; "Thứ bảy, ngày 4/6/2016" and "Thứ 2, ngày ..." are days of the week
const ORDINAL = /^(Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?=\s*[:,.])(?!\s*[,.]?\s*(?:ngày|\d))|Thứ\s+(?:[2-9]|1\d)(?=\s*:))\s*[:,.]\s*/u;
const PLUS = /^(\+)\s*(?=\S)/u;

export function readMarker(text: string): Marker | null {
  let m: RegExpExecArray | null;
  if ((m = ARTICLE.exec(text))) return { raw: m[1]!, label: `Điều ${m[2]}`, kind: 'article', depth: 0, length: m[0].length };
  if ((m = ROMAN_MARK.exec(text)) && ROMAN.test(m[1]!)) {
    // "I." followed by a word; avoid "V/v" (no match: '/'), "C." initials are rare at line start.
    return { raw: m[0].trim(), label: m[1]!, kind: 'roman', depth: 0, length: m[0].length };
  }
  if ((m = DECIMAL.exec(text))) {
    const path = m[2] ?? `${m[3]}${m[4] ?? ''}`;
    // A year or a number that starts a sentence ("2021 và", "05 tiêu chí") has no dot/paren.
    const rest = text.slice(m[0].length);
    if (!rest || /^[\d%,]/.test(rest)) return null;
    return { raw: m[0].trim(), label: path, kind: 'decimal', depth: path.split('.').length, length: m[0].length };
  }
  if ((m = LETTER.exec(text))) {
    const rest = text.slice(m[0].length);
    if (!rest) return null;
    return { raw: m[0].trim(), label: m[1]!, kind: 'letter', depth: 0, length: m[0].length };
  }
  if ((m = PAREN_NUM.exec(text))) return { raw: `(${m[1]})`, label: m[1]!, kind: 'paren', depth: 0, length: m[0].length };
  if ((m = PAREN_LETTER.exec(text))) return { raw: `(${m[1]})`, label: m[1]!, kind: 'parenLetter', depth: 0, length: m[0].length };
  if ((m = ORDINAL.exec(text)) && text.length > m[0].length) return { raw: m[1]!, label: m[1]!, kind: 'ordinal', depth: 0, length: m[0].length };
  if ((m = CAPITAL.exec(text))) return { raw: m[0].trim(), label: m[1]!, kind: 'capital', depth: 0, length: m[0].length };
  if ((m = PLUS.exec(text))) return { raw: '+', label: '+', kind: 'plus', depth: 0, length: m[0].length };
  // "- Thứ nhất: ...": the ordinal numbers the point, the dash is only its bullet
  if ((m = DASH.exec(text))) {
    const o = ORDINAL.exec(text.slice(m[0].length));
    if (o && text.length > m[0].length + o[0].length) return { raw: o[1]!, label: o[1]!, kind: 'ordinal', depth: 0, length: m[0].length + o[0].length };
  }
  if ((m = DASH.exec(text))) {
    if (m[1] === '*' && /^\*\*/.test(text)) return null;
    return { raw: m[1]!, label: m[1] === '+' ? '+' : '-', kind: 'dash', depth: 0, length: m[0].length };
  }
  return null;
}

export function startsWithMarker(text: string): boolean {
  return readMarker(text) !== null;
}

/**
 * A printed list marker at the start of a paragraph: "1.", "1.1.", "1.1.2", "a)", "đ)",
 * "A.", "II.", "-", "+", "•", "(1)", "(a)", "Điều 1.", "Chương II", "Mục 2", "Phần I".
 */
export const LIST_MARKER =
  /^(?:(?:\d{1,3}\.){1,4}(?:\d{1,3})?|\d{1,3}\)|[a-zđ][).]|[A-ZĐ][.)]|[IVXLC]{1,7}[.)]|[-–—+•▪●○◦∙·*]|\(\d{1,3}\)|\([a-zđ]\)|(?:Điều|Khoản|Mục|Chương|Phần)\s+[\dIVXLC]+[a-zđ]?[.:]?)(?=\s)/u;

/** The value of a table's TT cell, a row's number: "1", "12.", "IV", "B". */
export const TT_VALUE = /^(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])\.?$/u;

/** The text of an e-signature stamp (ký số) printed after the signature. */
export const SIGNATURE_STAMP = /đã ký lên văn bản|ký bởi|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?\s*[+-]\d{2}:?\d{2}|\bemail:\s*\S+@\S+/iu;

/**
 * A line of a signing or copy stamp, or a signature widget's own text: who signed, when, the
 * agency's e-mail, "SAO Y; ...", "Cơ quan: ...". Never document content.
 */
/** A list item's dash, and the marks a scan's OCR reads it as once a list has begun (':' '—' '~' '_' '='). */
export const OCR_BULLET = /^(?:[-–—+•~_=]|:(?=\s))\s*/u;

export const STAMP_LINE = /ký bởi|thời gian ký|^\s*cơ quan\s*:|email\s*:|@[\w.-]+\.(?:gov|vn)|^\s*sao y\b|\d{1,2}:\d{2}:\d{2}\s*[+-]\d{2}:?\d{2}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|signed by|chứng thư số/iu;
