// `npm run import -- FILE [--replace]`: validate a report dataset file completely, then add it to the database.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openWritable } from '../db/client.ts';
import { importReport } from '../db/import.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { replace: { type: 'boolean', default: false }, database: { type: 'string' } },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error('usage: npm run import -- FILE [--replace] [--database PATH]');
  process.exit(2);
}
const target = values.database ?? loadConfig().DATABASE_PATH;
if (!fs.existsSync(target)) {
  console.error(`Database ${target} does not exist; build it first with "npm run db:build".`);
  process.exit(1);
}
try {
  const db = openWritable(target);
  try {
    const outcome = importReport(db, file, { replace: values.replace });
    if (outcome.status === 'unchanged') {
      console.log(`Skipped: report "${outcome.sourceId}" is already imported with the same text.`);
    } else {
      console.log(
        `${outcome.status === 'replaced' ? 'Replaced' : 'Imported'} report "${outcome.sourceId}" (${outcome.figures} figures, ${outcome.notes} notes) into ${target}.`,
      );
      console.log('A running server picks it up on SIGHUP (kill -HUP <pid>).');
    }
  } finally {
    db.$client.close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
