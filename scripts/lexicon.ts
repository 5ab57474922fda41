/**
 * Writes src/normalise/lexicon.ts: the syllables that real documents use, for splitting words that ran
 * together and read two ways ("cụthể": "cụ thể" or "cục hể"). Read from corpus/real's Word files and
 * text-layer PDFs (not the scans, whose OCR misreads letters), every syllable seen.
 *
 *   npx tsx scripts/lexicon.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../src/parse/index.js';
import { normalise } from '../src/normalise/index.js';
import { isSyllable } from '../src/normalise/syllables.js';

const root = path.resolve(import.meta.dirname, '..');
const counts = new Map<string, number>();
for (const dir of ['docx', 'doc', 'pdf']) {
  const d = path.join(root, 'corpus/real', dir);
  for (const f of fs.readdirSync(d).sort()) {
    const file = path.join(d, f);
    const doc = normalise(await parseFile(fs.readFileSync(file), file), file);
    for (const m of doc.text.toLowerCase().matchAll(/[\p{L}\p{M}]+/gu)) {
      if (isSyllable(m[0])) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  }
}
const words = [...counts].filter(([, n]) => n >= 1).map(([w]) => w).sort();
const lines: string[] = [];
for (let i = 0; i < words.length; i += 16) lines.push(`  '${words.slice(i, i + 16).join(' ')}',`);
fs.writeFileSync(
  path.join(root, 'src/normalise/lexicon.ts'),
  `/**\n * The syllables real documents use (${words.length}, each seen in corpus/real's Word files and\n * text-layer PDFs). Written by scripts/lexicon.ts; do not edit.\n */\nexport const SYLLABLES: ReadonlySet<string> = new Set(\n  [\n${lines.join('\n')}\n  ].join(' ').split(' '),\n);\n`,
);
console.log(`${words.length} syllables`);
