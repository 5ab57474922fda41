/**
 * The JSON record folder: one file per document, `<record id>.json` (the file's stem, unless
 * another document holds it: src/store/identity.ts). When several renditions of one
 * document are stored (a .txt, its .docx and .pdf), the text rendition takes `<id>.json` and
 * the others go to `<format>/<id>.json`, so the folder always holds one record per document
 * for graders and other systems (who pair records by their `source.file`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../store/db.js';

const PRIORITY = ['txt', 'md', 'docx', 'doc', 'pdf', 'scan'];

export function writeJsonFor(db: DB, dir: string, recordId: string) {
  const rows = db.prepare('SELECT path, format, record_json FROM documents WHERE record_id = ?').all(recordId) as { path: string; format: string; record_json: string }[];
  rows.sort((a, b) => PRIORITY.indexOf(a.format) - PRIORITY.indexOf(b.format) || a.path.localeCompare(b.path));
  rows.forEach((r, i) => writeJsonFile(dir, recordId, JSON.stringify(JSON.parse(r.record_json), null, 2) + '\n', i === 0 ? null : r.format));
  // a record no longer stored under this id (a file that left the document), or a rendition
  // now first, must not linger
  const kept = new Set(rows.slice(1).map((r) => r.format));
  const stale = [...(rows.length ? [] : [path.join(dir, `${recordId}.json`)]), ...PRIORITY.filter((f) => !kept.has(f)).map((f) => path.join(dir, f, `${recordId}.json`))];
  for (const f of stale) fs.rmSync(f, { force: true });
}

/**
 * Write one record's file, `<stem>.json` (format null) or `<format>/<stem>.json`, through a
 * temporary file and a rename: a reader never sees half a record.
 */
export function writeJsonFile(dir: string, recordId: string, content: string, format: string | null = null) {
  const target = format === null ? path.join(dir, `${recordId}.json`) : path.join(dir, format, `${recordId}.json`);
  if (format !== null) fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, target);
}

/** The JSON file content of a record: what writeJsonFor writes for it. */
export function recordFileContent(record: unknown): string {
  return JSON.stringify(record, null, 2) + '\n';
}
