// The explorer at /docs: titled as this API, and its copy of the document has no examples for Try it out to
// pre-fill; the public document keeps its examples and has no unused `…Input` schema components.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe("the explorer's assets, asked for by other spellings", () => {
  let port: number | undefined;
  const listening = async () => {
    if (port === undefined) {
      await app.listen({ host: '127.0.0.1', port: 0 });
      port = (app.server.address() as AddressInfo).port;
    }
    return port;
  };

  // Found by an attack pass: Swagger UI's file server refuses these with 403, which answered 500; and a relative or
  // encoded spelling of a real asset was cached as one more copy of it (a few dozen would empty the reply cache).
  it.each([
    '/docs/static/%00',
    '/docs/static/a%00b',
    '/docs/static/%5C..%5C..%5Cpackage.json',
    '/docs/static/a/../swagger-ui.css',
    '/docs/static/./swagger-ui.css',
    '/docs/static//swagger-ui.css',
    '/docs/static/swagger-ui%2Ecss',
  ])('%s is a 404 problem, and nothing is cached for it', async (url) => {
    // Over a socket, as sent (inject would resolve the dot segments first, as a browser does).
    const port = await listening();
    const before = app.representations.size;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, path: url }, resolve).on('error', reject),
    );
    res.resume();
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(app.representations.size).toBe(before);
  });

  it('the assets themselves, the document and the OAuth page (with its query) are served', async () => {
    const res = await app.inject('/docs/static/swagger-ui.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    for (const url of [
      '/docs',
      '/docs/json',
      '/docs/yaml',
      '/docs/static/oauth2-redirect.html?code=a%20b&state=c',
    ]) {
      expect((await app.inject(url)).statusCode, url).toBe(200);
    }
  });

  it('index.html redirects to the explorer, a query string or not (Swagger UI redirected that to itself)', async () => {
    for (const url of ['/docs/static/index.html', '/docs/static/index.html?x=1']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/docs/');
    }
  });
});
