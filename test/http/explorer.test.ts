// The explorer at /docs: titled as this API, and its copy of the document has no examples for Try it out to
// pre-fill; the public document keeps its examples and has no unused `…Input` schema components.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

type Param = { name: string; example?: unknown; examples?: unknown; description?: string; schema?: object };
type Doc = { paths: Record<string, { get?: { parameters?: Param[] } }>; components: { schemas: object } };

describe('/docs', () => {
  it('is titled nano-exports-api', async () => {
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>nano-exports-api</title>');
    expect(res.body).not.toContain('Swagger UI</title>');
  });

  it('gives Swagger UI parameters without examples to pre-fill, the examples moved to the description', async () => {
    const doc = (await app.inject('/docs/json')).json() as Doc;
    const params = Object.values(doc.paths).flatMap((item) => item.get?.parameters ?? []);
    expect(params.length).toBeGreaterThan(10);
    for (const p of params) {
      expect(p.example, p.name).toBeUndefined();
      expect(p.examples, p.name).toBeUndefined();
      expect(JSON.stringify(p.schema ?? {}), p.name).not.toMatch(/"examples?"/);
    }
    const lang = doc.paths['/v1/rankings']?.get?.parameters?.find((p) => p.name === 'lang');
    expect(lang?.description).toContain('Example: `fa`');
  });

  it('leaves /openapi.json its examples, without unused …Input schemas', async () => {
    const doc = (await app.inject('/openapi.json')).json() as Doc;
    const lang = doc.paths['/v1/rankings']?.get?.parameters?.find((p) => p.name === 'lang');
    expect(lang?.example).toBe('fa');
    const names = Object.keys(doc.components.schemas);
    expect(names).toContain('ExportRow');
    expect(names.filter((n) => n.endsWith('Input'))).toEqual([]);
    expect(JSON.stringify(doc)).not.toMatch(/#\/components\/schemas\/\w+Input"/);
  });
});
