/**
 * Document types of Nghị định 30/2020/NĐ-CP, Phụ lục III (and the legal normative
 * documents of Luật Ban hành văn bản quy phạm pháp luật): the type word as printed in
 * a title line, and the abbreviation used in the ký hiệu.
 */
export const DOC_TYPES: { word: string; abbr: string }[] = [
  { word: 'NGHỊ QUYẾT', abbr: 'NQ' },
  { word: 'QUYẾT ĐỊNH', abbr: 'QĐ' },
  { word: 'CHỈ THỊ', abbr: 'CT' },
  { word: 'NGHỊ ĐỊNH', abbr: 'NĐ' },
  { word: 'THÔNG TƯ LIÊN TỊCH', abbr: 'TTLT' },
  { word: 'THÔNG TƯ', abbr: 'TT' },
  { word: 'LUẬT', abbr: 'L' },
  { word: 'PHÁP LỆNH', abbr: 'PL' },
  { word: 'QUY CHẾ', abbr: 'QC' },
  { word: 'QUY ĐỊNH', abbr: 'QyĐ' },
  { word: 'THÔNG CÁO', abbr: 'TC' },
  { word: 'THÔNG BÁO', abbr: 'TB' },
  { word: 'HƯỚNG DẪN', abbr: 'HD' },
  { word: 'CHƯƠNG TRÌNH', abbr: 'CTr' },
  { word: 'KẾ HOẠCH', abbr: 'KH' },
  { word: 'PHƯƠNG ÁN', abbr: 'PA' },
  { word: 'ĐỀ ÁN', abbr: 'ĐA' },
  { word: 'DỰ ÁN', abbr: 'DA' },
  { word: 'BÁO CÁO', abbr: 'BC' },
  { word: 'BIÊN BẢN', abbr: 'BB' },
  { word: 'TỜ TRÌNH', abbr: 'TTr' },
  // an office's internal submission form (not in Phụ lục III; numbered "Số: 104/PT-NC")
  { word: 'PHIẾU TRÌNH', abbr: 'PT' },
  { word: 'HỢP ĐỒNG', abbr: 'HĐ' },
  { word: 'CÔNG ĐIỆN', abbr: 'CĐ' },
  { word: 'BẢN GHI NHỚ', abbr: 'BGN' },
  { word: 'BẢN THỎA THUẬN', abbr: 'BTT' },
  { word: 'BẢN THOẢ THUẬN', abbr: 'BTT' },
  { word: 'GIẤY ỦY QUYỀN', abbr: 'GUQ' },
  { word: 'GIẤY UỶ QUYỀN', abbr: 'GUQ' },
  { word: 'GIẤY MỜI', abbr: 'GM' },
  { word: 'GIẤY GIỚI THIỆU', abbr: 'GGT' },
  { word: 'GIẤY NGHỈ PHÉP', abbr: 'GNP' },
  { word: 'PHIẾU GỬI', abbr: 'PG' },
  { word: 'PHIẾU CHUYỂN', abbr: 'PC' },
  { word: 'PHIẾU BÁO', abbr: 'PB' },
  { word: 'THƯ CÔNG', abbr: 'TCg' },
  { word: 'KẾT LUẬN', abbr: 'KL' },
];

/**
 * Kinds that assign no work (FORMAT.md: the background part, facts and results, holds no tasks):
 * a báo cáo reports, a tờ trình or phiếu trình asks a superior to decide, a biên bản records; what
 * they propose ("Giao Công an tỉnh ...", "đề nghị Bộ ...") is a request upward, not an assignment.
 * Legal normative documents state standing rules ("chịu trách nhiệm thi hành"), not assignments.
 */
const ASSIGNS_NO_WORK = new Set(['BC', 'TTr', 'PT', 'BB', 'TT', 'TTLT', 'NĐ', 'L', 'PL']);
/** (a report of any named kind too: "BCĐX" báo cáo đề xuất, "BCTH" báo cáo tổng hợp) */
export function assignsNoWork(type: string): boolean {
  return ASSIGNS_NO_WORK.has(type) || /^BC\p{Lu}/u.test(type);
}

/** Abbreviations that name a type when they open a ký hiệu ("116/KH-UBND", "18-NQ/TW"). */
export const TYPE_ABBRS = new Set([
  ...DOC_TYPES.map((t) => t.abbr.toUpperCase()),
  'QĐ', 'NĐ', 'TT', 'TTLT', 'L', 'PL', 'NQLT', 'KL', 'CĐ', 'HD', 'CTR', 'TTR',
]);

/** Canonical spelling of an abbreviation found in a symbol. */
export function canonicalAbbr(s: string): string {
  const hit = DOC_TYPES.find((t) => t.abbr.toUpperCase() === s.toUpperCase());
  return hit ? hit.abbr : s;
}

/** Names of cited document kinds, as they open a citation ("Quyết định số 603/QĐ-UBND"). */
export const CITED_KINDS = [
  'Nghị quyết', 'Quyết định', 'Chỉ thị', 'Thông tư liên tịch', 'Thông tư', 'Nghị định', 'Luật', 'Pháp lệnh',
  'Kế hoạch', 'Công văn', 'Văn bản', 'Báo cáo', 'Thông báo', 'Hướng dẫn', 'Chương trình', 'Đề án',
  'Tờ trình', 'Công điện', 'Kết luận', 'Quy định', 'Quy chế', 'Phương án', 'Biên bản', 'Giấy mời',
];
