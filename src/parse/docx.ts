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
 *
 * Here: the parser and mammoth's steps. Word's own parts: ./docx-word.ts; mammoth's model
 * to blocks: ./docx-blocks.ts.
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
import { splitTabColumns } from './columns.js';
import { readStyles, readNumbering, prepareDocument, toRoman, LAYOUT_TABLE, type Numbering, type Prepared } from './docx-word.js';
import { paragraphInfo, paragraphBlock, tableRows, TABBED, STAMP, type Ctx, type MNode } from './docx-blocks.js';
import { openZip, jszipParts, mammothFile, PROBE, ZipFallback, type Parts } from './zip.js';
import { isOle } from './guards.js';
import { InputError } from '../model/errors.js';

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
