import { execFileSync } from 'node:child_process';
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

export function tmpDir(prefix = 'congvan-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
