// npm run import writes a new file and renames it over the old one: a kill at any point leaves a database that starts
// and serves either the previous data or the new, never neither; several files or a folder go in one step.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { datasetFiles, ImportError, importAtomically } from '../../src/db/atomic-import.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { openReadOnly } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { writeSyntheticDatasets } from '../helpers/synthetic-datasets.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-atomic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = path.join(dir, 'base.sqlite');
const reports = path.join(dir, 'reports');
const REPORTS = 30;
beforeAll(() => {
  buildDatabaseFile(base);
  writeSyntheticDatasets(reports, REPORTS * 100);
});

let n = 0;
function freshTarget(): string {
  const folder = path.join(dir, `t${n++}`);
  fs.mkdirSync(folder);
  const target = path.join(folder, 'db.sqlite');
  fs.copyFileSync(base, target);
  return target;
}

/** Starts the service on `target` as the server does (prepare, build, self-check); returns the reports it serves. */
async function serve(target: string): Promise<number> {
  const db = prepareDatabase(target);
  const app = await buildApp({ config: testConfig(), db });
  try {
    await app.selfCheck();
    return (await app.inject('/v1/sources')).json().data.length;
  } finally {
    await app.close();
    db.$client.close();
  }
}

/** Runs `npm run import` on the reports folder and SIGKILLs it once its output matches `at` (at once if null). */
async function importKilled(target: string, at: RegExp | null): Promise<string> {
  const child = spawn(process.execPath, ['src/cli/import.ts', reports, '--database', target], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stdout.on('data', (d) => {
    out += d;
    if (at?.test(out)) child.kill('SIGKILL');
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  if (at === null) child.kill('SIGKILL');
  await exited;
  return out;
}

describe('an import killed at any point', () => {
  const points: [string, RegExp | null][] = [
    ['at once', null],
    ['while copying the database', /^copying /m],
    ['after the first dataset', /^read 1\//m],
    ['half-way through the datasets', /^read 15\//m],
    ['while checking the new file', /^checking /m],
    ['while renaming it over the old one', /^renaming /m],
  ];
  for (const [when, at] of points) {
    it(`${when}: the service starts and serves the previous or the new data`, async () => {
      const target = freshTarget();
      await importKilled(target, at);
      expect(fs.existsSync(`${target}-journal`)).toBe(false);
      expect([1, 1 + REPORTS]).toContain(await serve(target));
      // What the kill left (a lock, a temporary copy) does not stop the next import, which cleans it up.
      const outcomes = await importAtomically(target, datasetFiles([reports]));
      expect(outcomes.filter((o) => o.status === 'imported').length).toBeLessThanOrEqual(REPORTS);
      expect(await serve(target)).toBe(1 + REPORTS);
      expect(fs.readdirSync(path.dirname(target))).toEqual(['db.sqlite']);
    }, 120_000);
  }
});

describe('npm run import with several files and a folder', () => {
  it('imports them all in one step and prints each outcome after the rename', () => {
    const target = freshTarget();
    const fixture = path.join(ROOT, 'test', 'fixtures', 'fictional-2025.json');
    const run = spawnSync(process.execPath, ['src/cli/import.ts', fixture, reports, '--database', target], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const renamed = lines.findIndex((l) => l.startsWith('renaming '));
    expect(
      lines.indexOf(`Imported report "fictional-2025" (9 figures, 1 notes) into ${target}.`),
    ).toBeGreaterThan(renamed);
    expect(lines.filter((l) => l.startsWith('Imported report "fictional-synthetic-'))).toHaveLength(REPORTS);
    expect(lines.at(-1)).toBe('A running server picks the new data up on SIGHUP (kill -HUP <pid>).');
  }, 60_000);
});

describe('importAtomically', () => {
  it('imports a folder in one step, renaming a new file over the old one: open readers keep the old data', async () => {
    const target = freshTarget();
    const inode = fs.statSync(target).ino;
    const reader = openReadOnly(target);
    const outcomes = await importAtomically(target, datasetFiles([reports]));
    expect(outcomes).toHaveLength(REPORTS);
    expect(outcomes[0]).toEqual({
      status: 'imported',
      sourceId: 'fictional-synthetic-00000',
      figures: 100,
      notes: 0,
    });
    expect(fs.statSync(target).ino).not.toBe(inode);
    expect(reader.$client.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 1 });
    reader.$client.close();
    const after = openReadOnly(target);
    expect(after.$client.prepare('SELECT COUNT(*) AS n FROM figures').get()).toEqual({
      n: 15 + REPORTS * 100,
    });
    after.$client.close();
  });

  it('refuses every file when one is bad, naming each problem, and leaves the database untouched', async () => {
    const target = freshTarget();
    const before = fs.readFileSync(target);
    const bad = path.join(dir, 'bad.json');
    const good = path.join(reports, 'fictional-synthetic-00000.json');
    const data = JSON.parse(fs.readFileSync(good, 'utf8'));
    data.source.id = 'fictional-bad';
    data.figures[0].provinces = ['IR-99'];
    fs.writeFileSync(bad, JSON.stringify(data));
    await expect(importAtomically(target, [good, bad])).rejects.toThrow(
      new ImportError(
        `Invalid report dataset ${bad}:\n  - figures[0] "ir-00-value": unknown province code IR-99\nNothing was imported (1 of 2 files refused).`,
      ),
    );
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['db.sqlite']);
  });

  it('leaves the file alone when every report is already there', async () => {
    const target = freshTarget();
    const file = path.join(reports, 'fictional-synthetic-00001.json');
    await importAtomically(target, [file]);
    const inode = fs.statSync(target).ino;
    expect(await importAtomically(target, [file])).toEqual([
      { status: 'unchanged', sourceId: 'fictional-synthetic-00001' },
    ]);
    expect(fs.statSync(target).ino).toBe(inode);
  });

  it('refuses to run beside another import that is still running', async () => {
    const target = freshTarget();
    // The parent process of this test is alive: its pid in the lock stands for a running import.
    fs.writeFileSync(`${target}.import-lock`, String(process.ppid));
    await expect(
      importAtomically(target, [path.join(reports, 'fictional-synthetic-00001.json')]),
    ).rejects.toThrow(`another import (process ${process.ppid}) is writing ${target}; wait for it to finish`);
    fs.rmSync(`${target}.import-lock`);
  });

  it('names a missing input and a folder without datasets', () => {
    expect(() => datasetFiles([path.join(dir, 'nope')])).toThrow(`${path.join(dir, 'nope')} does not exist`);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(() => datasetFiles([empty])).toThrow(`${empty} holds no .json dataset file`);
  });
});
