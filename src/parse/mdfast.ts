/**
 * A fast reader for the part of markdown that Vietnamese letters saved as markdown use:
 * paragraphs (hard-wrapped, with hard breaks), ATX headings, `*` emphasis and strong
 * emphasis, and one-level bullet and ordered lists. It builds the same mdast tree as
 * unified + remark-parse (node types, text values, heading depth, list item offsets) in
 * a fraction of the time.
 *
 * Anything else declines: the function returns null and the caller reads the whole file
 * with remark. It declines on every character that can start another CommonMark
 * construct (code spans and fences, html and autolinks, links and references, escapes,
 * entities, `_` emphasis, tabs, control characters), on block quotes, indented lines
 * (indented code, list continuation, nested lists), setext underlines, thematic breaks,
 * empty list items, list items that open with another block, headings with a `#` in
 * their text, and ordered items right after a list item of another kind (interruption
 * rules not modelled here). test/parse/mdfast.test.ts proves the trees equal remark's.
 */

export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** Characters that may start a construct this reader does not model. */
const DECLINE = /[`<[\]\\&_~\t\r\x00-\x08\x0b-\x1f\x7f\ufeff]/;
/** A heading: 1-6 #, spaces, a text without #. */
const HEADING = /^(#{1,6}) +([^#]*?) *$/;
const BULLET = /^([-+*]) (.*)$/;
const ORDERED = /^(\d{1,9})([.)]) (.*)$/;
/** A line of spaces only: a blank line. */
const BLANK = /^ +$/;
const EMPTY_ITEM = /^(?:[-+*]|\d{1,9}[.)]) *$/;
/** Setext underlines and thematic breaks. */
const RULE = /^(?:=+|-+) *$|^([-*_])(?: *\1){2,} *$/;
/** What a list item's text may not open with: another block (a nested list, a heading, a quote, a rule). */
const ITEM_START = /^(?:[-+*](?: |$)|\d{1,9}[.)](?: |$)|[#>= ])/;

interface Para {
  node: MdNode;
  lines: string[];
  /** Per line: it ended with two spaces or more (a hard break when another line follows). */
  hard: boolean[];
}

/** The mdast tree remark-parse would build for `src`, or null when `src` is outside the subset. */
export function fastMarkdownTree(src: string): MdNode | null {
  if (DECLINE.test(src)) return null;
  const root: MdNode = { type: 'root', children: [] };
  const out = root.children!;
  const paras: Para[] = [];
  let open: Para | null = null;
  /** The open paragraph is a list item's; its list kind ('-', '+', '*', '.', ')'). */
  let itemKind: string | null = null;

  const add = (line: string, p: Para) => {
    let end = line.length;
    while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
    p.lines.push(end === line.length ? line : line.slice(0, end));
    p.hard.push(line.length - end >= 2);
  };
  const newPara = (line: string): Para => {
    const p: Para = { node: { type: 'paragraph' }, lines: [], hard: [] };
    add(line, p);
    paras.push(p);
    return p;
  };
  const item = (at: number, marker: string, content: string, kind: string): boolean => {
    if (content.charCodeAt(0) === 32 || ITEM_START.test(content) || RULE.test(content)) return false;
    const p = newPara(content);
    p.node.position = { start: { offset: at + marker.length + 1 }, end: {} };
    out.push({ type: 'list', children: [{ type: 'listItem', position: { start: { offset: at }, end: {} }, children: [p.node] }] });
    open = p;
    itemKind = kind;
    return true;
  };

  let at = 0;
  const n = src.length;
  while (at <= n) {
    let nl = src.indexOf('\n', at);
    if (nl < 0) nl = n;
    const line = src.slice(at, nl);
    const lineAt = at;
    at = nl + 1;
    const c = line.charCodeAt(0);
    // an empty line, or one of spaces only (a blank line to CommonMark: copies of letters often end in one)
    if (!line.length || (c === 32 && BLANK.test(line))) {
      open = null;
      itemKind = null;
      continue;
    }
    if (c === 32 || c === 62 /* > */) return null;
    if (RULE.test(line) || EMPTY_ITEM.test(line)) return null;
    if (c === 35 /* # */) {
      const m = HEADING.exec(line);
      if (!m || !m[2]) return null;
      const h: Para = { node: { type: 'heading', depth: m[1]!.length }, lines: [m[2]], hard: [false] };
      paras.push(h);
      out.push(h.node);
      open = null;
      itemKind = null;
      continue;
    }
    if (c === 45 || c === 43 || c === 42) {
      const m = BULLET.exec(line);
      if (m) {
        if (!item(lineAt, m[1]!, m[2]!, m[1]!)) return null;
        continue;
      }
    } else if (c >= 48 && c <= 57) {
      const m = ORDERED.exec(line);
      if (m) {
        const kind = m[2]!;
        if (open && itemKind === null) {
          // in a paragraph: only "1." / "1)" interrupts it, any other number is paragraph text
          if (m[1] === '1') {
            if (!item(lineAt, m[1] + kind, m[3]!, kind)) return null;
            continue;
          }
        } else {
          // after a list item, only the next item of the same ordered list is modelled
          if (open && itemKind !== kind) return null;
          if (!item(lineAt, m[1] + kind, m[3]!, kind)) return null;
          continue;
        }
      }
    }
    // paragraph text: a continuation line (lazy, in a list item) or a new paragraph
    if (open) add(line, open);
    else {
      open = newPara(line);
      out.push(open.node);
    }
  }
  for (const p of paras) p.node.children = inline(p.lines, p.hard);
  return root;
}

// ---------------------------------------------------------------- inline: text, breaks, * emphasis

type Tok =
  | { k: 'text'; v: string }
  | { k: 'br' }
  | { k: 'seq'; n: number; open: boolean; close: boolean }
  | { k: 'grp'; strong: boolean; children: Tok[] };

const PUNCT = /\p{P}|\p{S}/u;
const SPACE = /\s/;
/** micromark's classifyCharacter on a UTF-16 code unit (-1: start or end): 1 whitespace, 2 punctuation, 0 other. */
function classify(code: number): number {
  if (code < 0 || code === 32 || code === 10) return 1;
  if (code < 128) {
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return 0;
  }
  const ch = String.fromCharCode(code);
  if (SPACE.test(ch)) return 1;
  return PUNCT.test(ch) ? 2 : 0;
}

function inline(lines: string[], hard: boolean[]): MdNode[] {
  const s = lines.length === 1 ? lines[0]! : lines.join('\n');
  const breaks: number[] = [];
  if (lines.length > 1) {
    let off = 0;
    for (let i = 0; i < lines.length - 1; i++) {
      off += lines[i]!.length;
      if (hard[i]) breaks.push(off);
      off++;
    }
  }
  if (!breaks.length && s.indexOf('*') < 0) return [{ type: 'text', value: s }];
  const toks: Tok[] = [];
  let b = 0;
  const text = (from: number, to: number) => {
    while (from < to) {
      if (b < breaks.length && breaks[b]! < to) {
        const k = breaks[b++]!;
        if (k > from) toks.push({ k: 'text', v: s.slice(from, k) });
        toks.push({ k: 'br' });
        from = k + 1;
      } else {
        toks.push({ k: 'text', v: s.slice(from, to) });
        from = to;
      }
    }
  };
  let pos = 0;
  for (let i = s.indexOf('*'); i >= 0; i = s.indexOf('*', pos)) {
    let j = i + 1;
    while (s.charCodeAt(j) === 42) j++;
    text(pos, i);
    const before = classify(i > 0 ? s.charCodeAt(i - 1) : -1);
    const after = classify(j < s.length ? s.charCodeAt(j) : -1);
    toks.push({ k: 'seq', n: j - i, open: after === 0 || (after === 2 && before !== 0), close: before === 0 || (before === 2 && after !== 0) });
    pos = j;
  }
  text(pos, s.length);
  return nodes(resolve(toks));
}

/** micromark's resolveAllAttention: pair closing runs with the nearest opening run they may close. */
function resolve(items: Tok[]): Tok[] {
  for (let i = 0; i < items.length; i++) {
    const c = items[i]!;
    if (c.k !== 'seq' || !c.close) continue;
    for (let o = i - 1; o >= 0; o--) {
      const op = items[o]!;
      if (op.k !== 'seq' || !op.open) continue;
      // the rule of 3
      if ((op.close || c.open) && c.n % 3 && !((op.n + c.n) % 3)) continue;
      const use = op.n > 1 && c.n > 1 ? 2 : 1;
      const grp: Tok = { k: 'grp', strong: use > 1, children: resolve(items.slice(o + 1, i)) };
      op.n -= use;
      c.n -= use;
      const repl: Tok[] = [];
      if (op.n) repl.push(op);
      repl.push(grp);
      if (c.n) repl.push(c);
      items.splice(o, i - o + 1, ...repl);
      // go on with what is left of the closing run, or after the group
      i = o + (op.n ? 1 : 0);
      break;
    }
  }
  for (let k = 0; k < items.length; k++) {
    const t = items[k]!;
    if (t.k === 'seq') items[k] = { k: 'text', v: '*'.repeat(t.n) };
  }
  return items;
}

/** mdast nodes: adjacent text merged into one text node, as mdast-util-from-markdown does. */
function nodes(items: Tok[]): MdNode[] {
  const out: MdNode[] = [];
  for (const t of items) {
    if (t.k === 'text') {
      const tail = out[out.length - 1];
      if (tail && tail.type === 'text') tail.value += t.v;
      else out.push({ type: 'text', value: t.v });
    } else if (t.k === 'br') out.push({ type: 'break' });
    else if (t.k === 'grp') out.push({ type: t.strong ? 'strong' : 'emphasis', children: nodes(t.children) });
  }
  return out;
}
