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

/**
 * SQLite's page cache of the serving connection, in KiB (a negative cache_size). The server reads each table once into
 * its snapshot and answers from memory, so a large cache buys nothing; better-sqlite3 sets 16 MB, which a start fills
 * (quick_check reads every page) and the snapshot's sorted reads then hold beside it, as their sorter may take as much
 * before it spills to a temporary file. SQLite's own default, 2 MB.
 */
const READ_CACHE_KIB = 2000;

/** The serving database: read-only, so no request can ever write to it. */
export function openReadOnly(file: string): Db {
  const client = new Database(file, { readonly: true, fileMustExist: true });
  try {
    client.pragma(`cache_size = -${READ_CACHE_KIB}`);
  } catch {
    // A file that is not a database refuses even this (the pragma reads its header); the checks made before serving
    // (db/prepare.ts) say what is wrong with it, and it is never served.
  }
  return { $client: client };
}
