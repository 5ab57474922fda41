/**
 * Listing the files of a batch: files and folders (recursive), supported kinds only,
 * symbolic-link loops and unreadable folders reported, never followed forever.
 * A generator, so a huge archive is streamed, not held in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SUPPORTED } from '../parse/index.js';

export interface ListProblem {
  path: string;
  reason: string;
}

export function* listFiles(inputs: string[], problems: ListProblem[] = []): Generator<string> {
  const seen = new Set<string>();
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ path: input, reason: code === 'ELOOP' ? 'too many symbolic links (a link loop)' : 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) yield* walkDir(input, seen, problems);
    else yield input;
  }
}

function* walkDir(dir: string, seen: Set<string>, problems: ListProblem[]): Generator<string> {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    problems.push({ path: dir, reason: 'too many symbolic links (a link loop)' });
    return;
  }
  if (seen.has(real)) return; // a link back to a folder already walked
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    problems.push({ path: dir, reason: `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.name.startsWith('.')) continue;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (isDir && holds(fs.realpathSync(p), real)) {
          problems.push({ path: p, reason: 'a symbolic link to a folder that holds it (a link loop); not followed' });
          continue;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problems.push({ path: p, reason: code === 'ELOOP' ? 'too many symbolic links (a link loop)' : 'a broken symbolic link' });
        continue;
      }
    }
    if (isDir) yield* walkDir(p, seen, problems);
    else if (isFile && SUPPORTED.includes(path.extname(e.name).toLowerCase())) yield p;
  }
}

/** Is `inner` the folder `outer` or inside it? (real paths) */
function holds(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
