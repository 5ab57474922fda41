/**
 * What `congvan ingest` prints while it works, in one of four modes:
 *
 *   bar     stderr is a terminal: a progress bar (files done/total, rate, ETA, failures),
 *           failures printed above it; for batches of at most 100 files, every document too
 *   lines   otherwise: one plain line per document on stdout, failures on stderr, and a
 *           progress line on stderr every 10 s for long batches
 *   json    --json: one JSON object per line on stdout, nothing else there:
 *           {"event":"start","files":N}, {"event":"document",...}, {"event":"summary",...}
 *   quiet   --quiet: failures on stderr and the summary
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { IngestEvent } from './sink.js';
import { printable } from './printable.js';

export { printable };

export type ProgressMode = 'bar' | 'lines' | 'json' | 'quiet';

export interface SummaryLike {
  files: number;
  ingested: number;
  unchanged: number;
  failed: number;
  tasks: number;
  ms: number;
  stopped: boolean;
}

export interface Reporter {
  total(n: number): void;
  event(e: IngestEvent): void;
  note(text: string): void;
  end(summary: SummaryLike, where: string): void;
}

export interface ReporterStreams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export function pickMode(opts: { json?: boolean; quiet?: boolean }, err: { isTTY?: boolean } = process.stderr): ProgressMode {
  if (opts.json) return 'json';
  if (opts.quiet) return 'quiet';
  return err.isTTY ? 'bar' : 'lines';
}

export function documentLine(e: IngestEvent): string {
  if (e.status === 'failed') return `${printable(e.file)}: ${printable(e.reason)} (${e.stage})`;
  const ns = printable([e.number, e.symbol].filter(Boolean).join('/') || '—');
  return `${e.status.padEnd(9)} ${printable(path.relative('.', e.file)).padEnd(44)} ${printable(e.type).padEnd(3)} ${ns.padEnd(18)} ${printable(e.date ?? '—').padEnd(10)} ${String(e.tasks).padStart(4)} tasks`;
}

/** A rate with the precision a reader needs: "0.3", "4.5", "312". */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0';
  return perSecond < 10 ? perSecond.toFixed(1) : perSecond.toFixed(0);
}

export function summaryLine(s: SummaryLike, where: string): string {
  const head = `${s.files} files: ${s.ingested} ingested, ${s.unchanged} unchanged, ${s.failed} failed; ${s.tasks} tasks; ${(s.ms / 1000).toFixed(1)} s`;
  const rate = s.ms > 0 && s.files > 0 ? ` (${formatRate((s.files * 1000) / s.ms)} files/s)` : '';
  const stop = s.stopped ? '\nstopped before the end; run the same command again to do the rest (stored files are skipped)' : '';
  return `${head}${rate} -> ${printable(where)}${stop}`;
}

function duration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  sec = Math.round(sec);
  if (sec < 60) return `${sec} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ${String(sec % 60).padStart(2, '0')} s`;
  return `${Math.floor(sec / 3600)} h ${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')} min`;
}

export function makeReporter(mode: ProgressMode, streams: ReporterStreams = { out: process.stdout, err: process.stderr }): Reporter {
  const { out, err } = streams;
  const t0 = performance.now();
  let total = 0;
  let done = 0;
  let failed = 0;
  // the rate over the last ~10 s (start-up and slow stretches fade out of it), or since the start
  const marks: [number, number][] = [];
  const rate = () => {
    const now = performance.now();
    while (marks.length > 1 && now - marks[1]![0] > 10_000) marks.shift();
    const [t, n] = marks.length && now - marks[0]![0] > 2000 ? marks[0]! : [t0, 0];
    return (done - n) / Math.max(0.001, (now - t) / 1000);
  };
  const tick = () => {
    const now = performance.now();
    if (!marks.length || now - marks[marks.length - 1]![0] >= 500) marks.push([now, done]);
  };
  const eta = () => (total > done ? duration((total - done) / Math.max(rate(), 1e-9)) : '0 s');

  if (mode === 'json') {
    const line = (o: object) => out.write(JSON.stringify(o) + '\n');
    return {
      total: (n) => line({ event: 'start', files: n }),
      event: (e) => line({ event: 'document', ...e }),
      note: (text) => line({ event: 'note', text }),
      end: (s) => line({ event: 'summary', ...s }),
    };
  }

  if (mode === 'bar') {
    const multi = new cliProgress.MultiBar(
      {
        stream: err as NodeJS.WriteStream,
        format: 'ingest {bar} {value}/{total} files | {rate} files/s | ETA {etaText} | {failed} failed',
        barsize: 30,
        hideCursor: true,
        clearOnComplete: true,
        fps: 8,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let bar: cliProgress.SingleBar | null = null;
    const payload = () => ({ rate: formatRate(rate()), etaText: eta(), failed });
    return {
      total: (n) => {
        total = n;
        bar = multi.create(n, 0, payload());
      },
      event: (e) => {
        done++;
        tick();
        if (e.status === 'failed') {
          failed++;
          multi.log(documentLine(e) + '\n');
        } else if (total <= 100) multi.log(documentLine(e) + '\n');
        bar?.update(done, payload());
      },
      note: (text) => multi.log(printable(text) + '\n'),
      end: (s, where) => {
        multi.stop();
        out.write(summaryLine(s, where) + '\n');
      },
    };
  }

  let lastTick = performance.now();
  return {
    total: (n) => {
      total = n;
    },
    event: (e) => {
      done++;
      tick();
      if (e.status === 'failed') {
        failed++;
        err.write(documentLine(e) + '\n');
      } else if (mode === 'lines') out.write(documentLine(e) + '\n');
      if (mode === 'lines' && performance.now() - lastTick >= 10_000) {
        lastTick = performance.now();
        const of = total ? `/${total} (${Math.floor((done * 100) / total)} %)` : '';
        err.write(`progress: ${done}${of} files, ${formatRate(rate())} files/s${total ? `, ETA ${eta()}` : ''}, ${failed} failed\n`);
      }
    },
    note: (text) => err.write(printable(text) + '\n'),
    end: (s, where) => out.write(summaryLine(s, where) + '\n'),
  };
}

/** "60s", "1.5s", "500ms", "2m", "90" (seconds) -> milliseconds. */
export function parseDuration(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min)?\s*$/i.exec(v);
  if (!m) throw new Error(`not a duration: "${v}" (examples: 60s, 500ms, 2m)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000);
}
