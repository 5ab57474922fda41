/**
 * Plain text and markdown.
 *
 * Markdown (headings, **bold**, *italic*, lists) is read by the fast reader of
 * ./mdfast.ts when the file stays within the subset it models, else by unified +
 * remark-parse (the reference: both give the same tree); its markup is dropped and
 * headings, list items and paragraphs become blocks.
 * Plain text is read line by line: hard-wrapped lines of one paragraph are joined,
 * TAB-started cells are rebuilt as a table, footnotes at a page foot are set aside.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { RawBlock, RawDoc, Diagnostic } from '../model/types.js';
import { decodeText, decodeDiagnostics } from './decode.js';
import { cleanText } from '../normalise/unicode.js';
import { readMarker, startsWithMarker, TT_VALUE } from './markers.js';
import { joinWrappedLines, type Line } from './wrap.js';
import { uncapture, pipeCells, cellLines, BR } from './capture.js';
import { fastMarkdownTree, type MdNode } from './mdfast.js';

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

export function parseText(buf: Buffer, file: string): RawDoc {
  return parseTextWith(buf, file, 'auto')!;
}

/**
 * How markdown is read: 'auto' the fast reader, remark when it declines; 'remark' always
 * remark (the reference); 'fast' the fast reader only (null when it declines).
 */
export type MarkdownEngine = 'auto' | 'remark' | 'fast';

export function parseTextWith(buf: Buffer, file: string, engine: MarkdownEngine): RawDoc | null {
  const decoded = decodeText(buf);
  // (a portal's copy may glue the recipients' list to the last sentence: "... biết, thực hiện./.Nơi nhận:")
  const { lines, site } = uncapture(literalBreaks(cleanText(decoded.text)).replace(/(?<=\.\/\.|\.)[ \t]*(?=Nơi nhận\s*:)/gu, '\n').split('\n'));
  const text = lines.join('\n');
  const deep = nestingDepth(text) > MAX_MARKDOWN_DEPTH;
  const doc = looksLikeMarkdown(text, file) && !deep ? parseMarkdown(text, engine) : parsePlain(text);
  if (!doc) return null;
  if (deep) doc.diagnostics.push({ severity: 'warning', stage: 'parse', message: `lists or quotes nested more than ${MAX_MARKDOWN_DEPTH} deep: read as plain text, not markdown` });
  doc.diagnostics.push(...decodeDiagnostics(decoded));
  for (const t of site) doc.blocks.push({ kind: 'paragraph', text: t, furniture: 'webCapture' });
  if (!/^utf/.test(decoded.encoding)) doc.legacyEncoding = decoded.encoding;
  return doc;
}

/**
 * A page a crawler stored with its line breaks escaped as text ("\\r\\n  Ban Giám hiệu thống nhất ..." on every line): the
 * escapes are line breaks (only where there are three or more, so a lone "\\r\\n" quoted in a text stays).
 */
function literalBreaks(text: string): string {
  const n = text.includes('\\r\\n') ? (text.match(/\\r\\n/g) ?? []).length : 0;
  return n >= 3 ? text.replace(/\\r\\n/g, '\n') : text;
}

/** Markdown when the file says so or its text carries markdown markup. */
export function looksLikeMarkdown(text: string, file = ''): boolean {
  if (/\.(md|markdown)$/i.test(file)) return true;
  const strong = (text.match(/\*\*\S/g) ?? []).length;
  const headings = (text.match(/^#{1,6} \S/gm) ?? []).length;
  return strong + headings >= 2;
}

// ---------------------------------------------------------------- markdown

function inlineText(node: MdNode, style: { bold: number; italic: number; chars: number }): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      style.chars += node.value!.trim().length;
      return node.value!;
    case 'break':
      return '\n';
    case 'strong': {
      const t = (node.children ?? []).map((c) => inlineText(c, style)).join('');
      style.bold += t.trim().length;
      return t;
    }
    case 'emphasis': {
      const t = (node.children ?? []).map((c) => inlineText(c, style)).join('');
      style.italic += t.trim().length;
      return t;
    }
    case 'html':
      return node.value ?? '';
    default:
      return (node.children ?? []).map((c) => inlineText(c, style)).join('');
  }
}

const remark = unified().use(remarkParse).freeze();

/**
 * Markdown nested deeper than this is read as plain text: remark's time grows with the depth
 * of nested lists and quotes (a 1 MB file of 1,000 levels took 35-59 s), and no document is
 * written that deep.
 */
export const MAX_MARKDOWN_DEPTH = 64;

/** The deepest nesting a line opens: its indentation (two columns a level) plus the list markers and quote marks that lead it. */
export function nestingDepth(text: string): number {
  let max = 0;
  // (a line of blanks alone nests nothing: 130 spaces at the end of a letter are no list 65 deep)
  for (const m of text.matchAll(/^([ \t]*)((?:(?:[-*+>]|\d{1,9}[.)])[ \t]+|>)*)(?=[^\s])/gmu)) {
    const indent = m[1]!.replace(/\t/g, '    ').length;
    const marks = m[2]!.match(/[-*+>]|\d{1,9}[.)]/g)?.length ?? 0;
    const d = Math.floor(indent / 2) + marks;
    if (d > max) max = d;
  }
  return max;
}

/** Whether a list marker is indented four columns or more past the content of the list item above it (an indented code block). */
function codeIndentedMarker(src: string): boolean {
  let content = 0;
  for (const line of src.split('\n')) {
    const m = /^([ \t]*)((?:[-*+]|\d{1,9}[.)])[ \t]+)/u.exec(line);
    if (!m) continue;
    const indent = m[1]!.replace(/\t/g, '    ').length;
    if (indent >= content + 4) return true;
    content = indent + m[2]!.length;
  }
  return false;
}

function parseMarkdown(text: string, engine: MarkdownEngine): RawDoc | null {
  const cleaned = text.replace(BOOKMARK, '');
  let src = cleaned;
  let tree = engine === 'remark' ? null : fastMarkdownTree(src);
  if (!tree && engine === 'auto') {
    // Nested lists: their indentation carries nothing the text model keeps (items are read by
    // their printed markers), and remark's time grows fast with nesting (3 levels, 200 KB: 7 s).
    // Flattened, they are read on the fast path.
    const flat = src.replace(/^[ \t]+(?=(?:[-*+]|\d{1,9}[.)])[ \t])/gmu, '');
    // (not when a marker sits four columns or more past the item before it: that is an indented code block to CommonMark,
    // "3. Nội dung: ..." / "" / "          4. Phân bổ ...", and remark reads it so)
    if (flat !== src && !codeIndentedMarker(src)) {
      tree = fastMarkdownTree(flat);
      if (tree) src = flat;
    }
  }
  tree ??= engine === 'fast' ? null : (remark.parse(src) as MdNode);
  if (!tree) return null;
  const blocks: RawBlock[] = [];
  const para = (node: MdNode, kind: RawBlock['kind'], prefix = '', level?: number) => {
    const style = { bold: 0, italic: 0, chars: 0 };
    const body = (node.children ?? []).map((c) => inlineText(c, style)).join('');
    const t = prefix + body;
    if (!t.trim()) return;
    const table = kind === 'paragraph' ? pipeTable(t) : null;
    if (table) {
      blocks.push(...table);
      return;
    }
    const b: RawBlock = { kind, text: t.replace(BR, '\n') };
    if (style.chars && style.bold >= style.chars * 0.8) b.bold = true;
    if (style.chars && style.italic >= style.chars * 0.8) b.italic = true;
    if (level) b.level = level;
    blocks.push(b);
  };
  const walk = (node: MdNode) => {
    switch (node.type) {
      case 'heading':
        para(node, 'heading', '', node.depth);
        return;
      case 'paragraph':
        para(node, 'paragraph');
        return;
      case 'list':
        for (const item of node.children ?? []) {
          // The printed marker: the source between the item's start and its first child.
          const start = item.position?.start.offset ?? 0;
          const first = item.children?.[0]?.position?.start.offset ?? start;
          const marker = src.slice(start, first).trim();
          (item.children ?? []).forEach((child, i) => {
            if (child.type === 'paragraph') para(child, 'listItem', i === 0 && marker ? `${marker} ` : '');
            else walk(child);
          });
        }
        return;
      case 'code':
        for (const l of (node.value ?? '').split('\n')) if (l.trim()) blocks.push({ kind: 'paragraph', text: l });
        return;
      // no case 'table': remark-parse without GFM (and the fast reader, which matches it)
      // never makes table nodes; a markdown pipe row comes as a paragraph
      case 'html':
        // raw HTML in a markdown file is text to show, never markup to drop
        for (const l of (node.value ?? '').split('\n')) if (l.trim()) blocks.push({ kind: 'paragraph', text: l });
        return;
      case 'thematicBreak':
      case 'definition':
        return;
      default:
        for (const c of node.children ?? []) walk(c);
    }
  };
  walk(tree);
  return { format: 'md', blocks: markFootnotes(blocks), diagnostics: [] };
}


/**
 * A paragraph of markdown pipe rows (GFM's table, which remark-parse without GFM reads as a
 * paragraph): an assignment table as a table, with a cell's `<br>` lines joined; a letter's header
 * or signature laid out in a table (two or three columns, one or two rows with text, not opening
 * with a TT column) as its cells' lines, cell by cell, as a Word file's layout table is read.
 */
function pipeTable(t: string): RawBlock[] | null {
  if (!t.trimStart().startsWith('|')) return null;
  const lines = t.split('\n').filter((l) => l.trim());
  if (lines.length < 2 || !lines.every((l) => /^\s*\|.*\|\s*$/u.test(l))) return null;
  const rows = lines.map((l) => pipeCells(l)).filter((r): r is string[] => r !== null).filter((r) => r.some((c) => c.replace(BR, '').trim()));
  if (!rows.length) return null;
  const width = Math.max(...rows.map((r) => r.length));
  if (width <= 3 && rows.length <= 2 && !TABLE_HEAD.test(rows[0]![0]!.trim())) {
    return rows.flatMap((r) => cellLines(r)).map((text): RawBlock => ({ kind: 'paragraph', text }));
  }
  return [{ kind: 'table', text: '', rows: rows.map((r) => r.map((c) => c.replace(BR, '\n').trim())), headerRows: 1 }];
}

// ---------------------------------------------------------------- plain text

const TABLE_HEAD = /^(?:S?TT|Số TT|Stt)$/i;

function parsePlain(text: string): RawDoc {
  const diagnostics: Diagnostic[] = [];
  const rawLines = text.replace(BOOKMARK, '').split('\n');
  const blocks: RawBlock[] = [];

  // Split into the table region (from a TAB line "TT") and the rest.
  let tableStart = rawLines.findIndex((l) => /^\t/.test(l) && TABLE_HEAD.test(l.trim()));
  const bodyLines = tableStart >= 0 ? rawLines.slice(0, tableStart) : rawLines;

  // runs of markdown pipe rows are tables; the text between them is joined as usual
  let run: Line[] = [];
  let rows: string[][] = [];
  let sawPipe = false;
  const flushText = () => {
    if (run.length) blocks.push(...joinWrappedLines(run));
    run = [];
  };
  const flushTable = () => {
    if (rows.length) blocks.push({ kind: 'table', text: '', rows, headerRows: 1 });
    rows = [];
  };
  for (let i = 0; i < bodyLines.length; i++) {
    const l = bodyLines[i]!;
    // a portal copy's table: TAB-separated cells a row a line, or one cell per line between '|' lines
    const copied = tabRowsAt(bodyLines, i) ?? cellLinesAt(bodyLines, i);
    if (copied) {
      flushText();
      flushTable();
      sawPipe = false;
      blocks.push({ kind: 'table', text: '', rows: copied.rows, headerRows: 1 });
      i = copied.end - 1;
      continue;
    }
    const cells = pipeCells(l);
    // a table whose header row is a markdown row and whose rows follow one cell a line
    const below = !cells && sawPipe && rows.length === 1 && l.trim() ? cellRowsAt(bodyLines, i, rows[0]!) : null;
    if (below) {
      rows.push(...below.rows.slice(1));
      rows[0] = below.rows[0]!;
      flushTable();
      sawPipe = false;
      i = below.end - 1;
      continue;
    }
    if (cells || (sawPipe && /^\s*\|[-:| ]+\|\s*$/.test(l))) {
      flushText();
      if (cells) rows.push(cells);
      sawPipe = true;
      continue;
    }
    if (sawPipe && !l.trim()) continue;
    flushTable();
    sawPipe = false;
    run.push({ text: l.replace(/\t/g, ' ') });
  }
  flushText();
  flushTable();

  if (tableStart >= 0) {
    const { table, rest } = readTabTable(rawLines.slice(tableStart));
    blocks.push(table);
    if (rest.length) blocks.push(...joinWrappedLines(rest.map((l) => ({ text: l.replace(/\t/g, ' ') }))));
  }
  return { format: 'txt', blocks: markFootnotes(blocks), diagnostics, hardWrapped: blocks.length > 0 };
}

/**
 * A table copied from a web page with its cells separated by TABs, a row a line ("STT⇥Nội dung⇥Cơ
 * quan chủ trì⇥..."): from a header row that opens with the TT column, while lines hold a TAB.
 */
function tabRowsAt(lines: string[], i: number): { rows: string[][]; end: number } | null {
  const head = lines[i]!;
  // (or cells separated by '|' without the outer pipes of a markdown row: "TT | Tên nhiệm vụ | Sở, ngành chủ trì | ...",
  // a row a line, as a text extraction of a Word table writes them)
  const sep = head.startsWith('\t') ? null : head.includes('\t') ? '\t' : head.includes(' | ') && /^[^|]+(?:\s\|\s[^|]*){2,}$/u.test(head.trim()) ? '|' : null;
  if (!sep) return null;
  const cells = head.split(sep).map((c) => c.trim());
  if (cells.length < 3 || !(TABLE_HEAD.test(cells[0]!) || assignmentHeader(cells))) return null;
  const rows = [cells];
  let j = i + 1;
  for (; j < lines.length && lines[j]!.includes(sep); j++) rows.push(lines[j]!.split(sep).map((c) => c.trim()));
  return rows.length > 1 ? { rows, end: j } : null;
}

/**
 * A header row of an assignment table that has no TT column ("Thời gian | Nội dung công việc | Cơ quan chịu trách nhiệm
 * ... | Thực hiện"): a column of the work and one of its doer or its time. A list of people ("Họ tên | Chức vụ | Đơn
 * vị") is not one.
 */
function assignmentHeader(cells: string[]): boolean {
  return cells.some((c) => /^(?:nội dung|nhiệm vụ|công việc|tên nhiệm vụ)/iu.test(c))
    && cells.some((c) => /chủ trì|phối hợp|thực hiện|thời gian|thời hạn|tiến độ/iu.test(c));
}

/** The TT cell of a row written one cell a line: "1", "II", "a)", "đ)", "1.2". */
const TT_LINE = /^(?:\d{1,3}(?:\.\d{1,2}){0,2}|[IVXLC]{1,6}|[A-Z]|[a-zđ])[.)]?$/u;

/**
 * The rows under an assignment table's header row when the copy wrote them one cell a line ("| TT | Nội dung hoạt động |
 * Cơ quan chủ trì | Cơ quan phối hợp |" / "Thời gian thực hiện" / "1" / "Tổ chức tuyên truyền ..." / "a)" / "Tổ chức Hội
 * nghị ..." / "Cục X" / "Vụ Y; ..." / "Quý III/2026" / "b)" ...): header cells left on lines of their own join the header; a
 * row starts at a TT cell; a group row has two cells. Up to a blank line, a pipe row or "Nơi nhận".
 */
function cellRowsAt(lines: string[], i: number, header: string[]): { rows: string[][]; end: number } | null {
  if (!(TABLE_HEAD.test(header[0]!.trim()) || assignmentHeader(header))) return null;
  const head = [...header];
  let j = i;
  for (; j < lines.length && !TT_LINE.test(lines[j]!.trim()); j++) {
    const l = lines[j]!.trim();
    if (!l || l.length > 60 || j - i >= 2 || pipeCells(l)) return null;
    head.push(l);
  }
  const rows: string[][] = [head];
  let row: string[] | null = null;
  for (; j < lines.length; j++) {
    const l = lines[j]!.trim();
    if (!l || pipeCells(l) || /^(?:#|\*{0,2}Nơi nhận)/u.test(l)) break;
    if (TT_LINE.test(l) && (!row || row.length >= 2)) {
      if (row) rows.push(row);
      row = [l.replace(/[.)]$/u, '')];
    } else if (row) row.push(l);
  }
  if (row) rows.push(row);
  const fits = rows.slice(1).filter((r) => r.length === head.length || r.length === 2).length;
  return rows.length > 2 && fits * 2 >= rows.length - 1 ? { rows, end: j } : null;
}

/** The longest run of lines a cell of a '|'-separated copy holds; a longer run is the text after the table. */
const CELL_LINES = 15;

/**
 * A table copied from a legal portal as one cell per line (or a few wrapped lines), each cell
 * followed by a line holding only '|' ("STT⏎|⏎Nội dung⏎|⏎Cơ quan chủ trì⏎|⏎...⏎1⏎|⏎Xây dựng
 * ...⏎|"): from a header cell of the TT column to the last '|'. A new row starts at a TT cell (a
 * number, a Roman numeral, a capital letter) once the row has the header's width, or after a
 * group row's two cells ("I⏎|⏎NHIỆM VỤ CHUNG⏎|").
 */
function cellLinesAt(lines: string[], i: number): { rows: string[][]; end: number } | null {
  const isBar = (l: string | undefined) => l !== undefined && l.trim() === '|';
  if (!TABLE_HEAD.test(lines[i]!.trim()) || !isBar(lines[i + 1])) return null;
  const cells: string[] = [lines[i]!.trim()];
  let j = i + 2, end = j;
  for (;;) {
    let k = j;
    while (k < lines.length && !isBar(lines[k]) && k - j <= CELL_LINES) k++;
    if (k >= lines.length || !isBar(lines[k])) break;
    cells.push(lines.slice(j, k).map((x) => x.trim()).filter(Boolean).join(' '));
    j = k + 1;
    end = j;
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let width = 0;
  for (const c of cells) {
    const opens = TT_VALUE.test(c) && row.length > 0 && (width ? row.length >= width || row.length === 2 : row.length >= 3);
    if (opens) {
      if (!width) width = row.length;
      rows.push(row);
      row = [];
    }
    row.push(c);
  }
  if (row.length) rows.push(row);
  return width && rows.length > 1 ? { rows, end } : null;
}

/**
 * A table written as TAB-started cells: a cell starts at a TAB line, lines without
 * a TAB continue it, blank lines are ignored, a row starts at a TT value (a number,
 * a Roman numeral or a capital letter) once the header row is read.
 */
function readTabTable(lines: string[]): { table: RawBlock; rest: string[] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let header = true;
  let headerWidth = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim() && !/^\t\s*$/.test(line)) continue;
    if (line.startsWith('\t')) {
      const cells = line.split('\t').slice(1).map((c) => c.trim());
      const first = cells[0] ?? '';
      const startsRow = row.length > 0 && TT_VALUE.test(first) && (!header || row.length >= 3);
      const emptyTT = !header && first === '' && cells.length === 1 && row.length >= 2;
      if (startsRow || emptyTT) {
        if (header) {
          headerWidth = row.length;
          header = false;
        }
        rows.push(row);
        row = [];
      }
      row.push(...cells);
    } else if (row.length) {
      // continuation of the current cell
      row[row.length - 1] = `${row[row.length - 1]} ${line.trim()}`.trim();
    } else break;
  }
  if (row.length) rows.push(row);
  return { table: { kind: 'table', text: '', rows, headerRows: 1 }, rest: lines.slice(i) };
}

/**
 * Footnotes: a block that opens with a footnote mark ("(1) ...", "⁽¹⁾ ...", "1 Quyết định ...")
 * whose number was used as a mark earlier, and the dash items right after it. A "(1) ..." whose
 * number no text before it used as a mark is a list's first item.
 */
function markFootnotes(blocks: RawBlock[]): RawBlock[] {
  let inNote = false;
  // the marks the text has used so far: "... cấp xã⁽¹⁾", "... cấp xã(1)" (a "(1) ..." that opens a block with no such mark
  // before it is the first of a numbered list: "... đề nghị Ủy ban nhân dân các tỉnh:" / "(1) Tổng hợp ...")
  const used = new Set<string>();
  const digits = (sup: string) => [...sup].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join('');
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'table') {
      inNote = false;
      continue;
    }
    const m = /^(?:\((\d{1,2})\)|[⁽]([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[⁾])\s+\S/u.exec(b.text);
    const n = m ? m[1] ?? digits(m[2]!) : null;
    for (const x of b.text.matchAll(/[⁽]([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[⁾]|(?<=[\p{L}\p{N}.,;:”"])\((\d{1,2})\)/gu)) used.add(x[2] ?? digits(x[1]!));
    if (m && (m[2] || used.has(String(Number(n)))) && !(m[1] && i > 0 && /:\s*$/u.test(blocks[i - 1]!.text) && n === '1')) {
      b.kind = 'footnote';
      inNote = true;
      continue;
    }
    if (inNote && b.kind !== 'heading' && /^[-–+]\s/.test(b.text)) {
      b.kind = 'footnote';
      continue;
    }
    inNote = false;
  }
  // Superscript footnote marks in body text are dropped.
  for (const b of blocks) if (b.kind !== 'table' && b.text.includes('⁽')) b.text = b.text.replace(/[⁽][⁰¹²³⁴⁵⁶⁷⁸⁹]+[⁾]/gu, '');
  return blocks;
}

export { readMarker, startsWithMarker };
