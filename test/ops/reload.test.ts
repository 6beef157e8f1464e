// SIGHUP on the real server: the new data is checked before it is served, a failed reload keeps the old data and says
// why, the reload does not depend on the rate limiter, and a large reload answers every request meanwhile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFiles, importAtomically } from '../../src/db/atomic-import.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { startServer, until } from '../helpers/process.ts';
import { writeSyntheticDatasets } from '../helpers/synthetic-datasets.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-reload-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sourcesServed = async (url: string) => (await (await fetch(`${url}/v1/sources`)).json()).data.length;

describe('SIGHUP', () => {
  it('reloads even when the rate limit is spent: the self-check is nobody’s request', async () => {
    const file = path.join(dir, 'limited.sqlite');
    buildDatabaseFile(file);
    const server = await startServer({ DATABASE_PATH: file, RATE_LIMIT_MAX: '1' });
    try {
      expect(await sourcesServed(server.url)).toBe(1);
      expect((await fetch(`${server.url}/v1/sources`)).status).toBe(429);
      await importAtomically(file, writeSyntheticDatasets(path.join(dir, 'limited'), 200));
      server.child.kill('SIGHUP');
      await until(() => server.output().includes('reloaded the database'), 'the reload', 30_000);
      expect(server.output()).not.toContain('reload failed');
      const ready = await (await fetch(`${server.url}/readyz`)).json();
      expect(ready).toEqual({ status: 'ready', database: 'ok', load: 'ok', sources: 3 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('a failed reload keeps the previous data and logs why', async () => {
    const file = path.join(dir, 'failing.sqlite');
    buildDatabaseFile(file);
    const server = await startServer({ DATABASE_PATH: file });
    try {
      // Someone puts a file that is no database where the database was (atomically, as an import would).
      fs.writeFileSync(`${file}.new`, Buffer.alloc(8192, 0x5a));
      fs.renameSync(`${file}.new`, file);
      server.child.kill('SIGHUP');
      await until(() => server.output().includes('reload failed'), 'the failed reload', 30_000);
      expect(server.output()).toContain(
        `reload failed, still serving the previous data: Database ${file} cannot be read as an SQLite database (file is not a database). Restore it from a backup`,
      );
      expect(await sourcesServed(server.url)).toBe(1);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('reloads 20,000 figures over 100 periods while every request is answered', async () => {
    const file = path.join(dir, 'large.sqlite');
    buildDatabaseFile(file);
    const server = await startServer({ DATABASE_PATH: file });
    try {
      await importAtomically(
        file,
        datasetFiles([path.dirname(writeSyntheticDatasets(path.join(dir, 'large'), 20_000)[0] as string)]),
      );
      let stop = false;
      const statuses: number[] = [];
      const load = (async () => {
        while (!stop) statuses.push((await fetch(`${server.url}/v1/exports`)).status);
      })();
      server.child.kill('SIGHUP');
      await until(() => server.output().includes('reloaded the database'), 'the reload', 60_000);
      stop = true;
      await load;
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(await sourcesServed(server.url)).toBe(201);
      const periods = (await (await fetch(`${server.url}/v1/periods`)).json()).data;
      expect(periods).toHaveLength(101);
      expect(periods.at(-1).id).toBe('2038-m04');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);
});
