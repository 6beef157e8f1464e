// The database as the server reads it: a better-sqlite3 connection, queried in plain SQL. Writing (build, seed,
// import) goes through drizzle in src/db/writable.ts, which the server never loads.
import Database from 'better-sqlite3';

/** A connection to read; a writable one (src/db/writable.ts) is one too. */
export interface Db {
  $client: Database.Database;
}

/** The database the app reads, swappable at run time (a reload swaps in a new handle). */
export interface DatabaseHolder {
  current: Db;
}

/** The serving database: read-only, so no request can ever write to it. */
export function openReadOnly(file: string): Db {
  return { $client: new Database(file, { readonly: true, fileMustExist: true }) };
}
