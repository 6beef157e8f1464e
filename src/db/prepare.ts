// Opening the serving database at start: built when missing, then opened read-only.
import fs from 'node:fs';
import { buildDatabaseFile } from './build.js';
import { type Db, openReadOnly } from './client.js';

export function prepareDatabase(file: string, log: (msg: string) => void = () => {}): Db {
  if (!fs.existsSync(file)) {
    log(`Database ${file} is missing: building it from seed/`);
    buildDatabaseFile(file);
  }
  return openReadOnly(file);
}
