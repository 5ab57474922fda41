/**
 * Obligations: the leaf items of the directive part and the rows of an assignment table,
 * with their lead and supporting bodies and one deadline each.
 *
 * The directive part starts after the lead-in ("... như sau:", "... yêu cầu:") or at the
 * first marked item after "Kính gửi"; it ends at "Nơi nhận", the signature, or a closing
 * formula. Sections about purpose, requirements, targets or past results hold no tasks.
 * A grouping item lends its bodies and its time to the items under it.
 */
import type { Block, Cell, TextModel } from '../model/types.js';
import { buildTree, isHeadingLike, pathOf, walk, type ItemNode } from './tree.js';
import { CONSENT, cutAtAction, esc, headingAssignment, isGeneric, leadOf, opensWithVerb, splitBodies, startsWithBody, subjectOf, supportOf, trimCollective, type Assignment, type BodySpan } from './agencies.js';
import { findDeadlines, findEventDates, pickDeadline, type DeadlineFinding, type EventDate } from './deadlines.js';
import { iso } from './dates.js';
import { OCR_BULLET, readMarker, TT_VALUE } from '../parse/markers.js';
import { collapseSpaces, fold } from '../normalise/unicode.js';
import { headlineOrders, RECIPIENT_LEAD } from './header.js';
import { deglue, spanBack } from './glue.js';
import { CITED_KINDS } from './words/doctypes.js';
import { startsNoiNhan } from './words/noinhan.js';

export interface AgencyRef {
  name: string;
  start: number;
  end: number;
  rule: string;
}

export interface TaskFinding {
  label: string;
  path: string[];
  text: string;
  start: number;
  end: number;
  lead: AgencyRef[];
  support: AgencyRef[];
  deadline: DeadlineFinding | null;
  source: 'item' | 'table';
  rule: string;
}

/** The things a lead-in lists after it: "(các) nội dung sau", "nhiệm vụ trọng tâm sau", "giải pháp sau". */
const WORK_LISTED = String.raw`(?:nội dung|nhiệm vụ|công việc|giải pháp|biện pháp)(?:\s+(?:chính|cụ thể|trọng tâm|chủ yếu))?\s+sau`;
// (a lead-in ends with ':', or with '.' after what it lists: "... nghiêm túc triển khai các nội dung sau.")
const LEAD_IN = new RegExp(String.raw`(?:(?:như sau|sau đây|cụ thể|${WORK_LISTED}|việc(?:\s+(?:chính|cụ thể|trọng tâm|chủ yếu))?\s+sau|yêu cầu|chỉ đạo|giao (?:nhiệm vụ|trách nhiệm)|có ý kiến|đề nghị|thống nhất)[^.]{0,80}:|có ý kiến(?: chỉ đạo)? như sau\s*\.|${WORK_LISTED}(?:\s+đây)?\s*\.)\s*$`, 'iu');
const DIRECTIVE_HEADING = /NHIỆM VỤ|GIẢI PHÁP|TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|NỘI DUNG/u;
// (and a school's plan signed under its head's approval: "DUYỆT CỦA BAN GIÁM HIỆU    TỔNG PHỤ TRÁCH ĐỘI", "NGƯỜI LẬP KẾ HOẠCH")
const END_WORDS = /^(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*\p{Lu}|(?:DUYỆT(?:\s+CỦA)?|NGƯỜI LẬP(?:\s+KẾ HOẠCH)?)\s+(?:BAN GIÁM HIỆU|HIỆU TRƯỞNG|LÃNH ĐẠO|THỦ TRƯỞNG|\p{Lu}+\s+\p{Lu}+)(?![\p{Ll}]))/u;
// (and "Nơi nhận", as printed or as a scan's OCR reads it, "ơi nhận:", "MNWi nhận:", or its first entry "- Như trên;": words/noinhan.ts)
const END = { test: (t: string) => END_WORDS.test(t) || startsNoiNhan(t) };
/**
 * Sections that hold no tasks: purpose and requirements, targets, background and results,
 * scope and audience, funding, the agenda, members, time and place of a working visit or
 * inspection, the standards, files and procedure of an award. A heading that also names the
 * directive part ("ĐỐI TƯỢNG, NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN") is not one of them.
 */
const NOT_TASK_SECTION = /^(?:mục đích|yêu cầu|mục tiêu|quan điểm|kết quả|tình hình|đánh giá|căn cứ|sự cần thiết|phạm vi|đối tượng|kinh phí|nguồn kinh phí|chỉ tiêu|tiêu chuẩn|tiêu chí|thành phần|thời gian(?:,| và)? (?:địa điểm|thành phần)|địa điểm|thời gian làm việc|thời gian nghỉ|lịch nghỉ|nội dung (?:làm việc|kiểm tra|giám sát|khảo sát)|phương pháp (?:làm việc|kiểm tra)|hồ sơ|thủ tục|hình thức khen thưởng|cơ cấu giải thưởng|danh hiệu|giải thích từ ngữ|bộ tiêu chí|thang điểm|phương pháp (?:đánh giá|xác định|tính)|cách tính|xếp hạng|xếp loại|cấu trúc|nguyên tắc|thứ tự ưu tiên|định nghĩa|khó khăn|vướng mắc|thực trạng|tồn tại|hạn chế|nguyên nhân|định hướng|tầm nhìn|thông tin (?:chung|về|dự án)|(?:điều khoản|quy định) chuyển tiếp)(?![\p{L}])/iu;
// (a section of a letter's difficulties that also carries its proposals is the proposals': "Khó khăn, vướng mắc và đề xuất")
const DIRECTIVE_TOPIC = /nhiệm vụ|giải pháp|tổ chức thực hiện|phân công|đề xuất|kiến nghị|(?<!mục đích, )nội dung(?! (?:làm việc|kiểm tra|giám sát|khảo sát))|hình thức|hoạt động/iu;

function notTaskSection(title: string): boolean {
  return NOT_TASK_SECTION.test(title.trim()) && !DIRECTIVE_TOPIC.test(title);
}
/**
 * Closing formulas, never tasks even when numbered: "... chịu trách nhiệm thi hành Quyết định này"
 * (older acts: "có trách nhiệm thi hành", "... căn cứ Quyết định thi hành", "căn cứ Quyết định này
 * để thực hiện"), "... này có hiệu lực", "Quyết định có hiệu lực thi hành sau 10 ngày ...".
 */
const CLOSING_ANY = [
  /(?:chịu|có) trách nhiệm thi hành/iu,
  // "4. Quá trình thực hiện nếu có (phát sinh, phát hiện) khó khăn, vướng mắc ... báo cáo về ..." (a numbered one too; not "Trong quá trình thực
  // hiện các nhiệm vụ ..., kịp thời tổng hợp khó khăn, vướng mắc ...", which asks for it)
  /^(?:Trong\s+)?quá trình[^.;]{0,40}?thực hiện[^.;]{0,80}?,?\s+nếu\s+(?:có|phát\s+sinh|phát\s+hiện|gặp|xảy\s+ra)\s+(?:(?:những|các)\s+)?(?:khó khăn|vướng mắc)/iu,
  /căn cứ (?:Quyết định|Chỉ thị|Nghị quyết)(?: này)? (?:để )?(?:thi hành|thực hiện)\s*(?:[./]|$)/iu,
  /^(?:Quyết định|Chỉ thị|Nghị quyết|Kế hoạch) có hiệu lực (?:thi hành )?(?:kể từ|từ|sau)/iu, /(?<!(?:kể từ|từ|khi|sau khi|thời gian|trước|đến|tại thời điểm)(?:\s+ngày)?\s+)(?:Quyết\s?định|Văn bản|Công văn|Kế hoạch|Chỉ thị|Thông báo|Nghị quyết|Chương trình|Công điện) này\s?có\s?hiệu\s?lực/iu];
/**
 * After "thông báo": not a duty to tell someone ("... phải thông báo cho tổ chức, cá nhân biết"), nor one asked of a body ("Đề nghị
 * Đài truyền thanh xã ... thông báo liên tục ... để toàn thể nhân dân biết thực hiện"), nor the second "thông báo"
 * of a notice that asks those it tells to pass it on ("... thông báo để các Cục Thuế thông báo cho người nộp thuế biết").
 */
const TELLS_NOT_DUTY = String.raw`(?<!(?:phải|có trách nhiệm|cần)\sthông\s?báo)(?<!thông\s?báo\s[^.]{0,160}thông\s?báo)(?<!(?:^|\s)(?:[Đđ]ề nghị|[Yy]êu cầu)\s[^.]{0,120}thông\s?báo)`;
/** What is told is not to be passed on: "thông báo để các Cục Thuế thông báo cho người nộp thuế biết ..." asks work. */
const NOT_PASSED_ON = String.raw`(?![^.]{0,160}?(?:thông báo|phổ biến|hướng dẫn|tuyên truyền)\s+(?:cho|đến|tới)\s)`;

/** A body named by its head and a capitalised name, as a reply's closing asks it: "Sở Công Thương tỉnh Lào Cai", "Cục ...". */
const NAMED_BODY = String.raw`(?:Sở|Bộ|Ủy ban|Uỷ ban|UBND|Cục|Tổng cục|Văn phòng|Công ty)\s+\p{Lu}`;
/** Closing paragraphs of a letter: "Yêu cầu ... nghiêm túc triển khai thực hiện./.", "Trong quá trình thực hiện, nếu có khó khăn ...". */
const CLOSING_PARAGRAPH = [
  // (not an ask of its own work during the carrying out: "Đề nghị Ủy ban Kiểm tra ... phối hợp kiểm tra, giám sát ... trong quá
  // trình triển khai thực hiện Quyết định này.")
  // (nor an ask to pass the word on, whose "thực hiện" is the others': "Đề nghị Đài truyền thanh xã, các đồng chí Trưởng thôn
  // thông báo liên tục trên hệ thống truyền thanh ... để toàn thể nhân dân biết thực hiện./.")
  /^(?:Yêu cầu|Đề nghị|Căn cứ ý kiến chỉ đạo)(?![^.]{0,200}\strong\s+quá\s+trình\s+(?:triển khai\s+)?thực hiện)(?![^.]{0,200}\s(?:thông báo|tuyên truyền|phổ biến|thông tin)\s(?:[^.]{0,120}\s)?(?:để|cho|đến|tới)\s[^.]{0,80}\sbiết)[^.]{0,200}(?:nghiêm túc|khẩn trương)?\s*(?:triển khai\s+)?thực hiện[^.]{0,60}\.?\/?\.?$/iu,
  /^(?:Trong\s+)?quá trình (?:tổ chức\s+)?(?:triển khai\s+)?thực hiện[^.]*(?:khó khăn|vướng mắc)/iu,
  // (not the closing of a reply that asks a named body for work: "Trên đây là ý kiến của Cục ATMT, đề nghị Sở Công Thương tỉnh
  // Lào Cai nghiên cứu, hướng dẫn chủ đập ...", "Trên đây là ý kiến tham gia ... đề nghị Sở Công thương tổng hợp, báo cáo ...")
  new RegExp(String.raw`^(?:Trên đây là(?![^.]{0,200}\sđề nghị\s+${NAMED_BODY})|Đề nghị các cơ quan, đơn vị quan tâm)`, 'iu'),
  // a letter's courtesy to the body it writes to: "Ủy ban nhân dân tỉnh Lào Cai trân trọng đề nghị Bộ Xây dựng quan tâm, sớm
  // xem xét, chỉ đạo giải quyết./."
  /^[^.;]{0,80}(?:kính|trân trọng)\s+đề nghị\s+[^.;]{2,80}?\s+quan tâm,?\s+(?:sớm\s+)?(?:xem xét|chỉ đạo|giải quyết|hỗ trợ|tạo điều kiện)(?:,?\s+(?:chỉ đạo\s+)?(?:giải quyết|xem xét|hỗ trợ|cho ý kiến))*[^.;]{0,40}\.?\/?\.?$/iu,
  // "Nhận được Công văn này, đề nghị các đơn vị khẩn trương triển khai." (not when it asks for more with a time of its
  // own: "Nhận được công văn này, Bộ ... đề nghị các sở ... tổng hợp và báo cáo ... trước ngày 20/12/2015.")
  /^(?![\s\S]*(?:trước|chậm nhất|hạn|trong)[^.;]{0,20}\d)Nhận được (?:Công văn|văn bản) này/iu,
  // the ask to carry out what the items said: "Đề nghị Chủ tịch UBND các tỉnh ... quan tâm chỉ đạo kịp thời thực hiện các
  // nội dung nêu trên và thông báo về Bộ ... các vấn đề phát sinh", "Đề nghị ... tạo điều kiện cho X thực hiện nghiêm nội
  // dung trên.", "Bộ Xây dựng đề nghị ... khẩn trương báo cáo các nội dung nêu trên để Bộ tổng hợp ..." (not when it sets a time
  // of its own: "... thực hiện nội dung trên, báo cáo trước ngày 30/6")
  /^(?![\s\S]*(?:trước|chậm nhất|hạn|trong)[^.;]{0,20}\d)(?:[\p{Lu}][^.;:]{0,120}?\s)?(?:yêu cầu|đề nghị)\s[^.;]{0,200}?(?:thực hiện|triển khai|báo cáo)\s+(?:(?:nghiêm|tốt|đầy đủ|nghiêm túc)\s+)?(?:(?:các|những)\s+)?(?:nội dung|yêu cầu|nhiệm vụ|việc)\s+(?:(?:đã\s+)?nêu\s+)?trên(?![\p{L}])/iu,
  // the ask to carry out what was said and report on time: "Đề nghị Sở ... tổ chức thực hiện ngay và gửi báo cáo đúng thời hạn./."
  /^(?:[\p{Lu}][^.;:]{0,100}?\s)?(?:yêu cầu|đề nghị)\s[^.;]{0,200}?(?:tổ chức\s+)?thực\s?hiện(?:\s+(?:ngay|nghiêm túc|khẩn trương))?\s+và\s+(?:gửi\s+)?báo\s?cáo\s+(?:kết quả\s+)?(?:đúng|theo)\s+(?:thời hạn|thời gian|quy định|yêu cầu)(?:\s+(?:nêu\s+)?trên)?\s*\.?\/?\.?$/iu,
  // thanks: "Trân trọng cảm ơn sự quan tâm, phối hợp của các đồng chí./.", "Bộ Công an xin trân trọng cảm ơn ..."
  /^(?:[\p{Lu}][^.;:]{0,150}?\s)?(?:(?:xin\s+)?(?:trân trọng|chân thành)|xin)\s+cảm ơn(?![\p{L}])[^.;]{0,200}?[\s./!]*$/iu,
  // "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở ... nghiêm túc thực hiện Chỉ thị này./."
  /^(?:[\p{Lu}][^.;:]{0,100}?\s)?(?:yêu cầu|đề nghị|Yêu cầu|Đề nghị)\s[^.;]{0,200}?(?:(?:nghiêm túc|nghiêm chỉnh)\s+(?:triển khai\s+)?(?:thực hiện|chấp hành)|(?:thực hiện|chấp hành)\s+nghiêm(?:\s+túc|\s+chỉnh)?)(?:\s+(?:(?:những|các)\s+)?(?:nội dung\s+(?:của|tại|trong)?\s*)?(?:Chỉ thị|Công văn|Thông báo|thông báo|Quyết định|Kế hoạch|Công điện|văn bản) này)?\s*\.?\/?\.?$/u,
  // "Ủy ban nhân dân tỉnh yêu cầu Ủy ban nhân dân các huyện khẩn trương tổ chức thực hiện./.": the ask to carry out what was said
  /^(?:[\p{Lu}][^.;:]{0,100}?\s)?(?:yêu cầu|đề nghị)\s[^.;]{0,200}?\s(?:khẩn trương|nghiêm túc|kịp thời)\s+(?:tổ chức\s+)?(?:triển khai\s+)?thực hiện(?:\s+(?:Chỉ thị|Công văn|Thông báo|Quyết định|Kế hoạch|Công điện|văn bản|nội dung)\s+(?:này|trên))?\s*\.?\/?\.?$/u,
  // "Đề nghị đơn vị quan tâm, phối hợp./.", "Rất mong sự quan tâm, phối hợp của các đồng chí."
  // (also with the one who asks before it and what for after it: "Bộ Xây dựng đề nghị các cơ quan, đơn vị trực thuộc Bộ
  // quan tâm thực hiện để việc tuyển chọn ... đạt kết quả tốt./.")
  /^(?:[\p{Lu}][^.;:]{0,80}?\s)?(?:Kính\s+)?(?:Đề nghị|Rất mong|Kính mong|Mong)\s+(?:(?:các|quý)\s+)?(?:cơ quan|đơn vị|đồng chí|địa phương|nhận được)?[^.;]{0,40}?\s*(?:sự\s+)?quan tâm(?:\s*,?\s*(?:và\s+)?(?:phối hợp|giúp đỡ|tạo điều kiện|chỉ đạo|ủng hộ))*(?:\s+(?:thực hiện|của [^.;]{1,60}))?(?:\s+để\s[^.;]{0,200})?\s*\.?\/?\.?$/iu,
  /^(?:Chỉ thị|Quyết định|Kế hoạch|Công văn|Văn bản|Thông báo|Nghị quyết|Chương trình) này (?:được|có|thay thế)/iu,
  // (not a duty to tell someone: "...; cơ quan tiếp nhận phải thông báo cho tổ chức, cá nhân biết;", nor a notice that asks
  // those it tells to pass it on: "Tổng cục Thuế thông báo để các Cục Thuế thông báo cho người nộp thuế biết và tổ chức thực hiện.")
  // (the look-behinds stand after the words they guard, so that the search runs to "thông báo" before it looks back: put
  // first, they ran at every character of every paragraph)
  // (the bodies may be a long list: "... thông báo để các Bộ: Tài nguyên và Môi trường, ..., Ủy ban nhân dân các tỉnh ... và các cơ quan
  // liên quan biết, thực hiện.")
  new RegExp(String.raw`thông báo${TELLS_NOT_DUTY} (?:để|cho|đến) ${NOT_PASSED_ON}[^.]{0,320}(?:biết|thực hiện)[^.]{0,40}\.?\/?\.?$`, 'iu'),
  // "Văn phòng Chính phủ (xin) thông báo Bộ biết, thực hiện."
  new RegExp(String.raw`thông\s?báo${TELLS_NOT_DUTY}\s+${NOT_PASSED_ON}[^.]{0,160}?\sbiết(?:\s*,?\s*(?:và\s+)?(?:thực hiện|chỉ đạo|xử lý|phối hợp)[^.]{0,40})?\s*\.?\/?\.?$`, 'iu'),
  // "Văn phòng Ủy ban nhân dân thành phố truyền đạt ý kiến chỉ đạo của Phó Chủ tịch ... để các cơ quan, đơn vị liên quan tổ chức thực hiện./."
  /(?:truyền đạt|thông báo)\s+(?:ý kiến|nội dung|chỉ đạo)[^.]{0,200}?\s(?:để|cho|đến)\s[^.]{0,160}(?:biết|thực hiện)[^.]{0,40}\.?\/?\.?$/iu,
];

export function isClosing(text: string, marked = false): boolean {
  // (a courtesy after the formula, "... chấp hành nghiêm túc./. Trân trọng!", does not hide it, nor do words a
  // portal copy glued: "Văn phòng Chính phủ xin thôngbáo để Bộ Tài chính biết, thực hiện."; closings are short,
  // so only a short text is read again with its glued words split)
  const t = text.trim();
  if (closes(t, marked)) return true;
  // (a closing ends with what is asked: "biết", "thực hiện", "chấp hành", "quan tâm", "phối hợp, chỉ đạo")
  const d = t.length < 400 && /(?:biết|hiện|hành|tâm|đạo|hợp)[\s./!]*$/u.test(t) ? deglue(t) : null;
  return d !== null && closes(d.text, marked);
}

function closes(text: string, marked: boolean): boolean {
  const t = text.includes('Trân trọng') ? text.replace(/(?<=\S)\s+Trân trọng(?:\s+cảm ơn)?\s*[!.]?(?:\/\.)?$/u, '') : text;
  if (CLOSING_ANY.some((re) => re.test(t))) return true;
  if (marked) return false;
  if (CLOSING_PARAGRAPH.some((re) => re.test(t))) return true;
  // a paragraph made only of closing sentences ("Yêu cầu ... nghiêm túc thực hiện. Trong quá trình thực hiện, nếu có khó khăn ...")
  // (or of closing clauses after ';': "Sở X yêu cầu Công ty Y nghiêm túc thực hiện; trong quá trình thực hiện có khó khăn ...")
  const sentences = t.split(/(?<=[.!?])\s+(?=\p{Lu})|(?<=;)\s+/u);
  return sentences.length > 1 && sentences.every((x) => CLOSING_PARAGRAPH.some((re) => re.test(x.replace(/;$/u, '.'))));
}

const ATTACHED_TITLE = new RegExp(`^(?:${['KẾ HOẠCH', 'CHƯƠNG TRÌNH', 'QUY CHẾ', 'QUY ĐỊNH', 'PHƯƠNG ÁN', 'ĐỀ ÁN', 'HƯỚNG DẪN', 'PHỤ LỤC', 'DANH MỤC'].join('|')})(?![\\p{L}])`, 'u');

function isEnd(b: Block, prev?: Block): boolean {
  // a table inside the directive part (a schedule under an item) does not end it: its rows are
  // read as a table, and the items after it are still items; a signature laid out as a table ("| Nơi nhận: ... |
  // KT. CHỦ TỊCH ... |") ends it, so that a plan attached after it is read as its own document
  if (b.kind === 'table') return END.test(b.text.trimStart());
  const t = b.text.replace(/\n/g, ' ');
  // (a line in lower case goes on with the sentence above it, a closing clause and all: "... và các" / "đơn vị có
  // liên quan căn cứ Quyết định thi hành." ends the item it belongs to, not the directive part before it; so does a
  // line after one that ends in ';' or ',': "Điều 3. Chánh Văn phòng ..., Thủ trưởng các Sở ...;" / "Chủ tịch Ủy ban
  // nhân dân các xã ... chịu trách nhiệm thi hành Quyết định này./.")
  const goesOn = /^\p{Ll}/u.test(t) || (!!prev && prev.kind !== 'table' && /[;,]\s*$/u.test(prev.text));
  return END.test(t) || (!readMarker(t) && !goesOn && isClosing(t));
}

/**
 * The directive parts of a document: after the lead-in ("... như sau:") or from the first
 * marked item after the header, up to "Nơi nhận", the signature or a closing formula; then
 * each document attached after the signature (the plan a decision issues, an appendix).
 */
function directiveRanges(model: TextModel): { from: number; to: number }[] {
  const blocks = model.blocks;
  const ranges: { from: number; to: number }[] = [];
  const firstKinh = blocks.findIndex((b) => RECIPIENT_LEAD.test(b.text));
  let from = -1;
  for (let i = Math.max(0, firstKinh); i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'table' || b.kind === 'footnote') continue;
    if (END.test(b.text)) break;
    const t = b.text.replace(/\n/g, ' ');
    // a lead-in quoted from another text ("“…2. Hồ sơ ..., gồm:") is not this document's
    if (!readMarker(t) && isLeadIn(t) && !/^\s*“/u.test(t)) {
      from = i + 1;
      break;
    }
  }
  const firstItem = (start: number, before = blocks.length) =>
    blocks.findIndex((b, i) => i >= start && i < before && b.kind !== 'table' && b.kind !== 'footnote' && readMarker(b.text) !== null && !/^[-–+•]/.test(b.text) && !RECIPIENT_LEAD.test(b.text));
  // the first document's items are before its own "Nơi nhận" and signature (a second document may follow)
  const ownEnd = blocks.findIndex((b, i) => i > Math.max(0, firstKinh) && b.kind !== 'table' && END.test(b.text));
  if (from < 0) {
    from = firstItem(Math.max(0, firstKinh), ownEnd < 0 ? blocks.length : ownEnd);
    // a letter's request that is whole before its numbered points ("Để tổng hợp ..., đề nghị các Sở ... báo cáo ... theo
    // biểu mẫu đính kèm." / "1. Báo cáo gửi về Bộ phải có ..."): the directive part starts with it
    const before = from > firstKinh + 1 && firstKinh >= 0 ? blocks[from - 1]! : null;
    if (before && before.kind !== 'table' && before.kind !== 'footnote' && !readMarker(before.text) && standaloneRequest(before.text.replace(/\n/g, ' '))) from--;
  } else {
    // a lead-in deep inside a decision's article ("... gồm 8 lĩnh vực như sau:" under II.1.a) is not the
    // start of the directive part when an article ("Điều 1.") opens before it
    const first = firstItem(Math.max(0, firstKinh));
    if (first >= 0 && first < from - 1 && readMarker(blocks[first]!.text)?.kind === 'article') from = first;
  }
  if (from < 0) {
    // a letter without numbered items: its body paragraphs after "Kính gửi" and its list
    let i = Math.max(0, firstKinh + 1);
    // (a list's dash a scan read as ':' or '—' is still the list)
    while (i < blocks.length && OCR_BULLET.test(blocks[i]!.text)) i++;
    if (firstKinh >= 0 && i < blocks.length) from = i;
    // a copy that lost its "Kính gửi" (and has no items): its body paragraphs, from the first sentence-long one;
    // only those that ask are tasks
    // (or from a shorter one that asks a body it names: "Yêu cầu các cơ sở kinh doanh, các hộ gia đình đổ rác đúng thời gian ...")
    else if (firstKinh < 0) from = blocks.findIndex((b) => b.kind === 'paragraph' && b.text !== b.text.toLocaleUpperCase('vi') && (b.text.length >= 120 || asksNamedBody(b.text.replace(/\n/g, ' '))));
    // (a copy that keeps only a list of who does what, "- Chủ tịch UBND các xã ... tăng cường ...", "- Trưởng phòng Phòng X
    // chỉ đạo ...": from the first of them, when two or more open with a body and its verb)
    if (from < 0 && firstKinh < 0) {
      const ordering = blocks.flatMap((b, i) => b.kind !== 'table' && b.kind !== 'footnote' && /^[-–+•]\s/u.test(b.text) && ordersBodyAt(b.text.replace(/^[-–+•]\s*/u, '').replace(/\n/g, ' ')) ? [i] : []);
      if (ordering.length >= 2) from = ordering[0]!;
    }
  }
  while (from >= 0 && from < blocks.length) {
    let to = from;
    while (to < blocks.length && !isEnd(blocks[to]!, blocks[to - 1])) to++;
    if (to > from) ranges.push({ from, to });
    // an attached document after the signature: its title, then its own items
    let next = -1;
    for (let i = to + 1; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind !== 'table' && ATTACHED_TITLE.test(b.text) && b.text === b.text.toLocaleUpperCase('vi')) {
        next = firstItem(i + 1);
        break;
      }
    }
    if (next <= to) break;
    from = next;
  }
  return ranges;
}

/** "(gọi tắt là bộ)", "(sau đây gọi chung là các đơn vị)": an alias, not part of a name (a scan may read "tắt" as "tất"). */
/**
 * "tắt" of "gọi tắt là", "viết tắt là" with its vowel as a scan may read it ("gọi tất là", "gọi tặt là"): the
 * one word in these phrases OCR gets wrong, by its mark.
 */
const TAT = 't[aăâáàảãạắằẳẵặấầẩẫậ]t';
const ALIAS = new RegExp(`\\s*\\((?:sau đây\\s+)?gọi\\s+(?:${TAT}|chung)\\s+là[^)]*\\)`, 'giu');
/** "Bộ Nội vụ hướng dẫn các bộ, ... thực hiện ... như sau:", "đề nghị Y triển khai các nội dung sau:" */
const ASKS = /(?:^|\s)(?:hướng dẫn|đề nghị|yêu cầu|giao|chỉ đạo)\s+(.{3,240}?)\s+(?=(?:thực hiện|triển khai|tổ chức|khẩn trương|nghiêm túc|quan tâm|phối hợp|chủ trì|báo cáo|rà soát|xây dựng|gửi|cung cấp|cử|đánh giá|nghiên cứu|có ý kiến|tham gia|tổng hợp|cập nhật|kiểm tra|đề xuất|dự kiến|chuẩn bị|bố trí|hoàn thành|hoàn thiện|quán triệt|tập trung|chủ động)(?![\p{L}]))/u;

const ASKS_ALL = new RegExp(ASKS.source, 'gu');

function leadInAssignment(model: TextModel, from: number): (Assignment & { aliases?: string[] }) | null {
  const b = model.blocks[from - 1];
  if (!b || b.kind === 'table') return null;
  const text = b.text.replace(/\n/g, ' ');
  const a = leadOf(text);
  if (a && a.rule === 'lead.giao') return { ...a, rule: 'leadIn.giao' };
  // the bodies a lead-in asks to act, its aliases taken out (offsets kept by blanking them)
  const plain = text.replace(ALIAS, (m) => ' '.repeat(m.length));
  // the last ask that names bodies: "... Thủ tướng giao mục tiêu ... cho các bộ ..., Bộ Công an đề nghị các Bộ ... triển khai"
  const m = [...plain.matchAll(ASKS_ALL)].reverse().find((x) => startsWithBody(x[1]!, true));
  if (!m) return askedAtColon(plain);
  const at = m.index + m[0].indexOf(m[1]!);
  const bodies = splitBodies(m[1]!.replace(/\s+$/u, ''), { comma: true }).map((x) => ({ ...x, text: x.text.replace(/\s{2,}/g, ' ').trim(), start: x.start + at, end: x.end + at }));
  if (!bodies.length || !bodies.every((x) => startsWithBody(x.text, true))) return null;
  const aliases = [...text.matchAll(ALIAS)].map((a) => /là\s+(?:các\s+)?([^)]*)\)/u.exec(a[0])?.[1]?.trim().toLowerCase() ?? '').filter(Boolean);
  return { lead: bodies, support: [], rule: 'leadIn.asks', aliases };
}

/**
 * A lead-in that ends with the bodies it charges, the work listed under it: "..., Ủy ban nhân dân tỉnh giao Sở
 * Y tế:", "Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh:" (no verb after the names: the items are the work).
 */
const ASKED_AT_COLON = /(?:^|[\s,])(?:giao(?:\s+cho)?|đề nghị|yêu cầu)\s+((?:các|những)\s+[^:;.]{2,200}?|\p{Lu}[^:;.]{2,200}?)\s*:\s*$/u;

/** A lead-in: "... như sau:", "... yêu cầu:", or one that ends with the bodies it charges ("... giao Sở Y tế:"). */
function isLeadIn(text: string): boolean {
  return LEAD_IN.test(text) || askedAtColon(text) !== null;
}

const WORK_NAMED = /\s(?:(?:một số|những|các)\s+)?(?:nội dung|việc|vấn đề|nhiệm vụ|công việc|giải pháp|biện pháp)(?:\s|$)|(?:^|\s)(?:như\s+)?sau$|\s(?:thực hiện|triển khai|tập trung|khẩn trương)(?:\s|$)/u;
/** A lead-in that asks for the things listed after it: "... yêu cầu X ... triển khai các nội dung sau." / "... như sau:". */
const LISTING_LEAD_IN = new RegExp(String.raw`(?<![\p{L}])(?:yêu cầu|đề nghị|giao)(?![\p{L}])[^.]{0,200}(?:${WORK_LISTED}(?:\s+đây)?|như sau)\s*[:.]\s*$`, 'u');
/** A lead-in that asks ("... yêu cầu:", "... đề nghị các sở:", "... giao Sở X:"), not one that only introduces ("... có ý kiến như sau:"). */
const ASKING_LEAD_IN = /(?<![\p{L}])(?:yêu cầu|đề nghị|giao|chỉ đạo)(?![\p{L}])[^.]{0,160}:\s*$/u;

function askedAtColon(text: string): Assignment | null {
  const m = ASKED_AT_COLON.exec(text);
  // (not what they are asked, "đề nghị Ủy ban nhân dân các tỉnh một số nội dung sau:", "yêu cầu các sở thực hiện như sau:")
  if (!m || !startsWithBody(m[1]!, true) || WORK_NAMED.test(m[1]!)) return null;
  const at = m.index + m[0].indexOf(m[1]!);
  const bodies = splitBodies(m[1]!, { comma: true }).map((x) => ({ text: deglue(x.text)?.text ?? x.text, start: x.start + at, end: x.end + at }));
  if (!bodies.length || !bodies.every((x) => startsWithBody(x.text, true))) return null;
  return { lead: bodies, support: [], rule: 'leadIn.askedAtColon' };
}

/** "các bộ, tỉnh" when the lead-in said "(gọi tắt là bộ)" and "(gọi tắt là tỉnh)": the bodies it named. */
function isAliasCollective(name: string, aliases: string[]): boolean {
  const m = /^(?:các|những)\s+(.+)$/iu.exec(name.trim());
  if (!m) return false;
  const words = m[1]!.split(/\s*(?:,|\bvà\b)\s*/u).map((w) => fold(w.trim())).filter(Boolean);
  return words.length > 0 && words.every((w) => aliases.some((a) => fold(a) === w));
}

/** Whether `short` is the start of `full`, the plural words "các", "những" aside. */
function shortFor(short: string, full: string): boolean {
  const words = (x: string) => x.toLowerCase().split(/\s+/).filter((w) => w !== 'các' && w !== 'những').join(' ');
  return words(full).startsWith(`${words(short)} `);
}

function refs(spans: BodySpan[], offset: number, rule: string): AgencyRef[] {
  return spans.map((s) => ({ name: s.text.replace(/\s+/gu, ' '), start: s.start + offset, end: s.end + offset, rule }));
}

function docYear(model: TextModel, date: string | null): number {
  if (date && /^\d{4}/.test(date)) return +date.slice(0, 4);
  const y = /\b(20\d\d)\b/.exec(model.text);
  return y ? +y[1]! : new Date().getFullYear();
}

/**
 * The year a day written without its year belongs to: a year the text itself states for the
 * work ("năm 2024", "/2024"), not the year of a cited document ("... số 12/KH-UBND ngày 3/2/2020"),
 * else the document's.
 */
function yearOf(text: string, fallback: number): number {
  const plain = text.replace(/\d+(?:\/\d{4})?[/-][\p{Lu}][\p{L}\d&/-]*(?:\s+ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})?/gu, ' ');
  const ys = [...plain.matchAll(/(?<![\d])(20\d\d|19\d\d)(?!\d)/g)].map((m) => +m[1]!);
  return ys.length ? ys[ys.length - 1]! : fallback;
}

export interface TaskContext {
  date: string | null;
  recipients: string[];
  /** The one body a document is about when it has no "Kính gửi" (a thông báo kết luận after a working visit). */
  addressee?: { name: string; start: number; end: number } | null;
  /** The issuing body as the header prints it: a cited document's request asked by another body is not this letter's. */
  issuer?: string | null;
  /** Events the document dates (deadlines.ts findEventDates). */
  events?: EventDate[];
}

/** The People's Committee of one province or city, or its leaders ("Chủ tịch Ủy ban nhân dân tỉnh", "Đồng chí X - Chủ tịch UBND tỉnh", "Lãnh đạo UBND tỉnh Lâm Đồng"); not "các tỉnh". */
const PROVINCE_COMMITTEE = /^(?:(?:Đ\/c|Đồng chí)\s+[^-–]{2,60}[-–]\s*)?(?:(?:Chủ tịch|Phó Chủ tịch|Lãnh đạo|Thường trực)\s+)?(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?:tỉnh|thành phố)(?:\s+\p{Lu}[^,;]*)?(?:,\s*Chủ tịch\s+[^;]+)?$/iu;
/** Bodies under a province's People's Committee: its departments, offices, councils and the committees of its districts and communes. */
const UNDER_PROVINCE = /^(?:Sở|Công an (?:tỉnh|thành phố)|Ban|Văn phòng (?!Chính phủ|Quốc hội|Chủ tịch nước|Trung ương)|Hội đồng|Thanh tra (?:tỉnh|thành phố)|Bộ Chỉ huy|Ủy ban nhân dân (?:huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)|UBND (?:huyện|quận|thị xã|xã|phường|thị trấn|đặc khu))(?![\p{L}])/u;

/** Bodies that oversee or direct a People's Committee, whatever their head word: the People's Council and its boards, Party committees, central bodies. */
const OVERSEES = /Hội đồng nhân dân|HĐND|Trung ương|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Quốc hội/u;

/**
 * A letter a province's department (or a district) sends up to the province's People's Committee or its
 * leaders: it reports and proposes (Nghị định 30/2020/NĐ-CP: văn bản gửi cấp trên). Its "kính đề nghị UBND
 * tỉnh xem xét ..." asks a superior to decide, and its points that name no doer are its own account: no
 * assignment. Only work it names for another body stays a task.
 */
export function sentUpward(issuer: string | null | undefined, recipients: string[]): boolean {
  return !!issuer && UNDER_PROVINCE.test(issuer) && !OVERSEES.test(issuer) && recipients.length > 0 && recipients.every((r) => PROVINCE_COMMITTEE.test(r.trim()));
}

/**
 * Names a document shortens: "Kiện toàn Đội ứng cứu sự cố an toàn thông tin mạng tỉnh Lâm Đồng
 * (sau đây viết tắt là Đội ứng cứu sự cố)". A lead or support given by the short name is
 * written in full.
 */
const SHORT_NAME = new RegExp(`\\((?:sau đây\\s+)?(?:gọi|viết)\\s+(?:${TAT}|chung)\\s+là\\s*:?\\s*([^)]{2,80})\\)`, 'giu');

/** Keyed by the short name without tones (fold): a scan reads "Đội ứng cứu sự cổ" for "sự cố". */
function shortNames(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(SHORT_NAME)) {
    const short = m[1]!.trim().replace(/^["“]|["”]$/g, '');
    const before = text.slice(Math.max(0, m.index! - 240), m.index!).replace(/\s+$/u, '');
    // the name that ends right before the bracket: from the last body head word
    // (the name the short one begins: "Tổ giúp việc của Hội đồng ... (gọi tắt là Tổ giúp việc)")
    let best = -1, own = -1;
    const lower = short.toLowerCase();
    for (const h of before.matchAll(/(?<![\p{L}])(?=\p{Lu})/gu)) {
      const rest = before.slice(h.index!);
      if (!startsWithBody(rest) || /[.;:]/.test(rest)) continue;
      best = h.index!;
      if (rest.toLowerCase().startsWith(lower)) own = best;
    }
    if (own >= 0) best = own;
    if (best < 0) continue;
    const full = before.slice(best).trim();
    if (full.length > short.length && full.split(/\s+/).length <= 20) out.set(fold(short), full);
  }
  return out;
}

/**
 * Abbreviations a document defines in brackets after the words they stand for: "Bộ Giáo dục và Đào tạo
 * (GDĐT)" -> GDĐT = "Giáo dục và Đào tạo" (the initials of the words before, "và" and "&" aside).
 */
function definedAbbreviations(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\((\p{Lu}{2,8})\)/gu)) {
    const abbr = m[1]!;
    const words = text.slice(Math.max(0, m.index! - 160), m.index!).trimEnd().split(/\s+/u);
    let initials = '';
    let k = words.length;
    while (k > 0 && initials.length < abbr.length) {
      const w = words[k - 1]!;
      k--;
      if (w === 'và' || w === '&') continue;
      if (!/^\p{L}/u.test(w)) break;
      initials = w[0]!.toLocaleUpperCase('vi') + initials;
    }
    if (initials !== abbr) continue;
    const full = words.slice(k).join(' ');
    if (/^\p{Lu}/u.test(full) && !out.has(abbr)) out.set(abbr, full);
  }
  return out;
}

/**
 * Two offices that share what follows the second ("Bí thư và Chủ tịch Ủy ban nhân dân các tỉnh", "Giám đốc và Kế
 * toán trưởng các đơn vị"): two doers, each with the shared part. The Party's secretary heads no people's committee:
 * he takes only the scope ("Bí thư các tỉnh ..."); another office takes the body and the scope.
 */
const SHARED_OFFICES = /^((?:Phó\s+)?(?:Bí thư|Chủ tịch|Giám đốc|Thủ trưởng|Hiệu trưởng|Trưởng ban|Kế toán trưởng|Chánh Văn phòng|Cục trưởng|Vụ trưởng))\s+và\s+((?:Phó\s+)?(?:Chủ tịch|Giám đốc|Thủ trưởng|Hiệu trưởng|Trưởng ban|Kế toán trưởng|Chánh Văn phòng|Cục trưởng|Vụ trưởng|Bí thư))\s+(.+)$/u;

function splitSharedOffices(a: AgencyRef): AgencyRef[] {
  const m = SHARED_OFFICES.exec(a.name);
  if (!m) return [a];
  const shared = m[3]!;
  const scope = /(?:^|\s)((?:các|những)\s.+)$/u.exec(shared)?.[1];
  const first = /^Bí thư$/u.test(m[1]!) && !/^Bí thư$/u.test(m[2]!) ? (scope ? `${m[1]} ${scope}` : null) : `${m[1]} ${shared}`;
  if (!first) return [a];
  return [{ ...a, name: first, rule: `${a.rule}.sharedOffice` }, { ...a, name: `${m[2]} ${shared}`, rule: `${a.rule}.sharedOffice` }];
}

/** A mass organisation's or a school's board by its initials. */
const BOARDS: Record<string, string> = { BCH: 'Ban Chấp hành', BTV: 'Ban Thường vụ', BGH: 'Ban Giám hiệu' };
const BOARD_ABBR = /(?<![\p{L}])(?:BCH|BTV|BGH)(?![\p{L}])/u;
const BOARD_ABBR_ALL = new RegExp(BOARD_ABBR.source, 'gu');

/** An aside in brackets after a doer's name on the person in it who leads: "(do đồng chí X làm đầu mối)", "(đồng chí X)", "(Ông X)". */
const ASIDE = /\s*\((?:do\s+)?(?:đồng chí|đ\/c|Đ\/c|ông|bà|Ông|Bà)\s[^()]*\)/gu;

export function extractTasks(model: TextModel, ctx: TaskContext): TaskFinding[] {
  const out = extractTasksRaw(model, ctx).map((t) => (t.lead.some((l) => SHARED_OFFICES.test(l.name)) ? { ...t, lead: t.lead.flatMap(splitSharedOffices) } : t));
  const names = shortNames(model.text);
  const setUp = setUpNames(model);
  const abbrs = definedAbbreviations(model.text);
  // a letter to one body calls it by its head word alone ("Kính gửi: Công ty cổ phần Khai thác ... Thủ Đô" / "... đề nghị
  // Công ty thực hiện ..."): that word is the addressee
  const to = ctx.recipients.length === 1 ? ctx.recipients[0]!.trim() : null;
  // (or by a common noun, "đề nghị đơn vị sử dụng đất đúng ranh giới ..." in a letter to a company: the company, whatever the
  // words after the noun that no rule could cut)
  const addressee = (name: string) => !!to && (/^(?:Công ty|Tổng công ty|Tổng Công ty|Tập đoàn|Trường|Bệnh viện|Trung tâm|Hợp tác xã|Hội|Hiệp hội|Ngân hàng|Viện|Ban Quản lý|Chi nhánh)$/u.test(name) && to.toLowerCase().startsWith(`${name.toLowerCase()} `)
    || /^(?:đơn vị|doanh nghiệp)(?:\s+[\p{Ll},]+)*$/u.test(name) && /^(?:Công ty|Tổng công ty|Tổng Công ty|Tập đoàn|Hợp tác xã|Doanh nghiệp)\s/u.test(to));
  if (!names.size && !setUp.length && !abbrs.size && !out.some((t) => t.lead.some((l) => addressee(l.name) || l.name.includes('(') || BOARD_ABBR.test(l.name)) || t.support.some((l) => BOARD_ABBR.test(l.name)))) return out;
  const abbrRe = abbrs.size ? new RegExp(`(?<![\\p{L}])(${[...abbrs.keys()].join('|')})(?![\\p{L}])`, 'gu') : null;
  const full = (a0: AgencyRef): AgencyRef => {
    // (without an aside on who in it leads the work: "Tổ văn phòng (do đồng chí Trần Văn Út - Tổ trưởng làm đầu mối)",
    // "Nhân viên y tế (đồng chí Minh Tho)")
    const bare = a0.name.includes('(') ? a0.name.replace(ASIDE, '').trim() : a0.name;
    const a = bare && bare !== a0.name ? { ...a0, name: bare } : a0;
    if (addressee(a.name)) return { ...a, name: to!, rule: `${a.rule}.addressee` };
    const f = names.get(fold(a.name));
    if (f) return { ...a, name: f, rule: `${a.rule}.fullName` };
    // "các Sở GDĐT" after "Bộ Giáo dục và Đào tạo (GDĐT)": the words the document gave for it
    // (a board by its initials, "BCH các Liên chi Đoàn", "BTV Huyện Đoàn": in full, as every gold record writes it)
    const board = BOARD_ABBR.test(a.name) ? a.name.replace(BOARD_ABBR_ALL, (x) => BOARDS[x]!) : a.name;
    if (board !== a.name) return { ...a, name: board, rule: `${a.rule}.abbreviation` };
    const spelt = abbrRe ? a.name.replace(abbrRe, (x) => abbrs.get(x)!) : a.name;
    if (spelt !== a.name) return { ...a, name: spelt, rule: `${a.rule}.abbreviation` };
    const s = setUp.length && a.end > a.start ? setUpName(model.text, a.start, setUp) : null;
    // the set-up name covers the whole lead read ("Hội đồng nhân dân tỉnh" is not "Hội đồng")
    return s && s.end >= a.end && s.name.length > a.name.length ? { ...a, name: s.name, end: s.end, rule: `${a.rule}.setUp` } : a;
  };
  return out.map((t) => {
    const lead = t.lead.map(full);
    // an item whose subject is a body the decision sets up, a comma or a verb in its name
    // ("Chủ tịch Hội đồng an toàn, vệ sinh lao động tỉnh quy định ...") the other rules cut
    if (!lead.length && t.source === 'item' && setUp.length) {
      const s = setUpName(model.text, t.start, setUp, true);
      if (s) lead.push({ name: s.name, start: t.start, end: s.end, rule: 'lead.setUp' });
    }
    return { ...t, lead, support: t.support.map(full) };
  });
}

/**
 * The bodies a decision sets up, recognises, strengthens or dissolves in its first article
 * ("Điều 1. Thành lập Hội đồng An toàn, vệ sinh lao động tỉnh Lâm Đồng gồm ...", "Điều 1. Công
 * nhận Ban Vận động thành lập Liên đoàn X, gồm ...", "Điều 1. Giải thể Hiệp hội Y."): the name
 * runs to its list of members, its alias in brackets or the sentence's end, commas and verbs
 * included. The articles after it call the body by its head ("Hội đồng") or by its name.
 */
/** The short name a decision gives the body it sets up: "(sau đây viết tắt là Hội đồng thẩm định)". */
const SET_UP_ALIAS = new RegExp(`^\\s*\\((?:sau đây\\s+)?(?:gọi|viết)\\s+(?:${TAT}\\s+)?(?:là\\s+)?([^()]{2,60})\\)`, 'u');
const SETS_UP = /^Điều\s+1\s*[.:]\s*(?:Thành lập(?:\s+lại)?|Kiện toàn|Củng cố|Công nhận|Giải thể|Cho phép thành lập)\s+(?=\p{Lu})/u;
const SET_UP_END = /\s*\((?:sau đây\s+)?(?:gọi|viết)\s|,?\s+(?:gồm|bao gồm|với|trực thuộc|có (?:chức năng|nhiệm vụ|trụ sở|tư cách)|để|nhằm|kể từ|theo)(?![\p{L}])|\s*[.;:(]|\s*$/u;

function setUpNames(model: TextModel): SetUp[] {
  const out: SetUp[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'table') continue;
    const t = collapseSpaces(b.text);
    const m = SETS_UP.exec(t);
    if (!m) continue;
    const rest = t.slice(m[0].length);
    const end = SET_UP_END.exec(rest)!;
    const name = rest.slice(0, end.index).trim();
    // the short name the decision gives it: "(sau đây viết tắt là Hội đồng thẩm định)"
    const alias = SET_UP_ALIAS.exec(rest.slice(end.index))?.[1]?.trim();
    if (startsWithBody(name) && name.split(' ').length <= 25 && !/\s(?:và|cùng)\s+(?:các\s+)?\p{Lu}/u.test(name)) out.push({ name, ...(alias ? { alias } : {}) });
  }
  return out;
}

/** A body a decision sets up, and the short name it gives it. */
interface SetUp { name: string; alias?: string }

/** An office held in a body: "Chủ tịch Hội đồng", "Trưởng ban", "các thành viên Tổ công tác". */
const OFFICE_IN = /^(?:(?:Phó\s+)?Chủ tịch(?:\s+Thường trực)?|(?:Phó\s+)?Trưởng [Bb]an|Tổ trưởng|Tổ phó|(?:Phó\s+)?Đội trưởng|Thường trực|Thư ký|(?:[Cc]ác\s+)?[Tt]hành viên|(?:[Cc]ác\s+)?[UuỦủ][yỷ] viên)\s+/u;
const WORD = /[\p{L}\p{N}]+|,/gu;

/**
 * The name of a set-up body that `text` gives at `at` (after an office held in it): the name as
 * printed when the text writes more of it than its head ("Hội đồng an toàn, vệ sinh lao động
 * tỉnh"), the full name when it writes only the head ("Hội đồng"). With `subject`, only a name
 * followed by the clause's verb (a word in lower case) counts.
 */
function setUpName(text: string, at: number, setUp: SetUp[], subject = false): { name: string; end: number } | null {
  const office = OFFICE_IN.exec(text.slice(at, at + 40));
  const from = at + (office ? office[0].length : 0);
  // the short name the decision gave the body is the name its articles use ("Hội đồng thẩm định", a verb in it): as written
  for (const { alias } of setUp) {
    const m = alias ? new RegExp(`^${alias.split(/\s+/).map(esc).join('\\s+')}(?![\\p{L}])`, 'iu').exec(text.slice(from, from + 120)) : null;
    if (m) return { name: `${office ? office[0] : ''}${m[0]}`.replace(/\s+/g, ' '), end: from + m[0].length };
  }
  let best: { name: string; end: number; words: number } | null = null;
  let ambiguous = false;
  for (const { name: full } of setUp) {
    const want = full.match(WORD)!.map((w) => w.toLocaleLowerCase('vi'));
    WORD.lastIndex = from;
    let n = 0, end = from;
    for (let m = WORD.exec(text); m && n < want.length; m = WORD.exec(text)) {
      // words follow each other: only spaces between them
      if (!/^[ \n]*$/u.test(text.slice(end, m.index)) || m[0].toLocaleLowerCase('vi') !== want[n]) break;
      n++;
      end = m.index + m[0].length;
    }
    while (n > 0 && want[n - 1] === ',') { n--; end = text.lastIndexOf(',', end - 1); }
    // the head alone ("Hội đồng", "Ban Vận động") stands for the full name; a name of its own goes on
    const head = /^(?:\p{Lu}\p{Ll}*)(?:\s+\p{Ll}+)*(?:\s+\p{Lu}\p{Ll}*)?/u.exec(full)![0].split(/\s+/).length;
    if (n < Math.min(2, want.length) && n < head) continue;
    const after = text.slice(end, end + 30);
    if (n < want.length && /^\s+\p{Lu}/u.test(after)) continue;
    if (subject && !/^\s+\p{Ll}/u.test(after)) continue;
    if (best && best.words === n) ambiguous = true;
    if (!best || n > best.words) { best = { name: n <= head && n < want.length ? full : text.slice(from, end), end, words: n }; ambiguous = false; }
  }
  if (!best || ambiguous) return null;
  const name = (office ? office[0] : '') + best.name;
  return { name: name.replace(/\s+/g, ' '), end: best.end };
}

/**
 * A document kept as a form of fields, its recipients before its text ("SỐ KÝ HIỆU: ...", "KÍNH GỬI: ...", "NƠI NHẬN: Như
 * trên; ...", "NỘI DUNG:" then the letter): the text starts at "NỘI DUNG:", and that "NƠI NHẬN:" ends nothing.
 */
function formContent(model: TextModel): TextModel {
  const blocks = model.blocks;
  const body = blocks.findIndex((b) => b.kind !== 'table' && /^\s*NỘI DUNG\s*:/u.test(b.text));
  if (body <= 0 || !blocks.slice(0, body).some((b) => /^\s*NƠI NHẬN\s*:/u.test(b.text))) return model;
  return { ...model, blocks: blocks.slice(body) };
}

function extractTasksRaw(whole: TextModel, ctx: TaskContext): TaskFinding[] {
  const model = formContent(whole);
  const year = docYear(model, ctx.date);
  // events the document dates ("Hội nghị ... tổ chức vào ngày 09/10/2025"): "trước Hội nghị" takes that day
  const events = findEventDates(model.text, year, ctx.date);
  const c = { ...ctx, events };
  const out: TaskFinding[] = [];
  for (const { from, to } of directiveRanges(model)) out.push(...regionTasks(model, c, from, to, year));
  for (const [i, b] of model.blocks.entries()) if (b.kind === 'table') out.push(...tableTasks(model, b, year, events, dayHeading(model.blocks[i - 1], year)));
  if (!out.length) {
    const only = onlyRequest(model, c, year);
    if (only) out.push(only);
  }
  // a letter sent up: what it asks of its addressee, and its points that name no doer, are no assignment
  if (sentUpward(ctx.issuer, ctx.recipients)) return dropRepeats(out).filter((t) => t.lead.length && !t.lead.every((l) => PROVINCE_COMMITTEE.test(l.name.trim())));
  return dropRepeats(out);
}

/**
 * A task the copy prints twice, word for word at the same place in the outline, same doers and time, is one obligation: a
 * news page repeats its first paragraph as its summary ("Ngày 30-8, UBND tỉnh Khánh Hòa có văn bản giao Sở Y tế chủ trì ..."
 * twice). (A schedule's "Ổn định tổ chức" on two days is two.)
 */
function dropRepeats(tasks: TaskFinding[]): TaskFinding[] {
  const seen = new Set<string>();
  return tasks.filter((t) => {
    const key = JSON.stringify([t.path, t.text, t.lead.map((l) => l.name), t.deadline?.kind ?? null, t.deadline?.date ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A letter that asks nothing but in its closing paragraph, of bodies it names: "Ngày 28/9/2009 BHXH Việt Nam có
 * công văn ... đồng ý ..." / "Đề nghị BHXH Bộ Quốc phòng, BHXH Công an nhân dân ... căn cứ nội dung nêu trên tổ chức
 * thực hiện./.": that closing is the letter's one request, so its task. Not a closing that asks no one by name
 * ("Đề nghị các cơ quan, đơn vị quan tâm thực hiện"), nor a letter with a task of its own.
 */
function onlyRequest(model: TextModel, ctx: TaskContext, year: number): TaskFinding | null {
  if (!ctx.recipients.length) return null;
  const end = model.blocks.findIndex((b, i) => i > 0 && b.kind !== 'table' && END.test(b.text.trimStart()));
  const b = end > 0 ? model.blocks[end - 1] : undefined;
  if (!b || b.kind === 'table' || readMarker(b.text)) return null;
  const text = b.text.replace(/\n/g, ' ').trim();
  if (!/^(?:Đề nghị|Yêu cầu)\s+\p{Lu}/u.test(text) || !isClosing(text) || !asksNamedBody(text)) return null;
  const own = leadOf(text)!;
  const deadline = pickDeadline(findDeadlines(text, yearOf(text, year), { issued: ctx.date, events: ctx.events }));
  return {
    label: '', path: [''], text: tidy(text), start: b.start, end: b.end, lead: refs(own.lead, b.start, own.rule),
    support: refs(supportOf(text), b.start, 'support.phoiHop'), deadline: deadline && { ...deadline, start: deadline.start + b.start, end: deadline.end + b.start },
    source: 'item', rule: 'tasks.onlyRequest',
  };
}

/** A person named as a member: "Ông X, ...", "Bà Y ...", "Đồng chí Z ...", "Chủ tịch Hội đồng: Ông ...". */
// (also with a colon after the title, as a decision's list of an inspection team prints it: "1. Ông: Hoàng Văn Thuân - Phó Giám đốc Sở, Trưởng đoàn;")
const MEMBER = /^(?:[^:;.]{0,60}[:.]\s*)?(?:Ông|Bà|Đồng chí|Đ\/c)(?:\s*:?\s+\p{Lu}|\s*…|\s*\.\.\.)/u;
/** "Đồng chí <office>: <duties>": the duties open with a verb ("Phụ trách chung, chịu trách nhiệm ...", "Trực tiếp chỉ đạo ..."). */
function memberDuties(text: string): boolean {
  const m = /^(?:Đồng chí|Đ\/c)\s+\p{Lu}[^:;.]{2,160}?:\s*(\S.{20,})$/u.exec(text);
  return !!m && (opensWithVerb(m[1]!) || /^(?:Phụ trách|Trực tiếp|Giúp)(?![\p{L}])/u.test(m[1]!));
}
/** How members work or what they are given or allowed: "làm việc theo chế độ kiêm nhiệm", "được hưởng", "được phép", "được thành lập Tổ giúp việc", "Kinh phí hoạt động ...". */
const ENTITLEMENT = /theo chế độ kiêm nhiệm|(?<![\p{L}])được (?:nghỉ|hưởng|đảm bảo|bảo đảm|sử dụng con dấu|cấp kinh phí|phép|quyền|thành lập)(?![\p{L}])|^Kinh phí (?:hoạt động|thực hiện)/u;

/** An item right under an article ("Điều 1. ... 1. Đổi tên ..."): the decision's own points. */
function underArticle(n: ItemNode): boolean {
  return n.parent?.marker?.kind === 'article';
}

/** "... gồm các nội dung sau:", "Hồ sơ bao gồm:": a list of what something contains follows. */
// (and what to write: "... kiểm soát viên bắt buộc phải ghi vào tờ khai những nội dung sau:", "Báo cáo về tình hình ..., trong
// đó nêu rõ:")
const CONTENTS_LEAD = /(?<![\p{L}])(?:(?:gồm|bao gồm)(?:\s+(?:có|các|những|một số))*(?:\s+(?:nội dung|thành phần|tài liệu|hồ sơ|giấy tờ|văn bản|mục|phần|thông tin))?|(?:ghi|nêu|thể hiện)(?:\s+rõ)?(?:\s[^:;.]{0,60}?)?\s(?:những|các)\s+(?:nội dung|thông tin|chỉ tiêu)|trong đó(?:\s+cần)?\s+(?:nêu|ghi|làm)\s+rõ)(?:\s+(?:chính|chủ yếu|cụ thể))?(?:\s+(?:sau|như sau|sau đây))?\s*:\s*$/u;

/** An item that says what one piece of work contains, its bullets the contents (no doer, no request of their own; not every one a step). */
/** A line that only gives a share: "Tỉnh Bình Định: 10 tấn.", "Xã Tân Long: Đơn vị bầu cử số 06, dân số 15.590, được bầu bổ sung 05 đại biểu." */
const SHARE = String.raw`(?:[^.;]|\.(?=\d)){0,120}?\d[\d.,]*\s*(?:tấn|tạ|kg|lít|m3|triệu đồng|tỷ đồng|nghìn đồng|đồng(?!\s+ch\p{L})|bộ|chiếc|con|liều|đại biểu|người|suất|phần|cơ số)(?![\p{L}])[^.;]{0,60}`;
// (with the pointer to its table after it: "Nguồn vay lại Chính phủ vay nước ngoài: 445.721 triệu đồng. (Chi tiết có các biểu số 01, 02 kèm theo).")
const QUANTITY_ITEM = new RegExp(String.raw`^[^:;.]{2,80}:\s*${SHARE}(?:;\s*${SHARE})*[.;]?(?:\s*\((?:Chi tiết|Chi tiết tại|Theo)\s[^()]{0,120}\)\.?)?$`, 'u');

function listsContents(node: ItemNode): boolean {
  if (!node.marker || !CONTENTS_LEAD.test(node.title.trim()) || node.children.length < 2) return false;
  return node.children.every((c) => !c.children.length && c.marker && (c.marker.kind === 'dash' || c.marker.kind === 'plus')
    && c.title.length < 400 && !ANY_ASK.test(` ${c.title} `) && !(leadOf(c.title)?.lead.length))
    && !node.children.every((c) => opensWithVerb(c.title));
}

/**
 * An item whose numbered lines name things of one kind, not work ("Điều 1. Tiêm phòng bắt buộc cho gia súc với 4 bệnh ...:"
 * / "1. Bệnh nhiệt thán trâu, bò, ngựa," / "2. Bệnh tụ huyết trùng ..."): short lines that open with the same noun and ask
 * nothing. One task; the lines are its text.
 */
const THINGS_NOT_HEAD = /^(?:từ|trong|đối|theo|về|tại|đến|ngày|sau|trước|khi|nếu|với|cho|để|năm|tháng|giai|kể|riêng|ngoài|các|những|mỗi|mọi)$/u;
function listsThings(node: ItemNode): boolean {
  if (!node.marker || !/:\s*$/u.test(node.title) || node.children.length < 2) return false;
  const first = (t: string) => /^\s*(\p{L}+)/u.exec(t)?.[1]?.toLowerCase();
  const head = first(node.children[0]!.title);
  // (a noun: not a frame every point of a decision may open with, "a) Từ ngày 01/01/2025, điều chỉnh tăng thêm 15% ...")
  return !!head && !THINGS_NOT_HEAD.test(head) && node.children.every((c) => !c.children.length && !c.body.length && c.title.length <= 80 && first(c.title) === head
    && !ANY_ASK.test(` ${c.title} `) && !opensWithVerb(c.title) && !(leadOf(c.title)?.lead.length));
}

/** The title of a document or plan to be made, as the object of an action ("Chiến lược địa chất ... đến năm 2030."). */
const PRODUCT_TITLE = /^(?:Chiến lược|Quy hoạch|Kế hoạch|Đề án|Chương trình|Dự án|Dự thảo|Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị|Báo cáo|Quy chế|Quy định|Bộ tiêu chí|Danh mục|Phương án|Tờ trình)\s+\p{L}/u;

/**
 * An action whose bullets are the documents it makes ("- Trong năm 2022 hoàn thành việc lập, trình Thủ tướng Chính phủ phê
 * duyệt các nhiệm vụ:" / "+ Chiến lược địa chất ... đến năm 2045." / "+ Quy hoạch ... thời kỳ 2021 - 2030 ..."): one task,
 * its bullets the objects of its verb, not tasks of their own.
 */
function listsProducts(node: ItemNode): boolean {
  if (!node.marker || !/:\s*$/u.test(node.title) || node.children.length < 2) return false;
  if (!/(?<![\p{L}])(?:hoàn thành|xây dựng|ban hành|lập|trình|phê duyệt|soạn thảo|sửa đổi|rà soát|tổng kết)(?![\p{L}])/u.test(node.title)) return false;
  return node.children.every((c) => !c.children.length && c.marker && (c.marker.kind === 'dash' || c.marker.kind === 'plus')
    && PRODUCT_TITLE.test(c.title.trim()) && !ANY_ASK.test(` ${c.title} `) && !(leadOf(c.title)?.lead.length));
}

/**
 * A numbered item that states a measure of its own as a whole sentence before the items that share it out
 * ("1. Tập trung rà soát, xác định chính xác ... các đối tượng phải kê khai nộp thuế ...; không bỏ sót đối tượng."
 * over "a) Cục Thuế có trách nhiệm:"): it does more than group them, so it is a task too.
 */
function ownMeasure(node: ItemNode): boolean {
  const t = node.title.trim();
  return numberedSentence(node) && /[.;]$/u.test(t) && (opensWithVerb(t) || sentenceOrders(node)) && !isHeadingLike(node);
}
/** A numbered point (no dash, no article) whose title is a sentence of its own, nothing under it but points. */
function numberedSentence(node: ItemNode): boolean {
  return !!node.marker && node.marker.kind !== 'dash' && node.marker.kind !== 'plus' && node.marker.kind !== 'article'
    && !node.body.length && node.title.trim().length >= 60;
}
/** A numbered item that is one whole sentence ordering a body: "1. UBND huyện, thị xã, thành phố khẩn trương thực hiện ... ." */
function sentenceOrders(node: ItemNode): boolean {
  const t = node.title.trim();
  return numberedSentence(node) && /\.$/u.test(t) && !/:/u.test(t) && ordersBodyAt(t)
    // (a doer read up to its verb: not a name that ran on through a verb no list holds, "Mỗi Ban, Bộ, ngành ... bình xét, lựa chọn ...")
    && !!leadOf(t)?.lead.every((b) => b.text.split(/\s+/u).length <= 12);
}

/** Where to send what an item asks, under it: "... gửi báo cáo về Bộ trước ngày 15/10/2014 theo địa chỉ:" then "Cục X - số 51, Ngô Quyền, Hà Nội", "Fax: ... Email: ...". */
const CONTACT = /(?:^|\s)(?:Fax|E-?mail|Điện thoại|ĐT|Địa chỉ)\s*:|(?:^|\s-\s)[Ss]ố\s+\d+[A-Z]?\s*,/u;
function addressBody(node: ItemNode): boolean {
  const first = node.body[0];
  return !!node.marker && !!first && first.text.length < 200 && (/địa chỉ\s*:\s*$/iu.test(node.title) || CONTACT.test(first.text));
}

/** A bullet that is an action ending in "bao gồm:" / "gồm:" whose bullets are its steps (actions, most of them). */
function isActionParent(node: ItemNode): boolean {
  return !!node.marker && (node.marker.kind === 'dash' || node.marker.kind === 'plus') && CONTENTS_LEAD.test(node.title.trim())
    && opensWithVerb(node.title) && node.children.filter((c) => opensWithVerb(c.title)).length * 3 >= node.children.length * 2;
}

/**
 * A description, not an act: "X được xác định bằng ...", "được thể hiện tại ...", "được tính theo ...", "được hiểu là ...",
 * which rules apply ("Khi các tiêu chuẩn ... được sửa đổi ... thì được áp dụng theo ..."), how a later round will go
 * ("Những năm tiếp theo, thời hạn ... sẽ thực hiện theo Kế hoạch ...").
 */
const DESCRIBES = /\s(?:được|sẽ được)\s+(?:xác định|thể hiện|tính|tính toán|hiểu|áp dụng)\s+(?:bằng|tại|theo|là|trên)\s|\ssẽ\s+(?:được\s+)?thực hiện\s+theo\s/u;

/** "<body> (về) (cơ bản) thống nhất / nhất trí / đồng ý ..." after a frame or opening the text. */
const AGREES = /(?:^|[,.;]\s+)(\p{Lu}[^,.;]{2,100}?)\s+(?:(?:về\s+)?cơ bản\s+)?(?:thống nhất|nhất trí|đồng ý)(?![\p{L}])/u;
/** A reply's statement that its issuer agrees, asking no other body: "..., Sở Nông nghiệp và Môi trường thống nhất về việc ...". */
function ownOpinion(text: string, issuer: string | null): boolean {
  if (!issuer) return false;
  const m = AGREES.exec(text.slice(0, 400));
  if (!m || !fold(issuer).startsWith(fold(m[1]!.trim()))) return false;
  // (unless it goes on to ask someone: "..., đề nghị Sở Nội vụ ...", "giao ...")
  return !/(?:^|\s)(?:giao|yêu cầu)\s/u.test(text) && ![...text.matchAll(/(?:^|\s)đề nghị\s+/gu)].some((a) => startsWithBody(text.slice(a.index! + a[0].length), true));
}

/**
 * A paragraph that opens on a provision of law: "Theo quy định tại ...", "Tại Điều 12 Nghị định ...", "Căn cứ quy định tại ...", or
 * on the law itself, an item of a list of provisions ("a) Luật Đầu tư số 143/2025/QH15: Điểm k khoản 2 Điều 44;").
 */
const CITES_LAW = /^(?:Theo\s+(?:quy định\s+tại|điểm|khoản|Điều)|Tại\s+(?:điểm|khoản|Điều)|Căn cứ\s+(?:quy định\s+tại|theo\s+quy định|vào\s+quy định))\s|^(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư|Pháp lệnh)(?![\p{L}])(?!\s+này)/u;
/** A count of what is there now, after an optional topic: "hiện có 04 địa phương ...", "đến nay đã có 12 xã ...". */
const COUNTS_NOW = /^(?:[^:;.]{2,80}:\s*)?(?:[Hh]iện (?:nay |đang )?có|[Đđ]ến nay(?:,)? (?:đã )?có|[Tt]oàn (?:tỉnh|thành phố|huyện|quốc) (?:hiện )?có)\s+\d/u;

const STATUS = /^[^.;]{3,240}?\s(?:(?:tổ chức và hoạt động|hoạt động)\s+theo\s+(?:Điều lệ|Quy chế|quy định)|có tư cách pháp nhân)|^Việc\s[^.;]{3,240}?\s(?:được\s+)?thực hiện\s+theo\s+(?:đúng\s+)?(?:quy định|hướng dẫn)/u;

/** "Chi tiết tại Phụ lục kèm theo", "(Có Phụ lục phân công nhiệm vụ kèm theo)", "Nội dung cụ thể theo Biểu ...". */
const POINTER = /^\(?\s*(?:(?:Nội dung\s+)?[Cc]hi tiết|Nội dung cụ thể|Cụ thể|Có)\s+(?:[^.;]{0,30}?\s)?(?:tại|theo|như|ở)?\s*(?:các\s+)?(?:Phụ lục|[Bb]iểu|Danh mục)(?![\p{L}])[^.;]{0,80}(?:kèm theo|đính kèm|gửi kèm)/u;

/** How a letter names those it is sent to: "quý cơ quan", "Quý Bộ", "các đồng chí". */
const ADDRESSEE_WORDS = String.raw`quý\s+(?:cơ quan|đơn vị|bộ|ủy ban|uỷ ban|sở|địa phương|ban|ngành|tổng cục|cục|viện|trung tâm|công ty)|các đồng chí`;
const ADDRESSEES = new RegExp(String.raw`(?<![\p{L}])(?:${ADDRESSEE_WORDS})(?![\p{L}])`, 'iu');
/** A lead that only points back at those a letter is sent to: "các cơ quan", "các đơn vị", "các Bộ, cơ quan" (a letter to ministries), "quý cơ quan", "Quý Tổng cục", "các đồng chí". */
// (also "các cơ quan, đơn vị", "các bộ, cơ quan Trung ương")
const BACK_REFERENCE = new RegExp(String.raw`^(?:(?:(?:các|những)\s+)?(?:cơ quan|đơn vị)(?:\s*,\s*(?:cơ quan|đơn vị))?|(?:các|những)\s+bộ(?:\s*,\s*(?:cơ quan|ngành|địa phương))*(?:\s+(?:Trung ương|trung ương))?|${ADDRESSEE_WORDS})$`, 'iu');

/** A collective that names those the letter is sent to by pointing at them: "các Bộ, cơ quan nêu trên", "các đơn vị nói trên". */
const POINTS_BACK = /^(?:các|những)\s.{2,60}?\s(?:nêu trên|nói trên|trên đây)$/iu;

/** Words a paragraph opens with when it tells what led to the letter ("Thực hiện Công văn số ...", "Căn cứ ..."). */
const BACKGROUND = /^(?:Thực hiện|Căn cứ|Theo|Tiếp theo|Trên cơ sở|Ngày\s+\d|Vừa qua|Hiện nay|Qua|Sau khi|Nhằm|Để|Trong thời gian qua|Thời gian qua)(?![\p{L}])/u;
// (not the "giao" of a noun, "Bộ Giao thông vận tải", "giao dịch", "giao lưu", nor the "chỉ đạo" of a "Ban Chỉ đạo", nor the
// request of someone, "Về đề nghị của Ủy ban nhân dân thành phố ...")
const ASK_VERB = String.raw`(?:(?:đề nghị|yêu cầu)(?!\s+(?:của|tại)\s)|giao(?!\s+(?:thông|dịch|lưu|tiếp|nhận|hàng|hữu|đất)(?![\p{L}]))|(?<!Ban\s)chỉ đạo|đôn đốc|kính đề nghị|trân trọng đề nghị)`;
/** Who asks, before the verb: no cited request ("Công văn số ... của Bộ Công an về đề nghị ...") and no past. */
const ASKER = String.raw`(?:(?!\s(?:đã|vừa|về việc|về|của|tại|nhận được)\s)[^,.;:])`;
/** A sentence that asks in its own words: "Đề nghị ...", "Sở Nội vụ đề nghị ...", "Yêu cầu ...". */
const ASKING_SENTENCE = new RegExp(String.raw`^(?:${ASK_VERB}|[\p{Lu}]${ASKER}{0,120}?\s${ASK_VERB})\s`, 'iu');
/** The main clause after a background opening: "Thực hiện ..., Sở Nội vụ đề nghị ...". */
// (not the noun pair "công tác lãnh đạo, chỉ đạo ...")
const MAIN_ASK = new RegExp(String.raw`(?<!lãnh đạo),\s+(?:${ASKER}{3,120}?\s)?${ASK_VERB}\s`, 'u');
const ANY_ASK = new RegExp(String.raw`\s${ASK_VERB}\s`, 'iu');
/**
 * A sentence about a letter received or sent by someone else: "Ủy ban nhân dân tỉnh nhận được Công văn số ...
 * đề nghị ...", "Bộ Tài chính có Công văn số 12/BTC-NSNN gửi Bộ X đề nghị ...": the request it tells of is that letter's.
 */
const RECEIVED = /^[^,.;]{0,120}?\s(?:(?:đã\s+)?nhận được\s|(?:đã\s+)?có\s+(?:Công văn|Văn bản|Tờ trình|Thông báo|Báo cáo|Công điện)\s+(?:số\s*:?\s*)?\d)/u;
/** A sentence that asks for a reply by a day: "Ý kiến xin gửi về Bộ Tài chính trước ngày 11/02/2025.", "gửi báo cáo về UBND tỉnh (qua ... Email: ...) trước 11h00 ngày thứ 5 hằng tuần". */
/**
 * The dated time a lead-in gives the items it lists, after its ask: "... đề nghị các Bộ ... hoàn thành một số nhiệm vụ Thủ tướng
 * Chính phủ đã giao trong Quý I năm 2012, cụ thể như sau:". A time before the ask is the asker's own: "... báo cáo Thủ tướng Chính
 * phủ trong tháng 01 năm 2008, Bộ Xây dựng đề nghị Ủy ban nhân dân các tỉnh ... báo cáo một số nội dung sau:".
 */
function leadInTimeOf(leadInText: string, year: number, ctx: TaskContext): DeadlineFinding | null {
  const ask = [...leadInText.matchAll(/(?<![\p{L}])(?:đề nghị|yêu cầu|giao)\s/giu)].pop();
  if (!ask || !LEAD_IN.test(leadInText)) return null;
  const d = pickDeadline(findDeadlines(leadInText, yearOf(leadInText, year), { issued: ctx.date, events: ctx.events }));
  return d && d.start > ask.index! && d.date && (d.kind === 'by' || d.kind === 'within') ? d : null;
}

/**
 * The doers a later sentence of an item opens with, when its first names none: the first of the next few sentences that opens
 * with a body and its verb.
 */
function laterSubject(text: string): (Assignment & { at: number }) | null {
  for (const m of [...text.matchAll(/(?<=[.;])\s+(?=\p{Lu})/gu)].slice(0, 4)) {
    const at = m.index! + m[0].length;
    if (!startsWithBody(text.slice(at, at + 80))) continue;
    const l = leadOf(text.slice(at));
    if (l?.lead.length && l.lead[0]!.start === 0 && /^lead\.(?:subject|responsible)$/u.test(l.rule)) return { ...l, at };
  }
  return null;
}

/** A schedule's line: "Đợt 1: Từ ... đến ... (5 ngày);", "Lần 2: từ ngày ... đến ngày ...". */
const SCHEDULE_LINE = /^(?:Đợt|Lần|Giai đoạn|Ca|Kỳ)\s*(?:\d{1,2}|[IVX]{1,4})\s*[:.-]\s*[Tt]ừ\s[^;.]*?\sđến\s[^;]*?(?:\([^()]*\))?\s*[.;]?$/u;

/** A short paragraph that only says by when those asked, called back by a generic name, are to have done it. */
const DONE_BY = /^(?:Các|Những)\s+(?:đơn vị|cơ quan|trường|địa phương|phòng|sở|ban|ngành)(?:,\s*(?:đơn vị|cơ quan|trường|địa phương))*\s+(?:thực hiện|hoàn thành|gửi|nộp|báo cáo)[^.;]{0,60}?\s(?:trước|chậm nhất|không muộn hơn)\s+(?:ngày\s+)?\d[^.;]{0,30}[.;]?$/u;

/** A paragraph that says where the answers to a request go: "Ý kiến góp ý gửi về ...", "Báo cáo gửi về ...", "Văn bản tham gia ý kiến xin gửi về ...". */
const REPLY_TO = /^(?:Ý kiến|Văn bản|Báo cáo|Kết quả|Hồ sơ|Danh sách|Bản đăng ký|Đăng ký)(?![\p{L}])[^.;]{0,60}?\s(?:gửi|nộp)\s+(?:về|đến|cho|tới)\s/u;
const SEND_BY = /(?:gửi|nộp)\s+(?:về\s+)?(?:\([^()]{0,240}\)|[^.;()]){0,200}?(?:trước|chậm nhất|không muộn hơn)\s+(?:\d{1,2}\s*(?:giờ|h)[^.;]{0,20}?)?ngày/iu;

/**
 * Where a letter's unnumbered paragraph starts asking: 0 for a paragraph that asks from its
 * first word (or in the main clause after a background opening), the offset of the first sentence
 * that asks after background sentences, -1 for a paragraph that only tells (what led to the letter,
 * what another document assigned: "Thực hiện ..., trong đó, giao Bộ Tài chính chủ trì ...").
 */
/** The recipients that name a collective with its inline list ("... các tỉnh, thành phố: Hồ Chí Minh, ..."), with the key of their head. */
function listedRecipients(recipients: string[]): { name: string; head: string }[] {
  return recipients.flatMap((name) => {
    const m = /^([^:]{3,120}?)\s*:\s*\S/u.exec(name);
    return m ? [{ name, head: plainWords(m[1]!).join(' ') }] : [];
  });
}
function listedRecipient(l: AgencyRef, listed: { name: string; head: string }[]): AgencyRef {
  const k = plainWords(l.name).join(' ');
  const r = listed.filter((x) => x.head === k);
  return r.length === 1 ? { ...l, name: r[0]!.name } : l;
}

/** A paragraph that asks a named body in full, ending with its full stop (not a lead-in ending with ':'). */
function standaloneRequest(text: string, issuer: string | null = null): boolean {
  if (!/[.]\s*$/u.test(text)) return false;
  const at = requestStart(text, issuer);
  return at >= 0 && !!leadOf(text.slice(at))?.lead.length;
}

export function requestStart(text: string, issuer: string | null = null): number {
  const at = requestStartPlain(text, issuer);
  // (a portal's copy that glued the ask to its words, "đềnghị các Sở ...", "Bộ X yêu cầucác Sở ...": read again with them split)
  if (at >= 0 || !GLUED_ASK.test(text)) return at;
  const d = deglue(text);
  const again = d ? requestStartPlain(d.text, issuer) : -1;
  return again < 0 ? -1 : spanBack(d!, again, again)[0];
}
const GLUED_ASK = /đềnghị|yêucầu|(?:đề nghị|yêu cầu)(?=\p{L})|\p{L}(?:đề nghị|yêu cầu)/u;

function requestStartPlain(text: string, issuer: string | null): number {
  // (an opinion's colon before the ask opens it too: "... UBND huyện có ý kiến như sau: Giao UBND các xã ...")
  const sentences = [0, ...[...text.matchAll(/[.;!?]\s+(?=\p{Lu})|:\s+(?=(?:Giao|Đề nghị|Yêu cầu)\s+\p{Lu})/gu)].map((m) => m.index! + m[0].length)];
  for (const [i, at] of sentences.entries()) {
    const sentence = text.slice(at, sentences[i + 1] ?? text.length);
    if (BACKGROUND.test(sentence) || RECEIVED.test(sentence) || CITES.test(sentence)) {
      // (not an ask the cited document made, told in the past: "Tại Công văn số ..., Phó Thủ tướng đã giao Bộ X ...", "Ngày
      // 19/9/2013, Văn phòng Chính phủ có văn bản số 349/TB-VPCP thông báo ý kiến ... yêu cầu quý Bộ ...")
      if (TOLD.test(sentence)) continue;
      if (MAIN_ASK.test(sentence) && !/(?:trong đó|theo đó|tại đó)\s*,?\s*(?:giao|chỉ đạo|yêu cầu)\s/u.test(sentence) && !/\s(?:đã|vừa)\s+(?:giao|yêu cầu|đề nghị|chỉ đạo)\s/u.test(sentence) && !othersRequest(sentence, issuer)) return at;
      continue;
    }
    if (ASKING_SENTENCE.test(sentence) || SEND_BY.test(sentence)) return at;
    // a body charged with a duty in the letter's own words: "Ủy ban nhân dân các phường, xã có trách nhiệm chỉ đạo ..."
    if (startsWithBody(sentence) && DUTY.test(sentence)) return at;
    if (i === 0 && ANY_ASK.test(sentence)) return at;
    // "Tuy nhiên, để chủ động đối phó ..., UBND tỉnh yêu cầu Giám đốc Sở ... tiếp tục triển khai ..."
    if (TURN.test(sentence) && MAIN_ASK.test(sentence) && !othersRequest(sentence, issuer)) return at;
  }
  return -1;
}

/** A document told of, with the ask it made in the same stretch of words: "... có văn bản số 349/TB-VPCP thông báo ý kiến ... yêu cầu ...". */
// (or without its number, the ask right after it: "Ngày 17/5/2023, UBND huyện X có văn bản chỉ đạo các địa phương ...")
const TOLD = /(?:đã\s+)?(?:có|ban\s+hành|gửi)\s+(?:[Vv]ăn\s+bản|[Cc]ông\s+văn|[Tt]hông\s+báo|[Cc]ông\s+điện)\s+(?:(?:số\s*:?\s*)?\d[^,;.]{0,200}?\s(?:yêu\s+cầu|đề\s+nghị|giao)|(?:chỉ\s+đạo|yêu\s+cầu|đề\s+nghị))\s/u;

/**
 * A news page's or a portal's sentence that tells of a letter, by number or by what it asks: "Ngày 17/5/2023, UBND huyện X có
 * văn bản chỉ đạo các địa phương, đơn vị liên quan tăng cường ...", "UBND huyện vừa có văn bản yêu cầu các xã, thị trấn ...",
 * "Ngày 20/11, Sở X ban hành văn bản số 2249/SGD&ĐT-GDTrH về việc hướng dẫn ...". The paragraphs after it give the letter's
 * orders in its words; group 1 is the ask, when it tells one.
 */
const TELLS_LETTER = /(?:có|ban\s+hành|gửi|phát\s+hành)\s+(?:văn\s+bản|công\s+văn|công\s+điện|chỉ\s+thị|thông\s+báo|kế\s+hoạch)(?:\s+(?:hỏa|hoả)\s+tốc)?(?:\s+(?:số\s*:?\s*)?\d\S*)?(?:\s+ngày\s+[\d/.-]+)?\s+(?:(chỉ\s+đạo|yêu\s+cầu|đề\s+nghị|giao)\s|về\s+việc\s|hướng\s+dẫn\s)/u;
/** An office that conveys a leader's directions or conclusions: "Văn phòng UBND tỉnh thông báo ý kiến (chỉ đạo) của ...". */
const CONVEYS = /^[^.;:]{0,200}?\s(?:thông báo|truyền đạt)\s+(?:ý kiến|kết luận)(?:\s+chỉ đạo)?\s+của\s/u;
/** A news page's letter that gives work: "... vừa có văn bản giao Sở X chủ trì ..." (group 1: from "giao"). */
const LETTER_GIVES = /(?:có|ban\s+hành)\s+(?:văn\s+bản|công\s+văn)(?:\s+số\s*:?\s*\d\S*)?\s+(giao\s+(?=\p{Lu}))/u;
/** Who the letter a news page tells of asks: "... có văn bản yêu cầu các xã, thị trấn chủ động ..." -> "các xã, thị trấn". */
function toldAsked(text: string): BodySpan[] {
  const m = TELLS_LETTER.exec(text);
  if (!m?.[1]) return [];
  const at = m.index + m[0].length;
  // (read as an ask of its own, then moved back to where the bodies stand in the text)
  const ask = 'Đề nghị ';
  const l = leadOf(ask + text.slice(at));
  return l?.rule === 'lead.giao' ? l.lead.map((b) => ({ ...b, start: b.start - ask.length + at, end: b.end - ask.length + at })) : [];
}
/** A turn that goes on with the orders told before it: "Theo đó, ...", "Đồng thời ...", "Bên cạnh đó, ...". */
const GOES_ON = /^(?:Theo đó|Đồng thời|Bên cạnh đó|Ngoài ra|Cùng với đó|Mặt khác)\s*,?\s*/u;
/**
 * A paragraph of a news page that goes on with the letter it told of, in the letter's words: a body and its verb ("Các địa
 * phương đẩy mạnh ...", "Theo đó, UBND xã, phường tổ chức ...", "Đối với các đơn vị ... tổ chức ..."), or what to do with no
 * doer named ("Quản lý chặt chẽ ...", "Bên cạnh đó, bố trí cán bộ trực ...", "Thực hiện nghiêm ..."); not what was done.
 */
function goesOnWithLetter(text: string): boolean {
  // (a sentence, not a line of the page's chrome: "Thống kê")
  if (text.trim().split(/\s+/u).length < 6) return false;
  const rest = text.replace(GOES_ON, '');
  const s = rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
  const opening = /^[^.;]*/u.exec(s)![0];
  if (/\s(?:đã|vừa)\s/u.test(opening)) return false;
  if (ordersBodyAt(s) || (/^Đối với\s/u.test(s) && leadOf(s)?.rule === 'lead.forBody')) return true;
  return (opensWithVerb(s) || /^Quản lý\s/u.test(s)) && (!BACKGROUND.test(s) || /^Thực hiện\s+(?:nghiêm|tốt|đúng|có hiệu quả|đầy đủ|quyết liệt)(?![\p{L}])/u.test(s));
}
/** A body's duty: its name, then "có trách nhiệm" / "chịu trách nhiệm" and what to do (not one it had: "đã có trách nhiệm"). */
const DUTY = /^[^.;:]{3,140}?(?<!\sđã)\s(?:có|chịu)\s+trách\s+nhiệm\s+(?!thi\s+hành)\p{Ll}/u;
/** A sentence that turns from what is to what is asked: "Tuy nhiên, để ..., X yêu cầu ...", "Vì vậy, Y đề nghị ...". */
const TURN = /^(?:Tuy nhiên|Do đó|Vì vậy|Vì thế|Theo đó|Ngoài ra|Đồng thời|Bên cạnh đó|Từ đó)\s*,/u;

/** A sentence that opens by citing a document: "Tại Công văn số 4512/BNV-TCBC ngày ..., ...", "Theo Văn bản số ...". */
const CITES = /^(?:Tại|Theo|Qua|Căn cứ|Thực hiện)\s+(?:nội dung\s+)?(?:[Cc]ông văn|[Vv]ăn bản|[Cc]ông điện|[Tt]hông báo|[Tt]ờ trình|[Bb]áo cáo|[Qq]uyết định|[Kk]ế hoạch|[Cc]hỉ thị|[Hh]ướng dẫn)\s+(?:số\s*:?\s*)?\d/u;
/** An office that asks in its body's name (the issuer's head, or the leader a letter conveys). */
const ASKING_OFFICE = /^(?:Phó\s+)?(?:Chủ tịch|Thủ tướng|Bộ trưởng|Giám đốc|Thủ trưởng|Chánh Văn phòng|Trưởng ban|Cục trưởng|Tổng Cục trưởng|Tổng cục trưởng|Vụ trưởng|Hiệu trưởng|Bí thư|Thường trực|Ban Thường vụ|Lãnh đạo)(?![\p{L}])/u;
const plainWords = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/uỷ/gu, 'ủy').replace(/(?<![\p{L}])ubnd(?![\p{L}])/gu, 'ủy ban nhân dân').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter((w) => w && w !== 'các');

/**
 * A cited document's request told in the background: "Tại Công văn số 4512/BNV-TCBC ..., Bộ Nội vụ đề nghị Ủy ban
 * nhân dân các tỉnh báo cáo ...": the one who asks is another body than the issuer (nor an office asking in a
 * body's name), so the request is that document's, not this letter's. Without the issuer, nothing is set aside.
 */
function othersRequest(sentence: string, issuer: string | null): boolean {
  if (!issuer || !CITES.test(sentence)) return false;
  const m = MAIN_ASK.exec(sentence);
  if (!m) return false;
  const asker = m[0].replace(/^,\s+/u, '').replace(new RegExp(String.raw`\s${ASK_VERB}\s$`, 'u'), '').trim();
  if (!asker || !startsWithBody(asker) || ASKING_OFFICE.test(asker)) return false;
  const a = plainWords(asker), own = plainWords(issuer);
  return !a.every((w, k) => own[k] === w);
}

/** Decisions that take effect when signed are not obligations ("Điều 1. Ban hành kèm theo ...", "Phê duyệt ...", a resolution's "Thông qua ...", "Nay ban hành ..."). */
const ARTICLE_HEADING = /^(?:Tổ chức thực hiện|Hiệu lực(?: thi hành)?|Điều khoản thi hành|Trách nhiệm thi hành|Thi hành|Trách nhiệm tổ chức thực hiện)\.?$/iu;
/** An item that opens with the document it names: kind, number and symbol ("Quyết định số 28/2016/QĐ-UBND ngày ..."). */
const CITED_ITEM = new RegExp(String.raw`^(?:${CITED_KINDS.join('|')})\s+(?:số\s*:?\s*)?\d{1,5}[a-z]?(?:\/\d{4})?[/-]\p{Lu}`, 'u');
/** The act a decision's article makes ("Phê duyệt ...", "Thành lập ...", "Nay công bố ...", "Nay điều chỉnh giá ..."): the act, not work. */
const DECIDES = ['Ban\\s?hành\\s?kèm theo', 'Thông qua', 'Phê duyệt', '(?:Tái\\s+)?[Cc]ông nhận', 'Bổ nhiệm', 'Thành lập', 'Bãi bỏ', 'Sửa đổi', 'Kiện toàn', 'Điều chỉnh',
  'Thu hồi', 'Cho phép', 'Khen thưởng', 'Tặng', 'Cử', 'Chấp thuận', 'Quy định', 'Ban\\s?hành', 'Đổi tên', 'Giải thể', 'Hợp nhất', 'Sáp nhập', 'Phê bình', 'Công bố'];
// (after "Nay" in small letters: "Nay công bố dịch ...")
const DECISION = new RegExp(String.raw`^(?:${DECIDES.join('|')}|Nay\s+(?:${DECIDES.map((w) => w[0]!.toLowerCase() + w.slice(1)).join('|')}))(?![\p{L}])`, 'u');

/** A lead-in that gives orders: "... có ý kiến (chỉ đạo) như sau:", "... kết luận và chỉ đạo như sau:", "... yêu cầu:". */
// (a copy may end it with a full stop: "... Phó Thủ tướng Chính phủ Lê Văn Thành có ý kiến như sau.")
/** A lead-in to comments on a dossier or a draft: "Sở X có ý kiến tham gia như sau:", "... góp ý như sau:". */
const COMMENTS_LEAD_IN = /(?:(?:có|cho)\s+ý kiến\s+(?:tham gia|góp ý)|tham gia ý kiến|góp ý)(?:\s+(?:như sau|cụ thể|đối với [^:]{0,120}))?\s*:\s*$/u;
// (and a notice's "UBND xã Nhơn Mỹ thông báo đến ... lịch nghỉ Tết và treo cờ Tổ quốc như sau:" over the lines of what each does)
const ORDERING_LEAD_IN = /(?:có ý kiến(?: chỉ đạo)?|chỉ đạo|kết luận|yêu cầu|giao (?:nhiệm vụ|trách nhiệm))(?:(?: như sau| sau đây| cụ thể)?\s*:|\s+như sau\s*\.)\s*$|^[^.:;]{0,120}?\sthông báo\s[^.:;]{0,250}?\snhư sau\s*:\s*$/u;
/** A paragraph that opens with a named body and what it is to do: "Bộ Y tế khẩn trương chuẩn bị ...". */
function ordersBody(text: string): boolean {
  if (ordersBodyAt(text)) return true;
  // (after what it is about: "Những kiến nghị của Bộ X trong báo cáo trên, theo chức năng nhiệm vụ, Bộ X tiếp tục chủ trì
  // tổ chức thực hiện.", or what it is for: "Để bảo đảm có được số liệu chính xác, ..., Bộ X cung cấp ngay số liệu ...")
  if (BACKGROUND.test(text) && !/^(?:Để|Nhằm)\s/u.test(text)) return false;
  // (a portal copy may glue the comma to the body: "Trong tháng 1 năm 2008,Bộ Kế hoạch và Đầu tư chủ trì ...")
  for (const c of text.slice(0, 240).matchAll(/,\s*/gu)) {
    const at = c.index + c[0].length;
    if (/[.;:]|\s(?:đã|vừa)\s/u.test(text.slice(0, at))) return false;
    if (ordersBodyAt(text.slice(at))) return true;
  }
  return false;
}

function ordersBodyAt(given: string): boolean {
  // (a portal copy's glued words read split: "Ủyban nhân dân tỉnh Tây Ninh tính toán lại ...", "BộCông Thương nghiên cứu ...";
  // split only when the opening is no body as it stands: this runs at every comma of a paragraph)
  let text = given;
  if (!startsWithBody(given) && !/^Chuyển\s/u.test(given)) {
    const opening = deglue(given.slice(0, 80));
    if (!opening || !startsWithBody(opening.text)) return false;
    text = deglue(given.slice(0, 400))?.text ?? given;
  }
  // (a letter of the Government's office forwards: "Chuyển Bộ Giao thông vận tải nghiên cứu, xử lý theo thẩm quyền ...")
  if (/^Chuyển\s+\p{Lu}/u.test(text) && startsWithBody(text.replace(/^Chuyển\s+/u, ''))) return (leadOf(text)?.lead.length ?? 0) > 0;
  if (!startsWithBody(text) || BACKGROUND.test(text)) return false;
  const own = leadOf(text);
  // (not the work given before, "... các nội dung nhiệm vụ Đề án đã được UBND tỉnh giao": a relative clause)
  if (!own?.lead.length || own.lead[0]!.start !== 0 || /^[^.;]{0,160}?\s(?:đã|vừa)\s(?!được\s[^.;,]{0,40}?giao(?![\p{L}]))/u.test(text)) return false;
  // a body that agrees or thanks is not ordered ("Trung tâm thống nhất hỗ trợ cho Liên đoàn ...")
  return !/^[^,.;:]{0,120}?\s(?:thống nhất|đồng ý|nhất trí|chấp thuận|ghi nhận|hoan nghênh|cảm ơn|trân trọng)(?![\p{L}])/u.test(text);
}

/** A paragraph that opens by asking bodies it names: "Đề nghị Đài truyền thanh xã, các đồng chí Trưởng thôn thông báo ...". */
function asksNamedBody(text: string): boolean {
  // (also the closing of a reply that asks, "Trên đây là ý kiến của Cục ATMT, đề nghị Sở Công Thương ...": CLOSING_PARAGRAPH
  // lets it through when it names a body)
  const m = /^(?:Đề nghị|Yêu cầu|Giao|Trên đây là[^.]{0,200}\sđề nghị)\s+/u.exec(text);
  if (!m) return false;
  const own = leadOf(text);
  return Boolean(own?.lead.length && own.lead.every((b) => !isGeneric(b.text) && !BACK_REFERENCE.test(b.text.trim())));
}

/** A clause after "mà" ("... các nội dung mà đồng chí Tổng Bí thư, Chủ tịch Quốc hội đã đặt ra"): what a body did, told inside the sentence, not its main clause. */
function relativeBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 160), at);
  return /\smà\s[^;.]*$/u.test(before) && !/[,;]\s*$/u.test(before.replace(/\smà\s[^;.]*$/u, ''));
}

/** A labelled text whose words after the label open with a body that acts: "Thời gian chi trả: BHXH các quận ... tổ chức ...". */
function chargesAfterLabel(text: string): boolean {
  const m = /^[^:]{1,60}:\s*/u.exec(text);
  if (!m) return false;
  const rest = text.slice(m[0].length);
  const own = startsWithBody(rest) ? leadOf(rest) : null;
  return !!own?.lead.length && own.lead[0]!.start === 0;
}

/** A particular of an inspection, a visit or an event, labelled: "Đối tượng kiểm tra: ...", "Phạm vi và nội dung kiểm tra: ...", "Thời hiệu kiểm tra: ...". */
const PARTICULAR = /^(?:Đối tượng|Trang phục|Phạm vi|Thời hạn|Thời hiệu|Thời gian|Địa điểm|Hình thức|Thành phần|Quy mô|Phương thức|Tên|Chủ đầu tư|Nguồn vốn|Tổng mức đầu tư|Diện tích|Vị trí)(?:\s+(?:và|,)?\s*[\p{Ll}]+){0,6}\s*:\s*\S/u;

/** How long a delegation or a text holds, no time of any work: "Thời hạn ủy quyền: Từ ngày ... đến hết ngày 28 tháng 02 năm 2027". */
const TERM_IN_FORCE = /^(?:Thời hạn|Thời gian)\s+(?:ủy quyền|uỷ quyền|hiệu lực|có hiệu lực|áp dụng|thí điểm)(?![\p{L}])/u;

/** An item that only gives a time: "Thời gian thực hiện: ...", "Thời hạn hoàn thành: ...". */
// ("Thời hạn: ...", "Thời gian lấy ý kiến: ...", "Thời hạn gửi báo cáo trước ngày 28/02/2010.")
// ("Thời hạn nhận hồ sơ đến hết ngày 31.5.2003.": a date written with dots)
const TIME_ONLY = /^(?:Thời gian|Thời hạn)(?:\s+\p{Ll}+){0,4}(?:\s+\p{Lu}\p{Ll}*(?:\s+\p{Ll}+){0,2})?\s*(?::\s*\S|(?:là\s+)?(?:trước|chậm nhất|đến hết|trong)\s(?:[^.;]|\.(?=\d)){0,60}[.;]?$)/u;
/**
 * The time of an event the items serve, not of their work: "Thời gian chào cờ: từ 7giờ15 đến 7giờ30 thứ hai hàng tuần",
 * "1. Thời gian nghỉ: 05 ngày liên tục, từ ... đến hết thứ Tư ngày 03/5/2023" (every gold record of the kept sets reads
 * the duties beside them without that time). "Thời hạn ..." is always the work's.
 */
const EVENT_TIME = /^Thời gian\s+(?!(?:thực hiện|hoàn thành|triển khai|lấy ý kiến|gửi|nộp|báo cáo|đăng ký|tiếp nhận|bắt đầu|kết thúc|xong)(?![\p{L}]))\p{Ll}/u;
/** An item or a paragraph that only gives a time, not a term in force (TERM_IN_FORCE). */
const timeOnly = (t: string) => TIME_ONLY.test(t) && !TERM_IN_FORCE.test(t);

function regionTasks(model: TextModel, ctx: TaskContext, from: number, to: number, year: number): TaskFinding[] {
  const out: TaskFinding[] = [];
  const region = model.blocks.slice(from, to);
  const tree = buildTree(model, region);
  detachRequests(tree);
  detachAfterRule(tree);
  splitAsks(tree);
  splitParagraphItems(tree);
  const headingTimes = new Map<ItemNode, DeadlineFinding | null>();
  // a heading's assignment is read once for all the items under it
  const assigned = new Map<ItemNode, Assignment | null>();
  const assignmentOf = (p: ItemNode): Assignment | null => {
    let a = assigned.get(p);
    // (not a closing formula's bodies: "Điều 3. Chánh Văn phòng ..., Chủ tịch UBND huyện ... chịu trách nhiệm thi hành Quyết
    // định này" over the plan attached after the signature)
    // (or an item that is a whole sentence ordering a body, the points under it its particulars: "1. UBND huyện, thị xã,
    // thành phố khẩn trương thực hiện ... ." / "- Đối với các huyện chưa báo cáo ... thì khẩn trương báo cáo ...")
    if (a === undefined) assigned.set(p, (a = CLOSING_ANY.some((r) => r.test(p.title)) ? null : headingAssignment(p.title) ?? shortOfRoot(leadInUnder(p)) ?? (sentenceOrders(p) ? leadOf(p.title) : null)));
    return a;
  };
  // (a lead-in under a heading that names the bodies by the short name the document's lead-in gave them, "các bộ, tỉnh",
  // or generically: the document's lead-in names them in full)
  const shortOfRoot = (a: Assignment | null): Assignment | null =>
    a && a.lead.every((b) => isGeneric(b.text) || (rootAssign?.aliases?.length && isAliasCollective(b.text, rootAssign.aliases))) ? null : a;
  // a section laid out as fields ("1. Nội dung, biện pháp" + its items, "2. Cơ quan chủ trì" + its bodies, "3. Thời gian
  // thực hiện: ..."): the items of its content take the bodies of its doers' field; the fields are no tasks
  const consumedFields = new Set<ItemNode>();
  for (const [content, a] of sectionFields(tree, consumedFields)) assigned.set(content, a);
  for (const [holder, a] of doerLists(tree)) assigned.set(holder, a);
  for (const [holder, a] of closingCharges(tree)) assigned.set(holder, a);
  const rootAssign = leadInAssignment(model, from);
  // who the items under a heading or the lead-in are given to (the item's own heading first, when it is one)
  const inheritedOf = (n: ItemNode, self: boolean): { a: Assignment; offset: number } | null => {
    const a = self ? headingAssignment(n.title) : null;
    if (a) return { a, offset: n.titleStart };
    for (let p = n.parent; p && p.parent; p = p.parent) {
      const pa = assignmentOf(p);
      if (pa) return { a: pa, offset: p.titleStart };
    }
    // (an unnumbered lead-in inside the text, its items after it at the same level: "Giao Bộ Y tế chủ trì, phối hợp với Bộ Kế
    // hoạch và Đầu tư, Bộ Tài chính:" / "1. Thống nhất quy mô tiếp nhận ..." / "2. Tổng hợp trình Thủ tướng ...")
    if (n.marker && n.parent && !n.parent.parent) {
      const siblings = n.parent.children;
      for (let i = siblings.indexOf(n) - 1; i >= 0; i--) {
        const s = siblings[i]!;
        if (s.marker) continue;
        const t = s.title.trim();
        const a = /:$/u.test(t) && (ASKING_LEAD_IN.test(t) || /^(?:Giao|Đề nghị|Yêu cầu)\s/u.test(t)) && !s.body.length ? leadOf(t) : null;
        if (a?.lead.length) return { a, offset: s.titleStart };
        break;
      }
    }
    return rootAssign ? { a: rootAssign, offset: model.blocks[from - 1]!.start } : null;
  };
  const fallbackLead: AgencyRef[] = ctx.recipients.length === 1
    ? [{ name: ctx.recipients[0]!, start: 0, end: 0, rule: 'lead.singleRecipient' }]
    : ctx.addressee ? [{ ...ctx.addressee, rule: 'lead.documentAbout' }] : [];

  const anyMarked = region.some((b) => b.kind !== 'table' && readMarker(b.text));
  // the lead-in above the region: one that asks ("... yêu cầu:") or one that gives orders ("... có ý kiến như sau:")
  const leadIn = model.blocks[from - 1];
  const leadInText = leadIn && leadIn.kind !== 'table' ? leadIn.text.replace(/\n/g, ' ') : '';
  const afterLeadIn = !readMarker(leadInText) && ASKING_LEAD_IN.test(leadInText);
  // (or a news page's headline that tells them: "UBND tỉnh chỉ đạo ... (Công văn số 1373/UBND-KT, ngày 28/10/2020).")
  const headline = model.blocks.slice(0, 8).findIndex((b) => b.kind !== 'table' && headlineOrders(b.text));
  const leadInTime = leadInTimeOf(leadInText, year, ctx);
  const ordered = ORDERING_LEAD_IN.test(leadInText) || headline >= 0;
  // a lead-in that asks for a list of things to do ("... yêu cầu các bộ phận, tổ chuyên môn ... nghiêm túc triển khai các nội
  // dung sau."): each paragraph after it that opens with its verb is one of them, markers or not
  const listing = !anyMarked && LISTING_LEAD_IN.test(leadInText);
  const comments = COMMENTS_LEAD_IN.test(leadInText);
  const consumed = consumedFields;
  const listed = listedRecipients(ctx.recipients);
  let lastAsked: AgencyRef[] = [];
  // a news page's or a portal's text, no Kính gửi and no marked items: after a sentence that tells of a letter, its paragraphs
  // give the letter's orders (goesOnWithLetter); a generic doer in them is whom the letter asks
  const news = !anyMarked && ctx.recipients.length === 0;
  let told = false;
  let askedInLetter: AgencyRef[] = [];
  // a letter's whole request before its numbered points: the points go on with it (their doers are its)
  let standaloneAt: ItemNode | null = null;
  const taskOf = new Map<ItemNode, TaskFinding>();
  const groupTimes = new Map<ItemNode, DeadlineFinding>();
  // the time a text that only gives a time sets, its span moved to where the text starts in the model
  const timeAt = (text: string, offset: number, tag: string): DeadlineFinding | null => {
    const d = pickDeadline(findDeadlines(text, yearOf(text, year), { issued: ctx.date, events: ctx.events }));
    return d && { ...d, start: d.start + offset, end: d.end + offset, rule: `${d.rule}.${tag}` };
  };
  for (const node of walk(tree)) {
    if (excluded(node) || consumed.has(node)) continue;
    // (the headline and the page's lines above it tell the orders; they are none of them)
    if (headline >= 0 && node.block && node.block.id <= model.blocks[headline]!.id) continue;
    // an item that only gives the time ("- Thời gian thực hiện: Từ ngày 25-1 đến ngày 2-2-2021.", "2. Thời gian
    // lấy ý kiến: từ ... đến ...") times the other items of its group that have none; it asks nothing itself
    // (not one whose words after the label charge a body: "1. Thời gian chi trả: BHXH các quận, huyện, thị xã tổ chức chi trả ...")
    // (the time of an event the items serve gives them none, and is no task either: "- Thời gian chào cờ: từ 7giờ15 ...")
    if (node.marker && !node.children.length && timeOnly(node.title) && !chargesAfterLabel(node.title)) {
      const d = EVENT_TIME.test(node.title) ? null : timeAt([node.title, ...node.body.map((p) => p.text)].join(' '), node.titleStart, 'timeItem');
      if (d) groupTimes.set(node.parent!, d);
      continue;
    }
    if (node.marker && !node.children.length && QUANTITY_ITEM.test(node.title) && !node.body.length) continue;
    // (nor a line that only states when an event runs, no doer named: "- Thời gian nghỉ tết bắt đầu ngày 25/1/2011 ... đến
    // hết ngày 9/2/2011")
    if (node.marker && !node.children.length && !node.body.length && EVENT_TIME.test(node.title) && !ANY_ASK.test(` ${node.title} `) && !leadOf(node.title)?.lead.length) continue;
    // (nor a line of a schedule the text gives, "- Đợt 1: Từ 0 giờ 00’ ngày 16/1 đến 24 giờ 00’ ngày 20/1/2026 (5 ngày);": when,
    // not work)
    if (node.marker && !node.children.length && !node.body.length && SCHEDULE_LINE.test(node.title.trim()) && !ANY_ASK.test(` ${node.title} `)) continue;
    const fielded = fieldTask(node, year);
    if (fielded) {
      for (const c of node.children) consumed.add(c);
      // an item made of fields without a doer's field takes the doers of its heading or lead-in
      const inh = fielded.lead.length ? null : inheritedOf(node, false);
      out.push(inh ? { ...fielded, lead: refs(inh.a.lead, inh.offset, inh.a.rule) } : fielded);
      continue;
    }
    // "Báo cáo ... gồm các nội dung sau:" and its list: what one task must contain, not tasks of their own
    // an act shared out in quantities ("Điều 1. Bộ Nông nghiệp ... xuất cấp 120 tấn hóa chất ..., cụ thể:" / "- Tỉnh Bình Định:
    // 10 tấn."): one task of the body that acts, the quantities its text; without a body that acts, no task
    const shares = node.children.length > 0 && node.children.every((c) => !c.children.length && QUANTITY_ITEM.test(c.title));
    if (shares && !leadOf(node.title)?.lead.length) {
      for (const c of node.children) consumed.add(c);
      continue;
    }
    // (the counts under an item that asks, "2. Rà soát ..., cụ thể như sau:" + "- ...: hiện có 04 địa phương ...": its particulars)
    // (a request set apart after them, "Vì vậy, ... đề nghị UBND tỉnh ...", is a task of its own, not one of the counts)
    const kept = node.children.filter((c) => !c.detached);
    const counts = kept.length > 0 && kept.every((c) => !c.children.length && COUNTS_NOW.test(c.title) && !ANY_ASK.test(` ${c.title} `));
    // (a request set apart after them is not one of the parts: it stays a task of its own)
    const parts = node.children.length && (shares || counts || listsContents(node) || listsProducts(node) || listsThings(node)) ? kept : null;
    if (parts) for (const c of parts) consumed.add(c);
    // an action whose steps follow ("- Ban hành và tổ chức triển khai kế hoạch ..., bao gồm:" + "+ Tổ chức ...")
    // is a task of its own as well as its steps
    const action = !parts && node.children.length > 0 && (isActionParent(node) || ownMeasure(node));
    // (a paragraph set apart under an article as its own task does not make the article a mere heading)
    if (node.children.some((c) => !c.detached) && !parts && !action) continue;
    // (a title whose next paragraph goes on in lower case, no colon between, is a sentence the layout broke, not a heading)
    const addressed = addressBody(node);
    // (nor is one whose next paragraph is the short rest of its sentence, a proper name the copy wrapped: "Điều 1: Ban hành
    // kèm theo Quyết định này “Qui định ... của tỉnh Yên" / "Bái.")
    const brokenOff = node.body.length > 0 && !/:\s*$/u.test(node.title) && (/^\p{Ll}/u.test(node.body[0]!.text)
      || (/\p{L}$/u.test(node.title.trim()) && node.title !== node.title.toLocaleUpperCase('vi') && node.body[0]!.text.length <= 40 && /[.;]["”]?\s*$/u.test(node.body[0]!.text)));
    const heading = !parts && !action && isHeadingLike(node) && !brokenOff && !addressed;
    // (a heading over a short line in capitals shows a sample or a title to print, "a. Mẫu số 1:" / "HÀNG ĐÃ XUẤT KHẨU":
    // what is shown, not work)
    // (not under an item that asks: "Giao Văn phòng ... trang trí hội trường với tiêu đề:" / "HỘI NGHỊ ...")
    if (heading && node.body.length && node.body.every((p) => p.text.length < 80 && /\p{Lu}{2}/u.test(p.text) && p.text === p.text.toLocaleUpperCase('vi')) && !leadOf(node.title)?.lead.length) continue;
    let text: string, start: number, end: number;
    let whole: { text: string; start: number } | null = null;
    if (parts) {
      const last = parts[parts.length - 1]!;
      text = [node.title, ...node.body.map((p) => p.text), ...parts.map((c) => [c.title, ...c.body.map((b) => b.text)].join(' '))].join(' ');
      start = node.titleStart;
      end = last.body.length ? last.body[last.body.length - 1]!.end : last.titleEnd;
    } else if (heading && node.body.length && !/^\s*“/u.test(node.body[0]!.text)) {
      text = node.body.map((p) => p.text).join(' ');
      start = node.body[0]!.start;
      end = node.body[node.body.length - 1]!.end;
    } else if (heading && node.body.length) {
      // "Đề nghị X vận dụng theo hướng dẫn tại ... như sau:" and the text it quotes: the item asks, the quote is what
      text = [node.title, ...node.body.map((p) => p.text)].join(' ');
      start = node.titleStart;
      end = node.body[node.body.length - 1]!.end;
    } else if (!node.marker) {
      text = [node.title, ...node.body.map((p) => p.text)].join(' ');
      start = node.titleStart;
      end = node.body.length ? node.body[node.body.length - 1]!.end : node.titleEnd;
      // (a paragraph after the list that asks for a reply by a day is a request of its own:
      // "Kết quả trao đổi, kính đề nghị các đồng chí gửi về Công an tỉnh ... trước ngày 15/6/2025")
      const siblings = node.parent!.children;
      const at = siblings.indexOf(node);
      const after = anyMarked && !node.detached && !node.parent?.parent && siblings.slice(0, at).some((c) => c.marker)
        && ((SEND_BY.test(text) && ANY_ASK.test(` ${text} `)) || asksNamedBody(text));
      // (a letter's request that is whole before its numbered points, not a lead-in to them: "Để tổng hợp ..., đề nghị
      // các Sở ... báo cáo ... theo biểu mẫu đính kèm." / "1. Báo cáo gửi về Bộ phải có ..." / "2. Thời hạn ...")
      const standalone = anyMarked && !node.detached && !node.parent?.parent && !!siblings[at + 1]?.marker && !node.body.length && ctx.recipients.length > 0
        && !siblings.slice(0, at).some((c) => c.marker) && standaloneRequest(text, ctx.issuer ?? null);
      // "Thời gian gửi báo cáo trước ngày 20 tháng 3 năm 2009." after a letter's request: that request's time, no task
      const prev = out[out.length - 1];
      if (!anyMarked && prev && timeOnly(text.trim()) && !leadOf(text)?.lead.length) {
        prev.deadline ??= timeAt(text, start, 'timeParagraph');
        continue;
      }
      if (isClosing(text) || (anyMarked && !node.detached && !node.paragraph && !after && !standalone)) continue;
      if (standalone && !after) standaloneAt = node;
      if (!anyMarked && !node.detached) {
        // a letter's paragraph: from where the office's own request begins, or not a task; after a lead-in
        // that gives orders ("Thủ tướng Chính phủ ... có ý kiến như sau:"), a paragraph that opens with the
        // body it orders ("Bộ Y tế khẩn trương ...") is one of them
        let at = requestStart(node.title, ctx.issuer ?? null);
        // (after such a lead-in, a later sentence that opens with the body it orders: "Biểu dương lực lượng ... . Văn phòng
        // Thường trực ... phối hợp với Bộ Công an ... đề xuất ...")
        // (a paragraph that opens with the body it orders is that body's task from its start, an ask later in it
        // included: "Các cơ quan, đơn vị, doanh nghiệp và hộ dân treo Quốc kỳ từ .... Yêu cầu các hộ dân thực hiện vệ sinh ...")
        if (at > 0 && ordered && ordersBody(node.title)) at = 0;
        if (at < 0 && ordered && !ordersBody(node.title)) at = [...node.title.matchAll(/[.;!?]\s+(?=\p{Lu})/gu)].map((m) => m.index! + m[0].length).find((a) => ordersBodyAt(node.title.slice(a))) ?? -1;
        // (after a lead-in that asks, "... yêu cầu:", a paragraph whose subject is a body is what it asks of it)
        const charged = (afterLeadIn || node.charge) && /^lead\.(?:subject|giao|responsible)$/u.test(leadOf(node.title)?.rule ?? '');
        // (not where and by when the request before it is answered: "Doanh nghiệp hoàn tất báo cáo và gửi về Phòng X ... trước
        // ngày 14/7/2012.", that request's time)
        const sendsBy = !!prev && !prev.deadline && (SEND_BY.test(text) || (/(?<![\p{L}])(?:gửi|nộp)\s/u.test(text) && /(?<![\p{L}])(?:trước|chậm nhất|không muộn hơn)\s+(?:ngày\s+)?\d/u.test(text) && text.length < 320));
        const goesOn = news && told && !sendsBy && goesOnWithLetter(node.title);
        // (a news page's "UBND thành phố vừa có văn bản giao Sở X chủ trì, phối hợp ...": the letter's own assignment, from "giao")
        const gives = at < 0 && news ? LETTER_GIVES.exec(node.title) : null;
        if (gives) at = gives.index + gives[0].length - gives[1]!.length;
        // (a news page's sentence that says an office conveys a leader's directions, "Văn phòng UBND tỉnh thông báo ý kiến của
        // Phó Chủ tịch UBND tỉnh X chỉ đạo quản lý ... (Công văn số 1858/VP-KGVX, ngày 14/5/2019)": it tells of the letter, whose
        // orders follow; not one that goes on to ask after a colon or a later "giao")
        // (a web address's colon is none)
        if (news && CONVEYS.test(node.title) && !/:(?!\/\/)|(?<![\p{L}])(?:giao|đề nghị|yêu cầu)\s+\p{Lu}/u.test(node.title)) {
          told = true;
          continue;
        }
        if (news && TELLS_LETTER.test(text)) {
          told = true;
          const asked = toldAsked(text);
          if (asked.length) askedInLetter = refs(asked, start, 'lead.toldLetter');
        }
        if (at < 0 && !goesOn && !(node.body.length && requestStart(text, ctx.issuer ?? null) >= 0) && !charged && !(ordered && (ordersBody(text) || letsBodyAct(text))) && !(listing && opensWithVerb(node.title))) {
          // (a paragraph no rule reads as a request that says where and by when the one before it is answered, "Ý kiến góp ý
          // gửi về Sở X (địa chỉ: ..., email: ...) trước ngày 15/9/2019 để Sở tổng hợp": that request's time)
          // (or when those asked, called back by a generic name, are to have done it: "Các đơn vị thực hiện trước ngày 24/3/2016.")
          // (a dated reply outranks the request's own undated "trước khi trình ban hành")
          const undated = !prev?.deadline || (prev.deadline.kind === 'ongoing' && !prev.deadline.date);
          if (prev && undated && (REPLY_TO.test(text) || DONE_BY.test(text) || (sendsBy && news && told))) {
            const d = timeAt(text, start, 'replyParagraph');
            if (d?.kind === 'by') prev.deadline = d;
          }
          // (a long paragraph that neither tells of the letter nor goes on with it ends its orders)
          if (news && !TELLS_LETTER.test(text) && text.length >= 160) told = false;
          continue;
        }
        if (news) told = true;
        if (at > 0) {
          // (a sentence that asks after its own frame, "Để có cơ sở tổng hợp, Bộ X đề nghị ...", goes on with the
          // background before it: the paragraph is the task; a sentence that opens with the ask, "Đề nghị quý cơ
          // quan ...", starts the task. The rules read from where it asks either way.)
          if (BACKGROUND.test(text.slice(at)) || TURN.test(text.slice(at))) whole = { text, start };
          text = text.slice(at);
          start += at;
        }
      }
    } else {
      // (an item ending in ':' with nothing under it but a table or a title to print is still asked when it
      // gives the work: "Giao Văn phòng UBND tỉnh ban hành giấy mời ...; trang trí hội trường với tiêu đề:")
      if (/:$/.test(node.title.trim()) && !action && !addressed && !(node.children.length === 0 && /^(?:Giao|Đề nghị|Yêu cầu)\s+\p{Lu}/u.test(node.title.trim()))) continue;
      text = [node.title, ...node.body.map((p) => p.text)].join(' ');
      start = node.titleStart;
      end = node.body.length ? node.body[node.body.length - 1]!.end : node.titleEnd;
      // an article that opens with the decision's own act, naming no doer ("Điều 1. Bổ sung 19.025,2 triệu đồng ... cho
      // các địa phương ... . Các địa phương chịu trách nhiệm quản lý, sử dụng ..."): the task is the sentence that charges a body
      if (node.marker?.kind === 'article' && !leadOf(/^[^.;]*/u.exec(text)![0])?.lead.length) {
        // (a sentence that opens with a body: the few first ones)
        const charged = [...text.matchAll(/(?<=[.;])\s+(?=\p{Lu})/gu)].slice(0, 8).map((m) => m.index! + m[0].length).find((at) => {
          if (!startsWithBody(text.slice(at, at + 80))) return false;
          const l = leadOf(text.slice(at));
          return !!l?.lead.length && l.lead[0]!.start === 0 && /^lead\.(?:subject|responsible)$/u.test(l.rule);
        });
        if (charged !== undefined) {
          text = text.slice(charged);
          start += charged;
        }
      }
      // "Điều 2. Quyết định này có hiệu lực sau 10 ngày, kể từ ngày ký. Giao Giám đốc Sở X hướng dẫn, kiểm tra ...": the
      // effect is no task, the charge after it is
      const effect = node.marker?.kind === 'article' ? /^[^.;]*[.;]\s+/u.exec(text) : null;
      if (effect && CLOSING_ANY.some((r) => r.test(effect[0].trim())) && (NEW_REQUEST.test(text.slice(effect[0].length)) || /^Giao\s+\p{Lu}/u.test(text.slice(effect[0].length))) && !isClosing(text.slice(effect[0].length))) {
        text = text.slice(effect[0].length);
        start += effect[0].length;
      }
    }
    if (!text.trim() || isClosing(text, Boolean(node.marker))) continue;
    // an article's heading left alone, its clause a closing formula that ended the directive part ("Điều 4. Tổ chức thực
    // hiện" over "... chịu trách nhiệm thi hành Quyết định này./.")
    if (node.marker?.kind === 'article' && !node.children.length && ARTICLE_HEADING.test(text.trim())) continue;
    if ((node.marker?.kind === 'article' || underArticle(node)) && DECISION.test(text)) continue;
    // an item that names a document, as lists of documents applied, repealed or attached do ("1. Quyết định số 28/2016/QĐ-UBND
    // ngày ... của Ủy ban nhân dân tỉnh ... Quy định về ..."), asks nobody
    if (node.marker && CITED_ITEM.test(text) && !leadOf(text)?.lead.length) continue;
    // the points of a decision the letter conveys ("1. Điều chỉnh mức trợ cấp ..., như sau:" + "a) Từ ngày 01/01/2009, điều
    // chỉnh tăng thêm 15% ..."): what is decided, naming no doer, asks nobody
    if (node.marker && node.parent?.marker && DECISION.test(node.parent.title.trim()) && /như sau\s*:\s*$/u.test(node.parent.title) && !leadOf(text)?.lead.length) continue;
    // "Đồng ý tổ chức buổi họp mặt ... theo đề nghị của X. X chủ trì, phối hợp với Y tổ chức ...": the approval is no task,
    // the charge after it is
    // (so is an appraisal: "Biểu dương lực lượng ... . Văn phòng Thường trực ... phối hợp với ... đề xuất ...")
    const approval = APPROVAL.test(text) || APPRAISAL.test(text) ? /^[^.;]*[.;]\s+(?=\p{Lu})/u.exec(text) : null;
    // (in the same paragraph: a paragraph after the item, "Sở X gửi đến Sở Nội vụ để tổng hợp./.", is not the item's charge)
    if (approval && start + approval[0].length < node.titleEnd && approves(approval[0]) && leadOf(text.slice(approval[0].length))?.lead.length && !approves(text.slice(approval[0].length))) {
      text = text.slice(approval[0].length);
      start += approval[0].length;
    }
    // an approval that asks nobody ("Đồng ý tổ chức Hội nghị ...", "Thống nhất chủ trương cho X tổ chức ...")
    // (not under a lead-in that gives the items to a body: "Giao Bộ Y tế chủ trì ...:" / "1. Thống nhất quy mô tiếp nhận ...", the
    // body's work)
    if (approves(text) && !/giao$/u.test(inheritedOf(node, false)?.a.rule ?? '')) continue;
    // a decision's article that delegates ("Điều 1. Ủy quyền cho Giám đốc Sở Công Thương thực hiện một số nhiệm vụ, quyền hạn của
    // Ủy ban nhân dân tỉnh ..."): the act itself, as "Phê duyệt ..." or "Thành lập ..." is; the duties come in the articles after
    if (node.marker?.kind === 'article' && /^(?:Ủy|Uỷ) quyền cho\s/u.test(text)) continue;
    // the objects of the article's act, listed elsewhere: "Điều 1. Công bố kết quả ... đối với: 1. Các sở: Tại Phụ lục I đính kèm."
    if (underArticle(node) && DECISION.test(node.parent!.title) && /:\s*(?:Tại|Theo|Chi tiết tại|Như)\s+(?:Phụ lục|Biểu|danh sách)/iu.test(text)) continue;
    // a member of a body being set up ("Ông Đỗ Văn Chung, Giám đốc Sở Nội vụ: Phó Chủ tịch Hội đồng;"), not a
    // person asked by office ("Đồng chí Bí thư Tỉnh ủy chỉ đạo việc triển khai ...")
    // (a member given duties after the colon is asked: "Đồng chí Phó Trưởng ban ... - Ủy viên: Trực tiếp chỉ đạo chuẩn bị ...")
    if (MEMBER.test(text) && !ASKING_SENTENCE.test(text) && !memberDuties(text)) continue;
    // what members are entitled to or how they work is not an obligation ("... làm việc theo chế độ kiêm nhiệm", "được hưởng ...")
    // (not work asked in its own verb that names an allowance: "Phối hợp với cơ quan Thuế rà soát ... lượng thuốc nổ được
    // phép sử dụng ...")
    if (ENTITLEMENT.test(text) && !/(?:có trách nhiệm|chịu trách nhiệm|phải|đề nghị|yêu cầu|giao)\s/u.test(text) && !(node.marker && opensWithVerb(text))) continue;
    // what a body has done ("Công an tỉnh đã xây dựng ...") is background, not a task
    // (also after a frame: "Căn cứ quy định tại Quyết định số 1187/QĐ-BNV, Bộ Nội vụ sẽ tiến hành ...")
    const opening = /^[^.;]*/u.exec(text)![0];
    // (the pattern, tried at every comma with up to 80 characters each, only where one of its words is)
    const done = /\s(?:đã|vừa|sẽ)\s/u.test(opening) ? [...opening.matchAll(/(?:^|,\s+)([^,;.:]{3,80}?)\s+(?:đã|vừa|sẽ)\s+(?!được)\p{Ll}/gu)].find((m) => startsWithBody(m[1]!) && !relativeBefore(opening, m.index!)) : undefined;
    if (done && !/(?:đề nghị|yêu cầu|giao)\s/iu.test(text.slice(0, 200))) continue;
    // how a figure is worked out or shown ("Chỉ số được xác định bằng tỉ lệ ...", "... được thể hiện tại cột ...")
    if (DESCRIBES.test(opening) && !ANY_ASK.test(` ${text} `) && !leadOf(text)?.lead.length) continue;
    // what the law says, quoted or told in a reply ("Theo quy định tại điểm b khoản 1 Điều 41 Luật số 42/2024/QH15: ...", "Tại
    // Điều 12 Nghị định số 139/2025/NĐ-CP ... quy định ...", "Căn cứ quy định tại Điều 42 Nghị định ... thì hiện nay đã không còn
    // thủ tục ..."): exposition, unless it asks someone or charges a doer ("..., tổ chức, cá nhân khai thác khoáng sản có nghĩa
    // vụ ...")
    if (CITES_LAW.test(text) && !ANY_ASK.test(` ${text} `) && !/(?:có|chịu) (?:trách nhiệm|nghĩa vụ)\s/u.test(text) && !leadOf(text)?.lead.length) continue;
    // a slogan of a propaganda plan's list ("Ngày bầu cử là Ngày hội đại đoàn kết toàn dân tộc!"): said, not done
    if (node.marker && /^[^!.;:]{3,250}!\s*$/u.test(text.trim()) && !ANY_ASK.test(` ${text} `)) continue;
    // a count of what is there now ("Diện tích đất tối thiểu 3 ha: hiện có 04 địa phương có ...", "Đến nay có 12 xã ..."): a fact
    if (COUNTS_NOW.test(opening) && !ANY_ASK.test(` ${text} `) && !leadOf(text)?.lead.length) continue;
    // how a body is run, or how a step is done, as a rule with no doer asked ("Hội ... tổ chức và hoạt động theo
    // Điều lệ", "Việc bố trí nhân sự ... thực hiện theo đúng quy định của pháp luật")
    if (STATUS.test(opening) && !ASKING_SENTENCE.test(text) && !/(?:có trách nhiệm|chịu trách nhiệm|phải)\s/u.test(text)) continue;
    // the issuer's own opinion in a reply ("Sau khi rà soát ..., Sở X thống nhất về việc tham mưu ..."): what it thinks, not work
    if (ownOpinion(text, ctx.issuer ?? null)) continue;
    // under a lead-in that gives comments on a dossier ("Sở X có ý kiến tham gia như sau:"), a point that asks nobody is a finding
    // ("(i) Về quy hoạch sử dụng đất cấp huyện: Qua lồng ghép tọa độ ... Khu đất có khoảng 20,0 ha ..."), not work
    if (comments && node.marker && !ANY_ASK.test(` ${text} `) && !/(?:có trách nhiệm|chịu trách nhiệm|phải|cần)\s/u.test(text) && !leadOf(text)?.lead.length) continue;
    // a pointer to the table that holds the tasks ("Chi tiết tại Phụ lục kèm theo."): the rows are the tasks
    if (POINTER.test(text) && !ANY_ASK.test(` ${text} `)) continue;
    // the particulars of a decision's inspection, visit or event, one a line ("1. Đối tượng kiểm tra: Gồm 03 đơn vị", "2. Phạm
    // vi và nội dung kiểm tra: Kiểm tra việc chấp hành ...", "3. Thời hạn kiểm tra: ...") under an article or heading that
    // names them; not an item made of fields, which has a doer's field (fieldTask above)
    if (node.marker && PARTICULAR.test(text) && !chargesAfterLabel(text) && node.parent && node.parent.children.filter((c) => PARTICULAR.test(c.title)).length >= 2) continue;
    // how long a delegation or a text holds ("Thời hạn ủy quyền: Từ ngày ... đến hết ngày 28 tháng 02 năm 2027"), how the work
    // is paid for as a rule ("Kinh phí cho hoạt động kiểm tra: Được thực hiện theo quy định ..."), a form's place to sign
    // ("LÃNH ĐẠO ĐƠN VỊ (Ký tên, đóng dấu)"): no work
    if (TERM_IN_FORCE.test(text)) continue;
    if (/^(?:Kinh phí|Nguồn kinh phí)[^:;.]{0,60}:\s*(?:Được|Do ngân sách|Từ nguồn|Theo|Sử dụng|Nguồn|Bố trí từ)(?![\p{L}])/u.test(text) && !chargesAfterLabel(text)) continue;
    if (/\((?:[Kk]ý|[Kk]ý,)\s+(?:tên|ghi rõ|và ghi rõ|đóng dấu)/u.test(text) && text.length < 120) continue;
    // a body set up that ends itself when its work is done ("Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm vụ.")
    if (/^[^.;]{0,80}\stự\s+(?:giải thể|chấm dứt hoạt động)(?![\p{L}])/u.test(text)) continue;
    // The rules read the source as it lies in the model (line and paragraph breaks as spaces,
    // same length), so every offset they find plus `start` is a span of the model's text.
    const source = model.text.slice(start, end).replace(/\n/g, ' ');
    text = tidy(text);

    // lead and support
    const own = leadOf(source) ?? bodyDoer(node, start, ctx.issuer ?? null);
    const inherited = inheritedOf(node, heading && node.body.length > 0);
    let lead: AgencyRef[] = [];
    let later: (Assignment & { at: number }) | null = null;
    const letterParagraph = !anyMarked && !node.marker;
    // a generic back-reference ("các cơ quan, đơn vị"), or any collective of kinds of bodies when the
    // lead-in named who is asked ("các bộ, tỉnh" after "hướng dẫn các bộ, ... và UBND các tỉnh ...")
    const genericRef = (b: BodySpan) => isGeneric(b.text) || /^(?:(?:các|những)\s+)?(?:cơ quan|đơn vị)\s*(?:,\s*(?:cơ quan|đơn vị))?$/iu.test(b.text)
      || !!(rootAssign?.aliases?.length && isAliasCollective(b.text, rootAssign.aliases));
    // (also with bodies the group already holds: "Các cơ quan, đơn vị và UBND các huyện, thị xã, thành phố thực hiện ..." under
    // "đề nghị các sở, ban, ngành; ...; UBND các huyện, thị xã, thành phố triển khai ... như sau:")
    const ofGroup = (b: BodySpan) => !!inherited?.a.lead.some((g) => fold(g.text) === fold(b.text));
    const ownGeneric = own && own.lead.some(genericRef) && own.lead.every((b) => genericRef(b) || ofGroup(b));
    // a letter's "đề nghị các cơ quan ..." with no group named above: those it is sent to
    // (after a paragraph that asked that group by a longer name, that group: "... các cơ quan, đơn vị còn lại ..." / "Do thời
    // gian gấp, đề nghị các cơ quan, đơn vị khẩn trương gửi ...")
    // A letter sent to several bodies keeps "các đơn vị" as it is written: it is FORMAT's generic collective, one doer
    // (every gold record of the kept sets and corpus/real writes it so); only a letter sent to one body, or an address
    // word ("Quý Tổng cục", "các đồng chí"), stands for those it is sent to.
    // ("các Bộ, cơ quan nêu trên" points at the Kính gửi list by its own words; a later "các Bộ, cơ quan" is that group again)
    const toRecipients = !!own && own.lead.length > 0 && !inherited && ctx.recipients.length > 0;
    const pointsBack = toRecipients && own!.lead.every((b) => POINTS_BACK.test(b.text.trim()));
    const backReference = toRecipients && own!.lead.every((b) => BACK_REFERENCE.test(b.text.trim()));
    if (backReference && lastAsked.length === 1 && lastAsked[0]!.name.toLowerCase().startsWith(own!.lead[0]!.text.trim().toLowerCase())) lead = lastAsked.map((l) => ({ ...l, rule: 'lead.previousRequest' }));
    else if (backReference && lastAsked.length && lastAsked.every((l) => l.rule === 'lead.backReference')) lead = lastAsked;
    else if (pointsBack || (backReference && (ctx.recipients.length === 1 || own!.lead.every((b) => ADDRESSEES.test(b.text))))) lead = ctx.recipients.map((name) => ({ name, start: 0, end: 0, rule: 'lead.backReference' }));
    // (a news page's "Các địa phương đẩy mạnh ..." after "UBND huyện vừa có văn bản yêu cầu các xã, thị trấn ...": those)
    else if (letterParagraph && askedInLetter.length && own?.lead.length && own.lead.every(genericRef)) lead = askedInLetter;
    else if (own && own.lead.length && !(ownGeneric && inherited)) lead = refs(own.lead, start, own.rule);
    // (the lead-in's own "đề nghị các đơn vị thực hiện:" in a letter sent to one body: that body, FORMAT's "single body the
    // whole document is addressed to"; sent to many, the back-reference stays the lead-in's)
    else if (inherited && ctx.recipients.length === 1 && inherited.a.lead.length && inherited.a.lead.every((b) => BACK_REFERENCE.test(b.text.trim()))) lead = ctx.recipients.map((name) => ({ name, start: 0, end: 0, rule: 'lead.backReference' }));
    else if (inherited) lead = refs(inherited.a.lead, inherited.offset, inherited.a.rule);
    // a letter asks its addressees: "Đề nghị quý cơ quan ...", or its own unnumbered paragraphs
    // a letter's paragraph that names no doer goes on with the request before it ("... đề nghị các bộ xây dựng báo
    // cáo ..." / "Báo cáo gửi về Bộ trước ngày 15/5/2021"): the same doers
    else if ((letterParagraph || (node.marker && !node.parent?.parent && standaloneAt)) && lastAsked.length && !ADDRESSEES.test(text)) lead = lastAsked.map((l) => ({ ...l, rule: 'lead.previousRequest' }));
    else if (ctx.recipients.length > 1 && (ADDRESSEES.test(text) || letterParagraph)) lead = ctx.recipients.map((name) => ({ name, start: 0, end: 0, rule: 'lead.recipients' }));
    // an item whose first sentence only names the matter, and a later one its doers ("Việc bổ sung Khu kinh tế Đông Nam ... vào
    // Quy hoạch .... Bộ Kế hoạch và Đầu tư và Ủy ban nhân dân tỉnh Quảng Trị thực hiện theo kết luận ...")
    else if (node.marker && !own?.lead.length && (later = laterSubject(source))) lead = refs(later.lead, start + later.at, later.rule);
    else lead = fallbackLead;
    // "Ủy ban nhân dân các tỉnh, thành phố" in a letter sent to "Ủy ban nhân dân các tỉnh, thành phố: Hồ Chí Minh, Hải Phòng, ...":
    // the ones it is sent to
    if (listed.length) lead = lead.map((l) => listedRecipient(l, listed));
    if ((letterParagraph || standaloneAt === node) && lead.length) lastAsked = lead;
    // "Ban Chấp hành" for "Ban Chấp hành Hội Luật gia tỉnh" that the lead-in named, "Ban chấp hành Hội công chứng
    // viên" for "Ban chấp hành các Hội công chứng viên tỉnh A, B, C": the name in full
    const full = rootAssign?.lead.length === 1 ? rootAssign.lead[0]! : null;
    if (full && lead.length === 1 && shortFor(lead[0]!.name, full.text)) lead = refs([full], model.blocks[from - 1]!.start, 'lead.leadInFull');
    const support: AgencyRef[] = [];
    if (inherited && !(own && own.lead.length && !ownGeneric)) support.push(...refs(inherited.a.support, inherited.offset, 'support.heading'));
    support.push(...refs(supportOf(source), start, 'support.phoiHop'));
    const leadKeys = new Set(lead.map((l) => l.name.toLowerCase()));
    const sup = dedupe(support).filter((s) => !leadKeys.has(s.name.toLowerCase()));

    // deadline: the item's own words, else the nearest heading's
    const y = yearOf(text, year);
    // a time inside the doer's name ("các đơn vị được kiểm tra trong năm 2021") times nothing
    const ownLead = own && own.lead.length ? [own.lead[0]!.start, own.lead[own.lead.length - 1]!.end] as [number, number] : null;
    let deadline = pickDeadline(findDeadlines(source, y, { mask: ownLead ? [ownLead] : [], issued: ctx.date, events: ctx.events }));
    if (deadline) deadline = { ...deadline, start: deadline.start + start, end: deadline.end + start };
    for (let p = node.parent; !deadline && p && p.parent; p = p.parent) {
      // (through an item between that is no heading: "II. Trong quá trình hoạt động khai thác khoáng sản" / "5. Việc sử dụng đất
      // và sử dụng nước ... ." / "- Tổ chức, cá nhân ... sử dụng đất ...")
      if (!isHeadingLike(p)) continue;
      // a heading's time is read once for all the items under it
      let d = headingTimes.get(p);
      if (d === undefined) {
        const own = pickDeadline(findDeadlines(p.title, yearOf(p.title, year), { issued: ctx.date, events: ctx.events }));
        headingTimes.set(p, (d = own?.date ? own : throughout(p.title) ?? own));
      }
      // a heading lends its dated deadline; its "hằng năm" or "thường xuyên" only when the heading is short (its frame, "Trong quá
      // trình ...", "Trước khi ...", whatever its length)
      if (d && !d.date && p.title.length > 80 && d.rule !== 'deadline.throughout') continue;
      if (d) deadline = { ...d, start: d.start + p.titleStart, end: d.end + p.titleStart, rule: `${d.rule}.inherited` };
    }
    // (an item of the list a lead-in asks for takes the lead-in's dated time: leadInTimeOf)
    if (!deadline && node.marker && node.parent && !node.parent.parent && leadInTime) {
      deadline = { ...leadInTime, start: leadInTime.start + leadIn!.start, end: leadInTime.end + leadIn!.start, rule: `${leadInTime.rule}.leadIn` };
    }
    if (!deadline && heading && node.body.length) {
      const d = pickDeadline(findDeadlines(node.title, y, { issued: ctx.date, events: ctx.events }));
      if (d) deadline = { ...d, start: d.start + node.titleStart, end: d.end + node.titleStart, rule: `${d.rule}.heading` };
    }
    const task: TaskFinding = { label: node.label, path: pathOf(node), text: whole ? tidy(whole.text) : text, start: whole ? whole.start : start, end, lead, support: sup, deadline, source: 'item', rule: 'tasks.item' };
    taskOf.set(node, task);
    out.push(task);
  }
  // (an item that sends its work "đúng thời hạn quy định" takes the time the group gives: the concrete one counts)
  // (and the items under its siblings: "2. Thời gian lấy ý kiến: từ ngày 17/3/2025 đến ngày 05/4/2025." / "3. Giao:" / "- Phòng
  // Nông nghiệp và Môi trường huyện tiếp nhận các ý kiến ...")
  for (const [group, d] of groupTimes) for (const c of walk(group)) {
    const t = taskOf.get(c);
    if (t && (!t.deadline || (t.deadline.kind === 'ongoing' && /thời\s+(?:hạn|gian)\s+(?:(?:đã|được)\s+)?quy\s+định/iu.test(t.deadline.text)))) t.deadline = d;
  }
  return out;
}

/** A section's content field: "Nội dung, biện pháp", "Nhiệm vụ, giải pháp", "Nội dung thực hiện" (its items under it). */
const CONTENT_FIELD = /^(?:Nội dung|Nhiệm vụ|Giải pháp|Biện pháp)(?:\s*(?:,|và)\s*(?:nhiệm vụ|giải pháp|biện pháp|nội dung)|\s+(?:thực hiện|cụ thể|chủ yếu))*\s*:?\s*$/iu;
/** A section's doers' field: "Cơ quan chủ trì", "Chủ trì thực hiện", "Cơ quan chủ trì, phối hợp", "Cơ quan phối hợp" (the bodies after its colon or under it). */
const DOERS_FIELD = /^(?:(?:Cơ quan|Đơn vị|Cơ quan, đơn vị)\s+)?(chủ trì|phối hợp|thực hiện)(?:\s+thực hiện)?(?:\s*(?:,|và)\s*(phối hợp)(?:\s+thực hiện)?)?\s*(?::\s*|$)/iu;

/**
 * The sections whose parts are fields: a content field with items and a doers' field beside it (its bodies as bullets or
 * after its colon, or split into "a) Cơ quan chủ trì" and "b) Cơ quan phối hợp"). Gives each content field the assignment
 * its items inherit (spans counted from the content field's title), and puts the doers' fields in `consumed`.
 */
function sectionFields(root: ItemNode, consumed: Set<ItemNode>): Map<ItemNode, Assignment> {
  const out = new Map<ItemNode, Assignment>();
  const bodiesOf = (n: ItemNode, value: string, valueStart: number): { text: string; start: number; end: number }[] => {
    const parts = [{ text: value, start: valueStart }, ...n.body.map((b) => ({ text: b.text, start: b.start })), ...n.children.filter((c) => !DOERS_FIELD.test(c.title)).map((c) => ({ text: c.title, start: c.titleStart }))];
    return parts.flatMap((p) => splitBodies(p.text.replace(/[.;]\s*$/u, ''), { comma: true }).filter((b) => startsWithBody(b.text, true)).map((b) => ({ text: b.text, start: p.start + b.start, end: p.start + b.end })));
  };
  const visit = (n: ItemNode) => {
    for (const c of n.children) visit(c);
    const content = n.children.filter((c) => c.marker && CONTENT_FIELD.test(c.title.trim()) && c.children.length);
    const doers = n.children.filter((c) => c.marker && DOERS_FIELD.test(c.title.trim()));
    if (content.length !== 1 || !doers.length) return;
    const lead: { text: string; start: number; end: number }[] = [], support: typeof lead = [];
    const read = (d: ItemNode) => {
      const m = DOERS_FIELD.exec(d.title.trim())!;
      const value = d.title.trim().slice(m[0].length);
      const valueStart = d.titleStart + (d.title.length - d.title.trimStart().length) + m[0].length;
      // "2. Cơ quan chủ trì, phối hợp" over "a) Cơ quan chủ trì" and "b) Cơ quan phối hợp"
      for (const sub of d.children.filter((c) => DOERS_FIELD.test(c.title.trim()))) read(sub);
      const found = bodiesOf(d, value, valueStart);
      (m[1]!.toLowerCase() === 'phối hợp' ? support : lead).push(...found);
      for (const x of walk(d)) consumed.add(x);
    };
    for (const d of doers) read(d);
    if (!lead.length) return;
    const base = content[0]!.titleStart;
    const shift = (b: { text: string; start: number; end: number }) => ({ text: b.text, start: b.start - base, end: b.end - base });
    out.set(content[0]!, { lead: lead.map(shift), support: support.map(shift), rule: 'heading.sectionFields' });
  };
  visit(root);
  return out;
}

// "Cơ quan chủ trì: ...", "Đơn vị phối hợp: ...", "Thời gian thực hiện: ...", "Sản phẩm: ..."
const FIELD = /^(?:(?:Cơ quan|Đơn vị|Cơ quan, đơn vị)\s+)?(chủ trì|thực hiện|phối hợp)(?:\s+thực hiện)?\s*:\s*|^(Thời gian|Thời hạn|Tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*|^(Sản phẩm|Kết quả|Kinh phí|Nội dung(?:\s+thực hiện)?|Nhiệm vụ|Hình thức|Đối tượng|Phạm vi|Yêu cầu|Thành phần(?:\s+tham dự)?)\s*:\s*/iu;

/**
 * An item whose own title is the action and whose body gives its fields ("Cơ quan chủ trì:",
 * "Cơ quan phối hợp:", "Thời gian thực hiện:") is one task: lead, support and time from the fields.
 */
function fieldTask(node: ItemNode, year: number): TaskFinding | null {
  // (an approval's particulars are no task's fields: "Thống nhất chủ trương cho Công ty A tổ chức Hội chợ, cụ thể như sau:")
  if (approves(node.title)) return null;
  const parts: { text: string; start: number; end: number }[] = [];
  for (const c of node.children) {
    if (c.children.length) return null;
    parts.push({ text: `${c.title} ${c.body.map((b) => b.text).join(' ')}`.trim(), start: c.titleStart, end: c.titleEnd });
  }
  for (const b of node.body) parts.push(b);
  const fields = parts.map((p) => ({ p, m: FIELD.exec(p.text) }));
  if (!fields.some((f) => f.m && (f.m[1] || f.m[2]))) return null;
  if (node.children.some((c) => !FIELD.test(c.title))) return null;
  let lead: AgencyRef[] = [], support: AgencyRef[] = [], deadline: DeadlineFinding | null = null;
  for (const { p, m } of fields) {
    if (!m) continue;
    const value = p.text.slice(m[0].length).replace(/[.;]\s*$/, '');
    const off = p.start + m[0].length;
    const role = m[1]?.toLowerCase();
    if (role === 'chủ trì' || role === 'thực hiện') {
      // "Đơn vị chủ trì: Văn phòng UBND tỉnh chủ trì, phối hợp Sở X, Sở Y"
      const cut = /\s+chủ trì(?![\p{L}])/u.exec(value);
      lead = refs(splitBodies(cut ? value.slice(0, cut.index) : value, { comma: true }), off, 'field.lead');
      if (cut) support.push(...refs(supportOf(value), off, 'field.support'));
    }
    else if (role === 'phối hợp') support = refs(splitBodies(value, { comma: true }), off, 'field.support');
    else if (m[2]) {
      const d = pickDeadline(findDeadlines(value, yearOf(value, year), { cell: true }));
      if (d) deadline = { ...d, start: d.start + off, end: d.end + off, rule: `${d.rule}.field` };
    }
  }
  // bodies the item's own words say it works with ("Phối hợp Ban Cơ yếu Chính phủ triển khai ...")
  const leadKeys = new Set(lead.map((l) => l.name.toLowerCase()));
  for (const b of refs(supportOf(node.title), node.titleStart, 'support.phoiHop')) if (!leadKeys.has(b.name.toLowerCase())) support.push(b);
  support = dedupe(support);
  const text = tidy([node.title, ...parts.map((p) => p.text)].join(' '));
  const end = Math.max(node.titleEnd, ...parts.map((p) => p.end));
  return { label: node.label, path: pathOf(node), text, start: node.titleStart, end, lead, support, deadline, source: 'item', rule: 'tasks.fields' };
}

/**
 * A paragraph after an item that makes a request of its own ("Ngoài ra, đề nghị ...",
 * "Sở Tư pháp đề nghị Ban Chấp hành ... hoàn thiện hồ sơ ...", "Nhận được công văn này, Bộ ... đề nghị
 * các sở ... báo cáo ... trước ngày 20/12/2015", "Vì vậy, đối với các địa phương chưa đáp ứng ..., Bộ Công an trân
 * trọng đề nghị UBND tỉnh điều chỉnh ...") is not that item's
 * continuation: it is an unlabelled task of its own, beside the item (under the item's parent).
 * The first paragraph under a heading-like item stays its body (the heading's task). A proposal named as a noun ("Trên
 * cơ sở đề nghị của Ủy ban nhân dân quận, huyện, Sở Xây dựng chủ trì ...") asks nothing.
 */
const NEW_REQUEST = new RegExp(String.raw`^(?:Ngoài ra|Bên cạnh đó|Mặt khác)[,\s]|^Trên đây là[^.;]{0,200}?\sđề nghị\s+(?=${NAMED_BODY})|^(?:Đề nghị|Yêu cầu)\s+(?=(?:các|những|\p{Lu}))|^(?:Nhận được [^,.;:]{1,40},\s*)?(?:[\p{Lu}][^,.;:]{0,120}?\s)?(?:đề nghị|yêu cầu|giao)\s+(?!(?:các|những)\s+nội dung|của\s)|^(?:Vì vậy|Do đó|Theo đó|Như vậy|Từ đó|Đối với|Để)(?:\([^()]*\)|[^.;()]){0,300}?,\s+(?:[\p{Lu}][^,.;:()]{0,120}?\s)?(?:(?:trân trọng|kính)\s+)?(?:đề nghị|yêu cầu|giao)\s+(?=(?:các|những)\s|\p{Lu})`, 'u');

function detachRequests(root: ItemNode): void {
  const visit = (n: ItemNode) => {
    for (const c of [...n.children]) visit(c);
    if (!n.marker || !n.parent || !n.body.length) return;
    // (a particular written "label: value" keeps none: "- Bóng chuyền: Tại sân bóng chuyền" then "Để ..., BCH Công đoàn
    // trường đề nghị các bộ phận ...")
    const keep = isHeadingLike(n) && !/^\p{L}[^:\d]{0,59}:\s*\S[^.;]*$/u.test(n.title.trim()) ? 1 : 0;
    // (after the list's last item, a paragraph on where and by when to send it all: "Danh mục dự án gửi về Bộ ... trước
    // ngày 15/3/2018")
    const last = n.parent.children.filter((c) => c.marker).at(-1) === n && /[.;]\s*$/u.test(n.title) && !n.children.length;
    const k = n.body.findIndex((p, i) => i >= keep && (NEW_REQUEST.test(p.text) || (last && /^\p{Lu}/u.test(p.text) && SEND_BY.test(p.text))) && !isClosing(p.text));
    if (k < 0) return;
    const moved = n.body.splice(k);
    // after an item's fields ("- Thời gian hoàn thành: ..."), the request goes beside the item, not among its fields
    const field = FIELD.test(n.title) && n.parent.parent ? n.parent : n;
    const holder = field.parent!;
    const siblings = holder.children;
    let at = siblings.indexOf(field) + 1;
    let cur: ItemNode | null = null;
    for (const p of moved) {
      if (!cur || NEW_REQUEST.test(p.text) || (/^\p{Lu}/u.test(p.text) && SEND_BY.test(p.text))) {
        cur = { marker: null, label: '', title: p.text, titleStart: p.start, titleEnd: p.end, body: [], block: n.block, children: [], parent: holder, detached: true };
        siblings.splice(at++, 0, cur);
      } else cur.body.push(p);
    }
  };
  visit(root);
}

/**
 * A letter's paragraph that asks one body and then, in a sentence of its own, another ("Yêu cầu Chủ tịch Ủy ban nhân dân
 * tỉnh Cà Mau khẩn trương chỉ đạo ... trong quý I năm 2009. Giao Thanh tra Chính phủ và Ban Chỉ đạo Tây Nam Bộ theo dõi,
 * đôn đốc ..."): one task per doer, each sentence from its ask on.
 */
// (also a sentence that a connective opens before the body it orders: "... nếu đủ điều kiện. Trước mắt, Ủy ban nhân dân tỉnh
// Yên Bái thực hiện ...", "Đồng thời, Bộ Tài chính ...")
const NEXT_ASK = /(?<=[.!])\s+(?=(?:Giao|Yêu cầu|Đề nghị)\s+(?:cho\s+)?(?:(?:các|những)\s+)?\p{Lu}|(?:Trước mắt|Đồng thời|Ngoài ra|Bên cạnh đó|Mặt khác),\s+\p{Lu})/gu;

const NEXT_DOER = /(?<=[.!;])\s+(?=\p{Lu})/gu;

function splitAsks(root: ItemNode): void {
  for (let i = 0; i < root.children.length; i++) {
    const n = root.children[i]!;
    if (n.marker || n.body.length || n.children.length) continue;
    const cuts = [...n.title.matchAll(NEXT_ASK)].map((m) => m.index! + m[0].length);
    // (or a sentence, or a clause after ';', that opens with a doer of its own and its verb: "Đề nghị Ủy ban Kiểm tra Tỉnh ủy ...
    // phối hợp kiểm tra, giám sát ... . Thanh tra tỉnh, Công an tỉnh theo chức năng ... tham mưu ...", "Ủy ban nhân dân các
    // phường, xã có trách nhiệm ... ở địa bàn dân cư; Thủ trưởng các cơ quan, đơn vị chỉ đạo, kiểm tra ...")
    // (only after words that ask: background, "Sở A đã tổ chức ... . Sở B đã ...", is not split)
    const doerCuts = new Set<number>();
    // (the first ask, read once: a cut counts only after it)
    let asked: number | null = null;
    for (const m of n.title.matchAll(NEXT_DOER)) {
      const at = m.index! + m[0].length;
      if (!startsWithBody(n.title.slice(at, at + 80))) continue;
      asked ??= requestStart(n.title);
      if (asked < 0 || asked >= at) continue;
      // (a doer of its own: not the same ones called back, "Đơn vị nào chưa thu thì khẩn trương thu", "Các đơn vị thực hiện ...")
      const own = opensWithDoer(n.title.slice(at, n.title.indexOf('.', at) + 1 || undefined));
      if (!cuts.includes(at) && own && !own.lead.some((b) => isGeneric(b.text) || /\snào$/u.test(b.text))) doerCuts.add(at);
    }
    cuts.push(...doerCuts);
    cuts.sort((a, b) => a - b);
    if (!cuts.length) continue;
    // (only at an ask that names its own doer, other than the one before it; what comes before the first ask, "Đồng ý với
    // kiến nghị ... .", stays with it)
    const leadAt = (a: number, b: number) => leadOf(n.title.slice(a, b))?.lead.map((x) => x.text.toLowerCase()).join('|') ?? '';
    const kept: number[] = [];
    let before = leadAt(0, cuts[0]!);
    for (let k = 0; k < cuts.length; k++) {
      const l = leadAt(cuts[k]!, cuts[k + 1] ?? n.title.length);
      if (!l || l === before) continue;
      if (before) kept.push(cuts[k]!);
      before = l;
    }
    if (!kept.length) continue;
    const bounds = [0, ...kept, n.title.length];
    const parts = bounds.slice(0, -1).map((a, k) => ({ text: n.title.slice(a, bounds[k + 1]).trimEnd(), at: a }));
    const made = parts.map((p): ItemNode => ({ ...n, title: p.text, titleStart: n.titleStart + p.at, titleEnd: n.titleStart + p.at + p.text.length, body: [], children: [], ...(doerCuts.has(p.at) ? { charge: true } : {}) }));
    root.children.splice(i, 1, ...made);
    i += made.length - 1;
  }
}

/**
 * A heading over several paragraphs, each a duty of its own, whose list lost its markers (text copied from a Word file's
 * automatic numbering, a draft's body): "1. Đối với Ban Giám hiệu nhà trường" / "Nhận thức sâu sắc ... ." / "Đẩy mạnh
 * tuyên truyền ... ." / "Chủ động phối hợp ... .", or "- Về rà soát phân công nhiệm vụ ...:" / "Bộ Tài chính căn cứ ... ." /
 * "Bộ Tài chính làm việc cụ thể ... .". Each paragraph is an unlabelled item under the heading, which lends it its doer and
 * time; a short line without a full stop among them ("Đổi mới, đa dạng hóa các hình thức tuyên truyền ...") heads the
 * paragraphs after it. Only when every paragraph is a duty or such a line, and most duties open with their verb or doer:
 * a heading over one paragraph keeps it as its text (FORMAT.md), and one over fields, background or a quotation is left as it is.
 */
function splitParagraphItems(root: ItemNode): void {
  const visit = (n: ItemNode) => {
    for (const c of [...n.children]) visit(c);
    if (!n.marker || n.children.length || n.body.length < 2 || n.marker.kind === 'article') return;
    const title = n.title.trim();
    if ((n.marker.kind === 'dash' || n.marker.kind === 'plus') ? !/:$/u.test(title) : !isHeadingLike(n) || /^\p{Ll}/u.test(n.body[0]!.text)) return;
    const kinds = n.body.map((p, i) => paragraphKind(p.text, i < n.body.length - 1));
    if (kinds.includes('other') || kinds[kinds.length - 1] !== 'duty') return;
    const duties = n.body.filter((_, i) => kinds[i] === 'duty');
    if (duties.length < 2 || duties.filter((p) => opensWithVerb(p.text) || startsWithBody(p.text) || framedVerb(p.text)).length * 2 < duties.length) return;
    let holder = n;
    for (const [i, p] of n.body.entries()) {
      const node: ItemNode = { marker: null, label: '', title: p.text, titleStart: p.start, titleEnd: p.end, body: [], block: n.block, children: [], parent: holder };
      if (kinds[i] === 'topic') {
        node.parent = n;
        n.children.push(node);
        holder = node;
      } else {
        node.paragraph = true;
        holder.children.push(node);
      }
    }
    n.body = [];
  };
  visit(root);
}

/**
 * A duty that opens with its frame and then its verb: "Theo chức năng, nhiệm vụ, phạm vi quản lý tổ chức tuyên truyền ...",
 * "Đối với các cơ sở, công trình thuộc phạm vi quản lý, hướng dẫn chủ đầu tư ...".
 */
function framedVerb(text: string): boolean {
  if (!/^(?:Theo chức năng|Đối với|Trong phạm vi)(?![\p{L}])/u.test(text)) return false;
  const fn = /^Theo chức năng(?:,\s*nhiệm vụ)?(?:,\s*phạm vi quản lý)?\s+(?=\p{Ll})/u.exec(text);
  return (!!fn && opensWithVerb(text.slice(fn[0].length)))
    || [...text.slice(0, 200).matchAll(/,\s+/gu)].slice(0, 4).some((m) => opensWithVerb(text.slice(m.index! + m[0].length)));
}

/** A paragraph under a heading: a duty (a sentence that asks, ending with its stop), a short topic line heading those after it, or neither. */
function paragraphKind(text: string, more: boolean): 'duty' | 'topic' | 'other' {
  const t = text.trim();
  if (!/^\p{Lu}/u.test(t) || FIELD.test(t) || (BACKGROUND.test(t) && !/^Theo dõi(?![\p{L}])/u.test(t) && !framedVerb(t)) || isClosing(t) || /^\s*“/u.test(t)) return 'other';
  // (not what was done: "Trong năm học vừa qua, nhà trường đã tổ chức 12 buổi ...")
  if (/[.;!]["”)]?$/u.test(t)) return t.length >= 40 && !/^[^.;]{0,60}:\s/u.test(t) && !/^[^.;]{0,100}\s(?:đã|đã được|vừa)\s/u.test(t) ? 'duty' : 'other';
  return more && t.length < 160 && !/[,:]$/u.test(t) && t !== t.toLocaleUpperCase('vi') ? 'topic' : 'other';
}

/**
 * A heading that gives its items the whole of an activity as their time: "2. Trong quá trình hoạt động khai thác khoáng sản"
 * over the duties of a mine's operator. Open-ended (FORMAT.md: ongoing). Only a heading's own words: inside an item, "trong
 * quá trình thực hiện, ..." is a frame, often the closing formula's.
 */
function throughout(title: string): DeadlineFinding | null {
  // (and a group of the work that never ends, "3. Nhiệm vụ thường xuyên", against the year's "Nhiệm vụ trọng tâm năm 2026")
  // (and one before an event the text does not date: "2. Trước khi đưa mỏ đi vào hoạt động khai thác khoáng sản phải thực hiện
  // đầy đủ các nội dung sau", open-ended as "trước khi ..." in an item is)
  const m = /^Trong\s+(?:suốt\s+)?(?:quá trình|thời gian)\s+[^.;:]{3,100}$|^(?:Các\s+)?(?:nhiệm vụ|công việc)\s+thường xuyên$|^Trước\s+khi\s+[^.;:\d]{3,120}$/iu.exec(title.trim().replace(/[.:]$/u, ''));
  return m ? { kind: 'ongoing', date: null, text: m[0], start: title.indexOf(m[0]), end: title.indexOf(m[0]) + m[0].length, rule: 'deadline.throughout' } : null;
}

/**
 * A lead-in's list of the bodies that do the items after it, a bullet each with the part each one is for in brackets: "2. Các sở
 * quản lý chuyên ngành" / "Giao các sở quản lý nhà nước chuyên ngành về hạ tầng theo ngành, lĩnh vực gồm:" / "- Sở Công
 * Thương (đối với tài sản kết cấu hạ tầng cụm công nghiệp ...);" / "- Sở Xây dựng (đối với ... đô thị);" / "Có trách nhiệm:" /
 * "a) Chủ trì ..." / "b) ...". The bullets are no tasks: they name the doers of the items, which go under the heading.
 * Returns each heading with the assignment its list gives (spans from the heading's title, as a heading's own are).
 */
function doerLists(root: ItemNode): Map<ItemNode, Assignment> {
  const out = new Map<ItemNode, Assignment>();
  for (const n of [...walk(root)]) {
    const kids = n.children;
    const i = kids.findIndex((c) => bodyOnly(c) !== null);
    if (i < 0) continue;
    let j = i;
    while (j < kids.length && bodyOnly(kids[j]!) !== null && (j === i || kids[j]!.marker?.kind === kids[i]!.marker?.kind) && (!kids[j]!.children.length || j + 1 === kids.length || bodyOnly(kids[j + 1]!) === null)) j++;
    const run = kids.slice(i, j);
    const before = i > 0 ? kids[i - 1]!.title : n.body.length ? n.body[n.body.length - 1]!.text : n.title;
    if (run.length < 2 || !/:\s*$/u.test(before)) continue;
    const lead: BodySpan[] = [];
    for (const c of run) for (const b of bodyOnly(c)!) lead.push({ text: b.text, start: c.titleStart + b.start - n.titleStart, end: c.titleStart + b.end - n.titleStart });
    const last = run[run.length - 1]!;
    // the items under the list's last bullet ("Có trách nhiệm:" / "a) ...") are the heading's
    const moved = last.children;
    for (const c of moved) c.parent = n;
    last.children = [];
    kids.splice(i, run.length, ...moved);
    out.set(n, { lead, support: [], rule: 'heading.doerList' });
  }
  return out;
}

/**
 * A group's doers named after its items, on the group's last line (a Party programme's way): "3.1. Nâng cao nhận thức ..."
 * / "- Quán triệt ..." / "- Đổi mới ..." / "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh; Đảng
 * ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng." The line is the last item's last paragraph as the tree reads it: it
 * is taken out of it and gives the group its doers (spans from the group's title, as a heading's own are).
 */
const CHARGE_LINE = /^(?:Trách nhiệm(?:\s+chỉ đạo)?\s+(?:thực hiện|triển khai)|Cơ quan(?:,\s*đơn vị)?\s+(?:chủ trì|thực hiện|chịu trách nhiệm)|Đơn vị\s+(?:chủ trì|thực hiện)|Chủ trì thực hiện)\s*:\s*/u;

/** Where a charge line starts inside a paragraph, after the sentence it was joined to (CHARGE_LINE without its '^'). */
const CHARGE_SENTENCE = new RegExp(String.raw`[.;]\s+(?=${CHARGE_LINE.source.replace(/^\^/u, '')})`, 'u');

function closingCharges(root: ItemNode): Map<ItemNode, Assignment> {
  const out = new Map<ItemNode, Assignment>();
  for (const n of [...walk(root)]) {
    const last = n.children[n.children.length - 1];
    if (!last || n.children.length < 2 || !last.marker) continue;
    // the line on its own after the last item, or (the copy joined it to the item's last line) the item's last sentence:
    // "- Đào tạo, bồi dưỡng ... đến cấp xã. Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh."
    let line = last.body[last.body.length - 1];
    let cut = -1;
    if (!line || !CHARGE_LINE.test(line.text)) {
      const own = line ?? { text: last.title, start: last.titleStart, end: last.titleEnd };
      const j = CHARGE_SENTENCE.exec(own.text);
      if (!j) continue;
      cut = j.index + j[0].length;
      line = { ...own, text: own.text.slice(cut), start: own.start + cut };
    }
    const m = CHARGE_LINE.exec(line.text);
    if (!m) continue;
    const value = line.text.slice(m[0].length).replace(/[.;\s]+$/u, '');
    const bodies = splitBodies(value, { comma: !value.includes(';') });
    if (!bodies.length || !bodies.every((b) => startsWithBody(b.text, true))) continue;
    if (cut < 0) last.body.pop();
    else if (last.body.length) {
      const b = last.body[last.body.length - 1]!;
      last.body[last.body.length - 1] = { ...b, text: b.text.slice(0, cut).trimEnd(), end: b.start + b.text.slice(0, cut).trimEnd().length };
    } else {
      last.title = last.title.slice(0, cut).trimEnd();
      last.titleEnd = last.titleStart + last.title.length;
    }
    const at = line.start + m[0].length - n.titleStart;
    out.set(n, { lead: bodies.map((b) => ({ text: b.text, start: b.start + at, end: b.end + at })), support: [], rule: 'heading.closingCharge' });
  }
  return out;
}

/** The bodies a bullet names and nothing else, the part each is for in brackets after it ("- Sở Xây dựng (đối với tài sản kết cấu hạ tầng đô thị);"). */
function bodyOnly(c: ItemNode): BodySpan[] | null {
  if (!c.marker || (c.marker.kind !== 'dash' && c.marker.kind !== 'plus') || c.body.length > 1 || (c.body.length === 1 && !/:\s*$/u.test(c.body[0]!.text))) return null;
  // (the list's last bullet may carry the words that lead to the items: "... (đối với ... khu kinh tế). Có trách nhiệm:")
  const name = c.title.replace(/(?<=[.;)])\s*(?:[Cc]ó|[Cc]hịu)\s+trách nhiệm(?:\s+(?:thực hiện|như sau|các nội dung sau))*\s*:\s*$/u, '').replace(/\s*\([^()]*\)\s*[;.,]?\s*$/u, '').replace(/[\s;.,]+$/u, '');
  if (!name || name.length > 150 || !startsWithBody(name) || cutAtAction(name) !== name) return null;
  const bodies = splitBodies(name, { comma: true });
  return bodies.length && bodies.every((b) => startsWithBody(b.text)) ? bodies : null;
}

/**
 * An article whose own sentence is a rule with no doer ("Điều 2. Việc bố trí nhân sự ... thực hiện theo đúng
 * quy định ...") and whose next paragraph charges a body ("Trong thời hạn 30 ngày ..., các Hội ... nộp lại con
 * dấu"): that paragraph is an unlabelled task under the article, not the rule's continuation.
 */
function detachAfterRule(root: ItemNode): void {
  for (const n of root.children) {
    if (n.marker?.kind !== 'article' || n.children.length || !n.body.length) continue;
    // a paragraph whose subject is another body than the article's ("Điều 1. Bộ Tài chính xuất ... gạo ... để hỗ trợ tỉnh
    // Trà Vinh ..." / "Ủy ban nhân dân tỉnh Trà Vinh tiếp nhận số gạo nêu trên và hỗ trợ ..."): its own task under the article
    const own = n.body.some((p) => startsWithBody(p.text)) ? leadOf(n.title)?.lead.map((b) => b.text.toLowerCase()) ?? [] : [];
    const other = own.length ? n.body.findIndex((p) => {
      if (!startsWithBody(p.text)) return false;
      const l = leadOf(p.text);
      // (the article's body again, named short: "Tổ công tác rà soát văn bản tỉnh" / "Tổ công tác tự giải thể ...")
      return /^lead\.(?:subject|collectiveList|colonPrefix)$/u.test(l?.rule ?? '') && !!l && l.lead.length > 0 && l.lead[0]!.start === 0 && !l.lead.some((b) => own.some((o) => o.startsWith(b.text.toLowerCase()) || b.text.toLowerCase().startsWith(o))) && !isClosing(p.text);
    }) : -1;
    if (other >= 0) {
      const moved = n.body.splice(other);
      const first = moved[0]!;
      n.children.push({ marker: null, label: '', title: first.text, titleStart: first.start, titleEnd: first.end, body: moved.slice(1), block: n.block, children: [], parent: n, detached: true });
      continue;
    }
    const opening = /^[^.;]*/u.exec(n.title)![0];
    if (!STATUS.test(opening) && !DESCRIBES.test(opening)) continue;
    if (STATUS.test(n.body[0]!.text) || DESCRIBES.test(n.body[0]!.text)) continue;
    const moved = n.body.splice(0);
    const first = moved[0]!;
    n.children.push({ marker: null, label: '', title: first.text, titleStart: first.start, titleEnd: first.end, body: moved.slice(1), block: n.block, children: [], parent: n, detached: true });
  }
}

/** What a body set up by a decision is for: "Hội đồng ... có chức năng tư vấn cho ... về:" and the topics under it. */
const FUNCTION_OF = /có\s+chức\s+năng(?:,?\s+nhiệm\s+vụ)?\s+(?:tư\s+vấn|tham\s+mưu|giúp)[^.;]*:\s*$/u;

/**
 * An approval in a leader's reply, which takes effect as said and asks no one: "Đồng ý tổ chức Hội
 * nghị ...", "Thống nhất chủ trương cho Công ty X tổ chức ..., cụ thể như sau:" (its particulars under
 * it are not tasks either). Not when it goes on to ask ("Thống nhất ...; giao Sở X chủ trì ...").
 */
// (also a body let act, "Đồng ý Ủy ban nhân dân tỉnh Lào Cai quyết định chuyển mục đích ...", what is agreed to, "Đồng ý
// kết quả khoanh định ...", "Đồng ý chưa thu hồi ...", and "Cho phép bổ sung ...": what
// the letter allows, not what it asks; "Đồng ý ... giao X ..." still asks; a resolution's "Thống nhất sáp nhập ...",
// "Nhất trí điều chỉnh ...", "Biểu quyết thông qua ...": what was agreed; "Phê duyệt / Thông qua ... như đề nghị của X": the
// approval of a body's proposal, not "Phê duyệt đề án ..." as work under an agency's heading)
const APPROVAL = /^(?:(?:Đồng ý|Thống nhất|Nhất trí|Chấp thuận)(?:\s+(?:về\s+)?(?:chủ trương|việc|với|cho|để|đề nghị|nội dung|phương án|kế hoạch|tổ chức|điều chỉnh|bổ sung|thông qua))(?![\p{L}])|(?:Đồng ý|Chấp thuận)\s+(?=\p{L})|Cho phép\s+(?=\p{Lu})|Cho phép\s+(?:bổ sung|điều chỉnh|thành lập|sử dụng|chuyển)(?![\p{L}])|(?:Thống nhất|Nhất trí)\s+(?=\p{Ll})|Biểu quyết thông qua(?![\p{L}])|(?:Phê duyệt|Thông qua)\s+(?=[^.;]{3,300}?\s(?:như|theo)\s+đề nghị\s+(?:của|tại)\s))/u;

/** A conclusion's appraisal of what was done ("Ghi nhận, đánh giá cao sự chủ động của các sở ...", "Biểu dương ..."): results, asking no one. */
const APPRAISAL = /^(?:Ghi nhận|Biểu dương|Hoan nghênh|Khen ngợi|Đánh giá cao|(?:Về\s+)?[Cc]ơ bản\s+(?:thống nhất|đồng ý|nhất trí))(?![\p{L}])/u;

/** An article that approves a plan's or a project's content (not a strategy's or a programme's, whose tasks it may hold). */
const PLAN_APPROVED = /^Phê duyệt\s+(?:(?:Điều chỉnh|điều chỉnh)(?:\s+(?:cục bộ|tổng thể|bổ sung))?\s+)?(?:Quy hoạch|quy hoạch|Đồ án|đồ án|Nhiệm vụ (?:quy hoạch|lập quy hoạch)|nhiệm vụ (?:quy hoạch|lập quy hoạch)|Dự án|dự án|Báo cáo kinh tế|báo cáo kinh tế|Thiết kế|thiết kế|Phương án (?:bồi thường|giá)|phương án (?:bồi thường|giá)|Bảng giá|bảng giá|Danh mục|danh mục)(?![\p{L}])/u;

function approves(text: string): boolean {
  const t = text.trim();
  const m = APPROVAL.exec(t) ?? APPRAISAL.exec(t);
  if (!m) return false;
  // (what it approves may be someone's request, "Đồng ý đề nghị của Hội đồng thẩm định ...", "Đồng ý chủ trương ... như đề
  // nghị của Ủy ban nhân dân tỉnh": no ask of its own; an ask after it is: "Đồng ý ...; đề nghị Bộ X ...")
  const rest = t.slice(m.index + m[0].length).replace(/(?:đề nghị|kiến nghị|yêu cầu)\s+(?:của|tại)\s/gu, ' ');
  // (nor when it sets the time of what it lets be done: "Đồng ý tổ chức Hội nghị tổng kết ... trong tháng 01 năm 2008")
  // (what it lets be left undone sets no time: "Đồng ý chưa thu hồi trong năm 2008: 50 tỷ đồng ...")
  const timed = !/^\s*(?:chưa|không)\s/u.test(rest) && /(?:trong|trước|chậm nhất|hoàn thành)\s+(?:ngày|tháng|quý|năm)\s+[\dIVX]/u.test(rest);
  return !ANY_ASK.test(` ${rest} `) && !/(?:có trách nhiệm|chịu trách nhiệm|chủ trì)/u.test(rest) && !timed && !letsBodyAct(t);
}

/**
 * "Đồng ý Ủy ban nhân dân tỉnh Thái Nguyên lập Đề án ...", "Đồng ý Bộ Lao động - Thương binh và Xã hội tổ chức Hội nghị
 * ...": the consent names the body that is to do the work, which is that body's task (kept-aside sets 10 and 17: four
 * such items read as tasks). Not a body let decide or receive ("Đồng ý Ủy ban nhân dân tỉnh Lào Cai quyết định chuyển
 * mục đích ...", "Chấp thuận cho X được thu ...": what it may do, set 13 and 8), nor a consent to someone's request.
 */
function letsBodyAct(given: string): boolean {
  // (glued words split only for a consent: this is asked of every ordered paragraph)
  if (!CONSENT.test(given)) return false;
  const text = deglue(given)?.text ?? given;
  const m = CONSENT.exec(text);
  if (!m || !startsWithBody(text.slice(m[0].length), true)) return false;
  // (the subject up to its verb, whatever the verb: the asks' list would run the name on to a later "thực hiện")
  const rest = text.slice(m[0].length);
  const subj = subjectOf(rest);
  if (!subj?.length || subj[0]!.start !== 0) return false;
  const last = subj[subj.length - 1]!;
  const verb = rest.slice(last.end).trimStart();
  // (what it may be given runs into the name when the verb comes after "được": "Chấp thuận cho Trung tâm X được thu ...")
  if (/(?<![\p{L}])được(?![\p{L}])/u.test(last.text)) return false;
  return /^\p{Ll}/u.test(verb) && !/^(?:quyết định|được|có ý kiến|xem xét)(?![\p{L}])/u.test(verb);
}

/**
 * A section whose heading names a topic of background ("I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN ...") and whose one
 * paragraph asks bodies in its own words ("Căn cứ ..., yêu cầu các sở, ... khẩn trương đánh giá ..."): in a
 * chỉ thị the assessment is itself the work asked, the paragraph its task.
 */
function asksInOwnWords(node: ItemNode): boolean {
  if (node.children.length || node.body.length !== 1) return false;
  const text = node.body[0]!.text.replace(/\n/g, ' ');
  return requestStart(text) === 0 && leadOf(text)?.rule === 'lead.giao' && !/\s(?:đã|vừa)\s+(?:đề nghị|yêu cầu|giao)\s/u.test(text);
}

/**
 * A heading whose paragraph under it is the lead-in of its items and names who does them ("II. NHIỆM VỤ CỤ THỂ" /
 * "Nhằm đạt được mục tiêu ..., các bộ, cơ quan ngang bộ, ..., Ủy ban nhân dân các tỉnh ... cần cụ thể hóa và tổ chức
 * triển khai thực hiện các nhiệm vụ sau đây:"): those bodies, their spans counted from the heading's title.
 */
function leadInUnder(p: ItemNode): Assignment | null {
  const para = p.body.at(-1);
  if (!para || !p.children.length) return null;
  const text = para.text.replace(/\n/g, ' ');
  // (a lead-in that ends with the bodies it asks: "..., Ủy ban nhân dân tỉnh Lào Cai trân trọng đề nghị Bộ Xây dựng:" asks
  // Bộ Xây dựng, not the province that writes)
  const asked = askedAtColon(text);
  if (asked) return moved(asked, para.start - p.titleStart, 'heading.leadInAsked');
  if (!LEAD_IN.test(text)) return null;
  const a = leadOf(text);
  if (!a?.lead.length || !/^lead\.(?:subject|framedSubject|responsible|giao)$/u.test(a.rule)) return null;
  return moved(a, para.start - p.titleStart, 'heading.leadIn');
}

/** An assignment read from a paragraph, its spans moved by `d` to count from another start. */
function moved(a: Assignment, d: number, rule: string): Assignment {
  const move = (b: BodySpan) => ({ ...b, start: b.start + d, end: b.end + d });
  return { lead: a.lead.map(move), support: a.support.map(move), rule };
}

/** The doer a text opens with, as the subject of its verb ("Sở Xây dựng nghiên cứu ...", "UBND xã có trách nhiệm ..."). */
function opensWithDoer(text: string): Assignment | null {
  const a = leadOf(text);
  return a && a.lead.length && a.lead[0]!.start === 0 && /^lead\.(?:subject|responsible)$/u.test(a.rule) ? a : null;
}

/**
 * An item whose title names the work or its target and no doer, and whose paragraph under it opens with the body that
 * does it ("4. Hoàn thành di dời 01 khu công nghiệp ..." / "UBND phường Lào Cai chủ trì, phối hợp với ... thực hiện ...",
 * "2.2. Bước 2: Kiểm tra hiện trạng nhà ở ..." / "Ban Chỉ đạo ... tổ chức kiểm tra ..."): that body is the lead. Spans
 * count from `start`, where the item's text begins.
 */
function bodyDoer(node: ItemNode, start: number, issuer: string | null): Assignment | null {
  const p = node.marker ? node.body[0] : undefined;
  if (!p) return null;
  const text = p.text.replace(/\n/g, ' ');
  // (not the issuer's courtesy that closes a letter: "Cục X ... trân trọng cảm ơn sự quan tâm ...")
  if (isClosing(text) || /(?:trân trọng|xin)\s+cảm ơn/iu.test(text)) return null;
  const a = opensWithDoer(text);
  if (!a || (issuer && a.lead.some((b) => fold(b.text).startsWith(fold(issuer))))) return null;
  return moved({ ...a, support: [] }, p.start - start, 'lead.bodyParagraph');
}

/**
 * An item that lists what a dossier or file holds ("1. Hồ sơ lấy ý kiến bao gồm: Báo cáo thuyết minh; Bản đồ ..."), or who
 * sits on a body ("1. Hội đồng thẩm định bao gồm: Chủ tịch Hội đồng; các Phó Chủ tịch ...").
 */
const HOLDS = /^(?:Hồ sơ|Tài liệu|Thành phần hồ sơ|Thành phần)(?:\s+\p{Ll}+){0,4}\s+(?:bao gồm|gồm)(?:\s+có)?\s*:|^(?:Hội đồng|Ban|Tổ|Đoàn|Ủy ban|Uỷ ban)(?:\s+[\p{L}]+){0,8}\s+(?:bao gồm|gồm)(?:\s+có)?(?:\s+các\s+thành\s+viên)?\s*:/u;

/**
 * Under a heading of requirements on one matter ("4.1. Yêu cầu về kỹ thuật và chất lượng:"), a point that opens with
 * the body that acts ("a. Sở Xây dựng nghiên cứu, thiết kế ...", "b. Ủy ban nhân dân xã ... có trách nhiệm theo dõi")
 * is work given; the points that state the standard ("Nhà ở ... phải bảo đảm ...") are not. (A plan's "Mục đích, yêu
 * cầu" stays without tasks.)
 */
function namesOwnDoer(heading: ItemNode, node: ItemNode): boolean {
  if (!/^yêu cầu về\s/iu.test(heading.title.trim())) return false;
  return opensWithDoer(node.title.replace(/\n/g, ' ')) !== null;
}

/** A section of particulars: where, when, who takes part, what it costs ("II. Địa điểm thi đấu:", "3. Thành phần:"). */
const PARTICULARS_SECTION = /^(?:Địa điểm|Thời gian|Thành phần|Kinh phí|Hình thức)(?![\p{L}])/u;

function excluded(node: ItemNode): boolean {
  if (node.marker && HOLDS.test(node.title)) return true;
  for (let p: ItemNode | null = node; p && p.parent; p = p.parent) {
    if (p !== node && FUNCTION_OF.test(p.title)) return true;
    if (p !== node && p.marker && approves(p.title) && !ANY_ASK.test(` ${node.title} `)) return true;
    // (the content of a plan, a project or a design an article approves: "Điều 1. Phê duyệt Điều chỉnh cục bộ Quy hoạch phân khu
    // ... với những nội dung chủ yếu như sau:" / "- Toàn bộ các tuyến đường D3 ... mở rộng lòng đường ...")
    if (p !== node && p.marker && PLAN_APPROVED.test(p.title.trim()) && !ANY_ASK.test(` ${node.title} `)) return true;
    // a section heading (a short title without a sentence's end) of any level
    // (a request set apart after the last particular of a section of where, when or who takes part, "II. Địa điểm thi đấu:"
    // / "- Bóng chuyền: Tại sân bóng chuyền" / "Để ..., BCH Công đoàn trường đề nghị các bộ phận ...", is the letter's own)
    if (p !== node && node.detached && PARTICULARS_SECTION.test(p.title.trim())) continue;
    if (p.marker && p.marker.kind !== 'dash' && p.marker.kind !== 'plus' && (p !== node || p.children.length || p.body.length) && p.title.length < 120 && notTaskSection(p.title.replace(/[:.]\s*$/, ''))
      && !(p === node && asksInOwnWords(node)) && !(p !== node && namesOwnDoer(p, node))) return true;
  }
  return false;
}

function dedupe(a: AgencyRef[]): AgencyRef[] {
  const seen = new Set<string>();
  return a.filter((x) => {
    const k = x.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Drop footnote marks and a closing "./.", fold spaces. */
function tidy(t: string): string {
  const c = collapseSpaces(t);
  // (the pattern tried at every blank of a long item costs more than the look for './.')
  return (c.includes('./.') ? c.replace(/\s*\.\/\.\s*$/, '.') : c).trim();
}

// ------------------------------------------------------------ assignment tables

interface Columns { tt: number; content: number; lead: number; support: number; time: number }

function tableColumns(header: Cell[]): Columns | null {
  const find = (re: RegExp) => header.findIndex((c) => re.test(c.text));
  const cols = {
    tt: find(/^(?:S?TT|Số TT|Stt)$/iu),
    content: find(/nội dung|nhiệm vụ|công việc|giải pháp/iu),
    lead: find(/chủ trì|thực hiện|đơn vị thực hiện|cơ quan thực hiện|phụ trách/iu),
    support: find(/phối hợp/iu),
    time: find(/thời gian|thời hạn|tiến độ|hoàn thành/iu),
  };
  if (cols.content < 0 || (cols.lead < 0 && cols.time < 0)) return null;
  if (cols.lead === cols.content) cols.lead = header.findIndex((c, i) => i !== cols.content && /chủ trì|thực hiện/iu.test(c.text));
  return cols;
}

/** A time cell of hours only: "7h00 - 7h15", "Từ 14 giờ 00", "08:00-09:30", "Sáng". */
const HOURS_ONLY = /^\s*(?:(?:từ|buổi)\s+)?(?:sáng|chiều|tối|trưa|\d{1,2}\s*(?:h|giờ|:)\s*\d{0,2}(?:\s*(?:phút|')?)?(?:\s*[-–]\s*|\s+đến\s+)?)+\s*$/iu;

/** The lower row of a two-row header: its first cells empty (merged from above), the others naming doers' columns. */
function subHeader(r: Cell[]): boolean {
  const named = r.filter((c) => c.text.trim());
  return !r[0]?.text.trim() && named.length >= 1 && named.every((c) => /chủ trì|phối hợp|thực hiện|đơn vị|cơ quan/iu.test(c.text));
}

/** Each column's name: the lower row's where it has one, else the upper row's (a merged cell's name spans the rest). */
function mergeHeader(top: Cell[], sub: Cell[]): Cell[] {
  return Array.from({ length: Math.max(top.length, sub.length) }, (_, i) => (sub[i]?.text.trim() ? sub[i]! : top[i] ?? top[top.length - 1]!));
}

/**
 * A day's programme: a short heading that dates one day ("NGÀY 1: THỨ HAI, NGÀY 24/8/2026") right above a table whose time
 * cells give only the hours ("7h00 - 7h15"). The rows are done within that day.
 */
function dayHeading(b: Block | undefined, year: number): DeadlineFinding | null {
  if (!b || b.kind === 'table' || b.text.length > 120 || /[.;]\s*$/u.test(b.text.trim())) return null;
  const m = /(?:^|[\s,:(])(?:ngày\s+)(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?(?![\d/])/iu.exec(b.text);
  if (!m) return null;
  const date = iso(Number(m[3] ?? year), Number(m[2]), Number(m[1]));
  if (!date) return null;
  return { kind: 'within', date, text: m[0].trim(), start: b.start + m.index!, end: b.start + m.index! + m[0].length, rule: 'deadline.dayHeading' };
}

function tableTasks(model: TextModel, table: Block, year: number, events: EventDate[] = [], day: DeadlineFinding | null = null): TaskFinding[] {
  const rows = table.rows ?? [];
  const out: TaskFinding[] = [];
  let headerIdx = rows.findIndex((r) => tableColumns(r) !== null);
  if (headerIdx < 0) return out;
  // a header of two rows, a merged "Thực hiện" over "Đơn vị chủ trì | Đơn vị phối hợp": the lower row names those columns
  const sub = rows[headerIdx + 1];
  const header = sub && subHeader(sub) ? mergeHeader(rows[headerIdx]!, sub) : rows[headerIdx]!;
  if (header !== rows[headerIdx]) headerIdx++;
  const cols = tableColumns(header)!;
  const sections: { kind: string; label: string }[] = [];
  const cell = (r: Cell[], i: number) => (i >= 0 ? r[i] : undefined);
  // a time cell merged over the rows of one step is read in its first row only: the rows under it take its time
  let lastTime: Cell | null = null;
  for (const r of rows.slice(headerIdx + 1)) {
    const filled = r.filter((c) => c.text.trim()).length;
    // without a TT column, a group row's number stands in the first column ("I | GIAI ĐOẠN 1: ...", "1 | Lập nhiệm vụ")
    const ttInFirst = cols.tt < 0 && cols.content > 0 && TT_VALUE.test(r[0]?.text.trim() ?? '');
    const tt = ttInFirst ? r[0]!.text.trim().replace(/\.$/, '') : cell(r, cols.tt)?.text.trim() ?? '';
    const content = cell(r, cols.content);
    if (!content || !content.text.trim()) continue;
    const prevCapital = [...sections].reverse().find((x) => x.kind === 'capital')?.label;
    const romanLike = /^[IVXLC]+$/.test(tt) && !(tt.length === 1 && prevCapital && prevCapital.charCodeAt(0) + 1 === tt.charCodeAt(0));
    const kind = romanLike ? 'roman' : /^[A-Z]$/.test(tt) ? 'capital' : /^\d+$/.test(tt) ? 'decimal' : 'none';
    const timeOwn = ttInFirst && cols.time === 0 ? undefined : cell(r, cols.time);
    const isSection = (r.length <= 3 && r.length < header.length) || filled <= 2 && !cell(r, cols.lead)?.text.trim() && !timeOwn?.text.trim();
    if (isSection) {
      const at = sections.findIndex((s) => s.kind === kind);
      if (at >= 0) sections.length = at;
      sections.push({ kind, label: tt });
      lastTime = null;
      continue;
    }
    const leadCell = cell(r, cols.lead);
    const supCell = cell(r, cols.support);
    const ownTime = timeOwn?.text.trim() ? timeOwn : null;
    const timeCell = ownTime ?? (cols.tt < 0 && cols.time === 0 && timeOwn ? lastTime : null) ?? timeOwn;
    if (ownTime) lastTime = ownTime;
    const lead = leadCell ? refs(splitBodies(leadCell.text, { comma: true }), leadCell.start, 'table.lead') : [];
    const support = supCell ? refs(splitBodies(supCell.text, { comma: true }), supCell.start, 'table.support') : [];
    let deadline: DeadlineFinding | null = null;
    if (timeCell && timeCell.text.trim()) {
      const d = pickDeadline(findDeadlines(timeCell.text, yearOf(timeCell.text, year), { cell: true, events }));
      if (d) deadline = { ...d, start: d.start + timeCell.start, end: d.end + timeCell.start, rule: `${d.rule}.tableCell` };
    }
    // (hours of the day the heading above the table dates)
    if (!deadline && day && (!timeCell || HOURS_ONLY.test(timeCell.text))) deadline = day;
    // (a row numbered as a group row before it is that group's sibling: "2" groups "a)", "b)"; the row "3" after them is not under "2")
    const same = sections.findIndex((s) => s.kind === kind && kind !== 'none');
    if (same >= 0) sections.length = same;
    const path = [...sections.map((s) => s.label), tt];
    out.push({
      label: tt, path, text: tidy(content.text), start: content.start, end: content.end,
      lead, support, deadline, source: 'table', rule: 'tasks.tableRow',
    });
  }
  return out;
}
