/**
 * Encoding Unicode text in a legacy Vietnamese encoding (TCVN3, VNI, Windows-1258): the
 * inverse of src/parse/legacy.ts and decode.ts, for making test fixtures only.
 */
import type { LegacyEncoding } from '../src/parse/legacy.js';
import { TCVN3_ENCODE, VNI_MOD_ENCODE, VNI_SINGLE_ENCODE } from '../src/parse/legacy.js';
import { TONE_MARKS, HORN } from '../src/parse/syllables.js';


let CP1258_TABLE: string[] | null = null;
function cp1258Table(): string[] {
  if (!CP1258_TABLE) {
    const dec = new TextDecoder('windows-1258');
    CP1258_TABLE = [];
    for (let b = 0; b < 256; b++) CP1258_TABLE.push(dec.decode(new Uint8Array([b])));
  }
  return CP1258_TABLE;
}

/**
 * Encode Unicode text in a legacy encoding. TCVN3 has no upper-case toned letters:
 * they are written with the lower-case code, as a `.VnTimeH` document would be.
 * Characters the encoding cannot hold become '?'.
 */
export function encodeLegacy(text: string, enc: LegacyEncoding | 'cp1258'): Buffer {
  const out: number[] = [];
  const nfc = text.normalize('NFC');
  if (enc === 'cp1258') {
    const table = cp1258Table();
    const rev = new Map<string, number>();
    table.forEach((c, b) => {
      if (!rev.has(c)) rev.set(c, b);
    });
    for (const ch of nfc) {
      const direct = rev.get(ch);
      if (direct !== undefined) {
        out.push(direct);
        continue;
      }
      const d = ch.normalize('NFD');
      const tone = [...d].find((m) => TONE_MARKS.includes(m));
      const rest = [...d].filter((m) => !TONE_MARKS.includes(m)).join('').normalize('NFC');
      const bb = rev.get(rest);
      const tb = tone ? rev.get(tone) : undefined;
      if (bb !== undefined && (tone === undefined || tb !== undefined)) {
        out.push(bb);
        if (tb !== undefined) out.push(tb);
      } else out.push(0x3f);
    }
    return Buffer.from(out);
  }
  for (const ch of nfc) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (enc === 'tcvn3') {
      const b = TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase());
      out.push(b ?? 0x3f);
      continue;
    }
    // VNI
    const single = VNI_SINGLE_ENCODE.get(ch);
    if (single !== undefined) {
      out.push(single);
      continue;
    }
    const d = ch.normalize('NFD');
    const base = d[0]!;
    const marks = [...d.slice(1)];
    const upper = base !== base.toLowerCase();
    const tone = marks.find((m) => TONE_MARKS.includes(m)) ?? '';
    const shapes = marks.filter((m) => !TONE_MARKS.includes(m));
    if (shapes.includes(HORN)) {
      // ơ / ư with a tone: the single-byte letter then the tone modifier.
      const letter = (base + HORN).normalize('NFC');
      const lb = VNI_SINGLE_ENCODE.get(letter);
      const mod = VNI_MOD_ENCODE.get(tone);
      if (lb === undefined || (tone && !mod)) {
        out.push(0x3f);
        continue;
      }
      out.push(lb);
      if (mod) out.push(upper ? mod[1] : mod[0]);
      continue;
    }
    if (base.codePointAt(0)! >= 0x80 || shapes.length > 1) {
      out.push(0x3f);
      continue;
    }
    const key = (shapes[0] ?? '') + tone;
    const mod = VNI_MOD_ENCODE.get(key);
    if (!mod) {
      out.push(0x3f);
      continue;
    }
    out.push(base.charCodeAt(0), upper ? mod[1] : mod[0]);
  }
  return Buffer.from(out);
}
