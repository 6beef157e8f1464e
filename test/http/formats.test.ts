// A route's formats are stated once: its `format` parameter, its OpenAPI media types and what negotiation serves are
// the same list, and a format the route does not offer is refused, never served as another.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { RENDERERS } from '../../src/render/index.ts';
import type { OpenApiDocument } from '../contract/openapi.ts';
import { seededDb } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ config: testConfig(), db: seededDb() });
  // A route whose query takes any `format` while it offers JSON only: the mismatch the single declaration prevents,
  // made by hand, so that negotiation itself is seen to refuse it.
  app.get(
    '/test/mismatch',
    {
      schema: { hide: true, querystring: z.object({ format: z.string().optional() }) },
      config: { representation: { formats: ['json'], payload: z.strictObject({ ok: z.boolean() }) } },
    },
    async (_req, reply) => reply.represent({ build: () => ({ payload: { ok: true } }) }),
  );
  await app.ready();
});
afterAll(() => app.close());

describe('a format the route does not offer', () => {
  it('?format= names it: 400 naming the formats offered', async () => {
    const res = await app.inject('/test/mismatch?format=csv');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json().detail).toMatch(/offers json, not "csv"/);
  });

  it('Accept asks only for it: 406', async () => {
    const res = await app.inject({ url: '/test/mismatch', headers: { accept: 'text/csv' } });
    expect(res.statusCode).toBe(406);
  });

  it('a format it offers is served', async () => {
    const res = await app.inject('/test/mismatch?format=json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('on a real route: /v1/sources/{id}/text refuses ?format=csv (400) and Accept: text/csv (406)', async () => {
    const id = 'nano-exports-early-2024';
    expect((await app.inject(`/v1/sources/${id}/text?format=csv`)).statusCode).toBe(400);
    const res = await app.inject({ url: `/v1/sources/${id}/text`, headers: { accept: 'text/csv' } });
    expect(res.statusCode).toBe(406);
  });
});

describe('every documented route: its format parameter, its media types and its replies agree', () => {
  it('the `format` enum names exactly the media types of the 200, and each is served as that type', async () => {
    const doc = (await app.inject('/openapi.json')).json() as OpenApiDocument;
    const byMedia = new Map(Object.entries(RENDERERS).map(([name, r]) => [r.mediaType, name]));
    let routes = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get as {
        parameters?: { name: string; in: string; schema: { enum?: string[] } }[];
        responses: Record<string, { content?: Record<string, unknown> }>;
      };
      const format = op.parameters?.find((p) => p.name === 'format' && p.in === 'query');
      if (!format) continue;
      routes++;
      const media = Object.keys(op.responses['200']?.content ?? {});
      expect(
        media.map((m) => byMedia.get(m)),
        path,
      ).toEqual(format.schema.enum);
      if (path.includes('{')) continue;
      for (const name of format.schema.enum ?? []) {
        const res = await app.inject(`${path}?format=${name}`);
        expect(res.statusCode, `${path}?format=${name}`).toBe(200);
        expect(res.headers['content-type'], `${path}?format=${name}`).toBe(
          RENDERERS[name as keyof typeof RENDERERS].contentType,
        );
      }
    }
    expect(routes).toBeGreaterThanOrEqual(15);
  });
});
