// drizzle-orm, loaded through its CommonJS build. Its ES build made the start several times slower than a bare
// Fastify server's: Node's ES loader looks up the package scope of each of its ~150 modules, re-reading drizzle's
// 180 kB package.json every time (measured here: ~2.5-3.7 s for the ES build vs ~0.25-0.6 s for the CommonJS build,
// on a loaded machine). Types come from the package as usual; every module of this project takes drizzle from here.
import { createRequire } from 'node:module';
import type * as Core from 'drizzle-orm';
import type * as Driver from 'drizzle-orm/better-sqlite3';
import type * as Migrator from 'drizzle-orm/better-sqlite3/migrator';
import type * as SqliteCore from 'drizzle-orm/sqlite-core';

const require = createRequire(import.meta.url);

export type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
export const { asc, eq, getTableName, sql } = require('drizzle-orm') as typeof Core;
export const { drizzle } = require('drizzle-orm/better-sqlite3') as typeof Driver;
export const { migrate } = require('drizzle-orm/better-sqlite3/migrator') as typeof Migrator;
export const { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } =
  require('drizzle-orm/sqlite-core') as typeof SqliteCore;
