/**
 * Listing the files of a batch: files and folders (recursive), supported kinds only,
 * symbolic-link loops and unreadable folders reported, never followed forever.
 * A generator, so a huge archive is streamed, not held in memory.
 *
 * Names that are not UTF-8 (an old archive's Windows-1258 or TCVN3 names, a zip made on
 * Windows) cannot be opened by a JavaScript string: the listing names such a file with its
 * invalid bytes escaped ("c\xf4ng v\xe3n.txt": the name stored, printed and reported) and
 * fsPath gives the bytes to open it by.
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { SUPPORTED } from '../parse/index.js';

export interface ListProblem {
  path: string;
  /** read.missing, read.link-loop, read.denied (src/model/errors.ts). */
  code: string;
  reason: string;
}

/** The listed names that are not the file's bytes (names not UTF-8), and those bytes. */
const RAW = new Map<string, Buffer>();

/** What to hand to fs for a listed file: its name's bytes when they are not UTF-8, else the name. */
export function fsPath(file: string): string | Buffer {
  return RAW.get(file) ?? file;
}

/** A name's bytes as text: UTF-8 as is, each byte that is not UTF-8 as "\xNN". */
export function nameOfBytes(b: Buffer): string {
  if (isUtf8(b)) return b.toString('utf8');
  let out = '';
  let i = 0;
  while (i < b.length) {
    // the longest valid UTF-8 run from i, then one escaped byte
    let j = i;
    while (j < b.length) {
      const len = b[j]! < 0x80 ? 1 : b[j]! >= 0xc2 && b[j]! <= 0xdf ? 2 : b[j]! >= 0xe0 && b[j]! <= 0xef ? 3 : b[j]! >= 0xf0 && b[j]! <= 0xf4 ? 4 : 0;
      if (!len || j + len > b.length || !isUtf8(b.subarray(j, j + len))) break;
      j += len;
    }
    out += b.toString('utf8', i, j);
    if (j < b.length) out += `\\x${b[j]!.toString(16).padStart(2, '0')}`;
    i = j + 1;
  }
  return out;
}

export function* listFiles(inputs: string[], problems: ListProblem[] = []): Generator<string> {
  const seen = new Set<string>();
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a name typed in bytes that are not UTF-8 reaches us with U+FFFD in their place (Node decodes
      // the command line as UTF-8): it cannot be opened by that name, but its folder can be walked
      const notUtf8 = input.includes('\uFFFD') ? ' (its name, as given, is not UTF-8: give the folder that holds it)' : '';
      problems.push({ path: input, code: code === 'ELOOP' ? 'read.link-loop' : 'read.missing', reason: code === 'ELOOP' ? 'too many symbolic links (a link loop)' : `no such file or folder${notUtf8}` });
      continue;
    }
    if (st.isDirectory()) yield* walkDir(input, input, seen, problems);
    else yield input;
  }
}

/**
 * A real path as a string that keeps every byte (folders are compared by it, never opened by
 * it). fs.realpathSync cannot follow bytes that are not UTF-8; its native form can.
 */
const realOf = (p: string | Buffer) =>
  (typeof p === 'string' ? fs.realpathSync(p, { encoding: 'buffer' }) : fs.realpathSync.native(p, { encoding: 'buffer' })).toString('latin1');

/** `dir` names the folder (escaped where its name is not UTF-8), `dirFs` opens it. */
function* walkDir(dir: string, dirFs: string | Buffer, seen: Set<string>, problems: ListProblem[]): Generator<string> {
  let real: string;
  try {
    real = realOf(dirFs);
  } catch {
    problems.push({ path: dir, code: 'read.link-loop', reason: 'too many symbolic links (a link loop)' });
    return;
  }
  if (seen.has(real)) return; // a link back to a folder already walked
  seen.add(real);
  let entries: { e: fs.Dirent<Buffer>; name: string; utf8: boolean }[];
  try {
    entries = fs
      .readdirSync(dirFs, { withFileTypes: true, encoding: 'buffer' })
      .map((e) => {
        const utf8 = isUtf8(e.name);
        return { e, name: utf8 ? e.name.toString('utf8') : nameOfBytes(e.name), utf8 };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    problems.push({ path: dir, code: 'read.denied', reason: `cannot read the folder (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  for (const { e, name, utf8 } of entries) {
    if (name.startsWith('.')) continue;
    const p = path.join(dir, name);
    // the bytes to open it by: only when its name or a folder above is not UTF-8
    let pFs: string | Buffer = p;
    if (!utf8 || typeof dirFs !== 'string') {
      pFs = Buffer.concat([typeof dirFs === 'string' ? Buffer.from(dirFs) : dirFs, Buffer.from(path.sep), e.name]);
      RAW.set(p, pFs);
    }
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(pFs);
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (isDir && holds(realOf(pFs), real)) {
          problems.push({ path: p, code: 'read.link-loop', reason: 'a symbolic link to a folder that holds it (a link loop); not followed' });
          continue;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problems.push({ path: p, code: code === 'ELOOP' ? 'read.link-loop' : 'read.missing', reason: code === 'ELOOP' ? 'too many symbolic links (a link loop)' : 'a broken symbolic link' });
        continue;
      }
    }
    if (isDir) yield* walkDir(p, pFs, seen, problems);
    else if (isFile && SUPPORTED.includes(path.extname(name).toLowerCase())) yield p;
  }
}

/** Is `inner` the folder `outer` or inside it? (real paths) */
function holds(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
