/**
 * The house's plan, checked on the sources' import statements: no import cycles between
 * files, and no module importing from a layer above its own:
 *
 *   cli -> http -> pipelines (the stages in order) -> engine, stages (parse, normalise, extract, refine) -> model
 *                                   \-> store, query, export (records at rest)    -> model
 *   cli -> queue -> engine, backend (SQLite and PostgreSQL behind one interface) -> office, export, query, store
 *   http -> queue (the page's upload into a PostgreSQL store goes through the queue)
 *
 * model is the bottom (types, calendar, obligation status, export formats); a stage never
 * imports the engine, the store or what is built on them, and the store, queries and
 * exports never run a stage (BELOW says what each layer may import).
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.js';

const FOLDERS = ['src', 'pipelines', 'schemas'];

function sources(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const sub = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(sub);
      else if (/\.(ts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(sub);
    }
  };
  for (const f of FOLDERS) walk(f);
  return out;
}

/**
 * The project files a source imports (relative paths only): static and dynamic imports, and
 * type imports unless `runtime` (a type import is gone once compiled: no cycle at run time).
 */
function importsOf(file: string, runtime = false): string[] {
  const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[^\w.])(?:import|export)\s*(type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?\(?\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    if (runtime && m[1]) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2]!)).replace(/\.js$/, '.ts');
    out.push(target);
  }
  return out;
}

/** The layer of a file: its folder under src/ (or pipelines, schemas). */
function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? parts[1]! : 'root';
}

/** What each layer may import besides itself. */
const BELOW = (() => {
  const base = ['model', 'root', 'scripts'];
  const text = [...base, 'schemas', 'normalise'];
  const records = [...text, 'store', 'query', 'refine'];
  const under = {
    model: [],
    root: [],
    scripts: [],
    schemas: ['model'],
    // the stages: text helpers (normalise/unicode) are shared; a later stage may read an earlier one's markers
    normalise: ['model'],
    parse: ['model', 'normalise'],
    extract: ['model', 'normalise', 'parse'],
    refine: ['model', 'normalise', 'parse', 'extract'],
    eval: text,
    // records at rest: they read records (schemas), never run a stage again
    store: text,
    query: [...text, 'store', 'refine'],
    export: [...text, 'store', 'query'],
    office: [...text, 'store', 'query', 'export'],
    // the machinery of a batch (pool, writer, files): it runs whatever stages it is given
    engine: [...text, 'store', 'parse', 'export'],
    // the stores behind one interface (SQLite, PostgreSQL): records at rest with their search and audit
    backend: [...text, 'store', 'query', 'export', 'office'],
    pipelines: [...records, 'parse', 'extract', 'export', 'engine'],
    // workers anywhere: the queue runs one document's stages (pipelines) on a PostgreSQL store
    queue: [...records, 'parse', 'extract', 'export', 'engine', 'pipelines', 'backend'],
    http: [...records, 'export', 'office', 'engine', 'pipelines', 'backend', 'queue'],
    cli: [...records, 'parse', 'extract', 'export', 'office', 'engine', 'pipelines', 'eval', 'http', 'backend', 'queue'],
  } as Record<string, string[]>;
  return new Map(Object.entries(under).map(([k, v]) => [k, new Set([...base, ...v])]));
})();

/** Known exceptions, each with its reason; the list may only shrink. */
const ALLOWED = new Set<string>([]);

describe('the layers of the sources', () => {
  const files = sources();
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const runtime = new Map(files.map((f) => [f, importsOf(f, true)]));

  it('every module imports only from its own layer or those below it', () => {
    const up: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const t of targets) {
        const to = layerOf(t);
        expect(BELOW.get(from), `a layer for ${file}`).toBeDefined();
        expect(BELOW.get(to), `a layer for ${t}`).toBeDefined();
        if (from !== to && !BELOW.get(from)!.has(to) && !ALLOWED.has(`${file} -> ${t}`)) up.push(`${file} -> ${t}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('has no import cycles between files (type-only imports aside)', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, stack: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of runtime.get(f) ?? []) visit(t, [...stack, f]);
      state.set(f, 'done');
    };
    for (const f of runtime.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('finds the imports it checks (the check would pass on nothing otherwise)', () => {
    expect(graph.get('pipelines/document.ts')).toContain('src/refine/index.ts');
    expect(graph.get('src/export/tasks.ts')).toContain('src/model/status.ts');
    expect([...graph.values()].flat().length).toBeGreaterThan(200);
  });
});
