/**
 * A stage of a long file says it is moving (a PDF page read, a page OCR'd), so the file's
 * time limit in a batch starts again: the limit catches a stuck file, not a long one.
 * Whoever runs the stages (src/engine/work.ts in a batch worker) listens with onProgress;
 * outside a batch nothing listens and reportProgress does nothing. It lives here, below the
 * stages, so a parser never imports the engine that runs it.
 */
let listener: (() => void) | null = null;

export function reportProgress(): void {
  listener?.();
}

/** Listen to the stages' progress (null: stop listening). */
export function onProgress(fn: (() => void) | null): void {
  listener = fn;
}
