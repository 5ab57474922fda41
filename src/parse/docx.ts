/**
 * DOCX through mammoth's document reader.
 *
 * mammoth reads the document (paragraphs, runs, tables with merged cells, footnotes)
 * but drops two things a Vietnamese official document needs: Word's automatic list
 * numbers ("1.", "1.1.", "a)", "-") and whether a table is a borderless layout table
 * (the letter header, the signature block). Before mammoth runs, we read
 * `word/document.xml`, `numbering.xml` and `styles.xml`, write each paragraph's number
 * into the paragraph as a text run, and tag borderless tables with a table style id.
 * mammoth then reads the package with the rewritten document.xml in place of the
 * original, and the document model it builds is turned into blocks.
 *
 * The package is unzipped once (./zip.ts: native inflate, each part when first read,
 * JSZip for any zip outside the plain case) and shared with mammoth; nothing is zipped
 * again. Of `mammoth.convertToHtml` we run its steps ourselves, with the style map parsed
 * once for all documents and images checked for readability without being read and
 * base64-encoded: its messages and failures stay exactly those of convertToHtml.
 */
import JSZip from 'jszip';
import docxReader from 'mammoth/lib/docx/docx-reader.js';
import docxStyleMap from 'mammoth/lib/docx/style-map.js';
import documentToHtml from 'mammoth/lib/document-to-html.js';
import optionsReader from 'mammoth/lib/options-reader.js';
import styleReader from 'mammoth/lib/style-reader.js';
import results from 'mammoth/lib/results.js';
import images from 'mammoth/lib/images.js';
import type { Diagnostic, RawBlock, RawDoc } from '../model/types.js';
import { LIST_MARKER } from './markers.js';
import { splitTabColumns } from './columns.js';
import { unescapeXml } from './xml.js';
import { openZip, jszipParts, mammothFile, PROBE, ZipFallback, type Parts } from './zip.js';
import { isOle } from './guards.js';
import { InputError } from '../model/errors.js';

/** Table style id given to borderless tables (layout: letter header, signature block). */
const LAYOUT_TABLE = 'CongvanLayoutTable';
/** Run style id of the list numbers we write into paragraphs. */
const LABEL_RUN = 'CongvanListLabel';

/** The text of an e-signature stamp printed after the signature. */
const STAMP = /đã ký lên văn bản|^\s*ký bởi\s*:|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?\s*[+-]\d{2}:?\d{2}/imu;

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

interface StyleDef {
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

function readStyles(xml: string | null): { byId: Map<string, StyleDef>; defaultTable?: string; defaultParagraph?: string } {
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
function styleProp<K extends keyof StyleDef>(styles: Map<string, StyleDef>, id: string | undefined, key: K): StyleDef[K] | undefined {
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

interface Numbering {
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

function readNumbering(xml: string | null): Numbering {
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

function toRoman(n: number): string {
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

interface Prepared {
  xml: string;
  labels: number;
  layoutTables: number;
}

function prepareDocument(xml: string, styles: ReturnType<typeof readStyles>, numbering: Numbering): Prepared {
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

// ---------------------------------------------------------------------------
// mammoth's document model -> blocks.

/* eslint-disable @typescript-eslint/no-explicit-any */
type MNode = any;

interface Ctx {
  styles: Map<string, StyleDef>;
  notes: MNode;
  noteOrder: Array<{ noteType: string; noteId: string }>;
  noteSeen: Set<string>;
  images: number;
}

interface ParaInfo {
  text: string;
  /** The text with its tabs (for paragraphs laid out in two columns with tab stops). */
  raw: string;
  bold: boolean;
  italic: boolean;
  align?: 'left' | 'center' | 'right';
  styleName?: string;
}

function paragraphInfo(p: MNode, ctx: Ctx): ParaInfo {
  let text = '';
  const styled: Array<{ bold: boolean; italic: boolean }> = [];
  const pBold = styleProp(ctx.styles, p.styleId ?? undefined, 'bold') ?? false;
  const pItalic = styleProp(ctx.styles, p.styleId ?? undefined, 'italic') ?? false;
  const visit = (n: MNode, run: MNode | null) => {
    switch (n.type) {
      case 'text': {
        text += n.value;
        if (run && run.styleId !== LABEL_RUN && /\S/.test(n.value)) {
          const rs = run.styleId ?? undefined;
          styled.push({
            bold: !!run.isBold || (styleProp(ctx.styles, rs, 'bold') ?? pBold),
            italic: !!run.isItalic || (styleProp(ctx.styles, rs, 'italic') ?? pItalic),
          });
        }
        return;
      }
      case 'tab':
        text += '\t';
        return;
      case 'break':
        text += '\n';
        return;
      case 'checkbox':
        text += n.checked ? '☒' : '☐';
        return;
      case 'noteReference': {
        const key = `${n.noteType}-${n.noteId}`;
        if (!ctx.noteSeen.has(key)) {
          ctx.noteSeen.add(key);
          ctx.noteOrder.push({ noteType: n.noteType, noteId: n.noteId });
        }
        return;
      }
      case 'image':
        ctx.images++;
        return;
      case 'run':
        for (const c of n.children ?? []) visit(c, n);
        return;
      default:
        for (const c of n.children ?? []) visit(c, run);
    }
  };
  for (const c of p.children ?? []) visit(c, null);
  text = text.normalize('NFC');
  const jc = p.alignment ?? styleProp(ctx.styles, p.styleId ?? undefined, 'jc');
  const align = jc === 'center' ? 'center' : jc === 'right' || jc === 'end' ? 'right' : jc ? 'left' : undefined;
  const raw = text.replace(/[ \u00A0]+\n/g, '\n').replace(/\n[ \u00A0]+/g, '\n').replace(/^[ \u00A0]+|[ \u00A0]+$/g, '');
  const info: ParaInfo = {
    raw,
    text: text.replace(/\t/g, ' ').replace(/[ \u00A0]+\n/g, '\n').replace(/\n[ \u00A0]+/g, '\n').trim(),
    bold: styled.length > 0 && styled.every((s) => s.bold),
    italic: styled.length > 0 && styled.every((s) => s.italic),
  };
  if (align) info.align = align;
  if (p.styleName) info.styleName = p.styleName;
  return info;
}

function headingLevel(styleName: string | undefined): number | null {
  if (!styleName) return null;
  const m = /^(?:heading|tiêu đề|đề mục)\s*(\d)$/i.exec(styleName.trim());
  if (m) return Number(m[1]);
  if (/^title$/i.test(styleName.trim())) return 1;
  return null;
}

/** Paragraphs whose text is set in two columns with tab stops, with their text as typed. */
const TABBED = new WeakMap<RawBlock, string>();

function paragraphBlock(p: MNode, ctx: Ctx, column?: 'left' | 'right'): RawBlock | null {
  const info = paragraphInfo(p, ctx);
  if (!info.text) return null;
  const tabbed = !column && /\t/.test(info.raw);
  const level = headingLevel(info.styleName);
  const b: RawBlock = { kind: level ? 'heading' : LIST_MARKER.test(info.text) ? 'listItem' : 'paragraph', text: info.text };
  if (level) b.level = level;
  if (info.bold) b.bold = true;
  if (info.italic) b.italic = true;
  if (info.align) b.align = info.align;
  if (column) b.column = column;
  if (tabbed) TABBED.set(b, info.raw);
  return b;
}

/** Text of a table cell: its paragraphs, and nested tables row by row. */
function cellText(cell: MNode, ctx: Ctx): { text: string; bold: boolean } {
  const parts: string[] = [];
  let bold = true;
  let any = false;
  for (const c of cell.children ?? []) {
    if (c.type === 'paragraph') {
      const info = paragraphInfo(c, ctx);
      if (info.text) {
        parts.push(info.text);
        any = true;
        if (!info.bold) bold = false;
      }
    } else if (c.type === 'table') {
      const t = tableRows(c, ctx);
      for (const r of t.rows) parts.push(r.filter((x) => x).join(' | '));
    }
  }
  return { text: parts.join('\n'), bold: any && bold };
}

function tableRows(t: MNode, ctx: Ctx): { rows: string[][]; headerRows: number; bold: boolean[] } {
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  const bold: boolean[] = [];
  const header: boolean[] = [];
  const rows = (t.children ?? []).filter((r: MNode) => r.type === 'tableRow');
  rows.forEach((row: MNode, r: number) => {
    grid[r] ??= [];
    taken[r] ??= [];
    header[r] = !!row.isHeader;
    let c = 0;
    let allBold = true;
    let anyText = false;
    for (const cell of row.children ?? []) {
      if (cell.type !== 'tableCell') continue;
      while (taken[r]![c]) c++;
      const { text, bold: b } = cellText(cell, ctx);
      if (text) {
        anyText = true;
        if (!b) allBold = false;
      }
      const cs = Math.max(1, cell.colSpan ?? 1);
      const rs = Math.max(1, cell.rowSpan ?? 1);
      for (let dr = 0; dr < rs; dr++) {
        grid[r + dr] ??= [];
        taken[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          taken[r + dr]![c + dc] = true;
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? text : '';
        }
      }
      c += cs;
    }
    bold[r] = anyText && allBold;
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  const out = grid.map((g) => Array.from({ length: width }, (_, i) => g[i] ?? ''));
  let headerRows = 0;
  while (headerRows < rows.length && header[headerRows]) headerRows++;
  if (!headerRows && out.length > 1 && bold[0] && !bold.every((b) => b)) headerRows = 1;
  return { rows: out, headerRows, bold };
}

// ---------------------------------------------------------------------------
// The parser.

/** mammoth style map: the custom 'VB …' paragraph styles of Vietnamese templates are plain paragraphs. */
export const STYLE_MAP = [
  "p[style-name^='VB '] => p:fresh",
  "p[style-name='Footnote Text'] => p:fresh",
  "p[style-name='Footnote'] => p:fresh",
  "r[style-name='Footnote Characters'] => ",
  "r[style-name='Footnote Anchor'] => ",
];

export async function parseDocx(buf: Buffer, file: string): Promise<RawDoc> {
  void file;
  // An OLE compound file: a password-protected DOCX (Office encryption) or an old binary .doc.
  if (isOle(buf)) {
    throw new InputError('input.not-docx', 'the file is encrypted with a password or is an old Word 97-2003 (.doc) file, not a DOCX');
  }
  const parts = openZip(buf);
  if (parts) {
    try {
      const doc = await parseParts(parts);
      if (!parts.failed) return doc;
    } catch (e) {
      if (!parts.failed) throw e;
    }
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch (e: any) {
    throw new InputError('input.not-docx', `not a DOCX file (not a readable zip: ${e?.message ?? e})`);
  }
  return parseParts(jszipParts(zip));
}

/** mammoth's options as convertToHtml reads them; images are checked, not read (see mammothModel). */
const MAMMOTH_OPTIONS = { styleMap: STYLE_MAP, convertImage: images.imgElement((image) => image.read(PROBE).then(() => ({}))) };
/** convertToHtml's parseStyleMap. */
const parseStyleMap = (styleMap: string[]) =>
  results.Result.combine(styleMap.map((m) => styleReader.readStyle(m))).map((mappings: unknown[]) => mappings.filter((x) => !!x));
/** The style map parsed once: ours and mammoth's default (a package with a style map of its own gets it parsed with that). */
const BASE_STYLE_MAP = optionsReader.readOptions(MAMMOTH_OPTIONS).readStyleMap() as string[];
const BASE_STYLE_MAP_RESULT = parseStyleMap(BASE_STYLE_MAP);

/**
 * mammoth.convertToHtml, step by step, on the package as `docxFile` serves it: the
 * embedded style map, the document reader, the HTML conversion (whose messages and
 * failures are convertToHtml's; its HTML is not used). The document model and the messages.
 */
export async function mammothModel(docxFile: ReturnType<typeof mammothFile>): Promise<{ model: MNode; messages: Array<{ type: string; message: string }> }> {
  const options = optionsReader.readOptions(MAMMOTH_OPTIONS);
  options.embeddedStyleMap = await docxStyleMap.readStyleMap(docxFile);
  const documentResult = await docxReader.read(docxFile, {}, options);
  const styleMap = options.readStyleMap() as string[];
  const styleMapResult = styleMap.length === BASE_STYLE_MAP.length ? BASE_STYLE_MAP_RESULT : parseStyleMap(styleMap);
  const converter = new documentToHtml.DocumentConverter({ ...options, styleMap: styleMapResult.value });
  const result = await documentResult.flatMapThen((document: MNode) => styleMapResult.flatMapThen(() => converter.convertToHtml(document)));
  return { model: documentResult.value, messages: result.messages };
}

async function parseParts(parts: Parts): Promise<RawDoc> {
  const diagnostics: Diagnostic[] = [];
  if (!parts.has('word/document.xml')) {
    if (parts.has('EncryptedPackage') || parts.has('EncryptionInfo')) throw new InputError('input.encrypted', 'the DOCX is encrypted with a password');
    throw new InputError('input.not-docx', 'not a DOCX file (no word/document.xml)');
  }
  const [docXml, numXml, stylesXml] = await Promise.all([
    parts.text('word/document.xml'),
    parts.has('word/numbering.xml') ? parts.text('word/numbering.xml') : Promise.resolve(null),
    parts.has('word/styles.xml') ? parts.text('word/styles.xml') : Promise.resolve(null),
  ]);
  let styles: ReturnType<typeof readStyles> = { byId: new Map() };
  let numbering: Numbering = { abstract: new Map(), nums: new Map() };
  try {
    styles = readStyles(stylesXml);
    numbering = readNumbering(numXml);
  } catch (e: any) {
    diagnostics.push({ severity: 'warning', stage: 'parse', message: `styles or numbering not read (${e?.message ?? e})` });
  }
  const changed = new Map<string, string>();
  let prepared: Prepared = { xml: docXml, labels: 0, layoutTables: 0 };
  try {
    prepared = prepareDocument(docXml, styles, numbering);
    if (prepared.labels || prepared.layoutTables) changed.set('word/document.xml', prepared.xml);
  } catch (e: any) {
    diagnostics.push({ severity: 'warning', stage: 'parse', message: `list numbers and layout tables not read (${e?.message ?? e})` });
  }
  if (prepared.labels) diagnostics.push({ severity: 'info', stage: 'parse', message: `${prepared.labels} automatic list number(s) written out as text` });

  let model: MNode = null;
  let messages: Array<{ type: string; message: string }> = [];
  try {
    ({ model, messages } = await mammothModel(mammothFile(parts, changed)));
  } catch (e: any) {
    if (parts.failed) throw new ZipFallback('a part could not be read');
    throw new InputError('input.docx-damaged', `the DOCX cannot be read (${e?.message ?? e})`, { cause: e });
  }
  if (!model) throw new InputError('input.docx-damaged', 'the DOCX cannot be read (no document body)');
  for (const m of messages) {
    if (/Unrecognised (paragraph|run|table) style|was referenced but not defined/.test(m.message)) continue;
    diagnostics.push({ severity: m.type === 'error' ? 'warning' : 'info', stage: 'parse', message: `mammoth: ${m.message}` });
  }

  const ctx: Ctx = { styles: styles.byId, notes: model.notes, noteOrder: [], noteSeen: new Set(), images: 0 };
  const blocks: RawBlock[] = [];
  const visitBody = (children: MNode[]) => {
    for (const c of children) {
      if (c.type === 'paragraph') {
        const b = paragraphBlock(c, ctx);
        if (b) blocks.push(b);
      } else if (c.type === 'table') {
        if (c.styleId === LAYOUT_TABLE) {
          // A layout table: each row's cells, left cell first, as blocks.
          for (const row of c.children ?? []) {
            const cells = (row.children ?? []).filter((x: MNode) => x.type === 'tableCell');
            cells.forEach((cell: MNode, i: number) => {
              const column = cells.length >= 2 ? (i === 0 ? 'left' : i === cells.length - 1 ? 'right' : undefined) : undefined;
              for (const cc of cell.children ?? []) {
                if (cc.type === 'paragraph') {
                  const b = paragraphBlock(cc, ctx, column);
                  if (b) blocks.push(b);
                } else if (cc.type === 'table') visitBody([cc]);
              }
            });
          }
        } else {
          const t = tableRows(c, ctx);
          if (t.rows.length) {
            blocks.push({ kind: 'table', text: '', rows: t.rows, headerRows: t.headerRows });
            diagnostics.push({ severity: 'info', stage: 'parse', message: `table: ${t.rows.length} rows of ${t.rows[0]?.length ?? 0} cells (${t.headerRows} header row)` });
          }
        }
      } else if (c.children) visitBody(c.children);
    }
  };
  visitBody(model.children ?? []);
  const split = splitTabColumns(blocks, (b) => TABBED.get(b));
  if (split.length !== blocks.length || split.some((b, i) => b !== blocks[i])) {
    diagnostics.push({ severity: 'info', stage: 'parse', message: 'lines set in two columns with tab stops read as columns' });
    blocks.splice(0, blocks.length, ...split);
  }

  // E-signature stamps after the signature: page furniture.
  for (let i = Math.floor(blocks.length / 2); i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'table' && b.text.length < 600 && STAMP.test(b.text)) b.furniture = 'signatureStamp';
  }

  // Footnotes (and endnotes) in the order they are referenced.
  const counters: Record<string, number> = {};
  for (const ref of ctx.noteOrder) {
    const note = ctx.notes?.resolve?.(ref);
    counters[ref.noteType] = (counters[ref.noteType] ?? 0) + 1;
    if (!note) continue;
    const paras = (note.body ?? []).map((p: MNode) => (p.type === 'paragraph' ? paragraphInfo(p, ctx).text : '')).filter((t: string) => t);
    if (!paras.length) continue;
    const n = ref.noteType === 'endnote' ? toRoman(counters[ref.noteType]!).toLowerCase() : String(counters[ref.noteType]);
    blocks.push({ kind: 'footnote', text: `${n} ${paras.join('\n')}` });
  }
  if (ctx.noteOrder.length) diagnostics.push({ severity: 'info', stage: 'parse', message: `${ctx.noteOrder.length} footnote(s) found, reference marks taken out of the text` });
  if (ctx.images) diagnostics.push({ severity: 'info', stage: 'parse', message: `${ctx.images} image(s) left out` });
  if (prepared.layoutTables) diagnostics.push({ severity: 'info', stage: 'parse', message: `${prepared.layoutTables} borderless layout table(s) read as columns` });
  if (!blocks.some((b) => !b.furniture && (b.text || b.rows?.length))) diagnostics.push({ severity: 'warning', stage: 'parse', message: 'no text found in the DOCX' });
  return { format: 'docx', blocks, diagnostics };
}
