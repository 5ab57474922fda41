/**
 * Deadlines, normalised to the kinds of the record format.
 *
 *   by        "trước ngày 25/11/2021", "hoàn thành trước ngày 30/7/2025", "chậm nhất ngày 5/8/2025", "Trước ngày 15/8/2021"
 *   within    "trong tháng 11, 12/2021", "trong Quý III/2021", "trong năm 2021", "Năm 2021" (a table time cell),
 *             "trong tháng 7 năm 2025", "6 tháng cuối năm 2025" (after "trong"), "Hoàn thành năm 2021"
 *   from      "kể từ ngày 30/7/2025", "bắt đầu từ ngày 1/8/2025"
 *   recurring "hằng tháng", "định kỳ hàng quý", "trước ngày 25 của tháng", "vào tháng 12 hàng năm", "trước ngày 25/12 của năm"
 *   ongoing   "Thường xuyên", "sau khi ... ban hành", "ngay sau khi ..."
 * Not deadlines: dates of cited documents ("Kế hoạch số 116/KH-UBND ngày 28/7/2021"), times inside
 * parentheses, years that name a plan or budget ("Kế hoạch ... năm 2025", "giao trong năm 2025"),
 * "chi thường xuyên", "ngay", "khẩn trương", "kịp thời" alone.
 */
import { endOfMonth, iso, ROMAN_VALUE } from './dates.js';

export type DeadlineKind = 'by' | 'within' | 'from' | 'recurring' | 'ongoing';

export interface Recurrence {
  freq: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';
  /** Day of the month (monthly) or of the given month (yearly) by which it is due. */
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
}

const D = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?`;
const D_WORDS = String.raw`(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?`;
const QUARTER = String.raw`[Qq]u[ýy]\s+(IV|I{1,3}|[1-4])(?![\p{L}\d])(?:\s*(?:\/|năm)\s*(\d{4}))?`;

interface Rule {
  id: string;
  re: RegExp;
  /** The same rule for a table's time cell, where a bare period ("Quý IV/2021", "tháng 9/2021") is a time. */
  cell?: RegExp;
  make: (m: RegExpExecArray, ctx: DateContext) => Omit<DeadlineFinding, 'start' | 'end' | 'text' | 'rule'> | null;
}

const FREQ: Record<string, Recurrence['freq']> = {
  tuần: 'weekly', tháng: 'monthly', quý: 'quarterly', năm: 'yearly', '6 tháng': 'half-yearly',
};

/** What fills a date's missing parts: the year, and the document's date (a day written without its year that falls before it means next year). */
interface DateContext {
  year: number;
  issued: string | null;
}

function dayOf(d: string, m: string, y: string | undefined, ctx: DateContext): string | null {
  let v = iso(y ? +y : ctx.year, +m, +d);
  if (v && !y && ctx.issued && ctx.issued.length === 10 && v < ctx.issued) v = iso(ctx.year + 1, +m, +d);
  return v;
}

function byDate(d: string, m: string, y: string | undefined, ctx: DateContext) {
  const v = dayOf(d, m, y, ctx);
  return v ? { kind: 'by' as const, date: v } : null;
}

const RULES: Rule[] = [
  // "trước ngày 25 của tháng", "trước ngày 25 hằng tháng", "trước ngày 25/12 hằng năm", "trước ngày 25/12 của năm"
  {
    id: 'deadline.recurringDay',
    re: /trước\s+ngày\s+(\d{1,2})(?:\s*\/\s*(\d{1,2}))?\s+(?:của\s+)?(?:hằng|hàng|mỗi|của)\s+(tháng|quý|năm)/giu,
    make: (m) => ({ kind: 'recurring', date: null, recurrence: { freq: FREQ[m[3]!.toLowerCase()]!, day: +m[1]!, ...(m[2] ? { month: +m[2] } : {}) } }),
  },
  // "trước ngày 25/11/2021", "hoàn thành trước ngày 30/7/2025", "chậm nhất ngày 5/8/2025", "hạn chót ngày ..."
  {
    id: 'deadline.byDate',
    re: new RegExp(String.raw`(?:(?:hoàn thành|xong|gửi|nộp|báo cáo)[^.;]{0,40}?\s+)?(?:trước|chậm nhất(?:\s+(?:là|vào))?|không muộn hơn|hạn chót(?:\s+là)?|muộn nhất|đến hết|trong thời hạn đến)\s+(?:ngày\s+)?(?:${D}|${D_WORDS})`, 'giu'),
    make: (m, ctx) => (m[1] ? byDate(m[1], m[2]!, m[3], ctx) : byDate(m[4]!, m[5]!, m[6], ctx)),
  },
  // "kể từ ngày 30/7/2025", "bắt đầu từ ngày ..."
  {
    id: 'deadline.fromDate',
    re: new RegExp(String.raw`(?:kể\s+)?từ\s+ngày\s+(?:${D}|${D_WORDS})`, 'giu'),
    make: (m, ctx) => {
      const v = m[1] ? dayOf(m[1], m[2]!, m[3], ctx) : dayOf(m[4]!, m[5]!, m[6], ctx);
      return v ? { kind: 'from', date: v } : null;
    },
  },
  // "trong Quý III/2021", "Quý 3 năm 2021"
  {
    id: 'deadline.quarter',
    re: new RegExp(String.raw`(?:trong\s+|hoàn thành\s+(?:trong\s+)?|^)${QUARTER}`, 'giu'),
    cell: new RegExp(QUARTER, 'gu'),
    make: (m, { year }) => {
      const q = ROMAN_VALUE[m[1]!.toUpperCase()] ?? +m[1]!;
      const v = endOfMonth(m[2] ? +m[2] : year, q * 3);
      return v ? { kind: 'within', date: v } : null;
    },
  },
  // "trong tháng 11, 12/2021", "trong tháng 7 năm 2025", "trong kỳ báo cáo tháng 11/2021", "tháng 9/2021" after "hoàn thành"
  {
    id: 'deadline.month',
    re: /(?:trong|hoàn thành(?:\s+trong)?|^)\s*(?:kỳ\s+báo\s+cáo\s+)?tháng\s+(\d{1,2}(?:\s*(?:,|và|-)\s*\d{1,2})*)\s*(?:\/|năm)\s*(\d{4})/giu,
    cell: /tháng\s+(\d{1,2}(?:\s*(?:,|và|-)\s*\d{1,2})*)\s*(?:\/|năm)\s*(\d{4})/giu,
    make: (m) => {
      const months = m[1]!.split(/\s*(?:,|và|-)\s*/).map(Number);
      const v = endOfMonth(+m[2]!, Math.max(...months));
      return v ? { kind: 'within', date: v } : null;
    },
  },
  // "6 tháng cuối năm 2025", "6 tháng đầu năm 2025" after "trong"
  {
    id: 'deadline.halfYear',
    re: /(?:trong|hoàn thành(?:\s+trong)?)\s+6\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})/giu,
    make: (m) => ({ kind: 'within', date: m[1]!.toLowerCase() === 'đầu' ? iso(+m[2]!, 6, 30) : iso(+m[2]!, 12, 31) }),
  },
  // "trong năm 2021", "Hoàn thành năm 2021", "Năm 2021" as the whole time cell, "năm 2021 đạt tỷ lệ ..."
  {
    id: 'deadline.year',
    re: /(?:(?<!giao\s)trong\s+năm|hoàn thành(?:\s+trong)?\s+năm|^năm|^\s*(?=\d{4}\s*$))\s*(\d{4})|(?:^|[;,.]\s*|\s)năm\s+(\d{4})\s+(?=đạt|phấn đấu)/giu,
    cell: /(?:năm\s+|^\s*)(\d{4})(?![\d/-])|()(?!)/giu,
    make: (m) => {
      const v = iso(+(m[1] ?? m[2])!, 12, 31);
      return v ? { kind: 'within', date: v } : null;
    },
  },
  // "định kỳ hằng tháng", "hàng quý", "hằng năm", "vào tháng 12 hàng năm", "định kỳ 6 tháng"
  {
    id: 'deadline.recurring',
    re: /(?:định\s+kỳ\s+)?(?:(?:vào\s+)?tháng\s+(\d{1,2})\s+)?(?:hằng|hàng|mỗi)\s+(tuần|tháng|quý|năm)|định\s+kỳ\s+(6\s+tháng|tháng|quý|năm)/giu,
    make: (m) => {
      const f = FREQ[(m[2] ?? m[3])!.toLowerCase()]!;
      return { kind: 'recurring', date: null, recurrence: { freq: f, ...(m[1] ? { month: +m[1] } : {}) } };
    },
  },
  // "Thường xuyên" (not "chi thường xuyên"), "sau khi ... ban hành", "ngay sau khi ..."
  {
    id: 'deadline.ongoing',
    re: /(?<!chi\s)(?<!kinh phí\s)(?<!nhiệm vụ\s)(?<![\p{L}])thường\s+xuyên(?![\p{L}])|(?:ngay\s+)?sau\s+khi\s+(?:[^.;,]{0,80}?\s)?(?:ban\s+hành|được\s+ban\s+hành|phê\s+duyệt|được\s+phê\s+duyệt|công\s+bố|có\s+[^.;,]{0,40}?)(?![\p{L}])[^.;,]{0,60}/giu,
    make: () => ({ kind: 'ongoing', date: null }),
  },
];

/** Spans of text that hold no deadline: parentheses and the dates of cited documents. */
/** Parenthesised asides: they may give a dated deadline ("(hoàn thành trong Quý III/2021)") but their "hằng năm" or "thường xuyên" describes something else. */
function parentheses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0, open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') { if (depth++ === 0) open = i; }
    else if (text[i] === ')' && depth > 0) { if (--depth === 0) out.push([open, i + 1]); }
  }
  return out;
}

function maskedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  // "số 116/KH-UBND ngày 28/7/2021", "Quyết định 603/QĐ-UBND ngày 30/9/2021"
  for (const m of text.matchAll(/\d+(?:\/\d{4})?[/-][\p{Lu}][\p{L}\d&/-]*\s+ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/gu)) {
    out.push([m.index!, m.index! + m[0].length]);
  }
  // names of plans and programmes with their period: "Kế hoạch ... năm 2025", "giai đoạn 2021-2025"
  for (const m of text.matchAll(/(?:Kế hoạch|Chương trình|Đề án|Nghị quyết|Quyết định|Chỉ thị)\s(?:(?!hoàn thành|trong tháng|trong năm|trong quý|trước ngày)[^.;:,]){0,120}?(?:năm\s+\d{4}|giai đoạn\s+\d{4}\s*-\s*\d{4})/gu)) {
    out.push([m.index!, m.index! + m[0].length]);
  }
  return out;
}

/**
 * Every deadline expression in a text, in order. `year` fills a date written without its year;
 * `cell` reads a table's time cell, where a bare period is a time; `mask` ranges hold no deadline.
 */
export function findDeadlines(text: string, year: number, opts: { cell?: boolean; mask?: [number, number][]; issued?: string | null } = {}): DeadlineFinding[] {
  const ctx: DateContext = { year, issued: opts.issued ?? null };
  const masked = [...maskedRanges(text), ...(opts.mask ?? [])];
  const asides = parentheses(text);
  const inMask = (a: number, b: number) => masked.some(([s, e]) => a >= s && b <= e);
  const inAside = (a: number, b: number) => asides.some(([s, e]) => a >= s && b <= e);
  const found: DeadlineFinding[] = [];
  for (const rule of RULES) {
    const re = (opts.cell && rule.cell) || rule.re;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index!, end = start + m[0].length;
      if (inMask(start, end)) continue;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const v = rule.make(m as RegExpExecArray, ctx);
      if (!v) continue;
      if (!v.date && inAside(start, end)) continue;
      found.push({ ...v, text: m[0].trim(), start, end, rule: rule.id });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The one deadline of a task: a concrete completion (by / within / from) wins over a
 * periodic rule, which wins over "thường xuyên"; among concrete ones the latest date.
 */
export function pickDeadline(found: DeadlineFinding[]): DeadlineFinding | null {
  // a precise day before which to finish says more than a period; then periods; then a start
  for (const kind of ['by', 'within', 'from'] as const) {
    const concrete = found.filter((f) => f.kind === kind && f.date);
    if (concrete.length) return concrete.reduce((a, b) => (b.date! >= a.date! ? b : a));
  }
  // of several periodic rules ("Định kỳ hằng tháng ... trước ngày 25 của tháng"), the one that says which day
  const recs = found.filter((f) => f.kind === 'recurring');
  if (recs.length) return recs.find((f) => f.recurrence?.day) ?? recs[0]!;
  return found.find((f) => f.kind === 'ongoing') ?? null;
}
