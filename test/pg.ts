/**
 * A PostgreSQL server for the tests: CONGVAN_TEST_PG (an admin URL; default the local server
 * through its socket, as root with peer authentication: .ci/run and scripts/setup.sh start it).
 * Each test file gets a database of its own, dropped at the end. When no server answers,
 * `pgSkip` says why, and the PostgreSQL tests are skipped with that reason in their name.
 */
import pg from 'pg';

export const PG_ADMIN = process.env.CONGVAN_TEST_PG ?? 'postgresql://root@/postgres?host=/var/run/postgresql';

async function reach(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return `no PostgreSQL server at ${PG_ADMIN} (${(e as Error).message.split('\n')[0]}): run .ci/run or scripts/setup.sh postgres as root, or set CONGVAN_TEST_PG`;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Null when a server answers, else the reason the PostgreSQL tests are skipped. */
export const pgSkip: string | null = await reach();

/** A new empty database; `drop` removes it (ending its connections). */
export async function freshDatabase(tag = 'test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `congvan_${tag}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(PG_ADMIN, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The URL with another database name (URLs with a socket folder, no host, are not WHATWG URLs). */
export function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}
