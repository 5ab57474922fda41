/**
 * Document fields from the header (thể thức of Nghị định 30/2020/NĐ-CP, Phụ lục I):
 * issuing body, "Số: 4945/UBND-THCBKS", "Tuyên Quang, ngày 13 tháng 12 năm 2021",
 * the type word and title of a titled document ("KẾ HOẠCH" + title lines), the
 * trích yếu of a công văn ("V/v ...", "Về việc ..."), and "Kính gửi:".
 */
import { deglue } from './glue.js';
import { isVietnameseSyllable } from '../parse/syllables.js';
import type { Diagnostic, TextModel } from '../model/types.js';
import type { Signer } from './signer.js';
import { allLines, blockLines, finding, isUpper, titleCase, type Finding } from './finding.js';
import { DOC_TYPES, TYPE_ABBRS, canonicalAbbr } from './words/doctypes.js';
import { PROVINCES } from './words/places.js';
import { NATIONAL_CODES, PROVINCIAL_CODES } from './words/issuers.js';
import { startsNoiNhan } from './words/noinhan.js';
import { iso } from './dates.js';
import { fold, foldWithMap } from '../normalise/unicode.js';
import { splitBodies, startsWithBody } from './agencies.js';
import { AGENCY_HEADS } from './words/agencies.js';
import { OCR_BULLET, STAMP_LINE } from '../parse/markers.js';

type Line = { text: string; start: number; end: number; block: ReturnType<typeof allLines>[number]['block'] };

/** The type words by their fold (the first entry wins, as a search of the list would give). */
const TYPE_BY_FOLD = new Map([...DOC_TYPES].reverse().map((t) => [fold(t.word), t]));
/** The same without spaces, for a title word a scan or a copy split ("K ÉT LUẬN"). */
const TYPE_BY_FOLD_NS = new Map([...DOC_TYPES].reverse().map((t) => [fold(t.word).replace(/\s+/g, ''), t]));
/** The Quốc hiệu and tiêu ngữ (or the Party's "ĐẢNG CỘNG SẢN VIỆT NAM"), by their fold: a scan's "CỌNG HÒA XÃ HỌI" is one too. */
const QUOC_HIEU = { test: (t: string) => /^(?:cong hoa|doc lap\s*[-–—]*\s*tu do|dang cong san viet nam)/u.test(fold(t).trimStart()) };
// (also the Quốc hiệu a narrow column wrapped before its last word: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "... NAM", see headerLines)
const FIXED_PARTS = [/cong hoa xa hoi chu nghia viet(?: nam|$)/gu, /doc lap\s*[-–—]*\s*tu do\s*[-–—]*\s*hanh phuc/gu, /dang cong san viet nam/gu];
// "Số: 4945 /UBND-THCBKS"  "Số:    /UBND-NC"  "Số 06-CT/TU"  "Số: 59/2012/NĐ-CP"  "Nghị quyết số: 76/2025/UBTVQH15"
// "Số: 03/BCĐX-CAT(PC04)"  "Số: 12/SNV-CCHC&VTLT"  "Số: /TTr - SNV"  "Số: 15/SNV –TCCB&ĐT" (an en dash typed for the
// hyphen: written '-'; after it only a part in capitals, never words)
// (and a Government Office department's roman numeral a portal copy set apart: "Số: 2615/VPCP-V .I", "594/VPCP-V .IV/v ...")
const SYMBOL_PART = String.raw`[\p{L}\d&.]+(?:\([\p{L}\d&.-]+\))?`;
const NUMBER_LINE = new RegExp(
  String.raw`^(?:(?:Nghị quyết|Quyết định|Thông tư(?: liên tịch)?|Nghị định|Chỉ thị|Kết luận|Công điện|Lệnh)\s+số\s*:|Số\s*:?\.?)\s*(\d*)((?<=\d)[^\s/\d-]{1,3}|[^\s\p{L}\d/-][^\s/]{0,3})?\s*([/-])\s*((?:\d{4}\s*\/\s*)?[\p{Lu}\d][\p{L}\d&.]*(?:\([\p{L}\d&.-]+\))?(?:\s*[-/]\s*${SYMBOL_PART}|\s*–\s*[\p{Lu}\d][\p{Lu}\d&.]*(?![\p{L}\d]))*(?:\s+\.(?:I{1,3}|IV|VI{0,3}|IX|X)(?=\s|$|V\/v|\())?)`,
  'u',
);
/**
 * A scan's number line whose handwritten number left marks where the number and its slash were:
 * "Số: 34M0 ĐCA-C04", "Số: 4 Ý 1 }BCA-C04", "Số:#5⁄CAT-PA05", "Số: s¿€Ê /TTr-CAT-PC04". The printed
 * symbol is the last thing on the line: abbreviations joined by hyphens (Nghị định 30/2020, Phụ lục
 * I: type - issuer (- unit), or issuer - unit), after a slash as tesseract reads one ("/", "⁄", "}",
 * "]", "|", ")") or a space; what stands between "Số:" and it is the number no one could read.
 */
const SCANNED_NUMBER_LINE = new RegExp(
  String.raw`^S[ốôóồổỗộơớo0]\s*[:;]?\s*(\S.{0,11}?)??\s*(?:[/⁄}\]|)]\s*|\s)([\p{Lu}][\p{L}\d&.]*(?:\([\p{L}\d&.-]+\))?(?:\s?-\s?[\p{Lu}\d][\p{L}\d&.]*(?:\([\p{L}\d&.-]+\))?)+)(?=\s|$)`,
  'u',
);
/** Letters tesseract takes for one another in print (the form of a symbol says which one was printed). */
const LOOK_ALIKE = [['B', 'Đ', 'D', '8'], ['O', '0', 'Q'], ['I', '1', 'L'], ['S', '5'], ['Z', '2'], ['T', 'I']];
const lookAlike = (a: string, b: string) => LOOK_ALIKE.some((g) => g.includes(a) && g.includes(b));
/** Whether `read` is `a` with one letter taken for its look-alike ("TIr" for "TTR" in capitals, "ĐCA" for "BCA"). */
const oneLookAlikeOff = (a: string, read: string) =>
  a.length === read.length && [...a].filter((c, k) => c !== read[k]).length === 1 && [...a].every((c, k) => c === read[k] || lookAlike(c, read[k]!));
/** A name's initials as a symbol abbreviates it: "BỘ CÔNG AN" -> "BCA", "ỦY BAN NHÂN DÂN" -> "UBND" (Đ stays Đ). */
const initialsOf = (t: string) =>
  t.split(/\s+/).filter((w) => /^\p{L}/u.test(w)).map((w) => (w[0] === 'Đ' || w[0] === 'đ' ? 'Đ' : w.normalize('NFD')[0]!.toUpperCase())).join('');

/**
 * A scanned symbol read as what its form makes it: a letter the reading doubled in the type's
 * abbreviation ("QĐĐ-UBND" is QĐ-UBND: ĐĐ is no abbreviation, QĐ is), one letter of the issuer's
 * abbreviation read as its look-alike where the header prints the issuer's name ("ĐCA-C04" under
 * "BỘ CÔNG AN" is BCA-C04). Parts that are what they should be, or differ otherwise, stay as read.
 */
export function repairScannedSymbol(symbol: string, issuerLines: string[]): string {
  const names = issuerLines.map(initialsOf).filter((x) => x.length >= 2);
  const abbrs = new Set(names.flatMap((x) => Array.from({ length: x.length - 1 }, (_, k) => x.slice(0, k + 2))));
  const parts = symbol.split(/([-/])/);
  let fixed = false;
  parts.forEach((p, i) => {
    if (i % 2 || !p || /^\d+$/.test(p)) return;
    if (i === 0 && !TYPE_ABBRS.has(p.toUpperCase())) {
      const single = p.replace(/(\p{Lu})\1/u, '$1');
      if (single !== p && TYPE_ABBRS.has(single.toUpperCase())) {
        parts[i] = single;
        fixed = true;
        return;
      }
    }
    if (abbrs.has(p) || TYPE_ABBRS.has(p.toUpperCase())) return;
    // (the type's abbreviation too, in the symbol's first part: "TIr" is "TTr")
    if (i === 0) {
      const up = p.toUpperCase();
      const types = [...TYPE_ABBRS].filter((a) => oneLookAlikeOff(a, up));
      if (types.length === 1) {
        parts[i] = canonicalAbbr(types[0]!);
        fixed = true;
        return;
      }
    }
    const cand = [...abbrs].filter((a) => oneLookAlikeOff(a, p));
    if (cand.length === 1) {
      parts[i] = cand[0]!;
      fixed = true;
    }
  });
  return fixed ? parts.join('') : symbol;
}

// "Tuyên Quang, ngày 13 tháng 12 năm 2021"  "Hà Nội, ngày   tháng 10 năm 2023"  "..., ngày 13/12/2021"
// a day or month left blank is printed as dots or an ellipsis ("ngày … tháng 10 năm 2025"), or a mark a scan could not read
// (the mark may touch the next word: "ngày-|“tháng 11 năm 2024")
const SLOT = String.raw`[\s.…_]*(?:(\d{1,2})(?=[\s.…_]|tháng|năm)|[^,/\p{L}\d]{1,5}(?=tháng|năm)|[^\s,/\p{L}\d]{1,3}(?=[\s.…_])|[^\s,/]{1,3}(?=[\s.…_]))?[\s.…_]*`;
/** A day written with its month and year ("26/03/2013", "07-9-2015"): day, month, year. */
const DMY = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
/** A symbol in capitals whose parts are joined by hyphens ("UBND-KT", "BVHTTDL-DSVH"). */
const CAPS_SYMBOL = String.raw`[\p{Lu}][\p{Lu}\d&.]*(?:-[\p{Lu}\d][\p{Lu}\d&.]*)`;
/** A collective and the names it covers, on one line: "Ủy ban nhân dân các tỉnh, thành phố: Hồ Chí Minh, Hải Phòng, ...". */
const INLINE_LIST_LINE = /^[^:.;]{3,80}:\s*(?:\p{Lu}[\p{L} -]{1,30},\s*){2,}\p{Lu}[\p{L} -]{1,30}[.;]?$/u;
/** The source a portal names under the extract it quotes: "(Theo Công văn số 1962/UBND-KT, ngày 25/4/2024)". */
// (the word "số" may be left out, and the trích yếu may follow the date: "(Theo Thông báo số 229/TB-UBND ngày 30/11/2022 Kết
// luận tiếp công dân định kỳ tháng 11/2022)", "(Theo Công văn 5231/UBND-KT ngày 10/10/2023)")
// (or names it as the page's source, its date after a dash or none: "(Nguồn công văn số 2983/UBND-VP - 22/09/2020)", "(Nguồn:
// Công văn số 2055/UBND-TTTH)")
const QUOTED_FROM = new RegExp(String.raw`^\(\s*(?:Theo|Nguồn\s*:?)\s+(?:[Cc]ông văn|[Vv]ăn bản|[Qq]uyết định|[Tt]hông báo|[Kk]ế hoạch|[Cc]hỉ thị|[Cc]ông điện)\s+(?:số\s*:?\s*)?(\d{1,5})\s*\/\s*(${CAPS_SYMBOL}*)(?:(?:\s*,?\s*ngày\s+|(?<=Nguồn[^()]*)\s*[-–,]\s*(?:ngày\s+)?)${DMY}|(?<=Nguồn[^()]*))(?:\s+(\p{Lu}[^()]{0,200}?))?\s*\)\.?$`, 'u');
/** A news page's headline that names its source in brackets at its end: "UBND tỉnh chỉ đạo ... (Công văn số 1373/UBND-KT, ngày 28/10/2020)." */
const HEADLINE_SOURCE = new RegExp(String.raw`^\p{Lu}[^()]{10,400}?\s*\(\s*(?:Công văn|Văn bản|Quyết định|Thông báo|Kế hoạch|Chỉ thị|Công điện)\s+(?:số\s*:?\s*)?(\d{1,5})\s*\/\s*(${CAPS_SYMBOL}*)\s*,?\s*ngày\s+${DMY}()\s*\)\.?$`, 'u');
/** The body a headline opens with, and its verb: "UBND tỉnh chỉ đạo ...", "Chủ tịch UBND tỉnh yêu cầu ...". */
const HEADLINE_BODY = /^((?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?:\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)?)?|Sở\s+[^,;:()]{3,60}?|Văn phòng UBND tỉnh)\s+(?:chỉ đạo|yêu cầu|đề nghị|giao|thông báo|hướng dẫn)(?![\p{L}])/u;
/** A number and day in brackets at the end of a trích yếu: "(3585/VP-KTN, ngày 23/10/2017)." */
const OWN_NUMBER_AFTER_SUBJECT = new RegExp(String.raw`\s*\((\d{1,5})\s*\/\s*([\p{Lu}][\p{Lu}\d&.]*(?:\s*-\s*[\p{Lu}\d][\p{Lu}\d&.]*)+)\s*,?\s*ngày\s+${DMY}\s*\)\s*\.?$`, 'u');
/** The date on the number's line, after its symbol: ", ngày 26 tháng 03 năm 2013", " ngày 08/5/2019". */
const NUMBER_LINE_DATE = new RegExp(String.raw`^\s*,?\s*ngày\s+(?:(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})|${DMY})(?!\d)`, 'u');
const DATE_LINE = new RegExp(String.raw`^([\p{L}][\p{L} .'-]{1,40}?(?:\s\d{1,2})?)\s*,\s*ngày${SLOT}(?:tháng${SLOT},?\s*năm[\s.…_]*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))`, 'u');
/** A date line the copy cut short: "Kon Tum, ngày 25" (+ "tháng 01 năm 2024"). */
const DATE_START = /^[\p{L}][\p{L} .'-]{1,40}?\s*,\s*ngày(?![\p{L}])/u;
const SUBJECT_LEAD = /^(?:V\/v|V\/V|v\/v|Về việc|VỀ VIỆC|Về|Trích yếu)\s*[:.]?\s*/u;
/**
 * "Kính gửi:", or a công điện's "Điện:" (always with its colon: "Điện lực ..." is a name), alone or after
 * its sender in capitals as Nghị định 30/2020/NĐ-CP lays it out ("THỦ TƯỚNG CHÍNH PHỦ điện:").
 */
// (a portal's copy may glue it: "Kínhgửi: Cục Thuế ...")
export const RECIPIENT_LEAD = /^(?:(?:Kính|KÍNH|kính)\s*(?:gửi|GỬI)\s*:?|(?:Điện|ĐIỆN|điện)\s*:|\p{Lu}[\p{Lu}\s,.-]{2,80}?\s(?:điện|ĐIỆN)\s*:)\s*/u;
/** A list item's dash as printed (OCR_BULLET: as a scan reads it once the list has begun). */
const BULLET = /^[-–+•]\s*/;
// "(Kèm theo Kế hoạch số: 116/KH-UBND ngày 28/7/2021 của Ủy ban nhân dân tỉnh)"
// (also as a scan reads it: "Công văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025")
const ATTACHED_TO = /(?:Kèm theo|Gửi kèm(?:\s+theo)?)\s+([\p{L} ]{2,25}?)\s+s[ốôóo]\s*:?\s*(\d+)\s*\/\s*((?:\d{4}\/)?[\p{Lu}\d][\p{L}\d&-]*(?:\/[\p{L}\d&-]+)*)(?:[\s,]+ngày\s+(\d{1,2})\s*(?:[/.-]|tháng)\s*(\d{1,2})\s*(?:[/.-]|năm)\s*(\d{4}))?/u;
/**
 * A ký hiệu is made of abbreviations, never of words with Vietnamese vowels: the syllable a copy ran onto
 * its end belongs to the next part of the header ("QĐ/TWĐTN-VPĐOÀN TNCS ..." is "QĐ/TWĐTN-VP").
 */
const RUN_ON_SYLLABLE = /(?<=[A-Z\d)&.])(?:NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?[AĂÂEÊIOÔƠUƯY]*[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴĂÂÊÔƠƯ][AĂÂEÊIOÔƠUƯY]*(?:NG|NH|CH|[CMNPT])?$/u;
export function ownSymbol(symbol: string): string {
  const m = RUN_ON_SYLLABLE.exec(symbol);
  return m && m[0].length >= 3 ? symbol.slice(0, m.index) : symbol;
}
/** "[CHỈ THỊ] CỦA <issuer> SỐ <number>/<symbol> NGÀY <d> THÁNG <m> NĂM <y> [VỀ VIỆC <subject>]" (upper case, lines joined). */
const GAZETTE_TITLE = /(?:^|\s)CỦA\s+(\p{Lu}[\p{Lu}\s,-]{2,80}?)\s+SỐ\s*:?\s*(\d+)\s*\/\s*((?:\d{4}\s*\/\s*)?\p{Lu}[\p{Lu}\d&.]*(?:\s*[-/]\s*\p{Lu}[\p{Lu}\d&.]*)*)\s*,?\s+NGÀY\s+(\d{1,2})\s*(?:THÁNG\s+(\d{1,2})\s+NĂM\s+(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))(?:\s+(?:VỀ VIỆC|V\/V|VỀ)\s+(.+))?/u;
/** "CỦA <issuer in capitals> V/V " before a title's trích yếu. */
const OF_ISSUER_VV = /^CỦA\s+\p{Lu}[\p{Lu}\s,]{3,}?\s+(?:V\/V|V\/v|v\/v|VỀ VIỆC|Về việc)(?![\p{L}])\s*:?\s*/u;
/** Lines that open the body of a decision or a plan ("Căn cứ ...", "Xét đề nghị ..."). */
const BODY_OPENER = /^(?:Căn cứ|Thực hiện|Thi hành|Xét đề nghị|Theo đề nghị|Xét)(?![\p{L}])/u;
/** Who issues a decision, printed in capitals above "Căn cứ": "ỦY BAN NHÂN DÂN TỈNH X", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH". */
const AUTHORITY_LINE = /^(?:ỦY BAN|UỶ BAN|HỘI ĐỒNG|BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH|HIỆU TRƯỞNG|TRƯỞNG BAN|BAN|CHÍNH PHỦ|BỘ|SỞ|THƯỜNG TRỰC|BAN THƯỜNG VỤ|BAN CHẤP HÀNH)(?![\p{L}])/u;

// ---------------------------------------------------------------- header lines

/**
 * The header's lines as a reader sees them, from text without structure (a copy from a
 * legal portal, a layout PDF, a scan): cells of a flattened table ("ỦY BAN NHÂN DÂN |
 * CỘNG HÒA ... |") and header parts run together on one line are split; separator
 * lines ("-------", "|", "*") are dropped; values wrapped over lines are put back
 * together ("Số:" + "06/2024/QĐ-UBND", "Kon Tum, ngày 25" + "tháng 01 năm 2024",
 * "Mỹ" + "Tho, ngày ...", "5274/BNV-" + "CVL", "CỘNG" + "HÒA XÃ HỘI ...", "ỦY" + "BAN NHÂN DÂN").
 * Each line keeps the span it covers in the model's text.
 */
const HEADER_SCAN = 80;
const SEPARATOR_LINE = /^[-_=*•|.~\s]+$/u;
/** Where the parts of a header begin inside a line the copy ran together. */
/** A portal's short date of issue: "Ngày 07-9-2015". */
const SHORT_DATE = String.raw`Ngày\s+${DMY}(?!\d)`;
const SHORT_DATE_LINE = new RegExp(`^${SHORT_DATE}$`, 'u');
const PART_ANCHORS: RegExp[] = [
  /(?<![\p{L}])(?:Số|S[ôóồổỗộơớo](?=\s*[:;]))\s*[:;]/gu,
  /(?<![\p{L}])V\/[vV](?=\s|:)/gu,
  /(?<![\p{L}])Kính gửi\s*:/gu,
  // a portal's one-line header: "Số 924/SNV-CCHC Ngày 07-9-2015 V/v ..." (its "Số" without a colon, a short date)
  /^Số\s+(?=\d+\s*\/\s*\p{Lu})/gu,
  // (cut at the space before it: the pieces are trimmed)
  new RegExp(` ${SHORT_DATE}`, 'gu'),
];
/** Fixed phrases of a header a copy may cut anywhere between words. */
const FIXED_PHRASES = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'ỦY BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN',
  'ỦY BAN THƯỜNG VỤ QUỐC HỘI', 'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM', 'THỦ TƯỚNG CHÍNH PHỦ', 'CHÍNH PHỦ',
].map((p) => fold(p));
/** A place name cut before its comma: "Mỹ", "TP Hồ Chí", "Phan Rang-". */
const PLACE_PIECE = /^(?:(?:TP|Tp)\.?|[\p{Lu}][\p{Ll}]*)(?:[\s-]+(?:[\p{Lu}][\p{Ll}]*))*\s*-?$/u;
const PLACE_TOKEN = /^(?:(?:TP|Tp)\.?|[\p{Lu}][\p{Ll}]*(?:-[\p{Lu}][\p{Ll}]*)*-?)$/u;

function splitCells(l: Line): Line[] {
  if (!/[|\t]/.test(l.text)) return [l];
  const out: Line[] = [];
  let a = 0;
  for (const part of l.text.split(/[|\t]/)) {
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    if (t) out.push({ text: t, start: l.start + a + lead, end: l.start + a + lead + t.length, block: l.block });
    a += part.length + 1;
  }
  return out;
}

/** Offsets where a run-together header line should be cut (two anchors or more on the line). */
function partCuts(t: string): number[] {
  const cuts = new Set<number>();
  let hits = 0;
  for (const re of PART_ANCHORS) {
    // exec on the global pattern (none matches empty): matchAll would copy it for every line of every header
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      hits++;
      if (m.index > 0) cuts.add(m.index);
    }
  }
  // the Quốc hiệu and the tiêu ngữ (as a scan may spell them) start and end a part ("... VIỆT NAM SỞ GIÁO DỤC ...")
  // the folded copy with its offsets is built only for a line that holds one of them (fold() is a table look-up)
  const quick = fold(t);
  const any = FIXED_PARTS.some((re) => {
    re.lastIndex = 0;
    return re.test(quick);
  });
  const { folded, map } = any ? foldWithMap(t) : { folded: '', map: [] as number[] };
  let fixed = false;
  for (const re of any ? FIXED_PARTS : []) {
    re.lastIndex = 0;
    for (const m of folded.matchAll(re)) {
      hits++;
      fixed = true;
      const a = map[m.index!]!;
      const e = map[m.index! + m[0].length]!;
      if (a > 0) cuts.add(a);
      // the closing quote or dash a scan hangs on the Quốc hiệu stays with it
      const after = e + (/^[”"'_—-]+/u.exec(t.slice(e))?.[0].length ?? 0);
      if (after < t.length) cuts.add(after);
    }
  }
  // "..., ngày": the place before it starts a part
  // (both patterns below need "ngày": most lines have none)
  const hasNgay = t.includes('ngày');
  for (const m of hasNgay ? t.matchAll(/,\s*ngày(?![\p{L}])/gu) : []) {
    const before = t.slice(0, m.index!).split(/(?<=\s)/u);
    let k = before.length;
    let words = 0;
    while (k > 0 && words < 4 && PLACE_TOKEN.test(before[k - 1]!.trim())) {
      k--;
      words++;
    }
    if (words) {
      hits++;
      const at = before.slice(0, k).join('').length;
      if (at > 0) cuts.add(at);
      // the other column's capitals run into the place ("... HỒ CHÍ MINH Hà Nội, ngày"): a header, never a sentence
      if (at > 0 && isUpper(t.slice(0, at).trim()) && /\p{L}{2}/u.test(t.slice(0, at))) fixed = true;
    }
  }
  // a date line run into the title after it: "..., ngày 29 tháng 10 năm 2013 QUYẾT ĐỊNH"
  // (the rest of the line a title in capitals, and nothing else)
  for (const m of hasNgay ? t.matchAll(/,\s*ngày[^,]{0,30}?năm\s*\d{4}(?=\s+\p{Lu}{2})/gu) : []) {
    const rest = t.slice(m.index! + m[0].length).trim();
    if (!isUpper(rest) || rest.length > 80) continue;
    hits++;
    cuts.add(m.index! + m[0].length);
  }
  // the Quốc hiệu and the tiêu ngữ never stand inside a sentence: a line holding one is split at it
  return hits >= 2 || fixed ? [...cuts].sort((x, y) => x - y) : [];
}

function splitParts(l: Line): Line[] {
  const cuts = partCuts(l.text);
  if (!cuts.length) return [l];
  const out: Line[] = [];
  let a = 0;
  for (const c of [...cuts, l.text.length]) {
    const piece = l.text.slice(a, c);
    const lead = piece.length - piece.trimStart().length;
    const t = piece.trim();
    if (t && !SEPARATOR_LINE.test(t)) out.push({ text: t, start: l.start + a + lead, end: l.start + a + lead + t.length, block: l.block });
    a = c;
  }
  return out;
}

const join = (a: Line, b: Line, sep = ' '): Line => ({ text: a.text + sep + b.text, start: a.start, end: b.end, block: a.block });

/** A phrase of FIXED_PHRASES that `t` opens but does not finish. */
function cutPhrase(t: string, next: string): boolean {
  const a = fold(t).replace(/\s+/g, ' ').trim();
  const ab = fold(`${t} ${next}`).replace(/\s+/g, ' ').trim();
  return FIXED_PHRASES.some((p) => p.startsWith(`${a} `) && (p.startsWith(ab) || ab.startsWith(`${p} `) || ab === p));
}

export function headerLines(lines: Line[]): Line[] {
  let out: Line[] = [];
  for (const l of lines) {
    for (const c of splitCells(l)) {
      if (SEPARATOR_LINE.test(c.text)) continue;
      out.push(...splitParts({ ...c, text: c.text.replace(/\s+$/u, '') }));
    }
  }
  // the Quốc hiệu's last word a narrow column pushed to the next line, where the other column's line ends with it
  // ("UBND TỈNH LÀO CAI   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP   NAM"): no word of the issuer
  for (let i = 0; i + 1 < out.length && i < 12; i++) {
    if (!/CH[UỦ] NGH[IĨ]A VI[EỆ]T$/u.test(out[i]!.text)) continue;
    const n = out[i + 1]!;
    const m = /\s+NAM$/u.exec(n.text);
    if (m && m.index > 0) out[i + 1] = { ...n, text: n.text.slice(0, m.index), end: n.start + m.index };
  }
  // a blank number whose symbol the other column's lines pushed down: "Số:" ... "/TTr-VPCP" (a draft laid out in two columns)
  for (let i = 0; i < out.length; i++) {
    if (!/^S[ốôó]\s*:?$/u.test(out[i]!.text.trim())) continue;
    const j = out.findIndex((l, k) => k > i && k <= i + 5 && /^\/\s*[\p{Lu}][\p{L}\d&.()-]*(?:\/[\p{L}\d&.()-]+)*$/u.test(l.text.trim()));
    if (j < 0 || out.slice(i + 1, j).some((l) => NUMBER_LINE.test(l.text) || DATE_START.test(l.text))) continue;
    out[i] = join(out[i]!, out[j]!);
    out.splice(j, 1);
  }
  // put wrapped values back together
  const merged: Line[] = [];
  for (let i = 0; i < out.length; i++) {
    let cur = out[i]!;
    // a place name cut at its hyphen, its first half left at the end of the line before ("... /SGDĐT-VP Phan Rang-" + "Tháp Chàm, ngày ...")
    const tail = i + 1 < out.length && DATE_START.test(out[i + 1]!.text) ? /(?:^|\s)((?:[\p{Lu}][\p{Ll}]*\s+){0,2}[\p{Lu}][\p{Ll}]*\s*[-–])$/u.exec(cur.text) : null;
    if (tail && tail.index + tail[0].length - tail[1]!.length > 0) {
      const at = cur.text.length - tail[1]!.length;
      merged.push({ ...cur, text: cur.text.slice(0, at).trimEnd(), end: cur.start + cur.text.slice(0, at).trimEnd().length });
      cur = { text: tail[1]!, start: cur.start + at, end: cur.end, block: cur.block };
    }
    for (let guard = 0; guard < 4 && i + 1 < out.length; guard++) {
      const next = out[i + 1]!;
      const t = cur.text.trim();
      let sep: string | null = null;
      if (/^(?:(?:Nghị quyết|Quyết định|Thông tư|Nghị định|Chỉ thị|Kết luận)\s+số|S[ốôóồổỗộơớo0])\s*[:;]?$/u.test(t) && /^[\d/]/u.test(next.text)) sep = ' ';
      else if (NUMBER_LINE.test(t) && /[\p{Lu}\d]\s*[-/]$/u.test(t) && /^[\p{Lu}\d]/u.test(next.text) && !DATE_START.test(next.text)) sep = '';
      // (a scan's mark for a handwritten day may come before it: "Hà Nội, ngày-|" + "“tháng 11 năm 2024")
      else if (DATE_START.test(t) && !DATE_LINE.test(t) && /^[“”"'|~-]{0,3}\s*(?:\d|tháng|năm|[/.-])/u.test(next.text.trim())) sep = ' ';
      // a place whose date went to the next line: "Quảng Bình," + "ngày 25 tháng 5 năm 2015"
      else if (/^[\p{Lu}][\p{L} .'-]{1,40},$/u.test(t) && !isUpper(t) && placeWords(t) <= 5 && /^ngày(?![\p{L}])/u.test(next.text.trim())) sep = ' ';
      else if (t.length <= 25 && PLACE_PIECE.test(t) && !isUpper(t) && /^[\p{Lu}][\p{L} .'-]{0,30},\s*ngày(?![\p{L}])/u.test(next.text) && placeWords(`${t} ${next.text.split(',')[0]}`) <= 4) sep = /-$/.test(t) ? '' : ' ';
      else if (isUpper(t) && isUpper(next.text) && cutPhrase(t, next.text)) sep = ' ';
      if (sep === null) break;
      cur = join(cur, next, sep);
      i++;
    }
    merged.push(cur);
  }
  out = merged;
  return out.map(repairOcr);
}

const placeWords = (s: string) => s.trim().split(/\s+/).length;

/**
 * A header line whose words a copy broke into letters and pieces ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH", "T hành
 * phố Hồ Chí M inh"): pieces are joined into syllables, a group of up to four opening with a piece that is no syllable, so that
 * the fewest pieces are left that are none. Only a line with two such pieces or more is read again.
 */
function spacedLetters(t: string): string {
  const words = t.split(' ');
  const broken = (w: string) => /^\p{L}{1,2}$/u.test(w) && !isVietnameseSyllable(w);
  if (words.filter(broken).length < 2) return t;
  // the fewest groups, a piece left alone that is no syllable costing most (a short DP over the words)
  const n = words.length;
  const cost: number[] = [0, ...Array<number>(n).fill(Infinity)];
  const take: number[] = Array<number>(n + 1).fill(1);
  for (let i = 1; i <= n; i++) {
    for (let k = 1; k <= 4 && k <= i; k++) {
      const group = words.slice(i - k, i);
      let c: number;
      if (k === 1) c = broken(group[0]!) ? 10 : 1;
      else if (group.every((w, j) => (j === k - 1 ? /^\p{L}{1,4}[,.;:]?$/u : /^\p{L}{1,4}$/u).test(w)) && broken(group[0]!) && isVietnameseSyllable(group.join('').replace(/[,.;:]$/u, ''))) c = 1;
      else continue;
      if (cost[i - k]! + c < cost[i]!) {
        cost[i] = cost[i - k]! + c;
        take[i] = k;
      }
    }
  }
  const out: string[] = [];
  for (let i = n; i > 0; i -= take[i]!) out.unshift(words.slice(i - take[i]!, i).join(''));
  return out.join(' ');
}

/**
 * Scan errors in header lines whose form is known: "Sô:" is "Số:", "tháng I1" is 11,
 * "BÔ Y TẾ" is "BỘ Y TẾ", "ỦY BAN NHÂN DẪN" is "ỦY BAN NHÂN DÂN". Only the line's text
 * changes; its span still points at what was printed.
 */
function repairOcr(l: Line): Line {
  let t = spacedLetters(l.text);
  t = t.replace(/^S[ôóồổỗộơớo0]\s*([:;])/u, 'Số:');
  if (DATE_START.test(t)) {
    t = t.replace(/(ngày|tháng|năm)(\s*)([\dIl|Oo]{1,4})(?=\s|tháng|năm|[^\p{L}\d]|$)/gu, (m, w: string, sp: string, v: string) =>
      /\d/.test(v) && /[Il|Oo]/.test(v) ? `${w}${sp}${v.replace(/[Il|]/g, '1').replace(/[Oo]/g, '0')}` : m,
    );
  }
  if (isUpper(t)) {
    // a scan's specks and the rule under a name read as marks at its ends: "..UBND TỈNH", "LÂM ĐỒNG__"
    t = t.replace(/^[.,·'`]+\s*(?=\p{Lu})/u, '').replace(/(?<=\p{Lu})\s*[_~|]+$/u, '');
    const words = t.split(/\s+/);
    const f = fold(t);
    // (the scan may run "NHÂN DÂN" together: "ỦY BAN NHÂNDÂN")
    if (/^u?y ?ban nhan dan\b/.test(f)) t = t.replace(/^\S*\s*BAN\s+\S+\s+\S+/u, 'ỦY BAN NHÂN DÂN');
    else if (/^u?y ?ban nhandan(?![a-z])/.test(f)) t = t.replace(/^\S*\s*BAN\s+\S+/u, 'ỦY BAN NHÂN DÂN');
    else if (/^hoi dong nhan dan\b/.test(f)) t = t.replace(/^\S+\s+\S+\s+\S+\s+\S+/u, 'HỘI ĐỒNG NHÂN DÂN');
    else {
      // the words a header's names are made of: "BÔ Y TẾ" is "BỘ Y TẾ", "SƠ NỘI VỤ" is "SỞ NỘI VỤ", "CÔNG AN TINH" is "CÔNG AN TỈNH"
      const fixed = words.map((w, i) => {
        const fw = fold(w);
        if (i === 0 && words.length > 1 && fw === 'bo') return 'BỘ';
        if (i === 0 && words.length > 1 && fw === 'so') return 'SỞ';
        if (i === 0 && words.length > 1 && fw === 'cuc') return 'CỤC';
        if (fw === 'tinh' && (i === 0 ? words.length > 1 : ['an', 'dan', 'ubnd'].includes(fold(words[i - 1]!)))) return 'TỈNH';
        return w;
      });
      t = knownName(fixed);
    }
  }
  return t === l.text ? l : { ...l, text: t };
}

/** The names of the bodies the symbols' codes stand for, by their words without tones ("so noi vu"). */
let knownNames: Array<{ key: string[]; words: string[] }> | null = null;

/**
 * An issuer line in capitals whose first words are a body's name without their tones ("SỞ NỌI VỤ",
 * "SƠ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" as a scan reads them): that name as it is written. The names are
 * the ministries' and the provincial departments' (words/issuers.ts).
 */
function knownName(words: string[]): string {
  knownNames ??= [...new Set([...Object.values(NATIONAL_CODES), ...Object.values(PROVINCIAL_CODES)])]
    .map((n) => ({ key: n.split(/\s+/u).map((w) => fold(w).replace(/[^a-z]/g, '')), words: n.toUpperCase().split(/\s+/u) }))
    .sort((a, b) => b.key.length - a.key.length);
  const key = words.map((w) => fold(w).replace(/[^a-z]/g, ''));
  for (const n of knownNames) {
    if (n.key.length < 2 || n.key.length > key.length || !n.key.every((k, i) => k === key[i])) continue;
    // (the name's last word keeps what the line had after it: "VỤ," stays "VỤ,")
    const last = words[n.key.length - 1]!.replace(/^[\p{L}]+/u, '');
    return [...n.words.slice(0, -1), n.words[n.words.length - 1]!.replace(/[^\p{L}]+$/u, '') + last, ...words.slice(n.key.length)].join(' ');
  }
  return words.join(' ');
}

export interface HeaderFields {
  type: Finding<string> | null;
  number: Finding<string | null> | null;
  symbol: Finding<string> | null;
  issuer: Finding<string> | null;
  parentBody: Finding<string> | null;
  place: Finding<string> | null;
  date: Finding<string> | null;
  subject: Finding<string> | null;
  recipients: Finding<string>[];
  urgency: Finding<string> | null;
  secrecy: Finding<string> | null;
  /** What the header rules read with doubt or set aside (a scan's unread number, a symbol read as its form makes it). */
  diagnostics?: Diagnostic[];
  /** Who signed, as a news copy's first sentence names them (the copy has no signature of its own). */
  newsSigner?: Finding<Signer> | null;
}

/** Where the body starts: the first "Kính gửi", "Căn cứ" or long paragraph after the header. */
function headerEnd(lines: Line[]): number {
  let sawHeader = false;
  // a portal's notices above the document ("Để sử dụng toàn bộ tiện ích ..., vui lòng đăng ký.") are not its body
  const top = lines.slice(0, 40).findIndex((l) => QUOC_HIEU.test(l.text) || NUMBER_LINE.test(l.text));
  for (let i = Math.max(0, top); i < lines.length; i++) {
    const t = lines[i]!.text;
    if (RECIPIENT_LEAD.test(t)) return i;
    if (/^(Căn cứ|Thực hiện|Theo|Sau khi|Để|Ngày|Qua|Trong|Nhằm)(?![\p{L}])/u.test(t) && (t.length > 150 || /[.;:,]$/.test(t))) return i;
    // text copied without its line ends: "Căn cứ Luật Tổ chức chính" (+ "quyền địa phương ...")
    if (sawHeader && BODY_OPENER.test(t) && i + 1 < lines.length && /^[\p{Ll}\d]/u.test(lines[i + 1]!.text)) return i;
    if (NUMBER_LINE.test(t) || DATE_LINE.test(t)) sawHeader = true;
  }
  return Math.min(lines.length, 25);
}

/** The title line: the type word alone ("KẾ HOẠCH", "K ÉT LUẬN" from a scan), or opening a line with the title after it. */
function titleAt(l: Line): { type: { word: string; abbr: string }; rest: string; restStart: number } | null {
  const t = l.text.trim();
  if (/:$/.test(t)) return null;
  // older acts as portals copy them: "QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ", with their trích yếu on
  // the same line or the next ("... THÀNH PHỐ V/v phê duyệt ...")
  const vv = /^(\p{Lu}[\p{Lu}\s]*?)\s+(?=(?:V\/v|V\/V|v\/v|Về việc|VỀ VIỆC)(?![\p{L}]))/u.exec(t);
  const head = vv ? vv[1]! : t;
  if (!isUpper(head)) return null;
  const of = /^(\p{Lu}[\p{Lu}\s]*?)\s+CỦA\s+\p{Lu}[\p{Lu}\s]{3,}$/u.exec(head);
  const word = of ? of[1]! : head;
  const whole = TYPE_BY_FOLD.get(fold(word)) ?? (word.length <= 25 ? TYPE_BY_FOLD_NS.get(fold(word).replace(/\s+/g, '')) : undefined);
  if (whole && vv) return { type: whole, rest: t.slice(vv[0].length), restStart: l.start + l.text.indexOf(t) + vv[0].length };
  if (whole) return { type: whole, rest: '', restStart: l.end };
  return null;
}

/**
 * A portal's title line in sentence case above a copy that lost its own header: the kind of document, then
 * "về việc" or "V/v" and the trích yếu ("Thông báo về việc treo cờ ...", "Thông báo “V/v phòng chống bão số 10”").
 */
function portalTitle(l: Line | undefined): { abbr: string; subject: string; at: number } | null {
  // (a title, not a sentence: no full stop at its end)
  const m = l && l.text.length <= 250 && !/[.;:]$/u.test(l.text.trim()) ? /^(\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2}?)\s+[“"]?(?:về việc|V\/v:?)\s+/u.exec(l.text) : null;
  // (a công văn has no title word of its own: "Công văn", "Văn bản" name it here)
  const type = m ? TYPE_BY_FOLD.get(fold(m[1]!)) ?? (/^(?:Công văn|Văn bản)$/u.test(m[1]!) ? { abbr: 'CV' } : undefined) : undefined;
  if (!m || !type) return null;
  const subject = l!.text.slice(m[0].length).replace(/[”"]\s*$/u, '').trim();
  return subject ? { abbr: type.abbr, subject, at: m[0].length } : null;
}

/** A web page's headline that opens with the kind's word and no "về việc": "Thông báo lịch nghỉ Lễ giỗ tổ Hùng Vương ...", "Kế hoạch tổ chức ...". */
function headline(l: Line | undefined): { abbr: string; subject: string; at: number } | null {
  const m = l && l.text.length <= 200 && !/[.;:]$/u.test(l.text.trim()) ? /^(Thông báo|Kế hoạch|Chỉ thị|Công điện)\s+(?=(?!(?:của|số|ngày)\s)\p{Ll}+\s+\S+\s+\S)/u.exec(l.text.trim()) : null;
  const type = m ? TYPE_BY_FOLD.get(fold(m[1]!)) : undefined;
  return m && type ? { abbr: type.abbr, subject: l!.text.trim().slice(m[0].length), at: l!.text.indexOf(m[1]!) + m[0].length } : null;
}

/** A lead-in that announces, in a copy with no title: "Ủy ban nhân dân phường Cự Khối thông báo:", "Hiệu trưởng thông báo những nội dung cụ thể như sau:". */
const ANNOUNCES = /(?:^|[,;]\s*)\p{Lu}[^.:;,]{0,80}?\sthông báo(?:\s+[^.:;]{0,150}?)?\s*:\s*$/u;

/** A first line that is only the number and symbol ("3472/BVHTTDL-DSVH", a ministry portal's). */
const BARE_NUMBER = new RegExp(String.raw`^(\d{1,5})\s*\/\s*((?:\d{4}\/)?${CAPS_SYMBOL}+)$`, 'u');
const NUMBERED_TITLE = new RegExp(String.raw`^(\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2}?)(?:\s+(?:khẩn|Khẩn|KHẨN|hỏa tốc|Hỏa tốc|thượng khẩn|Thượng khẩn))?(?:\s+(?:số\s*:?\s*)?(\d{1,5})\s*\/\s*([\p{Lu}\d][\p{L}\d&.-]*(?:\/[\p{L}\d&.-]+)*))?(?:\s*,?\s+ngày\s+${DMY})?(?:\s+của\s+(\p{Lu}[^,;:]{2,80}?))?(?:\s*,?\s*(?:V\/v:?|về việc)\s+(.+?)|(?<=của\s[^:]{2,80})\s+do\s+[^:]{3,300}?\s(?:ký|ký ban hành)\s[^:]{0,300}?)?\s*:?$`, 'u');
/**
 * A portal's line that names the document: "Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v ...", "Công văn 1347/CV-UBND ngày
 * 31/5/2019 của UBND Thành phố về việc ...:" (no "số"), "Công văn số 559/VP-XD ngày 24-2-2011 của Văn phòng UBND TP Hà Nội do Phó
 * văn phòng X ký truyền đạt ...:" (who signed it and what it does after the issuer), with its issuer ("... ngày
 * 08/5/2019 của UBND thị xã Điện Bàn V/v ..."), "Quyết định số 4266/QĐ-UBND
 * của UBND tỉnh về việc ..." (no date), "Thông báo Khẩn ngày 18/10/2020" (no number): its type word, and its number or its
 * date at least.
 */
function numberedTitle(l: Line | undefined): { type: string; number: string | null; symbol: string | null; date: string | null; issuer: string | null; subject: string | null } | null {
  const m = l && NUMBERED_TITLE.exec(l.text.trim());
  // (a công văn has no title word of its own: "Công văn", "Văn bản" name it here)
  const type = m && (TYPE_BY_FOLD.get(fold(m[1]!))?.abbr ?? (/^(?:Công văn|Văn bản)$/u.test(m[1]!) ? 'CV' : null));
  if (!m || !type || !(m[2] || m[4])) return null;
  const date = m[4] ? iso(+m[6]!, +m[5]!, +m[4]!) : null;
  if (m[4] && !date) return null;
  return { type, number: m[2] ?? null, symbol: m[3] ?? null, date, issuer: m[7]?.trim() ?? null, subject: m[8]?.trim() ?? null };
}

/** The title word wrapped over two lines, as a portal's narrow column leaves it ("QUYẾT" / "ĐỊNH"): the second line's index. */
function wrappedTitle(head: Line[]): number {
  const i = head.findIndex((l, k) => k + 1 < head.length && /^\p{Lu}+$/u.test(l.text.trim()) && /^\p{Lu}+$/u.test(head[k + 1]!.text.trim())
    && titleAt({ ...l, text: `${l.text.trim()} ${head[k + 1]!.text.trim()}` }) !== null);
  return i < 0 ? -1 : i + 1;
}

/**
 * The lines the header is read from: every non-table line, and the lines of a table that lays out
 * the header itself (a scan's OCR, a Word file: issuer and number in one column, Quốc hiệu and date
 * in the other) when it comes before the body and holds the Quốc hiệu, the number line or "Kính gửi".
 */
function sourceLines(model: TextModel): Line[] {
  const out: Line[] = [];
  let body = false;
  for (const [i, b] of model.blocks.entries()) {
    if (b.kind !== 'table') {
      for (const l of blockLines(b)) out.push({ ...l, block: b });
      if (RECIPIENT_LEAD.test(b.text) || b.text.length > 300) body = true;
      continue;
    }
    if (body || i > 12) continue;
    const lines = blockLines(b);
    const cells = lines.flatMap((l) => l.text.split(/[\t|]/u));
    // (or the recipients laid out as a table, "Kính gửi: | - Bộ Tài chính; - Bộ Xây dựng", in the header's place)
    if (cells.some((c) => QUOC_HIEU.test(c) || /^\s*S[ốôóo]\s*:/u.test(c) || RECIPIENT_LEAD.test(c.trim()))) {
      for (const l of lines) out.push({ ...l, block: b });
      if (cells.some((c) => RECIPIENT_LEAD.test(c.trim()))) body = true;
    }
  }
  return out;
}

export function extractHeader(model: TextModel): HeaderFields {
  const raw: Line[] = sourceLines(model);
  const lines = [...headerLines(raw.slice(0, HEADER_SCAN)), ...raw.slice(HEADER_SCAN)];
  const end = headerEnd(lines);
  const head = lines.slice(0, end);
  const diagnostics: Diagnostic[] = [];
  const f: HeaderFields = {
    type: null, number: null, symbol: null, issuer: null, parentBody: null, place: null, date: null,
    subject: null, recipients: [], urgency: null, secrecy: null, diagnostics,
  };
  // where the document's own header begins: its Quốc hiệu, else its number line (a portal's lines come before)
  const anchor = Math.max(0, head.findIndex((l) => QUOC_HIEU.test(l.text) || NUMBER_LINE.test(l.text)));

  // Số / ký hiệu
  for (const l of head) {
    const m = NUMBER_LINE.exec(l.text);
    if (!m) continue;
    // a number a scan could not read ("Số: 23§Z /C04-P6", handwritten) is left unread; its printed symbol stands
    const number = m[2] ? null : m[1] || null;
    const symbol = ownSymbol(m[4]!.replace(/\s+/g, '').replace(/–/g, '-'));
    const numStart = Math.min(l.end, l.start + m[0].indexOf(m[1] ?? '', 2));
    f.number = finding(model, number, number ? numStart : l.start, number ? Math.min(l.end, numStart + number.length) : l.start, 'header.number');
    const symStart = Math.min(l.end, l.start + m[0].lastIndexOf(m[4]!));
    f.symbol = finding(model, symbol, symStart, Math.min(l.end, symStart + m[4]!.length), 'header.symbol');
    if (number === null && m[2]) diagnostics.push({ severity: 'info', stage: 'extract', ruleId: 'header.number', span: { start: l.start, end: l.end }, message: `the number after "Số:" could not be read ("${m[1] ?? ''}${m[2]}", handwritten?): left out` });
    break;
  }
  const scan = model.format === 'scan';
  if (scan && !f.symbol) {
    // a scan's number line the handwritten number garbled beyond NUMBER_LINE's reach: the printed symbol still stands
    for (const l of head.slice(0, 25)) {
      const m = SCANNED_NUMBER_LINE.exec(l.text);
      if (!m) continue;
      const symbol = ownSymbol(m[2]!.replace(/\s+/g, ''));
      const at = Math.min(l.end, l.start + m[0].lastIndexOf(m[2]!));
      f.symbol = finding(model, symbol, at, Math.min(l.end, at + m[2]!.length), 'header.scannedSymbol');
      // digits and nothing else before the symbol are the number, its slash lost to the symbol's first
      // letter ("Số: 4409 ĐCA-C04": "/B" read as "Đ"), as NUMBER_LINE takes digits before a slash
      if (m[1] && /^\d{1,5}$/.test(m[1])) {
        const n = Math.min(l.end, l.start + m[0].indexOf(m[1], 2));
        f.number = finding(model, m[1], n, Math.min(l.end, n + m[1].length), 'header.scannedNumber');
        break;
      }
      f.number = finding(model, null, l.start, l.start, 'header.number');
      diagnostics.push({ severity: 'info', stage: 'extract', ruleId: 'header.scannedSymbol', span: { start: l.start, end: l.end }, message: `the number after "Số:" could not be read${m[1] ? ` ("${m[1]}", handwritten?)` : ''}: left out; the printed symbol ${symbol} read after it` });
      break;
    }
  }
  if (scan && f.symbol?.value) {
    const at = head.findIndex((l) => l.start >= f.symbol!.start || l.end >= f.symbol!.start);
    const above = head.slice(0, Math.max(0, at)).filter((l) => isUpper(l.text) && !QUOC_HIEU.test(l.text) && !STAMP_LINE.test(l.text)).map((l) => l.text);
    const fixed = repairScannedSymbol(f.symbol.value, above);
    if (fixed !== f.symbol.value) {
      diagnostics.push({ severity: 'info', stage: 'extract', ruleId: 'header.symbolRepair', span: { start: f.symbol.start, end: f.symbol.end }, message: `symbol read "${f.symbol.value}" by OCR, taken as ${fixed} (its form: type, then the issuer's initials as the header names it)` });
      f.symbol = finding(model, fixed, f.symbol.start, f.symbol.end, 'header.symbolRepair');
    }
  }
  // no document is numbered 0: a scan's mark where the handwritten number was ("Số: 0 /BCĐX-CAT(PC04)")
  if (f.number?.value && /^0+$/.test(f.number.value)) {
    diagnostics.push({ severity: 'info', stage: 'extract', ruleId: 'header.number', span: { start: f.number.start, end: f.number.end }, message: `number read as "${f.number.value}": no document is numbered 0; left out` });
    f.number = finding(model, null, f.number.start, f.number.start, 'header.number');
  }
  // A title in the form of the Official Gazette, with no header above it (copies of older texts):
  // "CHỈ THỊ" / "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG" / "NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC ..."
  let gazette: { issuer: string; date: string | null; subject: string | null; start: number; end: number } | null = null;
  if (!f.symbol) {
    const t0 = head.findIndex((l) => titleAt(l) !== null || (isUpper(l.text) && DOC_TYPES.some((d) => l.text.startsWith(`${d.word} CỦA `))));
    if (t0 >= 0) {
      const run = head.slice(t0, t0 + 8).filter((l, k, a) => k === 0 || isUpper(a[k - 1]!.text));
      const text = run.map((l) => l.text.trim()).join(' ').replace(/\s+/g, ' ');
      const m = GAZETTE_TITLE.exec(text);
      if (m) {
        const a = run[0]!.start;
        const e = run[run.length - 1]!.end;
        const symbol = m[3]!.replace(/\s+/g, '').replace(/(?<=[-/])TTG(?=$|[-/])/u, 'TTg');
        f.number = finding(model, m[2]!, a, e, 'header.gazetteNumber');
        f.symbol = finding(model, symbol, a, e, 'header.gazetteNumber');
        const date = m[5] ? iso(+m[6]!, +m[5], +m[4]!) : iso(+m[8]!, +m[7]!, +m[4]!);
        // "CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH": the body the head issues for (the Prime Minister issues as such)
        const by = m[1]!.trim();
        const body = HEAD_OF.test(by) && opensBody(by.replace(HEAD_OF, '')) ? by.replace(HEAD_OF, '') : by;
        gazette = { issuer: readIssuer([{ ...run[0]!, text: body }])!.name, date, subject: m[9]?.trim() || null, start: a, end: e };
      }
    }
  }
  // A number the scan could not read, printed again where an appendix names the document it goes
  // with: "(Kèm theo Công văn số: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)" (same symbol)
  let ownAttachedDate: Finding<string> | null = null;
  const unread = f.number;
  if (f.symbol?.value && !f.number?.value) {
    const want = fold(f.symbol.value).replace(/\s+/g, '');
    for (const l of raw) {
      const m = ATTACHED_TO.exec(l.text);
      if (!m || fold(m[3]!).replace(/\s+/g, '') !== want) continue;
      const s = l.start + m.index;
      f.number = finding(model, m[2]!, s, s + m[0].length, 'header.numberInAppendix');
      const d = m[4] && m[5] && m[6] ? iso(+m[6], +m[5], +m[4]) : null;
      if (d) ownAttachedDate = finding(model, d, s, s + m[0].length, 'header.dateInAppendix');
      break;
    }
  }
  // A plan or decision printed without its header: "Kèm theo Kế hoạch số: 116/KH-UBND ngày 28/7/2021"
  let attachedDate: Finding<string> | null = null;
  if (!f.symbol) {
    for (const l of raw) {
      const m = ATTACHED_TO.exec(l.text);
      if (!m) continue;
      const s = l.start + m.index;
      f.number = finding(model, m[2]!, s, s + m[0].length, 'header.attachedNumber');
      f.symbol = finding(model, m[3]!.replace(/\s+/g, ''), s, s + m[0].length, 'header.attachedNumber');
      if (m[4]) attachedDate = finding(model, iso(+m[6]!, +m[5]!, +m[4]!) ?? m[6]!, s, s + m[0].length, 'header.attachedDate');
      break;
    }
  }

  // A copy that lost the document's own header: the portal's record of it ("Số hiệu: 93/2001/NĐ-CP",
  // "Ngày ban hành: 12/12/2001", "Cơ quan ban hành: Chính phủ") is the only statement of it left
  // (the text parser sets those lines aside as the site's own: they are read from there, and from the text)
  const record = f.symbol ? null : portalRecord([...(model.furniture ?? []).filter((x) => x.kind === 'webCapture').map((x) => ({ text: x.text, start: 0, end: 0 })), ...raw.slice(0, 40)]);
  if (record) {
    f.number = finding(model, record.number, record.start, record.end, 'header.portalRecord');
    f.symbol = finding(model, record.symbol, record.start, record.end, 'header.portalRecord');
  }
  // ... or a portal's first line that names it: "Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v xin ý kiến ..."
  // (or its second line, under a title line: "Thông báo treo cờ ..." / "Thông báo số 217/TB-UBND ngày 08/5/2019 của UBND thị xã
  // Điện Bàn V/v ...")
  // (a byline between them, "Tác giả: UBND thị xã Điện Bàn .Ngày đăng: 10/05/2019 .Lượt xem: 1844 lượt.": its third)
  const readTitles = f.symbol ? [] : head.slice(0, 3).map((l) => numberedTitle(l));
  const titledAt = readTitles.findIndex(Boolean);
  const titled = titledAt >= 0 ? readTitles[titledAt]! : null;
  const titleLine = titledAt >= 0 ? head[titledAt]! : head[0];
  if (titled?.number && titled.symbol) {
    f.number = finding(model, titled.number, titleLine!.start, titleLine!.end, 'header.numberedTitle');
    f.symbol = finding(model, titled.symbol, titleLine!.start, titleLine!.end, 'header.numberedTitle');
  }
  // ... or the line a portal closes its extract with: "(Theo Công văn số 1962/UBND-KT, ngày 25/4/2024)"
  // (or a news page's headline that names its source in brackets: "UBND tỉnh chỉ đạo thực hiện kiến nghị ... (Công văn số
  // 1373/UBND-KT, ngày 28/10/2020).")
  const quoted = f.symbol ? null : raw.slice(-8).map((l) => ({ l, m: QUOTED_FROM.exec(l.text.trim()) })).find((x) => x.m)
    ?? raw.slice(0, 8).map((l) => ({ l, m: HEADLINE_SOURCE.exec(l.text.trim()) })).find((x) => x.m);
  if (quoted) {
    f.number = finding(model, quoted.m![1]!, quoted.l.start, quoted.l.end, 'header.quotedFrom');
    f.symbol = finding(model, quoted.m![2]!, quoted.l.start, quoted.l.end, 'header.quotedFrom');
  }
  // ... or a first line that is nothing but its number and symbol ("3472/BVHTTDL-DSVH", a ministry portal's)
  const bare = f.symbol || !head[0] ? null : BARE_NUMBER.exec(head[0].text.trim());
  if (bare) {
    f.number = finding(model, bare[1]!, head[0]!.start, head[0]!.end, 'header.bareNumber');
    f.symbol = finding(model, bare[2]!, head[0]!.start, head[0]!.end, 'header.bareNumber');
  }

  // Place and date: the first date line of the document's own header
  const dateZone = lines.slice(0, Math.max(end + 2, 12));
  const dateIdx = [...dateZone.keys()].sort((a, b) => Number(a < anchor) - Number(b < anchor) || a - b).find((i) => DATE_LINE.test(dateZone[i]!.text));
  if (dateIdx !== undefined) {
    const l = dateZone[dateIdx]!;
    const m = DATE_LINE.exec(ocrDigits(l.text))!;
    // a province's name as the gazetteer spells it (a scan's "Lâm Đông", "Hà Nói")
    const place = canonicalProvince(m[1]!.trim()) ?? m[1]!.trim();
    f.place = finding(model, place, l.start + m.index, Math.min(l.end, l.start + m.index + m[1]!.length), 'header.place');
    const y = Number(m[4] ?? m[6] ?? NaN);
    const month = m[3] ?? m[5];
    const day = m[2];
    const value = month ? (day ? iso(y, +month, +day) : iso(y, +month)) : iso(y);
    if (value) f.date = finding(model, value, l.start, l.end, 'header.date');
  }
  // no date line, the date on the number's line: "Số: 940/BVHTTDL-TV, ngày 26 tháng 03 năm 2013"
  if (!f.date && f.symbol) {
    const l = head.find((x) => x.start <= f.symbol!.start && f.symbol!.end <= x.end);
    const m = l ? NUMBER_LINE_DATE.exec(l.text.slice(f.symbol.end - l.start)) : null;
    const value = m ? iso(+(m[3] ?? m[6])!, +(m[2] ?? m[5])!, +(m[1] ?? m[4])!) : null;
    if (l && value) f.date = finding(model, value, l.start, l.end, 'header.numberLineDate');
  }
  if (!f.date && gazette?.date) f.date = finding(model, gazette.date, gazette.start, gazette.end, 'header.gazetteDate');
  if (!f.date && attachedDate) f.date = attachedDate;
  if (!f.date && record?.date) f.date = finding(model, record.date.value, record.date.start, record.date.end, 'header.portalRecord');
  // a day the scan could not read, where the appendix prints the full date of the same document
  if (ownAttachedDate && (!f.date || f.date.value.length < 10) && (!f.date || ownAttachedDate.value.startsWith(f.date.value))) f.date = ownAttachedDate;
  // ... but an appendix dated otherwise than the date line goes with another document of the same symbol
  if (ownAttachedDate && f.date && f.date.value.length === 10 && ownAttachedDate.value !== f.date.value) f.number = unread;

  // Type: a title line with a type word, else the ký hiệu, else công văn.
  let titleIdx = head.findIndex((l) => titleAt(l) !== null);
  let titleType: string | null = null;
  if (titleIdx < 0) {
    const w = wrappedTitle(head);
    if (w >= 0) {
      titleIdx = w;
      titleType = titleAt({ ...head[w - 1]!, text: `${head[w - 1]!.text.trim()} ${head[w]!.text.trim()}` })!.type.abbr;
    }
  }
  if (titleIdx < 0 && f.symbol) {
    // a kind outside the list, named in the title and abbreviated by its initials in the symbol:
    // "BÁO CÁO ĐỀ XUẤT" over "Số: 03/BCĐX-CAT(PC04)" is a BCĐX
    const first = f.symbol.value.split(/[-/]/).find((p) => !/^\d+$/.test(p)) ?? '';
    const initials = (t: string) => fold(t).split(/\s+/).map((w) => w[0] ?? '').join('');
    titleIdx = head.findIndex((l) => {
      const t = l.text.trim();
      return isUpper(t) && t.length <= 40 && !/:$/.test(t) && first.length >= 3 && initials(t) === fold(first) && DOC_TYPES.some((d) => fold(t).startsWith(`${fold(d.word)} `));
    });
    if (titleIdx >= 0) titleType = first;
  }
  // ("Về: tham gia ý kiến ...": the lead-in with its colon, as "V/v:" is written)
  // (or "Về <trích yếu>" right under the number line, in the header's left column: "Số: 21/TTVH" / "Về thực hiện chế độ
  // thông tin," / "báo cáo định kỳ.")
  const vvIdx = head.findIndex((l, i) => (/^(?:V\/v|V\/V|v\/v|Về việc|Về\s*:)(?![\p{L}])/u.test(l.text) || (/^Về\s+\p{Ll}/u.test(l.text) && i > 0 && NUMBER_LINE.test(head[i - 1]!.text) && l.text.length < 120)) && !/^Về\s+(?:kiểm|cải|việc\s*$)/u.test(l.text));
  // (a web page's own headline may come a line or two below its site's: "Thông báo mới" / "Thông báo về việc đăng ký ...";
  // or it has no "về việc": "Thông báo lịch nghỉ Lễ giỗ tổ Hùng Vương ...")
  const top = titleIdx < 0 ? head.slice(0, 5) : [];
  const ptLine = top.find((l) => portalTitle(l)) ?? top.find((l) => headline(l)) ?? head[0];
  const pt = titleIdx < 0 ? portalTitle(ptLine) ?? headline(ptLine) : null;
  const announces = titleIdx < 0 && !f.symbol && !pt ? lines.slice(0, 8).find((l) => ANNOUNCES.test(l.text)) : undefined;
  if (titleIdx >= 0) {
    const l = head[titleIdx]!;
    f.type = finding(model, titleType ?? titleAt(l)!.type.abbr, l.start, l.end, titleType ? 'header.typeInitials' : 'header.typeWord');
  } else if (f.symbol && vvIdx >= 0) {
    // a letter's trích yếu ("V/v ...") under its number: a công văn, whatever its symbol's first letters
    // ("1234/CT-CS" of a tax department's policy office is not a chỉ thị)
    f.type = finding(model, 'CV', f.symbol.start, f.symbol.end, 'header.vvType');
  } else if (f.symbol) {
    const sym = f.symbol.value;
    const party = /^\d*-?([\p{Lu}]+)\//u.exec(f.number?.value ? `${f.number.value}-${sym}` : sym);
    const first = sym.split(/[-/]/).find((p) => !/^\d+$/.test(p)) ?? '';
    const abbr = sym.includes('/') && !/^\d{4}\//.test(sym) && party ? party[1]! : first;
    f.type = finding(model, TYPE_ABBRS.has(abbr.toUpperCase()) ? canonicalAbbr(abbr) : 'CV', f.symbol.start, f.symbol.end, 'header.symbolType');
  } else if (titled) {
    // a portal's line that names it without a number: "Thông báo Khẩn ngày 18/10/2020"
    f.type = finding(model, titled.type, titleLine!.start, titleLine!.end, 'header.numberedTitle');
  } else if (pt) {
    // a copy that kept only the portal's title line: "Thông báo về việc treo cờ ...", "Thông báo “V/v ...”"
    f.type = finding(model, pt.abbr, ptLine!.start, ptLine!.end, 'header.portalTitle');
  } else if (announces) {
    // a web copy with no title of its own whose lead-in announces: "Ủy ban nhân dân phường Cự Khối thông báo:", "Hiệu trưởng
    // thông báo những nội dung cụ thể như sau:"
    f.type = finding(model, 'TB', announces.start, announces.end, 'header.announces');
  } else {
    f.type = finding(model, 'CV', 0, 0, 'header.default');
  }

  // Subject: "V/v ..." lines, or the title lines after the type word.
  if (titleIdx >= 0) {
    const parts: Line[] = [];
    // the trích yếu after the title on its line ("QUYẾT ĐỊNH CỦA ... V/v phê duyệt ...")
    const own = titleType ? null : titleAt(head[titleIdx]!);
    if (own?.rest) parts.push({ ...head[titleIdx]!, text: own.rest, start: own.restStart });
    for (let i = titleIdx + 1; i < head.length; i++) {
      const l = head[i]!;
      // a title may open like a body sentence ("KẾ HOẠCH" / "Thực hiện các giải pháp nâng cao ..."): the
      // first line after the type word is the title unless it reads as a sentence
      const opensBody = BODY_OPENER.test(l.text) && (parts.length > 0 || /[.;:]$/.test(l.text) || l.text.length > 150);
      if (QUOC_HIEU.test(l.text) || DATE_LINE.test(l.text) || NUMBER_LINE.test(l.text) || /^[-_*]{1,}$/.test(l.text) || opensBody || RECIPIENT_LEAD.test(l.text)) break;
      // a title in lower case ends at the upper-case line of the issuing authority ("GIÁM ĐỐC SỞ NỘI VỤ")
      if (parts.length && !isUpper(parts[0]!.text) && isUpper(l.text)) break;
      // an upper-case title ends where the text goes on in sentence case ("Theo kết quả công bố ...")
      if (parts.length && isUpper(parts[0]!.text) && !isUpper(l.text) && /^[\p{Lu}]/u.test(l.text) && !SUBJECT_LEAD.test(l.text)) break;
      // the sender of a công điện between its title and "Điện:" ("CÔNG ĐIỆN" / "THỦ TƯỚNG CHÍNH PHỦ" / "Điện:"): no subject
      if (!parts.length && isUpper(l.text) && AUTHORITY_LINE.test(l.text) && i + 1 < lines.length && RECIPIENT_LEAD.test(lines[i + 1]!.text)) break;
      // the authority that issues a decision, printed above its "Căn cứ": "ỦY BAN NHÂN DÂN TỈNH X"
      if (parts.length && isUpper(l.text) && AUTHORITY_LINE.test(l.text) && (i + 1 >= head.length || BODY_OPENER.test(lines[i + 1]!.text.replace(/^[-–+•]\s*/u, '')))) break;
      if (parts.length && (l.block !== parts[parts.length - 1]!.block) && !sameParagraphRun(parts[parts.length - 1]!, l)) break;
      // the issuer under the type word, then the trích yếu ("QUYẾT ĐỊNH" / "CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V PHÊ DUYỆT ..."):
      // the subject starts after the lead-in
      const of = parts.length ? null : OF_ISSUER_VV.exec(l.text);
      parts.push(of ? { ...l, text: l.text.slice(of[0].length), start: l.start + of[0].length } : l);
    }
    if (parts.length) f.subject = subjectFinding(model, parts, 'header.title');
  } else {
    const i = vvIdx;
    if (i >= 0) {
      const parts: Line[] = [head[i]!];
      for (let k = i + 1; k < head.length; k++) {
        const l = head[k]!;
        if (QUOC_HIEU.test(l.text) || DATE_LINE.test(l.text) || NUMBER_LINE.test(l.text) || RECIPIENT_LEAD.test(l.text) || isUpper(l.text)) break;
        // a trích yếu wrapped in its own paragraphs goes on in lower case, or on a short line while it has not ended
        // ("V/v triển khai thực hiện" / "Công văn số 427/BCA-C04" / "của Bộ Công an")
        const last = parts[parts.length - 1]!.text;
        const goesOn = /^[\p{Ll}(]/u.test(l.text) || /^ngày\s/u.test(l.text) || (l.text.length <= 60 && !/[.;:!?]$/u.test(last) && !BODY_OPENER.test(l.text) && (!l.block.column || l.block.column === head[i]!.block.column));
        if (l.block !== head[i]!.block && !goesOn) break;
        parts.push(l);
      }
      f.subject = subjectFinding(model, parts, 'header.vv');
    }
  }

  if (gazette?.subject) f.subject = finding(model, gazette.subject, gazette.start, gazette.end, 'header.gazetteSubject');
  if (!f.subject && titled?.subject) f.subject = finding(model, titled.subject, titleLine!.start, titleLine!.end, 'header.numberedTitle');
  if (!f.subject && quoted?.m![6]) f.subject = finding(model, quoted.m[6].trim(), quoted.l.start, quoted.l.end, 'header.quotedFrom');
  if (!f.subject && pt && f.type?.rule === 'header.portalTitle') f.subject = finding(model, pt.subject, ptLine!.start + pt.at, ptLine!.end, 'header.portalTitle');
  // a portal that prints the number and day in brackets after the trích yếu: "V/v báo cáo ... (3585/VP-KTN, ngày 23/10/2017)."
  const own = !f.symbol && f.subject ? OWN_NUMBER_AFTER_SUBJECT.exec(f.subject.value) : null;
  if (own && f.subject) {
    f.number = finding(model, own[1]!, f.subject.start, f.subject.end, 'header.numberAfterSubject');
    f.symbol = finding(model, own[2]!.replace(/\s+/g, ''), f.subject.start, f.subject.end, 'header.numberAfterSubject');
    const date = iso(+own[5]!, +own[4]!, +own[3]!);
    if (!f.date && date) f.date = finding(model, date, f.subject.start, f.subject.end, 'header.numberAfterSubject');
    f.subject = { ...f.subject, value: f.subject.value.slice(0, own.index).trim() };
  }
  // ("Công văn V/v báo cáo ...", a portal's title line under the number it printed first, of the type the header reads)
  if (!f.subject && f.type?.rule !== 'header.portalTitle') {
    const i = head.slice(0, 4).findIndex((l) => portalTitle(l)?.abbr === f.type?.value);
    const p = i >= 0 ? portalTitle(head[i])! : null;
    if (p) f.subject = finding(model, p.subject, head[i]!.start + p.at, head[i]!.end, 'header.portalTitle');
  }

  // Issuer: the upper-case lines of the header's left column, above "Số" (a portal's lines above them are not part of it).
  let issuerLines: Line[] = [];
  for (const [i, l] of head.entries()) {
    // (a portal's line that names the date above the whole header, "Thành phố Hồ Chí Minh, ngày 07 tháng 4 năm 2016tải
    // về 10.7 Kb.", is not the header's date line: the number line is still to come)
    if (!issuerLines.length && DATE_LINE.test(l.text) && head.slice(i + 1).some((x) => NUMBER_LINE.test(x.text))) continue;
    // (a number line a scan garbled still ends the issuer's lines: "Số: Ä Ý 1}BCA-C04")
    if (NUMBER_LINE.test(l.text) || SUBJECT_LEAD.test(l.text) || DATE_LINE.test(l.text) || /^S[ốôóồổo0]\s*[:;]/u.test(l.text)) break;
    // a certified copy's stamp ("SAO Y", "Bộ Công an", "Thời gian ký: ...") above the header
    if (QUOC_HIEU.test(l.text) || STAMP_LINE.test(l.text)) continue;
    if (titleIdx >= 0 && l === head[titleIdx]) break;
    if (isUpper(l.text) && /\p{L}{2}/u.test(l.text) && !/^[-_*=]+$/.test(l.text) && !/\d\s*\/|\/\s*\d/.test(l.text)) issuerLines.push(l);
    else if (!isUpper(l.text) && /\p{Ll}{2}/u.test(l.text)) issuerLines = [];
  }
  const issuer = readIssuer(issuerLines) ?? (gazette ? { name: gazette.issuer, own: gazette.issuer, start: gazette.start, end: gazette.end } : null) ?? authorityIssuer(lines.slice(0, end + 12)) ?? (record?.issuer ? { name: record.issuer.value, own: record.issuer.value, start: record.issuer.start, end: record.issuer.end } : null)
    ?? (titled?.issuer ? { name: titled.issuer.replace(/^UBND(?![\p{L}])/u, 'Ủy ban nhân dân').replace(/^HĐND(?![\p{L}])/u, 'Hội đồng nhân dân'), own: titled.issuer, start: titleLine!.start, end: titleLine!.end } : null)
    ?? headlineIssuer(quoted)
    ?? (f.symbol ? codeIssuer(f.symbol, model.text) : null);
  if (issuer) {
    // a copy that lost the unit line ("ỦY BAN NHÂN DÂN" alone): the authority line above "Căn cứ" names it in full
    if (/^(?:Ủy ban nhân dân|Hội đồng nhân dân)$/u.test(issuer.name)) {
      const full = head.find((l) => isUpper(l.text) && fold(l.text).startsWith(fold(issuer.name) + ' ') && UNIT.test(l.text.slice(issuer.name.length).trim()));
      if (full) issuer.name = readIssuer([full])!.name;
      // ... or, without one, the date line's place when it is a province: a provincial body's địa danh is its province
      // ("ỦY BAN NHÂN DÂN | ..." / "Số: 74/KH-UBND | Tuyên Quang, ngày ...": the unit line was a cell the copy lost)
      else if (f.place && canonicalProvince(f.place.value)) issuer.name = `${issuer.name} ${provinceUnit(canonicalProvince(f.place.value)!)}`;
    }
    f.issuer = finding(model, issuer.name, issuer.start, issuer.end, 'header.issuer');
    if (issuer.parent) f.parentBody = finding(model, issuer.parent, issuer.start, issuer.end, 'header.parentBody');
  }

  // A record of a meeting (biên bản) dates itself in its opening sentence: "Hôm nay, vào lúc 14 giờ ngày 09 tháng 12 năm 2025, ..."
  if (!f.date && f.type?.value === 'BB') {
    for (const l of lines.slice(titleIdx + 1, Math.max(end, titleIdx + 1) + 8)) {
      const m = /^(?:Hôm nay|Vào (?:hồi|lúc)|Hồi|Lúc)\b.*?ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))/u.exec(l.text);
      const v = m && iso(+(m[3] ?? m[5])!, +(m[2] ?? m[4])!, +m[1]!);
      if (v) {
        f.date = finding(model, v, l.start, l.end, 'header.meetingDate');
        break;
      }
    }
  }

  // A form signed off in a grid (phiếu trình) dates itself by its issuing office's leader:
  // "LÃNH ĐẠO VĂN PHÒNG ... Ngày … tháng 10 năm 2025" under a header "UBND TỈNH X / VĂN PHÒNG"
  if (!f.date && issuer) {
    const lead = `lanh dao ${fold(issuer.own)}`;
    for (const b of model.blocks) {
      if (b.kind !== 'table' || f.date) continue;
      for (const cell of (b.rows ?? []).flat()) {
        if (!fold(cell.text).startsWith(lead)) continue;
        const m = /Ngày[\s.…]*(\d{1,2})?[\s.…]*tháng[\s.…]*(\d{1,2})[\s.…]*năm[\s.…]*(\d{4})/u.exec(cell.text);
        const v = m && (m[1] ? iso(+m[3]!, +m[2]!, +m[1]) : iso(+m[3]!, +m[2]!));
        if (v) {
          f.date = finding(model, v, cell.start + m!.index, cell.start + m!.index + m![0].length, 'header.leaderSignoffDate');
          break;
        }
      }
    }
  }
  // a portal's one-line header without a place: "Số 924/SNV-CCHC" / "Ngày 07-9-2015" (a part of its own, next to "Số")
  if (!f.date && f.number) {
    for (const l of head.slice(0, 8)) {
      const m = SHORT_DATE_LINE.exec(l.text.trim());
      const v = m && iso(+m[3]!, +m[2]!, +m[1]!);
      if (v) {
        f.date = finding(model, v, l.start, l.end, 'header.shortDate');
        break;
      }
    }
  }
  if (!f.date && titled?.date) f.date = finding(model, titled.date, titleLine!.start, titleLine!.end, 'header.numberedTitle');
  if (!f.date && quoted) {
    const v = iso(+quoted.m![5]!, +quoted.m![4]!, +quoted.m![3]!);
    if (v) f.date = finding(model, v, quoted.l.start, quoted.l.end, 'header.quotedFrom');
  }
  // A layout PDF that lost its word spaces: "LâmĐồng,ngà y 16thá ng 9 năm 2025"
  if (!f.date) {
    for (const l of head) {
      const t = l.text.replace(/\s+/g, '');
      const m = /^([\p{L}.'-]{2,40}),ngày(\d{1,2})?tháng(\d{1,2})?năm(\d{4})/u.exec(t);
      if (!m) continue;
      const v = m[3] ? (m[2] ? iso(+m[4]!, +m[3], +m[2]) : iso(+m[4]!, +m[3])) : iso(+m[4]!);
      if (!v) continue;
      f.date = finding(model, v, l.start, l.end, 'header.dateUnspaced');
      if (!f.place) f.place = finding(model, canonicalProvince(m[1]!) ?? m[1]!, l.start, l.end, 'header.placeUnspaced');
      break;
    }
  }

  // Recipients: "Kính gửi: X" on one line, or the list after "Kính gửi:" (the document's own, in its header; never a footer's).
  const ki = lines.findIndex((l) => RECIPIENT_LEAD.test(l.text));
  if (ki >= 0 && ki <= end) {
    const l = lines[ki]!;
    const rest = l.text.replace(RECIPIENT_LEAD, '');
    const entries: { text: string; start: number }[] = [];
    if (rest.trim()) entries.push({ text: rest, start: l.end - rest.length });
    // an inline list that runs onto the next line ("Kính gửi: Uỷ ban nhân dân các tỉnh, thành phố An Giang, Cần Thơ," +
    // "Cà Mau, Cao Bằng, ..., Vĩnh Long."): the names after the comma are the same entry's
    for (let k = ki + 1; rest.trim() && /,\s*$/u.test(entries[0]!.text) && k < lines.length && k <= ki + 3; k++) {
      const n = lines[k]!;
      if (!/^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}\s*,\s*\p{Lu}/u.test(n.text) || BULLET.test(n.text)) break;
      const e = entries[0]!;
      e.text = model.text.slice(e.start, n.end).replace(/\s/gu, ' ');
    }
    // (a list whose first bullet stands on the "Kính gửi:" line: "Kính gửi:  - BCH Đảng uỷ - BGH nhà trường" then "- Các
    // Phòng, Khoa" on the next lines)
    const bulletFirst = BULLET.test(rest.trim());
    for (let k = ki + 1; k < lines.length && (!rest.trim() || bulletFirst); k++) {
      const n = lines[k]!;
      // the other column of a two-column header read between "Kính gửi:" and its list
      if (QUOC_HIEU.test(n.text) || DATE_LINE.test(n.text) || NUMBER_LINE.test(n.text)) continue;
      // a scan's OCR reads a list's dash as ':' '—' '~' or '_' once the list has begun
      const bullet = entries.length ? OCR_BULLET : BULLET;
      if (!bullet.test(n.text) && entries.length) {
        // (a name wrapped onto the next line: "- Các cơ quan chuyên trách tham mưu, giúp việc" then "Đảng ủy Ủy ban nhân dân
        // tỉnh,": a short line that ends the entry, after one that did not end)
        const prev = entries[entries.length - 1]!;
        const after = lines[k + 1];
        if (/[,;.:]\s*$/u.test(prev.text) || n.text.trim().length > 80 || !(/[,;.]\s*$/u.test(n.text) || (after && BULLET.test(after.text)))) break;
        prev.text = model.text.slice(prev.start, n.end).replace(/\s/gu, ' ');
        if (/\.\s*$/.test(n.text)) break;
        continue;
      }
      // (a long line is the body, unless it is one collective with its inline list: "Ủy ban nhân dân các tỉnh, thành phố: Hồ
      // Chí Minh, Hải Phòng, Thanh Hóa, ...")
      if (!bullet.test(n.text) && n.text.length > 120 && !INLINE_LIST_LINE.test(n.text)) break;
      entries.push({ text: n.text, start: n.start });
      if (/\.\s*$/.test(n.text)) break;
    }
    // "Kính gửi: (Danh sách kèm theo)", or a blank a scan reads as dots: the list attached at the end
    if (entries.every((e) => !hasName(e.text) || /danh sach/u.test(fold(e.text)))) {
      entries.length = 0;
      entries.push(...attachedList(lines, ki + 1));
    }
    // (two bullets a portal ran into one line are two entries: "- Các Bộ, cơ quan ngang Bộ; - Đại học Quốc gia Hà Nội, ...;")
    const lineEntries = entries.flatMap((e) => {
      const out: typeof entries = [];
      let a = 0;
      for (const m of e.text.matchAll(/;\s*(?=[-–•+]\s+\p{Lu})/gu)) {
        out.push({ ...e, text: e.text.slice(a, m.index! + 1), start: e.start + a });
        a = m.index! + m[0].length;
      }
      out.push({ ...e, text: e.text.slice(a), start: e.start + a });
      return out;
    });
    for (const e of lineEntries) {
      const clean = e.text.replace(e === lineEntries[0] ? BULLET : OCR_BULLET, '').replace(OCR_LIST_NUMBER, '');
      const off = e.start + (e.text.length - clean.length);
      // (without the address a letter to one firm adds: "Công ty X (Địa chỉ: Khu công nghiệp ..., tỉnh Lào Cai)")
      const body = clean.replace(/\s*\((?:Địa chỉ|Đ\/c|ĐC)\s*:[^()]*\)[\s;.,]*$/u, '').replace(/[\s;.,:_]+$/, '');
      // one line of a list is one recipient as written ("Văn phòng Đoàn ĐBQH và HĐND tỉnh",
      // "Các Bộ, cơ quan ngang Bộ; cơ quan thuộc Chính phủ"); one line after "Kính gửi:" may name several
      // (but a line of two full names, each with its own head, "Sở Quy hoạch - Kiến trúc Hà Nội, Sở Quy hoạch - Kiến trúc
      // Thành phố Hồ Chí Minh", names two)
      const split = splitBodies(body, { comma: true });
      const named = split.length > 1 && split.every((b) => startsWithBody(b.text, true) && /^\p{Lu}\p{Ll}*\s+(?:\p{Ll}+\s+){0,3}\p{Lu}/u.test(b.text) && !/^(?:Các|Những)\s/u.test(b.text));
      const bodies = lineEntries.length > 1 && body.length && !named ? [{ text: body, start: 0, end: body.length }] : split;
      for (const b0 of bodies) {
        // (a list a portal ran into one line keeps its bullets: "- Bộ Tài chính; - Bộ Kế hoạch và Đầu tư")
        const dash = /^[-–•+]\s*/u.exec(b0.text)?.[0].length ?? 0;
        const b = dash ? { text: b0.text.slice(dash), start: b0.start + dash, end: b0.end } : b0;
        // a list sent to many bodies may name one twice
        if (f.recipients.some((r) => fold(r.value) === fold(b.text))) continue;
        // (words a portal copy glued, "BộY tế", written as words)
        f.recipients.push(finding(model, (deglue(b.text)?.text ?? b.text).replace(/\s{2,}/gu, ' '), off + b.start, off + b.end, 'header.recipients'));
      }
    }
  }

  // a news copy of a document, with no header of its own: what its first sentence says of it
  if (!f.number && !f.date && !f.symbol) {
    const n = newsLead(model);
    if (n) {
      if (!f.type || f.type.value === 'CV') f.type = n.type;
      f.number = n.number;
      f.symbol = n.symbol;
      f.date = n.date;
      f.issuer ??= n.issuer;
      if (n.subject) f.subject ??= n.subject;
      f.newsSigner = n.signer;
    }
  }

  // (or, without its number, the day and the body its first sentence gives: "Ngày 30-8, UBND tỉnh Khánh Hòa có văn bản giao ...")
  if (!f.number && !f.date && !f.symbol) {
    const d = datedNewsLead(model);
    if (d) {
      f.date = d.date;
      f.issuer ??= d.issuer;
    }
  }

  // Urgency and secrecy marks
  for (const l of lines.slice(0, end + 5)) {
    const u = /^(HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN)(?:\s+HẸN GIỜ)?$/u.exec(l.text.trim());
    if (u && !f.urgency) f.urgency = finding(model, titleCase(u[0]), l.start, l.end, 'header.urgency');
    const s = /^(TUYỆT MẬT|TỐI MẬT|MẬT)$/u.exec(l.text.trim());
    if (s && !f.secrecy) f.secrecy = finding(model, titleCase(s[0]), l.start, l.end, 'header.secrecy');
  }
  return f;
}

/**
 * A day or month a scan read with look-alike marks ("tháng 1]", "tháng I1", "ngày O5"), read as the
 * digits they must be: only a slot of two marks with a digit among them (a letter alone is no digit),
 * and only when the number fits (a day up to 31, a month up to 12). Same length, so offsets hold.
 */
export function ocrDigits(line: string): string {
  return line.replace(/((?:ngày|tháng)\s*)([\dIl|\]!Oo]{1,2})(?=\s|tháng|năm)/gu, (all, lead: string, slot: string, at: number) => {
    if (/^\d+$/.test(slot) || !/\d/.test(slot)) return all;
    const digits = slot.replace(/[Il|\]!]/g, '1').replace(/[Oo]/g, '0');
    const n = Number(digits);
    const month = lead.startsWith('tháng');
    return n >= 1 && n <= (month ? 12 : 31) ? lead + digits : all;
  });
}

/**
 * A second document in the same file: after the first one's "Nơi nhận" list, a Quốc hiệu and a
 * number line of its own (a letter appended to the letter that forwards it). The record describes
 * the first document; this says where the other one starts and what its number is.
 */
export function secondDocument(model: TextModel, own: { number: string | null; symbol: string | null }): Finding<string> | null {
  const lines = allLines(model);
  const end = lines.findIndex((l) => startsNoiNhan(l.text));
  if (end < 0) return null;
  for (let i = end + 1; i < lines.length; i++) {
    if (!QUOC_HIEU.test(lines[i]!.text)) continue;
    for (let k = Math.max(end + 1, i - 6); k < Math.min(lines.length, i + 8); k++) {
      const m = NUMBER_LINE.exec(lines[k]!.text);
      if (!m) continue;
      const symbol = m[4]!.replace(/\s+/g, '');
      if (symbol === own.symbol && (m[1] || null) === own.number) continue;
      return finding(model, `${m[1] ?? ''}/${symbol}`, lines[k]!.start, lines[k]!.end, 'header.secondDocument');
    }
  }
  return null;
}

/** An entry that names something: a whole word, not the dots of a blank or the specks a scan reads there. */
function hasName(t: string): boolean {
  return /(?<!\p{L})(?:\p{Lu}?\p{Ll}{2,}|\p{Lu}{2,})(?!\p{L})/u.test(t);
}
const LIST_NUMBER = /^\d{1,3}[.)]\s+/;
/** An item number as a scan reads it: "ó6.", "1ó.", "19..", digits mistaken for letters like them. */
const OCR_LIST_NUMBER = /^(?=[\dóòoOlI]{0,3}\d)[\dóòoOlI]{1,3}\s*[.)]+\s*(?=\p{Lu})/u;

/**
 * The list of recipients a letter sent to many bodies attaches ("DANH SÁCH / Các đơn vị nhận
 * công văn (Kèm theo Công văn số ...)"): its numbered or dashed items, one body each.
 */
function attachedList(lines: Line[], from: number): { text: string; start: number }[] {
  for (let i = from; i < lines.length; i++) {
    const f = fold(lines[i]!.text);
    if (!/^danh sach\b/u.test(f)) continue;
    // the heading may be "DANH SÁCH" alone with what it lists on the next line
    const about = `${f} ${fold(lines[i + 1]?.text ?? '')}`;
    if (!/\b(nhan|gui|kinh gui)\b/u.test(about)) continue;
    let k = i + 1;
    while (k < lines.length && k <= i + 3 && !LIST_NUMBER.test(lines[k]!.text) && !BULLET.test(lines[k]!.text)) k++;
    const items: { text: string; start: number }[] = [];
    for (; k < lines.length && (OCR_LIST_NUMBER.test(lines[k]!.text) || BULLET.test(lines[k]!.text)) && lines[k]!.text.length <= 160; k++) {
      const l = lines[k]!;
      // two items a scan ran into one line: "8. Tổng Liên đoàn ... 9. Bộ Giáo dục ..."
      const cuts = [0, ...[...l.text.matchAll(/\s(?=\d{1,3}\.\s+\p{Lu})/gu)].map((m) => m.index! + 1), l.text.length];
      for (let c = 0; c + 1 < cuts.length; c++) items.push({ text: l.text.slice(cuts[c], cuts[c + 1]).trimEnd(), start: l.start + cuts[c]! });
    }
    if (items.length) return items;
  }
  return [];
}

/**
 * A copy without its header (a print view that starts at the title): the issuing authority printed above
 * the first "Căn cứ" names the body ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"; "CHỦ TỊCH ỦY BAN NHÂN DÂN
 * TỈNH X" and "BỘ TRƯỞNG BỘ Y TẾ" are the heads of theirs).
 */
/**
 * The record a legal portal prints above a copy ("Số hiệu: 155/KH-UBND", "Ngày ban hành: 26/05/2017",
 * "Cơ quan ban hành: Bộ Nội vụ" or "Nơi ban hành: Tỉnh Bắc Ninh"), read only where the copy lost the
 * document's own header: the header, when printed, is what the document says.
 */
function portalRecord(lines: { text: string; start: number; end: number }[]): { number: string; symbol: string; start: number; end: number; date?: { value: string; start: number; end: number }; issuer?: { value: string; start: number; end: number } } | null {
  let out: ReturnType<typeof portalRecord> = null;
  let date: { value: string; start: number; end: number } | undefined;
  let by: { text: string; start: number; end: number } | undefined;
  for (const [i, l] of lines.entries()) {
    // a label cell and its value cell copied one a line ("Ngày ban hành: |" / "20-10-2011 |") read as one line
    const next = /:\s*\|?\s*$/u.test(l.text) ? lines[i + 1] : undefined;
    const t = (next ? `${l.text} ${next.text}` : l.text).replace(/[|•]/g, ' ').replace(/\s+/g, ' ');
    const n = /(?:^|\s)(?:Số hiệu|Số\s*\/?\s*[Kk]ý hiệu|Số tư liệu)(?: văn bản)?\s*:\s*(\d+)\s*\/\s*((?:\d{4}\/)?[\p{Lu}][\p{L}\d&.-]*(?:\/[\p{L}\d&.-]+)*)/u.exec(t);
    if (n && !out) out = { number: n[1]!, symbol: n[2]!, start: l.start, end: l.end };
    const d = /(?:^|\s)Ngày ban hành\s*:\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/u.exec(t);
    const v = d && iso(+d[3]!, +d[2]!, +d[1]!);
    if (v && !date) date = { value: v, start: l.start, end: l.end };
    const b = /(?:^|\s)(?:Cơ quan ban hành|Nơi ban hành)\s*:\s*(.+?)(?=\s+(?:Người ký|Số hiệu|Loại văn bản|Ngày ban hành|Ngày hiệu lực)\s*:|$)/u.exec(t);
    if (b && !by && /\p{L}{2}/u.test(b[1]!)) by = { text: b[1]!.trim(), start: l.start, end: l.end };
  }
  if (!out) return null;
  if (date) out.date = date;
  if (by) {
    // "Nơi ban hành: Tỉnh Bắc Ninh" names the place; the symbol says which of its bodies issued
    const unit = /^(?:Tỉnh|Thành phố|TP\.?)\s+(.+)$/u.exec(by.text);
    const body = unit ? (/UBND/u.test(out.symbol) ? 'Ủy ban nhân dân' : /HĐND/u.test(out.symbol) ? 'Hội đồng nhân dân' : null) : null;
    const value = unit ? (body ? `${body} ${provinceUnit(canonicalProvince(unit[1]!) ?? unit[1]!)}` : null) : by.text;
    if (value) out.issuer = { value, start: by.start, end: by.end };
  }
  return out;
}

/** The head of a body, printed before its name where the head issues in its own right ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"). */
const HEAD_OF = /^(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|VỤ TRƯỞNG|HIỆU TRƯỞNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)\s+(?=\p{Lu})/u;
function authorityIssuer(lines: Line[]): ReturnType<typeof readIssuer> {
  for (let i = 0; i < lines.length; i++) {
    // (above its "Căn cứ", or a công điện's sender above its "Điện:" or before it on its line: "BỘ TRƯỞNG BỘ X, điện:")
    const sender = /^(.+?)\s*,?\s+(?:điện|ĐIỆN)\s*:\s*$/u.exec(lines[i]!.text.trim());
    const t = sender ? sender[1]! : lines[i]!.text.trim();
    const next = lines[i + 1]?.text.replace(/^[-–+•]\s*/u, '') ?? '';
    if (!isUpper(t) || !AUTHORITY_LINE.test(t) || !(sender || BODY_OPENER.test(next) || /^Điện\s*:/iu.test(next))) continue;
    const body = t.replace(HEAD_OF, '');
    if (!opensBody(body) && !/^THỦ TƯỚNG CHÍNH PHỦ$/u.test(body)) continue;
    return readIssuer([{ ...lines[i]!, text: body }]);
  }
  return null;
}

function sameParagraphRun(prev: Line, l: Line): boolean {
  // title lines of a plain-text file are separate blocks: keep going while they are short title lines
  return l.text.length < 200 && !/[.:]$/.test(prev.text) && !/^(Căn cứ|Thực hiện)/u.test(l.text) && (prev.block.bold === l.block.bold);
}

function subjectFinding(model: TextModel, parts: Line[], rule: string): Finding<string> {
  const text = parts.map((p) => p.text.trim()).join(' ').replace(SUBJECT_LEAD, '').replace(/\s+/g, ' ').trim();
  return finding(model, text, parts[0]!.start, parts[parts.length - 1]!.end, rule);
}

/**
 * A news page's headline that tells a body's orders and names their source ("UBND tỉnh chỉ đạo thực hiện ... (Công văn số
 * 1373/UBND-KT, ngày 28/10/2020)."): the paragraphs after it that open with a body are those orders.
 */
export function headlineOrders(line: string): boolean {
  const t = line.trim();
  const b = HEADLINE_SOURCE.test(t) ? HEADLINE_BODY.exec(t) : null;
  return !!b && /(?:chỉ đạo|yêu cầu|giao)$/u.test(b[0]);
}

/** The body a news headline that names its source opens with ("UBND tỉnh chỉ đạo ..."), written out. */
function headlineIssuer(q: { l: Line; m: RegExpExecArray | null } | undefined | null): { name: string; own: string; parent?: string; start: number; end: number } | null {
  const b = q?.m ? HEADLINE_BODY.exec(q.l.text.trim()) : null;
  if (!b) return null;
  const own = b[1]!;
  return { name: own.replace(/(?<![\p{L}])UBND(?![\p{L}])/u, 'Ủy ban nhân dân'), own, start: q!.l.start, end: q!.l.start + own.length };
}

/** Words that open the name of a body in a header ("SỞ ...", "CỤC ...", "CÔNG ĐOÀN ..."), by their fold. */
const BODY_HEADS = [
  ...AGENCY_HEADS.filter((h) => !/^(?:Các|Mỗi|Giám đốc|Phó Giám đốc|Chủ tịch|Phó Chủ tịch|Thủ trưởng|Người đứng đầu|Trưởng ban|Trưởng|Cán bộ|Thường trực|Doanh nghiệp|Chủ đầu tư|Đơn vị)$/u.test(h)),
  'Vụ', 'Công đoàn', 'Đại học', 'Học viện', 'Hợp tác xã', 'Hải quan', 'Thuế', 'Tiểu ban', 'Lữ đoàn', 'Sư đoàn', 'Bộ Tư lệnh',
  'Quân khu', 'Đồn', 'Trạm', 'Xí nghiệp', 'Nhà máy', 'Tạp chí', 'Nhà xuất bản', 'Thành đoàn', 'Huyện đoàn', 'Quận ủy',
  'Quận uỷ', 'Viện kiểm sát', 'Kiểm toán', 'Nhóm', 'Liên hiệp', 'Hiệp hội', 'Trường', 'Khoa', 'Cảnh sát', 'Bảo tàng',
  'Thư viện', 'Chính phủ', 'Quốc hội', 'Tổng Liên đoàn', 'Tỉnh đoàn', 'Đảng bộ', 'Văn phòng', 'Đoàn', 'Hội đồng',
  'Bộ', 'Sở', 'Ban', 'Cục', 'Chi cục', 'Ủy ban', 'Uỷ ban', 'Tổng cục', 'Công an', 'UBND', 'HĐND', 'BCĐ', 'BCH', 'MTTQ',
].map((h) => fold(h));
function opensBody(t: string): boolean {
  const f = fold(t);
  return UNIT.test(t) || BODY_HEADS.some((h) => f === h || f.startsWith(`${h} `) || f.startsWith(`${h},`));
}

const UNIT = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)(?![\p{L}])/u;

/** "UBND TX. ĐỒNG XOÀI", "UBND TP. HUẾ": the unit's word written out. */
const PLACE_ABBREVIATIONS: Record<string, string> = { TX: 'THỊ XÃ', TP: 'THÀNH PHỐ', TT: 'THỊ TRẤN' };
const PLACE_ABBREVIATION = /(?<![\p{L}])(TX|TP|TT)\.\s*(?=\p{Lu})/gu;

/** "ỦY BAN NHÂN DÂN" + "TỈNH TUYÊN QUANG" is one name; "UBND TỈNH X" + "SỞ NỘI VỤ" names the parent and the issuer. */
function readIssuer(lines: Line[]): { name: string; own: string; parent?: string; start: number; end: number } | null {
  if (!lines.length) return null;
  const names: { text: string; start: number; end: number }[] = [];
  for (const l of lines) {
    // (the stars or dashes under a name, run onto it: "BAN CHẤP HÀNH TRUNG ƯƠNG***")
    const t = l.text.replace(/\s+/g, ' ').replace(/[\s*_=-]{2,}$|\s*\*+$/u, '').trim();
    const prev = names[names.length - 1];
    // a name the header wraps: after "VÀ", "CỦA" or a comma ("BAN CHỈ ĐẠO ..., ĐỔI MỚI SÁNG TẠO," + "CHUYỂN ĐỔI SỐ ..."),
    // or on a line that does not open a body's name ("HỘI ĐỒNG THẨM ĐỊNH," / "ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH" / "HÀNH CHÍNH TỈNH"),
    // or after one word alone, a name a portal's narrow cell wrapped ("NGÂN" / "HÀNG NHÀ NƯỚC", "VĂN" / "PHÒNG CHÍNH PHỦ")
    if (prev && (UNIT.test(t) || !/\s/u.test(prev.text) || /^(NHÂN DÂN|VÀ|CỦA)(?![\p{L}])/u.test(t) || /(?<![\p{L}])(VÀ|CỦA)$/u.test(prev.text) || /[,&]$/u.test(prev.text) || (!opensBody(t) && opensBody(prev.text)))) {
      prev.text += ` ${t}`;
      prev.end = l.end;
    } else names.push({ text: t, start: l.start, end: l.end });
  }
  // (a web page's headline in capitals above the text, "TRIỂN KHAI TÀI LIỆU TUYÊN TRUYỀN VỀ BỆNH DỊCH TẢ LỢN ...; CÔNG TÁC ...",
  // names no body: a header's issuer opens with one, or is a short line)
  if (names.length === 1 && !opensBody(names[0]!.text) && names[0]!.text.length > 40) return null;
  const expand = (t: string) =>
    fixPlace(titleCase(t.replace(/^UBND\b/u, 'ỦY BAN NHÂN DÂN').replace(/^HĐND\b/u, 'HỘI ĐỒNG NHÂN DÂN').replace(PLACE_ABBREVIATION, (_m, a: string) => `${PLACE_ABBREVIATIONS[a.toUpperCase()]} `)).replace(/^Uỷ/u, 'Ủy'));
  const last = names[names.length - 1]!;
  const out: { name: string; own: string; parent?: string; start: number; end: number } = { name: expand(last.text), own: last.text, start: last.start, end: last.end };
  if (names.length > 1) {
    out.parent = expand(names[0]!.text);
    out.name = withParent(out.name, out.parent);
    out.start = names[0]!.start;
  }
  return out;
}

/**
 * The issuer named in full with its parent body (cơ quan chủ quản, the line above it):
 * "UBND TỈNH LÂM ĐỒNG" over "SỞ NỘI VỤ" is "Sở Nội vụ tỉnh Lâm Đồng", over "VĂN PHÒNG" is
 * "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng"; "BỘ NỘI VỤ" over "VỤ TỔ CHỨC CÁN BỘ" is "Vụ Tổ chức
 * cán bộ, Bộ Nội vụ"; "BỘ CÔNG AN" over "CỤC CẢNH SÁT ..." is "Cục Cảnh sát ..." (the Bộ its parentBody). Other parents (a corporation over its branch) are not
 * part of the name.
 */
export function withParent(name: string, parent: string): string {
  const local = /^(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+((?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+.+)$/iu.exec(parent);
  if (local) {
    const where = local[1]!;
    if (/^Văn phòng$/iu.test(name)) return `Văn phòng ${parent}`;
    // a board of the People's Council is the Council's, not the place's ("Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Lâm Đồng")
    if (/^Hội đồng nhân dân/iu.test(parent) && /^Ban\s/u.test(name) && !/Hội đồng nhân dân|HĐND/u.test(name)) return `${name} ${parent}`;
    if (/(?<![\p{L}])(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+\p{Lu}/u.test(name)) return name;
    // "... HÀNH CHÍNH TỈNH" under "UBND TỈNH LÂM ĐỒNG": the unit word is printed, its name is the parent's
    const unit = /^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+(.+)$/iu.exec(where)!;
    if (new RegExp(`(?<![\\p{L}])${unit[1]}$`, 'iu').test(name)) return `${name} ${unit[2]}`;
    return `${name} ${where}`;
  }
  // any parent named for its place: the unit word the issuer ends with is that place ("ĐOÀN ĐBQH VÀ HĐND THÀNH PHỐ HỒ CHÍ
  // MINH" over "VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI VÀ HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ")
  const placed = /(?<![\p{L}])(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})$/u.exec(parent);
  if (placed && new RegExp(`(?<![\\p{L}])${placed[1]}$`, 'iu').test(name)) return `${name} ${placed[2]}`;
  // (a Cục or Tổng cục issues in its own name, "Tổng cục Hải quan", "Cục Lưu trữ Nhà nước": its ministry is the record's parentBody)
  if (/^Bộ\s/u.test(parent) && /^(?:Vụ|Viện|Văn phòng|Thanh tra)(?![\p{L}])/u.test(name)) return `${name}, ${parent}`;
  return name;
}

/** Correct a province name against the gazetteer ("Tuyền Quang" -> "Tuyên Quang"). */
export function fixPlace(s: string): string {
  return s.replace(/((?:tỉnh|thành phố)\s+)(.+)$/u, (_m, unit: string, name: string) => `${unit}${canonicalProvince(name) ?? name}`);
}

const provinceKey = (name: string) => fold(name).replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();
let provinceByKey: Map<string, string> | null = null;

export function canonicalProvince(name: string): string | null {
  provinceByKey ??= new Map([...PROVINCES].reverse().flatMap((p) => [[provinceKey(p), p], [provinceKey(p).replace(/ /g, ''), p]] as [string, string][]));
  return provinceByKey.get(provinceKey(name)) ?? null;
}

/**
 * The issuer a symbol names by its code when the copy prints no issuer line (words/issuers.ts):
 * "3472/BVHTTDL-DSVH" is the Ministry of Culture's; "1448/SNV-CCHC" is the Sở Nội vụ of the province
 * the text names most ("... tỉnh Sơn La ..."); "UBND-KT" with no province named is "Ủy ban nhân dân
 * tỉnh" when the text calls its issuer so ("UBND tỉnh có ý kiến như sau:"). Otherwise none.
 */
function codeIssuer(symbol: Finding<string>, text: string): { name: string; own: string; start: number; end: number; parent?: string } | null {
  const parts = symbol.value.replace(/^\d{4}\//u, '').split(/[-/]/u);
  const code = parts[0] && TYPE_ABBRS.has(parts[0].toUpperCase()) ? parts[1] : parts[0];
  if (!code) return null;
  const at = (name: string) => ({ name, own: name, start: symbol.start, end: symbol.end });
  if (Object.hasOwn(NATIONAL_CODES, code)) return at(NATIONAL_CODES[code]!);
  if (!Object.hasOwn(PROVINCIAL_CODES, code)) return null;
  const province = mainProvince(text);
  if (province) return at(`${PROVINCIAL_CODES[code]} ${provinceUnit(province)}`);
  if (code === 'UBND' && /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+tỉnh(?!\s+\p{Lu})/u.test(text)) return at('Ủy ban nhân dân tỉnh');
  return null;
}

/** The province a text names most ("tỉnh Sơn La", "thành phố Hà Nội"), when one is named more than any other. */
function mainProvince(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?<![\p{L}])(?:tỉnh|thành phố|TP\.?)\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})/gu)) {
    const words = m[1]!.split(/\s+/u);
    for (let n = words.length; n >= 1; n--) {
      const p = canonicalProvince(words.slice(0, n).join(' '));
      if (p) {
        counts.set(p, (counts.get(p) ?? 0) + 1);
        break;
      }
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return ranked.length && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1]) ? ranked[0]![0] : null;
}

/** Centrally-run cities: "thành phố Hà Nội"; every other province: "tỉnh Lâm Đồng". */
const CITIES = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);
export function provinceUnit(province: string): string {
  return `${CITIES.has(province) ? 'thành phố' : 'tỉnh'} ${province}`;
}

/**
 * A news copy's first sentence about the document it reports ("Thủ tướng Chính phủ Phạm Minh Chính vừa ký Công điện số
 * 114/CĐ-TTg ngày 19/7/2025 về việc ...", "(Chinhphu.vn) - Thủ tướng Chính phủ vừa có Công điện số 149/CĐ-TTg ngày 28/8/2025
 * về việc ..."), when the copy holds no header of its own: the type, number, symbol, date, issuer, subject and signer it gives.
 * Only the Government's offices, whose title and name can be told apart.
 */
const NEWS_LEAD = /(?<office>Phó Thủ tướng(?: Chính phủ)?|Thủ tướng(?: Chính phủ)?|Văn phòng Chính phủ|Chính phủ)(?:\s+(?<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3}))?\s+(?:vừa|đã)\s+(?:ký(?:\s+(?:ban hành|gửi))?|có|ban hành|gửi)\s+(?<type>Công điện|Chỉ thị|Quyết định|Công văn|Văn bản|Kế hoạch|Thông báo|Nghị quyết|Nghị định)(?:\s+(?:hỏa tốc|hoả tốc|khẩn))?\s+(?:số\s+)?(?<num>\d{1,5})\/(?<sym>[\p{Lu}][\p{L}\d]*(?:-[\p{L}\d]+)*)(?:\s+ngày\s+(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4}))?(?:\s+(?:về việc|về)\s+(?<subject>[^.\n]{5,300}))?/u;

/**
 * The same first sentence about another body's document, its day before it (its year may be left to the page: "Ngày 6/4, UBND
 * huyện Chương Mỹ ban hành Công văn số 641/UBND-LĐTBXH ..."): "Ngày 29/10/2018, Cục Cứu hộ - Cứu nạn đã có công
 * điện số 37/TK gửi: ...", "Ủy ban nhân dân tỉnh vừa ban hành Kế hoạch số 116/KH-UBND ngày ...", "Ngày 24/3/2017, UBND thành
 * phố ban hành Công văn số 880/UBND-ĐT về việc ...", "UBND thành phố Huế có Công văn 4424 gửi Phòng Kinh tế ... về việc ..."
 * (a news page may give the number alone). No person's name follows such a body, so the body's name ends at the verb.
 */
const NEWS_LEAD_BODY = /(?:[Nn]gày\s+(?<d0>\d{1,2})\/(?<m0>\d{1,2})(?:\/(?<y0>\d{4}))?,?\s+)?(?<office>(?:Cục|Tổng cục|Bộ|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban Chỉ đạo|Văn phòng)\s[^,.;:\n]{2,80}?)\s+(?:(?:vừa|đã)\s+)?(?:ký(?:\s+ban hành)?|có|ban hành|gửi)\s+(?<type>[Cc]ông điện|[Cc]hỉ thị|[Qq]uyết định|[Cc]ông văn|[Vv]ăn bản|[Kk]ế hoạch|[Tt]hông báo)(?:\s+(?:hỏa tốc|hoả tốc|khẩn))?\s+(?:số\s*:?\s*)?(?<num>\d{1,5})(?:\s?\/(?<sym>[\p{Lu}][\p{L}\d]*(?:-[\p{L}\d]+)*))?(?![\d\/])(?:\s+ngày\s+(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4}))?(?:\s+gửi\s+[^.\n]{3,200}?(?=\s+[Vv]ề việc\s))?(?:\s+(?:[Vv]ề việc|về)\s+(?<subject>[^.\n]{5,300}))?/u;

interface NewsLead {
  type: Finding<string>; number: Finding<string>; symbol: Finding<string> | null; date: Finding<string> | null; issuer: Finding<string>;
  subject: Finding<string> | null; signer: Finding<Signer> | null;
}

/** The year a news page's own dateline or headline gives, in its first lines ("27/02/2024 07:30", "tháng 9/2021", "năm 2025"). */
function pageYear(text: string): string | undefined {
  return /(?<![\d/])(?:\d{1,2}\/\d{1,2}\/|tháng\s+\d{1,2}\/|năm\s+)((?:19|20)\d{2})(?!\d)/u.exec(text.slice(0, 400))?.[1];
}

/** A news item's first sentence that dates a letter it does not number: "Ngày 17/5/2023, UBND huyện X có văn bản chỉ đạo ...". */
const DATED_NEWS_LEAD = /(?:^|[.:]\s+|\n\s*|\)\s*[-–]\s*)Ngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?\s*,\s*((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Sở|Bộ|Cục|Văn phòng|Ban Chỉ đạo)\s[^,.;:\n]{2,80}?)\s+(?:(?:vừa|đã)\s+)?(?:có|ban hành|gửi)\s+(?:văn bản|công văn|công điện)(?![\p{L}])/u;

function datedNewsLead(model: TextModel): { date: Finding<string>; issuer: Finding<string> } | null {
  const text = model.text.slice(0, 1500);
  const m = DATED_NEWS_LEAD.exec(text);
  // (a news item's own first sentence: not one a letter cites under its "Kính gửi")
  if (!m || m.index > 800 || /Kính\s+gửi/iu.test(text.slice(0, m.index))) return null;
  // (a day without its year: the year the page's own dateline gives)
  const y = m[3] ?? pageYear(text);
  const date = y ? iso(+y, +m[2]!, +m[1]!) : null;
  if (!date) return null;
  const day = m.index + m[0].indexOf('Ngày');
  const office = m.index + m[0].indexOf(m[4]!);
  return { date: finding(model, date, day, day + m[0].slice(m[0].indexOf('Ngày')).indexOf(','), 'header.datedNewsLead'), issuer: finding(model, m[4]!.trim(), office, office + m[4]!.trim().length, 'header.datedNewsLead') };
}

function newsLead(model: TextModel): NewsLead | null {
  const text = model.text.slice(0, 1500).replace(/\n/g, ' ');
  // (another body's only in the copy's opening lines: further down, "Sở X đã có Công văn số ..." is a letter the text cites)
  // (further down when the sentence opens with its day, as a news item's first sentence does under the page's chrome: "Ngày
  // 25/11/2021, UBND tỉnh ban hành Công văn số 7934/UBND-VXNV về ...")
  const other = NEWS_LEAD_BODY.exec(text);
  // (not in a letter of its own, "Kính gửi" above it: there it cites)
  const opensLine = (at: number) => /(?:^|\n)[ \t]*$/u.test(model.text.slice(Math.max(0, at - 20), at));
  // (or after the frame's ';': "Thực hiện chỉ đạo của ...; ngày 03/8/2018, UBND tỉnh ban hành Công văn số 2765/UBND-NNTNMT ...")
  const cited = !!other && /Kính\s+gửi/iu.test(text.slice(0, other.index));
  const dated = !!other && !!other.groups!.d0 && other.index < 800 && (opensLine(other.index) || /;\s*$/u.test(text.slice(Math.max(0, other.index - 3), other.index)));
  const m = NEWS_LEAD.exec(text) ?? (other && !cited && (other.index < 400 || dated) ? other : null);
  if (!m) return null;
  const g = m.groups!;
  const at = (s: string) => m.index + m[0].indexOf(s);
  const word = g.type!.toLocaleUpperCase('vi');
  const abbr = /^(?:CÔNG VĂN|VĂN BẢN)$/u.test(word) ? 'CV' : DOC_TYPES.find((t) => t.word === word)?.abbr ?? 'CV';
  // (the day after the number, or the day the sentence opens with)
  // (a day without its year, "HNP - Ngày 6/4, UBND huyện ...": the year the page's own dateline or headline gives)
  const year = g.d0 && !g.y0 ? pageYear(text) : undefined;
  const [d, mo, y] = g.y ? [g.d!, g.m!, g.y] : g.y0 ? [g.d0!, g.m0!, g.y0] : year ? [g.d0!, g.m0!, year] : [null, null, null];
  const date = y ? iso(+y, +mo!, +d!) : null;
  const office = g.office!.trim();
  const deputy = /^Phó/u.test(office);
  const issuer = /Thủ tướng/u.test(office) ? 'Thủ tướng Chính phủ' : office;
  const position = /Thủ tướng/u.test(office) ? (deputy ? 'Phó Thủ tướng' : 'Thủ tướng') : office;
  return {
    type: finding(model, abbr, at(g.type!), at(g.type!) + g.type!.length, 'header.newsLead'),
    number: finding(model, g.num!, at(g.num!), at(g.num!) + g.num!.length, 'header.newsLead'),
    symbol: g.sym ? finding(model, g.sym, at(`/${g.sym}`) + 1, at(`/${g.sym}`) + 1 + g.sym.length, 'header.newsLead') : null,
    date: date ? finding(model, date, at(d!), at(d!) + 10, 'header.newsLead') : null,
    issuer: finding(model, issuer, m.index, m.index + office.length, 'header.newsLead'),
    subject: g.subject ? finding(model, g.subject.trim(), at(g.subject), at(g.subject) + g.subject.trim().length, 'header.newsLead') : null,
    signer: g.name ? finding(model, { name: g.name, position, authority: deputy ? 'KT' : null }, m.index, m.index + office.length + g.name.length + 1, 'signer.newsLead') : null,
  };
}
