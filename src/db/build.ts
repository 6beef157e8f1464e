// Building the database file: migrate and seed into a temporary file, then rename it over the target atomically.
import fs from 'node:fs';
import path from 'node:path';
import { seedDatabase } from './seed.ts';
import { openWritable } from './writable.ts';

/** Builds (or rebuilds) the SQLite file. A failure leaves the previous file, or no file, never a half-written one. */
export function buildDatabaseFile(target: string, reportFiles?: string[]): void {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const temp = `${target}.building-${process.pid}`;
  fs.rmSync(temp, { force: true });
  try {
    const db = openWritable(temp);
    try {
      seedDatabase(db, reportFiles);
    } finally {
      db.$client.close();
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
