/**
 * One file through the stages: read -> parse -> normalise -> extract -> record.
 * Anything a stage throws becomes a failure naming the file, the stage and the reason.
 */
import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { TextModel } from '../model/types.js';
import { parseFile, formatOf } from '../parse/index.js';
import { formatBytes } from '../parse/guards.js';
import { fsPath } from './files.js';
import { normalise } from '../normalise/index.js';
import { extract } from '../extract/index.js';
import { canonicalAgency } from '../refine/registry.js';
import { RecordSchema, type ExtractionRecord } from '../../schemas/record.js';

export interface Limits {
  maxBytes: number;
  maxPages: number;
}

/** Files up to this size are read synchronously (see readInput). */
const SYNC_READ_MAX = 2 * 1024 * 1024;

export const DEFAULT_LIMITS: Limits = { maxBytes: 50 * 1024 * 1024, maxPages: 500 };

export type Outcome =
  | { ok: true; file: string; record: ExtractionRecord; model: TextModel; sha256: string; ms: number }
  | { ok: false; file: string; stage: string; reason: string; sha256?: string; ms: number };

export class StageError extends Error {
  constructor(public stage: string, message: string) {
    super(message);
  }
}

export function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

/** A record id: the file's stem (what the scorer pairs with gold). */
export function recordId(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '');
}

export async function processFile(file: string, limits: Limits = DEFAULT_LIMITS): Promise<Outcome> {
  const t0 = performance.now();
  const read = await readInput(file, limits);
  if ('reason' in read) return { ok: false, file, stage: 'read', reason: read.reason, ms: Math.round(performance.now() - t0) };
  return processBuffer(file, read.buf, limits, t0);
}

/**
 * The read stage alone: a regular, non-empty file within the size limit, or the reason it
 * cannot be used. The batch runner reads on the main thread (to skip stored files by hash)
 * and hands the bytes to processBuffer in a worker.
 */
export async function readInput(file: string, limits: Limits = DEFAULT_LIMITS): Promise<{ buf: Buffer } | { reason: string }> {
  try {
    // Small files are read with synchronous calls: tens of µs, while the promise API costs
    // ~0.3 ms of CPU per file in thread-pool round trips on this machine (2,000 files: 560 ms
    // against 60 ms), which the batch's main thread cannot spare. Large files are read
    // asynchronously, so they do not hold the thread.
    const at = fsPath(file); // a name that is not UTF-8 is opened by its bytes
    const st = fsSync.statSync(at);
    if (!st.isFile()) throw new StageError('read', 'not a regular file');
    if (st.size === 0) throw new StageError('read', 'the file is empty');
    if (st.size > limits.maxBytes) throw new StageError('read', `the file is ${formatBytes(st.size)}, over the limit of ${formatBytes(limits.maxBytes)} (--max-size)`);
    const buf = st.size <= SYNC_READ_MAX ? fsSync.readFileSync(at) : await fs.readFile(at);
    if (buf.length === 0) throw new StageError('read', 'the file is empty');
    return { buf };
  } catch (e) {
    return { reason: reason(e) };
  }
}

export async function processBuffer(file: string, buf: Buffer, limits: Limits = DEFAULT_LIMITS, t0 = performance.now()): Promise<Outcome> {
  const ms = () => Math.round(performance.now() - t0);
  const hash = sha256(buf);
  let stage = 'parse';
  try {
    if (buf.length === 0) throw new StageError('read', 'the file is empty');
    const raw = await parseFile(buf, file, { maxPages: limits.maxPages });
    stage = 'normalise';
    const model = normalise(raw, path.basename(file));
    if (!model.text.trim()) throw new StageError('normalise', 'no text could be read from the file');
    stage = 'extract';
    const ex = extract(model);
    stage = 'validate';
    const record = toRecord(file, buf, hash, model, ex);
    const checked = RecordSchema.safeParse(record);
    if (!checked.success) throw new StageError('validate', `the record does not match the schema: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { ok: true, file, record: checked.data, model, sha256: hash, ms: ms() };
  } catch (e) {
    return { ok: false, file, stage: e instanceof StageError ? e.stage : stage, reason: reason(e), sha256: hash, ms: ms() };
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'the file does not exist (it may have been moved or deleted)';
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'ELOOP') return 'too many symbolic links (a link loop)';
  if (err?.code === 'EISDIR') return 'is a folder, not a file';
  return String(err?.message ?? e).split('\n')[0]!.slice(0, 300);
}

function toRecord(file: string, buf: Buffer, hash: string, model: TextModel, ex: ReturnType<typeof extract>): ExtractionRecord {
  const f = ex.fields;
  const id = recordId(file);
  return {
    version: 1,
    id,
    source: {
      file: path.basename(file),
      path: file,
      format: model.format,
      sha256: hash,
      bytes: buf.length,
      ...(model.pages ? { pages: model.pages } : {}),
      ...(model.legacyEncoding ? { legacyEncoding: model.legacyEncoding } : {}),
    },
    document: {
      type: f.type,
      number: f.number,
      symbol: f.symbol,
      issuer: f.issuer,
      place: f.place,
      date: f.date,
      subject: f.subject,
      recipients: f.recipients,
      signer: f.signer,
      references: f.references,
      citations: f.citations.map((c) => ({ ...c.value, span: { start: c.start, end: c.end, ...(c.page ? { page: c.page } : {}) } })),
      distribution: f.distribution,
      parentBody: f.parentBody,
      urgency: f.urgency,
      secrecy: f.secrecy,
      spans: ex.spans,
    },
    tasks: ex.tasks.map((t, i) => ({
      id: `${id}#${i + 1}`,
      label: t.label,
      path: t.path,
      text: t.text,
      lead: t.lead.map((a) => a.name),
      support: t.support.map((a) => a.name),
      deadline: t.deadline
        ? {
            kind: t.deadline.kind,
            date: t.deadline.date,
            text: t.deadline.text,
            rule: t.deadline.recurrence ?? null,
            span: { start: t.deadline.start, end: t.deadline.end },
            ruleId: t.deadline.rule,
          }
        : null,
      agencies: [
        ...t.lead.map((a) => ({ name: a.name, canonical: canonicalAgency(a.name), role: 'lead' as const, span: { start: a.start, end: a.end }, ruleId: a.rule })),
        ...t.support.map((a) => ({ name: a.name, canonical: canonicalAgency(a.name), role: 'support' as const, span: { start: a.start, end: a.end }, ruleId: a.rule })),
      ],
      span: { start: t.start, end: t.end, ...(pageOf(model, t.start) ? { page: pageOf(model, t.start)! } : {}) },
      source: t.source,
      ruleId: t.rule,
    })),
    diagnostics: [...model.diagnostics, ...ex.diagnostics].map((d) => ({ severity: d.severity, stage: d.stage, message: d.message, ...(d.ruleId ? { ruleId: d.ruleId } : {}) })),
  };
}

function pageOf(model: TextModel, offset: number): number | undefined {
  return model.blocks.find((b) => offset >= b.start && offset <= b.end)?.page;
}

export { formatOf };
