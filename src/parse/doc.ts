/**
 * Legacy Word 97–2003 `.doc` files (OLE compound documents), read through antiword's
 * DocBook output (`antiword -x db`): paragraphs with bold/italic runs, section titles, and
 * tables as rows and cells. Offices still send such files; antiword is a small Debian
 * package (`apt-get install antiword`). Without it, catdoc's plain text is read as a
 * plain-text letter; without either, the file fails with what to install.
 *
 * The shape of the result follows the DOCX parser: a borderless table of two columns and
 * few rows (letter header, signature block) becomes the left cell's lines then the right
 * cell's, marked with their column; paragraphs typed in two columns with tab stops (the
 * header of letters typed without a table, which antiword writes with runs of spaces)
 * are split into columns the same way; other tables are kept as rows and cells.
 */
import { execFile } from 'node:child_process';
import type { RawBlock, RawDoc, Diagnostic } from '../model/types.js';
import { ToolError } from '../model/errors.js';
import { LIST_MARKER } from './markers.js';
import { splitTabColumns } from './columns.js';
import { parseText } from './text.js';
import { unescapeXml } from './xml.js';

const TIMEOUT_MS = 30_000;

function run(cmd: string, args: string[], input: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT') reject(Object.assign(new Error(`${cmd} not found`), { code: 'ENOENT' }));
        else if (e.killed) reject(new Error(`${cmd} took longer than ${TIMEOUT_MS / 1000} s`));
        else reject(new Error(String(stderr || e.message).trim().split('\n').slice(-2).join(' ')));
      } else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

// ---------------------------------------------------------------------------
// A small reader for antiword's DocBook: elements with their text, nothing more.

interface DNode {
  name: string;
  attrs: Record<string, string>;
  children: (DNode | string)[];
}

export function parseDocbook(src: string): DNode {
  const root: DNode = { name: '#root', attrs: {}, children: [] };
  const stack: DNode[] = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(src)); ) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push(unescapeXml(src.slice(last, m.index)));
    last = re.lastIndex;
    if (!m[2]) continue;
    if (m[1] === '/') {
      for (let k = stack.length - 1; k > 0; k--) if (stack[k]!.name === m[2]) {
        stack.length = k;
        break;
      }
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = unescapeXml(a[2] ?? a[3] ?? '');
    const node: DNode = { name: m[2], attrs, children: [] };
    top.children.push(node);
    if (m[4] !== '/') stack.push(node);
  }
  if (last < src.length) stack[stack.length - 1]!.children.push(unescapeXml(src.slice(last)));
  return root;
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

/** The runs of a paragraph-like node, without nested tables. */
function runs(n: DNode, bold = false, italic = false, out: Run[] = []): Run[] {
  for (const c of n.children) {
    if (typeof c === 'string') out.push({ text: c, bold, italic });
    else if (c.name === 'emphasis') runs(c, bold || c.attrs.role === 'bold', italic || c.attrs.role !== 'bold', out);
    else if (c.name === 'informaltable' || c.name === 'table' || c.name === 'footnote') continue;
    else runs(c, bold, italic, out);
  }
  return out;
}

const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/\u00A0/g, ' ');

function lineBlocks(rs: Run[], column?: 'left' | 'right'): RawBlock[] {
  // a paragraph's text lines (a cell holds one line per paragraph)
  const text = clean(rs.map((r) => r.text).join(''));
  const chars = rs.reduce((n, r) => n + r.text.replace(/\s/g, '').length, 0);
  const boldChars = rs.reduce((n, r) => n + (r.bold ? r.text.replace(/\s/g, '').length : 0), 0);
  const italicChars = rs.reduce((n, r) => n + (r.italic ? r.text.replace(/\s/g, '').length : 0), 0);
  const out: RawBlock[] = [];
  for (const raw of text.split('\n')) {
    const t = raw.replace(/\s+$/, '');
    if (!t.trim()) continue;
    const b: RawBlock = { kind: LIST_MARKER.test(t.trim()) ? 'listItem' : 'paragraph', text: t };
    if (chars && boldChars >= 0.8 * chars) b.bold = true;
    if (chars && italicChars >= 0.8 * chars) b.italic = true;
    if (column) b.column = column;
    out.push(b);
  }
  return out;
}

function cellText(entry: DNode): string {
  return clean(runs(entry).map((r) => r.text).join(''))
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function tableBlocks(t: DNode, blocks: RawBlock[], diags: Diagnostic[]): void {
  const rows: DNode[] = [];
  const find = (n: DNode) => {
    for (const c of n.children) if (typeof c !== 'string') (c.name === 'row' ? rows.push(c) : find(c));
  };
  find(t);
  const cells = rows.map((r) => r.children.filter((c): c is DNode => typeof c !== 'string' && c.name === 'entry'));
  const cols = Math.max(0, ...cells.map((r) => r.length));
  const borderless = t.attrs.frame === 'none';
  // a letter header or signature block: two columns, few rows, no rules
  if (borderless && cols === 2 && rows.length <= 3) {
    for (const r of cells) r.forEach((e, i) => blocks.push(...lineBlocks(runs(e), r.length >= 2 ? (i === 0 ? 'left' : 'right') : undefined)));
    return;
  }
  const out = cells.map((r) => r.map(cellText)).filter((r) => r.some(Boolean));
  if (!out.length) return;
  blocks.push({ kind: 'table', text: '', rows: out, headerRows: 0 });
  diags.push({ severity: 'info', stage: 'parse', message: `table: ${out.length} rows of ${cols} cells` });
}

/**
 * Tab stops, as antiword writes them: a run of four spaces or more inside a line, unless
 * the run is a blank left for a hand-written value: the number ("Số:      /UBND-NC") or
 * the day and month ("ngày      tháng 3 năm 2026").
 */
function columnsOf(line: string): string {
  return line.replace(/ {4,}/g, (gap, at: number) => {
    const before = line.slice(0, at);
    const after = line.slice(at + gap.length);
    if (/^[/]/.test(after) || /^(?:tháng|năm)\b/iu.test(after) || /(?:^|\s)(?:Số:?|ngày|tháng)$/iu.test(before)) return ' ';
    return '\t';
  });
}

export function docbookToBlocks(xml: string, diags: Diagnostic[]): RawBlock[] {
  const root = parseDocbook(xml);
  const blocks: RawBlock[] = [];
  const tabbed = new Map<RawBlock, string>();
  const notes: string[] = [];
  const visit = (n: DNode) => {
    for (const c of n.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'bookinfo') continue;
      if (c.name === 'informaltable' || c.name === 'table') {
        tableBlocks(c, blocks, diags);
        continue;
      }
      if (c.name === 'footnote') {
        const t = cellText(c).replace(/\n/g, ' ');
        if (t) notes.push(t);
        continue;
      }
      // the book's and chapter's titles are the file's metadata (often stale, or another encoding)
      if (c.name === 'title' && (n.name === 'book' || n.name === 'chapter')) continue;
      if (c.name === 'title') {
        for (const b of lineBlocks(runs(c))) blocks.push({ ...b, kind: 'heading', level: 2 });
        continue;
      }
      if (c.name === 'para' || c.name === 'title') {
        if (c.name === 'para') for (const f of c.children) if (typeof f !== 'string' && f.name === 'footnote') {
          const t = cellText(f).replace(/\n/g, ' ');
          if (t) notes.push(t);
        }
        const rs = runs(c);
        for (const b of lineBlocks(rs)) {
          const lead = /^ */.exec(b.text)![0].length;
          const body = b.text.slice(lead);
          const cols = columnsOf(body);
          if (/\t/.test(cols) || lead >= 24) tabbed.set(b, '\t'.repeat(lead >= 24 ? 2 : 0) + cols);
          b.text = body.replace(/\s+/g, ' ').trim();
          b.kind = LIST_MARKER.test(b.text) ? 'listItem' : 'paragraph';
          blocks.push(b);
        }
        // tables nested in a paragraph
        for (const t of c.children) if (typeof t !== 'string' && (t.name === 'informaltable' || t.name === 'table')) tableBlocks(t, blocks, diags);
        continue;
      }
      visit(c);
    }
  };
  visit(root);
  const split = splitTabColumns(blocks, (b) => tabbed.get(b));
  notes.forEach((t, i) => split.push({ kind: 'footnote', text: `${i + 1} ${t}` }));
  return split;
}

export async function parseDoc(buf: Buffer, file: string): Promise<RawDoc> {
  const diagnostics: Diagnostic[] = [];
  let xml: string;
  try {
    xml = await run('antiword', ['-x', 'db', '-m', 'UTF-8.txt', '-'], buf);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ToolError('tool.failed', `the Word 97-2003 file cannot be read (antiword: ${(e as Error).message})`);
    // catdoc: plain text, read as a plain-text letter
    let text: string;
    try {
      text = await run('catdoc', ['-d', 'utf-8', '-w'], buf);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'ENOENT') throw new ToolError('tool.missing', 'a Word 97-2003 (.doc) file needs antiword or catdoc, and neither is installed (apt-get install antiword)');
      throw new ToolError('tool.failed', `the Word 97-2003 file cannot be read (catdoc: ${(e2 as Error).message})`);
    }
    const doc = parseText(Buffer.from(text, 'utf8'), file);
    doc.diagnostics.unshift({ severity: 'warning', stage: 'parse', message: 'read with catdoc (antiword is not installed): tables and bold/italic are not kept' });
    return { ...doc, format: 'doc' };
  }
  const blocks = docbookToBlocks(xml, diagnostics);
  if (!blocks.some((b) => b.text || b.rows?.length)) diagnostics.push({ severity: 'warning', stage: 'parse', message: 'no text found in the Word 97-2003 file' });
  diagnostics.unshift({ severity: 'info', stage: 'parse', message: 'Word 97-2003 file read with antiword' });
  return { format: 'doc', blocks, diagnostics };
}
