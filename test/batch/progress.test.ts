import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { makeReporter, pickMode, parseDuration } from '../../src/engine/progress.js';
import type { IngestEvent } from '../../src/engine/sink.js';

function sink(isTTY = false) {
  const chunks: string[] = [];
  const w = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number; cursorTo?: unknown; clearLine?: unknown; moveCursor?: unknown; clearScreenDown?: unknown };
  if (isTTY) Object.assign(w, { isTTY: true, columns: 120, cursorTo: (_x: number, _y?: number, cb?: () => void) => cb?.(), clearLine: (_d: number, cb?: () => void) => cb?.(), moveCursor: (_x: number, _y: number, cb?: () => void) => cb?.(), clearScreenDown: (cb?: () => void) => cb?.() });
  return { w, text: () => chunks.join('') };
}

const ok: IngestEvent = { status: 'ingested', file: 'a/001.txt', id: '001', type: 'CV', number: '12', symbol: 'UBND-NC', date: '2021-12-13', tasks: 9, ms: 12 };
const bad: IngestEvent = { status: 'failed', file: 'a/002.pdf', stage: 'parse', code: 'input.not-pdf', reason: 'the PDF is damaged', ms: 3 };
const summary = { files: 2, ingested: 1, unchanged: 0, failed: 1, tasks: 9, ms: 1500, stopped: false };

describe('ingest progress output', () => {
  it('--json: one JSON object per line, nothing else', () => {
    const out = sink();
    const err = sink();
    const r = makeReporter('json', { out: out.w, err: err.w });
    r.total(2);
    r.event(ok);
    r.event(bad);
    r.note('stopping after the files in flight');
    r.end(summary, 'x.db');
    const lines = out.text().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ event: 'start', files: 2 }, { event: 'document', ...ok }, { event: 'document', ...bad }, { event: 'note', text: 'stopping after the files in flight' }, { event: 'summary', ...summary }]);
    expect(err.text()).toBe('');
  });

  it('not a terminal: a line per document on stdout, failures on stderr, the summary last', () => {
    const out = sink();
    const err = sink();
    const r = makeReporter('lines', { out: out.w, err: err.w });
    r.total(2);
    r.event(ok);
    r.event(bad);
    r.end(summary, 'x.db');
    expect(out.text()).toMatch(/^ingested\s+a\/001\.txt\s+CV\s+12\/UBND-NC\s+2021-12-13\s+9 tasks\n2 files: 1 ingested, 0 unchanged, 1 failed; 9 tasks; 1\.5 s \(1\.3 files\/s\) -> x\.db\n$/);
    expect(err.text()).toBe('a/002.pdf: the PDF is damaged (parse)\n');
  });

  it('a terminal: a bar with files done/total, rate, time left and failures', async () => {
    const out = sink();
    const err = sink(true);
    const r = makeReporter('bar', { out: out.w, err: err.w });
    r.total(200);
    for (let i = 0; i < 150; i++) r.event({ ...ok, file: `a/${i}.txt` });
    r.event(bad);
    await new Promise((res) => setTimeout(res, 300));
    r.end({ ...summary, stopped: true }, 'x.db');
    const shown = err.text();
    expect(shown).toMatch(/ingest .* 151\/200 files \| [\d.]+ files\/s \| ETA [^|]+ \| 1 failed/);
    expect(shown).toContain('a/002.pdf: the PDF is damaged (parse)');
    expect(shown).not.toContain('a/10.txt'); // over 100 files: no line per document
    expect(out.text()).toMatch(/stopped before the end; run the same command again/);
  });

  it('picks the mode from the options and the terminal', () => {
    expect(pickMode({ json: true }, { isTTY: true })).toBe('json');
    expect(pickMode({ quiet: true }, { isTTY: true })).toBe('quiet');
    expect(pickMode({}, { isTTY: true })).toBe('bar');
    expect(pickMode({}, { isTTY: false })).toBe('lines');
  });

  it('reads durations', () => {
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5')).toBe(1500);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});
