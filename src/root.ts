/**
 * The project root (where package.json, src/ and schemas/ are). Files that ship beside the
 * sources (src/http/public, src/engine/worker.ts, ...) are found from here, not from
 * import.meta.url: the code may run from a bundle in node_modules/.cache/congvan/
 * (src/engine/bundle-cache.mjs), which sets __CONGVAN_ROOT__ when it builds.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __CONGVAN_ROOT__: string | undefined;

export const ROOT: string = typeof __CONGVAN_ROOT__ === 'string' ? __CONGVAN_ROOT__ : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
