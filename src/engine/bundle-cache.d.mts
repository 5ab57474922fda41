// Types of bundle-cache.mjs (plain JavaScript: bin/congvan.js loads it before anything can run TypeScript).
export interface Bundles {
  /** The folder of this version of the bundle. */
  dir: string;
  key: string;
  /** src/cli/main.ts bundled. */
  cli: URL;
  /** src/engine/worker.ts bundled. */
  worker: URL;
  /** Built by this call (not found in the cache). */
  built: boolean;
}
export const ROOTS: string[];
export function loadBundles(root: string, opts?: { build?: boolean; esbuild?: () => Promise<unknown> }): Promise<Bundles | null>;
export function sourceKey(root: string): string;
