/**
 * The worker's CPU per MB on the samples' mix, in one thread: the five corpus/*.txt through
 * processBuffer and the store's rows / JSON content (what a batch worker does per document),
 * repeated. `npx tsx scripts/bench/mixcpu.ts [rounds]`; with `node --cpu-prof --import tsx`
 * it gives the profile of BENCHMARKS.md's "where the time goes".
 */
import fs from 'node:fs';
import path from 'node:path';
import { processBuffer } from '../../pipelines/document.js';
import { toStoreRow } from '../../src/store/db.js';
import { recordFileContent } from '../../src/export/jsondir.js';

const rounds = Number(process.argv[2] ?? 40);
const dir = path.join(import.meta.dirname, '../../corpus');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
const texts = files.map((f) => fs.readFileSync(f));
let round = 0;
// each copy ends in its own run of spaces, as the bench's mix (scripts/bench/real.ts writeTextMix)
async function once(): Promise<number> {
  let bytes = 0;
  round++;
  const bufs = texts.map((t) => Buffer.concat([t, Buffer.from('\n' + ' '.repeat(round))]));
  for (let i = 0; i < files.length; i++) {
    const o = await processBuffer(files[i]!, bufs[i]!);
    if (!o.ok) throw new Error(`${files[i]}: ${o.reason}`);
    toStoreRow(o.record, o.model.text);
    recordFileContent(o.record);
    bytes += bufs[i]!.length;
  }
  return bytes;
}
const warm = Number(process.env.WARM ?? 5);
for (let i = 0; i < warm; i++) await once();
const c0 = process.cpuUsage();
const t0 = performance.now();
let mb = 0;
for (let r = 0; r < rounds; r++) mb += (await once()) / 1e6;
const c = process.cpuUsage(c0);
const cpu = (c.user + c.system) / 1e6;
console.log(`${(rounds * files.length)} documents, ${mb.toFixed(1)} MB: ${cpu.toFixed(2)} CPU s, ${(cpu / mb).toFixed(3)} CPU s/MB, wall ${((performance.now() - t0) / 1000).toFixed(2)} s`);
