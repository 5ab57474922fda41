/**
 * A document uploaded from the page: its bytes are kept beside the store (uploads/<day>/),
 * then it goes through the ingest pipeline and, as incoming mail, into the register. This is
 * the one function the page's upload calls: a job queue can take its place.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ingest, defaultJsonDir, type IngestEvent } from './ingest.js';
import { openStore } from '../src/store/db.js';
import { SqliteOffice, type RegisterEntry } from '../src/store/office.js';
import { localToday } from '../src/model/status.js';

export const UPLOAD_EXTENSIONS = ['.txt', '.md', '.docx', '.doc', '.pdf'] as const;

export class UploadError extends Error {}

/** A file name safe to write: its last part, letters, digits and a few marks, its extension kept. */
export function safeFileName(name: string): string {
  const base = path.basename(String(name).replace(/\\/g, '/')).normalize('NFC');
  const ext = path.extname(base).toLowerCase();
  const stem = base.slice(0, base.length - ext.length).replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^[.\s]+/, '').slice(0, 80) || 'van-ban';
  return `${stem}${ext}`;
}

export interface Submitted {
  /** queued: in the PostgreSQL store's queue, a worker will store it (its progress: `run`). */
  status: IngestEvent['status'] | 'queued';
  file: string;
  /** The run (batch) it is counted in, when queued. */
  run?: number;
  recordId: string | null;
  tasks: number;
  reason: string | null;
  register: RegisterEntry | null;
}

function storedPath(db: string, sha: string): string | null {
  if (!fs.existsSync(db)) return null;
  const d = openStore(db, { readonly: true });
  try {
    const p = d.prepare('SELECT path FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1').pluck().get(sha) as string | undefined;
    return p && fs.existsSync(p) ? p : null;
  } finally {
    d.close();
  }
}

/** How an upload is parsed on SQLite: the worker's time limit (default the batch's), its code (tests). */
export interface UploadLimits {
  timeoutMs?: number;
  firstFileGraceMs?: number;
  workerModule?: string;
}

/** An uploaded file's safe name and content hash; an UploadError when congvan does not take it. */
export function checkUpload(rawName: string, bytes: Buffer): { name: string; sha: string; stored: (day: string) => string } {
  const name = safeFileName(rawName);
  const ext = path.extname(name);
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) throw new UploadError(`name: "${name}" is not one of ${UPLOAD_EXTENSIONS.join(', ')}`);
  if (!bytes.length) throw new UploadError('the file is empty');
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  // where an upload is kept: uploads/<arrival day>/<hash>-<name>
  return { name, sha, stored: (day) => path.join('uploads', day, `${sha.slice(0, 12)}-${name}`) };
}

/**
 * Keep the bytes, ingest them (registered as arriving today unless told), say what came of it.
 * The stages run on a worker thread with the batch's limits (time, memory): the server's
 * thread only reads, hashes and writes the rows.
 */
export async function submitDocument(o: { db: string; name: string; bytes: Buffer; by: string; register?: boolean; arrivedOn?: string | null } & UploadLimits): Promise<Submitted> {
  const up = checkUpload(o.name, o.bytes);
  // the same bytes stored already (under any name): that file again, which keeps its record and number
  const same = storedPath(o.db, up.sha);
  const file = same ?? path.join(path.dirname(path.resolve(o.db)), up.stored(o.arrivedOn ?? localToday()));
  const dir = path.dirname(file);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.part`;
    fs.writeFileSync(tmp, o.bytes);
    fs.renameSync(tmp, file);
  }
  let event: IngestEvent | null = null;
  await ingest([file], {
    db: o.db,
    json: defaultJsonDir(o.db),
    jobs: 1,
    isolate: true,
    timeoutMs: o.timeoutMs,
    firstFileGraceMs: o.firstFileGraceMs,
    workerModule: o.workerModule,
    register: o.register === false ? false : { arrivedOn: o.arrivedOn ?? null, by: o.by },
    onResult: (e) => (event = e),
  });
  const e = event as IngestEvent | null;
  if (!e) throw new UploadError('the file was not ingested');
  if (e.status === 'failed') return { status: 'failed', file: path.basename(file), recordId: null, tasks: 0, reason: `${e.stage}: ${e.reason}`, register: null };
  const db = openStore(o.db, { readonly: true });
  try {
    return { status: e.status, file: path.basename(file), recordId: e.id, tasks: e.tasks, reason: null, register: new SqliteOffice(db).findRegistered(e.id) };
  } finally {
    db.close();
  }
}
