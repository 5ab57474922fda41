import { execFileSync } from 'node:child_process';
import { afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseText } from '../src/parse/text.js';
import { normalise } from '../src/normalise/index.js';
import type { TextModel } from '../src/model/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.join(ROOT, 'corpus');
export const STEMS = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort();

/**
 * A batch worker written in TypeScript for a test (a worker that hangs, crashes or waits at a
 * gate), as a URL the pool can start: a data: URL that registers tsx's loader in the worker
 * thread, then loads the file. congvan's own workers run the built dist/worker.mjs; only
 * the tests' workers go through tsx.
 */
export function tsWorker(file: string | URL): string {
  const api = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  const target = typeof file === 'string' ? pathToFileURL(file).href : file.href;
  return `data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(target)});\n`)}`;
}

/** The folders tmpDir made for this test file: removed after its tests (9,000 left behind filled a CI disk). */
const made: string[] = [];
// (this module is evaluated once per test file, while the file's tests are collected: the hook is the file's)
afterAll(() => {
  for (const d of made.splice(0)) {
    try {
      fs.rmSync(d, { recursive: true, force: true });
    } catch {
      // a folder a child process still holds open is left; the others go
    }
  }
});

/** A new folder under the system's temporary folder, removed with everything in it after the test file's tests. */
export function tmpDir(prefix = 'congvan-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A text model from a string, as the .txt parser makes it. */
export function model(text: string, file = 'fixture.txt'): TextModel {
  return normalise(parseText(Buffer.from(text, 'utf8'), file), file);
}

export function gold(stem: string) {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, 'gold', `${stem}.json`), 'utf8'));
}

/** Whether a command runs (`cmd arg` exits 0): for tests that need a tool and skip without it. */
export function hasCommand(cmd: string, arg: string): boolean {
  try {
    execFileSync(cmd, [arg], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
