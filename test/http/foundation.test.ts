// The service skeleton: probes, sources, the original text, the OpenAPI document, the explorer and the error shape.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { apiPaths } from '../helpers/routes.ts';

const SHA = '50646fe8fcd31213877d70f8574873cb848f3299474cc200d9c7b44e6d476b71';
const SOURCE = 'nano-exports-early-2024';
let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('probes', () => {
  it('GET /healthz is 200 ok and not cached', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('GET /readyz reports the database', async () => {
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: 'ok', load: 'ok', sources: 1 });
  });
});

describe('/v1/sources', () => {
  it('lists the report with its metadata; unknown facts are null', async () => {
    const res = await app.inject('/v1/sources');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=300');
    const body = res.json();
    expect(body.data).toHaveLength(1);
    const [s] = body.data;
    expect(s).toMatchObject({
      id: SOURCE,
      title: {
        ar: 'إصفهان وخوزستان ترسمان خارطة طريق صادرات النانو',
        en: 'Isfahan and Khuzestan chart the roadmap of nano exports',
      },
      dataOwner: {
        ar: 'مقر تطوير تقنيات النانو والمايكرو',
        en: 'Nano and Micro Technologies Development Headquarters',
      },
      period: { id: '2024-early', label: 'early 2024', year: 2024, startsOn: null, endsOn: null },
      periodWords: 'مطلع العام 2024',
      language: 'ar',
      publishedOn: null,
      url: null,
      textSha256: SHA,
      textLength: 2133,
      textHref: `/v1/sources/${SOURCE}/text`,
      figureCount: 15,
      noteCount: 11,
    });
    expect(body.meta.sources).toEqual([
      {
        id: SOURCE,
        title: 'Isfahan and Khuzestan chart the roadmap of nano exports',
        href: `/v1/sources/${SOURCE}`,
      },
    ]);
  });

  it('GET /v1/sources/{id} returns one report with its period in meta', async () => {
    const res = await app.inject(`/v1/sources/${SOURCE}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.id).toBe(SOURCE);
    expect(res.json().meta.period.id).toBe('2024-early');
  });

  it('an unknown source is a 404 problem', async () => {
    const res = await app.inject('/v1/sources/no-such-report');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toEqual({
      type: 'tag:nano-exports-api,2026:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No source has the id "no-such-report". The list is at /v1/sources.',
      instance: '/v1/sources/no-such-report',
    });
  });

  it('GET /v1/sources/{id}/text is the original text, byte for byte', async () => {
    const res = await app.inject(`/v1/sources/${SOURCE}/text`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-language']).toBe('ar');
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(SHA);
    expect(
      res.rawPayload.equals(fs.readFileSync(new URL(`../../seed/reports/${SOURCE}.ar.txt`, import.meta.url))),
    ).toBe(true);
  });

  it('the text refuses an Accept it cannot satisfy with 406', async () => {
    const res = await app.inject({
      url: `/v1/sources/${SOURCE}/text`,
      headers: { accept: 'application/pdf' },
    });
    expect(res.statusCode).toBe(406);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});

describe('OpenAPI and the explorer', () => {
  it('/openapi.json is OpenAPI 3.1 with every route', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    // Every API route the router serves (test/helpers/routes.ts, the one list of undocumented ones), and no other.
    expect(Object.keys(doc.paths).sort()).toEqual(apiPaths(app));
    expect(Object.keys(doc.paths)).toContain('/v1/provinces/{province}/history');
    expect(doc.components.schemas.ExportRow.properties.valueUsd.description).toMatch(/US dollars/);
  });

  it('/docs serves the explorer and its assets from this service (no CDN)', async () => {
    const page = await app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
    const bundle = await app.inject('/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });
});

describe('errors are application/problem+json', () => {
  it('an unknown route is a 404 problem', async () => {
    const res = await app.inject('/v2/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/v2/nothing' });
  });

  it('a method other than GET/HEAD is a 405 problem with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      const res = await app.inject({
        method,
        url: '/v1/exports',
        payload: method === 'DELETE' ? undefined : { a: 1 },
      });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    }
  });

  it('works over a real socket too (supertest)', async () => {
    const res = await request(app.server).get('/v1/sources').expect(200);
    expect(res.headers.etag).toMatch(/^"/);
    expect(res.body.data[0].textSha256).toBe(SHA);
    await request(app.server)
      .get('/nope')
      .expect(404)
      .expect('content-type', 'application/problem+json; charset=utf-8');
  });
});
