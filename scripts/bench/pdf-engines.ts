/**
 * The two PDF text engines side by side: `tsx scripts/bench/pdf-engines.ts <out-dir> files...`
 * writes each file's blocks as read by poppler and by pdfjs (out-dir/<name>.poppler.txt,
 * .pdfjs.txt) and prints the time each took, to compare what they read.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parsePdf } from '../../src/parse/pdf.js';

const [out, ...files] = process.argv.slice(2);
if (!out || !files.length) throw new Error('usage: pdf-engines.ts <out-dir> <file.pdf>...');
mkdirSync(out, { recursive: true });
for (const engine of ['poppler', 'pdfjs']) {
  process.env.CONGVAN_PDF_ENGINE = engine;
  let total = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    const t = performance.now();
    const doc = await parsePdf(buf, f, { ocr: false });
    const ms = performance.now() - t;
    total += ms;
    const text = doc.blocks.map((b) => `[${b.kind}${b.furniture ? ' ' + b.furniture : ''}${b.bold ? ' b' : ''}${b.italic ? ' i' : ''}${b.align ? ' ' + b.align : ''}${b.column ? ' ' + b.column : ''} p${b.page}] ${b.rows ? b.rows.map((r) => r.join(' | ')).join('\n  ') : b.text}`).join('\n');
    writeFileSync(join(out, `${basename(f)}.${engine}.txt`), text + '\n\n' + doc.diagnostics.map((d) => d.message).join('\n') + '\n');
    console.log(engine, basename(f), `${ms.toFixed(0)} ms`);
  }
  console.log(engine, 'total', `${total.toFixed(0)} ms`);
}
