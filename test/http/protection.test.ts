// Over a real socket: the representation cache, rate limiting per client, proxies, security headers and CORS.
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

const withoutDate = (h: Record<string, string>) => {
  const { date: _d, ...rest } = h;
  return rest;
};

describe('representation cache (no rate limit)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ RATE_LIMIT_MAX: 0 });
  });
  afterAll(() => app.close());

  it('answers a repeated request with the same bytes and headers as the first', async () => {
    const first = await request(app.server).get('/v1/summary').expect(200);
    const second = await request(app.server).get('/v1/summary').expect(200);
    expect(second.text).toBe(first.text);
    expect(withoutDate(second.headers)).toEqual(withoutDate(first.headers));
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    expect(second.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers a conditional request with a bare 304', async () => {
    const first = await request(app.server).get('/v1/shares').expect(200);
    const res = await request(app.server)
      .get('/v1/shares')
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
    expect(res.text).toBe('');
    expect(res.headers.etag).toBe(first.headers.etag);
    expect(res.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(res.headers.vary).toBe('Accept, Accept-Language, Accept-Encoding');
    expect(res.headers['content-length']).toBeUndefined();
  });

  it('keys on Accept and Accept-Language, not only the URL', async () => {
    await request(app.server).get('/v1/rankings').expect(200);
    const csv = await request(app.server).get('/v1/rankings').set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const fa = await request(app.server).get('/v1/rankings').set('Accept-Language', 'fa').expect(200);
    expect(fa.body.data[0].province.name).toBe('اصفهان');
  });

  it('never caches an error', async () => {
    await request(app.server).get('/v1/exports?limit=0').expect(400);
    await request(app.server).get('/v1/exports?limit=0').expect(400);
  });
});

describe('rate limiting', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW: '1 minute' });
  });
  afterAll(() => app.close());

  it('counts every request, cached or not, and answers 429 with Retry-After and a problem', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(app.server).get('/v1/checks').expect(200);
      remaining.push(res.headers['x-ratelimit-remaining'] as string);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await request(app.server).get('/v1/checks').expect(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(limited.body.detail).toMatch(
      /^This client made more than 3 requests in 1 minute; try again in \d+ s\.$/,
    );
  });

  it('cannot be dodged with a spoofed X-Forwarded-For when no proxy is trusted', async () => {
    await request(app.server).get('/v1/checks').set('X-Forwarded-For', '203.0.113.7').expect(429);
  });

  it('does not limit the health probes', async () => {
    await request(app.server).get('/healthz').expect(200);
    await request(app.server).get('/readyz').expect(200);
  });
});

describe('behind a trusted proxy', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ RATE_LIMIT_MAX: 1, TRUST_PROXY: true });
  });
  afterAll(() => app.close());

  it('counts each forwarded client separately', async () => {
    await request(app.server).get('/v1/periods').set('X-Forwarded-For', '198.51.100.1').expect(200);
    await request(app.server).get('/v1/periods').set('X-Forwarded-For', '198.51.100.1').expect(429);
    await request(app.server).get('/v1/periods').set('X-Forwarded-For', '198.51.100.2').expect(200);
  });
});

describe('security headers and CORS', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it('lets any site read the data and the headers it needs', async () => {
    const res = await request(app.server).get('/v1/exports').set('Origin', 'https://example.org').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('ETag');
    expect(res.headers['access-control-expose-headers']).toContain('Link');
    expect(res.headers['access-control-expose-headers']).toContain('X-RateLimit-Remaining');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('answers a CORS preflight for GET', async () => {
    const res = await request(app.server)
      .options('/v1/exports')
      .set('Origin', 'https://example.org')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
  });

  it('answers an OPTIONS request that is not a preflight with the methods allowed, not a plain-text 400', async () => {
    const res = await request(app.server).options('/v1/exports').expect(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses long URLs with 414 and request bodies with a problem', async () => {
    const long = await request(app.server)
      .get(`/v1/provinces?q=${'a'.repeat(3000)}`)
      .expect(414);
    expect(long.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = await request(app.server).post('/v1/exports').send('x'.repeat(5000)).expect(405);
    expect(body.body.status).toBe(405);
  });
});
