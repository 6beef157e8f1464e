// Test helpers: a seeded in-memory database and an app built on it.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, testConfig } from '../../src/config.ts';
import { seedDatabase } from '../../src/db/seed.ts';
import { openWritable, type WritableDb } from '../../src/db/writable.ts';

export function seededDb(): WritableDb {
  const db = openWritable(':memory:');
  seedDatabase(db);
  return db;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig(overrides), db: seededDb() });
  await app.ready();
  return app;
}
