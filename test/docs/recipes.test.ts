// The README's "Adding a format" and "Adding a route" recipes, walked: a format made here (a renderer and its line in
// RENDERERS) and offered on a route declared here (one represented() declaration, registered like the others) shows
// up in negotiation, in the OpenAPI document, in the generated client and in the start-up self-check, with nothing
// else edited. Also: the README names every file the recipes name, and those files exist.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { rankingsPayload } from '../../src/presenters/statistics.ts';
import { type Format, RENDERERS, type Renderer } from '../../src/render/index.ts';
import { represented } from '../../src/routes/content.ts';
import { rankingsQuery, rankingsResponse } from '../../src/schemas/exports.ts';
import { rankedRows } from '../../src/store/queries.ts';
import type { OpenApiDocument } from '../contract/openapi.ts';
import { seededDb } from '../helpers/app.ts';

const README = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const MEDIA = 'text/tab-separated-values';

// Step 1 of "Adding a format": a renderer (src/render/<name>.ts), here tab-separated values from the rows and
// columns every tabular renderer gets.
const tsv: Renderer = {
  mediaType: MEDIA,
  contentType: `${MEDIA}; charset=utf-8`,
  localized: true,
  tabular: true,
  render: (_payload, { rows }) => {
    const cell = (row: unknown, path: readonly string[]) =>
      String(path.reduce<unknown>((v, step) => (v as Record<string, unknown> | null)?.[step], row) ?? '');
    const columns = rows.columns.filter((c) => !c.list);
    return [
      columns.map((c) => c.name).join('\t'),
      ...rows.items.map((row) => columns.map((c) => cell(row, c.path)).join('\t')),
    ].join('\n');
  },
  bodySchema: () => z.string().meta({ description: 'The rows as tab-separated values.' }),
};

let app: FastifyInstance;
let doc: OpenApiDocument;
let checked: string[];
beforeAll(async () => {
  // Step 2: its line in src/render/index.ts's RENDERERS.
  (RENDERERS as Record<string, Renderer>).tsv = tsv;
  app = await buildApp({ config: testConfig(), db: seededDb() });
  // Step 3: its name in the `formats` of a route's declaration (here a route of its own, as "Adding a route" adds one).
  await app.register(async (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().get(
      '/v1/recipe-rankings',
      represented({
        tags: ['statistics'],
        operationId: 'listRecipeRankings',
        summary: 'The ranking, offered as TSV too',
        querystring: rankingsQuery,
        payload: rankingsResponse,
        formats: ['json', 'tsv' as Format],
      }),
      async (req, reply) =>
        reply.represent({
          build: (lang, { store }) => {
            const view = store.view(req.query.period);
            return { payload: rankingsPayload(view, rankedRows(view), lang) };
          },
        }),
    );
  });
  await app.ready();
  doc = (await app.inject('/openapi.json')).json() as OpenApiDocument;
  checked = await app.selfCheck();
});
afterAll(() => app.close());

describe('Adding a format, walked', () => {
  it('negotiation serves it by Accept and by ?format=', async () => {
    for (const res of [
      await app.inject({ url: '/v1/recipe-rankings', headers: { accept: MEDIA } }),
      await app.inject('/v1/recipe-rankings?format=tsv'),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(`${MEDIA}; charset=utf-8`);
      const [header, first] = res.body.split('\n');
      expect(header?.split('\t').slice(0, 5)).toEqual([
        'province_code',
        'province_slug',
        'province_name',
        'period',
        'value_usd',
      ]);
      expect(first?.split('\t').slice(0, 5)).toEqual([
        'IR-10',
        'isfahan',
        'Isfahan',
        '2024-early',
        '37500000',
      ]);
    }
  });

  it('only where a route offers it: elsewhere 400 for ?format= and 406 for Accept', async () => {
    expect((await app.inject('/v1/rankings?format=tsv')).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/rankings', headers: { accept: MEDIA } })).statusCode).toBe(406);
  });

  it('the OpenAPI document lists it in the route’s format parameter and 200 media types', () => {
    const op = doc.paths['/v1/recipe-rankings']?.get as unknown as {
      parameters: { name: string; schema: { enum?: string[] } }[];
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(op.parameters.find((p) => p.name === 'format')?.schema.enum).toEqual(['json', 'tsv']);
    expect(Object.keys(op.responses['200']?.content ?? {})).toEqual(['application/json', MEDIA]);
  });

  it('the generated client (npm run generate:client) types it', async () => {
    const types = astToString(await openapiTS(doc as unknown as OpenAPI3));
    const route = types.slice(types.indexOf('listRecipeRankings: {'));
    expect(route).toMatch(/"text\/tab-separated-values": string;/);
    expect(route).toMatch(/format\?: "json" \| "tsv";/);
  });

  it('the start-up self-check renders the new route with nothing else edited', () => {
    expect(checked).toContain('/v1/recipe-rankings');
  });
});

describe('the recipes in the README', () => {
  const section = (title: string) => {
    const start = README.indexOf(`### ${title}`);
    expect(start, title).toBeGreaterThan(-1);
    const end = README.indexOf('\n#', start + 4);
    return README.slice(start, end === -1 ? undefined : end);
  };

  it.each(['Adding a format', 'Adding a route', 'Adding a measure'])(
    '"%s" names files that exist',
    (title) => {
      const files = [...section(title).matchAll(/`((?:src|test|clients)\/[\w./-]+\.ts)`/g)].map(
        (m) => m[1] as string,
      );
      expect(files.length).toBeGreaterThan(1);
      for (const file of files)
        expect(fs.existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
    },
  );

  it('"Adding a format" names the steps this test walks', () => {
    const text = section('Adding a format');
    for (const step of ['src/render/index.ts', 'formats', 'npm run generate:client', 'tabular'])
      expect(text).toContain(step);
  });

  it('"Adding a route" names the registration, the client and the one list of undocumented routes', () => {
    const text = section('Adding a route');
    for (const step of [
      'represented(',
      'reply.represent(',
      'src/app.ts',
      'npm run generate:client',
      'test/helpers/routes.ts',
    ])
      expect(text).toContain(step);
  });
});
