/** The ingest runs of a SQLite store and the files each could not use. */
import type { DB } from './db.js';

export interface RunFailures {
  run: number;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  ingested: number;
  unchanged: number;
  failed: number;
  /** code: the failure's kind (src/model/errors.ts); absent where a store does not keep it (read it as `<stage>.failed`). */
  failures: { path: string; stage: string; code?: string; reason: string; at: string; storedSince: boolean }[];
}

/** The failures of the last `runs` runs (all runs when `runs` is 0), newest run first. */
export function listFailures(db: DB, runs: number): RunFailures[] {
  const rows = db
    .prepare(`SELECT id, started_at, finished_at, files, ingested, unchanged, failed FROM runs ORDER BY id DESC${runs > 0 ? ' LIMIT ?' : ''}`)
    .all(...(runs > 0 ? [runs] : [])) as { id: number; started_at: string; finished_at: string | null; files: number; ingested: number; unchanged: number; failed: number }[];
  const failures = db.prepare(
    `SELECT f.path, f.stage, f.code, f.reason, f.at,
       EXISTS (SELECT 1 FROM documents d WHERE d.path = f.path AND d.ingested_at > f.at) AS stored
     FROM failures f WHERE f.run_id = ? ORDER BY f.id`,
  );
  return rows.map((r) => ({
    run: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    files: r.files,
    ingested: r.ingested,
    unchanged: r.unchanged,
    failed: r.failed,
    failures: (failures.all(r.id) as { path: string; stage: string; code: string | null; reason: string; at: string; stored: number }[]).map((f) => ({
      path: f.path,
      stage: f.stage,
      // failures stored before codes were kept (schema 8) count as their stage's
      code: f.code ?? `${f.stage}.failed`,
      reason: f.reason,
      at: f.at,
      storedSince: f.stored === 1,
    })),
  }));
}
