// Start-up faults: a missing, empty, corrupt, wrong-schema or half-written database stops the server with one clear
// line giving a remedy that loses no data; /readyz says when the served file cannot be trusted.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { openReadOnly } from '../../src/db/client.ts';
import { REMEDY } from '../../src/db/prepare.ts';
import { spawnServer, startServer } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Leaves `file` as a killed writer would: with a hot journal beside it. The journal comes from an uncommitted write to a
 * copy (so it holds the file's own pages), and is put beside the file as the writer's death would leave it.
 */
function leaveHotJournal(file: string): void {
  const copy = `${file}.writer`;
  fs.copyFileSync(file, copy);
  const writer = new Database(copy);
  writer.pragma('cache_size = 1');
  writer.exec('BEGIN');
  writer.prepare("UPDATE sources SET text = text || 'x'").run();
  writer.exec('CREATE TABLE filler AS SELECT randomblob(100000) AS b FROM figures');
  fs.copyFileSync(`${copy}-journal`, `${file}-journal`);
  writer.exec('ROLLBACK');
  writer.close();
  fs.rmSync(copy);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-startup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function failedStart(file: string, env: Record<string, string> = {}) {
  const s = spawnServer({ DATABASE_PATH: file, DATABASE_BUILD_IF_MISSING: 'false', ...env });
  const { code } = await s.exited;
  return { code, lines: s.output().trim().split('\n') };
}

describe('the server refuses to start on a bad database', () => {
  it('missing (when building is off)', async () => {
    const file = path.join(dir, 'missing.sqlite');
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `nano-exports-api failed to start: Database ${file} is missing. Rebuild it with "npm run db:build" (or DATABASE_PATH=${file} npm run db:build).`,
    ]);
  });

  it('empty', async () => {
    const file = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(file, '');
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Database ${file} is empty (0 bytes). Rebuild it with "npm run db:build"`);
  });

  it('corrupt', async () => {
    const file = path.join(dir, 'corrupt.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `nano-exports-api failed to start: Database ${file} cannot be read as an SQLite database (file is not a database). ${REMEDY.restore()}`,
    );
  });

  it('of another schema version', async () => {
    const file = path.join(dir, 'old.sqlite');
    buildDatabaseFile(file);
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    raw.prepare('UPDATE __drizzle_migrations SET created_at = 1').run();
    raw.close();
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/has schema version 1, but this build expects \d+\. Serve it with the version/);
    expect(lines[0]).not.toContain('db:build');
  });

  it('not a nano-exports database', async () => {
    const file = path.join(dir, 'other.sqlite');
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines[0]).toContain('is not a nano-exports database (it has no migration history)');
  });

  it('with a hot journal: says so, and gives the remedy that keeps the data (never a rebuild)', async () => {
    const file = path.join(dir, 'hot.sqlite');
    buildDatabaseFile(file);
    leaveHotJournal(file);
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `nano-exports-api failed to start: Database ${file} has a hot journal (${file}-journal). ${REMEDY.recover(file)}`,
    ]);
    const recover = spawnSync(process.execPath, ['src/cli/db-recover.ts', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(recover.stdout.trim()).toBe(
      `Rolled back the interrupted write in ${file}-journal; ${file} passes its integrity check.`,
    );
    expect(recover.status).toBe(0);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    const server = await startServer({ DATABASE_PATH: file, DATABASE_BUILD_IF_MISSING: 'false' });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('damaged inside: fails the integrity check, and the remedy is a backup', async () => {
    const file = path.join(dir, 'damaged.sqlite');
    buildDatabaseFile(file);
    // Scribble over the middle of the file (past the header and the schema page): table pages, not the header.
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const { code, lines } = await failedStart(file);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^nano-exports-api failed to start: Database .* (fails its integrity check|cannot be read as an SQLite database) \(.+\)\. Restore it from a backup/,
    );
  });

  it('a bad configuration value is one line too', async () => {
    const { code, lines } = await failedStart(path.join(dir, 'x.sqlite'), { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'nano-exports-api failed to start: Invalid configuration: PORT: Invalid input: expected number, received NaN',
    ]);
  });
});

describe('the database at run time', () => {
  it('/readyz is not ready while a hot journal sits beside the served file', async () => {
    const file = path.join(dir, 'ready.sqlite');
    buildDatabaseFile(file);
    const app = await buildApp({ config: testConfig(), db: openReadOnly(file) });
    try {
      expect((await app.inject('/readyz')).json()).toEqual({
        status: 'ready',
        database: 'ok',
        load: 'ok',
        sources: 1,
      });
      leaveHotJournal(file);
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'not-ready', database: 'unavailable', load: 'ok', sources: 1 });
    } finally {
      await app.close();
    }
  });

  it('is built on first start when missing, then served', async () => {
    const file = path.join(dir, 'first-start', 'db.sqlite');
    const server = await startServer({ DATABASE_PATH: file });
    try {
      expect(fs.existsSync(file)).toBe(true);
      const res = await fetch(`${server.url}/v1/rankings`);
      expect(res.status).toBe(200);
      expect((await res.json()).data[0].valueUsd).toBe(37500000);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('is opened read-only: writes are impossible', () => {
    const file = path.join(dir, 'ro.sqlite');
    buildDatabaseFile(file);
    const db = openReadOnly(file);
    expect(() =>
      db.$client.prepare("UPDATE figures SET value_usd = 1 WHERE id LIKE '%markazi-value'").run(),
    ).toThrow(/attempt to write a readonly database/);
    expect(() => db.$client.exec('CREATE TABLE x (y)')).toThrow(/readonly/);
    db.$client.close();
  });
});
