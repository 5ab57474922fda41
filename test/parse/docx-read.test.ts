/**
 * How the DOCX parser reads a package (src/parse/zip.ts, mammothModel in src/parse/docx.ts)
 * against what it used before: JSZip for the parts, mammoth.convertToHtml for the model.
 *
 * - openZip either declines a zip (JSZip reads it) or gives every part with the bytes JSZip
 *   gives; mammothFile reads parts as mammoth's own zip file does, a missing part failing
 *   with the same error;
 * - mammothModel gives the document model and the messages of mammoth.convertToHtml with
 *   our style map, on the package as it is and with a rewritten document.xml, for images
 *   (embedded, missing, linked, in a footnote), a missing footnote, a style map embedded in
 *   the package, a BOM, unknown styles; and fails where convertToHtml fails, with its error.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { mammothModel, parseDocx, STYLE_MAP } from '../../src/parse/docx.js';
import { jszipParts, mammothFile, openZip } from '../../src/parse/zip.js';
import { letterBody, letterDocx, para, run } from '../fixtures/parse/make-docx.js';

const ROOT = path.resolve(__dirname, '../..');
const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
const drawing = (blip: string) =>
  `<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip ${blip}/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const IMAGE_REL = (id: string, target: string, external = false) =>
  `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;

interface Build {
  body?: string;
  rels?: string;
  extra?: Record<string, string | Buffer>;
  bom?: boolean;
  footnotes?: string;
  compression?: 'STORE' | 'DEFLATE';
  streamFiles?: boolean;
  comment?: string;
  folders?: boolean;
}

/** The test letter's package with changes. */
async function build(o: Build = {}): Promise<Buffer> {
  const base = await JSZip.loadAsync(await letterDocx());
  const zip = new JSZip();
  for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/styles.xml', 'word/numbering.xml']) zip.file(name, await base.file(name)!.async('string'));
  const rels = await base.file('word/_rels/document.xml.rels')!.async('string');
  zip.file('word/_rels/document.xml.rels', rels.replace('</Relationships>', `${o.rels ?? ''}</Relationships>`));
  zip.file('word/footnotes.xml', o.footnotes ?? (await base.file('word/footnotes.xml')!.async('string')));
  if (o.folders) zip.folder('word/media');
  for (const [k, v] of Object.entries(o.extra ?? {})) zip.file(k, v);
  zip.file('word/document.xml', `${o.bom ? '\ufeff' : ''}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${o.body ?? letterBody()}<w:sectPr/></w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: o.compression ?? 'DEFLATE', streamFiles: o.streamFiles ?? false, ...(o.comment ? { comment: o.comment } : {}) });
}

/** Every occurrence of a name in the zip's headers renamed (same length). */
function rename(buf: Buffer, from: string, to: string): Buffer {
  const b = Buffer.from(buf);
  const f = Buffer.from(from);
  for (let i = b.indexOf(f); i >= 0; i = b.indexOf(f, i + 1)) Buffer.from(to).copy(b, i);
  return b;
}

/** A part's deflated data damaged. */
function damage(buf: Buffer, name: string): Buffer {
  const b = Buffer.from(buf);
  const i = b.indexOf(Buffer.from(name));
  const start = i + name.length + b.readUInt16LE(i - 2);
  for (let k = 5; k < 40; k++) b[start + k]! ^= 0x5a;
  return b;
}

let built: Promise<Array<[string, Buffer]>> | null = null;
const cases = () => (built ??= makeCases());

async function makeCases(): Promise<Array<[string, Buffer]>> {
  const letter = await build();
  return [
    ['letter', letter],
    ['fixture', fs.readFileSync(path.join(ROOT, 'test/fixtures/parse/letter-numbering.docx'))],
    ...fs.readdirSync(path.join(ROOT, 'corpus/docx')).map((f): [string, Buffer] => [f, fs.readFileSync(path.join(ROOT, 'corpus/docx', f))]),
    ['image', await build({ body: para(run('Có logo') + drawing('r:embed="rIdI"')) + letterBody(), rels: IMAGE_REL('rIdI', 'media/image1.png'), extra: { 'word/media/image1.png': PNG } })],
    ['image of a type browsers do not show', await build({ body: para(run('Có logo') + drawing('r:embed="rIdI"')), rels: IMAGE_REL('rIdI', 'media/image1.emf'), extra: { 'word/media/image1.emf': PNG } })],
    ['image missing from the package', await build({ body: para(run('Có logo') + drawing('r:embed="rIdI"')) + letterBody(), rels: IMAGE_REL('rIdI', 'media/missing.png') })],
    ['linked image', await build({ body: para(run('Có logo') + drawing('r:link="rIdL"')), rels: IMAGE_REL('rIdL', 'file:///tmp/x.png', true) })],
    ['image in a footnote', await build({ footnotes: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ${W}><w:footnote w:id="7"><w:p>${run('Ghi chú')}${drawing('r:embed="rIdX"')}</w:p></w:footnote></w:footnotes>` })],
    ['reference to a missing footnote', await build({ body: para(run('a') + '<w:r><w:footnoteReference w:id="99"/></w:r>') })],
    ['style map in the package', await build({ extra: { 'mammoth/style-map': "p[style-name='VB Body'] => !\n" } })],
    ['empty style map in the package', await build({ extra: { 'mammoth/style-map': '# nothing\n\n' } })],
    ['BOM', await build({ bom: true })],
    ['stored', await build({ compression: 'STORE' })],
    ['data descriptors', await build({ streamFiles: true })],
    ['zip comment', await build({ comment: 'văn bản' })],
    ['zip comment holding an end signature', await build({ comment: 'x PK\u0005\u0006' })],
    ['folder entries', await build({ folders: true })],
    ['unknown styles', await build({ body: para(run('x'), { style: 'KhongCo' }) + '<w:p><w:r><w:rPr><w:rStyle w:val="RunKhongCo"/></w:rPr><w:t>y</w:t></w:r></w:p>' })],
    ['two parts of one name', rename(await build({ extra: { 'word/documenX.xml': `<?xml version="1.0"?><w:document ${W}><w:body>${para(run('bản trùng tên'))}</w:body></w:document>` } }), 'word/documenX.xml', 'word/document.xml')],
    ['non-ASCII part name', await build({ extra: { 'word/tệp.xml': '<x/>' } })],
    ['bytes before the zip', Buffer.concat([Buffer.from('garbage before the zip'), letter])],
    ['damaged document.xml', damage(letter, 'word/document.xml')],
    ['damaged footnotes.xml', damage(letter, 'word/footnotes.xml')],
    ['cut off', letter.subarray(0, letter.length - 30)],
    ['no document.xml', rename(letter, 'word/document.xml', 'word/documenY.xml')],
  ];
}

/** A model as JSON (functions left out: image readers). */
const json = (x: unknown) => JSON.stringify(x);
const settle = async <T>(p: Promise<T>): Promise<{ ok: T } | { error: string }> => {
  try {
    return { ok: await p };
  } catch (e) {
    return { error: String((e as Error)?.message ?? e) };
  }
};

/** mammoth.convertToHtml, as the parser called it: the model it built and its messages. */
async function reference(buf: Buffer): Promise<{ model: unknown; messages: Array<{ type: string; message: string }> }> {
  let model: unknown = null;
  const result = await mammoth.convertToHtml({ buffer: buf }, {
    styleMap: STYLE_MAP,
    transformDocument: (doc: unknown) => {
      model = doc;
      return doc;
    },
  } as never);
  return { model, messages: result.messages.map((m) => ({ type: m.type, message: m.message })) };
}

describe('DOCX packages: openZip and mammothFile against JSZip and mammoth', () => {
  it('declines or gives the bytes JSZip gives, for every part', async () => {
    let taken = 0;
    for (const [name, buf] of await cases()) {
      const parts = openZip(buf);
      const zip = await settle(JSZip.loadAsync(buf));
      if (!parts) continue;
      taken++;
      expect('ok' in zip, name).toBe(true);
      const z = (zip as { ok: JSZip }).ok;
      const names = Object.keys(z.files).filter((n) => !z.files[n]!.dir);
      for (const n of names) {
        expect(parts.has(n), `${name}: ${n}`).toBe(true);
        const mine = await settle(parts.bytes(n));
        const theirs = await settle(z.file(n)!.async('nodebuffer'));
        if ('ok' in mine) expect(Buffer.from(mine.ok!).equals((theirs as { ok: Buffer }).ok), `${name}: ${n}`).toBe(true);
        else expect(parts.failed, `${name}: ${n}`).toBe(true);
      }
      expect(parts.has('word/nothing.xml')).toBe(false);
    }
    expect(taken).toBeGreaterThan(20);
  });

  it('reads parts as mammoth does, a missing part with the same error', async () => {
    const buf = await build({ bom: true });
    const mine = mammothFile(openZip(buf)!, new Map());
    const theirs = mammothFile(jszipParts(await JSZip.loadAsync(buf)), new Map());
    for (const enc of ['utf-8', 'base64', undefined]) {
      expect(await mine.read('word/document.xml', enc)).toEqual(await theirs.read('word/document.xml', enc));
    }
    const err = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return String(e);
      }
    };
    const zip = await JSZip.loadAsync(buf);
    expect(err(() => mine.read('word/missing.png', 'base64'))).toBe(err(() => zip.file('word/missing.png')!.async('uint8array')));
  });
});

describe('DOCX packages: mammothModel against mammoth.convertToHtml', () => {
  it('the same model and messages, or the same failure', async () => {
    for (const [name, buf] of await cases()) {
      const ref = await settle(reference(buf));
      const parts = openZip(buf);
      const zip = await settle(JSZip.loadAsync(buf));
      if (!('ok' in zip)) {
        expect(parts, name).toBe(null);
        expect('error' in ref, name).toBe(true);
        continue;
      }
      for (const p of parts ? [parts, jszipParts(zip.ok)] : [jszipParts(zip.ok)]) {
        const got = await settle(mammothModel(mammothFile(p, new Map())));
        if (p.failed) continue; // the parser reads the file again through JSZip
        if ('error' in ref) expect(got, name).toEqual(ref);
        else {
          expect('ok' in got, name).toBe(true);
          const g = (got as { ok: { model: unknown; messages: Array<{ type: string; message: string }> } }).ok;
          expect(json(g.model), name).toBe(json(ref.ok.model));
          expect(g.messages.map((m) => ({ type: m.type, message: m.message })), name).toEqual(ref.ok.messages);
        }
      }
    }
  });

  it('with a rewritten document.xml: the same as convertToHtml on the package zipped again', async () => {
    const buf = await build({ body: para(run('Có logo') + drawing('r:embed="rIdI"')) + letterBody(), rels: IMAGE_REL('rIdI', 'media/missing.png') });
    const zip = await JSZip.loadAsync(buf);
    const xml = (await zip.file('word/document.xml')!.async('string')).replace('Có logo', 'Có &amp; logo ✓');
    zip.file('word/document.xml', xml);
    const ref = await reference(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    const got = await mammothModel(mammothFile(openZip(buf)!, new Map([['word/document.xml', xml]])));
    expect(json(got.model)).toBe(json(ref.model));
    expect(got.messages.map((m) => ({ type: m.type, message: m.message }))).toEqual(ref.messages);
  });

  it('parseDocx gives the same RawDoc whichever way the package is read', async () => {
    // the JSZip way: bytes before the zip make openZip decline
    for (const [name, buf] of await cases()) {
      if (!openZip(buf)) continue;
      const a = await settle(parseDocx(buf, 'a.docx'));
      const b = await settle(parseDocx(Buffer.concat([Buffer.from('x'), buf]), 'a.docx'));
      expect(json(a), name).toBe(json(b));
    }
  });
});
