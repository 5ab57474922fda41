/** How a command names its store: --db, CONGVAN_DB, a SQLite file or a postgres:// URL. */
export const DEFAULT_DB = 'output/congvan.db';

/** The store a command uses: --db, else CONGVAN_DB, else output/congvan.db. */
export function dbSpec(opt: string | undefined | null): string {
  return opt || process.env.CONGVAN_DB || DEFAULT_DB;
}

export const isPostgres = (spec: string) => /^postgres(?:ql)?:\/\//i.test(spec);

/** A PostgreSQL URL as printed: without its password. */
export function printableSpec(spec: string): string {
  if (!isPostgres(spec)) return spec;
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return spec.replace(/:[^:@/]*@/, ':***@');
  }
}

/** The `--db` option every command has. */
export const DB_OPTION = ['--db <store>', `SQLite file or postgres://... URL (default: $CONGVAN_DB, else ${DEFAULT_DB})`] as const;
