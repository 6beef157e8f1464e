// A reload builds a new store, self-checks it on the serving app (its own requests only) and swaps one reference:
// until then every client is answered from the current store; after it, the replies the check rendered are served.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { importReport } from '../../src/db/import.ts';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
import { DataStore } from '../../src/store/data-store.ts';
import { seededDb } from '../helpers/app.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ config: testConfig(), db: seededDb() });
  await app.ready();
});
afterAll(() => app.close());

describe('a store swapped whole', () => {
  it('checks the candidate without serving it, then swaps; the checked replies are hits', async () => {
    const before = app.store;
    const oldVersion = before.version;
    const db = seededDb();
    importReport(db, fixture('fictional-2025.json'));
    const candidate = new DataStore(loadSnapshot(db));
    expect(candidate.version).not.toBe(oldVersion);

    const checked = await app.selfCheck(candidate);
    // Clients still get the current data.
    const during = await app.inject('/v1/periods');
    expect(during.headers['x-dataset-version']).toBe(oldVersion);
    expect(during.json().data.map((p: { id: string }) => p.id)).toEqual(['2024-early']);
    expect(app.store).toBe(before);

    // Every checked reply is cached under the candidate's version.
    const cachedFor = (version: string) =>
      [...app.representations.keys()].filter((k) => k.startsWith(`${version}\n`)).length;
    expect(cachedFor(candidate.version)).toBe(checked.length);

    app.swapDatabase(db, candidate);
    expect(app.store).toBe(candidate);
    const size = app.representations.size;
    const after = await app.inject('/v1/periods');
    expect(after.headers['x-dataset-version']).toBe(candidate.version);
    expect(after.json().data.map((p: { id: string }) => p.id)).toEqual(['2024-early', '2025-early']);
    // Served from what the check rendered: nothing new was rendered (the check asked with HEAD, the same entry).
    expect(app.representations.size).toBe(size);
    // The old store is untouched: a request that began on it finishes on its data.
    expect(before.version).toBe(oldVersion);
    expect(before.snapshot.periods.map((p) => p.id)).toEqual(['2024-early']);
  });
});

describe('a self-check while clients are served', () => {
  it("lets a client's request through between its own: a request sent as it starts is answered before it ends", async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as import('node:net').AddressInfo;
    // Injected requests complete without I/O: a loop of them, awaited one by one, never reached the sockets, and a
    // reload's check of thousands of replies held every client for seconds (bench/results-import.md).
    const requests = Array.from({ length: 20 }, () => app.selfCheckRequests(app.store.snapshot)).flat();
    expect(requests.length).toBeGreaterThan(500);
    const order: string[] = [];
    const check = app.selfCheck(undefined, requests).then(() => order.push('self-check'));
    const client = fetch(`http://127.0.0.1:${port}/healthz`).then((res) =>
      order.push(`client ${res.status}`),
    );
    await Promise.all([check, client]);
    expect(order).toEqual(['client 200', 'self-check']);
  });
});
