/**
 * Which rules made a record: a fingerprint of the sources that read documents into records
 * (src/parse, src/normalise, src/extract, src/refine, src/model, the document pipeline and the
 * record's schemas, whose defaults and transforms shape what is stored). A
 * store keeps it beside each file's hash, so ingesting a file again after congvan's rules
 * changed reads it again instead of keeping the record the old rules made ("unchanged" means
 * the same bytes read by the same rules). CONGVAN_RULES_ID names the rules instead (tests, or
 * a deployment that pins them).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../root.js';

export const READERS = ['src/parse', 'src/normalise', 'src/extract', 'src/refine', 'src/model', 'pipelines/document.ts', 'schemas'];

let id: string | null = null;

export function rulesId(): string {
  const pinned = process.env.CONGVAN_RULES_ID;
  if (pinned) return pinned;
  return (id ??= fingerprint(ROOT));
}

/** The fingerprint of the readers' sources under `root` (exported for its test). */
export function fingerprint(root: string): string {
  const h = crypto.createHash('sha256');
  const files: string[] = [];
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f));
    else if (/\.(?:ts|mjs|js|json)$/u.test(p)) files.push(p);
  };
  for (const r of READERS) walk(path.join(root, r));
  for (const f of files) {
    h.update(path.relative(root, f).split(path.sep).join('/'));
    h.update('\0');
    h.update(fs.readFileSync(f));
    h.update('\0');
  }
  // (no sources beside the build: the package's version names the rules)
  if (!files.length) h.update(String(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version));
  return h.digest('hex').slice(0, 16);
}
