// Writes the OpenAPI document the app publishes at /openapi.json to a file, for linters and client generators.
//
//   node scripts/export-openapi.ts PATH        (e.g. npm run lint:openapi writes node_modules/.cache/openapi.json)
//
// The app is built on a seeded in-memory database, so no database file is needed or touched.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { seedDatabase } from '../src/db/seed.ts';
import { openWritable } from '../src/db/writable.ts';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node scripts/export-openapi.ts OUTPUT.json');
    process.exit(2);
  }
  const db = openWritable(':memory:');
  seedDatabase(db);
  const app = await buildApp({ config: testConfig(), db });
  try {
    await app.ready();
    const document = app.swagger();
    const file = path.resolve(target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`OpenAPI document written to ${path.relative(process.cwd(), file) || file}`);
  } finally {
    await app.close();
    db.$client.close();
  }
}

main().catch((err: unknown) => {
  console.error(`export-openapi failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
