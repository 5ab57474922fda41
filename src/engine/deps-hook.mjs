// A module-loader hook for the batch workers: packages under node_modules that are already
// JavaScript (ES modules) are loaded as they are, without passing through tsx's transform.
// tsx re-processes every ES module it loads; for pdfjs-dist (two ~1 MB files) that costs
// 2-4 s per worker instead of ~0.3 s. TypeScript sources still go through tsx.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.includes('/node_modules/') && !url.includes('/node_modules/tsx/')) {
    if (context.format === 'module' || (!context.format && url.endsWith('.mjs'))) {
      return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
    }
  }
  return nextLoad(url, context);
}
