// Opening the serving database at start: built when missing (if allowed), checked, then opened read-only.
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../paths.ts';
import { type Db, openReadOnly } from './client.ts';

/** Remedies, by what was found. Only a missing or empty file may be rebuilt: a rebuild drops the imported reports. */
export const REMEDY = {
  build: (file: string) => `Rebuild it with "npm run db:build" (or DATABASE_PATH=${file} npm run db:build).`,
  recover: (file: string) =>
    `An interrupted write left it; the data before that write is intact: roll the journal back with "npm run db:recover" (or DATABASE_PATH=${file} npm run db:recover), then start again. Do not delete the journal or rebuild the database.`,
  restore: () =>
    'Restore it from a backup (a rebuild with "npm run db:build" would keep only the reports in seed/, not the imported ones).',
  version: () =>
    'Serve it with the version of nano-exports-api that wrote it, or restore a backup made by this version.',
  unservable: () =>
    'Import a corrected dataset over the report that holds the figure ("npm run import -- --replace FILE": the import refuses what cannot be served), or restore the previous database from a backup.',
} as const;

/** A database the server must not serve from; the message is one line: what was found, and the safe remedy. */
export class DatabaseStartupError extends Error {
  constructor(file: string, problem: string, remedy: string = REMEDY.build(file)) {
    super(`Database ${file} ${problem}. ${remedy}`);
    this.name = 'DatabaseStartupError';
  }
}

/** A journal left by a write that did not finish: SQLite must roll it back, which a read-only open cannot do. */
export function hotJournal(file: string): string | null {
  const journal = `${file}-journal`;
  try {
    return fs.statSync(journal).size > 0 ? journal : null;
  } catch {
    return null;
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
      throw new DatabaseStartupError(
        file,
        'is not a nano-exports database (it has no migration history)',
        'Check DATABASE_PATH.',
      );
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
        REMEDY.version(),
      );
    }
    sources = (db.$client.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n;
    // quick_check reads every page (linear in the file's size); a damaged file is refused, not half-served.
    const damage = (db.$client.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[])
      .map((r) => r.quick_check)
      .filter((r) => r !== 'ok');
    if (damage.length > 0) {
      throw new DatabaseStartupError(
        file,
        `fails its integrity check (${damage.join('; ')})`,
        REMEDY.restore(),
      );
    }
  } catch (err) {
    if (err instanceof DatabaseStartupError) throw err;
    throw new DatabaseStartupError(
      file,
      `cannot be read as an SQLite database (${(err as Error).message})`,
      REMEDY.restore(),
    );
  }
  if (sources === 0) throw new DatabaseStartupError(file, 'holds no report');
}

/** At start: builds the serving database from seed/ when it is missing and building is allowed. */
export async function buildIfMissing(
  file: string,
  buildIfMissing: boolean,
  log: (msg: string) => void = () => {},
): Promise<void> {
  if (!fs.existsSync(file) && buildIfMissing) {
    log(`Database ${file} is missing: building it from seed/`);
    // Loaded only here: building needs drizzle-orm and the seed; serving reads plain SQL and starts faster without.
    const { buildDatabaseFile } = await import('./build.ts');
    buildDatabaseFile(file);
  }
}

/** The serving database, checked and opened read-only; what is wrong is one line with its safe remedy. */
export function prepareDatabase(file: string): Db {
  if (!fs.existsSync(file)) throw new DatabaseStartupError(file, 'is missing');
  const journal = hotJournal(file);
  if (journal) {
    throw new DatabaseStartupError(file, `has a hot journal (${journal})`, REMEDY.recover(file));
  }
  if (fs.statSync(file).size === 0) throw new DatabaseStartupError(file, 'is empty (0 bytes)');
  let db: Db;
  try {
    db = openReadOnly(file);
  } catch (err) {
    throw new DatabaseStartupError(file, `cannot be opened (${(err as Error).message})`, REMEDY.restore());
  }
  try {
    checkDatabase(file, db);
  } catch (err) {
    db.$client.close();
    throw err;
  }
  return db;
}
