/**
 * Bodies and who does what.
 *
 *   splitBodies("Sở Nội vụ, Sở Tài chính và các cơ quan liên quan")  -> 3 bodies
 *   splitBodies("Sở, Ban, ngành thuộc UBND tỉnh")                     -> 1 body (a bare head word joins the name)
 *   splitBodies("Người đứng đầu các sở, ban, ngành; Chủ tịch UBND huyện, thành phố") -> split at ';' only
 *   leadOf("Sở Tài chính: Khẩn trương ...")                           -> Sở Tài chính
 *   leadOf("Giao Sở Nội vụ chủ trì, phối hợp với ...")                  -> Sở Nội vụ
 *   leadOf("..., các cơ quan được giao ... có trách nhiệm triển khai")   -> that group
 *   supportOf("chủ trì, phối hợp với Sở Tài chính, Bảo hiểm xã hội tỉnh triển khai") -> 2 bodies
 * A body that only receives a report ("gửi Sở Nội vụ tổng hợp", "qua Văn phòng") is neither.
 */
import { AGENCY_HEADS, ACTION_WORDS, COLLECTIVE_TAILS, GENERIC_BODY } from './words/agencies.js';

export interface BodySpan {
  text: string;
  /** Offsets relative to the string given. */
  start: number;
  end: number;
}

const HEAD_RE = new RegExp(`^(?:${AGENCY_HEADS.map(esc).join('|')})(?![\\p{L}])`, 'u');
const HEAD_RE_I = new RegExp(`^(?:${AGENCY_HEADS.map(esc).join('|')})(?![\\p{L}])`, 'iu');
const ACTION_RE = new RegExp(`(?<![\\p{L}])(?:${ACTION_WORDS.map(esc).join('|')})(?![\\p{L}])`, 'iu');

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Does the string open with the name of a body or office holder? */
export function startsWithBody(s: string, caseInsensitive = false): boolean {
  const t = s.trim();
  if (/^(?:các|mỗi|những)\s+/iu.test(t)) return HEAD_RE_I.test(t.replace(/^(?:các|mỗi|những)\s+/iu, '')) || /^(?:các|mỗi|những)\s+(?:sở|ban|ngành|cơ quan|đơn vị|địa phương|xã|phường|huyện|tỉnh|bộ|chủ đầu tư|cán bộ)/iu.test(t);
  return (caseInsensitive ? HEAD_RE_I : HEAD_RE).test(t);
}

/** A head word alone ("Ban", "Sở") or with only collective tails is not a name of its own. */
function isBareHead(s: string): boolean {
  const t = s.trim();
  const m = HEAD_RE_I.exec(t);
  if (!m) return false;
  const rest = t.slice(m[0].length).trim();
  return rest === '' || COLLECTIVE_TAILS.test(rest) && rest.split(/\s+/).length <= 2;
}

/**
 * Split a list of bodies. With ';' in the list, only ';' separates (commas are inside names).
 * Otherwise ',' and 'và' separate when what follows opens a new name.
 */
export function splitBodies(s: string, opts: { comma?: boolean } = {}): BodySpan[] {
  const out: BodySpan[] = [];
  const push = (a: number, b: number) => {
    let text = s.slice(a, b);
    const lead = text.length - text.trimStart().length;
    text = text.trim().replace(/[;,.:]+$/, '').trim();
    if (text) out.push({ text, start: a + lead, end: a + lead + text.length });
  };
  if (s.includes(';')) {
    let a = 0;
    for (const m of s.matchAll(/;/g)) {
      push(a, m.index!);
      a = m.index! + 1;
    }
    push(a, s.length);
    return out.filter((b) => b.text);
  }
  // ',' and ' và ' as candidate cuts
  const cuts: { at: number; len: number }[] = [];
  for (const m of s.matchAll(/\s*,\s*|\s+và\s+|\s+cùng\s+|\s+với\s+/gu)) cuts.push({ at: m.index!, len: m[0].length });
  let a = 0;
  for (const c of cuts) {
    const next = s.slice(c.at + c.len);
    const isAnd = /và|cùng|với/.test(s.slice(c.at, c.at + c.len));
    if (!opts.comma && !isAnd && !startsWithBody(next)) continue;
    if (!startsWithBody(next, false) || isBareHead(firstName(next))) continue;
    if (/^(?:các|những)\s+(?:ban|ngành)\b/iu.test(next)) continue;
    push(a, c.at);
    a = c.at + c.len;
  }
  push(a, s.length);
  return out;
}

function firstName(s: string): string {
  const m = /^[^,;]+/.exec(s);
  return m ? m[0] : s;
}

/** Cut a body's name where the sentence's verb begins ("Sở Nội vụ hàng tháng có trách nhiệm" -> "Sở Nội vụ"). */
export function cutAtAction(s: string): string {
  // skip the head word itself so "Trung tâm Phục vụ hành chính công" is not cut at "phục vụ"
  const head = HEAD_RE_I.exec(s.trim().replace(/^(?:các|mỗi|những)\s+/iu, ''));
  const skip = head ? s.length - s.trim().replace(/^(?:các|mỗi|những)\s+/iu, '').length + head[0].length : 0;
  const m = ACTION_RE.exec(s.slice(skip));
  let out = m ? s.slice(0, skip + m.index) : s;
  out = out.replace(/\s*\(.*$/u, '');
  return out.trim().replace(/[,;:.]+$/, '').trim();
}

export function isGeneric(s: string): boolean {
  return GENERIC_BODY.test(s.trim());
}

export interface Assignment {
  lead: BodySpan[];
  support: BodySpan[];
  rule: string;
}

const COLON_PREFIX = /^([^:;.]{3,160}?)\s*:\s*(?=\S)/u;
const GIAO = /(?:^|[.;]\s+)(?:Giao|Đề nghị|Yêu cầu|Ủy quyền|Uỷ quyền)\s+(.{3,200}?)\s+(?=chủ trì|có trách nhiệm|chịu trách nhiệm|thực hiện|triển khai|tham mưu|phối hợp|khẩn trương|tổ chức|xây dựng|rà soát|nghiên cứu|hướng dẫn|theo dõi)/u;
const RESPONSIBLE = /(?:^|[,;.]\s+)((?:[\p{Lu}]|các |mỗi )[^,;.:]{0,160}?(?:,\s*[^,;.:]{1,60}?){0,4})\s+(?:hàng tháng\s+|hằng tháng\s+|hằng năm\s+|hàng năm\s+|định kỳ\s+)?(?:có trách nhiệm|chịu trách nhiệm|chủ trì)/u;
const SUBJECT_VERB = /^((?:Các|Mỗi|Những)\s[^,;.:]{2,80}?|(?:Sở|Ủy ban|Uỷ ban|UBND|Văn phòng|Công an|Bộ|Ban|Trung tâm|Bưu điện|Viễn thông|Bảo hiểm|Ngân hàng|Kho bạc|Thanh tra|Cục|Chi cục|Đài|Báo|Liên đoàn|Hội|Đoàn|Giám đốc|Chủ tịch|Thủ trưởng|Người đứng đầu|Cơ quan|Đơn vị)\s[^,;.:]{1,80}?)(?:\s*,\s*([^,;.:]{2,60}?))?\s+(?=(?:khẩn trương|chủ động|khắc phục|thực hiện|triển khai|tổ chức|xây dựng|rà soát|báo cáo|tham mưu|tăng cường|đẩy mạnh|đẩy nhanh|tiếp tục|nghiên cứu|hướng dẫn|theo dõi|đôn đốc|kiểm tra|gửi|hoàn thành|nâng cao|bảo đảm|đảm bảo|cập nhật|phối hợp|chủ trì|có trách nhiệm|chịu trách nhiệm|nghiêm túc|quán triệt|lập|cấp|trình|tập trung)(?![\p{L}]))/u;

/** Who the item's own words say must act: "X: ...", "Giao X chủ trì", "X có trách nhiệm", "X <verb> ...". */
export function leadOf(text: string): Assignment | null {
  let m = COLON_PREFIX.exec(text);
  if (m && startsWithBody(m[1]!) && !ACTION_RE.test(stripHead(m[1]!))) {
    const bodies = splitBodies(m[1]!, { comma: true });
    return { lead: bodies, support: supportOf(text), rule: 'lead.colonPrefix' };
  }
  m = GIAO.exec(text);
  if (m && startsWithBody(m[1]!, true)) {
    const off = m.index + m[0].indexOf(m[1]!);
    const cut = cutAtAction(m[1]!);
    return { lead: splitBodies(cut).map((b) => shift(b, off)), support: supportOf(text), rule: 'lead.giao' };
  }
  m = RESPONSIBLE.exec(text);
  if (m && startsWithBody(m[1]!, true)) {
    const off = m.index + m[0].indexOf(m[1]!);
    const cut = cutAtAction(m[1]!.replace(/\s+(?:hàng|hằng)\s+(?:tháng|năm|quý)$/u, ''));
    if (cut && !/^(?:Trên cơ sở|Căn cứ|Trong)/u.test(cut)) return { lead: splitBodies(cut).map((b) => shift(b, off)), support: supportOf(text), rule: 'lead.responsible' };
  }
  m = SUBJECT_VERB.exec(text);
  if (m) {
    const name = m[2] ? `${m[1]}, ${m[2]}` : m[1]!;
    if (startsWithBody(name, true)) return { lead: splitBodies(name).filter((b) => b.text), support: supportOf(text), rule: 'lead.subject' };
  }
  return null;
}

function stripHead(s: string): string {
  const t = s.trim().replace(/^(?:các|mỗi|những)\s+/iu, '');
  const h = HEAD_RE_I.exec(t);
  return h ? t.slice(h[0].length) : t;
}

function shift(b: BodySpan, off: number): BodySpan {
  return { text: b.text, start: b.start + off, end: b.end + off };
}

const WITH = /phối hợp(?:\s+chặt chẽ)?\s+(?:với\s+)?/giu;
const SUPPORT_STOP = /\s+(?:để|nhằm|trong việc|trong|về việc|theo|tại|triển khai|tham mưu|rà soát|thực hiện|tổ chức|xây dựng|hướng dẫn|chỉ đạo|nghiên cứu|có giải pháp|giải quyết|kiểm tra|tập huấn|cập nhật|hoàn thành|đề xuất|trình|thẩm định|đôn đốc|theo dõi|hỗ trợ|tuyên truyền|giám sát|bố trí|sắp xếp|đánh giá|cung cấp|xác định|phát động|chỉ ra|làm|cấp|lập|ban hành|báo cáo|đẩy mạnh|thường xuyên)(?![\p{L}])/u;

/** Bodies named after "phối hợp với" (up to the verb that follows them). */
export function supportOf(text: string): BodySpan[] {
  const out: BodySpan[] = [];
  for (const m of text.matchAll(WITH)) {
    const start = m.index! + m[0].length;
    let seg = text.slice(start);
    const stop = /[;.:(]/.exec(seg);
    if (stop) seg = seg.slice(0, stop.index);
    const verb = SUPPORT_STOP.exec(seg);
    if (verb) seg = seg.slice(0, verb.index);
    if (!startsWithBody(seg, true) && !/^(?:các|những)\s/iu.test(seg)) continue;
    for (const b of splitBodies(seg, { comma: true })) {
      if (!startsWithBody(b.text, true) && !/^(?:các|những)\s/iu.test(b.text)) continue;
      out.push(shift(b, start));
    }
  }
  return out;
}

/**
 * A heading that assigns its group: "1. Giám đốc các Sở; Thủ trưởng các Ban, ngành",
 * "a) Sở Nội vụ có trách nhiệm:", "1. Trách nhiệm của các cơ quan ...", "c) Giao Sở Nội vụ chủ trì, phối hợp với ...".
 */
export function headingAssignment(title: string): Assignment | null {
  let t = title.trim().replace(/[:.]\s*$/, '');
  const giao = leadOf(t);
  if (giao && (giao.rule === 'lead.giao' || giao.rule === 'lead.responsible')) return { ...giao, rule: `heading.${giao.rule}` };
  const resp = /^Trách nhiệm (?:của\s+)?(.+)$/iu.exec(t);
  let off = 0;
  if (resp) {
    off = t.indexOf(resp[1]!);
    t = resp[1]!;
  }
  t = t.replace(/\s+(?:có trách nhiệm|chịu trách nhiệm|thực hiện các nhiệm vụ sau|thực hiện|có nhiệm vụ)\s*$/u, '');
  if (!startsWithBody(t, true)) return null;
  const bodies = splitBodies(t, { comma: true });
  // every part must be a name, with no verb outside the name
  if (!bodies.every((b) => startsWithBody(b.text, true))) return null;
  if (bodies.some((b) => ACTION_RE.test(stripHead(b.text).replace(/được giao.*$/u, '')))) {
    if (!resp) return null;
  }
  return { lead: bodies.map((b) => shift(b, off)), support: [], rule: resp ? 'heading.responsibility' : 'heading.bodies' };
}
