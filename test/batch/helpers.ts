import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { CORPUS, ROOT, STEMS } from '../helpers.js';

export const BIN = path.join(ROOT, 'bin', 'congvan.js');

/** The four sample letters (not the long plan 002): quick to process. */
export const LETTERS = STEMS.filter((s) => !s.startsWith('002')).map((s) => path.join(CORPUS, `${s}.txt`));

/** The two shortest letters (000, 001: 5-7 KB): many copies stay quick to ingest. */
export const SHORT = LETTERS.filter((f) => /\/00[01]_/.test(f));

/** `n` copies of the short sample letters in `dir`, with distinct names. */
export function copies(dir: string, n: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const src = SHORT[i % SHORT.length]!;
    const dst = path.join(dir, `c${String(i).padStart(4, '0')}_${path.basename(src)}`);
    fs.copyFileSync(src, dst);
    out.push(dst);
  }
  return out;
}

export interface Run {
  child: ChildProcess;
  lines: string[];
  /** Parsed JSON lines seen so far. */
  events: Record<string, unknown>[];
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `pred` holds for the events seen (checked on every line). */
  until: (pred: (events: Record<string, unknown>[]) => boolean, ms?: number) => Promise<void>;
}

/** Start `congvan <args>` and collect its stdout lines as they come. */
export function congvan(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ? { ...process.env, ...opts.env } : process.env });
  const lines: string[] = [];
  const events: Record<string, unknown>[] = [];
  let err = '';
  let buf = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let k: number;
    while ((k = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, k);
      buf = buf.slice(k + 1);
      lines.push(line);
      try {
        events.push(JSON.parse(line));
      } catch {
        /* not a JSON line */
      }
      for (const w of waiters.splice(0)) w();
    }
  });
  child.stderr!.on('data', (b) => (err += b));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => {
    for (const w of waiters.splice(0)) w();
    resolve({ code, signal });
  }));
  let exited = false;
  void exit.then(() => (exited = true));
  const until = async (pred: (e: Record<string, unknown>[]) => boolean, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!pred(events)) {
      if (exited) throw new Error(`congvan exited before the condition held; stderr: ${err.slice(0, 500)}`);
      if (Date.now() > deadline) throw new Error(`timed out; ${events.length} events; stderr: ${err.slice(0, 500)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { child, lines, events, stderr: () => err, exit, until };
}

export const docs = (events: Record<string, unknown>[]) => events.filter((e) => e.event === 'document');

/** Counts and checks that must match between two stores of the same files. */
export function storeState(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0];
    return {
      documents: one('SELECT count(*) FROM documents'),
      distinctPaths: one('SELECT count(DISTINCT path) FROM documents'),
      tasks: one('SELECT count(*) FROM tasks'),
      agencies: one('SELECT count(*) FROM agencies'),
      taskAgencies: one('SELECT count(*) FROM task_agencies'),
      citations: one('SELECT count(*) FROM citations'),
      tasksFts: one('SELECT count(*) FROM tasks_fts'),
      documentsFts: one('SELECT count(*) FROM documents_fts'),
      integrity: one('PRAGMA integrity_check'),
      foreignKeyProblems: db.prepare('PRAGMA foreign_key_check').all().length,
    };
  } finally {
    db.close();
  }
}

/** Every file of a JSON record folder, relative name -> content (a leftover journal or temporary file counts). */
export function jsonFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}
