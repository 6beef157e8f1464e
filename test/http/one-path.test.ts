// One way to serve a reply: every request, cached or not, goes through Fastify's whole lifecycle in every
// configuration, and conditional requests follow RFC 9110 whatever Cache-Control the client sends.
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type Config, testConfig } from '../../src/config.ts';
import { ifNoneMatchMatches } from '../../src/plugins/representation.ts';
import { seededDb } from '../helpers/app.ts';

/** The app listening on a real loopback socket, with hooks that count and tag every request. */
async function listening(overrides: Partial<Config>) {
  const app = await buildApp({ config: testConfig(overrides), db: seededDb() });
  let requests = 0;
  let responses = 0;
  app.addHook('onRequest', (_request, reply, done) => {
    requests += 1;
    reply.header('x-request-id', `req-${requests}`);
    done();
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    responses += 1;
    done();
  });
  await app.selfCheck();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const counted = () => responses;
  const reset = () => {
    requests = 0;
    responses = 0;
  };
  return { app, base, counted, reset };
}

describe.each([
  ['rate limiting off', { RATE_LIMIT_MAX: 0 }],
  ['the default configuration', {}],
])('every request goes through the lifecycle (%s)', (_name, overrides) => {
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening(overrides);
  });
  afterAll(() => server.app.close());

  it('an onResponse hook counts every request, and each cached reply carries its own hook headers', async () => {
    server.reset();
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await fetch(`${server.base}/v1/rankings`));
    const bodies = await Promise.all(replies.map((r) => r.text()));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(bodies).size).toBe(1);
    expect(replies.map((r) => r.headers.get('x-request-id'))).toEqual(['req-1', 'req-2', 'req-3']);
    await expect.poll(server.counted).toBe(3);
  });

  it("Node's fetch revalidates with If-None-Match and gets 304, though it sends Cache-Control: no-cache", async () => {
    const first = await fetch(`${server.base}/v1/shares`);
    const etag = first.headers.get('etag') as string;
    // fetch asks for gzip, deflate and br: the gzip variant and its own ETag.
    expect(etag).toMatch(/^"[\w-]{32}-gzip"$/);
    const again = await fetch(`${server.base}/v1/shares`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const explicit = await fetch(`${server.base}/v1/shares`, {
      headers: { 'if-none-match': etag, 'cache-control': 'no-cache', pragma: 'no-cache' },
    });
    expect(explicit.status).toBe(304);
    expect(explicit.headers.get('etag')).toBe(etag);
  });

  it('a cross-origin revalidation gets its 304 with Access-Control-Allow-Origin, like a 200', async () => {
    const first = await fetch(`${server.base}/v1/summary`, { headers: { origin: 'https://example.org' } });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const revalidated = await fetch(`${server.base}/v1/summary`, {
      headers: { origin: 'https://example.org', 'if-none-match': first.headers.get('etag') as string },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('access-control-allow-origin')).toBe('*');
    expect(revalidated.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('If-None-Match (RFC 9110 §13.1.2)', () => {
  const etag = '"abc"';
  it('matches *, a list, and weak tags by weak comparison', () => {
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
    expect(ifNoneMatchMatches('"x", "abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"x",W/"abc"', etag)).toBe(true);
  });
  it('does not match other tags, a missing header or a tag without quotes', () => {
    expect(ifNoneMatchMatches('"abcd"', etag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
    expect(ifNoneMatchMatches('abc', etag)).toBe(false);
    expect(ifNoneMatchMatches('', etag)).toBe(false);
  });
});

describe('the self-check and the rate limiter', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    ({ app, base } = await listening({ RATE_LIMIT_MAX: 1, RATE_LIMIT_WINDOW: '1 minute' }));
  });
  afterAll(() => app.close());

  it('RATE_LIMIT_MAX=1 starts: the self-check uses no client budget, so a client starts with its whole window', async () => {
    await app.selfCheck();
    const first = await fetch(`${base}/v1/rankings`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    const second = await fetch(`${base}/v1/rankings`);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { detail: string }).detail).toMatch(
      /^This client made more than 1 requests in 1 minute; try again in \d+ s\.$/,
    );
  });

  it('a client cannot borrow the self-check header: a guessed value is just a request', async () => {
    const res = await fetch(`${base}/v1/rankings`, { headers: { 'x-self-check': 'guess' } });
    expect(res.status).toBe(429);
  });
});

describe('the 429 detail names the window', () => {
  it('a window in milliseconds reads as seconds', async () => {
    const app = await buildApp({
      config: testConfig({ RATE_LIMIT_MAX: 1, RATE_LIMIT_WINDOW: '60000' }),
      db: seededDb(),
    });
    await app.inject('/v1/checks');
    const res = await app.inject('/v1/checks');
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toMatch(
      /^This client made more than 1 requests in 60 seconds; try again in \d+ s\.$/,
    );
    await app.close();
  });
});

describe('every reply on the one path: the document, the stylesheet and the explorer too', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig({ CACHE_MAX_AGE: 1234 }), db: seededDb() });
    await app.ready();
  });
  afterAll(() => app.close());

  it.each([
    ['/openapi.json', 'application/json; charset=utf-8'],
    ['/assets/site.css', 'text/css; charset=utf-8'],
    ['/docs/json', 'application/json; charset=utf-8'],
    ['/docs/static/swagger-ui.css', 'text/css; charset=utf-8'],
    ['/docs/static/swagger-ui-bundle.js', 'application/javascript; charset=utf-8'],
    ['/docs/static/swagger-initializer.js', 'application/javascript; charset=utf-8'],
  ])('%s: strong ETag, Cache-Control from CACHE_MAX_AGE, 304, br and gzip', async (url, type) => {
    const plain = await app.inject(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe(type);
    expect(plain.headers['cache-control']).toBe('public, max-age=1234, stale-while-revalidate=1234');
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(plain.headers['last-modified']).toBeUndefined();
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(etag);
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(`${etag.slice(0, -1)}-br"`);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    const held = await app.inject({
      url,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag as string },
    });
    expect(held.statusCode).toBe(304);
  });

  it('/docs/ (under 1 KB): strong ETag, Cache-Control from CACHE_MAX_AGE, 304, no coding', async () => {
    const plain = await app.inject({ url: '/docs/', headers: { 'accept-encoding': 'br' } });
    expect(plain.rawPayload.length).toBeLessThan(1024);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=1234, stale-while-revalidate=1234');
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const again = await app.inject({
      url: '/docs/',
      headers: { 'if-none-match': plain.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('the explorer keeps its own Content-Security-Policy; a file it does not have is a 404 problem', async () => {
    const page = await app.inject('/docs/');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const missing = await app.inject('/docs/static/nothing-here.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});
