const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/**
 * Text for a terminal: control characters (C0, DEL, C1), bidirectional overrides and lone
 * surrogates shown escaped ("\x1b", "\u202e") instead of acted on, so a file name or a stored
 * text cannot clear the screen, retitle the terminal or reorder what is shown. Letters (Vietnamese
 * ones too), spaces and every other printable character stay as they are. Text modes only: JSON
 * output is escaped by JSON.stringify.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => {
    const cp = c.charCodeAt(0);
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}
