/**
 * Where the "Nơi nhận" list starts: the recipients' list a signed document ends with (Nghị định
 * 30/2020/NĐ-CP, Phụ lục I: "Nơi nhận:" in bold italic, then "- Như trên;" ... "- Lưu: VT, ...").
 * The tasks end there, the signer is beside it and a second document may follow it.
 *
 * A scan's OCR often misreads the small bold italic label ("MNWi nhận:", "Nơi nhậm", "Nơi nhật",
 * "ơi nhận:"), and its first entry then still says where the list starts: "- Như trên;" or "- Như
 * Điều 3;" is written nowhere else.
 */
import { fold } from '../../normalise/unicode.js';

const PRINTED = /^[\s*_]*Nơi nhận\s*:?/iu;
/** The first entry of the list: "- Như trên;", "- Như Điều 3;", "- Như khoản 2 Điều 1;" (alone on its line). */
const AS_ABOVE = /^[-–+•]\s*Như\s+(?:trên|[Đđ]iều\s+\d+|[Kk]hoản\s+\d+|[Mm]ục\s+\S+)(?:\s+\S+){0,4}\s*[;:.,]?\s*(?:$|\n)/u;
/** The label's two words as OCR leaves them: a short first word, then "nh" and two or three letters. */
const OCR_LABEL = /^[\s*_]*(\p{L}{1,5})\s*([Nn][Hh]\p{L}{2,3})(?=\s*(?::|[-–]\s|$|\n|\s+\p{Lu}))/u;

/** Levenshtein distance of two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** "Nơi nhận:" as printed, or as a scan's OCR reads it (within two letters of it, without tones). */
export function isNoiNhanLabel(text: string): boolean {
  if (PRINTED.test(text)) return true;
  const m = OCR_LABEL.exec(text);
  if (!m) return false;
  const first = fold(m[1]!).toLowerCase();
  const second = fold(m[2]!).toLowerCase();
  // ("Người nhận:" is a form's field, not the list)
  if (first === 'nguoi') return false;
  return distance(first + second, 'noinhan') <= 2 && distance(second, 'nhan') <= 1;
}

/** A line (or paragraph) that starts the Nơi nhận list: its label, or its first entry "- Như trên;". */
export function startsNoiNhan(text: string): boolean {
  return isNoiNhanLabel(text) || AS_ABOVE.test(text.trimStart());
}
