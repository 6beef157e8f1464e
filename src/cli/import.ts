// `npm run import -- FILE|FOLDER... [--replace]`: validate report datasets completely, then add them all to the
// database in one atomic step (a new file renamed over the old one).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { datasetFiles, importAtomically } from '../db/atomic-import.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { replace: { type: 'boolean', default: false }, database: { type: 'string' } },
});
if (positionals.length === 0) {
  console.error('usage: npm run import -- FILE|FOLDER... [--replace] [--database PATH]');
  process.exit(2);
}
const target = values.database ?? loadConfig().DATABASE_PATH;
if (!fs.existsSync(target)) {
  console.error(`Database ${target} does not exist; build it first with "npm run db:build".`);
  process.exit(1);
}
try {
  const outcomes = importAtomically(target, datasetFiles(positionals), {
    replace: values.replace,
    progress: (line) => console.log(line),
  });
  for (const outcome of outcomes) {
    if (outcome.status === 'unchanged') {
      console.log(`Skipped: report "${outcome.sourceId}" is already imported with the same text.`);
    } else {
      console.log(
        `${outcome.status === 'replaced' ? 'Replaced' : 'Imported'} report "${outcome.sourceId}" (${outcome.figures} figures, ${outcome.notes} notes) into ${target}.`,
      );
    }
  }
  if (outcomes.some((o) => o.status !== 'unchanged')) {
    console.log('A running server picks the new data up on SIGHUP (kill -HUP <pid>).');
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
