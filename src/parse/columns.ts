/**
 * Two columns set with tab stops instead of a table, shared by the Word parsers.
 */
import type { RawBlock } from '../model/types.js';
import { LIST_MARKER } from './markers.js';

/**
 * Letters typed without a table put the header and the signature in two columns with
 * tab stops ("ỦY BAN NHÂN DÂN⇥CỘNG HÒA XÃ HỘI…"). A run of such paragraphs becomes the
 * left column's blocks, then the right column's, as a layout table would.
 */
export function splitTabColumns(blocks: RawBlock[], rawOf: (b: RawBlock) => string | undefined): RawBlock[] {
  const parts = (b: RawBlock): { left: string; right: string } | null => {
    const raw = rawOf(b);
    if (raw === undefined || raw.includes('\n')) return null;
    const lead = /^\t*/.exec(raw)![0].length;
    const rest = raw.slice(lead).split(/\t+/).map((x) => x.trim()).filter(Boolean);
    if (rest.length >= 2) return { left: rest[0]!, right: rest.slice(1).join(' ') };
    // only a right part: pushed over by two tabs or more, short
    if (rest.length === 1 && lead >= 2 && rest[0]!.length <= 80) return { left: '', right: rest[0]! };
    return null;
  };
  const out: RawBlock[] = [];
  for (let i = 0; i < blocks.length; ) {
    let j = i;
    while (j < blocks.length && parts(blocks[j]!)) j++;
    const run = blocks.slice(i, j);
    if (run.length && run.length <= 15 && run.some((b) => parts(b)!.left)) {
      const make = (b: RawBlock, text: string, column: 'left' | 'right'): RawBlock => {
        const nb: RawBlock = { ...b, text, kind: b.kind === 'heading' ? 'heading' : LIST_MARKER.test(text) ? 'listItem' : 'paragraph', column };
        delete nb.align;
        return nb;
      };
      for (const b of run) if (parts(b)!.left) out.push(make(b, parts(b)!.left, 'left'));
      for (const b of run) if (parts(b)!.right) out.push(make(b, parts(b)!.right, 'right'));
      i = j;
      continue;
    }
    // A short line pushed right by tabs on its own (a signer's name): the right column.
    const one = parts(blocks[i]!);
    out.push(one && !one.left ? { ...blocks[i]!, text: one.right, column: 'right' } : blocks[i]!);
    i++;
  }
  return out;
}

