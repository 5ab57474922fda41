/**
 * The signature block (Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I): authority line(s)
 * ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC"), the
 * signer's own title ("PHÓ CHỦ TỊCH", "VỤ TRƯỞNG / VỤ CẢI CÁCH HÀNH CHÍNH"), then — after the
 * signature, the seal or an e-signature stamp — the name; "Nơi nhận:" and its list sit in the
 * other column.
 *
 * What the readers hand us varies: one line per row (Word paragraphs), the two columns of the
 * signature table interleaved line by line (PDF text layers), a whole table cell run together
 * ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Minh", legacy .doc), bold markers, stamp text ("Ký bởi:",
 * "Thời gian ký:") between the title and the name. So the block is read as a sequence of
 * segments classified one by one (authority, title, personal name, skip), not by position.
 *
 * Conventions of the record format (corpus/real/gold):
 * - stacked authorities: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" gives KT (the collective TM gives
 *   way to the one who delegates); "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG" gives TL (the first
 *   delegation: the letter is signed on the Chủ tịch's behalf).
 * - position: the signer's own title as printed, a unit name wrapped onto the next line kept
 *   ("Vụ trưởng Vụ Cải cách hành chính"); a second title he also holds ("PHÓ CHỦ TỊCH UBND TỈNH"
 *   under "PHÓ TRƯỞNG BAN") is not the position; under KT the signer is the deputy, so a title
 *   that only finishes a wrapped authority line ("KT. BỘ TRƯỞNG / CHỦ NHIỆM / PHÓ CHỦ NHIỆM") is
 *   passed over for the deputy's.
 * - name without military rank or academic title ("Đại tá Nguyễn Văn Cường" -> "Nguyễn Văn Cường").
 */
import type { TextModel } from '../model/types.js';
import { allLines, finding, isAcronym, isUpper, type Finding } from './finding.js';
import { collapseSpaces, fold } from '../normalise/unicode.js';
import { isNoiNhanLabel, startsNoiNhan } from './words/noinhan.js';

export interface Signer {
  name: string | null;
  position: string | null;
  authority: 'TM' | 'KT' | 'TL' | 'TUQ' | 'Q' | null;
}

type Authority = Exclude<Signer['authority'], null>;

/** One line, or one piece of a run-together line or table cell. */
interface Seg {
  text: string;
  start: number;
  end: number;
  /** the column the parser put it in, if it knows */
  column?: 'left' | 'right';
  /** index of the source line (pieces of one line share it) */
  line: number;
}

// "KT. CHỦ TỊCH", "TM.HỘI ĐỒNG", "T/M BAN THƯỜNG VỤ", "K/T GIÁM ĐỐC", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC"
const AUTH = /^(TM|KT|TL|TUQ|Q|T\/M|K\/T|T\/L|T\.M|K\.T|T\.L)(?:\s*[.:]\s*|(?<!Q)\s+)(?=\p{Lu})(.+)$/u;
const AUTH_CANON: Record<string, Authority> = { 'T/M': 'TM', 'K/T': 'KT', 'T/L': 'TL', 'T.M': 'TM', 'K.T': 'KT', 'T.L': 'TL' };
/** an authority marker inside a run-together line */
const HAS_LOWER = /\p{Ll}/u;
const AUTH_INNER = /(?<![\p{L}\p{N}])(?:TM|KT|TL|TUQ|T\/M|K\/T|T\/L)\s*[.:]\s*(?=\p{Lu})/gu;

const WORD_TITLES = [
  'CHỦ TỊCH', 'GIÁM ĐỐC', 'CHỦ NHIỆM', 'BÍ THƯ', 'THỦ TƯỚNG', 'TƯ LỆNH', 'CHÍNH ỦY', 'CHÍNH UỶ', 'LÃNH ĐẠO',
  'ỦY VIÊN', 'UỶ VIÊN', 'THƯ KÝ', 'CHỦ TRÌ', 'TỔNG BIÊN TẬP', 'KẾ TOÁN TRƯỞNG', 'CHÁNH ÁN', 'CHÁNH THANH TRA',
  'CHÁNH VĂN PHÒNG', 'CHÁNH', 'TỔNG THƯ KÝ', 'ĐẠI DIỆN', 'THỦ TRƯỞNG',
].map((t) => t.split(' '));
/** words that qualify a title that follows: "PHÓ CHỦ TỊCH", "TỔNG CỤC TRƯỞNG", "QUYỀN GIÁM ĐỐC" */
const TITLE_PREFIX = new Set(['PHÓ', 'TỔNG', 'CHI', 'QUYỀN', 'Q.']);

/**
 * A title's word as a scan may read it: its letters without tone marks, a letter doubled by the
 * reading once ("ĐÓC", "ĐỌC" and "ĐÓỎÓC" are ĐỐC, "CHU TỊCH" is CHỦ TỊCH, "PHO" is PHÓ). The words of
 * the titles differ in their letters, so this never takes one title for another; "TRƯỞNG" is
 * matched as printed ("TRƯƠNG" is a surname).
 */
const titleKey = (w: string) => fold(w).replace(/(\p{L})\1+/gu, '$1');
const TITLE_KEYS = WORD_TITLES.map((t) => t.map(titleKey));
const PREFIX_BY_KEY = new Map([...TITLE_PREFIX].map((p) => [titleKey(p), p]));

/** Length in words of the title that starts at words[i] (0 when none): "CHỦ TỊCH", "VỤ TRƯỞNG", "TRƯỞNG BAN", "PHÓ GIÁM ĐỐC". */
function titleAt(words: string[], i: number, exact = false): number {
  const w = words[i];
  if (!w) return 0;
  if (TITLE_PREFIX.has(w) || (!exact && PREFIX_BY_KEY.has(titleKey(w)))) {
    const n = titleAt(words, i + 1, exact);
    return n ? n + 1 : 0;
  }
  for (const t of WORD_TITLES) if (t.every((x, k) => words[i + k] === x)) return t.length;
  if (w === 'TRƯỞNG') return words[i + 1] && !/^(VÀ|,)$/.test(words[i + 1]!) ? 2 : 1; // "TRƯỞNG BAN", "TRƯỞNG PHÒNG"
  if (words[i + 1] === 'TRƯỞNG') return 2; // "BỘ TRƯỞNG", "VỤ TRƯỞNG", "HIỆU TRƯỞNG"
  if (!exact) return keyedTitleAt(words, i)?.length ?? 0;
  return 0;
}

/** The title of WORD_TITLES that starts at words[i] as a scan may read it (by titleKey). */
function keyedTitleAt(words: string[], i: number): string[] | undefined {
  const at = TITLE_KEYS.findIndex((t) => t.every((x, k) => words[i + k] !== undefined && titleKey(words[i + k]!) === x));
  return at < 0 ? undefined : WORD_TITLES[at];
}

function upperWords(s: string): string[] {
  return s.split(/\s+/).filter(Boolean).map((w) => w.replace(/^[,;]+|[,;]+$/g, ''));
}

/** A line that is one title and nothing else: "PHÓ CHỦ NHIỆM". */
function wholeTitle(t: string): boolean {
  const words = upperWords(t);
  return words.length > 1 && words.length <= 5 && titleAt(words, 0) === words.length;
}

/** An upper-case line holding a title: the signer's own (or a wrapped authority's). */
function isTitle(t: string): boolean {
  if (!isUpper(t)) return sentenceTitle(t);
  if (/[:@]|\d/.test(t) || t.length > 80) return false;
  if (/^(KÍNH|NƠI NHẬN|V\/V|VỀ VIỆC|CĂN CỨ|QUYẾT ĐỊNH|ĐIỀU)\b/u.test(t)) return false;
  const words = upperWords(t);
  if (words.length > 12) return false;
  for (let i = 0; i < words.length; i++) if (titleAt(words, i)) return true;
  return false;
}

/**
 * A title printed in sentence case on a line of its own, as print views and older texts set the signature
 * ("Chủ tịch", "Phó Giám đốc", "Bộ trưởng"): the whole line is the title, nothing else.
 */
function sentenceTitle(t: string): boolean {
  if (t.length > 30 || !/^\p{Lu}/u.test(t) || /[^\p{L}\s.]/u.test(t)) return false;
  const words = upperWords(t.toLocaleUpperCase('vi'));
  return words.length <= 4 && titleAt(words, 0) === words.length;
}

/**
 * A title in the spelling of the title words: "PHÓ GIÁM ĐÓC" -> "PHÓ GIÁM ĐỐC" (what a scan misread in
 * them); the unit after them, and any word that is not one of them, as read.
 */
export function spellTitle(t: string): string {
  const words = t.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const printed = titleAt(words, i, true);
    if (printed) {
      i += printed - 1;
      continue;
    }
    const n = titleAt(words, i);
    if (!n) continue;
    let j = i;
    for (; j < i + n && !keyedTitleAt(words, j); j++) words[j] = PREFIX_BY_KEY.get(titleKey(words[j]!)) ?? words[j]!;
    const title = keyedTitleAt(words, j);
    if (title && words.slice(j, j + title.length).every((w) => isUpper(w))) words.splice(j, title.length, ...title);
    i += n - 1;
  }
  return words.join(' ');
}

function isDeputy(t: string): boolean {
  return /^(PHÓ|THỨ TRƯỞNG)(?![\p{L}])/u.test(t);
}

// Ranks and academic titles printed before the name; the record gives the name alone.
// (the grade as a scan may read it, "Thiêu tướng", "Thuợng tá": a word before the level in small letters, which a
// name never has, "tướng", "tá", "úy")
const RANK = /^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|\p{Lu}\p{Ll}{1,6}\s+(?:tướng|tá|úy|uý)(?=\s+\p{Lu})|(?:ĐẠI|THƯỢNG|TRUNG|THIẾU)\s+(?:TƯỚNG|TÁ|ÚY|UÝ)|Đô\s+đốc|Chuẩn\s+đô\s+đốc)\s+/u;
const DEGREE = /^(?:(?:P?GS|TSKH|TS|ThS|Ths|THS|BS(?:CKI{1,2})?|KS|LS|DS|CN|NGƯT|NGND|TTND|TTƯT)\s*\.\s*)+/u;

const SURNAMES = new Set(
  ('nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn lâm lương mai trương cao tạ hà chu lưu tô ' +
    'thái tăng triệu quách vương kiều đào đàm khổng kim la lạc lại lục mạc nông phí phùng quan sầm thân thạch tiêu tôn từ ông âu ' +
    'bạch bế cù diệp doãn giang giáp hàn hầu khúc khương lã lò mạnh nghiêm ninh quản thiều trịnh ưng vi yên châu trình văn hứa ' +
    'lữ lư đường đồng viên vòng hoàng huỳnh h\' ksor y rơ siu nay kpă rah bon điểu thạch sơn danh lăng mông nhữ tống ôn phương')
    .split(' '),
);
/** Surnames by their letters without tones (the first, most common, of a fold wins). */
const SURNAME_BY_FOLD = new Map<string, string>();
for (const n of SURNAMES) if (n.length > 1 && n !== 'văn' && !SURNAME_BY_FOLD.has(fold(n))) SURNAME_BY_FOLD.set(fold(n), n);
/** Words of titles, bodies and places that a personal name does not hold (given names such as "Phúc", "Tư", "Lập" are common words, so these are few). */
const NOT_NAME_WORDS = new Set(
  ('phó giám đốc bộ vụ cục sở phòng ủy uỷ ubnd hđnd trưởng lãnh chuyên kính gửi nơi nhận các ngày tỉnh huyện xã phường quận ' +
    'viện đảng điều khoản phụ kèm quyết hoạch cáo hướng dẫn biên ký và của về theo với cho tại trên').split(' '),
);
const NOT_NAME_PHRASE =
  /(?:^|\s)(?:nhân dân|hội đồng|văn phòng|thành phố|thị xã|thị trấn|trung tâm|cộng hòa|cộng hoà|bí thư|tư lệnh|chủ tịch|chủ nhiệm|thư ký|thứ trưởng|chánh văn|chánh thanh|ủy ban|uỷ ban|hành chính|nội vụ|tài chính|tư pháp|công an|chính phủ|như trên|đã ký)(?=\s|$)/u;
const NOT_NAME_FIRST = new Set(['văn', 'quyền', 'hội', 'lãnh', 'đại', 'thượng', 'thiếu', 'chủ', 'thứ', 'tổng', 'chánh', 'ban', 'trung']);

/** A personal name as printed ("Nguyễn Văn Sơn", "NGUYỄN VĂN SƠN", "Đại tá Nguyễn Văn Cường"), or null. */
export function personName(raw: string): string | null {
  let t = raw.replace(/[*_]+/g, ' ').replace(/\s+/g, ' ').trim();
  t = t.replace(RANK, '').replace(DEGREE, '').trim();
  if (!t || /[^\p{L}\s'’]/u.test(t)) return null;
  const words = t.split(' ');
  if (words.length < 2 || words.length > 6) return null;
  const upper = isUpper(t);
  if (!upper && !words.every((w) => /^\p{Lu}[\p{Ll}'’]*$/u.test(w))) return null;
  // a surname a scan read with the wrong tone ("Nguyên Văn Long" under a seal): the closed set says which
  const first = words[0]!.toLocaleLowerCase('vi');
  const misread = SURNAMES.has(first) || NOT_NAME_FIRST.has(first) || NOT_NAME_WORDS.has(first) || NOT_NAME_PHRASE.test(t.toLocaleLowerCase('vi'))
    ? undefined : SURNAME_BY_FOLD.get(fold(words[0]!));
  if (misread) {
    words[0] = upper ? misread.toLocaleUpperCase('vi') : misread[0]!.toLocaleUpperCase('vi') + misread.slice(1);
    t = words.join(' ');
  }
  const lower = words.map((w) => w.toLocaleLowerCase('vi'));
  const known = SURNAMES.has(lower[0]!);
  if (!known && (NOT_NAME_FIRST.has(lower[0]!) || NOT_NAME_WORDS.has(lower[0]!))) return null;
  // a given name that is also a common word ("Nguyễn Văn Phòng"): only the last word, after a known surname, in title case
  const common = lower.slice(1).map((w, k) => NOT_NAME_WORDS.has(w) && !(k === lower.length - 2 && known && !upper && lower.length >= 3));
  // (and a phrase it makes with the middle name: "Văn Phòng" of "Nguyễn Văn Phòng" is no office)
  const personal = known && !upper && lower.length >= 3 ? lower.slice(1).filter((w, k) => !(k === 0 && /^(?:văn|thị)$/u.test(w))) : lower;
  if (common.some(Boolean) || NOT_NAME_PHRASE.test(personal.join(' '))) return null;
  // capitals are also how titles and bodies are printed: only with a known surname
  if (upper && !known) return null;
  return upper ? titleWords(t) : t;
}

/**
 * A name as a scan reads it under a signature: the stroke or the seal's edge read as marks before it
 * ("` 8ï Nguyễn Văn Cường", "-_ Thượng tá Phạm Thanh Hùng", "——Ñ Tặng tá ...") are not part of it. A
 * leading token is such a mark when it holds something other than letters; a list's dash ("- Như
 * trên") is not one.
 */
export function scannedName(raw: string): string | null {
  const direct = personName(raw);
  if (direct) return direct;
  const toks = raw.trim().split(/\s+/);
  let k = 0;
  while (k < toks.length - 2 && k < 3 && /[^\p{L}'’]/u.test(toks[k]!) && !/^[-–+•]$/u.test(toks[k]!)) k++;
  return k > 0 ? personName(toks.slice(k).join(' ')) : null;
}

/** Lines that are never part of the block: the Nơi nhận list, stamps, dates, blanks, dots. */
function isNoise(t: string): boolean {
  if (!t || !/\p{L}/u.test(t)) return true;
  if (/^[-–+•]/.test(t)) return true;
  if (/^(Nơi nhận|Ký bởi|Người ký|Thời gian ký|Ngày ký|Cơ quan|Email|Chức vụ|Đã ký|\(?Đã ký|\(ký|\[|Ký\s*(?:tên|số)?\s*[:,])/iu.test(t)) return true;
  if (/^Ngày\b.*\b(tháng|năm)\b/iu.test(t)) return true;
  if (/^(Lưu|Như trên)\s*[:;,.]/iu.test(t)) return true;
  return false;
}

/** A title in sentence case; after a comma, a second office begins with a capital ("Bộ trưởng, Chủ nhiệm"), a unit's name goes on. */
function dualTitle(s: string): string {
  const parts: string[] = [];
  for (const p of s.split(/,\s+/u)) {
    if (parts.length && !titleAt(upperWords(p.toLocaleUpperCase('vi')), 0, true)) parts[parts.length - 1] += `, ${p}`;
    else parts.push(p);
  }
  return parts.map(sentenceCase).join(', ');
}

export function sentenceCase(s: string): string {
  const words = s.replace(/\s+/g, ' ').trim().split(' ');
  let unitDone = false;
  let capNext = false;
  const out = words.map((w, i) => {
    const lw = w.toLocaleLowerCase('vi');
    // acronyms keep their capitals: UBND, HĐND, CCHC
    if (isAcronym(w)) return w;
    let cap = i === 0 || capNext;
    capNext = false;
    const prev = (words[i - 1] ?? '').toLocaleLowerCase('vi');
    if (prev === 'phó' && i === 1) cap = true;
    // "Chánh Văn phòng", "Lãnh đạo Văn phòng"
    if (lw === 'văn' && (words[i + 1] ?? '').toLocaleLowerCase('vi') === 'phòng') {
      cap = true;
      unitDone = true;
    }
    // the unit after the title: "Vụ trưởng Vụ Cải cách hành chính", "Phó Giám đốc Sở Nội vụ"
    // ("Phó Trưởng ban": "ban" belongs to the title)
    const titleHead = prev === 'trưởng' && (i === 1 || (i === 2 && words[0]!.toLocaleLowerCase('vi') === 'phó'));
    if (!unitDone && i >= 2 && /^(vụ|sở|cục|ban|phòng|viện|trường|chi|tổng)$/.test(lw) && !titleHead && !/^(phó|tổng|chi)$/.test(prev)) {
      cap = true;
      unitDone = true;
      capNext = !/^(chi|tổng)$/.test(lw);
    }
    return cap ? lw.charAt(0).toLocaleUpperCase('vi') + lw.slice(1) : lw;
  });
  return out.join(' ');
}

function titleWords(s: string): string {
  return s.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_m, sp: string, c: string) => sp + c.toLocaleUpperCase('vi'));
}

function clean(s: string): { text: string; lead: number } {
  const m = /^[\s*_#>]*/.exec(s)!;
  const text = collapseSpaces(s.slice(m[0].length).replace(/[\s*_]+$/u, '')).replace(/^(TM|KT|TL|TUQ|Q)\.(?=\p{Lu})/u, '$1. ');
  return { text, lead: m[0].length };
}

/**
 * Split a run-together line or cell into the pieces a signature block is made of: authority
 * markers, titles and the trailing name. "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Minh" ->
 * ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Minh"]. A line that is one piece comes back whole.
 */
function pieces(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  // cut at authority markers inside the line
  const cuts = new Set<number>([0]);
  // (each pattern only on a line holding what it cannot match without: most lines hold neither)
  if (/T[MLU/]|K[T/]/.test(text)) for (const m of text.matchAll(AUTH_INNER)) if (m.index! > 0) cuts.add(m.index!);
  // a sign-off box run together: "LÃNH ĐẠO VĂN PHÒNG ........ Ngày   tháng 10 năm 2025 Nguyễn Nhân Bản"
  // ... and a line joined with its neighbour across the columns: "KT. GIÁM ĐỐC Nơi nhận:", "Nơi nhận:   TRƯỞNG BAN"
  for (const m of /[.…]{3}|Ngày|Nơi nhận/u.test(text) ? text.matchAll(/[.…]{3,}|(?<![\p{L}])Ngày\b[^\p{Lu}]*?\bnăm\s+\d{4}|(?<=\S\s+)Nơi nhận\s*:?|^[\s*_]*Nơi nhận\s*:(?=\s+\p{Lu}{2})/gu) : []) {
    cuts.add(m.index!);
    cuts.add(m.index! + m[0].length);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  for (let c = 0; c < sorted.length; c++) {
    const from = sorted[c]!;
    const to = sorted[c + 1] ?? text.length;
    if (to > from) splitRun(text.slice(from, to), from, out);
  }
  return out.filter((p) => p.text.trim());
}

function splitRun(s: string, base: number, out: { text: string; at: number }[]): void {
  // a run whose first word holds a lower-case letter is neither a stack of titles nor one with a
  // name after it (both need the words before to be in capitals): it is one piece, from its first
  // to its last non-blank (most lines of a letter's body; tokenising them was most of the cost)
  const first = /\S+/.exec(s);
  if (!first) return;
  if (HAS_LOWER.test(first[0])) {
    out.push({ text: s.slice(first.index, s.trimEnd().length), at: base + first.index });
    return;
  }
  // tokens with offsets
  // (a title's last word glued to the name after it, as a copy leaves it: "CHÁNH VĂN PHÒNGThái Hữu Phép")
  const toks = [...s.matchAll(/\S+/g)].flatMap((m) => {
    const g = /^\p{Lu}{2,}(?=\p{Lu}\p{Ll}+$)/u.exec(m[0]);
    return g ? [{ w: g[0], at: m.index! }, { w: m[0].slice(g[0].length), at: m.index! + g[0].length }] : [{ w: m[0], at: m.index! }];
  });
  if (!toks.length) return;
  // the trailing personal name in title case after an upper-case run: "... PHÓ GIÁM ĐỐC Hồ Ngọc Phong Hải"
  let nameFrom = toks.length;
  for (let k = toks.length - 1; k >= 1; k--) {
    if (/^\p{Lu}[\p{Ll}]+$/u.test(toks[k]!.w) || (/^\p{Lu}$/u.test(toks[k]!.w) && k === toks.length - 1)) nameFrom = k;
    else break;
  }
  if (nameFrom < toks.length) {
    const head = toks.slice(0, nameFrom).map((t) => t.w).join(' ');
    const name = s.slice(toks[nameFrom]!.at).trim();
    if (!(isUpper(head) && personName(name))) nameFrom = toks.length;
  }
  const headToks = toks.slice(0, nameFrom);
  const words = headToks.map((t) => t.w.replace(/[,;]+$/, ''));
  const cutsAt: number[] = [0];
  const upper = isUpper(words.join(' '));
  if (upper && words.length > 2) {
    const auth = AUTH.test(words.join(' '));
    let i = auth ? 1 : 0;
    if (auth) {
      // the authority's object: "CHỦ TỊCH", "BỘ TRƯỞNG", "ỦY BAN NHÂN DÂN", "CHÁNH VĂN PHÒNG"
      if (words[0]!.endsWith('.') || words[0]!.endsWith(':') || /^(TM|KT|TL|TUQ)$/.test(words[0]!)) i = 1;
      const n = titleAt(words, i);
      if (n) i += n;
      else {
        while (i < words.length && !titleAt(words, i)) i++;
      }
      // one person's two offices joined by a comma are one object: "KT. BỘ TRƯỞNG, CHỦ NHIỆM"
      while (i < words.length && headToks[i - 1]?.w.endsWith(',') && titleAt(words, i)) i += titleAt(words, i);
      if (i < words.length) cutsAt.push(i);
    }
    // further titles: "PHÓ TRƯỞNG BAN PHÓ CHỦ TỊCH UBND TỈNH" -> two; a run that does not start with one
    // ("KÍNH TRÌNH CHỦ TỊCH UBND TỈNH") is not a stack of titles
    let inTitle = auth || titleAt(words, 0) ? 0 : words.length;
    for (let k = auth ? i : 0; k < words.length; k++) {
      if (inTitle > 0) {
        inTitle--;
        continue;
      }
      const n = titleAt(words, k);
      if (n) {
        // ("BỘ TRƯỞNG, CHỦ NHIỆM": one person's two offices, one title)
        if (k > (auth ? i : 0) && !cutsAt.includes(k) && !headToks[k - 1]?.w.endsWith(',')) cutsAt.push(k);
        inTitle = n - 1;
      }
    }
  }
  cutsAt.sort((a, b) => a - b);
  for (let c = 0; c < cutsAt.length; c++) {
    const a = headToks[cutsAt[c]!];
    if (!a) continue;
    const bTok = headToks[(cutsAt[c + 1] ?? headToks.length) - 1]!;
    out.push({ text: s.slice(a.at, bTok.at + bTok.w.length), at: base + a.at });
  }
  if (nameFrom < toks.length) out.push({ text: s.slice(toks[nameFrom]!.at).trim(), at: base + toks[nameFrom]!.at });
}

/** Every line of the text and of the small (layout) tables, cut into pieces. */
function segments(model: TextModel): Seg[] {
  const segs: Seg[] = [];
  let line = 0;
  const push = (raw: string, start: number, column: 'left' | 'right' | undefined) => {
    const { text, lead } = clean(raw);
    line++;
    if (!text) return;
    // a long line of body text holds no signature block unless an authority marker or "Nơi nhận" is in it:
    // it stays one segment (cutting every line of a long plan into pieces cost more than the rest of extraction)
    const plain = text.length > 200 && !/(?:^|\s)(?:TM|KT|TL|TUQ|Q|T\/M)\s*\.|Nơi nhận/u.test(text);
    const ps = !plain && /\S\s+\S/.test(text) ? pieces(text) : [{ text, at: 0 }];
    for (const p of ps) {
      const t = p.text.trim();
      // offsets: clean() folded inner whitespace; find the piece in the raw line where we can
      let s = raw.indexOf(t);
      if (s < 0) s = Math.min(raw.length, lead + p.at);
      const e = Math.min(raw.length, s + t.length);
      segs.push({ text: t, start: start + s, end: start + Math.max(s, e), line, ...(column ? { column } : {}) });
    }
  };
  for (const b of model.blocks) {
    if (b.kind === 'table') {
      const rows = b.rows ?? [];
      if (rows.length > 6 || rows.some((r) => r.length > 4)) continue;
      for (const r of rows) {
        r.forEach((c, ci) => {
          if (/^\s*Nơi nhận/iu.test(c.text)) return;
          let pos = c.start;
          for (const l of c.text.split('\n')) {
            push(l, pos, r.length > 1 ? (ci === 0 ? 'left' : 'right') : undefined);
            pos += l.length + 1;
          }
        });
      }
      continue;
    }
    let pos = b.start;
    for (const l of b.text.split('\n')) {
      push(l, pos, b.column);
      pos += l.length + 1;
    }
  }
  return segs;
}

interface Block {
  auths: { kind: Authority; seg: Seg }[];
  titles: { text: string; seg: Seg; end: number; acting?: boolean }[];
  name: { text: string; seg: Seg } | null;
  first: number;
  last: number;
}

function authOf(t: string): { kind: Authority; object: string } | null {
  const m = AUTH.exec(t);
  if (!m || !isUpper(m[2]!) || /[:@]|\d/.test(m[2]!)) return null;
  return { kind: AUTH_CANON[m[1]!] ?? (m[1] as Authority), object: m[2]!.trim() };
}

/** Read the block that starts at segs[a]. */
function readBlock(segs: Seg[], a: number, scan = false): Block {
  const blk: Block = { auths: [], titles: [], name: null, first: a, last: a };
  const col = segs[a]!.column;
  let other = 0;
  let lastKind: 'auth' | 'title' | 'other' = 'other';
  for (let k = a; k < segs.length && k < a + 80; k++) {
    const s = segs[k]!;
    const t = s.text;
    // the other column (Nơi nhận side) interleaved with ours
    if (col === 'right' && s.column === 'left') continue;
    if (isNoise(t)) continue;
    const au = authOf(t);
    if (au) {
      if (blk.titles.length || blk.name) break;
      // "TL. BỘ TRƯỞNG" / "Q. VỤ TRƯỞNG VỤ X": the signer holds the title under it as acting (quyền); the
      // authority is the line above, and "Q." stays in the position
      if (au.kind === 'Q' && blk.auths.length) {
        blk.titles.push({ text: au.object, seg: s, end: s.end, acting: true });
        blk.last = k;
        lastKind = 'title';
        continue;
      }
      blk.auths.push({ kind: au.kind, seg: s });
      blk.last = k;
      lastKind = 'auth';
      continue;
    }
    // a name wrapped after its surname ("Nguyễn" / "Khắc Định"): the surname alone is no name, the two lines are one
    const after = segs[k + 1];
    const surname = t.toLocaleLowerCase('vi');
    if (after && (blk.auths.length || blk.titles.length) && /^\p{Lu}[\p{Ll}'’]*$|^[\p{Lu}'’]+$/u.test(t) && surname !== 'văn' && SURNAMES.has(surname)) {
      const whole = personName(`${t} ${after.text}`);
      if (whole) {
        blk.name = { text: whole, seg: s };
        blk.last = k + 1;
        break;
      }
    }
    const nm = scan ? scannedName(t) : personName(t);
    if (nm && (blk.auths.length || blk.titles.length)) {
      blk.name = { text: nm, seg: s };
      blk.last = k;
      break;
    }
    // a title wrapped over two lines, neither a title alone: "PHÓ CHỦ" / "NHIỆM"
    const next = segs[k + 1];
    if (!isTitle(t) && next && isUpper(t) && isUpper(next.text) && wholeTitle(`${t} ${next.text}`)) {
      blk.titles.push({ text: `${t} ${next.text}`, seg: s, end: next.end });
      blk.last = ++k;
      lastKind = 'title';
      continue;
    }
    if (isTitle(t)) {
      // (a mark a scan read before it is not part of it: ". GIÁM ĐÓC")
      blk.titles.push({ text: t.replace(/^[^\p{L}]+/u, ''), seg: s, end: s.end });
      blk.last = k;
      lastKind = 'title';
      continue;
    }
    if (isUpper(t) && t.length < 60 && !/[:@]|\d/.test(t) && lastKind !== 'other' && segs[k - 1] && k - blk.last === 1) {
      // a wrapped line: the unit of the title above ("VỤ CẢI CÁCH HÀNH CHÍNH"), or the rest of the authority
      if (lastKind === 'title') {
        const last = blk.titles[blk.titles.length - 1]!;
        last.text += ' ' + t;
        last.end = s.end;
      }
      blk.last = k;
      continue;
    }
    lastKind = 'other';
    // a body paragraph or heading: the block is over unless the name is still to come after a short stray line
    if (t.length > 60 || /[.;]$/.test(t) || ++other > 3) break;
  }
  return blk;
}

function deputyOf(object: string): string {
  const o = object.replace(/\s+/g, ' ').trim();
  // (by its letters without tones: a scan's "KT. BỌ TRƯƠNG" is still a minister's deputy)
  if (/^bo truong(?![a-z])/u.test(fold(o))) return 'THỨ TRƯỞNG';
  return `PHÓ ${o}`;
}

export function extractSigner(model: TextModel): { signer: Finding<Signer> | null; distribution: Finding<string>[] } {
  const lines = allLines(model);
  const distribution: Finding<string>[] = [];
  const scan = model.format === 'scan';
  // Nơi nhận list
  const ni = lines.findIndex((l) => startsNoiNhan(l.text));
  if (ni >= 0) {
    // (a scan whose label OCR lost starts at its first entry, "- Như trên;")
    for (let k = isNoiNhanLabel(lines[ni]!.text) ? ni + 1 : ni; k < lines.length; k++) {
      const l = lines[k]!;
      if (!/^[-–+•]/.test(l.text)) {
        if (!l.text.trim()) continue;
        // the signature block's title, read into the list's column line by line ("Nơi nhận:" / "GIÁM ĐỐC" / "- Như trên;")
        const t = l.text.trim().replace(/^[^\p{L}]+/u, '');
        if (isUpper(t) && (isTitle(t) || authOf(t))) continue;
        break;
      }
      // a scan: the signer's name under the list, its rank before it ("-_ Thượng tá Phạm Thanh Hùng"), ends it
      if (scan && RANK.test((scannedName(l.text) ? l.text.replace(/^\S*[^\p{L}\s]\S*\s+/u, '') : '').trim())) break;
      let t = l.text.replace(/^[-–+•]\s*/, '');
      // a scan: what the other column put after the entry's end ("...: „nu PHÓ GIÁM ĐỌC", "...; S<", "... =") is not part of it
      for (let m = scan ? /^(.*[;:.),])\s+(\S.*)$/u.exec(t) : null; m; m = /^(.*[;:.),])\s+(\S.*)$/u.exec(t)) {
        if (/\p{L}{2}|\p{Lu}\d/u.test(m[2]!) && !isTitle(m[2]!.replace(/^\S*[^\p{L}\s]\S*\s+/u, ''))) break;
        t = m[1]!;
      }
      t = t.replace(/[;.,]\s*$/, '');
      distribution.push(finding(model, t, l.start, l.end, 'signer.distribution'));
    }
  }

  // "P. GIÁM ĐỐC": the deputy's title with "Phó" written short
  const segs = segments(model).map((x) => (/^P\.\s*\p{Lu}{2}/u.test(x.text) && isUpper(x.text) ? { ...x, text: x.text.replace(/^P\.\s*/u, 'PHÓ ') } : x));
  const nameOf = (t: string) => (scan ? scannedName(t) : personName(t));
  // an authority marker alone on its line ("TM." / "ỦY BAN NHÂN DÂN TỈNH") opens the line under it
  for (let k = 0; k + 1 < segs.length; k++) {
    if (!/^(?:TM|KT|TL|TUQ|T\/M|K\/T|T\/L)\s*[.:]?$/u.test(segs[k]!.text) || !isUpper(segs[k + 1]!.text)) continue;
    const a = segs[k]!;
    const b = segs.splice(k + 1, 1)[0]!;
    segs[k] = { ...a, text: `${a.text.replace(/\s*[.:]?$/u, '.')} ${b.text}`, end: b.end };
  }
  // candidate blocks: the top of each authority stack, and title lines that do not follow one
  const blocks: Block[] = [];
  for (let k = 0; k < segs.length; k++) {
    const t = segs[k]!.text;
    if (isNoise(t)) continue;
    // a title the block above already read ("TM. ỦY BAN NHÂN" / "DÂN" / "CHỦ TỊCH"): not a block of its own
    const above = blocks[blocks.length - 1];
    if (above && above.auths.length && k <= above.last && !authOf(t)) continue;
    const prev = prevReal(segs, k);
    if (authOf(t)) {
      if (prev >= 0 && authOf(segs[prev]!.text) && segs[prev]!.column === segs[k]!.column) continue;
      blocks.push(readBlock(segs, k, scan));
    } else if (isTitle(t) && t.length < 60) {
      if (prev >= 0 && (authOf(segs[prev]!.text) || isTitle(segs[prev]!.text)) && segs[prev]!.column === segs[k]!.column) continue;
      const b = readBlock(segs, k, scan);
      // a title alone is a block only with a name under it
      if (b.name) blocks.push(b);
    }
  }
  const tail = segs.length ? segs[Math.max(0, segs.length - 60)]!.start : 0;
  const pick =
    [...blocks].reverse().find((b) => b.name && (b.auths.length || b.titles.length)) ??
    [...blocks].reverse().find((b) => b.auths.length) ??
    [...blocks].reverse().find((b) => b.titles.length && segs[b.first]!.start >= tail && b.titles[0]!.text.length < 40);
  // a signature whose title the seal hid: the rank and name alone at the end, after the Nơi nhận list
  // ("Thiếu tướng Trương Minh Đương"): the name, even without the title
  const after = ni >= 0 ? lines[ni]!.start : tail;
  const alone = !pick?.name
    ? [...segs].reverse().find((sg) => sg.start >= Math.max(tail, after) && nameOf(sg.text) && (RANK.test(sg.text.trim()) || ni >= 0))
    : undefined;
  if (!pick) {
    if (!alone) return { signer: null, distribution };
    return { signer: finding(model, { name: nameOf(alone.text), position: null, authority: null }, alone.start, alone.end, 'signer.nameAlone'), distribution };
  }
  if (!pick.name && alone && alone.start > segs[pick.last]!.start) pick.name = { text: nameOf(alone.text)!, seg: alone };

  const kinds = pick.auths.map((a) => a.kind);
  const authority: Signer['authority'] = kinds.find((k) => k !== 'TM') ?? (kinds.length ? 'TM' : null);
  const lastAuth = pick.auths[pick.auths.length - 1];
  let position: string | null = null;
  if (pick.titles.length) {
    const t = lastAuth?.kind === 'KT' ? (pick.titles.find((x) => isDeputy(x.text)) ?? pick.titles[0]!) : pick.titles[0]!;
    // (one person's two offices each begin with a capital: "Bộ trưởng, Chủ nhiệm")
    position = `${t.acting ? 'Q. ' : ''}${dualTitle(spellTitle(t.text))}`;
    // under KT the signer is the deputy: a title that is the delegating head's with one word a scan
    // garbled before it ("KT. GIÁM ĐỐC" / "PRÓ GIÁM ĐÓỎÓC") is the deputy's title
    if (lastAuth?.kind === 'KT' && !isDeputy(t.text)) {
      const obj = authOf(lastAuth.seg.text)!.object;
      const key = (x: string) => upperWords(x).map(titleKey).join(' ');
      const words = upperWords(t.text);
      if (words.length === upperWords(obj).length + 1 && !titleAt(words, 0) && key(words.slice(1).join(' ')) === key(obj)) position = sentenceCase(spellTitle(deputyOf(obj)));
    }
  } else if (lastAuth) {
    const obj = authOf(lastAuth.seg.text)!.object;
    if (lastAuth.kind === 'KT') position = sentenceCase(spellTitle(deputyOf(obj)));
    else if (lastAuth.kind === 'Q') position = sentenceCase(spellTitle(obj));
  }
  const first = segs[pick.first]!;
  const lastSeg = segs[pick.last]!;
  const start = Math.min(first.start, lastSeg.start);
  const end = Math.max(first.end, lastSeg.end, start);
  return {
    signer: finding(model, { name: pick.name?.text ?? null, position, authority }, start, end, 'signer.block'),
    distribution,
  };
}

function prevReal(segs: Seg[], k: number): number {
  for (let j = k - 1; j >= 0; j--) {
    if (segs[j]!.column === 'left' && segs[k]!.column === 'right') continue;
    if (!isNoise(segs[j]!.text)) return j;
  }
  return -1;
}
