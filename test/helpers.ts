import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseText } from '../src/parse/text.js';
import { normalise } from '../src/normalise/index.js';
import type { TextModel } from '../src/model/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.join(ROOT, 'corpus');
export const STEMS = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort();

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
