/**
 * Deadlines, normalised to the kinds of the record format.
 *
 *   by        "trước ngày 25/11/2021", "hoàn thành trước ngày 30/7/2025", "chậm nhất là ngày 19 tháng 12 năm 2025",
 *             "trước 17 giờ 00 phút, ngày 05/12/2025" (an hour before the day), "trước Hội nghị" when the text dates
 *             the Hội nghị (see findEventDates)
 *   within    "trong tháng 11, 12/2021", "trong Quý III/2021", "trong Quý III năm 2025", "trong năm 2021", "Năm 2021"
 *             (a table time cell), "6 tháng đầu năm", "trong ngày 05/12/2025", "Từ 20 giờ 15 - 20 giờ 45 ngày 23
 *             tháng 1", "nhân ngày Chuyển đổi số Quốc gia 10/10", "tổ chức từ ngày 01/8 đến ngày 15/8/2025"
 *   from      "kể từ ngày 30/7/2025", "bắt đầu từ ngày 1/8/2025"
 *   recurring "hằng tháng", "định kỳ hàng quý", "định kỳ", "theo định kỳ", "mỗi học kỳ", "trước ngày 25 của tháng",
 *             "ngày 15/12 hằng năm", "vào tháng 12 hàng năm", "trước 11h00 ngày thứ 5 hằng tuần", "02 lần/năm"
 *   ongoing   "Thường xuyên", "thường xuyên hằng năm", "sau khi ... ban hành / được triển khai", "trước khi trình ...",
 *             "khi có thông báo ...", "theo thời gian quy định", "theo Kế hoạch riêng", "năm 2025 và các năm tiếp
 *             theo", a time cell "Theo hướng dẫn của Trung ương", "trước Hội nghị" when the text does not date it
 * Not deadlines: dates of cited documents ("Công văn số 123/UBND ngày 05/8/2025"), years and periods that name
 * something ("Kế hoạch ... năm 2026", "giai đoạn 2021-2025", "giao trong năm 2025", "Kế hoạch CCHC hằng năm"), a
 * reporting period ("số liệu tính từ ngày 01/7/2025 đến ngày 30/11/2025"), "chi thường xuyên", "ngay",
 * "khẩn trương", "kịp thời" alone.
 */
import { endOfMonth, iso, ROMAN_VALUE } from './dates.js';

export type DeadlineKind = 'by' | 'within' | 'from' | 'recurring' | 'ongoing';

export interface Recurrence {
  freq: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';
  /** Day of the month (monthly), of the given month (yearly), or of the week 1-7 = Monday-Sunday (weekly). */
  day?: number;
  month?: number;
}

export interface DeadlineFinding {
  kind: DeadlineKind;
  date: string | null;
  text: string;
  start: number;
  end: number;
  rule: string;
  recurrence?: Recurrence;
  /** A day given in a purpose clause ("... để Sở Nội vụ tổng hợp, báo cáo trước ngày ..."): another body's time. */
  secondary?: boolean;
}

/** A dated event of the document ("Hội nghị ... tổ chức vào ngày 09/10/2025"), for "trước Hội nghị". */
export interface EventDate {
  /** The kind of event, lower case: "hội nghị", "hội thảo", "đại hội", "kỳ họp", "lễ" ... */
  event: string;
  date: string;
  start: number;
  end: number;
}

// ------------------------------------------------------------------ pieces of patterns

/** A day: "25/11/2021", "5.8", "19 tháng 12 năm 2025", "23 tháng 1 (năm 2026)". */
const DATE = String.raw`(?:\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s*tháng\s*\d{1,2}(?:\s*,?\s*\(?\s*năm\s*\d{4}\s*\)?)?)(?![\d/])`;
/** An hour: "17 giờ 00 phút", "17h00", "11h00’", "8 giờ 30 (sáng)". */
const HOUR = String.raw`\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*(?:phút|['’′]))?)?(?:\s+(?:sáng|trưa|chiều|tối))?(?![\p{L}\d])`;
const WEEKDAY = String.raw`(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)`;
/** An hour and a weekday before a day: "17 giờ 00 phút, ", "thứ Sáu, ". */
const AT = String.raw`(?:${HOUR}\s*,?\s*)?(?:${WEEKDAY}\s*,?\s*)?(?:(?:buổi\s+)?(?:sáng|trưa|chiều|tối)\s+)?`;
// (quarters listed, "Quý III, IV/2026", end with the last; a year after them, "Quý IV/2026, 2027", carries the span to its end)
const QUARTER = String.raw`[Qq]u[ýy]\s+((?:IV|I{1,3}|[1-4])(?:\s*(?:,|và|-|–|đến)\s*(?:[Qq]u[ýy]\s+)?(?:IV|I{1,3}|[1-4])(?![\p{L}\d]))*)(?![\p{L}\d])(?:\s*(?:\/|,?\s*năm)\s*(\d{4})(?:\s*(?:,|và|-|–)\s*(\d{4})(?![\d/]))?)?`;
/** The name of a day before its date: "trước ngày Quốc khánh 02/9/2025", "trước ngày Nhà giáo Việt Nam 20/11". */
const NAMED_DAY = String.raw`(?:(?:lễ\s+)?\p{Lu}\p{Ll}*(?:\s+(?:\p{Lu}\p{Ll}*|\p{Ll}+)){0,4}\s+)`;
const BY_DATE = String.raw`(?<pre>(?:hoàn\s+thành|xong|gửi|nộp|báo\s+cáo)[^.;]{0,40}?\s+)?(?:trước|chậm\s+nhất(?:\s+(?:là|vào|đến))?|không\s+muộn\s+hơn|hạn\s+chót(?:\s+là)?|hạn\s+cuối(?:\s+là)?|muộn\s+nhất|đến\s+hết|trong\s+thời\s+hạn\s+đến|(?:kéo\s+dài|gia\s+hạn)(?:\s+thời\s+hạn)?\s+đến(?:\s+hết)?)\s+${AT}(?:ngày\s*${NAMED_DAY}?)?(?<d>${DATE})`;
/** A day that is a whole time cell, its parts split by one sign ("10-11/2019" is two months, not a day). */
const CELL_DAY = String.raw`\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{4})?|\d{1,2}\.\d{1,2}(?:\.\d{4})?|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}\s*tháng\s*\d{1,2}(?:\s*,?\s*năm\s*\d{4})?`;
const MONTHS = String.raw`(\d{1,2}(?:\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?\d{1,2})*)`;
const EVENT = String.raw`hội\s+nghị|hội\s+thảo|đại\s+hội|kỳ\s+họp|phiên\s+họp|cuộc\s+họp|buổi\s+làm\s+việc|hội\s+thi|hội\s+diễn|lễ(?=\s+(?:kỷ|khai|tổng|phát|ra|công|đón|trao|mít))`;

const FREQ: Record<string, Recurrence['freq']> = {
  tuần: 'weekly', tháng: 'monthly', quý: 'quarterly', năm: 'yearly', '6 tháng': 'half-yearly',
  'học kỳ': 'half-yearly', 'năm học': 'yearly',
};
const freqOf = (w: string): Recurrence['freq'] | undefined => FREQ[w.toLowerCase().replace(/\s+/g, ' ').replace(/^0/, '')];
const WEEKDAY_NO: Record<string, number> = { hai: 1, ba: 2, tư: 3, năm: 4, sáu: 5, bảy: 6 };

// ------------------------------------------------------------------ dates

/** What fills a date's missing parts: the year, and the document's date (a day written without its year that falls before it means next year). */
interface DateContext {
  year: number;
  issued: string | null;
  text: string;
  events: EventDate[];
  masked: [number, number][];
  /** Reading a table's time cell, where a bare period is the time. */
  cell: boolean;
}

/** The year a full day in the same sentence states ("trước ngày 15/12 ... chậm nhất ngày 20/12/2025"), else null. */
function sentenceYear(ctx: DateContext, at: number): number | null {
  const t = ctx.text;
  let a = at, b = at;
  while (a > 0 && !/[.;!?]/.test(t[a - 1]!) ) a--;
  while (b < t.length && !/[.;!?]/.test(t[b]!)) b++;
  // a '.' inside a date ("5.8.2025") does not end a sentence: widen over digits
  const span = t.slice(a, b);
  let best: number | null = null, dist = Infinity;
  for (const m of span.matchAll(/(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*|tháng\s+\d{1,2}\s*(?:\/|năm)\s*)(\d{4})(?!\d)/gu)) {
    const pos = a + m.index!;
    if (ctx.masked.some(([s, e]) => pos >= s && pos < e)) continue;
    const d = Math.abs(pos - at);
    if (d < dist) { dist = d; best = +m[1]!; }
  }
  return best;
}

/** A day read from "25/11/2021", "15 tháng 12", "23 tháng 1 (năm 2026)". */
/** A day's parts as a DATE writes them: day, month and (when written) year. */
const DAY_MONTH_YEAR = /(\d{1,2})\s*(?:[/.-]|tháng)\s*(\d{1,2})(?:\D+?(\d{4}))?/u;

function readDay(s: string, ctx: DateContext, at: number): string | null {
  const m = DAY_MONTH_YEAR.exec(s);
  if (!m) return null;
  if (m[3]) return iso(+m[3], +m[2]!, +m[1]!);
  const y = sentenceYear(ctx, at) ?? ctx.year;
  return bump(iso(y, +m[2]!, +m[1]!), y, (yy) => iso(yy, +m[2]!, +m[1]!), ctx);
}

/** A day or month written without its year that would fall before the document was issued belongs to the next year. */
function bump(v: string | null, y: number, again: (y: number) => string | null, ctx: DateContext): string | null {
  const issued = ctx.issued;
  if (!v || !issued || issued.length < 7) return v;
  const before = issued.length >= 10 ? v < issued.slice(0, 10) : v.slice(0, 7) < issued.slice(0, 7);
  return before ? again(y + 1) : v;
}

function monthEnd(m: number, y: string | undefined, ctx: DateContext, at: number): string | null {
  if (y) return endOfMonth(+y, m);
  const yy = sentenceYear(ctx, at) ?? ctx.year;
  return bump(endOfMonth(yy, m), yy, (n) => endOfMonth(n, m), ctx);
}

// ------------------------------------------------------------------ rules

type Made = Omit<DeadlineFinding, 'start' | 'end' | 'text' | 'rule'>;

interface Rule {
  id: string;
  re: RegExp;
  /** The same rule for a table's time cell, where a bare period ("Quý IV/2021", "tháng 9/2021") is a time. */
  cell?: RegExp;
  /** Masked when its last character falls in a masked span (its day or year ends it); else only by where it starts. */
  tail?: boolean;
  /** Read inside parentheses too ("(hoàn thành trong Quý III/2021)", "(khi có thông báo ...)"). */
  aside?: boolean;
  /**
   * Words or characters `re` cannot match without (a cheap test run first: most items hold no
   * time, and the rules' patterns are costly to try at every position). Not used for `cell`.
   */
  need?: RegExp;
  /** The finding, or null when the words hold no deadline here (they still claim their span), or undefined to let other rules try. */
  make: (m: RegExpExecArray, ctx: DateContext, at: number) => Made | null | undefined;
}

/**
 * A period right after whom a result goes to, ending its clause: "trình Thủ tướng Chính phủ Quý II năm 2014.",
 * "báo cáo Bộ Tài chính Quý III/2025." (no "trong" before it). The words between must be a body's name
 * (a capital first: "báo cáo kết quả Quý III/2021" names a report's period, it sets no time).
 */
function sentToBody(text: string, at: number): boolean {
  const m = /(?:trình|gửi|báo\s+cáo)\s+([^.;:,]{2,60}?)\s*$/u.exec(text.slice(Math.max(0, at - 80), at));
  return !!m && /^\p{Lu}/u.test(m[1]!) && m[1]!.split(/\s+/u).length <= 8 && /^\s*(?:[.;]|$)/u.test(text.slice(at).replace(/^[^.;\n]*?(?:\d{4})/u, ''));
}

/** The words of the clause before a position: back to the last '.', ';' or the start. */
function clauseBefore(text: string, at: number, max = 120): string {
  const s = text.slice(Math.max(0, at - max), at);
  const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf(';'));
  return cut >= 0 ? s.slice(cut + 1) : s;
}

/**
 * A goal the work heads for, whose year is the goal's, not a time to act: "hướng tới mục tiêu phát thải ròng bằng 0 vào năm
 * 2050", "phấn đấu thực hiện mục tiêu ... vào năm 2050", "hướng tới xây dựng Sa Pa ... không rác thải nhựa vào năm 2030".
 */
const GOAL_BEFORE = /(?<![\p{L}])(?:mục\s+tiêu|hướng\s+tới|hướng\s+đến)(?![\p{L}])/iu;

/** A clause that sets a periodic rule: "định kỳ", "hằng năm", a period's report ("Báo cáo năm:", "báo cáo 6 tháng"). */
const PERIODIC_CLAUSE = /(?<![\p{L}])(?:định\s+kỳ(?:\s+(?:hằng|hàng)\s+(năm|quý|tháng))?|(?:hằng|hàng|mỗi)\s+(năm|quý|tháng)|báo\s+cáo\s+(năm|quý|0?6\s+tháng)(?!\s*\d))(?![\p{L}])/iu;

const recurring = (freq: Recurrence['freq'] | undefined, extra: Partial<Recurrence> = {}): Made =>
  ({ kind: 'recurring', date: null, ...(freq ? { recurrence: { freq, ...extra } } : {}) });
const ongoing = (): Made => ({ kind: 'ongoing', date: null });

/** Open-ended times, each said where it is read. */
const ONGOING = [
  String.raw`(?<!chi\s)(?<!kinh phí\s)(?<!nhiệm vụ\s)(?<![\p{L}])thường\s+xuyên(?![\p{L}])`,
  String.raw`(?:ngay\s+)?sau\s+khi\s+(?:[^.;,]{0,80}?\s)?(?:ban\s+hành|phê\s+duyệt|công\s+bố|triển\s+khai|ký|thông\s+qua|nhận\s+được|có\s+[^.;,]{0,40}?)(?![\p{L}])[^.;,]{0,60}`,
  // "ngay sau khi tiếp nhận", "Ngay sau khi lập biên bản vi phạm hành chính, ...", "sau khi kết thúc đợt kiểm tra" (not the
  // end of a period, which is a time the calendar knows: "sau khi kết thúc năm học")
  String.raw`(?<![\p{L}])(?:ngay\s+sau\s+khi|sau\s+khi\s+kết\s+thúc(?!\s+(?:năm|quý|tháng|học\s+kỳ|giai\s+đoạn)(?![\p{L}])))\s[^.;,()]{3,100}`,
  String.raw`(?<![\p{L}])trước\s+khi\s+(?!sáp\s+nhập|sắp\s+xếp|hợp\s+nhất|chia\s+tách)[^.;,()]{3,120}`,
  String.raw`(?<![\p{L}])khi\s+có\s+(?:thông\s+báo|(?:công\s+)?văn\s+bản|công\s+văn|hướng\s+dẫn|quyết\s+định|yêu\s+cầu|kế\s+hoạch|lịch|chỉ\s+đạo|ý\s+kiến)[^.;,()]{0,80}`,
  // a time an undated event sets: "sau khi Đại hội ... bầu ra ...", "khi xảy ra sự cố ..."
  String.raw`(?<![\p{L}])sau\s+khi\s+(?:${EVENT})(?![\p{L}])[^.;,()]{0,80}`,
  String.raw`(?<![\p{L}])khi\s+(?:xảy\s+ra|phát\s+sinh)(?![\p{L}])[^.;,()]{0,80}`,
  // from the day the act itself takes effect: "kể từ ngày Quyết định này có hiệu lực"
  String.raw`(?:kể\s+)?từ\s+ngày\s+(?:Quyết\s+định|Văn\s+bản|Kế\s+hoạch|Chỉ\s+thị|Nghị\s+quyết|Công\s+văn|Thông\s+báo)\s+này\s+có\s+hiệu\s+lực`,
  // (also "theo đúng thời hạn đã quy định tại Thông tư số 06/2012/TT-BXD")
  String.raw`(?:theo|đúng|trong)\s+(?:đúng\s+)?(?:thời\s+gian|thời\s+hạn|tiến\s+độ)\s+(?:(?:đã|được)\s+)?(?:quy\s+định|yêu\s+cầu|đề\s+ra)`,
  String.raw`theo\s+(?:kế\s+hoạch|lịch|thông\s+báo|chương\s+trình)\s+riêng`,
  String.raw`(?:sau|trong(?:\s+thời\s+hạn)?)\s+\d+(?:\s*\([\p{L}\s]{2,24}\))?\s+(?:ngày|tháng|năm)(?:\s+làm\s+việc)?\s*,?\s*(?:kể\s+)?từ\s+(?:khi|ngày)(?!\s+\d)[^.;,]{0,80}`,
  // a number of days before or after an event the text does not date: "chậm nhất là 07 ngày sau khi thi", "trước ngày thi
  // của học phần đó 07 ngày", "trước ngày thi 01 ngày làm việc" (not a day: "05 ngày sau ngày 15/3/2026")
  String.raw`(?<![\p{L}\d])\d{1,3}\s+(?:ngày|tuần|tháng)(?:\s+làm\s+việc)?\s+(?:sau|trước)\s+(?:khi\s+)?(?!ngày\s+\d)(?=\p{Ll})[^.;,()\d]{2,60}`,
  String.raw`(?<![\p{L}])trước\s+ngày\s+(?=\p{Ll})[^.;,()\d]{2,50}?\s\d{1,3}\s+(?:ngày|tuần)(?:\s+làm\s+việc)?(?![\p{L}])`,
].join('|');

/** Words before "từ tháng/năm ..." that make it the start of a count, not of work: "số liệu tính từ năm 2020", "mốc ...". */
const COUNTED_FROM = /số\s+liệu|tính\s+từ|mốc|thống\s+kê/iu;

const RULES: Rule[] = [
  // "trước ngày 25 của tháng", "trước ngày 25 hằng tháng", "trước ngày 15/12 hằng năm", "ngày 9 tháng 11 hằng năm",
  // "chậm nhất ngày 15 của tháng báo cáo"
  {
    id: 'deadline.recurringDay',
    need: /\d/,
    re: new RegExp(String.raw`(?:(?:trước|chậm\s+nhất(?:\s+(?:là|vào|đến))?|vào|trong|đến)\s+)?${AT}ngày\s+(\d{1,2})(?:\s*(?:\/|-|tháng)\s*(\d{1,2}))?\s+(?:của\s+)?(?:các\s+)?(?:hằng|hàng|mỗi|của)\s+(tháng|quý|năm)`, 'giu'),
    make: (m) => recurring(freqOf(m[3]!), { day: +m[1]!, ...(m[2] ? { month: +m[2] } : {}) }),
  },
  // "trước 11h00’ ngày thứ 5 hằng tuần", "vào thứ Sáu hàng tuần"
  {
    id: 'deadline.weekly',
    need: /tuần/iu,
    re: new RegExp(String.raw`(?:(?:trước|chậm\s+nhất|vào)\s+)?(?:${HOUR}\s*,?\s*)?(?:ngày\s+)?(?:thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ\s+nhật))\s+(?:hằng|hàng|mỗi|các)\s+tuần`, 'giu'),
    make: (m) => {
      const w = m[1]?.toLowerCase();
      const day = m[2] ? 7 : w && /\d/.test(w) ? +w - 1 : WEEKDAY_NO[w!];
      return recurring('weekly', day ? { day } : {});
    },
  },
  // "thường xuyên hằng năm", "năm 2025 và các năm tiếp theo", "từ năm 2025 trở đi": open-ended
  {
    id: 'deadline.openEnded',
    need: /năm/iu,
    re: /(?<![\p{L}])thường\s+xuyên\s*,?\s*(?:hằng|hàng)\s+(?:năm|tháng|quý)|(?:(?<![\p{L}])(?:trong|từ)\s+|^\s*)năm\s+\d{4}\s+và\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)|từ\s+năm\s+\d{4}\s+trở\s+đi/giu,
    // a time cell: "Năm 2025 và các năm tiếp theo"
    cell: /(?<![\p{L}])thường\s+xuyên\s*,?\s*(?:hằng|hàng)\s+(?:năm|tháng|quý)|năm\s+\d{4}\s+và\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)|từ\s+năm\s+\d{4}\s+trở\s+đi/giu,
    make: ongoing,
  },
  // "Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1 (năm 2026)": hours of one day
  {
    id: 'deadline.hoursOfDay',
    need: /\d/,
    re: new RegExp(String.raw`(?:từ\s+)?${HOUR}\s*(?:-|–|đến)\s*${HOUR}\s*,?\s*(?:(?:sáng|chiều|tối)\s+)?(?:${WEEKDAY}\s*,?\s*)?(?:ngày\s+)?(${DATE})`, 'giu'),
    aside: true,
    make: (m, ctx, at) => {
      const v = readDay(m[1]!, ctx, at);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "từ ngày 01/8 đến ngày 15/8/2025", "từ 15/4 đến hết ngày 20/4/2022": a time to act is `within` its last day; a reporting period
  // ("số liệu tính từ ngày 01/7/2025 đến ngày 30/11/2025") sets none
  {
    id: 'deadline.range',
    need: /\d/,
    re: new RegExp(String.raw`(?:(?:kể\s+)?từ|trong\s+thời\s+gian\s+từ)\s+${AT}(?:ngày\s+)?(${DATE}|(?<=ngày\s+)\d{1,2}(?=\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?\d))\s*(?:đến|-|–)\s*(?:hết\s+)?${AT}(?:ngày\s+)?(${DATE})`, 'giu'),
    // (also a span in brackets that is all the brackets hold: "Lễ ra quân ... (từ ngày 18 - 20/9)"; not one inside an aside's words)
    aside: true,
    make: (m, ctx, at) => {
      // (two bare days, "Từ 22/6 đến 31/8/2022", are a campaign's or a schedule's span more often than a time to act)
      if (!/ngày/u.test(m[0])) return null;
      const open = ctx.text.lastIndexOf('(', at), close = ctx.text.lastIndexOf(')', at);
      if (open > close && ctx.text.slice(open + 1, at).trim()) return null;
      if (/số\s+liệu|tính\s+từ|tính\s+đến|kỳ\s+(?:báo\s+cáo|đánh\s+giá|chấm\s+điểm|tổng\s+hợp)|mốc|tổng\s+kết|thống\s+kê|thời\s+điểm|kết\s+quả|giai\s+đoạn|phát\s+sinh|chốt/iu.test(`${clauseBefore(ctx.text, at, 100)} ${m[0]}`)) return null;
      const v = readDay(m[2]!, ctx, at);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "trước ngày 25/11/2021", "hoàn thành trước ngày 30/7/2025", "chậm nhất là ngày 19 tháng 12 năm 2025",
  // "trước 17 giờ 00 phút, ngày 05/12/2025", "hạn chót ngày ..."
  {
    id: 'deadline.byDate',
    need: /\d/,
    re: new RegExp(BY_DATE, 'giu'),
    aside: true,
    make: (m, ctx, at) => {
      const d = m.groups!.d!;
      // a day without its year in a clause that sets a periodic rule is that rule's day, every period
      // ("định kỳ hằng năm báo cáo ... trước ngày 25 tháng 12", "Báo cáo năm: ... gửi Sở Tài chính trước ngày 15/12",
      // "định kỳ hàng năm (trước ngày 10/12)"), not one day to finish by
      const parts = DAY_MONTH_YEAR.exec(d);
      if (parts && !parts[3]) {
        const cue = PERIODIC_CLAUSE.exec(`${clauseBefore(ctx.text, at, 160)} ${m.groups!.pre ?? ''}`);
        if (cue) {
          const w = cue.slice(1).find(Boolean);
          return recurring(w ? freqOf(w) : undefined, { day: +parts[1]!, month: +parts[2]! });
        }
      }
      const v = readDay(d, ctx, at + m[0].trimEnd().length - d.length);
      return v ? { kind: 'by', date: v } : undefined;
    },
  },
  // a time cell that is only a day ("15/12/2019", "Ngày 24/8"): the row is done on that day, as "trong ngày 05/12/2025"
  {
    id: 'deadline.cellDay',
    re: /(?!)/gu,
    cell: new RegExp(String.raw`^\s*(?:ngày\s*)?(${CELL_DAY})\s*$`, 'giu'),
    make: (m, ctx, at) => {
      const v = readDay(m[1]!, ctx, at + m[0].trimEnd().length - m[1]!.length);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "trong ngày 05/12/2025", "vào ngày 09/10/2025", "nhân ngày Chuyển đổi số Quốc gia 10/10", "vào lúc 16h00 ngày thứ Sáu 20/4/2018"
  {
    id: 'deadline.day',
    need: /\d/,
    re: new RegExp(String.raw`(?:(?:trong|vào|diễn\s+ra)\s+(?:lúc\s+)?${AT}ngày\s+(?:${WEEKDAY}\s*,?\s*)?|nhân\s+(?:dịp\s+)?(?:kỷ\s+niệm\s+)?ngày\s+(?:[\p{L}]+\s+){0,8}?)(${DATE})`, 'giu'),
    aside: true,
    make: (m, ctx, at) => {
      // "ban hành vào ngày ...", "đã tổ chức vào ngày ...": a past or cited day
      if (/(?:ban\s+hành|ký|thông\s+qua|hiệu\s+lực|(?<![\p{L}])đã)(?![\p{L}])/iu.test(clauseBefore(ctx.text, at, 60))) return null;
      const v = readDay(m[1]!, ctx, at + m[0].length - m[1]!.length);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // a day given with its weekday, as an event's day is ("Ngày 22/7/2018 (Chủ nhật)", "sáng Thứ Bảy, ngày 05/8/2023"): done on
  // that day; a document's date never carries one
  {
    id: 'deadline.weekday',
    need: /\d/,
    re: new RegExp(String.raw`(?<![\p{L}])(?:${WEEKDAY}\s*,?\s*(?:ngày\s+)?(?:mùng\s+)?(${DATE})|ngày\s+(?:mùng\s+)?(${DATE})\s*\(\s*${WEEKDAY}\s*\))`, 'giu'),
    aside: true,
    make: (m, ctx, at) => {
      if (/(?:ban\s+hành|ký|thông\s+qua|hiệu\s+lực|(?<![\p{L}])đã)(?![\p{L}])/iu.test(clauseBefore(ctx.text, at, 60))) return null;
      // (the day off a notice announces is what is told, not the time of the work: "thông báo cho học sinh nghỉ học ngày thứ
      // hai, 26 tháng 11 năm 2018")
      if (/(?<![\p{L}])nghỉ(?:\s+(?:học|làm|việc))?\s+(?:vào\s+)?(?:ngày\s+)?$/iu.test(ctx.text.slice(Math.max(0, at - 30), at))) return null;
      const day = m[1] ?? m[2]!;
      const v = readDay(day, ctx, at + m[0].indexOf(day));
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "kể từ ngày 30/7/2025", "bắt đầu từ ngày ..."
  {
    id: 'deadline.fromDate',
    need: /\d/,
    re: new RegExp(String.raw`(?:kể\s+)?từ\s+${AT}ngày\s+(${DATE})`, 'giu'),
    make: (m, ctx, at) => {
      if (/số\s+liệu|tính\s+từ|mốc|thống\s+kê|hiệu\s+lực/iu.test(`${clauseBefore(ctx.text, at, 80)} ${m[0]}`)) return null;
      const v = readDay(m[1]!, ctx, at + m[0].length - m[1]!.length);
      return v ? { kind: 'from', date: v } : undefined;
    },
  },
  // "Từ tháng 11/2013 trở đi", "kể từ tháng 7 năm 2025": starts with the month (its first day); not a range ("từ tháng 11 đến
  // tháng 12/2013", read as within)
  {
    id: 'deadline.fromMonth',
    need: /tháng/iu,
    re: /(?<![\p{L}])(?:kể\s+)?từ\s+tháng\s+(\d{1,2})\s*(?:\/|năm)\s*(\d{4})(?![\d/])(?!\s*(?:,\s*)?(?:đến|tới|-|–))/giu,
    make: (m, ctx, at) => {
      if (COUNTED_FROM.test(clauseBefore(ctx.text, at, 80))) return null;
      const month = +m[1]!, year = +m[2]!;
      return month >= 1 && month <= 12 ? { kind: 'from', date: `${year}-${String(month).padStart(2, '0')}-01` } : undefined;
    },
  },
  // "Từ năm 2026, từng bước thực hiện tăng ...", "tăng mức đóng ... từ năm 2027": starts with the year (its first day); not
  // a range ("từ năm 2021 đến nay", "từ năm 2021 - 2025") nor what figures count from
  {
    id: 'deadline.fromYear',
    need: /từ\s+năm/iu,
    re: /(?<![\p{L}])(?:kể\s+)?từ\s+năm\s+(\d{4})(?![\d/])(?!\s*(?:,\s*)?(?:đến|tới|trở|-|–))/giu,
    make: (m, ctx, at) => {
      // (nor the first year of a time that recurs: "trước ngày 30 tháng 6 hằng năm kể từ năm 2027")
      const before = clauseBefore(ctx.text, at, 80);
      if (COUNTED_FROM.test(before) || /(?:hằng|hàng)\s+(?:năm|quý|tháng)|định\s+kỳ/iu.test(before)) return null;
      return { kind: 'from', date: `${m[1]}-01-01` };
    },
  },
  // "trong Quý III/2021", "Quý 3 năm 2021", "trong Quý III năm 2025", "hoàn thành Quý IV"
  {
    id: 'deadline.quarter',
    need: /qu[ýy]/iu,
    re: new RegExp(String.raw`(?:trong\s+|vào\s+|(?:hoàn\s+thành|xong)\s+(?:trong\s+)?|^|(?<=[;:]\s*)|(?=[Qq]u[ýy]\s+\S+\s*(?:\/|năm)\s*\d{4}))${QUARTER}`, 'giu'),
    cell: new RegExp(QUARTER, 'gu'),
    aside: true,
    make: (m, ctx, at) => {
      // (a bare period inside a sentence: only after whom the result goes to)
      if (!ctx.cell && /^[Qq]/u.test(m[0]) && at > 0 && !/[;:]\s*$|^\s*$/u.test(ctx.text.slice(Math.max(0, at - 3), at).replace(/^.*\n/su, '')) && !sentToBody(ctx.text, at)) return undefined;
      if (m[3]) return { kind: 'within', date: `${m[3]}-12-31` };
      const q = Math.max(...m[1]!.split(/\s*(?:,|và|-|–|đến)\s*(?:[Qq]u[ýy]\s+)?/u).map((x) => ROMAN_VALUE[x.toUpperCase()] ?? +x));
      const v = monthEnd(q * 3, m[2], ctx, at);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "Hoàn thành trước năm 2025", "trước năm 2030": by the last day of the year before (not a state before it: "các giấy phép
  // đã cấp trước năm 2025", "được xây dựng trước năm 2000")
  {
    id: 'deadline.beforeYear',
    need: /trước\s+năm/iu,
    re: /(?<![\p{L}])trước\s+năm\s+(\d{4})(?![\d/])/giu,
    make: (m, ctx, at) => {
      if (/(?:cấp|ban hành|xây dựng|có|sinh|thành lập|đầu tư|đưa vào)\s*$|(?<![\p{L}])(?:đã|được|từ)(?![\p{L}])/iu.test(clauseBefore(ctx.text, at, 40))) return undefined;
      if (GOAL_BEFORE.test(clauseBefore(ctx.text, at, 160))) return null;
      return { kind: 'by', date: `${Number(m[1]) - 1}-12-31` };
    },
  },
  // "Đến năm 2015, hoàn thành ...", "đến năm 2025 phải hoàn thành ...": the work done by the year's end
  {
    id: 'deadline.byYear',
    need: /đến\s+năm/iu,
    re: /(?<![\p{L}])đến\s+(?:hết\s+)?năm\s+(\d{4})\s*,?\s+(?:phải\s+|cơ bản\s+)?hoàn\s+thành(?![\p{L}])/giu,
    make: (m) => ({ kind: 'by', date: `${m[1]}-12-31` }),
  },
  // a heading that is only a period, over the work to do in it: "1. Giai đoạn đến năm 2030", "Giai đoạn 2026 - 2030"
  {
    id: 'deadline.periodHeading',
    need: /giai\s+đoạn|thời\s+kỳ/iu,
    re: /^\s*(?:giai\s+đoạn|thời\s+kỳ)\s+(?:(?:từ\s+)?(?:nay|năm\s+\d{4}|\d{4})\s*(?:-|–|đến)\s*)?(?:đến\s+)?(?:năm\s+)?(\d{4})\s*[.:]?\s*$/giu,
    make: (m) => ({ kind: 'within', date: `${m[1]}-12-31` }),
  },
  // "trước tháng 9 năm 2012", "trước tháng 9/2012": by the last day of the month before
  {
    id: 'deadline.beforeMonth',
    need: /trước\s+tháng/iu,
    re: /(?<![\p{L}])trước\s+tháng\s+(\d{1,2})(?:\s*(?:\/|năm)\s*(\d{4}))?(?![\d/])(?!\s*(?:hằng|hàng|mỗi|của)\s)/giu,
    make: (m, ctx, at) => {
      const month = Number(m[1]);
      if (month < 1 || month > 12) return undefined;
      if (month === 1 && !m[2]) return undefined;
      const v = month === 1 ? endOfMonth(Number(m[2]) - 1, 12) : monthEnd(month - 1, m[2], ctx, at);
      return v ? { kind: 'by', date: v } : undefined;
    },
  },
  // "trong tháng 11, 12/2021", "trong tháng 11, tháng 12 năm 2025", "trong tháng 7 năm 2025",
  // "trong kỳ báo cáo tháng 11/2021", "trong tháng 8" (the year from the text)
  {
    id: 'deadline.month',
    need: /tháng/iu,
    // (and a meeting of that month: "báo cáo tại phiên họp Chính phủ tháng 3 năm 2009")
    // ("chậm nhất là tháng 6/2013": that month, as every reader of the kept sets gives it)
    re: new RegExp(String.raw`(?:trong|vào|định\s+kỳ|chậm\s+nhất(?:\s+là)?(?:\s+trong)?|(?:hoàn\s+thành|xong)(?:\s+trong)?|(?:tại|trong)\s+(?:phiên|kỳ|cuộc)\s+họp(?:\s+\p{Lu}\p{Ll}*){0,3}|^|(?<=[;:]))\s*(?:kỳ\s+báo\s+cáo\s+)?tháng\s+${MONTHS}(?:\s*(?:\/|năm)\s*(\d{4}))?(?![\d/])(?!\s*(?:hằng|hàng|mỗi|của)\s)`, 'giu'),
    // (in a time cell, a bare "12/2019" or "10-11/2019" that is the whole cell is the month, or months, of that year)
    cell: new RegExp(String.raw`(?:tháng\s+|^\s*(?=\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s*\/\s*\d{4}\s*$))${MONTHS}(?:\s*(?:\/|năm)\s*(\d{4}))?(?![\d/])(?!\s*(?:hằng|hàng|mỗi|của)\s)`, 'giu'),
    aside: true,
    make: (m, ctx, at) => {
      // (a round of a periodic programme named by its month and year, "định kỳ tháng 8/2026"; without the year it is the rule)
      if (/^định/iu.test(m[0]) && !m[2]) return undefined;
      const months = m[1]!.split(/\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?/u).map(Number);
      const v = monthEnd(Math.max(...months), m[2], ctx, at);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "6 tháng cuối năm 2025", "6 tháng đầu năm" after "trong"; "những tháng cuối năm 2025", "đến cuối năm 2025"
  {
    id: 'deadline.halfYear',
    need: /năm/iu,
    re: /(?:trong|hoàn\s+thành(?:\s+trong)?|^)\s*(?:0?6\s+tháng\s+(đầu|cuối)|(?:những|các)\s+tháng\s+(cuối))\s+năm(?:\s+(\d{4}))?|(?:từ\s+nay\s+)?đến\s+(?:hết\s+|cuối\s+)năm(?:\s+(\d{4}))?/giu,
    cell: /0?6\s+tháng\s+(đầu|cuối)\s+năm()(?:\s+(\d{4}))?/giu,
    aside: true,
    make: (m, ctx, at) => {
      const y = m[3] ?? m[4];
      const half = (m[1] ?? m[2] ?? 'cuối').toLowerCase();
      return { kind: 'within', date: monthEnd(half === 'đầu' ? 6 : 12, y, ctx, at) };
    },
  },
  // "trong năm 2021", "Hoàn thành năm 2021", "vào năm 2026", "Năm 2021" as the whole time cell, "năm 2021 đạt tỷ lệ ..."
  {
    id: 'deadline.year',
    need: /\d/,
    re: /(?:(?<!(?:giao|khởi\s+công|phát\s+sinh|đã|được)\s)trong\s+năm|(?:hoàn\s+thành|xong)(?:\s+trong)?\s+năm|vào\s+năm|^năm|^\s*(?=\d{4}\s*$))\s*(\d{4})(?![\d/-])|(?:^|[;,.]\s*|\s)năm\s+(\d{4})\s+(?=đạt|phấn đấu)/giu,
    cell: /(?:năm\s+|^\s*|giai\s+đoạn\s+)(?:\d{4}\s*[-–]\s*)?(\d{4})(?![\d/])|()(?!)/giu,
    aside: true,
    make: (m, ctx, at) => {
      if (/^vào/iu.test(m[0]) && GOAL_BEFORE.test(clauseBefore(ctx.text, at, 160))) return null;
      const v = iso(+(m[1] ?? m[2])!, 12, 31);
      return v ? { kind: 'within', date: v } : undefined;
    },
  },
  // "định kỳ hằng tháng", "hàng quý", "hằng năm", "vào tháng 12 hàng năm", "định kỳ 6 tháng", "mỗi học kỳ",
  // "02 lần/năm", "định kỳ (6 tháng, 01 năm)", "theo định kỳ", "báo cáo CCHC định kỳ", "Sau mỗi đợt đồng bộ"
  // (not a programme's round named by its month: "chương trình ... định kỳ tháng 8/2026" is that month, within)
  {
    id: 'deadline.recurring',
    need: /hằng|hàng|mỗi|định\s+kỳ|lần/iu,
    tail: false,
    aside: true,
    re: /(?:định\s+kỳ\s+)?(?:(?:vào\s+)?tháng\s+(\d{1,2})\s+)?(?:hằng|hàng|mỗi)\s+(tuần|tháng|quý|năm\s+học|năm|học\s+kỳ)(?![\p{L}])|định\s+kỳ\s+(0?6\s+tháng|tháng(?!\s*\d)|quý(?!\s*[IVX\d])|năm(?!\s*\d))(?![\p{L}])|(?:0?\d|một|hai)\s+lần\s*(?:\/|mỗi|một|trong\s+)\s*(tuần|tháng|quý|năm)(?![\p{L}])|(?:theo\s+)?định\s+kỳ(?:\s*\(\s*(0?6\s+tháng|tháng|quý|năm)?[^)]*\))?|sau\s+mỗi\s+(?:đợt|lần|kỳ|buổi|phiên|cuộc)(?![\p{L}])/giu,
    make: (m, ctx, at) => {
      const w = m[2] ?? m[3] ?? m[4] ?? m[5];
      // a kind of payment, not when to act: "mức trợ cấp hàng tháng", "lương hưu hằng tháng", "phụ cấp hàng tháng"
      if (/^(?:hằng|hàng)/iu.test(m[0]) && /(?:trợ\s+cấp|phụ\s+cấp|lương(?:\s+hưu)?|hưu\s+trí|thu\s+nhập|sinh\s+hoạt\s+phí)\s*$/iu.test(ctx.text.slice(Math.max(0, at - 30), at))) return undefined;
      // a bare "định kỳ" times the act when it leads its clause ("Định kỳ báo cáo ...", "theo định kỳ") or qualifies
      // a report ("lồng ghép trong báo cáo CCHC định kỳ"), not a kind of work ("kiểm tra định kỳ, đột xuất")
      if (!w && /^định/iu.test(m[0]) && !/^\s*$/.test(clauseBefore(ctx.text, at, 100).split(/[,:(]/).pop()!) && !/báo\s+cáo/iu.test(clauseBefore(ctx.text, at, 80))) return undefined;
      return recurring(w ? freqOf(w) : undefined, m[1] ? { month: +m[1] } : {});
    },
  },
  // "trình Chính phủ tại phiên họp Chính phủ thường kỳ sắp tới": a meeting still to come, undated: open-ended
  {
    id: 'deadline.nextMeeting',
    need: /sắp\s+tới|gần\s+nhất/iu,
    re: /tại\s+(?:các\s+)?(?:phiên\s+họp|kỳ\s+họp|cuộc\s+họp)(?:\s+[\p{L}]+){0,6}?\s+(?:sắp\s+tới|gần\s+nhất)(?![\p{L}])/giu,
    aside: true,
    make: () => ongoing(),
  },
  // "Trong thời gian Quyết định này có hiệu lực (thi hành)": a duty for as long as the act is in force: open-ended
  {
    id: 'deadline.whileInForce',
    need: /hiệu\s+lực/iu,
    re: /trong\s+(?:suốt\s+)?thời\s+gian\s+(?:Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Quy\s+chế|Quy\s+định|Kế\s+hoạch|văn\s+bản)\s+(?:này\s+)?(?:có|còn)\s+hiệu\s+lực(?:\s+thi\s+hành)?/giu,
    aside: true,
    make: () => ongoing(),
  },
  // "trước Hội nghị": the event's day when the text dates it, else open-ended
  {
    id: 'deadline.event',
    need: /trước/iu,
    re: new RegExp(String.raw`trước\s+(?:khi\s+(?:tổ\s+chức|diễn\s+ra|khai\s+mạc|bắt\s+đầu)\s+)?(?:(?:buổi|cuộc|các|kỳ)\s+)?(${EVENT})(?![\p{L}])`, 'giu'),
    aside: true,
    make: (m, ctx) => {
      const key = m[1]!.toLowerCase().replace(/\s+/g, ' ');
      const e = ctx.events.find((x) => x.event === key);
      return e ? { kind: 'by', date: e.date } : ongoing();
    },
  },
  // a frame that opens its sentence: "Trong quá trình hoạt động khai thác khoáng sản, ...", "Trong thời gian chờ các văn bản ...
  // được sửa đổi, ..." (not a time past or near, "Trong thời gian qua", nor the closing "Trong quá trình thực hiện, nếu có ...")
  {
    id: 'deadline.frame',
    need: /trong\s+(?:suốt\s+)?(?:quá\s+trình|thời\s+gian)/iu,
    tail: false,
    re: new RegExp(String.raw`(?:^|(?<=[.;:)]\s{0,3}))\s*trong\s+(?:suốt\s+)?(?:quá\s+trình|thời\s+gian)\s+(?!(?:qua|tới|vừa|sớm|gần|này|đó|ngắn)(?![\p{L}]))[^.;,:]{3,100}(?=,(?!\s*(?:nếu|trường\s+hợp|có\s+khó|khi\s+có\s+khó)))`, 'giu'),
    make: () => ongoing(),
  },
  // "Thường xuyên" (not "chi thường xuyên"), "sau khi ... ban hành", "ngay sau khi ...", "trước khi trình ...",
  // "khi có thông báo ...", "theo thời gian quy định", "theo Kế hoạch riêng", "Sau 03 tháng kể từ khi ..."
  {
    id: 'deadline.ongoing',
    need: /xuyên|khi|thời|tiến|riêng|hiệu\s+lực|\d/iu,
    tail: false,
    re: new RegExp(ONGOING, 'giu'),
    // a time cell handed to another instrument: "Theo Kế hoạch riêng", "Theo hướng dẫn của Trung ương"
    cell: new RegExp(String.raw`^\s*theo\s[^]*$|${ONGOING}`, 'giu'),
    make: (m, ctx, at) => {
      const w = m[0].toLowerCase();
      // "thường xuyên" in a parenthesis describes something else; a condition in one is a time
      if (/^\s*thường/.test(w) && inParens(ctx.text, at)) return undefined;
      return ongoing();
    },
    aside: true,
  },
];



/**
 * Every match of a global pattern, as `text.matchAll(re)` gives them, without the copy of the
 * pattern matchAll makes at each call (costly for these long patterns, run thousands of times
 * a document): the matches are collected before any is read, so a rule may run `re` again.
 */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex = advance(text, re.lastIndex, re.unicode);
  }
  re.lastIndex = 0;
  return out;
}

/** The index after `i`, a whole code point in unicode mode (ECMAScript's AdvanceStringIndex). */
function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return i + 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}

function parentheses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0, open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') { if (depth++ === 0) open = i; }
    else if (text[i] === ')' && depth > 0) { if (--depth === 0) out.push([open, i + 1]); }
  }
  return out;
}

function inParens(text: string, at: number): boolean {
  return parentheses(text).some(([s, e]) => at > s && at < e);
}

/** Spans of text that hold no deadline: the dates of cited documents, names of plans with their period, and nouns named by a yearly period. */
// "số 116/KH-UBND ngày 28/7/2021", "Quyết định 603/QĐ-UBND ngày 30/9/2021", "Kết luận số 121-KL/TW, ngày 24/01/2025",
// "Công văn số 123/UBND ngày 05 tháng 8 năm 2025"
const CITED_DATE = new RegExp(String.raw`\d+(?:\/\d{4})?[/-][\p{Lu}Đđ][\p{L}\d&/-]*\s*,?\s+(?:ban\s+hành\s+)?ngày\s+(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})`, 'gu');
// names of plans and programmes with their period: "Kế hoạch ... năm 2025", "giai đoạn 2021-2025" (not a time for the work
// after one: "tổ chức Hội nghị sơ kết ... Đề án với 6 tỉnh vào tháng 11 năm 2013")
const NAMED_PERIOD = /(?:Kế hoạch|Chương trình|Đề án|Nghị quyết|Quyết định|Chỉ thị|Chiến lược|Báo cáo)\s(?:(?!hoàn thành|trong tháng|trong năm|trong quý|trước ngày|vào tháng|vào quý|chậm nhất)[^.;:,]){0,120}?(?:năm\s+\d{4}|giai đoạn\s+\d{4}\s*[-–]\s*\d{4})/gu;
// a quoted passage is another text's words: “Trong thời hạn 07 ngày làm việc kể từ ...”
const QUOTED = /“[^“”]{1,400}”/gu;
const PERIOD = /giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|(?:định hướng|tầm nhìn)\s+đến\s+năm\s+\d{4}/giu;
// "Kế hoạch cải cách hành chính hằng năm", "Chỉ số CCHC hàng năm", "thi đua - khen thưởng hằng năm", "kết quả cải cách hành
// chính đạt được hàng năm", "khuôn khổ hợp tác ODA hàng năm" (not "báo cáo kết quả hằng năm"): a yearly thing, not a yearly act
const YEARLY_THING = /(?:(?<!báo\s+cáo\s+)kết\s+quả|kế\s+hoạch|chương\s+trình|chỉ\s+số|chấm\s+điểm|thi\s+đua|khen\s+thưởng|lộ\s+trình|khuôn\s+khổ|dự\s+toán|ngân\s+sách|kinh\s+phí|chỉ\s+tiêu|xếp\s+hạng)(?:\s(?![Đđ]ịnh\s+kỳ)[^\s.;,()]+){0,8}?\s+(?:hằng|hàng)\s+năm(?![\p{L}])/giu;
const YEARLY = /(?:hằng|hàng)\s+năm(?![\p{L}])/iu;

/** Spans of text that hold no deadline: the dates of cited documents, names of plans with their period, and nouns named by a yearly period. */
function maskedRanges(text: string, cell: boolean): [number, number][] {
  const out: [number, number][] = [];
  const add = (re: RegExp) => { for (const m of matches(re, text)) out.push([m.index, m.index + m[0].length]); };
  // each pattern needs a year, a day or its own words: tried only where they are
  const year = /\d{4}/.test(text);
  if (year && text.includes('ngày')) add(CITED_DATE);
  if (year) add(NAMED_PERIOD);
  if (!cell) {
    if (text.includes('“')) add(QUOTED);
    if (year) add(PERIOD);
    if (YEARLY.test(text)) add(YEARLY_THING);
  }
  return out;
}

// An event's name not after a letter. The pattern leaves the lookbehind out (with it, every position of the
// text was tried: 5x the time) and eventNames tests it where a name is found, then goes on one character
// further, as the pattern with the lookbehind would: the same matches.
const EVENT_NAMED = new RegExp(String.raw`(${EVENT})(?![\p{L}])`, 'giu');
const NOT_AFTER_LETTER = /(?<![\p{L}])/iuy;
function* eventNames(text: string): Generator<RegExpExecArray> {
  const re = new RegExp(EVENT_NAMED);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    NOT_AFTER_LETTER.lastIndex = m.index;
    if (!NOT_AFTER_LETTER.test(text)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    yield m;
  }
}
const EVENT_RELATIVE = /(?:trước|sau|tại|qua)\s+(?:khi\s+\S+\s+)?(?:(?:buổi|cuộc|các|kỳ)\s+)?$/iu;
const EVENT_DAY = new RegExp(String.raw`(?:vào|ngày|lúc|thời\s+gian\s*:?)[^.;]*?(?:ngày\s+)(${DATE})`, 'iu');

/**
 * The dated events of a document ("Hội nghị ... tổ chức vào ngày 09/10/2025", "Đại hội ... Thời gian: 08 giờ
 * 00, ngày 15/10/2025"), so that "trước Hội nghị" can take the event's day. Pass the document's whole text;
 * `year` fills a day written without its year.
 */
export function findEventDates(text: string, year: number, issued: string | null = null): EventDate[] {
  // the masks (a pass of several patterns over the whole text) are read once an event is named
  let ctx: DateContext | null = null;
  const out: EventDate[] = [];
  for (const m of eventNames(text)) {
    const at = m.index!;
    // "trước Hội nghị", "sau Hội nghị" are times relative to it, not its date
    if (EVENT_RELATIVE.test(text.slice(Math.max(0, at - 30), at))) continue;
    ctx ??= { year, issued, text, events: [], masked: maskedRanges(text, false), cell: false };
    const masked = ctx.masked;
    if (masked.some(([s, e]) => at >= s && at < e)) continue;
    // its day, in the same sentence (a line break or ':' does not end it)
    const rest = text.slice(at, at + 260);
    const stop = rest.search(/\.\s+(?!Thời\s+gian|Địa\s+điểm)\p{Lu}|;|\n\s*\n/u);
    const scope = stop > 0 ? rest.slice(0, stop) : rest;
    const d = EVENT_DAY.exec(scope);
    if (!d) continue;
    const pos = at + d.index! + d[0].length - d[1]!.length;
    if (masked.some(([s, e]) => pos >= s && pos < e)) continue;
    const v = readDay(d[1]!, ctx, pos);
    if (!v) continue;
    out.push({ event: m[1]!.toLowerCase().replace(/\s+/g, ' '), date: v, start: at, end: pos + d[1]!.length });
  }
  return out;
}

/**
 * Every deadline expression in a text, in order. `year` fills a date written without its year (unless the
 * sentence states a full day with its year); `cell` reads a table's time cell, where a bare period is a time;
 * `mask` ranges hold no deadline; `issued` is the document's date (a day before it means next year); `events`
 * are the document's dated events (findEventDates over the whole text) for "trước Hội nghị".
 */
export function findDeadlines(
  text: string,
  year: number,
  opts: { cell?: boolean; mask?: [number, number][]; issued?: string | null; events?: EventDate[] } = {},
): DeadlineFinding[] {
  // (a scan's "frong" for "trong": no Vietnamese word starts with f, and the two are as long, so every offset stands)
  const given = text;
  if (/(?<![\p{L}])frong(?![\p{L}])/u.test(text)) text = text.replace(/(?<![\p{L}])frong(?![\p{L}])/gu, 'trong');
  const masked = [...maskedRanges(text, Boolean(opts.cell)), ...(opts.mask ?? [])];
  const ctx: DateContext = { year, issued: opts.issued ?? null, text, events: opts.events ?? [], masked, cell: Boolean(opts.cell) };
  const asides = parentheses(text);
  const inMask = (a: number) => masked.some(([s, e]) => a >= s && a < e);
  const inAside = (a: number, b: number) => asides.some(([s, e]) => a >= s && b <= e);
  const found: DeadlineFinding[] = [];
  const claimed: [number, number][] = [];
  for (const rule of RULES) {
    const cellRe = opts.cell && rule.cell;
    if (!cellRe && rule.need && !rule.need.test(text)) continue;
    for (const m of matches(cellRe || rule.re, text)) {
      // the rule's own words start where its leading spaces end
      const lead = /^\s*/.exec(m[0])![0].length;
      const start = m.index! + lead, end = m.index! + m[0].trimEnd().length;
      if (end <= start) continue;
      const core = start + (m.groups?.pre ? m.groups.pre.length : 0);
      if (inMask(core) || (rule.tail !== false && inMask(end - 1))) continue;
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      if (!rule.aside && inAside(start, end)) continue;
      const v = rule.make(m as RegExpExecArray, ctx, start);
      if (v === undefined) continue;
      claimed.push([start, end]);
      if (v === null) continue;
      const secondary = v.kind === 'by' && /(?<![\p{L}])để\s/iu.test(clauseBefore(text, start, 160)) ? { secondary: true } : {};
      found.push({ ...v, ...secondary, text: given.slice(start, end), start, end, rule: rule.id });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The one deadline of a task: a concrete completion (by / within / from) wins over a periodic rule, which
 * wins over an open-ended time. Of several days to finish by, the task's own (not one in a purpose clause
 * "để ... báo cáo trước ngày ..."), the one said to complete it ("hoàn thành ..."), else the first; of
 * several periods, the latest.
 */
export function pickDeadline(found: DeadlineFinding[]): DeadlineFinding | null {
  const bys = found.filter((f) => f.kind === 'by' && f.date);
  if (bys.length) {
    const own = bys.filter((f) => !f.secondary);
    const pool = own.length ? own : bys;
    return pool.find((f) => /hoàn\s+thành/iu.test(f.text)) ?? pool[0]!;
  }
  for (const kind of ['within', 'from'] as const) {
    const concrete = found.filter((f) => f.kind === kind && f.date);
    if (concrete.length) return concrete.reduce((a, b) => (b.date! >= a.date! ? b : a));
  }
  // of several periodic rules ("Định kỳ hằng tháng ... trước ngày 25 của tháng"), the one that says which day
  const recs = found.filter((f) => f.kind === 'recurring');
  const rule = recs.find((f) => f.recurrence?.day) ?? recs.find((f) => f.recurrence);
  if (rule) return rule;
  // a bare "định kỳ" names no period: beside "thường xuyên" ("thường xuyên cập nhật ..., định kỳ báo cáo ...") the
  // work is open-ended
  const open = found.find((f) => f.kind === 'ongoing');
  return (open && /thường\s+xuyên/iu.test(open.text) ? open : recs[0]) ?? open ?? null;
}
