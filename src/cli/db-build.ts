// `npm run db:build`: migrate and seed the SQLite file at DATABASE_PATH (or the path given), in one transaction.
import { loadConfig } from '../config.ts';
import { buildDatabaseFile } from '../db/build.ts';

const target = process.argv[2] ?? loadConfig().DATABASE_PATH;
try {
  buildDatabaseFile(target);
  console.log(`Built ${target}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
