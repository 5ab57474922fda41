/**
 * mammoth's document model -> blocks: paragraphs (with the list numbers ./docx-word.ts
 * wrote in, headings, columns split at tabs), tables (layout tables as their cells'
 * paragraphs), e-signature stamps set aside.
 */
import type { RawBlock } from '../model/types.js';
import { splitTabColumns } from './columns.js';
import { LIST_MARKER } from './markers.js';
import { LAYOUT_TABLE, LABEL_RUN, styleProp, type StyleDef } from './docx-word.js';

/** The text of an e-signature stamp printed after the signature. */
export const STAMP = /đã ký lên văn bản|^\s*ký bởi\s*:|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?\s*[+-]\d{2}:?\d{2}/imu;

// ---------------------------------------------------------------------------
// mammoth's document model -> blocks.

/* eslint-disable @typescript-eslint/no-explicit-any */
export type MNode = any;

export interface Ctx {
  styles: Map<string, StyleDef>;
  notes: MNode;
  noteOrder: Array<{ noteType: string; noteId: string }>;
  noteSeen: Set<string>;
  images: number;
}

export interface ParaInfo {
  text: string;
  /** The text with its tabs (for paragraphs laid out in two columns with tab stops). */
  raw: string;
  bold: boolean;
  italic: boolean;
  align?: 'left' | 'center' | 'right';
  styleName?: string;
}

export function paragraphInfo(p: MNode, ctx: Ctx): ParaInfo {
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

export function headingLevel(styleName: string | undefined): number | null {
  if (!styleName) return null;
  const m = /^(?:heading|tiêu đề|đề mục)\s*(\d)$/i.exec(styleName.trim());
  if (m) return Number(m[1]);
  if (/^title$/i.test(styleName.trim())) return 1;
  return null;
}

/** Paragraphs whose text is set in two columns with tab stops, with their text as typed. */
export const TABBED = new WeakMap<RawBlock, string>();

export function paragraphBlock(p: MNode, ctx: Ctx, column?: 'left' | 'right'): RawBlock | null {
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
export function cellText(cell: MNode, ctx: Ctx): { text: string; bold: boolean } {
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

export function tableRows(t: MNode, ctx: Ctx): { rows: string[][]; headerRows: number; bold: boolean[] } {
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
