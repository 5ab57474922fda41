/**
 * What an extractor returns: a value with the span of text it came from and the
 * rule that made it, so a wrong field leads straight to a rule.
 */
import type { Span, TextModel, Block } from '../model/types.js';

export interface Finding<T> extends Span {
  value: T;
  /** The text the value was read from: model.text.slice(start, end). */
  raw: string;
  rule: string;
}

export function finding<T>(model: TextModel, value: T, start: number, end: number, rule: string): Finding<T> {
  const f: Finding<T> = { value, raw: model.text.slice(start, end), start, end, rule };
  const page = pageAt(model, start);
  if (page) f.page = page;
  return f;
}

export function pageAt(model: TextModel, offset: number): number | undefined {
  for (const b of model.blocks) if (offset >= b.start && offset <= b.end) return b.page;
  return undefined;
}

/** A block's lines with their offsets. */
export function blockLines(b: Block): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let pos = b.start;
  for (const line of b.text.split('\n')) {
    out.push({ text: line, start: pos, end: pos + line.length });
    pos += line.length + 1;
  }
  return out;
}

/** Every line of the non-table blocks, in order. */
export function allLines(model: TextModel) {
  const out: { text: string; start: number; end: number; block: Block }[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'table') continue;
    for (const l of blockLines(b)) out.push({ ...l, block: b });
  }
  return out;
}

/** Upper-case Vietnamese to sentence case, with the place name after "tỉnh", "huyện", ... and the word after "Sở", "Bộ" capitalised. */
export function titleCase(s: string): string {
  const words = s.toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
  let place = false;
  return words
    .map((w, i) => {
      const prev = words[i - 1] ?? '';
      const prev2 = `${words[i - 2] ?? ''} ${prev}`;
      if ((/^(tỉnh|huyện|xã|phường|quận)$/.test(prev) && !/^(ủy|uỷ)$/.test(w)) || /^(thành phố|thị xã|thị trấn)$/.test(prev2) || /^(tỉnh|huyện|thành) (ủy|uỷ)$/.test(prev2)) place = true;
      const c = i === 0 || place || /^(sở|bộ)$/.test(prev);
      return c ? cap(w) : w;
    })
    .join(' ');
}

function cap(w: string): string {
  return w ? w[0]!.toLocaleUpperCase('vi') + w.slice(1) : w;
}

/** Letters only in capitals (and at least one letter): no lower-case letter and some letter. */
export function isUpper(s: string): boolean {
  return !LOWER.test(s) && LETTER.test(s);
}
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
