// The dataset version: a content hash of the data served, in every reply's header and meta; the same for the same
// data however it was built, different after any import.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { importReport } from '../../src/db/import.ts';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
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
});
