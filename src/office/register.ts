/**
 * The register of incoming documents (sổ đăng ký văn bản đến) of Nghị định 30/2020/NĐ-CP,
 * Phụ lục IV: its columns, filled from the register's rows (src/store/office.ts) and what each
 * document says; CSV for Excel (byte order mark, guarded cells: src/export/csv.ts).
 */
import { csvTable } from '../export/csv.js';
import { docRef, TYPE_NAMES } from '../export/tasks.js';
import type { RegisterLine } from '../store/office.js';

/** The register's columns, in the decree's order. */
export const REGISTER_COLUMNS = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số, ký hiệu',
  'Ngày tháng',
  'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận',
  'Ký nhận',
  'Ghi chú',
] as const;

/** dd/mm/yyyy from an ISO day (or a partial one: mm/yyyy, yyyy). */
export function viDate(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  return m ? [m[3], m[2], m[1]].filter(Boolean).join('/') : iso;
}

/** One line of the register as its nine cells. */
export function registerCells(l: RegisterLine): string[] {
  const kind = l.type ? TYPE_NAMES[l.type] ?? l.type : '';
  return [
    viDate(l.arrivedOn),
    String(l.number),
    l.issuer ?? '',
    docRef({ number: l.docNumber, symbol: l.symbol }),
    viDate(l.date),
    [kind, l.subject].filter(Boolean).join(': '),
    l.recipient ?? '',
    '',
    l.note ?? '',
  ];
}

export function registerCsv(lines: Iterable<RegisterLine>): Iterable<string> {
  return csvTable(REGISTER_COLUMNS, (function* () {
    for (const l of lines) yield registerCells(l);
  })());
}
