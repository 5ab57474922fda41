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
import { deglue, spanBack } from './glue.js';
import { AGENCY_HEADS, ACTION_WORDS, ASKED_TO, ORGANISATION_KINDS, COLLECTIVE_TAILS, GENERIC_BODY, NOT_BODY, PREDICATES } from './words/agencies.js';

export interface BodySpan {
  text: string;
  /** Offsets relative to the string given. */
  start: number;
  end: number;
}

const HEAD_RE = new RegExp(`^(?:${AGENCY_HEADS.map(esc).join('|')})(?![\\p{L}])`, 'u');
const HEAD_RE_I = new RegExp(`^(?:${AGENCY_HEADS.map(esc).join('|')})(?![\\p{L}])`, 'iu');
// (the "trình" of "Chương trình" is no verb: "Ban Tổ chức Chương trình đi bộ")
// (nor is the "hàng" of "Ngân hàng": "các đơn vị thuộc Ngân hàng Nhà nước")
// (not the "có" of "có liên quan", which qualifies the name: "các đơn vị có liên quan chủ động ...")
// (nor the "xây dựng" after what is built, the trade and part of a name: "Ban Quản lý dự án đầu tư xây dựng tỉnh", "Vụ Vật liệu
// xây dựng", "Cục Quản lý hoạt động xây dựng"; an investor's is the verb: "Các đơn vị được giao làm chủ đầu tư xây dựng kế
// hoạch ..."; the word is read first, the words before it only where it stands)
// (nor the "thanh tra" of the title "Tổng thanh tra Chính phủ")
const NOT_A_VERB_HERE = '(?!xây dựng(?<=(?:(?:[Dd]ự án|[Qq]uản lý|[Hh]oạt động|[Vv]ốn)\\s[Đđ]ầu tư|[Vv]ật liệu|[Hh]oạt động|[Kk]inh tế|[Cc]ông trình|[Gg]iám định|[Kk]iểm định|[Tt]hanh tra)\\sxây dựng))(?!thanh tra(?<=[Tt]ổng\\sthanh tra))';
const ACTION_RE = new RegExp(`(?<![\\p{L}])(?<![Cc]hương\\s)(?<![Nn]gân\\s)(?!có\\s+liên\\s+quan)${NOT_A_VERB_HERE}(?:${verbs(ACTION_WORDS)})(?![\\p{L}])`, 'iu');
/** The same words in lower case only: inside a sentence a verb is in lower case, a word of a name capitalised. */
const ACTION_RE_LOWER = new RegExp(ACTION_RE.source, 'u');
// Case-sensitive: a verb inside a sentence is in lower case, a word of a name is capitalised
// ("Sở Thông tin và Truyền thông", "Văn phòng Đăng ký đất đai").
const PREDICATE_RE = new RegExp(`(?<![\\p{L}])${NOT_A_VERB_HERE}(?:${verbs(PREDICATES)})(?![\\p{L}])`, 'gu');
/** The same, for the first verb of a text (exec and test without a global pattern's lastIndex to reset). */
const FIRST_PREDICATE = new RegExp(PREDICATE_RE.source, 'u');

export function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A list of verbs as one alternation; "tổ chức" is a verb unless a noun's qualifier follows it ("tổ chức tín dụng", "tổ chức, cá
 * nhân", "tổ chức liên quan") or "các" comes before it ("các tổ chức, đoàn thể").
 */
function verbs(list: readonly string[]): string {
  return list.map((w) => (w === 'làm việc' ? `(?<!(?:[Qq]uy chế|[Cc]hế độ|[Gg]iờ|[Nn]gày|[Tt]hời gian|[Cc]hương trình|[Ll]ịch|[Bb]uổi|[Nn]ơi|[Pp]hòng|[Mm]ôi trường|[Đđ]iều kiện|[Pp]hương pháp|[Tt]ác phong)\\s)làm việc` : w === 'tổ chức' ? `(?<!(?:các|những|Các|Những)\\s)tổ chức(?!\\s+(?:${ORGANISATION_KINDS.join('|')})(?![\\p{L}])|\\s*,\\s*(?:cá nhân|đoàn thể|đơn vị|cơ quan|doanh nghiệp)(?![\\p{L}])|\\s+(?:có\\s+)?liên quan(?![\\p{L}]))` : esc(w))).join('|');
}

/** Does the string open with the name of a body or office holder? */
export function startsWithBody(s: string, caseInsensitive = false): boolean {
  // ("tất cả các trường THCS ...", "toàn thể giáo viên", "từng lớp": every one of a collective, each of them)
  const t = s.trim().replace(/^(?:tất cả\s+(?=(?:các|những)\s)|toàn thể\s+)/iu, '').replace(/^từng\s+/iu, 'các ');
  if (NOT_BODY.test(t)) return false;
  if (/^(?:các|mỗi|những)\s+/iu.test(t)) return HEAD_RE_I.test(t.replace(/^(?:các|mỗi|những)\s+/iu, '')) || /^(?:các|mỗi|những)\s+(?:sở|ban|ngành|cơ quan|đơn vị|địa phương|xã|phường|huyện|tỉnh|bộ|chủ đầu tư|cán bộ|cấp ủy|cấp uỷ|cấp,|tổ chức đảng|chi bộ|thành viên|đảng bộ|đoàn thể|hộ\s+(?:gia đình|dân|chăn nuôi|kinh doanh|sản xuất|nuôi)|cơ sở\s+(?:giáo dục|y tế|khám|đào tạo|sản xuất|kinh doanh|bảo trợ|cai nghiện|trợ giúp)|tổ chức(?=\s*,|\s+(?:chính trị|xã hội|đoàn thể|(?:có\s+)?liên quan)(?![\p{L}])))/iu.test(t);
  return (caseInsensitive ? HEAD_RE_I : HEAD_RE).test(t);
}

/** A head word alone ("Ban", "Sở") or with only collective tails is not a name of its own. */
function isBareHead(s: string): boolean {
  const t = s.trim();
  const m = HEAD_RE_I.exec(t);
  if (!m) return false;
  // "các địa phương", "các ngành": a collective of its own, not a bare head word
  if (/^(?:các|mỗi|những)$/iu.test(m[0])) return false;
  const rest = t.slice(m[0].length).trim();
  return rest === '' || COLLECTIVE_TAILS.test(rest) && rest.split(/\s+/).length <= 2;
}

/**
 * Split a list of bodies. With ';' in the list, only ';' separates (commas are inside names).
 * Otherwise ',' and 'và' separate when what follows opens a new name.
 */
/**
 * A body's role set beside its name, not part of it: "Sở Nội vụ - cơ quan thường trực Hội đồng
 * thi đua ...", "Sở Y tế (cơ quan thường trực Ban Chỉ đạo)", "Sở Tư pháp, cơ quan đầu mối ...".
 */
const ROLE_APPOSITION = /(?:\s+[-–]\s+|\s*\(\s*)(?:là\s+)?(?:cơ quan|đơn vị)\s+(?:thường trực|chủ trì|đầu mối|tham mưu)(?![\p{L}])[\s\S]*$|\s*,\s*(?:là\s+)?cơ quan\s+(?:thường trực|đầu mối)(?![\p{L}])[\s\S]*$/u;

const CUTS = /\s*,\s*|\s+và\s+|\s+cùng\s+|\s+với\s+/gu;
const STAFF_AFTER_AND = /^(?:giáo viên|bộ phận|nhân viên)(?![\p{L}])/u;
/** The generic rest after a named body: "Công ty Thương mại du lịch và đơn vị có liên quan" (not inside a collective, "các Bộ, ngành và địa phương liên quan"). */
const REST_AFTER_AND = /^(?:đơn vị|cơ quan|địa phương)(?:,\s*(?:đơn vị|cơ quan|địa phương))*\s+(?:có\s+)?liên quan(?![\p{L}])/u;
/** A unit named in lower case: "tổ quản lý trật tự đô thị", "tổ dân phố", "đội kiểm tra", "công an phường" (not "tổ chức", "đội ngũ"). */
const LOWER_UNIT = /^(?:tổ\s+(?!chức|hợp|quốc|tiên)\p{Ll}|đội\s+(?!ngũ)\p{Ll}|bộ phận\s+\p{Ll}|công an\s+(?:phường|xã|thị trấn|huyện|quận|tỉnh|thành phố)(?![\p{L}])|(?:thủ trưởng|giám đốc|chủ tịch|hiệu trưởng|trưởng phòng|trưởng ban|cục trưởng|vụ trưởng|chánh văn phòng|người đứng đầu)\s+(?:các\s+\p{L}|\p{Lu}))/u;
const CELL_CUTS = new RegExp(String.raw`${CUTS.source}|\s*\/\s*`, 'gu');

/**
 * A ward's or a commune's own unit named in lower case after a body in a list of doers: "công an phường, tổ quản lý trật
 * tự đô thị, tổ thanh tra xây dựng", "Ủy ban MTTQ phường, tổ tự quản môi trường và các đoàn thể" (not inside a collective of
 * kinds: "các cơ quan, tổ chức, doanh nghiệp, ..., tổ dân phố và toàn thể nhân dân"); and a head a letter writes in lower case
 * after the first doer: "trưởng phòng Giáo dục và Đào tạo các huyện, thủ trưởng các đơn vị trực thuộc Sở".
 */
function lowerUnitAfter(before: string, next: string): boolean {
  return LOWER_UNIT.test(next) && !/^(?:các|những|mỗi)\s/iu.test(before.trim()) && startsWithBody(before, true);
}

/** A list that opens with kinds of bodies and ends with the people of the place. */
const EVERYONE = /^(?:tất cả\s+)?(?:các|những)\s+(?:cơ quan|đơn vị|tổ chức)(?![\p{L}])[^;]*?,[^;]*?\s(?:và|cùng)\s+(?:toàn thể\s+)?(?:nhân dân|người dân|các hộ dân|hộ dân|các hộ gia đình|hộ gia đình)(?:\s+(?:trên địa bàn|trong|ở|tại)\s[^,;]{2,40})?$/iu;

export function splitBodies(s: string, opts: { comma?: boolean } = {}): BodySpan[] {
  const out: BodySpan[] = [];
  const push = (a: number, b: number) => {
    let text = s.slice(a, b);
    // (a cell's bullet before a name: "- Vụ Pháp chế; - Văn phòng Bộ")
    const lead = text.length - text.replace(/^\s*(?:[-–+•]\s+)?/u, '').length;
    text = text.slice(lead).trim().replace(ROLE_APPOSITION, '').replace(/[;,.:]+$/, '').trim();
    // (the members a collective lists in brackets after it are not part of its name: "Các tổ chuyên môn (Toán, Vật lý, ...)")
    if (/^(?:các|những|mỗi)\s/iu.test(text)) text = text.replace(/\s*\([^()]*,[^()]*\)$/u, '');
    if (text) out.push({ text, start: a + lead, end: a + lead + text.length });
  };
  if (s.includes(';')) {
    // ';' separates; inside a part, a comma still separates two capitalised names ("Sở Tư pháp, Văn phòng UBND tỉnh")
    let a = 0;
    for (const m of [...s.matchAll(/;/g), { index: s.length }]) {
      const part = s.slice(a, m.index!);
      for (const b of splitBodies(part)) out.push(shift(b, a));
      a = m.index! + 1;
    }
    return out.filter((b) => b.text);
  }
  // everyone in a place, bodies of every kind and its people ("Tất cả các cơ quan, đơn vị, Ban nhân dân các ấp và toàn thể nhân
  // dân trong xã", "các tổ chức, cơ quan, đơn vị, doanh nghiệp, trường học, tổ dân phố và nhân dân trên địa bàn phường"): one doer
  if (EVERYONE.test(s.trim())) {
    const t = s.trim().replace(/[;,.:]+$/, '').trim();
    const lead = s.length - s.trimStart().length;
    return [{ text: t, start: lead, end: lead + t.length }];
  }
  // a collective made only of kinds of bodies ("Các bộ, các tỉnh", "các cơ quan, đơn vị, địa phương") is one doer
  if (/^(?:các|mỗi|những)\s/iu.test(s.trim()) && trimCollective(s.trim()) === s.trim() && /[,]|\svà\s/u.test(s)) {
    const t = s.trim().replace(/[;,.:]+$/, '').trim();
    const lead = s.length - s.trimStart().length;
    // (two collectives joined by "và các": "các sở, ban, ngành và các doanh nghiệp" is two doers)
    const two = /^(.+?)\s+và\s+(?=(?:các|những)\s)/u.exec(t);
    if (two && KIND_ONLY.test(two[1]!) && KIND_ONLY.test(t.slice(two[0].length))) {
      const b = lead + two[0].length;
      return [{ text: two[1]!, start: lead, end: lead + two[1]!.length }, { text: t.slice(two[0].length), start: b, end: lead + t.length }];
    }
    if (KIND_ONLY.test(t)) return [{ text: t, start: lead, end: lead + t.length }];
  }
  // ',' and ' và ' as candidate cuts
  const cuts: { at: number; len: number }[] = [];
  // (in a table cell, a slash between two names: "Vụ Kế hoạch - Tài chính/ Ban Quản lý quy hoạch")
  for (const m of s.matchAll(opts.comma ? CELL_CUTS : CUTS)) cuts.push({ at: m.index!, len: m[0].length });
  let a = 0;
  for (const c of cuts) {
    const next = s.slice(c.at + c.len);
    const isAnd = /và|cùng|với/.test(s.slice(c.at, c.at + c.len));
    // (a slash parts two capitalised names, whatever their head: "Ban Quản lý quy hoạch /Tư vấn được lựa chọn")
    if (s.slice(c.at, c.at + c.len).includes('/')) {
      // (not a collective's kinds: "Các Khoa/Viện/Bộ môn")
      const before = s.slice(a, c.at).trim();
      if (/^\p{Lu}\p{Ll}/u.test(next) && /\s/u.test(before) && !/^(?:các|những|mỗi)\s+\S+$/iu.test(before)) {
        push(a, c.at);
        a = c.at + c.len;
      }
      continue;
    }
    const unit = lowerUnitAfter(s.slice(a, c.at), next);
    if (!opts.comma && !isAnd && !startsWithBody(next) && !unit) continue;
    // (after "và", the staff a school or a commune names in lower case: "Ban Giám hiệu và giáo viên chủ nhiệm", "các Tổ
    // chuyên môn và bộ phận văn phòng")
    // (and a ward's or a commune's own units, lowerUnitAfter)
    const staff = unit || (isAnd && STAFF_AFTER_AND.test(next) && startsWithBody(s.slice(a, c.at), true))
      || (isAnd && REST_AFTER_AND.test(next) && startsWithBody(s.slice(a, c.at)) && !/^\s*(?:các|những|mỗi)\s/iu.test(s.slice(a, c.at)));
    if (!staff && (!startsWithBody(next, false) || isBareHead(firstName(next)))) continue;
    // nor is a head word alone before it: "Báo và Đài Phát thanh, Truyền hình Lâm Đồng" is one body
    if (isAnd && isBareHead(s.slice(a, c.at)) && !/^(?:các|mỗi|những)$/iu.test(s.slice(a, c.at).trim())) continue;
    // the Party committee of the Front and the mass organisations is one body: "Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh"
    if (/^(?:Đảng ủy|Đảng uỷ|Đảng bộ)\s+(?:Ủy ban\s+)?(?:Mặt trận Tổ quốc|MTTQ)(?:\s+Việt Nam)?$/u.test(s.slice(a, c.at).trim()) && /^các đoàn thể(?![\p{L}])/u.test(next)) continue;
    // one office serves both: "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh"
    if (isAnd && /Đoàn\s+(?:đại biểu Quốc hội|ĐBQH)$/u.test(s.slice(a, c.at)) && /^(?:HĐND|Hội đồng nhân dân)(?![\p{L}])/u.test(next)) continue;
    // and the office of a district's council and committee: "Văn phòng HĐND và UBND huyện"
    if (isAnd && /^Văn phòng\s+(?:HĐND|Hội đồng nhân dân)$/u.test(s.slice(a, c.at).trim()) && /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)(?![\p{L}])/u.test(next)) continue;
    // ("các sở, các ban, ngành" is one collective; "các Ban Quản lý dự án ..." names bodies of its own)
    if (/^(?:các|những)\s+(?:ban|ngành)\b/iu.test(next) && !/^(?:các|những)\s+Ban\s+\p{Lu}/u.test(next)) continue;
    // ("Các cơ quan, đơn vị, trường học, doanh nghiệp, các cơ sở sản xuất kinh doanh và nhân dân" is one collective of kinds;
    // after a named body, "UBND các quận và các cơ sở giáo dục trực thuộc Sở", the establishments are doers of their own)
    if (/^(?:các|những)\s+cơ sở\s/iu.test(next) && /^(?:các|những)\s/iu.test(s.slice(a, c.at).trim())) continue;
    push(a, c.at);
    a = c.at + c.len;
  }
  push(a, s.length);
  return shareTail(out);
}

/** The elected and executive bodies of a level, named without it before the one that names it: "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố". */
const LEVEL_BODY = String.raw`(?:Hội đồng nhân dân|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|UBND)`;
const LEVEL_HEAD = new RegExp(`^${LEVEL_BODY}$`, 'u');
const LEVEL_TAIL = new RegExp(String.raw`^${LEVEL_BODY}\s+((?:các|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|cấp)(?![\p{L}])[\s\S]*)$`, 'u');

/** Each bare head before the one that names the level takes that level: "Hội đồng nhân dân các tỉnh, thành phố", "Ủy ban nhân dân các tỉnh, thành phố". */
function shareTail(out: BodySpan[]): BodySpan[] {
  if (out.length < 2 || !out.some((b) => LEVEL_HEAD.test(b.text))) return out;
  return out.map((b, i) => {
    if (!LEVEL_HEAD.test(b.text)) return b;
    const next = out.slice(i + 1).find((x) => !LEVEL_HEAD.test(x.text));
    const tail = next ? LEVEL_TAIL.exec(next.text)?.[1] : undefined;
    return tail ? { ...b, text: `${b.text} ${tail}` } : b;
  });
}

function firstName(s: string): string {
  const m = /^[^,;]+/.exec(s);
  return m ? m[0] : s;
}

/**
 * A body set up for a purpose is named by that purpose, verbs and all: "Ban Chỉ đạo thực hiện hỗ trợ nhà ở cho người có công
 * tỉnh", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh", "Tổ công tác triển khai Đề án 06". Its name runs to the
 * sentence's own predicate when one of the words that only a predicate opens follows within the clause (no other body, no
 * stop between); otherwise the first verb ends it as for any name.
 */
const COMMITTEE = /^(?:(?:các|Các)\s+)?(?:Ban [Cc]hỉ đạo|Ban [Qq]uản lý|Ban [Cc]hỉ huy|Ban [Tt]ổ chức|Ban [Đđ]iều hành|Ban [Vv]ận động|Ban [Bb]iên tập|Tiểu ban|Tổ [Cc]ông tác|Tổ giúp việc|Hội đồng|Đoàn [Kk]iểm tra|Đoàn [Cc]ông tác|Đoàn [Gg]iám sát|Ủy ban bầu cử|Uỷ ban bầu cử|Ban bầu cử)(?![\p{L}])/u;
const COMMITTEE_PREDICATE = /\s(?:chủ trì|có trách nhiệm|chịu trách nhiệm|khẩn trương|tham mưu|phối hợp|theo chức năng)(?![\p{L}])/u;

export function committeeName(s: string): string | null {
  const head = COMMITTEE.exec(s);
  if (!head) return null;
  const rest = s.slice(head[0].length);
  const p = COMMITTEE_PREDICATE.exec(rest);
  if (!p) return null;
  const between = rest.slice(0, p.index).replace(/phòng,\s*chống/gu, 'phòng chống');
  // (no stop, no list and no second body inside: "Ban Quản lý dự án, Sở Xây dựng phối hợp ..." is two)
  if (!between.trim() || /[.;:,()"“”]|\s(?:và|cùng|với)\s+(?:\p{Lu}|các\s)|\s(?:cùng|với|để|nhằm|theo|trong|khi|đã|đang|sẽ)\s/u.test(between) || between.trim().split(/\s+/u).length > 16) return null;
  if (/\s(?!tỉnh|huyện|xã|phường|thành phố)/u.test(between) && [...between.matchAll(/\s(?=\p{Lu})/gu)].some((m) => startsWithBody(between.slice(m.index! + 1)) && !/^(?:Chương trình|Đề án|Dự án|Kế hoạch|Cuộc|Phong trào)/u.test(between.slice(m.index! + 1)))) return null;
  return s.slice(0, head[0].length + p.index).trim();
}

/** Cut a body's name where the sentence's verb begins ("Sở Nội vụ hàng tháng có trách nhiệm" -> "Sở Nội vụ"; not at a capitalised word of the name: "Trung tâm Tiếp nhận và Trả kết quả"). */
export function cutAtAction(s: string): string {
  const committee = committeeName(s.trim());
  if (committee) return committee;
  // skip the head word itself so "Trung tâm Phục vụ hành chính công" is not cut at "phục vụ"
  const head = HEAD_RE_I.exec(s.trim().replace(/^(?:các|mỗi|những)\s+/iu, ''));
  const skip = head ? s.length - s.trim().replace(/^(?:các|mỗi|những)\s+/iu, '').length + head[0].length : 0;
  // ("các tổ chức, đoàn thể tuyên truyền": verbs() reads "tổ chức" after "các" or before another kind as a noun)
  const m = ACTION_RE_LOWER.exec(s.slice(skip));
  let out = m ? s.slice(0, skip + m.index) : s;
  // a short name given in brackets after one body of a list ("Giám đốc BHXH các tỉnh (BHXH tỉnh), Thủ trưởng các
  // đơn vị ..."): blanked, offsets kept, so the list goes on; any other bracket ends the name
  out = out.replace(/\s*\([^()]{1,40}\)(?=\s*[,;]\s*(.*)$)/gu, (x, rest: string) => (startsWithBody(rest, true) ? ' '.repeat(x.length) : x));
  out = out.replace(/\s*\(.*$/u, '');
  return out.trim().replace(/[,;:.]+$/, '').trim();
}

/**
 * A collective named by kinds of bodies ("Các cơ quan, đơn vị, địa phương", "các bộ, tỉnh",
 * "các sở, ban, ngành có liên quan") ends where its closed vocabulary ends: the verb after it
 * is not part of the name, whatever the verb ("Các bộ, tỉnh đăng nhập phần mềm ...").
 */
const KIND_NOUN = /^(?:lực lượng vũ trang|ban cán sự|tổ dân phố|khu phố|trạm y tế|hợp tác xã|thôn|ấp|cơ quan ngang bộ|bộ phận|cá nhân|cấp ủy|cấp uỷ|tổ chức cơ sở đảng|tổ chức đảng|tổ chức chính trị - xã hội|chi bộ|đảng bộ|cơ quan|đơn vị|địa phương|sở|ban|ngành|bộ|tỉnh|thành phố|huyện|xã|phường|đặc khu|thị trấn|quận|thị xã|đoàn thể|tổ chức|doanh nghiệp|hội|cơ sở (?:sản xuất kinh doanh|sản xuất|kinh doanh|giáo dục|y tế)|cơ sở|trường học|trường|hộ gia đình|hộ dân|gia đình|nhân dân|người dân|ủy ban|uỷ ban|ngang bộ)(?![\p{L}])/u;
const KIND_QUALIFIER = /^(?:(?:có\s+)?liên quan|(?:của\s+)?các\s+(?:thôn|ấp|tổ dân phố|khu phố|bản|làng)|chuyên môn|chức năng|trực thuộc|thuộc\s+(?:tỉnh|UBND tỉnh|Ủy ban nhân dân tỉnh|thành phố|bộ|sở)|(?:trên địa bàn|trong)(?:\s+(?:tỉnh|thành phố|thị xã|huyện|quận|xã|phường|đặc khu))?|cấp (?:tỉnh|huyện|xã)|tỉnh|trung ương|ngang bộ|nhà nước|hành chính|sự nghiệp(?:\s+công lập)?|công lập)(?![\p{L}])/iu;

/** Nothing but kinds of bodies: "các bộ, các tỉnh", "các sở, ban, ngành, địa phương có liên quan". */
const KIND_ONLY = /^(?:các|mỗi|những)\s+(?:(?:các\s+)?(?:cơ quan ngang bộ|cơ quan|đơn vị|địa phương|sở|ban|ngành|bộ|tỉnh|thành phố|huyện|xã|phường|đặc khu|đoàn thể|doanh nghiệp)(?:\s*,\s*|\s+và\s+|\s+(?=(?:có\s+)?liên quan|trực thuộc|thuộc\s)|$))+(?:(?:có\s+)?liên quan|trực thuộc[\p{L} ]*|thuộc\s+[\p{L} ]+)?$/iu;

export function trimCollective(s: string): string {
  const m = /^(?:các|mỗi|những)\s+/iu.exec(s);
  if (!m) return s;
  let i = m[0].length;
  let end = i;
  // after a comma, "và" or "các" a noun of the kind may come; after a plain space only a
  // qualifier ("các bộ, cơ quan, địa phương tổ chức ...": "tổ chức" there is the verb)
  let nounMayCome = true;
  for (;;) {
    const rest = s.slice(i);
    const k = (nounMayCome ? KIND_NOUN.exec(rest) : null) ?? (end > m[0].length ? KIND_QUALIFIER.exec(rest) : null);
    if (!k) break;
    i += k[0].length;
    // the place's name after its unit ("trên địa bàn tỉnh Lâm Đồng"); what the bodies come under ("trực thuộc Bộ",
    // "trực thuộc UBND tỉnh", not the verb after it: "... trực thuộc Bộ lựa chọn ...")
    // (the ministry or department they come under, by its whole name: "các đơn vị thuộc Sở Y tế", not "thuộc Sở")
    const under = /thuộc\s+(sở|bộ)$/iu.exec(k[0]);
    if (under && /^\s+\p{Lu}/u.test(s.slice(i))) i += cutAtAction(s.slice(i - under[1]!.length)).length - under[1]!.length;
    else if (/(?:tỉnh|phố|xã|huyện|quận|phường|khu)$/u.test(k[0])) i += /^(?:\s+\p{Lu}\p{Ll}*){0,3}/u.exec(s.slice(i))![0].length;
    else if (/thuộc$/u.test(k[0])) {
      const rest = s.slice(i);
      const lead = /^\s*/u.exec(rest)![0].length;
      const head = HEAD_RE.exec(rest.slice(lead));
      // (a head word alone, the next word in lower case, is the body itself: "trực thuộc Bộ lựa chọn ...")
      if (head && /^\s+\p{Ll}/u.test(rest.slice(lead + head[0].length))) i += lead + head[0].length;
      else i += head ? lead + cutAtAction(rest.slice(lead)).length : /^(?:\s+(?:tỉnh|huyện|thành phố|trung ương|quận|xã)){0,2}/iu.exec(rest)![0].length;
    }
    end = i;
    const sep = /^(?:\s*,\s*(?:các\s+)?|\s+và\s+(?:các\s+)?|\s+)/u.exec(s.slice(i));
    if (!sep) break;
    nounMayCome = /[,]|\svà\s|các\s+$/u.test(sep[0]);
    i += sep[0].length;
  }
  if (end <= m[0].length) return s;
  // a relative clause belongs to the name ("các cơ quan, đơn vị được kiểm tra trong năm 2021")
  // (and so does the region they lie in: "các tỉnh vùng Tây Nguyên", "các tỉnh vùng đồng bằng sông Cửu Long")
  if (/^\s*(?:được|do|đã|bị|có|thuộc|nêu|tại|trong|ngoài|còn lại|này|đó|trên|vùng)(?![\p{L}])/iu.test(s.slice(end))) return s;
  // (so does the field and what they come under: "các đơn vị giáo dục trực thuộc Sở")
  if (/^\s+(?:\p{Ll}+\s+){1,3}(?:trực thuộc|thuộc)\s+\p{Lu}/u.test(s.slice(end))) return s;
  return s.slice(0, end);
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
const GIAO = new RegExp(String.raw`(?:^|[.;,]\s+|\s)(?:[Gg]iao(?!\s+ban(?![\p{L}]))(?:\s+(?:nhiệm\s+vụ|trách\s+nhiệm))?(?:\s+cho(?=\s+\p{Lu}|\s+(?:các|(?:thủ\s+)?trưởng|lãnh\s+đạo|giám\s+đốc|hiệu\s+trưởng|bộ\s+phận|phòng|ban)\s))?|[Đđ]ề nghị|[Yy]êu cầu|Ủy quyền|Uỷ quyền|(?<=^)Chuyển(?=\s+\p{Lu})|(?<=^)(?:Đồng ý|Chấp thuận)(?:\s+(?:cho|để))?(?=\s+\p{Lu}))\s+(.{3,260}?)(?<![Bb]an|(?<![\p{L}])(?:[Tt]ổ|[Đđ]ội))\s+(?=${NOT_A_VERB_HERE}(?:${verbs(ASKED_TO)})(?![\p{L}]))`, 'u');
const RESPONSIBLE = /(?:^|[,;]\s+)((?:[\p{Lu}]|các |mỗi )[^,;.:]{0,160}?(?:,\s*[^,;.:]{1,60}?){0,4})\s+(?:(?:hàng|hằng)\s+(?:tháng|quý|năm)\s+|định kỳ\s+)?(?:có trách nhiệm|chịu trách nhiệm|chủ trì)/u;
/** Phrases that frame a sentence before its subject ("Bên cạnh việc ..., các cơ quan, đơn vị thực hiện ..."). */
const FRAME = /^(?:Quý\s+[IVX\d]|Tháng\s+\d|Năm\s+\d|Từ ngày|Đến ngày|Bên cạnh|Về|Trên cơ sở|Căn cứ|Ngoài|Để|Trong|Đối với|Sau khi|Qua|Theo|Nhằm|Với|Hằng năm|Hàng năm|Hằng quý|Hàng quý|Hằng tháng|Hàng tháng|Định kỳ|Trước ngày|Trước|Chậm nhất)(?![\p{L}])/u;

const GIAO_ALL = new RegExp(GIAO.source, 'gu');

/**
 * The first ask of a clause that names bodies: "giao X ...", "đề nghị X ...", "yêu cầu X ..." (not a "giao" inside brackets,
 * "(phần ngân sách giao Ủy ban nhân dân cấp tỉnh) ..."; past a "yêu cầu" that names none, "Để đáp ứng yêu cầu chỉ đạo, điều
 * hành của Chính phủ, Thủ tướng Chính phủ yêu cầu Ủy ban nhân dân các tỉnh ... báo cáo ...").
 */
/**
 * An ask that is what someone is advised to make, not the letter's own: "Phối hợp Ban X tham mưu Thường trực HĐND đề nghị UBND
 * Thành phố sớm thống nhất ...", "kiến nghị Bộ Tài chính giao ..." (the words before the ask, in its clause).
 */
const ADVISED = /(?:^|\s)(?:tham mưu|kiến nghị|đề xuất)(?:\s[^.;:,]{0,80})?\s$/u;

function askOf(clause: string): RegExpExecArray | null {
  GIAO_ALL.lastIndex = 0;
  for (let tries = 0; tries < 4; tries++) {
    const m = GIAO_ALL.exec(clause);
    if (!m) return null;
    if (startsWithBody(m[1]!, true) && !insideBrackets(clause, m.index) && !/^[^(]*\)/u.test(m[1]!) && !ADVISED.test(clause.slice(0, m.index + 1))) return m;
    // (the next ask may sit inside this one's words: try again just after where this one began)
    GIAO_ALL.lastIndex = m.index + 1;
  }
  return null;
}

/** Whether a text ends inside a quotation it opened ("... cuộc vận động “Toàn dân", '... "Toàn dân'). */
function insideQuotes(before: string): boolean {
  const straight = (before.match(/"/gu) ?? []).length;
  return straight % 2 === 1 || before.lastIndexOf('“') > before.lastIndexOf('”');
}

/** Whether `at` is inside an open round bracket of `text`. */
function insideBrackets(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28) depth++;
    else if (c === 0x29 && depth > 0) depth--;
  }
  return depth > 0;
}

/** The first sentence of a text (the item's own words, not later sentences about other doers). */
function firstSentence(text: string): string {
  const m = /[.!?](?:\s+)(?=\p{Lu})/u.exec(text);
  return m ? text.slice(0, m.index + 1) : text;
}

/**
 * The subject of a clause: the bodies before its predicate ("Các cơ quan, đơn vị được kiểm tra
 * trong năm 2021 khắc phục ngay ..." -> that group; "X; Y phải ..." -> X, Y).
 * A verb after "được" belongs to the name (a passive relative clause).
 */
export function subjectOf(clause: string): BodySpan[] | null {
  if (!startsWithBody(clause, true)) return null;
  // a collective of kinds of bodies, then a word in lower case: its verb, whatever the verb
  const coll = trimCollective(clause);
  // (not when "và" or a comma joins another body to it: "Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã ...")
  const joined = /^\s*(?:,|và)\s+/u.exec(clause.slice(coll.length));
  if (coll !== clause && /^\s+\p{Ll}/u.test(clause.slice(coll.length)) && !(joined && startsWithBody(clause.slice(coll.length + joined[0].length), true))) {
    const bodies = splitBodies(coll.replace(/[,;:\s]+$/u, ''), { comma: true });
    if (bodies.length && bodies.every((b) => startsWithBody(b.text, true))) return bodies;
  }
  // a body named for its place ends with the place's name: "Ủy ban nhân dân tỉnh Tây Ninh tính toán lại ..." (whatever
  // the verb in lower case after it; not when another body or a qualifier follows: "... tỉnh X và Sở Y", "... tỉnh X có liên quan")
  const placed = PLACED_BODY.exec(clause);
  // (and no verb before the place: "Đoàn công tác làm việc tại tỉnh Lâm Đồng ..." is "Đoàn công tác")
  if (placed && !FIRST_PREDICATE.test(placed[0]) && !/\s(?:tại|ở|về|cho|đến|từ|trên|làm)\s/u.test(placed[0]) && startsWithBody(placed[0], true) && !/^\s*(?:,|;|và|cùng|với|thuộc|trực thuộc|của|có liên quan|liên quan)(?![\p{L}])/u.test(clause.slice(placed[0].length)) && !/^\s+(?:(?:kính|trân trọng|khẩn thiết|tha thiết)\s+)?(?:đề nghị|yêu cầu|giao)(?![\p{L}])/u.test(clause.slice(placed[0].length))) {
    return [{ text: placed[0], start: 0, end: placed[0].length }];
  }
  const committee = committeeName(clause);
  if (committee) return [{ text: committee, start: 0, end: committee.length }];
  for (const m of clause.matchAll(PREDICATE_RE)) {
    if (m.index! > 220) break;
    const before = clause.slice(0, m.index!);
    // (a word inside a quoted name is the name's: Trưởng Ban Chỉ đạo cuộc vận động "Toàn dân đoàn kết xây dựng ...")
    // (nor a verb after "cuộc", which makes it a noun: "cuộc vận động", "cuộc thi")
    if (insideQuotes(before) || /(?:^|\s)cuộc\s+$/u.test(before)) continue;
    if (/(?:được|do|đã được|sẽ được|bị)\s+$/u.test(before)) continue;
    // (but "trực thuộc" ends a name: "Các Liên chi Đoàn, Chi Đoàn trực thuộc căn cứ ...", "Đoàn trực thuộc xây dựng ...")
    if (/(?:^|\s)(?:thuộc|của|về|trong)\s+$/u.test(before) && !/(?:^|\s)trực thuộc\s+$/u.test(before)) continue;
    // "Ủy ban bầu cử", "Tổ bầu cử": the election, not the verb "cử"
    if (/(?:^|\s)bầu\s+$/u.test(before) && m[0] === 'cử') continue;
    // "Ban chỉ đạo ..." (a body, written in lower case), "cơ sở sản xuất": no verb
    if ((/(?:^|\s)[Bb]an\s+$/u.test(before) && m[0] === 'chỉ đạo') || (/(?:^|\s)sản\s+$/u.test(before) && m[0].startsWith('xuất'))) continue;
    // "X theo chức năng, nhiệm vụ được giao chủ động ...": the qualifier is not part of X's name;
    // nor is an apposition ("Sở Nội vụ là cơ quan thường trực của Hội đồng có trách nhiệm ...")
    // (nor who gave it the work: "Phòng Văn hóa và Thông tin được UBND huyện giao chủ trì ...")
    const prefix = before.replace(/\s+là\s+(?:cơ quan|đơn vị|thành viên|thường trực|đầu mối)[^,;]*$/u, '').replace(/\s+(?:đã\s+)?được\s+(?:[^,;]{2,60}\s)?giao\s*$/u, '').replace(FUNCTION_QUALIFIER, '').trimEnd().replace(/[,;:]+$/, '').replace(/\s+(?:chỉ|cũng|vẫn|luôn)$/u, ''); // not trimStart: the spans count from the clause's start
    if (!prefix) return null;
    // "Văn phòng Chính phủ đề nghị các cơ quan có ý kiến ...": the one who asks is not the doer, the one asked is
    const ask = ASKS_INSIDE.exec(prefix);
    const asked = ask && startsWithBody(prefix.slice(0, ask.index), true) ? askedOf(clause, ask.index + ask[0].length) : null;
    if (asked) return asked;
    // (one who asks and those asked that no rule names, "Bộ X đề nghị Quý cơ quan, đơn vị tham vấn ...": not one doer)
    if (ask && startsWithBody(prefix.slice(0, ask.index), true)) return null;
    const bodies = splitBodies(prefix, { comma: true }).map(trimmed);
    if (bodies.length && bodies.every((b) => startsWithBody(b.text, true))) return bodies;
    return null;
  }
  return null;
}

/** A body's name that ends with its place: "<head words> tỉnh|thành phố|huyện|... <Capitalised words>", then a word in lower case. */
const PLACED_BODY = /^(?:\p{Lu}[\p{L}]*)(?:\s+[\p{L}]+){0,8}?\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+\p{Lu}[\p{L}]*(?:(?:\s+|\s*-\s*)\p{Lu}[\p{L}]*){0,4}(?=\s+\p{Ll})/u;

/** An ask inside a sentence, in lower case: "X đề nghị Y ...", "X kính đề nghị Y ...", "X yêu cầu Y ...". */
const ASKS_INSIDE = /(?<!được|bị)\s(?:(?:kính|trân trọng|khẩn thiết|tha thiết)\s+)?(?:đề nghị|yêu cầu|giao cho|giao)\s+(?:(?:đồng chí|đ\/c)\s+(?=\p{Lu}))?(?=\S)/u;

/**
 * The bodies asked from `at` on: the sentence's subject there, up to its first verb ("các đơn vị tham
 * gia ý kiến" -> "các đơn vị"; "các cơ quan có ý kiến chính thức ..." -> "các cơ quan").
 */
function askedOf(clause: string, at: number): BodySpan[] | null {
  const rest = clause.slice(at);
  if (!startsWithBody(rest, true)) return null;
  const shortest = cutAtAction(firstSentence(rest));
  const subj = subjectOf(rest);
  const bodies = subj && subj[subj.length - 1]!.end <= shortest.length ? subj : splitBodies(shortest, { comma: true });
  if (!bodies.length || !bodies.every((b) => startsWithBody(b.text, true))) return null;
  return bodies.map((b) => shift(b, at));
}

/** "theo chức năng, nhiệm vụ (được giao)", "căn cứ chức năng, nhiệm vụ", "trong phạm vi chức năng, nhiệm vụ của mình" after a name. */
// (and three of them: "theo chức năng, nhiệm vụ, quyền hạn được giao"; or "trong phạm vi trách nhiệm quản lý")
const FUNCTION_QUALIFIER = /,?\s+(?:theo|căn cứ|trên cơ sở|trong phạm vi|thuộc phạm vi)\s+(?:chức năng|thẩm quyền|nhiệm vụ|trách nhiệm(?:\s+quản lý)?)(?:(?:\s*,\s*|\s+và\s+|\s+)(?:nhiệm vụ|quyền hạn|thẩm quyền|lĩnh vực|phạm vi quản lý)){0,3}(?:\s+(?:được giao|của mình|của đơn vị|quy định))?[,\s]*$/u;

/** "X chỉ đạo ...", "X hướng dẫn ...": X, who directs others. */
const DIRECTS = /^(.{3,120}?)\s+(?:chỉ đạo|lãnh đạo|hướng dẫn|đôn đốc)(?:\s|$)/u;

/** An apposition after a name: "Công an tỉnh là cơ quan thường trực, ...". */
const APPOSITION = /,?\s+là\s+(?:cơ quan|đơn vị|thành viên|thường trực|đầu mối).*$/u;

const TOPIC_END = /(?:như|gồm|bao gồm|là|sau|sau đây|cụ thể|như sau)\s*$/u;

/** Who the item's own words say must act: "X: ...", "Giao X chủ trì", "X có trách nhiệm", "X <verb> ...". */
/** A person asked by office, with the honorific a letter gives ("Đồng chí Bí thư Tỉnh ủy ...", "Đ/c Chủ tịch ...", "Các đồng chí Bộ trưởng, Thủ trưởng ..."). */
// (also "Ông." / "Bà:" before a member given duties: "Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; ...")
const HONORIFIC = /^(?:Các\s+(?=đồng))?(?:[Đđ]ồng\s?chí|Đ\/c|Ông\s*[.:]|Bà\s*[.:])\s*(?=\p{Lu})/u;
/** An appeal in the first person: "Tôi khẩn thiết đề nghị đồng chí Bí thư ...", "Chúng tôi đề nghị Quý cơ quan ...": the one asked. */
const FIRST_PERSON_ASK = /^(?:Tôi|Chúng tôi)(?:\s+\p{Ll}+){0,2}?\s+(?:đề nghị|yêu cầu|mong|kêu gọi)\s+(?:(?:đồng chí|đ\/c)\s+(?=\p{Lu}))?(?=\p{Lu}|các\s)/u;

/** The work, a colon, then the person it is given to: "Dán bảng ảnh, sắp xếp môi trường : Cô Nghiêm", "... : Thầy Nguyễn Văn A - PHT." */
const ASSIGNEE_AFTER_COLON = /^[^:]{3,200}?\s:\s*((?:Cô|Thầy|Anh|Chị|Ông|Bà|Đ\/c|Đồng chí)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,4})(\s*[-–]\s*\p{Lu}{1,5})?\s*\.?\s*$/u;

function leadOfPlain(text: string): Assignment | null {
  const me = FIRST_PERSON_ASK.exec(text);
  if (me) {
    const a = leadOfText(text.slice(me[0].length));
    const off = me[0].length;
    const asked = a ?? (startsWithBody(text.slice(off), true) ? { lead: splitBodies(cutAtAction(firstSentence(text.slice(off))), { comma: true }), support: supportOfPlain(text.slice(off)), rule: 'lead.firstPerson' } : null);
    return asked && { ...asked, lead: asked.lead.map((b) => shift(b, off)), support: asked.support.map((b) => shift(b, off)) };
  }
  // the office is the doer, the honorific is not part of its name
  const h = HONORIFIC.exec(text);
  if (h) {
    const off = h[0].length;
    const member = OFFICE_BEFORE_COLON.exec(text.slice(off));
    if (member && !OFFICE_ASKS.test(member[1]!)) return { lead: [{ text: member[1]!, start: off, end: off + member[1]!.length }], support: supportOfPlain(text), rule: 'lead.member' };
    const a = leadOfText(text.slice(off));
    return a && { ...a, lead: a.lead.map((b) => shift(b, off)), support: a.support.map((b) => shift(b, off)) };
  }
  // a plan's assignment line, the work first and its person after a colon: "Trang bị đồ dùng phục vụ lễ hội : Cô Nguyễn Thị
  // Xuân Lan – PHT.", "+ Giăng dây, bơm bong bóng : Anh Khải" (the person without the post's initials)
  const assignee = ASSIGNEE_AFTER_COLON.exec(text);
  if (assignee) {
    const name = assignee[1]!;
    const at = text.indexOf(name, text.lastIndexOf(':'));
    return { lead: [{ text: name, start: at, end: at + name.length }], support: [], rule: 'lead.assignee' };
  }
  const own = leadOfText(text);
  if (own) return own;
  // a consent that names the body to act, its verb one the asks' list lacks: "Đồng ý Ủy ban nhân dân tỉnh Thái Nguyên lập Đề án ..."
  const consent = CONSENT.exec(text);
  const subj = consent ? subjectOf(text.slice(consent[0].length)) : null;
  return subj?.length ? { lead: subj.map((b) => shift(b, consent![0].length)), support: supportOfPlain(text), rule: 'lead.consent' } : null;
}

/**
 * After the honorific, a member given duties by office: "Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban: Trực tiếp
 * chỉ đạo ..." (the whole office up to the colon, a verb's words among its own: "Trưởng Ban xây dựng Đảng"); not one who
 * directs or asks before the colon ("Chủ tịch UBND tỉnh đã chỉ đạo: ...").
 */
const OFFICE_BEFORE_COLON = /^(\p{Lu}[^:;.]{2,160}?)(?=\s*:\s*\S)/u;
const OFFICE_ASKS = /(?:^|\s)(?:giao|đề nghị|yêu cầu|chỉ đạo|có ý kiến|kết luận|lưu ý|nhấn mạnh)(?![\p{L}])/u;

/** A consent that names whom it lets act: "Đồng ý Ủy ban nhân dân tỉnh ...", "Chấp thuận cho Trung tâm ...". */
export const CONSENT = /^(?:Đồng ý|Chấp thuận)\s+(?:cho\s+|để\s+)?(?=\p{Lu})/u;

/** A leader's lead-in run into its first order: "UBND tỉnh có ý kiến như sau: Sở Thông tin và Truyền thông chủ trì ...". */
const OPINION_INTRO = /^[^:;.]{3,200}?\s(?:có ý kiến(?:\s+chỉ đạo)?|kết luận(?:\s+và\s+chỉ đạo)?|chỉ đạo)\s+(?:như sau|sau đây)\s*:\s*(?=\p{Lu})/u;

function leadOfText(text: string): Assignment | null {
  text = unquoted(text);
  const intro = text.includes(' như sau') || text.includes(' sau đây') ? OPINION_INTRO.exec(text) : null;
  if (intro) {
    const off = intro[0].length;
    const a = leadOfText(text.slice(off));
    return a && { ...a, lead: a.lead.map((b) => shift(b, off)), support: a.support.map((b) => shift(b, off)) };
  }
  let clause = firstSentence(text);
  let off = 0;
  let m = COLON_PREFIX.exec(clause);
  // a frame before the one who asks ("Để có cơ sở trình Thủ tướng, Bộ X đề nghị các Bộ: A, B góp ý ..."): read
  // from who asks
  if (m && FRAME.test(m[1]!)) {
    const head = m[1]!;
    const cut = [...head.matchAll(/,\s+/gu)].map((c) => c.index! + c[0].length).find((at) => startsWithBody(head.slice(at)) && ASKS_INSIDE.test(head.slice(at)));
    const a = cut === undefined ? null : leadOfText(text.slice(cut));
    if (a && a.lead.length) return { ...a, lead: a.lead.map((b) => shift(b, cut!)), support: supportOfPlain(text) };
  }
  // "Đối với X: <duties>": X is the doer, as a heading "Đối với X:" gives its items ("Đối với đơn vị được kiểm tra: Chuẩn bị báo
  // cáo ...", "Đối với các sở, ban, ngành: Chủ động rà soát ...")
  const forBody = m ? /^Đối với\s+/u.exec(m[1]!) : null;
  if (m && forBody && /^\s*\p{Lu}/u.test(clause.slice(m[0].length)) && startsWithBody(m[1]!.slice(forBody[0].length), true) && opensWithVerb(clause.slice(m[0].length))) {
    const who = m[1]!.slice(forBody[0].length);
    return { lead: splitBodies(who, { comma: !KIND_ONLY.test(who.trim()) }).map((b) => shift(b, forBody[0].length)), support: supportOfPlain(text), rule: 'lead.forBodyColon' };
  }
  // (a verb in the words before the colon is in lower case: "Sở Xây dựng: 01 đồng chí" names a body)
  if (m && startsWithBody(m[1]!) && !ACTION_RE_LOWER.test(stripHead(m[1]!))) {
    // "Bộ X đề nghị các Bộ: A, B góp ý ...": the list belongs to those asked
    let who = m[1]!, at = 0;
    const ask = ASKS_INSIDE.exec(who);
    if (ask && startsWithBody(who.slice(0, ask.index), true) && startsWithBody(who.slice(ask.index + ask[0].length), true)) {
      at = ask.index + ask[0].length;
      who = who.slice(at);
    }
    const listed = inlineList(who, clause.slice(m[0].length), m[0].length - at);
    if (listed) return { lead: listed.map((b) => shift(b, at)), support: supportOfPlain(text), rule: 'lead.collectiveList' };
    const bodies = splitBodies(who, { comma: true });
    return { lead: bodies.map((b) => shift(b, at)), support: supportOfPlain(text), rule: 'lead.colonPrefix' };
  }
  // "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng: Phối hợp ...": the one who directs
  const directs = m ? DIRECTS.exec(m[1]!) : null;
  if (directs && startsWithBody(directs[1]!) && !ACTION_RE.test(stripHead(directs[1]!))) {
    return { lead: splitBodies(directs[1]!, { comma: true }), support: supportOfPlain(text), rule: 'lead.directs' };
  }
  // a body and its verb before a colon that lists something else ("Bộ Kế hoạch và Đầu tư nghiên cứu, tiếp thu ý kiến của
  // các Bộ: Tài chính, Tư pháp, ..."): the subject is the doer
  if (m && startsWithBody(m[1]!) && ACTION_RE_LOWER.test(stripHead(m[1]!))) {
    const subj = subjectOf(clause);
    if (subj?.length && subj[subj.length - 1]!.end <= m[1]!.length) return { lead: subj, support: supportOfPlain(text), rule: 'lead.subject' };
  }
  // a noun topic before a colon ("Tiêu chí ...: Các cơ quan, đơn vị tổ chức ..."): read the clause after it
  // (not a colon inside brackets, "(qua Công an tỉnh - Email: ...)", nor one after an ask, "Yêu cầu X ...:")
  if (m && !TOPIC_END.test(m[1]!) && !startsWithPredicate(m[1]!) && !/\([^)]*$/u.test(m[1]!) && !/(?:^|\s)(?:[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu)\s/u.test(m[1]!)) {
    off = m[0].length;
    clause = clause.slice(off);
    // (the words after the colon may go on in lower case, a frame first: "Về hỗ trợ vốn ...: trước mắt, Ủy ban nhân dân tỉnh
    // Đắk Lắk ... sử dụng ..."; read as a sentence's start, one letter changed, so every offset holds)
    const raised = /^\p{Ll}/u.test(clause) ? clause.charAt(0).toLocaleUpperCase('vi') + clause.slice(1) : clause;
    if (raised !== clause && FRAME.test(raised) && /^[^,;.]{1,60},\s/u.test(raised)) clause = raised;
  }
  const at = (list: BodySpan[], o: number) => list.map((b) => shift(b, o + off));
  // "Giao Văn phòng HĐND và UBND huyện: Thẩm định chương trình ...": the body asked, then its duties after a colon (not a
  // collective whose members the colon lists: "Giao các Bộ: Công an, Tài chính, ...")
  // (or in lower case, after a time: "Đề nghị các cơ quan, đơn vị ..., UBND các xã, phường: kể từ ngày 1/6/2019, không treo ...")
  const colonAsk = /^(?:Giao|Đề nghị|Yêu cầu)\s+([^:;.]{3,160}?)\s*:\s+(?=\p{Lu}|(?:kể từ|từ ngày|trước ngày|chậm nhất|không)\s)/u.exec(clause);
  const work = colonAsk ? clause.slice(colonAsk[0].length) : '';
  if (colonAsk && startsWithBody(colonAsk[1]!, true) && (opensWithVerb(work) || /^(?:kể từ|từ ngày|trước ngày|chậm nhất)\s[^,;]{3,40},\s*(?:không|\p{Ll}+\s)/u.test(work)) && cutAtAction(colonAsk[1]!) === colonAsk[1]!.trim()) {
    const o = colonAsk[0].indexOf(colonAsk[1]!);
    return { lead: at(splitBodies(colonAsk[1]!), o), support: supportOfPlain(text), rule: 'lead.giao' };
  }
  m = askOf(clause);
  // an item that opens with its own verb and goes on to ask others ("Phối hợp với Bộ X rà soát, yêu cầu các tổ chức, doanh
  // nghiệp thực hiện ...", "Tổ chức kiểm tra ...; yêu cầu các đơn vị ..."): the asking is its doer's work, and the doer is the
  // one the item inherits (in every gold record of the kept-aside sets so graded)
  if (m && m.index > 0 && /^[.;,]?\s*(?:yêu cầu|đề nghị)\s/iu.test(m[0]) && opensWithVerb(clause) && !FRAME.test(clause) && !/\.\s/u.test(clause.slice(0, m.index))) m = null;
  if (m) {
    const o = m.index + m[0].indexOf(m[1]!);
    // (a body named by its purpose runs past the first verb: "Giao Ban Chỉ đạo thực hiện ... tỉnh chủ trì ...")
    const given = at(splitBodies(committeeName(clause.slice(o)) ?? cutAtAction(m[1]!.replace(APPOSITION, ''))), o);
    // a clause of its own before it, with its own doer ("Ủy ban nhân dân tỉnh Quảng Ninh báo cáo rõ ..., gửi Bộ X trước
    // ngày ...; trên cơ sở đó, giao Bộ X chủ trì ..."): both do the item's work, the first one first
    const semi = clause.lastIndexOf(';', m.index);
    const first = semi > 0 ? subjectOf(clause.slice(0, semi)) : null;
    const verb = first?.length ? clause.slice(first[first.length - 1]!.end).trimStart() : '';
    // (not one who agrees or asks: "Thủ tướng Chính phủ đồng ý ...; giao Bộ X ...")
    if (first && first.length && !/^(?:(?:đã|cơ bản|về cơ bản)\s+)?(?:đồng ý|thống nhất|nhất trí|chấp thuận|cho phép|có ý kiến|yêu cầu|đề nghị|giao|chỉ đạo|kết luận|quyết định|ghi nhận|biểu dương|hoan nghênh|đánh giá)(?![\p{L}])/iu.test(verb)) {
      const names = new Set(given.map((b) => b.text.toLowerCase()));
      return { lead: [...at(first, 0).filter((b) => !names.has(b.text.toLowerCase())), ...given], support: supportOfPlain(text), rule: 'lead.subjectThenGiao' };
    }
    return { lead: given, support: supportOfPlain(text), rule: 'lead.giao' };
  }
  // (the pattern tries up to 160 characters at every comma: only where its words are)
  m = /trách nhiệm|chủ trì/u.test(clause) ? RESPONSIBLE.exec(clause) : null;
  if (m && startsWithBody(m[1]!, true) && !FRAME.test(m[1]!)) {
    const o = m.index + m[0].indexOf(m[1]!);
    const who = m[1]!.replace(APPOSITION, '').replace(FUNCTION_QUALIFIER, '').trim();
    // "X xây dựng báo cáo ... và chịu trách nhiệm ...": the subject ends at its first verb
    const subj = m.index === 0 ? subjectOf(clause) : null;
    const last = subj?.[subj.length - 1];
    if (subj && last && last.end < o + who.length) return { lead: at(laterDoers(subj, clause), 0), support: supportOfPlain(text), rule: 'lead.subject' };
    // (bodies before it, each ended by ';': "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện có trách nhiệm:")
    const before = m.index > 0 && /;\s*$/u.test(clause.slice(0, o)) ? clause.slice(0, clause.slice(0, o).lastIndexOf(';')) : '';
    const first = before && before.split(';').every((x) => startsWithBody(x, true) && !FIRST_PREDICATE.test(stripHead(x))) ? splitBodies(before) : [];
    return { lead: at(laterDoers([...first, ...splitBodies(who).map((b) => shift(b, o))], clause), 0), support: supportOfPlain(text), rule: 'lead.responsible' };
  }
  const subj = subjectOf(clause);
  if (subj) return { lead: at(laterDoers(subj, clause), 0), support: supportOfPlain(text), rule: off ? 'lead.afterTopic' : 'lead.subject' };
  if (FRAME.test(clause)) {
    // "Bên cạnh việc ..., các cơ quan, đơn vị thực hiện ..."
    // (a time frame whose own words go on to the verb has no subject after it: "Định kỳ hoặc đột xuất tổng hợp, báo cáo Ủy ban
    // nhân dân tỉnh, Bộ Tài chính về ...": whom it reports to, not a doer)
    const timed = /^(?:Định kỳ|Hằng năm|Hàng năm|Hằng quý|Hàng quý|Hằng tháng|Hàng tháng|Quý\s+[IVX\d]+|Tháng\s+\d+|Năm\s+\d+|Trước ngày|Chậm nhất)(?![\p{L}])[^,;]*/u.exec(clause);
    const subjectless = !!timed && FIRST_PREDICATE.test(timed[0].replace(/(?<![\p{L}])(?:định kỳ|hằng|hàng|mỗi|đột xuất|hoặc|và|năm|quý|tháng|tuần|ngày|chậm nhất|trước|\d+|[IVX]+)(?![\p{L}])/giu, ' ').trim());
    for (const c of subjectless ? [] : clause.matchAll(/,\s+(?=(?:các|mỗi|những)\s|\p{Lu})/gu)) {
      // (not once the predicate has begun without a subject: "Theo chức năng, nhiệm vụ ... được giao, chủ trì, phối hợp với Bộ
      // A, Bộ B, các địa phương lập Quy hoạch ...": the bodies after it are whom the heading's doer works with)
      if (/,\s*(?:chủ trì|phối hợp|có trách nhiệm)(?![\p{L}])/u.test(clause.slice(0, c.index!))) break;
      const o = c.index! + c[0].length;
      const s2 = subjectOf(clause.slice(o));
      if (s2) return { lead: at(s2, o), support: supportOfPlain(text), rule: 'lead.framedSubject' };
    }
    // "Đối với X" and X's verb, no comma between: X is the subject ("Đối với các đơn vị giáo dục trực thuộc Sở tổ chức quán
    // triệt ..."), not the last capital in it
    // (not cases: "Đối với các trường hợp ...")
    // (nor the matter of an ask after it: "Đối với ..., giao trách nhiệm cho X kiểm tra ...")
    // (nor a condition whose consequence follows: "Đối với các huyện chưa báo cáo ... thì khẩn trương báo cáo ...")
    const forBody = /,\s*(?:giao|đề nghị|yêu cầu)\s|\sthì\s/u.test(clause) ? null : /^Đối với\s+(?=(?:các|mỗi|những)\s(?!\s*trường\s+hợp)|\p{Lu})/u.exec(clause);
    const s4 = forBody && startsWithBody(clause.slice(forBody[0].length), true) ? subjectOf(clause.slice(forBody[0].length)) : null;
    const s4end = s4 ? forBody![0].length + s4[s4.length - 1]!.end : 0;
    if (s4 && !clause.slice(0, s4end).includes(',') && /^\s+\p{Ll}/u.test(clause.slice(s4end))) return { lead: at(s4, forBody![0].length), support: supportOfPlain(text), rule: 'lead.forBody' };
    // a frame of words in lower case and no comma after it: "Căn cứ vào tình hình thực tế BHXH các quận, huyện, thị xã
    // chủ động phối hợp ..." (the body opens with the first capital)
    // (the frame's own words no verb and not ending in a preposition: "Định kỳ hằng tháng báo cáo Ủy ban nhân dân tỉnh ...",
    // "Trên cơ sở báo cáo của Sở Nội vụ, ..." name whom to report to or whose report)
    const bare = /^\p{Lu}\p{Ll}*(?:\s+\p{Ll}+){1,10}\s+(?=\p{Lu})/u.exec(clause);
    const words = bare ? bare[0].replace(FRAME, '').trim() : '';
    const plain = bare && !FIRST_PREDICATE.test(words) && !/(?:^|\s)(?:của|về|cho|với|tại|đến|từ|gửi|trình|và|theo|qua)$/u.test(words);
    const s3 = plain ? subjectOf(clause.slice(bare[0].length)) : null;
    if (s3) return { lead: at(s3, bare![0].length), support: supportOfPlain(text), rule: 'lead.framedSubject' };
  }
  // the doer given in brackets after the work: "Xây dựng Quy chế bảo vệ BMNN (Giao Công an tỉnh chủ trì, phối hợp với ...)"
  const bracketed = /\(\s*[Gg]iao\s+(?=\p{Lu})([^()]{2,200})\)/u.exec(clause);
  if (bracketed) {
    const o = bracketed.index + bracketed[0].indexOf(bracketed[1]!);
    const bodies = splitBodies(cutAtAction(bracketed[1]!), { comma: true });
    if (bodies.length && bodies.every((b) => startsWithBody(b.text, true) && !isBareHead(b.text))) return { lead: at(bodies, o), support: supportOfPlain(text), rule: 'lead.bracketed' };
  }
  // a condition, then its consequence's doer: "Sau khi kiểm tra, đối với những hồ sơ đủ điều kiện thì Sở X giới thiệu ...",
  // "..., nếu ... thì Giám đốc Sở Tư pháp có trách nhiệm chủ trì ..." (the one home of "thì" before a doer)
  const then = /(?:^|[\s,])thì\s+(?=\p{Lu})/u.exec(clause);
  if (then) {
    const o = then.index + then[0].length;
    const s4 = subjectOf(clause.slice(o));
    if (s4 && s4.every((b) => !isBareHead(b.text) && !/[()]/u.test(b.text))) return { lead: at(s4, o), support: supportOfPlain(text), rule: 'lead.consequence' };
  }
  // an ask of collectives with a verb no list holds: "Yêu cầu các cơ sở kinh doanh, các hộ gia đình đổ rác đúng thời gian ...",
  // "Đề nghị các hộ gia đình thu gom ...": the collectives, up to the first word in lower case after them
  const asks = /^(?:Yêu cầu|Đề nghị)\s+(?=(?:các|những|mỗi)\s)/u.exec(clause);
  const asked = asks ? subjectOf(clause.slice(asks[0].length)) : null;
  if (asked?.length && asked.every((b) => /^(?:các|những|mỗi)\s/u.test(b.text))) return { lead: at(asked, asks![0].length), support: supportOfPlain(text), rule: 'lead.giao' };
  return null;
}

/**
 * The doers of the clauses after ';' that open with a body and its verb, after the first clause's ("UBND các phường, xã có
 * trách nhiệm kiểm tra ...; Thủ trưởng các cơ quan, đơn vị chỉ đạo ..."): both do the item's work. Spans count from the clause.
 */
function laterDoers(first: BodySpan[], clause: string): BodySpan[] {
  if (!clause.includes(';')) return first;
  const out = [...first];
  const names = new Set(first.map((b) => b.text.toLowerCase()));
  for (const m of clause.matchAll(/;\s+(?=\p{Lu})/gu)) {
    const o = m.index! + m[0].length;
    if (o <= (first[first.length - 1]?.end ?? 0)) continue;
    const next = subjectOf(clause.slice(o));
    if (!next?.length || next.some((b) => isBareHead(b.text) || /[()]/u.test(b.text)) || next[0]!.start !== 0) continue;
    const verb = clause.slice(o + next[next.length - 1]!.end).trimStart();
    if (!startsWithPredicate(verb)) continue;
    for (const b of next) if (!names.has(b.text.toLowerCase())) { names.add(b.text.toLowerCase()); out.push(shift(b, o)); }
  }
  return out;
}

/**
 * A collective with its members listed after a colon, then the verb: "Các bộ, cơ quan ngang bộ: Tài
 * chính; Tư pháp; Văn phòng Chính phủ phối hợp với ...", "Chủ tịch UBND các tỉnh: Hà Tĩnh, Quảng Trị
 * chỉ đạo ...": one doer, written with its list. Bodies before the collective ("UBND các tỉnh, ..., các
 * Bộ: Nông nghiệp và Phát triển nông thôn, Y tế và các cơ quan có liên quan phải ...") and after its
 * list (a body of its own, or "và các ..." in lower case) are doers of their own. Not a topic after the
 * colon ("Các bộ, các tỉnh: Phân công nhiệm vụ ..."). `gap` is where `after` starts in the clause.
 */
function inlineList(prefix: string, after: string, gap: number): BodySpan[] | null {
  const before = splitBodies(prefix, { comma: true });
  const collective = before[before.length - 1];
  if (!collective || !/(?:^|\s)(?:các|những)\s/iu.test(collective.text)) return null;
  // (the list runs to the verb; a verb the list of predicates lacks: to the sentence's end)
  const verb = FIRST_PREDICATE.exec(after);
  const span = verb ? after.slice(0, verb.index) : firstSentence(after);
  const parts = [...span.matchAll(/[^;,]+/gu)].map((p) => ({ text: p[0], at: p.index! }));
  if (parts.length < 2 || opensWithVerb(parts[0]!.text)) return null;
  // the members: short capitalised names, up to a body of its own or "và các ..." in lower case
  let end = 0, n = 0;
  for (const p of parts) {
    const t = p.text.trim();
    // (up to "và các ..." or "và" a body of its own: "Giao Bộ trưởng các Bộ: Công Thương, ..., Giao thông vận tải và Thống đốc
    // Ngân hàng Nhà nước Việt Nam ...", not the "và" inside a member's name, "Nông nghiệp và Phát triển nông thôn")
    const joined = /\s+và\s+(?=(?:các|những)\s)/u.exec(t) ?? [...t.matchAll(/\s+và\s+/gu)].find((m) => startsWithBody(t.slice(m.index! + m[0].length)) && !isBareHead(t.slice(m.index! + m[0].length))) ?? null;
    const member = joined ? t.slice(0, joined.index) : t;
    if (!/^\p{Lu}/u.test(member) || member.split(/\s+/).length > 8 || /[.:()]/.test(member)) break;
    if (n > 0 && startsWithBody(member) && (member.split(/\s+/).length > 4 || /\s(?:các|những)\s/u.test(member))) break;
    n++;
    end = p.at + p.text.indexOf(member) + member.length;
    if (joined) break;
  }
  if (n < 2 && !(n === 1 && end < span.trimEnd().length)) return null;
  const list = span.slice(0, end).trim();
  if (n === 1 && !/\s+và\s+(?:các|những)\s|^\s*,\s*\p{Lu}/u.test(span.slice(end))) return null;
  const whole = `${collective.text}: ${list}`;
  const out = [...before.slice(0, -1), { text: whole, start: collective.start, end: gap + end }];
  const rest = span.slice(end).replace(/[,;\s]+$/u, '');
  const lead = /^(?:\s*,\s*|\s+và\s+)/u.exec(rest);
  if (lead) {
    for (const b of splitBodies(verb ? rest.slice(lead[0].length) : cutAtAction(rest.slice(lead[0].length)), { comma: true })) {
      if (startsWithBody(b.text, true)) out.push(shift(b, gap + end + lead[0].length));
    }
  }
  return out;
}

/**
 * The text with its quotations of another text blanked (same length, so offsets hold): who acts in
 * a quoted clause ("Đối với quy định “Sau khi ..., Hội X tiến hành tổ chức Đại hội”, đề nghị ...")
 * is the quoted text's doer, not the item's.
 */
function unquoted(text: string): string {
  return text.includes('“') ? text.replace(/“[^“”]*”/gu, (q) => ' '.repeat(q.length)) : text;
}

/** A body's span with a collective's trailing words (a verb the predicate list lacks) cut off. */
function trimmed(b: BodySpan): BodySpan {
  // (everyone in a place is one doer as it is written: EVERYONE)
  if (EVERYONE.test(b.text)) return b;
  const t = trimCollective(b.text);
  if (t === b.text) return b;
  const text = t.replace(/[,;:.\s]+$/u, '');
  return { text, start: b.start, end: b.start + text.length };
}

function startsWithPredicate(s: string): boolean {
  const m = FIRST_PREDICATE.exec(s.trim());
  return m !== null && m.index === 0;
}

/** Does an item open with a verb ("Tổ chức triển khai ...", "Ban hành ...")? Its first letter may be a capital. */
export function opensWithVerb(s: string): boolean {
  const t = s.trim();
  return startsWithPredicate(t.charAt(0).toLocaleLowerCase('vi') + t.slice(1)) || /^(?:Ban hành|Xây dựng|Tập huấn|Nghiên cứu|Chủ trì|Thành lập|Công bố|Tổ chức|Lựa chọn|Ký|Hướng dẫn|Kiểm tra)(?![\p{L}])/u.test(t);
}

function stripHead(s: string): string {
  const t = s.trim().replace(/^(?:các|mỗi|những)\s+/iu, '');
  const h = HEAD_RE_I.exec(t);
  return h ? t.slice(h[0].length) : t;
}

function shift(b: BodySpan, off: number): BodySpan {
  return { text: b.text, start: b.start + off, end: b.end + off };
}

// ("phối hợp hoạt động với", "phối hợp công tác với": the work named between, the bodies after "với")
const WITH = /phối hợp(?:\s+chặt chẽ)?(?:(?:\s+(?:hoạt động|công tác|thực hiện|triển khai))?\s+với)?\s+/giu;
const PREDICATE_STOP = new RegExp(`\\s+(?:${verbs(PREDICATES)})(?![\\p{L}])`, 'u');
const SUPPORT_STOP = new RegExp(`\\s+(?:${verbs([
  'để', 'nhằm', 'trong việc', 'trong', 'về việc', 'theo', 'tại', 'triển khai', 'tham mưu', 'rà soát', 'thực hiện',
  'tổ chức', 'xây dựng', 'hướng dẫn', 'chỉ đạo', 'nghiên cứu', 'có giải pháp', 'giải quyết', 'kiểm tra', 'tập huấn',
  'cập nhật', 'hoàn thành', 'đề xuất', 'trình', 'thẩm định', 'đôn đốc', 'theo dõi', 'hỗ trợ', 'tuyên truyền',
  'giám sát', 'bố trí', 'sắp xếp', 'đánh giá', 'cung cấp', 'xác định', 'phát động', 'chỉ ra', 'làm', 'cấp', 'lập',
  'ban hành', 'báo cáo', 'đẩy mạnh', 'thường xuyên',
])})(?![\\p{L}])`, 'u');

/** Bodies named after "phối hợp với" (up to the verb that follows them). */
/**
 * "tổ chức" as a kind of body where only the list around it tells (verbs() reads the rest: after "các", before a kind,
 * ", cá nhân" or "liên quan"): in a collective's list, "các cơ quan, tổ chức thực hiện", and before "và cá nhân".
 */
function organisationNoun(seg: string, at: number): boolean {
  const m = /^\s*tổ chức/u.exec(seg.slice(at));
  if (!m) return false;
  const before = seg.slice(0, at), after = seg.slice(at + m[0].length);
  return (/,\s*$/u.test(before) && /^\s*(?:các|những)\s/iu.test(seg)) || /^\s+và\s+cá nhân(?![\p{L}])/u.test(after);
}

function supportOfPlain(text: string): BodySpan[] {
  text = unquoted(text);
  const out: BodySpan[] = [];
  for (const m of text.matchAll(WITH)) {
    const start = m.index! + m[0].length;
    let seg = text.slice(start);
    const stop = /[;.:(]/.exec(seg);
    if (stop) seg = seg.slice(0, stop.index);
    for (const stop of [SUPPORT_STOP, PREDICATE_STOP]) {
      const verb = [...seg.matchAll(new RegExp(stop.source, 'gu'))].find((v) => !organisationNoun(seg, v.index!));
      if (verb) seg = seg.slice(0, verb.index);
    }
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
/** "Đối với Ủy ban nhân dân các huyện:", "Về phía các sở, ngành:": the bodies a group of items is for. */
const FOR_BODIES = /^(?:(?:Riêng\s+)?[Đđ]ối với|Về phía)\s+/u;

function headingAssignmentPlain(title: string): Assignment | null {
  const forBodies = FOR_BODIES.exec(title.trim());
  if (forBodies) {
    const a = headingAssignmentPlain(title.trim().slice(forBodies[0].length));
    return a && a.rule === 'heading.bodies' ? { ...a, lead: a.lead.map((b) => shift(b, title.indexOf(forBodies[0]) + forBodies[0].length)), rule: 'heading.forBodies' } : null;
  }
  let t = title.trim().replace(/[:.]\s*$/, '');
  const resp = /^(?:Trách nhiệm|(?:Chức năng,?\s+)?[Nn]hiệm vụ(?:,?\s+quyền hạn)?|Quyền hạn,? nhiệm vụ)\s+(?:và\s+[\p{L}, ]{0,30}?\s+)?(?:(?:chung|chủ yếu|cụ thể|trọng tâm)\s+)?(?:của\s+)(.+)$|^Trách nhiệm\s+(.+)$/iu.exec(t);
  let off = 0;
  if (resp) {
    const who = resp[1] ?? resp[2]!;
    off = t.indexOf(who);
    t = who;
  }
  const bare = t.replace(/,\s*(?:là\s+)?(?:cơ quan|đơn vị)\s+(?:chủ trì|thường trực|đầu mối|chuyên môn|tham mưu)[^,;]*$/u, '').replace(FUNCTION_QUALIFIER, '').replace(/\s+(?:có trách nhiệm|chịu trách nhiệm|thực hiện các nhiệm vụ sau|thực hiện các nội dung sau|thực hiện|có nhiệm vụ)(?:\s+(?:như sau|sau))?\s*$/u, '');
  if (startsWithBody(bare, true) && !/^(?:Giao|Đề nghị|Yêu cầu)\s/u.test(bare)) {
    const bodies = splitBodies(bare, { comma: true });
    const names = bodies.every((b) => startsWithBody(b.text, true));
    // no verb outside the names ("được giao ..." and "do ... tham mưu" clauses belong to a name)
    // ("có liên quan" is part of a name: "các cơ quan, đơn vị có liên quan")
    // (a verb in lower case: "Sở Xây dựng" is a name; a heading in capitals is read without case)
    const verb = bare === bare.toLocaleUpperCase('vi') ? ACTION_RE : ACTION_RE_LOWER;
    // (nor a remit: "Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội")
    const verbs = bodies.some((b) => verb.test(stripHead(b.text).replace(/(?:được|do|phụ trách)\s.*$/u, '').replace(/\s*(?:có\s+)?liên quan$/u, '')));
    if (names && (!verbs || resp)) return { lead: bodies.map((b) => shift(b, off)), support: [], rule: resp ? 'heading.responsibility' : 'heading.bodies' };
  }
  const giao = leadOfPlain(title.trim().replace(/[:.]\s*$/, ''));
  if (giao && (giao.rule === 'lead.giao' || giao.rule === 'lead.responsible')) return { ...giao, rule: `heading.${giao.rule}` };
  // "Giao Sở Tư pháp:", "Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh": the bodies the group is given to
  const ask = /^((?:Giao(?:\s+cho)?|Đề nghị|Yêu cầu|Ủy quyền|Uỷ quyền)\s+)(.+)$/u.exec(t);
  if (ask && startsWithBody(ask[2]!, true)) {
    const bodies = splitBodies(cutAtAction(ask[2]!), { comma: true });
    if (bodies.length && bodies.every((b) => startsWithBody(b.text, true))) return { lead: bodies.map((b) => shift(b, ask[1]!.length)), support: [], rule: 'heading.ask' };
  }
  // "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng ...", "Chủ tịch UBND cấp xã chỉ đạo": the one who directs
  const directs = DIRECTS.exec(t);
  if (directs && startsWithBody(directs[1]!, true) && !/^(?:Giao|Đề nghị|Yêu cầu)\s/u.test(directs[1]!)) {
    const bodies = splitBodies(directs[1]!, { comma: true });
    if (bodies.length && bodies.every((b) => startsWithBody(b.text, true) && !ACTION_RE.test(stripHead(b.text)))) return { lead: bodies, support: [], rule: 'heading.directs' };
  }
  // a body and what it is to do, over the items that say how: "Phòng Nội vụ - Lao động Thương binh và Xã hội tham mưu Hội đồng
  // Thi đua - Khen thưởng huyện thực hiện:" (not one that asks, tells or gives its opinion: "UBND huyện có ý kiến như sau:")
  if (/:\s*$/u.test(title) && t.length <= 200) {
    const own = leadOfPlain(t);
    const last = own?.rule === 'lead.subject' && own.lead[0]?.start === 0 ? own.lead[own.lead.length - 1]! : null;
    if (last && !/^\s*(?:(?:đã|vừa|sẽ|cũng)\s+)?(?:yêu cầu|đề nghị|giao|chỉ đạo|có ý kiến|kết luận|thông báo|quyết định|quy định|hướng dẫn|ban hành|gồm|bao gồm|là|có|được|nhận|báo cáo)(?![\p{L}])/u.test(t.slice(last.end))) return { lead: own!.lead, support: [], rule: 'heading.subject' };
  }
  return null;
}

/**
 * The rules read a text whose words a portal copy glued ("Giaocho Sở Xây dựng chủ trì", "thuộc
 * Trungương, các cơ quan có liênquan") with those words split: names come out as words, spans
 * point back into the text given. A text without glued words is read as it is.
 */
function unglued(text: string, read: (t: string) => Assignment | null): Assignment | null {
  const d = deglue(text);
  if (!d) return read(text);
  const a = read(d.text);
  const back = (b: BodySpan): BodySpan => {
    const [start, end] = spanBack(d, b.start, b.end);
    return { text: b.text, start, end };
  };
  return a && { ...a, lead: a.lead.map(back), support: a.support.map(back) };
}

/** Who the item's own words say must act: "X: ...", "Giao X chủ trì", "X có trách nhiệm", "X <verb> ...". */
export function leadOf(text: string): Assignment | null {
  return unglued(text, leadOfPlain);
}

/** Bodies named after "phối hợp với" (up to the verb that follows them). */
export function supportOf(text: string): BodySpan[] {
  return unglued(text, (t) => ({ lead: [], support: supportOfPlain(t), rule: '' }))!.support;
}

/**
 * A heading that assigns its group: "1. Giám đốc các Sở; Thủ trưởng các Ban, ngành",
 * "a) Sở Nội vụ có trách nhiệm:", "1. Trách nhiệm của các cơ quan ...", "c) Giao Sở Nội vụ chủ trì, phối hợp với ...".
 */
export function headingAssignment(title: string): Assignment | null {
  return unglued(title, headingAssignmentPlain);
}
