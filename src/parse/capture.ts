/**
 * Documents pasted from legal web portals: a site banner and breadcrumb, a metadata table
 * ("Số hiệu", "Loại văn bản", "Ngày ban hành"), markdown-table debris, the header's lines
 * run together onto one line by the copy, and site text after the signature.
 *
 * `uncapture` splits a run-together header at its anchors (Quốc hiệu, tiêu ngữ, "Số:",
 * "V/v", the date line, "Kính gửi"), and sets the site's own lines aside so the
 * document's parts can be found. Text without such signals is returned unchanged.
 */
const ANCHORS = [
  /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM/gu,
  /Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc/gu,
  /ĐẢNG CỘNG SẢN VIỆT NAM/gu,
  /Số\s*:/gu,
  /V\/v\s/gu,
  /Về việc\s/gu,
  /Kính gửi\s*:/gu,
  // (not the end of a symbol: "Số: 940/BVHTTDL-TV, ngày 26 tháng 03 năm 2013")
  /(?<![\p{L}\d])(?<!\/[\p{Lu}\d&.()-]*)[\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+){0,3},\s+ngày\s+(?:\d|\s*tháng)/gu,
];
const ANCHOR_TESTS = ANCHORS.map((re) => new RegExp(re.source, 'u'));
/** A line that holds an anchor: the date line's pattern (letters then ", ngày") is tried only where "ngày" is. */
const hasAnchor = (l: string, k: number) => (k === ANCHOR_TESTS.length - 1 && !l.includes('ngày') ? false : ANCHOR_TESTS[k]!.test(l));
const SEPARATOR = /\s*[-_=*]{3,}\s*/gu;
const META = /^(?:\|?\s*)(?:Số hiệu|Loại văn bản|Nơi ban hành|Cơ quan ban hành|Người ký|Ngày ban hành|Ngày hiệu lực|Ngày công báo|Tình trạng|Lĩnh vực|Số công báo|Tình trạng hiệu lực)\s*:/iu;
const SITE = /^(?:Trang chủ|Home|Đăng nhập|Đăng ký|Tải về|Tải văn bản|Văn bản liên quan|Văn bản gốc|Lược đồ|Nội dung|Thuộc tính|Tiếng Anh|Lưu trữ|Ghi chú|Chia sẻ|In văn bản|Bạn chưa đăng nhập|Bạn đang xem|Theo dõi hiệu lực|Hỏi đáp|©|Copyright|Liên hệ|Bản quyền)(?![\p{L}])|\S\s+>\s+\S[^<>]*\s+>\s+\S|^\|.*\|$|©/iu;
/** The heading of a news site's list of other articles, on its own line. */
const RELATED = /^(?:Related articles|Related news|Read more|Tin liên quan|Tin bài liên quan|Bài viết liên quan|Bài liên quan|Tin cùng chuyên mục|Tin cùng danh mục|Các tin khác|Tin khác|Các tin đã đưa|Tin đã đưa|Các bài viết khác|Bài viết khác|Xem thêm|Có thể bạn quan tâm|Tin mới hơn|Tin cũ hơn)\s*:?$/iu;
/** A portal's side block or counter after the text, on a short line of its own. */
const CHROME_TAIL = /^(?:Thống kê truy cập|Thư viện ảnh|Thư viện video|Tin mới|Tin nổi bật|Tin xem nhiều|QR Code|image advertisement|Liên kết website|Văn bản mới|•?\s*(?:Đang online|Đang truy cập|Hôm nay|Hôm qua|Trong tuần|Tất cả|Tổng lượt truy cập|Lượt truy cập)\s*:\s*[\d.,]+)$/iu;
/** A news writer's initials or agency closing the article ("BTO", "PV", "TTXVN", "Theo VGP"). */
const BYLINE = /^(?:\p{Lu}[\p{Lu}.]{1,9}|\(?Theo\s+[^.]{2,40}\)?)$/u;
/** A cell of a portal's record table copied one cell a line: "Số tư liệu: |", "20-10-2011 |". */
const CELL = /^[^|]{1,60}\|$/u;
const QUOC_HIEU = /^(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|^ĐẢNG CỘNG SẢN VIỆT NAM/u;

export interface Uncaptured {
  lines: string[];
  /** Lines set aside as the site's own text. */
  site: string[];
}

export function uncapture(input: string[]): Uncaptured {
  const site: string[] = [];
  input = unlayout(input);
  // 1. split header lines the copy ran together (only lines that hold two anchors or more)
  let lines: string[] = [];
  input.forEach((line, i) => {
    if (i > 60 || line.length < 60 || line.startsWith('\t')) return lines.push(line);
    let hits = 0;
    for (let k = 0; k < ANCHOR_TESTS.length; k++) if (hasAnchor(line, k) && ++hits >= 2) break;
    if (hits < 2) return lines.push(line);
    const cuts = new Set<number>();
    for (const re of ANCHORS) for (const m of line.matchAll(re)) if (m.index! > 0) cuts.add(m.index!);
    if (!cuts.size) return lines.push(line);
    let a = 0;
    for (const c of [...cuts].sort((x, y) => x - y)) {
      lines.push(line.slice(a, c));
      a = c;
    }
    lines.push(line.slice(a));
  });
  // separators ("-------") the copy left between the header's parts
  // (only the first 80 lines are looked at; the rest are kept as they are, without a copy per line)
  let parted: string[] | null = null;
  for (let i = 0; i < lines.length && i < 80; i++) {
    const l = lines[i]!;
    if (!l.startsWith('\t') && /[-_=*]{5,}/u.test(l) && /\S\s*[-_=*]{3,}\s*\S/u.test(l)) {
      parted ??= lines.slice(0, i);
      parted.push(...l.split(SEPARATOR).filter((x) => x.trim()));
    } else if (parted) parted.push(l);
  }
  if (parted) lines = parted.concat(lines.slice(80));

  // 2. the site's lines before the document: up to the last banner, breadcrumb or metadata line before the Quốc hiệu
  // without a Quốc hiệu the document begins at its first header line ("Số:", "Kính gửi:", the date
  // line): a "Ghi chú:" or "Nội dung ..." of the document itself never makes what is above it the site's
  const q = lines.findIndex((l) => QUOC_HIEU.test(l.trim()));
  // the first anchor is looked for only without a Quốc hiệu (it tries every anchor on every line),
  // and only in the first 40 lines: the limit is 40 lines at most
  const firstAnchor = q >= 0 ? -1 : lines.slice(0, 40).findIndex((l) => ANCHOR_TESTS.some((_, k) => hasAnchor(l, k)));
  const limit = q >= 0 ? q : firstAnchor >= 0 ? Math.min(firstAnchor, 40) : Math.min(lines.length, 40);
  let lastSite = -1;
  for (let i = 0; i < limit; i++) {
    const t = lines[i]!.trim();
    if (META.test(t) || SITE.test(t)) lastSite = i;
    else if (q < 0 && firstAnchor < 0) {
      // with no header anchor at all, the site's lines are only those above the document's first own line:
      // its record's cells, one a line ("Số tư liệu: |", "1036/CĐ-BGDĐT |"), count with them; a "Nội dung
      // chi tiết ..." after the text never makes the whole text the site's
      if (CELL.test(t)) lastSite = i;
      else if (t) break;
    }
  }
  if (lastSite >= 0) {
    // a banner line just above the first site line belongs to the site too
    site.push(...lines.slice(0, lastSite + 1));
    lines = lines.slice(lastSite + 1);
  }

  // 3. the site's lines after the document: a news site's list of other articles and all after it, with the
  // writer's initials just above it ("BTO", "PV"), and short lines of site words at the end, of a page known
  // to be a copy (a letter's own closing "Ghi chú: ..." stays)
  // (or the page's side blocks after the text, a run of short lines to its end: "QR Code", "Thống kê truy cập", "• Đang online: 0")
  const half = Math.floor(lines.length / 2);
  const strong = lines.findIndex((l, i) => i >= 3 && RELATED.test(l.trim()));
  const weak = lines.findIndex((l, i) => i >= Math.max(3, half) && CHROME_TAIL.test(l.trim()) && lines.slice(i).every((x) => x.trim().length <= 60));
  const related = strong >= 0 && (weak < 0 || strong < weak) ? strong : weak;
  if (related >= 0) {
    let cut = related;
    while (cut > 0 && (!lines[cut - 1]!.trim() || BYLINE.test(lines[cut - 1]!.trim()))) cut--;
    site.push(...lines.slice(cut).filter((l) => l.trim()));
    lines = lines.slice(0, cut);
  }
  let end = lines.length;
  while (end > 0 && site.length) {
    const t = lines[end - 1]!.trim();
    if (!t || (t.length <= 80 && SITE.test(t))) end--;
    else break;
  }
  if (end < lines.length) {
    site.push(...lines.slice(end).filter((l) => l.trim()));
    lines = lines.slice(0, end);
  }
  return { lines, site };
}

/** A line break written as HTML in a markdown table's cell: "**UBND TỈNH X**<br>**SỞ Y**" (global: for replace and split only). */
export const BR = /<br\s*\/?>/giu;
/** The same break, to test a line for one. */
const HAS_BR = /<br\s*\/?>/iu;

/** A layout table's cells as the lines they print, cell by cell (each `<br>` a line break), as a Word file's layout table is read. */
export function cellLines(cells: string[]): string[] {
  const out: string[] = [];
  for (const c of cells) for (const l of c.split(BR)) if (l.trim()) out.push(l.trim());
  return out;
}
/** What only a letter's header or signature block holds. */
const LAYOUT_ANCHOR = /CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM|(?:^|[|>*\s])Số\s*:|Nơi nhận\s*:/u;

/**
 * A letter's header or signature laid out as a markdown table, its lines joined by `<br>` in
 * two or three cells ("| **UBND TỈNH X**<br>Số: 12/UBND-VP | **CỘNG HÒA ...**<br>*X, ngày ...* |"):
 * its cells' lines, a paragraph each, cell by cell, as a Word file's layout table is read; the
 * table's empty header row and its separator row go with it.
 */
function unlayout(input: string[]): string[] {
  if (!input.some((l) => l.includes('|') && HAS_BR.test(l))) return input;
  const out: string[] = [];
  for (const line of input) {
    const cells = pipeCells(line);
    if (!cells || cells.length > 3 || !LAYOUT_ANCHOR.test(line) || !HAS_BR.test(line)) {
      out.push(line);
      continue;
    }
    // the empty header row and the separator above it ("| | |", "|---|---|")
    while (out.length && /^\s*\|(?:\s*:?-*:?\s*\|)+\s*$/u.test(out[out.length - 1]!)) out.pop();
    for (const l of cellLines(cells)) out.push(l, '');
  }
  return out;
}

/** Markdown pipe-table rows ("| a | b |") as cells; separator rows ("|---|---|") give null. */
export function pipeCells(line: string): string[] | null {
  const t = line.trim();
  if (!/^\|.*\|$/.test(t)) return null;
  const cells = t.slice(1, -1).split('|').map((c) => c.trim());
  if (cells.every((c) => /^:?-{2,}:?$/.test(c))) return null;
  return cells;
}
