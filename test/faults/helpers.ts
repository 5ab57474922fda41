/** Running congvan as a process, and reading a store, for the fault tests. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { ROOT } from '../helpers.js';

export const BIN = path.join(ROOT, 'bin', 'congvan.js');

export interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `congvan <args>` to the end. */
export function run(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Done {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 << 20 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** `congvan <args>` in the background, for kill tests. */
export function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exit = new Promise<Done>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exit, out: () => stdout, err: () => stderr };
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface FailureRow {
  path: string;
  stage: string;
  /** With `withCode` only. */
  code?: string | null;
  reason: string;
}

export function failures(dbFile: string, withCode = false): FailureRow[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(`SELECT path, stage, ${withCode ? 'code, ' : ''}reason FROM failures ORDER BY id`).all() as FailureRow[];
  } finally {
    db.close();
  }
}

export function storedPaths(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT path FROM documents ORDER BY path').all() as { path: string }[]).map((r) => r.path);
  } finally {
    db.close();
  }
}

/**
 * Everything that must be equal between two stores of the same files (ids and times aside):
 * counts, the (path, sha256) of every document, its record, tasks, agencies and citations,
 * and SQLite's own integrity and foreign-key checks.
 */
export function storeSnapshot(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0] as number | string;
    const hash = (sql: string) => {
      const h = crypto.createHash('sha256');
      for (const row of db.prepare(sql).iterate()) h.update(JSON.stringify(row)).update('\n');
      return h.digest('hex');
    };
    return {
      counts: {
        documents: one('SELECT count(*) FROM documents'),
        tasks: one('SELECT count(*) FROM tasks'),
        agencies: one('SELECT count(*) FROM agencies'),
        taskAgencies: one('SELECT count(*) FROM task_agencies'),
        citations: one('SELECT count(*) FROM citations'),
        tasksFts: one('SELECT count(*) FROM tasks_fts'),
        documentsFts: one('SELECT count(*) FROM documents_fts'),
      },
      files: hash('SELECT path, sha256 FROM documents ORDER BY path'),
      records: hash('SELECT path, record_id, record_json, text FROM documents ORDER BY path'),
      tasks: hash('SELECT d.path, t.seq, t.task_key, t.label, t.text, t.deadline_date, t.deadline_kind FROM tasks t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.seq'),
      taskAgencies: hash('SELECT d.path, t.seq, a.canonical, ta.role, ta.name FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id JOIN documents d ON d.id = t.document_id JOIN agencies a ON a.id = ta.agency_id ORDER BY 1, 2, 3, 4'),
      agencies: hash('SELECT canonical, folded FROM agencies ORDER BY canonical'),
      citations: hash('SELECT d.path, c.ref, c.kind, c.date, c.issuer FROM citations c JOIN documents d ON d.id = c.document_id ORDER BY 1, 2'),
      integrity: one('PRAGMA integrity_check'),
      foreignKeyProblems: db.prepare('PRAGMA foreign_key_check').all().length,
    };
  } finally {
    db.close();
  }
}

/** A JSON record folder: relative name -> content, leftover journal and temporary files included. */
export function jsonFolder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}
