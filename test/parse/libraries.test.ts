/**
 * The contract with the libraries congvan reaches inside of: mammoth (seven private
 * mammoth/lib/* modules, called as convertToHtml calls them; mammoth/lib/zipfile.js's
 * interface, which src/parse/zip.ts imitates) and pdfjs-dist (the legacy build's polyfills
 * put back, the worker run in-thread). Both are pinned to exact versions in package.json;
 * an upgrade that changes what is relied on here fails these tests, by name, before it
 * fails a parse in some other way.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import mammoth from 'mammoth';
import docxReader from 'mammoth/lib/docx/docx-reader.js';
import docxStyleMap from 'mammoth/lib/docx/style-map.js';
import documentToHtml from 'mammoth/lib/document-to-html.js';
import optionsReader from 'mammoth/lib/options-reader.js';
import styleReader from 'mammoth/lib/style-reader.js';
import results from 'mammoth/lib/results.js';
import images from 'mammoth/lib/images.js';
import { mammothModel, STYLE_MAP } from '../../src/parse/docx.js';
import { openZip, mammothFile } from '../../src/parse/zip.js';
import { loadPdfjs } from '../../src/parse/pdf.js';
import { CORPUS, ROOT, STEMS } from '../helpers.js';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const installed = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;

describe('the versions reached inside of', () => {
  it.each(['mammoth', 'pdfjs-dist'])('%s is pinned to one exact version, the one installed', (name) => {
    expect(pkg.dependencies[name], `${name} in package.json`).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed(name)).toBe(pkg.dependencies[name]);
  });
});

describe("mammoth's private modules", () => {
  it('have the functions src/parse/docx.ts calls', () => {
    expect(typeof docxReader.read).toBe('function');
    expect(typeof docxStyleMap.readStyleMap).toBe('function');
    expect(typeof documentToHtml.DocumentConverter).toBe('function');
    expect(typeof optionsReader.readOptions).toBe('function');
    expect(typeof styleReader.readStyle).toBe('function');
    expect(typeof results.Result.combine).toBe('function');
    expect(typeof images.imgElement).toBe('function');
    const options = optionsReader.readOptions({ styleMap: STYLE_MAP });
    expect(typeof options.readStyleMap).toBe('function');
    expect(options.readStyleMap()).toEqual(expect.arrayContaining(STYLE_MAP));
  });

  it("zipfile.js reads parts through exists() and read(name, encoding), as zip.ts's mammothFile serves them", async () => {
    const zipfile = require('mammoth/lib/zipfile.js') as { openArrayBuffer(b: ArrayBuffer | Buffer): Promise<Record<string, unknown>> };
    const buf = fs.readFileSync(path.join(CORPUS, 'docx', `${STEMS[0]}.docx`));
    const theirs = (await zipfile.openArrayBuffer(buf)) as { exists(n: string): boolean; read(n: string, e?: string): Promise<string | Uint8Array> };
    const ours = mammothFile(openZip(buf)!, new Map());
    for (const k of ['exists', 'read']) expect(typeof theirs[k as 'exists'], k).toBe('function');
    for (const name of ['word/document.xml', '[Content_Types].xml', 'word/nope.xml']) expect(ours.exists(name), name).toBe(theirs.exists(name));
    expect(await ours.read('word/document.xml', 'utf-8')).toBe(await theirs.read('word/document.xml', 'utf-8'));
    expect(Buffer.from((await ours.read('word/document.xml')) as Uint8Array)).toEqual(Buffer.from((await theirs.read('word/document.xml')) as Uint8Array));
    // a missing part fails the same way in both (mammoth reports it as its own error)
    const failure = async (f: () => Promise<unknown>) => {
      try {
        await f();
        return null;
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    expect(await failure(() => ours.read('word/nope.xml'))).toBe(await failure(() => theirs.read('word/nope.xml')));
  });

  it.each(STEMS.slice(0, 3))('composed as convertToHtml composes them: the same messages for %s', async (stem) => {
    const buf = fs.readFileSync(path.join(CORPUS, 'docx', `${stem}.docx`));
    const ours = await mammothModel(mammothFile(openZip(buf)!, new Map()));
    const theirs = await mammoth.convertToHtml({ buffer: buf }, { styleMap: STYLE_MAP });
    expect(ours.messages.map((m) => `${m.type}: ${m.message}`)).toEqual(theirs.messages.map((m) => `${m.type}: ${m.message}`));
    expect(ours.model.type).toBe('document');
    expect((ours.model.children ?? []).length).toBeGreaterThan(5);
  });
});

describe("pdfjs-dist's legacy build", () => {
  it('loads with the native Array.prototype.push and JSON kept, its worker running in this thread', async () => {
    const push = Array.prototype.push;
    const { parse, stringify } = JSON;
    const pdfjs = await loadPdfjs();
    expect(Array.prototype.push).toBe(push);
    expect(JSON.parse).toBe(parse);
    expect(JSON.stringify).toBe(stringify);
    expect(pdfjs.version).toBe(pkg.dependencies['pdfjs-dist']);
    expect(typeof pdfjs.getDocument).toBe('function');
    expect(typeof (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler).toBe('function');
    const data = new Uint8Array(fs.readFileSync(path.join(CORPUS, 'pdf', `${STEMS[0]}.pdf`)));
    const doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
    try {
      expect(doc.numPages).toBeGreaterThan(0);
      const text = await (await doc.getPage(1)).getTextContent();
      expect(text.items.some((i) => 'str' in i && /[\p{L}]/u.test(i.str))).toBe(true);
    } finally {
      await doc.destroy();
    }
  });
});
