// The cache of rendered responses is bounded in bytes as well as in entries: paging through large pages cannot grow
// memory, and a body larger than the whole bound is rendered for each request, the same bytes and ETag each time.
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

const BOUND = 16 * 1024;

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
    let total = 0;
    for (const url of urls) {
      for (const lang of ['en', 'fa', 'ar']) {
        const res = await app.inject(`${url}?lang=${lang}`);
        expect(res.statusCode).toBe(200);
        total += res.rawPayload.length;
        expect(app.store.responses.calculatedSize).toBeLessThanOrEqual(BOUND);
      }
    }
    // More was rendered than the bound holds, so entries were evicted, not kept.
    expect(total).toBeGreaterThan(2 * BOUND);
    expect(app.store.responses.size).toBeLessThan(urls.length * 3);
    expect(app.store.responses.size).toBeGreaterThan(0);
  });

  it('serves a body larger than the bound without keeping it, identical on every request', async () => {
    const app = await testApp({ RESPONSE_CACHE_MAX_BYTES: 1024 });
    close = () => app.close();
    const first = await app.inject('/v1/exports');
    const second = await app.inject('/v1/exports');
    expect(first.rawPayload.length).toBeGreaterThan(1024);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(app.store.responses.size).toBe(0);
    const revalidated = await app.inject({
      url: '/v1/exports',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });
});
