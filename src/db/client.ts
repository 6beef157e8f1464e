// Opening the SQLite database through better-sqlite3 and drizzle, and applying migrations.
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../paths.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function wrap(sqlite: Database.Database): Db {
  sqlite.pragma('foreign_keys = ON');
  return drizzle(sqlite, { schema }) as Db;
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
