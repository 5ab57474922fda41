/**
 * The text model every stage shares.
 *
 * A parser turns a file into a RawDoc: blocks in reading order, with the text as
 * printed (list markers included, e.g. "1.1. Tiếp tục ..."), a page number where
 * the input has pages, and table cells. The normalise stage turns a RawDoc into a
 * TextModel: one normalised string (`text`) and the same blocks with offsets into
 * it, page furniture moved aside. Every later span points into `TextModel.text`.
 */

export type Format = 'txt' | 'md' | 'docx' | 'doc' | 'pdf' | 'scan';

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'table' | 'footnote';

/** Why a piece of the input is not document content. */
export type FurnitureKind =
  | 'pageNumber'
  | 'runningHeader'
  | 'signatureStamp'
  | 'bookmark'
  | 'markup'
  | 'webCapture';

/** Layout hints a parser may know about a block. */
export interface BlockStyle {
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center' | 'right';
  /** For a two-column layout (letter header, signature block): which column. */
  column?: 'left' | 'right';
  /** Heading depth for kind 'heading'. */
  level?: number;
}

export interface RawBlock extends BlockStyle {
  kind: BlockKind;
  /** Text as printed; '\n' marks a line break inside the block. Empty for tables. */
  text: string;
  /** 1-based page, where the input has pages. */
  page?: number;
  /** Table rows as cell texts (kind 'table'). */
  rows?: string[][];
  /** How many leading rows are header rows (kind 'table'). */
  headerRows?: number;
  /** Set by a parser that already knows the block is furniture. */
  furniture?: FurnitureKind;
}

export interface Diagnostic {
  /** 'fatal': the file could not be used; 'warning': used, but something was lost. */
  severity: 'fatal' | 'warning' | 'info';
  stage: 'read' | 'parse' | 'normalise' | 'extract' | 'refine' | 'validate' | 'store';
  message: string;
  ruleId?: string;
  span?: Span;
}

export interface RawDoc {
  format: Format;
  blocks: RawBlock[];
  pages?: number;
  /** The input was hard-wrapped (lines of one paragraph broken at the margin). */
  hardWrapped?: boolean;
  /** Name of a legacy encoding the parser found and converted ('tcvn3', 'vni', 'cp1258'). */
  legacyEncoding?: string;
  diagnostics: Diagnostic[];
}

/** A range of TextModel.text: [start, end). */
export interface Span {
  start: number;
  end: number;
  page?: number;
}

export interface Cell extends Span {
  text: string;
}

export interface Block extends Span, BlockStyle {
  id: number;
  kind: BlockKind;
  text: string;
  rows?: Cell[][];
  headerRows?: number;
}

export interface Furniture {
  kind: FurnitureKind;
  text: string;
  page?: number;
}

export interface TextModel {
  file: string;
  format: Format;
  /** Normalised text (NFC, folded whitespace); blocks are separated by a blank line. */
  text: string;
  blocks: Block[];
  furniture: Furniture[];
  pages?: number;
  legacyEncoding?: string;
  diagnostics: Diagnostic[];
}
