// The cache of rendered responses is bounded in bytes as well as in entries: paging through large pages cannot grow
// memory, and a body larger than the whole bound is rendered for each request, the same bytes and ETag each time.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, selfCheckRequests } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { seededDb, testApp } from '../helpers/app.ts';

const BOUND = 16 * 1024;

/** The bytes of the bodies the cache holds. */
const heldBytes = (app: FastifyInstance) =>
  [...app.store.responses.values()].reduce((sum, rep) => sum + rep.body.length, 0);

describe('response cache bounds', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('keeps the bodies it holds within RESPONSE_CACHE_MAX_BYTES, evicting the least recently used', async () => {
    const app = await testApp({ RESPONSE_CACHE_MAX_BYTES: BOUND, RESPONSE_CACHE_ENTRIES: 1000 });
    close = () => app.close();
    const urls = ['/v1/rankings', '/v1/summary', '/v1/shares', '/v1/exports', '/v1/provinces', '/v1/checks'];
    let rendered = 0;
    for (const url of urls) {
      for (const lang of ['en', 'fa', 'ar']) {
        const res = await app.inject(`${url}?lang=${lang}`);
        expect(res.statusCode).toBe(200);
        rendered += res.rawPayload.length;
        expect(heldBytes(app)).toBeLessThanOrEqual(BOUND);
      }
    }
    // More was rendered than the bound holds, so entries were evicted, not kept.
    expect(rendered).toBeGreaterThan(2 * BOUND);
    expect(app.store.responses.size).toBeLessThan(urls.length * 3);
    expect(app.store.responses.size).toBeGreaterThan(0);
  });

  it('keeps a small body and serves one larger than the bound without keeping it, identical every time', async () => {
    const app = await testApp({ RESPONSE_CACHE_MAX_BYTES: BOUND });
    close = () => app.close();
    const small = await app.inject('/v1/summary');
    expect(small.rawPayload.length).toBeLessThan(BOUND / 2);
    expect(app.store.responses.size).toBe(1);

    const first = await app.inject('/v1/datapackage.json');
    const second = await app.inject('/v1/datapackage.json');
    expect(first.rawPayload.length).toBeGreaterThan(BOUND);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    // Only the small one is held.
    expect(app.store.responses.size).toBe(1);
    const revalidated = await app.inject({
      url: '/v1/datapackage.json',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('holds the GET replies of every default view after the start-up self-check (which asks with HEAD)', async () => {
    const app = await buildApp({ config: testConfig(), db: seededDb() });
    close = () => app.close();
    await app.selfCheck();
    const held = app.store.responses.size;
    const requests = selfCheckRequests(app.store.snapshot);
    // The default views, each data route for the one period, and the history of each province.
    expect(held).toBe(10 + 6 + 31);
    expect(requests).toHaveLength(held);
    for (const { url, accept } of requests) {
      const res = await app.inject({ url, headers: { accept } });
      expect(res.statusCode, url).toBe(200);
      expect(res.rawPayload.length, url).toBeGreaterThan(0);
    }
    // Served from what the self-check rendered: nothing new was rendered.
    expect(app.store.responses.size).toBe(held);
  });
});
