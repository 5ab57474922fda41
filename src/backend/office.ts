/** The office store (src/store/office.ts) of an open store: SQLite's on its connection, PostgreSQL's on its pool. */
import { SqliteOffice, asyncOffice, type AsyncOfficeStore } from '../store/office.js';
import type { Store } from './store.js';
import { SqliteStore } from './sqlite.js';
import type { PgStore } from './postgres.js';

export function officeOf(store: Store): AsyncOfficeStore {
  return store instanceof SqliteStore ? asyncOffice(new SqliteOffice(store.db)) : (store as PgStore).office;
}
