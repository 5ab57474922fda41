/**
 * What an extractor returns: a value with the span of text it came from and the
 * rule that made it, so a wrong field leads straight to a rule.
 */
import type { Span, TextModel, Block } from '../model/types.js';

export interface Finding<T> extends Span {
  value: T;
  /** The text the value was read from: model.text.slice(start, end). */
  raw: string;
  rule: string;
}

export function finding<T>(model: TextModel, value: T, start: number, end: number, rule: string): Finding<T> {
  const f: Finding<T> = { value, raw: model.text.slice(start, end), start, end, rule };
  const page = pageAt(model, start);
  if (page) f.page = page;
  return f;
}

export function pageAt(model: TextModel, offset: number): number | undefined {
  for (const b of model.blocks) if (offset >= b.start && offset <= b.end) return b.page;
  return undefined;
}

/** A block's lines with their offsets. */
export function blockLines(b: Block): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let pos = b.start;
  for (const line of b.text.split('\n')) {
    out.push({ text: line, start: pos, end: pos + line.length });
    pos += line.length + 1;
  }
  return out;
}

/** Every line of the non-table blocks, in order. */
export function allLines(model: TextModel) {
  const out: { text: string; start: number; end: number; block: Block }[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'table') continue;
    for (const l of blockLines(b)) out.push({ ...l, block: b });
  }
  return out;
}

/**
 * Upper-case Vietnamese to the way a body's name is written (Nghị định 30/2020/NĐ-CP, Phụ lục II: the kind
 * of body and its field of work take capitals): "BỘ GIÁO DỤC VÀ ĐÀO TẠO" is "Bộ Giáo dục và Đào tạo", "SỞ VĂN
 * HÓA, THỂ THAO VÀ DU LỊCH" "Sở Văn hóa, Thể thao và Du lịch", "CỤC CẢNH SÁT ĐIỀU TRA ..." "Cục Cảnh sát điều
 * tra ...", "VĂN PHÒNG CHÍNH PHỦ" "Văn phòng Chính phủ"; the place name after "tỉnh", "huyện", ... is
 * capitalised, and acronyms keep their capitals ("BCH", "THPT", "UBND").
 */
export function titleCase(s: string): string {
  const raw = s.split(/\s+/).filter(Boolean);
  const words = raw.map((w) => w.toLocaleLowerCase('vi'));
  let place = false;
  // the body's field of work: from the word after its kind ("Bộ", "Sở", "Phòng" ...) to the place; a list of
  // fields ("Văn hóa, Thể thao và Du lịch") only after the kinds that are named by fields
  let field = false;
  let fieldList = false;
  return words
    .map((w, i) => {
      if (isAcronym(raw[i]!)) return raw[i]!;
      const prev = words[i - 1] ?? '';
      const prev2 = `${words[i - 2] ?? ''} ${prev}`;
      if ((/^(tỉnh|huyện|xã|phường|quận)$/.test(prev) && !/^(ủy|uỷ)$/.test(w)) || /^(thành phố|thị xã|thị trấn|đặc khu)$/.test(prev2) || /^(tỉnh|huyện|thành) (ủy|uỷ)$/.test(prev2)) place = true;
      if (/^(tỉnh|huyện|xã|phường|quận|thành|thị|đặc)$/.test(w)) field = false;
      let c = i === 0 || place || PROPER.test(`${w} ${words[i + 1] ?? ''}`) || `${prev} ${w}` === 'việt nam';
      if (!place && i > 0 && !field && BODY_KIND.test(prev2.trim()) && !BODY_KIND.test(`${prev} ${w}`) && !/^(?:(?:ủy|uỷ) ban|hội đồng)$/u.test(`${prev} ${w}`) && !/^(?:ủy|uỷ) ban$/u.test(prev2)) {
        field = true;
        fieldList = FIELD_LIST_KIND.test(prev2.trim());
        c = true;
      // (and a field's second half after its dash: "Ban Kinh tế - Ngân sách", "Sở Lao động - Thương binh và Xã hội")
      } else if (field && fieldList && /(?:^|[,-])$/.test(raw[i - 1]!) || field && fieldList && /^(và|-)$/.test(prev) || field && prev === '-') c = true;
      // "Giáo dục-Đào tạo"
      const out = field && fieldList ? w.replace(/-(\p{L})/gu, (_m, l: string) => `-${l.toLocaleUpperCase('vi')}`) : w;
      return c ? cap(out) : out;
    })
    .join(' ');
}

/** Names that always take capitals. */
const PROPER = /^(?:chính phủ|quốc hội|việt nam|nhà nước)$/u;
/** The kinds of body a name opens with, after which the field of work is capitalised. */
const BODY_KIND = /(?:^|\s)(?:bộ|sở|phòng|văn phòng|vụ|cục|tổng cục|chi cục|ban|trung tâm|viện|học viện|trường|liên đoàn|hội|đài|báo|tòa án|kho bạc|thanh tra|ngân hàng|công ty|tổng công ty|quỹ)$/u;
/** Kinds named by a list of fields ("Bộ Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Tổng cục Thuế"). */
const FIELD_LIST_KIND = /(?:^|\s)(?:bộ|sở|phòng|tổng cục|chi cục)$/u;

/** A word of capitals with no vowel is an acronym ("BCH", "THPT", "GD&ĐT"), and so are the common ones that have one ("UBND"). */
export function isAcronym(w: string): boolean {
  return /^(UBND|HĐND|MTTQ|TAND|VKSND|CAND|QĐND|ĐHQG)$/u.test(w) || (w.length > 1 && isUpper(w) && !/[AĂÂEÊIOÔƠUƯY]/u.test(w.normalize('NFD')));
}

function cap(w: string): string {
  return w ? w[0]!.toLocaleUpperCase('vi') + w.slice(1) : w;
}

/** Letters only in capitals (and at least one letter): no lower-case letter and some letter. */
export function isUpper(s: string): boolean {
  return !LOWER.test(s) && LETTER.test(s);
}
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
