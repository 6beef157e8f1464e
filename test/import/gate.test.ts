// One gate (src/db/gate.ts) between a database file and its readers: an import, a start and a reload refuse data the
// service cannot serve, naming the request, the period and the figure; the file served stays as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { ImportError, importAtomically } from '../../src/db/atomic-import.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { checkServable, GateError } from '../../src/db/gate.ts';
import { openWritable } from '../../src/db/writable.ts';
import { spawnServer, startServer, until } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-gate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A database with two periods where one figure of the older one (2024-early) was written past the importer's checks
 * (by an older version, or by hand): a share of 1e-300 %, so the national total it implies is not a number.
 */
const planted = path.join(dir, 'planted.sqlite');
const good = path.join(dir, 'good.sqlite');
const PLANTED_FIGURE = 'nano-exports-early-2024/isfahan-share';
beforeAll(async () => {
  buildDatabaseFile(good);
  await importAtomically(good, [fixture('fictional-2025.json')], { config: testConfig() });
  fs.copyFileSync(good, planted);
  const db = openWritable(planted);
  db.$client.prepare('UPDATE figures SET share_percent = 1e-300 WHERE id = ?').run(PLANTED_FIGURE);
  db.$client.close();
}, 60_000);

const REFUSAL = new RegExp(
  `cannot be served: GET /v1/\\w+\\?period=2024-early \\(period 2024-early\\) answers 500; figure "${PLANTED_FIGURE}" \\(export_share_percent 1e-300, resolution 0\\.1\\) breaks it\\. The response of /v1/\\w+ does not match its schema`,
);

describe('the gate', () => {
  it('refuses data an older period cannot be served with, naming request, period and figure, on one line', async () => {
    const refusal = await checkServable(planted, testConfig()).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(GateError);
    const { message, period, figure } = refusal as GateError;
    expect(message).toMatch(REFUSAL);
    expect(message).not.toContain('\n');
    expect([period, figure]).toEqual(['2024-early', PLANTED_FIGURE]);
  }, 60_000);

  it('passes what serves', async () => {
    await expect(checkServable(good, testConfig())).resolves.toBeUndefined();
  }, 60_000);

  it('stops an import whose result could not be served, and leaves the served file untouched', async () => {
    const target = path.join(dir, 'import-target.sqlite');
    fs.copyFileSync(planted, target);
    const before = fs.readFileSync(target);
    const refusal = await importAtomically(target, [fixture('fictional-2024-conflict.json')], {
      config: testConfig(),
    }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ImportError);
    expect((refusal as Error).message).toMatch(REFUSAL);
    expect((refusal as Error).message).toMatch(/Nothing was imported: the data would not be served\.$/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('import-target'))).toEqual([
      'import-target.sqlite',
    ]);
  }, 60_000);

  it('stops a start with one line saying what to do', async () => {
    const s = spawnServer({ DATABASE_PATH: planted, DATABASE_BUILD_IF_MISSING: 'false' });
    const { code } = await s.exited;
    expect(code).toBe(1);
    const lines = s.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nano-exports-api failed to start: /);
    expect(lines[0]).toMatch(REFUSAL);
    expect(lines[0]).toMatch(
      /Import a corrected dataset .*"npm run import -- --replace FILE".*restore the previous database from a backup\.$/,
    );
  }, 60_000);

  it('makes a reload (SIGHUP) refuse, say so, and keep serving the previous data', async () => {
    const file = path.join(dir, 'serving.sqlite');
    fs.copyFileSync(good, file);
    const server = await startServer({ DATABASE_PATH: file });
    try {
      fs.copyFileSync(planted, `${file}.new`);
      fs.renameSync(`${file}.new`, file);
      server.child.kill('SIGHUP');
      await until(() => server.output().includes('reload failed'), 'the failed reload', 30_000);
      const line =
        server
          .output()
          .split('\n')
          .find((l) => l.includes('reload failed')) ?? '{}';
      const { msg } = JSON.parse(line) as { msg: string };
      expect(msg).toMatch(/^reload failed, still serving the previous data: /);
      expect(msg).toMatch(REFUSAL);
      const summary = await fetch(`${server.url}/v1/summary?period=2024-early`);
      expect(summary.status).toBe(200);
      expect((await (await fetch(`${server.url}/v1/sources`)).json()).data).toHaveLength(2);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});
