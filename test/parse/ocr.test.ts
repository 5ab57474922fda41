import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawDoc } from '../../src/model/types.js';
import { greyPgm, hasOcr, mergeRegion, parseListLangs, printOnlyPgm, readPpm, redChannelPgm, signatureRegions, wordsFromHocr } from '../../src/parse/ocr.js';
import { parsePdf } from '../../src/parse/pdf.js';
import { normalise } from '../../src/normalise/index.js';
import { extract } from '../../src/extract/index.js';
import { score } from '../../src/eval/score.js';

const ROOT = path.resolve(__dirname, '../..');
const SCAN = path.join(ROOT, 'corpus/scan/003_1d9eea9674fe7869.pdf');
const TEXT_PDF = path.join(ROOT, 'corpus/pdf/003_1d9eea9674fe7869.pdf');

const hasTesseract = await hasOcr('vie');
if (!hasTesseract) console.warn('tesseract-ocr/tesseract-ocr-vie not installed: OCR test skipped');

const words = (d: RawDoc) =>
  d.blocks
    .filter((b) => !b.furniture)
    .map((b) => b.text)
    .join(' ')
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);

/** Words of `truth` found in order in `got` (longest common subsequence), as a share of `truth`. */
function wordRecall(truth: string[], got: string[]): number {
  let prev = new Int32Array(got.length + 1);
  for (let i = truth.length - 1; i >= 0; i--) {
    const cur = new Int32Array(got.length + 1);
    for (let j = got.length - 1; j >= 0; j--) cur[j] = truth[i] === got[j] ? prev[j + 1]! + 1 : Math.max(prev[j]!, cur[j + 1]!);
    prev = cur;
  }
  return prev[0]! / truth.length;
}

describe('OCR of a scanned PDF (tesseract, vie)', () => {
  let scan: RawDoc;
  let ms = 0;
  beforeAll(async () => {
    if (!hasTesseract) return;
    const t = Date.now();
    scan = await parsePdf(fs.readFileSync(SCAN), 'scan.pdf');
    ms = Date.now() - t;
  }, 300_000);

  it.skipIf(!hasTesseract)('reads the letter: number, references, paragraphs, columns', async () => {
    expect(scan.format).toBe('scan');
    expect(scan.pages).toBe(3);
    const text = scan.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('4918');
    expect(text).toContain('UBND-NC');
    expect(text).toContain('118/KH-UBND ngày 29/7/2021');
    expect(scan.blocks.find((b) => b.text.startsWith('ỦY BAN NHÂN DÂN'))?.column).toBe('left');
    expect(scan.blocks.find((b) => b.text.startsWith('CỘNG HÒA XÃ HỘI'))?.column).toBe('right');
    expect(scan.blocks.find((b) => b.text === 'Nơi nhận:')?.column).toBe('left');
    const items = scan.blocks.filter((b) => b.kind === 'listItem').map((b) => b.text.split(' ')[0]);
    for (const m of ['1.', '1.1.', '1.6.', '1.7.', '1.11.', '2.', '-']) expect(items).toContain(m);
    // the footnote at the foot of page 1 is a footnote block, not body text
    const notes = scan.blocks.filter((b) => b.kind === 'footnote');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toMatch(/^1 Các Sở: Lao động/);
    expect(scan.diagnostics.some((d) => /OCR/.test(d.message))).toBe(true);
    console.info(`OCR of 3 pages: ${ms} ms`);
  });

  it.skipIf(!hasTesseract)('gives an extraction within 15 points of the .txt rendition on obligations (gold 003)', () => {
    const ex = extract(normalise(scan, '003_1d9eea9674fe7869.pdf'));
    const gold = JSON.parse(fs.readFileSync(path.join(ROOT, 'corpus/gold/003_1d9eea9674fe7869.json'), 'utf8'));
    const pred = { source: { file: '003_1d9eea9674fe7869.pdf' }, document: { ...ex.fields }, tasks: ex.tasks.map((t) => ({ ...t, lead: t.lead.map((a) => a.name), support: t.support.map((a) => a.name) })) };
    const r = score([gold], [pred]);
    expect(r.obligations.f1).toBeGreaterThanOrEqual(0.85);
    expect(r.fields.number!.value).toBe(1);
    expect(r.references.f1).toBeGreaterThanOrEqual(0.9);
  });

  it.skipIf(!hasTesseract)('gets at least 97% of the words of the text-layer PDF, in order', async () => {
    const truth = words(await parsePdf(fs.readFileSync(TEXT_PDF), 'text.pdf'));
    const got = words(scan);
    const recall = wordRecall(truth, got);
    const precision = wordRecall(got, truth);
    console.info(`OCR word recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}% (${truth.length} words)`);
    expect(recall).toBeGreaterThan(0.97);
    expect(precision).toBeGreaterThan(0.97);
  });
});

describe('OCR set-up', () => {
  it('reads tesseract hOCR: words on their line baseline, sizes in points', () => {
    const hocr = `<div class='ocr_page' title='bbox 0 0 2481 3508'>
      <span class='ocr_line' id='line_1_1' title="bbox 300 600 2200 660; baseline 0 -12; x_size 52; x_descenders 12; x_ascenders 14">
        <span class='ocrx_word' id='word_1_1' title='bbox 300 600 520 648; x_wconf 96'>Kính</span>
        <span class='ocrx_word' id='word_1_2' title='bbox 540 600 700 660; x_wconf 91'>gửi:</span>
      </span>
      <span class='ocr_line' id='line_1_2' title="bbox 300 700 900 750; baseline 0 -10; x_size 52">
        <span class='ocrx_word' id='word_1_3' title='bbox 300 700 900 750; x_wconf 90'>A&amp;B</span>
      </span></div>`;
    const { words: w, meanConfidence } = wordsFromHocr(hocr, 300);
    expect(w.map((x) => x.text)).toEqual(['Kính', 'gửi:', 'A&B']);
    expect(w[0]!.baseline).toBeCloseTo(((660 - 12) * 72) / 300, 5);
    expect(w[1]!.baseline).toBe(w[0]!.baseline);
    expect(w[0]!.x).toBeCloseTo(72, 5);
    expect(w[0]!.size).toBeGreaterThan(12);
    expect(w[0]!.size).toBeLessThan(14);
    expect(meanConfidence).toBeCloseTo((96 + 91 + 90) / 3, 5);
  });

  it('reads tesseract\'s character boxes (hocr_char_boxes): the same words, each code point with its left and right edge', () => {
    // as tesseract 5 writes them for a word that runs "Số:" into a handwritten number and the symbol
    const cinfo = (t: string, x0: number, x1: number) => `<span class='ocrx_cinfo' title='x_bboxes ${x0} 435 ${x1} 497; x_conf 90'>${t}</span>`;
    const hocr = `<div class='ocr_page' title='bbox 0 0 2481 3508'>
      <span class='ocr_line' id='line_1_1' title="bbox 480 430 1000 500; baseline 0 -10; x_size 60">
        <span class='ocrx_word' id='word_1_1' title='bbox 483 435 940 497; x_wconf 57'>${cinfo('S', 483, 508)}${cinfo('ố', 513, 538)}${cinfo(':', 546, 553)}${cinfo('5', 562, 607)}${cinfo('2', 601, 635)}${cinfo('/', 693, 746)}${cinfo('B', 721, 752)}</span>
        <span class='ocrx_word' id='word_1_2' title='bbox 960 435 1000 497; x_wconf 90'>${cinfo('A&amp;', 960, 1000)}</span>
      </span></div>`;
    const { words: w } = wordsFromHocr(hocr, 300);
    expect(w.map((x) => x.text)).toEqual(['Số:52/B', 'A&']);
    const k = 72 / 300;
    expect(w[0]!.chars!.length).toBe(14);
    expect(w[0]!.chars![5]).toBeCloseTo(553 * k, 5); // the colon's right edge
    expect(w[0]!.chars![10]).toBeCloseTo(693 * k, 5); // the slash's left edge
    // a character that is two code points gives both its box
    expect(w[1]!.chars).toEqual([960 * k, 1000 * k, 960 * k, 1000 * k]);
    // a word without character boxes has none
    expect(wordsFromHocr(`<span class='ocr_line' title="bbox 0 0 100 50; baseline 0 -5; x_size 40"><span class='ocrx_word' title='bbox 0 0 100 50; x_wconf 90'>Số:</span></span>`, 300).words[0]!.chars).toBeUndefined();
  });

  it('names the Debian package when tesseract or its Vietnamese data is missing', () => {
    const script = "import('./src/parse/ocr.ts').then((m) => m.ensureOcrAvailable('vie')).then(() => console.log('OK'), (e) => console.log(e.code + ': ' + e.message))";
    const node = process.execPath;
    // a PATH holding node and nothing else
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'));
    try {
      fs.symlinkSync(node, path.join(bin, 'node'));
      const noTesseract = execFileSync(node, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, PATH: bin }, encoding: 'utf8' });
      expect(noTesseract).toMatch(/^tool\.missing: OCR needs the tesseract program: install the Debian package tesseract-ocr /);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
    if (hasTesseract) {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tessdata-'));
      try {
        const noVie = execFileSync(node, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, TESSDATA_PREFIX: empty }, encoding: 'utf8' });
        expect(noVie).toMatch(/^tool\.missing: OCR needs the Vietnamese language data for tesseract: install the Debian package tesseract-ocr-vie/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    }
  }, 60_000);
});

describe('OCR availability check', () => {
  it('reads the language list from either stream, with or without the header line', () => {
    // tesseract 5 (stdout)
    expect(parseListLangs('List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):\neng\nosd\nvie\n')).toEqual({ langs: ['eng', 'osd', 'vie'], dir: '/usr/share/tesseract-ocr/5/tessdata/' });
    // tesseract 3.x (stderr, no folder), Windows line ends, a warning in between
    expect(parseListLangs('List of available languages (2):\r\nvie\r\nWarning: Invalid resolution 0 dpi.\r\neng\r\n')).toEqual({ langs: ['vie', 'eng'], dir: null });
    // data in sub-folders
    expect(parseListLangs('List of available languages in "/x/" (2):\nscript/Latin\ntessdata/vie\n').langs).toEqual(['script/Latin', 'tessdata/vie']);
  });

  const CHECK = "import('./src/parse/ocr.ts').then((m) => m.ensureOcrAvailable('vie')).then(() => console.log('OK'), (e) => console.log(e.code + ': ' + e.message))";
  /** Run the check with a fake `tesseract` (a shell script) first on PATH. */
  function checkWith(script: string, env: NodeJS.ProcessEnv = {}): string {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tesseract-'));
    try {
      fs.writeFileSync(path.join(bin, 'tesseract'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      return execFileSync(process.execPath, ['--import', 'tsx', '-e', CHECK], { cwd: ROOT, env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' }).trim();
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  }

  it('never calls vie missing when tesseract lists it: on stderr, or exiting with an error', () => {
    expect(checkWith('echo "List of available languages (2):" >&2; echo eng >&2; echo vie >&2')).toBe('OK');
    expect(checkWith('echo "List of available languages (2):"; echo eng; echo vie; exit 1')).toBe('OK');
  }, 60_000);

  it('counts the data file in the folder tesseract names, and names the package only when it is not there', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'tessdata-'));
    try {
      // a list that leaves it out (an odd build): the file decides
      fs.writeFileSync(path.join(data, 'vie.traineddata'), '');
      expect(checkWith(`echo 'List of available languages in "${data}/" (1):'; echo eng`)).toBe('OK');
      fs.rmSync(path.join(data, 'vie.traineddata'));
      expect(checkWith(`echo 'List of available languages in "${data}/" (1):'; echo eng`)).toMatch(/^tool\.missing: OCR needs the Vietnamese language data for tesseract: install the Debian package tesseract-ocr-vie/);
      // a failure that is not a missing package says what failed
      expect(checkWith('echo "Segmentation fault" >&2; exit 139', { TESSDATA_PREFIX: data })).toMatch(/^tool\.failed: OCR: could not list tesseract's languages \(tesseract failed: Segmentation fault\)$/);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('OCR failures are typed and name the page (a fake tesseract)', () => {
  const RUN = "import('./src/parse/ocr.ts').then((m) => m.ocrPdfPages(require('node:fs').readFileSync(process.env.SCAN), [2], { timeoutMs: Number(process.env.LIMIT) })).then(() => console.log('OK'), (e) => console.log(e.name + ' ' + e.code + ': ' + e.message))";
  function ocrWith(script: string, limitMs = 60_000): string {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tesseract-'));
    try {
      fs.writeFileSync(path.join(bin, 'tesseract'), `#!/bin/sh\nif [ "$1" = "--list-langs" ]; then echo vie; exit 0; fi\n${script}\n`, { mode: 0o755 });
      return execFileSync(process.execPath, ['--import', 'tsx', '-e', RUN], { cwd: ROOT, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SCAN, LIMIT: String(limitMs) }, encoding: 'utf8' }).trim();
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  }
  it.skipIf(!hasPdftoppm)('tesseract failing on a page is tool.ocr-failed, with the page and the reason', () => {
    expect(ocrWith('echo "Error in pixReadMem: Unknown format" >&2; exit 1')).toBe('ToolError tool.ocr-failed: OCR failed on page 2: tesseract failed: Error in pixReadMem: Unknown format');
  }, 60_000);
  it.skipIf(!hasPdftoppm)('a tool over its time limit is tool.timeout', () => {
    // the fake never answers: it is stopped at the limit, whatever the machine's speed
    expect(ocrWith('exec sleep 30', 1000)).toMatch(/^ToolError tool\.timeout: OCR failed on page 2: (?:tesseract|pdftoppm) took longer than 1 s and was stopped$/);
  }, 60_000);
});

describe('OCR of several pages (a fake tesseract)', () => {
  // The fake records its arguments and OMP_THREAD_LIMIT, waits (up to 10 s) until a second
  // page has started too, and answers one word per page.
  const FAKE = `#!/bin/sh
if [ "$1" = "--list-langs" ]; then echo 'List of available languages in "/x/" (1):'; echo vie; exit 0; fi
d="$FAKE_LOG"; echo "$* OMP=$OMP_THREAD_LIMIT" > "$d/start.$$"
i=0; while [ "$(ls "$d" | grep -c '^start')" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
echo "$(( $(ls "$d" | grep -c '^start') - $(ls "$d" | grep -c '^end') ))" > "$d/running.$$"
sleep "\${FAKE_SLEEP:-0}"
echo "<div class='ocr_page' title='bbox 0 0 2481 3508'><span class='ocr_line' title=\\"bbox 300 600 900 660; baseline 0 -12; x_size 52\\"><span class='ocrx_word' title='bbox 300 600 520 648; x_wconf 96'>trang</span></span></div>"
touch "$d/end.$$"
`;
  const SCRIPT = `
import { MessageChannel } from 'node:worker_threads';
import fs from 'node:fs';
const { serveJobs } = await import(process.env.ROOT + '/src/engine/work.ts');
const { ocrPdfPages } = await import(process.env.ROOT + '/src/parse/ocr.ts');
const { port1, port2 } = new MessageChannel();
const seen = [];
port2.on('message', (m) => {
  seen.push(m.type);
  if (m.type !== 'done') return;
  console.log(JSON.stringify({ seen, result: m.result }));
  process.exit(0);
});
serveJobs(port1, async (file, buf) => {
  const pages = await ocrPdfPages(buf, [1, 2, 3], { concurrency: 2 });
  return { ok: false, file, stage: 'test', reason: JSON.stringify(pages.map((p) => [p.page, Math.round(p.width), Math.round(p.height), p.words.map((w) => w.text).join(' ')])), ms: 0 };
});
const bytes = new Uint8Array(fs.readFileSync(process.env.SCAN));
port2.postMessage({ type: 'job', id: 1, file: 'scan.pdf', bytes, limits: {}, json: false });
`;

  it.skipIf(!hasPdftoppm)('reads pages in parallel, one tesseract thread each, at 300 dpi from a PGM, and reports progress as pages finish', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-ocr-'));
    const log = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-ocr-log-'));
    try {
      fs.writeFileSync(path.join(bin, 'tesseract'), FAKE, { mode: 0o755 });
      const script = path.join(bin, 'run.mts');
      fs.writeFileSync(script, SCRIPT);
      const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
        cwd: ROOT,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_LOG: log, FAKE_SLEEP: '1.2', SCAN, ROOT },
        encoding: 'utf8',
      });
      const { seen, result } = JSON.parse(out.trim().split('\n').pop()!);
      // pages in order, each the size of an A4 page (2481 x 3508 px at 300 dpi)
      expect(JSON.parse(result.reason)).toEqual([1, 2, 3].map((p) => [p, 595, 842, 'trang']));
      const starts = fs.readdirSync(log).filter((f) => f.startsWith('start.')).map((f) => fs.readFileSync(path.join(log, f), 'utf8'));
      expect(starts).toHaveLength(3);
      for (const s of starts) {
        expect(s).toMatch(/\.pgm stdout -l vie --psm 4 --dpi 300 -c hocr_char_boxes=1 hocr OMP=1/);
      }
      const running = fs.readdirSync(log).filter((f) => f.startsWith('running.')).map((f) => Number(fs.readFileSync(path.join(log, f), 'utf8')));
      expect(Math.max(...running)).toBe(2);
      // the batch heard of the pages before the file was done
      const job = (seen as string[]).filter((t) => t !== 'ready');
      expect(job[0]).toBe('start');
      expect(job.indexOf('progress')).toBeGreaterThan(0);
      expect(job[job.length - 1]).toBe('done');
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
      fs.rmSync(log, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a red seal over the signature', () => {
  // a page of white paper, black print, and a red disc stamped over part of it
  const page = (w: number, h: number, paint: (x: number, y: number) => [number, number, number]) => {
    const rgb = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.set(paint(x, y), (y * w + x) * 3);
    return { width: w, height: h, rgb };
  };
  const disc = (cx: number, cy: number, r: number) => (x: number, y: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r && (x - cx) ** 2 + (y - cy) ** 2 >= (r - 12) ** 2;
  it('reads a pdftoppm P6 image and greys it as pdftoppm -gray does', () => {
    const img = readPpm(Buffer.concat([Buffer.from('P6\n# by pdftoppm\n2 1\n255\n', 'latin1'), Buffer.from([255, 255, 255, 200, 30, 30])]))!;
    expect([img.width, img.height]).toEqual([2, 1]);
    const grey = greyPgm(img);
    expect(grey.subarray(grey.length - 2)).toEqual(Buffer.from([255, 81]));
    expect(readPpm(Buffer.from('P5\n2 1\n255\nab', 'latin1'))).toBeNull();
  });
  it('finds the seal and widens it to the signature block; a red tick is no seal', () => {
    const ring = disc(1500, 3000, 230);
    const img = page(2400, 3400, (x, y) => (ring(x, y) ? [210, 40, 40] : (x > 1400 && x < 1420 && y > 200 && y < 240) ? [210, 40, 40] : [255, 255, 255]));
    const boxes = signatureRegions(img);
    expect(boxes).toHaveLength(1);
    const b = boxes[0]!;
    expect(b.x0).toBeLessThan(1270);
    expect(b.x1).toBeGreaterThan(1730);
    expect(b.y0).toBeLessThan(2770);
    expect(b.y1).toBeGreaterThan(3230);
    // the red channel of the region: the seal as pale as the paper
    const crop = redChannelPgm(img, b);
    const pixels = crop.subarray(crop.length - (b.x1 - b.x0) * (b.y1 - b.y0));
    expect(pixels.reduce((m, v) => Math.min(m, v), 255)).toBeGreaterThan(200);
    // a stamp in the header of the first page is left alone
    const stamp = disc(600, 500, 230);
    const header = page(2400, 3400, (x, y) => (stamp(x, y) ? [210, 40, 40] : [255, 255, 255]));
    expect(signatureRegions(header, 300)).toHaveLength(1);
    expect(signatureRegions(header, 300, 0.3)).toEqual([]);
  });
  it('widens the seal to the right edge of the page: a rank and a long name run past it', () => {
    const ring = disc(1500, 3000, 230);
    const img = page(2400, 3400, (x, y) => (ring(x, y) ? [210, 40, 40] : [255, 255, 255]));
    const [b] = signatureRegions(img);
    expect(b!.x1).toBe(2400);
    expect(b!.seal.x0).toBeGreaterThan(1250);
    expect(b!.seal.x0).toBeLessThan(1290);
    expect(b!.seal.x1).toBeGreaterThan(1720);
  });
  it('keeps only the black print: a seal\'s red (also where it thins out) and a pen\'s blue turn to paper', () => {
    // black print, a seal's stroke, its pale pink edge, a blue signature, a violet one, grey paper, black print over red
    const px: Array<[number, number, number]> = [[30, 30, 30], [210, 40, 40], [185, 120, 115], [40, 60, 200], [90, 60, 170], [215, 222, 226], [60, 30, 30]];
    const img = { width: px.length, height: 1, rgb: Buffer.from(px.flat()) };
    const pgm = printOnlyPgm(img, { x0: 0, y0: 0, x1: px.length, y1: 1 });
    const v = [...pgm.subarray(pgm.length - px.length)];
    expect(v[0]).toBeLessThan(40);
    expect(v.slice(1, 5)).toEqual([255, 255, 255, 255]);
    expect(v[5]).toBeGreaterThan(200);
    expect(v[6]).toBeLessThan(60);
    // the red channel alone leaves the pink edge grey and the blue pen dark
    const red = redChannelPgm(img, { x0: 0, y0: 0, x1: px.length, y1: 1 });
    expect(red[red.length - px.length + 3]).toBeLessThan(60);
  });
  describe('merging the block read without the inks into the page, line by line', () => {
    const w = (text: string, x: number, baseline: number, conf: number) => ({ text, x, baseline, w: 8 * [...text].length, size: 12, conf });
    // pixels at 300 dpi: the region is 288-576 pt wide, 648-792 pt high; the seal from 336 pt
    const box = { x0: 1200, y0: 2700, x1: 2400, y1: 3300, seal: { x0: 1400, y0: 2800, x1: 1850, y1: 3250 } };
    it('takes a line where it is the surer reading, keeps the page\'s where it is', () => {
      const pageWords = [w('Nơi', 40, 700, 90), w('`', 340, 760, 30), w('8ï', 352, 760, 20), w('Nguyễn', 370, 760, 95), w('Văn', 420, 760, 95), w('Cường', 450, 760, 95), w('GIÁM', 380, 700, 95), w('ĐỐC', 420, 700, 95)];
      const reading = [w('Đại', 52, 112, 96), w('tá', 82, 112, 96), w('Nguyễn', 100, 112, 96), w('Văn', 150, 112, 96), w('Cường', 180, 112, 95), w('G1ÁM', 92, 52, 40), w('ĐỐC', 132, 52, 60)];
      const merged = mergeRegion(pageWords, [reading], box, 300);
      const line = (b: number) => merged.filter((x) => Math.abs(x.baseline - b) < 3).sort((a, c) => a.x - c.x).map((x) => x.text).join(' ');
      expect(line(760)).toBe('Đại tá Nguyễn Văn Cường');
      expect(merged.find((x) => x.text === 'Đại')!.x).toBeCloseTo(288 + 52);
      expect(line(700)).toBe('Nơi GIÁM ĐỐC');
    });
    it('adds a line the page did not read when it is read as print, not a scribble', () => {
      const pageWords = [w('Nơi', 40, 700, 90), w('Hùng', 480, 760, 90)];
      const title = [w('GIÁM', 92, 52, 92), w('ĐỐC', 132, 52, 89)];
      const scribble = [w('—', 92, 80, 84), w('——Ñ', 120, 80, 42), w('x', 160, 80, 70)];
      const merged = mergeRegion(pageWords, [[...title, ...scribble]], box, 300);
      expect(merged.map((x) => x.text)).toContain('GIÁM');
      expect(merged.map((x) => x.text)).not.toContain('——Ñ');
    });
    it('leaves the Nơi nhận side alone, and drops the page\'s unsure marks no clean reading found', () => {
      const pageWords = [w('-', 290, 720, 90), w('Lưu:', 300, 720, 90), w('VT', 330, 720, 90), w('“ˆx', 357, 740, 8), w('2S', 375, 745, 14), w('Long', 500, 760, 96)];
      // the reading's line starts left of the seal (over the Nơi nhận list): not taken
      const reading = [w('Luu', 12, 72, 96), w('VT,', 42, 72, 96), w('C04', 70, 72, 96), w('Long', 212, 112, 96)];
      const merged = mergeRegion(pageWords, [reading], box, 300);
      expect(merged.map((x) => x.text)).toEqual(['-', 'Lưu:', 'VT', 'Long']);
      // a worse reading leaves the page as it was
      const keep = [w('Nguyễn', 400, 760, 96), w('Văn', 450, 760, 96)];
      expect(mergeRegion(keep, [[w('x', 112, 112, 10)]], box, 300)).toEqual(keep);
    });
  });
  it('drops the seal\'s own text, which the reading without any ink does not find', () => {
    const w = (text: string, x: number, baseline: number, conf: number) => ({ text, x, baseline, w: 8 * [...text].length, size: 12, conf });
    const box = { x0: 1200, y0: 2700, x1: 2400, y1: 3300, seal: { x0: 1400, y0: 2800, x1: 1850, y1: 3250 } };
    // the seal spans 336-444 pt across, 672-780 pt down; its text is read sure of itself
    const pageWords = [w('GIÁM', 380, 668, 92), w('ĐỐC', 420, 668, 92), w('VIỄN', 350, 720, 93), w('THÔNG', 390, 720, 91), w('Hồ', 400, 800, 90)];
    const red = [w('VIỄN', 62, 72, 90), w('THÔNG', 102, 72, 90)];
    const none = [w('GIÁM', 92, 20, 92), w('ĐỐC', 132, 20, 92)];
    expect(mergeRegion(pageWords, [red, none], box, 300).map((x) => x.text)).toEqual(['GIÁM', 'ĐỐC', 'Hồ']);
  });
  it('one line two crops put at different heights is one line, not two; a line under it with some of its words is its own', () => {
    const w = (text: string, x: number, baseline: number, conf: number) => ({ text, x, baseline, w: 8 * [...text].length, size: 13.6, conf });
    const box = { x0: 1200, y0: 1800, x1: 2400, y1: 2800, seal: { x0: 1380, y0: 1900, x1: 1850, y1: 2350 } };
    // the red channel reads "GIÁM ĐÓC" 13 pt lower than the reading without any ink
    const red = [w('GIÁM', 114, 67, 90), w('ĐÓC', 154, 67, 91)];
    const none = [w('GIÁM', 114, 54, 91), w('ĐÓC', 154, 54, 92)];
    const once = mergeRegion([], [red, none], box, 300);
    expect(once.map((x) => x.text)).toEqual(['GIÁM', 'ĐÓC']);
    // "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC": two lines
    const kt = [w('KT.GIÁM', 114, 40, 92), w('ĐÓC', 170, 40, 86)];
    const pho = [w('PHÓ', 110, 54, 90), w('GIÁM', 140, 54, 91), w('ĐÓC', 180, 54, 90)];
    expect(mergeRegion([], [[...kt, ...pho]], box, 300).map((x) => x.text)).toEqual(['KT.GIÁM', 'ĐÓC', 'PHÓ', 'GIÁM', 'ĐÓC']);
  });
  it('never lets two words of a line overlap: a stroke through both widened the first', () => {
    const hocr = `<span class='ocr_line' id='line_1' title="bbox 1000 1700 2100 1760; baseline 0 -10; x_size 60"><span class='ocrx_word' title='bbox 1000 1700 1420 1760; x_wconf 68'>Thượng</span> <span class='ocrx_word' title='bbox 1220 1700 1270 1760; x_wconf 96'>tá</span></span>`;
    const [a, b] = wordsFromHocr(hocr, 300).words;
    expect(a!.x + a!.w).toBeLessThan(b!.x - 0.12 * a!.size);
    expect(b!.w).toBeCloseTo((50 * 72) / 300);
  });
  it.skipIf(!hasTesseract)('reads the signer\'s name under the seal of a real scan', async () => {
    const d = await parsePdf(fs.readFileSync(path.join(ROOT, 'corpus/real/scan/rd020.pdf')), 'rd020.pdf');
    const r = extract(normalise(d, 'rd020.pdf'));
    expect(r.fields.signer?.name).toBe('Nguyễn Văn Long');
  }, 300_000);
});
