import { isSyllable, TONES } from '../normalise/syllables.js';

/**
 * Words a portal copy glued together: "Trungương", "liênquan", "ýkiến", "Giaocho", "BộY tế",
 * "ươngphối hợp", "năm 2008,Bộ". A token that is not one Vietnamese syllable but is two is split
 * in two, a capital after a small letter starts a new word, and so does one after a comma. The rules that find who does what read the
 * split text; `map` takes its offsets back to the text given.
 *
 * Guarded against names from other languages ("Mekong", "Viettel", "Website"): a token without
 * a Vietnamese letter or tone is split only when one half is a grammatical word ("Giao"+"cho").
 */

const VIETNAMESE = /[đăâêôơư]/u;
const GRAMMAR = new Set(['cho', 'các', 'và', 'của', 'với', 'theo', 'tại', 'trong', 'được', 'những', 'giao', 'về', 'có']);

function toned(s: string): boolean {
  return /[\u0300\u0301\u0303\u0309\u0323]/u.test(s.normalize('NFD'));
}

const memo = new Map<string, number>();

/** Where a glued token splits (0 when it is one word or not two syllables). */
function splitAt(token: string): number {
  let at = memo.get(token);
  if (at !== undefined) return at;
  at = 0;
  const camel = /\p{Ll}(?=\p{Lu})/u.exec(token);
  if (camel && camel.index >= 1 && isSyllable(token.slice(0, camel.index + 1)) && /^\p{Lu}\p{Ll}*$/u.test(token.slice(camel.index + 1))) at = camel.index + 1;
  else if (/^\p{Lu}?\p{Ll}+$/u.test(token) && !isSyllable(token)) {
    const lower = token.toLocaleLowerCase('vi');
    const vietnamese = VIETNAMESE.test(lower) || toned(lower);
    // the longest first syllable ("Trung|ương", not "Tru|ngương"); "yê" opens a word ("là|yêu", not "lày|êu")
    for (let i = token.length - 1; i >= 1; i--) {
      const a = token.slice(0, i), b = token.slice(i);
      if (!isSyllable(a) || !isSyllable(b)) continue;
      // (a lone letter without a tone is a scan's misread, not a word: "Iruyền" is "Truyền")
      if ((a.length < 2 && !toned(a)) || (b.length < 2 && !toned(b))) break;
      // (and "ngh" opens a word: "đề|nghị", not "đền|ghị")
      if (vietnamese || GRAMMAR.has(a.toLocaleLowerCase('vi')) || GRAMMAR.has(b)) at = (/y$/u.test(a) && /^ê/u.test(b.normalize('NFD').normalize('NFC').replace(TONES, '')) && isSyllable(a.slice(0, -1)) && isSyllable(`y${b}`)) || (/n$/u.test(a) && /^gh/u.test(b) && isSyllable(a.slice(0, -1))) ? i - 1 : i;
      break;
    }
  }
  if (memo.size > 5000) memo.clear();
  memo.set(token, at);
  return at;
}

export interface Deglued {
  text: string;
  /** For each offset of `text` (and its end), the offset in the text given. */
  map: number[];
}

const TOKEN = /\p{L}{3,}/gu;
/**
 * The last texts split and what came of it: the rules read one item's text several times (its
 * lead, its support, the heading's assignment), so most calls repeat one of the last few
 * (issue 14: a third of extraction's added time). The results are never changed by their readers.
 */
const seen = new Map<string, Deglued | null>();

/** The text with glued words split, or null when it has none. */
export function deglue(text: string): Deglued | null {
  let d = seen.get(text);
  if (d !== undefined) return d;
  d = split(text);
  if (seen.size >= 64) seen.delete(seen.keys().next().value!);
  seen.set(text, d);
  return d;
}

/** A comma or semicolon glued to the capital that opens the next clause: "Trong tháng 1 năm 2008,Bộ Kế hoạch ...". */
const GLUED_COMMA = /(?<=[\p{L}\d][,;])(?=\p{Lu})/gu;

function split(text: string): Deglued | null {
  const cuts: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = TOKEN.exec(text)); ) {
    const at = splitAt(m[0]);
    if (at) cuts.push(m.index + at);
  }
  GLUED_COMMA.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = GLUED_COMMA.exec(text)); GLUED_COMMA.lastIndex++) cuts.push(m.index);
  if (!cuts.length) return null;
  cuts.sort((a, b) => a - b);
  let out = '';
  const map: number[] = [];
  let from = 0;
  for (const c of cuts) {
    for (let i = from; i < c; i++) map.push(i);
    out += `${text.slice(from, c)} `;
    map.push(c);
    from = c;
  }
  for (let i = from; i <= text.length; i++) map.push(i);
  out += text.slice(from);
  return { text: out, map };
}

/** A span of the split text as a span of the text given. */
export function spanBack(d: Deglued, start: number, end: number): [number, number] {
  return [d.map[start]!, end > start ? d.map[end - 1]! + 1 : d.map[start]!];
}
