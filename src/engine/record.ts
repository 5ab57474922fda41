/**
 * Reading a file for the stages (pipelines/document.ts runs them): the size limits, the
 * bytes, their hash; what a stage's outcome is, and how a failure is told.
 */
import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import crypto from 'node:crypto';
import type { TextModel } from '../model/types.js';
import type { ExtractionRecord } from '../../schemas/record.js';
import { ReadError, LimitError, failureCode } from '../model/errors.js';

export { StageError } from '../model/errors.js';
import { formatBytes } from '../parse/guards.js';
import { fsPath } from './files.js';

export interface Limits {
  maxBytes: number;
  maxPages: number;
}

/** Files up to this size are read synchronously (see readInput). */
const SYNC_READ_MAX = 2 * 1024 * 1024;

export const DEFAULT_LIMITS: Limits = { maxBytes: 50 * 1024 * 1024, maxPages: 500 };

export type Outcome =
  | { ok: true; file: string; record: ExtractionRecord; model: TextModel; sha256: string; ms: number }
  | { ok: false; file: string; stage: string; code: string; reason: string; sha256?: string; ms: number };


export function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

/**
 * The read stage alone: a regular, non-empty file within the size limit, or the reason it
 * cannot be used. The batch runner reads on the main thread (to skip stored files by hash)
 * and hands the bytes to processBuffer in a worker.
 */
export async function readInput(file: string, limits: Limits = DEFAULT_LIMITS): Promise<{ buf: Buffer } | { reason: string; code: string }> {
  try {
    // Small files are read with synchronous calls: tens of µs, while the promise API costs
    // ~0.3 ms of CPU per file in thread-pool round trips on this machine (2,000 files: 560 ms
    // against 60 ms), which the batch's main thread cannot spare. Large files are read
    // asynchronously, so they do not hold the thread.
    const at = fsPath(file); // a name that is not UTF-8 is opened by its bytes
    const st = fsSync.statSync(at);
    if (!st.isFile()) throw new ReadError('read.not-a-file', 'not a regular file');
    if (st.size === 0) throw new ReadError('read.empty', 'the file is empty');
    if (st.size > limits.maxBytes) throw new LimitError('limit.size', `the file is ${formatBytes(st.size)}, over the limit of ${formatBytes(limits.maxBytes)} (--max-size)`);
    const buf = st.size <= SYNC_READ_MAX ? fsSync.readFileSync(at) : await fs.readFile(at);
    if (buf.length === 0) throw new ReadError('read.empty', 'the file is empty');
    return { buf };
  } catch (e) {
    return { reason: failureReason(e), code: readCode(e) };
  }
}

/** The code of a failure to read a file. */
function readCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'read.missing';
  if (code === 'EACCES' || code === 'EPERM') return 'read.denied';
  if (code === 'EISDIR') return 'read.not-a-file';
  return failureCode(e, 'read');
}

/** The reason a stage failed, in one line. */
export function failureReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'the file does not exist (it may have been moved or deleted)';
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'ELOOP') return 'too many symbolic links (a link loop)';
  if (err?.code === 'EISDIR') return 'is a folder, not a file';
  return String(err?.message ?? e).split('\n')[0]!.slice(0, 300);
}
