// Opening the SQLite database through better-sqlite3 and drizzle, and applying migrations.
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../paths.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Every connection and statement ever made, kept alive until the process exits.
 *
 * better-sqlite3 12 compiled for Node 24 aborts the process ("Assertion failed: (env) != nullptr" in
 * node::RemoveEnvironmentCleanupHook) when the garbage collector destroys one of its objects outside a JavaScript
 * context, or after Node has torn its environment down at exit (WiseLibs/better-sqlite3#1515; fixed in 13, which
 * does not run on Node 20). Objects that are never collected are destroyed by Node's own cleanup hooks at exit,
 * which is safe. The cost is a few hundred small objects: statements are prepared at start-up, on a reload and
 * while building the database, never per request.
 */
const keptAlive = new Set<object>();

function keepAlive(sqlite: Database.Database): Database.Database {
  keptAlive.add(sqlite);
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    keptAlive.add(statement);
    return statement;
  }) as typeof sqlite.prepare;
  return sqlite;
}

export function wrap(connection: Database.Database): Db {
  const sqlite = keepAlive(connection);
  // exec(), not pragma(): pragma() prepares a statement outside prepare() (see keptAlive).
  sqlite.exec('PRAGMA foreign_keys = ON');
  return drizzle(sqlite, { schema }) as Db;
}

/** A writable database (a file or ":memory:") with every migration applied. */
export function openWritable(file: string): Db {
  const db = wrap(new Database(file));
  if (file !== ':memory:') db.$client.exec('PRAGMA journal_mode = DELETE');
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/** The serving database: read-only, so no request can ever write to it. */
export function openReadOnly(file: string): Db {
  return wrap(new Database(file, { readonly: true, fileMustExist: true }));
}
