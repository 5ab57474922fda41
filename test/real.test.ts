/**
 * Real documents (corpus/real, see SOURCES there): Word (docx, doc), text-layer PDFs and
 * scanned PDFs from a provincial office, ingested once with the pipeline and graded against
 * corpus/real/gold with src/eval/score.ts. Records pair with gold by file stem. A gold record
 * with "partial": true and no tasks grades the document fields only; the obligations figures
 * come from the documents whose gold lists tasks.
 *
 * Documents are grouped by the folder they sit in (corpus/real/<group>/, the format column of
 * SOURCES): what the document is, whatever the parser makes of it. (`congvan eval --by
 * format` groups by the record's own source.format instead.)
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ingest, type IngestEvent, type IngestSummary } from '../pipelines/ingest.js';
import { hasOcr } from '../src/parse/ocr.js';
import { breakdown, flatten, formatBreakdown, readRecords, score, type Group } from '../src/eval/score.js';
import { ROOT, tmpDir } from './helpers.js';

type GroupName = 'docx' | 'doc' | 'pdf' | 'scan';

/**
 * THE FLOORS: one table, the figures each group of corpus/real must reach (fractions, named as
 * src/eval/score.ts flatten() names them; obligations.f1 is graded on the group's documents whose
 * gold lists tasks, the held-out ones included). Each floor is the figure measured at the commit
 * that set it, minus a margin of 0.03, so a regression fails; the figures the issue asks for are
 * the `// target` comments, and where a floor is under its target the gap is real and open.
 * Measured on 2 cores with tesseract 5 (vie), antiword and poppler, gold of 62 annotated records (every real document: the 29 whose gold held header fields only were read in full in session 22, 26 of them assigning no work, so precision on reports, tờ trình and replies is graded too).
 * Raise a floor as extraction improves; do not lower one to let a change through.
 */
const FLOORS: Record<GroupName, Record<string, number>> = {
  // Word 2007+ (.docx): 23 documents, 14 with tasks
  docx: {
    'document.number': 0.97, // target 0.95 (measured 1.000)
    'document.symbol': 0.97, // target 0.95 (measured 1.000)
    'document.type': 0.97, // target 0.95 (measured 1.000)
    'document.date': 0.97, // target 0.90 (measured 1.000)
    'document.issuer': 0.97, // target 0.85 (measured 1.000)
    'obligations.f1': 0.94, // target 0.85 (measured 0.968)
  },
  // Word 97-2003 (.doc): 9 documents, 7 with tasks
  doc: {
    'document.number': 0.97, // target 0.95 (measured 1.000)
    'document.symbol': 0.97, // target 0.95 (measured 1.000)
    'document.type': 0.97, // target 0.95 (measured 1.000)
    'document.date': 0.97, // target 0.90 (measured 1.000)
    'document.issuer': 0.97, // target 0.85 (measured 1.000)
    'obligations.f1': 0.96, // target 0.85 (measured 0.995)
  },
  // PDF with a text layer: 16 documents, 6 with tasks
  pdf: {
    'document.number': 0.97, // target 0.95 (measured 1.000)
    'document.symbol': 0.97, // target 0.95 (measured 1.000)
    'document.type': 0.97, // target 0.95 (measured 1.000)
    'document.date': 0.97, // target 0.90 (measured 1.000)
    'document.issuer': 0.97, // target 0.85 (measured 1.000 with poppler; pdfjs loses rd011's word spaces: 0.938)
    'obligations.f1': 0.89, // target 0.85 (measured 0.912: a reply's condition read as a task (rd012); the others as at 0.920)
  },
  // scanned PDF (OCR): 14 documents, 9 with tasks; numbers and days are mostly handwritten
  scan: {
    'document.number': 0.75, // target 0.75 (measured 0.786: handwritten numbers read from the ink where every digit is sure, by the MNIST neighbours or the network, src/parse/digits.ts and cnn.ts, or printed again where an appendix names the document (rd018); tesseract reads none)
    'document.symbol': 0.97, // target 0.9 (measured 1.000: the printed symbol after the marks a handwritten number left, look-alike letters read by its form)
    'document.type': 0.97, // target 0.9 (measured 1.000)
    'document.date': 0.85, // target 0.75 (measured 0.929: handwritten days read from the ink, where tesseract's character boxes and the ink say the slot starts; rd028's day and month left out)
    'document.issuer': 0.89, // target 0.85 (measured 0.929)
    'document.signer.name': 0.89, // target 0.75 (measured 0.929: the signature block read again without the seal's red and the pen's blue; rd030, a biên bản's chair with the title under the name, is missed)
    'document.signer.position': 0.89, // target 0.75 (measured 0.929: title words whose tone marks the scan misread, "GIÁM ĐÓC")
    'obligations.f1': 0.80, // target 0.85 (measured 0.808 on the 14 fully read scans: OCR'd items the scorer pairs with their neighbours, paragraphs OCR runs into the bullet before (rd021), a resolution's agenda (rd025))
  },
};

const REAL = path.join(ROOT, 'corpus', 'real');
const GOLD = path.join(REAL, 'gold');
const GROUPS: GroupName[] = ['docx', 'doc', 'pdf', 'scan'];
const reference = path.join(ROOT, '..', 'shared', 'eval', 'score.mjs');

// ---- the tools each group needs; a group whose tool is missing is skipped, and says so
const hasTool = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
};
const MISSING: Record<GroupName, string | null> = {
  docx: null,
  doc: hasTool('antiword', []) ? null : 'antiword is not installed (apt-get install antiword)',
  pdf: hasTool('pdftotext', ['-v']) ? null : 'pdftotext is not installed (apt-get install poppler-utils)',
  scan: (await hasOcr('vie')) ? null : 'tesseract with Vietnamese data (or pdftoppm) is not installed (apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)',
};
for (const g of GROUPS) if (MISSING[g]) console.warn(`real documents: the ${g} files are not ingested and their floors are skipped: ${MISSING[g]}`);
const AVAILABLE = GROUPS.filter((g) => !MISSING[g]);

/** Every file of corpus/real/<group>/, and the group of each stem. */
const FILES = new Map<GroupName, string[]>(GROUPS.map((g) => [g, fs.readdirSync(path.join(REAL, g)).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(REAL, g, f))]));
const GROUP_OF = new Map<string, GroupName>();
for (const [g, files] of FILES) for (const f of files) GROUP_OF.set(path.parse(f).name, g);
const stemOf = (file: unknown) => path.parse(path.basename(String(file ?? ''))).name;

const pct = (x: number) => (100 * x).toFixed(1);

describe('real documents (corpus/real): every file stored, floors per format group', () => {
  const dir = tmpDir('congvan-real-');
  const json = path.join(dir, 'json');
  const failures: { file: string; stage: string; reason: string }[] = [];
  let stored = 0;
  let tasks = 0;
  let gold: ReturnType<typeof readRecords>;
  let pred: ReturnType<typeof readRecords>;
  let groups: Group[];

  beforeAll(async () => {
    const files = AVAILABLE.flatMap((g) => FILES.get(g)!);
    const t0 = Date.now();
    const options = {
      db: path.join(dir, 'store.db'),
      json,
      jobs: 2,
      // the scans are OCR'd page by page: a 6-page scan takes minutes on a busy machine
      timeoutMs: 10 * 60_000,
      onResult: (e: IngestEvent) => {
        if (e.status === 'failed') failures.push({ file: path.relative(REAL, e.file), stage: e.stage, reason: e.reason });
      },
    };
    const first = await ingest(files, options);
    // A file stopped for time (the batch's limit, or OCR's own limit per page for pdftoppm and
    // tesseract) failed because the machine was busy, not because it cannot be read: it is tried
    // once more, alone (jobs 1: no batch limit, no other file competing), and said so. Any other
    // failure stands.
    const slow = failures.filter((f) => /took longer than/.test(f.reason));
    let second: IngestSummary | null = null;
    if (slow.length) {
      console.warn(`real documents: stopped for time, tried again alone: ${slow.map((f) => `${f.file} (${f.reason})`).join('; ')}`);
      failures.splice(0, failures.length, ...failures.filter((f) => !slow.includes(f)));
      second = await ingest(slow.map((f) => path.join(REAL, f.file)), { ...options, jobs: 1 });
    }
    stored = first.ingested + (second?.ingested ?? 0);
    tasks = first.tasks + (second?.tasks ?? 0);
    const seconds = Math.round((Date.now() - t0) / 1000);
    gold = readRecords(GOLD).filter((g) => AVAILABLE.includes(GROUP_OF.get(stemOf(g.source.file))!));
    pred = fs.existsSync(json) ? readRecords(json) : [];
    groups = breakdown(gold, pred, (g) => GROUP_OF.get(stemOf(g.source.file)) ?? 'unknown');

    // the figures, readably
    const lines = [`real documents: ${stored} stored, ${failures.length} failed, ${tasks} tasks, ${seconds} s`];
    lines.push(`${'group'.padEnd(6)} ${'figure'.padEnd(16)} ${'value'.padStart(6)} ${'floor'.padStart(6)}   (docs: found/gold, annotated; % ; targets: the FLOORS comments)`);
    for (const g of groups) {
      const name = g.key as GroupName;
      const flat = flatten(g.result);
      lines.push(`${name.padEnd(6)} ${''.padEnd(16)} ${''.padStart(6)} ${''.padStart(6)}   (${g.result.documents.found}/${g.result.documents.gold}, ${g.annotated} annotated)`);
      for (const [k, floor] of Object.entries(FLOORS[name] ?? {})) {
        lines.push(`${''.padEnd(6)} ${k.padEnd(16)} ${pct(flat[k]!).padStart(6)} ${pct(floor).padStart(6)}${flat[k]! < floor ? '   BELOW FLOOR' : ''}`);
      }
    }
    lines.push('', formatBreakdown('folder', groups), '', formatBreakdown('format (the record\'s source.format)', breakdown(gold, pred, 'format')), '', formatBreakdown('type', breakdown(gold, pred, 'type')));
    const overall = score(gold, pred);
    lines.push('', `all: documents ${overall.documents.found}/${overall.documents.gold}, obligations P/R/F1 ${pct(overall.obligations.p)}/${pct(overall.obligations.r)}/${pct(overall.obligations.f1)} (tp ${overall.obligations.tp}, gold ${overall.obligations.gold}, pred ${overall.obligations.pred})`);
    console.log(lines.join('\n'));
  }, 15 * 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores every file', () => {
    const expected = AVAILABLE.reduce((n, g) => n + FILES.get(g)!.length, 0);
    const why = failures.map((f) => `${f.file}: ${f.stage}: ${f.reason}`).join('\n');
    expect(failures, `files that failed:\n${why}`).toEqual([]);
    expect(stored, why).toBe(expected);
  });

  it('has a gold record for every file, and a record for every gold document', () => {
    const files = AVAILABLE.flatMap((g) => FILES.get(g)!).map(stemOf).sort();
    expect(gold.map((g) => stemOf(g.source.file)).sort()).toEqual(files);
    const found = new Set(pred.map((r) => stemOf(r.source.file)));
    expect(files.filter((s) => !found.has(s)), 'gold documents without a record').toEqual([]);
  });

  for (const name of GROUPS) {
    it.skipIf(!!MISSING[name])(`${name}: the figures reach their floors${MISSING[name] ? ` (skipped: ${MISSING[name]})` : ''}`, () => {
      const g = groups.find((x) => x.key === name);
      expect(g, `no graded document in corpus/real/${name}`).toBeDefined();
      const flat = flatten(g!.result);
      const below = Object.entries(FLOORS[name]).filter(([k, floor]) => !(flat[k]! >= floor)).map(([k, floor]) => `${k} = ${pct(flat[k]!)} % < floor ${pct(floor)} %`);
      expect(below, `${name}: figures below their floor (the misses: congvan eval --gold corpus/real/gold --pred <records> --verbose)`).toEqual([]);
    });
  }

  it.skipIf(!fs.existsSync(reference))('grades as the reference scorer does (overall and each group)', async () => {
    const ref = (await import(pathToFileURL(reference).href)) as { score: (g: unknown[], p: unknown[]) => unknown };
    const same = (ours: unknown, theirs: unknown) => expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(theirs)));
    same(score(gold, pred), ref.score(gold, pred));
    for (const g of groups) same(g.result, ref.score(gold.filter((x) => g.ids.includes(stemOf(x.source.file))), pred));
  });
});
