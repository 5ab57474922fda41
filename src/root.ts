/**
 * The project root (where package.json, src/ and schemas/ are). Files that ship beside the
 * sources (src/http/public, openapi.json, ...) are found from here. This file is src/root.ts
 * in the sources and part of a file directly under dist/ once built: the root is one folder up
 * in both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
