// Start-up faults: a missing, empty, corrupt or wrong-schema database stops the server with one clear line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { openReadOnly } from '../../src/db/client.ts';
import { spawnServer, startServer } from '../helpers/process.ts';

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
    expect(lines[0]).toMatch(
      /^nano-exports-api failed to start: Database .* cannot be read as an SQLite database \(file is not a database\)\. Rebuild it/,
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
    expect(lines[0]).toMatch(/has schema version 1, but this build expects \d+\. Rebuild it/);
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

  it('a bad configuration value is one line too', async () => {
    const { code, lines } = await failedStart(path.join(dir, 'x.sqlite'), { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'nano-exports-api failed to start: Invalid configuration: PORT: Invalid input: expected number, received NaN',
    ]);
  });
});

describe('the database at run time', () => {
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
