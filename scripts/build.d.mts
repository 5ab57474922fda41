// Types of build.mjs (plain JavaScript: bin/congvan.js loads it before anything is built).
export const ROOT: string;
export function stale(root?: string): string | null;
export function build(root?: string, opts?: { esbuild?: () => Promise<unknown> }): Promise<{ files: string[] }>;
export function ensureBuilt(root?: string, opts?: { esbuild?: () => Promise<unknown> }): Promise<string | null>;
