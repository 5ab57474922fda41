/**
 * Hostile text: property tests (fast-check) on the normaliser and every extractor. Any
 * string in, no exception out; every span inside the text, and where a finding gives the
 * raw text it read, `text.slice(span)` is that text; normalising normalised text changes
 * nothing.
 *
 * The strings mix the words and marks the rules look for (agencies, "chủ trì", dates,
 * item markers, "Kính gửi", "Số:", pipes and tabs of tables) with arbitrary code units:
 * combining marks, control and zero-width characters, lone surrogates, right-to-left
 * marks. CONGVAN_FC_RUNS sets the runs per property (default 150; `npm run test:faults`
 * uses 1000); CONGVAN_FC_SEED repeats a run.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { RawBlock, RawDoc, TextModel } from '../../src/model/types.js';
import { parseText } from '../../src/parse/text.js';
import { readMarker } from '../../src/parse/markers.js';
import { normalise } from '../../src/normalise/index.js';
import { cleanText, foldSpaces, fold } from '../../src/normalise/unicode.js';
import { extract } from '../../src/extract/index.js';
import { extractHeader } from '../../src/extract/header.js';
import { extractSigner } from '../../src/extract/signer.js';
import { extractReferences } from '../../src/extract/references.js';
import { extractTasks } from '../../src/extract/tasks.js';
import { findDeadlines, pickDeadline } from '../../src/extract/deadlines.js';
import { splitBodies, leadOf, supportOf } from '../../src/extract/agencies.js';
import { deglue } from '../../src/extract/glue.js';

const RUNS = Number(process.env.CONGVAN_FC_RUNS ?? (process.env.CONGVAN_FAULTS_FULL === '1' ? 1000 : 150));
const SEED = process.env.CONGVAN_FC_SEED ? Number(process.env.CONGVAN_FC_SEED) : undefined;
const params = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) };

const UNKNOWN = 'not a text file in a known encoding (tried UTF-8, UTF-16, TCVN3, VNI, Windows-1258)';

/** Pieces of Vietnamese official letters: what the rules look for. */
const WORDS = [
  'ỦY BAN NHÂN DÂN', 'TỈNH TUYÊN QUANG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
  'Số:', '4918/UBND-NC', '116/KH-UBND', 'V/v', 'Tuyên Quang, ngày 13 tháng 12 năm 2021', 'Kính gửi:', 'KẾ HOẠCH', 'CÔNG VĂN',
  'Căn cứ', 'Nghị định số 30/2020/NĐ-CP', 'Quyết định số 1234/QĐ-UBND ngày 05/6/2020 của UBND tỉnh', 'Nghị quyết 76/NQ-CP',
  'Sở Nội vụ', 'Sở Tài chính', 'Ủy ban nhân dân các huyện, thành phố', 'Uỷ ban', 'các cơ quan, đơn vị', 'Văn phòng UBND tỉnh',
  'chủ trì', 'phối hợp với', 'có trách nhiệm', 'Giao', 'Đề nghị', 'thực hiện', 'tham mưu', 'báo cáo', 'gửi', 'triển khai',
  'trước ngày', '15/11/2023', '31/12', 'ngày 5 tháng 3 năm 2022', 'Quý II/2024', 'quý IV', 'hằng tháng', 'hàng quý', 'trước ngày 20 hằng tháng',
  'trong thời hạn 15 ngày', 'kể từ ngày', 'thường xuyên', 'năm 2021', 'tháng 10/2023',
  'I.', 'II.', 'NHIỆM VỤ', '1.', '1.1.', '2.3.4', 'a)', 'đ)', 'A.', '-', '+', '•', '(1)', 'Điều 1.', 'Điều 12:', 'Phần I', 'Chương II',
  'Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A', './.', '/.',
  '|', '| --- |', '\t', '\n', '\n\n', '\r\n', ' ', '  ', ':', ';', ',', '.', '(', ')', '"', '“', '”', '…',
  '**', '#', '## ', '[bookmark: x]', 'e', 'a', 'o', 'u', 'y', 'A', 'ư', 'ơ', 'đ', 'Đ', 'i', 'Trang 1', '- 2 -', 'Ký bởi: Sở Nội vụ', 'Email: a@b.vn',
];

/** Odd code units: combining marks, controls, zero-width, bidi, surrogates, no-break space. */
const ODD = [
  '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u000b', '\u000c', '\r',
  '\u200b', '\u200d', '\ufeff', '\u00ad', '\u202e', '\u2028', '\u2029', '\u00a0', '\u3000', '\ud800', '\udfff', '😀', '\u00d0', '\u0110', 'ﬁ', 'Ⅳ',
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) },
);
/** A string of such pieces, joined by spaces or not. */
const hostile = fc.tuple(fc.array(piece, { maxLength: 60 }), fc.constantFrom('', '', ' ', '\n')).map(([a, sep]) => a.join(sep));

/** A text model of a hostile string, as the .txt parser and the normaliser make it; null when the parser refuses it (clearly). */
function modelOf(s: string): TextModel | null {
  let raw: RawDoc;
  try {
    raw = parseText(Buffer.from(s, 'utf8'), 'hostile.txt');
  } catch (e) {
    expect((e as Error).message).toBe(UNKNOWN); // the one clear refusal
    return null;
  }
  return normalise(raw, 'hostile.txt');
}

/** Blocks of every kind straight to the normaliser (bypassing the parser's own clean-up). */
const rawDoc: fc.Arbitrary<RawDoc> = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constantFrom('paragraph', 'heading', 'listItem', 'footnote') as fc.Arbitrary<RawBlock['kind']>, text: hostile, page: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }),
      fc.record({ kind: fc.constant('table' as const), text: fc.constant(''), rows: fc.array(fc.array(hostile, { maxLength: 4 }), { maxLength: 4 }), headerRows: fc.integer({ min: 0, max: 2 }) }),
    ),
    { maxLength: 12 },
  )
  .map((blocks) => ({ format: 'txt' as const, blocks: blocks.map((b) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) as unknown as RawBlock), diagnostics: [] }));

function expectSpan(text: string, s: { start: number; end: number }, what: string) {
  expect(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: integer offsets ${JSON.stringify(s)}`).toBe(true);
  expect(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: [${s.start}, ${s.end}) outside [0, ${text.length}]`).toBe(true);
}

/** A finding: span inside, and the raw text it reports is the text at its span. */
function expectFinding(text: string, f: { start: number; end: number; raw?: string } | null | undefined, what: string) {
  if (!f) return;
  expectSpan(text, f, what);
  if (f.raw !== undefined) expect(text.slice(f.start, f.end), `${what}: raw`).toBe(f.raw);
}

/**
 * A body (lead, support) names the text at its span, its line breaks read as spaces, or that
 * text with the words a portal copy glued split ("Trungương" read as "Trung ương":
 * src/extract/glue.ts).
 */
function expectBodyAt(text: string, b: { start: number; end: number }, name: string, what: string) {
  expectSpan(text, b, what);
  if (b.end <= b.start) return;
  const spaced = (x: string | undefined) => x?.replace(/\s+/g, ' ');
  const at = text.slice(b.start, b.end);
  expect([spaced(at), spaced(deglue(at)?.text)], `${what}: the text at its span`).toContain(spaced(name));
}

function expectModel(m: TextModel) {
  for (const b of m.blocks) {
    expectSpan(m.text, b, `block ${b.id}`);
    expect(m.text.slice(b.start, b.end)).toBe(b.text);
    for (const row of b.rows ?? []) for (const c of row) {
      expectSpan(m.text, c, `cell of block ${b.id}`);
      expect(m.text.slice(c.start, c.end)).toBe(c.text);
    }
  }
  expect(m.text).toBe(m.text.normalize('NFC'));
}

/** The normalised model's blocks as a parser would give them: normalising them again must change nothing. */
function again(m: TextModel): TextModel {
  const blocks: RawBlock[] = m.blocks.map((b) =>
    b.kind === 'table'
      ? { kind: 'table', text: '', rows: (b.rows ?? []).map((r) => r.map((c) => c.text)), headerRows: b.headerRows ?? 0, ...(b.page ? { page: b.page } : {}) }
      : { kind: b.kind, text: b.text, ...(b.page ? { page: b.page } : {}) },
  );
  return normalise({ format: m.format, blocks, diagnostics: [] }, m.file);
}

describe('the normaliser on hostile text', () => {
  it('cleanText, foldSpaces and fold: no exception, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const c = cleanText(s);
        expect(cleanText(c)).toBe(c);
        const f = foldSpaces(c);
        expect(foldSpaces(f)).toBe(f);
        expect(fold(fold(s))).toBe(fold(s));
      }),
      params,
    );
  });

  it('parseText + normalise: no exception (or the one clear refusal), every block and cell at its offsets, NFC', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const m = modelOf(s);
        if (m) expectModel(m);
      }),
      params,
    );
  });

  it('normalise on raw blocks of every kind: offsets hold; normalising the result again changes nothing', () => {
    fc.assert(
      fc.property(rawDoc, (raw) => {
        const m = normalise(raw, 'raw.txt');
        expectModel(m);
        const m2 = again(m);
        expect(m2.text).toBe(m.text);
        expect(m2.blocks.map((b) => [b.kind, b.start, b.end])).toEqual(m.blocks.map((b) => [b.kind, b.start, b.end]));
      }),
      params,
    );
  });

  it('a parsed and normalised text, normalised again, is unchanged', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const m = modelOf(s);
        if (!m) return;
        expect(again(m).text).toBe(m.text);
      }),
      params,
    );
  });
});

describe('the extractors on hostile text', () => {
  it('extractHeader: no exception; every field inside the text, its raw the text at its span', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const m = modelOf(s);
        if (!m) return;
        const h = extractHeader(m);
        for (const [k, v] of Object.entries(h)) {
          // (a diagnostic gives its span as `span`, a finding its own start and end)
          if (k === 'diagnostics') (v as { span?: { start: number; end: number } }[]).forEach((d, i) => d.span && expectSpan(m.text, d.span, `${k}[${i}]`));
          else if (Array.isArray(v)) v.forEach((f, i) => expectFinding(m.text, f, `${k}[${i}]`));
          else expectFinding(m.text, v as { start: number; end: number; raw?: string } | null, k);
        }
      }),
      params,
    );
  });

  it('extractSigner: no exception; spans inside, raw at its span', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const m = modelOf(s);
        if (!m) return;
        const r = extractSigner(m);
        expectFinding(m.text, r.signer, 'signer');
        r.distribution.forEach((f, i) => expectFinding(m.text, f, `distribution[${i}]`));
      }),
      params,
    );
  });

  it('extractReferences: no exception; citations and their later mentions inside the text', () => {
    fc.assert(
      fc.property(hostile, fc.option(fc.constantFrom('4918/UBND-NC', '116-KH/UBND', ''), { nil: null }), (s, own) => {
        const m = modelOf(s);
        if (!m) return;
        for (const c of extractReferences(m, own)) {
          expectFinding(m.text, c, `citation ${c.value.ref}`);
          c.value.mentions.forEach((x, i) => expectSpan(m.text, x, `mention ${i} of ${c.value.ref}`));
        }
      }),
      params,
    );
  });

  it('extractTasks: no exception; each task, its agencies and its deadline inside the text', () => {
    fc.assert(
      fc.property(hostile, fc.option(fc.constantFrom('2021-12-13', '2023-10-01', 'not a date', ''), { nil: null }), fc.array(fc.constantFrom('Sở Nội vụ', 'Ủy ban nhân dân các huyện', '', '\u0000'), { maxLength: 3 }), (s, date, recipients) => {
        const m = modelOf(s);
        if (!m) return;
        for (const t of extractTasks(m, { date, recipients })) {
          expectSpan(m.text, t, `task ${t.label}`);
          for (const a of [...t.lead, ...t.support]) expectBodyAt(m.text, a, a.name, `agency ${a.name} (${a.rule})`);
          if (t.deadline) {
            expectSpan(m.text, t.deadline, `deadline of ${t.label}`);
          }
        }
      }),
      params,
    );
  });

  it('extract(): no exception and no rule failing inside safe(); every span of the record inside the text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const m = modelOf(s);
        if (!m) return;
        const ex = extract(m);
        expect(ex.diagnostics.filter((d) => /^rule .* failed/.test(d.message)).map((d) => d.message)).toEqual([]);
        for (const [k, sp] of Object.entries(ex.spans)) expectSpan(m.text, sp, `spans.${k}`);
        ex.fields.citations.forEach((c) => expectFinding(m.text, c, `citation ${c.value.ref}`));
        for (const t of ex.tasks) {
          expectSpan(m.text, t, `task ${t.label}`);
          if (t.deadline) expectSpan(m.text, t.deadline, 'deadline');
        }
      }),
      params,
    );
  });
});

describe('the string-level rules on hostile text', () => {
  it('findDeadlines and pickDeadline: no exception; spans inside the string', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1900, max: 2100 }), fc.boolean(), fc.option(fc.constantFrom('2021-12-13', 'junk'), { nil: null }), (s, year, cell, issued) => {
        const found = findDeadlines(s, year, { cell, issued });
        for (const d of found) {
          expectSpan(s, d, `deadline "${d.text}"`);
          expect(s.slice(d.start, d.end).trim(), 'the deadline text is the text at its span').toBe(d.text);
          if (d.date !== null) expect(d.date, 'an ISO date').toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
        pickDeadline(found);
      }),
      params,
    );
  });

  it('splitBodies, leadOf, supportOf: no exception; each body is the text at its span', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (s, comma) => {
        for (const b of splitBodies(s, { comma })) {
          expectSpan(s, b, `body "${b.text}"`);
          expect(s.slice(b.start, b.end)).toBe(b.text);
        }
        const a = leadOf(s);
        for (const b of [...(a?.lead ?? []), ...(a?.support ?? []), ...supportOf(s)]) expectBodyAt(s, b, b.text, `body "${b.text}"`);
      }),
      params,
    );
  });

  it('readMarker: no exception; a marker is at the start of the text and no longer than it', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const mk = readMarker(s);
        if (!mk) return;
        expect(mk.length).toBeGreaterThan(0);
        expect(mk.length).toBeLessThanOrEqual(s.length);
        expect(s.startsWith(mk.raw), `"${mk.raw}" at the start of ${JSON.stringify(s.slice(0, 20))}`).toBe(true);
      }),
      params,
    );
  });
});

describe('known defects the properties found (to fix in their modules; flip it.fails to it once fixed)', () => {
  // src/extract/tasks.ts joins an item's title and body paragraphs with ' ' and adds the
  // offsets found in that joined string to the item's start, while the text model separates
  // blocks with '\n\n': a span in the second paragraph is one character early, in the third
  // two, and so on. The property above checks spans only for being inside the text.
  it('extractTasks: a deadline and an agency in the second body paragraph of an item sit at their spans', () => {
    const m = modelOf('1. Cải cách hành chính:\n\nTiếp tục thực hiện tốt nhiệm vụ.\n\nSở Nội vụ chủ trì, phối hợp với Sở Tài chính thực hiện trước ngày 15/11/2023.')!;
    const [t] = extractTasks(m, { date: '2023-10-01', recipients: [] });
    expect(m.text.slice(t!.deadline!.start, t!.deadline!.end)).toBe('trước ngày 15/11/2023');
    for (const a of t!.support) expect(m.text.slice(a.start, a.end)).toBe(a.name);
  });
});
