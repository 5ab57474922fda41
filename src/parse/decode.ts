/**
 * Decoding a text file's bytes: UTF-8, UTF-16, or the legacy encoding (TCVN3, VNI,
 * Windows-1258) under which the text reads as the most valid Vietnamese syllables; NFC.
 */
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../model/types.js';
import { InputError } from '../model/errors.js';
import { decodeTcvn3Bytes, decodeVniBytes, restoreTcvn3Capitals } from './legacy.js';
import { scoreText, markedRatio, type Score } from './syllables.js';

export interface Decoded {
  text: string;
  /** 'utf8', 'utf16le', 'utf16be', or the legacy encoding that was converted ('tcvn3', 'vni', 'cp1258'). */
  encoding: string;
  /** UTF-8 read with a few invalid bytes: how many bytes were replaced with U+FFFD (absent when none). */
  replaced?: number;
}

const UNKNOWN = 'not a text file in a known encoding (tried UTF-8, UTF-16, TCVN3, VNI, Windows-1258)';

function tryUtf8(buf: Uint8Array): string | null {
  if (!isUtf8(buf)) return null;
  // well-formed: Node's own decoder gives the same text, faster; TextDecoder drops a leading BOM, so a
  // text that (still) opens with one goes through it
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
}

/**
 * How far bytes are from UTF-8: the bytes outside any well-formed sequence (each would be
 * replaced with U+FFFD, the WHATWG decoder's way: a cut sequence is one replacement, but its
 * bytes all count) and the well-formed multi-byte sequences (the letters that vouch for UTF-8).
 */
export function scanUtf8(b: Uint8Array): { bad: number; multi: number } {
  let bad = 0;
  let multi = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else {
      bad++;
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 1; k < len; k++, j++) {
      const d = b[j];
      if (d === undefined || d < lo || d > hi) {
        ok = false;
        break;
      }
      lo = 0x80;
      hi = 0xbf;
    }
    if (ok) multi++;
    else bad += j - i; // the byte that broke the sequence starts the next one
    i = j;
  }
  return { bad, multi };
}

/**
 * Bytes that are UTF-8 but for a few invalid bytes (a stray byte, a cut letter, a pasted
 * fragment in another encoding), read with U+FFFD for those bytes; null when they are not.
 * `vouched`: the well-formed letters must outnumber the bad bytes 3 to 1 (bytes in a legacy
 * encoding form almost no valid sequence); otherwise, after the legacy encodings failed too,
 * at most 1 byte in 200 may be bad.
 */
function lenientUtf8(b: Uint8Array, vouched: boolean): { text: string; replaced: number } | null {
  const { bad, multi } = scanUtf8(b);
  if (bad === 0) return null;
  if (vouched ? multi < 3 * bad : bad * 200 > b.length) return null;
  const text = new TextDecoder('utf-8').decode(b);
  if (countControls(text) > Math.max(8, text.length * 0.02)) return null;
  return { text, replaced: bad };
}

/** The diagnostics a decoding leaves for the record: a warning when bytes were replaced. */
export function decodeDiagnostics(d: Decoded): Diagnostic[] {
  if (!d.replaced) return [];
  const n = d.replaced;
  return [
    {
      severity: 'warning',
      stage: 'parse',
      ruleId: 'utf8-invalid-bytes',
      message: `${n} ${n === 1 ? 'byte that is' : 'bytes that are'} not valid UTF-8 ${n === 1 ? 'was' : 'were'} replaced with U+FFFD (\uFFFD)`,
    },
  ];
}

function utf16(buf: Uint8Array, le: boolean): string {
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf);
}

/** A character countControls counts. */
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/;

function countControls(text: string): number {
  if (!CONTROL.test(text)) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0)) n++;
  }
  return n;
}

function isTexty(s: Score): boolean {
  return s.controls <= Math.max(0, s.chars * 0.002) + 0;
}

/**
 * Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 (BOM, or ASCII-heavy
 * without BOM), else the legacy decoding (TCVN3, VNI, Windows-1258) whose text holds
 * the most valid Vietnamese syllables. UTF-8 with a few invalid bytes is read with U+FFFD
 * for them (`replaced` counts the bytes; decodeDiagnostics turns it into a warning): when
 * its well-formed letters outnumber the bad bytes 3 to 1, or when no legacy decoding reads
 * and at most 1 byte in 200 is bad. Throws when nothing reads as text.
 */
export function decodeText(buf: Buffer | Uint8Array): Decoded {
  const b = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const t = tryUtf8(b.subarray(3));
    if (t !== null) return { text: t.normalize('NFC'), encoding: 'utf8' };
    // the byte-order mark says UTF-8: a few bad bytes are replaced
    const l = lenientUtf8(b.subarray(3), false) ?? lenientUtf8(b.subarray(3), true);
    if (l) return { text: l.text.normalize('NFC'), encoding: 'utf8', replaced: l.replaced };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: utf16(b.subarray(2), true).normalize('NFC'), encoding: 'utf16le' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: utf16(b.subarray(2), false).normalize('NFC'), encoding: 'utf16be' };
  if (b.length === 0) return { text: '', encoding: 'utf8' };

  // UTF-16 without BOM: many zero bytes in one of the two lanes.
  let zeroEven = 0;
  let zeroOdd = 0;
  // (no zero byte at all, the usual case: nothing to count)
  if (b.indexOf(0) >= 0) for (let i = 0; i < b.length; i++) if (b[i] === 0) (i % 2 ? zeroOdd++ : zeroEven++);
  const half = b.length / 2;
  if (zeroOdd > half * 0.3 || zeroEven > half * 0.3) {
    const le = zeroOdd > zeroEven;
    const t = utf16(b.length % 2 ? b.subarray(0, b.length - 1) : b, le);
    const s = scoreText(t);
    if (isTexty(s) && s.junk <= t.length * 0.01) return { text: t.normalize('NFC'), encoding: le ? 'utf16le' : 'utf16be' };
    throw new InputError('input.unknown-encoding', UNKNOWN);
  }

  const u = tryUtf8(b);
  if (u !== null) {
    // Valid UTF-8 is text unless it is mostly control characters (a binary file that happens to decode);
    // a few stray controls (BEL, ESC pasted from a terminal) are cleaned later. Only the control
    // characters are counted here: scoring syllables is for bytes that are not UTF-8, and it was
    // the largest cost of reading a text file.
    if (countControls(u) <= Math.max(8, u.length * 0.02)) return { text: u.normalize('NFC'), encoding: 'utf8' };
    throw new InputError('input.unknown-encoding', UNKNOWN);
  }

  // UTF-8 but for a few bad bytes: its letters vouch for it, before any legacy encoding is tried
  const mostly = lenientUtf8(b, true);
  if (mostly) return { text: mostly.text.normalize('NFC'), encoding: 'utf8', replaced: mostly.replaced };

  // Legacy single-byte encodings: score each decoding.
  const candidates: Array<{ encoding: string; text: string }> = [
    { encoding: 'tcvn3', text: restoreTcvn3Capitals(decodeTcvn3Bytes(b)) },
    { encoding: 'vni', text: decodeVniBytes(b) },
    { encoding: 'cp1258', text: new TextDecoder('windows-1258').decode(b).normalize('NFC') },
  ];
  let best: { encoding: string; text: string; ratio: number; s: Score } | null = null;
  for (const c of candidates) {
    const s = scoreText(c.text);
    const ratio = markedRatio(s);
    if (!best || ratio > best.ratio) best = { ...c, ratio, s };
  }
  if (!best || !isTexty(best.s) || best.s.markedValid < 3 || best.ratio < 0.6) {
    // no legacy encoding reads: text with hardly any bad byte (unaccented text, a stray byte) is UTF-8
    const few = lenientUtf8(b, false);
    if (few) return { text: few.text.normalize('NFC'), encoding: 'utf8', replaced: few.replaced };
    throw new InputError('input.unknown-encoding', UNKNOWN);
  }
  return { text: best.text, encoding: best.encoding };
}
