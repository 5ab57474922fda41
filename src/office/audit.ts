/**
 * The audit log: every done, reopen and upload, and every change of an account, with who
 * and when (rows in the office store, src/store/office.ts), and its exports: JSON, and CSV
 * for Excel (the guarded cells of src/export/csv.ts).
 */
import os from 'node:os';
import type { DB } from '../store/db.js';
import { SqliteOffice, AUDIT_ACTIONS, type AuditEntry, type AuditFilter, type NewAuditEntry } from '../store/office.js';
import { csvTable } from '../export/csv.js';
import { isIsoDate } from '../model/status.js';

export { AUDIT_ACTIONS, type AuditEntry, type AuditFilter };

/** Who acts from the command line: "cli:" and the system user. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Add an entry (inside the caller's transaction when one is open). */
export function recordAudit(db: DB, e: NewAuditEntry): AuditEntry {
  return new SqliteOffice(db).addAudit(e, new Date().toISOString());
}

export const AUDIT_COLUMNS = ['id', 'at', 'actor', 'action', 'record_id', 'task_seq', 'task_ref', 'task_key', 'target', 'detail'] as const;

const taskRef = (e: AuditEntry) => (e.recordId && e.taskSeq != null ? `${e.recordId}#${e.taskSeq}` : '');

export function auditCsv(entries: Iterable<AuditEntry>): Iterable<string> {
  return csvTable(AUDIT_COLUMNS, (function* () {
    for (const e of entries) yield [e.id, e.at, e.actor, e.action, e.recordId, e.taskSeq, taskRef(e), e.taskKey, e.target, e.detail ? JSON.stringify(e.detail) : ''];
  })());
}

export class AuditFilterError extends Error {}

/** A filter from parameters (strings as typed or sent), checked: a bad one names its field. */
export function auditFilter(p: Record<string, string | undefined>, page: { limit: number; max: number } | null): AuditFilter {
  const f: AuditFilter = {};
  for (const k of ['since', 'until'] as const) {
    const v = p[k];
    if (v == null || v === '') continue;
    if (!isIsoDate(v)) throw new AuditFilterError(`${k}: ${JSON.stringify(v)} is not a date (YYYY-MM-DD)`);
    f[k] = v;
  }
  if (p.action) {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(p.action)) throw new AuditFilterError(`action: one of ${AUDIT_ACTIONS.join(', ')}`);
    f.action = p.action;
  }
  if (p.actor) f.actor = p.actor;
  if (p.record) f.recordId = p.record;
  if (page) {
    for (const k of ['limit', 'offset'] as const) {
      const v = p[k];
      if (v == null || v === '') continue;
      if (!/^\d{1,9}$/.test(v) || (k === 'limit' && (Number(v) < 1 || Number(v) > page.max))) throw new AuditFilterError(`${k}: ${JSON.stringify(v)} is not a number${k === 'limit' ? ` from 1 to ${page.max}` : ''}`);
      f[k] = Number(v);
    }
    f.limit ??= page.limit;
  }
  return f;
}
