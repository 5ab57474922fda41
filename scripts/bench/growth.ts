/**
 * How time and memory grow with a document's size: the whole pipeline (parse -> normalise ->
 * extract -> validate, processBuffer) on generated documents of 1-5,000 paragraphs, hard-wrapped
 * text without blank lines, and markdown lists nested up to 200 deep. Prints one line per size;
 * `npm run bench` records the curve in BENCHMARKS.md, test/faults/growth.test.ts checks ratios.
 */
import { processBuffer } from '../../pipelines/document.js';

/** A plan of `n` numbered items, each a paragraph, separated by blank lines. */
export function plan(n: number): Buffer {
  const out = ['ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG', '', 'Số: 12/KH-UBND', '', 'Lâm Đồng, ngày 05 tháng 01 năm 2026', '', 'KẾ HOẠCH', 'Thực hiện nhiệm vụ năm 2026', '', 'I. NHIỆM VỤ', ''];
  for (let i = 1; i <= n; i++) out.push(`${i}. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát thủ tục hành chính số ${i}, hoàn thành trước ngày 30/6/2026.`, '');
  return Buffer.from(out.join('\n'));
}

/** A plan of `n` numbered items one to a line, with no blank line between them (as copied from a portal). */
export function items(n: number): Buffer {
  const out = ['ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG', 'KẾ HOẠCH', 'Thực hiện nhiệm vụ năm 2026', 'I. NHIỆM VỤ'];
  for (let i = 1; i <= n; i++) out.push(`${(i % 900) + 1}. Sở Nội vụ chủ trì rà soát thủ tục hành chính số ${i}.`);
  return Buffer.from(out.join('\n'));
}

/** `n` hard-wrapped lines of one paragraph, no blank line anywhere. */
export function wrapped(n: number): Buffer {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`dòng ${i} của một đoạn văn bản rất dài được ngắt dòng cứng ở lề phải và tiếp tục`);
  return Buffer.from(out.join('\n'));
}

/** Markdown lists nested `depth` deep, repeated to about `bytes`. */
export function nested(depth: number, bytes: number): Buffer {
  const out: string[] = [];
  let len = 0;
  while (len < bytes) for (let d = 0; d < depth && len < bytes; d++) {
    const l = `${' '.repeat(2 * d)}- Mục ${d}: Sở Nội vụ tổng hợp báo cáo.`;
    out.push(l);
    len += l.length + 1;
  }
  return Buffer.from(out.join('\n'));
}

/** CPU milliseconds of one run of the pipeline (the best of `runs`), and the heap it held. */
export async function measure(name: string, buf: Buffer, runs = 3): Promise<{ ms: number; heapMb: number }> {
  let best = Infinity;
  let heap = 0;
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const o = await processBuffer(name, buf);
    const c = process.cpuUsage(c0);
    if (!o.ok) throw new Error(`${name}: ${o.reason}`);
    best = Math.min(best, (c.user + c.system) / 1000);
    heap = Math.max(heap, (process.memoryUsage().heapUsed - h0) / 1e6);
  }
  return { ms: best, heapMb: heap };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of [1, 10, 100, 1000, 5000]) {
    const m = await measure('plan.txt', plan(n));
    console.log(`plan ${n} items: ${m.ms.toFixed(1)} ms CPU, heap +${m.heapMb.toFixed(1)} MB`);
  }
  for (const n of [1000, 5000, 20000]) {
    const m = await measure('wrapped.txt', wrapped(n));
    console.log(`hard-wrapped ${n} lines: ${m.ms.toFixed(1)} ms CPU, heap +${m.heapMb.toFixed(1)} MB`);
  }
  for (const d of [2, 20, 200]) {
    const m = await measure('nested.md', nested(d, 200_000));
    console.log(`markdown nested ${d} deep, 200 KB: ${m.ms.toFixed(1)} ms CPU, heap +${m.heapMb.toFixed(1)} MB`);
  }
}
