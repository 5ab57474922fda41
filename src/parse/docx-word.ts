/**
 * Word's own parts, read before mammoth runs (./docx.ts): a small XML reader for
 * WordprocessingML, the styles (which tables are borderless layout tables), the automatic
 * list numbering ("1.", "1.1.", "a)", "-"), and document.xml rewritten with each
 * paragraph's number written in as a text run and layout tables tagged.
 */
import { LIST_MARKER } from './markers.js';
import { unescapeXml } from './xml.js';

/** Table style id given to borderless tables (layout: letter header, signature block). */
export const LAYOUT_TABLE = 'CongvanLayoutTable';
/** Run style id of the list numbers we write into paragraphs. */
export const LABEL_RUN = 'CongvanListLabel';

// ---------------------------------------------------------------------------
// A small XML reader: enough for WordprocessingML.

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  /** Offsets in the source: open tag [start, openEnd), close tag ends at `end`. */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  parent: XNode | null;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseXml(src: string): XNode {
  const root: XNode = { name: '#root', attrs: {}, children: [], text: '', start: 0, openEnd: 0, closeStart: src.length, end: src.length, parent: null };
  let cur = root;
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    if (m.index > last && (cur.name === 'w:t' || cur.name === 'w:delText' || cur.name === 'w:instrText')) cur.text += unescapeXml(src.slice(last, m.index));
    last = re.lastIndex;
    if (m[1] !== undefined) {
      cur.text += m[1];
      continue;
    }
    if (!m[3]) continue; // comment, PI, doctype
    const name = m[3];
    if (m[2] === '/') {
      // close: pop to the matching element
      let n: XNode | null = cur;
      while (n && n.name !== name) n = n.parent;
      if (!n) continue;
      n.closeStart = m.index;
      n.end = re.lastIndex;
      cur = n.parent ?? root;
      continue;
    }
    const attrs: Record<string, string> = {};
    if (m[4]) {
      ATTR.lastIndex = 0;
      for (let a: RegExpExecArray | null; (a = ATTR.exec(m[4])); ) attrs[a[1]!] = unescapeXml(a[2] ?? a[3] ?? '');
    }
    const node: XNode = { name, attrs, children: [], text: '', start: m.index, openEnd: re.lastIndex, closeStart: re.lastIndex, end: re.lastIndex, parent: cur };
    cur.children.push(node);
    if (m[5] !== '/') cur = node;
  }
  return root;
}

const kid = (n: XNode | undefined, name: string) => n?.children.find((c) => c.name === name);
const kids = (n: XNode | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
/** The nodes under n, in document order. */
function walk(n: XNode): XNode[] {
  const out: XNode[] = [];
  const stack: XNode[] = [];
  for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  while (stack.length) {
    const c = stack.pop()!;
    out.push(c);
    for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]!);
  }
  return out;
}
const val = (n: XNode | undefined) => n?.attrs['w:val'];
/** A WordprocessingML on/off property: present without w:val, or with a true value. */
const onOff = (n: XNode | undefined): boolean | undefined =>
  n ? !['0', 'false', 'off', 'none'].includes((n.attrs['w:val'] ?? 'true').toLowerCase()) : undefined;

// ---------------------------------------------------------------------------
// styles.xml

export interface StyleDef {
  id: string;
  type: string;
  name: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  jc?: string;
  bold?: boolean;
  italic?: boolean;
  /** Table styles: any visible border. */
  borders?: boolean;
}

function hasVisibleBorder(borders: XNode | undefined): boolean | undefined {
  if (!borders) return undefined;
  return borders.children.some((b) => {
    const v = (b.attrs['w:val'] ?? '').toLowerCase();
    const sz = b.attrs['w:sz'];
    return v !== '' && v !== 'nil' && v !== 'none' && (sz === undefined || Number(sz) > 0);
  });
}

export function readStyles(xml: string | null): { byId: Map<string, StyleDef>; defaultTable?: string; defaultParagraph?: string } {
  const byId = new Map<string, StyleDef>();
  let defaultTable: string | undefined;
  let defaultParagraph: string | undefined;
  if (!xml) return { byId };
  const root = parseXml(xml);
  for (const st of walk(root)) {
    if (st.name !== 'w:style') continue;
    const id = st.attrs['w:styleId'] ?? '';
    const type = st.attrs['w:type'] ?? 'paragraph';
    const pPr = kid(st, 'w:pPr');
    const rPr = kid(st, 'w:rPr');
    const numPr = kid(pPr, 'w:numPr');
    const def: StyleDef = { id, type, name: val(kid(st, 'w:name')) ?? id };
    const based = val(kid(st, 'w:basedOn'));
    if (based) def.basedOn = based;
    const numId = val(kid(numPr, 'w:numId'));
    if (numId !== undefined) def.numId = numId;
    const ilvl = val(kid(numPr, 'w:ilvl'));
    if (ilvl !== undefined) def.ilvl = Number(ilvl);
    const jc = val(kid(pPr, 'w:jc'));
    if (jc) def.jc = jc;
    const b = onOff(kid(rPr, 'w:b'));
    if (b !== undefined) def.bold = b;
    const i = onOff(kid(rPr, 'w:i'));
    if (i !== undefined) def.italic = i;
    const borders = hasVisibleBorder(kid(kid(st, 'w:tblPr'), 'w:tblBorders'));
    if (borders !== undefined) def.borders = borders;
    byId.set(id, def);
    if (['1', 'true', 'on'].includes((st.attrs['w:default'] ?? '').toLowerCase())) {
      if (type === 'table') defaultTable = id;
      if (type === 'paragraph') defaultParagraph = id;
    }
  }
  return { byId, ...(defaultTable ? { defaultTable } : {}), ...(defaultParagraph ? { defaultParagraph } : {}) };
}

/** A style property along the basedOn chain. */
export function styleProp<K extends keyof StyleDef>(styles: Map<string, StyleDef>, id: string | undefined, key: K): StyleDef[K] | undefined {
  const seen = new Set<string>();
  let cur = id ? styles.get(id) : undefined;
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    if (cur[key] !== undefined) return cur[key];
    cur = cur.basedOn ? styles.get(cur.basedOn) : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// numbering.xml and list labels.

interface Level {
  start: number;
  fmt: string;
  text: string;
  suff: string;
  isLgl: boolean;
}

export interface Numbering {
  abstract: Map<string, { levels: Map<number, Level>; styleLink?: string }>;
  nums: Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }>;
}

function readLevel(l: XNode): Level {
  return {
    start: Number(val(kid(l, 'w:start')) ?? '1') || 0,
    fmt: val(kid(l, 'w:numFmt')) ?? 'decimal',
    text: val(kid(l, 'w:lvlText')) ?? '',
    suff: val(kid(l, 'w:suff')) ?? 'tab',
    isLgl: !!onOff(kid(l, 'w:isLgl')),
  };
}

export function readNumbering(xml: string | null): Numbering {
  const out: Numbering = { abstract: new Map(), nums: new Map() };
  if (!xml) return out;
  const root = parseXml(xml);
  for (const n of walk(root)) {
    if (n.name === 'w:abstractNum') {
      const levels = new Map<number, Level>();
      for (const l of kids(n, 'w:lvl')) levels.set(Number(l.attrs['w:ilvl'] ?? '0'), readLevel(l));
      const link = val(kid(n, 'w:numStyleLink'));
      out.abstract.set(n.attrs['w:abstractNumId'] ?? '', { levels, ...(link ? { styleLink: link } : {}) });
    } else if (n.name === 'w:num') {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of kids(n, 'w:lvlOverride')) {
        const ov: { start?: number; level?: Level } = {};
        const so = val(kid(o, 'w:startOverride'));
        if (so !== undefined) ov.start = Number(so);
        const l = kid(o, 'w:lvl');
        if (l) ov.level = readLevel(l);
        overrides.set(Number(o.attrs['w:ilvl'] ?? '0'), ov);
      }
      out.nums.set(n.attrs['w:numId'] ?? '', { abstractId: val(kid(n, 'w:abstractNumId')) ?? '', overrides });
    }
  }
  return out;
}

export function toRoman(n: number): string {
  const map: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, r] of map) while (n >= v) {
    s += r;
    n -= v;
  }
  return s || '0';
}

function toLetters(n: number): string {
  // Word: a..z, then aa..zz, aaa..
  if (n <= 0) return '';
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return toLetters(n);
    case 'upperLetter':
      return toLetters(n).toUpperCase();
    case 'lowerRoman':
      return toRoman(n).toLowerCase();
    case 'upperRoman':
      return toRoman(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Bullet characters from symbol fonts (private-use code points) as plain text. */
function bulletText(t: string): string {
  const c = t.trim();
  if (!c) return '';
  if (/^[-–—‐‑−\uF02D]$/.test(c)) return '-';
  if (/^[+\uF02B]$/.test(c)) return '+';
  if (/^[\uF0B7\uF0A7\uF0FC\uF0D8\uF076\uF06E\uF0A8\uF06C\u2022\u25CF\u25AA\u25A0\u2219\u00B7o§]$/.test(c)) return '•';
  return c;
}

class ListCounter {
  private counters = new Map<string, Array<number | undefined>>();
  constructor(private numbering: Numbering, private styles: Map<string, StyleDef>) {}

  private abstractOf(numId: string, depth = 0): { id: string; levels: Map<number, Level> } | null {
    const num = this.numbering.nums.get(numId);
    if (!num) return null;
    const abs = this.numbering.abstract.get(num.abstractId);
    if (!abs) return null;
    if (abs.styleLink && depth < 3) {
      const linkedNum = styleProp(this.styles, abs.styleLink, 'numId');
      if (linkedNum && linkedNum !== numId) return this.abstractOf(linkedNum, depth + 1);
    }
    return { id: num.abstractId, levels: abs.levels };
  }

  /** The printed label of the next paragraph in list numId at level ilvl ('' when none). */
  next(numId: string, ilvl: number): string {
    if (numId === '0') return '';
    const num = this.numbering.nums.get(numId);
    const abs = this.abstractOf(numId);
    if (!num || !abs) return '';
    const hasStartOverride = [...num.overrides.values()].some((o) => o.start !== undefined);
    const key = hasStartOverride ? `num:${numId}` : `abs:${abs.id}`;
    const levelOf = (l: number): Level | undefined => num.overrides.get(l)?.level ?? abs.levels.get(l);
    const startOf = (l: number): number => num.overrides.get(l)?.start ?? levelOf(l)?.start ?? 1;
    let c = this.counters.get(key);
    if (!c) {
      c = [];
      this.counters.set(key, c);
    }
    const lvl = levelOf(ilvl);
    if (!lvl) return '';
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl]! + 1;
    for (let l = ilvl + 1; l < 9; l++) c[l] = undefined;
    if (lvl.fmt === 'none') return '';
    if (lvl.fmt === 'bullet') return bulletText(lvl.text);
    const label = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const n = c![l] ?? startOf(l);
      const fmt = lvl.isLgl && l < ilvl ? 'decimal' : (levelOf(l)?.fmt ?? 'decimal');
      return formatNumber(n, fmt === 'bullet' ? 'decimal' : fmt);
    });
    return label.trim();
  }
}

// ---------------------------------------------------------------------------
// Rewriting document.xml before mammoth reads it.

export interface Prepared {
  xml: string;
  labels: number;
  layoutTables: number;
}

export function prepareDocument(xml: string, styles: ReturnType<typeof readStyles>, numbering: Numbering): Prepared {
  const root = parseXml(xml);
  const counter = new ListCounter(numbering, styles.byId);
  const edits: Array<{ at: number; del: number; text: string }> = [];
  let labels = 0;
  let layoutTables = 0;
  for (const n of walk(root)) {
    if (n.name === 'w:p') {
      if (n.closeStart === n.openEnd && n.end === n.openEnd) continue; // <w:p/>
      const pPr = kid(n, 'w:pPr');
      const numPr = kid(pPr, 'w:numPr');
      const pStyle = val(kid(pPr, 'w:pStyle'));
      let numId = val(kid(numPr, 'w:numId'));
      let ilvlS = val(kid(numPr, 'w:ilvl'));
      if (numId === undefined) numId = styleProp(styles.byId, pStyle ?? styles.defaultParagraph, 'numId');
      if (ilvlS === undefined) {
        const si = styleProp(styles.byId, pStyle ?? styles.defaultParagraph, 'ilvl');
        ilvlS = si !== undefined ? String(si) : '0';
      }
      if (numId === undefined) continue;
      // A paragraph with no text (an empty list line) still counts in Word, but prints nothing useful.
      const label = counter.next(numId, Number(ilvlS) || 0);
      if (!label) continue;
      let hasText = false;
      for (const c of walk(n)) if (c.name === 'w:t' && c.text.trim()) hasText = true;
      if (!hasText) continue;
      const rPr = kid(pPr, 'w:rPr');
      const rPrXml = rPr ? xml.slice(rPr.start, rPr.end).replace(/<w:rStyle\b[^>]*\/>/g, '') : '';
      const runProps = rPrXml ? rPrXml.replace(/^<w:rPr>/, `<w:rPr><w:rStyle w:val="${LABEL_RUN}"/>`) : `<w:rPr><w:rStyle w:val="${LABEL_RUN}"/></w:rPr>`;
      const run = `<w:r>${runProps}<w:t xml:space="preserve">${escapeXml(label)} </w:t></w:r>`;
      edits.push({ at: pPr ? pPr.end : n.openEnd, del: 0, text: run });
      labels++;
    } else if (n.name === 'w:tbl') {
      const tblPr = kid(n, 'w:tblPr');
      const tblStyle = val(kid(tblPr, 'w:tblStyle')) ?? styles.defaultTable;
      let bordered = hasVisibleBorder(kid(tblPr, 'w:tblBorders')) ?? styleProp(styles.byId, tblStyle, 'borders') ?? false;
      if (!bordered) {
        // Any cell border of this table (not of nested tables).
        for (const tr of kids(n, 'w:tr')) for (const tc of kids(tr, 'w:tc')) if (hasVisibleBorder(kid(kid(tc, 'w:tcPr'), 'w:tcBorders'))) bordered = true;
      }
      // A letter header or signature block in a bordered table is still a layout: two
      // columns, one or two rows, no repeated header row.
      const rows = kids(n, 'w:tr');
      const cols = Math.max(0, ...rows.map((tr) => kids(tr, 'w:tc').reduce((k, tc) => k + (Number(val(kid(kid(tc, 'w:tcPr'), 'w:gridSpan')) ?? '1') || 1), 0)));
      const headerRow = rows.some((tr) => kid(kid(tr, 'w:trPr'), 'w:tblHeader'));
      if (bordered && !(cols === 2 && rows.length <= 2 && !headerRow)) continue;
      layoutTables++;
      const existing = kid(tblPr, 'w:tblStyle');
      if (existing) edits.push({ at: existing.start, del: existing.end - existing.start, text: `<w:tblStyle w:val="${LAYOUT_TABLE}"/>` });
      else if (tblPr) edits.push({ at: tblPr.openEnd, del: 0, text: `<w:tblStyle w:val="${LAYOUT_TABLE}"/>` });
      else edits.push({ at: n.openEnd, del: 0, text: `<w:tblPr><w:tblStyle w:val="${LAYOUT_TABLE}"/></w:tblPr>` });
    }
  }
  edits.sort((a, b) => b.at - a.at);
  let out = xml;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.del);
  return { xml: out, labels, layoutTables };
}
