// Opening the SQLite database through better-sqlite3 and drizzle, and applying migrations.
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../paths.ts';
import { type BetterSQLite3Database, drizzle, migrate } from './drizzle.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The database the app reads, swappable at run time (a reload swaps in a new handle). */
export interface DatabaseHolder {
  current: Db;
}

export function wrap(connection: Database.Database): Db {
  connection.pragma('foreign_keys = ON');
  return drizzle(connection, { schema }) as Db;
}

/** A writable database (a file or ":memory:") with every migration applied. */
export function openWritable(file: string): Db {
  const db = wrap(new Database(file));
  if (file !== ':memory:') db.$client.pragma('journal_mode = DELETE');
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/** The serving database: read-only, so no request can ever write to it. */
export function openReadOnly(file: string): Db {
  return wrap(new Database(file, { readonly: true, fileMustExist: true }));
}
