// Importing reports: a second (fictional) period, a conflicting source, a replaced report, every import error,
// history across periods, and a running server picking up the new data on SIGHUP.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { openReadOnly } from '../../src/db/client.ts';
import { importReport } from '../../src/db/import.ts';
import { DatasetError } from '../../src/db/seed.ts';
import { openWritable } from '../../src/db/writable.ts';
import { startServer } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function freshDb(): string {
  const file = path.join(dir, `db-${n++}.sqlite`);
  buildDatabaseFile(file);
  return file;
}
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function importInto(file: string, dataset: string, replace = false) {
  const db = openWritable(file);
  try {
    return importReport(db, dataset, { replace });
  } finally {
    db.$client.close();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: mutating arbitrary parts of a parsed JSON fixture.
type Json = any;

/** Writes a mutated copy of a fixture and returns its path. */
function mutated(name: string, change: (d: Json) => void): string {
  const d = JSON.parse(fs.readFileSync(fixture(name), 'utf8'));
  change(d);
  const out = path.join(dir, `mutated-${n++}.json`);
  fs.writeFileSync(out, JSON.stringify(d));
  return out;
}

describe('npm run import: outcomes', () => {
  it('imports a new report, skips it the second time, refuses a changed text, replaces with --replace', () => {
    const file = freshDb();
    expect(importInto(file, fixture('fictional-2025.json'))).toEqual({
      status: 'imported',
      sourceId: 'fictional-2025',
      figures: 9,
      notes: 1,
    });
    const before = sha(file);
    expect(importInto(file, fixture('fictional-2025.json'))).toEqual({
      status: 'unchanged',
      sourceId: 'fictional-2025',
    });
    expect(sha(file)).toBe(before);

    expect(() => importInto(file, fixture('fictional-2025-corrected.json'))).toThrow(
      /a report "fictional-2025" with a different text .* is already imported; use --replace to replace it/,
    );
    expect(sha(file)).toBe(before);

    expect(importInto(file, fixture('fictional-2025-corrected.json'), true)).toMatchObject({
      status: 'replaced',
      figures: 9,
    });
    const db = openReadOnly(file);
    const tehran = db.$client
      .prepare("SELECT value_usd FROM figures WHERE id = 'fictional-2025/tehran-value'")
      .get() as { value_usd: number };
    expect(tehran.value_usd).toBe(26000000);
    const notes = db.$client
      .prepare("SELECT COUNT(*) AS n FROM notes WHERE source_id = 'fictional-2025'")
      .get() as {
      n: number;
    };
    expect(notes.n).toBe(0);
    db.$client.close();
  });

  const errors: [string, (d: Json) => void, RegExp][] = [
    [
      'a quote not at its offsets',
      (d) => (d.figures[0].quote.start += 1),
      /figures\[0\] "isfahan-value": quote .* is not at offsets/,
    ],
    [
      'an unknown province',
      (d) => (d.figures[1].provinces = ['IR-99']),
      /figures\[1\] "isfahan-share": unknown province code IR-99/,
    ],
    [
      'a value out of range',
      (d) => (d.figures[1].value = 180),
      /figures\[1\] "isfahan-share": share 180 % is out of range/,
    ],
    [
      'a rank out of range',
      (d) => (d.figures[2].value = 40),
      /figures\[2\] "isfahan-rank": rank 40 is out of range/,
    ],
    ['a missing period label', (d) => delete d.period.label, /period\.label: Invalid input/],
    ['a bad period sort key', (d) => (d.period.sortKey = 'soon'), /period\.sortKey: must be YYYY-MM/],
    [
      'a text that does not match its hash',
      (d) => (d.source.text += ' '),
      /source\.textSha256: the text's sha256 is/,
    ],
    ['a duplicate id', (d) => (d.figures[1].id = 'isfahan-value'), /id "isfahan-value" is used twice/],
    [
      'a period described differently from the one stored',
      (d) => {
        d.period.id = '2024-early';
        d.period.label = 'start of 2024';
        d.period.year = 2024;
        d.period.sortKey = '2024-01';
      },
      /period: period "2024-early" already exists as "early 2024"/,
    ],
  ];
  for (const [what, change, message] of errors) {
    it(`refuses ${what}, naming the entry, and leaves the database as it was`, () => {
      const file = freshDb();
      const before = sha(file);
      let error: unknown;
      try {
        importInto(file, mutated('fictional-2025.json', change));
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DatasetError);
      expect((error as Error).message).toMatch(message);
      expect(sha(file)).toBe(before);
    });
  }

  it('refuses a file that is not JSON', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ not json');
    expect(() => importInto(freshDb(), bad)).toThrow(/\(file\): cannot read JSON/);
  });

  it('the command line reports each outcome with its exit code', () => {
    const file = freshDb();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['src/cli/import.ts', ...args, '--database', file], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const first = run(fixture('fictional-2025.json'));
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Imported report "fictional-2025" (9 figures, 1 notes)');
    const again = run(fixture('fictional-2025.json'));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      'Skipped: report "fictional-2025" is already imported with the same text.',
    );
    const changed = run(fixture('fictional-2025-corrected.json'));
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain('use --replace to replace it');
  }, 120_000);
});

describe('the API over two periods and two sources', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const file = freshDb();
    importInto(file, fixture('fictional-2025.json'));
    importInto(file, fixture('fictional-2024-conflict.json'));
    app = await buildApp({ config: testConfig(), db: openReadOnly(file) });
  });
  afterAll(() => app.close());

  it('/v1/periods lists both periods, oldest first, with their sources', async () => {
    const { data } = (await app.inject('/v1/periods')).json();
    expect(
      data.map((p: { id: string; latest: boolean; sources: { id: string }[] }) => [
        p.id,
        p.latest,
        p.sources.map((s) => s.id),
      ]),
    ).toEqual([
      ['2024-early', false, ['fictional-2024-second-account', 'nano-exports-early-2024']],
      ['2025-early', true, ['fictional-2025']],
    ]);
  });

  it('data routes default to the latest period and take ?period', async () => {
    const latest = (await app.inject('/v1/rankings')).json();
    expect(latest.meta.period.id).toBe('2025-early');
    expect(latest.meta.sources.map((s: { id: string }) => s.id)).toEqual(['fictional-2025']);
    expect(
      latest.data.map((r: { province: { code: string }; valueUsd: number }) => [r.province.code, r.valueUsd]),
    ).toEqual([
      ['IR-10', 40000000],
      ['IR-06', 31000000],
      ['IR-23', 25000000],
    ]);
    const earlier = (await app.inject('/v1/rankings?period=2024-early')).json();
    expect(earlier.meta.period.id).toBe('2024-early');
    expect(earlier.data[0].valueUsd).toBe(37500000);
  });

  it('keeps both figures when two sources disagree, shows one by the rule, and /v1/checks reports it', async () => {
    const markazi = (await app.inject('/v1/exports?period=2024-early&province=IR-00')).json().data[0];
    expect(markazi.valueUsd).toBe(15000000);
    expect(markazi.provenance.valueUsd.quote.sourceId).toBe('fictional-2024-second-account');
    expect(markazi.provenance.valueUsd.alternatives).toEqual([
      expect.objectContaining({
        value: 14000000,
        quote: expect.objectContaining({ sourceId: 'nano-exports-early-2024', line: 10, start: 1700 }),
      }),
    ]);
    const checks = (await app.inject('/v1/checks?period=2024-early&result=warn')).json().data;
    const disagreement = checks.find((c: { id: string }) => c.id === 'readings/IR-00/export_value_usd');
    expect(disagreement.message).toMatch(
      /^The sources disagree: 15000000 \(fictional-2024-second-account, line 2\); 14000000 \(nano-exports-early-2024, line 10\)/,
    );
  });

  it("gives a province's history with the change from the previous period", async () => {
    const { data, meta } = (await app.inject('/v1/provinces/isfahan/history')).json();
    expect(data.province.code).toBe('IR-10');
    expect(
      data.points.map((p: { period: { id: string }; exports: { valueUsd: number } }) => [
        p.period.id,
        p.exports.valueUsd,
      ]),
    ).toEqual([
      ['2024-early', 37500000],
      ['2025-early', 40000000],
    ]);
    expect(data.points[0].change).toMatchObject({
      basis: 'derived',
      fromPeriod: null,
      valueUsd: null,
      sharePercent: null,
      rank: null,
    });
    expect(data.points[1].change).toMatchObject({
      fromPeriod: '2024-early',
      valueUsd: { from: 37500000, to: 40000000, absolute: 2500000, percent: 6.67 },
      sharePercent: { from: 25.9, to: 26, absolute: 0.1, percent: 0.39 },
      rank: { from: 1, to: 1, absolute: 0, percent: 0 },
    });
    expect(data.points[1].exports.provenance.valueUsd.quote.sourceId).toBe('fictional-2025');
    expect(meta.sources.length).toBe(3);
  });

  it('leaves a change null where either side is unknown', async () => {
    const { data } = (await app.inject('/v1/provinces/tehran/history')).json();
    expect(data.points[0].exports.valueUsd).toBeNull();
    expect(data.points[1].exports.valueUsd).toBe(25000000);
    expect(data.points[1].change.valueUsd).toBeNull();
    expect(data.points[1].change.rank).toMatchObject({ from: 3, to: 3, absolute: 0 });
  });

  it('an unknown period is a 404 problem', async () => {
    const res = await app.inject('/v1/summary?period=2030-late');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('Unknown period "2030-late". Known periods: 2024-early, 2025-early.');
  });
});

describe('the dataset format as JSON Schema', () => {
  it('/v1/schemas/report.json is generated from the Zod schema', async () => {
    const app = await buildApp({ config: testConfig(), db: openReadOnly(freshDb()) });
    const res = await app.inject('/v1/schemas/report.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/schema+json; charset=utf-8');
    const schema = res.json();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['formatVersion', 'source', 'period', 'figures']));
    expect(schema.properties.figures.items.properties.measure.enum).toEqual([
      'export_value_usd',
      'export_share_percent',
      'export_rank',
    ]);
    await app.close();
  });
});

describe('a data change reaches clients', () => {
  it('swapping the database changes the ETags and drops every cached response', async () => {
    const file = freshDb();
    const app = await buildApp({ config: testConfig(), db: openReadOnly(file) });
    const before = await app.inject('/v1/periods');
    importInto(file, fixture('fictional-2025.json'));
    app.swapDatabase(openReadOnly(file)).$client.close();
    const after = await app.inject({
      url: '/v1/periods',
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().data).toHaveLength(2);
    await app.close();
  });

  it('a running server reloads on SIGHUP without failing a request', async () => {
    const file = freshDb();
    const server = await startServer({ DATABASE_PATH: file });
    try {
      const first = await fetch(`${server.url}/v1/periods`);
      const etag = first.headers.get('etag') as string;
      expect((await first.json()).data).toHaveLength(1);
      importInto(file, fixture('fictional-2025.json'));
      let stop = false;
      const statuses: number[] = [];
      const load = (async () => {
        while (!stop) statuses.push((await fetch(`${server.url}/v1/exports`)).status);
      })();
      server.child.kill('SIGHUP');
      let periods = 1;
      for (let i = 0; i < 100 && periods === 1; i++) {
        await new Promise((r) => setTimeout(r, 50));
        periods = (await (await fetch(`${server.url}/v1/periods`)).json()).data.length;
      }
      stop = true;
      await load;
      expect(periods).toBe(2);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);
      const revalidate = await fetch(`${server.url}/v1/periods`, { headers: { 'if-none-match': etag } });
      expect(revalidate.status).toBe(200);
      expect(server.output()).toContain('reloaded the database');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
