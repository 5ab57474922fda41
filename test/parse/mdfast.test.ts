/**
 * The fast markdown reader (src/parse/mdfast.ts) against remark-parse, the reference:
 * on every text file of corpus/ and test/fixtures/ the RawDoc is the same either way;
 * on tricky and generated inputs the fast reader gives remark's tree or declines.
 * CONGVAN_FC_RUNS sets the runs of the generated inputs (default 1500), CONGVAN_FC_SEED
 * repeats a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseTextWith } from '../../src/parse/text.js';
import { fastMarkdownTree, type MdNode } from '../../src/parse/mdfast.js';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = Number(process.env.CONGVAN_FC_RUNS ?? 1500);
const SEED = process.env.CONGVAN_FC_SEED ? Number(process.env.CONGVAN_FC_SEED) : undefined;
const params = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) };

function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...textFiles(p));
    else if (/\.(txt|md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const remark = unified().use(remarkParse).freeze();

/** What the block builder reads of a tree: types, values, heading depths, list item markers (lists flattened). */
function shape(n: MdNode, src: string): unknown[] {
  if (n.type === 'list') return (n.children ?? []).flatMap((c) => shape(c, src));
  const o: Record<string, unknown> = { type: n.type };
  if (n.value !== undefined) o.value = n.value;
  if (n.depth) o.depth = n.depth;
  if (n.type === 'listItem') o.marker = src.slice(n.position!.start.offset, n.children?.[0]?.position?.start.offset ?? n.position!.start.offset);
  if (n.children) o.children = n.children.flatMap((c) => shape(c, src));
  return [o];
}

/** The fast tree (null: declined) and whether it equals remark's. */
function compare(src: string): { fast: boolean; same: boolean; remark: unknown; got: unknown } {
  const f = fastMarkdownTree(src);
  const ref = shape(remark.parse(src) as MdNode, src);
  if (!f) return { fast: false, same: true, remark: ref, got: null };
  const got = shape(f, src);
  return { fast: true, same: JSON.stringify(got) === JSON.stringify(ref), remark: ref, got };
}

function rawDocs(src: string): { auto: string; ref: string } {
  const buf = Buffer.from(src, 'utf8');
  return { auto: JSON.stringify(parseTextWith(buf, 'x.md', 'auto')), ref: JSON.stringify(parseTextWith(buf, 'x.md', 'remark')) };
}

describe('nested lists flattened for the fast path', () => {
  it('reads a marker four columns past the item above it as remark does (an indented code block), not as an item', () => {
    const { auto, ref } = rawDocs('1. Thời gian: Từ 18g30 ngày 19/05/2015\n\n3. Nội dung: Thi kiến thức giữa 04 đội thi.\n\n          4. Phân bổ danh sách huy động lực lượng cụ thể như sau:\n');
    expect(auto).toBe(ref);
    expect(JSON.parse(ref).blocks.map((b: { kind: string }) => b.kind)).toEqual(['listItem', 'listItem', 'paragraph']);
    // must not: a nested list two columns in is still flattened and read as items
    const nested = rawDocs('- Sở Nội vụ:\n  - Rà soát thủ tục hành chính.\n  - Báo cáo kết quả.\n');
    expect(nested.auto).toBe(nested.ref);
  });
});

describe('fast markdown reader: corpus and fixtures', () => {
  const files = [...textFiles(path.join(ROOT, 'corpus')), ...textFiles(path.join(ROOT, 'test/fixtures'))];
  // (the kept-aside documents, corpus/kept, are markdown as others wrote it: tables, html breaks, links; the fast reader may
  // decline them, and the auto path must then read them as remark does)
  const fastPath = (rel: string) => !rel.startsWith(`corpus${path.sep}kept${path.sep}`);

  it('finds the text files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [path.relative(ROOT, f)]))('%s: the same RawDoc as remark, the markdown ones on the fast path', (rel) => {
    const buf = fs.readFileSync(path.join(ROOT, rel));
    const ref = parseTextWith(buf, rel, 'remark')!;
    expect(JSON.stringify(parseTextWith(buf, rel, 'auto'))).toBe(JSON.stringify(ref));
    if (ref.format === 'md' && fastPath(rel)) expect(JSON.stringify(parseTextWith(buf, rel, 'fast'))).toBe(JSON.stringify(ref));
    // every file read as markdown: the same either way, whether or not the fast reader takes it
    const asMd = rel.replace(/\.\w+$/, '.md');
    expect(JSON.stringify(parseTextWith(buf, asMd, 'auto'))).toBe(JSON.stringify(parseTextWith(buf, asMd, 'remark')));
  });

  it.each(files.map((f) => [path.relative(ROOT, f)]))('%s ending in a line of spaces (as the bench\'s copies do): the same RawDoc, still on the fast path', (rel) => {
    const buf = Buffer.concat([fs.readFileSync(path.join(ROOT, rel)), Buffer.from('\n' + ' '.repeat(130))]);
    const ref = parseTextWith(buf, rel, 'remark')!;
    expect(JSON.stringify(parseTextWith(buf, rel, 'auto'))).toBe(JSON.stringify(ref));
    if (ref.format === 'md' && fastPath(rel)) expect(JSON.stringify(parseTextWith(buf, rel, 'fast'))).toBe(JSON.stringify(ref));
  });
});

describe('fast markdown reader: tricky inputs', () => {
  // [input, the fast reader must take it (true), must decline it (false), either (undefined)]
  const cases: Array<[string, boolean?]> = [
    // emphasis
    ['**bold** and *italic* and ***both***', true],
    ['***Nơi nhận:***\n- Như trên;', true],
    ['**a*', true],
    ['*a**', true],
    ['***a** b*', true],
    ['*a **b** c*', true],
    ['**a **b** c**', true],
    ['a****b', true],
    ['a**b**c', true],
    ['a * b * c', true],
    ['* a *', true],
    ['**(1)** và *(ghi chú)*', true],
    ['(*Thanh toán trực tuyến*).', true],
    ['**Ủy ban**nhân dân', true],
    ['“**trích**”', true],
    ['**😀**', true],
    ['😀**a**😀', true],
    ['**a\u00a0**b', true],
    ['*foo**bar**baz*', true],
    ['*foo**bar*', true],
    ['**foo*bar*baz**', true],
    ['foo***bar***baz', true],
    ['foo******bar*********baz', true],
    ['*foo *bar**', true],
    ['**ỦY BAN NHÂN DÂN  \nTỈNH TUYÊN QUANG**', true],
    ['**a\nb**', true],
    ['** a **', true],
    ['**', true],
    ['*', false],
    // hard and soft breaks, trailing spaces
    ['dòng một  \ndòng hai \ndòng ba   ', true],
    ['a \nb', true],
    ['a  \n\nb', true],
    ['## tiêu đề  ', true],
    // a line of spaces only is a blank line (the bench's copies of the letters end in one)
    ['a\n    \nb', true],
    ['a  \n   \nb', true],
    ['- a\n \n- b', true],
    ['1. a\n          \n2. b', true],
    ['**Nơi nhận:**\n- Như trên;\n' + ' '.repeat(130), true],
    ['# tiêu đề\n  \n  b', false],
    // headings
    ['# 1', true],
    ['###### sáu', true],
    ['####### bảy', false],
    ['#không', false],
    ['## a ##', false],
    ['## ', false],
    ['đoạn\n## 2. Mục\nđoạn tiếp', true],
    // lists: markers, starts, interruption
    ['- a\n- b\n+ c\n* d', true],
    ['2. hai\n3. ba', true],
    ['2. hai\n\n3. ba', true],
    ['1) một\n2) hai', true],
    ['10. mười', true],
    ['123456789. chín chữ số', true],
    ['1234567890. mười chữ số', true],
    ['đoạn văn\n1. một', true],
    ['đoạn văn\n2. hai', true],
    ['đoạn văn\n1) một', true],
    ['đoạn văn\n01. không một', true],
    ['đoạn văn\n- gạch', true],
    ['đoạn văn\n+ cộng', true],
    ['đoạn văn\n* sao', true],
    ['đoạn văn\n1.1. mục', true],
    ['đoạn văn\na) điểm', true],
    ['- a\ntiếp theo\n- b', true],
    ['- a\n**Nơi nhận:**', true],
    ['1. a\nb\n2. c', true],
    ['- a\n2. b', false],
    ['1. a\n2) b', false],
    ['- a\n\n2. b', true],
    ['1.1. x\n- y', true],
    ['a)\tb', false],
    ['-  hai dấu cách', false],
    ['-', false],
    ['1.', false],
    ['- - lồng', false],
    ['- 1. lồng', false],
    ['- # tiêu đề', false],
    ['- > trích', false],
    ['- ***', false],
    ['-a', true],
    ['+a', true],
    ['1.a', true],
    ['- a\n  b', false],
    ['- a\n\n  b', false],
    // everything else declines
    ['a\n===', false],
    ['a\n---', false],
    ['a\n--', false],
    ['***', false],
    ['* * *', false],
    ['> trích', false],
    ['    mã', false],
    ['`mã`', false],
    ['<b>a</b>', false],
    ['[a](b)', false],
    ['a\\*b', false],
    ['&amp;', false],
    ['_a_', false],
    ['~~a~~', false],
    ['a\tb', false],
    [' a', false],
    ['\ufeffa', false],
    // pipe rows are paragraph text without GFM
    ['| a | b |\n|---|---|\n| 1 | 2 |', true],
  ];

  it.each(cases)('%j', (src, fast) => {
    const c = compare(src);
    if (fast !== undefined) expect(c.fast).toBe(fast);
    expect(c.got ?? c.remark).toEqual(c.remark);
    // through parseText (which cleans the text first: a BOM goes)
    const d = rawDocs(src);
    expect(d.auto).toBe(d.ref);
  });
});

describe('fast markdown reader: generated inputs', () => {
  const word = fc.constantFrom(
    'Sở', 'Ủy ban', 'nhân dân', 'a', 'b', '1.', '2)', '1.1.', 'a)', '-', '+', '*', '**', '***', '(', ')', ':', ',', '.', '"', '!',
    '?', '%', '/', '€', '😀', '#', '1', '2024', '|', '=', '—', '“', '”', ' ', '  ', 'x*', '*x', '(*', '*)', '**x**', '*x*', 'x**',
    '**x', ':**', '**:', '.*', '*.', '\u00a0', '\u2003', '_', '`', '[', '&',
  );
  const inlineText = fc.array(fc.tuple(word, fc.constantFrom('', ' ')), { minLength: 1, maxLength: 8 }).map((ws) => ws.map(([w, s]) => w + s).join(''));
  const marker = fc.constantFrom('-', '+', '*', '1.', '2.', '1)', '3)', '10.', '01.', '#', '##', '######', '#######', '>');
  const line = fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.tuple(marker, fc.constantFrom(' ', ' ', '  ', ''), inlineText).map(([m, s, t]) => m + s + t) },
    { weight: 1, arbitrary: fc.constantFrom('---', '***', '===', '- - -', '* * *', '-', '=', '**', '--', '   ', '    a') },
    { weight: 6, arbitrary: fc.tuple(inlineText, fc.constantFrom('', '', ' ', '  ', '   ')).map(([t, s]) => t + s) },
  );
  const doc = fc.array(line, { minLength: 1, maxLength: 8 }).map((ls) => ls.join('\n'));
  // dense emphasis: runs of * among letters, punctuation, spaces and line ends
  const dense = fc
    .array(fc.constantFrom('*', '*', '**', 'a', 'b', ' ', '.', '(', ')', '\n', '  \n', '\n\n', 'Ủ', '😀', '\u00a0', '-', '1', ':', '1. ', '- ', '“'), { minLength: 1, maxLength: 24 })
    .map((xs) => xs.join(''));

  it('documents of random lines: remark\'s tree or declined', () => {
    let taken = 0;
    fc.assert(
      fc.property(doc, (src) => {
        const c = compare(src);
        if (c.fast) taken++;
        expect(c.got ?? c.remark).toEqual(c.remark);
      }),
      params,
    );
    expect(taken).toBeGreaterThan(RUNS / 10);
  });

  it('dense emphasis: remark\'s tree or declined', () => {
    let taken = 0;
    fc.assert(
      fc.property(dense, (src) => {
        const c = compare(src);
        if (c.fast) taken++;
        expect(c.got ?? c.remark).toEqual(c.remark);
      }),
      params,
    );
    expect(taken).toBeGreaterThan(RUNS / 4);
  });

  it('the same RawDoc through parseText', () => {
    fc.assert(
      fc.property(fc.oneof(doc, dense), (src) => {
        const d = rawDocs(src);
        expect(d.auto).toBe(d.ref);
      }),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
