// Writing the database through drizzle (build, seed, import): migrations applied, foreign keys on. The server never
// loads this module: it reads plain SQL through src/db/client.ts.
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../paths.ts';
import { type BetterSQLite3Database, drizzle, migrate } from './drizzle.ts';
import * as schema from './schema.ts';

export type WritableDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function wrap(connection: Database.Database): WritableDb {
  connection.pragma('foreign_keys = ON');
  return drizzle(connection, { schema }) as WritableDb;
}

/** A writable database (a file or ":memory:") with every migration applied. */
export function openWritable(file: string): WritableDb {
  const db = wrap(new Database(file));
  if (file !== ':memory:') db.$client.pragma('journal_mode = DELETE');
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}
