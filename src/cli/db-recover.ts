// `npm run db:recover`: roll back a hot journal left by an interrupted write (one read-write open does it), then check.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { hotJournal } from '../db/prepare.ts';

const target = process.argv[2] ?? loadConfig().DATABASE_PATH;
if (!fs.existsSync(target)) {
  console.error(`Database ${target} does not exist: there is nothing to recover.`);
  process.exit(1);
}
const journal = hotJournal(target);
try {
  // Opening read-write and reading is what makes SQLite roll the journal back; nothing else is written.
  const db = new Database(target, { fileMustExist: true });
  try {
    const result = (db.prepare('PRAGMA integrity_check(5)').all() as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (result.join() !== 'ok') {
      console.error(
        `Database ${target} fails its integrity check (${result.join('; ')}). Restore it from a backup.`,
      );
      process.exit(1);
    }
  } finally {
    db.close();
  }
} catch (err) {
  console.error(
    `Database ${target} cannot be recovered: ${(err as Error).message}. Restore it from a backup.`,
  );
  process.exit(1);
}
if (hotJournal(target)) {
  console.error(`Database ${target} still has a journal after recovery. Restore it from a backup.`);
  process.exit(1);
}
console.log(
  journal
    ? `Rolled back the interrupted write in ${journal}; ${target} passes its integrity check.`
    : `${target} had no hot journal and passes its integrity check.`,
);
