// The routes the app registers are exactly the routes the OpenAPI document describes, plus an explicit allow-list
// of undocumented ones: nothing is served that the contract does not mention, and nothing documented is missing.
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenApiDocument } from './openapi.ts';

// Every route is collected as it is registered: the Fastify factory is wrapped so that the root instance gets an
// onRoute hook before buildApp registers anything (a hook added after build would see no route).
const registered = vi.hoisted(() => [] as { method: string; url: string }[]);
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const create = actual.default as unknown as (...args: unknown[]) => FastifyInstance;
  const factory = ((...args: unknown[]) => {
    const instance = create(...args);
    instance.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) registered.push({ method, url: route.url });
    });
    return instance;
  }) as typeof actual.default;
  return { ...actual, default: factory, fastify: factory };
});

const { testApp } = await import('../helpers/app.ts');

/**
 * Undocumented GET routes that may exist: the document itself, the Swagger UI that renders it, and the pages for
 * people (home page, charts, a source's text, the stylesheet).
 */
const ALLOWED_UNDOCUMENTED = [
  /^\/openapi\.json$/,
  /^\/docs$/,
  /^\/docs\/.*$/,
  /^\/$/,
  /^\/charts\/[a-z]+\.svg$/,
  /^\/sources\/\{id\}$/,
  /^\/assets\/site\.css$/,
];

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('route inventory', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    app = await testApp();
    doc = (await app.inject('/openapi.json')).json() as OpenApiDocument;
  });
  afterAll(() => app.close());

  it('collects the routes as they are registered', () => {
    expect(registered.filter((r) => r.method === 'GET').length).toBeGreaterThan(10);
    // Every GET route collected is one the router serves. (The router also holds `/docs/`, the trailing-slash twin
    // Fastify adds for a prefixed `/` route without calling onRoute again; the allow-list covers it.)
    for (const { method, url } of registered.filter((r) => r.method === 'GET')) {
      expect(app.hasRoute({ method: 'GET', url }), `${method} ${url}`).toBe(true);
    }
  });

  it('serves GET on exactly the documented paths plus the allow-list', () => {
    const served = [
      ...new Set(registered.filter((r) => r.method === 'GET').map((r) => toOpenApiPath(r.url))),
    ];
    const documented = Object.entries(doc.paths)
      .filter(([, item]) => item.get !== undefined)
      .map(([path]) => path);
    const undocumented = served.filter(
      (p) => !documented.includes(p) && !ALLOWED_UNDOCUMENTED.some((re) => re.test(p)),
    );
    const unserved = documented.filter((p) => !served.includes(p));
    expect(
      { undocumented, unserved },
      `GET routes not in the document: ${undocumented.join(', ') || 'none'}; documented paths not served: ${unserved.join(', ') || 'none'}`,
    ).toEqual({ undocumented: [], unserved: [] });
    // The allow-list is not a blanket: each entry matches a route that exists.
    for (const re of ALLOWED_UNDOCUMENTED)
      expect(
        served.some((p) => re.test(p)),
        String(re),
      ).toBe(true);
  });

  it('documents only GET operations and registers no method that changes state', () => {
    const documentedMethods = new Set(Object.values(doc.paths).flatMap((item) => Object.keys(item)));
    documentedMethods.delete('parameters');
    expect([...documentedMethods]).toEqual(['get']);
    const methods = new Set(registered.map((r) => r.method));
    expect([...methods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});
