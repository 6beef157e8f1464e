// The routes the app serves (read from its router with app.printRoutes()) are exactly the routes the OpenAPI
// document describes, plus an explicit allow-list of undocumented ones: nothing is served that the contract does not
// mention, and nothing documented is missing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { ALLOWED_UNDOCUMENTED, apiPaths, servedRoutes } from '../helpers/routes.ts';
import type { OpenApiDocument } from './openapi.ts';

describe('route inventory', () => {
  let app: FastifyInstance;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    app = await testApp();
    doc = (await app.inject('/openapi.json')).json() as OpenApiDocument;
  });
  afterAll(() => app.close());

  it('reads the routes from the router: each one listed is one the router serves', () => {
    const routes = servedRoutes(app);
    expect(routes.filter((r) => r.methods.includes('GET')).length).toBeGreaterThan(20);
    expect(routes).toContainEqual({ path: '/v1/provinces/{province}/history', methods: ['GET', 'HEAD'] });
    // (A wildcard such as Swagger UI's `/docs/*` is a pattern, not a URL hasRoute takes.)
    for (const r of routes.filter((x) => x.methods.includes('GET') && !x.path.includes('*'))) {
      const url = r.path.replace(/\{(\w+)\}/g, ':$1');
      expect(app.hasRoute({ method: 'GET', url }), r.path).toBe(true);
    }
  });

  it('serves GET on exactly the documented paths plus the allow-list', () => {
    const documented = Object.entries(doc.paths)
      .filter(([, item]) => item.get !== undefined)
      .map(([path]) => path)
      .sort();
    expect(apiPaths(app)).toEqual(documented);
    // The allow-list is not a blanket: each entry matches a route that exists.
    const served = servedRoutes(app).map((r) => r.path);
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
    const methods = new Set(servedRoutes(app).flatMap((r) => r.methods));
    expect([...methods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});
