/**
 * Document fields from the header (thể thức of Nghị định 30/2020/NĐ-CP, Phụ lục I):
 * issuing body, "Số: 4945/UBND-THCBKS", "Tuyên Quang, ngày 13 tháng 12 năm 2021",
 * the type word and title of a titled document ("KẾ HOẠCH" + title lines), the
 * trích yếu of a công văn ("V/v ...", "Về việc ..."), and "Kính gửi:".
 */
import type { TextModel } from '../model/types.js';
import { allLines, finding, isUpper, titleCase, type Finding } from './finding.js';
import { DOC_TYPES, TYPE_ABBRS, canonicalAbbr } from './words/doctypes.js';
import { PROVINCES } from './words/places.js';
import { iso } from './dates.js';
import { fold } from '../normalise/unicode.js';
import { splitBodies } from './agencies.js';

type Line = ReturnType<typeof allLines>[number];

/** The type words by their fold (the first entry wins, as a search of the list would give). */
const TYPE_BY_FOLD = new Map([...DOC_TYPES].reverse().map((t) => [fold(t.word), t]));
const QUOC_HIEU = /^(?:CỘNG HÒA|CỘNG HOÀ|Độc lập\s*[-–]\s*Tự do)/iu;
// "Số: 4945 /UBND-THCBKS"  "Số:    /UBND-NC"  "Số 06-CT/TU"  "Số: 59/2012/NĐ-CP"
const NUMBER_LINE = /^Số\s*:?\s*(\d*)\s*([/-])\s*((?:\d{4}\s*\/\s*)?[\p{Lu}\d][\p{L}\d&.]*(?:\s*[-/]\s*[\p{L}\d&.]+)*)/u;
// "Tuyên Quang, ngày 13 tháng 12 năm 2021"  "Hà Nội, ngày   tháng 10 năm 2023"  "..., ngày 13/12/2021"
const DATE_LINE = /^([\p{L}][\p{L} .'-]{1,40}?)\s*,\s*ngày\s*(\d{1,2})?\s*(?:tháng\s*(\d{1,2})?\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))/u;
const SUBJECT_LEAD = /^(?:V\/v|V\/V|v\/v|Về việc|VỀ VIỆC|Về|Trích yếu)\s*[:.]?\s*/u;
const RECIPIENT_LEAD = /^Kính\s+gửi\s*:?\s*/iu;
// "(Kèm theo Kế hoạch số: 116/KH-UBND ngày 28/7/2021 của Ủy ban nhân dân tỉnh)"
const ATTACHED_TO = /Kèm theo\s+([\p{L} ]{2,25}?)\s+số\s*:?\s*(\d+)\s*\/\s*((?:\d{4}\/)?[\p{Lu}\d][\p{L}\d&-]*(?:\/[\p{L}\d&-]+)*)(?:\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?/u;

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
}

/** Where the body starts: the first "Kính gửi", "Căn cứ" or long paragraph after the header. */
function headerEnd(lines: Line[]): number {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (RECIPIENT_LEAD.test(t)) return i;
    if (/^(Căn cứ|Thực hiện|Theo|Sau khi|Để|Ngày|Qua|Trong|Nhằm)(?![\p{L}])/u.test(t) && (t.length > 150 || /[.;:,]$/.test(t))) return i;
  }
  return Math.min(lines.length, 25);
}

export function extractHeader(model: TextModel): HeaderFields {
  const lines = allLines(model);
  const end = headerEnd(lines);
  const head = lines.slice(0, end);
  const f: HeaderFields = {
    type: null, number: null, symbol: null, issuer: null, parentBody: null, place: null, date: null,
    subject: null, recipients: [], urgency: null, secrecy: null,
  };

  // Số / ký hiệu
  for (const l of head) {
    const m = NUMBER_LINE.exec(l.text);
    if (!m) continue;
    const number = m[1] || null;
    const symbol = m[3]!.replace(/\s+/g, '');
    const numStart = l.start + m[0].indexOf(m[1] ?? '', 2);
    f.number = finding(model, number, number ? numStart : l.start, number ? numStart + number.length : l.start, 'header.number');
    const symStart = l.start + m[0].lastIndexOf(m[3]!);
    f.symbol = finding(model, symbol, symStart, symStart + m[3]!.length, 'header.symbol');
    break;
  }
  // A plan or decision printed without its header: "Kèm theo Kế hoạch số: 116/KH-UBND ngày 28/7/2021"
  let attachedDate: Finding<string> | null = null;
  if (!f.symbol) {
    for (const l of lines) {
      const m = ATTACHED_TO.exec(l.text);
      if (!m) continue;
      const s = l.start + m.index;
      f.number = finding(model, m[2]!, s, s + m[0].length, 'header.attachedNumber');
      f.symbol = finding(model, m[3]!.replace(/\s+/g, ''), s, s + m[0].length, 'header.attachedNumber');
      if (m[4]) attachedDate = finding(model, iso(+m[6]!, +m[5]!, +m[4]!) ?? m[6]!, s, s + m[0].length, 'header.attachedDate');
      break;
    }
  }

  // Place and date
  for (const l of lines.slice(0, Math.max(end + 2, 12))) {
    const m = DATE_LINE.exec(l.text);
    if (!m) continue;
    const place = m[1]!.trim();
    f.place = finding(model, place, l.start + m.index, l.start + m.index + m[1]!.length, 'header.place');
    const y = Number(m[4] ?? m[6] ?? NaN);
    const month = m[3] ?? m[5];
    const day = m[2];
    const value = month ? (day ? iso(y, +month, +day) : iso(y, +month)) : iso(y);
    if (value) f.date = finding(model, value, l.start, l.end, 'header.date');
    break;
  }
  if (!f.date && attachedDate) f.date = attachedDate;

  // Type: a title line with a type word, else the ký hiệu, else công văn.
  const titleIdx = head.findIndex((l) => TYPE_BY_FOLD.has(fold(l.text.trim())) && isUpper(l.text));
  if (titleIdx >= 0) {
    const l = head[titleIdx]!;
    const t = TYPE_BY_FOLD.get(fold(l.text.trim()))!;
    f.type = finding(model, t.abbr, l.start, l.end, 'header.typeWord');
  } else if (f.symbol) {
    const sym = f.symbol.value;
    const party = /^\d*-?([\p{Lu}]+)\//u.exec(f.number?.value ? `${f.number.value}-${sym}` : sym);
    const first = sym.split(/[-/]/).find((p) => !/^\d+$/.test(p)) ?? '';
    const abbr = sym.includes('/') && !/^\d{4}\//.test(sym) && party ? party[1]! : first;
    f.type = finding(model, TYPE_ABBRS.has(abbr.toUpperCase()) ? canonicalAbbr(abbr) : 'CV', f.symbol.start, f.symbol.end, 'header.symbolType');
  } else {
    f.type = finding(model, 'CV', 0, 0, 'header.default');
  }

  // Subject: "V/v ..." lines, or the title lines after the type word.
  if (titleIdx >= 0) {
    const parts: Line[] = [];
    for (let i = titleIdx + 1; i < head.length; i++) {
      const l = head[i]!;
      if (QUOC_HIEU.test(l.text) || DATE_LINE.test(l.text) || NUMBER_LINE.test(l.text) || /^[-_*]{1,}$/.test(l.text)) break;
      // a title in lower case ends at the upper-case line of the issuing authority ("GIÁM ĐỐC SỞ NỘI VỤ")
      if (parts.length && !isUpper(parts[0]!.text) && isUpper(l.text)) break;
      if (parts.length && (l.block !== parts[parts.length - 1]!.block) && !sameParagraphRun(parts[parts.length - 1]!, l)) break;
      parts.push(l);
    }
    if (parts.length) f.subject = subjectFinding(model, parts, 'header.title');
  } else {
    const i = head.findIndex((l) => SUBJECT_LEAD.test(l.text) && !/^Về\s+(?:kiểm|cải|việc\s*$)/u.test(l.text) && (/^(V\/v|Về việc)/iu.test(l.text)));
    if (i >= 0) {
      const parts: Line[] = [head[i]!];
      for (let k = i + 1; k < head.length; k++) {
        const l = head[k]!;
        if (QUOC_HIEU.test(l.text) || DATE_LINE.test(l.text) || NUMBER_LINE.test(l.text) || RECIPIENT_LEAD.test(l.text) || isUpper(l.text)) break;
        if (l.block !== head[i]!.block && !/^[\p{Ll}(]/u.test(l.text) && !/^ngày\s/u.test(l.text)) break;
        parts.push(l);
      }
      f.subject = subjectFinding(model, parts, 'header.vv');
    }
  }

  // Issuer: the upper-case lines of the header's left column, above "Số".
  const issuerLines: Line[] = [];
  for (const l of head) {
    if (NUMBER_LINE.test(l.text) || SUBJECT_LEAD.test(l.text) || DATE_LINE.test(l.text)) break;
    if (QUOC_HIEU.test(l.text)) continue;
    if (titleIdx >= 0 && l === head[titleIdx]) break;
    if (isUpper(l.text) && /\p{L}{2}/u.test(l.text) && !/^[-_*=]+$/.test(l.text)) issuerLines.push(l);
  }
  const issuer = readIssuer(issuerLines);
  if (issuer) {
    f.issuer = finding(model, issuer.name, issuer.start, issuer.end, 'header.issuer');
    if (issuer.parent) f.parentBody = finding(model, issuer.parent, issuer.start, issuer.end, 'header.parentBody');
  }

  // Recipients: "Kính gửi: X" on one line, or the list after "Kính gửi:".
  const ki = lines.findIndex((l) => RECIPIENT_LEAD.test(l.text));
  if (ki >= 0) {
    const l = lines[ki]!;
    const rest = l.text.replace(RECIPIENT_LEAD, '');
    const entries: { text: string; start: number }[] = [];
    if (rest.trim()) entries.push({ text: rest, start: l.end - rest.length });
    for (let k = ki + 1; k < lines.length && !rest.trim(); k++) {
      const n = lines[k]!;
      if (!/^[-–+•]\s*/.test(n.text) && entries.length) break;
      if (!/^[-–+•]\s*/.test(n.text) && n.text.length > 120) break;
      entries.push({ text: n.text, start: n.start });
      if (/\.\s*$/.test(n.text)) break;
    }
    for (const e of entries) {
      const clean = e.text.replace(/^[-–+•]\s*/, '');
      const off = e.start + (e.text.length - clean.length);
      for (const b of splitBodies(clean.replace(/[;.,]\s*$/, ''), { comma: true })) {
        f.recipients.push(finding(model, b.text, off + b.start, off + b.end, 'header.recipients'));
      }
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

function sameParagraphRun(prev: Line, l: Line): boolean {
  // title lines of a plain-text file are separate blocks: keep going while they are short title lines
  return l.text.length < 200 && !/[.:]$/.test(prev.text) && !/^(Căn cứ|Thực hiện)/u.test(l.text) && (prev.block.bold === l.block.bold);
}

function subjectFinding(model: TextModel, parts: Line[], rule: string): Finding<string> {
  const text = parts.map((p) => p.text.trim()).join(' ').replace(SUBJECT_LEAD, '').replace(/\s+/g, ' ').trim();
  return finding(model, text, parts[0]!.start, parts[parts.length - 1]!.end, rule);
}

const UNIT = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b/u;

/** "ỦY BAN NHÂN DÂN" + "TỈNH TUYÊN QUANG" is one name; "UBND TỈNH X" + "SỞ NỘI VỤ" names the parent and the issuer. */
function readIssuer(lines: Line[]): { name: string; parent?: string; start: number; end: number } | null {
  if (!lines.length) return null;
  const names: { text: string; start: number; end: number }[] = [];
  for (const l of lines) {
    const t = l.text.replace(/\s+/g, ' ').trim();
    const prev = names[names.length - 1];
    if (prev && (UNIT.test(t) || /^(NHÂN DÂN|VÀ|CỦA)\b/u.test(t) || /\b(VÀ|CỦA)$/u.test(prev.text))) {
      prev.text += ` ${t}`;
      prev.end = l.end;
    } else names.push({ text: t, start: l.start, end: l.end });
  }
  const expand = (t: string) =>
    fixPlace(titleCase(t.replace(/^UBND\b/u, 'ỦY BAN NHÂN DÂN').replace(/^HĐND\b/u, 'HỘI ĐỒNG NHÂN DÂN')).replace(/^Uỷ/u, 'Ủy'));
  const last = names[names.length - 1]!;
  const out: { name: string; parent?: string; start: number; end: number } = { name: expand(last.text), start: last.start, end: last.end };
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
 * "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng"; "BỘ CÔNG AN" over "CỤC CẢNH SÁT ..." is
 * "Cục Cảnh sát ..., Bộ Công an". Other parents (a corporation over its branch) are not
 * part of the name.
 */
export function withParent(name: string, parent: string): string {
  const local = /^(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+((?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+.+)$/iu.exec(parent);
  if (local) {
    const where = local[1]!;
    if (/^Văn phòng$/iu.test(name)) return `Văn phòng ${parent}`;
    if (/\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+\p{Lu}/u.test(name)) return name;
    return `${name} ${where}`;
  }
  if (/^Bộ\s/u.test(parent) && /^(?:Cục|Tổng cục|Vụ|Viện|Văn phòng|Thanh tra)\b/u.test(name)) return `${name}, ${parent}`;
  return name;
}

/** Correct a province name against the gazetteer ("Tuyền Quang" -> "Tuyên Quang"). */
export function fixPlace(s: string): string {
  return s.replace(/((?:tỉnh|thành phố)\s+)(.+)$/u, (_m, unit: string, name: string) => `${unit}${canonicalProvince(name) ?? name}`);
}

const provinceKey = (name: string) => fold(name).replace(/[^a-z ]/g, ' ').replace(/\s+/g, ' ').trim();
let provinceByKey: Map<string, string> | null = null;

export function canonicalProvince(name: string): string | null {
  provinceByKey ??= new Map([...PROVINCES].reverse().map((p) => [provinceKey(p), p]));
  return provinceByKey.get(provinceKey(name)) ?? null;
}
