/**
 * Failures with a type and a code. The message is for a person and may be reworded; the code
 * is what a program groups by (`congvan failures --by code`, the failures table, the batch's
 * JSON events) and stays. Codes are `<kind>.<what>`:
 *
 *   ReadError    the file could not be read            read.missing, read.denied, read.not-a-file, read.link-loop,
 *                                                       read.empty, read.failed
 *   LimitError   over a limit set for the batch        limit.size, limit.pages, limit.expanded,
 *                                                       limit.parts
 *   InputError   not what its name says, or damaged    input.not-pdf, input.pdf-incomplete,
 *                                                       input.pdf-damaged, input.no-pages,
 *                                                       input.not-docx, input.not-doc,
 *                                                       input.docx-damaged, input.encrypted,
 *                                                       input.unknown-encoding, input.unsupported-type
 *   ToolError    an outside tool is missing or failed  tool.missing, tool.failed, tool.timeout,
 *                                                       tool.ocr-failed (OCR of a page)
 *   StageError   a stage found nothing to work on      normalise.no-text, validate.schema
 *   (worker)     the thread parsing the file            worker.timeout, worker.crashed, worker.out-of-memory,
 *                was stopped (src/engine/pool.ts; a     worker.stopped, worker.cannot-start
 *                batch's file or a queued one)
 *
 * An error without a code (a plain Error: a library's, or a bug) counts as `<stage>.failed`.
 */
export type FailureKind = 'read' | 'limit' | 'input' | 'tool' | 'stage' | 'worker' | 'store';

export class CongvanError extends Error {
  override name = 'CongvanError';
  readonly kind: FailureKind = 'stage';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ReadError extends CongvanError {
  override name = 'ReadError';
  override readonly kind = 'read';
}

export class InputError extends CongvanError {
  override name = 'InputError';
  override readonly kind: FailureKind = 'input';
}

export class LimitError extends InputError {
  override name = 'LimitError';
  override readonly kind = 'limit';
}

export class ToolError extends CongvanError {
  override name = 'ToolError';
  override readonly kind = 'tool';
}

/** A stage that ends a file without a parser failing (no text, a record off its schema). */
export class StageError extends CongvanError {
  override name = 'StageError';
  constructor(
    readonly stage: string,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** The code of anything thrown while `stage` ran. */
export function failureCode(e: unknown, stage: string): string {
  return e instanceof CongvanError ? e.code : `${stage}.failed`;
}
