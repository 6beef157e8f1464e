// Importing many dataset files in one atomic step: into a copy of the database, checked, synced, renamed over it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Config, loadConfig } from '../config.ts';
import { buildDatabaseFile } from './build.ts';
import { checkServable, GateError } from './gate.ts';
import { type ImportOutcome, importReport } from './import.ts';
import { checkDatabase, prepareDatabase } from './prepare.ts';
import { DatasetError } from './seed.ts';
import { type WritableDb, wrap } from './writable.ts';

/** Several datasets that cannot be imported: every problem of every file, and nothing was written. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The dataset files named: files as given, folders as their `*.json` files in name order; each file once. */
export function datasetFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new ImportError(`${input} does not exist`);
    }
    if (stat.isDirectory()) {
      const found = fs
        .readdirSync(input)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(input, f));
      if (found.length === 0) throw new ImportError(`${input} holds no .json dataset file`);
      files.push(...found);
    } else {
      files.push(input);
    }
  }
  return [...new Set(files.map((f) => path.resolve(f)))];
}

const tempPrefix = (target: string) => `${path.basename(target)}.import-`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the import lock beside the target (one import at a time: two would each copy the old data and the second
 * rename would drop the first's reports), and removes what killed imports left: their lock and temporary copies.
 */
function lockAndClean(target: string): () => void {
  const dir = path.dirname(target);
  const lock = `${target}.import-lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new ImportError(
          `another import (process ${holder}) is writing ${target}; wait for it to finish`,
        );
      }
      fs.rmSync(lock, { force: true });
    }
  }
  const prefix = tempPrefix(target);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && name !== path.basename(lock))
      fs.rmSync(path.join(dir, name), { force: true });
  }
  return () => fs.rmSync(lock, { force: true });
}

function fsync(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface ImportOptions {
  /** Replace a report already imported whose text changed (otherwise refused). */
  replace?: boolean;
  progress?: (line: string) => void;
  /** The service's configuration the gate builds its app with (the default: the environment's). */
  config?: Config;
}

/**
 * Copies `from` to `candidate` and imports every dataset into the copy, then checks it as a database (integrity,
 * foreign keys, schema version, at least one report) and, through the gate, as a service: loaded and every reply of
 * every period rendered and validated. Returns the outcomes, or throws ImportError (every problem of every file),
 * DatabaseStartupError or GateError. `from` is only read.
 */
async function buildCandidate(
  from: string,
  candidate: string,
  files: readonly string[],
  { replace = false, progress = (_line: string) => {}, config = loadConfig() }: ImportOptions,
): Promise<ImportOutcome[]> {
  const current = prepareDatabase(from);
  try {
    progress(`copying ${from} to ${candidate}`);
    current.$client.prepare('VACUUM INTO ?').run(candidate);
  } finally {
    current.$client.close();
  }
  let db: WritableDb | undefined = wrap(new Database(candidate, { fileMustExist: true }));
  try {
    // The copy is nobody's until renamed: no journal on disk and no sync per transaction; one fsync at the end.
    db.$client.pragma('journal_mode = MEMORY');
    db.$client.pragma('synchronous = OFF');
    const outcomes: ImportOutcome[] = [];
    const failures: string[] = [];
    for (const [i, file] of files.entries()) {
      try {
        outcomes.push(importReport(db, file, { replace }));
        progress(`read ${i + 1}/${files.length}: ${file}`);
      } catch (err) {
        if (!(err instanceof DatasetError)) throw err;
        failures.push(err.message);
      }
    }
    if (failures.length > 0) {
      throw new ImportError(
        `${failures.join('\n')}\nNothing was imported (${failures.length} of ${files.length} files refused).`,
      );
    }
    if (outcomes.every((o) => o.status === 'unchanged')) return outcomes;
    progress(`checking ${candidate}`);
    const integrity = (
      db.$client.prepare('PRAGMA integrity_check(5)').all() as { integrity_check: string }[]
    ).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok')
      throw new ImportError(`the new database fails its integrity check (${integrity.join('; ')})`);
    const orphans = db.$client.prepare('PRAGMA foreign_key_check').all();
    if (orphans.length > 0)
      throw new ImportError(`the new database has ${orphans.length} rows with a missing parent`);
    checkDatabase(candidate, db);
    db.$client.close();
    db = undefined;
    progress(`serving ${candidate} on a test app: every reply of every period`);
    try {
      await checkServable(candidate, config);
    } catch (err) {
      if (!(err instanceof GateError)) throw err;
      throw new ImportError(`${err.message}\nNothing was imported: the data would not be served.`);
    }
    return outcomes;
  } finally {
    db?.$client.close();
  }
}

/**
 * Imports every dataset into a copy of `target` made beside it, checks the copy (as a database, then through the
 * gate every start and reload runs), syncs it to disk and renames it over `target`. The served file is never
 * written: a kill at any moment leaves either the old file or the new one, and at worst a temporary copy the next
 * import removes. Any bad dataset, or data the service could not serve, stops everything (every problem is reported)
 * and `target` is left as it was.
 */
export async function importAtomically(
  target: string,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const unlock = lockAndClean(target);
  const temp = path.join(path.dirname(target), `${tempPrefix(target)}${process.pid}.sqlite`);
  try {
    const outcomes = await buildCandidate(target, temp, files, options);
    if (outcomes.every((o) => o.status === 'unchanged')) return outcomes;
    fsync(temp);
    options.progress?.(`renaming ${temp} over ${target}`);
    fs.renameSync(temp, target);
    // The rename itself is durable once the folder is synced.
    fsync(path.dirname(target));
    return outcomes;
  } finally {
    fs.rmSync(temp, { force: true });
    unlock();
  }
}

/**
 * `npm run import -- --check`: everything an import checks (format, quotes against the text, sha256, the gate on a
 * candidate holding the served data plus these datasets), on a throwaway copy in the OS's temporary folder. Nothing
 * is written beside `target`, which is only read (a fresh database built from seed/ stands in when it is missing).
 */
export async function checkDatasets(
  target: string,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-import-check-'));
  try {
    let from = target;
    if (!fs.existsSync(target)) {
      from = path.join(dir, 'seed.sqlite');
      options.progress?.(`${target} does not exist: checking against a database built from seed/`);
      buildDatabaseFile(from);
    }
    return await buildCandidate(from, path.join(dir, 'candidate.sqlite'), files, options);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
