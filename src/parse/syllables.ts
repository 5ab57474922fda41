/**
 * Vietnamese syllables: whether a word is one (initial, rhyme, tone on a rhyme that takes
 * it), and how much of a text reads as Vietnamese. Used to pick a text file's decoding
 * (./decode.ts) and to tell text set in a legacy font (./legacy.ts).
 */

export const GRAVE = '\u0300', ACUTE = '\u0301', TILDE = '\u0303', HOOK = '\u0309', DOT = '\u0323';
export const CIRC = '\u0302', BREVE = '\u0306', HORN = '\u031B';
export const TONE_MARKS = GRAVE + ACUTE + TILDE + HOOK + DOT;

const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

const RHYMES = new Set(
  (
    'a ai ao au ay am an ang anh ac ach ap at ' +
    'ăm ăn ăng ăc ăp ăt ' +
    'âu ây âm ân âng âc âp ât ' +
    'e eo em en eng ec ep et ' +
    'ê êu êm ên ênh êch êp êt ' +
    'i ia iu im in inh ich ip it iêu iêm iên iêng iêc iêp iêt ' +
    'o oi om on ong oc op ot oong ooc ' +
    'oa oai oao oay oam oan oang oanh oac oach oap oat oăm oăn oăng oăc oăt ' +
    'oe oeo oen oet oem ' +
    'ô ôi ôm ôn ông ôc ôp ôt ' +
    'ơ ơi ơm ơn ơp ơt ' +
    'u ua ui um un ung uc up ut uân uâng uât uây uê uênh uêch uơ ' +
    'uôi uôm uôn uông uôc uôt ' +
    'uy uya uyu uych uynh uyên uyêt uyn uyt ' +
    'ư ưa ưi ưu ưm ưn ưng ưc ưt ươi ươu ươm ươn ương ươc ươp ươt ' +
    'y yêu yêm yên yêt'
  ).split(/\s+/),
);

const STOP_FINAL = /(c|ch|p|t)$/;

function stripTone(w: string): { bare: string; tones: string; misplaced: boolean } {
  const d = w.normalize('NFD');
  let bare = '';
  let tones = '';
  let base = '';
  let misplaced = false;
  for (const ch of d) {
    if (TONE_MARKS.includes(ch)) {
      tones += ch;
      // a tone mark sits on a vowel
      if (!'aeiouyAEIOUY'.includes(base)) misplaced = true;
    } else {
      bare += ch;
      if (!/\p{M}/u.test(ch)) base = ch;
    }
  }
  return { bare: bare.normalize('NFC'), tones, misplaced };
}

/** Is `word` (one token of letters) a valid Vietnamese syllable? Case-insensitive. */
export function isVietnameseSyllable(word: string): boolean {
  const w = word.toLowerCase();
  const { bare, tones, misplaced } = stripTone(w);
  if (tones.length > 1 || misplaced) return false;
  if (!/^[a-zđăâêôơư]+$/.test(bare)) return false;
  for (const ini of INITIALS) {
    if (!bare.startsWith(ini)) continue;
    let rhyme = bare.slice(ini.length);
    if (ini === 'gi' && rhyme === '') rhyme = 'i';
    if (!RHYMES.has(rhyme)) continue;
    if (ini === 'qu' && rhyme.startsWith('u')) continue;
    if (STOP_FINAL.test(rhyme) && tones && tones !== ACUTE && tones !== DOT) continue;
    if ((ini === 'k' || ini === 'gh' || ini === 'ngh') && !/^[eêiy]/.test(rhyme)) continue;
    return true;
  }
  return false;
}

const VI_LETTERS = /^[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]$/;
// Punctuation and symbols that real Vietnamese text uses.
const OK_SYMBOLS = new Set([...'“”‘’–—…•·°№«»€§©®±×÷²³¹½¼¾']);

export interface Score {
  /** Words holding at least one non-ASCII letter. */
  marked: number;
  /** Of those, valid syllables. */
  markedValid: number;
  /** All-ASCII words, and of those, valid (toneless) syllables. */
  ascii: number;
  asciiValid: number;
  /** Non-ASCII characters that no Vietnamese text would hold here. */
  junk: number;
  /** C0 control characters other than TAB, LF, CR, FF. */
  controls: number;
  chars: number;
}

export function scoreText(text: string): Score {
  const s: Score = { marked: 0, markedValid: 0, ascii: 0, asciiValid: 0, junk: 0, controls: 0, chars: text.length };
  const nfc = text.normalize('NFC');
  for (const m of nfc.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0];
    if (/^[A-Za-z]+$/.test(w)) {
      s.ascii++;
      if (w.length <= 7 && isVietnameseSyllable(w)) s.asciiValid++;
      continue;
    }
    s.marked++;
    if (isVietnameseSyllable(w)) s.markedValid++;
  }
  for (const ch of nfc) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13 && cp !== 12) s.controls++;
    else if (cp >= 0x7f && cp < 0xa0) s.controls++;
    else if (cp === 0xfffd) s.junk += 2;
    else if (cp > 0x7f && !VI_LETTERS.test(ch) && !OK_SYMBOLS.has(ch) && !/[\s\u00A0]/.test(ch)) s.junk++;
  }
  return s;
}

/** Share of the marked (non-ASCII) words that are valid syllables, with junk characters counted against. */
export function markedRatio(s: Score): number {
  const denom = s.marked + s.junk;
  return denom === 0 ? 0 : s.markedValid / denom;
}

/**
 * How Vietnamese a text looks, 0..1: the share of its words that are valid
 * Vietnamese syllables, words with diacritics counting fully and plain ASCII words
 * (which any language could have) counting half, less junk characters.
 */
export function isLikelyVietnamese(text: string): number {
  const s = scoreText(text);
  const denom = s.marked + 0.5 * s.ascii + s.junk + s.controls;
  if (denom === 0) return 0;
  const v = (s.markedValid + 0.5 * s.asciiValid) / denom;
  return Math.max(0, Math.min(1, v));
}

