/**
 * Cited documents: "Báo cáo số 462/BC-SNV ngày 29/10/2021 của Sở Nội vụ",
 * "Quyết định 603/QĐ-UBND", "Nghị định số 59/2012/NĐ-CP", "18-NQ/TW", "Công văn 6792/VPCP-KSTT".
 * Not citations: dates ("29/10/2021"), phone numbers, URLs, the document's own number.
 */
import type { TextModel } from '../model/types.js';
import { finding, type Finding } from './finding.js';
import { CITED_KINDS } from './words/doctypes.js';

export interface Citation {
  /** Number/symbol without spaces: "59/2012/NĐ-CP", "18-NQ/TW". */
  ref: string;
  kind: string | null;
  date: string | null;
  issuer: string | null;
  /** Every later mention of the same document: the full number again, or a short form ("Nghị quyết 76"). */
  mentions: { start: number; end: number }[];
}

// a code part: "SNV", "KGVX", "TTg"; an office joined by "&" ("KH&ĐT", printed "KH &ĐT" or "KH& ĐT"),
// a sub-unit after a dot ("VP.UBND")
// ("QĐ.TTg": a sub-unit may end in one lower-case letter, as "TTg" does)
const L = String.raw`[\p{Lu}][\p{Lu}\p{Ll}\d]*(?:(?:&| &(?! )|& )(?=\p{Lu})[\p{Lu}][\p{Lu}\p{Ll}\d]*|\.(?=\p{Lu}{2})[\p{Lu}\d]+(?:\p{Ll}(?![\p{L}]))?(?![\p{Ll}]))*`;
// State form: 462/BC-SNV, 59/2012/NĐ-CP, 6332/VPCP-KSTT, 01/PVHCC-THDVC, 11/2025/TT-BNV, 30c/NQ-CP; older acts and
// the National Assembly write the parts with slashes or as one code after the year: 19/2001/CT/UB, 35/2023/UBTVQH15
const STATE = new RegExp(String.raw`(?<![\p{L}\d/.-])(\d{1,5}[a-z]?)\s?\/\s?(\d{4}\s?\/\s?${L}(?:\s?[-/]\s?${L})*|${L}(?:\s?[-/]\s?${L})+)(?![\p{L}\d])`, 'gu');
/** A symbol of one code ("Tờ trình số 126/SKHĐT", "Công văn số 4503/TCT"): only after the kind of document it cites. */
const ONE_CODE = new RegExp(String.raw`(?<![\p{L}\d/.-])(\d{1,5}[a-z]?)\s?\/\s?(${L})(?![\p{L}\d/-])`, 'gu');
/** A word a portal copy glued to the symbol's end: "2058/VPCP-KGVXngày 15 tháng 3" (a code ends in a capital or digit). */
const GLUED_WORD = /(?<=[\p{Lu}\d])(?:ngày|năm|của|về|tại|và)$/u;
// Party form: 18-NQ/TW, 35-TB/TGV, 02-KH/BCĐTW, 30-QĐ/TU
const PARTY = new RegExp(String.raw`(?<![\p{L}\d/.-])(\d{1,4})-(${L}\/${L}(?:-${L})?)(?![\p{L}\d])`, 'gu');
const BARE_NUMBER = new RegExp(String.raw`(${CITED_KINDS.join('|')})\s+số\s*:?\s*(\d{1,5})(?=\s+ngày\s+\d)`, 'gu');
const KIND_BEFORE = new RegExp(`(${CITED_KINDS.join('|')})\\s+(?:số\\s*:?\\s*)?$`, 'iu');
const AFTER = /^\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?:\s+của\s+([^,;.()]{3,80}?)(?=\s+(?:về|V\/v|ban hành|phê duyệt|quy định|hướng dẫn|triển khai|thực hiện)(?![\p{L}])|[,;.()]|$))?/u;

/** `ownAt`: where the header's own number stands (its symbol as printed may differ from the one read: "1716/QĐĐ-UBND", "03/BCĐX-CAT(PC04)"). */
export function extractReferences(model: TextModel, own: string | null, ownAt?: number): Finding<Citation>[] {
  const out: Finding<Citation>[] = [];
  const seen = new Set<string>();
  const text = model.text;
  const add = (m: RegExpMatchArray, printed: string) => {
    const ref = printed.replace(GLUED_WORD, '');
    const key = ref.toUpperCase();
    if ((own && key === own.toUpperCase()) || m.index === ownAt) return;
    const start = m.index!, end = start + m[0].length - (printed.length - ref.length);
    // not a symbol if it has no letters after the number part, or is part of a URL
    if (/https?:\/\/\S*$/.test(text.slice(Math.max(0, start - 60), start))) return;
    const before = text.slice(Math.max(0, start - 40), start);
    const kind = KIND_BEFORE.exec(before);
    const after = AFTER.exec(text.slice(end, end + 160));
    const prior = out.find((f) => f.value.ref.toUpperCase() === key);
    if (prior) {
      prior.value.mentions.push({ start, end });
      return;
    }
    const c: Citation = {
      mentions: [],
      ref,
      kind: kind ? kind[1]! : null,
      date: after ? `${after[3]}-${after[2]!.padStart(2, '0')}-${after[1]!.padStart(2, '0')}` : null,
      issuer: after?.[4]?.trim() ?? null,
    };
    if (seen.has(key)) return;
    seen.add(key);
    out.push(finding(model, c, start, end, 'references.cited'));
  };
  for (const m of text.matchAll(STATE)) add(m, `${m[1]}/${m[2]!.replace(/\s+/g, '')}`);
  for (const m of text.matchAll(ONE_CODE)) if (KIND_BEFORE.test(text.slice(Math.max(0, m.index! - 40), m.index!))) add(m, `${m[1]}/${m[2]}`);
  for (const m of text.matchAll(PARTY)) add(m, `${m[1]}-${m[2]}`);
  // several numbers sharing one symbol: "các công văn số 614, 615, 616-CV/VPTW", "Quyết định số 12 và 13/QĐ-UBND"
  for (const f of [...out]) {
    const joint = /^(\d{1,5}[a-z]?)([-/])(.+)$/u.exec(f.value.ref);
    if (!joint) continue;
    const list = /(?<![\p{L}\d/.-])số\s*:?\s*((?:\d{1,5}[a-z]?\s*(?:,|và)\s*)+)$/u.exec(text.slice(Math.max(0, f.start - 80), f.start));
    if (!list) continue;
    const base = f.start - list[1]!.length;
    for (const n of list[1]!.matchAll(/\d{1,5}[a-z]?/gu)) {
      const ref = `${n[0]}${joint[2]}${joint[3]}`;
      const key = ref.toUpperCase();
      if (seen.has(key) || (own && key === own.toUpperCase())) continue;
      seen.add(key);
      const at = base + n.index!;
      out.push(finding(model, { mentions: [], ref, kind: f.value.kind, date: f.value.date, issuer: f.value.issuer }, at, at + n[0].length, 'references.sharedSymbol'));
    }
  }
  // a document cited by its number and day without a symbol ("Công điện số 1409 ngày 15 tháng 8 năm 2021 của Bộ Y tế"):
  // the number, unless it is a short mention of a document cited in full
  for (const m of text.matchAll(BARE_NUMBER)) {
    if (out.some((f) => f.value.ref.split(/[/-]/)[0] === m[2])) continue;
    const start = m.index! + m[0].length - m[2]!.length;
    if (seen.has(m[2]!)) continue;
    seen.add(m[2]!);
    const d = /^\s*ngày\s+(\d{1,2})\s*(?:[/.-]|tháng)\s*(\d{1,2})\s*(?:[/.-]|năm)\s*(\d{4})/u.exec(text.slice(start + m[2]!.length, start + m[2]!.length + 60));
    const date = d ? `${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}` : null;
    out.push(finding(model, { mentions: [], ref: m[2]!, kind: m[1]!, date, issuer: null }, start, start + m[2]!.length, 'references.numberOnly'));
  }
  // short mentions: "Nghị quyết 76", "Kế hoạch số 116" -> the citation with that kind and number
  for (const m of text.matchAll(new RegExp(`(${CITED_KINDS.join('|')})\\s+(?:số\\s*)?(\\d{1,5})(?![\\d/-])`, 'giu'))) {
    const hit = out.find((f) => f.value.kind?.toLowerCase() === m[1]!.toLowerCase() && f.value.ref.split(/[/-]/)[0] === m[2]);
    if (hit) hit.value.mentions.push({ start: m.index!, end: m.index! + m[0].length });
  }
  // a legal portal's list of related documents, printed around its copy ("- 1 Công văn 8737/VPCP-KTN năm 2016 về ...
  // do Văn phòng Chính phủ ban hành", "- 2Nghị định 93/2001/NĐ-CP quy định ..."): not the document's citations,
  // unless the document's own words cite it too
  const listed = portalListings(text);
  const inList = (at: number) => listed.some(([a, b]) => at >= a && at < b);
  return out.filter((c) => !inList(c.start) || c.value.mentions.some((m) => !inList(m.start))).sort((a, b) => a.start - b.start);
}

/**
 * The lines of a portal's numbered list of documents: "- N", the kind and the number without "số", then the year
 * ("năm 2016") or, at the line's end, "do <body> ban hành"; or two or more such lines numbered 1, 2, ... in turn.
 */
const LISTING = new RegExp(String.raw`^[-•]\s*(\d{1,3})\s*(?:${CITED_KINDS.join('|')})\s+\d{1,5}[a-z]?[/-]\S+(\s+năm\s+\d{4}(?!\d))?`, 'u');
function portalListings(text: string): [number, number][] {
  if (!/^[-•]\s*\d{1,3}\s*\p{Lu}/mu.test(text)) return [];
  const lines = [...text.matchAll(/^.+$/gmu)].map((m) => ({ at: m.index!, line: m[0]!, hit: LISTING.exec(m[0]!.trim()) }));
  const out: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.hit) continue;
    let j = i;
    while (j + 1 < lines.length && lines[j + 1]!.hit && Number(lines[j + 1]!.hit![1]) === Number(lines[j]!.hit![1]) + 1) j++;
    const run = lines.slice(i, j + 1);
    const own = (l: (typeof run)[number]) => Boolean(l.hit![2]) || /\sdo\s.{3,120}\sban hành\s*$/u.test(l.line);
    if (run.length >= 2 ? Number(run[0]!.hit![1]) === 1 : own(run[0]!)) for (const l of run) out.push([l.at, l.at + l.line.length]);
    i = j;
  }
  return out;
}
