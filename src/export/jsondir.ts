/**
 * The JSON record folder: one file per document, `<stem>.json`. When several renditions of
 * one document are stored (a .txt, its .docx and .pdf), the text rendition takes
 * `<stem>.json` and the others go to `<format>/<stem>.json`, so the folder always holds one
 * record per document for graders and other systems.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../store/db.js';

const PRIORITY = ['txt', 'md', 'docx', 'pdf', 'scan'];

export function writeJsonFor(db: DB, dir: string, recordId: string) {
  const rows = db.prepare('SELECT path, format, record_json FROM documents WHERE record_id = ?').all(recordId) as { path: string; format: string; record_json: string }[];
  rows.sort((a, b) => PRIORITY.indexOf(a.format) - PRIORITY.indexOf(b.format) || a.path.localeCompare(b.path));
  rows.forEach((r, i) => {
    const target = i === 0 ? path.join(dir, `${recordId}.json`) : path.join(dir, r.format, `${recordId}.json`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(JSON.parse(r.record_json), null, 2) + '\n');
    fs.renameSync(tmp, target);
  });
  // a rendition no longer first must not linger as the folder's record
}
