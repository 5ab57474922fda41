/**
 * The item tree of the directive part, from printed markers.
 *
 * Levels follow the markers, not the indentation: Roman numerals (phần, mục), Arabic
 * numbers ("1.", "1.1." — a decimal path names its parent), letters ("a)"), dashes, plus
 * signs. An item whose marker kind is already open becomes its sibling; a new kind opens a
 * child level. An unmarked paragraph after a heading-like item is that item's body; after
 * an item with its own text it continues that item.
 */
import type { Block, TextModel } from '../model/types.js';
import { readMarker, type Marker } from '../parse/markers.js';
import { headingAssignment } from './agencies.js';

export interface ItemNode {
  marker: Marker | null;
  label: string;
  /** The item's own text without its marker, with offsets into the model text. */
  title: string;
  titleStart: number;
  titleEnd: number;
  /** Unmarked paragraphs that belong to the item (the body of a heading, or continuations). */
  body: { text: string; start: number; end: number }[];
  block: Block;
  children: ItemNode[];
  parent: ItemNode | null;
  /** A paragraph taken out of an item's body because it makes a request of its own (tasks.ts). */
  detached?: boolean;
  /** An unmarked paragraph read as an item of its own: one of several duties under a heading whose list lost its markers (tasks.ts). */
  paragraph?: boolean;
  /** A sentence split off a paragraph that asks, opening with a doer of its own and its verb (tasks.ts): a charge as the rest is. */
  charge?: boolean;
}

/** How high a marker stands: Điều 0, Roman 1, capital letter 1.5, numbers 2 (+ depth), letters 3, bullets 4. */
function rankOf(m: Marker | null): number {
  if (!m) return 9;
  switch (m.kind) {
    case 'article': return 0;
    case 'roman': return 1;
    case 'capital': return 1.5;
    case 'decimal': return 2 + (m.depth - 1) * 0.1;
    case 'letter': case 'ordinal': return 3;
    case 'paren': case 'parenLetter': return 3.5;
    default: return 4;
  }
}

function keyOf(m: Marker | null): string {
  if (!m) return 'none';
  return m.kind === 'decimal' ? `D${m.depth}` : m.kind;
}

/** A short title that introduces what follows rather than asking for something itself. */
export function isHeadingLike(n: ItemNode): boolean {
  const t = n.title.trim();
  if (/:$/.test(t)) return true;
  if (n.block.kind === 'heading' || n.block.bold) return t.length < 220 && !/[.;]$/.test(t);
  return t.length < 160 && !/[.;]$/.test(t) && !/[,]/.test(t.slice(-2));
}

export function buildTree(model: TextModel, blocks: Block[]): ItemNode {
  const root: ItemNode = { marker: null, label: '', title: '', titleStart: 0, titleEnd: 0, body: [], block: blocks[0] ?? model.blocks[0]!, children: [], parent: null };
  const stack: ItemNode[] = [root];
  let last: ItemNode | null = null;
  // inside a quotation of another text ("“…2. Hồ sơ ..., gồm: a) ...; c) ...”"): its numbered
  // lines are the quoted text's, part of the item that quotes them
  let quoting = false;
  for (const [bi, b] of blocks.entries()) {
    if (b.kind === 'table' || b.kind === 'footnote') continue;
    const text = b.text.replace(/\n/g, ' ');
    const wasQuoting = quoting;
    quoting = quoteOpenAfter(text, quoting);
    let m = wasQuoting ? null : readMarker(text);
    // "H." where "II." must stand: a scan's OCR of the second Roman section after "I." (no "G." before it)
    if (m?.kind === 'capital' && m.label === 'H' && stack.some((n) => n.marker?.kind === 'roman' && n.label === 'I') && !stack.some((n) => n.marker?.kind === 'capital')) {
      m = { ...m, kind: 'roman', label: 'II', raw: 'II.' };
    }
    // "8)" where "a)" must stand: a scan's OCR of a list's first letter, the next marked line being "b)"
    if (m && m.raw === '8)' && !wasQuoting) {
      const next = blocks.slice(bi + 1).find((x) => x.kind !== 'table' && x.kind !== 'footnote' && readMarker(x.text.replace(/\n/g, ' ')));
      const nm = next ? readMarker(next.text.replace(/\n/g, ' ')) : null;
      if (nm?.kind === 'letter' && nm.label === 'b') m = { ...nm, raw: 'a)', label: 'a', length: m.length };
    }
    // a list's dash or plus a scan's OCR read as another mark ("' Văn phòng ...", "! Trường ...", ": Sở ...")
    // between items of that list
    if (!m && last?.marker && (last.marker.kind === 'dash' || last.marker.kind === 'plus') && !last.body.length) {
      const mis = MISREAD_BULLET.exec(text);
      if (mis) m = { ...last.marker, raw: mis[1]!, length: mis[0].length };
    }
    if (!m && !wasQuoting) {
      // an unmarked heading that names the bodies the marked items under it are for ("Đối với Ủy ban nhân dân các
      // huyện:" / "a) ..." / "b) ..."): a group of its own, up to the next such heading or a higher marker
      const next = blocks.slice(bi + 1).find((x) => x.kind !== 'table' && x.kind !== 'footnote');
      const nextMarker = next ? readMarker(next.text.replace(/\n/g, ' ')) : null;
      if (nextMarker && text.length < 160 && /:\s*$/u.test(text) && /^lead|^heading\.(?:bodies|forBodies|responsibility|ask)$/u.test(groupHeading(text) ?? '')) {
        const open = findLast(stack, (n) => n.marker === null && n.parent !== null && n.children.length > 0);
        let at = open >= 0 ? open - 1 : -1;
        if (at < 0) {
          const same = findLast(stack, (n) => keyOf(n.marker) === keyOf(nextMarker));
          at = same >= 0 ? same - 1 : stack.length - 1;
        }
        stack.length = at + 1;
        const parent = stack[stack.length - 1]!;
        const node = makeNode(b, null, text, parent);
        parent.children.push(node);
        stack.push(node);
        last = node;
        continue;
      }
    }
    if (!m) {
      const para = { text, start: b.start, end: b.end };
      // a list item that ends with ';' is whole: a paragraph in capitals after it is not its continuation
      // but the next paragraph of the part that holds the list
      if (last && last.marker && (last.marker.kind === 'dash' || last.marker.kind === 'plus') && !last.body.length && /;\s*$/u.test(last.title) && /^\p{Lu}/u.test(text) && last.parent) {
        const holder: ItemNode = last.parent;
        if (holder.parent) holder.body.push(para);
        else root.children.push(makeNode(b, null, text, root));
        last = holder.parent ? holder : null;
        stack.length = Math.max(1, stack.indexOf(holder) + 1);
        continue;
      }
      if (last) last.body.push(para);
      // a paragraph that starts in lower case goes on the one before (a page or column break a scan's layout kept)
      else if (/^\p{Ll}/u.test(text) && root.children.length && !root.children[root.children.length - 1]!.marker) root.children[root.children.length - 1]!.body.push(para);
      else {
        const node = makeNode(b, null, text, root);
        root.children.push(node);
      }
      continue;
    }
    let rest = text.slice(m.length);
    const lead = rest.length - rest.trimStart().length;
    rest = rest.trim();
    const node: ItemNode = {
      marker: m, label: m.label, title: rest, titleStart: b.start + m.length + lead, titleEnd: b.end,
      body: [], block: b, children: [], parent: null,
    };
    const key = keyOf(m);
    let parentIdx = -1;
    // A structural marker (Điều, a Roman or capital section, a number) closes every item of a
    // lower level that is open: "I." after dash items is a new section, never a dash's child.
    const r = rankOf(m);
    if (r <= 2) {
      let k = stack.length - 1;
      while (k > 0 && rankOf(stack[k]!.marker) > r && keyOf(stack[k]!.marker) !== key) k--;
      if (k < stack.length - 1) stack.length = k + 1;
    }
    if (m.kind === 'decimal' && m.depth > 1) {
      const prefix = m.label.split('.').slice(0, -1).join('.');
      parentIdx = findLast(stack, (n) => n.marker?.kind === 'decimal' && n.label === prefix);
      if (parentIdx < 0) {
        const same = findLast(stack, (n) => keyOf(n.marker) === key);
        parentIdx = same >= 0 ? same - 1 : stack.length - 1;
      }
    } else {
      const same = findLast(stack, (n) => keyOf(n.marker) === key);
      parentIdx = same >= 0 ? same - 1 : stack.length - 1;
      // a first-level number after deeper decimals closes them
      if (m.kind === 'decimal' && same < 0) {
        const deeper = stack.findIndex((n) => n.marker?.kind === 'decimal' && n.marker.depth > m.depth);
        if (deeper > 0) parentIdx = deeper - 1;
      }
    }
    stack.length = parentIdx + 1;
    const parent = stack[stack.length - 1]!;
    node.parent = parent;
    parent.children.push(node);
    stack.push(node);
    last = node;
  }
  return root;
}

/**
 * Whether a quotation of another text is still open after this block: one opens with a block that
 * begins with “ and does not close it, and closes at the block holding its ”. A quote left open
 * inside a sentence (“Bình dân học vụ số ... without its end) is a typo, not a quotation.
 */
function quoteOpenAfter(text: string, open: boolean): boolean {
  if (open) return !text.includes('”');
  const t = text.trimStart();
  return t.startsWith('“') && !t.includes('”');
}

/** The rule by which a heading names the bodies its group is for ("Đối với X:", "Sở X:", "Trách nhiệm của X:"). */
function groupHeading(text: string): string | null {
  const a = headingAssignment(text);
  return a && a.lead.length ? a.rule : null;
}

/** Marks OCR gives a list's dash or plus: an apostrophe, '!', ':', '|', '¡', '*'. */
const MISREAD_BULLET = /^(['‘’!:|¡*·])\s*(?=\p{Lu})/u;

function makeNode(b: Block, m: Marker | null, text: string, parent: ItemNode): ItemNode {
  return { marker: m, label: '', title: text, titleStart: b.start, titleEnd: b.end, body: [], block: b, children: [], parent };
}

function findLast<T>(a: T[], f: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (f(a[i]!)) return i;
  return -1;
}

export function pathOf(n: ItemNode): string[] {
  const out: string[] = [];
  for (let p: ItemNode | null = n; p && p.parent; p = p.parent) out.unshift(p.label);
  return out;
}

export function* walk(n: ItemNode): Generator<ItemNode> {
  for (const c of n.children) {
    yield c;
    yield* walk(c);
  }
}
