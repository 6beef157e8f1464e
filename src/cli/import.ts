// `npm run import -- FILE|FOLDER... [--replace]`: validate report datasets completely, check that the service can
// serve the result (the gate every start and reload runs), then add them all to the database in one atomic step (a
// new file renamed over the old one). `--check` runs every check on a throwaway copy and writes nothing.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { checkDatasets, datasetFiles, importAtomically } from '../db/atomic-import.ts';
import { terminalSafe } from '../domain/control-chars.ts';

// Every line goes through terminalSafe: file names and dataset text must not drive the operator's terminal.
const say = (line: string) => console.log(terminalSafe(line));
const complain = (line: string) => console.error(terminalSafe(line));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    replace: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
if (positionals.length === 0) {
  complain('usage: npm run import -- FILE|FOLDER... [--replace] [--check] [--database PATH]');
  process.exit(2);
}
const config = loadConfig();
const target = values.database ?? config.DATABASE_PATH;
if (!values.check && !fs.existsSync(target)) {
  complain(`Database ${target} does not exist; build it first with "npm run db:build".`);
  process.exit(1);
}
try {
  const files = datasetFiles(positionals);
  const options = { replace: values.replace, progress: say, config };
  const outcomes = values.check
    ? await checkDatasets(target, files, options)
    : await importAtomically(target, files, options);
  const verb = values.check ? 'would be' : 'was';
  for (const outcome of outcomes) {
    if (outcome.status === 'unchanged') {
      say(`Skipped: report "${outcome.sourceId}" is already imported with the same text.`);
    } else if (values.check) {
      say(
        `Valid: report "${outcome.sourceId}" (${outcome.figures} figures, ${outcome.notes} notes) ${verb} ${outcome.status} and served.`,
      );
    } else {
      say(
        `${outcome.status === 'replaced' ? 'Replaced' : 'Imported'} report "${outcome.sourceId}" (${outcome.figures} figures, ${outcome.notes} notes) into ${target}.`,
      );
    }
  }
  if (values.check) say(`Nothing was written (--check); ${target} is as it was.`);
  else if (outcomes.some((o) => o.status !== 'unchanged')) {
    say('A running server picks the new data up on SIGHUP (kill -HUP <pid>).');
  }
} catch (err) {
  complain(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
