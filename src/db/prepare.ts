// Opening the serving database at start: built when missing (if allowed), checked, then opened read-only.
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../paths.ts';
import { buildDatabaseFile } from './build.ts';
import { type Db, openReadOnly } from './client.ts';

/** A database the server must not serve from; the message is one line saying what is wrong and how to fix it. */
export class DatabaseStartupError extends Error {
  constructor(file: string, problem: string) {
    super(
      `Database ${file} ${problem}. Rebuild it with "npm run db:build" (or DATABASE_PATH=${file} npm run db:build).`,
    );
    this.name = 'DatabaseStartupError';
  }
}

/** The newest migration this build knows, as drizzle records it (the journal's "when"). */
export function expectedSchemaVersion(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

/** Checks that a file is a database of this build's schema holding at least one report. */
export function checkDatabase(file: string, db: Db): void {
  let version: number | undefined;
  let sources: number;
  try {
    db.$client.prepare('PRAGMA schema_version').get();
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    if (tables.length === 0) throw new DatabaseStartupError(file, 'is empty (it has no tables)');
    if (!tables.some((t) => t.name === '__drizzle_migrations')) {
      throw new DatabaseStartupError(file, 'is not a nano-exports database (it has no migration history)');
    }
    const row = db.$client.prepare('SELECT MAX(created_at) AS v FROM __drizzle_migrations').get() as {
      v: number | null;
    };
    version = row.v ?? undefined;
    const expected = expectedSchemaVersion();
    if (version !== expected) {
      throw new DatabaseStartupError(
        file,
        `has schema version ${version ?? 'none'}, but this build expects ${expected}`,
      );
    }
    sources = (db.$client.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n;
  } catch (err) {
    if (err instanceof DatabaseStartupError) throw err;
    throw new DatabaseStartupError(file, `cannot be read as an SQLite database (${(err as Error).message})`);
  }
  if (sources === 0) throw new DatabaseStartupError(file, 'holds no report');
}

export function prepareDatabase(
  file: string,
  buildIfMissing: boolean,
  log: (msg: string) => void = () => {},
): Db {
  if (!fs.existsSync(file)) {
    if (!buildIfMissing) throw new DatabaseStartupError(file, 'is missing');
    log(`Database ${file} is missing: building it from seed/`);
    buildDatabaseFile(file);
  }
  if (fs.statSync(file).size === 0) throw new DatabaseStartupError(file, 'is empty (0 bytes)');
  let db: Db;
  try {
    db = openReadOnly(file);
  } catch (err) {
    throw new DatabaseStartupError(file, `cannot be opened (${(err as Error).message})`);
  }
  try {
    checkDatabase(file, db);
  } catch (err) {
    db.$client.close();
    throw err;
  }
  return db;
}
