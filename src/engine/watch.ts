/**
 * `ingest --watch`: which files are new or changed and have stopped changing.
 *
 * Each scan walks the folders (the same listing as a batch) and stats every file. A file
 * is ready once its size and modification time have stayed the same for `settleMs`
 * (a copy or a download in progress keeps changing them); it is then returned once, and
 * again only if it changes later. Polling, not inotify: it works the same on network
 * shares and needs no recursive-watch support.
 */
import fs from 'node:fs';
import { listFiles, fsPath } from './files.js';

interface Seen {
  size: number;
  mtimeMs: number;
  /** When size/mtime last changed (or the file was first seen). */
  since: number;
  /** This version was handed out already. */
  taken: boolean;
}

export class StableFiles {
  private seen = new Map<string, Seen>();

  constructor(private dirs: string[], private settleMs: number, private now: () => number = () => Date.now()) {}

  /** The files that became ready since the last scan. */
  scan(): string[] {
    const ready: string[] = [];
    const present = new Set<string>();
    const t = this.now();
    for (const file of listFiles(this.dirs, [])) {
      let st: fs.Stats;
      try {
        st = fs.statSync(fsPath(file));
      } catch {
        continue; // gone between the listing and the stat
      }
      present.add(file);
      const s = this.seen.get(file);
      if (!s || s.size !== st.size || s.mtimeMs !== st.mtimeMs) {
        this.seen.set(file, { size: st.size, mtimeMs: st.mtimeMs, since: t, taken: false });
        continue;
      }
      if (!s.taken && s.size > 0 && t - s.since >= this.settleMs) {
        s.taken = true;
        ready.push(file);
      }
    }
    for (const file of this.seen.keys()) if (!present.has(file)) this.seen.delete(file);
    return ready;
  }
}
