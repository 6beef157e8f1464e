// The dataset version: a content hash of the data served, in every reply's header and meta; the same for the same
// data however it was built, different after any import.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { importReport } from '../../src/db/import.ts';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
import type { Snapshot } from '../../src/domain/types.ts';
import { datasetVersion } from '../../src/store/dataset-version.ts';
import { seededDb } from '../helpers/app.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ config: testConfig(), db: seededDb() });
  await app.ready();
});
afterAll(() => app.close());

describe('dataset version', () => {
  it('is in the header of every reply and in every meta', async () => {
    const version = app.store.version;
    expect(version).toMatch(/^sha256-[0-9a-f]{32}$/);
    // The seed's version, as served before the hash was rewritten for speed (a citation names it): the same data
    // must keep the same version. It changes only when seed/ does.
    expect(version).toBe('sha256-494d372dc2c66bb71d073c7824ab018c');
    for (const url of [
      '/v1/exports',
      '/v1/figures',
      '/v1/sources',
      '/v1/provinces/IR-10/history',
      '/v1/summary',
    ]) {
      const res = await app.inject(url);
      expect(res.headers['x-dataset-version'], url).toBe(version);
      expect(res.json().meta.datasetVersion, url).toBe(version);
    }
    for (const url of [
      '/v1/rankings?format=csv',
      '/v1/nothing',
      '/healthz',
      '/v1/sources/nano-exports-early-2024/text',
    ]) {
      expect((await app.inject(url)).headers['x-dataset-version'], url).toBe(version);
    }
    const first = await app.inject('/v1/rankings');
    const again = await app.inject({
      url: '/v1/rankings',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['x-dataset-version']).toBe(version);
    expect((await app.inject('/v1/datapackage.json')).json().version).toBe(version);
    expect(
      (
        await app.inject({
          method: 'OPTIONS',
          url: '/v1/exports',
          headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
        })
      ).statusCode,
    ).toBeLessThan(300);
  });

  it('is the same for the same data built twice, and changes with an import', async () => {
    const a = datasetVersion(loadSnapshot(seededDb()));
    const b = datasetVersion(loadSnapshot(seededDb()));
    expect(a).toBe(b);
    expect(a).toBe(app.store.version);
    const db = seededDb();
    importReport(db, fixture('fictional-2025.json'));
    const c = datasetVersion(loadSnapshot(db));
    expect(c).not.toBe(a);
  });

  it('follows the data when the server swaps databases', async () => {
    const other = await buildApp({ config: testConfig(), db: seededDb() });
    try {
      const before = (await other.inject('/v1/exports')).headers['x-dataset-version'];
      const db = seededDb();
      importReport(db, fixture('fictional-2025.json'));
      other.swapDatabase(db);
      const after = await other.inject('/v1/exports');
      expect(after.headers['x-dataset-version']).not.toBe(before);
      expect(after.json().meta.datasetVersion).toBe(after.headers['x-dataset-version']);
    } finally {
      await other.close();
    }
  });

  it('is the hash of the canonical JSON: keys sorted at every level, whatever order the records hold them in', () => {
    // The plain definition, written out here; datasetVersion hashes the same text record by record.
    const canonical = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map((item) => canonical(item)).join(',')}]`;
      if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
      const keys = Object.keys(v)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
    };
    const expected = (v: unknown) =>
      `sha256-${createHash('sha256').update(canonical(v)).digest('hex').slice(0, 32)}`;
    const snapshot = loadSnapshot(seededDb());
    expect(datasetVersion(snapshot)).toBe(expected(snapshot));
    // Records of several shapes, with keys in any order, nested objects and arrays, nulls and undefined values.
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '10', '__proto__'));
    const record = fc.dictionary(
      key,
      fc.oneof(
        fc.string(),
        fc.double(),
        fc.constantFrom(null, undefined, true),
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
        fc.dictionary(key, fc.oneof(fc.string(), fc.integer())),
      ),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('figures', 'notes', 'sources', 'extra'),
          fc.array(record, { maxLength: 8 }),
        ),
        (value) => {
          expect(datasetVersion(value as unknown as Snapshot)).toBe(expected(value));
        },
      ),
    );
  });
});
