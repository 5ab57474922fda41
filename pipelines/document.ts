/**
 * One document through the stages, in order:
 *
 *   read       the bytes, within the size limit (src/engine/record.ts: readInput; a batch
 *              reads on its main thread and hands the bytes to a worker)
 *   parse      bytes -> raw blocks, by format (src/parse)
 *   normalise  raw blocks -> one text model: Unicode, page furniture, spans (src/normalise)
 *   extract    the fields and tasks the text gives, each with its span and rule (src/extract)
 *   refine     what the text leaves to inference: issuer, place, registry names (src/refine)
 *   validate   the record, checked against its schema (schemas/record.ts)
 *
 * Anything a stage throws becomes a failure naming the file, the stage and the reason. The
 * batch runner (./ingest.ts) runs processBuffer in its workers (./worker.ts).
 */
import path from 'node:path';
import type { TextModel } from '../src/model/types.js';
import { parseFile } from '../src/parse/index.js';
import { normalise } from '../src/normalise/index.js';
import { extract } from '../src/extract/index.js';
import { refine, type Refined } from '../src/refine/index.js';
import { RecordSchema, type ExtractionRecord } from '../schemas/record.js';
import { readInput, sha256, failureReason, DEFAULT_LIMITS, type Limits, type Outcome } from '../src/engine/record.js';
import { ReadError, StageError, failureCode } from '../src/model/errors.js';

export const STAGES = ['read', 'parse', 'normalise', 'extract', 'refine', 'validate'] as const;

/** A record id: the file's stem (what the scorer pairs with gold). */
export function recordId(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '');
}

export async function processFile(file: string, limits: Limits = DEFAULT_LIMITS): Promise<Outcome> {
  const t0 = performance.now();
  const read = await readInput(file, limits);
  if ('reason' in read) return { ok: false, file, stage: 'read', code: read.code, reason: read.reason, ms: Math.round(performance.now() - t0) };
  return processBuffer(file, read.buf, limits, t0);
}

export async function processBuffer(file: string, buf: Buffer, limits: Limits = DEFAULT_LIMITS, t0 = performance.now()): Promise<Outcome> {
  const ms = () => Math.round(performance.now() - t0);
  const hash = sha256(buf);
  let stage = 'parse';
  try {
    if (buf.length === 0) throw new ReadError('read.empty', 'the file is empty');
    const raw = await parseFile(buf, file, { maxPages: limits.maxPages });
    stage = 'normalise';
    const model = normalise(raw, path.basename(file));
    if (!model.text.trim()) throw new StageError('normalise', 'normalise.no-text', 'no text could be read from the file');
    stage = 'extract';
    const ex = extract(model);
    stage = 'refine';
    const refined = refine(model, ex);
    stage = 'validate';
    const record = toRecord(file, buf, hash, model, refined);
    const checked = RecordSchema.safeParse(record);
    if (!checked.success) throw new StageError('validate', 'validate.schema', `the record does not match the schema: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { ok: true, file, record: checked.data, model, sha256: hash, ms: ms() };
  } catch (e) {
    const at = e instanceof StageError ? e.stage : e instanceof ReadError ? 'read' : stage;
    return { ok: false, file, stage: at, code: failureCode(e, at), reason: failureReason(e), sha256: hash, ms: ms() };
  }
}

function toRecord(file: string, buf: Buffer, hash: string, model: TextModel, ex: Refined): ExtractionRecord {
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
      agencies: ex.agencies[i]!.map((a) => ({ name: a.name, canonical: a.canonical, role: a.role, span: { start: a.start, end: a.end }, ruleId: a.rule })),
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
