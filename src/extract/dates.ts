/** Calendar helpers for partial and period dates. */
import { daysIn } from '../model/calendar.js';

export function iso(y: number, m?: number, d?: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2100) return null;
  if (m === undefined) return String(y);
  if (m < 1 || m > 12) return null;
  const mm = String(m).padStart(2, '0');
  if (d === undefined) return `${y}-${mm}`;
  if (d < 1 || d > daysIn(y, m)) return null;
  return `${y}-${mm}-${String(d).padStart(2, '0')}`;
}

export function endOfMonth(y: number, m: number): string | null {
  return iso(y, m, daysIn(y, m));
}

export const ROMAN_VALUE: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
